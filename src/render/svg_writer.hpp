// citemap's own SVG writer: named layers, ids, titles, citation data, links and real text.
#pragma once

#include "scene/scene.hpp"

#include <filesystem>
#include <string>

namespace citemap {

struct SvgOptions {
    bool standalone = true;     // XML declaration; off when inlined into HTML
    bool text_as_paths = false; // glyph outlines instead of <text>: identical without the fonts
};

[[nodiscard]] std::string render_svg(const Scene& scene, const SvgOptions& options = {});
void write_svg(const Scene& scene, const std::filesystem::path& target, const SvgOptions& options = {});
// A standalone SVG (as render_svg writes it) made ready for inlining into HTML: the XML declaration
// dropped, nothing else touched. Saves rendering a large map a second time for article.html.
[[nodiscard]] std::string inline_svg(std::string standalone);

} // namespace citemap

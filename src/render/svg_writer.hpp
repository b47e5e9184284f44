// citemap's own SVG writer: named layers, ids, titles, citation data, links and real text.
#pragma once

#include "scene/scene.hpp"

#include <filesystem>
#include <string>

namespace citemap {

struct SvgOptions {
    bool standalone = true; // XML declaration; off when inlined into HTML
};

[[nodiscard]] std::string render_svg(const Scene& scene, const SvgOptions& options = {});
void write_svg(const Scene& scene, const std::filesystem::path& target);

} // namespace citemap

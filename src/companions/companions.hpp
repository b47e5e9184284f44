// The files render writes beside the map: the citation list, W3C annotations, and the article page.
#pragma once

#include "project/project.hpp"

#include <filesystem>
#include <string>

namespace citemap {

[[nodiscard]] std::string citations_markdown(const Project& p);
[[nodiscard]] std::string annotations_jsonld(const Project& p, const std::string& date_iso);
[[nodiscard]] std::string citations_json(const Project& p); // `cite --json`
[[nodiscard]] std::string article_html(const Project& p, const std::string& inline_svg);
// alt_text: the map's description for screen readers and report appendices (also in the SVG's <desc>).
void write_companions(const Project& p, const std::filesystem::path& dir, const std::string& inline_svg,
                      const std::string& date_iso, const std::string& alt_text);

// A figure's citations for the document's caption, numbered as the markers: Markdown, LaTeX, HTML.
[[nodiscard]] std::string caption_markdown(const Project& p);
[[nodiscard]] std::string caption_latex(const Project& p);
[[nodiscard]] std::string caption_html(const Project& p);
// Writes BASE.caption.md, BASE.caption.tex and BASE.caption.html.
void write_caption_companions(const Project& p, const std::filesystem::path& base);

} // namespace citemap

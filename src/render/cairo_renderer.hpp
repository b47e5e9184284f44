// PNG and PDF backends: draw a Scene through Cairo, nothing more.
#pragma once

#include "scene/scene.hpp"

#include <cairo.h>
#include <filesystem>
#include <vector>

namespace citemap {

void draw_scene(cairo_t* cr, const Scene& scene);
void write_png(const Scene& scene, const std::filesystem::path& target, double dpi);
void write_pdf(const Scene& scene, const std::filesystem::path& target);
// A multi-page PDF: the map sheet, then the sheets its citations continue on.
void write_pdf(const std::vector<const Scene*>& sheets, const std::filesystem::path& target);

} // namespace citemap

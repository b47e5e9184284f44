// PNG and PDF backends: draw a Scene through Cairo, nothing more.
#pragma once

#include "scene/scene.hpp"

#include <cairo.h>
#include <filesystem>
#include <vector>
#include <optional>
#include <string>

namespace citemap {

// With `region` (page points), items whose drawing cannot reach it are skipped.
void draw_scene(cairo_t* cr, const Scene& scene, const Box* region = nullptr);
// Why this scene cannot be rasterised at `dpi` (nullopt: it can); render and check ask before writing.
[[nodiscard]] std::optional<std::string> raster_problem(const Scene& scene, double dpi);
// `band_bytes`: as write_png_file's (0: images up to 8 MB whole, larger ones in bands of 4 MB); no band
// edge cuts a hatched item, so the pixels do not depend on the bands.
void write_png(const Scene& scene, const std::filesystem::path& target, double dpi, std::size_t band_bytes = 0);
// The image alone, without write_png's georeferencing sidecars (render writes those as a task of their
// own, so their syncs to disk do not wait behind the image's).
void write_png_image(const Scene& scene, const std::filesystem::path& target, double dpi, std::size_t band_bytes = 0);
void write_pdf(const Scene& scene, const std::filesystem::path& target);
// A multi-page PDF: the map sheet, then the sheets its citations continue on.
void write_pdf(const std::vector<const Scene*>& sheets, const std::filesystem::path& target);

} // namespace citemap

// PNG and PDF backends: draw a Scene through Cairo, nothing more.
#pragma once

#include "scene/scene.hpp"

#include <cairo.h>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <vector>
#include <optional>
#include <span>
#include <string>

namespace citemap {

// With `region` (page points), items whose drawing cannot reach it are skipped.
void draw_scene(cairo_t* cr, const Scene& scene, const Box* region = nullptr);
// Only items [from, to), counted over all layers in drawing order (the background with the first).
// `reach`, when given, holds each item's reach in that order (bounds inflated by what its drawing adds).
void draw_scene_items(cairo_t* cr, const Scene& scene, const Box* region, std::size_t from, std::size_t to,
                      std::span<const Box> reach = {});
// Why this scene cannot be rasterised at `dpi` (nullopt: it can); render and check ask before writing.
[[nodiscard]] std::optional<std::string> raster_problem(const Scene& scene, double dpi);
// `band_bytes`: as write_png_file's (0: images up to 8 MB whole, larger ones in bands of 4 MB); no band
// edge cuts a hatched item, so the pixels do not depend on the bands.
void write_png(const Scene& scene, const std::filesystem::path& target, double dpi, std::size_t band_bytes = 0);
// The image alone, without write_png's georeferencing sidecars (render writes those as a task of their
// own, so their syncs to disk do not wait behind the image's).
void write_png_image(const Scene& scene, const std::filesystem::path& target, double dpi, std::size_t band_bytes = 0);
// write_png_image as tasks for run_parallel on `jobs` threads: the first writes the image; a second
// (jobs >= 2, when the image has a band of kPngSplitBytes or more: hatched zones across the page make it
// one band) waits for the first to draw that band's items up to the last hatched one across its middle,
// then draws the rest on the lower half of its rows while the first draws the upper half. Run it after
// every other task. The bytes are write_png_image's, whichever task draws the lower half: the first
// draws it itself when the second has not started by then.
[[nodiscard]] std::vector<std::function<void()>> png_image_tasks(const Scene& scene, const std::filesystem::path& target,
                                                                 double dpi, unsigned jobs, std::size_t band_bytes = 0);
void write_pdf(const Scene& scene, const std::filesystem::path& target);
// A multi-page PDF: the map sheet, then the sheets its citations continue on.
void write_pdf(const std::vector<const Scene*>& sheets, const std::filesystem::path& target);

} // namespace citemap

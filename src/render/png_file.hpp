// PNG encoding with libpng: Cairo's own writer records neither the DPI (pHYs) nor any text metadata.
#pragma once

#include "scene/scene.hpp"

#include <cstdint>
#include <filesystem>

namespace citemap {

// The pHYs value for `dpi`: one that readers which round and readers which truncate both read as `dpi`.
[[nodiscard]] std::uint32_t pixels_per_metre(double dpi);

// `argb` is Cairo's premultiplied native-endian ARGB32; the page background is opaque, so RGB (or a
// palette, when the page has at most 256 colours) is written. The rows are converted and deflated a
// stripe at a time (png_deflate), so a 300 dpi page needs no second full-size buffer.
void write_png_file(const std::filesystem::path& path, const unsigned char* argb, int width, int height,
                    int stride, double dpi, const Metadata& meta);

} // namespace citemap

// PNG encoding with libpng: Cairo's own writer records neither the DPI (pHYs) nor any text metadata.
#pragma once

#include "scene/scene.hpp"

#include <cstdint>
#include <cstddef>
#include <filesystem>
#include <functional>

namespace citemap {

// The pHYs value for `dpi`: one that readers which round and readers which truncate both read as `dpi`.
[[nodiscard]] std::uint32_t pixels_per_metre(double dpi);

// Draws rows [first, first + count) of the image into `argb` (Cairo's premultiplied native-endian
// ARGB32, `stride` bytes a row, all zero).
using DrawRows = std::function<void(int first, int count, unsigned char* argb, int stride)>;

// Images up to this size are drawn whole (A3 at 300 dpi is 70 MB); larger ones in bands of about
// kPngBandBytes.
constexpr std::size_t kPngWholeBytes = std::size_t{128} << 20;
constexpr std::size_t kPngBandBytes = std::size_t{16} << 20;

// The image, drawn by `draw` a band of about `band_bytes` at a time, at most two bands in memory
// (`band_bytes` 0: by the default rule above).
// The page background is opaque, so RGB (or a palette, when the page has at most 256 colours) is
// written. The bytes do not depend on the band size: the rows are deflated a stripe at a time
// (png_deflate), in stripes that bands never cut.
void write_png_file(const std::filesystem::path& path, int width, int height, double dpi, const Metadata& meta,
                    const DrawRows& draw, std::size_t band_bytes = 0);

// An image already in memory (`argb` as above, unchanged).
void write_png_file(const std::filesystem::path& path, const unsigned char* argb, int width, int height,
                    int stride, double dpi, const Metadata& meta);

} // namespace citemap

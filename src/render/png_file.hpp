// PNG encoding with libpng: Cairo's own writer records neither the DPI (pHYs) nor any text metadata.
#pragma once

#include "scene/scene.hpp"

#include <cstdint>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <utility>
#include <vector>

namespace citemap {

// The pHYs value for `dpi`: one that readers which round and readers which truncate both read as `dpi`.
[[nodiscard]] std::uint32_t pixels_per_metre(double dpi);

// Draws rows [first, first + count) of the image into `argb` (Cairo's premultiplied native-endian
// ARGB32, `stride` bytes a row, all zero unless the drawing covers every pixel: write_png_file's
// `covers`).
using DrawRows = std::function<void(int first, int count, unsigned char* argb, int stride)>;

// Images up to this size are drawn whole; larger ones (an A4 page at 300 dpi is 35 MB) in bands of
// about kPngBandBytes, two of them in memory at a time.
constexpr std::size_t kPngWholeBytes = std::size_t{8} << 20;
constexpr std::size_t kPngBandBytes = std::size_t{4} << 20;
// A band this large (one that a hatched item made most of the page) is worth drawing on two threads.
constexpr std::size_t kPngSplitBytes = 3 * kPngBandBytes;

// Where the bands of an image `height` rows high start: multiples of `stripe` (the encoder's) about
// `band_rows` apart, and never inside one of `keep_whole`'s row ranges [first, end) (a range taller
// than `band_rows` gets a taller band). The first is 0.
[[nodiscard]] std::vector<std::size_t> png_band_starts(std::size_t height, std::size_t stripe, std::size_t band_rows,
                                                       const std::vector<std::pair<int, int>>& keep_whole);

// Where write_png_file's bands start for an image `width` x `height` (`band_bytes` and `keep_whole` as
// there): {0} when it is drawn whole.
[[nodiscard]] std::vector<std::size_t> png_bands(int width, int height, std::size_t band_bytes,
                                                 const std::vector<std::pair<int, int>>& keep_whole);

// The image, drawn by `draw` a band of about `band_bytes` at a time, at most two bands in memory
// (`band_bytes` 0: by the default rule above), no band boundary inside a range of `keep_whole`.
// The page background is opaque, so RGB (or a palette, when the page has at most 256 colours) is
// written. The bytes do not depend on the band size: the rows are deflated a stripe at a time
// (png_deflate), in stripes that bands never cut. `covers`: `draw` sets every pixel of its rows
// opaque whatever they held (it paints an opaque background first), so its buffer is not cleared.
void write_png_file(const std::filesystem::path& path, int width, int height, double dpi, const Metadata& meta,
                    const DrawRows& draw, std::size_t band_bytes = 0,
                    const std::vector<std::pair<int, int>>& keep_whole = {}, bool covers = false);

// An image already in memory (`argb` as above, unchanged).
void write_png_file(const std::filesystem::path& path, const unsigned char* argb, int width, int height,
                    int stride, double dpi, const Metadata& meta);

} // namespace citemap

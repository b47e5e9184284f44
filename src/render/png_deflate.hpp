// The PNG image data as one zlib stream, deflated by citemap's own encoder for map rows, in parallel.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

namespace citemap {

// What the encoder reads: `height` rows of `row_bytes` bytes each (the filter byte included), made
// on demand by `make_row(y, out)`, so the full-size filtered image never exists in memory.
// `pixel_bytes` is the distance at which a pixel repeats its left neighbour (3 for RGB, 1 for a
// palette).
struct PngRows {
    std::size_t row_bytes = 0;
    std::size_t height = 0;
    std::size_t pixel_bytes = 1;
    std::function<void(std::size_t y, unsigned char* out)> make_row;
};

// A valid zlib stream (RFC 1950/1951) of all rows in order, in pieces (one per stripe) to be written
// one after the other, so the whole stream is never copied into one buffer. The bytes are a function of the rows
// alone: the rows are cut into stripes of a fixed size (never of the thread count), each stripe is
// encoded from the same data whichever thread takes it, and the stripes meet on byte boundaries,
// so `jobs` changes the time, never the output. Matches reach back into the stripe before, so the
// cut costs almost nothing in size. Throws std::bad_alloc.
[[nodiscard]] std::vector<std::vector<unsigned char>> deflate_png_rows(const PngRows& rows, unsigned jobs);

} // namespace citemap

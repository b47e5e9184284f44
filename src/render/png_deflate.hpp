// The PNG image data as one zlib stream, deflated by citemap's own encoder for map rows, in parallel.
#pragma once

#include <cstddef>
#include <cstdint>
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

// Rows per stripe for an image `width` pixels wide (the same for RGB and palette rows).
[[nodiscard]] std::size_t png_stripe_rows(std::size_t width);

// The encoder fed in row order, for an image drawn a band at a time: `encode(last, ...)` deflates
// every stripe that ends at or before row `last` (on all threads), asking `make_row` for its rows and
// for the `history_rows()` before it, which its matches may reach. A caller that draws in bands of
// a multiple of `stripe_rows()` rows, keeping the band before, never has to draw a row twice.
class PngRowEncoder {
  public:
    PngRowEncoder(std::size_t row_bytes, std::size_t height, std::size_t pixel_bytes, std::size_t stripe_rows);
    [[nodiscard]] std::size_t stripe_rows() const { return stripe_rows_; }
    [[nodiscard]] std::size_t history_rows() const { return history_rows_; }
    // `alongside` runs on the calling thread while the other threads start on the stripes.
    void encode(std::size_t last, const std::function<void(std::size_t y, unsigned char* out)>& make_row,
                unsigned jobs, const std::function<void()>& alongside = {});
    // A valid zlib stream (RFC 1950/1951) of all rows in order, in pieces (one per stripe) to be
    // written one after the other, so it is never copied into one buffer. Every row must be encoded.
    [[nodiscard]] std::vector<std::vector<unsigned char>> finish();

  private:
    std::size_t row_bytes_, height_, pixel_bytes_, stripe_rows_, history_rows_;
    std::size_t next_ = 0; // the first stripe not encoded yet
    std::vector<std::vector<unsigned char>> parts_;
    std::vector<std::uint32_t> adlers_;
};

// All rows at once. The bytes are a function of the rows alone: the rows are cut into stripes of
// png_stripe_rows (never of the thread count), each stripe is encoded from the same data whichever
// thread takes it, and the stripes meet on byte boundaries, so `jobs` changes the time, never the
// output. Matches reach back into the stripe before, so the cut costs almost nothing in size.
// Throws std::bad_alloc.
[[nodiscard]] std::vector<std::vector<unsigned char>> deflate_png_rows(const PngRows& rows, unsigned jobs);

} // namespace citemap

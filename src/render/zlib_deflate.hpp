// One zlib stream (RFC 1950) deflated by libdeflate: the PNG image data and the PDF streams.
#pragma once

#include <cstddef>
#include <memory>

namespace citemap {

struct Deflated {
    std::unique_ptr<unsigned char[]> data;
    std::size_t size = 0;
};

// How hard to look for matches: `fast` for the PNG image data (tens of MB at 300 dpi), `small` for
// PDF streams (kilobytes, where time does not matter).
enum class DeflateEffort { fast, small };

// The same bytes for the same input in every run and process (libdeflate's output depends only on
// its input, level and version). Throws std::bad_alloc; returns size 0 only if libdeflate fails.
[[nodiscard]] Deflated zlib_deflate(const unsigned char* in, std::size_t n, DeflateEffort effort);

} // namespace citemap

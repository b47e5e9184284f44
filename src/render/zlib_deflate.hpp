// One zlib stream (RFC 1950) deflated by ISA-L: the PNG image data and the PDF streams.
#pragma once

#include <cstddef>
#include <memory>

namespace citemap {

struct Deflated {
    std::unique_ptr<unsigned char[]> data;
    std::size_t size = 0;
};

// Level 2, ISA-L's best fast level. Deterministic on a machine (ISA-L picks its code by CPU
// features, so another machine may choose other matches for the same input). Throws std::bad_alloc
// or std::length_error (more than 4 GiB); returns size 0 only if ISA-L itself fails.
[[nodiscard]] Deflated zlib_deflate(const unsigned char* in, std::size_t n);

} // namespace citemap

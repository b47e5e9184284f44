// libdeflate, not ISA-L: ISA-L's levels 1-2 (about 7x faster on a 300 dpi page) gave another valid
// stream for the same input in about one process in a hundred (a 358-byte PDF stream deflated in
// 300 fresh processes: 2-3 differed; none with address-space randomisation off), which broke
// byte-identical outputs. libdeflate's output is a function of the input and level.
#include "render/zlib_deflate.hpp"

#include <libdeflate.h>

#include <new>

namespace citemap {

namespace {

struct CompressorFree {
    void operator()(libdeflate_compressor* c) const { libdeflate_free_compressor(c); }
};

} // namespace

Deflated zlib_deflate(const unsigned char* in, std::size_t n, DeflateEffort effort) {
    // Level 1 on map pages: 12 % smaller than ISA-L level 2, at about 65 ms for an A4 page at
    // 300 dpi (26 MB of rows); level 6 for the small PDF streams.
    const std::unique_ptr<libdeflate_compressor, CompressorFree> c(
        libdeflate_alloc_compressor(effort == DeflateEffort::fast ? 1 : 6));
    if (!c)
        throw std::bad_alloc();
    const std::size_t bound = libdeflate_zlib_compress_bound(c.get(), n);
    Deflated out;
    // Not value-initialised: only the pages the compressed stream reaches become resident.
    out.data.reset(new unsigned char[bound]);
    out.size = libdeflate_zlib_compress(c.get(), in, n, out.data.get(), bound);
    return out;
}

} // namespace citemap

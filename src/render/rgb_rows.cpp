// Cairo's image rows as PNG's RGB bytes: the last step before deflate, run on every pixel of the page
// (8.7 M for A4 at 300 dpi), so it is written for the opaque pixels that make nearly all of it.
#include "render/rgb_rows.hpp"

#include <bit>
#include <cstring>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define CITEMAP_RGB_SSSE3 1
#endif

namespace citemap {

static_assert(std::endian::native == std::endian::little, "the words below are stored little-endian");

namespace {

void put(unsigned char* at, std::uint32_t c) {
    at[0] = static_cast<unsigned char>(c >> 16);
    at[1] = static_cast<unsigned char>(c >> 8);
    at[2] = static_cast<unsigned char>(c);
}

#ifdef CITEMAP_RGB_SSSE3
// Eight pixels at a time while at least ten remain: when all eight are opaque, each four (B G R A in
// memory) are shuffled into twelve bytes R G B and stored as sixteen, the last four rewritten by the
// next pixels. About 2 instructions a pixel, where the portable words take 9.5 (83 M instructions a
// page, 8 % of the small bench render).
__attribute__((target("ssse3"))) void rgb_row_ssse3(const unsigned char* argb, int width, unsigned char* rgb) {
    const __m128i order = _mm_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1);
    const __m128i ones = _mm_set1_epi8(-1);
    int x = 0;
    for (; x + 10 <= width; x += 8) {
        const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(argb + 4 * static_cast<std::ptrdiff_t>(x)));
        const __m128i b =
            _mm_loadu_si128(reinterpret_cast<const __m128i*>(argb + 4 * static_cast<std::ptrdiff_t>(x + 4)));
        unsigned char* p = rgb + 3 * static_cast<std::ptrdiff_t>(x);
        if ((_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(a, b), ones)) & 0x8888) != 0x8888) {
            rgb_row_portable(argb + 4 * static_cast<std::ptrdiff_t>(x), 8, p);
            continue;
        }
        _mm_storeu_si128(reinterpret_cast<__m128i*>(p), _mm_shuffle_epi8(a, order));
        _mm_storeu_si128(reinterpret_cast<__m128i*>(p + 12), _mm_shuffle_epi8(b, order));
    }
    rgb_row_portable(argb + 4 * static_cast<std::ptrdiff_t>(x), width - x, rgb + 3 * static_cast<std::ptrdiff_t>(x));
}
#endif

} // namespace

void rgb_row_portable(const unsigned char* argb, int width, unsigned char* rgb) {
    // Four pixels at a time while more follow: when all four are opaque each is stored as one word,
    // R G B and a byte the next word overwrites. One pixel at a time, unpremultiplied and stored byte
    // by byte, the rows took 174 M instructions of the small bench render's 1,117 M; this way 83 M.
    unsigned char* p = rgb;
    int x = 0;
    for (; x + 4 < width; x += 4, p += 12) {
        std::uint32_t px[4];
        std::memcpy(px, argb + 4 * static_cast<std::ptrdiff_t>(x), sizeof px);
        if ((px[0] & px[1] & px[2] & px[3]) >> 24 == 0xFF) {
            // Written out: -O2 does not unroll the loop over four.
            const std::uint32_t out[4] = {__builtin_bswap32(px[0]) >> 8, __builtin_bswap32(px[1]) >> 8,
                                          __builtin_bswap32(px[2]) >> 8, __builtin_bswap32(px[3]) >> 8};
            std::memcpy(p, &out[0], 4); // bytes R, G, B, 0
            std::memcpy(p + 3, &out[1], 4);
            std::memcpy(p + 6, &out[2], 4);
            std::memcpy(p + 9, &out[3], 4);
        } else {
            for (int k = 0; k < 4; ++k)
                put(p + 3 * k, unpremultiply(px[k]));
        }
    }
    for (; x < width; ++x, p += 3) {
        std::uint32_t px;
        std::memcpy(&px, argb + 4 * static_cast<std::ptrdiff_t>(x), 4);
        put(p, unpremultiply(px));
    }
}

void rgb_row(const unsigned char* argb, int width, unsigned char* rgb) {
#ifdef CITEMAP_RGB_SSSE3
    static const bool ssse3 = __builtin_cpu_supports("ssse3");
    if (ssse3) {
        rgb_row_ssse3(argb, width, rgb);
        return;
    }
#endif
    rgb_row_portable(argb, width, rgb);
}

} // namespace citemap

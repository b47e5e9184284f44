// Cairo's image rows (premultiplied ARGB32 in native-endian words) as the RGB bytes a PNG stores.
#pragma once

#include <algorithm>
#include <cstdint>

namespace citemap {

// Cairo's premultiplied ARGB32 -> 0xRRGGBB. The page is painted opaque, so nearly every pixel takes
// the first branch; the division only runs on the rare translucent one.
inline std::uint32_t unpremultiply(std::uint32_t px) {
    const unsigned a = px >> 24;
    if (a == 255)
        return px & 0xFFFFFF;
    auto un = [a](unsigned c) { return a == 0 ? 255u : std::min(255u, (c * 255 + a / 2) / a); };
    return un((px >> 16) & 0xFF) << 16 | un((px >> 8) & 0xFF) << 8 | un(px & 0xFF);
}

// `width` pixels from `argb` as 3 * `width` bytes R, G, B at `rgb`, unpremultiplied. With SSSE3 (checked
// at run time) when the processor has it, else rgb_row_portable: the same bytes either way.
void rgb_row(const unsigned char* argb, int width, unsigned char* rgb);

// The same without SIMD instructions.
void rgb_row_portable(const unsigned char* argb, int width, unsigned char* rgb);

} // namespace citemap

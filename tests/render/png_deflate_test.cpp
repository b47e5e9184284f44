// The PNG row encoder on generated images (flat, noisy, anti-aliased, hatched, tiny, one pixel wide,
// rows wider than deflate's window, many stripes): zlib inflates every stream back to the rows (and
// checks its Adler-32), the bytes are the same for every thread count and call, and map-like images
// compress about as well as zlib's fastest level.
#include "render/png_deflate.hpp"
#include "test_support.hpp"

#include <zlib.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

using namespace citemap;

namespace {

struct Rows {
    std::size_t row_bytes, height, pixel_bytes;
    std::vector<unsigned char> data; // filtered rows, filter byte 0
};

// `sample(x, y, channel)` for every byte after each row's filter byte.
template <typename F>
Rows image(std::size_t width, std::size_t height, std::size_t channels, F sample) {
    Rows r{width * channels + 1, height, channels, {}};
    r.data.reserve(r.row_bytes * height);
    for (std::size_t y = 0; y < height; ++y) {
        r.data.push_back(0);
        for (std::size_t x = 0; x < width; ++x)
            for (std::size_t c = 0; c < channels; ++c)
                r.data.push_back(static_cast<unsigned char>(sample(x, y, c)));
    }
    return r;
}

std::string encode(const Rows& r, unsigned jobs) {
    PngRows rows;
    rows.row_bytes = r.row_bytes;
    rows.height = r.height;
    rows.pixel_bytes = r.pixel_bytes;
    rows.make_row = [&r](std::size_t y, unsigned char* out) {
        std::copy_n(r.data.begin() + static_cast<std::ptrdiff_t>(y * r.row_bytes), r.row_bytes, out);
    };
    std::string z;
    for (const auto& piece : deflate_png_rows(rows, jobs))
        z.append(reinterpret_cast<const char*>(piece.data()), piece.size());
    return z;
}

std::vector<unsigned char> inflate(const std::string& z, std::size_t expected) {
    std::vector<unsigned char> out(expected + 16);
    uLongf got = out.size();
    const int rc = uncompress(out.data(), &got, reinterpret_cast<const Bytef*>(z.data()), z.size());
    REQUIRE(rc == Z_OK); // also checks the zlib header and the Adler-32 of the whole image
    out.resize(got);
    return out;
}

std::size_t zlib_fastest_size(const Rows& r) {
    uLongf size = compressBound(r.data.size());
    std::vector<unsigned char> out(size);
    REQUIRE(compress2(out.data(), &size, r.data.data(), r.data.size(), 1) == Z_OK);
    return size;
}

// Inflates to the rows, and the same bytes for 1, 2, 3 and 8 threads.
std::string check_round_trip(const Rows& r) {
    const std::string one = encode(r, 1);
    CHECK(inflate(one, r.data.size()) == r.data);
    for (unsigned jobs : {2u, 3u, 8u}) {
        CAPTURE(jobs);
        CHECK(encode(r, jobs) == one);
    }
    return one;
}

// A map-like page: flat fills split by anti-aliased edges, a diagonal hatch, thin lines and text-like
// noise in a corner.
unsigned map_like(std::size_t x, std::size_t y, std::size_t c, std::mt19937& rng) {
    const double edge = 0.37 * static_cast<double>(x) + 40 * std::sin(static_cast<double>(y) / 37.0);
    const double d = static_cast<double>(y) - edge;
    unsigned base = d < 0 ? 200 + 20 * c : 90 + 50 * c;
    if (std::abs(d) < 1.5)
        base = static_cast<unsigned>(145 + 35 * c + d * 30);
    if (d > 0 && (x + y) % 12 < 2)
        base = 60; // hatch
    if (x % 200 == 0)
        base = 30; // graticule
    if (x < 120 && y < 80 && rng() % 3 == 0)
        base = rng() & 255; // text-like detail
    return base;
}

} // namespace

TEST_CASE("PNG rows deflate to a zlib stream that inflates back, whatever the image") {
    std::mt19937 rng(7);
    SUBCASE("flat") { check_round_trip(image(640, 480, 3, [](auto, auto, auto c) { return 230 - c; })); }
    SUBCASE("noise, stored where Huffman coding does not pay") {
        const Rows r = image(517, 211, 3, [&](auto, auto, auto) { return rng() & 255; });
        const std::string z = check_round_trip(r);
        CHECK(z.size() < r.data.size() + r.data.size() / 100 + 64);
    }
    SUBCASE("skewed byte frequencies need codes limited to 15 bits") {
        // Byte k about 2^-k of the time: an unlimited Huffman code would be ~30 bits deep.
        check_round_trip(image(4001, 50, 3, [&](auto, auto, auto) {
            unsigned k = 0;
            while (k < 40 && (rng() & 1))
                ++k;
            return k * 6;
        }));
    }
    SUBCASE("map-like, as small as zlib's fastest level") {
        const Rows r = image(1500, 900, 3, [&](auto x, auto y, auto c) { return map_like(x, y, c, rng); });
        const std::string z = check_round_trip(r);
        CHECK(z.size() < zlib_fastest_size(r) * 11 / 10);
    }
    SUBCASE("palette indices") {
        const Rows r = image(777, 300, 1, [&](auto x, auto y, auto) { return map_like(x, y, 0, rng) / 16; });
        check_round_trip(r);
    }
    SUBCASE("one pixel") { check_round_trip(image(1, 1, 3, [](auto, auto, auto c) { return c; })); }
    SUBCASE("one pixel wide, many stripes") {
        check_round_trip(image(1, 70000, 3, [](auto, auto y, auto c) { return (y / 300 + c) % 7; }));
    }
    SUBCASE("rows wider than the 32 KiB window") {
        check_round_trip(image(12000, 40, 3, [&](auto x, auto y, auto c) { return map_like(x, y, c, rng); }));
    }
    SUBCASE("random sizes") {
        for (int i = 0; i < 20; ++i) {
            const std::size_t w = 1 + rng() % 300, h = 1 + rng() % 300, ch = rng() % 2 ? 3 : 1;
            CAPTURE(w);
            CAPTURE(h);
            const unsigned period = 1 + rng() % 9, noise = rng() % 4;
            check_round_trip(image(w, h, ch, [&](auto x, auto y, auto c) {
                return noise && rng() % (noise * 50) == 0 ? rng() & 255 : (x / period + y / 3 + c) % 5;
            }));
        }
    }
}

TEST_CASE("a large page is cut into stripes whose output does not depend on the thread count") {
    // 3000 x 1200 RGB is about 10 MiB of rows: ten stripes, matches reaching back across each cut.
    std::mt19937 rng(19);
    const Rows r = image(3000, 1200, 3, [&](auto x, auto y, auto c) { return map_like(x, y, c, rng); });
    const std::string z = check_round_trip(r);
    CHECK(encode(r, 2) == z);
    CHECK(z.size() < zlib_fastest_size(r) * 11 / 10);
}

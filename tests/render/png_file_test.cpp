// The PNG writer on generated images: decoded by libpng, every pixel is the unpremultiplied input, in
// RGB or in a palette when the image has at most 256 colours; the header chunks survive.
#include "render/png_file.hpp"
#include "render/rgb_rows.hpp"
#include "test_support.hpp"

#include <png.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

using namespace citemap;

namespace {

struct Image {
    int width, height;
    std::vector<std::uint32_t> argb; // premultiplied, as Cairo stores it
};

std::uint32_t premultiplied(unsigned a, unsigned r, unsigned g, unsigned b) {
    auto pm = [a](unsigned c) { return (c * a + 127) / 255; };
    return a << 24 | pm(r) << 16 | pm(g) << 8 | pm(b);
}

// What the writer must produce for one Cairo pixel.
std::uint32_t expected_rgb(std::uint32_t px) {
    const unsigned a = px >> 24;
    auto un = [a](unsigned c) { return a == 0 ? 255u : std::min(255u, (c * 255 + a / 2) / a); };
    return un((px >> 16) & 0xFF) << 16 | un((px >> 8) & 0xFF) << 8 | un(px & 0xFF);
}

std::vector<std::uint32_t> decode_rgb(const std::filesystem::path& file, int& w, int& h) {
    png_image image;
    std::memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    REQUIRE(png_image_begin_read_from_file(&image, file.string().c_str()));
    image.format = PNG_FORMAT_RGB;
    std::vector<unsigned char> buf(PNG_IMAGE_SIZE(image));
    REQUIRE(png_image_finish_read(&image, nullptr, buf.data(), 0, nullptr));
    w = static_cast<int>(image.width);
    h = static_cast<int>(image.height);
    std::vector<std::uint32_t> out;
    for (std::size_t i = 0; i + 2 < buf.size(); i += 3)
        out.push_back(std::uint32_t(buf[i]) << 16 | std::uint32_t(buf[i + 1]) << 8 | buf[i + 2]);
    return out;
}

// Writes `img` (a copy: the writer consumes its buffer), reads it back and compares every pixel.
std::string round_trip(const Image& img, const std::filesystem::path& file) {
    std::vector<std::uint32_t> work = img.argb;
    Metadata meta;
    meta.title = "Zones \u00E0 Gaza \u2014 \u063A\u0632\u0629";
    meta.date_iso = "2025-11-12T00:00:00";
    write_png_file(file, reinterpret_cast<unsigned char*>(work.data()), img.width, img.height, img.width * 4,
                   150, meta);
    int w = 0, h = 0;
    const auto pixels = decode_rgb(file, w, h);
    REQUIRE(w == img.width);
    REQUIRE(h == img.height);
    int wrong = 0;
    for (std::size_t i = 0; i < pixels.size(); ++i)
        wrong += pixels[i] != expected_rgb(img.argb[i]);
    CHECK(wrong == 0);
    return test::read_file(file);
}

} // namespace

TEST_CASE("a page of few colours is written as an exact palette PNG") {
    test::TempDir dir("png-palette");
    std::mt19937 rng(11);
    for (int colours : {1, 2, 37, 256}) {
        CAPTURE(colours);
        Image img{301, 97, {}};
        std::vector<std::uint32_t> palette;
        for (int i = 0; i < colours; ++i)
            palette.push_back(premultiplied(i % 3 ? 255 : 128 + i % 120, rng() & 255, rng() & 255, rng() & 255));
        // Runs of random length, so rows differ and the palette lookup sees repeats and changes.
        while (img.argb.size() < std::size_t(img.width) * img.height) {
            const std::uint32_t c = palette[rng() % palette.size()];
            for (unsigned k = rng() % 40; k-- && img.argb.size() < std::size_t(img.width) * img.height;)
                img.argb.push_back(c);
        }
        const std::string png = round_trip(img, dir.path / "p.png");
        CHECK(png[25] == 3); // colour type: palette
        CHECK(png.find("PLTE") != std::string::npos);
    }
}

TEST_CASE("a page of many colours is written as RGB with pHYs and UTF-8 text before the image data") {
    test::TempDir dir("png-rgb");
    std::mt19937 rng(5);
    Image img{512, 64, {}};
    for (int i = 0; i < img.width * img.height; ++i) {
        const unsigned a = i % 7 == 0 ? rng() & 255 : 255;
        img.argb.push_back(premultiplied(a, rng() & 255, rng() & 255, rng() & 255));
    }
    const std::string png = round_trip(img, dir.path / "rgb.png");
    CHECK(png[25] == 2); // colour type: RGB
    const auto phys = png.find("pHYs"), itxt = png.find("iTXt"), idat = png.find("IDAT");
    REQUIRE(phys != std::string::npos);
    REQUIRE(itxt != std::string::npos);
    CHECK(phys < idat);
    CHECK(itxt < idat);
    CHECK(png.find("\u063A\u0632\u0629") != std::string::npos);
    CHECK(png.substr(png.size() - 8, 4) == "IEND");
    // The same input gives the same bytes.
    CHECK(round_trip(img, dir.path / "again.png") == png);
}

TEST_CASE("RGB rows of any width come out pixel for pixel, opaque runs and translucent pixels alike") {
    // The writer converts opaque pixels eight or four at a time, with stores that reach into the next
    // pixels: every width's last pixels, and groups with one translucent pixel, go another way.
    test::TempDir dir("png-widths");
    std::mt19937 rng(11);
    for (int width : {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 17, 18, 19, 515}) {
        CAPTURE(width);
        Image img{width, 600, {}}; // more than 256 colours
        for (int i = 0; i < img.width * img.height; ++i) {
            const unsigned a = rng() % 13 == 0 ? rng() & 255 : 255;
            img.argb.push_back(premultiplied(a, rng() & 255, rng() & 255, rng() & 255));
        }
        const std::string png = round_trip(img, dir.path / "w.png");
        CHECK(png[25] == 2); // RGB
    }
}

TEST_CASE("the SIMD row conversion writes the portable one's bytes and nothing past the row") {
    std::mt19937 rng(12);
    for (int width = 1; width <= 40; ++width) {
        CAPTURE(width);
        for (int trial = 0; trial < 50; ++trial) {
            std::vector<std::uint32_t> row;
            for (int x = 0; x < width; ++x) {
                const unsigned a = rng() % 9 == 0 ? rng() & 255 : 255;
                row.push_back(premultiplied(a, rng() & 255, rng() & 255, rng() & 255));
            }
            const auto* argb = reinterpret_cast<const unsigned char*>(row.data());
            std::vector<unsigned char> fast(3 * std::size_t(width) + 16, 0xA5), portable = fast;
            rgb_row(argb, width, fast.data());
            rgb_row_portable(argb, width, portable.data());
            REQUIRE(fast == portable);
            for (int x = 0; x < width; ++x) {
                const std::uint32_t c = expected_rgb(row[std::size_t(x)]);
                const unsigned char* p = &fast[3 * std::size_t(x)];
                REQUIRE((std::uint32_t{p[0]} << 16 | std::uint32_t{p[1]} << 8 | p[2]) == c);
            }
            REQUIRE(std::all_of(fast.begin() + 3 * width, fast.end(), [](unsigned char b) { return b == 0xA5; }));
        }
    }
}

TEST_CASE("an image drawn in bands is the same file as drawn whole, palette or RGB") {
    test::TempDir dir("png-bands");
    std::mt19937 rng(23);
    Metadata meta;
    meta.title = "bands";
    // `extra_from`: the row from which a 257th colour appears (past the height: never), so the
    // palette decision falls in the first band, a late band, or never.
    for (int extra_from : {0, 300, 1000}) {
        CAPTURE(extra_from);
        Image img{203, 311, {}};
        std::vector<std::uint32_t> palette;
        for (int i = 0; i < 200; ++i)
            palette.push_back(premultiplied(255, rng() & 255, rng() & 255, rng() & 255));
        for (int y = 0; y < img.height; ++y)
            for (int x = 0; x < img.width; ++x)
                img.argb.push_back(y >= extra_from && x < 100 ? premultiplied(255, x, y & 255, 7)
                                                             : palette[(x / 9 + y / 5) % palette.size()]);
        int drawn_rows = 0, calls = 0;
        auto draw = [&](int first, int count, unsigned char* argb, int stride) {
            drawn_rows += count;
            ++calls;
            for (int y = 0; y < count; ++y)
                std::memcpy(argb + static_cast<std::ptrdiff_t>(y) * stride, &img.argb[std::size_t(first + y) * img.width],
                            4 * std::size_t(img.width));
        };
        write_png_file(dir.path / "whole.png", img.width, img.height, 150, meta, draw);
        CHECK(calls == 1); // a small image is drawn whole, in one call
        CHECK(drawn_rows == img.height);
        const std::string whole = test::read_file(dir.path / "whole.png");
        CHECK(whole[25] == (extra_from < img.height ? 2 : 3)); // RGB or palette
        // 203 px wide: stripes of 1291 rows, the whole image; a wider one has several.
        Image wide{2100, 311, {}};
        for (int y = 0; y < wide.height; ++y)
            for (int x = 0; x < wide.width; ++x)
                wide.argb.push_back(img.argb[std::size_t(y) * img.width + x % img.width]);
        auto draw_wide = [&](int first, int count, unsigned char* argb, int stride) {
            drawn_rows += count;
            ++calls;
            for (int y = 0; y < count; ++y)
                std::memcpy(argb + static_cast<std::ptrdiff_t>(y) * stride,
                            &wide.argb[std::size_t(first + y) * wide.width], 4 * std::size_t(wide.width));
        };
        drawn_rows = 0;
        calls = 0;
        write_png_file(dir.path / "wide-whole.png", wide.width, wide.height, 150, meta, draw_wide);
        CHECK(calls == 1);
        CHECK(drawn_rows == wide.height);
        const std::string wide_whole = test::read_file(dir.path / "wide-whole.png");
        for (std::size_t band_bytes : {std::size_t{1}, std::size_t{2} << 20}) {
            CAPTURE(band_bytes);
            drawn_rows = 0;
            write_png_file(dir.path / "wide-bands.png", wide.width, wide.height, 150, meta, draw_wide, band_bytes);
            CHECK(test::read_file(dir.path / "wide-bands.png") == wide_whole);
            // 2100 px: stripes of 124 rows. Drawn once when 256 colours are passed in the first band or
            // while both bands are in memory; otherwise the bands gone are drawn again to be encoded.
            if (extra_from == 0 || band_bytes > 1)
                CHECK(drawn_rows == wide.height);
            else
                CHECK(drawn_rows > wide.height);
        }
        int w = 0, h = 0;
        const auto pixels = decode_rgb(dir.path / "wide-bands.png", w, h);
        int wrong = 0;
        for (std::size_t i = 0; i < pixels.size(); ++i)
            wrong += pixels[i] != expected_rgb(wide.argb[i]);
        CHECK(wrong == 0);
    }
}

// A band buffer is reused for a later band: cleared to transparent first unless the drawing says it
// covers every pixel (a page's opaque background), when clearing would only cost time.
TEST_CASE("a band buffer reused for a later band starts transparent unless the drawing covers it") {
    test::TempDir dir("png-reuse");
    Metadata meta;
    const int width = 2100, height = 700; // stripes of 124 rows: several bands of one stripe each
    std::mt19937 rng(11);
    std::vector<std::uint32_t> page(std::size_t(width) * height);
    for (auto& px : page)
        px = premultiplied(255, rng() & 255, rng() & 127, 40);
    // The first band is drawn whole; later ones only right of x = 1000, leaving the rest untouched.
    auto partial = [&](int first, int count, unsigned char* argb, int stride) {
        const int from = first == 0 ? 0 : 1000;
        for (int y = 0; y < count; ++y)
            std::memcpy(argb + static_cast<std::ptrdiff_t>(y) * stride + 4 * from,
                        &page[std::size_t(first + y) * width + std::size_t(from)], 4 * std::size_t(width - from));
    };
    const std::vector<std::size_t> starts = png_bands(width, height, 1, {});
    REQUIRE(starts.size() >= 3); // band 2 reuses band 0's buffer
    write_png_file(dir.path / "partial.png", width, height, 150, meta, partial, 1);
    int w = 0, h = 0;
    const auto pixels = decode_rgb(dir.path / "partial.png", w, h);
    REQUIRE(pixels.size() == page.size());
    int wrong = 0;
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const std::size_t i = std::size_t(y) * width + std::size_t(x);
            const bool drawn = x >= 1000 || y < static_cast<int>(starts[1]);
            wrong += pixels[i] != (drawn ? expected_rgb(page[i]) : 0xFFFFFFu); // untouched: transparent
        }
    CHECK(wrong == 0);
    // A drawing of every pixel gives the same file whether or not the buffers are cleared first.
    auto whole = [&](int first, int count, unsigned char* argb, int stride) {
        for (int y = 0; y < count; ++y)
            std::memcpy(argb + static_cast<std::ptrdiff_t>(y) * stride, &page[std::size_t(first + y) * width],
                        4 * std::size_t(width));
    };
    write_png_file(dir.path / "cleared.png", width, height, 150, meta, whole, 1, {}, false);
    write_png_file(dir.path / "covered.png", width, height, 150, meta, whole, 1, {}, true);
    CHECK(test::read_file(dir.path / "covered.png") == test::read_file(dir.path / "cleared.png"));
}

// Band starts: whole encoder stripes about the asked size apart, none inside a range to keep whole,
// and a range taller than a band gets one band of its own.
TEST_CASE("PNG bands start on stripes and never inside a range kept whole") {
    std::mt19937 rng(5);
    for (int round = 0; round < 200; ++round) {
        const std::size_t height = 50 + rng() % 4000, stripe = 1 + rng() % 80, band_rows = 1 + rng() % 600;
        std::vector<std::pair<int, int>> keep;
        for (std::size_t k = rng() % 12; k > 0; --k) {
            const int a = static_cast<int>(rng() % (height + 20)) - 10;
            keep.emplace_back(a, a + 1 + static_cast<int>(rng() % (rng() % 4 == 0 ? 1500 : 120)));
        }
        CAPTURE(height);
        CAPTURE(stripe);
        CAPTURE(band_rows);
        const std::vector<std::size_t> starts = png_band_starts(height, stripe, band_rows, keep);
        REQUIRE(!starts.empty());
        CHECK(starts.front() == 0);
        const std::size_t target = std::max(stripe, stripe * (band_rows / stripe));
        for (std::size_t i = 0; i < starts.size(); ++i) {
            const std::size_t s = starts[i], next = i + 1 < starts.size() ? starts[i + 1] : height;
            CHECK(s % stripe == 0);
            CHECK(s < next);
            for (const auto& range : keep) { // the image's first row starts a band whatever the ranges
                if (i == 0)
                    break;
                // Not a structured binding: INFO captures in a lambda, which clang 14 refuses for those.
                const int a = range.first, b = range.second;
                const auto at = static_cast<long long>(s);
                INFO("start ", at, " inside [", a, ", ", b, ")");
                CHECK_FALSE((at > a && at < b));
            }
            if (next - s > target) { // longer only where every stripe boundary up to `next` is kept whole
                for (std::size_t c = s + stripe; c < next; c += stripe) {
                    const bool inside = std::any_of(keep.begin(), keep.end(), [&](const auto& r) {
                        return static_cast<long long>(c) > r.first && static_cast<long long>(c) < r.second;
                    });
                    CHECK((inside || c - s < target));
                }
            }
        }
        if (keep.empty())
            CHECK(starts.size() == (height + target - 1) / target);
    }
}

// PNG writer: libpng writes the signature and the header chunks (IHDR, PLTE, pHYs, tEXt/iTXt); the
// image data is converted here and deflated by citemap's own row encoder (png_deflate), several times
// faster than zlib through libpng or libdeflate. No tIME (it would break determinism).
#include "render/png_file.hpp"

#include "core/error.hpp"
#include "core/escape.hpp"
#include "core/parallel.hpp"
#include "render/xmp_packet.hpp"
#include "render/png_deflate.hpp"
#include "render/rgb_rows.hpp"

#include <libdeflate.h>
#include <png.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <csetjmp>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <vector>

namespace citemap {

namespace {

struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
};

struct PngWriter {
    png_structp png = nullptr;
    png_infop info = nullptr;
    ~PngWriter() { png_destroy_write_struct(&png, &info); }
};

void on_png_warning(png_structp, png_const_charp) {}

// The page's colours, counted band by band while there are at most 256 (flat maps without
// anti-aliasing); their ascending order is the palette. Exact: a palette image decodes to the same
// pixels. Open addressing over 512 slots; 0xFFFFFFFF marks an empty slot (no RGB value has alpha bits).
class ColourCount {
  public:
    ColourCount() { table_.fill(kEmpty); }
    // False once the image has more than 256 colours.
    bool add(const unsigned char* argb, int width, std::size_t rows, std::size_t stride) {
        for (std::size_t y = 0; y < rows; ++y) {
            const unsigned char* row = argb + y * stride;
            for (int x = 0; x < width; ++x) {
                std::uint32_t px;
                std::memcpy(&px, row + 4 * static_cast<std::ptrdiff_t>(x), 4);
                const std::uint32_t c = unpremultiply(px);
                if (c == last_)
                    continue;
                last_ = c;
                std::size_t slot = (c * 2654435761u) >> 23;
                while (table_[slot] != kEmpty && table_[slot] != c)
                    slot = (slot + 1) & 511;
                if (table_[slot] == kEmpty) {
                    if (++count_ > 256)
                        return false;
                    table_[slot] = c;
                }
            }
        }
        return true;
    }
    [[nodiscard]] std::vector<std::uint32_t> sorted() const {
        std::vector<std::uint32_t> colours;
        for (std::uint32_t c : table_)
            if (c != kEmpty)
                colours.push_back(c);
        std::sort(colours.begin(), colours.end());
        return colours;
    }

  private:
    static constexpr std::uint32_t kEmpty = 0xFFFFFFFFu;
    std::array<std::uint32_t, 512> table_;
    std::size_t count_ = 0;
    std::uint32_t last_ = kEmpty;
};

void put_be32(unsigned char* p, std::uint32_t v) {
    p[0] = static_cast<unsigned char>(v >> 24);
    p[1] = static_cast<unsigned char>(v >> 16);
    p[2] = static_cast<unsigned char>(v >> 8);
    p[3] = static_cast<unsigned char>(v);
}

bool write_chunk(std::FILE* f, const char type[4], const unsigned char* data, std::size_t size) {
    unsigned char head[8];
    put_be32(head, static_cast<std::uint32_t>(size));
    std::memcpy(head + 4, type, 4);
    std::uint32_t crc = libdeflate_crc32(0, head + 4, 4);
    // libdeflate_crc32 with a null buffer returns the initial value 0, not the running CRC: IEND has no data.
    if (size > 0)
        crc = libdeflate_crc32(crc, data, size);
    unsigned char tail[4];
    put_be32(tail, crc);
    return std::fwrite(head, 1, 8, f) == 8 && (size == 0 || std::fwrite(data, 1, size, f) == size) &&
           std::fwrite(tail, 1, 4, f) == 4;
}

} // namespace

std::uint32_t pixels_per_metre(double dpi) {
    // Rounded up, not to nearest: 300 dpi is 11811.02 px/m, and 11811 reads back as 299.9994 dpi,
    // which pandoc truncates to 299 (a 170 mm figure grows to 170.6 mm in Word). 11812 reads back as
    // 300.02, which every reader rounds or truncates to 300.
    return static_cast<std::uint32_t>(std::ceil(dpi / 0.0254 - 1e-9));
}

namespace {

// Everything before IDAT, written by libpng: the signature, IHDR, PLTE, pHYs, sRGB and the text chunks.
void write_png_header(std::FILE* file, const std::filesystem::path& path, int width, int height,
                      const std::optional<std::vector<std::uint32_t>>& palette, double dpi, const Metadata& meta) {
    PngWriter w;
    w.png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, on_png_warning);
    w.info = png_create_info_struct(w.png);
    // libpng reports errors by longjmp; only C frames lie between here and the jump, so it is safe.
    if (setjmp(png_jmpbuf(w.png)))
        throw Error({path.string(), 0, 0, {}}, "PNG encoding failed", "check free space");
    png_init_io(w.png, file);
    png_set_IHDR(w.png, w.info, static_cast<png_uint_32>(width), static_cast<png_uint_32>(height), 8,
                 palette ? PNG_COLOR_TYPE_PALETTE : PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    std::vector<png_color> plte;
    if (palette) {
        for (std::uint32_t c : *palette)
            plte.push_back({static_cast<png_byte>(c >> 16), static_cast<png_byte>(c >> 8), static_cast<png_byte>(c)});
        png_set_PLTE(w.png, w.info, plte.data(), static_cast<int>(plte.size()));
    }
    png_set_pHYs(w.png, w.info, pixels_per_metre(dpi), pixels_per_metre(dpi), PNG_RESOLUTION_METER);
    // Cairo draws in sRGB; saying so stops Word and browsers from guessing a colour space.
    png_set_sRGB(w.png, w.info, PNG_sRGB_INTENT_PERCEPTUAL);

    // Provenance travels with the image: the claims and quotes as plain text (Comment) and as XMP
    // (the key Adobe's XMP specification gives for PNG), both uncompressed iTXt so any tool finds them.
    // One-line fields lose control characters (a NUL would end the chunk's text, a newline split it).
    std::vector<std::pair<std::string, std::string>> kv = {
        {"Title", metadata_text(meta.title)},
        {"Description", metadata_text(meta.description)},
        {"Software", metadata_text(meta.creator + (meta.version.empty() ? "" : " " + meta.version))},
        {"Source", metadata_text(meta.subject)},
        {"Creation Time", metadata_text(meta.date_iso)},
        {"Comment", provenance_text(meta)},
        {"XML:com.adobe.xmp", xmp_packet(meta, "image/png")}};
    for (auto& [k, v] : kv)
        std::erase(v, '\0'); // iTXt text ends at a NUL
    std::vector<png_text> texts;
    for (auto& [k, v] : kv) {
        if (v.empty())
            continue;
        png_text t{};
        t.compression = PNG_ITXT_COMPRESSION_NONE; // UTF-8 safe
        t.key = k.data();
        t.text = v.data();
        t.text_length = 0;
        t.itxt_length = v.size();
        t.lang = nullptr;
        t.lang_key = nullptr;
        texts.push_back(t);
    }
    png_set_text(w.png, w.info, texts.data(), static_cast<int>(texts.size()));
    png_write_info(w.png, w.info);
    png_write_flush(w.png);
}

} // namespace

std::vector<std::size_t> png_band_starts(std::size_t height, std::size_t stripe, std::size_t band_rows,
                                         const std::vector<std::pair<int, int>>& keep_whole) {
    // blocked[r]: a band may not start at row r (it would cut one of the ranges).
    std::vector<int> depth(height + 1, 0);
    for (const auto& [a, b] : keep_whole) {
        const auto from = static_cast<std::size_t>(std::clamp<long long>(a + 1LL, 0, static_cast<long long>(height)));
        const auto to = static_cast<std::size_t>(std::clamp<long long>(b, 0, static_cast<long long>(height)));
        if (from < to) {
            ++depth[from];
            --depth[to];
        }
    }
    std::vector<bool> blocked(height + 1, false);
    for (std::size_t r = 0, d = 0; r < height; ++r)
        blocked[r] = (d += static_cast<std::size_t>(depth[r])) > 0;
    const std::size_t target = std::max(stripe, stripe * (band_rows / stripe));
    std::vector<std::size_t> starts{0};
    while (true) {
        const std::size_t s = starts.back();
        if (height - s <= target)
            break;
        std::size_t cut = height;
        // The last allowed stripe boundary within the target size; past it, the first allowed one.
        for (std::size_t c = s + stripe; c < height; c += stripe) {
            if (c - s > target && cut != height)
                break;
            if (!blocked[c]) {
                cut = c;
                if (c - s >= target)
                    break;
            }
        }
        if (cut >= height)
            break;
        starts.push_back(cut);
    }
    return starts;
}

std::vector<std::size_t> png_bands(int width, int height, std::size_t band_bytes,
                                   const std::vector<std::pair<int, int>>& keep_whole) {
    const auto w = static_cast<std::size_t>(width), h = static_cast<std::size_t>(height);
    const std::size_t stride = 4 * w;
    if (band_bytes == 0)
        band_bytes = stride * h <= kPngWholeBytes ? stride * h : kPngBandBytes;
    return band_bytes / stride >= h ? std::vector<std::size_t>{0}
                                    : png_band_starts(h, png_stripe_rows(w), band_bytes / stride, keep_whole);
}

void write_png_file(const std::filesystem::path& path, int width, int height, double dpi, const Metadata& meta,
                    const DrawRows& draw, std::size_t band_bytes, const std::vector<std::pair<int, int>>& keep_whole,
                    bool covers) {
    std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.string().c_str(), "wb"));
    if (!file)
        throw Error({path.string(), 0, 0, {}}, "cannot open for writing", "check the output folder");

    // Bands of whole encoder stripes, so a stripe never waits for a band that is not drawn; two are
    // kept, the band being encoded and the one before (the rows its matches reach back into).
    const auto w = static_cast<std::size_t>(width), h = static_cast<std::size_t>(height);
    const std::size_t stride = 4 * w;
    const std::size_t stripe = png_stripe_rows(w);
    const std::vector<std::size_t> starts = png_bands(width, height, band_bytes, keep_whole);
    const std::size_t bands = starts.size();
    auto first_of = [&](std::size_t k) { return k < bands ? starts[k] : h; };
    auto rows_of = [&](std::size_t k) { return first_of(k + 1) - first_of(k); };
    struct Buffer {
        std::unique_ptr<unsigned char[]> data;
        std::size_t size = 0;
    } buffer[2];
    std::size_t band_in[2] = {bands, bands}; // which band each buffer holds; `bands`: none
    auto drawn = [&](std::size_t k) -> const unsigned char* {
        Buffer& b = buffer[k % 2];
        if (band_in[k % 2] != k) {
            // Each buffer the size of its band: a band holding a hatched zone may be most of the page
            // (Gaza's), and two buffers of the largest band's size held twice the page (139 MiB for a
            // page drawn whole in 110). The old band is freed before the new one is allocated.
            const std::size_t bytes = rows_of(k) * stride;
            if (b.size != bytes) {
                b.data.reset();
                b.data.reset(new unsigned char[bytes]);
                b.size = bytes;
            }
            // Cairo draws over what is there: start from transparent, unless the drawing sets every
            // pixel itself (a page's opaque background: clearing 35 MB first was ~4 ms of an A4 page).
            if (!covers)
                std::memset(b.data.get(), 0, bytes);
            draw(static_cast<int>(first_of(k)), static_cast<int>(rows_of(k)), b.data.get(), static_cast<int>(stride));
            band_in[k % 2] = k;
        }
        return b.data.get();
    };

    // The palette needs every colour before the first row is encoded. Most maps pass 256 colours in
    // their first band and are drawn once; a map of few colours is drawn again to be encoded (but
    // for the last two bands, still in memory).
    ColourCount colours;
    bool few = true;
    for (std::size_t k = 0; k < bands && few; ++k)
        few = colours.add(drawn(k), width, rows_of(k), stride);
    std::optional<std::vector<std::uint32_t>> palette;
    if (few)
        palette = colours.sorted();
    write_png_header(file.get(), path, width, height, palette, dpi, meta);

    // Band k is encoded while band k + 1 is drawn into the other buffer, over band k - 1: the rows of
    // band k - 1 that band k's first stripe reaches back into are copied aside first (`tail`).
    std::size_t encoding = 0;
    std::vector<unsigned char> tail;
    std::size_t tail_rows = 0;
    // Rows as PNG stores them (filter byte 0, then RGB or palette indices), made stripe by stripe
    // by the encoder's threads from the drawn bands. No filter: measured on map
    // pages, unfiltered rows deflate smaller than Up, Sub or Paeth (flat fills repeat exactly along
    // a row and from row to row, which the encoder tries first).
    const std::size_t pixel_bytes = palette ? 1 : 3;
    auto make_row = [&](std::size_t y, unsigned char* out) {
        const std::size_t first = starts[encoding];
        const unsigned char* row = y >= first ? buffer[encoding % 2].data.get() + (y - first) * stride
                                              : tail.data() + (y + tail_rows - first) * stride;
        out[0] = 0;
        unsigned char* p = out + 1;
        if (palette) {
            std::uint32_t last_colour = 0xFFFFFFFFu;
            unsigned char last_index = 0;
            for (int x = 0; x < width; ++x) {
                std::uint32_t px;
                std::memcpy(&px, row + 4 * static_cast<std::ptrdiff_t>(x), 4);
                const std::uint32_t c = unpremultiply(px);
                if (c != last_colour) {
                    last_colour = c;
                    last_index = static_cast<unsigned char>(
                        std::lower_bound(palette->begin(), palette->end(), c) - palette->begin());
                }
                *p++ = last_index;
            }
            return;
        }
        rgb_row(row, width, p);
    };
    PngRowEncoder encoder(w * pixel_bytes + 1, h, pixel_bytes, stripe);
    for (std::size_t k = 0; k < bands; ++k) {
        drawn(k);
        if (k > 0) {
            tail_rows = std::min(encoder.history_rows(), rows_of(k - 1));
            const unsigned char* before = drawn(k - 1) + (rows_of(k - 1) - tail_rows) * stride;
            tail.assign(before, before + tail_rows * stride);
        }
        encoding = k;
        encoder.encode(first_of(k + 1), make_row, default_jobs(), [&] {
            if (k + 1 < bands)
                drawn(k + 1);
        });
    }
    bool ok = true;
    // IDAT chunks of at most 1 MiB, as libpng and most encoders do (any size up to 2^31 is valid); a
    // chunk never spans two of the encoder's pieces, so the stream is written without being joined.
    constexpr std::size_t kChunk = std::size_t{1} << 20;
    for (const std::vector<unsigned char>& piece : encoder.finish())
        for (std::size_t at = 0; at < piece.size() && ok; at += kChunk)
            ok = write_chunk(file.get(), "IDAT", piece.data() + at, std::min(kChunk, piece.size() - at));
    ok = ok && write_chunk(file.get(), "IEND", nullptr, 0);
    if (!ok || std::fflush(file.get()) != 0)
        throw Error({path.string(), 0, 0, {}}, "cannot write", "check free space");
}

void write_png_file(const std::filesystem::path& path, const unsigned char* argb, int width, int height,
                    int stride, double dpi, const Metadata& meta) {
    write_png_file(
        path, width, height, dpi, meta,
        [&](int first, int count, unsigned char* out, int out_stride) {
            for (int y = 0; y < count; ++y)
                std::memcpy(out + static_cast<std::ptrdiff_t>(y) * out_stride,
                            argb + static_cast<std::ptrdiff_t>(first + y) * stride, 4 * static_cast<std::size_t>(width));
        },
        stride * static_cast<std::size_t>(height));
}

} // namespace citemap

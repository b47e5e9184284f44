// libpng writer: RGB, pHYs in pixels per metre, tEXt/iTXt metadata, no tIME (it would break determinism).
#include "render/png_file.hpp"

#include "core/error.hpp"

#include <png.h>

#include <cmath>
#include <csetjmp>
#include <cstdio>
#include <memory>
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

} // namespace

void write_png_file(const std::filesystem::path& path, const unsigned char* argb, int width, int height,
                    int stride, double dpi, const Metadata& meta) {
    std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.string().c_str(), "wb"));
    if (!file)
        throw Error({path.string(), 0, 0, {}}, "cannot open for writing", "check the output folder");
    PngWriter w;
    w.png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, on_png_warning);
    w.info = png_create_info_struct(w.png);
    // libpng reports errors by longjmp; only C frames lie between here and the jump, so it is safe.
    if (setjmp(png_jmpbuf(w.png)))
        throw Error({path.string(), 0, 0, {}}, "PNG encoding failed", "check free space");
    png_init_io(w.png, file.get());
    png_set_IHDR(w.png, w.info, static_cast<png_uint_32>(width), static_cast<png_uint_32>(height), 8,
                 PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    const auto ppm = static_cast<png_uint_32>(std::lround(dpi / 0.0254));
    png_set_pHYs(w.png, w.info, ppm, ppm, PNG_RESOLUTION_METER);

    std::vector<std::pair<std::string, std::string>> kv = {{"Title", meta.title},
                                                           {"Description", meta.description},
                                                           {"Software", meta.creator},
                                                           {"Source", meta.subject},
                                                           {"Creation Time", meta.date_iso}};
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

    std::vector<unsigned char> row(static_cast<std::size_t>(width) * 3);
    for (int y = 0; y < height; ++y) {
        const auto* src =
            reinterpret_cast<const std::uint32_t*>(argb + static_cast<std::ptrdiff_t>(y) * stride);
        for (int x = 0; x < width; ++x) {
            const std::uint32_t px = src[x];
            const unsigned a = px >> 24;
            auto un = [a](unsigned c) { return a == 0 ? 255u : std::min(255u, (c * 255 + a / 2) / a); };
            row[3 * x] = static_cast<unsigned char>(un((px >> 16) & 0xFF));
            row[3 * x + 1] = static_cast<unsigned char>(un((px >> 8) & 0xFF));
            row[3 * x + 2] = static_cast<unsigned char>(un(px & 0xFF));
        }
        png_write_row(w.png, row.data());
    }
    png_write_end(w.png, w.info);
    if (std::fflush(file.get()) != 0)
        throw Error({path.string(), 0, 0, {}}, "cannot write", "check free space");
}

} // namespace citemap

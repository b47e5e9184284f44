// Names turned along a zone are drawn turned by every backend: the PNG's and the PDF's ink runs down
// the page for a text turned 90 degrees and across it unturned; the SVG turns the same element.
#include "render/cairo_handle.hpp"
#include "render/cairo_renderer.hpp"
#include "render/svg_writer.hpp"
#include "text/pango_text.hpp"
#include "test_support.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>

using namespace citemap;

namespace {

Scene one_text(double degrees) {
    Scene s;
    s.width = 220;
    s.height = 220;
    Layer& l = s.layer("labels", "Labels");
    Item it;
    it.id = "label-strip";
    Text t = text_engine().make("LONG STRIP ZONE NAME", {110, 110}, Font{"Noto Sans", 14, Weight::bold, false},
                                {0, 0, 0, 1}, Anchor::middle);
    if (degrees != 0)
        turn_text(t, degrees);
    it.parts.emplace_back(t);
    l.items.push_back(std::move(it));
    return s;
}

struct Ink {
    int minx = 1 << 30, miny = 1 << 30, maxx = -1, maxy = -1;
    [[nodiscard]] int width() const { return maxx - minx + 1; }
    [[nodiscard]] int height() const { return maxy - miny + 1; }
};

Ink ink_of_cairo(const Scene& s) {
    CairoSurface surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 220, 220));
    CairoContext cr(cairo_create(surface.get()));
    cairo_set_source_rgb(cr.get(), 1, 1, 1);
    cairo_paint(cr.get());
    draw_scene(cr.get(), s);
    cairo_surface_flush(surface.get());
    const unsigned char* data = cairo_image_surface_get_data(surface.get());
    const int stride = cairo_image_surface_get_stride(surface.get());
    Ink ink;
    for (int y = 0; y < 220; ++y)
        for (int x = 0; x < 220; ++x)
            if (data[y * stride + 4 * x + 1] < 128) { // green channel of BGRA: dark ink
                ink.minx = std::min(ink.minx, x), ink.maxx = std::max(ink.maxx, x);
                ink.miny = std::min(ink.miny, y), ink.maxy = std::max(ink.maxy, y);
            }
    return ink;
}

// The PDF rasterised by poppler at 72 dpi into a binary greyscale PGM.
Ink ink_of_pdf(const Scene& s, const std::filesystem::path& dir) {
    write_pdf(s, dir / "t.pdf");
    const std::string cmd = "pdftoppm -r 72 -gray -singlefile " + (dir / "t.pdf").string() + " " + (dir / "t").string();
    REQUIRE(std::system(cmd.c_str()) == 0);
    std::ifstream in(dir / "t.pgm", std::ios::binary);
    std::string magic;
    int w = 0, h = 0, maxv = 0;
    in >> magic >> w >> h >> maxv;
    in.get();
    REQUIRE(magic == "P5");
    std::string px(static_cast<std::size_t>(w * h), '\0');
    in.read(px.data(), w * h);
    Ink ink;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            if (static_cast<unsigned char>(px[static_cast<std::size_t>(y * w + x)]) < 128) {
                ink.minx = std::min(ink.minx, x), ink.maxx = std::max(ink.maxx, x);
                ink.miny = std::min(ink.miny, y), ink.maxy = std::max(ink.maxy, y);
            }
    return ink;
}

} // namespace

TEST_CASE("a turned name is drawn turned in the PNG, the PDF and the SVG") {
    test::TempDir tmp("turned-text");
    const Scene flat = one_text(0), turned = one_text(90);
    // The layout box turns with the text: tall and narrow, around the same middle.
    const Text& t = std::get<Text>(turned.layers.front().items.front().parts.front());
    CHECK(t.box.height() > 3 * t.box.width());
    CHECK(t.upright.width() > 3 * t.upright.height());
    for (const auto& [what, ink_flat, ink_turned] :
         {std::tuple{"PNG (Cairo image)", ink_of_cairo(flat), ink_of_cairo(turned)},
          std::tuple{"PDF (poppler)", ink_of_pdf(flat, tmp.path), ink_of_pdf(turned, tmp.path)}}) {
        CAPTURE(what);
        REQUIRE(ink_flat.maxx >= 0);
        REQUIRE(ink_turned.maxx >= 0);
        CHECK(ink_flat.width() > 3 * ink_flat.height());
        CHECK(ink_turned.height() > 3 * ink_turned.width());
        // Same length either way, and inside the turned layout box.
        CHECK(std::abs(ink_turned.height() - ink_flat.width()) <= 3);
        CHECK(ink_turned.minx >= t.box.minx - 2);
        CHECK(ink_turned.maxx <= t.box.maxx + 2);
        CHECK(ink_turned.miny >= t.box.miny - 2);
        CHECK(ink_turned.maxy <= t.box.maxy + 2);
    }
    for (bool paths : {false, true}) {
        const std::string svg = render_svg(turned, SvgOptions{true, paths});
        const auto g = svg.find("<g transform=\"rotate(90 110 110)\">");
        REQUIRE(g != std::string::npos);
        CHECK(svg.find(paths ? "<path" : "<text", g) < svg.find("</g>", g));
        CHECK(render_svg(flat, SvgOptions{true, paths}).find("rotate(") == std::string::npos);
    }
}

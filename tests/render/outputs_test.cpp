// What the backends write: PNG size and DPI, PDF page size and links, SVG escaping, determinism,
// and atomic replacement.
#include "core/atomic_file.hpp"
#include "layout/layout.hpp"
#include "render/cairo_renderer.hpp"
#include "render/svg_writer.hpp"
#include "test_support.hpp"

#include <cmath>
#include <cstdint>
#include <random>
#include <regex>

using namespace citemap;

namespace {

std::uint32_t be32(const std::string& s, std::size_t at) {
    return (std::uint32_t(static_cast<unsigned char>(s[at])) << 24) |
           (std::uint32_t(static_cast<unsigned char>(s[at + 1])) << 16) |
           (std::uint32_t(static_cast<unsigned char>(s[at + 2])) << 8) |
           std::uint32_t(static_cast<unsigned char>(s[at + 3]));
}

LayoutOptions fixed_date() {
    LayoutOptions o;
    o.date_iso = "2025-11-12T00:00:00Z";
    return o;
}

} // namespace

TEST_CASE("an A4 landscape PNG at 300 DPI is 3508 x 2480 with the DPI in pHYs") {
    test::TempDir dir("png");
    const Project p = test::load_clean(test::gaza());
    const Scene s = layout_map(p, *parse_page("a4-landscape"), fixed_date());
    write_png(s, dir.path / "map.png", 300);
    const std::string png = test::read_file(dir.path / "map.png");
    REQUIRE(png.substr(1, 3) == "PNG");
    CHECK(be32(png, 16) == 3508);
    CHECK(be32(png, 20) == 2480);
    const auto phys = png.find("pHYs");
    REQUIRE(phys != std::string::npos);
    CHECK(be32(png, phys + 4) == 11812); // 300 dpi in pixels per metre, read back as 300.02
    CHECK(png[phys + 12] == 1);          // unit: metre
    CHECK(png.find("tIME") == std::string::npos);
    // Pixels, not just a header: the sea is pale blue at the frame's top-left, the page white at its corner.
    CHECK(png.find("IDAT") != std::string::npos);
}

TEST_CASE("the PDF has one page of the requested size, its date fixed, and links to the citations") {
    test::TempDir dir("pdf");
    const Project p = test::load_clean(test::gaza());
    const Scene s = layout_map(p, *parse_page("a3-portrait"), fixed_date());
    write_pdf(s, dir.path / "map.pdf");
    const std::string pdf = test::read_file(dir.path / "map.pdf");
    const std::regex media(R"(/MediaBox \[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\])");
    std::smatch m;
    REQUIRE(std::regex_search(pdf, m, media));
    CHECK(std::stod(m[1]) == doctest::Approx(841.89).epsilon(1e-4));
    CHECK(std::stod(m[2]) == doctest::Approx(1190.55).epsilon(1e-4));
    CHECK(pdf.find("/Count 1") != std::string::npos);
    // Cairo 1.16 writes the date without PDF's "D:" prefix; what matters here is that it is ours, not the
    // clock's.
    CHECK(pdf.find("/CreationDate (20251112000000") != std::string::npos);
    CHECK(pdf.find("/Subtype /Link") != std::string::npos);
    CHECK(pdf.find("cite-1") != std::string::npos);
    // Hatches are clipped geometry, not tiling patterns (which PDF editors import unclipped); the
    // clients test checks what LibreOffice Draw makes of them.
    CHECK(pdf.find("/PatternType 1") == std::string::npos);
    CHECK(pdf.size() < 400000);
}

TEST_CASE("rendering twice gives byte-identical files") {
    test::TempDir dir("det");
    const Project p = test::load_clean(test::gaza());
    for (int i = 0; i < 2; ++i) {
        const Scene s = layout_map(p, *parse_page("a4-landscape"), fixed_date());
        write_pdf(s, dir.path / ("m" + std::to_string(i) + ".pdf"));
        write_png(s, dir.path / ("m" + std::to_string(i) + ".png"), 72);
        write_svg(s, dir.path / ("m" + std::to_string(i) + ".svg"));
    }
    for (const char* ext : {".pdf", ".png", ".svg"}) {
        CAPTURE(ext);
        CHECK(test::read_file(dir.path / (std::string("m0") + ext)) ==
              test::read_file(dir.path / (std::string("m1") + ext)));
    }
}

TEST_CASE("text from inputs is escaped in the SVG") {
    Scene s;
    s.width = s.height = 100;
    s.meta.title = "Zones <script>alert(1)</script> & \"quotes\"";
    Layer& l = s.layer("x\"><script>", "Layer & <name>");
    Item i;
    i.id = "zone-\"onload=alert(1)";
    i.title = "</title><script>";
    i.data = {{"citations", "1\" onmouseover=\"x"}};
    Text t;
    t.text = "A < B & C > \"D\"";
    i.parts.emplace_back(t);
    l.items.push_back(i);
    const std::string svg = render_svg(s);
    CHECK(svg.find("<script>") == std::string::npos);
    CHECK(svg.find("onload=alert") == std::string::npos);
    CHECK(svg.find("\" onmouseover") == std::string::npos);
    CHECK(svg.find("A &lt; B &amp; C &gt; &quot;D&quot;") != std::string::npos);
}

TEST_CASE("a failed write leaves the previous file untouched and no temporary behind") {
    test::TempDir dir("atomic");
    test::write_file(dir.path / "map.svg", "previous");
    CHECK_THROWS((write_atomically(dir.path / "map.svg", [](const std::filesystem::path& tmp) {
        test::write_file(tmp, "half");
        throw Error({}, "disk full");
    })));
    CHECK(test::read_file(dir.path / "map.svg") == "previous");
    int files = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path))
        ++files;
    CHECK(files == 1);
}

constexpr std::size_t kDrawWhole = std::size_t{1} << 40; // a band larger than any page

// A PNG drawn in bands (every page larger than 8 MB) must have the pixels of the page drawn whole. Numbered
// markers, as on the map and in the panel, at generated positions: with the band's offset in the CTM
// some digits moved by 1/256 px (Pango places a layout from the current point, mapped back to user
// space through the inverse CTM), and their pixels came out a level or two apart.
TEST_CASE("a PNG drawn in bands has the pixels of the page drawn whole") {
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> x(10, 300), y(10, 580), size(5, 11);
    Scene scene; // A5
    scene.width = 419.53;
    scene.height = 595.28;
    Layer& layer = scene.layer("markers", "Markers");
    for (int i = 0; i < 300; ++i) {
        const Point c{x(rng), y(rng)}; // full precision, as layout computes them
        Item item;
        item.parts.emplace_back(Circle{c, 5.02, Fill{Color{0.46, 0.2, 0, 1}, {}}, std::nullopt});
        for (int line = 0; line < 2; ++line) {
            Text t;
            t.text = line == 0 ? std::to_string(i + 1) : "Harbour district: Flooded";
            t.font.size = size(rng);
            t.font.weight = line == 0 ? Weight::bold : Weight::regular;
            t.anchor = line == 0 ? Anchor::middle : Anchor::start;
            t.origin = {line == 0 ? c.x : c.x + 8.02, c.y + 2.32 + line * 2.7};
            t.color = {line == 0 ? 1.0 : 0.13, 1, 1, 1};
            t.box = {t.origin.x - 5, t.origin.y - 8, t.origin.x + 5, t.origin.y + 3};
            t.upright = t.box;
            item.parts.emplace_back(t);
        }
        layer.items.push_back(std::move(item));
    }
    test::TempDir dir("bands");
    write_png(scene, dir.path / "whole.png", 300, kDrawWhole);
    const std::string whole = test::read_file(dir.path / "whole.png");
    for (std::size_t band : {std::size_t{1} << 20}) {
        write_png(scene, dir.path / "bands.png", 300, band);
        CAPTURE(band);
        CHECK(test::read_file(dir.path / "bands.png") == whole); // the encoder's bytes depend on the pixels only
    }
}

// Hatches are clipped to their zone, and Cairo rasterised a clip cut by the band's edge a level apart
// on a few pixels, some tens of rows from the edge (the Gaza pages): bands never cut a hatched item.
// Generated zones of every hatch, many taller than a band, among plain fills and strokes.
TEST_CASE("a PNG drawn in bands keeps the pixels of hatched zones drawn whole") {
    std::mt19937 rng(11);
    std::uniform_real_distribution<double> x(0, 400), y(0, 580), r(4, 90), unit(0, 1);
    Scene scene; // A5
    scene.width = 419.53;
    scene.height = 595.28;
    Layer& layer = scene.layer("zones", "Zones");
    const Hatch hatches[] = {Hatch::diagonal, Hatch::cross, Hatch::dots, Hatch::horizontal,
                             Hatch::vertical, Hatch::falling, Hatch::grid, Hatch::none};
    for (int i = 0; i < 60; ++i) {
        const Point c{x(rng), y(rng)};
        const double radius = r(rng);
        Ring ring;
        const int n = 5 + i % 9;
        for (int k = 0; k < n; ++k) {
            const double a = 2 * M_PI * k / n, rr = radius * (0.5 + unit(rng));
            ring.push_back({c.x + rr * std::cos(a), c.y + rr * std::sin(a)});
        }
        ring.push_back(ring.front());
        Shape shape;
        shape.rings = {ring};
        Fill fill{Color{unit(rng), unit(rng), unit(rng), 0.35}, {}};
        fill.pattern.hatch = hatches[i % 8];
        fill.pattern.color = {0.1, 0.1, 0.1, 0.8};
        fill.pattern.spacing = 2.3 + unit(rng) * 3;
        fill.pattern.line_width = 0.4 + unit(rng) * 0.5;
        shape.fill = fill;
        shape.stroke = Stroke{Color{0.2, 0.2, 0.2, 1}, 0.7 + unit(rng), {}, i % 2 == 0};
        Item item;
        item.parts.emplace_back(shape);
        layer.items.push_back(std::move(item));
    }
    test::TempDir dir("hatch-bands");
    write_png(scene, dir.path / "whole.png", 300, kDrawWhole);
    const std::string whole = test::read_file(dir.path / "whole.png");
    for (std::size_t band : {std::size_t{256} << 10, std::size_t{1} << 20, std::size_t{3} << 20, std::size_t{0}}) {
        write_png(scene, dir.path / "bands.png", 300, band);
        CAPTURE(band);
        CHECK(test::read_file(dir.path / "bands.png") == whole);
    }
}

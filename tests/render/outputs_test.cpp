// What the backends write: PNG size and DPI, PDF page size and links, SVG escaping, determinism,
// and atomic replacement.
#include "core/atomic_file.hpp"
#include "core/output_set.hpp"
#include "core/parallel.hpp"
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

TEST_CASE("an output set syncs the files written into it at its commit and swaps them in whole") {
    test::TempDir dir("output-set");
    const auto project = dir.path / "project", out = dir.path / "out";
    std::filesystem::create_directories(project);
    std::filesystem::create_directories(out);
    test::write_file(out / "map.svg", "old map");
    test::write_file(out / "notes.txt", "the author's");
    {
        OutputSet set(out, project);
        // Its files are synced together by commit(): write_atomically only starts writing them back.
        CHECK(synced_at_commit(set.dir()));
        CHECK_FALSE(synced_at_commit(out));
        CHECK_FALSE(synced_at_commit(dir.path));
        for (const char* name : {"map.svg", "map.pdf", "citations.md"})
            write_text_atomically(set.dir() / name, std::string("new ") + name);
        CHECK(test::read_file(out / "map.svg") == "old map");
        set.commit();
        CHECK_FALSE(synced_at_commit(set.dir()));
    }
    CHECK(test::read_file(out / "map.svg") == "new map.svg");
    CHECK(test::read_file(out / "map.pdf") == "new map.pdf");
    CHECK(test::read_file(out / "notes.txt") == "the author's");
    // Outside a set, a file is synced on its own and the folder holds no temporary.
    write_text_atomically(out / "alone.txt", "alone");
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(out))
        ++files;
    CHECK(files == 5);
    for (const auto& e : std::filesystem::directory_iterator(dir.path))
        CHECK(e.path().filename().string().find(".citemap-") == std::string::npos);
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
    const Hatch hatches[] = {Hatch::diagonal, Hatch::cross, Hatch::dots,  Hatch::horizontal, Hatch::vertical,
                             Hatch::falling,  Hatch::grid,  Hatch::xmarks, Hatch::none};
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
        fill.pattern.hatch = hatches[static_cast<std::size_t>(i) % std::size(hatches)];
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

// A page that hatched zones make one band is finished on two threads: the items after the last hatched
// one across the band's middle are drawn on its upper and lower rows apart. Generated: zones of every
// hatch taller than half the page (drawn on the whole band), then plain zones, numbered markers,
// labels and hatched legend swatches above, below and astride the middle (the split must come after
// the last one astride), as on the Gaza pages. The bytes must be the page's drawn whole, whichever
// task draws the lower rows.
TEST_CASE("a PNG band finished on two threads has the pixels of the page drawn whole") {
    std::mt19937 rng(23);
    std::uniform_real_distribution<double> x(0, 400), y(0, 580), unit(0, 1);
    Scene scene; // A5: 17 MB at 300 dpi, over kPngSplitBytes
    scene.width = 419.53;
    scene.height = 595.28;
    const Hatch hatches[] = {Hatch::diagonal, Hatch::cross,   Hatch::dots, Hatch::horizontal,
                             Hatch::vertical, Hatch::falling, Hatch::grid, Hatch::xmarks};
    auto zone = [&](Point c, double rx, double ry, Hatch hatch) {
        Ring ring;
        const int n = 5 + static_cast<int>(unit(rng) * 9);
        for (int k = 0; k < n; ++k) {
            const double a = 2 * M_PI * k / n, r = 0.5 + unit(rng);
            ring.push_back({c.x + rx * r * std::cos(a), c.y + ry * r * std::sin(a)});
        }
        ring.push_back(ring.front());
        Shape shape;
        shape.rings = {ring};
        Fill fill{Color{unit(rng), unit(rng), unit(rng), 0.4}, {}};
        fill.pattern = {hatch, {0.1, 0.1, 0.1, 0.8}, 2.5 + unit(rng) * 3, 0.4 + unit(rng) * 0.5};
        shape.fill = fill;
        shape.stroke = Stroke{Color{0.2, 0.2, 0.2, 1}, 0.7 + unit(rng), {}, unit(rng) < 0.5};
        Item item;
        item.parts.emplace_back(shape);
        return item;
    };
    auto label = [&](Point at, const std::string& text, bool halo) {
        Text t;
        t.text = text;
        t.font.size = 5 + unit(rng) * 6;
        t.origin = at;
        t.color = {0.1, 0.1, 0.1, 1};
        if (halo) {
            t.halo = Color{1, 1, 1, 0.9};
            t.halo_width = 1.2;
        }
        t.box = {at.x - 2, at.y - 10, at.x + 60, at.y + 3};
        t.upright = t.box;
        return t;
    };
    Layer& zones = scene.layer("zones", "Zones");
    for (int i = 0; i < 3; ++i) // each reaches over most of the page
        zones.items.push_back(zone({100 + 110.0 * i, 300}, 90, 200, hatches[(i * 3) % 7]));
    for (int i = 0; i < 40; ++i) // and these across the middle
        zones.items.push_back(zone({x(rng), 297 + 40 * (unit(rng) - 0.5)}, 20 + unit(rng) * 60, 20 + unit(rng) * 60,
                                   hatches[i % 7]));
    for (int i = 0; i < 25; ++i)
        zones.items.push_back(zone({x(rng), y(rng)}, 10 + unit(rng) * 40, 10 + unit(rng) * 40, Hatch::none));
    Layer& labels = scene.layer("labels", "Labels");
    for (int i = 0; i < 120; ++i) {
        Item item;
        const Point c{x(rng), y(rng)};
        if (i % 3 == 0)
            item.parts.emplace_back(Circle{c, 5.02, Fill{Color{0.46, 0.2, 0, 1}, {}}, std::nullopt});
        item.parts.emplace_back(label(c, i % 2 ? "Khan Younis east" : "Rafah \u0631\u0641\u062d " + std::to_string(i), i % 4 == 0));
        labels.items.push_back(std::move(item));
    }
    Layer& graticule = scene.layer("graticule", "Graticule"); // turned labels across the middle
    for (int i = 0; i < 90; ++i) {
        Text t = label({8 + 4.6 * i + unit(rng), 288 + 18 * unit(rng)}, "41." + std::to_string(i) + "\u00b0N", false);
        t.angle = i % 2 ? -90 : 25 + unit(rng) * 40;
        Item item;
        item.parts.emplace_back(t);
        graticule.items.push_back(std::move(item));
    }
    Layer& legend = scene.layer("legend", "Legend");
    for (int i = 0; i < 12; ++i) { // swatches at rows spread over the page, one of them astride the middle
        const double top = i == 6 ? 290 : 20 + 48.0 * i;
        Item item = zone({330, top + 5}, 8, 6, hatches[i % 7]);
        item.parts.emplace_back(label({345, top + 8}, "Status " + std::to_string(i), false));
        legend.items.push_back(std::move(item));
    }
    Layer& text = scene.layer("citations", "Citations");
    for (int i = 0; i < 40; ++i) {
        Item item;
        item.parts.emplace_back(label({20 + (i % 2) * 200.0, 14.0 * i + 12}, "\u201cA quote, in full\u201d", false));
        text.items.push_back(std::move(item));
    }

    test::TempDir dir("split-band");
    write_png(scene, dir.path / "whole.png", 300, kDrawWhole);
    const std::string whole = test::read_file(dir.path / "whole.png");
    // Both tasks on two threads, several times (either may draw the lower rows), then in order on one.
    for (int run = 0; run < 4; ++run) {
        const std::vector<std::function<void()>> tasks = png_image_tasks(scene, dir.path / "split.png", 300, 2);
        REQUIRE(tasks.size() == 2);
        run_parallel(tasks, 2);
        CAPTURE(run);
        CHECK(test::read_file(dir.path / "split.png") == whole);
    }
    for (const auto& task : png_image_tasks(scene, dir.path / "split.png", 300, 2))
        task();
    CHECK(test::read_file(dir.path / "split.png") == whole);
    CHECK(png_image_tasks(scene, dir.path / "split.png", 300, 1).size() == 1);
}

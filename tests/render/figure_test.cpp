// Figure pages fit a document's text block; the citations that leave the image go to the caption
// companions with the markers' numbers; the PDF's incremental update and the PNG's sidecars.
#include "companions/companions.hpp"
#include "layout/layout.hpp"
#include "render/cairo_renderer.hpp"
#include "render/png_file.hpp"
#include "test_support.hpp"

#include <cmath>
#include <regex>
#include <set>

using namespace citemap;

namespace {

LayoutOptions fixed_date() {
    LayoutOptions o;
    o.date_iso = "2025-11-12T00:00:00";
    return o;
}

constexpr double kPtPerMm = 72.0 / 25.4;

// Marker numbers drawn on the map (the white digits in the footnote circles), from the Scene.
std::set<std::string> caption_numbers(const std::string& md) {
    std::set<std::string> out;
    static const std::regex item(R"((^|\n)(\d+)\. )");
    for (auto it = std::sregex_iterator(md.begin(), md.end(), item); it != std::sregex_iterator(); ++it)
        out.insert((*it)[2]);
    return out;
}

} // namespace

TEST_CASE("a figure page is never taller than its limit, and a tight limit moves the citations out") {
    const Project p = test::load_clean(test::gaza());
    for (const char* page : {"170mm", "120mm", "170mm-max200mm", "170mm-max140mm", "250mm-max160mm"}) {
        const PageSize size = *parse_page(page);
        const Scene s = layout_map(p, size, fixed_date());
        const std::string name = page;
        CAPTURE(name);
        CHECK(s.height <= size.max_height_mm * kPtPerMm + 0.01);
        CHECK(s.width == doctest::Approx(size.width_mm * kPtPerMm));
        // The map keeps a usable size either way.
        CHECK(s.georef.frame.height() >= 0.2 * (s.width - 2 * s.georef.frame.minx) - 0.01);
        bool citations_drawn = false;
        for (const Layer& l : s.layers)
            citations_drawn |= l.id == "citations" && !l.items.empty();
        CHECK(citations_drawn != s.citations_in_caption);
    }
    // Gaza has 8 claims (the withdrawal line is cited too): a 270 mm limit holds them all.
    CHECK_FALSE(layout_map(p, *parse_page("170mm-max270mm"), fixed_date()).citations_in_caption);
    CHECK(layout_map(p, *parse_page("170mm-max140mm"), fixed_date()).citations_in_caption);
    // At the default 240 mm the citations would leave the tall strip's map at little more than half
    // the figure's width: they go to the caption and the map keeps the width.
    const Scene fig = layout_map(p, *parse_page("170mm"), fixed_date());
    CHECK(fig.citations_in_caption);
    CHECK(fig.georef.frame.width() >= 0.85 * (fig.width - 2 * fig.georef.frame.minx));
    CHECK_FALSE(parse_page("170mm-max20mm"));
}

TEST_CASE("caption companions number the claims as the markers, escaped for each format") {
    const Project p = test::load_clean(test::gaza());
    std::set<std::string> numbers;
    for (const Claim& c : p.claims)
        numbers.insert(std::to_string(c.number));
    CHECK(caption_numbers(caption_markdown(p)) == numbers);
    const std::string tex = caption_latex(p);
    for (const auto& n : numbers)
        CHECK(tex.find("\\item[" + n + ".]") != std::string::npos);
    CHECK(tex.find("Rafah in the south") != std::string::npos);
    const std::string html = caption_html(p);
    for (const auto& n : numbers)
        CHECK(html.find("<li value=\"" + n + "\"") != std::string::npos);
}

TEST_CASE("pHYs is rounded up so readers that truncate still read the intended DPI") {
    for (double dpi : {72.0, 96.0, 150.0, 200.0, 300.0, 600.0}) {
        const double read_back = pixels_per_metre(dpi) * 0.0254;
        CAPTURE(dpi);
        CHECK(static_cast<int>(read_back) == static_cast<int>(dpi)); // truncating readers (pandoc)
        CHECK(std::lround(read_back) == std::lround(dpi));           // rounding readers
    }
    CHECK(pixels_per_metre(300) == 11812);
}

TEST_CASE("the PDF carries XMP and a geospatial viewport in an incremental update, the PNG a world file") {
    test::TempDir dir("georef");
    const Project p = test::load_clean(test::gaza());
    const Scene s = layout_map(p, *parse_page("170mm"), fixed_date());
    write_pdf(s, dir.path / "f.pdf");
    write_png(s, dir.path / "f.png", 72);
    const std::string pdf = test::read_file(dir.path / "f.pdf");
    // Cairo's file, then one update: two %%EOF markers, the second xref pointing back with /Prev.
    CHECK(pdf.find("%%EOF") != pdf.rfind("%%EOF"));
    CHECK(pdf.find("/Prev ") != std::string::npos);
    CHECK(pdf.find("/Subtype /XML") != std::string::npos);
    CHECK(pdf.find("/Subtype /GEO") != std::string::npos);
    CHECK(pdf.find("/EPSG 32636") != std::string::npos);
    CHECK(pdf.find("<citemap:zone>rafah</citemap:zone>") != std::string::npos);
    // The world file's pixel size is the frame's map units per pixel.
    const std::string pgw = test::read_file(dir.path / "f.pgw");
    const double unit = std::stod(pgw.substr(0, pgw.find('\n')));
    CHECK(unit == doctest::Approx(s.georef.world.width() / s.georef.frame.width()).epsilon(1e-9));
    CHECK(test::read_file(dir.path / "f.png.aux.xml").find("UTM zone 36N") != std::string::npos);
}

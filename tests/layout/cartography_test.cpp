// Scale bar, north arrow, inset and patterns are true to the map, not decoration.
#include "geo/projection.hpp"
#include "layout/layout.hpp"
#include "layout/scale_bar.hpp"
#include "layout/scene_walk.hpp"
#include "render/svg_writer.hpp"
#include "test_support.hpp"

#include <cmath>

using namespace citemap;

TEST_CASE("scale bars use round lengths") {
    for (double mpp : {1.0, 13.7, 52.0, 371.0, 4999.0}) {
        const ScaleBar b = choose_scale_bar(mpp, 120);
        const double lead = b.metres / std::pow(10.0, std::floor(std::log10(b.metres)));
        CAPTURE(mpp);
        CHECK((lead == doctest::Approx(1) || lead == doctest::Approx(2) || lead == doctest::Approx(5)));
        CHECK(b.length_pt <= 120);
        CHECK(b.length_pt > 120 / 2.6);
    }
    const ScaleBar five = choose_scale_bar(50, 110);
    CHECK(five.label(five.segments) == "5 km");
    CHECK(five.label(1) == "1 km");
}

TEST_CASE("imperial scale bars use round numbers of miles") {
    const ScaleBar b = choose_scale_bar(50, 110, ScaleUnit::imperial); // 5.5 km fit: 2 mi
    CHECK(b.label(b.segments) == "2 mi");
    CHECK(b.metres == doctest::Approx(2 * 1609.344));
}

TEST_CASE("the scale bar measures true on the ground at the map centre, in UTM and in Web Mercator") {
    for (const auto& [project, page] : {std::pair{test::gaza(), "a4-landscape"}, std::pair{test::gaza(), "170mm"},
                                        std::pair{test::source_root() / "geodata" / "example-brenna", "a4-portrait"}}) {
        const Project p = test::load_clean(project);
        const Scene s = layout_map(p, *parse_page(page), {});
        const Item* bar = test::find_item(s, "scale-bar");
        REQUIRE(bar);
        const double metres = std::stod(bar->data.at("metres"));
        const double length_pt = std::stod(bar->data.at("length-pt"));
        // Independently: page points -> map units -> lon/lat -> geodesic metres.
        const Projection proj(s.georef.crs, p.geo.lonlat_extent);
        const double units_per_pt = s.georef.world.width() / s.georef.frame.width();
        const Point c{(s.georef.world.minx + s.georef.world.maxx) / 2,
                      (s.georef.world.miny + s.georef.world.maxy) / 2};
        const double half = length_pt * units_per_pt / 2;
        const double ground =
            geodesic_distance(proj.inverse({c.x - half, c.y}), proj.inverse({c.x + half, c.y}));
        CAPTURE(page);
        CHECK(ground == doctest::Approx(metres).epsilon(0.002));
    }
}

TEST_CASE("the north arrow is turned by the grid convergence") {
    const Project p = test::load_clean(test::gaza());
    const Scene s = layout_map(p, *parse_page("a4-landscape"), {});
    const Item* arrow = test::find_item(s, "north-arrow");
    REQUIRE(arrow);
    // Gaza lies 1.4 degrees east of UTM 36N's central meridian: grid north is about 0.75 degrees off.
    CHECK(std::stod(arrow->data.at("convergence-deg")) == doctest::Approx(0.75).epsilon(0.06));
}

TEST_CASE("the inset sits in a corner of the map frame and covers no zone") {
    const Project p = test::load_clean(test::gaza());
    const Scene s = layout_map(p, *parse_page("a4-landscape"), {});
    const Item* inset = test::find_item(s, "inset");
    REQUIRE(inset);
    const Box b = bounds_of(*inset);
    CHECK(s.georef.frame.inflated(0.01).contains(b));
    const bool at_corner =
        (std::abs(b.minx - s.georef.frame.minx) < 1 || std::abs(b.maxx - s.georef.frame.maxx) < 1) &&
        (std::abs(b.miny - s.georef.frame.miny) < 1 || std::abs(b.maxy - s.georef.frame.maxy) < 1);
    CHECK(at_corner);
    for (const Layer& l : s.layers)
        if (l.id == "labels" || l.id == "markers")
            for (const Item& i : l.items)
                CHECK_FALSE(bounds_of(i).intersects(b));
}

TEST_CASE("plans and projections are real patterns in the SVG") {
    const Project p = test::load_clean(test::gaza());
    const std::string svg = render_svg(layout_map(p, *parse_page("a4-landscape"), {}));
    CHECK(svg.find("<pattern id=\"hatch-diag") != std::string::npos);
    CHECK(svg.find("<pattern id=\"hatch-dots") != std::string::npos);
    CHECK(svg.find("fill=\"url(#hatch-") != std::string::npos);
    // A pattern is a tile, not thousands of lines: the whole map stays small.
    CHECK(svg.size() < 600000);
}

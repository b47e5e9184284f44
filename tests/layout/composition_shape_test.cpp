// Composition against the data and the page: the land the zones are on stays whole in the frame, a
// side column is filled rather than left half empty, and a figure wider than it may be tall keeps its
// legend beside the map instead of under a strip of map.
#include "geo/geometry_ops.hpp"
#include "layout/invented_project.hpp"
#include "layout/layout.hpp"
#include "layout/layout_quality.hpp"
#include "layout/map_transform.hpp"
#include "layout/scene_walk.hpp"

#include <cmath>

using namespace citemap;

namespace {

Box page_box_of_layer(const Scene& s, const std::string& layer_id) {
    Box b{1e18, 1e18, -1e18, -1e18};
    for (const Layer& l : s.layers)
        if (l.id == layer_id)
            for (const Item& i : l.items)
                b.expand(bounds_of(i));
    return b;
}

} // namespace

TEST_CASE("the frame holds the zones and the whole land they are on when the zones still fill it") {
    test::TempDir tmp("whole-land");
    for (auto land : {test::Land::wide, test::Land::tall, test::Land::square}) {
        test::Invented v;
        v.name = "coast " + std::to_string(static_cast<int>(land));
        v.land = land;
        v.zones = 6;
        v.claims = 8;
        const auto dir = test::write_invented(tmp.path / v.name, v);
        const Project first = test::load_clean(dir);
        // A coast just around the zones: its box about 1.4 times theirs.
        const Box zb = first.geo.zones_extent;
        const double cx = (zb.minx + zb.maxx) / 2, cy = (zb.miny + zb.maxy) / 2;
        const double rx = zb.width() / 2 * 1.185, ry = zb.height() / 2 * 1.185;
        std::string ring = "[";
        for (int i = 0; i <= 40; ++i) {
            // Projected metres back to degrees is the project's business: write the coast in its CRS.
            const double a = 2 * M_PI * (i % 40) / 40;
            const double x = cx + rx * std::copysign(std::pow(std::abs(std::cos(a)), 0.5), std::cos(a));
            const double y = cy + ry * std::copysign(std::pow(std::abs(std::sin(a)), 0.5), std::sin(a));
            const Point ll = first.geo.projection->inverse({x, y});
            ring += (i ? "," : "") + std::string("[") + std::to_string(ll.x) + "," + std::to_string(ll.y) + "]";
        }
        test::write_file(dir / "land.geojson", R"({"type":"FeatureCollection","features":[)" +
                                                   test::invented::feature(R"({"name":"Coast"})", "Polygon",
                                                                           "[" + ring + "]]") +
                                                   "]}");
        const Project p = test::load_clean(dir);
        const BaseLayer* outline = p.geo.layer(LayerRole::outline);
        REQUIRE(outline);
        Box coast = p.geo.zones_extent;
        for (const Feature& f : outline->features)
            coast.expand(geom::bounds(*p.geo.ctx, f.geom.get()));
        CHECK(coast.width() * coast.height() > 1.3 * zb.width() * zb.height());
        for (const char* page : {"a4-landscape", "a4-portrait", "170mm"}) {
            CAPTURE(v.name);
            CAPTURE(page);
            const Scene s = layout_map(p, *parse_page(page), {});
            CHECK(s.georef.world.contains(coast)); // no coast cropped
            CHECK(check_layout_quality(s, p, QualityLimits::full()).zone_fill >= 0.6);
        }
    }
}

TEST_CASE("a figure wider than it may be tall keeps its legend beside the map or in columns under it") {
    test::TempDir tmp("wide-figure");
    for (auto land : {test::Land::wide, test::Land::square}) {
        test::Invented v;
        v.name = "figure " + std::to_string(static_cast<int>(land));
        v.land = land;
        v.zones = 6;
        v.claims = 14;
        const Project p = test::load_clean(test::write_invented(tmp.path / v.name, v));
        const PageSize page = *parse_page("250mm-max160mm");
        const Scene s = layout_map(p, page, {});
        CAPTURE(v.name);
        CHECK(check_layout_quality(s, p, QualityLimits::hard()).ok());
        const Item* legend = test::find_item(s, "legend");
        REQUIRE(legend);
        const Box frame = s.georef.frame;
        // The legend beside the map, or under it in columns little more than half the map's height;
        // never one tall column under a strip of map.
        const Box lb = bounds_of(*legend);
        CHECK((lb.minx >= frame.maxx || (lb.miny >= frame.maxy && lb.height() <= 0.6 * frame.height())));
        CHECK(frame.width() * frame.height() >= 0.3 * s.width * s.height);
        CHECK(s.height <= page.max_height_mm * 72 / 25.4 + 0.01);
    }
}

TEST_CASE("a figure of a tall land sets its map beside the legend, as high as the figure may be") {
    // Under the title, a land 3.5 times as tall as wide got a strip a sixth of the figure's width
    // between two blanks (170 mm: 29 x 137 mm), and --panel beside was ignored on figures.
    test::TempDir tmp("tall-figure");
    test::Invented v;
    v.name = "tall figure";
    v.land = test::Land::tall;
    v.zones = 4;
    v.claims = 8;
    const Project p = test::load_clean(test::write_invented(tmp.path / v.name, v));
    for (const char* size : {"170mm", "120mm"})
        for (auto want : {PanelPlacement::automatic, PanelPlacement::beside}) {
            CAPTURE(size);
            CAPTURE(static_cast<int>(want));
            const PageSize page = *parse_page(size);
            LayoutOptions o;
            o.panel = want;
            const Scene s = layout_map(p, page, o);
            CHECK(check_layout_quality(s, p, QualityLimits::hard()).ok());
            const Item* legend = test::find_item(s, "legend");
            REQUIRE(legend);
            const Box frame = s.georef.frame;
            CHECK(bounds_of(*legend).minx >= frame.maxx);
            CHECK(frame.height() >= 0.75 * s.height);
            CHECK(frame.width() * frame.height() >= 0.2 * s.width * s.height);
        }
    // Asked for below, it stays below.
    LayoutOptions o;
    o.panel = PanelPlacement::below;
    const Scene s = layout_map(p, *parse_page("170mm"), o);
    CHECK(bounds_of(*test::find_item(s, "legend")).miny >= s.georef.frame.maxy);
}

TEST_CASE("a side column is filled: its text reaches near the credits or the column is the narrowest tried") {
    test::TempDir tmp("side-column");
    for (int claims : {6, 11, 18}) {
        test::Invented v;
        v.name = "column " + std::to_string(claims);
        v.zones = 5;
        v.claims = claims;
        v.thin = true;
        const Project p = test::load_clean(test::write_invented(tmp.path / v.name, v));
        const Scene s = layout_map(p, *parse_page("a4-landscape"), {});
        CAPTURE(claims);
        const Box frame = s.georef.frame;
        const Box cites = page_box_of_layer(s, "citations");
        if (cites.minx < frame.maxx)
            continue; // citations under the map: no side column to fill
        const Item* credits = test::find_item(s, "credits");
        REQUIRE(credits);
        const double empty = bounds_of(*credits).miny - cites.maxy;
        const double inner = s.width - 2 * frame.minx;
        MESSAGE("empty " << empty / s.height << " column " << (s.width - frame.minx - frame.maxx) / inner);
        CHECK((empty < 0.2 * s.height || s.width - frame.minx - frame.maxx < 0.27 * inner));
    }
}

TEST_CASE("a title that wraps comes out in even lines, never one word alone on the last") {
    test::TempDir tmp("titles");
    int wrapped = 0, n = 0;
    for (const char* name : {"Kalenia after the May truce", "The northern valley and its farms after the storm",
                             "Where the ceasefire holds and where it does not", "Island of Brenna: the west after the flood"}) {
        test::Invented v;
        v.name = name;
        v.zones = 3;
        v.claims = 3;
        const Project p = test::load_clean(test::write_invented(tmp.path / std::to_string(++n), v));
        for (const char* page : {"a4-landscape", "a4-portrait", "170mm"}) {
            const Scene s = layout_map(p, *parse_page(page), {});
            std::vector<double> widths;
            for (const auto& t : test::texts_of(s))
                if (t.item == "title-block")
                    widths.push_back(t.box.width());
            CAPTURE(name);
            CAPTURE(page);
            REQUIRE(!widths.empty());
            if (widths.size() < 2)
                continue;
            ++wrapped;
            // Even: the last line at least half as wide as the widest.
            CHECK(widths.back() >= 0.5 * *std::max_element(widths.begin(), widths.end()));
        }
    }
    CHECK(wrapped >= 3); // the titles above do wrap on these pages
}

namespace {

// The largest rectangle of the page, inside its margins, that nothing covers (the map frame, the
// title, the legend, a citation, the credits), as a share of the page: a hole a reader sees as
// unfinished layout. Measured on a 1 mm grid with the histogram method.
double largest_hole(const Scene& s) {
    constexpr double mm = 72.0 / 25.4;
    const double margin = s.georef.frame.minx; // the frame starts at the page's margin
    const int cols = static_cast<int>((s.width - 2 * margin) / mm), rows = static_cast<int>((s.height - 2 * margin) / mm);
    std::vector<std::vector<char>> used(static_cast<std::size_t>(rows), std::vector<char>(static_cast<std::size_t>(cols), 0));
    auto cover = [&](const Box& b) {
        for (int r = std::max(0, static_cast<int>((b.miny - margin) / mm)); r < rows && margin + r * mm < b.maxy; ++r)
            for (int c = std::max(0, static_cast<int>((b.minx - margin) / mm)); c < cols && margin + c * mm < b.maxx; ++c)
                used[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)] = 1;
    };
    cover(s.georef.frame);
    for (const Layer& l : s.layers)
        if (l.id == "panel" || l.id == "citations")
            for (const Item& i : l.items)
                if (!i.parts.empty())
                    cover(bounds_of(i));
    std::vector<int> height(static_cast<std::size_t>(cols), 0);
    double best = 0;
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < cols; ++c)
            height[static_cast<std::size_t>(c)] = used[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)] ? 0 : height[static_cast<std::size_t>(c)] + 1;
        for (int c = 0; c < cols; ++c) {
            int h = height[static_cast<std::size_t>(c)];
            for (int d = c; d < cols && h > 0; ++d) {
                h = std::min(h, height[static_cast<std::size_t>(d)]);
                best = std::max(best, static_cast<double>(h) * (d - c + 1));
            }
        }
    }
    return best * mm * mm / (s.width * s.height);
}

} // namespace

TEST_CASE("the bundled wide maps on landscape pages leave no large hole under the legend or in the column") {
    // Solund and Brenna are wide lands: on a landscape page the map takes the page's width and the
    // legend and citations share what is left, without a block of blank page (there was one under the
    // legend, a tenth of the page). Generated lands: the next test.
    for (const char* name : {"example-solund", "example-brenna"}) {
        const Project p = test::load_clean(test::source_root() / "geodata" / name);
        for (const char* page : {"a4-landscape", "letter-landscape", "a3-landscape", "a4-portrait", "letter-portrait"}) {
            CAPTURE(name);
            CAPTURE(page);
            const double hole = largest_hole(layout_map(p, *parse_page(page), {}));
            MESSAGE(name << " " << page << ": largest hole " << hole);
            CHECK(hole < 0.06);
        }
    }
}

TEST_CASE("generated lands with few claims leave no large hole on landscape or portrait pages") {
    // A wide or tall land with a handful of claims has more page than content. The frame takes more
    // of the surroundings as far as the zones still fill 60 % of it, the text is set larger (never in
    // columns too narrow for it), the blocks spread over the height to spare, and the composition
    // that leaves the smallest block of blank page wins. It failed before (wide land, 9 claims, A4
    // portrait: 14 %; tall land, 8 claims, A4 landscape: 25 %), and again when a first column under
    // the map was wide enough for the legend's two columns of rows but its citations ran on under the
    // left one only (wide land, 13 claims, letter landscape: 12.4 %).
    // 4 claims on a page of the other orientation (a wide land on a portrait page, a tall one on a
    // landscape page) had a looser bound, 18 %: 17.1 % (wide land, A4 portrait), 12.5 % (tall land,
    // A4 landscape), 12.1 % (wide land, letter portrait). Now the map centres on the zones' own box
    // where their land is cropped anyway, which draws them larger and lets the frame grow further
    // (A4 portrait: 90 -> 110 mm high); a band under the map stands halfway to the credits with its
    // columns ending together; a side column spreads its blocks and its claims evenly down to the
    // credits. A tall land on a portrait page had 12 %: its side column's short lines left a strip
    // of blank page down its right side (11.8 %, A4 portrait, 12 claims); the text block now moves
    // right by half that strip. Every case here is under 9 % (8.8 % at most).
    test::TempDir tmp("few-claims");
    struct Case {
        test::Land land;
        int zones, claims;
    };
    double worst = 0;
    for (const Case c : {Case{test::Land::wide, 4, 4}, Case{test::Land::wide, 6, 9},
                         Case{test::Land::wide, 6, 13}, Case{test::Land::wide, 6, 18},
                         Case{test::Land::tall, 3, 4}, Case{test::Land::tall, 3, 8},
                         Case{test::Land::tall, 5, 12}, Case{test::Land::tall, 6, 18},
                         Case{test::Land::square, 2, 3}}) {
        test::Invented v;
        v.name = "few " + std::to_string(static_cast<int>(c.land)) + " " + std::to_string(c.claims);
        v.land = c.land;
        v.zones = c.zones;
        v.claims = c.claims;
        const Project p = test::load_clean(test::write_invented(tmp.path / v.name, v));
        for (const std::string page : {"a4-landscape", "a4-portrait", "letter-landscape", "letter-portrait"}) {
            CAPTURE(v.name);
            CAPTURE(page);
            const Scene s = layout_map(p, *parse_page(page), {});
            const double hole = largest_hole(s);
            MESSAGE(v.name << " " << page << ": largest hole " << hole);
            worst = std::max(worst, hole);
            // Four claims on a page of the other orientation (a wide land on a portrait page, a tall
            // one on a landscape page): the map is bound by the page's width or height and the text is
            // short, so the page has more room than content wherever the blocks go; the blank above the
            // credits moves with the legend's height in either direction (its "Other symbols" heading,
            // its base symbols set on one line: 9.3 % on A4 portrait, 9.1 % on A4 landscape, 8.8 %
            // before). This class had the loosest bound before (18 %); half a point over the others'.
            // Since a short column's claims keep their even spacing instead of spreading apart to end
            // with the legend's column (audit s12 D10), the blank under them is a block of its own:
            // 10.1 % (wide land, A4 portrait), 10.4 % (tall land, A4 landscape).
            const bool other_orientation = (c.land == test::Land::wide) == (page.find("portrait") != std::string::npos);
            CHECK(hole < (c.claims == 4 && other_orientation ? 0.11 : 0.09));
            CHECK(check_layout_quality(s, p, QualityLimits::full()).zone_fill >= 0.6);
        }
    }
    MESSAGE("worst asserted " << worst);
}

TEST_CASE("a side column whose legend loses rows on the drawn map takes more citations into their room") {
    // The legend is sized before the map is drawn, with a row for every band that might be drawn;
    // on small islands the bands are not drawn and the rows go. The column's citations used to stay
    // where the plan put them, under a blank where the rows had been (55 mm on the probe's
    // archipelago at A5, one citation on the page and the rest on further sheets). Now the
    // citations move up and the column takes as many more as fit. Generated archipelagos of small
    // islands with many further claims, on pages too small for all their citations.
    test::TempDir tmp("legend-rows");
    int columns = 0;
    for (const int claims : {45, 60})
        // (An archipelago of such rocks fails at A4 landscape on main of 16:00, "claim 5 (zone z4) has
        // no marker on the map": a marker-placement defect, left to the labels' owner.)
        for (const test::Land land : {test::Land::square, test::Land::wide}) {
            test::Invented v;
            v.name = "rows " + std::to_string(claims) + " " + std::to_string(static_cast<int>(land));
            v.land = land;
            v.zones = 30;
            v.claims = claims;
            v.rocks_km = 1;
            const Project p = test::load_clean(test::write_invented(tmp.path / v.name, v));
            for (const char* page : {"a5-landscape", "a4-landscape", "letter-landscape"}) {
                CAPTURE(v.name);
                CAPTURE(page);
                const auto sheets = layout_sheets(p, *parse_page(page), {});
                const Scene& s = sheets.front();
                const Item* legend = test::find_item(s, "legend");
                const Item* heading = test::find_item(s, "citations-heading");
                if (!legend || !heading || sheets.size() < 2)
                    continue;
                const Box lb = bounds_of(*legend), hb = bounds_of(*heading);
                if (hb.miny < lb.maxy || hb.minx > lb.minx + 1 || lb.minx < s.georef.frame.maxx)
                    continue; // not a side column with the citations under the legend
                ++columns;
                const double gap_mm = (hb.miny - lb.maxy) / (72.0 / 25.4);
                MESSAGE(v.name << " " << std::string(page) << ": " << gap_mm << " mm between legend and citations");
                // The plan's gap and a spread of at most 2.5 gaps (6 mm each on A4): under 25 mm.
                CHECK(gap_mm < 25);
            }
        }
    CHECK(columns >= 3);
}

TEST_CASE("a wide land cropped anyway on a portrait page is framed on its zones, which span the frame") {
    // The frame as wide as the page showed the zones and part of their land either side (the land
    // is larger than any frame the zones still fill 60 % of): the zones spanned 87 % of its width
    // and the frame could grow no taller. Centred on the zones' own box they span it all but the
    // thin margin, are drawn larger, and the frame grows taller on them (A4 portrait, 4 claims: the
    // map 90 -> 110 mm high).
    test::TempDir tmp("tight-frame");
    for (int claims : {4, 9}) {
        test::Invented v;
        v.name = "tight " + std::to_string(claims);
        v.land = test::Land::wide;
        v.zones = claims == 4 ? 4 : 6;
        v.claims = claims;
        const Project p = test::load_clean(test::write_invented(tmp.path / v.name, v));
        for (const char* page : {"a4-portrait", "letter-portrait"}) {
            CAPTURE(claims);
            CAPTURE(page);
            const Scene s = layout_map(p, *parse_page(page), {});
            const Box z = p.geo.zones_extent, world = s.georef.world;
            Box land = z;
            for (const Feature& f : p.geo.layer(LayerRole::outline)->features)
                land.expand(geom::bounds(*p.geo.ctx, f.geom.get()));
            CHECK(!world.contains(land)); // the land is cropped either way
            const double span = (std::min(z.maxx, world.maxx) - std::max(z.minx, world.minx)) / world.width();
            MESSAGE(std::string(page) << " " << claims << ": the zones span " << span << " of the frame's width; the frame is "
                    << s.georef.frame.height() / (72 / 25.4) << " mm high");
            CHECK(span > 0.93);
            CHECK(check_layout_quality(s, p, QualityLimits::full()).zone_fill >= 0.6);
        }
    }
}

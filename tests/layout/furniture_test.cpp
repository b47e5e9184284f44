// Scale bars and north arrows, on the main map and in detail insets, stand where they hide no zone, or
// as little of one as a map covered with zones allows; measured here in the map CRS with GEOS, apart
// from the layout-quality check's own page-space count.
#include "geo/geometry_ops.hpp"
#include "layout/invented_project.hpp"
#include "layout/layout.hpp"
#include "layout/layout_quality.hpp"
#include "layout/map_transform.hpp"
#include "layout/scene_walk.hpp"

#include <algorithm>

using namespace citemap;

namespace {

// A tenth of a zone at most (layout_quality.hpp: kFurnitureHidesShare).
constexpr double kMostHidden = 0.1;

// What a furniture item hides: its panel when it has one (a filled box behind it), else each part.
std::vector<Box> hiding_boxes(const Item& it) {
    std::vector<Box> out;
    for (const Primitive& p : it.parts) {
        if (const auto* t = std::get_if<Text>(&p)) {
            out.push_back(t->box);
        } else if (const auto* s = std::get_if<Shape>(&p)) {
            Box b{1e18, 1e18, -1e18, -1e18};
            for (const Ring& r : s->rings)
                for (const Point& pt : r)
                    b.expand({pt.x, pt.y, pt.x, pt.y});
            out.push_back(b);
        }
    }
    return out;
}

// The largest share of any zone with claims (its part inside `shown`, map CRS) that the furniture
// items of `layer` hide; `tf` maps that map's page points to the map CRS.
double worst_hidden_share(const Scene& s, const Project& p, const std::string& layer, const MapTransform& tf,
                          std::string& which) {
    const GeosContext& ctx = *p.geo.ctx;
    double worst = 0;
    GeosGeom shown = ctx.box(tf.world);
    for (const Layer& l : s.layers) {
        if (l.id != layer)
            continue;
        for (const Item& it : l.items) {
            std::vector<const GEOSGeometry*> parts;
            std::vector<GeosGeom> owned;
            for (const Box& b : hiding_boxes(it))
                owned.push_back(ctx.box(tf.to_world(b)));
            for (const GeosGeom& g : owned)
                parts.push_back(g.get());
            if (parts.empty())
                continue;
            GeosGeom cover = geom::union_all(ctx, parts);
            for (const Zone& z : p.geo.zones) {
                if (p.claims_of(z.id).empty())
                    continue;
                GeosGeom in = geom::intersection(ctx, z.geom.get(), shown.get());
                const double area = geom::area(ctx, in.get());
                if (area <= 0)
                    continue;
                const double hidden = geom::area(ctx, geom::intersection(ctx, in.get(), cover.get()).get());
                if (hidden / area > worst) {
                    worst = hidden / area;
                    which = it.id + " over " + z.id;
                }
            }
        }
    }
    return worst;
}

} // namespace

TEST_CASE("on a land divided between its zones, the scale bar and north arrow hide under a tenth of any zone") {
    // The audit's wide land on a 60 mm figure: the scale bar's white box hid a third of the eastern
    // zone and the north arrow stood on the western one. Now the bar drops its panel where every spot
    // of it hides a zone, and the arrow is left out (the frame's degree ticks give north).
    test::TempDir tmp("furniture");
    const Project p = test::load_clean(test::write_divided_land(tmp.path / "divided"));
    int bare = 0, pages = 0;
    for (const std::string page : {"60mm", "80mm", "120mm", "170mm", "a5-landscape", "a4-portrait", "a4-landscape"}) {
        CAPTURE(page);
        const Scene s = layout_map(p, *parse_page(page), {});
        ++pages;
        const MapTransform tf{s.georef.world, s.georef.frame};
        std::string which;
        const double share = worst_hidden_share(s, p, "furniture", tf, which);
        MESSAGE(page << ": furniture hides at most " << 100 * share << " % of a zone (" << which << ")");
        CHECK(share < kMostHidden);
        const Item* bar = test::find_item(s, "scale-bar");
        REQUIRE(bar); // a map always has its scale
        bare += bar->data.count("panel") > 0;
        CHECK(check_layout_quality(s, p, QualityLimits::hard()).ok());
    }
    CHECK(bare > 0); // the case this test is about: some page had no free corner for the panel
}

TEST_CASE("a detail inset's scale bar hides under a tenth of the zones it shows") {
    // The audit's Iru inset had its bar's box on the island it magnified, the Gate 3 inset its bar on
    // the DMZ band around the checkpoint. Generated lands with a lone rock or a cluster of small zones.
    test::TempDir tmp("inset-bar");
    int insets = 0;
    for (const test::Land land : {test::Land::wide, test::Land::square, test::Land::archipelago})
        for (const bool cluster : {false, true}) {
            test::Invented v;
            v.name = "inset bar " + std::to_string(static_cast<int>(land)) + (cluster ? " cluster" : " rock");
            v.land = land;
            v.zones = 5;
            v.claims = 9;
            v.tiny = cluster;
            v.islet = !cluster;
            v.thin = cluster; // a band across the cluster's surroundings
            const Project p = test::load_clean(test::write_invented(tmp.path / v.name, v));
            for (const std::string page : {"a4-landscape", "a4-portrait", "170mm"}) {
                CAPTURE(v.name);
                CAPTURE(page);
                const Scene s = layout_map(p, *parse_page(page), {});
                for (int n = 1; n <= 2; ++n) {
                    const std::string prefix = "detail-" + std::to_string(n) + "-";
                    const Item* link = test::find_item(s, prefix + "frame");
                    if (!link)
                        continue;
                    ++insets;
                    // The framed area on the main map is what the inset shows, drawn in the inset's box.
                    Box around{1e18, 1e18, -1e18, -1e18}, box{1e18, 1e18, -1e18, -1e18};
                    for (const Point& pt : std::get<Shape>(link->parts.at(0)).rings.at(0))
                        around.expand({pt.x, pt.y, pt.x, pt.y});
                    for (const Point& pt : std::get<Shape>(link->parts.at(1)).rings.at(0))
                        box.expand({pt.x, pt.y, pt.x, pt.y});
                    const MapTransform main{s.georef.world, s.georef.frame};
                    const MapTransform inset{main.to_world(around), box};
                    std::string which;
                    const double share = worst_hidden_share(s, p, prefix + "furniture", inset, which);
                    MESSAGE(v.name << " " << page << ": inset bar hides at most " << 100 * share << " % (" << which << ")");
                    CHECK(share < kMostHidden);
                }
            }
        }
    CHECK(insets >= 8);
}

TEST_CASE("the layout-quality check counts a scale bar over a zone") {
    // A scene where the scale bar's panel lies over most of a zone is refused, with the share it hides.
    test::TempDir tmp("bar-over-zone");
    const Project p = test::load_clean(test::write_divided_land(tmp.path / "divided"));
    Scene s = layout_map(p, *parse_page("a4-landscape"), {});
    REQUIRE(check_layout_quality(s, p, QualityLimits::hard()).ok());
    // Move the bar onto the middle of zone z1.
    const Item* z1 = test::find_item(s, "zone-z1");
    REQUIRE(z1);
    Box zb{1e18, 1e18, -1e18, -1e18};
    for (const Point& pt : std::get<Shape>(z1->parts.front()).rings.at(0))
        zb.expand({pt.x, pt.y, pt.x, pt.y});
    for (Layer& l : s.layers)
        for (Item& it : l.items)
            if (it.id == "scale-bar") {
                Item panel;
                panel.id = "scale-bar";
                const Box b{zb.minx + zb.width() * 0.1, zb.miny + zb.height() * 0.2, zb.maxx - zb.width() * 0.1,
                            zb.maxy - zb.height() * 0.2};
                panel.parts.emplace_back(Shape{{box_ring(b)}, true, Fill{Color{1, 1, 1, 0.8}, {}}, std::nullopt});
                it = panel;
            }
    const QualityReport q = check_layout_quality(s, p, QualityLimits::hard());
    CAPTURE(q.summary(8));
    CHECK(std::any_of(q.problems.begin(), q.problems.end(), [](const std::string& m) {
        return m.rfind("the scale bar covers ", 0) == 0 && m.find("% of zone 'z1'") != std::string::npos;
    }));
}

TEST_CASE("a detail inset's scale bar stays inside its frame, off its badges, over little of its zones") {
    // The audit's Gate 3 inset had its bar on the DMZ band, the Mirno inset its panel on Mirno: an
    // inset filled by zones has no free corner. Set beside the frame instead, the bar read as the main
    // map's scale (audit s11 D11): it stays inside, in a band the cluster leaves free, else bare over
    // the zones, and their badges keep off it.
    test::TempDir tmp("inset-bar-inside");
    int insets = 0, on_zones = 0;
    for (const test::Land land : {test::Land::wide, test::Land::square, test::Land::archipelago, test::Land::tall})
        for (const bool thin : {false, true}) {
            test::Invented v;
            v.name = "bar inside " + std::to_string(static_cast<int>(land)) + (thin ? " thin" : "");
            v.land = land;
            v.zones = 5;
            v.claims = 9;
            v.tiny = true;
            v.thin = thin; // a band across the cluster's surroundings: an inset with no free corner
            const Project p = test::load_clean(test::write_invented(tmp.path / v.name, v));
            for (const std::string page : {"a4-landscape", "a4-portrait", "170mm", "a5-landscape"}) {
                CAPTURE(v.name);
                CAPTURE(page);
                const Scene s = layout_map(p, *parse_page(page), {});
                const MapTransform main{s.georef.world, s.georef.frame};
                for (int n = 1; n <= 3; ++n) {
                    const std::string prefix = "detail-" + std::to_string(n) + "-";
                    const Item* link = test::find_item(s, prefix + "frame");
                    const Item* bar = test::find_item(s, prefix + "scale-bar");
                    if (!link)
                        continue;
                    REQUIRE(bar);
                    ++insets;
                    Box around{1e18, 1e18, -1e18, -1e18}, box{1e18, 1e18, -1e18, -1e18};
                    for (const Point& pt : std::get<Shape>(link->parts.at(0)).rings.at(0))
                        around.expand({pt.x, pt.y, pt.x, pt.y});
                    for (const Point& pt : std::get<Shape>(link->parts.at(1)).rings.at(0))
                        box.expand({pt.x, pt.y, pt.x, pt.y});
                    const Box b = bounds_of(*bar);
                    CHECK(box.inflated(0.01).contains(b));
                    for (const Layer& l : s.layers)
                        for (const Item& it : l.items)
                            if (it.id.rfind(prefix + "marker-", 0) == 0)
                                CHECK_FALSE(bounds_of(it).intersects(b));
                    // Measured in the inset's own scale.
                    const MapTransform inset{main.to_world(around), box};
                    std::string which;
                    const double share = worst_hidden_share(s, p, prefix + "furniture", inset, which);
                    CHECK_MESSAGE(share < kMostHidden, which);
                    on_zones += share > 0;
                    CHECK(check_layout_quality(s, p, QualityLimits::hard()).ok());
                }
            }
        }
    MESSAGE(insets << " insets, " << on_zones << " bars over a zone");
    CHECK(insets >= 8);
    CHECK(on_zones > 0); // the case: some inset had no free corner
}

// Reading zones: clipping to the outline, repairing invalid drawings, refusing zones outside.
#include "geo/geometry_ops.hpp"
#include "layout/layout_quality.hpp"
#include "test_support.hpp"

#include <fstream>
#include <thread>

using namespace citemap;

namespace {

std::string polygon(const std::string& id, const std::string& coords) {
    return R"({"type":"Feature","properties":{"id":")" + id + R"(","name":")" + id +
           R"("},"geometry":{"type":"Polygon","coordinates":[[)" + coords + "]]}}";
}

std::filesystem::path project(const std::filesystem::path& dir, const std::string& zone_features,
                              const std::vector<std::string>& ids) {
    test::write_file(dir / "t.txt", "Zone one is here. Zone two is there. Zone three is gone.\n");
    test::write_file(dir / "zones.geojson",
                     R"({"type":"FeatureCollection","features":[)" + zone_features + "]}");
    test::write_file(dir / "outline.geojson",
                     R"({"type":"FeatureCollection","features":[)" +
                         polygon("land", "[10,50],[10.2,50],[10.2,50.1],[10,50.1],[10,50]") + "]}");
    std::string toml =
        "title = \"T\"\n[[source]]\nid = \"t\"\nfile = \"t.txt\"\ntitle = \"T\"\n[zones]\nfile = "
        "\"zones.geojson\"\n[[layer]]\nfile = \"outline.geojson\"\nrole = \"outline\"\n"
        "[status.s]\nlabel = \"S\"\n";
    const char* quotes[] = {"Zone one is here", "Zone two is there", "Zone three is gone"};
    for (std::size_t i = 0; i < ids.size(); ++i)
        toml += "[[claim]]\nzone = \"" + ids[i] +
                "\"\nstatus = \"s\"\nmodality = \"reported\"\nattributed_to = \"t\"\n"
                "cite = [{ source = \"t\", quote = \"" +
                quotes[i] + "\" }]\n";
    test::write_file(dir / "map.toml", toml);
    return dir;
}

// The project in `dir` with a land layer of these features, loaded.
std::optional<Project> with_land(const std::filesystem::path& dir, const std::string& features) {
    test::write_file(dir / "land.geojson", R"({"type":"FeatureCollection","features":[)" + features + "]}");
    std::ofstream(dir / "map.toml", std::ios::app) << "[[layer]]\nfile = \"land.geojson\"\nrole = \"land\"\n";
    Diagnostics d;
    return load_project(dir, d);
}

bool has(const Diagnostics& d, Diagnostic::Level level, const std::string& text) {
    for (const auto& x : d.all())
        if (x.level == level && x.message.find(text) != std::string::npos)
            return true;
    return false;
}

} // namespace

TEST_CASE("a zone drawn over the outline is clipped to it, with a warning that says how much") {
    test::TempDir tmp("clip");
    // Half of this zone lies east of the outline (lon 10.2).
    const auto dir = project(
        tmp.path, polygon("half", "[10.15,50.02],[10.25,50.02],[10.25,50.06],[10.15,50.06],[10.15,50.02]"),
        {"half"});
    Diagnostics d;
    const auto p = load_project(dir, d);
    REQUIRE(p);
    CHECK_FALSE(d.has_errors());
    CHECK(has(d, Diagnostic::Level::warning, "beyond the outline; clipped"));
    const GeosContext& ctx = *p->geo.ctx;
    const Box b = geom::bounds(ctx, p->geo.zones.at(0).geom.get());
    const Box outline = geom::bounds(ctx, p->geo.layers.at(0).features.at(0).geom.get());
    CHECK(b.maxx <= outline.maxx + 1e-6);
}

TEST_CASE("a bow-tie zone is repaired with a warning; a zone outside the outline is an error") {
    test::TempDir tmp("repair");
    const auto dir =
        project(tmp.path,
                polygon("bow", "[10.02,50.02],[10.08,50.08],[10.08,50.02],[10.02,50.08],[10.02,50.02]") +
                    "," + polygon("away", "[11,51],[11.1,51],[11.1,51.1],[11,51.1],[11,51]"),
                {"bow", "away"});
    Diagnostics d;
    const auto p = load_project(dir, d);
    // Where, in the degrees it was drawn in (GEOS gave the map CRS's metres: "Self-intersection[575132 ...]").
    CHECK(has(d, Diagnostic::Level::warning, "zone 'bow' is not a valid polygon: its edges cross near 10.0500"));
    CHECK(has(d, Diagnostic::Level::error, "lies entirely outside the outline layer"));
}

TEST_CASE("a zone at sea off the outline is told about role = land; a zone far away about its coordinates") {
    test::TempDir tmp("sea-zone");
    // The outline is the land (lon 10-10.2); "reserve" lies offshore just east of it, "lost" in
    // another country (lat and lon swapped).
    const auto dir = project(tmp.path,
                             polygon("reserve", "[10.25,50.02],[10.3,50.02],[10.3,50.06],[10.25,50.06],[10.25,50.02]") +
                                 "," + polygon("lost", "[50.02,10.02],[50.06,10.02],[50.06,10.06],[50.02,10.06],[50.02,10.02]"),
                             {"reserve", "lost"});
    Diagnostics d;
    (void)load_project(dir, d);
    int seen = 0;
    for (const auto& x : d.all()) {
        if (x.message.find("lies entirely outside the outline layer") == std::string::npos)
            continue;
        ++seen;
        CAPTURE(x.message);
        CAPTURE(x.hint);
        const bool sea = x.message.find("'reserve'") != std::string::npos;
        CHECK((x.hint.find("role = \"land\"") != std::string::npos) == sea);
        CHECK((x.hint.find("lon, lat order") != std::string::npos) == !sea);
    }
    CHECK(seen == 2);
}

TEST_CASE("a zone without a claim and a claim without a zone are both errors") {
    test::TempDir tmp("orphans");
    const auto dir =
        project(tmp.path,
                polygon("a", "[10.02,50.02],[10.05,50.02],[10.05,50.05],[10.02,50.05],[10.02,50.02]") + "," +
                    polygon("b", "[10.1,50.02],[10.15,50.02],[10.15,50.05],[10.1,50.05],[10.1,50.02]"),
                {"a", "c"});
    Diagnostics d;
    (void)load_project(dir, d);
    CHECK(has(d, Diagnostic::Level::error, "zone 'b' has no claim"));
    CHECK(has(d, Diagnostic::Level::error, "claim names unknown zone 'c'"));
}

TEST_CASE("ids are looked up through an index that gives what a search of the lists gives") {
    test::TempDir tmp("index");
    const auto dir =
        project(tmp.path,
                polygon("a", "[10.02,50.02],[10.05,50.02],[10.05,50.05],[10.02,50.05],[10.02,50.02]") + "," +
                    polygon("b", "[10.1,50.02],[10.15,50.02],[10.15,50.05],[10.1,50.05],[10.1,50.02]") + "," +
                    polygon("c", "[10.1,50.06],[10.15,50.06],[10.15,50.08],[10.1,50.08],[10.1,50.06]"),
                {"b", "a", "c"});
    Diagnostics d;
    std::optional<Project> p = load_project(dir, d);
    REQUIRE(p);
    REQUIRE(p->geo.zones.size() == 3);
    CHECK(p->geo.zone_at.size() == 3);
    for (const Zone& z : p->geo.zones) {
        CHECK(p->geo.zone(z.id) == &z);
        CHECK(p->geo.target(z.id) == &z);
        const auto claims = p->claims_of(z.id);
        REQUIRE(claims.size() == 1);
        CHECK(claims[0]->spec->zone == z.id);
    }
    CHECK(p->geo.zone("d") == nullptr);
    CHECK(p->geo.target("") == nullptr);
    CHECK(p->claims_of("d").empty());
    // A list that changed after indexing is searched again.
    Zone extra;
    extra.id = "d";
    p->geo.zones.push_back(std::move(extra));
    CHECK(p->geo.zone("d") == &p->geo.zones.back());
    CHECK(p->geo.zone("a") == &p->geo.zones[0]);
    Claim more = p->claims.front();
    p->claims.push_back(more);
    CHECK(p->claims_of(p->claims.front().spec->zone).size() == 2);
}

TEST_CASE("a zone's area on a land polygon is the overlay's, also on a second copy of the outline") {
    // (These squares' own areas equal the overlays' to the last bit: the ones on the outline are
    // their own areas, area_on_land's shortcut.)
    test::TempDir tmp("on-land");
    const auto dir =
        project(tmp.path,
                polygon("a", "[10.02,50.02],[10.08,50.02],[10.08,50.05],[10.02,50.05],[10.02,50.02]") + "," +
                    polygon("b", "[10.06,50.03],[10.12,50.035],[10.11,50.07],[10.06,50.06],[10.06,50.03]"),
                {"a", "b"});
    // The land layer: the outline's polygon again (a country layer holding the mapped area) and a
    // polygon over part of both zones.
    const std::optional<Project> p =
        with_land(dir, polygon("copy", "[10,50],[10.2,50],[10.2,50.1],[10,50.1],[10,50]") + "," +
                           polygon("half", "[10.05,50.01],[10.09,50.01],[10.09,50.08],[10.05,50.08],[10.05,50.01]"));
    REQUIRE(p);
    const Geography& geo = p->geo;
    const GeosContext& ctx = *geo.ctx;
    const std::vector<const GEOSGeometry*>& land = geo.land_polygons();
    REQUIRE(land.size() == 3); // the outline, the copy, the half (layers in map.toml order)
    REQUIRE(GEOSEqualsExact_r(ctx.get(), land[0], land[1], 0) == 1);
    for (std::size_t z = 0; z < geo.zones.size(); ++z)
        for (std::size_t k = 0; k < land.size(); ++k) {
            const double fresh = geom::area(ctx, geom::intersection(ctx, geo.zones[z].geom.get(), land[k]).get());
            CHECK(geo.area_on_land(z, k) == fresh);
        }
    CHECK(geo.area_on_land(0, 2) > 0);
    CHECK(geo.area_on_land(0, 2) < geom::area(ctx, geo.zones[0].geom.get()));
    CHECK(geo.area_on_land(1, 1) == geo.area_on_land(1, 0));
}

TEST_CASE("a zone clipped to the outline has all its area on it and none on the land it only touches") {
    test::TempDir tmp("on-outline");
    // "belt" reaches past the outline's eastern edge (lon 10.2) and is clipped there, against the
    // neighbour east of it; "afloat" is not clipped ("clip": "frame") and half of it lies on the
    // neighbour: its areas are the overlays'.
    const std::string afloat =
        R"({"type":"Feature","properties":{"id":"afloat","name":"afloat","clip":"frame"},"geometry":{"type":"Polygon",)"
        R"("coordinates":[[[10.15,50.07],[10.25,50.07],[10.25,50.09],[10.15,50.09],[10.15,50.07]]]}})";
    const auto dir = project(
        tmp.path, polygon("belt", "[10.15,50.02],[10.25,50.02],[10.25,50.06],[10.15,50.06],[10.15,50.02]") + "," + afloat,
        {"belt", "afloat"});
    const std::optional<Project> p =
        with_land(dir, polygon("east", "[10.2,50],[10.4,50],[10.4,50.1],[10.2,50.1],[10.2,50]"));
    REQUIRE(p);
    const Geography& geo = p->geo;
    const GeosContext& ctx = *geo.ctx;
    const std::vector<const GEOSGeometry*>& land = geo.land_polygons();
    REQUIRE(land.size() == 2); // the outline, then the neighbour
    REQUIRE(geo.zone("belt"));
    REQUIRE(geo.zone("afloat"));
    const std::size_t belt = static_cast<std::size_t>(geo.zone("belt") - geo.zones.data());
    const std::size_t afloat_at = static_cast<std::size_t>(geo.zone("afloat") - geo.zones.data());
    CHECK(geo.zones[belt].in_outline);
    CHECK_FALSE(geo.zones[afloat_at].in_outline);
    const double belt_area = geom::area(ctx, geo.zones[belt].geom.get());
    CHECK(belt_area > 0);
    CHECK(geo.area_on_land(belt, 0) == belt_area);
    CHECK(geo.area_on_land(belt, 1) == 0);
    for (std::size_t k = 0; k < land.size(); ++k) {
        const double fresh = geom::area(ctx, geom::intersection(ctx, geo.zones[afloat_at].geom.get(), land[k]).get());
        CHECK(fresh > 0);
        CHECK(geo.area_on_land(afloat_at, k) == fresh);
        // The overlay's answer for the clipped zone too, up to its rounding.
        const double on = geom::area(ctx, geom::intersection(ctx, geo.zones[belt].geom.get(), land[k]).get());
        CHECK(geo.area_on_land(belt, k) == doctest::Approx(on).epsilon(1e-12).scale(belt_area));
    }
}

TEST_CASE("the land's union leaves out a country's polygon that is the outline again, and covers the same land") {
    test::TempDir tmp("twin");
    const auto dir = project(
        tmp.path, polygon("a", "[10.02,50.02],[10.08,50.02],[10.08,50.05],[10.02,50.05],[10.02,50.02]"), {"a"});
    // A country of two polygons: the outline's ring and land east of it, sharing its edge.
    test::write_file(dir / "land.geojson",
                     R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"C"},)"
                     R"("geometry":{"type":"MultiPolygon","coordinates":[[[[10,50],[10.2,50],[10.2,50.1],[10,50.1],[10,50]]],)"
                     R"([[[10.2,50],[10.3,50],[10.3,50.1],[10.2,50.1],[10.2,50]]]]}}]})");
    std::ofstream(dir / "map.toml", std::ios::app) << "[[layer]]\nfile = \"land.geojson\"\nrole = \"land\"\n";
    Diagnostics d;
    std::optional<Project> p = load_project(dir, d);
    REQUIRE(p);
    const GeosContext& ctx = *p->geo.ctx;
    std::vector<const GEOSGeometry*> every;
    for (const BaseLayer& bl : p->geo.layers)
        for (const Feature& f : bl.features)
            every.push_back(f.geom.get());
    REQUIRE(every.size() == 2);
    const GeosGeom land = p->geo.union_of({LayerRole::land, LayerRole::outline});
    REQUIRE(land);
    CHECK(GEOSEquals_r(ctx.get(), land.get(), geom::union_all(ctx, every).get()) == 1);
    CHECK(geom::area(ctx, land.get()) == doctest::Approx(geom::area(ctx, every[1])).epsilon(1e-9)); // the country's
}

TEST_CASE("the land's union made while the zones load is the one a page would make") {
    // Gaza's claims name the withdrawal line its zones are divided by, so load_geography unites the
    // land and outline layers on a worker while it derives and clips the zones (claimed_line_divides);
    // kept_union then hands that union out. It must be union_of's, vertex for vertex: every page's
    // frame, and the names kept off abroad, are measured on it.
    const Project p = test::load_clean(test::source_root() / "geodata" / "gaza-2025-11");
    const GeosContext& ctx = *p.geo.ctx;
    const GEOSGeometry* kept = p.geo.kept_union(Geography::Kept::land_and_outline);
    const GeosGeom fresh = p.geo.union_of({LayerRole::land, LayerRole::outline});
    REQUIRE(kept);
    REQUIRE(fresh);
    CHECK(GEOSGetNumCoordinates_r(ctx.get(), kept) == GEOSGetNumCoordinates_r(ctx.get(), fresh.get()));
    CHECK(GEOSEqualsExact_r(ctx.get(), kept, fresh.get(), 0) == 1);
    CHECK(geom::bounds(ctx, kept).minx == geom::bounds(ctx, fresh.get()).minx);
}

TEST_CASE("kept unions and common areas are what computing them afresh gives, on every thread") {
    test::TempDir tmp("kept");
    const auto dir =
        project(tmp.path,
                polygon("a", "[10.02,50.02],[10.08,50.02],[10.08,50.05],[10.02,50.05],[10.02,50.02]") + "," +
                    polygon("b", "[10.06,50.03],[10.12,50.035],[10.11,50.07],[10.06,50.06],[10.06,50.03]") + "," +
                    polygon("c", "[10.13,50.06],[10.17,50.061],[10.16,50.09],[10.13,50.08],[10.13,50.06]"),
                {"a", "b", "c"});
    Diagnostics d;
    std::optional<Project> p = load_project(dir, d);
    REQUIRE(p);
    const Geography& geo = p->geo;
    REQUIRE(geo.zones.size() == 3);
    const GeosContext& ctx = *geo.ctx;
    auto same = [&](const GEOSGeometry* kept, const GEOSGeometry* fresh) {
        REQUIRE(kept);
        REQUIRE(fresh);
        return GEOSEqualsExact_r(ctx.get(), kept, fresh, 0) == 1;
    };
    std::vector<const GEOSGeometry*> zone_parts;
    for (const Zone& z : geo.zones)
        zone_parts.push_back(z.geom.get());
    const GeosGeom zones = geom::union_all(ctx, zone_parts);
    CHECK(same(geo.kept_union(Geography::Kept::zones), zones.get()));
    CHECK(same(geo.kept_union(Geography::Kept::cited), zones.get())); // no lines or places here
    CHECK(same(geo.kept_union(Geography::Kept::outline), geo.union_of({LayerRole::outline}).get()));
    const GeosGeom land = geo.union_of({LayerRole::land, LayerRole::outline});
    CHECK(same(geo.kept_union(Geography::Kept::land_and_outline), land.get()));
    // The zones are clipped to the outline: with them the land and outline are the same set.
    CHECK(GEOSEquals_r(ctx.get(), geo.kept_union(Geography::Kept::zones_and_land),
                       geom::union_all(ctx, {zones.get(), land.get()}).get()) == 1);
    CHECK(same(geo.kept_union(Geography::Kept::zones_and_land), land.get()));
    // Kept: asked again, the same geometry.
    CHECK(geo.kept_union(Geography::Kept::zones) == geo.kept_union(Geography::Kept::zones));

    // Every ordered pair, asked from two threads at once: the area of the intersection, bit for bit,
    // with the lower index first whichever way the pair is asked (one overlay per pair).
    std::vector<double> fresh;
    for (std::size_t a = 0; a < 3; ++a)
        for (std::size_t b = 0; b < 3; ++b)
            fresh.push_back(geom::area(
                ctx, geom::intersection(ctx, geo.zones[std::min(a, b)].geom.get(), geo.zones[std::max(a, b)].geom.get()).get()));
    CHECK(fresh[1] > 0);  // a and b overlap
    CHECK(fresh[2] == 0); // a and c do not
    std::vector<double> one(9), two(9);
    auto ask = [&](std::vector<double>& out) {
        for (std::size_t a = 0; a < 3; ++a)
            for (std::size_t b = 0; b < 3; ++b)
                out[a * 3 + b] = geo.common_area(a, b);
    };
    std::thread t1(ask, std::ref(one)), t2(ask, std::ref(two));
    t1.join();
    t2.join();
    CHECK(one == fresh);
    CHECK(two == fresh);
    // Whether the outline layer meets a box: GEOS's answer for a box inside it, one touching its
    // easternmost vertex, one apart, asked twice (the second answer is the kept one).
    const Box land_box = geom::bounds(ctx, geo.layers.at(0).features.at(0).geom.get());
    const Box boxes[] = {geo.zones_extent,
                         {land_box.maxx, land_box.miny, land_box.maxx + 10, land_box.maxy},
                         {land_box.maxx + 1, land_box.maxy + 1, land_box.maxx + 10, land_box.maxy + 10}};
    for (int round = 0; round < 2; ++round)
        for (const Box& b : boxes)
            CHECK(geo.layer_meets(0, b) ==
                  geom::intersects(ctx, geo.layers[0].features[0].geom.get(), ctx.box(b).get()));
    CHECK(geo.layer_meets(0, boxes[1]));
    CHECK_FALSE(geo.layer_meets(0, boxes[2]));
    // Whether two zones overlap, asked of the zones themselves: the kept answer for the project's
    // own, computed afresh for a zone made elsewhere (an inset's), and the same either way.
    for (const Zone& a : geo.zones)
        for (const Zone& b : geo.zones)
            CHECK(zones_overlap(geo, a, b) == zones_overlap(ctx, a.geom.get(), b.geom.get()));
    CHECK(zones_overlap(geo, geo.zones[0], geo.zones[1]));
    CHECK_FALSE(zones_overlap(geo, geo.zones[0], geo.zones[2]));
    Zone around_a;
    around_a.id = "a";
    const Box a_box = geom::bounds(ctx, geo.zones[0].geom.get());
    around_a.geom = ctx.box(a_box.inflated(a_box.width() / 10));
    CHECK(zones_overlap(geo, geo.zones[0], around_a)); // it holds all of a
    CHECK_FALSE(zones_overlap(geo, geo.zones[2], around_a));

    // A zone added after the first question: the kept answers start over and include it.
    Zone extra;
    extra.id = "d";
    extra.geom = ctx.box({p->geo.zones_extent.minx, p->geo.zones_extent.miny, p->geo.zones_extent.minx + 100,
                          p->geo.zones_extent.miny + 100});
    const double before = geom::area(ctx, geo.kept_union(Geography::Kept::zones));
    p->geo.zones.push_back(std::move(extra));
    CHECK(geom::area(ctx, geo.kept_union(Geography::Kept::zones)) > before);
    CHECK(geo.common_area(3, 3) == doctest::Approx(10000).epsilon(1e-9));
}

TEST_CASE("a land layer that repeats the outline's feature is united once, to the same union") {
    test::TempDir tmp("twice");
    const auto dir =
        project(tmp.path, polygon("a", "[10.02,50.02],[10.08,50.02],[10.08,50.05],[10.02,50.05],[10.02,50.02]"), {"a"});
    std::string toml = test::read_file(dir / "map.toml");
    toml.insert(toml.find("[status.s]"), "[[layer]]\nfile = \"outline.geojson\"\nrole = \"land\"\n");
    test::write_file(dir / "map.toml", toml);
    const Project p = test::load_clean(dir);
    const Geography& geo = p.geo;
    REQUIRE(geo.layers.size() == 2);
    const GeosContext& ctx = *geo.ctx;
    // The same union as of the outline's feature alone: the repeat is left out, not noded against it.
    const GeosGeom both = geo.union_of({LayerRole::land, LayerRole::outline});
    const GeosGeom one = geom::union_all(ctx, {geo.layers[0].features[0].geom.get()});
    CHECK(GEOSEqualsExact_r(ctx.get(), both.get(), one.get(), 0) == 1);
    CHECK(geom::area(ctx, both.get()) == geom::area(ctx, one.get()));
}

TEST_CASE("a geometry's overlay with any box around it is the one the geography keeps for it") {
    test::TempDir tmp("within-box");
    const std::string holed =
        R"({"type":"Feature","properties":{"id":"h","name":"h"},"geometry":{"type":"Polygon","coordinates":[)"
        R"([[10.02,50.02],[10.09,50.02],[10.09,50.08],[10.02,50.08],[10.02,50.02]],)"
        R"([[10.04,50.04],[10.05,50.06],[10.07,50.05],[10.04,50.04]]]}})";
    const std::string parts =
        R"({"type":"Feature","properties":{"id":"m","name":"m"},"geometry":{"type":"MultiPolygon","coordinates":[)"
        R"([[[10.12,50.01],[10.15,50.012],[10.14,50.03],[10.12,50.01]]],)"
        R"([[[10.16,50.05],[10.19,50.06],[10.17,50.09],[10.16,50.05]]]]}})";
    // The third runs past the outline's edge: clipped, it shares that edge.
    const auto dir =
        project(tmp.path,
                holed + "," + parts + "," +
                    polygon("c", "[10.1,50.07],[10.25,50.07],[10.25,50.09],[10.1,50.09],[10.1,50.07]"),
                {"h", "m", "c"});
    Diagnostics d;
    const std::optional<Project> p = load_project(dir, d);
    REQUIRE(p);
    const Geography& geo = p->geo;
    const GeosContext& ctx = *geo.ctx;
    std::vector<const GEOSGeometry*> shapes;
    for (const Zone& z : geo.zones)
        shapes.push_back(z.geom.get());
    shapes.push_back(geo.layers.at(0).features.at(0).geom.get()); // the outline
    REQUIRE(shapes.size() == 4);
    for (const GEOSGeometry* g : shapes) {
        const Box e = geom::bounds(ctx, g);
        const double w = std::max(e.width(), e.height());
        const GEOSGeometry* kept = geo.within_any_box(g);
        CHECK(kept == geo.within_any_box(g)); // kept: the same geometry when asked again
        // Boxes a hair round it, a page's margin, lopsided, and far larger.
        for (const Box& b : {e.inflated(1e-7 * w), e.inflated(0.01 * w),
                             Box{e.minx - 0.01 * w, e.miny - 3 * w, e.maxx + 0.2 * w, e.maxy + 1e-3 * w},
                             e.inflated(40 * w)}) {
            REQUIRE(b.strictly_around(e));
            const GeosGeom fresh = geom::intersection(ctx, g, ctx.box(b).get());
            CHECK(GEOSEqualsExact_r(ctx.get(), kept, fresh.get(), 0) == 1);
            CHECK(GEOSGetNumCoordinates_r(ctx.get(), kept) ==
                  GEOSGetNumCoordinates_r(ctx.get(), fresh.get()));
        }
    }
}

TEST_CASE(
    "a border along a zone's edge or touching its corner does not reach inside it; one across it does") {
    test::TempDir tmp("reaches");
    const auto dir = project(
        tmp.path, polygon("a", "[10.05,50.02],[10.1,50.02],[10.1,50.06],[10.05,50.06],[10.05,50.02]"), {"a"});
    auto line = [](const std::string& id, const std::string& coords) {
        return R"({"type":"Feature","properties":{"name":")" + id +
               R"("},"geometry":{"type":"LineString","coordinates":[)" + coords + "]}}";
    };
    test::write_file(dir / "borders.geojson", R"({"type":"FeatureCollection","features":[)" +
                                                  line("along", "[10.05,50.02],[10.1,50.02],[10.1,50.06]") +
                                                  "," + line("corner", "[10.1,50.06],[10.15,50.09]") + "," +
                                                  line("across", "[10.07,50.0],[10.07,50.09]") + "," +
                                                  line("apart", "[10.15,50.0],[10.15,50.09]") + "]}");
    std::ofstream(dir / "map.toml", std::ios::app)
        << "[[layer]]\nfile = \"borders.geojson\"\nrole = \"boundary\"\n";
    Diagnostics d;
    const std::optional<Project> p = load_project(dir, d);
    REQUIRE(p);
    const Geography& geo = p->geo;
    const GeosContext& ctx = *geo.ctx;
    REQUIRE(geo.layers.size() == 2);
    REQUIRE(geo.layers[1].features.size() == 4);
    const GEOSGeometry* zone = geo.zones.at(0).geom.get();
    for (std::size_t f = 0; f < 4; ++f) {
        const GEOSGeometry* border = geo.layers[1].features[f].geom.get();
        CAPTURE(geo.layers[1].features[f].prop("name"));
        const bool reaches = geo.reaches_inside(1, f, 0);
        CHECK(reaches == (f == 2));
        // What the answer stands for: a band inside the zone's edge, however thin, meets only the border
        // that reaches inside.
        for (const double depth : {1.0, 10.0, 100.0}) {
            const GeosGeom core = geom::buffer(ctx, zone, -depth);
            CHECK(geom::is_empty(ctx, geom::intersection(ctx, border, core.get()).get()) == !reaches);
        }
    }
    CHECK(geom::intersects(ctx, zone, geo.layers[1].features[0].geom.get())); // along and touching: they meet
    CHECK(geom::intersects(ctx, zone, geo.layers[1].features[1].geom.get()));
}

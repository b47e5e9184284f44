// [[zone]] recipes, [[line]]/[[place]] claims and part_of, on small synthetic projects whose areas are
// known in closed form: an outline 0.2° x 0.1° at 50° N (about 14.3 x 11.1 km).
#include "geo/geometry_ops.hpp"
#include "test_support.hpp"

#include <cmath>

using namespace citemap;

namespace {

const char* kText = "The east is held. The west is free. The band is closed. The crossing is open. "
                    "The north is quiet. The south is calm.\n";

std::string feature(const std::string& props, const std::string& geometry) {
    return R"({"type":"Feature","properties":{)" + props + R"(},"geometry":)" + geometry + "}";
}

std::string square(double x0, double y0, double x1, double y1) {
    char b[256];
    std::snprintf(b, sizeof b,
                  R"({"type":"Polygon","coordinates":[[[%g,%g],[%g,%g],[%g,%g],[%g,%g],[%g,%g]]]})", x0, y0,
                  x1, y0, x1, y1, x0, y1, x0, y0);
    return b;
}

std::string fc(const std::vector<std::string>& features) {
    std::string s = R"({"type":"FeatureCollection","features":[)";
    for (std::size_t i = 0; i < features.size(); ++i)
        s += (i ? "," : "") + features[i];
    return s + "]}";
}

std::string claim(const std::string& kind, const std::string& id, const std::string& quote,
                  const std::string& status = "held") {
    return "[[claim]]\n" + kind + " = \"" + id + "\"\nstatus = \"" + status +
           "\"\nmodality = \"reported\"\nattributed_to = \"t\"\ncite = [{ source = \"t\", quote = \"" + quote +
           "\" }]\n";
}

// The outline, two regions (North/South halves) and a straight north-south line at lon 10.08
// (`line` overrides it), then `body` (zones, lines, claims) as written.
std::filesystem::path project(const std::filesystem::path& dir, const std::string& body,
                              const std::string& line = "[[10.08,50.12],[10.08,49.98]]") {
    test::write_file(dir / "t.txt", kText);
    test::write_file(dir / "outline.geojson", fc({feature(R"("name":"Land")", square(10, 50, 10.2, 50.1))}));
    test::write_file(dir / "regions.geojson",
                     fc({feature(R"("name":"North","code":"N")", square(10, 50.05, 10.2, 50.1)),
                         feature(R"("name":"South","code":"S")", square(10, 50, 10.2, 50.05))}));
    test::write_file(dir / "line.geojson",
                     fc({feature(R"("id":"cut")", R"({"type":"LineString","coordinates":)" + line + "}")}));
    test::write_file(dir / "map.toml",
                     "title = \"T\"\n[[source]]\nid = \"t\"\nfile = \"t.txt\"\ntitle = \"T\"\n"
                     "[[layer]]\nfile = \"outline.geojson\"\nrole = \"outline\"\nname = \"Land\"\n"
                     "[[layer]]\nfile = \"regions.geojson\"\nrole = \"boundary\"\nname = \"Regions\"\n"
                     "[status.held]\nlabel = \"Held\"\n[status.free]\nlabel = \"Free\"\n"
                     "[[line]]\nid = \"cut\"\nname = \"Cut\"\nfile = \"line.geojson\"\n" +
                         body);
    return dir;
}

double km2(const Project& p, const std::string& id) {
    const Zone* z = p.geo.zone(id);
    REQUIRE(z);
    return geom::area(*p.geo.ctx, z->geom_ea.get()) / 1e6;
}

double outline_km2(const Project& p) {
    return geom::area(*p.geo.ctx, p.geo.layers.at(0).features.at(0).geom_ea.get()) / 1e6;
}

// The first error's "file:line" and message, or "" when there is none.
std::vector<std::string> errors(const Diagnostics& d) {
    std::vector<std::string> out;
    for (const auto& x : d.all())
        if (x.level == Diagnostic::Level::error)
            out.push_back(x.format());
    return out;
}

int line_of(const std::filesystem::path& toml, const std::string& text) {
    const std::string s = test::read_file(toml);
    const auto at = s.find(text);
    REQUIRE(at != std::string::npos);
    return 1 + static_cast<int>(std::count(s.begin(), s.begin() + static_cast<long>(at), '\n'));
}

const std::string kLineClaim = claim("line", "cut", "The band is closed");

// The position of zone `id` in geo.zones.
std::size_t index_of(const Geography& geo, const std::string& id) {
    const Zone* z = geo.zone(id);
    REQUIRE(z);
    return static_cast<std::size_t>(z - geo.zones.data());
}

// A band along the line, the northern region, the band's northern half (intersect, part of the band)
// and the rest (union minus the band), each claimed.
std::string ops_zones() {
    return "[[zone]]\nid = \"band\"\nname = \"Band\"\nbuffer = { of = \"cut\", km = 1 }\n"
           "[[zone]]\nid = \"north\"\nname = \"North\"\nfrom = { layer = \"Regions\", where = { code = \"N\" "
           "} }\n"
           "[[zone]]\nid = \"nb\"\nname = \"North band\"\nintersect = [\"band\", \"North\"]\npart_of = "
           "\"band\"\n"
           "[[zone]]\nid = \"rest\"\nname = \"Rest\"\nunion = [\"South\", \"north\"]\nminus = [\"band\"]\n" +
           claim("zone", "band", "The band is closed") +
           claim("zone", "north", "The north is quiet", "free") + claim("zone", "nb", "The band is closed") +
           claim("zone", "rest", "The south is calm", "free") + kLineClaim;
}

} // namespace

TEST_CASE("side of a line: east and west split the outline where the line runs, whichever way it was drawn") {
    for (const std::string line : {"[[10.08,50.12],[10.08,49.98]]", "[[10.08,49.98],[10.08,50.12]]",
                                   "[[10.08,50.12],[10.13,50.06],[10.05,50.03],[10.08,49.98]]"}) {
        test::TempDir tmp("side");
        const auto dir = project(tmp.path,
                                 "[[zone]]\nid = \"e\"\nname = \"East\"\nside = { of = \"cut\", toward = \"east\" }\n"
                                 "[[zone]]\nid = \"w\"\nname = \"West\"\nrest_of = \"outline\"\n" +
                                     claim("zone", "e", "The east is held") +
                                     claim("zone", "w", "The west is free", "free") + kLineClaim,
                                 line);
        const Project p = test::load_clean(dir);
        const double total = outline_km2(p);
        CHECK(total == doctest::Approx(158.9).epsilon(0.01));
        CHECK(km2(p, "e") + km2(p, "w") == doctest::Approx(total).epsilon(1e-4));
        if (line.find("10.13") == std::string::npos)
            CHECK(km2(p, "e") / total == doctest::Approx(0.6).epsilon(0.01));
        CHECK(p.geo.zone("e")->derived);
        // The east side lies east of the line's start: its centre is east of the west's.
        const GeosContext& ctx = *p.geo.ctx;
        CHECK(geom::point_on_surface(ctx, p.geo.zone("e")->geom.get()).x >
              geom::point_on_surface(ctx, p.geo.zone("w")->geom.get()).x);
        CHECK(p.conflicts.empty()); // they touch along the line, nothing more
    }
}

TEST_CASE("a line that does not cross the outline from edge to edge is an error at the recipe's line") {
    test::TempDir tmp("nosplit");
    const auto dir = project(tmp.path,
                             "[[zone]]\nid = \"e\"\nname = \"East\"\nside = { of = \"cut\", toward = \"east\" }\n" +
                                 claim("zone", "e", "The east is held") + kLineClaim,
                             "[[10.08,50.08],[10.08,50.02]]");
    Diagnostics d;
    (void)load_project(dir, d);
    const auto e = errors(d);
    REQUIRE(e.size() == 1); // and no "unknown zone" for the claim on it
    CHECK(e[0].find("map.toml:" + std::to_string(line_of(dir / "map.toml", "side = ")) + ":") != std::string::npos);
    CHECK(e[0].find("does not split the outline") != std::string::npos);
    CHECK(e[0].find("extend both ends") != std::string::npos);
}

TEST_CASE("a band along a line, features by attribute, intersect, minus and union have the expected areas") {
    test::TempDir tmp("ops");
    const auto dir = project(tmp.path, ops_zones());
    const Project p = test::load_clean(dir);
    const double total = outline_km2(p);
    // 2 km wide, 11.12 km long inside the outline (the round ends lie outside it).
    CHECK(km2(p, "band") == doctest::Approx(2 * 11.12).epsilon(0.02));
    CHECK(km2(p, "north") == doctest::Approx(total / 2).epsilon(0.01));
    CHECK(km2(p, "nb") == doctest::Approx(km2(p, "band") / 2).epsilon(0.01));
    CHECK(km2(p, "rest") == doctest::Approx(total - km2(p, "band")).epsilon(0.001));
}

TEST_CASE("recipes in a circle and unknown names are errors with map.toml:line, without a cascade") {
    test::TempDir tmp("cycle");
    const auto dir = project(tmp.path, "[[zone]]\nid = \"a\"\nname = \"A\"\nintersect = [\"b\"]\n"
                                       "[[zone]]\nid = \"b\"\nname = \"B\"\nunion = [\"a\", \"Land\"]\n"
                                       "[[zone]]\nid = \"c\"\nname = \"C\"\nminus = [\"nowhere\"]\nintersect = [\"Land\"]\n"
                                       "[[zone]]\nid = \"d\"\nname = \"D\"\nintersect = [\"c\"]\n" +
                                           claim("zone", "a", "The east is held") +
                                           claim("zone", "b", "The west is free") +
                                           claim("zone", "c", "The north is quiet") +
                                           claim("zone", "d", "The south is calm") + kLineClaim);
    Diagnostics d;
    (void)load_project(dir, d);
    const auto e = errors(d);
    REQUIRE(e.size() == 2);
    const std::string toml = (dir / "map.toml").string();
    CHECK(e[0].find("in a circle: a \u2192 b \u2192 a") != std::string::npos);
    CHECK(e[0].find(":" + std::to_string(line_of(dir / "map.toml", "union = [\"a\"")) + ":") != std::string::npos);
    CHECK(e[1].find("unknown name 'nowhere'") != std::string::npos);
    CHECK(e[1].find(":" + std::to_string(line_of(dir / "map.toml", "minus = [\"nowhere")) + ":") !=
          std::string::npos);
    CHECK(e[1].find("\"Regions\"") != std::string::npos); // the hint lists what exists
}

TEST_CASE("part_of: declared nesting with another status is not a claims conflict; undeclared overlap is") {
    for (bool declared : {true, false}) {
        test::TempDir tmp("partof");
        const auto dir = project(
            tmp.path, "[[zone]]\nid = \"e\"\nname = \"East\"\nside = { of = \"cut\", toward = \"east\" }\n"
                      "[[zone]]\nid = \"ne\"\nname = \"North-east\"\nfrom = { layer = \"Regions\", where = { name = \"North\" } }\n"
                      "intersect = [\"e\"]\n" +
                          std::string(declared ? "part_of = \"e\"\n" : "") + claim("zone", "e", "The east is held") +
                          claim("zone", "ne", "The north is quiet", "free") + kLineClaim);
        const Project p = test::load_clean(dir);
        CHECK(p.conflicts.size() == (declared ? 0u : 1u));
        CHECK(p.geo.zone("ne")->part_of == (declared ? "e" : ""));
    }
}

TEST_CASE("claims on lines and places; unknown ones name the kind; zones, lines and places share ids") {
    test::TempDir tmp("targets");
    const std::string zones = "[[zone]]\nid = \"e\"\nname = \"East\"\nside = { of = \"cut\", toward = \"east\" }\n"
                              "[[place]]\nid = \"gate\"\nname = \"Gate\"\ncoordinates = [10.1, 50.05]\n" +
                              claim("zone", "e", "The east is held") + kLineClaim +
                              claim("place", "gate", "The crossing is open", "free");
    const Project p = test::load_clean(project(tmp.path, zones));
    REQUIRE(p.geo.places.size() == 1);
    CHECK(p.claims_of("gate").size() == 1);
    CHECK(p.claims_of("cut").size() == 1);
    CHECK(p.geo.target("gate")->name == "Gate");

    test::TempDir bad("targets-bad");
    const auto dir = project(bad.path, zones + claim("place", "e", "The west is free") +
                                           "[[place]]\nid = \"cut\"\nname = \"Dup\"\ncoordinates = [10.1, 50.05]\n");
    Diagnostics d;
    (void)load_project(dir, d);
    const auto e = errors(d);
    REQUIRE(e.size() == 2);
    CHECK(e[0].find("id 'cut' is used twice") != std::string::npos);
    CHECK(e[1].find("unknown place 'e'") != std::string::npos);
    CHECK(e[1].find("known places: gate") != std::string::npos);
}

TEST_CASE("a drawn zone that is not a polygon says what it is; a GeometryCollection keeps its polygons") {
    test::TempDir tmp("types");
    const auto dir = project(tmp.path, "[zones]\nfile = \"zones.geojson\"\n" + claim("zone", "l", "The east is held") +
                                           claim("zone", "gc", "The west is free") +
                                           claim("zone", "e", "The north is quiet") + kLineClaim +
                                           "[[zone]]\nid = \"e\"\nname = \"E\"\nintersect = [\"l\"]\n");
    test::write_file(
        dir / "zones.geojson",
        fc({feature(R"("id":"l","name":"L")", R"({"type":"LineString","coordinates":[[10.01,50.01],[10.1,50.05]]})"),
            feature(R"("id":"gc","name":"GC")",
                    R"({"type":"GeometryCollection","geometries":[)" + square(10.01, 50.01, 10.05, 50.05) +
                        R"(,{"type":"Point","coordinates":[10.1,50.05]}]})")}));
    Diagnostics d;
    auto p = load_project(dir, d);
    const auto e = errors(d);
    // One error for the line, none for the claim on it or the zone made from it.
    REQUIRE(e.size() == 1);
    CHECK(e[0].find("zone 'l' is a LineString, not a polygon") != std::string::npos);
    CHECK(e[0].find("[[line]]") != std::string::npos);
    bool warned = false;
    for (const auto& x : d.all())
        warned |= x.level == Diagnostic::Level::warning &&
                  x.message.find("GeometryCollection; kept its polygons, dropped Point") != std::string::npos;
    CHECK(warned);
    REQUIRE(p);
    CHECK(p->geo.zone("gc"));
}

TEST_CASE("about = share checks pass within the tolerance (default 0.03) and fail outside it") {
    const std::string zones = "[[zone]]\nid = \"e\"\nname = \"East\"\nside = { of = \"cut\", toward = \"east\" }\n" +
                              claim("zone", "e", "The east is held") + kLineClaim;
    struct Case {
        std::string check;
        bool passes;
    };
    for (const Case& c : {Case{"about = 0.62", true}, Case{"about = 0.64", false},
                          Case{"about = 0.64\ntolerance = 0.05", true}, Case{"about = 0.5\ntolerance = 0.05", false}}) {
        test::TempDir tmp("about");
        const auto dir = project(tmp.path, zones + "[[check]]\nzones = [\"e\"]\nshare_of = \"Land\"\n" + c.check + "\n");
        Diagnostics d;
        auto p = load_project(dir, d);
        REQUIRE(p);
        REQUIRE(p->checks.size() == 1);
        CHECK(p->checks[0].passed == c.passes);
        CHECK(p->checks[0].share == doctest::Approx(0.6).epsilon(0.01));
        CHECK(d.has_errors() == !c.passes);
    }
}

TEST_CASE("a check's share of a non-outline layer's feature or whole layer is measured (equal-area geometry kept for it)") {
    // The east of the line at lon 10.08 is 60 % of the land; of the North region (half the land) it
    // is also 60 %; of the whole Regions layer (both halves) 60 % again.
    const std::string zones = "[[zone]]\nid = \"e\"\nname = \"East\"\nside = { of = \"cut\", toward = \"east\" }\n" +
                              claim("zone", "e", "The east is held") + kLineClaim;
    for (const std::string of : {"North", "Regions"}) {
        test::TempDir tmp("share-of-layer");
        const auto dir = project(tmp.path, zones + "[[check]]\nzones = [\"e\"]\nshare_of = \"" + of +
                                               "\"\nat_least = 0.1\n");
        Diagnostics d;
        auto p = load_project(dir, d);
        REQUIRE(p);
        CAPTURE(of);
        REQUIRE(p->checks.size() == 1);
        const double reference_km2 = p->checks[0].reference_km2;
        CHECK(reference_km2 == doctest::Approx(of == "North" ? outline_km2(*p) / 2 : outline_km2(*p)).epsilon(0.01));
        // Features nothing measures carry no equal-area copy: the regions only when a check names them.
        for (const Feature& f : p->geo.layers.at(1).features)
            CHECK(static_cast<bool>(f.geom_ea) == (of == "Regions" || f.prop("name") == of));
    }
}

TEST_CASE("a band along a long wiggly coast, made in pieces, is GEOS's band of the whole line to a chord's sagitta") {
    // A coast of 5,000 vertices with bays much narrower than the band (GEOS nodes the whole offset
    // curve with itself when asked for it at once): geom::band unites the bands of its pieces.
    GeosContext ctx;
    Ring coast;
    const int n = 5000;
    for (int k = 0; k < n; ++k) {
        const double a = 2 * M_PI * k / n;
        const double r = 10000 * (1 + 0.2 * std::sin(40 * a) + 0.05 * std::sin(997 * a));
        coast.push_back({r * std::cos(a), 0.85 * r * std::sin(a)});
    }
    GEOSCoordSequence* seq = GEOSCoordSeq_copyFromBuffer_r(ctx.get(), &coast.front().x, coast.size(), 0, 0);
    const GeosGeom line = ctx.own(GEOSGeom_createLineString_r(ctx.get(), seq), "test line");
    const double width = 2000;
    const GeosGeom pieces = geom::band(ctx, line.get(), width);
    const GeosGeom whole = ctx.own(GEOSBuffer_r(ctx.get(), line.get(), width, 16), "test buffer");
    const double whole_area = geom::area(ctx, whole.get());
    CHECK(geom::area(ctx, pieces.get()) == doctest::Approx(whole_area).epsilon(1e-4));
    double apart = -1;
    REQUIRE(GEOSHausdorffDistance_r(ctx.get(), pieces.get(), whole.get(), &apart) == 1);
    CHECK(apart <= width * (1 - std::cos(M_PI / 64)) * 1.01);
    // One polygon, as the whole line's band is, not a collection of overlapping pieces.
    CHECK(GEOSGeomTypeId_r(ctx.get(), pieces.get()) == GEOSGeomTypeId_r(ctx.get(), whole.get()));
    CHECK(GEOSGetNumGeometries_r(ctx.get(), pieces.get()) == GEOSGetNumGeometries_r(ctx.get(), whole.get()));
}

TEST_CASE(
    "zones a recipe intersects a zone with or takes out of it share its area, or none, as the overlay says") {
    test::TempDir tmp("recipe-common");
    const auto dir = project(tmp.path, ops_zones());
    const Project p = test::load_clean(dir);
    const Geography& geo = p.geo;
    const GeosContext& ctx = *geo.ctx;
    auto at = [&](const std::string& id) { return index_of(geo, id); };
    // The overlay common_area would make: the lower index first.
    auto overlay = [&](const std::string& a, const std::string& b) {
        const std::size_t i = std::min(at(a), at(b)), j = std::max(at(a), at(b));
        return geom::area(ctx,
                          geom::intersection(ctx, geo.zones[i].geom.get(), geo.zones[j].geom.get()).get());
    };
    auto area = [&](const std::string& id) { return geom::area(ctx, geo.zone(id)->geom.get()); };
    // The north band is intersected with the band: all of it is the band's, whichever way asked.
    CHECK(geo.zone("nb")->inside_of == std::vector<std::string>{"band"}); // "North" is a feature, not a zone
    CHECK(geo.common_area(at("nb"), at("band")) == area("nb"));
    CHECK(geo.common_area(at("band"), at("nb")) == area("nb"));
    CHECK(area("nb") == doctest::Approx(overlay("nb", "band")).epsilon(1e-9));
    // The band is taken out of the rest, and so out of what it holds: none of their area is shared.
    for (const std::string other : {"band", "nb"}) {
        CAPTURE(other);
        CHECK(geo.common_area(at("rest"), at(other)) == 0);
        CHECK(overlay("rest", other) <= 1e-9 * area(other));
    }
    CHECK(overlay("rest", "north") > 0.4 * area("north")); // the rest holds most of the north
    // Zones the recipes say nothing of together: the overlay's area, bit for bit.
    CHECK(geo.common_area(at("north"), at("band")) == overlay("band", "north"));
    CHECK(geo.common_area(at("nb"), at("north")) == overlay("north", "nb"));
    CHECK(geo.common_area(at("rest"), at("north")) == overlay("rest", "north"));
    CHECK(geo.common_area(at("north"), at("band")) > 0);
}

TEST_CASE("what rest_of takes out, and the zones inside it, share no area with the rest") {
    test::TempDir tmp("rest-common");
    const auto dir = project(
        tmp.path,
        "[[zone]]\nid = \"en\"\nname = \"East north\"\nintersect = [\"North\", \"e\"]\npart_of = \"e\"\n"
        "[[zone]]\nid = \"e\"\nname = \"East\"\nside = { of = \"cut\", toward = \"east\" }\n"
        "[[zone]]\nid = \"w\"\nname = \"West\"\nrest_of = \"outline\"\n" +
            claim("zone", "e", "The east is held") + claim("zone", "en", "The north is quiet") +
            claim("zone", "w", "The west is free", "free") + kLineClaim);
    const Project p = test::load_clean(dir);
    const Geography& geo = p.geo;
    const GeosContext& ctx = *geo.ctx;
    auto at = [&](const std::string& id) { return index_of(geo, id); };
    CHECK(geo.zone("w")->apart_from == std::vector<std::string>{"e"}); // en is part of e: left in e
    CHECK(geo.zone("en")->inside_of == std::vector<std::string>{"e"});
    for (const std::string other : {"e", "en"}) {
        CAPTURE(other);
        CHECK(geo.common_area(at("w"), at(other)) == 0);
        const double overlay = geom::area(
            ctx, geom::intersection(ctx, geo.zone("w")->geom.get(), geo.zone(other)->geom.get()).get());
        CHECK(overlay <= 1e-9 * geom::area(ctx, geo.zone(other)->geom.get()));
    }
    // Listed first, the zone inside comes first in geo.zones, and the pair is asked that way round.
    REQUIRE(at("en") < at("e"));
    CHECK(geo.common_area(at("en"), at("e")) == geom::area(ctx, geo.zone("en")->geom.get()));
    CHECK(geo.common_area(at("e"), at("en")) == geom::area(ctx, geo.zone("en")->geom.get()));
}

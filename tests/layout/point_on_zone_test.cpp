// The town-name search asks whether a point lies on a zone through the zone's prepared shape
// (map_labels.cpp, ZonePoints), where it asked GEOS's plain intersects (a full relate): the same
// answer for points inside, outside, in holes, on vertices and on edges of generated zones of one
// and several polygons.
#include "geo/geometry_ops.hpp"
#include "test_support.hpp"

#include <cmath>
#include <random>
#include <string>

using namespace citemap;

namespace {

// An irregular zone: a random walk of a few steps from (cx, cy), buffered by `r` (GEOS's own vertices:
// arcs, mitred corners), with a hole round its start when asked.
GeosGeom walk_zone(const GeosContext& ctx, std::mt19937& rng, double cx, double cy, double r, bool hole) {
    std::uniform_real_distribution<double> step(-r, r);
    std::string wkt = "LINESTRING(";
    double x = cx, y = cy;
    for (int k = 0; k < 5; ++k) {
        wkt += (k ? "," : "") + std::to_string(x) + " " + std::to_string(y);
        x += step(rng);
        y += step(rng);
    }
    const GeosGeom line = ctx.own(GEOSGeomFromWKT_r(ctx.get(), (wkt + ")").c_str()), "wkt");
    GeosGeom zone = geom::buffer(ctx, line.get(), r / 2);
    if (!hole)
        return zone;
    const GeosGeom start = ctx.own(GEOSGeom_createPointFromXY_r(ctx.get(), cx, cy), "point");
    const GeosGeom disc = ctx.own(GEOSBuffer_r(ctx.get(), start.get(), r / 5, 3), "buffer");
    return geom::difference(ctx, zone.get(), disc.get());
}

} // namespace

TEST_CASE("a point lies on a zone as the prepared test says exactly when the plain test says so") {
    GeosContext ctx;
    std::mt19937 rng(19);
    std::uniform_real_distribution<double> pos(-10, 160), unit(0, 1);
    int on = 0, off = 0;
    for (int round = 0; round < 20; ++round) {
        CAPTURE(round);
        // One blob, or a multipolygon of blobs apart from each other; every other one holed.
        std::vector<GeosGeom> parts;
        const int count = 1 + round % 4;
        for (int i = 0; i < count; ++i)
            parts.push_back(walk_zone(ctx, rng, 20 + 40 * i, 20 + 25 * (round % 3), 8, (round + i) % 2 == 0));
        std::vector<const GEOSGeometry*> shapes;
        for (const GeosGeom& g : parts)
            shapes.push_back(g.get());
        const GeosGeom zone = geom::union_all(ctx, shapes);
        REQUIRE(GEOSisValid_r(ctx.get(), zone.get()) == 1);
        const GeosPrepared prepared = ctx.prepare(zone.get());
        std::vector<Point> points;
        for (int i = 0; i < 300; ++i)
            points.push_back({pos(rng), pos(rng)});
        for (const auto& poly : geom::polygons(ctx, zone.get()))
            for (const Ring& ring : poly)
                for (std::size_t k = 1; k < ring.size(); ++k) {
                    const Point a = ring[k - 1], b = ring[k];
                    const double t = unit(rng);
                    points.push_back(a);                                              // a vertex
                    points.push_back({(a.x + b.x) / 2, (a.y + b.y) / 2});             // an edge's middle
                    points.push_back({a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t}); // near an edge
                }
        for (const Point& p : points) {
            const GeosGeom pt = ctx.own(GEOSGeom_createPointFromXY_r(ctx.get(), p.x, p.y), "point");
            const bool plain = GEOSIntersects_r(ctx.get(), zone.get(), pt.get()) == 1;
            CAPTURE(p.x);
            CAPTURE(p.y);
            CHECK((GEOSPreparedIntersects_r(ctx.get(), prepared.get(), pt.get()) == 1) == plain);
            (plain ? on : off) += 1;
        }
    }
    CHECK(on > 1000);
    CHECK(off > 1000);
}

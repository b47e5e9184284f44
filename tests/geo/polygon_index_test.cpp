// PolygonIndex answers "does this box meet the union?" from the union's polygons near the box: the
// same answer as GEOS's prepared test of the whole union, for generated unions (overlapping, touching
// and holed polygons) and boxes that cross, touch or lie near them.
#include "geo/geometry_ops.hpp"
#include "geo/polygon_index.hpp"
#include "test_support.hpp"

#include <algorithm>
#include <cmath>
#include <random>

using namespace citemap;

namespace {

// A polygon of `n` vertices around (cx, cy), radius about r; every third one with a hole.
GeosGeom blob(const GeosContext& ctx, std::mt19937& rng, double cx, double cy, double r, int n, bool hole) {
    std::uniform_real_distribution<double> wobble(0.6, 1.0);
    Ring shell, inner;
    for (int k = 0; k < n; ++k) {
        const double a = 2 * M_PI * k / n, rr = r * wobble(rng);
        shell.push_back({cx + rr * std::cos(a), cy + rr * std::sin(a)});
        inner.push_back({cx + 0.3 * r * std::cos(-a), cy + 0.3 * r * std::sin(-a)});
    }
    shell.push_back(shell.front());
    inner.push_back(inner.front());
    return hole ? ctx.polygon({shell, inner}) : ctx.polygon({shell});
}

} // namespace

TEST_CASE("a box meets a union exactly when PolygonIndex says it does") {
    GeosContext ctx;
    std::mt19937 rng(17);
    std::uniform_real_distribution<double> pos(0, 100), size(0.5, 6), unit(0, 1);
    int met = 0, missed = 0;
    for (int round = 0; round < 12; ++round) {
        CAPTURE(round);
        // Scattered blobs (some overlapping), a row of squares sharing edges, and squares a gap apart.
        std::vector<GeosGeom> shapes;
        const int blobs = 5 + round * 15;
        for (int i = 0; i < blobs; ++i)
            shapes.push_back(blob(ctx, rng, pos(rng), pos(rng), size(rng), 5 + i % 9, i % 3 == 0));
        for (int i = 0; i < 6; ++i)
            shapes.push_back(ctx.box({10.0 * i, -20, 10.0 * i + 10, -10}));
        for (int i = 0; i < 6; ++i)
            shapes.push_back(ctx.box({10.0 * i + 1, -40, 10.0 * i + 9, -30}));
        std::vector<const GEOSGeometry*> parts;
        for (const GeosGeom& g : shapes)
            parts.push_back(g.get());
        const GeosGeom all = geom::union_all(ctx, parts);
        REQUIRE(GEOSGeomTypeId_r(ctx.get(), all.get()) == GEOS_MULTIPOLYGON);
        const GeosPrepared whole = ctx.prepare(all.get());
        const PolygonIndex index(ctx, all.get());
        const PolygonIndex listed(ctx, parts);
        REQUIRE(listed.envelope());
        const Box united = geom::bounds(ctx, all.get()), env = *listed.envelope();
        CHECK((env.minx == united.minx && env.miny == united.miny && env.maxx == united.maxx && env.maxy == united.maxy));
        // Boxes anywhere, small and large; boxes with an edge on a vertex of the union; boxes on the
        // squares' shared and gap edges.
        std::vector<Box> boxes;
        for (int i = 0; i < 400; ++i) {
            const double x = pos(rng) * 1.2 - 10, y = pos(rng) * 1.5 - 45, w = size(rng) * (i % 5 ? 1 : 8);
            boxes.push_back({x, y, x + w, y + size(rng)});
        }
        for (const auto& poly : geom::polygons(ctx, all.get()))
            for (const Point& p : poly.front()) {
                const double w = size(rng);
                boxes.push_back({p.x, p.y, p.x + w, p.y + w});
                boxes.push_back({p.x - w, p.y - w, p.x, p.y});
            }
        for (int i = 0; i <= 6; ++i) {
            boxes.push_back({10.0 * i - 2, -25, 10.0 * i, -22});   // left of a shared edge, touching it
            boxes.push_back({10.0 * i - 1, -31, 10.0 * i + 1, -30}); // in a gap, touching two squares' tops
            boxes.push_back({10.0 * i - 1, -29, 10.0 * i + 1, -28}); // in a gap between squares
            boxes.push_back({10.0 * i, -9, 10.0 * i, -9});           // a point above the row
        }
        for (const Box& b : boxes) {
            const GeosGeom g = ctx.box(b);
            bool made = false;
            const bool ours = index.intersects(b, [&] {
                made = true;
                return g.get();
            });
            const bool theirs = GEOSPreparedIntersects_r(ctx.get(), whole.get(), g.get()) == 1;
            // Indexed as the list of shapes, not their union: GEOS's answer for one of the shapes.
            const bool any = std::any_of(shapes.begin(), shapes.end(), [&](const GeosGeom& s) {
                return GEOSIntersects_r(ctx.get(), s.get(), g.get()) == 1;
            });
            CHECK(listed.intersects(b, [&] { return g.get(); }) == any);
            CAPTURE(b.minx);
            CAPTURE(b.miny);
            CAPTURE(b.maxx);
            CAPTURE(b.maxy);
            CHECK(ours == theirs);
            (theirs ? met : missed) += 1;
            if (ours)
                CHECK(made); // a yes is GEOS's own answer for a polygon, never an envelope's
        }
    }
    CHECK(met > 1000);
    CHECK(missed > 1000);
}

TEST_CASE("PolygonIndex on a single polygon and on an empty geometry") {
    GeosContext ctx;
    std::mt19937 rng(3);
    const GeosGeom one = blob(ctx, rng, 0, 0, 10, 12, true);
    const PolygonIndex index(ctx, one.get());
    for (const Box& b : {Box{-1, -1, 1, 1}, Box{2.9, 0, 3.2, 0.1}, Box{9, 9, 12, 12}, Box{20, 20, 30, 30}}) {
        const GeosGeom g = ctx.box(b);
        CHECK(index.intersects(b, [&] { return g.get(); }) ==
              (GEOSIntersects_r(ctx.get(), one.get(), g.get()) == 1));
    }
    const GeosGeom empty = ctx.empty_polygon();
    const PolygonIndex none(ctx, empty.get());
    const GeosGeom g = ctx.box({-1, -1, 1, 1});
    CHECK_FALSE(none.intersects({-1, -1, 1, 1}, [&] { return g.get(); }));
}

TEST_CASE("box_meets gives the prepared test's answer on polygons of few and many vertices") {
    GeosContext ctx;
    std::mt19937 rng(29);
    std::uniform_real_distribution<double> unit(0, 1);
    int met = 0, missed = 0;
    for (int n : {4, 7, 30, 64, 65, 400}) {
        CAPTURE(n);
        for (int round = 0; round < 6; ++round) {
            const GeosGeom g = blob(ctx, rng, 0, 0, 10, n, round % 2 == 1);
            const GeosPrepared prepared = ctx.prepare(g.get());
            std::vector<Box> boxes;
            for (int i = 0; i < 300; ++i) {
                const double x = -14 + 28 * unit(rng), y = -14 + 28 * unit(rng), w = 0.1 + 6 * unit(rng);
                boxes.push_back({x, y, x + w, y + (i % 7 ? w : 0)}); // some flat
            }
            // Touching a vertex from each side, and inside the hole.
            for (const auto& poly : geom::polygons(ctx, g.get()))
                for (const Ring& ring : poly)
                    for (const Point& p : ring) {
                        boxes.push_back({p.x, p.y, p.x + 1, p.y + 1});
                        boxes.push_back({p.x - 1, p.y - 1, p.x, p.y});
                    }
            boxes.push_back({-0.5, -0.5, 0.5, 0.5});
            for (const Box& b : boxes) {
                const GeosGeom bg = ctx.box(b);
                const bool theirs = GEOSPreparedIntersects_r(ctx.get(), prepared.get(), bg.get()) == 1;
                CHECK(box_meets(ctx, prepared.get(), g.get(), b, bg.get()) == theirs);
                (theirs ? met : missed) += 1;
            }
        }
    }
    CHECK(met > 1000);
    CHECK(missed > 1000);
}

// Placer::crossings looks only at the boxes its grid holds near the segment: it must count exactly the
// boxes a segment enters, as GEOS finds them, for long and short segments, segments leaving the page,
// and boxes partly or wholly outside the Placer's bounds (they sit in the border cells).
#include "geo/geos_handle.hpp"
#include "layout/placer.hpp"
#include "test_support.hpp"

#include <random>
#include <vector>

using namespace citemap;

namespace {

GeosGeom segment(const GeosContext& ctx, Point a, Point b) {
    GEOSCoordSequence* seq = GEOSCoordSeq_create_r(ctx.get(), 2, 2);
    GEOSCoordSeq_setXY_r(ctx.get(), seq, 0, a.x, a.y);
    GEOSCoordSeq_setXY_r(ctx.get(), seq, 1, b.x, b.y);
    return ctx.own(GEOSGeom_createLineString_r(ctx.get(), seq), "line");
}

} // namespace

TEST_CASE("crossings counts every box a segment enters, as GEOS does") {
    const GeosContext ctx;
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> x(-60, 900), y(-60, 650), size(0.5, 40), share(0, 1);
    const Box page{0, 0, 842, 595};
    Placer placer(page);
    std::vector<GeosGeom> boxes;
    for (int i = 0; i < 600; ++i) {
        const double w = size(rng), h = share(rng) < 0.2 ? size(rng) * 8 : size(rng);
        const Box b{x(rng), y(rng), 0, 0};
        const Box placed{b.minx, b.miny, b.minx + w, b.miny + h};
        placer.occupy(placed);
        boxes.push_back(ctx.box(placed));
    }
    int hits = 0;
    for (int k = 0; k < 400; ++k) {
        const Point a{x(rng), y(rng)};
        // Long segments across the page, short leaders, and horizontal and vertical ones.
        Point b{x(rng), y(rng)};
        if (k % 4 == 1)
            b = {a.x + (share(rng) - 0.5) * 30, a.y + (share(rng) - 0.5) * 30};
        else if (k % 4 == 2)
            b.y = a.y;
        else if (k % 4 == 3)
            b.x = a.x;
        const GeosGeom line = segment(ctx, a, b);
        int expected = 0;
        for (const GeosGeom& box : boxes)
            expected += GEOSIntersects_r(ctx.get(), line.get(), box.get()) == 1;
        CAPTURE(k);
        CHECK(placer.crossings(a, b) == expected);
        hits += expected;
    }
    CHECK(hits > 400); // the segments do cross boxes: the comparison is not of zeros
}

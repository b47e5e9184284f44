// Placer::crosses looks only at the boxes its grid holds near the segment, and fits asks the box that
// last refused first: both must answer as testing every box does (GEOS for segments), for long and
// short segments, segments leaving the page, and boxes partly or wholly outside the Placer's bounds
// (they sit in the border cells).
#include "geo/geos_handle.hpp"
#include "layout/placer.hpp"
#include "test_support.hpp"

#include <algorithm>
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

TEST_CASE("crosses finds a box a segment enters exactly when GEOS does") {
    const GeosContext ctx;
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> x(-60, 900), y(-60, 650), size(0.5, 40), share(0, 1);
    const Box page{0, 0, 842, 595};
    Placer placer(page);
    std::vector<GeosGeom> boxes;
    for (int i = 0; i < 150; ++i) {
        const double w = size(rng), h = share(rng) < 0.2 ? size(rng) * 8 : size(rng);
        const Box b{x(rng), y(rng), 0, 0};
        const Box placed{b.minx, b.miny, b.minx + w, b.miny + h};
        placer.occupy(placed);
        boxes.push_back(ctx.box(placed));
    }
    int crossing = 0, clear = 0;
    for (int k = 0; k < 800; ++k) {
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
        const bool expected = std::any_of(boxes.begin(), boxes.end(), [&](const GeosGeom& box) {
            return GEOSIntersects_r(ctx.get(), line.get(), box.get()) == 1;
        });
        CAPTURE(k);
        CHECK(placer.crosses(a, b) == expected);
        (expected ? crossing : clear) += 1;
    }
    // Both answers are tested, not one of them only.
    CHECK(crossing > 100);
    CHECK(clear > 100);
}

TEST_CASE("fits answers as testing every box, whichever box refused last") {
    std::mt19937 rng(11);
    std::uniform_real_distribution<double> x(-30, 870), y(-30, 620), size(1, 30);
    const Box page{0, 0, 842, 595};
    Placer placer(page);
    std::vector<Box> placed;
    int fitting = 0, refused = 0;
    for (int k = 0; k < 4000; ++k) {
        const Box b{x(rng), y(rng), 0, 0};
        const Box q{b.minx, b.miny, b.minx + size(rng), b.miny + size(rng)};
        const bool expected = page.contains(q) && std::none_of(placed.begin(), placed.end(), [&](const Box& o) {
                                  return o.intersects(q);
                              });
        CAPTURE(k);
        CHECK(placer.fits(q) == expected);
        (expected ? fitting : refused) += 1;
        if (k % 10 == 0) { // the page fills as a layout's does, between the queries
            placer.occupy(q);
            placed.push_back(q);
        }
    }
    CHECK(fitting > 300);
    CHECK(refused > 300);
}

TEST_CASE("a vacated box no longer refuses a fit or a crossing, and the others still do") {
    Placer placer(Box{0, 0, 842, 595});
    const Box bar{700, 500, 800, 540}, name{690, 480, 760, 505};
    placer.occupy(bar);
    placer.occupy(name);
    const Box inside_bar{720, 515, 780, 535};
    CHECK_FALSE(placer.fits(inside_bar)); // also leaves the bar as the last refusal, asked first next
    CHECK_FALSE(placer.vacate(Box{700, 500, 800, 541})); // only an equal box is freed
    CHECK(placer.vacate(bar));
    CHECK(placer.fits(inside_bar));
    CHECK_FALSE(placer.crosses({710, 530}, {790, 530}));
    CHECK_FALSE(placer.fits(name.inflated(-1)));
    CHECK(placer.crosses({700, 490}, {750, 490}));
    CHECK_FALSE(placer.vacate(bar)); // once
    placer.occupy(bar);
    CHECK_FALSE(placer.fits(inside_bar));
}

// Where the frame's ground is sea and where no layer says anything: past the straight edges the land
// layers were cut along (audit s18 D5).
#include "layout/frame_ground.hpp"

#include "geo/geography.hpp"
#include "geo/geometry_ops.hpp"

#include <algorithm>
#include <cmath>

namespace citemap {

namespace {

// Hull edges turning less than this from the first edge of their run are one straight edge: a box's
// side densified along a parallel (0.25 degree steps) and projected bends by a fraction of a degree,
// while the hull of a round island turns through 360 degrees in steps of a few.
constexpr double kStraightTurn = 2.0 * M_PI / 180;
// A cut edge is a long one: at least this share of the hull's perimeter (a box's side is a quarter).
constexpr double kLongShare = 0.05;
// How far inside the edge the land must lie along it, as a share of the edge's length: a parallel
// projected by a conic or UTM bows off the chord between its ends by up to about 1 %.
constexpr double kInsideShare = 0.02;
constexpr int kSamples = 9, kOnLandSamples = 7;

double turn(Point a, Point b, Point c, Point d) {
    double t = std::atan2(d.y - c.y, d.x - c.x) - std::atan2(b.y - a.y, b.x - a.x);
    while (t > M_PI)
        t -= 2 * M_PI;
    while (t < -M_PI)
        t += 2 * M_PI;
    return std::abs(t);
}

bool on_land(const GeosContext& ctx, const std::vector<const GEOSGeometry*>& land, Point p) {
    const GeosGeom pt = ctx.own(GEOSGeom_createPointFromXY_r(ctx.get(), p.x, p.y), "point");
    for (const GEOSGeometry* g : land) {
        const Box b = geom::bounds(ctx, g);
        if (p.x >= b.minx && p.x <= b.maxx && p.y >= b.miny && p.y <= b.maxy && geom::intersects(ctx, g, pt.get()))
            return true;
    }
    return false;
}

} // namespace

GeosGeom beyond_cut_land(const Geography& geo, const Box& world) {
    const GeosContext& ctx = *geo.ctx;
    std::vector<const GEOSGeometry*> land;
    for (const BaseLayer& bl : geo.layers)
        if (bl.spec.role == LayerRole::land || bl.spec.role == LayerRole::outline)
            for (const Feature& f : bl.features)
                if (f.geom && !geom::is_empty(ctx, f.geom.get()))
                    land.push_back(f.geom.get());
    const GEOSGeometry* hull = geo.area_layers_hull();
    if (!hull)
        return nullptr;
    const GeosGeom frame = ctx.box(world);
    if (land.empty() || GEOSContains_r(ctx.get(), hull, frame.get()) == 1)
        return nullptr;
    const auto polys = geom::polygons(ctx, hull);
    if (polys.size() != 1 || polys.front().front().size() < 4)
        return nullptr;
    Ring r = polys.front().front();
    r.pop_back(); // closed: the first point again
    const std::size_t n = r.size();
    double twice_area = 0, perimeter = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const Point a = r[i], b = r[(i + 1) % n];
        twice_area += a.x * b.y - b.x * a.y;
        perimeter += std::hypot(b.x - a.x, b.y - a.y);
    }
    const double outward = twice_area > 0 ? 1 : -1; // counter-clockwise: outside is on the right
    Box reach = world;
    reach.expand(geom::bounds(ctx, hull));
    const double far = 4 * std::hypot(reach.width(), reach.height());
    auto edge = [&](std::size_t i) { return std::pair{r[i % n], r[(i + 1) % n]}; };
    // Runs start where the hull turns: at a corner.
    std::size_t start = n;
    for (std::size_t i = 0; i < n && start == n; ++i) {
        const auto [a, b] = edge(i + n - 1);
        const auto [c, d] = edge(i);
        if (turn(a, b, c, d) >= kStraightTurn)
            start = i;
    }
    if (start == n)
        return nullptr;
    struct Cut {
        std::size_t first, end; // edges first .. end-1 (indices from `start`)
        Point normal;
    };
    std::vector<Cut> cuts;
    std::vector<GeosGeom> parts;
    for (std::size_t i = start; i < start + n;) {
        std::size_t j = i + 1;
        const auto [a0, b0] = edge(i);
        while (j < start + n) {
            const auto [c, d] = edge(j);
            if (turn(a0, b0, c, d) >= kStraightTurn)
                break;
            ++j;
        }
        const Point a = r[i % n], b = r[j % n];
        const double length = std::hypot(b.x - a.x, b.y - a.y);
        const Point nrm{outward * (b.y - a.y) / length, -outward * (b.x - a.x) / length};
        if (length >= kLongShare * perimeter) {
            const double in = kInsideShare * length;
            int hits = 0;
            for (int k = 0; k < kSamples; ++k) {
                const double t = (k + 0.5) / kSamples;
                hits += on_land(ctx, land, {a.x + (b.x - a.x) * t - nrm.x * in, a.y + (b.y - a.y) * t - nrm.y * in});
            }
            if (hits >= kOnLandSamples) {
                // The land's edge may bow inside the chord: the strip from just inside it outwards.
                parts.push_back(ctx.polygon({{{a.x - nrm.x * in, a.y - nrm.y * in},
                                              {b.x - nrm.x * in, b.y - nrm.y * in},
                                              {b.x + nrm.x * far, b.y + nrm.y * far},
                                              {a.x + nrm.x * far, a.y + nrm.y * far},
                                              {a.x - nrm.x * in, a.y - nrm.y * in}}}));
                cuts.push_back({i, j, nrm});
            }
        }
        i = j;
    }
    // Past a corner between two cut edges (a box's corner) the land goes on too.
    for (std::size_t k = 0; k < cuts.size(); ++k) {
        const Cut& c = cuts[k];
        const Cut& next = cuts[(k + 1) % cuts.size()];
        if (cuts.size() < 2 || (next.first != c.end && next.first + n != c.end))
            continue;
        const Point v = r[c.end % n];
        parts.push_back(ctx.polygon({{v,
                                      {v.x + c.normal.x * far, v.y + c.normal.y * far},
                                      {v.x + next.normal.x * far, v.y + next.normal.y * far},
                                      v}}));
    }
    if (parts.empty())
        return nullptr;
    std::vector<const GEOSGeometry*> raw;
    for (const GeosGeom& g : parts)
        raw.push_back(g.get());
    GeosGeom beyond = geom::intersection(ctx, geom::union_all(ctx, raw).get(), frame.get());
    if (geom::is_empty(ctx, beyond.get()) || geom::area(ctx, beyond.get()) <= 0)
        return nullptr;
    return beyond;
}

} // namespace citemap

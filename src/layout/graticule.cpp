// Geographic ticks on the map frame: where round meridians and parallels cross its edges, labelled in
// the margin, so a reader can place the map without the inset. The map CRS is not aligned with
// meridians, so each crossing is found by bisection along the edge.
#include "geo/lonlat_extent.hpp"
#include "layout/layout_context.hpp"

#include <cmath>
#include <cstdio>

namespace citemap {

namespace {

// A round step in degrees giving about three to six ticks over `span` degrees.
double tick_step(double span) {
    for (double s : {0.01, 0.02, 0.025, 0.05, 0.1, 0.2, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 30.0})
        if (span / s <= 6)
            return s;
    return 45;
}

// Longitudes arrive unwrapped (181 on a map across the antimeridian): 179°W; 180 and 0 have no side.
std::string degrees(double v, bool lon) {
    if (lon)
        v = wrap_longitude(v);
    v = std::round(v * 1000) / 1000;
    char buf[32];
    const bool sideless = lon && (v == 0 || std::abs(v) == 180);
    const char* hemi = sideless ? "" : lon ? (v < 0 ? "W" : "E") : (v < 0 ? "S" : "N");
    std::snprintf(buf, sizeof buf, "%g\u00B0%s", std::abs(v), hemi);
    return buf;
}

// Page positions along one frame edge where the geographic coordinate `lon ? x : y` equals a multiple
// of the step: edge from a to b (page points).
std::vector<std::pair<double, Point>> crossings(const LayoutContext& lc, Point a, Point b, bool lon) {
    const Projection& proj = *lc.project.geo.projection;
    // Longitudes continue across the antimeridian (179.5, 180.5), measured from the edge's middle.
    const double reference = proj.inverse(lc.tf.to_world(Point{(a.x + b.x) / 2, (a.y + b.y) / 2})).x;
    auto coord = [&](double t) {
        const Point pg{a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t};
        const Point ll = proj.inverse(lc.tf.to_world(pg));
        return lon ? longitude_near(ll.x, reference) : ll.y;
    };
    const double c0 = coord(0), c1 = coord(1);
    const double step = tick_step(std::abs(c1 - c0));
    std::vector<std::pair<double, Point>> out;
    for (double v = std::ceil(std::min(c0, c1) / step) * step; v <= std::max(c0, c1); v += step) {
        double lo = 0, hi = 1;
        for (int i = 0; i < 50; ++i) {
            const double mid = (lo + hi) / 2;
            ((coord(mid) < v) == (c0 < c1) ? lo : hi) = mid;
        }
        const double t = (lo + hi) / 2;
        if (t > 0.03 && t < 0.97)
            out.push_back({v, {a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t}});
    }
    return out;
}

} // namespace

void layout_graticule(LayoutContext& lc) {
    const Box f = lc.tf.frame;
    const double u = lc.unit;
    const double tick = 2.2 * u;
    Layer& layer = lc.scene.layer("graticule", "Graticule ticks");
    Font font = lc.fonts.small;
    font.size = std::max(5.5, font.size * 0.9);
    struct Edge {
        Point a, b;
        bool lon;
        Point inward;
    };
    // Bottom and left edges only, as on most printed maps: the top is crowded by titles and the
    // right by the side column, and half-labelled edges read as mistakes.
    const Edge edges[] = {{{f.minx, f.maxy}, {f.maxx, f.maxy}, true, {0, -1}},
                          {{f.minx, f.miny}, {f.minx, f.maxy}, false, {1, 0}}};
    for (const Edge& e : edges) {
        for (const auto& [value, at] : crossings(lc, e.a, e.b, e.lon)) {
            // Tick and label sit outside the frame, in the margin, and only where it has room.
            Text t = lc.text_at(degrees(value, e.lon), at, font, lc.theme.muted, Anchor::middle);
            const double w = t.box.width(), h = t.box.height();
            Point o = at;
            if (e.inward.y < 0)
                o.y = f.maxy + (0.8 * u + tick) + font.size * 0.93;
            if (e.inward.y > 0)
                o.y = f.miny - (0.8 * u + tick) - font.size * 0.28;
            if (e.inward.x > 0) {
                o.x = f.minx - (0.8 * u + tick) - w / 2;
                o.y = at.y + h / 2 - font.size * 0.28;
            }
            if (e.inward.x < 0) {
                o.x = f.maxx + (0.8 * u + tick) + w / 2;
                o.y = at.y + h / 2 - font.size * 0.28;
            }
            t.origin = o;
            t.box = lc.text.box_of(t);
            if (!lc.placer.fits(t.box.inflated(0.5 * u)) && e.inward.x > 0) {
                // A latitude wider than the left margin ("59.91°N" on a town map) reads upward
                // along the frame instead, centred on its tick, as atlases set them.
                t = lc.text_at(degrees(value, e.lon), {f.minx - (0.8 * u + tick) - font.size * 0.25, at.y}, font,
                               lc.theme.muted, Anchor::middle);
                turn_text(t, -90);
            }
            if (!lc.placer.fits(t.box.inflated(0.5 * u)))
                continue;
            lc.placer.occupy(t.box.inflated(0.5 * u));
            Item item;
            item.id = std::string(e.lon ? "meridian-" : "parallel-") + degrees(value, e.lon);
            item.parts.emplace_back(Shape{{{at, {at.x - e.inward.x * tick, at.y - e.inward.y * tick}}},
                                          false,
                                          std::nullopt,
                                          Stroke{lc.theme.outline_stroke, 0.5 * u, {}, false}});
            item.parts.emplace_back(std::move(t));
            layer.items.push_back(std::move(item));
        }
    }
}

} // namespace citemap

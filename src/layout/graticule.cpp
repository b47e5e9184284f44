// Geographic ticks on the map frame: where round meridians and parallels cross its edges, labelled in
// the margin, so a reader can place the map without the inset. The map CRS is not aligned with
// meridians, so each crossing is found by bisection along the edge. A map wide enough for its scale or
// its north to change across the frame (a continent, a polar sea) also gets the graticule's lines, so
// the reader sees how the projection curves them.
#include "geo/lonlat_extent.hpp"
#include "layout/layout_context.hpp"

#include <cmath>

namespace citemap {

namespace {

constexpr double kRoundSteps[] = {0.01, 0.02, 0.025, 0.05, 0.1, 0.2, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 30.0, 45.0};

// A round step in degrees giving about three to six ticks over `span` degrees.
double tick_step(double span) {
    for (double s : kRoundSteps)
        if (span / s <= 6)
            return s;
    return 45;
}

// The next round step that is a multiple of `step`, so every coarser tick is still on a drawn line.
double coarser_step(double step) {
    for (double s : kRoundSteps)
        if (s > step * 1.001 && std::abs(s / step - std::round(s / step)) < 1e-6)
            return s;
    return step * 2;
}

// Longitudes arrive unwrapped (181 on a map across the antimeridian): degrees_text wraps them. Ids
// are in English ("meridian-67.5°W"), labels in the map's language ("67,5° O").
std::string degrees(double v, bool lon, const PanelWords& words = english_words()) {
    return degrees_text(v, lon, 1000, words);
}

// Page positions along one frame edge where the geographic coordinate `lon ? x : y` equals a multiple
// of the step (`step`, or one for the edge's own span when 0): edge from a to b (page points).
std::vector<std::pair<double, Point>> crossings(const LayoutContext& lc, Point a, Point b, bool lon, double& step) {
    const Projection& proj = *lc.project.geo.projection;
    // Longitudes continue across the antimeridian (179.5, 180.5), measured from the edge's middle.
    const double reference = proj.inverse(lc.tf.to_world(Point{(a.x + b.x) / 2, (a.y + b.y) / 2})).x;
    auto coord = [&](double t) {
        const Point pg{a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t};
        const Point ll = proj.inverse(lc.tf.to_world(pg));
        return lon ? longitude_near(ll.x, reference) : ll.y;
    };
    const double c0 = coord(0), c1 = coord(1);
    if (step <= 0)
        step = tick_step(std::abs(c1 - c0));
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

// Longitude and latitude of `n` x `n` points over the frame, longitudes continued from the centre's
// (a map across 180° has 179.5 and 180.5, not 179.5 and -179.5).
std::vector<Point> frame_lonlat(const LayoutContext& lc, int n) {
    const Projection& proj = *lc.project.geo.projection;
    const Box f = lc.tf.frame;
    const double ref = proj.inverse(lc.tf.to_world(Point{(f.minx + f.maxx) / 2, (f.miny + f.maxy) / 2})).x;
    std::vector<Point> out;
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) {
            const Point ll = proj.inverse(lc.tf.to_world(
                Point{f.minx + f.width() * i / (n - 1), f.miny + f.height() * j / (n - 1)}));
            out.push_back({longitude_near(ll.x, ref), ll.y});
        }
    return out;
}

// The round steps of the graticule's lines over the whole frame: longitude, latitude.
std::pair<double, double> line_steps(const LayoutContext& lc) {
    Box b{1e18, 1e18, -1e18, -1e18};
    for (const Point& ll : frame_lonlat(lc, 7))
        b.expand({ll.x, ll.y, ll.x, ll.y});
    return {tick_step(b.width()), tick_step(b.height())};
}

} // namespace

MapSpread map_spread(const LayoutContext& lc) {
    const Projection& proj = *lc.project.geo.projection;
    const Box f = lc.tf.frame;
    const Point centre = lc.tf.to_world(Point{(f.minx + f.maxx) / 2, (f.miny + f.maxy) / 2});
    const double k0 = proj.ground_scale_at(centre), g0 = proj.convergence_at(centre);
    MapSpread out;
    out.centre = proj.inverse(centre);
    double lo = 1, hi = 1;
    out.along_parallels = true;
    constexpr int n = 7;
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) {
            const Point xy = lc.tf.to_world(Point{f.minx + f.width() * i / (n - 1), f.miny + f.height() * j / (n - 1)});
            const double k = proj.ground_scale_at(xy) / k0;
            lo = std::min(lo, k);
            hi = std::max(hi, k);
            out.convergence_deg = std::max(out.convergence_deg, std::abs(proj.convergence_at(xy) - g0) * 180 / M_PI);
            // The same latitude on the centre's meridian: a scale that changes only with latitude
            // (Mercator, conic, polar) is true along the centre's parallel, and the bar can say so.
            const Point ll = proj.inverse(xy);
            const double on_meridian = proj.ground_scale_at(proj.forward({out.centre.x, ll.y})) / k0;
            if (std::abs(k / on_meridian - 1) > 0.01)
                out.along_parallels = false;
        }
    out.scale = hi / lo - 1;
    return out;
}

void layout_graticule_lines(LayoutContext& lc) {
    const MapSpread spread = map_spread(lc);
    if (!spread.wide())
        return;
    const Projection& proj = *lc.project.geo.projection;
    const auto [lon_step, lat_step] = line_steps(lc);
    Box b{1e18, 1e18, -1e18, -1e18};
    for (const Point& ll : frame_lonlat(lc, 9))
        b.expand({ll.x, ll.y, ll.x, ll.y});
    // A frame around a pole reaches every longitude.
    const bool polar = b.maxy > 89 || b.miny < -89 || b.width() > 300;
    const double lon0 = polar ? -180 : std::floor(b.minx / lon_step) * lon_step;
    const double lon1 = polar ? 180 : std::ceil(b.maxx / lon_step) * lon_step;
    const double lat0 = std::max(-89.999, std::floor(b.miny / lat_step) * lat_step);
    const double lat1 = std::min(89.999, std::ceil(b.maxy / lat_step) * lat_step);
    Layer& layer = lc.scene.layer("graticule-lines", "Graticule (meridians and parallels)");
    layer.clip = lc.tf.frame;
    const Stroke stroke{lc.theme.boundary.mix({1, 1, 1, 1}, 0.35), 0.4 * lc.unit, {}, false};
    auto line = [&](const std::string& id, auto&& at, double t0, double t1) {
        Ring pts;
        const int n = 180;
        for (int i = 0; i <= n; ++i)
            pts.push_back(lc.tf.to_page(proj.forward(at(t0 + (t1 - t0) * i / n))));
        Item item;
        item.id = id;
        item.parts.emplace_back(Shape{{std::move(pts)}, false, std::nullopt, stroke});
        layer.items.push_back(std::move(item));
    };
    for (double lon = lon0; lon <= lon1 + 1e-9; lon += lon_step)
        if (!polar || lon < 180 - 1e-9)
            line("graticule-meridian-" + degrees(lon, true), [&](double t) { return Point{lon, t}; }, lat0,
                 polar ? (b.maxy > 89 ? 90.0 : lat1) : lat1);
    for (double lat = lat0; lat <= lat1 + 1e-9; lat += lat_step)
        if (std::abs(lat) < 89.999)
            line("graticule-parallel-" + degrees(lat, false), [&](double t) { return Point{t, lat}; }, lon0, lon1);
}

void layout_graticule(LayoutContext& lc) {
    const Box f = lc.tf.frame;
    const double u = lc.unit;
    const double tick = 2.2 * u;
    Layer& layer = lc.scene.layer("graticule", "Graticule ticks");
    const PanelWords& words = panel_words(lc.project.spec.lang);
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
    // With lines drawn, the ticks mark where they meet the frame: the same steps.
    const bool lines = map_spread(lc).wide();
    const auto [lon_step, lat_step] = lines ? line_steps(lc) : std::pair{0.0, 0.0};
    const double gap = std::max(3 * u, 4.0); // between two labels along an edge
    for (const Edge& e : edges) {
        double step = e.lon ? lon_step : lat_step;
        std::vector<std::pair<double, Point>> ticks = crossings(lc, e.a, e.b, e.lon, step);
        // Latitudes are all set across the margin, or all upward along the frame when one of them is
        // wider than the margin: a single turned label among level ones reads as a mistake.
        bool turned = false;
        for (const auto& [value, at] : ticks)
            if (!e.lon) {
                Text t = lc.text_at(degrees(value, false, words), at, font, lc.theme.muted, Anchor::middle);
                t.origin = {f.minx - (0.8 * u + tick) - t.box.width() / 2,
                            at.y + t.box.height() / 2 - font.size * 0.28};
                t.box = lc.text.box_of(t);
                turned = turned || !lc.placer.fits(t.box.inflated(0.5 * u));
            }
        // Labels that would run into each other ("25°W" touching "24.75°W") take a coarser step, so
        // every tick is labelled and the labelled ticks stay evenly spaced.
        auto crowded = [&] {
            for (std::size_t i = 1; i < ticks.size(); ++i) {
                auto extent = [&](double v) {
                    const Text t = lc.text_at(degrees(v, e.lon, words), {0, 0}, font, lc.theme.muted);
                    return e.lon || turned ? t.box.width() : t.box.height();
                };
                const double apart = std::hypot(ticks[i].second.x - ticks[i - 1].second.x,
                                                ticks[i].second.y - ticks[i - 1].second.y);
                if (apart < (extent(ticks[i].first) + extent(ticks[i - 1].first)) / 2 + gap)
                    return true;
            }
            return false;
        };
        for (int tries = 0; tries < 8 && ticks.size() > 1 && crowded(); ++tries) {
            step = coarser_step(step);
            ticks = crossings(lc, e.a, e.b, e.lon, step);
        }
        for (const auto& [value, at] : ticks) {
            // Tick and label sit outside the frame, in the margin, and only where it has room.
            Text t = lc.text_at(degrees(value, e.lon, words), at, font, lc.theme.muted, Anchor::middle);
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
            if (turned && e.inward.x > 0) {
                // A latitude wider than the left margin ("59.91°N" on a town map) reads upward
                // along the frame instead, centred on its tick, as atlases set them.
                t = lc.text_at(degrees(value, e.lon, words), {f.minx - (0.8 * u + tick) - font.size * 0.25, at.y}, font,
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

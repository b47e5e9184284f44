// Names set along long thin zones: a buffer strip two kilometres wide and a hundred and fifty long is
// too thin for its name inside and reads as one feature only when the name runs beside it, turned to
// the strip's local direction (as atlases letter rivers). The name and the claim numbers form one
// straight row just outside the zone's edge, where the edge is straight enough over the row's length.
// Collisions use the turned row itself, as a chain of small boxes along it, not its bounding box.
#include "geo/geometry_ops.hpp"
#include "layout/layout_context.hpp"

#include <algorithm>
#include <cmath>

namespace citemap {

namespace {

constexpr double kMm = 72.0 / 25.4;

// Points every `step` along the zone's outer rings, in page points, ring by ring.
std::vector<std::vector<Point>> outer_walks(const LayoutContext& lc, const GEOSGeometry* visible, double step) {
    const GeosContext& ctx = *lc.project.geo.ctx;
    std::vector<std::vector<Point>> out;
    for (auto& poly : geom::polygons(ctx, visible)) {
        if (poly.empty())
            continue;
        std::vector<Point> page;
        for (const Point& w : poly.front())
            page.push_back(lc.tf.to_page(w));
        std::vector<Point> walk;
        double next = 0, run = 0;
        for (std::size_t i = 1; i < page.size(); ++i) {
            const double len = std::hypot(page[i].x - page[i - 1].x, page[i].y - page[i - 1].y);
            while (len > 0 && next <= run + len) {
                const double t = (next - run) / len;
                walk.push_back({page[i - 1].x + (page[i].x - page[i - 1].x) * t,
                                page[i - 1].y + (page[i].y - page[i - 1].y) * t});
                next += step;
            }
            run += len;
        }
        if (walk.size() > 4)
            out.push_back(std::move(walk));
    }
    return out;
}

} // namespace

std::vector<Box> along_boxes(Point centre, Point dir, double length, double height) {
    // Squares of the row's height every half height along its axis; each square's box as turned.
    std::vector<Box> out;
    const double half = height / 2 * (std::abs(dir.x) + std::abs(dir.y));
    const double reach = std::max(0.0, length / 2 - height / 2);
    const int n = std::max(1, static_cast<int>(std::ceil(2 * reach / (height / 2))));
    for (int i = 0; i <= n; ++i) {
        const double s = -reach + 2 * reach * i / n;
        const Point c{centre.x + dir.x * s, centre.y + dir.y * s};
        out.push_back({c.x - half, c.y - half, c.x + half, c.y + half});
    }
    return out;
}

std::optional<std::vector<Item>> place_along_zone(LayoutContext& lc, const Zone& z, const GEOSGeometry* visible,
                                                  const std::vector<const Claim*>& claims, double inscribed_radius) {
    const GeosContext& ctx = *lc.project.geo.ctx;
    const double u = lc.unit;
    Text name = lc.text_at(z.name, {0, 0}, lc.fonts.zone_label, lc.theme.text, Anchor::middle);
    name.halo = lc.theme.halo;
    name.halo_width = 2.2 * u;
    const double w = name.box.width(), h = name.box.height();
    std::vector<Item> probe;
    double markers_w = 0, r = 0;
    for (const Claim* c : claims) {
        Item m = claim_marker(lc, z.id, c->number, {0, 0});
        r = std::max(r, std::get<Circle>(m.parts.front()).radius);
        // A badge takes its width times sqrt 2 along the row: even the boxes around the badges stay
        // apart (and off the name) when the row runs diagonally.
        markers_w += 2 * std::sqrt(2.0) * std::get<Circle>(m.parts.front()).radius + 1.2 * u;
        probe.push_back(std::move(m));
    }
    const double gap_name = claims.empty() ? 0 : 1.5 * u;
    const double row_w = w + gap_name + markers_w, row_h = std::max(h, 2 * r);
    // Tried only once the name found no room inside. Thin: the widest circle inside is at most twice
    // the row's height. Long: the zone's length on the page (area over width) holds the row twice
    // over and is six times its width.
    const double width_pt = 2 * inscribed_radius * lc.tf.scale();
    const double length_pt = geom::area(ctx, visible) * lc.tf.scale() * lc.tf.scale() / std::max(width_pt, 1e-9);
    if (width_pt > row_h * 2 || length_pt < 2 * row_w || length_pt < 6 * width_pt)
        return std::nullopt;

    GeosPrepared inside = ctx.prepare(visible);
    const double gap = 0.9 * kMm; // between the zone's edge and the row, for the halo
    // The row must follow the edge over its whole length: within this reach of the zone.
    GeosGeom near = geom::buffer(ctx, visible, (gap + row_h + 0.8 * kMm) / lc.tf.scale());
    GeosPrepared near_prepared = ctx.prepare(near.get());
    const Box zb = geom::bounds(ctx, visible);
    const Point middle = lc.tf.to_page({(zb.minx + zb.maxx) / 2, (zb.miny + zb.maxy) / 2});
    const double step = 1.5 * kMm;
    const int k = std::max(1, static_cast<int>(std::lround(row_w / 2 / step)));
    const double pad = 0.6 * u;

    double best = 1e18;
    Point best_c{}, best_dir{};
    for (const auto& walk : outer_walks(lc, visible, step)) {
        const std::size_t n = walk.size();
        for (std::size_t i = 0; i < n; ++i) {
            const Point& p = walk[i];
            const double cost = std::hypot(p.x - middle.x, p.y - middle.y);
            if (cost >= best)
                continue;
            const Point& a = walk[(i + n - static_cast<std::size_t>(k) % n) % n];
            const Point& b = walk[(i + static_cast<std::size_t>(k)) % n];
            double len = std::hypot(b.x - a.x, b.y - a.y);
            if (len < 1e-6)
                continue;
            Point dir{(b.x - a.x) / len, (b.y - a.y) / len};
            if (dir.x < 0 || (dir.x == 0 && dir.y > 0))
                dir = {-dir.x, -dir.y}; // never upside down
            // Outward: the side of the edge away from the zone.
            Point nrm{-dir.y, dir.x};
            const Point test = lc.tf.to_world(Point{p.x + nrm.x * 0.5 * kMm, p.y + nrm.y * 0.5 * kMm});
            GeosGeom tp(GEOSGeom_createPointFromXY_r(ctx.get(), test.x, test.y), GeosDeleter{ctx.get()});
            if (GEOSPreparedContains_r(ctx.get(), inside.get(), tp.get()) == 1)
                nrm = {-nrm.x, -nrm.y};
            const Point c{p.x + nrm.x * (gap + row_h / 2), p.y + nrm.y * (gap + row_h / 2)};
            const std::vector<Box> boxes = along_boxes(c, dir, row_w, row_h);
            bool ok = true;
            for (const Box& bx : boxes)
                ok = ok && lc.placer.fits(bx.inflated(pad), lc.tf.frame);
            if (!ok)
                continue;
            // The turned row as a polygon: clear of its own zone, and close to it all along.
            const Point ax{dir.x * row_w / 2, dir.y * row_w / 2}, ay{nrm.x * row_h / 2, nrm.y * row_h / 2};
            Ring ring;
            for (auto [sx, sy] : {std::pair{-1, -1}, {1, -1}, {1, 1}, {-1, 1}, {-1, -1}})
                ring.push_back(lc.tf.to_world(Point{c.x + sx * ax.x + sy * ay.x, c.y + sx * ax.y + sy * ay.y}));
            GeosGeom row = ctx.polygon({ring});
            if (GEOSPreparedIntersects_r(ctx.get(), inside.get(), row.get()) == 1 ||
                GEOSPreparedCovers_r(ctx.get(), near_prepared.get(), row.get()) != 1)
                continue;
            best = cost;
            best_c = c;
            best_dir = dir;
        }
    }
    if (best >= 1e18)
        return std::nullopt;

    // The name, turned about its origin so that its middle lands on its place in the row.
    const Point dir = best_dir;
    const double angle = std::atan2(dir.y, dir.x);
    const Point name_c{best_c.x + dir.x * (-row_w / 2 + w / 2), best_c.y + dir.y * (-row_w / 2 + w / 2)};
    const Point mid0{(name.box.minx + name.box.maxx) / 2, (name.box.miny + name.box.maxy) / 2};
    name.origin = {name_c.x - (mid0.x * dir.x - mid0.y * dir.y), name_c.y - (mid0.x * dir.y + mid0.y * dir.x)};
    name.box = lc.text.box_of(name);
    turn_text(name, angle * 180 / M_PI);
    std::vector<Item> out;
    Item label;
    label.id = lc.id_prefix + "label-" + z.id;
    label.title = z.name;
    label.data = {{"along", "zone"}};
    label.parts.emplace_back(std::move(name));
    out.push_back(std::move(label));
    double s = -row_w / 2 + w + gap_name;
    for (std::size_t i = 0; i < claims.size(); ++i) {
        const double rr = std::get<Circle>(probe[i].parts.front()).radius * std::sqrt(2.0);
        s += rr;
        out.push_back(claim_marker(lc, z.id, claims[i]->number, {best_c.x + dir.x * s, best_c.y + dir.y * s}));
        s += rr + 1.2 * u;
    }
    for (const Box& bx : along_boxes(best_c, dir, row_w, row_h))
        lc.placer.occupy(bx.inflated(0.3 * u));
    return out;
}

} // namespace citemap

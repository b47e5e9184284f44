// A long thin zone's name and claim numbers set on the zone itself, along its centre line, turned to
// its straightest free stretch, as atlases letter a river drawn as a band: a 3 km strip along a
// 190 km sinuous river, 4 mm wide on an A4 page and a neighbour's land on both sides, had no room
// for its name inside, none beside it that did not read as the neighbour's, and was set 22 mm off on
// the frame's margin with a 14 mm arrow (audit s15 D1). Also the row both names along a zone share
// (place_along_zone sets it beside the zone's edge).
#include "geo/geometry_ops.hpp"
#include "layout/layout_context.hpp"

#include <algorithm>
#include <cmath>

namespace citemap {

namespace {

constexpr double kMm = 72.0 / 25.4;

// The centre lines of a polygon given on the page (its medial axis, approximated): the edges of the
// Voronoi diagram of points every `step` along its rings that lie wholly inside it, merged into paths.
// Between two points on the same side of a band an edge runs out across the edge, so what stays
// inside is the axis between the two sides.
std::vector<Ring> centre_lines(const GeosContext& ctx, const std::vector<Ring>& rings, double step) {
    std::vector<GEOSGeometry*> points;
    for (const Ring& ring : rings)
        for (const Point& p : points_every(ring, step))
            points.push_back(GEOSGeom_createPointFromXY_r(ctx.get(), p.x, p.y));
    if (points.size() < 4) {
        for (GEOSGeometry* p : points)
            GEOSGeom_destroy_r(ctx.get(), p);
        return {};
    }
    const GeosGeom cloud = ctx.own(GEOSGeom_createCollection_r(ctx.get(), GEOS_MULTIPOINT, points.data(),
                                                               static_cast<unsigned>(points.size())),
                                   "multipoint");
    const GeosGeom edges = ctx.own(GEOSVoronoiDiagram_r(ctx.get(), cloud.get(), nullptr, 0, 1), "voronoi");
    const GeosGeom area = ctx.polygon(rings);
    const GeosPrepared inside = ctx.prepare(area.get());
    std::vector<GEOSGeometry*> kept;
    const int n = GEOSGetNumGeometries_r(ctx.get(), edges.get());
    for (int i = 0; i < n; ++i) {
        const GEOSGeometry* e = GEOSGetGeometryN_r(ctx.get(), edges.get(), i);
        if (GEOSPreparedContainsProperly_r(ctx.get(), inside.get(), e) == 1)
            kept.push_back(GEOSGeom_clone_r(ctx.get(), e));
    }
    if (kept.empty())
        return {};
    const GeosGeom axis = ctx.own(GEOSGeom_createCollection_r(ctx.get(), GEOS_MULTILINESTRING, kept.data(),
                                                              static_cast<unsigned>(kept.size())),
                                  "multilinestring");
    const GeosGeom merged = ctx.own(GEOSLineMerge_r(ctx.get(), axis.get()), "line merge");
    return geom::lines(ctx, merged.get());
}

// How far the path's points from `from` to `to` stray from the straight line through `c` along `dir`.
double straying(const std::vector<Point>& walk, std::size_t from, std::size_t to, Point c, Point dir) {
    double most = 0;
    for (std::size_t j = from; j <= to; ++j)
        most = std::max(most, std::abs((walk[j].x - c.x) * dir.y - (walk[j].y - c.y) * dir.x));
    return most;
}

} // namespace

AlongRow along_row(const LayoutContext& lc, const Zone& z, const std::vector<const Claim*>& claims) {
    const double u = lc.unit;
    AlongRow row;
    row.name = lc.text_at(z.name, {0, 0}, lc.fonts.zone_label, lc.theme.text, Anchor::middle);
    row.name.halo = lc.theme.halo;
    row.name.halo_width = 2.2 * u;
    double markers_w = 0, r = 0;
    for (const Claim* c : claims) {
        const Item m = claim_marker(lc, z.id, c->number, {0, 0});
        const double radius = std::get<Circle>(m.parts.front()).radius;
        r = std::max(r, radius);
        // A badge takes its width times sqrt 2 along the row: even the boxes around the badges stay
        // apart (and off the name) when the row runs diagonally.
        row.badge_w.push_back(2 * std::sqrt(2.0) * radius);
        markers_w += row.badge_w.back() + 1.2 * u;
    }
    row.gap_name = claims.empty() ? 0 : 1.5 * u;
    row.name_w = row.name.box.width();
    row.length = row.name_w + row.gap_name + markers_w;
    row.height = std::max(row.name.box.height(), 2 * r);
    return row;
}

std::vector<Point> along_row_badges(const LayoutContext& lc, const AlongRow& row, Point centre, Point dir) {
    std::vector<Point> out;
    double s = -row.length / 2 + row.name_w + row.gap_name;
    for (const double w : row.badge_w) {
        s += w / 2;
        out.push_back({centre.x + dir.x * s, centre.y + dir.y * s});
        s += w / 2 + 1.2 * lc.unit;
    }
    return out;
}

std::vector<Item> set_along_row(LayoutContext& lc, const Zone& z, const std::vector<const Claim*>& claims,
                                AlongRow row, Point centre, Point dir) {
    // The name, turned about its origin so that its middle lands on its place in the row.
    Text& name = row.name;
    const double w = row.name_w;
    const Point name_c{centre.x + dir.x * (-row.length / 2 + w / 2), centre.y + dir.y * (-row.length / 2 + w / 2)};
    const Point mid0{(name.box.minx + name.box.maxx) / 2, (name.box.miny + name.box.maxy) / 2};
    name.origin = {name_c.x - (mid0.x * dir.x - mid0.y * dir.y), name_c.y - (mid0.x * dir.y + mid0.y * dir.x)};
    name.box = lc.text.box_of(name);
    turn_text(name, std::atan2(dir.y, dir.x) * 180 / M_PI);
    std::vector<Item> out;
    Item label;
    label.id = lc.id_prefix + "label-" + z.id;
    label.title = z.name;
    label.data = {{"along", "zone"}};
    label.parts.emplace_back(std::move(name));
    out.push_back(std::move(label));
    const std::vector<Point> at = along_row_badges(lc, row, centre, dir);
    for (std::size_t i = 0; i < claims.size(); ++i)
        out.push_back(claim_marker(lc, z.id, claims[i]->number, at[i]));
    for (const Box& bx : along_boxes(centre, dir, row.length, row.height))
        lc.placer.occupy(bx.inflated(0.3 * lc.unit));
    return out;
}

bool long_and_thin(const LayoutContext& lc, const GEOSGeometry* visible, double inscribed_radius, const AlongRow& row,
                   double rows) {
    // Thin: the widest circle inside is at most three times the row's height (a band that holds one
    // row but not the name's wrapped block). Long: the zone's length on the page (area over width)
    // holds the row `rows` times over and is six times its width.
    const double width = 2 * inscribed_radius * lc.tf.scale();
    const double length = geom::area(*lc.project.geo.ctx, visible) * lc.tf.scale() * lc.tf.scale() / std::max(width, 1e-9);
    return width <= 3 * row.height && length >= rows * row.length && length >= 6 * width;
}

std::optional<std::vector<Item>> place_on_band(LayoutContext& lc, const Zone& z, const GEOSGeometry* visible,
                                               const std::vector<const Claim*>& claims, double inscribed_radius) {
    const GeosContext& ctx = *lc.project.geo.ctx;
    const AlongRow row = along_row(lc, z, claims);
    // On the band the row needs its own length and a little more: a 2 km strip 80 mm long on a
    // figure holds its 55 mm row, which beside it wants the length twice over (its edge's ends).
    if (!long_and_thin(lc, visible, inscribed_radius, row, 1.25))
        return std::nullopt;
    // A band much thinner than the name's letters would be hidden under them: it is named beside.
    const double width = 2 * inscribed_radius * lc.tf.scale();
    if (width < 0.4 * row.name.box.height())
        return std::nullopt;
    const Box zb = geom::bounds(ctx, visible);
    const Point middle = lc.tf.to_page({(zb.minx + zb.maxx) / 2, (zb.miny + zb.maxy) / 2});
    // The row's axis keeps to the middle of the band: within a third of its width (and half a
    // millimetre) of the centre line all along, so the name reads as the band's, not its neighbour's.
    const double stray = std::max(0.5 * kMm, width / 3);
    const double step = 0.75 * kMm;
    const auto half = static_cast<std::size_t>(std::max(1L, std::lround(row.length / 2 / step)));
    const double pad = 0.6 * lc.unit;

    RowSpot best;
    for (const std::vector<Ring>& part : geom::polygons(ctx, visible)) {
        const std::vector<Ring> page = lc.to_page(part);
        const GeosGeom area = ctx.polygon(page);
        const GeosPrepared inside = ctx.prepare(area.get());
        auto on_zone = [&](Point p) {
            const GeosGeom pt = ctx.own(GEOSGeom_createPointFromXY_r(ctx.get(), p.x, p.y), "point");
            return GEOSPreparedContainsProperly_r(ctx.get(), inside.get(), pt.get()) == 1;
        };
        // Samples a third of the band's width apart: each side is seen by the diagram as a side.
        for (const Ring& axis : centre_lines(ctx, page, std::max(0.3 * kMm, width / 3))) {
            const std::vector<Point> walk = points_every(axis, step);
            if (walk.size() < 2 * half + 1)
                continue;
            for (std::size_t i = half; i + half < walk.size(); ++i) {
                const Point& a = walk[i - half];
                const Point& b = walk[i + half];
                const double chord = std::hypot(b.x - a.x, b.y - a.y);
                if (chord < 0.8 * row.length)
                    continue; // the band turns within the row's length
                Point dir{(b.x - a.x) / chord, (b.y - a.y) / chord};
                if (dir.x < 0 || (dir.x == 0 && dir.y > 0))
                    dir = {-dir.x, -dir.y}; // never upside down
                Point c{0, 0};
                for (std::size_t j = i - half; j <= i + half; ++j)
                    c = {c.x + walk[j].x, c.y + walk[j].y};
                c = {c.x / static_cast<double>(2 * half + 1), c.y / static_cast<double>(2 * half + 1)};
                const double off = straying(walk, i - half, i + half, c, dir);
                if (off > stray)
                    continue;
                // The straightest stretch near the zone's middle, rows running across the page
                // before steep ones: a millimetre of straying weighs 10 mm of distance.
                const double cost = std::hypot(c.x - middle.x, c.y - middle.y) / kMm + 10 * off / kMm +
                                    8 * std::abs(dir.y);
                if (cost >= best.cost)
                    continue;
                bool ok = on_zone(c);
                for (const Point& badge : along_row_badges(lc, row, c, dir))
                    ok = ok && on_zone(badge);
                // Over the band's own river or road line (its name knocks the line out, with its
                // halo), clear of every label, badge and furniture.
                for (const Box& bx : along_boxes(c, dir, row.length, row.height))
                    ok = ok && lc.placer.fits_on_lines(bx.inflated(pad), lc.tf.frame);
                if (ok)
                    best = {cost, c, dir};
            }
        }
    }
    if (!best.found())
        return std::nullopt;
    return set_along_row(lc, z, claims, row, best.centre, best.dir);
}

} // namespace citemap

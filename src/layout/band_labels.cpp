// A long thin zone's name and claim numbers set on the zone itself, along its centre line, turned to
// its straightest free stretch, as atlases letter a river drawn as a band: a 3 km strip along a
// 190 km sinuous river, 4 mm wide on an A4 page and a neighbour's land on both sides, had no room
// for its name inside, none beside it that did not read as the neighbour's, and was set 22 mm off on
// the frame's margin with a 14 mm arrow (audit s15 D1). Also the row both names along a zone share
// (place_along_zone sets it beside the zone's edge).
#include "geo/geometry_ops.hpp"
#include "layout/curved_name.hpp"
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

// A row's items: the zone's label (data "along" = "zone") holding `name` (and `second`, its name in the
// second language, with the dot between them when on one line), then its claim markers at `at`.
std::vector<Item> row_items(const LayoutContext& lc, const Zone& z, const std::vector<const Claim*>& claims,
                            Text name, const std::vector<Point>& at,
                            std::optional<Text> second = std::nullopt,
                            std::optional<Text> dot = std::nullopt) {
    std::vector<Item> out;
    Item label;
    label.id = lc.id_prefix + "label-" + z.id;
    label.title = z.name;
    label.data = {{"along", "zone"}};
    label.parts.emplace_back(std::move(name));
    if (dot)
        label.parts.emplace_back(std::move(*dot));
    if (second)
        label.parts.emplace_back(std::move(*second));
    out.push_back(std::move(label));
    for (std::size_t i = 0; i < claims.size(); ++i)
        out.push_back(claim_marker(lc, z.id, claims[i]->number, at[i]));
    return out;
}

// The cheapest stretch of a centre line found for a row set along it as a curve.
struct CurveSpot {
    double cost = 1e18;
    std::optional<PagePath> path;
    double start = 0; // where the name begins along the path
};

// Squares of the row's height every half height along the path from `from` to `to`, each square's
// box as turned there: the curved row's collision boxes (as along_boxes for a straight one).
std::vector<Box> along_path_boxes(const PagePath& path, double from, double to, double height) {
    std::vector<Box> out;
    const double reach = std::max(0.0, (to - from) / 2 - height / 2);
    const double mid = (from + to) / 2;
    const int n = std::max(1, static_cast<int>(std::ceil(2 * reach / (height / 2))));
    for (int i = 0; i <= n; ++i) {
        const double s = mid - reach + 2 * reach * i / n;
        const Point c = path.at(s);
        const Point d = path.direction(s, height / 2);
        const double half = height / 2 * (std::abs(d.x) + std::abs(d.y));
        out.push_back({c.x - half, c.y - half, c.x + half, c.y + half});
    }
    return out;
}

// Where the row's badges go along the path when its name begins at `start`: after the name.
std::vector<Point> path_badges(const LayoutContext& lc, const AlongRow& row, const PagePath& path, double start,
                               double name_w) {
    std::vector<Point> out;
    double s = start + name_w + row.gap_name;
    for (const double w : row.badge_w) {
        s += w / 2;
        out.push_back(path.at(s));
        s += w / 2 + 1.2 * lc.unit;
    }
    return out;
}

// A row's spot on a band costs, in one unit (10 for each millimetre a straight row strays from the
// centre line): its distance from the zone's middle, its steepness, and for a curved row its turning.

// The zone's middle on the page, and half its box's diagonal.
struct Middle {
    Point at;
    double reach = 1;
};

// Distance from the zone's middle: 30 at half the zone's diagonal, whatever the page's size. At one
// a millimetre, the middle outweighed steepness the more, the larger the page: c-orva's strip kept
// its -65 degree row on A3 where A4 took the nearly level stretch 35 mm off.
double off_middle_cost(Point c, const Middle& m) {
    return 30 * std::hypot(c.x - m.at.x, c.y - m.at.y) / m.reach;
}

// Steepness: 60 times the square of the sine of the row's angle (a curved row: the mean over its
// glyphs): a name across the page reads before a steep one, and a little slope costs little (20
// degrees: 7; 45: 30; 65: 49). At 8 x |sin|, c-orva's strip was named up a -65 degree stretch in
// the middle of an A4 page, with a nearly level stretch 35 mm off.
double steep_cost(double sine_squared) {
    return 60 * sine_squared;
}

// A row set across a drawn line (a road through the zone) on a zone wide enough to hold it costs as
// much as a row 40 % of half the zone's diagonal further from its middle: off the line where there is room.
constexpr double kOverLineCost = 12;

// A curved row's name may turn through this much along its length in all (radians, ~100 degrees):
// round a river's bend, not round a hairpin.
constexpr double kMostTurning = 1.75;

// The curved rows along one centre line (`axis`): the name glyph by glyph on the line smoothed over
// the letters' height, then its badges, where every glyph and badge lies on the zone, no glyph is
// steeper than 80 degrees, and the line bends gently enough for the letters not to meet inside a bend.
// Keeps the cheapest in `best`: nearest the zone's middle, least steep, least turning.
template <class OnZone>
void curve_along(const LayoutContext& lc, const AlongRow& row, const NameGlyphs& g, const PagePath& axis,
                 const Middle& middle, const OnZone& on_zone, CurveSpot& best) {
    const double size = row.name.font.size;
    const double top = row.name.box.miny, bottom = row.name.box.maxy;
    const double length = g.width + row.length - row.name_w; // the name, then the badges as in the row
    const PagePath smooth = axis.smoothed(bottom - top, 0.25 * kMm);
    const double pad = 0.6 * lc.unit;
    for (const PagePath& path : {smooth, smooth.reversed()}) {
        for (double s0 = 0; s0 + length <= path.length(); s0 += 0.75 * kMm) {
            const Point a = path.at(s0), b = path.at(s0 + g.width);
            if (b.x <= a.x)
                continue; // it reads left to right the other way along the line
            const std::vector<Glyph> placed = glyphs_along(path, s0, g, top, bottom, (bottom - top) / 2);
            // Neighbouring glyphs turn from each other no more than on a circle of 2.5 ems' radius: a
            // capital's top, 0.4 em inside the line, closes up on the next by a sixth of the step
            // between them, less than the two side bearings.
            double steep = 0, turning = 0;
            bool gentle = true;
            for (std::size_t i = 0; i < placed.size(); ++i) {
                steep += std::pow(std::sin(placed[i].angle * M_PI / 180), 2);
                gentle = gentle && std::abs(placed[i].angle) <= 80;
                if (i == 0)
                    continue;
                const double turn = std::abs(placed[i].angle - placed[i - 1].angle) * M_PI / 180;
                gentle = gentle && turn <= (g.advance[i - 1] + g.advance[i]) / 2 / (2.5 * size);
                turning += turn;
            }
            steep /= static_cast<double>(placed.size());
            if (!gentle || turning > kMostTurning)
                continue;
            // As the straight row's cost, 4 a radian turned, and 10 more than a straight row as near
            // and as steep: a straight name reads more easily, and is kept where it strays up to a
            // millimetre from the centre line (Gaza's "Eastern Gaza City").
            const Point c = path.at(s0 + length / 2);
            const double cost = off_middle_cost(c, middle) + steep_cost(steep) + 4 * turning + 10;
            if (cost >= best.cost)
                continue;
            bool ok = true;
            double x = s0;
            for (const double adv : g.advance) {
                ok = ok && on_zone(path.at(x + adv / 2));
                x += adv;
            }
            for (const Point& badge : path_badges(lc, row, path, s0, g.width))
                ok = ok && on_zone(badge);
            for (const Box& bx : along_path_boxes(path, s0, s0 + length, row.height))
                ok = ok && lc.placer.fits_on_lines(bx.inflated(pad), lc.tf.frame);
            if (ok)
                best = {cost, path, s0};
        }
    }
}

// The curved row set: the name glyph by glyph along `path` from `start` (data "along" = "zone", as
// a straight row), then its claim markers; occupies its place in lc.placer.
std::vector<Item> set_along_curve(LayoutContext& lc, const Zone& z, const std::vector<const Claim*>& claims,
                                  const AlongRow& row, const NameGlyphs& g, const PagePath& path, double start) {
    const double top = row.name.box.miny, bottom = row.name.box.maxy;
    Text name = row.name;
    name.glyphs = glyphs_along(path, start, g, top, bottom, (bottom - top) / 2);
    name.anchor = Anchor::start;
    name.origin = name.glyphs.front().origin;
    Box around{1e18, 1e18, -1e18, -1e18};
    for (const auto& q : text_quads(name))
        for (const Point& p : q)
            around.expand({p.x, p.y, p.x, p.y});
    name.box = around;
    name.upright = around;
    std::vector<Item> out = row_items(lc, z, claims, std::move(name), path_badges(lc, row, path, start, g.width));
    const double length = g.width + row.length - row.name_w;
    for (const Box& bx : along_path_boxes(path, start, start + length, row.height))
        lc.placer.occupy(bx.inflated(0.3 * lc.unit));
    return out;
}

// The room the middle dot between a row's two names takes: its width and a third of an em each side.
double dot_room(const AlongRow& row) {
    return row.dot->box.width() + 2 * row.dot->font.size / 3;
}

} // namespace

AlongRow along_row(const LayoutContext& lc, const Zone& z, const std::vector<const Claim*>& claims,
                   SecondName second) {
    const double u = lc.unit;
    AlongRow row;
    auto text = [&](const std::string& s) {
        Text t = lc.text_at(s, {0, 0}, lc.fonts.zone_label, lc.theme.text, Anchor::middle);
        t.halo = lc.theme.halo;
        t.halo_width = 2.2 * u;
        return t;
    };
    row.name = text(z.name);
    if (const std::string name2 = second != SecondName::none ? second_zone_name(lc, z) : ""; !name2.empty()) {
        row.second = text(name2);
        row.second->lang = lc.options.labels.value_or(lc.project.spec.labels).second;
        if (second == SecondName::after)
            row.dot = text("\u00B7");
    }
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
    row.name_w = row.dot ? row.name.box.width() + dot_room(row) + row.second->box.width()
                         : std::max(row.name.box.width(), row.second ? row.second->box.width() : 0.0);
    row.length = row.name_w + row.gap_name + markers_w;
    // Two lines a line's spacing apart (as a block's, zone_labels.cpp), the badges beside their middle.
    const bool two_lines = row.second && !row.dot;
    const double lines =
        two_lines ? lc.fonts.zone_label.size * 1.22 + row.name.box.height() : row.name.box.height();
    row.height = std::max(lines, 2 * r);
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
    // The name, turned about its origin so that its middle lands on its place in the row; a second
    // line's half a line's spacing under it, the first as far over.
    const double w = row.name_w;
    const Point down{-dir.y, dir.x}; // the row's own downward, on the page
    // `along`: the text's middle from the row's start; `across`, from the row's axis.
    auto set_text = [&](Text& name, double along, double across) {
        const double s = -row.length / 2 + along;
        const Point at{centre.x + dir.x * s + down.x * across, centre.y + dir.y * s + down.y * across};
        const Point mid0{(name.box.minx + name.box.maxx) / 2, (name.box.miny + name.box.maxy) / 2};
        name.origin = {at.x - (mid0.x * dir.x - mid0.y * dir.y), at.y - (mid0.x * dir.y + mid0.y * dir.x)};
        name.box = lc.text.box_of(name);
        turn_text(name, std::atan2(dir.y, dir.x) * 180 / M_PI);
    };
    if (row.dot) { // one line: the name, the dot, the second name
        const double w1 = row.name.box.width(), room = dot_room(row);
        set_text(row.name, w1 / 2, 0);
        set_text(*row.dot, w1 + room / 2, 0);
        set_text(*row.second, w1 + room + row.second->box.width() / 2, 0);
    } else {
        const double half_gap = row.second ? lc.fonts.zone_label.size * 1.22 / 2 : 0;
        set_text(row.name, w / 2, -half_gap);
        if (row.second)
            set_text(*row.second, w / 2, half_gap);
    }
    std::vector<Item> out =
        row_items(lc, z, claims, std::move(row.name), along_row_badges(lc, row, centre, dir),
                  std::move(row.second), std::move(row.dot));
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
                                               const std::vector<const Claim*>& claims, double inscribed_radius,
                                               bool wide) {
    const GeosContext& ctx = *lc.project.geo.ctx;
    // On the band the row needs its own length and a little more: a 2 km strip 80 mm long on a
    // figure holds its 55 mm row, which beside it wants the length twice over (its edge's ends).
    const AlongRow one_line = along_row(lc, z, claims);
    const bool band = long_and_thin(lc, visible, inscribed_radius, one_line, 1.25);
    const double width = 2 * inscribed_radius * lc.tf.scale();
    // A zone wider than the row whose name fits nowhere level inside it is lettered along its axis
    // where the row fits inside it, as a straight row, with its second-language name under it as
    // inside: fit decides, not its shape's ratio. Ghor orchards, 4.5:1 and 10 mm wide at 170 mm, had
    // its name set above it with a 10 mm leader (audit s16 D9). The zone's length on the page (area
    // over width) must hold the row for a row to fit.
    const AlongRow row = band ? one_line : along_row(lc, z, claims, SecondName::under);
    const double pad = 0.6 * lc.unit;
    const bool holds_row = !band && width >= row.height + 2 * pad &&
                           geom::area(ctx, visible) * lc.tf.scale() * lc.tf.scale() / width >= row.length + 2 * pad;
    if (wide ? !holds_row : !band)
        return std::nullopt;
    // A band much thinner than the name's letters would be hidden under them: it is named beside.
    if (width < 0.4 * row.name.box.height())
        return std::nullopt;
    const Box zb = geom::bounds(ctx, visible);
    const Middle middle{lc.tf.to_page({(zb.minx + zb.maxx) / 2, (zb.miny + zb.maxy) / 2}),
                        std::max(1.0, std::hypot(zb.maxx - zb.minx, zb.maxy - zb.miny) / 2 * lc.tf.scale())};
    // The row's axis keeps to the middle of the band: within a third of its width (and half a
    // millimetre) of the centre line all along, so the name reads as the band's, not its neighbour's.
    const double stray = std::max(0.5 * kMm, width / 3);
    const double step = 0.75 * kMm;
    // The band's parts on the page, and their centre lines (samples a third of the band's width apart:
    // each side is seen by the diagram as a side), walked every `step`.
    struct Part {
        GeosGeom area;
        GeosPrepared inside;
        std::vector<std::vector<Point>> walks;
    };
    std::vector<Part> parts;
    for (const std::vector<Ring>& part : geom::polygons(ctx, visible)) {
        const std::vector<Ring> page = lc.to_page(part);
        GeosGeom area = ctx.polygon(page);
        GeosPrepared inside = ctx.prepare(area.get());
        std::vector<std::vector<Point>> walks;
        for (const Ring& axis : centre_lines(ctx, page, std::max(0.3 * kMm, width / 3)))
            walks.push_back(points_every(axis, step));
        parts.push_back({std::move(area), std::move(inside), std::move(walks)});
    }
    // The row's cheapest spot on the band: `whole` inside it (a row with its halo's pad on the zone),
    // else its middle and badges on it; `curves`, also glyph by glyph along a winding centre line.
    auto find = [&](const AlongRow& row, bool whole, bool curves) -> std::optional<std::vector<Item>> {
        const auto half = static_cast<std::size_t>(std::max(1L, std::lround(row.length / 2 / step)));
        RowSpot best;
        // The name may also follow the centre line glyph by glyph: where no stretch runs straight for the
        // row (a winding band on a small page), or where a curved stretch lies flatter.
        const std::optional<NameGlyphs> glyphs =
            curves ? name_glyphs(lc.text, z.name, row.name.font) : std::nullopt;
        CurveSpot curved;
        for (const Part& part : parts) {
            auto on_zone = [&](Point p) {
                const GeosGeom pt = ctx.own(GEOSGeom_createPointFromXY_r(ctx.get(), p.x, p.y), "point");
                return GEOSPreparedContainsProperly_r(ctx.get(), part.inside.get(), pt.get()) == 1;
            };
            auto row_inside = [&](Point c, Point dir) {
                const Point ax{dir.x * (row.length / 2 + pad), dir.y * (row.length / 2 + pad)};
                const Point ay{-dir.y * (row.height / 2 + pad), dir.x * (row.height / 2 + pad)};
                Ring quad;
                for (auto [sx, sy] : {std::pair{-1, -1}, {1, -1}, {1, 1}, {-1, 1}, {-1, -1}})
                    quad.push_back({c.x + sx * ax.x + sy * ay.x, c.y + sx * ax.y + sy * ay.y});
                return GEOSPreparedCovers_r(ctx.get(), part.inside.get(), ctx.polygon({quad}).get()) == 1;
            };
            for (const std::vector<Point>& walk : part.walks) {
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
                    // before steep ones.
                    double cost = off_middle_cost(c, middle) + 10 * off / kMm + steep_cost(dir.y * dir.y);
                    if (cost >= best.cost)
                        continue;
                    bool ok = on_zone(c);
                    for (const Point& badge : along_row_badges(lc, row, c, dir))
                        ok = ok && on_zone(badge);
                    if (ok && whole)
                        ok = row_inside(c, dir); // the whole row, its halo's pad included, on the zone
                    // Over the band's own river or road line (its name knocks the line out, with its
                    // halo), clear of every label, badge and furniture.
                    bool over_line = false;
                    for (const Box& bx : along_boxes(c, dir, row.length, row.height)) {
                        ok = ok && lc.placer.fits_on_lines(bx.inflated(pad), lc.tf.frame);
                        over_line =
                            over_line || (ok && whole && !lc.placer.fits(bx.inflated(pad), lc.tf.frame));
                    }
                    // A zone wide enough to hold its row has room off the line through it: the name
                    // across the road through Ghor orchards hid the road's end there.
                    if (over_line)
                        cost += kOverLineCost;
                    if (ok && cost < best.cost)
                        best = {cost, c, dir};
                }
                if (glyphs)
                    curve_along(lc, row, *glyphs, PagePath(walk), middle, on_zone, curved);
            }
        }
        if (curved.path && curved.cost < best.cost)
            return set_along_curve(lc, z, claims, row, *glyphs, *curved.path, curved.start);
        if (!best.found())
            return std::nullopt;
        return set_along_row(lc, z, claims, row, best.centre, best.dir);
    };
    // A band with a name in a second language carries both, as a wider zone does (h-wadi's buffer zone
    // read in Arabic only, on every page): in two lines where the band holds them, else in one row
    // with a dot between them, else the first alone (glyph by glyph, where the band winds).
    if (band && !second_zone_name(lc, z).empty()) {
        for (const SecondName how : {SecondName::under, SecondName::after}) {
            const AlongRow both = along_row(lc, z, claims, how);
            if (how == SecondName::under && width < both.height + 2 * pad)
                continue;
            if (auto set = find(both, how == SecondName::under, false))
                return set;
        }
    }
    // A curve for a winding band; a wider zone holds a straight row.
    return find(row, holds_row, band);
}

} // namespace citemap

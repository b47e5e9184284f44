// Zone labels with their footnote markers. Inside the zone first, at the pole of inaccessibility
// (GEOS maximum inscribed circle) or on rings around it, narrower wraps tried first. Else beside the
// zone: candidate spots around points sampled along its edge are scored by their distance from the
// zone, the boxes a leader would cross, lying over another zone, and distance from the zone's middle
// (so a long thin zone is labelled beside its middle, not at an arbitrary end). A label further than a
// few millimetres gets a leader that ends on the zone's edge in a small arrowhead, never a dot or ring
// that could pass for a town or a claim badge, never next to a locality dot, nor across a small zone's
// symbol. Dense maps try the name smaller inside, then put only the claim numbers on the map when it
// does not fit; once every zone has its numbers, a second pass sets the missing names beside them
// where room is left (smaller, wrapped, with a short leader), and the rest are in the citation list
// only. A long zone running aslant gets its name inside, turned to its direction; a long thin zone too
// thin for its name gets it along its edge, turned (place_along_zone, at the end of this file), or on
// itself along its centre line (place_on_band, band_labels.cpp). A zone
// whose block fits nowhere inside, even with its name smaller, keeps its badges inside and sets its
// name apart (inside too where it fits, else beside); beside it, a block keeps off the country's land
// that no zone covers and its leader off other zones, as it keeps off other zones itself.
#include "geo/geometry_ops.hpp"
#include "geo/polygon_index.hpp"
#include "layout/layout_context.hpp"
#include "layout/layout_quality.hpp"
#include "layout/nearest_edge.hpp"
#include "sources/utf8.hpp"
#include "text/keep_together.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <numeric>
#include <set>

namespace citemap {

namespace {

constexpr double kMm = 72.0 / 25.4;

struct Block {
    std::vector<Text> lines;
    std::vector<int> markers; // claim numbers
    std::size_t per_row = 0;  // badges in a row (0: all in one); rows centred under each other
    double width = 0, height = 0;
    double line_h = 0; // the name's line spacing, at the size it is set
};

// The badges' rows of a block: `per_row` numbers each, the last row shorter.
std::vector<std::vector<int>> badge_rows(const Block& b) {
    std::vector<std::vector<int>> rows;
    const std::size_t n = b.per_row ? b.per_row : b.markers.size();
    for (std::size_t i = 0; i < b.markers.size(); i += n)
        rows.emplace_back(b.markers.begin() + static_cast<std::ptrdiff_t>(i),
                          b.markers.begin() + static_cast<std::ptrdiff_t>(std::min(i + n, b.markers.size())));
    return rows;
}

// Rows of badges a zone's block is tried with, after one: a district of seven claims, too narrow for
// their row, holds them in two rows under its name rather than set beside it on its neighbour.
constexpr std::size_t kMostBadgeRows = 3;

// Badges in a row of a block set beside its zone; more wrap into rows under it, a block about as tall
// as it is wide. In one row, twenty claims on a town 12 mm across ran 70 mm over the sea to the
// frame's edge, the first badge as far from the town as the next zone (audit s16 D1).
constexpr std::size_t kMostBadgesInRowBeside = 6;

std::size_t rows_beside(std::size_t badges) {
    return std::max<std::size_t>(1, (badges + kMostBadgesInRowBeside - 1) / kMostBadgesInRowBeside);
}

constexpr double kLineGap = 1.22;

// How far (mm) from its nearest part a zone of several parts may have its name between them: further,
// amid the parts of a wide group, it names the ground there.
constexpr double kGroupNameReachMm = 6;
// How far (mm) from its zone the second pass sets a name beside its numbers.
constexpr double kNameOnlyReachMm = 6;
// A crowded map of at most this many labels gets a second pass that names its numbers-only zones beside
// them; a map of hundreds keeps the numbers-and-key strategy (and its time).
constexpr std::size_t kSecondPassLabels = 80;

// No point in common, boundaries included (Box::intersects ignores touching edges; GEOS does not).
bool apart(const Box& a, const Box& b) {
    return a.maxx < b.minx || b.maxx < a.minx || a.maxy < b.miny || b.maxy < a.miny;
}

double marker_radius(const LayoutContext& lc) {
    return lc.fonts.marker.size * 0.78;
}

// Three-digit numbers widen their badge instead of spilling out of it.
double badge_radius(const LayoutContext& lc, int n) {
    const Text t = lc.text_at(std::to_string(n), {0, 0}, lc.fonts.marker, {1, 1, 1, 1}, Anchor::middle);
    return std::max(marker_radius(lc), t.box.width() / 2 + 0.9 * lc.unit);
}

double markers_width(const LayoutContext& lc, const std::vector<int>& markers) {
    double w = 0;
    for (int n : markers)
        w += 2 * badge_radius(lc, n) + 1.2 * lc.unit;
    return markers.empty() ? 0 : w - 1.2 * lc.unit;
}

// The zone label's font, `smaller` times its size but never under kMinZoneLabelPt (a crowded map sets
// names smaller before it leaves zones with their numbers only).
Font zone_font(const LayoutContext& lc, double smaller) {
    Font f = lc.fonts.zone_label;
    if (smaller < 1)
        f.size = std::max(std::min(f.size, kMinZoneLabelPt), f.size * smaller);
    return f;
}

Block zone_block(const LayoutContext& lc, const Zone& z, const std::vector<const Claim*>& claims, double wrap,
                 bool with_name, double smaller = 1, std::size_t rows = 1) {
    Block b;
    const Font font = zone_font(lc, smaller);
    const std::vector<std::string> names =
        with_name ? wrap_name(lc, z.name, font, wrap) : std::vector<std::string>{};
    for (const std::string& line : names) {
        Text t = lc.text_at(line, {0, 0}, font, lc.theme.text, Anchor::middle);
        t.halo = lc.theme.halo;
        t.halo_width = 2.2 * lc.unit;
        b.width = std::max(b.width, t.box.width());
        b.lines.push_back(std::move(t));
    }
    // The second label language under the name, as for localities.
    const std::string name2 = with_name ? second_zone_name(lc, z) : "";
    if (!name2.empty())
        for (const std::string& line : wrap_name(lc, name2, font, wrap)) {
            Text t = lc.text_at(line, {0, 0}, font, lc.theme.text, Anchor::middle);
            t.lang = lc.options.labels.value_or(lc.project.spec.labels).second;
            t.halo = lc.theme.halo;
            t.halo_width = 2.2 * lc.unit;
            b.width = std::max(b.width, t.box.width());
            b.lines.push_back(std::move(t));
        }
    for (const Claim* c : claims)
        b.markers.push_back(c->number);
    if (rows > 1 && b.markers.size() > 1)
        b.per_row = (b.markers.size() + rows - 1) / std::min(rows, b.markers.size());
    const double r = marker_radius(lc);
    const std::vector<std::vector<int>> marker_rows = badge_rows(b);
    for (const std::vector<int>& row : marker_rows)
        b.width = std::max(b.width, markers_width(lc, row));
    const double line_h = b.line_h = font.size * kLineGap;
    const double n_rows = static_cast<double>(marker_rows.size());
    b.height = static_cast<double>(b.lines.size()) * line_h +
               (b.markers.empty() ? 0 : (b.lines.empty() ? 0 : 1.5 * lc.unit) + n_rows * 2 * r + (n_rows - 1) * lc.unit);
    return b;
}

// The claim numbers of the block centred at `c` with their badges' centres, row by row under the name.
std::vector<std::pair<int, Point>> badge_centres(const LayoutContext& lc, const Block& b, Point c) {
    std::vector<std::pair<int, Point>> out;
    // Summed as place_block sets the name's lines, so the badges land where they always did.
    double y = c.y - b.height / 2;
    for (std::size_t k = 0; k < b.lines.size(); ++k)
        y += b.line_h;
    if (!b.lines.empty())
        y += 1.5 * lc.unit;
    const double r = marker_radius(lc);
    double cy = y + r;
    for (const std::vector<int>& row : badge_rows(b)) {
        double x = c.x - markers_width(lc, row) / 2;
        for (int n : row) {
            const double rr = badge_radius(lc, n);
            x += rr;
            out.emplace_back(n, Point{x, cy});
            x += rr + 1.2 * lc.unit;
        }
        cy += 2 * r + lc.unit;
    }
    return out;
}

// Emits the block centred at `c`; returns the items (label when named, then one per marker).
std::vector<Item> place_block(const LayoutContext& lc, const Block& b, Point c, const Zone& z) {
    std::vector<Item> out;
    const double line_h = b.line_h;
    double y = c.y - b.height / 2;
    if (!b.lines.empty()) {
        Item label;
        label.id = lc.id_prefix + "label-" + z.id;
        label.title = z.name;
        for (Text t : b.lines) {
            const double dy = y - t.box.miny + (line_h - t.box.height()) / 2;
            t.origin = {c.x, t.origin.y + dy};
            t.box = lc.text.box_of(t);
            label.parts.emplace_back(std::move(t));
            y += line_h;
        }
        out.push_back(std::move(label));
    }
    for (const auto& [n, centre] : badge_centres(lc, b, c))
        out.push_back(claim_marker(lc, z.id, n, centre));
    return out;
}

Box block_box(const Block& b, Point c) {
    return {c.x - b.width / 2, c.y - b.height / 2, c.x + b.width / 2, c.y + b.height / 2};
}

// The point of the block centred at `c` that a leader to `s` ends on: the nearest of its ink, a name
// line's slot (the line's width, centred, one line high) or a badge's rim. Ended on the block's box, a
// leader to a corner of a wide name over a short row of badges stopped in blank paper, 2 mm short of
// anything (audit s15 D2: the Aiguille hamlet's arrow reached neither its name nor its numbers).
Point ink_end(const LayoutContext& lc, const Block& b, Point c, Point s) {
    Point best = s;
    double best_d = 1e18;
    auto consider = [&](Point q) {
        if (const double d = std::hypot(q.x - s.x, q.y - s.y); d < best_d) {
            best_d = d;
            best = q;
        }
    };
    double y = c.y - b.height / 2;
    for (const Text& t : b.lines) {
        const double half = t.box.width() / 2;
        consider({std::clamp(s.x, c.x - half, c.x + half), std::clamp(s.y, y, y + b.line_h)});
        y += b.line_h;
    }
    for (const auto& [n, centre] : badge_centres(lc, b, c)) {
        const double r = badge_radius(lc, n), d = std::hypot(s.x - centre.x, s.y - centre.y);
        consider(d <= r ? s : Point{centre.x + (s.x - centre.x) * r / d, centre.y + (s.y - centre.y) * r / d});
    }
    return best_d < 1e18 ? best : Point{std::clamp(s.x, c.x - b.width / 2, c.x + b.width / 2),
                                        std::clamp(s.y, c.y - b.height / 2, c.y + b.height / 2)};
}

void occupy_items(LayoutContext& lc, const std::vector<Item>& items, double pad) {
    for (const Item& i : items)
        lc.placer.occupy(bounds_of(i).inflated(pad));
}

// Points along the visible zone's edges, evenly spaced, on the page.
std::vector<Point> edge_samples(const LayoutContext& lc, const GEOSGeometry* visible, int count) {
    const GeosContext& ctx = *lc.project.geo.ctx;
    std::vector<Ring> rings;
    for (auto& poly : geom::polygons(ctx, visible))
        if (!poly.empty())
            rings.push_back(poly.front());
    double total = 0;
    for (const Ring& r : rings)
        for (std::size_t i = 1; i < r.size(); ++i)
            total += std::hypot(r[i].x - r[i - 1].x, r[i].y - r[i - 1].y);
    std::vector<Point> out;
    if (total <= 0)
        return out;
    const double step = total / count;
    double next = step / 2, run = 0;
    for (const Ring& r : rings)
        for (std::size_t i = 1; i < r.size(); ++i) {
            const double len = std::hypot(r[i].x - r[i - 1].x, r[i].y - r[i - 1].y);
            while (len > 0 && next <= run + len) {
                const double t = (next - run) / len;
                out.push_back(lc.tf.to_page({r[i - 1].x + (r[i].x - r[i - 1].x) * t,
                                             r[i - 1].y + (r[i].y - r[i - 1].y) * t}));
                next += step;
            }
            run += len;
        }
    return out;
}

double nearest_dot(const LayoutContext& lc, Point p) {
    double d = 1e18;
    for (const Point& q : lc.locality_dots)
        d = std::min(d, std::hypot(p.x - q.x, p.y - q.y));
    return d;
}

// The least distance from a locality's dot to the segment from `a` to `b` (page points).
double nearest_dot_to(const LayoutContext& lc, Point a, Point b) {
    double d = 1e18;
    for (const Point& q : lc.locality_dots)
        d = std::min(d, point_segment_distance(q, a, b));
    return d;
}

} // namespace

// A leader from `end` ending on its zone's edge at `tip`: the line, then a small arrowhead pointing into
// the zone. The open ring it ended in before read as a town (an atlas's open circle is a village) or as
// an open claim badge that had lost its number; an arrowhead is neither. The line stops inside the
// arrowhead, so its round cap does not blunt the point. The line comes first: the checks read it there.
void add_leader_parts(const LayoutContext& lc, Item& li, Point end, Point tip, bool arrow) {
    const double u = lc.unit;
    const double len = std::hypot(tip.x - end.x, tip.y - end.y);
    const Point d = len > 0 ? Point{(tip.x - end.x) / len, (tip.y - end.y) / len} : Point{1, 0};
    const double l = std::min(3.2 * u, 0.6 * len), w = 1.15 * u;
    const Point base{tip.x - d.x * l, tip.y - d.y * l};
    const Point stop = arrow ? Point{tip.x - d.x * l * 0.5, tip.y - d.y * l * 0.5} : tip;
    li.parts.emplace_back(Shape{{{end, stop}}, false, std::nullopt, Stroke{lc.theme.text, 0.6 * u, {}, true}});
    if (arrow)
        li.parts.emplace_back(Shape{{{tip, {base.x - d.y * w, base.y + d.x * w}, {base.x + d.y * w, base.y - d.x * w}}},
                                    true,
                                    Fill{lc.theme.text, {}},
                                    std::nullopt});
}

namespace {

// Whether a leader from `end` to the anchor `s` on the zone's edge runs across the zone itself.
bool leader_crosses(const LayoutContext& lc, const GEOSPreparedGeometry* zone, Point end, Point s) {
    const GeosContext& ctx = *lc.project.geo.ctx;
    for (double t : {0.25, 0.5, 0.75}) {
        const Point w = lc.tf.to_world(Point{end.x + (s.x - end.x) * t, end.y + (s.y - end.y) * t});
        GeosGeom pt(GEOSGeom_createPointFromXY_r(ctx.get(), w.x, w.y), GeosDeleter{ctx.get()});
        if (GEOSPreparedContains_r(ctx.get(), zone, pt.get()) == 1)
            return true;
    }
    return false;
}

double segment_gap(Point a, Point b, Point c, Point d) {
    if (segments_cross(a, b, c, d))
        return 0;
    return std::min({point_segment_distance(a, c, d), point_segment_distance(b, c, d), point_segment_distance(c, a, b),
                     point_segment_distance(d, a, b)});
}

} // namespace

// Whether a leader from a label's edge `end` to its anchor `s` may be drawn: it passes through nothing
// placed (labels, numbers, towns, furniture) and keeps a millimetre from every leader drawn before, so
// no two leaders cross or meet (check_leaders holds the page to it).
bool leader_clear(const LayoutContext& lc, Point end, Point s) {
    if (lc.placer.crosses(end, s))
        return false;
    // Leaders whose boxes lie more than the gap apart cannot come within it: on a 1000-zone page most
    // of the hundreds of leaders are skipped without computing distances. The margin keeps the answer
    // exactly segment_gap's, rounding included.
    const double gap = 1.0 * kMm, far = gap * (1 + 1e-9) + 1e-9;
    const double x0 = std::min(end.x, s.x), x1 = std::max(end.x, s.x);
    const double y0 = std::min(end.y, s.y), y1 = std::max(end.y, s.y);
    for (const auto& l : lc.leader_lines) {
        if (std::min(l[0].x, l[1].x) - x1 > far || x0 - std::max(l[0].x, l[1].x) > far ||
            std::min(l[0].y, l[1].y) - y1 > far || y0 - std::max(l[0].y, l[1].y) > far)
            continue;
        if (segment_gap(end, s, l[0], l[1]) < gap)
            return false;
    }
    return true;
}

namespace {

// {cos, sin} of k * pi / N for k < 2N, computed once: the label searches ask for them for every
// candidate position (the same values as computing them there).
template <int N>
const std::array<Point, 2 * N>& directions() {
    static const std::array<Point, 2 * N> table = [] {
        std::array<Point, 2 * N> t{};
        for (int k = 0; k < 2 * N; ++k) {
            const double a = k * M_PI / N;
            t[static_cast<std::size_t>(k)] = {std::cos(a), std::sin(a)};
        }
        return t;
    }();
    return table;
}

// The centre of a block set `d` beyond an edge point `s` in direction k (of 8, from east clockwise on
// the page): the block's nearest edge lies d from the sample, along the direction.
Point beside(const Block& b, Point s, double d, int k) {
    const auto [ca, sa] = directions<4>()[static_cast<std::size_t>(k)];
    const double reach = std::min(std::abs(ca) > 1e-9 ? b.width / 2 / std::abs(ca) : 1e18,
                                  std::abs(sa) > 1e-9 ? b.height / 2 / std::abs(sa) : 1e18);
    return {s.x + (d + reach) * ca, s.y + (d + reach) * sa};
}

// The zones a label set beside one zone could be mistaken for: those within `reach` (map units) of
// it, leaving out the ones it overlaps or lies in (the nesting tells them apart), a hole of theirs
// included: an enclave drawn as the hole of the forest round it is named on the forest as a nested
// zone is on its district (audit s18 D3: "Holm" was led 14.5 mm across the forest, set below it).
// Zones that only share a border (hand-drawn neighbours overlap by a sliver) are neighbours: a name
// set across the border reads as the other zone's.
struct Neighbours {
    std::vector<GeosPrepared> prepared; // one per zone of the project, in order
    std::vector<Box> boxes;
    std::vector<char> empty; // GEOS measures an empty zone as at distance 0: its box says nothing
    double reach = 0;
    // `wider`: map units beyond `reach`, for labels set further off with a leader.
    // `all`: the project's zones in order (callers list every zone), so whether two overlap is the
    // project's kept answer (zones_overlap(geo, ...)).
    std::vector<std::size_t> of(const Geography& geo, const std::vector<const Zone*>& all, std::size_t i,
                                double wider = 0) const {
        const GeosContext& ctx = *geo.ctx;
        std::vector<std::size_t> out;
        const Box near = boxes[i].inflated(reach + wider);
        for (std::size_t j = 0; j < all.size(); ++j)
            if (j != i && near.intersects(boxes[j]) &&
                !(boxes[j].contains(boxes[i]) && lies_in_hole(ctx, all[i]->geom.get(), all[j]->geom.get())) &&
                (!meets(ctx, all, i, j) ||
                 !(i < geo.zones.size() && j < geo.zones.size() && all[i] == &geo.zones[i] && all[j] == &geo.zones[j]
                       ? zones_overlap(geo, i, j)
                       : zones_overlap(ctx, all[i]->geom.get(), all[j]->geom.get()))))
                out.push_back(j);
        return out;
    }
    // Whether zones i and j meet, asked of GEOS once (of() asks each zone's neighbours for the near and
    // the far reach alike); zones whose envelopes are apart (closed boxes: a touch is a meeting) do not.
    bool meets(const GeosContext& ctx, const std::vector<const Zone*>& all, std::size_t i, std::size_t j) const {
        const Box &a = boxes[i], &b = boxes[j];
        if (a.maxx < b.minx || b.maxx < a.minx || a.maxy < b.miny || b.maxy < a.miny)
            return false;
        const auto [it, added] = meets_.try_emplace({i, j}, false);
        if (added)
            it->second = GEOSPreparedIntersects_r(ctx.get(), prepared[j].get(), all[i]->geom.get()) == 1;
        return it->second;
    }

  private:
    mutable std::map<std::pair<std::size_t, std::size_t>, bool> meets_;
};

Neighbours neighbours(const LayoutContext& lc, const std::vector<const Zone*>& all, double reach_pt) {
    const GeosContext& ctx = *lc.project.geo.ctx;
    Neighbours n;
    n.reach = reach_pt / lc.tf.scale();
    for (const Zone* z : all) {
        n.prepared.push_back(ctx.prepare(z->geom.get()));
        n.boxes.push_back(geom::bounds(ctx, z->geom.get()));
        n.empty.push_back(geom::is_empty(ctx, z->geom.get()));
    }
    return n;
}

// Whether a label at `g` (map units), set beside its zone without a leader, lies so near another zone
// that it reads as that zone's: the layout-quality rule (ambiguity_margin), with a little to spare
// for the outlines' generalisation on the page.
bool ambiguous(const LayoutContext& lc, const GEOSPreparedGeometry* own, const Neighbours& n,
               const std::vector<std::size_t>& near, const GEOSGeometry* g) {
    const GeosContext& ctx = *lc.project.geo.ctx;
    const double scale = lc.tf.scale();
    double own_d = 0;
    if (GEOSPreparedDistance_r(ctx.get(), own, g, &own_d) != 1)
        return true;
    const double limit = (ambiguity_margin(own_d * scale + 0.1 * kMm) + 0.3 * kMm) / scale;
    // A zone is at least as far from the label as its envelope is: one whose envelope lies beyond
    // the limit (with a margin over GEOS's rounding) cannot make it ambiguous, and is not measured.
    const Box gb = geom::bounds(ctx, g);
    for (std::size_t j : near) {
        const Box& zb = n.boxes[j];
        // A zone under 1.5 mm on the page is drawn as a square of that size (map_layers.cpp), which
        // reaches nearer the label than its shape does.
        const double square = std::max(zb.width(), zb.height()) * scale < 1.5 * kMm ? (0.75 * kMm + 0.2) / scale : 0;
        const double dx = std::max({0.0, zb.minx - gb.maxx, gb.minx - zb.maxx});
        const double dy = std::max({0.0, zb.miny - gb.maxy, gb.miny - zb.maxy});
        if (!n.empty[j] && std::hypot(dx, dy) - square > limit * (1 + 1e-9) + 1e-9)
            continue;
        double d = 0;
        if (GEOSPreparedDistance_r(ctx.get(), n.prepared[j].get(), g, &d) == 1 && d - square < limit)
            return true;
    }
    return false;
}

// The largest polygon of a zone's visible area; the other polygons go to `others`.
GeosGeom largest_part(const GeosContext& ctx, const GEOSGeometry* g, std::vector<GeosGeom>& others) {
    std::vector<GeosGeom> parts;
    for (const auto& rings : geom::polygons(ctx, g))
        if (!rings.empty())
            parts.push_back(ctx.polygon(rings));
    if (parts.size() < 2)
        return ctx.own(GEOSGeom_clone_r(ctx.get(), g), "clone");
    std::size_t best = 0;
    double best_area = -1;
    for (std::size_t i = 0; i < parts.size(); ++i)
        if (const double a = geom::area(ctx, parts[i].get()); a > best_area) {
            best_area = a;
            best = i;
        }
    for (std::size_t i = 0; i < parts.size(); ++i)
        if (i != best)
            others.push_back(std::move(parts[i]));
    return std::move(parts[best]);
}

// The other parts of a zone labelled on its largest part. The parts within a leader's length of the
// largest, or of a part that is (an island group), share its fill and its one name: nothing is added
// to them. A leader to each islet drew a spider of arrows around the group's name. The other parts
// form groups the same way, and each such group (an exclave, a far cluster of parcels) carries one copy
// of the zone's claim numbers, on or by its largest part that has room ("partmark-" items: the
// claim's marker proper stays with the name). Two leader lengths chained e-nordland's three strips,
// 30-45 mm apart on the page, into one group named by one strip alone, and A4 and 170 mm badged
// different strips; one copy a part rather than a group set 17 copies of "1 2 3" over g-dolina's
// 30 parcels at 90 mm (audit s16 D8). The copy goes on the part where it fits inside it, else
// against it, on no zone but its own and those holding it (`off_others`, a box on the page): set by
// the part's box alone, the second tip of a zone over two horns of a crescent had its number on the
// neighbouring horn (audit s12 D1). A group with no such spot carries no number: on another zone, it
// would read as that zone's claim.
void link_other_parts(LayoutContext& lc, const Zone& z, const std::vector<const Claim*>& claims,
                      const GEOSGeometry* largest, const std::vector<GeosGeom>& parts, double max_leader,
                      Layer& markers, const std::function<bool(const Box&)>& off_others) {
    const GeosContext& ctx = *lc.project.geo.ctx;
    const double u = lc.unit;
    const double reach = max_leader / lc.tf.scale();
    // The groups: the named one grown from the largest part, then one from each part left over in
    // file order, a part at a time while one lies within reach of the group.
    std::vector<Box> env;
    for (const GeosGeom& part : parts)
        env.push_back(geom::bounds(ctx, part.get()));
    constexpr int kNamed = 0, kNone = -1;
    std::vector<int> group_of(parts.size(), kNone);
    auto grow = [&](int id, std::vector<std::pair<const GEOSGeometry*, Box>> members) {
        for (bool grew = true; grew;) {
            grew = false;
            for (std::size_t k = 0; k < parts.size(); ++k)
                for (std::size_t g = 0; g < members.size() && group_of[k] == kNone; ++g) {
                    // DistanceWithin stops at the first pair of facets in reach: a full distance between
                    // the parts of a 164 k-vertex shore zone made its check 35 % slower.
                    if (env[k].inflated(reach).intersects(members[g].second) &&
                        GEOSDistanceWithin_r(ctx.get(), parts[k].get(), members[g].first, reach) == 1) {
                        group_of[k] = id;
                        members.emplace_back(parts[k].get(), env[k]);
                        grew = true;
                    }
                }
        }
    };
    grow(kNamed, {{largest, geom::bounds(ctx, largest)}});
    int groups = 1;
    for (std::size_t k = 0; k < parts.size(); ++k)
        if (group_of[k] == kNone) {
            group_of[k] = groups;
            grow(groups++, {{parts[k].get(), env[k]}});
        }
    // Each far group's parts, largest first: its copy of the numbers goes on the first that has room.
    std::vector<double> area(parts.size());
    for (std::size_t k = 0; k < parts.size(); ++k)
        area[k] = geom::area(ctx, parts[k].get());
    std::vector<std::size_t> order(parts.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return area[a] > area[b]; });
    std::vector<char> marked(static_cast<std::size_t>(groups), 0);
    const Block row = zone_block(lc, z, claims, 0, false);
    for (const std::size_t i : order) {
        const GeosGeom& part = parts[i];
        const int k = static_cast<int>(i) + 1;
        if (group_of[i] == kNamed || marked[static_cast<std::size_t>(group_of[i])])
            continue;
        // Too far for a leader: the numbers again, on the part or against it.
        const GeosPrepared on_part = ctx.prepare(part.get());
        auto meets_part = [&](const Box& bb, bool covered) {
            const GeosGeom wb = ctx.box(lc.tf.to_world(bb));
            return (covered ? GEOSPreparedCovers_r(ctx.get(), on_part.get(), wb.get())
                            : GEOSPreparedIntersects_r(ctx.get(), on_part.get(), wb.get())) == 1;
        };
        std::optional<Point> spot;
        const Point inner = lc.tf.to_page(geom::max_inscribed_circle(ctx, part.get(), 1.0 / lc.tf.scale()).centre);
        if (const Box bb = block_box(row, inner);
            lc.placer.fits(bb.inflated(0.6 * u), lc.tf.frame) && meets_part(bb, true) && off_others(bb))
            spot = inner;
        // Else against its edge (the badges' edge 0.9 mm from it), nearest the part's middle.
        double best = 1e18;
        for (const Point& s : spot ? std::vector<Point>{} : edge_samples(lc, part.get(), 16))
            for (int dir = 0; dir < 8; ++dir) {
                const Point at = beside(row, s, 0.9 * kMm, dir);
                const Box bb = block_box(row, at);
                const double cost = std::hypot(at.x - inner.x, at.y - inner.y);
                if (cost >= best || !lc.placer.fits(bb.inflated(0.6 * u), lc.tf.frame) || meets_part(bb, false) ||
                    !off_others(bb))
                    continue;
                best = cost;
                spot = at;
            }
        if (!spot)
            continue;
        for (const auto& [n, centre] : badge_centres(lc, row, *spot)) {
            Item m = claim_marker(lc, z.id, n, centre);
            m.id = lc.id_prefix + "partmark-" + z.id + "-" + std::to_string(k) + "-" + std::to_string(n);
            markers.items.push_back(std::move(m));
        }
        lc.placer.occupy(block_box(row, *spot).inflated(0.5 * u));
        marked[static_cast<std::size_t>(group_of[i])] = 1;
    }
}

} // namespace

bool names_crowd(const LayoutContext& lc) {
    const Project& p = lc.project;
    const GeosContext& ctx = *p.geo.ctx;
    constexpr std::size_t kLeastCrowded = 5;
    std::vector<const Zone*> all;
    std::vector<std::size_t> claimed; // the zones with claims and a shape: the only ones counted
    for (const Zone& z : p.geo.zones) {
        if (!p.claims_of(z.id).empty() && !geom::is_empty(ctx, z.geom.get()))
            claimed.push_back(all.size());
        all.push_back(&z);
    }
    // Made when a name first goes beside its zone: a map whose first zones hold their names is
    // decided without it.
    std::optional<Neighbours> n;
    std::size_t labelled = 0, crowded = 0;
    for (std::size_t at = 0; at < claimed.size(); ++at) {
        // Once the zones left cannot make five crowded, the answer is no: the rest of the circles
        // and spots are not computed here (place_zone_labels asks for those it needs; a circle
        // found here or there is the same). Gaza's first zone holds its name on every page.
        if (crowded + (claimed.size() - at) < kLeastCrowded)
            return false;
        const std::size_t i = claimed[at];
        const Zone& z = *all[i];
        const auto claims = p.claims_of(z.id);
        const GEOSGeometry* visible = lc.visible_part(i);
        const Box zb = geom::bounds(ctx, visible);
        if (geom::is_empty(ctx, visible) || std::max(zb.width(), zb.height()) * lc.tf.scale() < 4 * kMm)
            continue; // too small to see: a detail inset or an exaggerated symbol carries it
        ++labelled;
        const geom::Circle mic = lc.visible_circle(i);
        const Point c = lc.tf.to_page(mic.centre);
        GeosPrepared inside = ctx.prepare(visible);
        bool fits = false;
        for (std::size_t rows = 1; rows <= kMostBadgeRows && !fits; ++rows)
            for (double wrap : {95.0, 72.0, 56.0}) {
                if (rows > 1 && rows > claims.size())
                    break;
                const Block b = zone_block(lc, z, claims, wrap * lc.unit, true, 1, rows);
                GeosGeom wb = ctx.box(lc.tf.to_world(block_box(b, c).inflated(1.2 * lc.unit)));
                if ((fits = GEOSPreparedCovers_r(ctx.get(), inside.get(), wb.get()) == 1))
                    break;
            }
        if (fits)
            continue;
        // The name goes beside the zone: crowded when no spot there, free of other labels or not,
        // is clear of the other zones (the spots search_outside tries without a leader).
        const Block b = zone_block(lc, z, claims, 95 * lc.unit, true);
        if (!n)
            n = neighbours(lc, all, 60 * lc.unit);
        const std::vector<std::size_t> others = n->of(p.geo, all, i);
        bool clear = false;
        for (const Point& sample : edge_samples(lc, visible, 24)) {
            for (int k = 0; k < 8 && !clear; ++k) {
                GeosGeom wb = ctx.box(lc.tf.to_world(block_box(b, beside(b, sample, 0.9 * kMm, k))));
                clear = GEOSPreparedIntersects_r(ctx.get(), inside.get(), wb.get()) != 1 &&
                        !ambiguous(lc, inside.get(), *n, others, wb.get());
            }
            if (clear)
                break;
        }
        crowded += clear ? 0 : 1;
    }
    return crowded >= kLeastCrowded && 4 * crowded >= labelled;
}

void place_zone_labels(LayoutContext& lc, Layer& labels, Layer& markers, Layer& leaders) {
    const Project& p = lc.project;
    const GeosContext& ctx = *p.geo.ctx;
    const Box frame = lc.tf.frame;
    const double u = lc.unit;
    std::vector<const Zone*> zones;
    for (const Zone& z : p.geo.zones)
        if (lc.labels_zone(z.id))
            zones.push_back(&z);
    // Small zones first: they have the fewest good places.
    std::stable_sort(zones.begin(), zones.end(), [&](const Zone* a, const Zone* b) {
        return geom::area(ctx, a->geom.get()) < geom::area(ctx, b->geom.get());
    });
    const double pad = 1.2 * u;
    std::vector<const GEOSGeometry*> zone_shapes;
    for (const Zone& z : p.geo.zones)
        zone_shapes.push_back(z.geom.get());
    const PolygonIndex zones_index(ctx, zone_shapes); // all zones, as their union
    const Box all_env = zones_index.envelope().value_or(Box{-1e300, -1e300, 1e300, 1e300});
    // The landmasses: a name set on another island than its zone's reads as that island's whatever its
    // leader says ("Casi Island" and its number on the unclaimed island beside Casi, with a 3 mm arrow;
    // audit-8-s8 defect 4). They are the polygons of the union of the land and outline layers (a
    // country beside the mapped area is the same land), and then each polygon of each of their
    // features (Geography::land_polygons) that overlaps a zone without the zone lying on it: in the
    // union, an unclaimed island overlapping two claimed ones merged with both, and Lanu's and Casi's
    // names went onto it (audit-8-s10).
    struct LandPart {
        const GEOSGeometry* geom;
        Box env;
        GeosPrepared prepared; // made on first use
        std::size_t polygon;   // its index in land_polygons(), or npos for a part of the union
    };
    // Past kLandmassesUpToVertices the land is taken as one landmass, as before the rule existed.
    constexpr std::size_t kUnionPart = std::numeric_limits<std::size_t>::max();
    std::vector<LandPart> land_parts;
    if (const GEOSGeometry* land = p.geo.vertices_of({LayerRole::land, LayerRole::outline}) <= kLandmassesUpToVertices
                                       ? p.geo.kept_union(Geography::Kept::land_and_outline)
                                       : nullptr;
        land && !geom::is_empty(ctx, land)) {
        for (int k = 0; k < GEOSGetNumGeometries_r(ctx.get(), land); ++k)
            if (const GEOSGeometry* part = GEOSGetGeometryN_r(ctx.get(), land, k); !geom::is_empty(ctx, part))
                land_parts.push_back({part, geom::bounds(ctx, part), GeosPrepared(nullptr, {ctx.get()}), kUnionPart});
        // One drawn polygon is the union itself: nothing to tell apart, and measuring each zone on a
        // detailed coast cost seconds (the 164k-vertex shore bench: check 1.7 -> 3.7 s).
        const auto& polygons = p.geo.land_polygons();
        for (std::size_t k = 0; polygons.size() > 1 && k < polygons.size(); ++k)
            land_parts.push_back({polygons[k], geom::bounds(ctx, polygons[k]), GeosPrepared(nullptr, {ctx.get()}), k});
    }
    auto land_meets = [&](std::size_t j, const Box& wbox, const GEOSGeometry* box) {
        LandPart& lp = land_parts[j];
        if (!lp.prepared)
            lp.prepared = ctx.prepare(lp.geom);
        return box_meets(ctx, lp.prepared.get(), lp.geom, wbox, box);
    };
    // The mapped country's land that no zone covers (in an outline layer's feature and in no zone): a
    // name or badge set there reads as naming that land, as on another zone ("Western Nalevu" and its
    // badge on the white half of its island, 13 mm from its zone; audit s13 D1). A block counts as on
    // it when a fifth of a 5 x 3 grid of points over the block lies on it: a block at sea that grazes
    // the coast does not. Points, not the land's difference with the zones: that overlay on a detailed
    // coast cost a third more of the 164k-vertex shore bench's render.
    struct OutlinePart {
        const GEOSGeometry* geom;
        Box env;
        GeosPrepared prepared; // made on first use
    };
    std::vector<OutlinePart> outline_parts;
    if (!lc.only && p.geo.vertices_of({LayerRole::outline}) <= kLandmassesUpToVertices)
        for (const BaseLayer& bl : p.geo.layers)
            for (std::size_t f = 0; bl.spec.role == LayerRole::outline && f < bl.features.size(); ++f)
                if (const GEOSGeometry* g = bl.features[f].geom.get(); g && !geom::is_empty(ctx, g))
                    outline_parts.push_back({g, geom::bounds(ctx, g), GeosPrepared(nullptr, {ctx.get()})});
    auto on_unclaimed = [&](const Box& wbox) {
        int on = 0;
        for (int i = 0; i < 5; ++i)
            for (int j = 0; j < 3; ++j) {
                const double x = wbox.minx + wbox.width() * (i + 0.5) / 5, y = wbox.miny + wbox.height() * (j + 0.5) / 3;
                const Box at{x, y, x, y};
                const GeosGeom pt = ctx.own(GEOSGeom_createPointFromXY_r(ctx.get(), x, y), "point");
                const bool land = std::any_of(outline_parts.begin(), outline_parts.end(), [&](OutlinePart& part) {
                    if (!part.env.contains(at))
                        return false;
                    if (!part.prepared)
                        part.prepared = ctx.prepare(part.geom);
                    return GEOSPreparedContains_r(ctx.get(), part.prepared.get(), pt.get()) == 1;
                });
                on += land && !zones_index.intersects(at, [&] { return pt.get(); });
            }
        return on >= 3;
    };
    // Leaders stay short (a few centimetres, less on a small figure: max_leader_length), shorter still
    // on a dense map, where many run side by side.
    const double max_leader = std::min(max_leader_length(frame), (lc.dense ? 22 : kMaxLeaderMm) * kMm);
    std::vector<const Zone*> everyone;
    for (const Zone& z : p.geo.zones)
        everyone.push_back(&z);
    // A label beside its zone without a leader reaches at most a wrapped block's size from it.
    const Neighbours around = neighbours(lc, everyone, 60 * u);
    std::vector<double> areas;
    for (const Zone* z : everyone)
        areas.push_back(geom::area(ctx, z->geom.get()));
    // The small zones drawn on a zone (nested in it, or overlapping it, under 15 mm on the page), and
    // any zone drawn over it that runs out of it (a corridor across districts): its name set inside
    // must leave them clear, or it reads as theirs and hides them. A zone too small to see counts as
    // the square drawn for it (map_layers.cpp).
    auto drawn_over = [&](std::size_t j, std::size_t i) {
        return lc.draw_rank.size() == everyone.size() && lc.draw_rank[j] > lc.draw_rank[i];
    };
    // `large`: where given, gets the large nested zones a name may cross (below), which its badges may not.
    auto inner_zones = [&](std::size_t i, const Box& env, std::vector<const GEOSGeometry*>* large = nullptr) -> GeosGeom {
        std::vector<GeosGeom> shapes;
        for (std::size_t j = 0; j < everyone.size(); ++j) {
            if (j == i || (areas[j] >= areas[i] && !drawn_over(j, i)) || around.empty[j] ||
                !env.intersects(around.boxes[j]) || p.claims_of(everyone[j]->id).empty() ||
                !around.meets(ctx, everyone, i, j) ||
                !zones_overlap(p.geo, *everyone[i], *everyone[j]))
                continue;
            const Box& jb = around.boxes[j];
            const bool runs_out = drawn_over(j, i) && !env.contains(jb);
            if (!runs_out && std::max(jb.width(), jb.height()) * lc.tf.scale() > 15 * kMm) {
                // A large nested zone takes a name across its outline as a country does a river.
                if (large)
                    large->push_back(everyone[j]->geom.get());
                continue;
            }
            const double half = 0.75 * kMm / lc.tf.scale();
            if (std::max(jb.width(), jb.height()) * lc.tf.scale() < 1.5 * kMm) {
                const Point m{(jb.minx + jb.maxx) / 2, (jb.miny + jb.maxy) / 2};
                shapes.push_back(ctx.box({m.x - half, m.y - half, m.x + half, m.y + half}));
            } else {
                shapes.push_back(ctx.clone(everyone[j]->geom.get()));
            }
        }
        if (shapes.empty())
            return nullptr;
        std::vector<const GEOSGeometry*> parts;
        for (const GeosGeom& g : shapes)
            parts.push_back(g.get());
        return geom::union_all(ctx, parts);
    };
    // Small zones on the page (under 4 mm, or the square drawn for one under 1.5 mm): a leader run
    // across one hides it and sits on the spot its own leader must start from (a leader through a
    // 1 km rock left the rock beside it no way out: its numbers found no spot).
    std::vector<Box> small_zone_boxes(everyone.size(), Box{1, 1, 0, 0});
    for (std::size_t j = 0; j < everyone.size(); ++j) {
        if (around.empty[j])
            continue;
        const Box& jb = around.boxes[j];
        const Point a = lc.tf.to_page({jb.minx, jb.maxy}), b = lc.tf.to_page({jb.maxx, jb.miny});
        Box pb{a.x, a.y, b.x, b.y};
        if (std::max(pb.width(), pb.height()) >= 4 * kMm || !frame.intersects(pb))
            continue;
        const Point m{(a.x + b.x) / 2, (a.y + b.y) / 2};
        pb.expand({m.x - 0.75 * kMm, m.y - 0.75 * kMm, m.x + 0.75 * kMm, m.y + 0.75 * kMm});
        small_zone_boxes[j] = pb.inflated(0.3 * kMm);
    }
    std::vector<std::size_t> small_zones; // those with a box above, in order
    for (std::size_t j = 0; j < small_zone_boxes.size(); ++j)
        if (small_zone_boxes[j].minx <= small_zone_boxes[j].maxx)
            small_zones.push_back(j);
    auto over_small_zone = [&](Point a, Point b, std::size_t own) {
        for (std::size_t j : small_zones)
            if (j != own && segment_meets_box(a, b, small_zone_boxes[j]))
                return true;
        return false;
    };
    auto draw_leader = [&](const Zone& z, const Block& b, Point at, Point anchor, bool bare_anchor) {
        const Point end = ink_end(lc, b, at, anchor);
        Item li;
        li.id = lc.id_prefix + "leader-" + z.id;
        li.data = {{"anchor", bare_anchor ? "line-end" : "edge"}};
        add_leader_parts(lc, li, end, anchor, !bare_anchor);
        leaders.items.push_back(std::move(li));
        lc.placer.occupy_line(end, anchor, 0.8 * u);
        lc.leader_lines.push_back({end, anchor});
    };
    // Whether a zone's largest visible part covers a box (map units), as fits_inside asks GEOS: the
    // same blocks are tried at the same spots again in later passes and attempts (a third of Gaza's
    // questions), and the answer depends on the zone and the box alone.
    std::map<std::pair<std::size_t, std::array<double, 4>>, bool> covers_known;
    // Zones whose numbers went on the map without their name (a dense map), each with whether the
    // numbers are at a leader's end: a second pass sets the name inside or beside them when there is
    // room (name_only), only inside for those led (a second leader to one zone read as two places).
    std::vector<std::pair<const Zone*, bool>> numbers_only;
    bool led_numbers = false; // in the second pass: the zone's numbers are at a leader's end
    std::vector<const Zone*> set_on_other; // zones whose label went on another zone or island
    bool name_only = false; // the second pass: the claims are on the map, the name is sought alone
    bool names_off = false; // a dense map whose zones mostly cannot hold their names: numbers only, all
    auto place_one = [&](const Zone* z) -> bool {
        const auto claims = name_only ? std::vector<const Claim*>{} : p.claims_of(z->id);
        if ((claims.empty() && !name_only) || geom::is_empty(ctx, z->geom.get()))
            return true;
        const std::size_t index = static_cast<std::size_t>(z - &p.geo.zones.front());
        const GEOSGeometry* visible_all = lc.visible_part(index);
        if (geom::is_empty(ctx, visible_all))
            return true;
        // A zone of several parts is labelled on its largest part, or beside it; the parts near it
        // (an island group) take that one name, and those far off their numbers again after it is
        // placed (link_other_parts). A name between the parts reads as no part's.
        std::vector<GeosGeom> other_parts;
        GeosGeom visible = largest_part(ctx, visible_all, other_parts);
        // One part: `visible` is a copy of the visible part, whose circle names_crowd has mostly found.
        const geom::Circle mic = other_parts.empty() ? lc.visible_circle(index)
                                                     : geom::max_inscribed_circle(ctx, visible.get(), 1.0 / lc.tf.scale());
        const Point c = lc.tf.to_page(mic.centre);
        GeosPrepared inside = ctx.prepare(visible.get());
        const std::vector<std::size_t> near = around.of(p.geo, everyone, index);
        // The zones a label with a leader could land on, other than the ones holding or overlapping this one.
        const std::vector<std::size_t> foreign = around.of(p.geo, everyone, index, max_leader / lc.tf.scale());
        // Whether a box on the page lies on none of them (a part's copy of the numbers, link_other_parts).
        auto off_foreign = [&](const Box& bb) {
            const Box wbox = lc.tf.to_world(bb);
            const GeosGeom wb = ctx.box(wbox);
            return std::none_of(foreign.begin(), foreign.end(), [&](std::size_t j) {
                return !apart(wbox, around.boxes[j]) &&
                       box_meets(ctx, around.prepared[j].get(), everyone[j]->geom.get(), wbox, wb.get());
            });
        };
        // The landmasses within a leader's reach that the zone does not lie on (none on a map of one
        // landmass, or of a zone at sea): the union's polygons it does not meet, and the drawn polygons
        // it overlaps (by more than a sliver) without lying on them. A zone (nearly) all on one polygon
        // lies on that one and on any other it covers half of: an unclaimed island overlapping Casi's
        // edge, or holding its middle, is another island. A zone across several (a district over two
        // tiles of the land layer) lies on each that holds a quarter of it, and on the one holding most.
        std::vector<std::size_t> other_land;
        if (land_parts.size() > 1) {
            const Box reach = geom::bounds(ctx, visible_all).inflated((max_leader + 60 * u) / lc.tf.scale());
            const double area = geom::area(ctx, z->geom.get());
            std::vector<std::pair<std::size_t, double>> meeting; // drawn polygon (land_parts index), the zone's area on it
            double most = 0;
            for (std::size_t j = 0; j < land_parts.size(); ++j) {
                if (!reach.intersects(land_parts[j].env))
                    continue;
                if (land_parts[j].polygon == kUnionPart) {
                    if (!geom::intersects(ctx, land_parts[j].geom, visible_all))
                        other_land.push_back(j);
                } else if (const double common = p.geo.area_on_land(index, land_parts[j].polygon); common > 0) {
                    meeting.emplace_back(j, common);
                    most = std::max(most, common);
                }
            }
            const bool one_island = area > 0 && most >= 0.95 * area;
            for (const auto& [j, common] : meeting) {
                const bool lies_on = common == most || (one_island ? common >= 0.5 * geom::area(ctx, land_parts[j].geom)
                                                                   : common >= 0.25 * area);
                if (!lies_on && common >= 0.01 * area)
                    other_land.push_back(j);
            }
        }

        // Whether a leader from `end` to the anchor `s` runs a millimetre or more across a zone that
        // neither holds nor overlaps this one: the reader follows it onto that zone (the enclave's
        // name led 19 mm across the ring road belt round it, audit s13 D4). Sampled every half
        // millimetre, short of the anchor, which may lie on a border the two zones share.
        auto leader_over_other = [&](Point end, Point s) {
            const double len = std::hypot(s.x - end.x, s.y - end.y);
            const int n = static_cast<int>(len / (0.5 * kMm));
            int over = 0;
            for (int i = 0; i < n && over < 2; ++i) {
                const double t = static_cast<double>(i) / n;
                if ((1 - t) * len < 0.5 * kMm)
                    break;
                const Point w = lc.tf.to_world(Point{end.x + (s.x - end.x) * t, end.y + (s.y - end.y) * t});
                for (std::size_t j : foreign) {
                    if (!around.boxes[j].contains({w.x, w.y, w.x, w.y}))
                        continue;
                    const GeosGeom pt = ctx.own(GEOSGeom_createPointFromXY_r(ctx.get(), w.x, w.y), "point");
                    if (GEOSPreparedContains_r(ctx.get(), around.prepared[j].get(), pt.get()) == 1) {
                        ++over;
                        break;
                    }
                }
            }
            return over >= 2;
        };

        // Bounding boxes decide most candidates before GEOS is asked (the same answers, decided
        // early: a box the zone covers lies within its envelope; one apart from an envelope
        // intersects nothing in it). A 1000-zone check spent a quarter of its time building boxes.
        const Box zone_env = geom::bounds(ctx, visible.get());
        std::vector<const GEOSGeometry*> large_nested;
        const GeosGeom inner = inner_zones(index, zone_env, &large_nested);
        const GeosPrepared inner_prepared = inner ? ctx.prepare(inner.get()) : nullptr;
        // Its badges keep off the large ones (their outline and inside): on the stadium's outline, the
        // cordon's badge read as the stadium's claim (k-harwick at 200 x 200 mm, audit s17 D4).
        const std::optional<PolygonIndex> large_index =
            large_nested.empty() ? std::nullopt : std::optional<PolygonIndex>(std::in_place, ctx, large_nested);
        Block b;
        auto fits_inside = [&](Point at) {
            const Box bb = block_box(b, at);
            const Box wbox = lc.tf.to_world(bb);
            if (!zone_env.contains(wbox) || !lc.placer.fits(bb.inflated(pad), frame))
                return false;
            const auto [known, added] =
                covers_known.try_emplace({index, {wbox.minx, wbox.miny, wbox.maxx, wbox.maxy}}, false);
            if (added)
                known->second = GEOSPreparedCovers_r(ctx.get(), inside.get(), ctx.box(wbox).get()) == 1;
            if (!known->second)
                return false;
            if (large_index)
                for (const auto& [n, centre] : badge_centres(lc, b, at)) {
                    const double r = badge_radius(lc, n) + pad;
                    const Box wbadge = lc.tf.to_world(Box{centre.x - r, centre.y - r, centre.x + r, centre.y + r});
                    GeosGeom badge;
                    if (large_index->intersects(wbadge, [&] { return (badge = ctx.box(wbadge)).get(); }))
                        return false;
                }
            if (!inner_prepared)
                return true;
            GeosGeom padded = ctx.box(lc.tf.to_world(bb.inflated(pad)));
            return GEOSPreparedIntersects_r(ctx.get(), inner_prepared.get(), padded.get()) != 1;
        };
        std::optional<Point> spot;
        // The zone's envelope on the page: any two of its points lie at most its diagonal apart.
        const Point env0 = lc.tf.to_page({zone_env.minx, zone_env.maxy}), env1 = lc.tf.to_page({zone_env.maxx, zone_env.miny});
        const double env_diagonal = std::hypot(env1.x - env0.x, env1.y - env0.y);
        auto search_inside = [&](bool fine = false) -> std::optional<Point> {
            const double step = std::max(3.0, b.height / 2);
            if (fits_inside(c))
                return c;
            for (int ring = 1; ring <= 40; ++ring) {
                // A block centred further from c (a point of the zone) than the envelope's diagonal
                // has its centre, and so part of it, outside the envelope: fits_inside refuses it,
                // and every ring further out. The margin is far above the transforms' rounding.
                if (ring * step > env_diagonal * (1 + 1e-9) + 1)
                    break;
                for (const auto& [ca, sa] : directions<8>()) {
                    const Point at{c.x + ring * step * ca, c.y + ring * step * sa};
                    if (fits_inside(at))
                        return at;
                }
            }
            // A zone half as long again as it is wide on the page, whose rings stepped past every spot that
            // fits: its long axis through c, every 2 pt, nearest first ("Elqa / region" in a band 10 mm
            // wide, between its river and its top edge, fell between two rings; audit s11 D1).
            const double env_w = env1.x - env0.x, env_h = env1.y - env0.y;
            if (std::max(env_w, env_h) >= 1.5 * std::min(env_w, env_h)) {
                const bool tall = env_h > env_w;
                const double lo = tall ? env0.y : env0.x, hi = tall ? env1.y : env1.x, mid = tall ? c.y : c.x;
                for (double off = 2; mid - off >= lo || mid + off <= hi; off += 2)
                    for (const double v : {mid - off, mid + off})
                        for (const double across : {0.0, -3.0, 3.0})
                            if (const Point at = tall ? Point{c.x + across, v} : Point{v, c.y + across}; fits_inside(at))
                                return at;
            }
            // `fine`: every spot of a grid over the zone a quarter of the block high apart, nearest the
            // middle first. The rings step half the block's height at eight angles: an enclave 29 x
            // 21 mm with a town at its middle held its name in three lines above the town between two
            // rings, and the name went outside, led across the zone round it (audit s13 D4).
            if (fine) {
                const double grid = std::max(2.0, b.height / 4);
                std::vector<std::pair<double, Point>> spots;
                for (double y = env0.y + b.height / 2; y <= env1.y - b.height / 2; y += grid)
                    for (double x = env0.x + b.width / 2; x <= env1.x - b.width / 2; x += grid)
                        spots.push_back({std::hypot(x - c.x, y - c.y), Point{x, y}});
                std::stable_sort(spots.begin(), spots.end(), [](const auto& l, const auto& r) { return l.first < r.first; });
                for (const auto& [d, at] : spots)
                    if (fits_inside(at))
                        return at;
            }
            return std::nullopt;
        };
        // A long zone running aslant across the page (a coastal strip) holds its name only turned to
        // its own direction, as atlases letter a long region: the block turned to the nearest edge's
        // direction, inside the zone, clear of what is placed (a chain of squares along its long side)
        // and of the small zones on it. Tried where the level block fits nowhere inside; set beside
        // the strip instead, the name stood in the sea with a leader too short to see (Gaza, A3).
        const double width_pt = 2 * mic.radius * lc.tf.scale();
        const bool long_zone = width_pt > 0 &&
                               geom::area(ctx, visible.get()) * lc.tf.scale() * lc.tf.scale() / width_pt >= 3 * width_pt;
        std::optional<NearestEdge> edges; // the zone's edges on the page, for the local direction
        double turned = 0;                // the angle search_turned found (degrees, page)
        auto turned_quad = [&](Point at, Point dir, double grow) {
            const double hw = b.width / 2 + grow, hh = b.height / 2 + grow;
            std::array<Point, 4> q{};
            const std::pair<double, double> corners[4] = {{-hw, -hh}, {hw, -hh}, {hw, hh}, {-hw, hh}};
            for (std::size_t i = 0; i < 4; ++i) {
                const auto [x, y] = corners[i];
                q[i] = {at.x + x * dir.x - y * dir.y, at.y + x * dir.y + y * dir.x};
            }
            return q;
        };
        auto search_turned = [&](bool across_lines = false) -> std::optional<Point> {
            if (!long_zone)
                return std::nullopt;
            if (!edges) {
                std::vector<std::array<Point, 2>> all;
                for (const auto& poly : geom::polygons(ctx, visible.get()))
                    for (const Ring& r : poly)
                        for (std::size_t i = 1; i < r.size(); ++i)
                            all.push_back({lc.tf.to_page(r[i - 1]), lc.tf.to_page(r[i])});
                edges.emplace(std::move(all));
            }
            const double step = std::max(3.0, std::min(b.width, b.height) / 2);
            for (int ring = 0; ring <= 40; ++ring) {
                if (ring * step > env_diagonal * (1 + 1e-9) + 1)
                    break;
                for (std::size_t k = 0; k < (ring ? 16u : 1u); ++k) {
                    const auto [ca, sa] = directions<8>()[k];
                    const Point at{c.x + ring * step * ca, c.y + ring * step * sa};
                    // A block the zone covers holds its centre deep inside the zone (half the block's
                    // height from its edge, far above any rounding): a spot off the zone is passed over
                    // before its edge is sought (most spots of the outer rings lie off a long zone).
                    const Point wat = lc.tf.to_world(at);
                    if (!zone_env.contains({wat.x, wat.y, wat.x, wat.y}))
                        continue;
                    if (const GeosGeom pt = ctx.own(GEOSGeom_createPointFromXY_r(ctx.get(), wat.x, wat.y), "point");
                        GEOSPreparedIntersects_r(ctx.get(), inside.get(), pt.get()) != 1)
                        continue;
                    // The direction of the zone's edge nearest the spot (the first of those at the
                    // least distance).
                    Point dir{1, 0};
                    if (const std::size_t i = edges->nearest(at); i < edges->size()) {
                        const auto& [e0, e1] = edges->edges()[i];
                        const double dx = e1.x - e0.x, dy = e1.y - e0.y;
                        const double len = std::sqrt(dx * dx + dy * dy);
                        dir = {dx / len, dy / len};
                    }
                    if (dir.x < 0 || (dir.x == 0 && dir.y > 0))
                        dir = {-dir.x, -dir.y}; // never upside down
                    const double angle = std::atan2(dir.y, dir.x) * 180 / M_PI;
                    if (std::abs(angle) < 10 || std::abs(angle) > 65)
                        continue; // level blocks were tried; steeper reads as a column
                    // Clear of what is placed, asked before the zone covers it (each test only refuses:
                    // the order changes no answer, and the placer's boxes are cheaper than GEOS).
                    const bool wide = b.width >= b.height;
                    const Point axis = wide ? dir : Point{-dir.y, dir.x};
                    bool free = true;
                    for (const Box& bx : along_boxes(at, axis, wide ? b.width : b.height, wide ? b.height : b.width))
                        free = free && (across_lines ? lc.placer.fits_on_lines(bx.inflated(pad), frame)
                                                     : lc.placer.fits(bx.inflated(pad), frame));
                    if (!free)
                        continue;
                    const std::array<Point, 4> q = turned_quad(at, dir, 0);
                    Ring wr;
                    for (const Point& pt : q)
                        wr.push_back(lc.tf.to_world(pt));
                    wr.push_back(wr.front());
                    const GeosGeom wq = ctx.polygon({wr});
                    if (GEOSPreparedCovers_r(ctx.get(), inside.get(), wq.get()) != 1)
                        continue;
                    if (inner_prepared) {
                        Ring pr;
                        for (const Point& pt : turned_quad(at, dir, pad))
                            pr.push_back(lc.tf.to_world(pt));
                        pr.push_back(pr.front());
                        if (GEOSPreparedIntersects_r(ctx.get(), inner_prepared.get(), ctx.polygon({pr}).get()) == 1)
                            continue;
                    }
                    turned = angle;
                    return at;
                }
            }
            return std::nullopt;
        };
        // The block `b` set at `at` turned as search_turned found it, its badges (`extra` below it) upright;
        // occupied along its turned row.
        auto set_turned = [&](Point at, double extra) {
            auto items = place_block(lc, b, at, *z);
            const double a = turned * M_PI / 180, ca = std::cos(a), sa = std::sin(a);
            auto turn = [&](Point pt) {
                return Point{at.x + (pt.x - at.x) * ca - (pt.y - at.y) * sa, at.y + (pt.x - at.x) * sa + (pt.y - at.y) * ca};
            };
            for (Item& it : items) {
                if (it.id.find("label-") != std::string::npos) {
                    it.data = {{"along", "inside"}};
                    for (Primitive& prim : it.parts)
                        if (auto* t = std::get_if<Text>(&prim)) {
                            t->origin = turn(t->origin);
                            t->box = lc.text.box_of(*t);
                            turn_text(*t, turned);
                        }
                } else if (const auto* circle = std::get_if<Circle>(&it.parts.front())) {
                    // A number badge moves with the block and stays upright.
                    const Point to = turn({circle->centre.x, circle->centre.y + extra});
                    translate(it, to.x - circle->centre.x, to.y - circle->centre.y);
                }
            }
            const bool wide = b.width >= b.height;
            const Point dir{ca, sa};
            const Point axis = wide ? dir : Point{-dir.y, dir.x};
            for (const Box& bx : along_boxes(at, axis, wide ? b.width : b.height, wide ? b.height : b.width))
                lc.placer.occupy(bx.inflated(0.3 * u));
            return items;
        };
        std::optional<Point> anchor;
        const Box& zb = zone_env;
        const Point middle = lc.tf.to_page({(zb.minx + zb.maxx) / 2, (zb.miny + zb.maxy) / 2});
        std::vector<Point> samples;
        // Beside the zone: returns the block's centre, and sets `anchor` when a leader is needed.
        // `bare`: a last resort for a zone beside a town, where every anchor would sit by the
        // town's dot: the leader then simply ends on the zone's edge, with no ring at all.
        bool bare_anchor = false;
        double found_cost = 0; // what the spot search_outside returned costs
        // Whether the zone has room for its badges on the page (holds_its_badges): they then go on it,
        // or beside it at a leader's end; set beside it without one, they lay on the unclaimed land
        // next to it ("Elqa region" and its badge above the region, audit s11 D1).
        std::optional<bool> holds_badges_known;
        auto holds_badges = [&] {
            if (!holds_badges_known) {
                const Box all_parts = geom::bounds(ctx, visible_all);
                const Point p0 = lc.tf.to_page({all_parts.minx, all_parts.maxy}), p1 = lc.tf.to_page({all_parts.maxx, all_parts.miny});
                double perimeter = 0;
                GEOSLength_r(ctx.get(), visible_all, &perimeter);
                const double s = lc.tf.scale();
                holds_badges_known = holds_its_badges({p0.x, p0.y, p1.x, p1.y}, geom::area(ctx, visible_all) * s * s, perimeter * s);
            }
            return *holds_badges_known;
        };
        // Whether a badge of the block centred at `at` touches the zone as drawn (badge_touch_reach):
        // a zone under 4 mm on the page by its box there, which holds the square drawn for one too
        // small to see. Beside a small zone on the district holding it, a badge a few millimetres off
        // with no leader reads as the district's (the delta's fish market, audit s12 D1).
        auto badges_touch = [&](Point at) {
            const Box& square = small_zone_boxes[index];
            for (const auto& [n, centre] : badge_centres(lc, b, at)) {
                const double reach = badge_radius(lc, n) + badge_touch_reach(badge_radius(lc, n));
                if (square.minx <= square.maxx) {
                    const Box drawn = square.inflated(-0.3 * kMm);
                    if (std::hypot(std::max({0.0, drawn.minx - centre.x, centre.x - drawn.maxx}),
                                   std::max({0.0, drawn.miny - centre.y, centre.y - drawn.maxy})) <= reach)
                        return true;
                }
                const Point w = lc.tf.to_world(centre);
                const GeosGeom pt = ctx.own(GEOSGeom_createPointFromXY_r(ctx.get(), w.x, w.y), "point");
                double d = 0;
                if (GEOSPreparedDistance_r(ctx.get(), inside.get(), pt.get(), &d) == 1 && d * lc.tf.scale() <= reach)
                    return true;
            }
            return false;
        };
        auto search_outside = [&](bool bare = false) -> std::optional<Point> {
            if (samples.empty()) {
                samples = edge_samples(lc, visible.get(), lc.dense ? 8 : 24);
                samples.push_back(c);
            }
            const double clearance = 2.4 * kMm + 1.5 * u; // from a dot's centre
            // A zone several times the size of its name keeps a name set off it tied to it by a leader
            // (layout_quality.hpp, kOffZoneNameArea): beside it without one, half on the sea or on the
            // neighbouring land, the name reads as that ground's.
            const Box all_parts = geom::bounds(ctx, visible_all);
            const Point zp0 = lc.tf.to_page({all_parts.minx, all_parts.maxy}), zp1 = lc.tf.to_page({all_parts.maxx, all_parts.miny});
            // In a detail inset the zone is the picture: its name and numbers beside it need no leader
            // (an arrow into the square that fills the inset, audit s11 D11), unless they would read as
            // a neighbour's (ambiguous, below).
            const bool tie = !lc.only && ((!b.lines.empty() && std::abs((zp1.x - zp0.x) * (zp1.y - zp0.y)) >=
                                                                  (kOffZoneNameArea - 1) * b.width * b.height) ||
                                          (!b.markers.empty() && holds_badges()));
            double best = 1e18;
            Point best_at{};
            std::optional<Point> best_anchor;
            // A name added to its numbers on a crowded map (the second pass) stays within a short
            // leader's reach, else it is left to the citation list: "South-east" set at the top of a
            // 60 mm figure with a 12 mm leader across the land, "Kassa Tawil" at the frame's edge with
            // 25 mm between other names (audit s11 D6).
            const double reach = name_only ? std::min(max_leader, kNameOnlyReachMm * kMm) : max_leader;
            for (double d : {kTouchingNameMm * kMm, 3 * kMm, 6 * kMm, 10 * kMm, 15 * kMm, 21 * kMm, max_leader}) {
                if (best <= d || d > reach)
                    break; // nothing further out can cost less, or a leader would be too long
                for (const Point& s : samples) {
                    // What a spot by this sample costs at least: every check below only adds to it, so
                    // a sample that cannot beat the best spot found is not tested at all.
                    const double base = d + 0.08 * std::hypot(s.x - middle.x, s.y - middle.y);
                    // A spot needing a leader costs 2 mm more whatever else it costs: added last to a
                    // sum of non-negative terms, so the rounded cost is at least this rounded bound.
                    const bool needs_leader = d > 2.5 * kMm;
                    auto cannot_win = [&] { return base >= best || (needs_leader && base + 2 * kMm >= best); };
                    if (cannot_win())
                        continue;
                    if (tie && !needs_leader)
                        continue; // every spot at this distance is refused below
                    for (int k = 0; k < 8; ++k) {
                        if (cannot_win())
                            break; // a spot found beside this sample already costs no more
                        const Point at = beside(b, s, d, k);
                        const Box bb = block_box(b, at);
                        if (!lc.placer.fits(bb.inflated(pad), frame))
                            continue;
                        const Box wbox = lc.tf.to_world(bb);
                        // The block as a GEOS box, made when a test needs it: most candidates are
                        // decided by envelopes.
                        GeosGeom wb_made;
                        auto wb = [&]() -> const GEOSGeometry* {
                            if (!wb_made)
                                wb_made = ctx.box(wbox);
                            return wb_made.get();
                        };
                        // The zone is one of all the zones: a box apart from theirs is apart from its.
                        const bool near_zones = !apart(wbox, all_env);
                        if (near_zones && !apart(wbox, zone_env) &&
                            box_meets(ctx, inside.get(), visible.get(), wbox, wb()))
                            continue; // a label hides its own zone
                        if (!needs_leader && !near.empty() && ambiguous(lc, inside.get(), around, near, wb()))
                            continue; // nearer another zone than its own: it would read as theirs
                        const Point end = needs_leader ? ink_end(lc, b, at, s)
                                                       : Point{std::clamp(s.x, bb.minx, bb.maxx), std::clamp(s.y, bb.miny, bb.maxy)};
                        const bool by_dot = needs_leader && nearest_dot(lc, s) < clearance;
                        if (by_dot && !bare)
                            continue; // the anchor would read as a second town
                        // Nor past a town's dot: a leader running by it points at the town (audit s18 D12:
                        // the Fogo port's passed 1.8 mm from São Filipe's). A bare leader ends by one anyway.
                        if (needs_leader && !bare && nearest_dot_to(lc, end, s) < clearance)
                            continue;
                        // Through another label, across another leader or a small zone; or the block
                        // lies nearer another side of the zone than its anchor. Asked in that order: on
                        // a crowded map the first refuses most leaders (60 city wards on a figure: 97 %
                        // of 8.4 M), and the zone's three point tests cost more.
                        if (needs_leader && (!leader_clear(lc, end, s) || over_small_zone(end, s, index) ||
                                             leader_crosses(lc, inside.get(), end, s)))
                            continue;
                        double cost = base;
                        bool hides = false;
                        bool over_zone = false;
                        if (near_zones && zones_index.intersects(wbox, wb)) {
                            over_zone = true;
                            cost += 8 * kMm; // over another zone: only when nothing closer is free
                            // Over a zone that neither holds nor overlaps this one, the name reads as
                            // that zone's whatever the leader says: only when nothing within a leader's
                            // reach is free. Never over a zone it would all but cover (an island the
                            // size of the name): that zone's own label is then the one misread.
                            bool on_foreign = false;
                            for (std::size_t j : foreign)
                                if (!apart(wbox, around.boxes[j]) &&
                                    box_meets(ctx, around.prepared[j].get(), everyone[j]->geom.get(), wbox, wb())) {
                                    on_foreign = true;
                                    const Box& jb = around.boxes[j];
                                    if ((hides = wbox.width() * wbox.height() >= 0.2 * jb.width() * jb.height()))
                                        break;
                                }
                            cost += on_foreign ? 24 * kMm : 0;
                        }
                        // On another island: as over a zone of its own, and never over one it would all
                        // but cover.
                        for (std::size_t j : other_land)
                            if (!hides && !apart(wbox, land_parts[j].env) && land_meets(j, wbox, wb())) {
                                const Box& jb = land_parts[j].env;
                                hides = wbox.width() * wbox.height() >= 0.2 * jb.width() * jb.height();
                                cost += 32 * kMm;
                                break;
                            }
                        if (hides || (name_only && cost > base))
                            continue; // a name added to its numbers lies over no other zone at all
                        if (needs_leader)
                            cost += 2 * kMm;
                        if (cost >= best)
                            continue;
                        // For a zone with room for its badges, the country's land no zone covers is as
                        // another zone: its name lies there only touching it (the nearest ring) or at a
                        // leader long enough to read as one (kClearLeaderMm), as the layout-quality check
                        // holds it (check_names_on_unclaimed_land). A smaller zone (a base drawn as a
                        // square) has its name beside it on whatever land is there, where the ambiguity
                        // rule judges it: costed, its name gave way to its neighbours' and was left off.
                        // Asked only of a spot that wins without it.
                        if (!outline_parts.empty() && holds_badges() && on_unclaimed(wbox)) {
                            if (needs_leader ? std::hypot(end.x - s.x, end.y - s.y) < kClearLeaderMm * kMm
                                             : d > kTouchingNameMm * kMm)
                                continue;
                            // Badges alone there name nothing: they read as the zone's by their leader or
                            // by touching it, so the land costs them a little, not a name's 24 mm. At 24
                            // mm a dense map's badges ran 14-20 mm to the frame's edge, off the land,
                            // with the land by their zone empty (t-poster San Andrés, audit s19 D2).
                            cost += (b.lines.empty() ? 3 : 24) * kMm;
                        }
                        // Led across another zone: as over one.
                        if (needs_leader && leader_over_other(end, s))
                            cost += 24 * kMm;
                        if (cost >= best)
                            continue;
                        // On a zone holding or overlapping this one, with no leader: the badges must
                        // touch their zone, or they read as the zone under them.
                        // Anywhere else too: a block touching its zone by one corner had "Buffer zone 8 9"
                        // with its badges 6-11 mm off a 1.5 km band, beside another zone's inset frame
                        // (h-wadi at 90 mm, audit s16 D9). Such a block takes a leader, or another spot;
                        // not in a detail inset, whose zone is the picture (as `tie` above).
                        if (!needs_leader && !b.markers.empty() && (over_zone || !lc.only) && !badges_touch(at))
                            continue;
                        // And it faces the zone: its middle over the zone's width or beside its height.
                        // Touching it by a corner badge, "Marin" and its eight badges in two rows hung off
                        // the 9 mm town, the far badges 8-10 mm from it (audit s18 D8).
                        if (!needs_leader && !b.markers.empty() && !lc.only && (at.x < zp0.x || at.x > zp1.x) &&
                            (at.y < zp0.y || at.y > zp1.y))
                            continue;
                        // Over the neighbouring country: as over another zone. Asked last, of a spot that
                        // wins without it (it only adds: 3 % of the Gaza check when asked of every spot).
                        if (lc.over_abroad(wbox, wb())) {
                            if (name_only)
                                continue;
                            cost += 24 * kMm;
                        }
                        if (cost < best) {
                            best = cost;
                            best_at = at;
                            best_anchor = needs_leader ? std::optional<Point>(s) : std::nullopt;
                            bare_anchor = by_dot;
                        }
                    }
                }
            }
            if (best >= 1e18)
                return std::nullopt;
            anchor = best_anchor;
            found_cost = best;
            return best_at;
        };
        // Inside first, trying narrower wraps before giving up on the zone's interior; then beside
        // it. A dense map tries the numbers alone inside before any name outside; any map falls back
        // to the numbers alone (the names are in the citation list) before leaving a zone unmarked.
        if (name_only) {
            // The second pass of a dense map: the name alone, inside or beside the zone, at its size or
            // smaller, two-word names wrapped; never over another zone.
            for (double smaller : {1.0, 0.88, 0.0})
                for (double wrap : {95.0, 56.0}) {
                    b = zone_block(lc, *z, claims, wrap * u, true, smaller);
                    if (wrap < 95 && b.lines.size() < 2)
                        continue;
                    if (!(spot = search_inside()) && !led_numbers)
                        spot = search_outside();
                    if (spot) {
                        auto items = place_block(lc, b, *spot, *z);
                        if (anchor)
                            draw_leader(*z, b, *spot, *anchor, false);
                        occupy_items(lc, items, 0.5 * u);
                        for (Item& it : items)
                            labels.items.push_back(std::move(it));
                        return true;
                    }
                }
            // Then a long zone running aslant, turned along it inside: Marrow's canal corridor, 1 km
            // across its districts, had its numbers led beside it, no level spot inside and none beside
            // off the districts, and went unnamed on every page (audit s11 c-marrow).
            for (double smaller : {1.0, 0.88, 0.0}) {
                b = zone_block(lc, *z, claims, 1e6, true, smaller);
                if (auto at = search_turned(true)) {
                    for (Item& it : set_turned(*at, 0))
                        labels.items.push_back(std::move(it));
                    return true;
                }
            }
            return false;
        }
        // Last, a word a line (wrap_name widens to the widest word): a tall narrow region 10 mm wide
        // holds "Elqa / region", where every wrap above keeps it on one line (audit s11 D1).
        std::size_t lines_tried = 0;
        for (double wrap : {95.0, 72.0, 56.0, 0.0}) {
            if (names_off)
                break;
            b = zone_block(lc, *z, claims, wrap * u, true);
            if (wrap == 0 && b.lines.size() == lines_tried)
                break; // the same block again
            lines_tried = b.lines.size();
            if ((spot = search_inside()))
                break;
        }
        // The badges in two or three rows under the name, inside, before the name goes beside the
        // zone with its numbers (onto the neighbour, for a district whose row is wider than it).
        for (std::size_t rows = 2; rows <= std::min(kMostBadgeRows, claims.size()) && !spot && !names_off; ++rows)
            for (double wrap : {95.0, 56.0}) {
                b = zone_block(lc, *z, claims, wrap * u, true, 1, rows);
                if ((spot = search_inside()))
                    break;
            }
        // The name smaller (down to kMinZoneLabelPt) with its badges inside.
        auto smaller_inside = [&]() -> std::optional<Point> {
            for (double smaller : {0.88, 0.0})
                for (double wrap : {72.0, 56.0}) {
                    b = zone_block(lc, *z, claims, wrap * u, true, smaller);
                    if (auto at = search_inside())
                        return at;
                }
            return std::nullopt;
        };
        // A crowded map sets the name smaller before it leaves the name out.
        if (!spot && lc.dense && !names_off)
            spot = smaller_inside();
        // A zone of several parts: the block over the ground between them, within their convex hull,
        // as atlases name an archipelago (the layout-quality check accepts it there: within_group_hull).
        // On or by no zone (its own parts included: a name over a parcel hides it) nor nearer another
        // zone than its parts, off other land, the land abroad and, for a zone with room for its
        // badges, the country's unclaimed land unless it touches a part there (else it names that
        // land); its nearest part 0.5 mm to kGroupNameReachMm off, more on a poster's larger type.
        // Cost as beside (search_outside's base): the gap to the nearest part, and 0.08 a millimetre
        // from the parts' middle. Returns the spot and its cost.
        std::vector<Item> numbers_set; // the badges, when set inside apart from the name (below)
        struct Group {
            GeosPrepared parts, hull;
            Point mid, h0, h1; // on the page: the parts' centroid, the hull's envelope
        };
        GeosGeom group_hull;        // the parts' convex hull, prepared in `group` (destroyed after it)
        std::optional<Group> group; // made on first use
        auto group_spot = [&]() -> std::optional<std::pair<Point, double>> {
            if (other_parts.empty() || lc.only)
                return std::nullopt;
            if (!group) {
                group_hull = ctx.own(GEOSConvexHull_r(ctx.get(), visible_all), "convex hull");
                const Box hb = geom::bounds(ctx, group_hull.get());
                const GeosGeom centroid = ctx.own(GEOSGetCentroid_r(ctx.get(), visible_all), "centroid");
                double cx = 0, cy = 0;
                GEOSGeomGetX_r(ctx.get(), centroid.get(), &cx);
                GEOSGeomGetY_r(ctx.get(), centroid.get(), &cy);
                group.emplace(Group{ctx.prepare(visible_all), ctx.prepare(group_hull.get()), lc.tf.to_page({cx, cy}),
                                    lc.tf.to_page({hb.minx, hb.maxy}), lc.tf.to_page({hb.maxx, hb.miny})});
            }
            const Point mid = group->mid, h0 = group->h0, h1 = group->h1;
            const GEOSPreparedGeometry* in_hull = group->hull.get();
            const GEOSPreparedGeometry* parts = group->parts.get();
            const double grow = std::max(1.0, u); // a poster's type is larger: its reaches grow with it
            const double grid = std::max(1.5 * kMm, b.height / 3);
            std::vector<std::pair<double, Point>> spots;
            for (double y = h0.y + b.height / 2; y <= h1.y - b.height / 2; y += grid)
                for (double x = h0.x + b.width / 2; x <= h1.x - b.width / 2; x += grid)
                    spots.push_back({std::hypot(x - mid.x, y - mid.y), Point{x, y}});
            std::stable_sort(spots.begin(), spots.end(), [](const auto& l, const auto& r) { return l.first < r.first; });
            const double reach = kGroupNameReachMm * grow * kMm / lc.tf.scale();
            // The badges set apart from the name, inside a part, are read with it: the block and
            // them lie within the hull together (label_ambiguity.cpp measures them as one).
            Box numbers{1e18, 1e18, -1e18, -1e18};
            for (const Item& it : numbers_set)
                numbers.expand(bounds_of(it));
            double best = 1e18;
            Point best_at{};
            for (const auto& [off, at] : spots) {
                if (0.08 * off >= best)
                    break; // nothing further from the middle can cost less
                const Box bb = block_box(b, at);
                if (!lc.placer.fits(bb.inflated(pad), frame))
                    continue;
                const Box wbox = lc.tf.to_world(bb);
                const GeosGeom wb = ctx.box(wbox);
                Box read = bb.inflated(0.3 * kMm); // a margin for the outlines' rounding on the page
                if (numbers.minx <= numbers.maxx)
                    read.expand(numbers);
                if (GEOSPreparedCovers_r(ctx.get(), in_hull, ctx.box(lc.tf.to_world(read)).get()) != 1 ||
                    zones_index.intersects(wbox, [&] { return wb.get(); }))
                    continue;
                if (std::any_of(small_zones.begin(), small_zones.end(),
                                [&](std::size_t j) { return j != index && bb.intersects(small_zone_boxes[j]); }))
                    continue;
                // Clear of the towns among the parts, and of the room for their names: under "Dolina",
                // "Leased parcels" read as a line of the town's name.
                if (std::any_of(lc.locality_dots.begin(), lc.locality_dots.end(), [&](const Point& q) {
                        return bb.inflated(kGroupNameReachMm / 2 * grow * kMm).contains({q.x, q.y, q.x, q.y});
                    }))
                    continue;
                double gap = 0;
                // Half a millimetre clear of every part: against one, with its halo on the part's edge, it
                // read as that part's name ("Leased parcels" touching a parcel's corner).
                if (GEOSPreparedDistance_r(ctx.get(), parts, wb.get(), &gap) != 1 || gap > reach ||
                    gap * lc.tf.scale() < 0.5 * grow * kMm)
                    continue;
                const double cost = gap * lc.tf.scale() + 0.08 * off;
                if (cost >= best || (!near.empty() && ambiguous(lc, parts, around, near, wb.get())))
                    continue;
                if (std::any_of(other_land.begin(), other_land.end(), [&](std::size_t j) {
                        return !apart(wbox, land_parts[j].env) && land_meets(j, wbox, wb.get());
                    }))
                    continue;
                if (lc.over_abroad(wbox, wb.get()))
                    continue;
                // On the unclaimed land, a zone with room for its badges has its name there only touching a
                // part (kTouchingNameMm, its name's lines measured as the layout-quality check measures
                // them: check_names_on_unclaimed_land); else it names that land.
                if (!outline_parts.empty() && holds_badges() && on_unclaimed(wbox)) {
                    const Box lines{bb.minx, bb.miny, bb.maxx, bb.miny + static_cast<double>(b.lines.size()) * b.line_h};
                    double name_gap = 0;
                    if (GEOSPreparedDistance_r(ctx.get(), parts, ctx.box(lc.tf.to_world(lines)).get(),
                                               &name_gap) != 1 ||
                        name_gap * lc.tf.scale() > kTouchingNameMm * kMm)
                        continue;
                }
                best = cost;
                best_at = at;
            }
            if (best >= 1e18)
                return std::nullopt;
            return std::pair{best_at, best};
        };
        // The block (the name with `with`'s badges) beside the zone, on one line or wrapped narrower,
        // which may find a spot nearer its zone, with a shorter leader or none: the cheaper of the two.
        // A zone of several parts may have it between them instead (group_spot): there it names them
        // all, where at a leader's end it named the one part the leader points to (g-dolina's 30
        // parcels, audit s16 D8). That spot wins over any led one, and over one beside by its cost.
        auto set_beside = [&](const std::vector<const Claim*>& with) -> std::optional<Point> {
            const std::size_t rows = rows_beside(with.size());
            b = zone_block(lc, *z, with, 95 * u, true, 1, rows);
            std::optional<std::pair<Point, double>> between = group_spot();
            Block group_block = b;
            if (!other_parts.empty())
                if (Block narrow = zone_block(lc, *z, with, 56 * u, true, 1, rows); narrow.lines.size() > b.lines.size()) {
                    std::swap(b, narrow);
                    if (auto closer = group_spot(); closer && (!between || closer->second < between->second)) {
                        between = closer;
                        group_block = b;
                    }
                    std::swap(b, narrow);
                }
            std::optional<Point> found = search_outside();
            if (Block narrow = zone_block(lc, *z, with, 56 * u, true, 1, rows); narrow.lines.size() > b.lines.size()) {
                const Block wide = b;
                const double wide_cost = found_cost;
                const std::optional<Point> wide_anchor = anchor;
                const bool wide_bare = bare_anchor;
                b = std::move(narrow);
                if (auto closer = search_outside(); closer && (!found || found_cost < wide_cost)) {
                    found = closer;
                } else {
                    b = wide;
                    anchor = wide_anchor;
                    bare_anchor = wide_bare;
                    found_cost = wide_cost;
                }
            }
            if (between && (!found || anchor || between->second < found_cost)) {
                b = group_block;
                anchor.reset();
                bare_anchor = false;
                found_cost = between->second;
                return between->first;
            }
            return found;
        };
        // The name alone inside, at its size or smaller, wrapped to two or three lines.
        auto name_inside = [&]() -> std::optional<Point> {
            for (double smaller : {1.0, 0.88, 0.0}) {
                std::size_t lines_tried = 0;
                for (double wrap : {95.0, 72.0, 56.0, 0.0}) {
                    b = zone_block(lc, *z, {}, wrap * u, true, smaller);
                    if (wrap == 0 && b.lines.size() == lines_tried)
                        break; // the same block again
                    lines_tried = b.lines.size();
                    if (auto at = search_inside(true))
                        return at;
                }
            }
            return std::nullopt;
        };
        // The numbers alone inside, in one row or, when it is too wide, in two or three.
        auto numbers_inside = [&]() -> std::optional<Point> {
            for (std::size_t rows = 1; rows <= std::min(kMostBadgeRows, claims.size()); ++rows) {
                b = zone_block(lc, *z, claims, 0, false, 1, rows);
                if (auto at = search_inside(true))
                    return at;
            }
            b = zone_block(lc, *z, claims, 0, false);
            return std::nullopt;
        };
        if (!spot && lc.dense)
            spot = numbers_inside();
        for (double wrap : {1e6, 95.0, 72.0, 56.0}) {
            if (spot || lc.dense || !long_zone)
                break;
            b = zone_block(lc, *z, claims, wrap * u, true);
            // The upright badges' boxes clear the turned name by this much more.
            const double extra = b.markers.empty() ? 0 : 0.5 * marker_radius(lc);
            b.height += extra;
            if (auto at = search_turned()) {
                std::vector<Item> items = set_turned(*at, extra);
                if (!other_parts.empty())
                    link_other_parts(lc, *z, claims, visible.get(), other_parts, max_leader, markers, off_foreign);
                for (Item& it : items)
                    (it.id.find("label-") != std::string::npos ? labels : markers).items.push_back(std::move(it));
                return true;
            }
        }
        // The ways below fit a block where it did not: set smaller, or apart from its badges. They leave
        // a spot free for the name of each town the map must name (LayoutContext::town_name_spots): the
        // free one least on the zone, the first tried among equals. Set smaller inside its island,
        // "Tasi island 1 2 3" left the capital, Levuka Tasi, its dot only (audit s13 a-tavua, three of
        // four pages); Fjordby, on the edge of its narrow zone, keeps a spot off it, and the zone its
        // badges. What `find` sets is occupied again with the block at the end.
        auto keeping_town_names = [&](auto&& find) -> std::optional<Point> {
            const Box zone_page{env0.x, env0.y, env1.x, env1.y};
            // How much of a spot lies on the zone: of a 5 x 3 grid of points over it, how many.
            auto on_zone = [&](const Box& sp) {
                int on = 0;
                if (sp.intersects(zone_page))
                    for (int i = 0; i < 5; ++i)
                        for (int j = 0; j < 3; ++j) {
                            const Point w = lc.tf.to_world(Point{sp.minx + sp.width() * (i + 0.5) / 5, sp.miny + sp.height() * (j + 0.5) / 3});
                            const GeosGeom pt = ctx.own(GEOSGeom_createPointFromXY_r(ctx.get(), w.x, w.y), "point");
                            on += GEOSPreparedContains_r(ctx.get(), inside.get(), pt.get()) == 1;
                        }
                return on;
            };
            std::vector<Box> keep;
            for (const std::vector<Box>& spots : lc.town_name_spots) {
                if (std::none_of(spots.begin(), spots.end(), [&](const Box& sp) { return sp.intersects(zone_page); }))
                    continue; // no name of it can meet this zone's
                const Box* least = nullptr;
                int least_on = 16;
                for (const Box& sp : spots)
                    if (lc.placer.fits_on_lines(sp, frame)) // a town the map must name may cross a line
                        if (const int on = on_zone(sp); on < least_on) {
                            least = &sp;
                            least_on = on;
                        }
                if (least)
                    keep.push_back(*least);
            }
            if (keep.empty())
                return find();
            const Placer plain = lc.placer;
            for (const Box& room : keep)
                lc.placer.occupy(room);
            const std::optional<Point> found = find();
            lc.placer = plain;
            return found;
        };
        // Any map sets it smaller inside (after turning it to a long zone's direction at its size)
        // before it goes beside the zone, where it read as the unclaimed land's or was led across a
        // neighbour (audit s13 D1, D4).
        if (!spot && !lc.dense)
            spot = keeping_town_names(smaller_inside);
        // A name set along the zone (its row, with its badges) and its far parts' numbers: true when set.
        auto set_along = [&](std::optional<std::vector<Item>> along) {
            if (!along)
                return false;
            // Its far parts carry its numbers as a name set any other way leaves them (audit s16 D8).
            if (!other_parts.empty())
                link_other_parts(lc, *z, claims, visible.get(), other_parts, max_leader, markers, off_foreign);
            for (Item& it : *along)
                (it.id.find("label-") != std::string::npos ? labels : markers).items.push_back(std::move(it));
            return true;
        };
        if (!spot && !lc.dense) {
            // A long thin zone: its name runs beside it, along it; else on it, along its centre line.
            auto along = place_along_zone(lc, *z, visible.get(), claims, mic.radius);
            if (!along)
                along = place_on_band(lc, *z, visible.get(), claims, mic.radius, false);
            if (set_along(std::move(along)))
                return true;
            // The badges inside where they fit, and the name apart from them: inside too where it fits
            // now (`level`), else beside the zone (`beside`). A block beside the zone put a half-island's
            // badge on the island's unclaimed half, and an enclave's across the ring of a neighbour
            // around it (audit s13 D1, D4, D10).
            enum class Apart { level, beside };
            auto name_apart = [&](Apart how) -> std::optional<Point> {
                // The name is tried first, at the zone's middle, with the badges then in the room left (a
                // district 8 mm high holds its two-line name and its badge beside it, not the two stacked).
                if (how == Apart::level && numbers_inside()) {
                    const Placer before = lc.placer;
                    if (const std::optional<Point> name_at = name_inside()) {
                        const Block name = b;
                        occupy_items(lc, place_block(lc, name, *name_at, *z), 0.5 * u);
                        if (const std::optional<Point> at = numbers_inside()) {
                            numbers_set = place_block(lc, b, *at, *z);
                            occupy_items(lc, numbers_set, 0.5 * u);
                            b = name;
                            return name_at;
                        }
                        lc.placer = before;
                    }
                }
                const Placer before = lc.placer;
                if (const std::optional<Point> at = numbers_inside()) {
                    const Block numbers = b;
                    numbers_set = place_block(lc, numbers, *at, *z);
                    occupy_items(lc, numbers_set, 0.5 * u);
                    // Level, the name is tried inside once the numbers are set (it failed here already
                    // when it is tried beside).
                    std::optional<Point> name_at = how == Apart::level ? name_inside() : set_beside({});
                    if (name_at)
                        return name_at;
                    numbers_set.clear();
                    if (how == Apart::level) {
                        lc.placer = before;
                        return std::nullopt;
                    }
                    b = numbers;
                    return at;
                }
                return std::nullopt;
            };
            spot = keeping_town_names([&] { return name_apart(Apart::level); });
            // A zone that holds its row along its axis, and no level name inside: the row along it, before
            // its name goes beside it (a level name reads more easily: Rafah's at 90 mm).
            if (!spot && set_along(place_on_band(lc, *z, visible.get(), claims, mic.radius, true)))
                return true;
            if (!spot)
                spot = keeping_town_names([&] { return name_apart(Apart::beside); });
        }
        // Whether the block `bl` centred at `at` lies on another zone (neither holding nor overlapping
        // this one) or on another landmass: what search_outside sets there only when nothing within a
        // leader's reach is free.
        auto on_other_ground = [&](const Block& bl, Point at) {
            const Box fb = lc.tf.to_world(block_box(bl, at));
            const GeosGeom fbg = ctx.box(fb);
            for (std::size_t j : foreign)
                if (!apart(fb, around.boxes[j]) && box_meets(ctx, around.prepared[j].get(), everyone[j]->geom.get(), fb, fbg.get()))
                    return true;
            return std::any_of(other_land.begin(), other_land.end(), [&](std::size_t j) {
                return !apart(fb, land_parts[j].env) && land_meets(j, fb, fbg.get());
            });
        };
        // A block beside its zone that found room only on other ground: its badges there read as that
        // ground's claims, whatever the name's leader says. The badges alone against the zone where
        // they touch it on free ground, and the name apart (led where it must be): Isola Bruna's badge
        // stood on the lake's east shore under its led name, 8.5 mm from the island, while the lake
        // beside the island was free (audit s18 D1, m-lago at 60 mm).
        // Failing that, every spot along the zone's edge half a millimetre apart, eight ways out, the
        // nearest the zone's middle: search_outside tries 24 samples, and the layout-quality check looks
        // for such a spot as densely (check_badges_on_other_ground). The Fogo port, 1.4 mm off the coast,
        // had room for its badge only between two samples.
        auto badges_along_edge = [&]() -> std::optional<Point> {
            std::optional<Point> found;
            double best = 1e18;
            for (const auto& poly : geom::polygons(ctx, visible.get()))
                for (const Ring& ring : poly)
                    for (std::size_t k = 1; k < ring.size(); ++k) {
                        const Point a = lc.tf.to_page(ring[k - 1]), e = lc.tf.to_page(ring[k]);
                        const double len = std::hypot(e.x - a.x, e.y - a.y);
                        for (double t = 0; t < len; t += 0.5 * kMm) {
                            const Point s{a.x + (e.x - a.x) * t / len, a.y + (e.y - a.y) * t / len};
                            if (const double off = std::hypot(s.x - middle.x, s.y - middle.y); off < best)
                                for (int dir = 0; dir < 8; ++dir) {
                                    const Point at = beside(b, s, 0.3 * kMm, dir);
                                    const Box bb = block_box(b, at);
                                    if (!lc.placer.fits(bb.inflated(pad), frame))
                                        continue;
                                    const Box wbox = lc.tf.to_world(bb);
                                    const GeosGeom wb = ctx.box(wbox);
                                    if (box_meets(ctx, inside.get(), visible.get(), wbox, wb.get()) ||
                                        (!near.empty() && ambiguous(lc, inside.get(), around, near, wb.get())) ||
                                        !badges_touch(at) || on_other_ground(b, at))
                                        continue;
                                    found = at;
                                    best = off;
                                    break;
                                }
                        }
                    }
            return found;
        };
        auto badges_against_zone = [&]() -> std::optional<Point> {
            const Placer before = lc.placer;
            const Block whole = b;
            const std::optional<Point> whole_anchor = anchor;
            const bool whole_bare = bare_anchor;
            const double whole_cost = found_cost;
            b = zone_block(lc, *z, claims, 0, false, 1, rows_beside(claims.size()));
            std::optional<Point> at = search_outside();
            if (!at || anchor || on_other_ground(b, *at)) {
                anchor.reset();
                at = badges_along_edge();
            }
            if (at) {
                numbers_set = place_block(lc, b, *at, *z);
                occupy_items(lc, numbers_set, 0.5 * u);
                if (std::optional<Point> name_at = set_beside({}))
                    return name_at;
                numbers_set.clear();
            }
            lc.placer = before;
            b = whole;
            anchor = whole_anchor;
            bare_anchor = whole_bare;
            found_cost = whole_cost;
            return std::nullopt;
        };
        if (!spot && !lc.dense) {
            spot = set_beside(claims);
            if (spot && !claims.empty() && on_other_ground(b, *spot))
                if (std::optional<Point> apart_spot = badges_against_zone())
                    spot = apart_spot;
            if (!spot)
                spot = numbers_inside();
        }
        if (!spot) {
            b = zone_block(lc, *z, claims, 0, false, 1, rows_beside(claims.size()));
            spot = search_outside();
        }
        if (!spot && !lc.dense) {
            b = zone_block(lc, *z, claims, 95 * u, true, 1, rows_beside(claims.size()));
            spot = search_outside(true);
        }
        if (!spot) {
            b = zone_block(lc, *z, claims, 0, false, 1, rows_beside(claims.size()));
            spot = search_outside(true);
        }
        if (!spot) {
            // Last: the numbers on the zone itself, over its edge, clear of every other zone (a small
            // island among many, whose every spot within a leader's reach is taken).
            b = zone_block(lc, *z, claims, 0, false);
            const Point zp0 = lc.tf.to_page({zone_env.minx, zone_env.maxy}), zp1 = lc.tf.to_page({zone_env.maxx, zone_env.miny});
            Box zone_page{zp0.x, zp0.y, zp1.x, zp1.y};
            const Point zm{(zp0.x + zp1.x) / 2, (zp0.y + zp1.y) / 2};
            zone_page.expand({zm.x - 0.75 * kMm, zm.y - 0.75 * kMm, zm.x + 0.75 * kMm, zm.y + 0.75 * kMm});
            const double step = std::max(2.0, b.height / 3);
            for (int ring = 0; ring <= 8 && !spot; ++ring)
                for (const auto& [ca, sa] : directions<8>()) {
                    const Point at{c.x + ring * step * ca, c.y + ring * step * sa};
                    const Box bb = block_box(b, at);
                    if (!bb.inflated(0.5).intersects(zone_page) || !lc.placer.fits(bb.inflated(pad), frame))
                        continue;
                    GeosGeom wb = ctx.box(lc.tf.to_world(bb.inflated(0.5 * kMm)));
                    if (std::any_of(near.begin(), near.end(), [&](std::size_t j) {
                            return GEOSPreparedIntersects_r(ctx.get(), around.prepared[j].get(), wb.get()) == 1;
                        }))
                        continue;
                    spot = at;
                    anchor.reset();
                    break;
                }
        }
        if (!spot)
            return false; // tried again first (below), else the quality check reports the missing markers
        if (!lc.dense) {
            // Set on another zone or island (nothing nearer was free): noted, for a new attempt
            // with this zone first (below).
            if (on_other_ground(b, *spot))
                set_on_other.push_back(z);
        }
        auto items = place_block(lc, b, *spot, *z);
        for (Item& it : numbers_set)
            items.push_back(std::move(it));
        if (anchor)
            draw_leader(*z, b, *spot, *anchor, bare_anchor);
        if (b.lines.empty())
            numbers_only.emplace_back(z, anchor.has_value());
        occupy_items(lc, items, 0.5 * u);
        if (!other_parts.empty())
            link_other_parts(lc, *z, claims, visible.get(), other_parts, max_leader, markers, off_foreign);
        for (Item& it : items)
            (it.id.find("label-") != std::string::npos ? labels : markers).items.push_back(std::move(it));
        return true;
    };
    // A dense map of more zones than the second pass takes names a zone only where the name fits inside
    // it. When most of its zones cannot hold theirs, none is named: a page where a few zones carry names
    // and the rest numbers only reads as if the named ones were different in kind (a 120-zone page named
    // the nine districts with one-digit numbers, in its bottom row). Judged on up to 60 zones spread over
    // the list, by the smallest name block (kMinZoneLabelPt, wrapped) against the zone's box on the page.
    if (lc.dense && zones.size() > kSecondPassLabels) {
        const std::size_t step = std::max<std::size_t>(1, zones.size() / 60);
        int fit = 0, tried = 0;
        for (std::size_t i = 0; i < zones.size(); i += step) {
            const auto claims = p.claims_of(zones[i]->id);
            if (claims.empty() || geom::is_empty(ctx, zones[i]->geom.get()))
                continue;
            const Box zb = geom::bounds(ctx, zones[i]->geom.get());
            const Block b = zone_block(lc, *zones[i], claims, 56 * u, true, 0.0);
            ++tried;
            fit += b.width + 2 * pad <= zb.width() * lc.tf.scale() && b.height + 2 * pad <= zb.height() * lc.tf.scale();
        }
        names_off = 2 * fit < tried;
    }
    // Smallest zones first. A zone left with no spot (its neighbours' names and leaders took every place
    // within a leader's reach) gets first pick in a new attempt, laid out again from the state before
    // any zone label: leaders may not cross, so the order decides who gets the few clear lines.
    const Placer placer_before = lc.placer;
    const auto lines_before = lc.leader_lines;
    const std::size_t n_labels = labels.items.size(), n_markers = markers.items.size(),
                      n_leaders = leaders.items.size();
    std::vector<const Zone*> first;
    bool all_placed = false;
    // For complete_or_nothing: the state `first` left in this attempt, from which the first zone to
    // fail in it is laid out in the next attempt (its place in `first`), and whether it fails there.
    std::optional<std::pair<Placer, std::vector<std::array<Point, 2>>>> after_first;
    auto fails_after_first = [&](const Zone* z) {
        std::swap(lc.placer, after_first->first);
        std::swap(lc.leader_lines, after_first->second);
        const std::size_t n[5] = {labels.items.size(), markers.items.size(), leaders.items.size(),
                                  numbers_only.size(), set_on_other.size()};
        const bool fails = !place_one(z); // reads the placer and leaders, only adds to the rest
        labels.items.resize(n[0]);
        markers.items.resize(n[1]);
        leaders.items.resize(n[2]);
        numbers_only.resize(n[3]);
        set_on_other.resize(n[4]);
        std::swap(lc.placer, after_first->first);
        std::swap(lc.leader_lines, after_first->second);
        return fails;
    };
    for (int attempt = 0;; ++attempt) {
        numbers_only.clear();
        set_on_other.clear();
        std::vector<const Zone*> failed;
        after_first.reset();
        for (std::size_t i = 0; i < zones.size(); ++i) {
            if (lc.complete_or_nothing && i == first.size())
                after_first.emplace(lc.placer, lc.leader_lines);
            if (place_one(zones[i]))
                continue;
            failed.push_back(zones[i]);
            // Every attempt lays out `first` before the rest, in the same order from the same state (it
            // only grows at its end), and the first zone to fail in an attempt next after them: a zone
            // failing among them or right after them fails in every later attempt too. So does one
            // failing in the last attempt, or the first to fail in this one when it fails after `first`.
            if (lc.complete_or_nothing && (attempt == 3 || i <= first.size() ||
                                           (failed.size() == 1 && fails_after_first(zones[i])))) {
                lc.labels_incomplete = true;
                return;
            }
        }
        all_placed = failed.empty();
        if (failed.empty() || attempt == 3)
            break;
        lc.placer = placer_before;
        lc.leader_lines = lines_before;
        labels.items.erase(labels.items.begin() + static_cast<std::ptrdiff_t>(n_labels), labels.items.end());
        markers.items.erase(markers.items.begin() + static_cast<std::ptrdiff_t>(n_markers), markers.items.end());
        leaders.items.erase(leaders.items.begin() + static_cast<std::ptrdiff_t>(n_leaders), leaders.items.end());
        for (const Zone* z : failed)
            if (std::find(first.begin(), first.end(), z) == first.end())
                first.push_back(z);
        std::stable_partition(zones.begin(), zones.end(), [&](const Zone* z) {
            return std::find(first.begin(), first.end(), z) != first.end();
        });
        std::stable_sort(zones.begin(), zones.begin() + static_cast<std::ptrdiff_t>(first.size()),
                         [&](const Zone* a, const Zone* b) {
                             return std::find(first.begin(), first.end(), a) < std::find(first.begin(), first.end(), b);
                         });
    }
    // Labels set on another zone or island while every zone found a spot: laid out once more with
    // those zones first, kept when fewer labels then lie on another zone or island and every zone still
    // finds a spot. A small nested zone's name, set first, took the middle of the district holding it,
    // and the district's own name went across the border onto its neighbour ("Market District" and its
    // number inside the Old Quarter, with an arrow back; audit-8-s8 defect 4).
    if (!lc.dense && all_placed && !set_on_other.empty()) {
        const Placer placer_kept = lc.placer;
        const auto lines_kept = lc.leader_lines;
        const auto numbers_kept = numbers_only;
        const auto on_other_kept = set_on_other;
        auto tail = [](const Layer& l, std::size_t from) {
            return std::vector<Item>(l.items.begin() + static_cast<std::ptrdiff_t>(from), l.items.end());
        };
        const auto labels_kept = tail(labels, n_labels), markers_kept = tail(markers, n_markers),
                   leaders_kept = tail(leaders, n_leaders);
        auto restart = [&] {
            lc.placer = placer_before;
            lc.leader_lines = lines_before;
            labels.items.resize(n_labels);
            markers.items.resize(n_markers);
            leaders.items.resize(n_leaders);
        };
        restart();
        numbers_only.clear();
        set_on_other.clear();
        std::vector<const Zone*> order = on_other_kept;
        for (const Zone* z : zones)
            if (std::find(on_other_kept.begin(), on_other_kept.end(), z) == on_other_kept.end())
                order.push_back(z);
        bool placed_all = true;
        for (const Zone* z : order)
            placed_all = place_one(z) && placed_all;
        if (!placed_all || set_on_other.size() >= on_other_kept.size()) {
            restart();
            lc.placer = placer_kept;
            lc.leader_lines = lines_kept;
            labels.items.insert(labels.items.end(), labels_kept.begin(), labels_kept.end());
            markers.items.insert(markers.items.end(), markers_kept.begin(), markers_kept.end());
            leaders.items.insert(leaders.items.end(), leaders_kept.begin(), leaders_kept.end());
            numbers_only = numbers_kept;
            set_on_other = on_other_kept;
        }
    }
    // A crowded map's second pass: every zone has its numbers; the zones left with numbers only get
    // their name beside them where it fits now, smaller or wrapped if need be, with a short leader,
    // before the name is left to the citation list. Only for maps of a few dozen zones: a map of
    // hundreds keeps the numbers-and-key strategy (and its time).
    if (numbers_only.size() + labels.items.size() <= kSecondPassLabels) {
        name_only = true;
        for (const auto& [z, led] : numbers_only) {
            led_numbers = led;
            (void)place_one(z);
        }
        name_only = false;
    }
    // A map that is not crowded names every zone: one left with its numbers only (its name found no room on
    // or beside it) says so on its markers, and the layout-quality check refuses the page when the name is
    // long, where a shorter name is the fix (the advice names the zone; probe #19).
    // Any map says which zones it leaves unnamed: six districts of a 90 mm figure went out with their
    // numbers only and no word (audit s13 D7). Not a map of hundreds that names none (names_off), whose
    // legend says the names are in the citation list.
    std::set<std::string> named;
    for (const Item& it : labels.items)
        named.insert(it.id);
    // Each zone's markers on the map, in one pass (every zone against every marker, twice, was 12 % of
    // the 1000-zone check).
    std::map<std::string, std::vector<Item*>> marked;
    const std::string marker_prefix = lc.id_prefix + "marker-";
    for (Item& it : markers.items)
        if (const auto zone = it.data.find("zone"); zone != it.data.end() && it.id.rfind(marker_prefix, 0) == 0)
            marked[zone->second].push_back(&it);
    std::vector<std::string> unnamed;
    for (const Zone* z : zones)
        if (const auto its = marked.find(z->id);
            !named.count(lc.id_prefix + "label-" + z->id) && !p.claims_of(z->id).empty() && its != marked.end()) {
            // A town of the zone's name is named in its stead (map_labels.cpp), or listed there if not.
            if (!lc.zones_named_by_towns.count(z->id))
                unnamed.push_back(z->name);
            for (Item* it : its->second)
                if (!lc.dense)
                    it->data["unnamed"] = "no room";
        }
    if (!unnamed.empty() && !lc.only && !names_off) {
        std::sort(unnamed.begin(), unnamed.end());
        std::string list;
        for (std::size_t i = 0; i < unnamed.size(); ++i)
            list += (i ? ", " : "") + unnamed[i];
        const bool one = unnamed.size() == 1;
        lc.warnings.push_back(std::to_string(unnamed.size()) + (one ? " zone has" : " zones have") +
                              " no room for a name and " + (one ? "is" : "are") +
                              " left off the map by name, marked by claim numbers only (the citation list names " +
                              (one ? "it" : "them") + "): " + list);
    }
    // Names set later (towns, lines) keep off the small zones' symbols too: "Town B" printed over a
    // 1 km rock hid it.
    for (const Box& sb : small_zone_boxes)
        if (sb.minx <= sb.maxx)
            lc.placer.occupy(sb.inflated(-0.2 * kMm));
}


std::string second_zone_name(const LayoutContext& lc, const Zone& z) {
    // A locality merged into the zone lends its second-script name when the zone has none.
    const std::string second = lc.options.labels.value_or(lc.project.spec.labels).second;
    if (second.empty())
        return "";
    if (std::string name2 = z.prop("name_" + second); !name2.empty())
        return name2;
    const auto it = lc.zone_second_names.find(z.id);
    return it != lc.zone_second_names.end() ? it->second : "";
}

std::vector<std::string> wrap_name(const LayoutContext& lc, const std::string& name, const Font& font, double width) {
    double widest = 0;
    for (std::size_t from = 0; from < name.size();) {
        const std::size_t to = std::min(name.find(' ', from), name.size());
        if (to > from)
            widest = std::max(widest, lc.text.measure(name.substr(from, to - from), font).width);
        from = to + 1;
    }
    // A hair over the word's width: Pango compares widths in its own units.
    std::vector<std::string> lines = lc.text.wrap(name, font, std::max(width, widest + 0.05));
    // A word a line (width 0), the last wrap a zone's name is tried in, may break between a generic and
    // its name: kept together ("Punta Arenal", text/keep_together.hpp), they made the block as wide as
    // both, and "Reserva Costera de Punta Arenal", no longer fitting its zone, went onto its
    // neighbour's (i-chubut at 400x100mm). There the words are packed as Pango packs them, first fit,
    // with the other spans kept ("(ruta 25)").
    if (width <= 0 && keep_together(name).size() > keep_together(name, false).size()) {
        const auto spans = keep_together(name, false);
        lines.clear();
        std::size_t from = 0;
        for (std::size_t at = 0; at <= name.size(); ++at) {
            const bool inside = std::any_of(spans.begin(), spans.end(),
                                            [&](const auto& s) { return s.first < at && at < s.second; });
            if (at < name.size() && (name[at] != ' ' || inside))
                continue;
            const std::string unit = name.substr(from, at - from);
            if (!lines.empty() && lc.text.measure(lines.back() + " " + unit, font).width <= widest + 0.05)
                lines.back() += " " + unit;
            else if (!unit.empty())
                lines.push_back(unit);
            from = at + 1;
        }
    }
    if (lines.size() > 1 &&
        std::any_of(lines.begin(), lines.end(), [](const std::string& l) { return utf8::count(l) == 1; }))
        return {name};
    return lines;
}

Item claim_marker(const LayoutContext& lc, const std::string& target, int n, Point centre) {
    Item m;
    m.id = lc.id_prefix + "marker-" + target + "-" + std::to_string(n);
    m.title = fill(panel_words(lc.project.spec.lang).claim_marker_title, {std::to_string(n)});
    m.data = {{"citation", std::to_string(n)}, {"zone", target}};
    if (!lc.options.html_companion.empty())
        m.link = lc.options.html_companion + "#cite-" + std::to_string(n);
    m.pdf_dest = "cite-" + std::to_string(n);
    const auto& claims = lc.project.claims;
    // Claims are numbered in order from 1: the lookup is direct, so markers stay linear in the claims.
    // An [[output]] of some zones keeps the project's numbers, with gaps: there the claim is searched.
    const Claim* claim = n >= 1 && static_cast<std::size_t>(n) <= claims.size() && claims[n - 1].number == n
                             ? &claims[n - 1]
                             : nullptr;
    if (!claim)
        for (const Claim& c : claims)
            if (c.number == n)
                claim = &c;
    const Badge badge = claim_badge(lc.theme, lc.project.spec, claim ? claim->status : nullptr, lc.unit);
    m.parts.emplace_back(Circle{centre, badge_radius(lc, n), Fill{badge.fill, {}},
                                badge.ring ? *badge.ring : Stroke{{1, 1, 1, 1}, 0.7 * lc.unit, {}, true}});
    Text t = lc.text_at(std::to_string(n), {centre.x, 0}, lc.fonts.marker, badge.number, Anchor::middle);
    const double h = t.box.height();
    t.origin.y = centre.y - (t.box.miny + h / 2) + 0.035 * lc.fonts.marker.size;
    t.box = lc.text.box_of(t);
    m.parts.emplace_back(std::move(t));
    return m;
}

// --- Names set along long thin zones: a buffer strip two kilometres wide and a hundred and fifty long is
// too thin for its name inside and reads as one feature only when the name runs beside it, turned to
// the strip's local direction (as atlases letter rivers). The name and the claim numbers form one
// straight row just outside the zone's edge, where the edge is straight enough over the row's length.
// Collisions use the turned row itself, as a chain of small boxes along it, not its bounding box.
namespace {

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
        if (std::vector<Point> walk = points_every(page, step); walk.size() > 4)
            out.push_back(std::move(walk));
    }
    return out;
}

} // namespace

std::vector<Point> points_every(const std::vector<Point>& path, double step) {
    std::vector<Point> walk;
    double next = 0, run = 0;
    for (std::size_t i = 1; i < path.size(); ++i) {
        const double len = std::hypot(path[i].x - path[i - 1].x, path[i].y - path[i - 1].y);
        while (len > 0 && next <= run + len) {
            const double t = (next - run) / len;
            walk.push_back({path[i - 1].x + (path[i].x - path[i - 1].x) * t, path[i - 1].y + (path[i].y - path[i - 1].y) * t});
            next += step;
        }
        run += len;
    }
    return walk;
}

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

namespace {

// The row `along` beside the zone's edge, nearest its middle, where it is free; nullopt if nowhere.
// `home`: the row lies within the mapped country's outline too, where the project draws one.
std::optional<std::vector<Item>> row_beside(LayoutContext& lc, const Zone& z, const GEOSGeometry* visible,
                                            const std::vector<const Claim*>& claims, const AlongRow& along,
                                            bool home) {
    const GeosContext& ctx = *lc.project.geo.ctx;
    const double u = lc.unit;
    const double row_w = along.length, row_h = along.height;
    GeosPrepared inside = ctx.prepare(visible);
    const double gap = 0.9 * kMm; // between the zone's edge and the row, for the halo
    const Box zb = geom::bounds(ctx, visible);
    const Point middle = lc.tf.to_page({(zb.minx + zb.maxx) / 2, (zb.miny + zb.maxy) / 2});
    const double step = 1.5 * kMm;
    const int k = std::max(1, static_cast<int>(std::lround(row_w / 2 / step)));
    const double pad = 0.6 * u;

    // The spot nearest the middle wins, the first walked among equals: the spots are tried in that
    // order (a stable sort of the walk by distance), and the first that passes every test is the one
    // the walk would keep. What only the tests need (the zone's buffer, its neighbours, the country)
    // is made when a spot first reaches them: most zones find a spot among their first few.
    const std::vector<std::vector<Point>> walks = outer_walks(lc, visible, step);
    struct Spot {
        double cost;
        std::size_t walk, i;
    };
    std::vector<Spot> spots;
    for (std::size_t w = 0; w < walks.size(); ++w)
        for (std::size_t i = 0; i < walks[w].size(); ++i)
            if (const double cost = std::hypot(walks[w][i].x - middle.x, walks[w][i].y - middle.y);
                cost < RowSpot{}.cost)
                spots.push_back({cost, w, i});
    std::stable_sort(spots.begin(), spots.end(), [](const Spot& a, const Spot& b) { return a.cost < b.cost; });
    // The row must follow the edge over its whole length: within this reach of the zone.
    GeosGeom near;
    GeosPrepared near_prepared(nullptr, {ctx.get()});
    // The row is not set by another zone, where it would read as that zone's name.
    std::vector<const Zone*> everyone;
    std::optional<Neighbours> around;
    std::vector<std::size_t> others;
    // `home`: the mapped country's outline, prepared.
    std::optional<GeosPrepared> country;
    auto readable = [&](const GEOSGeometry* row) {
        if (!near) {
            near = geom::buffer(ctx, visible, (gap + row_h + 0.8 * kMm) / lc.tf.scale());
            near_prepared = ctx.prepare(near.get());
        }
        if (GEOSPreparedCovers_r(ctx.get(), near_prepared.get(), row) != 1)
            return false;
        if (!around) {
            for (const Zone& other : lc.project.geo.zones)
                everyone.push_back(&other);
            around = neighbours(lc, everyone, row_w);
            others = around->of(lc.project.geo, everyone, static_cast<std::size_t>(&z - &lc.project.geo.zones.front()));
        }
        if (ambiguous(lc, inside.get(), *around, others, row))
            return false;
        if (!country) {
            const GEOSGeometry* outline = home ? lc.project.geo.kept_union(Geography::Kept::outline) : nullptr;
            country.emplace(outline ? ctx.prepare(outline) : GeosPrepared(nullptr, {ctx.get()}));
        }
        return !*country || GEOSPreparedCovers_r(ctx.get(), country->get(), row) == 1;
    };

    RowSpot best;
    for (const Spot& spot : spots) {
        const std::vector<Point>& walk = walks[spot.walk];
        const std::size_t n = walk.size(), i = spot.i;
        const Point& p = walk[i];
        const double cost = spot.cost;
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
        if (GEOSPreparedIntersects_r(ctx.get(), inside.get(), row.get()) == 1 || !readable(row.get()))
            continue;
        best = {cost, c, dir};
        break;
    }
    if (!best.found())
        return std::nullopt;
    return set_along_row(lc, z, claims, along, best.centre, best.dir);
}

} // namespace

std::optional<std::vector<Item>> place_along_zone(LayoutContext& lc, const Zone& z,
                                                  const GEOSGeometry* visible,
                                                  const std::vector<const Claim*>& claims,
                                                  double inscribed_radius) {
    const AlongRow one_line = along_row(lc, z, claims);
    // Tried only once the name found no room inside.
    if (!long_and_thin(lc, visible, inscribed_radius, one_line, 2))
        return std::nullopt;
    // A name in a second language goes with it, as inside a wider zone (h-wadi's buffer zone read in
    // Arabic only on every page): in a line under the first, else after it on one line; within the
    // country, where the taller row crossed its border at 170 mm.
    if (!second_zone_name(lc, z).empty())
        for (const SecondName how : {SecondName::under, SecondName::after})
            if (auto set = row_beside(lc, z, visible, claims, along_row(lc, z, claims, how), true))
                return set;
    return row_beside(lc, z, visible, claims, one_line, false);
}

} // namespace citemap

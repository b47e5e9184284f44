// See layout_quality.hpp. Overlaps are found with a sweep over boxes sorted by x, so a dense page of
// a thousand labels costs milliseconds.
#include "layout/layout_quality.hpp"
#include "sources/utf8.hpp"

#include <array>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <unordered_set>

namespace citemap {

namespace {

constexpr double kMm = 72.0 / 25.4;

struct Placed {
    std::string item, text;
    Box box;
    std::vector<std::array<Point, 4>> quads; // turned with the text: one, or a glyph's each along a curve
    bool turned = false;
};

bool quads_meet(const Placed& a, const Placed& b) {
    for (const auto& qa : a.quads)
        for (const auto& qb : b.quads)
            if (quads_overlap(qa, qb))
                return true;
    return false;
}

Box shape_bounds(const Item& item) {
    Box b{1e18, 1e18, -1e18, -1e18};
    for (const Primitive& p : item.parts)
        if (const auto* s = std::get_if<Shape>(&p))
            for (const Ring& r : s->rings)
                for (const Point& pt : r)
                    b.expand({pt.x, pt.y, pt.x, pt.y});
    return b;
}

// "detail-2-marker-kilby-8" -> "marker-kilby-8"
std::string without_detail_prefix(const std::string& id) {
    if (id.rfind("detail-", 0) != 0)
        return id;
    const auto dash = id.find('-', 7);
    return dash == std::string::npos ? id : id.substr(dash + 1);
}

} // namespace

bool polygon_meets_box(const std::vector<Ring>& rings, const Box& b) {
    auto cross = [](Point a, Point c, Point p, Point q) {
        auto side = [](Point o, Point u, Point v) { return (u.x - o.x) * (v.y - o.y) - (u.y - o.y) * (v.x - o.x); };
        return side(a, c, p) * side(a, c, q) < 0 && side(p, q, a) * side(p, q, c) < 0;
    };
    const Point corners[4] = {{b.minx, b.miny}, {b.maxx, b.miny}, {b.maxx, b.maxy}, {b.minx, b.maxy}};
    for (const Ring& r : rings)
        for (std::size_t i = 0; i < r.size(); ++i) {
            const Point& a = r[i];
            const Point& c = r[(i + 1) % r.size()];
            if (b.contains({a.x, a.y, a.x, a.y}))
                return true;
            for (int k = 0; k < 4; ++k)
                if (cross(a, c, corners[k], corners[(k + 1) % 4]))
                    return true;
        }
    return inside_rings(rings, {(b.minx + b.maxx) / 2, (b.miny + b.maxy) / 2});
}

namespace {

// The area of even-odd rings (page points) inside a box: each ring clipped to the box
// (Sutherland-Hodgman; the box is convex), a ring inside an odd number of the others a hole.
double area_in_box(const std::vector<Ring>& rings, const Box& b) {
    auto clip = [](const Ring& in, auto inside, auto cut) {
        Ring out;
        for (std::size_t i = 0; i < in.size(); ++i) {
            const Point& p = in[i];
            const Point& q = in[(i + 1) % in.size()];
            if (inside(p))
                out.push_back(p);
            if (inside(p) != inside(q))
                out.push_back(cut(p, q));
        }
        return out;
    };
    auto at_x = [](double x) {
        return [x](const Point& p, const Point& q) { return Point{x, p.y + (q.y - p.y) * (x - p.x) / (q.x - p.x)}; };
    };
    auto at_y = [](double y) {
        return [y](const Point& p, const Point& q) { return Point{p.x + (q.x - p.x) * (y - p.y) / (q.y - p.y), y}; };
    };
    double total = 0;
    for (std::size_t k = 0; k < rings.size(); ++k) {
        Ring r = rings[k];
        r = clip(r, [&](const Point& p) { return p.x >= b.minx; }, at_x(b.minx));
        r = clip(r, [&](const Point& p) { return p.x <= b.maxx; }, at_x(b.maxx));
        r = clip(r, [&](const Point& p) { return p.y >= b.miny; }, at_y(b.miny));
        r = clip(r, [&](const Point& p) { return p.y <= b.maxy; }, at_y(b.maxy));
        double a = 0;
        for (std::size_t i = 0; i < r.size(); ++i)
            a += r[i].x * r[(i + 1) % r.size()].y - r[(i + 1) % r.size()].x * r[i].y;
        int around = 0;
        if (!rings[k].empty())
            for (std::size_t j = 0; j < rings.size(); ++j)
                if (j != k && inside_rings({rings[j]}, rings[k].front()))
                    ++around;
        total += (around % 2 ? -1 : 1) * std::abs(a) / 2;
    }
    return std::max(0.0, total);
}


// The page area of `rings` under any of `boxes`, within `within`, from a grid of points a quarter of a
// millimetre apart.
double area_under(const std::vector<Ring>& rings, const std::vector<Box>& boxes, const Box& within) {
    Box all{1e18, 1e18, -1e18, -1e18};
    for (const Box& b : boxes)
        all.expand(b);
    const double step = 0.25 * kMm;
    double hidden = 0;
    std::vector<double> crossings;
    for (double y = std::max(all.miny, within.miny) + step / 2; y < std::min(all.maxy, within.maxy); y += step) {
        // inside_rings for a whole row at once: a point is inside when an odd number of the edges the
        // row crosses cross it to the point's right. Each crossing is inside_rings' own expression, so
        // the answers are the same; the row's points are then passed in order (a scale bar over a
        // 3,000-vertex zone tested every edge at each of thousands of points: 11 % of the Gaza check).
        crossings.clear();
        for (const Ring& r : rings)
            for (std::size_t i = 0, n = r.size(); i < n; ++i) {
                const Point& a = r[i];
                const Point& c = r[(i + 1) % n];
                if ((a.y > y) != (c.y > y))
                    crossings.push_back(a.x + (y - a.y) * (c.x - a.x) / (c.y - a.y));
            }
        std::sort(crossings.begin(), crossings.end());
        std::size_t left = 0; // crossings at or left of x
        for (double x = std::max(all.minx, within.minx) + step / 2; x < std::min(all.maxx, within.maxx); x += step) {
            while (left < crossings.size() && !(x < crossings[left]))
                ++left;
            if (std::any_of(boxes.begin(), boxes.end(), [&](const Box& b) { return b.contains({x, y, x, y}); }) &&
                (crossings.size() - left) % 2 == 1)
                hidden += step * step;
        }
    }
    return hidden;
}

std::string fmt(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

} // namespace

std::vector<Box> furniture_footprint(const Item& piece) {
    std::vector<Box> out;
    for (const Primitive& p : piece.parts) {
        if (const auto* t = std::get_if<Text>(&p))
            out.push_back(t->box);
        else if (const auto* sh = std::get_if<Shape>(&p)) {
            Item one;
            one.parts.push_back(*sh);
            out.push_back(shape_bounds(one));
        }
    }
    return out;
}

std::vector<std::pair<const Item*, double>> zones_hidden_by(const Layer& zones, const Project& project, const Item& piece,
                                                            const Box& within, double share) {
    std::vector<std::pair<const Item*, double>> out;
    const std::vector<Box> covers = furniture_footprint(piece);
    if (covers.empty())
        return out;
    for (const Item& i : zones.items) {
        const auto* s = i.parts.empty() ? nullptr : std::get_if<Shape>(&i.parts.front());
        const std::string zone = without_detail_prefix(i.id);
        if (!s || zone.rfind("zone-", 0) != 0 || project.claims_of(zone.substr(5)).empty())
            continue;
        const Box zb = shape_bounds(i);
        if (std::none_of(covers.begin(), covers.end(), [&](const Box& b) { return b.intersects(zb); }))
            continue;
        // Sampled only where the footprint meets the zone's box, and only when that much of the box
        // could reach the share (a bar in the corner of a large zone).
        const Box near{std::max(zb.minx, within.minx), std::max(zb.miny, within.miny), std::min(zb.maxx, within.maxx),
                       std::min(zb.maxy, within.maxy)};
        double most = 0;
        for (const Box& b : covers)
            most += std::max(0.0, std::min(b.maxx, near.maxx) - std::max(b.minx, near.minx)) *
                    std::max(0.0, std::min(b.maxy, near.maxy) - std::max(b.miny, near.miny));
        if (most < kFurnitureHidesMm2 * kMm * kMm)
            continue;
        const double area = area_in_box(s->rings, within);
        if (most < share * area)
            continue;
        const double hidden = area_under(s->rings, covers, near);
        if (area > 0 && hidden >= share * area && hidden >= kFurnitureHidesMm2 * kMm * kMm)
            out.emplace_back(&i, hidden / area);
    }
    return out;
}

std::vector<ClaimBadge> claim_badges(const Scene& scene) {
    std::vector<ClaimBadge> out;
    for (const Layer& l : scene.layers) {
        if (l.id != "markers")
            continue;
        for (const Item& i : l.items) {
            const auto target = i.data.find("zone");
            const auto* c = i.parts.empty() ? nullptr : std::get_if<Circle>(&i.parts.front());
            const bool part = i.id.rfind("partmark-", 0) == 0;
            if (target == i.data.end() || !c || (i.id.rfind("marker-", 0) != 0 && !part))
                continue;
            const auto n = i.data.find("citation");
            out.push_back({target->second, n != i.data.end() ? n->second : i.id, *c, part});
        }
    }
    return out;
}

bool holds_its_badges(const Box& page_box, double area, double perimeter) {
    return std::min(page_box.width(), page_box.height()) >= 2 * kClearLeaderMm * kMm && perimeter > 0 &&
           2 * area / perimeter >= kBadgeRoomMm * kMm;
}

bool within_group_hull(const std::vector<Ring>& rings, const Box& b) {
    // Parts: rings not inside another (a lake's ring inside its island is a hole, not a part).
    std::vector<Point> points;
    int parts = 0;
    for (std::size_t i = 0; i < rings.size(); ++i) {
        if (rings[i].empty())
            continue;
        std::vector<Ring> others;
        for (std::size_t j = 0; j < rings.size(); ++j)
            if (j != i)
                others.push_back(rings[j]);
        if (inside_rings(others, rings[i].front()))
            continue;
        ++parts;
        points.insert(points.end(), rings[i].begin(), rings[i].end());
    }
    if (parts < 2)
        return false;
    // The convex hull (Andrew's monotone chain), counter-clockwise in page axes.
    std::sort(points.begin(), points.end(), [](const Point& p, const Point& q) { return p.x < q.x || (p.x == q.x && p.y < q.y); });
    auto turn = [](const Point& o, const Point& a, const Point& c) {
        return (a.x - o.x) * (c.y - o.y) - (a.y - o.y) * (c.x - o.x);
    };
    std::vector<Point> hull(2 * points.size());
    std::size_t k = 0;
    for (std::size_t i = 0; i < points.size(); hull[k++] = points[i++])
        while (k >= 2 && turn(hull[k - 2], hull[k - 1], points[i]) <= 0)
            --k;
    for (std::size_t i = points.size() - 1, t = k + 1; i-- > 0; hull[k++] = points[i])
        while (k >= t && turn(hull[k - 2], hull[k - 1], points[i]) <= 0)
            --k;
    hull.resize(k - 1);
    if (hull.size() < 3)
        return false;
    for (const Point& corner : {Point{b.minx, b.miny}, Point{b.maxx, b.miny}, Point{b.maxx, b.maxy}, Point{b.minx, b.maxy}})
        for (std::size_t i = 0; i < hull.size(); ++i)
            if (turn(hull[i], hull[(i + 1) % hull.size()], corner) < 0)
                return false;
    return true;
}

std::string QualityReport::summary(std::size_t max) const {
    std::string s;
    for (std::size_t i = 0; i < problems.size() && i < max; ++i)
        s += (i ? "; " : "") + problems[i];
    if (problems.size() > max)
        s += "; and " + std::to_string(problems.size() - max) + " more";
    return s;
}

void RefusalTally::add(const QualityReport& q) {
    if (q.ok())
        return;
    std::set<std::string> seen;
    for (const std::string& problem : q.problems) {
        std::string kind;
        for (std::size_t i = 0; i < problem.size(); ++i) {
            const bool figure = std::isdigit(static_cast<unsigned char>(problem[i])) ||
                                (problem[i] == '.' && i + 1 < problem.size() && std::isdigit(static_cast<unsigned char>(problem[i + 1])));
            if (!figure)
                kind += problem[i];
            else if (kind.empty() || kind.back() != '#')
                kind += '#';
        }
        if (!seen.insert(kind).second)
            continue;
        Kind& k = kinds_[kind];
        if (k.layouts++ == 0) {
            k.first_seen = kinds_.size();
            k.words = problem;
        }
    }
    if (layouts_++ == 0)
        first_ = q.problems;
}

std::string RefusalTally::summary(std::size_t max) const {
    const Kind* most = nullptr;
    for (const auto& [kind, k] : kinds_)
        if (!most || k.layouts > most->layouts || (k.layouts == most->layouts && k.first_seen < most->first_seen))
            most = &k;
    if (!most)
        return {};
    std::string s = most->words;
    if (layouts_ > 1)
        s += " (" + std::to_string(most->layouts) + " of " + std::to_string(layouts_) + " layouts)";
    std::size_t n = 1;
    for (const std::string& p : first_)
        if (p != most->words && n < max) {
            s += "; " + p;
            ++n;
        }
    return s;
}

QualityReport check_layout_quality(const Scene& scene, const Project& project, const QualityLimits& limits) {
    QualityReport r;
    const Box page{0, 0, scene.width, scene.height};
    std::vector<Placed> texts;
    std::unordered_set<std::string> ids;
    std::vector<Point> dots;
    std::vector<std::pair<std::string, Point>> anchors;
    struct Bare {
        std::string id;
        Point from, to;
    };
    std::vector<Bare> bare; // leaders of [[place]]s and [[line]]s: a line, no head
    std::set<std::string> unnamed; // zones whose name found no room: their markers say so
    for (const Layer& l : scene.layers) {
        const bool detail = l.id.rfind("detail-", 0) == 0;
        const bool leaders = l.id == "leaders" || (detail && l.id.find("leaders") != std::string::npos);
        for (const Item& i : l.items) {
            ids.insert(without_detail_prefix(i.id));
            if (i.data.count("unnamed") && i.data.count("zone"))
                unnamed.insert(i.data.at("zone"));
            for (const Primitive& p : i.parts) {
                if (const auto* t = std::get_if<Text>(&p))
                    texts.push_back({i.id, t->text, t->box, text_quads(*t), t->angle != 0 || !t->glyphs.empty()});
                if (const auto* c = std::get_if<Circle>(&p)) {
                    if (l.id == "localities" || (detail && l.id.find("localities") != std::string::npos))
                        dots.push_back(c->centre);
                    if (leaders)
                        anchors.emplace_back(i.id, c->centre);
                }
                // A leader's arrowhead: its tip, the first point of the filled shape, lies on the zone.
                if (const auto* s = std::get_if<Shape>(&p); leaders && s && s->fill && !s->rings.empty() &&
                                                             !s->rings.front().empty())
                    anchors.emplace_back(i.id, s->rings.front().front());
            }
            // A [[place]]'s or [[line]]'s leader is a bare line, with no data-anchor: measured along
            // its length (8., below). "North Gate" ended its leader 1.0 mm from Kelso Park's dot,
            // pointing at the town, and the check measured arrowheads only (audit s17 D4). A zone's
            // leader is bare ("line-end") only where its anchor on the zone lies by a dot anyway
            // (zone_labels.cpp, `by_dot`): its line ends on the zone, with no head to read as a town
            // (Aske base by Aske, Solund at 90 mm).
            // A zone's leader with an arrowhead ("edge") is measured along its length too: the Fogo port's
            // passed 1.8 mm from São Filipe's dot, and the check measured its head alone (audit s18 D12).
            const auto anchor_kind = i.data.find("anchor");
            if (leaders && (anchor_kind == i.data.end() || anchor_kind->second == "edge") && !i.parts.empty())
                if (const auto* s = std::get_if<Shape>(&i.parts.front()); s && !s->rings.empty() && s->rings.front().size() >= 2)
                    bare.push_back({i.id, s->rings.front().front(), s->rings.front().back()});
        }
    }
    // 1. Text on the page.
    const double eps = 0.01;
    for (const Placed& t : texts)
        if (!page.inflated(eps).contains(t.box))
            r.problems.push_back("text \"" + t.text + "\" (" + item_words(t.item, &project) + ") runs off the page");
    // 2. No overlapping text.
    std::sort(texts.begin(), texts.end(), [](const Placed& a, const Placed& b) { return a.box.minx < b.box.minx; });
    for (std::size_t i = 0; i < texts.size(); ++i)
        for (std::size_t j = i + 1; j < texts.size() && texts[j].box.minx < texts[i].box.maxx; ++j)
            // Lines of one item (a two-script name, a wrapped label) are set together by design.
            // A name turned along a zone is checked by its turned box (along a curve, its glyphs'), not
            // the box around it.
            if (texts[i].item != texts[j].item && texts[i].box.intersects(texts[j].box) &&
                (!(texts[i].turned || texts[j].turned) || quads_meet(texts[i], texts[j])))
                r.problems.push_back("\"" + texts[i].text + "\" (" + item_words(texts[i].item, &project) + ") overlaps \"" +
                                     texts[j].text + "\" (" + item_words(texts[j].item, &project) + ")");
    if (!limits.map_sheet)
        return r;
    // 3. Zones fill the frame; 4. every zone readable somewhere, with all its claims' markers.
    const Box frame = scene.georef.frame;
    Box zones{1e18, 1e18, -1e18, -1e18};
    std::unordered_set<std::string> readable;
    for (const Layer& l : scene.layers)
        for (const Item& i : l.items) {
            const std::string id = without_detail_prefix(i.id);
            if (id.rfind("zone-", 0) != 0)
                continue;
            const Box b = shape_bounds(i);
            if (b.minx > b.maxx)
                continue;
            if (std::max(b.width(), b.height()) >= 1.5 * kMm)
                readable.insert(id.substr(5));
        }
    // What the map is about, as the frame is chosen to show it (claimed_extent): the zones, and the
    // claimed [[line]]s and [[place]]s as drawn. On the zones alone, a ward whose claimed streets run
    // to its edge filled 56 % (audit s17 D9).
    for (const Layer& l : scene.layers)
        if (l.id == "zones" || l.id == "lines" || l.id == "places")
            for (const Item& i : l.items) {
                const std::string kind = l.id.substr(0, l.id.size() - 1) + "-"; // "zone-", "line-", "place-"
                if (i.id.rfind(kind, 0) != 0 || (kind != "zone-" && project.claims_of(i.id.substr(kind.size())).empty()))
                    continue;
                if (const Box b = shape_bounds(i); b.minx <= b.maxx)
                    zones.expand(b);
            }
    if (zones.minx <= zones.maxx && frame.width() > 0) {
        const Box in{std::max(zones.minx, frame.minx), std::max(zones.miny, frame.miny),
                     std::min(zones.maxx, frame.maxx), std::min(zones.maxy, frame.maxy)};
        double filled = std::max(0.0, in.width()) * std::max(0.0, in.height());
        // A detail inset is map content too: a map drawn smaller to leave a strip of its frame to the
        // insets of two cities fills the frame with the three of them.
        for (const Layer& l : scene.layers)
            for (const Item& i : l.items)
                if (l.id.rfind("detail-", 0) == 0 && i.id == l.id && i.parts.size() >= 2) {
                    Item border;
                    border.parts.push_back(i.parts[1]);
                    const Box b = shape_bounds(border);
                    const auto overlap = [](const Box& a, const Box& c) {
                        return std::max(0.0, std::min(a.maxx, c.maxx) - std::max(a.minx, c.minx)) *
                               std::max(0.0, std::min(a.maxy, c.maxy) - std::max(a.miny, c.miny));
                    };
                    filled += overlap(b, frame) - (in.minx < in.maxx && in.miny < in.maxy ? overlap(b, in) : 0);
                }
        r.zone_fill = std::min(1.0, filled / (frame.width() * frame.height()));
        r.fill_across = std::max(0.0, in.width()) / frame.width();
        r.fill_down = std::max(0.0, in.height()) / frame.height();
        const double aspect = zones.height() / std::max(zones.width(), 1e-9);
        r.fill_most = aspect > 5 ? 5 / aspect : aspect < 0.2 ? aspect / 0.2 : 1.0;
    }
    if (limits.min_zone_fill > 0 && r.zone_fill < limits.min_zone_fill * r.fill_most)
        r.problems.push_back("what the map is about (its zones, claimed lines and places, and insets) fills " +
                             fmt(100 * r.zone_fill) + " % of the map frame (at least " +
                             fmt(100 * limits.min_zone_fill * r.fill_most) + " % wanted)");
    for (const Zone& z : project.geo.zones) {
        const auto claims = project.claims_of(z.id);
        if (claims.empty() || !claims.front()->status)
            continue;
        if (!readable.count(z.id))
            r.problems.push_back("zone " + z.id + " is too small to see on the map and in every inset");
        for (const Claim* c : claims)
            if (!ids.count("marker-" + z.id + "-" + std::to_string(c->number)))
                r.problems.push_back("claim " + std::to_string(c->number) + " (zone " + z.id +
                                     ") has no marker on the map");
        // A long name left off a map that names its zones: a shorter name is the fix, said as the label
        // problem it is (layout_sheets advises it). A short one left off is the page's crowding.
        if (unnamed.count(z.id) && utf8::count(z.name) > kLongZoneName)
            r.problems.push_back("the label of zone " + z.id + " (\"" + z.name + "\") finds no room on or beside it: " +
                                 "the zone would go out unnamed, marked by its claim numbers alone");
    }
    // 4b. A claim's badge set on another zone reads as that zone's claim (Dunmere's seven numbers in a
    // row across the border in Calvo, with a 2 mm arrow back: a reader counts them as Calvo's). A badge
    // lies on its own zone; off every zone (beside a small one); on a zone holding or overlapping its
    // own only touching it (badge_touch_reach) or with a leader back to it; on a neighbour only with a
    // leader long enough to see (kClearLeaderMm). The copy of a zone's numbers beside a far part has no
    // leader: never on a neighbour.
    {
        std::map<std::string, const std::vector<Ring>*> outlines;
        std::map<std::string, const std::vector<Ring>*> squares; // drawn for zones too small to see
        std::map<std::string, double> leader_length;
        std::set<std::string> along; // zones named along their edge, with their badges in the name's row
        for (const Layer& l : scene.layers)
            for (const Item& i : l.items) {
                if (l.id == "labels" && i.id.rfind("label-", 0) == 0)
                    if (const auto a = i.data.find("along"); a != i.data.end() && a->second == "zone")
                        along.insert(i.id.substr(6));
                if (l.id == "zones" && i.id.rfind("zone-", 0) == 0 && !i.parts.empty()) {
                    if (const auto* sh = std::get_if<Shape>(&i.parts.front()))
                        outlines[i.id.substr(5)] = &sh->rings;
                    if (const auto sq = i.data.find("symbol"); sq != i.data.end() && sq->second == "square")
                        if (const auto* sh = std::get_if<Shape>(&i.parts.back()))
                            squares[i.id.substr(5)] = &sh->rings;
                }
                if (l.id == "leaders" && i.id.rfind("leader-", 0) == 0 && !i.parts.empty())
                    if (const auto* line = std::get_if<Shape>(&i.parts.front());
                        line && !line->rings.empty() && !line->rings.front().empty()) {
                        const Point end = line->rings.front().front();
                        Point tip = line->rings.front().back();
                        if (i.parts.size() > 1)
                            if (const auto* head = std::get_if<Shape>(&i.parts[1]);
                                head && !head->rings.empty() && !head->rings.front().empty())
                                tip = head->rings.front().front();
                        double& len = leader_length[i.id.substr(7)];
                        len = std::max(len, std::hypot(tip.x - end.x, tip.y - end.y));
                    }
            }
        std::map<std::string, std::size_t> index;
        for (std::size_t k = 0; k < project.geo.zones.size(); ++k)
            index[project.geo.zones[k].id] = k;
        // The badge's edge from its zone as drawn: the outline, or the square standing for it.
        auto gap_of = [&](const ClaimBadge& badge, const std::vector<Ring>& own) {
            double gap = rings_distance(own, badge.circle.centre);
            if (const auto sq = squares.find(badge.target); sq != squares.end())
                gap = std::min(gap, rings_distance(*sq->second, badge.circle.centre));
            return gap - badge.circle.radius;
        };
        // A zone's badges form one row (or block): the nearest touches its zone, the others follow it,
        // within 3 badge radii each (feature badges are held to the same row).
        struct Row {
            double nearest = 1e18, widest = 0;
            std::size_t count = 0;
        };
        const std::vector<ClaimBadge> all_badges = claim_badges(scene);
        std::map<std::pair<std::string, bool>, Row> rows; // by zone, and whether the copies of a far part
        for (const ClaimBadge& badge : all_badges)
            if (const auto own = outlines.find(badge.target); own != outlines.end()) {
                Row& row = rows[{badge.target, badge.part}];
                row.nearest = std::min(row.nearest, std::max(0.0, gap_of(badge, *own->second)));
                row.widest = std::max(row.widest, badge.circle.radius);
                ++row.count;
            }
        for (const ClaimBadge& badge : all_badges) {
            const std::string& zone = badge.target;
            const auto own = outlines.find(zone);
            const auto own_index = index.find(zone);
            if (own == outlines.end() || own_index == index.end() || inside_rings(*own->second, badge.circle.centre))
                continue;
            Box own_box{1e18, 1e18, -1e18, -1e18};
            for (const Ring& ring : *own->second)
                for (const Point& a : ring)
                    own_box.expand({a.x, a.y, a.x, a.y});
            // A zone too small to hold its badge (a crossing drawn as a small square) has it beside
            // it, where the ambiguity rule (check_label_ambiguity) judges it against a neighbour: only
            // a zone with room for its numbers is held to them there.
            const bool small = std::min(own_box.width(), own_box.height()) < 2 * kClearLeaderMm * kMm;
            // The zone's leader joins its name block, never the copy beside a far part: that copy
            // lies against its part, off every zone not holding it (link_other_parts).
            const auto len = leader_length.find(zone);
            const bool led = !badge.part && len != leader_length.end();
            const double gap = gap_of(badge, *own->second);
            const Row& row = rows.at({zone, badge.part});
            const double reach = badge_touch_reach(row.widest) + 0.05 * kMm;
            const bool touches = row.nearest <= reach &&
                                 gap <= reach + static_cast<double>(row.count - 1) * 3 * row.widest;
            const std::string claim = "claim " + badge.citation + " (zone " + zone + ")";
            bool on_other = false;
            for (const auto& [other, rings] : outlines) {
                const auto other_index = index.find(other);
                if (other == zone || other_index == index.end() || !inside_rings(*rings, badge.circle.centre))
                    continue;
                on_other = true;
                if (zones_overlap(project.geo, own_index->second, other_index->second) ||
                    lies_in_hole(*project.geo.ctx, project.geo.zones[own_index->second].geom.get(),
                                 project.geo.zones[other_index->second].geom.get())) {
                    // A zone holding or overlapping its own: the badge reads as the larger zone's
                    // unless it touches its own or a leader joins them. A row turned along its zone's
                    // edge follows it and reads as its own.
                    if (touches || led || (!badge.part && along.count(zone)))
                        continue;
                    r.problems.push_back(claim + " has its badge on zone " + other + ", " + mm_text(gap) +
                                         " mm from its own with no leader: it reads as " + other +
                                         "'s (set it against its zone, within " +
                                         mm_text(badge_touch_reach(badge.circle.radius)) + " mm, or with a leader)");
                    break;
                }
                if (badge.part) {
                    r.problems.push_back(claim + " repeats its badge for a far part of its zone on zone " + other +
                                         ": it reads as " + other + "'s claim");
                    break;
                }
                if (small || (led && len->second >= kClearLeaderMm * kMm))
                    continue;
                r.problems.push_back(claim + " has its badge on zone " + other + " with no clear leader back to its own");
                break;
            }
            const Box badge_box = Box{badge.circle.centre.x, badge.circle.centre.y, badge.circle.centre.x,
                                      badge.circle.centre.y}.inflated(badge.circle.radius);
            if (!badge.part && !on_other && !small && !led && !along.count(zone) && holds_its_badges(*own->second) &&
                !within_group_hull(*own->second, badge_box))
                r.problems.push_back(claim + " has its badge off its zone, with no leader back to it");
        }
    }
    // 4c. Nor on another zone or landmass where a spot against its zone is free.
    check_badges_on_other_ground(scene, project, r.problems);
    // A [[line]] or [[place]] drawn on the map carries the markers of all its claims too: a figure
    // page too narrow for them must fail, not drop two cited claims silently.
    for (const auto* features : {&project.geo.lines, &project.geo.places})
        for (const Zone& f : *features) {
            const bool line = features == &project.geo.lines;
            if (!ids.count((line ? "line-" : "place-") + f.id))
                continue; // not on this map
            for (const Claim* c : project.claims_of(f.id))
                if (!ids.count("marker-" + f.id + "-" + std::to_string(c->number)))
                    r.problems.push_back("claim " + std::to_string(c->number) + " (" + (line ? "line " : "place ") +
                                         f.id + ") has no marker on the map");
        }
    // 5. A detail inset covers no zone it does not show itself: it sits over sea, empty land or the
    // zones it magnifies, never over a zone the reader then loses. A zone at least five times the
    // inset's size (on the page) may lie partly under it: four fifths of it stay in view, with its
    // name (a small zone deep inside a country split between two large ones has no other room).
    std::map<std::string, Box> insets;                    // "detail-1-" -> the inset's box
    std::map<std::string, std::set<std::string>> shown;   // "detail-1-" -> zone ids drawn in it
    for (const Layer& l : scene.layers) {
        if (l.id.rfind("detail-", 0) != 0)
            continue;
        const std::string prefix = l.id.substr(0, l.id.find('-', 7) + 1);
        for (const Item& i : l.items) {
            // The link item: the frame on the main map, then the inset's border.
            if (i.id == prefix + "frame" && i.parts.size() >= 2) {
                Item border;
                border.parts.push_back(i.parts[1]);
                insets[prefix] = shape_bounds(border);
            }
            const std::string id = without_detail_prefix(i.id);
            const Box b = shape_bounds(i);
            if (id.rfind("zone-", 0) == 0 && b.minx <= b.maxx)
                shown[prefix].insert(id);
        }
    }
    // 5a. What an inset sets, its scale bar, names and badges, lies inside its frame: a bar beside the
    // frame read as the main map's (audit s11 D11). Its map layers are drawn clipped to the frame, and
    // a dot or badge counts by its centre (a town on the frame's edge keeps its dot, clipped).
    for (const Layer& l : scene.layers) {
        const std::string prefix = l.id.substr(0, l.id.find('-', 7) + 1);
        const bool furniture = l.id.size() > 10 && l.id.substr(l.id.size() - 10) == "-furniture";
        if (l.id.rfind("detail-", 0) != 0 || !insets.count(prefix))
            continue;
        for (const Item& i : l.items) {
            Box b = furniture ? bounds_of(i) : Box{1e18, 1e18, -1e18, -1e18};
            for (const Primitive& p : i.parts)
                if (const auto* t = std::get_if<Text>(&p))
                    b.expand(t->box);
                else if (const auto* c = std::get_if<Circle>(&p))
                    b.expand(Box{c->centre.x, c->centre.y, c->centre.x, c->centre.y});
            if (i.id != prefix + "frame" && b.minx <= b.maxx && !insets.at(prefix).inflated(0.5).contains(b))
                r.problems.push_back(item_words(i.id, &project) + " lies outside its inset's frame");
        }
    }
    for (const auto& [prefix, box] : insets)
        for (const Layer& l : scene.layers) {
            if (l.id != "zones")
                continue;
            for (const Item& i : l.items) {
                if (shown[prefix].count(i.id) || i.parts.empty())
                    continue;
                const auto* s = std::get_if<Shape>(&i.parts.front());
                double area = 0; // the zone's drawn area: its rings, holes wound the other way
                if (s)
                    for (const Ring& ring : s->rings)
                        for (std::size_t k = 0; k + 1 < ring.size(); ++k)
                            area += ring[k].x * ring[k + 1].y - ring[k + 1].x * ring[k].y;
                if (s && std::abs(area) / 2 < 5 * box.width() * box.height() &&
                    polygon_meets_box(s->rings, box.inflated(-0.5 * kMm)))
                    r.problems.push_back("detail inset " + prefix.substr(7, prefix.size() - 8) + " covers " +
                                         item_words(i.id, &project) + ", which it does not show");
            }
        }
    // 5b. The scale bar, north arrow and locator hide no zone with claims: they may lie over part of
    // a large zone (a map covered with zones has no other room), but a zone half under the bar's white
    // box is lost to the reader, and its numbers find no room beside it.
    for (const Layer& f : scene.layers) {
        if (f.id != "furniture")
            continue;
        for (const Item& piece : f.items) {
            Box b = shape_bounds(piece);
            for (const Primitive& p : piece.parts)
                if (const auto* t = std::get_if<Text>(&p))
                    b.expand(t->box);
            if (b.minx > b.maxx)
                continue;
            for (const Layer& l : scene.layers) {
                if (l.id != "zones")
                    continue;
                for (const Item& i : l.items) {
                    const auto* s = i.parts.empty() ? nullptr : std::get_if<Shape>(&i.parts.front());
                    if (!s || i.id.rfind("zone-", 0) != 0 || project.claims_of(i.id.substr(5)).empty())
                        continue;
                    const Box zb = shape_bounds(i);
                    const double w = std::min(zb.maxx, b.maxx) - std::max(zb.minx, b.minx);
                    const double h = std::min(zb.maxy, b.maxy) - std::max(zb.miny, b.miny);
                    if (w > 0 && h > 0 && w * h >= 0.5 * zb.width() * zb.height() && polygon_meets_box(s->rings, b))
                        r.problems.push_back(item_words(piece.id, &project) + " hides " + item_words(i.id, &project));
                }
            }
        }
    }
    // 5c. Furniture over zones, counted: the scale bar, north arrow and locator of the main map and
    // each inset's scale bar hide less than kFurnitureHidesShare of any zone with claims drawn there
    // (its area inside the map frame or the inset). A bar over a third of a land's eastern zone, or
    // over the island an inset magnifies, hid what the map is about.
    for (const Layer& f : scene.layers) {
        const bool main = f.id == "furniture";
        const bool detail = f.id.rfind("detail-", 0) == 0 && f.id.size() > 10 && f.id.substr(f.id.size() - 10) == "-furniture";
        if (!main && !detail)
            continue;
        const std::string prefix = main ? "" : f.id.substr(0, f.id.size() - 9);
        const Box within = main ? frame : (insets.count(prefix) ? insets.at(prefix) : Box{1e18, 1e18, -1e18, -1e18});
        if (within.minx > within.maxx)
            continue;
        for (const Item& piece : f.items)
            for (const Layer& l : scene.layers)
                if (l.id == prefix + "zones")
                    for (const auto& [zone, share] : zones_hidden_by(l, project, piece, within, kFurnitureHidesShare))
                        r.problems.push_back(item_words(piece.id, &project) + " covers " + fmt(100 * share) + " % of " +
                                             item_words(split_prefix(zone->id).second, &project));
    }
    // 6. A label outside its zone reads as that zone's.
    check_label_ambiguity(scene, r.problems, &project);
    // 6b. A zone's name on land no zone covers names that land.
    check_names_on_unclaimed_land(scene, r.problems);
    // 7. Leaders short, apart from each other and off other labels.
    check_leaders(scene, r.problems);
    // 7b. [[place]] and [[line]] badges beside their symbol, off other claimed zones.
    check_feature_badges(scene, project, r.problems);
    // 8. Leader anchors are not mistaken for towns.
    for (const auto& [id, a] : anchors)
        for (const Point& d : dots)
            if (std::hypot(a.x - d.x, a.y - d.y) < limits.anchor_clearance * kMm)
                r.problems.push_back("the anchor of " + item_words(id, &project) + " lies within " + fmt(limits.anchor_clearance) +
                                     " mm of a locality dot");
    // ... nor a bare leader's line, which points at a town it passes by or ends beside: the Sendu ferry's
    // passed 0.9 mm from Sendu's dot (audit s17 D4).
    for (const Bare& b : bare)
        for (const Point& d : dots)
            if (point_segment_distance(d, b.from, b.to) < limits.anchor_clearance * kMm) {
                r.problems.push_back(item_words(b.id, &project) + " passes within " + fmt(limits.anchor_clearance) +
                                     " mm of a locality dot: it points at the town");
                break;
            }
    return r;
}

} // namespace citemap

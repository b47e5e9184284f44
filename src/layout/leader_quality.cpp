// The layout-quality rules for leaders (see layout_quality.hpp): short, not crossing each other, not
// running through another label. Measured on the laid-out Scene, as a reader sees the page.
#include "layout/layout_quality.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>

namespace citemap {

namespace {

constexpr double kMm = 72.0 / 25.4;

// Whether segment a-b enters a convex quad (corners in order): an end inside, or an edge crossed.
bool segment_enters(Point a, Point b, const std::array<Point, 4>& q) {
    auto inside = [&](Point p) {
        int sign = 0;
        for (int i = 0; i < 4; ++i) {
            const double c = side_of(q[i], q[(i + 1) % 4], p);
            if (c == 0)
                return false; // on the edge: touching is not entering
            if (sign != 0 && (c > 0) != (sign > 0))
                return false;
            sign = c > 0 ? 1 : -1;
        }
        return true;
    };
    if (inside(a) || inside(b))
        return true;
    for (int i = 0; i < 4; ++i)
        if (segments_cross(a, b, q[i], q[(i + 1) % 4]))
            return true;
    return false;
}

struct Leader {
    std::string id, zone, prefix; // "leader-kilby-part-2": zone "kilby"
    Point a, b;
};

bool all_digits(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

// Whether an item is the leader's own label: the zone's name, its claim markers, a part's numbers.
bool own_item(const Leader& l, const std::string& item_id) {
    const auto [prefix, id] = split_prefix(item_id);
    if (prefix != l.prefix)
        return false;
    if (id == "label-" + l.zone)
        return true;
    for (const std::string& head : {"marker-" + l.zone + "-", "partmark-" + l.zone + "-"})
        if (id.rfind(head, 0) == 0) {
            std::string rest = id.substr(head.size());
            if (head[0] == 'p') // partmark-ZONE-K-N
                rest.erase(std::remove(rest.begin(), rest.end(), '-'), rest.end());
            if (all_digits(rest))
                return true;
        }
    return false;
}

} // namespace

std::string mm_text(double pt) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", pt / kMm);
    return buf;
}

double max_leader_length(const Box& frame) {
    return std::clamp(0.2 * std::min(frame.width(), frame.height()), kMinLeaderMm * kMm, kMaxLeaderMm * kMm);
}

void check_leaders(const Scene& scene, std::vector<std::string>& problems) {
    std::vector<Leader> leaders;
    for (const Layer& l : scene.layers) {
        if (l.id != "leaders" && !(l.id.rfind("detail-", 0) == 0 && l.id.find("leaders") != std::string::npos))
            continue;
        for (const Item& i : l.items) {
            const auto [prefix, id] = split_prefix(i.id);
            if (id.rfind("leader-", 0) != 0)
                continue;
            std::string zone = id.substr(7);
            if (const auto part = zone.rfind("-part-"); part != std::string::npos && all_digits(zone.substr(part + 6)))
                zone.resize(part);
            for (const Primitive& p : i.parts)
                if (const auto* s = std::get_if<Shape>(&p); s && !s->rings.empty() && s->rings.front().size() >= 2) {
                    leaders.push_back({i.id, zone, prefix, s->rings.front().front(), s->rings.front().back()});
                    break;
                }
        }
    }
    if (leaders.empty())
        return;
    const double limit = max_leader_length(scene.georef.frame);
    for (const Leader& l : leaders)
        if (const double len = std::hypot(l.b.x - l.a.x, l.b.y - l.a.y); len > limit + 0.5)
            problems.push_back(item_words(l.id, nullptr) + " is " + mm_text(len) + " mm long (at most " + mm_text(limit) +
                               " mm on this map): its label is too far from its zone");
    for (std::size_t i = 0; i < leaders.size(); ++i)
        for (std::size_t j = i + 1; j < leaders.size(); ++j)
            if (segments_cross(leaders[i].a, leaders[i].b, leaders[j].a, leaders[j].b))
                problems.push_back(item_words(leaders[i].id, nullptr) + " and " + item_words(leaders[j].id, nullptr) + " cross");
    // Through another label: any text but the leader's own label's, its box shrunk a little so a leader
    // ending beside a name does not count as running through it.
    for (const Layer& layer : scene.layers)
        for (const Item& item : layer.items)
            for (const Primitive& p : item.parts) {
                const auto* t = std::get_if<Text>(&p);
                if (!t || t->text.empty())
                    continue;
                // Each turned box (a glyph's each along a curve), shrunk.
                std::vector<std::array<Point, 4>> quads = text_quads(*t);
                Box qb{1e18, 1e18, -1e18, -1e18};
                for (std::array<Point, 4>& q : quads) {
                    const Point c{(q[0].x + q[2].x) / 2, (q[0].y + q[2].y) / 2};
                    for (Point& v : q) {
                        const double d = std::hypot(v.x - c.x, v.y - c.y);
                        if (d > 0.6)
                            v = {v.x + (c.x - v.x) * 0.4 / d, v.y + (c.y - v.y) * 0.4 / d};
                        qb.expand({v.x, v.y, v.x, v.y});
                    }
                }
                for (const Leader& l : leaders) {
                    const Box lb{std::min(l.a.x, l.b.x), std::min(l.a.y, l.b.y), std::max(l.a.x, l.b.x),
                                 std::max(l.a.y, l.b.y)};
                    if (lb.maxx < qb.minx || qb.maxx < lb.minx || lb.maxy < qb.miny || qb.maxy < lb.miny)
                        continue;
                    if (!own_item(l, item.id) &&
                        std::any_of(quads.begin(), quads.end(), [&](const auto& q) { return segment_enters(l.a, l.b, q); }))
                        problems.push_back(item_words(l.id, nullptr) + " runs through \"" + t->text + "\" (" + item_words(item.id, nullptr) + ")");
                }
            }
}

} // namespace citemap

// The layout-quality rule for the ground under a zone's name (see layout_quality.hpp): a name set on
// the mapped country's land that no zone covers names that land, unless it touches its zone or a
// leader clearly says whose it is.
#include "layout/layout_quality.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace citemap {

namespace {

constexpr double kMm = 72.0 / 25.4;

// The rings of the first shape of each item of a main-map layer whose id begins with `head`, by the rest of
// its id ("zones", "zone-": by zone id).
std::vector<std::pair<std::string, const std::vector<Ring>*>> first_rings(const Scene& scene, const std::string& layer,
                                                                          const std::string& head) {
    std::vector<std::pair<std::string, const std::vector<Ring>*>> out;
    for (const Layer& l : scene.layers)
        if (l.id == layer)
            for (const Item& i : l.items)
                if (i.id.rfind(head, 0) == 0 && !i.parts.empty())
                    if (const auto* s = std::get_if<Shape>(&i.parts.front()))
                        out.emplace_back(i.id.substr(head.size()), &s->rings);
    return out;
}

// The distance from a box to polygon rings (0 where they meet): the two do not cross, so it is the
// least distance from a ring's segment to the box's corners or from the box's edges to a ring's vertex.
double distance_to(const std::vector<Ring>& rings, const Box& b) {
    if (polygon_meets_box(rings, b))
        return 0;
    const Point corners[4] = {{b.minx, b.miny}, {b.maxx, b.miny}, {b.maxx, b.maxy}, {b.minx, b.maxy}};
    double d = 1e18;
    for (const Ring& r : rings)
        for (std::size_t k = 0; k < r.size(); ++k) {
            const Point& a = r[k];
            const Point& c = r[(k + 1) % r.size()];
            for (const Point& q : corners)
                d = std::min(d, point_segment_distance(q, a, c));
            for (int e = 0; e < 4; ++e)
                d = std::min(d, point_segment_distance(a, corners[e], corners[(e + 1) % 4]));
        }
    return d;
}

} // namespace

bool holds_its_badges(const std::vector<Ring>& rings) {
    Box box{1e18, 1e18, -1e18, -1e18};
    double area = 0, perimeter = 0; // holes wound the other way
    for (const Ring& ring : rings)
        for (std::size_t k = 0; k < ring.size(); ++k) {
            const Point& a = ring[k];
            const Point& b = ring[(k + 1) % ring.size()];
            box.expand({a.x, a.y, a.x, a.y});
            area += a.x * b.y - b.x * a.y;
            perimeter += std::hypot(b.x - a.x, b.y - a.y);
        }
    return box.minx <= box.maxx && holds_its_badges(box, std::abs(area) / 2, perimeter);
}

std::map<std::string, double> zone_leader_lengths(const Scene& scene) {
    std::map<std::string, double> out;
    for (const Layer& l : scene.layers)
        if (l.id == "leaders")
            for (const Item& i : l.items) {
                const auto* line = i.id.rfind("leader-", 0) == 0 && !i.parts.empty() ? std::get_if<Shape>(&i.parts.front()) : nullptr;
                if (!line || line->rings.empty() || line->rings.front().empty())
                    continue;
                const Point end = line->rings.front().front();
                Point tip = line->rings.front().back();
                // The arrowhead's first point is the leader's tip, on the zone.
                if (const auto* head = i.parts.size() > 1 ? std::get_if<Shape>(&i.parts[1]) : nullptr;
                    head && !head->rings.empty() && !head->rings.front().empty())
                    tip = head->rings.front().front();
                double& len = out[i.id.substr(7)];
                len = std::max(len, std::hypot(tip.x - end.x, tip.y - end.y));
            }
    return out;
}

void check_names_on_unclaimed_land(const Scene& scene, std::vector<std::string>& problems) {
    const auto outline = first_rings(scene, "outline", "");
    if (outline.empty())
        return;
    const auto zones = first_rings(scene, "zones", "zone-");
    const auto leaders = zone_leader_lengths(scene);
    for (const Layer& l : scene.layers) {
        if (l.id != "labels")
            continue;
        for (const Item& i : l.items) {
            if (i.id.rfind("label-", 0) != 0 || i.data.count("along"))
                continue; // a name turned along or inside its zone lies by it by construction
            const std::string zone = i.id.substr(6);
            const auto own = std::find_if(zones.begin(), zones.end(), [&](const auto& z) { return z.first == zone; });
            Box box{1e18, 1e18, -1e18, -1e18};
            for (const Primitive& p : i.parts)
                if (const auto* t = std::get_if<Text>(&p))
                    box.expand(t->box);
            if (own == zones.end() || box.minx > box.maxx)
                continue;
            const Point middle{(box.minx + box.maxx) / 2, (box.miny + box.maxy) / 2};
            bool on_land = false, on_zone = false;
            for (const auto& [id, rings] : outline)
                on_land = on_land || inside_rings(*rings, middle);
            for (const auto& [id, rings] : zones)
                on_zone = on_zone || inside_rings(*rings, middle);
            if (!on_land || on_zone)
                continue;
            // A zone too small for its badges has them and its name beside it, where the ambiguity rule
            // (check_label_ambiguity) judges them, as check 4b does its badges.
            if (!holds_its_badges(*own->second))
                continue;
            const auto led = leaders.find(zone);
            if (led != leaders.end() && led->second >= kClearLeaderMm * kMm)
                continue;
            // Touching its zone, beside it: a little more for the outlines' generalisation on the page.
            const double gap = distance_to(*own->second, box);
            if (gap <= (kTouchingNameMm + 0.3) * kMm)
                continue;
            problems.push_back("the name of zone " + zone + " (\"" + i.title + "\") is set on land no zone covers, " +
                               mm_text(gap) + " mm from its zone with no clear leader back to it, where it names that land");
        }
    }
}

} // namespace citemap

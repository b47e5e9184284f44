// The layout-quality rule for the claim badges of [[place]]s and [[line]]s (see layout_quality.hpp):
// beside their symbol, never on a claimed zone the feature does not lie on. Measured on the Scene.
#include "layout/layout_quality.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace citemap {

namespace {

constexpr double kMm = 72.0 / 25.4;

struct Badge {
    std::string citation;
    Point centre;
    double radius = 0;
};

// A feature as drawn: a place's diamond (its corners) or a line's paths.
struct Symbol {
    bool place = false;
    std::vector<Ring> paths;
};

// The distance from `p` to the symbol's edge (0 on or inside a diamond).
double distance_to(const Symbol& s, Point p) {
    if (s.place)
        return s.paths.empty() ? 1e18 : rings_distance(s.paths, p);
    double d = 1e18;
    for (const Ring& r : s.paths)
        for (std::size_t k = 0; k + 1 < r.size(); ++k)
            d = std::min(d, point_segment_distance(p, r[k], r[k + 1]));
    return d;
}

// Whether the symbol lies on a zone's drawn rings: the place's diamond (its centre or a corner)
// inside, as a ferry on the river between two districts lies on both, or the line with a vertex
// inside or crossing an edge.
bool lies_on(const Symbol& s, const std::vector<Ring>& zone) {
    if (s.place) {
        if (s.paths.empty() || s.paths.front().empty())
            return false;
        const Ring& diamond = s.paths.front();
        Point c{0, 0};
        for (const Point& q : diamond)
            c = {c.x + q.x / static_cast<double>(diamond.size()), c.y + q.y / static_cast<double>(diamond.size())};
        return inside_rings(zone, c) ||
               std::any_of(diamond.begin(), diamond.end(), [&](const Point& q) { return inside_rings(zone, q); });
    }
    for (const Ring& r : s.paths)
        for (std::size_t k = 0; k < r.size(); ++k) {
            if (inside_rings(zone, r[k]))
                return true;
            if (k + 1 < r.size())
                for (const Ring& z : zone)
                    for (std::size_t j = 0; j < z.size(); ++j)
                        if (segments_cross(r[k], r[k + 1], z[j], z[(j + 1) % z.size()]))
                            return true;
        }
    return false;
}

} // namespace

void check_feature_badges(const Scene& scene, const Project& project, std::vector<std::string>& problems) {
    std::map<std::string, Symbol> symbols; // "place X" / "line X"
    std::map<std::string, const std::vector<Ring>*> zones; // claimed zones as drawn
    std::set<std::string> leaders;
    for (const Layer& l : scene.layers)
        for (const Item& i : l.items) {
            const bool place = l.id == "places" && i.id.rfind("place-", 0) == 0;
            if (place || (l.id == "lines" && i.id.rfind("line-", 0) == 0)) {
                Symbol& s = symbols[(place ? "place " : "line ") + i.id.substr(place ? 6 : 5)];
                s.place = place;
                for (const Primitive& p : i.parts)
                    if (const auto* sh = std::get_if<Shape>(&p))
                        s.paths.insert(s.paths.end(), sh->rings.begin(), sh->rings.end());
            }
            if (l.id == "zones" && i.id.rfind("zone-", 0) == 0 && !i.parts.empty() &&
                !project.claims_of(i.id.substr(5)).empty())
                if (const auto* sh = std::get_if<Shape>(&i.parts.front()))
                    zones[i.id.substr(5)] = &sh->rings;
            if (l.id == "leaders" && i.id.rfind("leader-", 0) == 0)
                leaders.insert(i.id.substr(7));
        }
    std::map<std::string, std::vector<Badge>> badges;
    for (const ClaimBadge& b : claim_badges(scene))
        for (const char* kind : {"place ", "line "})
            if (!b.part && symbols.count(kind + b.target))
                badges[kind + b.target].push_back({b.citation, b.circle.centre, b.circle.radius});
    for (const auto& [feature, row] : badges) {
        const Symbol& s = symbols.at(feature);
        const std::string id = feature.substr(feature.find(' ') + 1);
        // Within reach: the nearest badge's edge kFeatureBadgeReachMm from the symbol, the others in
        // a row after it. A leader back to the symbol makes any distance clear.
        if (!leaders.count(id)) {
            double nearest = 1e18, widest = 0;
            for (const Badge& b : row) {
                nearest = std::min(nearest, distance_to(s, b.centre) - b.radius);
                widest = std::max(widest, b.radius);
            }
            const double reach = feature_badge_reach(widest) + 0.05 * kMm;
            const double row_reach = reach + static_cast<double>(row.size() - 1) * 3 * widest;
            for (const Badge& b : row) {
                const double gap = distance_to(s, b.centre) - b.radius;
                if (nearest > reach || gap > row_reach) {
                    problems.push_back("claim " + b.citation + " (" + feature + ") has its badge " + mm_text(gap) +
                                       " mm from its symbol, with no leader (at most " +
                                       mm_text(feature_badge_reach(widest)) + " mm)");
                    break;
                }
            }
        }
        // On another claimed zone, the numbers read as that zone's claims, unless a leader says whose.
        if (leaders.count(id))
            continue;
        for (const Badge& b : row)
            for (const auto& [zone, rings] : zones)
                if (inside_rings(*rings, b.centre) && !lies_on(s, *rings)) {
                    problems.push_back("claim " + b.citation + " (" + feature + ") has its badge on zone " + zone +
                                       ", which the " + feature.substr(0, feature.find(' ')) + " does not lie on");
                    break;
                }
    }
}

} // namespace citemap

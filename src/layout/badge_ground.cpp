// The layout-quality rule for the ground under a claim's badge (see layout_quality.hpp): a badge set on
// another zone or on another landmass than its zone's reads as a claim there, whatever a leader to its
// name says, and is refused where a spot against its own zone was free.
#include "layout/layout_quality.hpp"

#include "geo/geometry_ops.hpp"
#include "layout/map_transform.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <optional>

namespace citemap {

namespace {

constexpr double kMm = 72.0 / 25.4;

bool on_polygon(const GeosContext& ctx, const GEOSGeometry* polygon, Point w) {
    const GeosGeom pt = ctx.own(GEOSGeom_createPointFromXY_r(ctx.get(), w.x, w.y), "point");
    return GEOSIntersects_r(ctx.get(), polygon, pt.get()) == 1;
}

} // namespace

void check_badges_on_other_ground(const Scene& scene, const Project& project, std::vector<std::string>& problems) {
    const Geography& geo = project.geo;
    const GeosContext& ctx = *geo.ctx;
    const Box frame = scene.georef.frame;
    if (frame.width() <= 0 || scene.georef.world.width() <= 0)
        return;
    const MapTransform tf{scene.georef.world, frame};
    std::map<std::string, const std::vector<Ring>*> outlines; // the main map's zones, by id
    std::vector<Box> taken; // what a badge set elsewhere would have to keep off: text, badges, dots, furniture, insets
    for (const Layer& l : scene.layers) {
        const bool furniture = l.id == "furniture" || l.id.find("-furniture") != std::string::npos;
        for (const Item& i : l.items) {
            if (l.id == "zones" && i.id.rfind("zone-", 0) == 0 && !i.parts.empty())
                if (const auto* s = std::get_if<Shape>(&i.parts.front()))
                    outlines[i.id.substr(5)] = &s->rings;
            // An inset's frame, its link and the box round its cluster (one item).
            if (furniture || (l.id.rfind("detail-", 0) == 0 && i.id.size() > 5 && i.id.substr(i.id.size() - 5) == "frame")) {
                taken.push_back(bounds_of(i));
                continue;
            }
            for (const Primitive& p : i.parts)
                if (const auto* t = std::get_if<Text>(&p))
                    taken.push_back(t->box);
                else if (const auto* c = std::get_if<Circle>(&p))
                    taken.push_back(Box{c->centre.x, c->centre.y, c->centre.x, c->centre.y}.inflated(c->radius));
        }
    }
    // The drawn [[line]]s and the leaders, segment by segment: the placer keeps labels off them.
    std::vector<std::array<Point, 2>> strokes;
    for (const Layer& l : scene.layers)
        if (l.id == "lines" || l.id == "leaders")
            for (const Item& i : l.items)
                for (const Primitive& p : i.parts)
                    if (const auto* sh = std::get_if<Shape>(&p); sh && !sh->fill)
                        for (const Ring& ring : sh->rings)
                            for (std::size_t k = 1; k < ring.size(); ++k)
                                strokes.push_back({ring[k - 1], ring[k]});
    std::map<std::string, std::size_t> index;
    for (std::size_t k = 0; k < geo.zones.size(); ++k)
        index[geo.zones[k].id] = k;
    for (const ClaimBadge& badge : claim_badges(scene)) {
        const auto own = outlines.find(badge.target);
        const auto own_index = index.find(badge.target);
        const Point c = badge.circle.centre;
        const double r = badge.circle.radius;
        if (badge.part || own == outlines.end() || own_index == index.end() || inside_rings(*own->second, c))
            continue;
        const double reach = badge_touch_reach(r) + 0.05 * kMm;
        const double gap = rings_distance(*own->second, c) - r;
        if (gap <= reach)
            continue; // against its zone
        // The zones it could be read as: neither holding nor overlapping its own, nor round it.
        std::vector<std::pair<std::string, const std::vector<Ring>*>> foreign;
        for (const auto& [other, rings] : outlines) {
            const auto j = index.find(other);
            if (other == badge.target || j == index.end() || zones_overlap(geo, own_index->second, j->second) ||
                lies_in_hole(ctx, geo.zones[own_index->second].geom.get(), geo.zones[j->second].geom.get()) ||
                lies_in_hole(ctx, geo.zones[j->second].geom.get(), geo.zones[own_index->second].geom.get()))
                continue;
            foreign.emplace_back(other, rings);
        }
        // Another landmass: a polygon of the land and outline layers' union the zone does not meet (any
        // land, for a zone at sea). A neighbouring country is the same land (Gaza's badges over Israel).
        auto other_land = [&](Point page) {
            const GEOSGeometry* land = geo.kept_union(Geography::Kept::land_and_outline);
            if (!land)
                return false;
            const Point w = tf.to_world(page);
            for (int k = 0, n = GEOSGetNumGeometries_r(ctx.get(), land); k < n; ++k)
                if (const GEOSGeometry* part = GEOSGetGeometryN_r(ctx.get(), land, k); on_polygon(ctx, part, w))
                    return GEOSIntersects_r(ctx.get(), part, geo.zones[own_index->second].geom.get()) != 1;
            return false;
        };
        std::string ground;
        for (const auto& [other, rings] : foreign)
            if (inside_rings(*rings, c)) {
                ground = "zone " + other;
                break;
            }
        if (ground.empty() && other_land(c))
            ground = "another landmass than its zone's";
        if (ground.empty())
            continue;
        // A spot against the zone, walked along its outline every half millimetre, eight ways out, where
        // the placer tries one (zone_labels.cpp, badges_along_edge: the badge's box 0.3 mm off the edge);
        // held with room to spare over the placer's own rules, so a spot found here is one it found too:
        // its edge well within reach, the badge clear of everything set (text, badges, dots, furniture,
        // insets, drawn lines and leaders) by 0.8 mm (the placer keeps 0.6; more with a poster's larger
        // badges), inside the frame, its
        // box clear of the zones it could be read as by ambiguity_margin and 0.6 mm more, on no other ground.
        const double clear = std::max(0.8 * kMm, 0.55 * r);
        std::optional<Point> free;
        for (const Ring& ring : *own->second) {
            for (std::size_t k = 0; k < ring.size() && !free; ++k) {
                const Point a = ring[k], e = ring[(k + 1) % ring.size()];
                const double len = std::hypot(e.x - a.x, e.y - a.y);
                for (double t = 0; t < len && !free; t += 0.5 * kMm)
                    for (int dir = 0; dir < 8 && !free; ++dir) {
                        const Point s{a.x + (e.x - a.x) * t / len, a.y + (e.y - a.y) * t / len};
                        const double cx = std::cos(dir * M_PI / 4), cy = std::sin(dir * M_PI / 4);
                        // beside(): the box's nearest corner or side 0.3 mm from the edge point.
                        const double out = 0.3 * kMm + r * (dir % 2 ? std::sqrt(2.0) : 1.0);
                        const Point at{s.x + out * cx, s.y + out * cy};
                        const Box box = Box{at.x, at.y, at.x, at.y}.inflated(r);
                        if (!frame.inflated(-clear).contains(box) || polygon_meets_box(*own->second, box))
                            continue;
                        const double g = rings_distance(*own->second, at) - r;
                        if (g > badge_touch_reach(r) - 0.2 * kMm)
                            continue;
                        const Box room = box.inflated(clear);
                        if (std::any_of(taken.begin(), taken.end(), [&](const Box& b) { return b.intersects(room); }) ||
                            std::any_of(strokes.begin(), strokes.end(), [&](const std::array<Point, 2>& l) {
                                return point_segment_distance(at, l[0], l[1]) < r + clear + 0.6 * kMm;
                            }))
                            continue;
                        if (std::any_of(foreign.begin(), foreign.end(), [&](const auto& f) {
                                return polygon_meets_box(*f.second, room) ||
                                       rings_distance(*f.second, at) - std::sqrt(2.0) * r <
                                           ambiguity_margin(g + 0.1 * kMm) + 0.6 * kMm;
                            }))
                            continue;
                        if (!other_land(at))
                            free = at;
                    }
            }
            if (free)
                break;
        }
        if (free)
            problems.push_back("claim " + badge.citation + " (zone " + badge.target + ") has its badge on " + ground + ", " +
                               mm_text(gap) + " mm from its own, while a spot against its zone is free (" +
                               mm_text(free->x - frame.minx) + ", " + mm_text(free->y - frame.miny) +
                               " mm into the frame): it reads as a claim there");
    }
}

} // namespace citemap

// The layout-quality rule that a zone's name or number set outside the zone reads as that zone's: a
// reader gives a label to the nearest zone, so without a leader it must lie clearly nearer its own
// zone than any other, and one that touches its zone's edge must not lie mostly on the neighbour
// across it (see layout_quality.hpp). Measured on the page, on the drawn zone outlines.
#include "layout/layout_quality.hpp"

#include "geo/geometry_ops.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <set>

namespace citemap {

namespace {

constexpr double kMm = 72.0 / 25.4;

using Quad = std::array<Point, 4>;

bool inside_quad(const Quad& q, Point p) {
    int sign = 0;
    for (int i = 0; i < 4; ++i) {
        const double c = side_of(q[i], q[(i + 1) % 4], p);
        if (c != 0) {
            if (sign != 0 && (c > 0) != (sign > 0))
                return false;
            sign = c > 0 ? 1 : -1;
        }
    }
    return true;
}

// A drawn zone: its outline rings on the page and their bounding box.
struct Outline {
    std::vector<Ring> rings;
    Box box{1e18, 1e18, -1e18, -1e18};
};

double box_gap(const Box& a, const Box& b) {
    return std::hypot(std::max({0.0, a.minx - b.maxx, b.minx - a.maxx}), std::max({0.0, a.miny - b.maxy, b.miny - a.maxy}));
}

Box quad_box(const Quad& q) {
    Box b{1e18, 1e18, -1e18, -1e18};
    for (const Point& p : q)
        b.expand({p.x, p.y, p.x, p.y});
    return b;
}

// The distance from a (convex) quad to a zone on the page; 0 when they meet.
double quad_distance(const Quad& q, const Outline& z) {
    if (inside_rings(z.rings, {(q[0].x + q[2].x) / 2, (q[0].y + q[2].y) / 2}))
        return 0;
    double d = 1e18;
    for (const Ring& r : z.rings)
        for (std::size_t i = 0, n = r.size(); i < n; ++i) {
            const Point& a = r[i];
            const Point& b = r[(i + 1) % n];
            if (inside_quad(q, a))
                return 0;
            for (int k = 0; k < 4; ++k) {
                const Point& c = q[k];
                const Point& e = q[(k + 1) % 4];
                if (segments_cross(a, b, c, e))
                    return 0;
                d = std::min({d, point_segment_distance(c, a, b), point_segment_distance(a, c, e)});
            }
        }
    return d;
}

// Whether any point or edge of one zone's outline lies on the other's.
bool outlines_touch(const Outline& a, const Outline& b) {
    for (const Ring& r : a.rings)
        for (const Point& p : r)
            if (inside_rings(b.rings, p))
                return true;
    for (const Ring& r : b.rings)
        for (const Point& p : r)
            if (inside_rings(a.rings, p))
                return true;
    for (const Ring& r : a.rings)
        for (std::size_t i = 0; i < r.size(); ++i)
            for (const Ring& s : b.rings)
                for (std::size_t j = 0; j < s.size(); ++j)
                    if (segments_cross(r[i], r[(i + 1) % r.size()], s[j], s[(j + 1) % s.size()]))
                        return true;
    return false;
}

// Whether two zones overlap or one holds the other: a label beside a zone nested in a larger one
// necessarily lies on the larger one, and reads as the nested zone's by the nesting. Zones that only
// share a border (drawn twice, overlapping by a sliver) do not: a label across it reads as the
// neighbour's. The common share is measured on a grid over the smaller zone (kZoneOverlapShare);
// a zone too thin for the grid counts as overlapping whatever it touches.
bool zones_meet(const Outline& a, const Outline& b) {
    if (!a.box.intersects(b.box))
        return false;
    const bool a_smaller = a.box.width() * a.box.height() <= b.box.width() * b.box.height();
    const Outline& small = a_smaller ? a : b;
    const Outline& large = a_smaller ? b : a;
    constexpr int kGrid = 16;
    int in_small = 0, in_both = 0;
    for (int i = 0; i < kGrid; ++i)
        for (int j = 0; j < kGrid; ++j) {
            const Point p{small.box.minx + (i + 0.5) * small.box.width() / kGrid,
                          small.box.miny + (j + 0.5) * small.box.height() / kGrid};
            if (!inside_rings(small.rings, p))
                continue;
            ++in_small;
            in_both += inside_rings(large.rings, p);
        }
    if (in_small < 8)
        return outlines_touch(a, b);
    return in_both >= kZoneOverlapShare * in_small;
}

// The share of a box's area inside a zone, from a grid of points.
double share_inside(const Box& b, const Outline& z) {
    if (!b.intersects(z.box))
        return 0;
    constexpr int kX = 12, kY = 6;
    int hits = 0;
    for (int i = 0; i < kX; ++i)
        for (int j = 0; j < kY; ++j)
            hits += inside_rings(z.rings, {b.minx + (i + 0.5) * b.width() / kX, b.miny + (j + 0.5) * b.height() / kY});
    return hits / double(kX * kY);
}

std::string pct(double share) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", 100 * share);
    return buf;
}

std::string mm(double pt) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", pt / kMm);
    return buf;
}

Quad box_quad(const Box& b) {
    return {Point{b.minx, b.miny}, Point{b.maxx, b.miny}, Point{b.maxx, b.maxy}, Point{b.minx, b.maxy}};
}

} // namespace

std::pair<std::string, std::string> split_prefix(const std::string& id) {
    if (id.rfind("detail-", 0) != 0)
        return {"", id};
    const auto dash = id.find('-', 7);
    return dash == std::string::npos ? std::pair{std::string(), id}
                                     : std::pair{id.substr(0, dash + 1), id.substr(dash + 1)};
}

bool zones_overlap(const GeosContext& ctx, const GEOSGeometry* a, const GEOSGeometry* b) {
    const double smaller = std::min(geom::area(ctx, a), geom::area(ctx, b));
    if (smaller <= 0)
        return true;
    GeosGeom common = geom::intersection(ctx, a, b);
    return geom::area(ctx, common.get()) >= kZoneOverlapShare * smaller;
}

bool zones_overlap(const Geography& geo, std::size_t a, std::size_t b) {
    const GeosContext& ctx = *geo.ctx;
    const double smaller = std::min(geom::area(ctx, geo.zones.at(a).geom.get()), geom::area(ctx, geo.zones.at(b).geom.get()));
    if (smaller <= 0)
        return true;
    return geo.common_area(a, b) >= kZoneOverlapShare * smaller;
}

bool zones_overlap(const Geography& geo, const Zone& a, const Zone& b) {
    // A project zone's position is its offset in geo.zones; a zone made elsewhere (an inset's) has none.
    auto position = [&](const Zone& z) {
        const std::less<const Zone*> before; // a total order, also for pointers into other arrays
        const Zone* first = geo.zones.data();
        const Zone* end = first + geo.zones.size();
        return before(&z, first) || !before(&z, end) ? geo.zones.size() : static_cast<std::size_t>(&z - first);
    };
    const std::size_t i = position(a), j = position(b);
    if (i < geo.zones.size() && j < geo.zones.size())
        return zones_overlap(geo, i, j);
    return zones_overlap(*geo.ctx, a.geom.get(), b.geom.get());
}

bool lies_in_hole(const GeosContext& ctx, const GEOSGeometry* inner, const GEOSGeometry* outer) {
    const int parts = GEOSGetNumGeometries_r(ctx.get(), outer);
    for (int k = 0; k < parts; ++k) {
        const GEOSGeometry* part = GEOSGetGeometryN_r(ctx.get(), outer, k);
        if (GEOSGeomTypeId_r(ctx.get(), part) != GEOS_POLYGON || GEOSGetNumInteriorRings_r(ctx.get(), part) < 1)
            continue;
        GEOSGeometry* ring = GEOSGeom_clone_r(ctx.get(), GEOSGetExteriorRing_r(ctx.get(), part));
        const GeosGeom shell = ctx.own(GEOSGeom_createPolygon_r(ctx.get(), ring, nullptr, 0), "polygon");
        if (GEOSContains_r(ctx.get(), shell.get(), inner) != 1)
            continue;
        // Well within it, as an enclave lies: a strip cut out of the rest of the country ("the hills
        // but the river") runs across most of it and is its neighbour, named on itself or beside.
        const Box in = geom::bounds(ctx, inner), out = geom::bounds(ctx, shell.get());
        if (in.width() <= kHoleShare * out.width() && in.height() <= kHoleShare * out.height())
            return true;
    }
    return false;
}

double ambiguity_margin(double own_distance) {
    return std::max(2 * own_distance, own_distance + 1.5 * kMm);
}

void check_label_ambiguity(const Scene& scene, std::vector<std::string>& problems, const Project* project) {
    // Whether two zones overlap, decided once per pair: on the project's geometry when there is one.
    std::map<std::pair<std::string, std::string>, bool> meet_cache;
    auto meet = [&](const std::string& a, const Outline& oa, const std::string& b, const Outline& ob) {
        if (!oa.box.intersects(ob.box))
            return false;
        const auto key = a < b ? std::pair{a, b} : std::pair{b, a};
        if (auto it = meet_cache.find(key); it != meet_cache.end())
            return it->second;
        bool m = false;
        const Zone* za = project ? project->geo.zone(a) : nullptr;
        const Zone* zb = project ? project->geo.zone(b) : nullptr;
        if (za && zb) {
            const GeosContext& ctx = *project->geo.ctx;
            m = (geom::intersects(ctx, za->geom.get(), zb->geom.get()) && zones_overlap(project->geo, *za, *zb)) ||
                lies_in_hole(ctx, za->geom.get(), zb->geom.get()) || lies_in_hole(ctx, zb->geom.get(), za->geom.get());
        } else {
            m = zones_meet(oa, ob);
        }
        return meet_cache[key] = m;
    };
    // Per map (the main map "", each inset "detail-N-"): the zones drawn, the labels and markers set
    // for them, and which have leaders.
    std::map<std::string, std::map<std::string, Outline>> zones;
    struct Block {
        std::vector<Quad> quads; // turned rows: each part; else one box around the name and markers
        Box box{1e18, 1e18, -1e18, -1e18};
        bool along = false;
        std::string name;
    };
    std::map<std::string, std::map<std::string, Block>> blocks;
    std::set<std::pair<std::string, std::string>> led;
    for (const Layer& l : scene.layers)
        for (const Item& i : l.items) {
            const auto [prefix, id] = split_prefix(i.id);
            if (id.rfind("zone-", 0) == 0) {
                Outline& o = zones[prefix][id.substr(5)];
                // The stroked shapes: the outline, and the square standing in for a zone too small to see
                // (not the open lines of the zones' edges under it, map_layers.cpp).
                for (const Primitive& p : i.parts)
                    if (const auto* s = std::get_if<Shape>(&p); s && s->stroke && s->closed)
                        for (const Ring& r : s->rings) {
                            o.rings.push_back(r);
                            for (const Point& pt : r)
                                o.box.expand({pt.x, pt.y, pt.x, pt.y});
                        }
            } else if (id.rfind("leader-", 0) == 0) {
                led.insert({prefix, id.substr(7)});
            } else if (id.rfind("label-", 0) == 0 || id.rfind("marker-", 0) == 0) {
                const bool label = id[0] == 'l';
                const std::string zone = label ? id.substr(6) : id.substr(7, id.rfind('-') - 7);
                Block& b = blocks[prefix][zone];
                if (label) {
                    b.along = i.data.count("along") > 0;
                    b.name = i.title;
                }
                for (const Primitive& p : i.parts) {
                    if (const auto* t = std::get_if<Text>(&p)) {
                        for (const auto& q : text_quads(*t))
                            b.quads.push_back(q);
                        b.box.expand(t->box);
                    } else if (const auto* c = std::get_if<Circle>(&p)) {
                        const Box cb{c->centre.x - c->radius, c->centre.y - c->radius, c->centre.x + c->radius,
                                     c->centre.y + c->radius};
                        b.quads.push_back(box_quad(cb));
                        b.box.expand(cb);
                    }
                }
            }
        }
    for (auto& [prefix, by_zone] : blocks)
        for (auto& [zone, b] : by_zone) {
            const auto& outlines = zones[prefix];
            const auto own = outlines.find(zone);
            if (own == outlines.end() || own->second.rings.empty() || led.count({prefix, zone}) || b.box.minx > b.box.maxx)
                continue; // a line's or a place's label, or joined to its zone by a leader
            // A name with its numbers under it reads as one block; a row turned along a zone, part by part.
            const std::vector<Quad> parts = b.along ? b.quads : std::vector<Quad>{box_quad(b.box)};
            bool reported = false;
            for (const Quad& q : parts) {
                if (reported)
                    break; // one problem per label
                const double d_own = quad_distance(q, own->second);
                if (d_own <= 0) {
                    // On its zone, at least in part: it must lie mostly on it, not mostly on a neighbour.
                    if (b.along)
                        continue; // a row turned along its zone is measured part by part
                    const Box qb = quad_box(q);
                    const double own_share = share_inside(qb, own->second);
                    for (const auto& [other, o] : outlines) {
                        if (other == zone || o.rings.empty() || !qb.intersects(o.box) || meet(zone, own->second, other, o))
                            continue;
                        const double share = share_inside(qb, o);
                        if (share >= kForeignLabelShare && share > own_share) {
                            problems.push_back("the label of zone " + zone +
                                               (b.name.empty() ? "" : " (\"" + b.name + "\")") +
                                               (prefix.empty() ? "" : " in " + prefix.substr(0, prefix.size() - 1)) +
                                               " lies " + pct(share) + " % on zone " + other + " and only " +
                                               pct(own_share) + " % on its own, with no leader: it reads as " +
                                               other + "'s");
                            reported = true;
                            break;
                        }
                    }
                    continue;
                }
                const Box qb = quad_box(q);
                // Between the islands of its group, the name is the group's (within_group_hull): only
                // one over another zone reads as that zone's.
                const double limit = within_group_hull(own->second.rings, qb) ? 1e-9 : ambiguity_margin(d_own);
                for (const auto& [other, o] : outlines) {
                    if (other == zone || o.rings.empty() || box_gap(qb, o.box) >= limit || meet(zone, own->second, other, o))
                        continue;
                    const double d = quad_distance(q, o);
                    if (d < limit) {
                        problems.push_back("the label of zone " + zone + (b.name.empty() ? "" : " (\"" + b.name + "\")") +
                                           (prefix.empty() ? "" : " in " + prefix.substr(0, prefix.size() - 1)) +
                                           " lies outside it, " + mm(d_own) + " mm away, but " + mm(d) +
                                           " mm from zone " + other + " and has no leader: it reads as " + other +
                                           "'s");
                        reported = true;
                        break;
                    }
                }
            }
            // A zone many times the size of its name (a district, a coastal strip) has its name on it;
            // set mostly off it (on the sea, on the neighbouring land) without a leader, the name reads
            // as that ground's. Islands and rocks smaller than their names are named beside them.
            if (!reported && !b.along && !b.name.empty() && !within_group_hull(own->second.rings, b.box) &&
                own->second.box.width() * own->second.box.height() >= kOffZoneNameArea * b.box.width() * b.box.height()) {
                if (const double own_share = share_inside(b.box, own->second); own_share < 0.5) {
                    problems.push_back("the label of zone " + zone + " (\"" + b.name + "\")" +
                                       (prefix.empty() ? "" : " in " + prefix.substr(0, prefix.size() - 1)) + " lies " +
                                       pct(1 - own_share) +
                                       " % off its zone, on the sea or other land, with no leader: it reads as that ground's");
                }
            }
        }
}

} // namespace citemap

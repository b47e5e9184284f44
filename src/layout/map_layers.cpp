// Base layers and zones, clipped to the map frame and projected to the page.
#include "geo/geometry_ops.hpp"
#include "layout/frame_ground.hpp"
#include "layout/layout_context.hpp"
#include "layout/layout_quality.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>

namespace citemap {

std::vector<Ring> LayoutContext::to_page(const std::vector<Ring>& world) const {
    std::vector<Ring> out;
    for (const Ring& r : world) {
        Ring pr;
        pr.reserve(r.size());
        for (const Point& p : r)
            pr.push_back(tf.to_page(p));
        out.push_back(std::move(pr));
    }
    return out;
}

bool LayoutContext::layer_visible(const BaseLayer& bl) const {
    const std::vector<BaseLayer>& layers = project.geo.layers;
    return project.geo.layer_meets(static_cast<std::size_t>(&bl - layers.data()),
                                   content.width() > 0 ? content : project.geo.zones_extent);
}

namespace {
int drawing_rank(const Claim& c) {
    switch (c.spec->modality) {
    case Modality::reported:
        return 0;
    case Modality::plan:
        return 1;
    case Modality::projection:
        return 2;
    case Modality::denial:
        return 3;
    }
    return 4;
}

// The least width on the page (mm) of a zone's primary fill between the bands of its further claims,
// for the fill to read as its colour: a line drawn over a thin zone takes a quarter of its width
// (map_lines.cpp), and the zone's outline a little more on each side.
constexpr double kReadableFillMm = 2.5;

// Whether a zone whose further claims take `bands` (map units) inside its edge keeps its primary fill
// readable: most of what the bands leave lies in parts at least kReadableFillMm across. The bands
// narrow until half the zone's area keeps its fill, which on a 2 km strip at national scale left a
// 0.3 mm sliver of orange between two blue hatched bands and the demarcation line over it: a brown rim,
// not the legend's "reported" colour. Such a zone keeps its fill whole; its further claims are shown
// by their markers.
// `core` is the zone shrunk by the bands.
bool primary_stays_readable(const LayoutContext& lc, const GEOSGeometry* core) {
    const GeosContext& ctx = *lc.project.geo.ctx;
    const double core_area = geom::area(ctx, core);
    if (core_area <= 0)
        return false;
    // The core opened by half the readable width: only its parts at least that wide remain.
    const double r = kReadableFillMm / 2 * (72 / 25.4) / lc.tf.scale();
    const GeosGeom eroded = geom::buffer(ctx, core, -r);
    if (geom::is_empty(ctx, eroded.get()))
        return false;
    const GeosGeom opened = geom::buffer(ctx, eroded.get(), r);
    return geom::area(ctx, opened.get()) >= 0.5 * core_area;
}
} // namespace

std::vector<const Claim*> in_drawing_order(std::vector<const Claim*> claims) {
    std::stable_sort(claims.begin(), claims.end(),
                     [](const Claim* a, const Claim* b) { return drawing_rank(*a) < drawing_rank(*b); });
    return claims;
}

std::vector<const Claim*> band_claims(const std::vector<const Claim*>& drawn) {
    std::vector<const Claim*> out;
    auto same = [](const Claim* a, const Claim* b) {
        return a->status == b->status && a->spec->modality == b->spec->modality;
    };
    for (std::size_t k = 1; k < drawn.size() && out.size() < kMostBands; ++k)
        if (!same(drawn[k], drawn.front()) &&
            std::none_of(out.begin(), out.end(), [&](const Claim* c) { return same(c, drawn[k]); }))
            out.push_back(drawn[k]);
    return out;
}

std::unordered_map<std::string_view, const Claim*> primary_claims(const Project& p) {
    std::unordered_map<std::string_view, const Claim*> out;
    for (const Claim& c : p.claims)
        if (auto [it, added] = out.emplace(c.spec->zone, &c); !added && drawing_rank(c) < drawing_rank(*it->second))
            it->second = &c;
    return out;
}

const Claim* primary_claim(const Project& p, const std::string& zone_id) {
    const Claim* best = nullptr;
    for (const Claim& c : p.claims)
        if (c.spec->zone == zone_id && (!best || drawing_rank(c) < drawing_rank(*best)))
            best = &c;
    return best;
}

bool LayoutContext::visible_kept() const {
    const Box& w = tf.world;
    return w.minx == visible_world_.minx && w.miny == visible_world_.miny && w.maxx == visible_world_.maxx &&
           w.maxy == visible_world_.maxy && tf.scale() == visible_scale_;
}

LayoutContext::VisiblePart& LayoutContext::visible_entry(std::size_t zone) const {
    const Box& w = tf.world;
    if (!visible_kept()) {
        visible_.clear();
        visible_world_ = w;
        visible_scale_ = tf.scale();
    }
    VisiblePart& v = visible_[zone];
    if (!v.geom) {
        const GeosContext& ctx = *project.geo.ctx;
        const GEOSGeometry* g = project.geo.zones.at(zone).geom.get();
        // A zone the world lies around: the overlay every page shares (the drawing's too).
        v.geom = !geom::is_empty(ctx, g) && w.strictly_around(geom::bounds(ctx, g))
                     ? ctx.clone(project.geo.within_any_box(g))
                     : geom::intersection(ctx, g, ctx.box(w).get());
    }
    return v;
}

const GEOSGeometry* LayoutContext::visible_part(std::size_t zone) const {
    return visible_entry(zone).geom.get();
}

const geom::Circle& LayoutContext::visible_circle(std::size_t zone) const {
    VisiblePart& v = visible_entry(zone);
    if (!v.circle)
        v.circle = geom::max_inscribed_circle(*project.geo.ctx, v.geom.get(), 1.0 / tf.scale());
    return *v.circle;
}

const std::set<std::string>& LayoutContext::nested() const {
    if (nested_set)
        return *nested_set;
    if (!own_nested_)
        own_nested_ = nested_zones(project);
    return *own_nested_;
}

std::set<std::string> nested_zones(const Project& p) {
    // A zone inside a larger one drawn the same way keeps only its outline: stacking two
    // translucent fills would invent a darker class the legend does not explain.
    const GeosContext& ctx = *p.geo.ctx;
    const auto& zones = p.geo.zones;
    // Each zone's primary claim, area and extent, once: the pairwise pass then does no string search.
    const auto first_by_id = primary_claims(p);
    std::vector<const Claim*> primary(zones.size(), nullptr);
    std::vector<double> areas(zones.size());
    std::vector<Box> extent(zones.size());
    for (std::size_t i = 0; i < zones.size(); ++i) {
        if (auto it = first_by_id.find(zones[i].id); it != first_by_id.end())
            primary[i] = it->second;
        areas[i] = geom::area(ctx, zones[i].geom.get());
        extent[i] = geom::is_empty(ctx, zones[i].geom.get()) ? Box{1, 1, 0, 0} : geom::bounds(ctx, zones[i].geom.get());
    }
    // A zone is nested in a larger zone of its band (status and modality), or in the one it names as
    // part_of: each band's zones are listed largest first, so a zone looks only at those larger than
    // itself (1000 zones: a million pairs per composition candidate became a few thousand).
    std::map<std::pair<const StatusSpec*, Modality>, std::vector<std::size_t>> bands;
    std::unordered_map<std::string_view, std::size_t> index_of;
    for (std::size_t j = 0; j < zones.size(); ++j) {
        index_of.emplace(zones[j].id, j);
        if (primary[j])
            bands[{primary[j]->status, primary[j]->spec->modality}].push_back(j);
    }
    for (auto& [band, members] : bands)
        std::stable_sort(members.begin(), members.end(),
                         [&](std::size_t a, std::size_t b) { return areas[a] > areas[b]; });
    std::set<std::string> out;
    for (std::size_t i = 0; i < zones.size(); ++i) {
        const Claim* mine = primary[i];
        if (!mine)
            continue;
        const auto parent = zones[i].part_of.empty() ? index_of.end() : index_of.find(zones[i].part_of);
        if (parent != index_of.end() && parent->second != i && primary[parent->second] &&
            primary[parent->second]->status == mine->status &&
            primary[parent->second]->spec->modality == mine->spec->modality) { // declared, not guessed
            out.insert(zones[i].id);
            continue;
        }
        const double area = areas[i];
        for (std::size_t j : bands[{mine->status, mine->spec->modality}]) {
            if (areas[j] <= area)
                break; // the rest are no larger
            // 95 % of the zone inside the other needs their extents to overlap at all.
            const Box &a = extent[i], &b = extent[j];
            if (a.minx > b.maxx || b.minx > a.maxx || a.miny > b.maxy || b.miny > a.maxy)
                continue;
            GeosGeom inside = geom::intersection(ctx, zones[i].geom.get(), zones[j].geom.get());
            if (geom::area(ctx, inside.get()) > 0.95 * area) {
                out.insert(zones[i].id);
                break;
            }
        }
    }
    return out;
}

Stroke nested_zone_stroke(const Stroke& primary, double u) {
    return {primary.color.mix({0, 0, 0, 1}, 0.3), 0.8 * u, {3 * u, 1.5 * u}, true};
}

namespace {

// Whose geometry a drawing clips: the geography's own (a zone's or a feature's, alive as long as the
// project), whose overlay with a frame round it every page shares (Geography::within_any_box), or
// one made for this page.
enum class Owner { page, geography };

// What of `g` lies in the visible world (with a margin so strokes do not end at the frame edge):
// nothing when its envelope is outside; with `keep_inside`, itself when its envelope is inside (most
// features of a big base layer: no GEOS overlay); else the intersection, the project's where the
// world lies strictly around the geography's own geometry.
GeosGeom visible_part(const LayoutContext& lc, const GEOSGeometry* g, bool keep_inside, Owner owner) {
    const GeosContext& ctx = *lc.project.geo.ctx;
    const Box world = lc.tf.world.inflated(lc.tf.world.width() * 0.01);
    if (geom::is_empty(ctx, g))
        return nullptr;
    const Box extent = geom::bounds(ctx, g);
    if (!world.intersects(extent))
        return nullptr;
    if (keep_inside && world.contains(extent))
        return ctx.clone(g);
    if (owner == Owner::geography && world.strictly_around(extent))
        return ctx.clone(lc.project.geo.within_any_box(g));
    GeosGeom frame = ctx.box(world);
    return geom::intersection(ctx, g, frame.get());
}

// Clipped to the visible world and flattened into page rings. Zones always go through the overlay:
// it decides where a ring starts and which way it runs, and a dashed outline's pattern runs from
// there. Base layers (fills and solid strokes, where neither matters) may skip it.
std::vector<Ring> visible_polygon_rings(const LayoutContext& lc, const GEOSGeometry* g, Owner owner,
                                        bool base_layer = false) {
    const GeosContext& ctx = *lc.project.geo.ctx;
    GeosGeom clipped = visible_part(lc, g, base_layer, owner);
    if (!clipped)
        return {};
    std::vector<Ring> rings;
    for (auto& poly : geom::polygons(ctx, clipped.get()))
        for (auto& r : poly)
            rings.push_back(std::move(r));
    return lc.to_page(rings);
}

std::vector<Ring> visible_lines(const LayoutContext& lc, const GEOSGeometry* g, Owner owner,
                                const GEOSGeometry* land) {
    const GeosContext& ctx = *lc.project.geo.ctx;
    // Always through the overlay, as zones: boundary lines are dashed.
    GeosGeom clipped = visible_part(lc, g, false, owner);
    if (!clipped)
        return {};
    if (land)
        clipped = geom::intersection(ctx, clipped.get(), land);
    std::vector<Ring> paths = geom::lines(ctx, clipped.get());
    // Polygon layers used as boundaries: their rings are the lines.
    for (auto& poly : geom::polygons(ctx, clipped.get()))
        for (auto& r : poly)
            paths.push_back(std::move(r));
    return lc.to_page(paths);
}

// Administrative lines (polygon layers) recede, thin and dashed; international borders (lines) stay solid.
bool administrative(const GeosContext& ctx, const GEOSGeometry* g) {
    const int type = GEOSGeomTypeId_r(ctx.get(), g);
    return type == GEOS_POLYGON || type == GEOS_MULTIPOLYGON;
}

Stroke boundary_stroke(const LayoutContext& lc, bool admin) {
    const double u = lc.unit;
    return admin ? Stroke{lc.theme.boundary, 0.45 * u, {2.2 * u, 1.2 * u}, true}
                 : Stroke{lc.theme.outline_stroke, 0.7 * u, {}, true};
}

// How far inside a zone's edge a border must run to be drawn over the zone: along the edge, the zone's
// outline and the outline layer's stroke draw it (Gaza's zones end at the strip's border).
constexpr double kBorderInsideMm = 0.8;

// The parts of border line `feature` of layers[layer] that run through a zone, more than
// kBorderInsideMm inside its edge, or null. Only zones it reaches inside of can have such parts (the
// inward buffer lies in the zone's interior): the project knows which, for every page. `cores` keeps
// each zone's inward buffer for the page's other borders.
GeosGeom border_across_zones(const LayoutContext& lc, std::size_t layer, std::size_t feature,
                             std::map<std::size_t, GeosGeom>& cores) {
    const Geography& geo = lc.project.geo;
    const GeosContext& ctx = *geo.ctx;
    const GEOSGeometry* g = geo.layers.at(layer).features.at(feature).geom.get();
    const double inside = kBorderInsideMm * (72 / 25.4) / lc.tf.scale();
    std::vector<GeosGeom> parts;
    for (std::size_t i = 0; i < geo.zones.size(); ++i) {
        if (!geo.reaches_inside(layer, feature, i))
            continue;
        GeosGeom& core = cores[i];
        if (!core)
            core = geom::buffer(ctx, geo.zones[i].geom.get(), -inside);
        GeosGeom part = geom::intersection(ctx, g, core.get());
        if (!geom::is_empty(ctx, part.get()))
            parts.push_back(std::move(part));
    }
    if (parts.empty())
        return nullptr;
    std::vector<const GEOSGeometry*> raw;
    for (const GeosGeom& part : parts)
        raw.push_back(part.get());
    return geom::union_all(ctx, raw);
}

// A solid fill in the status colour, whatever the modality: a symbol this small cannot show a hatch.
Fill first_style_fill(const LayoutContext& lc, const Claim& c) {
    return Fill{status_color(lc.theme, lc.project.spec, *c.status).with_alpha(0.85), {}};
}

// Whether the smaller zones drawn on top of zone `i` (zones sorted largest first) hide its fill: they
// tile it (a corridor split into an upper and a lower part) or leave only slivers under a millimetre
// across. Such a zone's own statuses would be promised by the legend and seen nowhere.
bool fill_hidden(const LayoutContext& lc, const std::vector<const Zone*>& zones, const std::vector<Box>& extent,
                 const std::vector<char>& filled, std::size_t i) {
    const GeosContext& ctx = *lc.project.geo.ctx;
    const Zone& z = *zones[i];
    std::vector<const GEOSGeometry*> cover;
    for (std::size_t j = i + 1; j < zones.size(); ++j)
        if (filled[j] && extent[i].intersects(extent[j]) && geom::intersects(ctx, z.geom.get(), zones[j]->geom.get()) &&
            zones_overlap(lc.project.geo, z, *zones[j]))
            cover.push_back(zones[j]->geom.get());
    if (cover.empty())
        return false;
    GeosGeom world = ctx.box(lc.tf.world);
    GeosGeom visible = geom::intersection(ctx, z.geom.get(), world.get());
    GeosGeom rest = geom::difference(ctx, visible.get(), geom::union_all(ctx, cover).get());
    if (geom::is_empty(ctx, rest.get()) || geom::area(ctx, rest.get()) <= 0)
        return !geom::is_empty(ctx, visible.get());
    const double mm = 72 / 25.4 / lc.tf.scale();
    return geom::max_inscribed_circle(ctx, rest.get(), 0.05 * mm).radius < 0.5 * mm;
}

// Of two overlapping zones, whether the smaller lies in the larger as far as drawing goes: mostly inside
// it (kInsideShare of it), or under a tenth of its size (a camp at a corridor's edge). Such a zone is
// drawn over the other as a zone of its own, clear on bare land.
constexpr double kInsideShare = 0.95, kMuchSmaller = 0.1;
bool lies_in(double common, double smaller, double larger) {
    return common >= kInsideShare * smaller || smaller < kMuchSmaller * larger;
}

// The order the zones are drawn in: positions into `zones`, which come largest first. A zone mostly
// inside another (kInsideShare of it), or under a tenth of its size (a camp at a corridor's edge), is
// drawn over it, as before; of two zones of comparable size that overlap without either holding the
// other, the one that overlaps more zones that way is drawn over (ties: the smaller). Largest first
// alone put a corridor across three districts under the one larger than itself and over the two
// smaller ones: the corridor came out in two colours, neither the legend's.
std::vector<std::size_t> overlap_order(const Geography& geo, const std::vector<const Zone*>& zones,
                                       const std::vector<Box>& extent) {
    const GeosContext& ctx = *geo.ctx;
    const std::size_t n = zones.size();
    std::vector<double> areas(n);
    std::vector<std::size_t> at(n); // position in geo.zones, for the kept common areas
    for (std::size_t i = 0; i < n; ++i) {
        areas[i] = geom::area(ctx, zones[i]->geom.get());
        at[i] = static_cast<std::size_t>(zones[i] - geo.zones.data());
    }
    // Pairs that overlap (zones_overlap: more than sharing a border), and which of them is inside the other.
    struct Pair {
        std::size_t a, b; // a before b in `zones`: a at least as large
        bool nested;      // b lies inside a, or is much smaller: drawn over it
    };
    std::vector<Pair> pairs;
    std::vector<int> crossings(n, 0); // overlaps with neither zone inside the other
    for (std::size_t a = 0; a < n; ++a)
        for (std::size_t b = a + 1; b < n; ++b) {
            if (extent[a].minx > extent[a].maxx || !extent[a].intersects(extent[b]) || areas[b] <= 0)
                continue;
            const double common = geo.common_area(at[a], at[b]);
            if (common < kZoneOverlapShare * areas[b])
                continue;
            const bool nested = lies_in(common, areas[b], areas[a]);
            pairs.push_back({a, b, nested});
            if (!nested) {
                ++crossings[a];
                ++crossings[b];
            }
        }
    // Which of each pair is drawn above: an edge lower -> upper; then the order that keeps every edge,
    // taking the earliest zone in `zones` whenever several may come next.
    std::vector<std::vector<std::size_t>> above(n);
    std::vector<int> below_count(n, 0);
    for (const Pair& pr : pairs) {
        const bool b_on_top = pr.nested || crossings[pr.b] >= crossings[pr.a];
        const std::size_t lower = b_on_top ? pr.a : pr.b, upper = b_on_top ? pr.b : pr.a;
        above[lower].push_back(upper);
        ++below_count[upper];
    }
    std::set<std::size_t> ready, left;
    for (std::size_t i = 0; i < n; ++i)
        (below_count[i] == 0 ? ready : left).insert(i);
    std::vector<std::size_t> order;
    while (order.size() < n) {
        std::size_t next = 0;
        if (!ready.empty()) {
            next = *ready.begin();
            ready.erase(ready.begin());
        } else { // a cycle (three zones each over the next): the earliest of them goes first
            next = *left.begin();
        }
        left.erase(next);
        order.push_back(next);
        for (std::size_t u : above[next])
            if (--below_count[u] == 0 && left.count(u)) {
                left.erase(u);
                ready.insert(u);
            }
    }
    return order;
}

// Whether zone `low`, under zone `top` where they overlap, shows through it: both claims hold there by
// declaration (`overlaps`, either way) or by compatible statuses, and they are drawn differently. A
// denial has no fill to show (it never colours the zone in the status it denies) nor one to show
// through.
bool overlap_shows_through(const Zone& top, const Claim& top_claim, const Zone& low, const Claim& low_claim) {
    if (top_claim.status == low_claim.status && top_claim.spec->modality == low_claim.spec->modality)
        return false;
    if (top_claim.spec->modality == Modality::denial || low_claim.spec->modality == Modality::denial)
        return false;
    auto declares = [](const Zone& a, const Zone& b) {
        return std::find(a.overlaps.begin(), a.overlaps.end(), b.id) != a.overlaps.end();
    };
    return declares(top, low) || declares(low, top) ||
           (top_claim.status != low_claim.status && statuses_compatible(*top_claim.status, *low_claim.status));
}

// Whether two zones of geo.zones overlap (more than a shared border) with neither lying in the other.
bool zones_cross(const Geography& geo, const Zone& a, const Zone& b) {
    const double area_a = geom::area(*geo.ctx, a.geom.get()), area_b = geom::area(*geo.ctx, b.geom.get());
    const double smaller = std::min(area_a, area_b);
    const double common = geo.common_area(static_cast<std::size_t>(&a - geo.zones.data()),
                                          static_cast<std::size_t>(&b - geo.zones.data()));
    return smaller > 0 && common >= kZoneOverlapShare * smaller && !lies_in(common, smaller, std::max(area_a, area_b));
}

} // namespace

bool zones_may_show_through(const Project& p) {
    const auto primaries = primary_claims(p);
    const auto& zones = p.geo.zones;
    auto shows = [&](const Zone& a, const Zone& b) {
        const auto pa = primaries.find(a.id), pb = primaries.find(b.id);
        return &a != &b && pa != primaries.end() && pb != primaries.end() && pa->second->status && pb->second->status &&
               overlap_shows_through(a, *pa->second, b, *pb->second) && zones_cross(p.geo, a, b);
    };
    for (const Zone& z : zones)
        for (const std::string& id : z.overlaps)
            if (const Zone* other = p.geo.zone(id); other && shows(z, *other))
                return true;
    if (std::none_of(p.spec.statuses.begin(), p.spec.statuses.end(),
                     [](const StatusSpec& st) { return !st.compatible_with.empty(); }))
        return false;
    for (std::size_t a = 0; a < zones.size(); ++a)
        for (std::size_t b = a + 1; b < zones.size(); ++b)
            if (shows(zones[a], zones[b]))
                return true;
    return false;
}

namespace {

std::string claim_numbers(const std::vector<const Claim*>& claims) {
    std::string s;
    for (const Claim* c : claims)
        s += (s.empty() ? "" : " ") + std::to_string(c->number);
    return s;
}

} // namespace

void layout_base_and_zones(LayoutContext& lc) {
    const Project& p = lc.project;
    const GeosContext& ctx = *p.geo.ctx;
    const double u = lc.unit;
    const Box frame = lc.tf.frame;

    // Sea first as the frame background, so a missing sea layer still reads as water around land.
    // Past the straight edges the land layers were cut along, the ground is not known to be sea: it
    // takes the neutral ground a map without sea or land layers has. A landlocked country's box of
    // neighbours, or two countries cut at a parallel, stood in a sea the project never drew (audit s18 D5).
    Layer& sea = lc.scene.layer("sea", "Sea");
    sea.clip = frame;
    {
        const bool sea_ground = p.geo.layer(LayerRole::sea) || p.geo.layer(LayerRole::land);
        Item bg;
        bg.id = lc.id_prefix + "sea-background"; // an inset draws its own: SVG ids stay unique
        bg.parts.emplace_back(Shape{{box_ring(frame)}, true, Fill{sea_ground ? lc.theme.sea : lc.theme.land, {}},
                                    std::nullopt});
        sea.items.push_back(std::move(bg));
        if (GeosGeom unknown = sea_ground ? beyond_cut_land(p.geo, lc.tf.world) : nullptr) {
            Item nd;
            nd.id = lc.id_prefix + "no-data-ground";
            nd.parts.emplace_back(Shape{visible_polygon_rings(lc, unknown.get(), Owner::page), true,
                                        Fill{lc.theme.land, {}}, std::nullopt});
            sea.items.push_back(std::move(nd));
        }
    }

    // Land, for boundary layers that ask to stop at the coast: the land and outline layers together.
    auto land = [&]() -> const GEOSGeometry* { return p.geo.kept_union(Geography::Kept::land_and_outline); };
    // The land layers lie under the outline, whatever their order in map.toml: the outline is the mapped
    // country, drawn over the land it stands on. A peninsula given as a land layer for a zone's recipe,
    // listed after the outline, was painted in the neighbours' grey over its own country (audit s19 D10).
    std::vector<const BaseLayer*> drawing;
    for (const BaseLayer& bl : p.geo.layers) {
        if (bl.spec.role == LayerRole::outline)
            for (const BaseLayer& later : p.geo.layers)
                if (later.spec.role == LayerRole::land && &later > &bl &&
                    std::find(drawing.begin(), drawing.end(), &later) == drawing.end())
                    drawing.push_back(&later);
        if (std::find(drawing.begin(), drawing.end(), &bl) == drawing.end())
            drawing.push_back(&bl);
    }
    for (const BaseLayer* drawn : drawing) {
        const BaseLayer& bl = *drawn;
        if (bl.spec.role == LayerRole::localities)
            continue;
        Layer& layer = lc.scene.layer("base-" + bl.spec.name, bl.spec.name);
        layer.clip = frame;
        for (const Feature& f : bl.features) {
            Shape s;
            switch (bl.spec.role) {
            case LayerRole::sea:
                s.rings = visible_polygon_rings(lc, f.geom.get(), Owner::geography, true);
                s.fill = Fill{lc.theme.sea, {}};
                break;
            case LayerRole::land:
                s.rings = visible_polygon_rings(lc, f.geom.get(), Owner::geography, true);
                s.fill = Fill{lc.theme.land, {}};
                s.stroke = Stroke{lc.theme.land_stroke, 0.4 * u, {}, true};
                break;
            case LayerRole::outline:
                s.rings = visible_polygon_rings(lc, f.geom.get(), Owner::geography, true);
                s.fill = Fill{lc.theme.mapped_area, {}};
                break;
            case LayerRole::boundary:
                s.rings = visible_lines(lc, f.geom.get(), Owner::geography,
                                        bl.spec.clip_to_land ? land() : nullptr);
                s.closed = false;
                s.stroke = boundary_stroke(lc, administrative(ctx, f.geom.get()));
                break;
            case LayerRole::localities:
                break;
            }
            if (s.rings.empty())
                continue;
            Item item;
            item.title = f.prop("name");
            item.parts.emplace_back(std::move(s));
            layer.items.push_back(std::move(item));
        }
    }

    // On a map wide enough for them, meridians and parallels over land and sea, under the zones.
    if (!lc.only)
        layout_graticule_lines(lc);

    // Zones, largest first so smaller ones stay visible on top, then a zone across others over them
    // (overlap_order).
    std::vector<const Zone*> zones;
    for (const Zone& z : p.geo.zones)
        zones.push_back(&z);
    std::stable_sort(zones.begin(), zones.end(), [&](const Zone* a, const Zone* b) {
        return geom::area(ctx, a->geom.get()) > geom::area(ctx, b->geom.get());
    });
    std::vector<Box> extent;
    for (const Zone* z : zones)
        extent.push_back(geom::is_empty(ctx, z->geom.get()) ? Box{1, 1, 0, 0} : geom::bounds(ctx, z->geom.get()));
    {
        const std::vector<std::size_t> order = overlap_order(p.geo, zones, extent);
        std::vector<const Zone*> z2;
        std::vector<Box> e2;
        for (std::size_t k : order) {
            z2.push_back(zones[k]);
            e2.push_back(extent[k]);
        }
        zones = std::move(z2);
        extent = std::move(e2);
    }
    lc.draw_rank.assign(p.geo.zones.size(), 0);
    for (std::size_t k = 0; k < zones.size(); ++k)
        lc.draw_rank[static_cast<std::size_t>(zones[k] - p.geo.zones.data())] = k;
    Layer& zl = lc.scene.layer("zones", "Zones");
    zl.clip = frame;
    const std::set<std::string>& nested = lc.nested();
    // Whether each zone is drawn with a fill of its own (a primary status, not nested).
    const auto primaries = primary_claims(p);
    std::vector<char> filled;
    for (const Zone* z : zones) {
        const auto it = primaries.find(z->id);
        filled.push_back(it != primaries.end() && it->second->status && !nested.count(z->id));
    }
    // Whether zone i is thin on the page (its widest inscribed circle under kThinZoneMm across) and
    // drawn over a zone with a fill of its own, whether their claims conflict or not.
    constexpr double kThinZoneMm = 4;
    auto thin_over_fill = [&](std::size_t i) {
        const GEOSGeometry* g = zones[i]->geom.get();
        const double scale = lc.tf.scale(), thin = kThinZoneMm * (72 / 25.4) / scale;
        // Cheap first: a strip's area over its envelope's diagonal is about its width (a disc's, 0.55 of
        // its diameter); a zone whose quotient reaches the limit is no strip, and is not measured.
        const Box& e = extent[i];
        if (e.minx > e.maxx || geom::area(ctx, g) / std::hypot(e.width(), e.height()) >= thin)
            return false;
        bool over = false;
        for (std::size_t j = 0; j < i && !over; ++j)
            over = filled[j] && extent[j].intersects(e) && zones_overlap(ctx, zones[j]->geom.get(), g);
        return over && 2 * geom::max_inscribed_circle(ctx, g, 0.05 * thin).radius < thin;
    };
    // The zones drawn before zone i with a fill of their own that it overlaps (more than a shared border)
    // with both claims holding. Where the claims conflict, the conflict's cross-hatch explains the
    // blend of the two fills under it, and both zones' colours show there.
    std::set<std::pair<std::string_view, std::string_view>> conflicting;
    for (const Conflict& c : p.conflicts) {
        conflicting.emplace(c.zone_a, c.zone_b);
        conflicting.emplace(c.zone_b, c.zone_a);
    }
    auto filled_under = [&](std::size_t i) {
        std::vector<std::size_t> under;
        for (std::size_t j = 0; j < i; ++j)
            if (filled[j] && extent[j].intersects(extent[i]) && !conflicting.count({zones[j]->id, zones[i]->id}) &&
                zones_overlap(p.geo, *zones[j], *zones[i]))
                under.push_back(j);
        return under;
    };
    // Of the zones under zone i, those that show through it where they overlap: zones declared to
    // overlap it or of a status compatible with its own (overlap_shows_through), crossing it (not one
    // lying in the other: zones_cross), under a zone that is no thin strip (beside a corridor the
    // districts under it show on both sides). Three claims on one coast (a reserve, a mining
    // concession and a land claim over both, declared `overlaps`) showed only the top zone's fill where
    // they met, the others' edges running through it as bare lines and the land claim's hatch stopping
    // at the concession's edge (audit s17 D2).
    auto showing_through = [&](std::size_t i, const std::vector<std::size_t>& under) {
        std::vector<std::size_t> out;
        const Claim* top = primaries.at(zones[i]->id);
        for (std::size_t j : under)
            if (overlap_shows_through(*zones[i], *top, *zones[j], *primaries.at(zones[j]->id)) &&
                zones_cross(p.geo, *zones[i], *zones[j]))
                out.push_back(j);
        if (!out.empty() && thin_over_fill(i))
            out.clear();
        return out;
    };
    auto outline_of = [&](const Zone& z) {
        const Claim* c = primaries.at(z.id);
        return zone_style(lc.theme, p.spec, *c->status, c->spec->modality, u).stroke;
    };
    std::map<std::size_t, bool> level_stripes; // by position in `zones`: whether its stripes run level
    // What of a contested zone its bands leave, for the contest's cross-hatch: over the bands it hid
    // their patterns and colours (audit s16 D10).
    std::map<std::string_view, GeosGeom> inside_bands;
    for (std::size_t i = 0; i < zones.size(); ++i) {
        const Zone& z = *zones[i];
        const auto claims = p.claims_of(z.id);
        const auto drawn = in_drawing_order(claims);
        const Claim* first = drawn.empty() ? nullptr : drawn.front();
        if (!first || !first->status)
            continue;
        ZoneStyle style = zone_style(lc.theme, p.spec, *first->status, first->spec->modality, u);
        bool item_nested = false;
        if (nested.count(z.id)) {
            style.fill.color.reset();
            style.fill.pattern.hatch = Hatch::none;
            style.stroke = nested_zone_stroke(style.stroke, u);
            item_nested = true;
        }

        Item item;
        item.id = lc.id_prefix + "zone-" + z.id;
        std::string title = z.name;
        for (const Claim* c : claims)
            title += "\n[" + std::to_string(c->number) + "] " + c->status->label + " (" +
                     std::string(modality_word(panel_words(p.spec.lang), c->spec->modality)) + ", " + c->spec->attributed_to + ")";
        item.title = title;
        item.data = {{"zone", z.id},
                     {"citations", claim_numbers(claims)},
                     {"status", first->status->key},
                     {"modality", to_string(first->spec->modality)}};
        const auto rings = visible_polygon_rings(lc, z.geom.get(), Owner::geography);
        if (item_nested && !rings.empty())
            item.data["outline"] = "nested";
        // A zone drawn over another zone's fill (unless their claims conflict), or declared inside
        // another, or thin over another, with a status of its own: its translucent fill would blend with
        // the other's into a colour the legend does not show, so it starts from bare land. The 2 km
        // demilitarised strip over the two sides' zones read as tan over the one and khaki over the
        // other, neither the legend's orange; a corridor across three districts, in three colours.
        const LayoutContext::ZoneLook* main_look = nullptr;
        if (lc.main_looks)
            if (auto it = lc.main_looks->find(z.id); it != lc.main_looks->end())
                main_look = &it->second;
        const std::vector<std::size_t> under = item_nested ? std::vector<std::size_t>{} : filled_under(i);
        LayoutContext::ZoneLook look;
        look.on_bare_land = main_look ? main_look->on_bare_land
                                      : !item_nested && style.fill.color && style.fill.color->a < 1 &&
                                            ((!z.part_of.empty() && p.geo.zone(z.part_of)) || !under.empty() || thin_over_fill(i));
        if (look.on_bare_land)
            item.parts.emplace_back(Shape{rings, true, Fill{lc.theme.mapped_area, {}}, std::nullopt});
        Shape fill_shape{rings, true, style.fill, std::nullopt};
        item.parts.emplace_back(fill_shape);
        // Over its fill, the zones under it that show through (showing_through), each in its own
        // pattern where they overlap. A zone keeps the way its stripes run from the first zone it shows
        // through (level_stripes), upright unless a zone striped upright overlaps it under this one:
        // both upright, the later stripes lay on the earlier ones and hid them.
        std::vector<std::size_t> striped_here;
        for (std::size_t j : under.empty() ? under : showing_through(i, under)) {
            const Claim* low = primaries.at(zones[j]->id);
            if (low->spec->modality == Modality::reported && !level_stripes.count(j))
                level_stripes[j] = std::any_of(striped_here.begin(), striped_here.end(), [&](std::size_t k) {
                    return !level_stripes.at(k) && zones_overlap(p.geo, *zones[j], *zones[k]);
                });
            const bool level = low->spec->modality == Modality::reported && level_stripes.at(j);
            if (low->spec->modality == Modality::reported)
                striped_here.push_back(j);
            const Fill f = overlap_fill(lc.theme, p.spec, *low->status, low->spec->modality, u, level);
            const GeosGeom common = geom::intersection(ctx, z.geom.get(), zones[j]->geom.get());
            item.parts.emplace_back(
                Shape{visible_polygon_rings(lc, common.get(), Owner::page), true, f, std::nullopt});
            item.data["shows"] += (item.data["shows"].empty() ? "" : " ") + zones[j]->id;
        }
        // Further claims on the zone run as bands inside its edge, one band per status and modality and
        // at most three (band_claims), so the primary fill stays readable and each band keeps a pattern
        // of its own (band_fill). The bands narrow until at least half of the zone keeps its primary
        // fill, so a thin zone stays solid down the middle; where that leaves a band too thin to show a
        // pattern, the claim's marker carries it.
        const std::vector<const Claim*> banded = band_claims(drawn);
        const std::size_t further = banded.size();
        // The zone shrunk by `w` (map units), made once per width: the last try below, the readability
        // test, the bands' edges (each band's inner edge is the next one's outer) and a contest's hatch
        // ask for the same ones.
        std::map<double, GeosGeom> shrunk;
        auto inward = [&](double w) -> const GEOSGeometry* {
            GeosGeom& g = shrunk[w];
            if (!g)
                g = geom::buffer(ctx, z.geom.get(), -w);
            return g.get();
        };
        double band = 3.4 * u / lc.tf.scale();
        if (further > 0) {
            const double area = geom::area(ctx, z.geom.get());
            for (int tries = 0; tries < 8; ++tries) {
                if (geom::area(ctx, inward(band * static_cast<double>(further))) >= 0.5 * area)
                    break;
                band *= 0.6;
            }
        }
        // A zone whose smaller zones hide its fill shows its status on a casing just outside its edge,
        // and its further claims by their numbers only (the legend says so: "outer edge").
        look.casing = main_look ? main_look->casing
                                : !item_nested && filled[i] && fill_hidden(lc, zones, extent, filled, i);
        // The zones an inset magnifies are too small on the main map for bands: the inset is where their
        // further claims can show, so it decides for them at its own scale.
        const bool magnified = lc.only && lc.only->count(z.id) > 0;
        look.bands = main_look && !magnified
                         ? main_look->bands
                         : band * lc.tf.scale() >= 1.2 * u && !look.casing && further > 0 &&
                               primary_stays_readable(lc, inward(band * static_cast<double>(further)));
        lc.zone_looks[z.id] = look;
        const bool hidden = look.casing, bands_visible = look.bands;
        int band_index = 0;
        for (const Claim* c : bands_visible ? banded : std::vector<const Claim*>{}) {
            const GEOSGeometry* outer = band_index == 0 ? z.geom.get() : inward(band * band_index);
            GeosGeom ring = geom::difference(ctx, outer, inward(band * (band_index + 1)));
            ++band_index;
            // The legend shows a band row only for bands some zone draws.
            item.data["bands"] += (item.data["bands"].empty() ? "" : " ") + std::to_string(c->number);
            Shape overlay{visible_polygon_rings(lc, ring.get(), Owner::page), true,
                          band_fill(lc.theme, p.spec, *c->status, c->spec->modality, u), std::nullopt};
            item.parts.emplace_back(std::move(overlay));
        }
        if (band_index > 0 && std::any_of(p.contests.begin(), p.contests.end(), [&](const Contest& c) { return c.zone == z.id; }))
            inside_bands[z.id] = ctx.clone(inward(band * band_index));
        if (hidden) {
            GeosGeom grown = geom::buffer(ctx, z.geom.get(), 2.8 * u / lc.tf.scale());
            GeosGeom casing = geom::difference(ctx, grown.get(), z.geom.get());
            item.parts.emplace_back(Shape{
                visible_polygon_rings(lc, casing.get(), Owner::page), true,
                Fill{status_color(lc.theme, p.spec, *first->status).with_alpha(0.9), {}}, std::nullopt});
            item.data["casing"] = "outside";
        }
        // The edges of the zones under it that run across it, in their own stroke: a corridor over
        // three districts shows where each district goes on beneath it, so both statuses read there.
        // Open lines, under the zone's own outline; a little inside it, so none doubles that outline.
        if (!under.empty() && style.fill.color) {
            const GeosGeom core = geom::buffer(ctx, z.geom.get(), -0.3 * (72 / 25.4) / lc.tf.scale());
            for (std::size_t j : under) {
                const GeosGeom edge = geom::boundary(ctx, zones[j]->geom.get());
                const GeosGeom across = geom::intersection(ctx, edge.get(), core.get());
                std::vector<Ring> lines = visible_lines(lc, across.get(), Owner::page, nullptr);
                if (lines.empty())
                    continue;
                item.parts.emplace_back(Shape{std::move(lines), false, std::nullopt, outline_of(*zones[j])});
                item.data["over"] += (item.data["over"].empty() ? "" : " ") + zones[j]->id;
            }
        }
        item.parts.emplace_back(Shape{rings, true, std::nullopt, style.stroke});
        // A zone smaller than 1.5 mm on the page would vanish: a square of that size, in its style,
        // stands for it (an exaggerated symbol, as atlases draw small islands), and a detail inset
        // shows its true shape when there is room for one.
        const Box wb = geom::bounds(ctx, z.geom.get());
        const double side = std::max(wb.width(), wb.height()) * lc.tf.scale();
        const double min_side = 1.5 * 72 / 25.4;
        if (side < min_side) {
            const Point c = lc.tf.to_page({(wb.minx + wb.maxx) / 2, (wb.miny + wb.maxy) / 2});
            const double h = min_side / 2 + 0.2;
            Fill f = first_style_fill(lc, *first);
            item.parts.emplace_back(Shape{{box_ring({c.x - h, c.y - h, c.x + h, c.y + h})}, true, f,
                                          Stroke{style.stroke.color, 0.6 * u, {}, false}});
            item.data["symbol"] = "square"; // the legend explains the square
        }
        zl.items.push_back(std::move(item));
    }

    if (!p.conflicts.empty() || !p.contests.empty()) {
        Layer& cl = lc.scene.layer("conflicts", "Conflicting claims");
        cl.clip = frame;
        auto hatched = [&](std::string id, std::string title, std::string zones, const GEOSGeometry* where) {
            Item item;
            item.id = lc.id_prefix + std::move(id);
            item.title = std::move(title);
            item.data = {{"zones", std::move(zones)}};
            item.parts.emplace_back(
                Shape{visible_polygon_rings(lc, where, Owner::page), true,
                      Fill{std::nullopt, {Hatch::cross, lc.theme.conflict, 3.2 * u, 0.6 * u}},
                      Stroke{lc.theme.conflict, 0.6 * u, {1.5 * u, 1 * u}, true}});
            cl.items.push_back(std::move(item));
        };
        for (const Conflict& c : p.conflicts)
            hatched("conflict-" + c.zone_a + "-" + c.zone_b, fill(panel_words(p.spec.lang).conflict_title, {c.zone_a, c.zone_b}),
                    c.zone_a + " " + c.zone_b, c.geom.get());
        // A zone the sources contradict each other on is hatched inside its bands, over its fill: the
        // bands keep their patterns, and the badges say which claims contradict which.
        for (const Contest& c : p.contests)
            if (const Zone* z = p.geo.zone(c.zone)) {
                const auto in = inside_bands.find(z->id);
                hatched("contested-" + c.zone, fill(panel_words(p.spec.lang).contested_title, {z->name}), c.zone,
                        in != inside_bands.end() ? in->second.get() : z->geom.get());
            }
    }

    // International borders where they run through a zone, again over its fill, hatch and bands, on a
    // light casing: under them, a zone across a border hid it, and with it the article's point that the
    // zone lies on both sides (audit s18 D4). Administrative lines (dashed) stay under the zones.
    std::vector<Item> across;
    std::map<std::size_t, GeosGeom> cores;
    for (std::size_t layer = 0; layer < p.geo.layers.size(); ++layer)
        for (std::size_t feature = 0; feature < p.geo.layers[layer].features.size(); ++feature) {
            const BaseLayer& bl = p.geo.layers[layer];
            const Feature& f = bl.features[feature];
            if (bl.spec.role != LayerRole::boundary || administrative(ctx, f.geom.get()))
                continue;
            const GeosGeom part = border_across_zones(lc, layer, feature, cores);
            std::vector<Ring> lines =
                part ? visible_lines(lc, part.get(), Owner::page, bl.spec.clip_to_land ? land() : nullptr)
                     : std::vector<Ring>{};
            if (lines.empty())
                continue;
            const Stroke line = boundary_stroke(lc, false);
            Item item;
            item.title = f.prop("name");
            item.parts.emplace_back(Shape{lines, false, std::nullopt,
                                          Stroke{lc.theme.mapped_area.with_alpha(0.85), line.width + 1.0 * u, {}, true}});
            item.parts.emplace_back(Shape{std::move(lines), false, std::nullopt, line});
            across.push_back(std::move(item));
        }
    if (!across.empty()) {
        Layer& layer = lc.scene.layer("borders", "International borders across zones");
        layer.clip = frame;
        layer.items = std::move(across);
    }

    // The mapped area's edge on top of the zone fills keeps the coast crisp.
    if (const BaseLayer* outline = p.geo.layer(LayerRole::outline)) {
        Layer& top = lc.scene.layer("outline", outline->spec.name + " outline");
        top.clip = frame;
        for (const Feature& f : outline->features) {
            Item item;
            item.parts.emplace_back(Shape{visible_polygon_rings(lc, f.geom.get(), Owner::geography), true,
                                          std::nullopt, Stroke{lc.theme.outline_stroke, 0.8 * u, {}, true}});
            top.items.push_back(std::move(item));
        }
    }
}

} // namespace citemap

// Frame, scale bar (true at the map centre), north arrow (true north, with grid convergence) and an
// inset locator, each in the corner (or edge middle) that hides the least data: zones, then towns,
// coasts and islands, then land; sea and empty frame hide nothing.
#include "geo/geometry_ops.hpp"
#include "geo/lonlat_extent.hpp"
#include "layout/layout_context.hpp"
#include "layout/layout_quality.hpp"
#include "layout/scale_bar.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <set>

namespace citemap {

namespace {

// Where frame furniture may go, in order of preference: the four corners, then the middles of the
// bottom and top edges.
std::vector<Box> furniture_spots(const Box& frame, double w, double h, double inset) {
    const double cx = (frame.minx + frame.maxx - w) / 2;
    return {{frame.minx + inset, frame.miny + inset, frame.minx + inset + w, frame.miny + inset + h},
            {frame.maxx - inset - w, frame.maxy - inset - h, frame.maxx - inset, frame.maxy - inset},
            {frame.maxx - inset - w, frame.miny + inset, frame.maxx - inset, frame.miny + inset + h},
            {frame.minx + inset, frame.maxy - inset - h, frame.minx + inset + w, frame.maxy - inset},
            {cx, frame.maxy - inset - h, cx + w, frame.maxy - inset},
            {cx, frame.miny + inset, cx + w, frame.miny + inset + h}};
}

// Where a zone lies under every one of furniture_spots (a strip of zones across a small map): spots
// slid along the four edges, an eighth of the free length apart, for a gap between the zones.
std::vector<Box> edge_spots(const Box& frame, double w, double h, double inset) {
    std::vector<Box> out;
    const double free_x = frame.width() - 2 * inset - w, free_y = frame.height() - 2 * inset - h;
    for (int i = 1; i < 8; ++i) {
        if (free_x > 0) {
            const double x = frame.minx + inset + free_x * i / 8;
            out.push_back({x, frame.maxy - inset - h, x + w, frame.maxy - inset});
            out.push_back({x, frame.miny + inset, x + w, frame.miny + inset + h});
        }
        if (free_y > 0) {
            const double y = frame.miny + inset + free_y * i / 8;
            out.push_back({frame.minx + inset, y, frame.minx + inset + w, y + h});
            out.push_back({frame.maxx - inset - w, y, frame.maxx - inset, y + h});
        }
    }
    return out;
}

// A scale bar's longest round length, as a share of its frame's width, and the least it is tried at
// (with the lead digits 1 to 5 a round length lies between the two); a shorter one, down to the
// shortest, where the longer hide more than land wherever they go.
constexpr double kBarShare = 0.30;
// The main bar's share of its frame, as a round length comes nearest it (12-25 %): the longest round
// length under kBarShare was 100 km over 30-32 % of an A4 frame (audit s17 D12), where 50 km reads as well.
constexpr double kBarTargetShare = 0.18;
constexpr double kLeastBarShare = 0.15;
constexpr double kShortestBarShare = 0.05;
constexpr double kInsetBarShare = 0.22;
// An inset's bar: at least this long (mm at the A4 type size, longer with the type on posters), where
// a round length of it fits kBarShare of the inset, as on the main map. 22 % of a 24-36 mm inset was
// 3-8 mm, "0 400 m" over a 3 mm bar (audit s13 D8); the cluster keeps the rest of the box (a longer
// bar left a city's wards' badges no room, and at 40 % Brenna's 22 mm inset lost a town's dot).
constexpr double kReadableInsetBarMm = 8;
// The main bar's: shorter, "0 20 km" stood over a 4 mm bar on a tall country's narrow frame (audit s13
// D8), and a bar that hides a zone wherever it is longer was 2-11 mm on small figures. About 12 mm: at
// 12 exactly, an 11.6 mm bar doubled to 23 mm (scalebar 6eaab35).
constexpr double kReadableBarMm = 11;

constexpr double kHidesZone = 100; // hidden_cost of any zone under the box, before its share
// hidden_cost of the base map under a box: across a coast or the mapped area's edge, an island or
// islet wholly under it, and all of it on land (by its share). Each under kHidesZone, and together
// under a corner of a zone: the claims come first.
constexpr double kCrossesEdge = 25;
constexpr double kHidesIsland = 30;
constexpr double kOnLand = 30;

} // namespace

// The zones and the outline and land features hidden_cost asks every candidate box about, prepared
// once for a page: unprepared, each GEOSIntersects_r / GEOSCovers_r built a graph of the whole
// geometry per box, and a coastline of 164k vertices took 38 s and 1.8 GB for one page (audit-8-s10
// defect 17). The prepared predicates answer exactly as the unprepared ones (same coordinates, same
// exact tests), so only the time changes. GEOS fills a prepared geometry's index lazily, so it is
// kept by the LayoutContext (one page, one thread: never shared between pages) and shared by the
// searches of layout_map_furniture (locator, scale bar, north arrow): each had prepared the whole
// coast again, a quarter of the 1 M-vertex check.
struct FurnitureGround {
    std::vector<GeosPrepared> zones;                                 // one per p.geo.zones, in order
    // A feature of a few hundred vertices is asked unprepared: a prepared one keeps an index once
    // asked, and the large bench's 20,000 land cells under the spots tried kept 13 MB of them.
    struct Edge {
        const GEOSGeometry* geom;
        GeosPrepared prepared;
        Box bounds;
        bool small;
        [[nodiscard]] bool intersects(const GeosContext& ctx, const GEOSGeometry* g) const {
            return (small ? GEOSIntersects_r(ctx.get(), geom, g) : GEOSPreparedIntersects_r(ctx.get(), prepared.get(), g)) == 1;
        }
        [[nodiscard]] bool covers(const GeosContext& ctx, const GEOSGeometry* g) const {
            return (small ? GEOSCovers_r(ctx.get(), geom, g) : GEOSPreparedCovers_r(ctx.get(), prepared.get(), g)) == 1;
        }
    };
    std::vector<Edge> edges; // outline and land features
    explicit FurnitureGround(const LayoutContext& lc) {
        const Project& p = lc.project;
        const GeosContext& ctx = *p.geo.ctx;
        for (const Zone& z : p.geo.zones)
            zones.push_back(ctx.prepare(z.geom.get()));
        for (const BaseLayer& bl : p.geo.layers)
            if (bl.spec.role == LayerRole::outline || bl.spec.role == LayerRole::land)
                for (const Feature& f : bl.features)
                    edges.push_back({f.geom.get(), ctx.prepare(f.geom.get()), geom::bounds(ctx, f.geom.get()),
                                     GEOSGetNumCoordinates_r(ctx.get(), f.geom.get()) <= 500});
    }
};

namespace {

using Ground = FurnitureGround;

const Ground& ground_of(const LayoutContext& lc) {
    if (!lc.furniture_ground)
        lc.furniture_ground = std::make_shared<const Ground>(lc);
    return *lc.furniture_ground;
}

// The share of a world box on any of `land` (outline and land features under it), from a grid of
// 5 x 3 points across it.
double land_share(const GeosContext& ctx, const std::vector<const FurnitureGround::Edge*>& land, const Box& b) {
    int on = 0, all = 0;
    for (int i = 0; i < 5; ++i)
        for (int j = 0; j < 3; ++j, ++all) {
            const double x = b.minx + b.width() * (i + 0.5) / 5, y = b.miny + b.height() * (j + 0.5) / 3;
            GeosGeom pt(GEOSGeom_createPointFromXY_r(ctx.get(), x, y), GeosDeleter{ctx.get()});
            on += std::any_of(land.begin(), land.end(), [&](const FurnitureGround::Edge* e) {
                return e->bounds.contains({x, y, x, y}) && e->intersects(ctx, pt.get());
            });
        }
    return static_cast<double>(on) / all;
}

// What a furniture box would hide, as a cost: zones most (what the map is about; by the share of the
// box they cover), then towns (their dots would be dropped), the edge of the mapped area or a coast
// running under it, an island under it and the land's share of it; nothing for sea or empty frame. In a detail inset (lc.only) the zones around
// the ones it magnifies count half: a bar over the magnified zone hides what the inset is for, one over
// its surroundings less (the audit's Gate 3 inset had its bar on the DMZ band, the Iru inset on Iru).
double hidden_cost(const LayoutContext& lc, const Ground& ground, const Box& b, double* zones_part = nullptr,
                   bool count_land = true, double* land_part = nullptr) {
    const Project& p = lc.project;
    const GeosContext& ctx = *p.geo.ctx;
    const Box wbox = lc.tf.to_world(b);
    double cost = 0;
    GeosGeom wb = ctx.box(wbox);
    for (std::size_t i = 0; i < p.geo.zones.size(); ++i) {
        const Zone& z = p.geo.zones[i];
        if (GEOSPreparedIntersects_r(ctx.get(), ground.zones[i].get(), wb.get()) == 1) {
            GeosGeom in = geom::clip_to_box(ctx, z.geom.get(), wbox);
            const double hidden = geom::area(ctx, in.get());
            const double weight = lc.only && !lc.only->count(z.id) ? 0.5 : 1.0;
            double c = kHidesZone + 1000 * hidden / (wbox.width() * wbox.height());
            // A small zone wholly under the box is lost, where a large one loses a corner.
            if (const double whole = geom::area(ctx, z.geom.get()); whole > 0)
                c += 2000 * hidden / whole;
            cost += weight * c;
        }
    }
    if (zones_part)
        *zones_part = cost;
    // Across the edge of the mapped area or a coast, an arrow or bar reads as part of the line it sits
    // on (the newcomer's north arrow across the city limits): a spot wholly on one side is better. An
    // island wholly under it is lost. And land under it hides the map where sea or an empty corner
    // hides nothing: the audit's scale bars straddled a coast, a country's edge and an island while
    // sea was free (audit s11 D7). The land's share is sampled at points, not clipped: a detailed
    // coast would be cut for every spot tried.
    // A box within a point or so of a coast reads as lying on it too: a white panel abutting a tall
    // country's edge looked like part of the country (audit s11, d-longa).
    const Box wnear = lc.tf.to_world(b.inflated(1.5 * lc.unit));
    GeosGeom near_box = ctx.box(wnear);
    bool crossed = false, covered = false, island = false;
    std::vector<const FurnitureGround::Edge*> under;
    for (const FurnitureGround::Edge& e : ground.edges) {
        if (!e.bounds.intersects(wnear) || !e.intersects(ctx, near_box.get()))
            continue;
        under.push_back(&e);
        if (e.covers(ctx, near_box.get())) {
            covered = true;
            continue;
        }
        crossed = true;
        // Once: a land layer cut into cells has many wholly under a box, and none of them is lost.
        island = island || wbox.contains(e.bounds);
    }
    cost += (crossed ? kCrossesEdge : 0) + (island ? kHidesIsland : 0);
    if (count_land && !under.empty()) {
        const double land = kOnLand * (covered ? 1.0 : land_share(ctx, under, wbox));
        cost += land;
        if (land_part)
            *land_part = land;
    }
    const Box near = wbox.inflated(2 * lc.unit / lc.tf.scale());
    for (const BaseLayer& bl : p.geo.layers)
        if (bl.spec.role == LayerRole::localities)
            for (const Feature& f : bl.features)
                for (const Point& pt : geom::points(ctx, f.geom.get()))
                    if (near.contains({pt.x, pt.y, pt.x, pt.y}))
                        cost += f.prop("label_rank") == "1" ? 30 : 10;
    return cost;
}

struct Spot {
    Box box;
    double cost = 0;       // hidden_cost
    double zones_cost = 0; // its part for zones
    double land_cost = 0;  // its part for the land's share
    // In an inset, the largest share of a zone drawn there that the bar in this spot hides, as the
    // layout-quality check measures it (zones_hidden_by).
    double zone_share = 0;
    [[nodiscard]] bool hides_zone() const { return zones_cost > 0; }
    // Over sea, empty frame or land alone: no zone, town, island or coast under it.
    [[nodiscard]] bool hides_land_only() const { return cost <= land_cost; }
};

// The spot for a piece of furniture `w` x `h`: the first of furniture_spots that hides nothing, else
// the one that hides least; never over what the placer holds (places, lines' markers, other
// furniture). Null when every spot is taken. When each of them hides something, `slide` tries
// edge_spots too: a scale bar over two rocks hid them and left their claim numbers no room, and one
// across a tall country's edge left the sea beside it free. `count_land`: land under the box costs
// by its share (hidden_cost).
std::optional<Spot> furniture_spot(const LayoutContext& lc, double w, double h, double inset, bool slide = true,
                                   bool count_land = true) {
    std::optional<Spot> best;
    const Ground& ground = ground_of(lc);
    auto consider = [&](const std::vector<Box>& spots) {
        for (const Box& spot : spots) {
            if (!lc.placer.fits(spot, lc.tf.frame))
                continue;
            double zones = 0, land = 0;
            const double cost = hidden_cost(lc, ground, spot, &zones, count_land, &land);
            if (!best || cost < best->cost)
                best = Spot{spot, cost, zones, land};
            if (cost == 0)
                break;
        }
    };
    consider(furniture_spots(lc.tf.frame, w, h, inset));
    if (slide && (!best || best->cost > 0))
        consider(edge_spots(lc.tf.frame, w, h, inset));
    return best;
}

} // namespace

namespace {

// layout_scale_bar, or with `shorter` (the main bar as placed before the labels) the shortest round
// length of at least `readable` (page points), in a spot hiding no more than it did, or nothing.
double scale_bar(LayoutContext& lc, Layer& layer, const std::optional<Box>& strip,
                 const LayoutContext::PlacedBar* shorter = nullptr, double readable = 0) {
    const double u = lc.unit;
    // One bar is true only near where it is measured. Over a frame whose scale changes by more than
    // 10 % it would mislead somewhere by more than that: no bar (the graticule's lines give distances
    // instead). Above 2 % the bar says where it is true.
    std::string true_where, true_at; // "true at 44°S", and the bar's note: "scale true at 44°S"
    const PanelWords& words = panel_words(lc.project.spec.lang);
    if (!lc.only) {
        const MapSpread spread = map_spread(lc);
        if (spread.scale > 0.10)
            return 0;
        if (spread.scale > 0.02) {
            true_where = spread.along_parallels ? fill(words.true_at, {degrees_text(spread.centre.y, false, 1, words)})
                                                : std::string(words.true_at_centre);
            true_at = fill(words.scale_note, {true_where});
        }
    }
    const Point centre{(lc.tf.world.minx + lc.tf.world.maxx) / 2, (lc.tf.world.miny + lc.tf.world.maxy) / 2};
    const double metres_per_pt = lc.project.geo.projection->ground_scale_at(centre) / lc.tf.scale();
    std::vector<ScaleBar> bars;
    ScaleUnits units = lc.project.spec.scale_units; // an inset may drop the second (below)
    const Font f = lc.fonts.small;
    const double bar_h = 2.6 * u;
    double bars_w = 0, zero_w = 0;
    double text_h = 0;
    // Bars at most `longest` long, measured with their numbers.
    auto measure = [&](double longest) {
        bars.clear();
        if (units != ScaleUnits::mi)
            bars.push_back(choose_scale_bar(metres_per_pt, longest));
        if (units != ScaleUnits::km)
            bars.push_back(choose_scale_bar(metres_per_pt, longest, ScaleUnit::imperial));
        bars_w = zero_w = text_h = 0;
        for (const ScaleBar& bar : bars) {
            const Text probe = lc.text_at(bar.label(bar.segments, words), {0, 0}, f, lc.theme.text);
            const Text end = lc.text_at(bar.number(bar.segments, words), {0, 0}, f, lc.theme.text);
            bars_w = std::max(bars_w, bar.length_pt + probe.box.width() - end.box.width() / 2);
            zero_w = std::max(zero_w, lc.text_at(bar.number(0, words), {0, 0}, f, lc.theme.text).box.width());
            text_h = probe.box.height();
        }
    };
    auto longest_bar = [&] {
        double most = 0;
        for (const ScaleBar& bar : bars)
            most = std::max(most, bar.length_pt);
        return most;
    };
    std::optional<Text> note;
    if (!true_at.empty())
        note = lc.text_at(true_at, {0, 0}, f, lc.theme.muted);
    // On a white panel, 4 units in from its sides; or, where every spot of the panel would hide a zone
    // (a land divided between its zones, an inset filled by the zones it magnifies), without the panel:
    // the bar and its numbers, haloed, hide far less of the zones under them.
    struct Shape_ {
        double w, h, pad_x, pad_top;
    };
    auto shape_of = [&](bool panel) {
        const double row_h = bar_h + text_h + 3 * u;
        const double pad_x = panel ? 4 * u : std::max(1 * u, zero_w / 2 + 0.5 * u);
        double w = bars_w + 2 * pad_x;
        if (note)
            w = std::max(w, note->box.width() + 2 * pad_x);
        const double h = static_cast<double>(bars.size()) * row_h + (note ? 3.5 * u + note->box.height() : 5 * u) -
                         (panel ? 0 : 3 * u);
        return Shape_{w, h, pad_x, panel ? 2.5 * u : 0.5 * u};
    };
    struct Choice {
        Spot spot;
        bool panel;
        Shape_ dims;
        double longest;   // what measure() was given
        ScaleUnits units; // and in which units
    };
    // The spot for the bars measured last: on the panel, else bare where that hides less.
    auto place = [&](double longest) -> std::optional<Choice> {
        const Shape_ framed = shape_of(true);
        std::optional<Spot> found = furniture_spot(lc, framed.w, framed.h, 4 * u);
        if (found && found->cost == 0)
            return Choice{*found, true, framed, longest, units};
        const Shape_ bare = shape_of(false);
        if (std::optional<Spot> lighter = furniture_spot(lc, bare.w, bare.h, 2 * u); lighter && (!found || lighter->cost < found->cost))
            return Choice{*lighter, false, bare, longest, units};
        if (found)
            return Choice{*found, true, framed, longest, units};
        return std::nullopt;
    };
    // Every round length from the one nearest kBarTargetShare of the frame down to kLeastBarShare, longest first: the first
    // that hides nothing, else the one that hides least. A bar is read against its frame: the audits'
    // bars were 6-14 % of it, a 2 km bar where 4 km fitted. On the main map, where each of them lies on
    // a zone (a small figure, its land divided between zones), a town or across a coast, shorter ones
    // down to kShortestBarShare follow, each kept only where it hides less (the audit's 60 mm figures:
    // a bar and its miles over a district; s11: across a tall country's edge, with a strip of sea
    // beside it). Over empty land, the bar keeps its length: it hides nothing the map is about.
    std::optional<Choice> chosen;
    const double frame_w = lc.tf.frame.width();
    // Bars as short as a round length allows of at least `least`: each next one is at most twice the
    // last. Returns what measure() was given.
    auto shortest_at_least = [&](double least) {
        double longest = 2 * least;
        for (measure(longest * 0.999); longest_bar() >= least; measure(longest * 0.999))
            longest = longest_bar();
        measure(longest);
        return longest;
    };
    // The bar drawn in a chosen spot.
    auto item_of = [&](const Choice& chosen) {
        units = chosen.units;
        measure(chosen.longest);
        const Box spot = chosen.spot.box;
        const bool panel = chosen.panel;
        const Shape_ dims = chosen.dims;
        const double row_h = bar_h + text_h + 3 * u;
        Item item;
        item.id = lc.id_prefix + "scale-bar";
        item.title = fill(words.scale_bar_title, {true_where.empty() ? words.true_at_centre : true_where});
        item.data = {{"metres", std::to_string(static_cast<long>(std::lround(bars.front().metres)))},
                     {"length-pt", std::to_string(bars.front().length_pt)}};
        if (!true_at.empty())
            item.data["true-at"] = true_at;
        if (panel)
            item.parts.emplace_back(Shape{{box_ring(spot)}, true, Fill{Color{1, 1, 1, 0.8}, {}}, std::nullopt});
        else
            item.data["panel"] = "none";
        auto halo = [&](Text& t) {
            if (!panel) {
                t.halo = lc.theme.halo;
                t.halo_width = 1.5 * u;
            }
        };
        double y0 = spot.miny + dims.pad_top + text_h;
        for (const ScaleBar& bar : bars) {
            const double x0 = spot.minx + dims.pad_x;
            const double seg = bar.length_pt / bar.segments;
            for (int i = 0; i < bar.segments; ++i) {
                const double x = x0 + i * seg;
                item.parts.emplace_back(Shape{{box_ring({x, y0, x + seg, y0 + bar_h})},
                                              true,
                                              Fill{i % 2 ? Color{1, 1, 1, 1} : lc.theme.text, {}},
                                              Stroke{lc.theme.text, 0.5 * u, {}, false}});
            }
            // Zero, the end, and the middle where the middle is a tick.
            std::vector<int> ticks{0, bar.segments};
            if (bar.segments % 2 == 0)
                ticks.insert(ticks.begin() + 1, bar.segments / 2);
            // A short bar keeps only the labels that stand apart, half an em at least (a space and a
            // half): the end's always. Each number is centred on its tick and only the end names the
            // unit, after its number ("0  10  20 km"): a centred "10 km" put its number beside the
            // tick. A point apart, the halos met and "0 1 2 km" read as one crammed word in the
            // insets (audit s15 D5, b-steppe and d-orsenne).
            const double apart = std::max(u, 0.5 * f.size);
            std::vector<Text> labels;
            for (auto it = ticks.rbegin(); it != ticks.rend(); ++it) {
                const int i = *it;
                const double x = x0 + i * seg;
                const double y = y0 - 1.5 * u;
                Text t = lc.text_at(bar.number(i, words), {x, y}, f, lc.theme.text, Anchor::middle);
                if (i == bar.segments)
                    t = lc.text_at(bar.label(i, words), {t.box.minx, y}, f, lc.theme.text);
                if (std::none_of(labels.begin(), labels.end(),
                                 [&](const Text& o) { return o.box.inflated(apart).intersects(t.box); }))
                    labels.push_back(std::move(t));
            }
            for (Text& t : labels) {
                halo(t);
                item.parts.emplace_back(std::move(t));
            }
            y0 += row_h;
        }
        if (note) {
            // Under the last bar.
            Text t = *note;
            t.origin = {spot.minx + dims.pad_x, y0 - row_h + bar_h + 1.5 * u - t.box.miny};
            t.box = lc.text.box_of(t);
            halo(t);
            item.parts.emplace_back(std::move(t));
        }
        return item;
    };
    if (lc.only) {
        // An inset's bar: kInsetBarShare of its frame, at least the readable length where that fits
        // kBarShare of it. Where it lies on a zone wherever it goes, shorter round lengths
        // down to the readable one, each kept only where it hides no zone or, where the longer lies on
        // enough of a zone that the check would refuse the page, not that much: a bar in one spot at
        // one length landed on a zone as soon as a change elsewhere shrank the inset a little.
        const double readable = kReadableInsetBarMm * 72 / 25.4 * std::max(1.0, u);
        double asked = 0;
        double one_length = 0; // the one length inset bars had
        auto first_length = [&] {
            measure(asked = frame_w * kInsetBarShare);
            one_length = longest_bar();
            if (longest_bar() < readable && (asked = shortest_at_least(readable), longest_bar() > frame_w * kBarShare))
                measure(asked = frame_w * kBarShare);
        };
        first_length();
        // Two units' bars (km above mi) stand twice as tall as one. Where they do not fit a strip, or hide
        // a tenth of a zone in every spot, the inset's bar gives the first unit alone, as the main map's
        // gives both: in Brenna's 22 mm harbour inset at 100 mm, km and mi hid 11-15 % of the coast it
        // magnifies wherever they stood, and their strip would have taken two fifths of the inset.
        auto one_unit = [&] {
            units = ScaleUnits::km;
            first_length();
        };
        if (strip) {
            // In the blank strip the inset keeps for it (layout_detail_insets draws the strip), without a
            // panel, at its start.
            if (units == ScaleUnits::km_mi && shape_of(false).h > strip->height())
                one_unit();
            const Shape_ bare = shape_of(false);
            const double y = (strip->miny + strip->maxy - bare.h) / 2;
            const Choice c{Spot{{strip->minx + 2 * u, y, strip->minx + 2 * u + bare.w, y + bare.h}}, false, bare, asked,
                           units};
            Item item = item_of(c);
            item.data["panel"] = "strip";
            lc.placer.occupy(c.spot.box);
            layer.items.push_back(std::move(item));
            return c.spot.box.height();
        }
        // What each bar hides is measured as the check measures it, on the zones drawn so far: without
        // its panel a bar hides its segments and numbers, not its whole box.
        const auto drawn = std::find_if(lc.scene.layers.begin(), lc.scene.layers.end(), [](const Layer& l) { return l.id == "zones"; });
        auto hidden_share = [&](const Item& bar) {
            double most = 0;
            if (drawn != lc.scene.layers.end())
                for (const auto& hidden : zones_hidden_by(*drawn, lc.project, bar, lc.tf.frame, kFurnitureHidesShare / 2))
                    most = std::max(most, hidden.second);
            return most;
        };
        const auto refused = [](const Spot& spot) { return spot.zone_share >= kFurnitureHidesShare; };
        double chosen_length = 0;
        for (;;) {
            if (std::optional<Choice> c = place(asked)) {
                c->spot.zone_share = hidden_share(item_of(*c));
                // A bar longer than the one length inset bars had stays only where it hides no zone: over
                // a city's wards it took their badges' room.
                if (!chosen || (!c->spot.hides_zone() && !refused(c->spot)) ||
                    (refused(chosen->spot) && c->spot.zone_share < chosen->spot.zone_share) ||
                    (chosen_length > one_length && !refused(c->spot))) {
                    chosen = c;
                    chosen_length = longest_bar();
                }
            }
            if (chosen && !chosen->spot.hides_zone())
                break;
            // Never under the one length inset bars had: shorter, a 2 mm bar passed where a wider page
            // kept 5 mm (Brenna at 100mm); the inset tries a strip for it, and the page search another
            // composition, instead.
            measure(asked = longest_bar() * 0.999);
            if (longest_bar() < one_length * 0.999) {
                if (units != ScaleUnits::km_mi || !chosen || !refused(chosen->spot))
                    break;
                one_unit();
            }
        }
        // Where none passes the check, the one hiding least stays: layout_detail_insets then tries other
        // views (a band or a blank strip for the bar), and the page search other compositions; an
        // inset left out instead passed the check with the zone unmagnified (Brenna at 100mm).
    }
    if (shorter) {
        // One length: the readable one, where the labels left it room (a longer one would take a spot
        // a name could have had, for nothing more read), on no more of the zones than the short one.
        // Over a coast or land it may go: a bar too short to read hid nothing worth that.
        const double asked = shortest_at_least(readable);
        if (std::optional<Choice> c = place(asked); c && c->spot.zones_cost <= shorter->zones_cost)
            chosen = c;
    }
    const double target = scale_bar_near(metres_per_pt, frame_w * kBarTargetShare,
                                         units == ScaleUnits::mi ? ScaleUnit::imperial : ScaleUnit::metric)
                              .length_pt;
    for (double longest = target * 1.000001; !lc.only && !shorter; longest = longest_bar() * 0.999) {
        measure(longest);
        if (longest_bar() < frame_w * kLeastBarShare &&
            ((chosen && chosen->spot.hides_land_only()) || longest_bar() < frame_w * kShortestBarShare))
            break;
        if (std::optional<Choice> c = place(longest); c && (!chosen || c->spot.cost < chosen->spot.cost))
            chosen = c;
        if (chosen && chosen->spot.cost == 0)
            break;
    }
    if (chosen) {
        Item item = item_of(*chosen);
        lc.placer.occupy(chosen->spot.box);
        layer.items.push_back(std::move(item));
        if (!lc.only)
            lc.main_bar = LayoutContext::PlacedBar{chosen->spot.box, longest_bar(), chosen->spot.cost,
                                                   chosen->spot.zones_cost};
        return chosen->spot.box.height();
    }
    return 0;
}

} // namespace

double layout_scale_bar(LayoutContext& lc, Layer& layer, const std::optional<Box>& strip) {
    return scale_bar(lc, layer, strip);
}

// The main bar is laid out with the furniture, before the labels, which must keep off it; the bar first
// tried is a share of the frame, shorter where longer ones hide zones or do not fit a narrow frame. Once
// the labels are set, a bar under the readable length is made that length where the placer is free:
// laid out readable first, it took the spot of a zone's name on the 60 mm figures (scalebar 6eaab35:
// "Bridge quarter" dropped at 12 mm, kvitland's "Sør valley" at 11).
void lengthen_scale_bar(LayoutContext& lc) {
    const double readable = kReadableBarMm * 72 / 25.4 * std::max(1.0, lc.unit);
    if (lc.only || !lc.main_bar || lc.main_bar->length >= readable * (1 - 1e-9))
        return;
    const auto layer = std::find_if(lc.scene.layers.begin(), lc.scene.layers.end(),
                                    [](const Layer& l) { return l.id == "furniture"; });
    if (layer == lc.scene.layers.end())
        return;
    const auto bar = std::find_if(layer->items.begin(), layer->items.end(),
                                  [](const Item& it) { return it.id == "scale-bar"; });
    const LayoutContext::PlacedBar shorter = *lc.main_bar;
    if (bar == layer->items.end() || !lc.placer.vacate(shorter.box))
        return;
    Layer longer{layer->id, layer->name, layer->clip, {}};
    scale_bar(lc, longer, std::nullopt, &shorter, readable);
    lc.furniture_ground.reset(); // as layout_map_furniture leaves it
    if (longer.items.empty()) {
        lc.placer.occupy(shorter.box);
        lc.main_bar = shorter;
        return;
    }
    *bar = std::move(longer.items.front());
}

namespace {

void north_arrow(LayoutContext& lc, Layer& layer) {
    // Where north turns by more than a few degrees across the frame, one arrow is wrong at the edges;
    // the graticule's meridians show north everywhere instead.
    if (map_spread(lc).convergence_deg > 3)
        return;
    const double u = lc.unit;
    const double h = 18 * u, w = 12 * u;
    const Point world_centre{(lc.tf.world.minx + lc.tf.world.maxx) / 2,
                             (lc.tf.world.miny + lc.tf.world.maxy) / 2};
    const double gamma = lc.project.geo.projection->convergence_at(world_centre);
    // Where every spot would hide part of a zone, there is no arrow: the frame's degree ticks give
    // north (the map is drawn north up to within a few degrees, above), and an arrow standing on a
    // zone hid it (the audit's 60 mm figure, its arrow on the Western marches).
    const std::optional<Spot> found = furniture_spot(lc, w, 0.9 * h + 2 * u + lc.fonts.heading.size, 4 * u);
    if (found && !found->hides_zone()) {
        const Box spot = found->box;
        const Point c{(spot.minx + spot.maxx) / 2, spot.maxy - 0.45 * h};
        // Page y grows down; true north is rotated by the grid convergence.
        auto rot = [&](double x, double y) {
            return Point{c.x + x * std::cos(gamma) + y * std::sin(gamma),
                         c.y - x * std::sin(gamma) + y * std::cos(gamma)};
        };
        Item item;
        item.id = "north-arrow";
        item.title = std::string(panel_words(lc.project.spec.lang).north_arrow_title);
        char conv[32];
        std::snprintf(conv, sizeof conv, "%.4f", gamma * 180 / M_PI);
        item.data = {{"convergence-deg", conv}};
        const double a = 0.42 * h, b = 0.28 * w;
        item.parts.emplace_back(Shape{{{rot(0, -a), rot(-b, a * 0.55), rot(0, a * 0.25)}},
                                      true,
                                      Fill{lc.theme.text, {}},
                                      Stroke{lc.theme.text, 0.4 * u, {}, true}});
        item.parts.emplace_back(Shape{{{rot(0, -a), rot(b, a * 0.55), rot(0, a * 0.25)}},
                                      true,
                                      Fill{Color{1, 1, 1, 1}, {}},
                                      Stroke{lc.theme.text, 0.4 * u, {}, true}});
        const Point n = rot(0, -a - 1.2 * u);
        item.parts.emplace_back(lc.text_at("N", n, lc.fonts.heading, lc.theme.text, Anchor::middle));
        lc.placer.occupy(spot);
        layer.items.push_back(std::move(item));
        return;
    }
}

void inset(LayoutContext& lc, Layer& layer) {
    const Project& p = lc.project;
    const GeosContext& ctx = *p.geo.ctx;
    const BaseLayer* land = p.geo.layer(LayerRole::land);
    if (!land || land->features.empty())
        return;
    Box region{1e18, 1e18, -1e18, -1e18};
    for (const Feature& f : land->features)
        region.expand(geom::bounds(ctx, f.geom.get()));
    // No point in a locator that shows little more than the map itself.
    if (region.width() < lc.tf.world.width() * 2.5)
        return;
    const double u = lc.unit;
    const double w = std::min(lc.tf.frame.width(), lc.tf.frame.height()) * 0.22;
    const double h = w * region.height() / region.width();
    // A locator is a help, not data: only where it hides nothing.
    // Over land inside or beyond the mapped area it hides nothing either: it shows the land.
    if (const std::optional<Spot> found = furniture_spot(lc, w, h, 0, false, false); found && found->cost == 0) {
        const Box spot = found->box;
        const MapTransform itf = MapTransform::fit(region, spot, 0);
        // A feature the locator's world lies strictly around is the overlay every page shares
        // (Geography::within_any_box): on Gaza's pages, the largest neighbour and the strip.
        auto rings_of = [&](const GEOSGeometry* g) {
            std::vector<Ring> out;
            const bool around = !geom::is_empty(ctx, g) && itf.world.strictly_around(geom::bounds(ctx, g));
            const GeosGeom own = around ? nullptr : geom::intersection(ctx, g, ctx.box(itf.world).get());
            const GEOSGeometry* c = around ? p.geo.within_any_box(g) : own.get();
            for (auto& poly : geom::polygons(ctx, c))
                for (auto& r : poly) {
                    Ring pr;
                    for (const Point& pt : r)
                        pr.push_back(itf.to_page(pt));
                    out.push_back(std::move(pr));
                }
            return out;
        };
        Item item;
        item.id = "inset";
        item.title = std::string(panel_words(lc.project.spec.lang).locator_title);
        item.parts.emplace_back(Shape{{box_ring(spot)}, true, Fill{lc.theme.sea, {}}, std::nullopt});
        for (const Feature& f : land->features)
            item.parts.emplace_back(Shape{rings_of(f.geom.get()), true,
                                          Fill{lc.theme.land.mix({0, 0, 0, 1}, 0.06), {}},
                                          Stroke{lc.theme.land_stroke, 0.3 * u, {}, true}});
        if (const BaseLayer* o = p.geo.layer(LayerRole::outline))
            for (const Feature& f : o->features)
                item.parts.emplace_back(
                    Shape{rings_of(f.geom.get()), true, Fill{lc.theme.outline_stroke, {}}, std::nullopt});
        const Box e = lc.tf.world;
        const Point a = itf.to_page({e.minx, e.maxy}), b = itf.to_page({e.maxx, e.miny});
        item.parts.emplace_back(Shape{{{{a.x, a.y}, {b.x, a.y}, {b.x, b.y}, {a.x, b.y}}},
                                      true,
                                      std::nullopt,
                                      Stroke{Color::hex("#c0392b"), 1.0 * u, {}, false}});
        item.parts.emplace_back(
            Shape{{box_ring(spot)}, true, std::nullopt, Stroke{lc.theme.outline_stroke, 0.6 * u, {}, false}});
        lc.placer.occupy(spot.inflated(2 * u));
        layer.items.push_back(std::move(item));
        return;
    }
}

} // namespace

void layout_map_furniture(LayoutContext& lc) {
    Layer& layer = lc.scene.layer("furniture", "Scale, north arrow and locator");
    lc.main_bar.reset();
    inset(lc, layer);
    layout_scale_bar(lc, layer);
    north_arrow(lc, layer);
    // The prepared coasts' indexes are as large as the coasts: not kept while the rest of the page is
    // laid out and drawn (the 1 M-vertex render peaked 20 MB higher).
    lc.furniture_ground.reset();
}

} // namespace citemap

// Detail insets (magnifiers): zones too small to read at the map's scale are gathered into clusters,
// and each cluster is drawn again, larger, in a box placed in free space on the map, with its own
// scale bar and labels. A frame around the cluster on the main map and a line to the inset link the
// two. The inset is laid out by the same stages as the main map, through a LayoutContext of its own.
#include "geo/geometry_ops.hpp"
#include "layout/layout_context.hpp"
#include "layout/layout_quality.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>

namespace citemap {

namespace {

constexpr double kMm = 72.0 / 25.4;
// How many times larger than on the main map an inset first tries to show its cluster.
constexpr double kGoodMagnification = 3.05;
// What an inset over claimed zones costs, in millimetres of link, when it covers them all: more than
// the longest link (70 mm), so a spot half off them wins over one on them however near.
constexpr double kZoneCoverCost = 100 * kMm;
// Zones this close on the page read as one place and share an inset, however little it magnifies them:
// five posts 4 km apart by a coast (1-3 mm on A4) split between two insets read as two places.
constexpr double kOnePlaceGap = 8 * kMm;
// What an inset over a town's dot costs, in millimetres of link.
constexpr double kTownCoverCost = 20 * kMm;

struct Tiny {
    const Zone* zone;
    Box world; // map CRS
    Box page;
};

// Zones closer than `reach` on the page share a cluster while it stays `small` (its zones' page box):
// the nearest pairs join first, and a pair whose clusters joined would not be small stays apart unless
// they are within kOnePlaceGap of each other. Where
// every join is small, these are single linkage's clusters, in its order.
std::vector<std::vector<Tiny>> clusters(std::vector<Tiny> tiny, double reach,
                                        const std::function<bool(const Box&)>& small) {
    auto near = [&](const Tiny& a, const Tiny& b) { return a.page.inflated(reach / 2).intersects(b.page.inflated(reach / 2)); };
    // Which cluster each zone joins (union-find over its index).
    std::vector<std::size_t> parent(tiny.size());
    std::vector<Box> box(tiny.size());
    for (std::size_t i = 0; i < tiny.size(); ++i) {
        parent[i] = i;
        box[i] = tiny[i].page;
    }
    auto find = [&](std::size_t i) {
        while (parent[i] != i)
            i = parent[i] = parent[parent[i]];
        return i;
    };
    struct Pair {
        double gap;
        std::size_t i, j;
    };
    std::vector<Pair> pairs;
    for (std::size_t i = 0; i < tiny.size(); ++i)
        for (std::size_t j = i + 1; j < tiny.size(); ++j)
            if (near(tiny[i], tiny[j])) {
                const Box& a = tiny[i].page;
                const Box& b = tiny[j].page;
                pairs.push_back({std::hypot(std::max({0.0, a.minx - b.maxx, b.minx - a.maxx}),
                                            std::max({0.0, a.miny - b.maxy, b.miny - a.maxy})), i, j});
            }
    std::sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) { return std::tie(a.gap, a.i, a.j) < std::tie(b.gap, b.i, b.j); });
    for (const Pair& pr : pairs) {
        const std::size_t a = find(pr.i), b = find(pr.j);
        if (a == b)
            continue;
        Box joined = box[a];
        joined.expand(box[b]);
        if (pr.gap > kOnePlaceGap && !small(joined))
            continue;
        parent[b] = a;
        box[a] = joined;
    }
    std::vector<std::size_t> group(tiny.size());
    for (std::size_t i = 0; i < tiny.size(); ++i)
        group[i] = find(i);
    // Gathered as single linkage gathers them, within each cluster.
    std::vector<std::vector<Tiny>> out;
    while (!tiny.empty()) {
        std::vector<Tiny> c{tiny.back()};
        const std::size_t g = group.back();
        tiny.pop_back();
        group.pop_back();
        for (std::size_t i = 0; i < c.size(); ++i)
            for (std::size_t j = 0; j < tiny.size();) {
                if (group[j] == g && near(c[i], tiny[j])) {
                    c.push_back(tiny[j]);
                    tiny.erase(tiny.begin() + static_cast<std::ptrdiff_t>(j));
                    group.erase(group.begin() + static_cast<std::ptrdiff_t>(j));
                } else {
                    ++j;
                }
            }
        out.push_back(std::move(c));
    }
    // Largest clusters first; the order is stable for identical input.
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
    return out;
}

// The share of a page box that covers a geometry (the land), from a 6 x 6 grid of points.
double cover_share(const LayoutContext& lc, const GEOSPreparedGeometry* zones, const Box& b) {
    const GeosContext& ctx = *lc.project.geo.ctx;
    // The same share, asked once of a box wholly on it or off it (most spots tried): the 36 points
    // were a tenth of e-nordland's render.
    if (const GeosGeom whole = ctx.box(lc.tf.to_world(b)); GEOSPreparedIntersects_r(ctx.get(), zones, whole.get()) == 0)
        return 0;
    else if (GEOSPreparedContains_r(ctx.get(), zones, whole.get()) == 1)
        return 1;
    int hits = 0;
    for (int i = 0; i < 6; ++i)
        for (int j = 0; j < 6; ++j) {
            const Point w = lc.tf.to_world(Point{b.minx + (i + 0.5) * b.width() / 6, b.miny + (j + 0.5) * b.height() / 6});
            GeosGeom pt(GEOSGeom_createPointFromXY_r(ctx.get(), w.x, w.y), GeosDeleter{ctx.get()});
            hits += GEOSPreparedIntersects_r(ctx.get(), zones, pt.get()) == 1;
        }
    return hits / 36.0;
}

// The ends of the link from a cluster's frame to its inset: their nearest corners.
std::pair<Point, Point> link_ends(const Box& around, const Box& spot) {
    const Point ac{(around.minx + around.maxx) / 2, (around.miny + around.maxy) / 2};
    const Point sc{(spot.minx + spot.maxx) / 2, (spot.miny + spot.maxy) / 2};
    return {{sc.x > ac.x ? around.maxx : around.minx, sc.y > ac.y ? around.maxy : around.miny},
            {sc.x > ac.x ? spot.minx : spot.maxx, sc.y > ac.y ? spot.miny : spot.maxy}};
}

// Whether an inset's scale bar lies on a zone (any area of one under its box), of `among` when given;
// `inset_tf` the inset's transform.
bool bar_on_zones(const LayoutContext& lc, const MapTransform& inset_tf, const Item& bar,
                  const std::set<std::string>* among = nullptr) {
    const GeosContext& ctx = *lc.project.geo.ctx;
    GeosGeom under = ctx.box(inset_tf.to_world(bounds_of(bar)));
    return std::any_of(lc.project.geo.zones.begin(), lc.project.geo.zones.end(), [&](const Zone& z) {
        return (!among || among->count(z.id)) && geom::intersects(ctx, z.geom.get(), under.get()) &&
               geom::area(ctx, geom::intersection(ctx, z.geom.get(), under.get()).get()) > 0;
    });
}

// Occupies a line of an inset's link or of the frame around its cluster, except across the towns' dots:
// a dot is a point of the map and is drawn over the line, where its name keeps off it. Longhamn, 1.7 mm from the settlement, lost its dot to the frame's edge, 0.02 pt over
// its box, and the advice was a larger page (audit s16 D13).
void occupy_line_past(Placer& placer, Point a, Point b, double half, const std::vector<TownRoom>& towns) {
    std::vector<std::array<double, 2>> gaps;
    for (const TownRoom& t : towns)
        if (const auto span = segment_span_in_box(a, b, t.dot.inflated(half * 1.01)))
            gaps.push_back(*span);
    std::sort(gaps.begin(), gaps.end());
    double from = 0;
    auto at = [&](double t) { return Point{a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t}; };
    for (const auto& g : gaps) {
        if (g[0] > from)
            placer.occupy_line(at(from), at(g[0]), half);
        from = std::max(from, g[1]);
    }
    if (from < 1)
        placer.occupy_line(at(from), b, half);
}

} // namespace

void layout_detail_insets(LayoutContext& lc) {
    if (lc.only)
        return; // no insets inside insets
    const Project& p = lc.project;
    const GeosContext& ctx = *p.geo.ctx;
    const double u = lc.unit;
    // Too small to read: the zone's drawing is under 4 mm across, where a fill, a pattern and a
    // marker cannot all be told apart.
    std::vector<Tiny> tiny;
    for (const Zone& z : p.geo.zones) {
        if (p.claims_of(z.id).empty())
            continue;
        const Box w = geom::bounds(ctx, z.geom.get());
        const Point a = lc.tf.to_page({w.minx, w.maxy}), b = lc.tf.to_page({w.maxx, w.miny});
        const Box pb{a.x, a.y, b.x, b.y};
        if (std::max(pb.width(), pb.height()) < 4 * kMm && lc.tf.frame.intersects(pb)) {
            tiny.push_back({&z, w, pb});
            lc.tiny_zones.insert(z.id);
        }
    }
    if (tiny.empty())
        return;
    // A dense map numbers its small zones in place; when they cannot all be numbered there (sixty city
    // wards in two 8 mm cities), the map is drawn again with room for insets (draw_plan).
    const bool numbers_in_place = lc.dense && lc.inset_room <= 0;
    // The towns keep their dots, and those the map must name a spot for their names (towns_on_map).
    const std::vector<TownRoom> towns = numbers_in_place ? std::vector<TownRoom>{} : towns_on_map(lc);
    int made = 0;
    const GeosGeom frame_world = ctx.box(lc.tf.world);
    std::vector<double> shown_area(p.geo.zones.size(), -1.0); // measured when an inset may lie over zones
    // The largest inset: 80 mm on A4 and smaller pages, more on larger ones (an A2 page's 80 mm
    // inset magnified its cluster less than an A4 page's), and a share of the frame.
    const double most = 80 * kMm * std::max(1.0, u);
    auto largest_width = [&](double aspect) {
        return std::min({most, lc.tf.frame.width() * 0.6, lc.tf.frame.height() * 0.8 / aspect});
    };
    // Zones within 30 mm of each other share an inset; on a map drawn smaller to make room for insets,
    // the same distance on the ground (three cities 30 mm apart came within 20 mm and shared one inset
    // as large as all three). Only while an inset three quarters of the largest would show them
    // kGoodMagnification times larger, with the context it adds (below): the largest seldom finds a
    // free spot. A 4 km² settlement and a 16 km² lease 70 km apart shared an inset as large as a fifth
    // of the island, which showed them at twice the main scale, still squares 1.5 mm across (audit s16
    // D3). Apart, each inset magnifies.
    auto small = [&](const Box& page) {
        const double pad = 2 * (std::max(page.width(), page.height()) * 0.12 + 300 * lc.tf.scale());
        const double w = page.width() + pad, h = page.height() + pad;
        const double aspect = std::clamp(h / w, 0.55, 1.5);
        const double inset_w = 0.75 * largest_width(aspect);
        return std::min(inset_w / w, inset_w * aspect / h) >= kGoodMagnification;
    };
    // Where apart fewer of them would have an inset (a map has two, three with a strip for them), they
    // share them as before: c-orva's Brasca and Mirna, 25 mm apart on one bend of the river, apart left
    // Brasca none.
    const int most_insets = lc.inset_room > 0 ? 3 : 2;
    const double reach = lc.inset_reach > 0 ? lc.inset_reach : 30 * kMm;
    auto magnified = [&](const std::vector<std::vector<Tiny>>& cs) {
        std::size_t n = 0;
        for (std::size_t i = 0; i < cs.size() && i < static_cast<std::size_t>(most_insets); ++i)
            n += cs[i].size();
        return n;
    };
    std::vector<std::vector<Tiny>> gathered = clusters(tiny, reach, small);
    if (gathered.size() > static_cast<std::size_t>(most_insets))
        if (auto joined = clusters(tiny, reach, [](const Box&) { return true; }); magnified(joined) > magnified(gathered))
            gathered = std::move(joined);
    for (auto& cluster : gathered) {
        if (made == most_insets)
            break;
        Box world = cluster.front().world;
        for (const Tiny& t : cluster)
            world.expand(t.world);
        // Some context around the cluster, and never less than a few hundred metres.
        const double pad = std::max({world.width(), world.height()}) * 0.12 + 300;
        world = world.inflated(pad);
        const double aspect = std::clamp(world.height() / world.width(), 0.55, 1.5);
        const Box frame = lc.tf.frame;
        // The box the cluster needs, not the largest that finds room: each zone's name and numbers
        // with room around them, and the scale bar. One small island needs a few centimetres; it
        // took a sixth of the frame (probe-s5 #27). Smaller boxes are tried next, then larger ones
        // when the cluster's names do not fit.
        Font label_font = lc.fonts.zone_label;
        label_font.size = std::max(6.5, label_font.size * 0.82); // as the inset sets them, below
        double need_area = 28 * kMm * 8 * kMm; // the scale bar
        for (const Tiny& t : cluster) {
            const Box lb = lc.text_at(t.zone->name, {0, 0}, label_font, lc.theme.text).box;
            need_area += (lb.width() + 8 * kMm) * (2.5 * lb.height() + lc.fonts.marker.size * 2) * 1.5;
        }
        // And at least twice the cluster's size on the map, or it magnifies nothing.
        const double least = 2.05 * world.width() * lc.tf.scale();
        const double need = std::clamp(std::max(std::sqrt(need_area / aspect), least), 24 * kMm, most);
        const Box cp{lc.tf.to_page({world.minx, world.maxy}).x, lc.tf.to_page({world.minx, world.maxy}).y,
                     lc.tf.to_page({world.maxx, world.miny}).x, lc.tf.to_page({world.maxx, world.miny}).y};
        // The box this cluster wants, should no spot be found (or the map number it in place).
        const double want_w = std::min(std::max({need, 22 * kMm, least}), largest_width(aspect));
        const LayoutContext::InsetWant want{cp, want_w, want_w * aspect};
        if (numbers_in_place) {
            lc.insets_wanted.push_back(want);
            continue;
        }
        // The cited data (zones, [[line]]s and [[place]]s) and the land, kept across pages.
        GeosPrepared zones = ctx.prepare(p.geo.kept_union(Geography::Kept::cited));
        const GEOSGeometry* land = p.geo.kept_union(Geography::Kept::land_and_outline);
        GeosPrepared land_prepared = land ? ctx.prepare(land) : GeosPrepared(nullptr, {ctx.get()});
        // The inset hides whatever lies under it: it goes where there are no zones at all (their
        // labels are placed after it, around it), at the largest size that finds such a spot, and
        // over sea or empty frame rather than land. With no zone-free spot at any size there is no
        // inset: the main map marks the small zones itself, as symbols with their numbers.
        auto covers_zone = [&](const Box& b) {
            const GeosGeom r = ctx.box(lc.tf.to_world(b.inflated(1.0 * kMm)));
            return GEOSPreparedIntersects_r(ctx.get(), zones.get(), r.get()) == 1;
        };
        // Where no spot within a link's reach is free of zones (a small zone deep inside a country
        // split between two large zones: the 1 km² village in the middle of a 150 km demilitarised
        // line had none, and stayed a 1 mm square under the line), the inset may lie over large zones
        // only: each zone it meets is at least five times its size, so four fifths of it stay in view
        // with room for its name; no [[line]], [[place]] or town lies under it.
        auto over_large_zones_only = [&](const Box& b) {
            const Box wb = lc.tf.to_world(b.inflated(1.0 * kMm));
            const GeosGeom r = ctx.box(wb);
            const double box_area = b.width() * b.height() / (lc.tf.scale() * lc.tf.scale());
            for (const auto* list : {&p.geo.lines, &p.geo.places})
                for (const Zone& f : *list)
                    if (!geom::is_empty(ctx, f.geom.get()) && geom::bounds(ctx, f.geom.get()).intersects(wb) &&
                        geom::intersects(ctx, f.geom.get(), r.get()))
                        return false;
            for (std::size_t j = 0; j < p.geo.zones.size(); ++j) {
                const Zone& z = p.geo.zones[j];
                if (geom::is_empty(ctx, z.geom.get()) || !geom::bounds(ctx, z.geom.get()).intersects(wb) ||
                    !geom::intersects(ctx, z.geom.get(), r.get()))
                    continue;
                if (shown_area[j] < 0) // the zone's area inside the frame, as the check measures it
                    shown_area[j] = geom::area(ctx, geom::intersection(ctx, z.geom.get(), frame_world.get()).get());
                if (shown_area[j] < 5 * box_area)
                    return false;
            }
            if (const BaseLayer* towns = p.geo.layer(LayerRole::localities))
                for (const Feature& f : towns->features)
                    if (!geom::is_empty(ctx, f.geom.get()) && geom::bounds(ctx, f.geom.get()).intersects(wb))
                        return false;
            return true;
        };
        // The link from the cluster to its inset stays short: an inset across the map (150-230 mm
        // on the probe's island nation) is read as another place's.
        // Where the map was drawn smaller to leave a strip of the frame free for insets, the link
        // reaches across the map to it.
        const double max_link = lc.inset_room > 0 ? std::hypot(frame.width(), frame.height())
                                              : 70 * kMm * std::max(0.8, lc.unit);
        // In the first pass (no zone under the inset or across its link) the choice is land or sea: over
        // sea or empty frame alone it reaches half as far again (an island filling the frame has its sea
        // beyond the longest link), and land under it costs as much as that link, so any spot over sea
        // or empty frame in reach comes first, as a cartographer sets an inset. At 35 mm the insets of
        // e-nordland stood on the island's interior, one hiding a fifth of it, while the sea east of it
        // was empty (audit s16 D3). Over zones (the later passes) what it hides of them comes first,
        // and land costs 35 mm: at the first pass's cost, c-orva's Gura Orvei inset went 55 mm off to a
        // corner where the county's land was thinner.
        // In a strip left for insets they stand over whatever land it shows: there, the nearest end
        // keeps the links of two insets from crossing (a city's inset over sea at the strip's far end
        // left the other city's link no way past it).
        const double sea_link = lc.inset_room > 0 ? max_link : 1.5 * max_link;
        auto land_cost = [&](int pass) { return lc.inset_room > 0 ? 0 : pass == 0 ? sea_link : 35 * kMm; };
        // The link crosses no zone but those the cluster lies on: drawn across the demilitarised strip
        // to an inset in the middle of the land, it read as leading to the strip (audit s11 D5). A
        // village's link starts inside the strip holding it, and may cross that; in a strip left for
        // insets, the links cross the map.
        std::vector<const Zone*> apart_zones;
        {
            const GeosGeom cluster_box = ctx.box(world);
            for (const Zone& z : p.geo.zones)
                if (!geom::is_empty(ctx, z.geom.get()) && !(geom::bounds(ctx, z.geom.get()).intersects(world) &&
                                                            geom::intersects(ctx, z.geom.get(), cluster_box.get())))
                    apart_zones.push_back(&z);
        }
        auto link_crosses_zone = [&](const Box& b) {
            const auto [from, to] = link_ends(cp, b);
            const Point a = lc.tf.to_world(from), c = lc.tf.to_world(to);
            const double len = std::hypot(c.x - a.x, c.y - a.y);
            if (len <= 0)
                return false;
            // The line as a quad a fifth of a millimetre wide.
            const double half = 0.1 * kMm / lc.tf.scale();
            const Point n{-(c.y - a.y) / len * half, (c.x - a.x) / len * half};
            const GeosGeom quad = ctx.polygon(
                {{{a.x + n.x, a.y + n.y}, {c.x + n.x, c.y + n.y}, {c.x - n.x, c.y - n.y}, {a.x - n.x, a.y - n.y}, {a.x + n.x, a.y + n.y}}});
            const Box qb{std::min(a.x, c.x) - half, std::min(a.y, c.y) - half, std::max(a.x, c.x) + half,
                         std::max(a.y, c.y) + half};
            return std::any_of(apart_zones.begin(), apart_zones.end(), [&](const Zone* z) {
                return geom::bounds(ctx, z->geom.get()).intersects(qb) && geom::intersects(ctx, z->geom.get(), quad.get());
            });
        };
        // Per town, the spots for its name still free beside the cluster: an inset or its link may take
        // some, never the last (a town whose name had no spot already is left to map_labels).
        std::vector<std::vector<Box>> name_room(towns.size());
        for (std::size_t k = 0; k < towns.size(); ++k)
            for (const Box& s : towns[k].name_spots)
                if (!s.intersects(cp) && lc.placer.fits(s, frame))
                    name_room[k].push_back(s);
        auto takes_town_room = [&](const auto& meets) {
            for (std::size_t k = 0; k < towns.size(); ++k)
                if ((towns[k].must_name && meets(towns[k].dot)) ||
                    (!name_room[k].empty() && std::all_of(name_room[k].begin(), name_room[k].end(), meets)))
                    return true;
            return false;
        };
        // Whether the link to an inset at `b` crosses what the placer holds, past the symbols on the
        // cluster: a [[place]] by a small village has its diamond (3.3 units across its box's half) over
        // the cluster's frame, a millimetre or two on a national map, which every link starts inside,
        // and the village got no inset (the Sary enclave with a pump 0.6 km off it, on every page).
        auto link_blocked = [&](const Box& b) {
            const auto ends = link_ends(cp, b); // named, not bound: clang 14 cannot capture a binding
            const Point from = ends.first, to = ends.second;
            const double past = 3.5 * u, dx = std::abs(to.x - from.x), dy = std::abs(to.y - from.y);
            const double t = std::min(dx > 0 ? past / dx : 1.0, dy > 0 ? past / dy : 1.0);
            if (t >= 1)
                return false;
            const Point past_cluster{from.x + (to.x - from.x) * t, from.y + (to.y - from.y) * t};
            return lc.placer.crosses(past_cluster, to, false) ||
                   takes_town_room([&](const Box& room) { return segment_meets_box(past_cluster, to, room.inflated(0.6 * u)); });
        };
        bool placed = false;
        // First over sea or empty land only, with a link across no other zone; then with a link across
        // zones (a land divided into regions: the way to the sea crosses a neighbour); where no such
        // spot is in reach, over large zones.
        for (int pass = 0; pass < 3 && !placed; ++pass) {
            if (pass == 1 && lc.inset_room > 0)
                continue; // the strip's links cross the map in any case
            double tried = 0;
            // With a strip made for the insets, first the size it was made for.
            std::vector<double> widths;
            if (lc.inset_room > 0)
                for (double size : {1.0, 0.92, 0.85})
                    widths.push_back(want_w * lc.inset_room * size);
            // First at three times the cluster's size where a spot takes it: an inset at twice (the
            // least) shows little the main map does not (Solund at 170 mm: its cluster 2.05 times).
            for (double size : {1.0, 1.2})
                widths.push_back(std::max(need, kGoodMagnification * world.width() * lc.tf.scale()) * size);
            for (double size : {1.0, 0.85, 0.72, 0.6, 1.25, 1.5})
                widths.push_back(need * size);
            // The best spot of each size, then tried in order: in a strip left for insets, in the order
            // above; elsewhere by the spot's cost (its link above all) and how far its size is from the
            // size wanted. In the order above, the Mirna depot's inset went 45 mm from it, into
            // the middle of the land, while a smaller one fitted the sea corner beside it (audit s11 D5).
            struct Candidate {
                double cost;
                Box spot;
            };
            std::vector<Candidate> candidates;
            for (double width : widths) {
                double w = std::max({width, 22 * kMm, least});
                if (std::abs(w - tried) < 0.5 * kMm)
                    continue; // the same box again
                tried = w;
                w = std::min(w, largest_width(aspect));
                const double h = w * aspect;
                if (w < 20 * kMm)
                    continue; // too small to show anything the main map does not
                // The nearest free spot to the cluster, off the cluster itself and clear of everything
                // placed so far and of every zone; over as little land as possible.
                const Point cc{(cp.minx + cp.maxx) / 2, (cp.miny + cp.maxy) / 2};
                const double step = 4 * kMm;
                double best = 1e18;
                Box spot{};
                // Every 4 mm, and flush with the frame's far edges (a strip left for insets is no
                // multiple of the step).
                std::vector<double> xs, ys;
                for (double y = frame.miny + 2 * u; y + h <= frame.maxy - 2 * u; y += step)
                    ys.push_back(y);
                for (double x = frame.minx + 2 * u; x + w <= frame.maxx - 2 * u; x += step)
                    xs.push_back(x);
                if (lc.inset_room > 0) {
                    ys.push_back(frame.maxy - 2 * u - h);
                    xs.push_back(frame.maxx - 2 * u - w);
                }
                for (double y : ys)
                    for (double x : xs) {
                        const Box b{x, y, x + w, y + h};
                        if (b.inflated(2 * u).intersects(cp))
                            continue;
                        const double d = std::hypot(x + w / 2 - cc.x, y + h / 2 - cc.y);
                        // The link runs between the nearest corners of the cluster's frame and the box.
                        const double link = std::hypot(std::max({0.0, b.minx - cp.maxx, cp.minx - b.maxx}),
                                                       std::max({0.0, b.miny - cp.maxy, cp.miny - b.maxy}));
                        // The cost's least part: how far the inset is from its cluster, the link first
                        // (in a strip, the distance between their middles).
                        const double near_cost = lc.inset_room > 0 ? d : link + 0.25 * d;
                        if (near_cost >= best || link > (pass == 0 ? sea_link : max_link) ||
                            !lc.placer.fits(b.inflated(2 * u), frame) ||
                            takes_town_room([&](const Box& room) { return room.intersects(b.inflated(2 * u)); }) ||
                            (covers_zone(b) && (pass < 2 || !over_large_zones_only(b))))
                            continue;
                        const double on_land = land_prepared ? cover_share(lc, land_prepared.get(), b) : 0;
                        if (link > max_link && (on_land > 0 || pass > 0))
                            continue;
                        double cost = near_cost + land_cost(pass) * on_land;
                        // A town under it costs as much as 20 mm of link: the towns are how a reader finds
                        // the place (Ny-Sund went under Bjørnhamn's inset on A4 portrait).
                        for (const TownRoom& t : towns)
                            if (t.dot.intersects(b.inflated(2 * u)))
                                cost += kTownCoverCost;
                        // What follows only adds: the link's tests (the costliest) only for a spot that may win.
                        if (cost >= best)
                            continue;
                        // The link line (drawn below between the nearest corners) crosses no other inset,
                        // its link or frame, nor the furniture: one that ran across the Kemu/Belu inset and
                        // through a badge in it read as leading there (archi, A5 portrait). Drawn lines
                        // (rivers, boundaries) it may cross.
                        if (link_blocked(b) ||
                            (pass == 0 && lc.inset_room <= 0 && link_crosses_zone(b)))
                            continue;
                        // Over large zones, as little of them as may be: the inset hides what it covers.
                        // Costed by its link alone, Sary's inset went over the Eastern Highlands and its
                        // denial band while the neighbouring land beside the enclave was free (audit s15
                        // D5, b-steppe at 170 mm).
                        if (pass == 2)
                            cost += kZoneCoverCost * cover_share(lc, zones.get(), b);
                        // In a strip left for insets, each goes into a corner of the frame, so the next
                        // finds the rest of the strip whole (two cities' 50 mm insets on a 170 mm figure:
                        // the first stood mid-strip and left the second no room).
                        if (lc.inset_room > 0)
                            cost += 3 * (std::min(b.miny - (frame.miny + 2 * u), frame.maxy - 2 * u - b.maxy) +
                                         std::min(b.minx - (frame.minx + 2 * u), frame.maxx - 2 * u - b.maxx));
                        if (cost < best) {
                            best = cost;
                            spot = b;
                        }
                    }
                if (best >= 1e18)
                    continue;
                // The inset shows the cluster magnified: worth it only when it is at least twice as large.
                const double magnification = (spot.width() / world.width()) / lc.tf.scale();
                if (magnification < 2)
                    continue; // a larger box, tried later, may still magnify
                candidates.push_back({best, spot});
            }
            if (lc.inset_room <= 0 && !candidates.empty()) {
                // The sizes in the order above are the sizes wanted: a box half as wide as the first
                // that found a spot, or half as wide again, is worth 10 mm less of link.
                // A box that shows the cluster three times larger comes before one that does not, whatever
                // the land under it: costed by the sea beside it, a generated pair of posts got a 2.1x
                // inset half over the sea for a 3x one on the land next to it.
                const double wanted = candidates.front().spot.width();
                for (Candidate& c : candidates)
                    c.cost += 20 * kMm * std::abs(1 - c.spot.width() / wanted);
                auto good = [&](const Candidate& c) { return c.spot.width() / world.width() / lc.tf.scale() >= 3.0; };
                std::stable_sort(candidates.begin(), candidates.end(), [&](const Candidate& a, const Candidate& b) {
                    return std::make_pair(!good(a), a.cost) < std::make_pair(!good(b), b.cost);
                });
            }
            for (const Candidate& candidate : candidates) {
                const Box spot = candidate.spot;
                ++made;
                const std::string prefix = "detail-" + std::to_string(made) + "-";
                std::set<std::string> members;
                for (const Tiny& t : cluster)
                    members.insert(t.zone->id);
                // Names in a magnifier a size smaller than on the main map: it holds a cluster of zones and
                // places in a few centimetres, and its names are secondary to the main map's.
                Fonts fonts = lc.fonts;
                fonts.zone_label.size = std::max(6.5, fonts.zone_label.size * 0.82);
                // An inset is complete with its own scale bar, every claim it magnifies numbered, and the
                // names of a small cluster's zones: a magnifier without them is a coloured square nobody
                // can place. When the cluster fills the box too tightly for them, more of its
                // surroundings are shown; a box that still cannot hold them is tried smaller, else the
                // main map marks the zones itself.
                // Its scale bar inside its frame, where it reads as the inset's: beside the frame it read as
                // the main map's (audit s11 D11). Where the cluster fills the box so that the bar lies on its
                // zones in every corner, the cluster is drawn a little smaller with a band below or above it
                // for the bar, over its surroundings; then more of the surroundings all round, while it still
                // magnifies twice and its zones keep their names inside; then with a blank strip inside the
                // frame below or above the map for it, as atlases set an inset's scale (where a zone filled
                // the inset, no corner held a readable bar over under a tenth of it, and the check refused
                // the page). Where none of these frees a corner, the bar stays inside, in a view where it
                // hides under a tenth of any zone, over the surroundings' zones where a view puts it
                // there, else over the cluster's own, and the badges placed after it keep off it.
                Scene sub;
                Box shown_world{};
                Box shown_map = spot; // where the inset's map is drawn: the spot, less a strip for the bar
                bool complete = false;
                struct Kept {
                    Scene sub;
                    Box shown_world;
                    Box shown_map;
                    double hidden = 0; // the largest share of a zone its bar hides (zones_hidden_by)
                    bool around = false; // its bar on the surroundings' zones only, the first view's names kept
                    // Worse first: a bar the check would refuse, then one on the cluster's own zones.
                    [[nodiscard]] int rank() const { return 2 * (hidden >= kFurnitureHidesShare) + !around; }
                };
                // The complete inset kept while none has its bar off the zones: the first of the best rank.
                // By rank, not the first complete one: on Brenna at 100 mm, once the Harbour district's
                // name fitted the cluster's own view, that view was kept with its bar over 10.7 % of the
                // coast and the page refused, while the view with more surroundings, its bar under a
                // tenth of any zone, came later.
                std::optional<Kept> kept;
                std::set<std::string> named_first; // zones named inside their zone in the first complete inset
                double bar_h = 0;                  // its bar's height, for a band to hold it
                double bar_left_h = 0;             // the first view's bar's, placed or left out
                // The world shown, and where in the spot: 0 the cluster; 1 and 2 with a band below or
                // above it; 3 and 4 with more surroundings all round; 5 and 6 above or below a blank
                // strip for the bar.
                struct View {
                    Box world;
                    Box map;                  // the part of the spot the map fills
                    std::optional<Box> strip; // the rest, for the bar
                };
                auto view = [&](int v) -> std::optional<View> {
                    if (v == 0)
                        return View{world, spot, std::nullopt};
                    if (v == 3 || v == 4)
                        return View{world.inflated(std::max(world.width(), world.height()) * (v == 3 ? 0.35 : 0.8)), spot, std::nullopt};
                    const double held = bar_h > 0 ? bar_h : bar_left_h;
                    if (held <= 0)
                        return std::nullopt;
                    const double band = held + 6 * u;
                    if (band > 0.4 * spot.height())
                        return std::nullopt; // the cluster would be drawn smaller than the bar's corner
                    const bool below = v % 2 == 1;
                    const Box rest = below ? Box{spot.minx, spot.miny, spot.maxx, spot.maxy - band}
                                           : Box{spot.minx, spot.miny + band, spot.maxx, spot.maxy};
                    const Box r = MapTransform::fit(world, rest, 0).world;
                    if (v >= 5)
                        return View{r, rest, below ? Box{spot.minx, rest.maxy, spot.maxx, spot.maxy} : Box{spot.minx, spot.miny, spot.maxx, rest.miny}};
                    const double more = band * r.width() / spot.width(); // the band in map units
                    return View{below ? Box{r.minx, r.miny - more, r.maxx, r.maxy} : Box{r.minx, r.miny, r.maxx, r.maxy + more}, spot,
                                std::nullopt};
                };
                // Each view first with its zones' names and badges off the cited lines, as on the main map;
                // where that leaves one out, again with them across the lines (haloed): a river down the
                // middle of a village's zone left its name no spot in the inset (c-orva's Gura Orvei).
                int names_fit = -1;       // the view whose names and badges all found a spot
                bool lines_drawn = false; // whether the view's first try drew a line
                for (int attempt = 0; attempt < 14; ++attempt) {
                    const int v = attempt / 2;
                    const bool names_off_lines = attempt % 2 == 0;
                    if (!names_off_lines && (names_fit == v || !lines_drawn))
                        continue;
                    const std::optional<View> shown = view(v);
                    if (!shown)
                        continue;
                    // A strip takes the cluster's room (a city's wards' badges went 12 mm from their
                    // wards): only where the bar kept would have the page refused.
                    if (shown->strip && kept && kept->hidden < kFurnitureHidesShare)
                        break;
                    const Box& w_e = shown->world;
                    if ((shown->map.width() / w_e.width()) / lc.tf.scale() < 2)
                        break; // no longer a magnifier
                    sub = Scene{};
                    LayoutContext dl(p, lc.options, lc.theme, lc.unit, fonts, sub, Placer(shown->map));
                    dl.tf = MapTransform::fit(w_e, shown->map, 0);
                    dl.content = w_e;
                    dl.only = &members;
                    dl.id_prefix = prefix;
                    dl.nested_set = &lc.nested();
                    dl.main_looks = &lc.zone_looks;
                    dl.complete_or_nothing = true; // an inset missing a claim's number is not made
                    layout_base_and_zones(dl);
                    Layer bar_layer{"furniture", "Detail scale bar", spot, {}};
                    // Left out where it lies on a zone in every spot, its height still makes the band.
                    if (const double h = layout_scale_bar(dl, bar_layer, shown->strip); bar_left_h <= 0)
                        bar_left_h = h;
                    // The cited lines and places too, as the main map draws them (the audit's river
                    // strip inset showed the villages' zones without the river or the dam, audit s15
                    // D5), under the bar, which keeps the spot it had without them. Their badges stay
                    // on the main map (layout_map_labels names them in an inset, where it has room,
                    // without badges): a second badge would read as a second claim.
                    layout_lines_and_places(dl, names_off_lines);
                    if (names_off_lines)
                        lines_drawn = std::any_of(sub.layers.begin(), sub.layers.end(), [](const Layer& l) {
                            return l.id == "lines" && !l.items.empty();
                        });
                    Layer& furniture = sub.layers.emplace_back(std::move(bar_layer));
                    layout_map_labels(dl);
                    if (dl.labels_incomplete) {
                        complete = false;
                        continue;
                    }
                    std::map<std::string, Box> drawn;
                    for (const Layer& l : sub.layers)
                        for (const Item& it : l.items)
                            drawn[it.id] = bounds_of(it);
                    complete = drawn.count(prefix + "scale-bar") > 0;
                    std::set<std::string> named_inside;
                    for (const Tiny& t : cluster) {
                        const auto label = drawn.find(prefix + "label-" + t.zone->id);
                        const auto zone = drawn.find(prefix + "zone-" + t.zone->id);
                        if (cluster.size() <= 3 && label == drawn.end())
                            complete = false;
                        if (label != drawn.end() && zone != drawn.end() && zone->second.contains(label->second))
                            named_inside.insert(t.zone->id);
                        for (const Claim* c : p.claims_of(t.zone->id))
                            if (!drawn.count(prefix + "marker-" + t.zone->id + "-" + std::to_string(c->number)))
                                complete = false;
                    }
                    shown_world = dl.tf.world;
                    shown_map = shown->map;
                    if (!complete)
                        continue;
                    names_fit = v;
                    const Item* bar = nullptr;
                    for (const Item& it : furniture.items)
                        if (it.id == prefix + "scale-bar")
                            bar = &it;
                    // Shown smaller, the zones named inside their zone must still be.
                    const bool names_kept = !kept || std::includes(named_inside.begin(), named_inside.end(),
                                                                    named_first.begin(), named_first.end());
                    if (bar && (shown->strip || !bar_on_zones(lc, dl.tf, *bar)) && names_kept)
                        break;
                    const bool around = bar && names_kept && !bar_on_zones(lc, dl.tf, *bar, &members);
                    double hidden = 0;
                    for (const Layer& l : sub.layers)
                        if (l.id == "zones" && bar)
                            for (const auto& z : zones_hidden_by(l, p, *bar, spot, kFurnitureHidesShare))
                                hidden = std::max(hidden, z.second);
                    if (!kept) {
                        bar_h = bar ? bounds_of(*bar).height() : 0;
                        named_first = named_inside;
                    }
                    if (Kept k{std::move(sub), shown_world, shown_map, hidden, around};
                        !kept || k.rank() < kept->rank())
                        kept = std::move(k);
                    complete = false;
                }
                if (!complete && kept) {
                    complete = true;
                    sub = std::move(kept->sub);
                    shown_world = kept->shown_world;
                    shown_map = kept->shown_map;
                }
                if (!complete) {
                    --made;
                    continue;
                }
                const double shown_magnification = (shown_map.width() / shown_world.width()) / lc.tf.scale();
                if (shown_map.height() < spot.height()) {
                    // The bar's strip: blank, ruled off from the map, under the bar (the map's layers are
                    // clipped to their part).
                    const bool below = shown_map.miny <= spot.miny;
                    const Box strip = below ? Box{spot.minx, shown_map.maxy, spot.maxx, spot.maxy}
                                            : Box{spot.minx, spot.miny, spot.maxx, shown_map.miny};
                    const double edge = below ? strip.miny : strip.maxy;
                    Layer& blank = lc.scene.layer(prefix + "scale-strip", "Detail " + std::to_string(made) + ": scale strip");
                    blank.clip = spot;
                    Item band;
                    band.id = prefix + "scale-strip";
                    band.parts.emplace_back(Shape{{box_ring(strip)}, true, Fill{Color{1, 1, 1, 1}, {}}, std::nullopt});
                    band.parts.emplace_back(Shape{{{{strip.minx, edge}, {strip.maxx, edge}}}, false, std::nullopt,
                                                  Stroke{lc.theme.text, 0.5 * u, {}, false}});
                    blank.items.push_back(std::move(band));
                }
                for (Layer& l : sub.layers) {
                    l.clip = l.id == "furniture" ? spot : shown_map; // the map off the bar's strip
                    l.id = prefix + l.id;
                    l.name = "Detail " + std::to_string(made) + ": " + l.name;
                    lc.scene.layers.push_back(std::move(l));
                }
                // The link: a frame around the cluster on the main map, the inset's border, and a line
                // between their nearest corners.
                Layer& link = lc.scene.layer(prefix + "frame", "Detail " + std::to_string(made) + ": frame");
                link.clip = frame;
                Item item;
                item.id = prefix + "frame";
                item.title = fill(panel_words(p.spec.lang).detail_title, {std::to_string(static_cast<int>(shown_magnification))});
                const Stroke stroke{lc.theme.text, 0.7 * u, {}, false};
                const Box around = shown_world.width() > 0
                                       ? Box{lc.tf.to_page({shown_world.minx, shown_world.maxy}).x,
                                             lc.tf.to_page({shown_world.minx, shown_world.maxy}).y,
                                             lc.tf.to_page({shown_world.maxx, shown_world.miny}).x,
                                             lc.tf.to_page({shown_world.maxx, shown_world.miny}).y}
                                       : cp;
                item.parts.emplace_back(Shape{{box_ring(around)}, true, std::nullopt, stroke});
                item.parts.emplace_back(Shape{{box_ring(spot)}, true, std::nullopt, Stroke{lc.theme.text, 1.0 * u, {}, false}});
                const auto [from, to] = link_ends(around, spot);
                item.parts.emplace_back(Shape{{{from, to}}, false, std::nullopt, Stroke{lc.theme.text, 0.5 * u, {2 * u, 1.2 * u}, true}});
                link.items.push_back(std::move(item));
                lc.placer.occupy(spot.inflated(2 * u));
                // The frame around the cluster on the main map: labels keep off its edges.
                const Ring edges = box_ring(around);
                for (std::size_t k = 0; k < edges.size(); ++k)
                    occupy_line_past(lc.placer, edges[k], edges[(k + 1) % edges.size()], 0.6 * u, towns);
                occupy_line_past(lc.placer, from, to, 0.6 * u, towns);
                lc.in_detail.insert(members.begin(), members.end());
                placed = true;
                break;
            }
        }
        if (!placed)
            lc.insets_wanted.push_back(want);
    }
}

} // namespace citemap

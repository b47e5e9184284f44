// Labels on the map, in priority order: locality symbols, zone labels with their footnote markers
// (zone_labels.cpp), locality names, then names of land and sea. Every box goes through the Placer,
// so nothing overlaps.
#include "geo/geometry_ops.hpp"
#include "geo/polygon_index.hpp"
#include "layout/layout_context.hpp"
#include "sources/utf8.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

namespace citemap {

bool LayoutContext::over_abroad(const Box& wbox, const GEOSGeometry* box) const {
    const GeosContext& ctx = *project.geo.ctx;
    if (!abroad_) {
        abroad_.emplace();
        const GEOSGeometry* outline = project.geo.kept_union(Geography::Kept::outline);
        const GEOSGeometry* land = project.geo.kept_union(Geography::Kept::land_and_outline);
        if (outline && land && project.geo.vertices_of({LayerRole::land}) > 0 &&
            project.geo.vertices_of({LayerRole::land, LayerRole::outline}) <= kLandmassesUpToVertices)
            if (GeosGeom around = geom::difference(ctx, land, outline); !geom::is_empty(ctx, around.get())) {
                GeosPrepared prepared = ctx.prepare(around.get());
                const Box env = geom::bounds(ctx, around.get());
                abroad_->emplace(Abroad{std::move(around), std::move(prepared), env});
            }
    }
    if (!*abroad_ || !(*abroad_)->env.intersects(wbox))
        return false;
    const Abroad& a = **abroad_;
    GeosGeom made(nullptr, GeosDeleter{ctx.get()});
    if (!box)
        box = (made = ctx.box(wbox)).get();
    return box_meets(ctx, a.prepared.get(), a.geom.get(), wbox, box);
}

namespace {

struct Locality {
    std::string name, name2; // name2: name_<tag> of the second label language
    int rank = 2;
    Point page;
    bool primary_layer = true;
};

std::vector<Locality> localities(const LayoutContext& lc) {
    const Project& p = lc.project;
    const GeosContext& ctx = *p.geo.ctx;
    // Rank 3 (villages) only when the frame has room for them.
    const int max_rank = lc.tf.frame.width() > 700 ? 3 : 2;
    const std::string second = lc.options.labels.value_or(p.spec.labels).second;
    std::vector<Locality> out;
    bool first_layer = true;
    for (const BaseLayer& bl : p.geo.layers) {
        if (bl.spec.role != LayerRole::localities)
            continue;
        for (const Feature& f : bl.features) {
            Locality l;
            l.name = f.prop("name");
            if (!second.empty())
                l.name2 = f.prop("name_" + second);
            const std::string rank = f.prop("label_rank");
            l.rank = rank.empty() ? 2 : std::atoi(rank.c_str());
            l.primary_layer = first_layer;
            if (l.name.empty() || l.rank > max_rank)
                continue;
            for (const Point& pt : geom::points(ctx, f.geom.get())) {
                l.page = lc.tf.to_page(pt);
                if (lc.tf.frame.inflated(-4 * lc.unit).contains({l.page.x, l.page.y, l.page.x, l.page.y}))
                    out.push_back(l);
            }
        }
        first_layer = false;
    }
    std::stable_sort(out.begin(), out.end(), [](const Locality& a, const Locality& b) {
        return std::tie(b.primary_layer, a.rank) < std::tie(a.primary_layer, b.rank);
    });
    return out;
}

// A town's dot as the placer holds it.
Box dot_box(const LayoutContext& lc, const Locality& l) {
    const double r = 1.5 * lc.unit;
    return Box{l.page.x - r, l.page.y - r, l.page.x + r, l.page.y + r}.inflated(0.5 * lc.unit);
}

// A town's name as set beside its dot: one line a script, bold for a town the map must name.
std::vector<Text> name_lines(const LayoutContext& lc, const Locality& l) {
    const Font font = l.rank <= 1 ? Font{lc.fonts.locality.family, lc.fonts.locality.size, Weight::bold, false}
                                  : lc.fonts.locality;
    const Color colour = l.primary_layer ? lc.theme.text : lc.theme.muted;
    std::vector<Text> lines;
    lines.push_back(lc.text_at(l.name, {0, 0}, font, colour));
    if (!l.name2.empty()) {
        lines.push_back(lc.text_at(l.name2, {0, 0}, font, colour));
        lines.back().lang = lc.options.labels.value_or(lc.project.spec.labels).second;
    }
    return lines;
}

// Cartographic preference order: right, upper right, lower right, left, above, below.
constexpr std::pair<double, double> kNameDirs[] = {{1, 0}, {1, -1}, {1, 1}, {-1, 0}, {-1, -1}, {-1, 1}, {0, -1}, {0, 1}};

// Where those lines go beside the dot in direction (dx, dy): their box (unpadded). `extra`: that much
// further from the dot.
Box name_box(const LayoutContext& lc, const Locality& l, const std::vector<Text>& lines, double dx, double dy,
             double extra = 0) {
    double w = 0, h = 0;
    for (const Text& t : lines) {
        w = std::max(w, t.box.width());
        h += t.box.height();
    }
    const double gap = 1.5 * lc.unit + 1.2 * lc.unit;
    const double x0 = dx > 0 ? l.page.x + gap + extra : dx < 0 ? l.page.x - gap - extra - w : l.page.x - w / 2;
    const double y0 = dy > 0 ? l.page.y + gap * 0.6 + extra : dy < 0 ? l.page.y - gap * 0.6 - extra - h : l.page.y - h / 2;
    return Box{x0, y0, x0 + w, y0 + h};
}

// The spots beside a town's dot its name may take, in the order tried, padded as the placer holds them.
std::vector<Box> name_spots(const LayoutContext& lc, const Locality& l) {
    const std::vector<Text> lines = name_lines(lc, l);
    std::vector<Box> spots;
    for (auto [dx, dy] : kNameDirs)
        spots.push_back(name_box(lc, l, lines, dx, dy).inflated(0.6 * lc.unit));
    return spots;
}

} // namespace

namespace {

// A land's or country's name in capitals. Greek drops its accents in capitals (ΚΑΛΟΣ, not ΚΆΛΟΣ:
// a stressed capital carries no tonos), which g_utf8_strup keeps.
std::string capitals(std::string_view name) {
    std::string up = utf8::upper(name);
    static const std::pair<std::string_view, std::string_view> kPlain[] = {
        {"\u0386", "\u0391"}, {"\u0388", "\u0395"}, {"\u0389", "\u0397"}, {"\u038A", "\u0399"},
        {"\u038C", "\u039F"}, {"\u038E", "\u03A5"}, {"\u038F", "\u03A9"}, {"\u0399\u0308\u0301", "\u03AA"},
        {"\u03A5\u0308\u0301", "\u03AB"}};
    for (const auto& [accented, plain] : kPlain)
        for (std::size_t at = up.find(accented); at != std::string::npos; at = up.find(accented, at + plain.size()))
            up.replace(at, accented.size(), plain);
    return up;
}

std::string folded(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// Whether a detail inset sets the zone's name (its label item is on the page).
bool inset_names(const LayoutContext& lc, const std::string& zone_id) {
    for (const Layer& l : lc.scene.layers)
        if (l.id.rfind("detail-", 0) == 0)
            for (const Item& it : l.items)
                if (it.id.rfind("detail-", 0) == 0 && it.id.size() > zone_id.size() + 6 &&
                    it.id.compare(it.id.size() - zone_id.size() - 6, std::string::npos, "label-" + zone_id) == 0 &&
                    it.id.find('-', 7) == it.id.size() - zone_id.size() - 7)
                    return true;
    return false;
}

// Whether a feature's name also names a locality: the same name, or the locality's whole name first,
// as a word, in the feature's ("Orvel" in "Orvel pocket", "Jisr" in "Jisr bridge").
enum class NameMatch { none, same, leading };
NameMatch name_match(const std::string& feature, const std::string& locality) {
    const std::string f = folded(feature), l = folded(locality);
    if (f == l)
        return NameMatch::same;
    return !l.empty() && f.size() > l.size() + 1 && f.compare(0, l.size(), l) == 0 && f[l.size()] == ' '
               ? NameMatch::leading
               : NameMatch::none;
}

// A locality that a zone or [[place]] of the same name already labels: one name on the map, not two
// a few millimetres apart. The zone's (place's) label stands for both. A name that only starts with
// the locality's ("Orvel pocket", a town's besieged surroundings; "Jisr bridge") is the same place
// only where the locality lies on it: inside a zone no more than a few millimetres across on the page
// (a district named after its town keeps the town's dot), or on the place's symbol.
// `in_inset`: instead, a zone of the same name that a detail inset labels (the main map's locality
// is not left out unnamed: the inset names the place).
const Zone* named_by_zone(const LayoutContext& lc, const Locality& l, bool in_inset = false) {
    const GeosContext& ctx = *lc.project.geo.ctx;
    for (const Zone& z : lc.project.geo.zones) {
        const NameMatch m = name_match(z.name, l.name);
        if (m == NameMatch::none ||
            !(in_inset ? !lc.only && lc.in_detail.count(z.id) > 0 && inset_names(lc, z.id) : lc.labels_zone(z.id)))
            continue;
        const Box zb = geom::bounds(ctx, z.geom.get());
        const Point a = lc.tf.to_page({zb.minx, zb.maxy}), b = lc.tf.to_page({zb.maxx, zb.miny});
        const Box page{a.x, a.y, b.x, b.y};
        if (!page.inflated(4 * lc.unit).contains({l.page.x, l.page.y, l.page.x, l.page.y}))
            continue;
        if (m == NameMatch::same)
            return &z;
        const double few_mm = 8 * 72 / 25.4; // in an inset, every zone it labels is small on the main map
        // Or a zone narrower than its own name on one line: its name wraps round the town's dot and
        // name, which crowd it. "Hiron Point Island", 24 mm across on tabloid (its name 35 mm), was set
        // in six one-word lines 3 mm from the bold "Hiron Point" (audit s19 D3). A district that holds
        // its name on a line ("Mangochi District", "Kellan and its farms") keeps its capital.
        const bool crowded = page.width() < lc.text.measure(z.name, lc.fonts.zone_label).width;
        const Point w = lc.tf.to_world(l.page);
        GeosGeom dot(GEOSGeom_createPointFromXY_r(ctx.get(), w.x, w.y), GeosDeleter{ctx.get()});
        double apart = 0;
        if ((lc.only || std::max(page.width(), page.height()) <= few_mm || crowded) &&
            GEOSDistance_r(ctx.get(), z.geom.get(), dot.get(), &apart) == 1 && apart * lc.tf.scale() <= lc.unit)
            return &z;
    }
    // [[place]]s are labelled on the main map only.
    if (in_inset || lc.only)
        return nullptr;
    // A landmark of the very same name within 3 mm is the place itself, hand-placed a few tens of metres
    // off: a-velmont's "Old Bridge" landmark, 36 m (1.2 mm) from the [[place]] Old Bridge, was set apart
    // and left out with the advice to raise its label_rank (audit s15 D8). A name that only starts with
    // the locality's is the same place only on the place's symbol.
    for (const PlaceFeature& pl : lc.project.geo.places) {
        const NameMatch m = name_match(pl.name, l.name);
        if (m == NameMatch::none)
            continue;
        const double reach = m == NameMatch::same ? 3 * 72 / 25.4 * lc.unit : 2 * lc.unit;
        for (const Point& q : geom::points(ctx, pl.geom.get())) {
            const Point at = lc.tf.to_page(q);
            if (std::hypot(at.x - l.page.x, at.y - l.page.y) <= reach)
                return &pl;
        }
    }
    return nullptr;
}

// A town inside a zone named after it ("San Vito" in "San Vito enclave", "Korvo" in "Korvo exclave")
// whose label found no room inside the zone and went beside it, a few millimetres from the town's own:
// two labels for one place side by side (audit-8-s9 defect 7). The zone's label names both, and the
// town is left out. A district named after its town and labelled inside it keeps the town's dot and
// name ("Kellan and its farms" around Kellan).
bool named_beside(const LayoutContext& lc, const Locality& l, const Layer& labels, const Layer& leaders) {
    const GeosContext& ctx = *lc.project.geo.ctx;
    for (const Zone& z : lc.project.geo.zones) {
        if (name_match(z.name, l.name) != NameMatch::leading)
            continue;
        const std::string label_id = lc.id_prefix + "label-" + z.id;
        const auto label = std::find_if(labels.items.begin(), labels.items.end(),
                                        [&](const Item& it) { return it.id == label_id; });
        if (label == labels.items.end())
            continue;
        const Point w = lc.tf.to_world(l.page);
        GeosGeom dot(GEOSGeom_createPointFromXY_r(ctx.get(), w.x, w.y), GeosDeleter{ctx.get()});
        double apart = 0;
        if (GEOSDistance_r(ctx.get(), z.geom.get(), dot.get(), &apart) != 1 || apart * lc.tf.scale() > lc.unit)
            continue;
        const std::string leader_id = lc.id_prefix + "leader-" + z.id;
        if (std::any_of(leaders.items.begin(), leaders.items.end(), [&](const Item& it) { return it.id == leader_id; }))
            return true;
        for (const Primitive& prim : label->parts)
            if (const auto* t = std::get_if<Text>(&prim)) {
                const Box& b = t->box;
                const Point mid = lc.tf.to_world(Point{(b.minx + b.maxx) / 2, (b.miny + b.maxy) / 2});
                GeosGeom at(GEOSGeom_createPointFromXY_r(ctx.get(), mid.x, mid.y), GeosDeleter{ctx.get()});
                if (GEOSIntersects_r(ctx.get(), z.geom.get(), at.get()) == 0)
                    return true;
            }
    }
    return false;
}

// Whether a zone label on this map carries the town's name, the town on or by that zone: "Carosse
// enclave of Sainte-Ilse" around Sainte-Ilse. A town the map must name whose own name found no room
// is named all the same; its "drawn unnamed" warning was untrue (zone-names' enclave on A4).
bool named_in_zone_label(const LayoutContext& lc, const Locality& l, const Layer& labels) {
    const GeosContext& ctx = *lc.project.geo.ctx;
    const std::string town = " " + folded(l.name) + " ";
    for (const Zone& z : lc.project.geo.zones) {
        if ((" " + folded(z.name) + " ").find(town) == std::string::npos)
            continue; // the town's whole name, as words
        const std::string label_id = lc.id_prefix + "label-" + z.id;
        if (std::none_of(labels.items.begin(), labels.items.end(), [&](const Item& it) { return it.id == label_id; }))
            continue;
        const Point w = lc.tf.to_world(l.page);
        GeosGeom dot(GEOSGeom_createPointFromXY_r(ctx.get(), w.x, w.y), GeosDeleter{ctx.get()});
        double apart = 0;
        if (GEOSDistance_r(ctx.get(), z.geom.get(), dot.get(), &apart) == 1 && apart * lc.tf.scale() <= lc.unit)
            return true;
    }
    return false;
}

// Whether a detail inset of this map names the locality (its dot on the main map may be lost under
// the frame drawn around the inset's cluster: Ostara, among sixty wards): no "does not fit" warning
// then, the map names it.
bool named_in_inset(const LayoutContext& lc, const std::string& name) {
    const std::string tail = "-locality-" + name;
    for (const Layer& l : lc.scene.layers)
        if (l.id.rfind("detail-", 0) == 0)
            for (const Item& it : l.items)
                if (it.id.size() > tail.size() && it.id.compare(it.id.size() - tail.size(), tail.size(), tail) == 0)
                    return true;
    return false;
}

// Whether a point lies on a zone (touching included), asked of the zone's shape prepared on first use:
// GEOS 3.11 answers a plain intersects through a full relate, which nodes the whole zone into a graph
// (~100,000 instructions a question for a Gaza zone; the town-name search asks ~50 a page). Both find
// the point's place by the same ray-crossing count over the zone's rings, so the answer is the same.
class ZonePoints {
  public:
    explicit ZonePoints(const Geography& geo) : geo_(geo), prepared_(geo.zones.size()) {}
    [[nodiscard]] bool holds(std::size_t zone, const GEOSGeometry* point) const {
        const GeosContext& ctx = *geo_.ctx;
        std::optional<GeosPrepared>& p = prepared_[zone];
        if (!p)
            p.emplace(ctx.prepare(geo_.zones[zone].geom.get()));
        return GEOSPreparedIntersects_r(ctx.get(), p->get(), point) == 1;
    }

  private:
    const Geography& geo_;
    mutable std::vector<std::optional<GeosPrepared>> prepared_;
};

// Whether a page point lies in a zone with claims, labelled on this map, with room around it for the
// zone's name on one line and two line heights more: a town's dot there moves the label a few
// millimetres rather than off the zone. Measured as the point's distance to the edge of the zone's
// visible part (the widest inscribed circle cost seconds on a 164k-vertex coastal band).
bool roomy_zone_under(const LayoutContext& lc, const ZonePoints& on_zone, Point at) {
    const GeosContext& ctx = *lc.project.geo.ctx;
    const Point w = lc.tf.to_world(at);
    GeosGeom dot(GEOSGeom_createPointFromXY_r(ctx.get(), w.x, w.y), GeosDeleter{ctx.get()});
    for (std::size_t i = 0; i < lc.project.geo.zones.size(); ++i) {
        const Zone& z = lc.project.geo.zones[i];
        if (lc.project.claims_of(z.id).empty() || !lc.labels_zone(z.id))
            continue;
        const Box zb = geom::bounds(ctx, z.geom.get());
        if (!zb.contains({w.x, w.y, w.x, w.y}) || !on_zone.holds(i, dot.get()))
            continue;
        const GEOSGeometry* visible = lc.visible_part(i);
        if (geom::is_empty(ctx, visible))
            continue;
        const double room = lc.text.measure(z.name, lc.fonts.zone_label).width / 2 + lc.fonts.zone_label.size;
        double apart = 0;
        if (GEOSDistance_r(ctx.get(), geom::boundary(ctx, visible).get(), dot.get(), &apart) != 1)
            continue;
        apart *= lc.tf.scale();
        if (apart >= room)
            return true;
        // Or a dot two font sizes off the zone's edge, in a zone of at least a square as wide as its name
        // and two font sizes: the label has room beside the dot. Each of 12 districts 50 mm wide on a
        // 250 mm page had its name set on its capital's dot, left out with its name (audit s18 D2).
        double area = 0;
        if (apart >= 2 * lc.fonts.zone_label.size && GEOSArea_r(ctx.get(), visible, &area) == 1 &&
            area * lc.tf.scale() * lc.tf.scale() >= 4 * room * room)
            return true;
    }
    return false;
}

} // namespace

std::vector<TownRoom> towns_on_map(const LayoutContext& lc) {
    std::vector<TownRoom> out;
    for (const Locality& l : localities(lc))
        if (l.primary_layer) {
            const bool must = l.rank <= 1 && !named_by_zone(lc, l);
            out.push_back({dot_box(lc, l), must ? name_spots(lc, l) : std::vector<Box>{}, must});
        }
    return out;
}

void layout_map_labels(LayoutContext& lc) {
    const Project& p = lc.project;
    const GeosContext& ctx = *p.geo.ctx;
    const double u = lc.unit;
    const std::string prefix = lc.id_prefix;
    Layer& leaders = lc.scene.layer(prefix + "leaders", "Leader lines");
    Layer& dots = lc.scene.layer(prefix + "localities", "Localities");
    Layer& labels = lc.scene.layer(prefix + "labels", "Labels");
    Layer& markers = lc.scene.layer(prefix + "markers", "Footnote markers");
    for (Layer* l : {&leaders, &dots, &labels, &markers})
        l->clip = lc.only ? std::optional<Box>(lc.tf.frame) : std::nullopt;

    auto locs = localities(lc);
    // Towns a zone's label stands for, named after all when that label finds no room.
    std::vector<std::pair<Locality, std::string>> merged;
    lc.zones_named_by_towns.clear();
    locs.erase(std::remove_if(locs.begin(), locs.end(),
                              [&](const Locality& l) {
                                  const Zone* z = named_by_zone(lc, l);
                                  const bool zone = z && lc.project.geo.zone(z->id) == z;
                                  // The zone's label carries the town's second-script name (a place
                                  // or a longer name has its own).
                                  if (zone && !l.name2.empty() && name_match(z->name, l.name) == NameMatch::same)
                                      lc.zone_second_names[z->id] = l.name2;
                                  if (zone)
                                      merged.emplace_back(l, z->id);
                                  // A town of the zone's very name is named in its stead, or warned
                                  // about in those same words ("Bjørnhamn" for "Bjørnhamn settlement"
                                  // would lose the zone's name from the warnings).
                                  if (zone && name_match(z->name, l.name) == NameMatch::same)
                                      lc.zones_named_by_towns.insert(z->id);
                                  // A town in the small zone of its name that a detail inset names: the
                                  // inset's label names both, and the zone's square and the inset's frame
                                  // mark it here (i-chubut's Puerto Arenal was drawn unnamed there, with a
                                  // warning; audit s17 D13).
                                  return z != nullptr || named_by_zone(lc, l, true) != nullptr;
                              }),
               locs.end());
    const double r = 1.5 * u;
    const double anchor_clearance = 2.4 * 72 / 25.4 + r;
    auto dot_box = [&](const Locality& l) { return citemap::dot_box(lc, l); };
    // Cities' dots first: zone labels must not hide them. Smaller places come after the zone labels,
    // where there is room, so they are the ones dropped on a crowded map.
    std::vector<bool> dot_kept(locs.size(), false);
    for (std::size_t i = 0; i < locs.size(); ++i) {
        if (locs[i].rank > 1 || !locs[i].primary_layer || !lc.placer.fits_on_lines(dot_box(locs[i]), lc.tf.frame))
            continue;
        lc.placer.occupy(dot_box(locs[i]));
        lc.locality_dots.push_back(locs[i].page);
        dot_kept[i] = true;
    }
    // And the spots beside each such town's dot for its name, which a zone's name set smaller or apart
    // from its badges (zone_labels.cpp) leaves one of: "Tasi island", set inside its island that way,
    // left Levuka Tasi its dot only (audit s13 a-tavua, three pages). Those of this drawing only: a map
    // drawn again smaller (a strip left for insets) kept the first drawing's spots (insets7 s17).
    lc.town_name_spots.clear();
    for (std::size_t i = 0; i < locs.size(); ++i)
        if (dot_kept[i] && !lc.only)
            lc.town_name_spots.push_back(name_spots(lc, locs[i]));

    const ZonePoints on_zone(p.geo);
    // A town inside a zone that has room around its label keeps its dot there, before the zone's
    // label is placed: set on the zone's spot, the label took the dot and the name with it (Teska, at
    // the middle of a plateau 70 x 100 mm on A3, was left out on every page; audit s12 D3). The label
    // moves a few millimetres instead. A zone hardly wider than its name keeps the spot.
    if (!lc.only)
        for (std::size_t i = 0; i < locs.size(); ++i)
            if (!dot_kept[i] && locs[i].primary_layer && roomy_zone_under(lc, on_zone, locs[i].page) &&
                lc.placer.fits_on_lines(dot_box(locs[i]), lc.tf.frame)) {
                lc.placer.occupy(dot_box(locs[i]));
                lc.locality_dots.push_back(locs[i].page);
                dot_kept[i] = true;
            }

    std::vector<Point> anchors;
    std::vector<std::string> unnamed; // towns of the primary layer left out for want of room
    std::vector<std::string> under_zones; // those left out because a zone's name or numbers lie on the dot
    // Whether a dot lies under a zone's name or claim numbers (set before the smaller towns): the town
    // gave way to them, on a page that may have room to spare ("no room" was untrue on an A3 poster
    // with its sixteen towns at their municipalities' middles, audit s19 D3).
    auto under_zone_labels = [&](const Box& dot) {
        auto meets = [&](const Layer& layer, const std::string& head) {
            return std::any_of(layer.items.begin(), layer.items.end(), [&](const Item& it) {
                return it.id.rfind(head, 0) == 0 && bounds_of(it).intersects(dot);
            });
        };
        return meets(labels, prefix + "label-") || meets(markers, prefix + "marker-");
    };
    std::vector<std::string> dot_only; // towns of the primary layer drawn as a dot without a name
    auto name_locality = [&](std::size_t i) {
        const Locality& l = locs[i];
        if (!dot_kept[i]) {
            const bool near_anchor = std::any_of(anchors.begin(), anchors.end(), [&](const Point& a) {
                return std::hypot(a.x - l.page.x, a.y - l.page.y) < anchor_clearance;
            });
            if (near_anchor || !lc.placer.fits_on_lines(dot_box(l), lc.tf.frame)) {
                if (l.rank <= 1 && l.primary_layer && !lc.only && !named_in_inset(lc, l.name))
                    lc.warnings.push_back("the name of " + l.name +
                                          " (label_rank 1) does not fit on the map; neither it nor its dot is drawn");
                else if (l.primary_layer && !lc.only)
                    (under_zone_labels(dot_box(l)) ? under_zones : unnamed).push_back(l.name);
                return;
            }
        }
        std::optional<Item> placed;
        // The claimed zones near the town that do not hold its dot: a name set across the boundary
        // reads as the neighbour's town ("Cape Sud" left of its dot over the other horn; "Deltaport"
        // across three zones; audit s12 D8). The sides clear of them are tried first.
        std::vector<const GEOSGeometry*> others;
        {
            const Point w = lc.tf.to_world(l.page);
            GeosGeom at(GEOSGeom_createPointFromXY_r(ctx.get(), w.x, w.y), GeosDeleter{ctx.get()});
            const Box near = lc.tf.to_world(Box{l.page.x, l.page.y, l.page.x, l.page.y}.inflated(40 * u));
            if (!lc.dense && !lc.only)
                for (std::size_t i = 0; i < p.geo.zones.size(); ++i)
                    if (const Zone& z = p.geo.zones[i]; !p.claims_of(z.id).empty() &&
                                                        geom::bounds(ctx, z.geom.get()).intersects(near) &&
                                                        !on_zone.holds(i, at.get()))
                        others.push_back(z.geom.get());
        }
        const std::optional<PolygonIndex> across(others.empty() ? std::nullopt
                                                                : std::optional<PolygonIndex>(std::in_place, ctx, others));
        // Beside a dot on a road or river, a spot the line alone refuses is tried again a little
        // further off, clear of it: "Harwick Central" on Mill Lane was set across the lane (audit s17
        // D4). A town the map must name (label_rank 1) may go across a road or river when nothing else
        // is free, first on no line's end (a name at a street's end reads as the street's).
        const int passes = l.rank <= 1 ? 4 : 2;
        std::optional<std::vector<Point>> ends;
        for (int side = across ? 0 : 1; side < 2 && !placed; ++side)
        for (int pass = 0; pass < passes && !placed; ++pass) {
            for (auto [dx, dy] : kNameDirs) {
                const std::vector<Text> lines = name_lines(lc, l);
                Box block = name_box(lc, l, lines, dx, dy);
                if (pass == 1) {
                    // The line's box is 1.6 units either side of it: 2 units off clears a line through
                    // the dot's middle.
                    if (lc.placer.fits(block.inflated(0.6 * u), lc.tf.frame) ||
                        !lc.placer.fits_on_lines(block.inflated(0.6 * u), lc.tf.frame))
                        continue; // not refused by a line alone (or tried in the first pass)
                    block = name_box(lc, l, lines, dx, dy, 2 * u);
                }
                const double x0 = block.minx, y0 = block.miny, w = block.width();
                if (pass < 2 ? !lc.placer.fits(block.inflated(0.6 * u), lc.tf.frame)
                             : !lc.placer.fits_on_lines(block.inflated(0.6 * u), lc.tf.frame))
                    continue;
                if (pass == 2) {
                    if (!ends)
                        ends = drawn_line_ends(lc);
                    if (std::any_of(ends->begin(), ends->end(), [&](const Point& e) {
                            return block.inflated(1.7 * u).contains({e.x, e.y, e.x, e.y});
                        }))
                        continue;
                }
                // The dot of a smaller place is only drawn with its name: it must fit beside the name.
                if (!dot_kept[i] && block.inflated(0.6 * u).intersects(dot_box(l)))
                    continue;
                GeosGeom wbox;
                if (side == 0 &&
                    across->intersects(lc.tf.to_world(block), [&] { return (wbox = ctx.box(lc.tf.to_world(block))).get(); }))
                    continue;
                Item item;
                item.id = prefix + "locality-" + l.name;
                item.title = l.name + (l.name2.empty() ? "" : " (" + l.name2 + ")");
                double y = y0;
                for (Text t : lines) {
                    const double hh = t.box.height();
                    const Anchor a = dx < 0 ? Anchor::end : dx > 0 ? Anchor::start : Anchor::middle;
                    const double ax = a == Anchor::end ? x0 + w : a == Anchor::start ? x0 : x0 + w / 2;
                    t.anchor = a;
                    t.origin = {ax, y - t.box.miny};
                    t.box = lc.text.box_of(t);
                    t.halo = lc.theme.halo;
                    t.halo_width = 1.8 * u;
                    item.parts.emplace_back(std::move(t));
                    y += hh;
                }
                lc.placer.occupy(block.inflated(0.6 * u));
                placed = std::move(item);
                break;
            }
        }
        if (!placed && l.rank > 1) {
            if (l.primary_layer && !lc.only)
                (dot_kept[i] ? dot_only : unnamed).push_back(l.name);
            // A dot kept before the zone labels stays: the town is there, and taking the dot away
            // with the name hid it for no gain. A dot without a spot of its own is not drawn.
            if (!dot_kept[i])
                return;
        }
        // (A town of rank 2 or more whose dot was kept is in the "drawn unnamed" list already. A town in
        // the zone of its name that an inset names never gets here: it left `locs` with the merged ones.)
        if (!placed && l.rank <= 1 && !lc.only && !named_in_inset(lc, l.name) && !named_in_zone_label(lc, l, labels))
            lc.warnings.push_back("the name of " + l.name +
                                  " (label_rank 1) does not fit on the map; its dot is drawn unnamed");
        if (!dot_kept[i]) {
            lc.placer.occupy(dot_box(l));
            lc.locality_dots.push_back(l.page);
        }
        Item dot;
        dot.id = prefix + "locality-dot-" + l.name;
        dot.title = l.name;
        dot.parts.emplace_back(Circle{l.page, r, Fill{l.primary_layer ? lc.theme.text : lc.theme.muted, {}},
                                      Stroke{{1, 1, 1, 1}, 0.5 * u, {}, true}});
        dots.items.push_back(std::move(dot));
        if (placed)
            labels.items.push_back(std::move(*placed));
    };
    // A magnifier shows a few places around tiny zones: its towns are how a reader finds the spot on
    // the main map, so they are named before the zones, which have leaders and numbers to fall back on.
    std::vector<bool> named_first(locs.size(), false);
    if (lc.only)
        for (std::size_t i = 0; i < locs.size(); ++i)
            if ((named_first[i] = dot_kept[i]))
                name_locality(i);

    place_zone_labels(lc, labels, markers, leaders);
    if (lc.labels_incomplete)
        return; // the caller drops this layout
    // A zone whose name found no room names none of the towns merged into it: they are named as any
    // town (the "no room" warning lists them when they do not fit either).
    for (auto& entry : merged) // not a structured binding: clang 14 cannot capture one in a lambda
        if (const std::string label_id = prefix + "label-" + entry.second;
            std::none_of(labels.items.begin(), labels.items.end(), [&](const Item& it) { return it.id == label_id; })) {
            locs.push_back(std::move(entry.first));
            dot_kept.push_back(false);
            named_first.push_back(false);
        }

    // A leader's anchor is its arrowhead's tip (the first point of its filled shape), as the
    // layout-quality check reads it: a town named later beside a tip read as the leader's town, and
    // the check refused the page (a-tavua at 90 mm: Lekutu by Koro island's arrow).
    for (const Item& it : leaders.items)
        for (const Primitive& prim : it.parts)
            if (const auto* c = std::get_if<Circle>(&prim))
                anchors.push_back(c->centre);
            else if (const auto* s = std::get_if<Shape>(&prim); s && s->fill && !s->rings.empty() && !s->rings.front().empty())
                anchors.push_back(s->rings.front().front());
    for (std::size_t i = 0; i < locs.size(); ++i)
        if (!named_first[i] && !named_beside(lc, locs[i], labels, leaders))
            name_locality(i);
    // Said, not silent: a town the story names may be among them, and only the user knows which.
    auto list_of = [](std::vector<std::string>& towns) {
        std::sort(towns.begin(), towns.end());
        towns.erase(std::unique(towns.begin(), towns.end()), towns.end());
        std::string list;
        for (std::size_t i = 0; i < towns.size() && i < 8; ++i)
            list += (i ? ", " : "") + towns[i];
        if (towns.size() > 8)
            list += " and " + std::to_string(towns.size() - 8) + " more";
        return list;
    };
    if (!unnamed.empty())
        lc.warnings.push_back(std::to_string(unnamed.size()) + (unnamed.size() == 1 ? " town has no room for a name and is left out: "
                                                    : " towns have no room for a name and are left out: ") +
                              list_of(unnamed));
    if (!under_zones.empty())
        lc.warnings.push_back(std::to_string(under_zones.size()) +
                              (under_zones.size() == 1 ? " town lies under a zone's name or claim numbers and is left out: "
                                                       : " towns lie under zones' names or claim numbers and are left out: ") +
                              list_of(under_zones));
    if (!dot_only.empty())
        lc.warnings.push_back(std::to_string(dot_only.size()) + (dot_only.size() == 1 ? " town has no room for a name; its dot is drawn unnamed: "
                                                     : " towns have no room for a name; their dots are drawn unnamed: ") +
                              list_of(dot_only));
    // Lines and places after the localities, which keep the places they had before lines existed. A
    // detail inset names those it shows where it has room, without their badges (map_lines.cpp).
    place_line_and_place_labels(lc, labels, markers, leaders);
    if (lc.only)
        return; // a detail inset names its zones, places and lines, not the seas around

    // Names of the land and sea around the mapped area: quiet, and only where there is room. Never on
    // the zones (they carry their own names), and a sea's name never on any land: an island drawn
    // as `role = "land"` lies inside the sea's box, and "Indian Ocean" was printed across its province.
    GeosGeom world = ctx.box(lc.tf.world);
    // Each union is made when a name first needs it (a base layer may be huge). The zones' and the
    // land's are the project's, kept across pages (Geography::kept_union).
    GeosGeom outline_union;
    auto outline = [&]() -> const GEOSGeometry* {
        if (!outline_union) {
            outline_union = ctx.empty_polygon();
            if (const BaseLayer* o = p.geo.layer(LayerRole::outline)) {
                std::vector<const GEOSGeometry*> parts;
                for (const Feature& f : o->features)
                    parts.push_back(f.geom.get());
                outline_union = geom::union_all(ctx, parts);
            }
        }
        return outline_union.get();
    };
    GeosPrepared outline_prepared;
    auto keep_off = [&](bool sea) -> const GEOSGeometry* {
        return p.geo.kept_union(sea ? Geography::Kept::zones_and_land : Geography::Kept::zones);
    };
    // Whether a name's box lies on what it must keep off, asked of its polygons near the box (the
    // same answer as asking the whole union: PolygonIndex): every candidate spot asked GEOS to walk
    // the union, a detailed coast included.
    std::optional<PolygonIndex> keep_off_index[2];
    auto on_kept_off = [&](bool sea, const Box& wbox) {
        std::optional<PolygonIndex>& index = keep_off_index[sea ? 1 : 0];
        if (!index)
            index.emplace(ctx, keep_off(sea));
        GeosGeom box;
        return index->intersects(wbox, [&] { return (box = ctx.box(wbox)).get(); });
    };
    // A land feature that is one of the outline's own features (an island's coast read as both)
    // lies wholly under the outline: nothing of it is left to name, and the overlay of a detailed
    // ring with itself is the costliest there is (seconds for a 41k-vertex coast).
    auto outline_feature = [&](const GEOSGeometry* g) {
        const BaseLayer* o = p.geo.layer(LayerRole::outline);
        return o && std::any_of(o->features.begin(), o->features.end(), [&](const Feature& of) {
                   return GEOSEqualsExact_r(ctx.get(), of.geom.get(), g, 0) == 1;
               });
    };
    const bool zones_in_outline = std::all_of(p.geo.zones.begin(), p.geo.zones.end(), [&](const Zone& z) {
        return z.in_outline || geom::is_empty(ctx, z.geom.get());
    });
    // The outline's own features are named where the map shows more than one of them, as land is:
    // three countries in one outline layer, each with its name, went unnamed, and a reader could not
    // tell which side of a border was which (audit s19 D4). One feature is the map's subject, named by
    // the title; more than a dozen are a layer of subdivisions (an island's every islet, a country's
    // municipalities), whose names would crowd the zones' and cost an overlay each.
    constexpr std::ptrdiff_t kMostNamedOutlineFeatures = 12;
    const std::string second = lc.options.labels.value_or(p.spec.labels).second;
    const BaseLayer* outline_layer = p.geo.layer(LayerRole::outline);
    const std::ptrdiff_t outline_shown =
        outline_layer ? std::count_if(outline_layer->features.begin(), outline_layer->features.end(), [&](const Feature& f) {
            return !f.prop("name").empty() && !geom::is_empty(ctx, f.geom.get()) &&
                   geom::bounds(ctx, f.geom.get()).intersects(lc.tf.world);
        })
                      : 0;
    const bool name_outline = outline_shown > 1 && outline_shown <= kMostNamedOutlineFeatures;
    for (const BaseLayer& bl : p.geo.layers) {
        const bool of_outline = bl.spec.role == LayerRole::outline;
        if (bl.spec.role != LayerRole::land && bl.spec.role != LayerRole::sea && !(of_outline && name_outline))
            continue;
        for (const Feature& f : bl.features) {
            std::string name = f.prop("name");
            if (name.empty() || geom::is_empty(ctx, f.geom.get()))
                continue;
            const bool sea = bl.spec.role == LayerRole::sea;
            Font font = lc.fonts.area;
            font.italic = sea;
            if (!sea)
                name = capitals(name); // "SÜDMARK": std::toupper on each byte left ü as it was
            // A country of the outline carries its second-script name under the first, as towns do.
            const std::string name2 = of_outline && !second.empty() ? capitals(f.prop("name_" + second)) : "";
            // Cheap tests before any overlay (a base layer can have thousands of named features): the
            // part drawn lies in the feature's envelope clipped to the world, and the circle inscribed
            // in it in that box, so a name too wide for half the box's smaller side is skipped below
            // anyway. The margin covers the rounding of the box the Text gets.
            const Box env = geom::bounds(ctx, f.geom.get());
            const double clip_w = std::min(env.maxx, lc.tf.world.maxx) - std::max(env.minx, lc.tf.world.minx);
            const double clip_h = std::min(env.maxy, lc.tf.world.maxy) - std::max(env.miny, lc.tf.world.miny);
            const double widest = std::max(lc.text.measure(name, font).width,
                                           name2.empty() ? 0.0 : lc.text.measure(name2, font).width);
            if (clip_w < 0 || clip_h < 0 ||
                widest / 2 > std::min(clip_w, clip_h) / 2 * lc.tf.scale() * 1.6 * (1 + 1e-6))
                continue;
            if (!sea && !of_outline && outline_feature(f.geom.get()))
                continue;
            // A sea's name keeps off the land and outline too (keep_off), so the outline is not taken
            // out first: over a coast, each overlay nodes the coast's ring with itself.
            GeosGeom part = geom::intersection(ctx, f.geom.get(), world.get());
            if (!sea && !of_outline) {
                // What the map shows of a land feature may lie all under the outline (Gaza's part of
                // Palestine, the outline's own ring): nothing to name, and its difference, an overlay
                // of a ring with its copy, was the costliest of the page's (snapped, ~2 ms).
                if (!outline_prepared)
                    outline_prepared = ctx.prepare(outline());
                if (GEOSPreparedCovers_r(ctx.get(), outline_prepared.get(), part.get()) == 1)
                    continue;
                part = geom::difference(ctx, part.get(), outline());
            }
            // Zones clipped to the outline lie under it: what a land feature has off the outline
            // shares nothing with them, and its overlay with them (snapped along the common edge: 6 M
            // instructions a feature on each of Gaza's pages) is left out.
            if (sea || of_outline || !zones_in_outline)
                part = geom::difference(ctx, part.get(), keep_off(sea));
            part = geom::polygons_only(ctx, part.get());
            if (geom::is_empty(ctx, part.get()))
                continue;
            const geom::Circle mic = geom::max_inscribed_circle(ctx, part.get(), 2.0 / lc.tf.scale());
            std::vector<Text> lines{lc.text_at(name, lc.tf.to_page(mic.centre), font,
                                               sea ? lc.theme.accent_water : lc.theme.muted, Anchor::middle)};
            if (!name2.empty()) {
                lines.push_back(lc.text_at(name2, lc.tf.to_page(mic.centre), font, lc.theme.muted, Anchor::middle));
                lines.back().lang = second;
            }
            if (std::any_of(lines.begin(), lines.end(),
                            [&](const Text& t) { return t.box.width() / 2 > mic.radius * lc.tf.scale() * 1.6; }))
                continue;
            const Point c = lc.tf.to_page(mic.centre);
            // The lines stacked, the block's middle on the spot (one line: its origin there, as always).
            const double line_h = lines.front().box.height();
            bool done = false;
            for (int ring = 0; ring < 8 && !done; ++ring)
                for (int k = 0; k < 8 && !done; ++k) {
                    const double a = k * M_PI / 4, d = ring * 8 * u;
                    Box block{1e18, 1e18, -1e18, -1e18};
                    for (std::size_t n = 0; n < lines.size(); ++n) {
                        Text& t = lines[n];
                        const double dy = (static_cast<double>(n) - (lines.size() - 1) / 2.0) * line_h;
                        t.origin = {c.x + d * std::cos(a), c.y + d * std::sin(a) + dy};
                        t.box = lc.text.box_of(t);
                        block.expand(t.box);
                    }
                    if (!lc.placer.fits(block.inflated(u), lc.tf.frame.inflated(-3 * u)) ||
                        on_kept_off(sea, lc.tf.to_world(block)))
                        continue;
                    lc.placer.occupy(block.inflated(u));
                    Item item;
                    item.id = prefix + "area-" + name;
                    for (const Text& t : lines)
                        item.parts.emplace_back(t);
                    labels.items.push_back(std::move(item));
                    done = true;
                }
        }
    }
}

} // namespace citemap

// [[line]] and [[place]] on the map: a line as a cased stroke, a place as a diamond, each styled by its
// primary claim (status colour; modality as the line's dash, the diamond's fill and outline), labelled with
// its name and footnote markers beside it, and given legend rows.
#include "core/panel_words.hpp"
#include "geo/geometry_ops.hpp"
#include "geo/polygon_index.hpp"
#include "layout/layout_quality.hpp"
#include "layout/layout_context.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

namespace citemap {

namespace {

Color feature_color(const LayoutContext& lc, const Claim* c) {
    return c && c->status ? status_color(lc.theme, lc.project.spec, *c->status).mix({0, 0, 0, 1}, 0.25)
                          : lc.theme.text;
}

std::vector<double> modality_dash(Modality m, double u) {
    switch (m) {
    case Modality::reported:
        return {};
    case Modality::plan:
        return {5 * u, 2.5 * u};
    case Modality::projection:
        return {1.2 * u, 1.8 * u};
    case Modality::denial:
        return {5 * u, 1.8 * u, 1.2 * u, 1.8 * u};
    }
    return {};
}

// A claimed line in its status's colour and the modality's dash, wide enough to carry them. A river or
// canal no claim is about is part of the base map: thin, in the water's blue, as its name is; drawn as
// unclaimed lines are, 1.8 in black, it read as a border or a road beside its blue italic name (audit
// s17 D8).
// Another line no claim is about (a street, a road) is context too: thinner, in a mid grey. Drawn 1.8 in
// the text's black, r-block's three streets could not be told from the claimed "Lindengasse — Einbahn"
// in its status's dark brown (#3f2404, audit s19 D6).
Stroke line_stroke(const LayoutContext& lc, const Zone& l, const Claim* c) {
    if (!c && l.prop("water") == "true")
        return {lc.theme.accent_water, 0.9 * lc.unit, {}, true};
    if (!c)
        return {lc.theme.muted.mix(lc.theme.mapped_area, 0.3), 1.2 * lc.unit, {}, true};
    return {feature_color(lc, c), 1.8 * lc.unit, c ? modality_dash(c->spec->modality, lc.unit) : std::vector<double>{},
            true};
}

Ring diamond_ring(Point c, double r) {
    return {{c.x, c.y - r}, {c.x + r, c.y}, {c.x, c.y + r}, {c.x - r, c.y}};
}

// A place's diamond says its primary claim's modality as the zones' patterns do: reported solid in its
// colour; a plan hollow, outlined in it (as a plan's hatch leaves the ground showing); a projection
// hollow in a dotted outline (a projection's dots); a denial hollow and crossed out (a denial's small
// crosses). One solid diamond for all four drew a planned mine as a reported one (audit s11 D8).
std::vector<Primitive> place_symbol(Point c, double r, Color color, Modality m, double u) {
    const Stroke white{{1, 1, 1, 1}, 0.7 * u, {}, false};
    if (m == Modality::reported)
        return {Shape{{diamond_ring(c, r)}, true, Fill{color, {}}, white}};
    // The outline inside the solid diamond's extent, on a white ground under a white rim, so the
    // hollow ones read over any fill and the same size as the solid one.
    const double w = 0.7 * u, ri = r - w / 2;
    std::vector<Primitive> out{Shape{{diamond_ring(c, r)}, true, Fill{Color{1, 1, 1, 1}, {}}, white}};
    if (m == Modality::projection) {
        // Round dots: zero-length dashes with round caps, spaced to close evenly round the outline.
        const double side = std::sqrt(2.0) * ri, gap = side / std::max(2.0, std::round(side / (2.2 * w)));
        out.emplace_back(Shape{{diamond_ring(c, ri)}, true, std::nullopt, Stroke{color, w, {0, gap}, true}});
        return out;
    }
    out.emplace_back(Shape{{diamond_ring(c, ri)}, true, std::nullopt, Stroke{color, w, {}, false}});
    if (m == Modality::denial) {
        // Thinner than the outline, ending short of it: a thick cross filled the small diamond, which
        // then read as a solid one with four white dots.
        const double d = 0.45 * ri;
        out.emplace_back(Shape{{{{c.x - d, c.y - d}, {c.x + d, c.y + d}}, {{c.x - d, c.y + d}, {c.x + d, c.y - d}}},
                               false, std::nullopt, Stroke{color, 0.55 * u, {}, false}});
    }
    return out;
}

double diamond_radius(const LayoutContext& lc) {
    return 2.8 * lc.unit;
}

std::string item_title(const Project& p, const Zone& f) {
    std::string title = f.name;
    for (const Claim* c : p.claims_of(f.id))
        title += "\n[" + std::to_string(c->number) + "] " + (c->status ? c->status->label : c->spec->status) +
                 " (" + std::string(modality_word(panel_words(p.spec.lang), c->spec->modality)) + ", " + c->spec->attributed_to + ")";
    return title;
}

std::string claim_numbers(const Project& p, const std::string& id) {
    std::string s;
    for (const Claim* c : p.claims_of(id))
        s += (s.empty() ? "" : " ") + std::to_string(c->number);
    return s;
}

// The share of a thin zone's width on the page that a line drawn over it takes (its casing is 0.4
// units wider): the rest shows the zone's fill and bands.
constexpr double kThinLineShare = 0.25;

// The zones with claims that a line runs over and that are thin on the page: their widest inscribed
// circle is under four casings across. Each with its width on the page (points), thinnest first, so a
// stretch over nested thin zones is drawn for the thinnest.
std::vector<std::pair<double, const GEOSGeometry*>> thin_zones_under(const LayoutContext& lc, const GEOSGeometry* line,
                                                                     double casing) {
    const Project& p = lc.project;
    const GeosContext& ctx = *p.geo.ctx;
    std::vector<std::pair<double, const GEOSGeometry*>> out;
    if (geom::is_empty(ctx, line))
        return out;
    const Box lb = geom::bounds(ctx, line);
    const double scale = lc.tf.scale();
    for (std::size_t i = 0; i < p.geo.zones.size(); ++i) {
        const Zone& z = p.geo.zones[i];
        if (p.claims_of(z.id).empty() || geom::is_empty(ctx, z.geom.get()) ||
            !geom::bounds(ctx, z.geom.get()).intersects(lb) || !geom::intersects(ctx, z.geom.get(), line))
            continue;
        // GEOS's circle is within its tolerance of the widest one (its search refines every cell that
        // could still hold a circle wider by more than that). The visible part's circle, found to
        // within a page point, fits in the zone: the zone's widest circle is at least as wide, so
        // this one comes out at least that radius less 0.2 pt. When that is already four casings
        // across, the zone is not thin, and its finer circle is not computed. The coarse circle is
        // the one names_crowd and place_zone_labels use (kept per page): asked here first, it is
        // not computed twice, and a whole zone's finer one cost 2.5 times as much (Gaza's check).
        const double tolerance = 0.2 / scale;
        if (!geom::is_empty(ctx, lc.visible_part(i)) &&
            2 * (lc.visible_circle(i).radius - tolerance) * scale > 4 * casing * (1 + 1e-9))
            continue;
        const double width = 2 * geom::max_inscribed_circle(ctx, z.geom.get(), tolerance).radius * scale;
        if (width < 4 * casing)
            out.emplace_back(width, z.geom.get());
    }
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return out;
}

} // namespace

GeosGeom drawn_part(const Project& p, const LineFeature& l, const GEOSGeometry* area) {
    const GeosContext& ctx = *p.geo.ctx;
    GeosGeom visible = geom::intersection(ctx, l.geom.get(), area);
    const auto spec = std::find_if(p.spec.lines.begin(), p.spec.lines.end(),
                                   [&](const FeatureSpec& f) { return f.id == l.id; });
    if (spec == p.spec.lines.end() || spec->clip == LineClip::frame)
        return visible;
    const GEOSGeometry* mask = p.geo.kept_union(spec->clip == LineClip::outline ? Geography::Kept::outline
                                                                                : Geography::Kept::land_and_outline);
    return mask ? geom::intersection(ctx, visible.get(), mask) : std::move(visible);
}

std::vector<Point> drawn_line_ends(const LayoutContext& lc) {
    const Project& p = lc.project;
    const GeosContext& ctx = *p.geo.ctx;
    std::vector<Point> ends;
    if (p.geo.lines.empty())
        return ends;
    GeosGeom frame = ctx.box(lc.tf.world.inflated(lc.tf.world.width() * 0.01)); // as layout_lines_and_places
    for (const LineFeature& l : p.geo.lines)
        for (const Ring& path : lc.to_page(geom::lines(ctx, drawn_part(p, l, frame.get()).get())))
            if (!path.empty())
                for (const Point& e : {path.front(), path.back()})
                    if (lc.tf.frame.contains({e.x, e.y, e.x, e.y}))
                        ends.push_back(e);
    return ends;
}

void layout_lines_and_places(LayoutContext& lc, bool names_off) {
    const Project& p = lc.project;
    const GeosContext& ctx = *p.geo.ctx;
    const double u = lc.unit;
    if (!p.geo.lines.empty()) {
        Layer& layer = lc.scene.layer("lines", "Lines");
        layer.clip = lc.tf.frame;
        GeosGeom frame = ctx.box(lc.tf.world.inflated(lc.tf.world.width() * 0.01));
        for (const LineFeature& l : p.geo.lines) {
            GeosGeom visible = drawn_part(p, l, frame.get());
            const auto paths = lc.to_page(geom::lines(ctx, visible.get()));
            if (paths.empty())
                continue;
            const Claim* c = primary_claim(p, l.id);
            Item item;
            item.id = lc.id_prefix + "line-" + l.id;
            item.title = item_title(p, l);
            item.data = {{"line", l.id}, {"citations", claim_numbers(p, l.id)}};
            if (c && c->status)
                item.data["status"] = c->status->key;
            // No label is set across the line (a name over a road hides where it runs): the cased
            // stroke is taken in the placer, inside the frame (unless `names_off`, in an inset).
            for (const Ring& path : names_off ? paths : std::vector<Ring>{})
                for (std::size_t k = 1; k < path.size(); ++k)
                    if (lc.tf.frame.contains({path[k].x, path[k].y, path[k].x, path[k].y}) ||
                        lc.tf.frame.contains({path[k - 1].x, path[k - 1].y, path[k - 1].x, path[k - 1].y}))
                        lc.placer.occupy_line(path[k - 1], path[k], 1.6 * u, true);
            // A white casing keeps the line readable over any zone fill. Over a zone too thin for it (a
            // river down a 1.5 km corridor) the casing would hide the zone's fill and bands, its
            // statuses: there the line is drawn thinner, within a fraction of the zone's width.
            const Stroke stroke = line_stroke(lc, l, c);
            // A thin river's casing is a rim, not a white road under it.
            const double casing = stroke.width < 1.8 * u ? stroke.width + 1.6 * u : 3.4 * u;
            std::vector<Primitive> casings, strokes;
            GeosGeom rest = ctx.clone(visible.get());
            for (const auto& [width, zone] : thin_zones_under(lc, visible.get(), 3.4 * u)) {
                GeosGeom piece = geom::intersection(ctx, rest.get(), zone);
                const auto piece_paths = lc.to_page(geom::lines(ctx, piece.get()));
                if (piece_paths.empty())
                    continue;
                rest = geom::difference(ctx, rest.get(), zone);
                Stroke thin = stroke;
                thin.width = std::clamp(kThinLineShare * width, 0.4 * u, stroke.width);
                for (double& d : thin.dash)
                    d *= thin.width / stroke.width;
                casings.emplace_back(Shape{piece_paths, false, std::nullopt,
                                           Stroke{{1, 1, 1, 0.85}, std::min(3.4 * u, thin.width + 0.4 * u), {}, true}});
                strokes.emplace_back(Shape{piece_paths, false, std::nullopt, thin});
            }
            if (const auto rest_paths = casings.empty() ? paths : lc.to_page(geom::lines(ctx, rest.get()));
                !rest_paths.empty()) {
                casings.insert(casings.begin(),
                               Shape{rest_paths, false, std::nullopt, Stroke{{1, 1, 1, 0.85}, casing, {}, true}});
                strokes.insert(strokes.begin(), Shape{rest_paths, false, std::nullopt, stroke});
            }
            for (auto* parts : {&casings, &strokes})
                for (Primitive& part : *parts)
                    item.parts.push_back(std::move(part));
            layer.items.push_back(std::move(item));
        }
    }
    if (!p.geo.places.empty()) {
        Layer& layer = lc.scene.layer("places", "Places");
        layer.clip = lc.tf.frame;
        for (const PlaceFeature& pl : p.geo.places) {
            const auto pts = geom::points(ctx, pl.geom.get());
            if (pts.empty())
                continue;
            const Point at = lc.tf.to_page(pts.front());
            if (!lc.tf.frame.contains({at.x, at.y, at.x, at.y}))
                continue;
            const double r = diamond_radius(lc);
            Item item;
            item.id = lc.id_prefix + "place-" + pl.id;
            item.title = item_title(p, pl);
            item.data = {{"place", pl.id}, {"citations", claim_numbers(p, pl.id)}};
            const Claim* c = primary_claim(p, pl.id);
            for (Primitive& part : place_symbol(at, r, feature_color(lc, c), c ? c->spec->modality : Modality::reported, u))
                item.parts.push_back(std::move(part));
            lc.placer.occupy(Box{at.x - r, at.y - r, at.x + r, at.y + r}.inflated(0.5 * u));
            layer.items.push_back(std::move(item));
        }
    }
}

namespace {

// A [[line]]'s name is set as maps letter rivers and roads, in italics and lighter than the zones'
// bold upright names, and in the sea's blue for water (`water = true`): set like a zone's name, 5 mm
// off the line, "Vel river" read as a district's name (audit s15 D7).
Text line_name(const LayoutContext& lc, const Zone& f, const std::string& text) {
    Font font = lc.fonts.zone_label;
    font.italic = true;
    font.weight = Weight::medium;
    const bool water = f.prop("water") == "true";
    Text t = lc.text_at(text, {0, 0}, font, water ? lc.theme.accent_water : lc.theme.text, Anchor::middle);
    t.halo = lc.theme.halo;
    t.halo_width = 2.2 * lc.unit;
    return t;
}

// The land (outline and land layers) when line `visible` (its drawn part, `length` long) lies mostly
// off it, at sea: its name and badges then go on the sea side. Set on the land beside an offshore
// fishing limit, "Coastal fishing limit" read as a region's name, its badge 6.3 mm off the line
// (b-kvitland, audit s13 D8). Null for a line on land, or land too detailed to unite.
const GEOSGeometry* offshore_land(const LayoutContext& lc, const GEOSGeometry* visible, double length) {
    const Geography& geo = lc.project.geo;
    const GeosContext& ctx = *geo.ctx;
    if (length <= 0 || geo.vertices_of({LayerRole::land, LayerRole::outline}) > kLandmassesUpToVertices)
        return nullptr;
    const GEOSGeometry* land = geo.kept_union(Geography::Kept::land_and_outline);
    if (!land)
        return nullptr;
    double on_land = 0;
    GEOSLength_r(ctx.get(), geom::intersection(ctx, visible, land).get(), &on_land);
    return on_land < 0.5 * length ? land : nullptr;
}

// The claims whose badges a [[line]] or [[place]]'s name carries: none in a detail inset, which names
// what it shows (a town dot or a diamond without a name reads as an unknown, audit s16) while the
// badges stay on the main map (a second badge reads as a second claim).
std::vector<const Claim*> feature_badges(const LayoutContext& lc, const std::string& id) {
    return lc.only ? std::vector<const Claim*>{} : lc.project.claims_of(id);
}

// A line's name and claim badges as one row along it, turned to its direction over the row's length,
// on a side of it where the row meets nothing in `keep_off` (an offshore line's land and the zones it
// is not on), as charts letter a limit at sea. A block set square to a long line running down a tall
// page found no room at sea beside it and lay across it, wrapped on three lines, or on the land
// (b-kvitland at 90 mm straddled the coast and Midland, audit s13 D8). The row stands clear of the
// line's wiggles along its length, its badges within reach of the line. The side away from `land`
// first (between an offshore line and the coast the row still read as the coast's; a line on land,
// `land` null, either side), then nearest the line's middle. Also a river's or road's name on land
// (`keep_off` then holds the edges of the zones it runs through too). Returns false, placing
// nothing, when no stretch has room.
bool place_along_line(LayoutContext& lc, const Zone& f, const std::vector<Ring>& paths, const PolygonIndex& keep_off,
                      const GEOSGeometry* land, Layer& labels, Layer& markers) {
    const GeosContext& ctx = *lc.project.geo.ctx;
    const double u = lc.unit;
    const auto claims = feature_badges(lc, f.id);
    Text name = line_name(lc, f, f.name);
    const double w = name.box.width(), h = name.box.height();
    const double r = lc.fonts.marker.size * 0.78; // claim_marker's radius
    // A badge takes its width times sqrt 2 along the row, so the boxes around a diagonal row's badges
    // stay apart (as place_along_zone's).
    const double badge_w = 2 * std::sqrt(2.0) * r + 1.2 * u;
    const double gap_name = claims.empty() ? 0 : 1.5 * u;
    const double row_w = w + gap_name + badge_w * static_cast<double>(claims.size()), row_h = std::max(h, 2 * r);
    const double clearance = 1.7 * u + 0.8 * u; // the casing's half width and a margin for the halo
    const double reach = feature_badge_reach(r) + r;
    const double step = 1.5 * 72 / 25.4;
    // Where along the row (from its centre) badge `k` goes, the badges after the name or before it.
    auto badge_at = [&](bool after, std::size_t k) {
        return (after ? -row_w / 2 + w + gap_name : -row_w / 2) + badge_w * (static_cast<double>(k) + 0.5);
    };
    const auto half = static_cast<std::size_t>(std::max(1L, std::lround(row_w / 2 / step)));
    GeosPrepared land_prepared = land ? ctx.prepare(land) : GeosPrepared(nullptr, GeosPreparedDeleter{ctx.get()});
    // Seaward: the row's centre further from the land than the line's own point is (any side of a
    // line on land).
    auto seaward = [&](Point c, Point on_line) {
        if (!land)
            return true;
        double dc = 0, dl = 0;
        const Point wc = lc.tf.to_world(c), wl = lc.tf.to_world(on_line);
        GeosGeom pc(GEOSGeom_createPointFromXY_r(ctx.get(), wc.x, wc.y), GeosDeleter{ctx.get()});
        GeosGeom pl(GEOSGeom_createPointFromXY_r(ctx.get(), wl.x, wl.y), GeosDeleter{ctx.get()});
        GEOSPreparedDistance_r(ctx.get(), land_prepared.get(), pc.get(), &dc);
        GEOSPreparedDistance_r(ctx.get(), land_prepared.get(), pl.get(), &dl);
        return dc > dl;
    };
    constexpr double kLandward = 1e6; // a row between the line and the land only where no other has room
    double best = 1e18;
    Point best_c{}, best_dir{};
    bool best_after = true;
    for (const Ring& path : paths) {
        const std::vector<Point> walk = points_every(path, step);
        if (walk.size() < 2 * half + 1)
            continue;
        const double middle = static_cast<double>(walk.size() - 1) / 2;
        for (std::size_t i = half; i + half < walk.size(); ++i) {
            const double cost = std::abs(static_cast<double>(i) - middle);
            if (cost >= best)
                continue; // a seaward row nearer the middle is kept already
            const Point& a = walk[i - half];
            const Point& b = walk[i + half];
            const double len = std::hypot(b.x - a.x, b.y - a.y);
            if (len < row_w * 0.8)
                continue; // the line turns within the row's length
            Point dir{(b.x - a.x) / len, (b.y - a.y) / len};
            // Never upside down, and up the page where the line runs within 25 degrees of upright, as
            // a map's names along its western edge read (downward read as the next map's).
            if (const double deg = std::atan2(dir.y, dir.x) * 180 / M_PI; deg > 65 || deg <= -115)
                dir = {-dir.x, -dir.y};
            const Point mid{(a.x + b.x) / 2, (a.y + b.y) / 2};
            for (double side : {1.0, -1.0}) {
                const Point nrm{-dir.y * side, dir.x * side};
                // Clear of the line wherever it bulges toward this side along the row.
                double bulge = 0;
                for (std::size_t j = i - half; j <= i + half; ++j)
                    bulge = std::max(bulge, (walk[j].x - mid.x) * nrm.x + (walk[j].y - mid.y) * nrm.y);
                const double off = bulge + clearance + row_h / 2;
                const Point c{mid.x + nrm.x * off, mid.y + nrm.y * off};
                // The badges after the name or before it, whichever end of the row lies nearer the
                // line: the nearest within reach of it, the rest in a row after it (the quality rule).
                std::optional<bool> order;
                for (bool after : {true, false}) {
                    double nearest = 1e18, farthest = 0;
                    for (std::size_t k = 0; k < claims.size(); ++k) {
                        const double s0 = badge_at(after, k);
                        const Point badge{c.x + dir.x * s0, c.y + dir.y * s0};
                        double to_line = 1e18;
                        for (std::size_t j = i - half; j < i + half; ++j)
                            to_line = std::min(to_line, point_segment_distance(badge, walk[j], walk[j + 1]));
                        nearest = std::min(nearest, to_line);
                        farthest = std::max(farthest, to_line);
                    }
                    if (claims.empty() || (nearest <= reach && farthest <= reach + static_cast<double>(claims.size() - 1) * 3 * r)) {
                        order = after;
                        break;
                    }
                }
                if (!order)
                    continue;
                // In a detail inset, the whole turned row inside its frame (the check holds an inset's
                // names to it; the boxes along the row leave its corners out).
                if (lc.only) {
                    Box row{c.x, c.y, c.x, c.y};
                    for (double sa : {-0.5, 0.5})
                        for (double sn : {-0.5, 0.5})
                            row.expand(Box{c.x + dir.x * row_w * sa - dir.y * row_h * sn, c.y + dir.y * row_w * sa + dir.x * row_h * sn,
                                           c.x + dir.x * row_w * sa - dir.y * row_h * sn, c.y + dir.y * row_w * sa + dir.x * row_h * sn});
                    if (!lc.tf.frame.contains(row.inflated(u)))
                        continue;
                }
                const std::vector<Box> boxes = along_boxes(c, dir, row_w, row_h);
                bool ok = true;
                for (const Box& bx : boxes) {
                    GeosGeom wbox;
                    ok = ok && lc.placer.fits(bx.inflated(0.6 * u), lc.tf.frame) &&
                         !keep_off.intersects(lc.tf.to_world(bx),
                                              [&] { return (wbox = ctx.box(lc.tf.to_world(bx))).get(); });
                    if (!ok)
                        break;
                }
                if (!ok)
                    continue;
                const double total = cost + (seaward(c, walk[i]) ? 0 : kLandward);
                if (total < best) {
                    best = total;
                    best_c = c;
                    best_dir = dir;
                    best_after = *order;
                }
            }
        }
    }
    if (best >= 1e18)
        return false;
    // The name, turned about its origin so that its middle lands on its place in the row.
    const Point dir = best_dir;
    const double name_at = best_after ? -row_w / 2 + w / 2 : row_w / 2 - w / 2;
    const Point name_c{best_c.x + dir.x * name_at, best_c.y + dir.y * name_at};
    const Point mid0{(name.box.minx + name.box.maxx) / 2, (name.box.miny + name.box.maxy) / 2};
    name.origin = {name_c.x - (mid0.x * dir.x - mid0.y * dir.y), name_c.y - (mid0.x * dir.y + mid0.y * dir.x)};
    name.box = lc.text.box_of(name);
    turn_text(name, std::atan2(dir.y, dir.x) * 180 / M_PI);
    Item label;
    label.id = lc.id_prefix + "label-" + f.id;
    label.title = f.name;
    label.data = {{"along", "line"}};
    label.parts.emplace_back(std::move(name));
    labels.items.push_back(std::move(label));
    for (std::size_t k = 0; k < claims.size(); ++k) {
        const double at = badge_at(best_after, k);
        markers.items.push_back(claim_marker(lc, f.id, claims[k]->number, {best_c.x + dir.x * at, best_c.y + dir.y * at}));
    }
    for (const Box& bx : along_boxes(best_c, dir, row_w, row_h))
        lc.placer.occupy(bx.inflated(0.3 * u));
    return true;
}

} // namespace

void place_line_and_place_labels(LayoutContext& lc, Layer& labels, Layer& markers, Layer& leaders) {
    const Project& p = lc.project;
    const GeosContext& ctx = *p.geo.ctx;
    const double u = lc.unit;
    const double mr = lc.fonts.marker.size * 0.78, step = 2 * mr + 1.2 * u;
    const std::string second = lc.options.labels.value_or(p.spec.labels).second;
    // The zones with claims, by index: a feature's name and numbers keep off those it does not lie on.
    std::vector<std::size_t> claimed;
    for (std::size_t i = 0; i < p.geo.zones.size(); ++i)
        if (!p.claims_of(p.geo.zones[i].id).empty() && !geom::is_empty(ctx, p.geo.zones[i].geom.get()))
            claimed.push_back(i);
    // Name and claim badges as one block beside an anchor on the feature, the badges on the side
    // facing it: after the name when the block lies left of the anchor, else in a row under the name
    // (over it when the block lies below). Badges after a long name set right of the symbol stood
    // 31 mm from Mora lighthouse's diamond on A4 and 50 mm on A3 (audit s12 D1); the nearest badge
    // must now lie within kFeatureBadgeReachMm of the symbol (`symbol_r` around the anchor), which
    // the layout-quality check holds every page to. The block never lies on a claimed zone the feature
    // is not on (`foreign`): Tarn crossing's numbers inside the Eastern frontier read as its claims.
    // `name_lines`: the name as set, on one line or wrapped (empty: the claim numbers alone, the
    // feature's name being in its legend row, for a page too crowded for the name: a cited claim is
    // never left off the map).
    enum class Clear { off_lines, badges_and_ends, badges, nothing };
    struct How {
        bool across = false;   // the block may lie over drawn lines (a bridge's name over its river), not
                               // over text or symbols
        bool at_home = false;  // on no land around the mapped country (LayoutContext::over_abroad)
        bool leader = false;   // further off, joined to the symbol by a short leader line, for a symbol
                               // hemmed in by zones and names (a crossing between a frontier zone and the
                               // frame's edge)
        bool on_zones = false; // with a leader, last: on other zones, the leader saying whose it is
        bool level_only = false; // only over or under the anchor: a name along a stretch of line
                                 // running within 20 degrees of level
        // First across no line at all, even with a leader; then across lines with the badges on none
        // and the block on no line's end nor across its own line; then the badges on no line. On
        // other zones, the badges on none of them. South Gate's 7 on the end of Ferry Road read as the
        // road's number, North Gate's 8 inside the stadium as the stadium's, "North Gate" against Mill
        // Lane's end as the lane's, and "Gambela River" across its river "Gambela•River" (audit s17
        // D4). `nothing` only where no such spot is free.
        Clear clear = Clear::off_lines;
        const GEOSGeometry* own_line = nullptr; // the line a line's name is for
    };
    std::optional<std::vector<Point>> line_ends; // drawn_line_ends, asked when first needed
    auto place = [&](const Zone& f, const std::vector<Point>& anchors, double clearance, double symbol_r,
                     const PolygonIndex& foreign, const std::vector<std::string>& name_lines, How how) -> bool {
        const bool across_lines = how.across, at_home = how.at_home, leader = how.leader, on_zones = how.on_zones;
        // After the first level, only the ways across lines (and, last, on other zones with badges
        // there) give another answer than at the level before.
        if ((how.clear == Clear::off_lines && across_lines) ||
            ((how.clear == Clear::badges_and_ends || how.clear == Clear::badges) && !across_lines) ||
            (how.clear == Clear::nothing && !across_lines && !on_zones))
            return false;
        const bool strict = how.clear != Clear::nothing && (across_lines || on_zones);
        const bool ends = how.clear == Clear::badges_and_ends && across_lines;
        if (ends && !line_ends)
            line_ends = drawn_line_ends(lc);
        const bool with_name = !name_lines.empty();
        const bool is_line = std::any_of(p.geo.lines.begin(), p.geo.lines.end(), [&](const Zone& l) { return &l == &f; });
        auto name_text = [&](const std::string& text) {
            if (is_line)
                return line_name(lc, f, text);
            Text t = lc.text_at(text, {0, 0}, lc.fonts.zone_label, lc.theme.text);
            t.halo = lc.theme.halo;
            t.halo_width = 2.2 * u;
            return t;
        };
        std::vector<Text> names;
        for (const std::string& line : name_lines)
            names.push_back(name_text(line));
        // The second label language on a line of its own under the name, as for zones and localities.
        if (const std::string n2 = second.empty() || !with_name ? "" : f.prop("name_" + second); !n2.empty()) {
            names.push_back(name_text(n2));
            names.back().lang = second;
        }
        double names_w = 0, names_h = 0;
        for (const Text& t : names) {
            names_w = std::max(names_w, t.box.width());
            names_h += t.box.height();
        }
        const auto claims = feature_badges(lc, f.id);
        if (!with_name && claims.empty())
            return false;
        const double badges_w = claims.empty() ? 0 : static_cast<double>(claims.size()) * step - 1.2 * u;
        const double badges_gap = with_name && !claims.empty() ? 1.2 * u : 0.0;
        const double reach = feature_badge_reach(mr) + mr + symbol_r;
        const std::pair<double, double> dirs[] = {{1, 0},  {1, -1}, {1, 1},  {-1, 0},
                                                  {-1, -1}, {-1, 1}, {0, -1}, {0, 1}};
        const std::vector<double> extras = !leader ? std::vector<double>{0, 1.5}
                                           : how.clear != Clear::nothing ? std::vector<double>{4, 9, 15, 22}
                                                                        : std::vector<double>{4, 9, 15};
        // Last, right of the anchor, a row of the badges then the name: South Gate, hemmed in by Ferry
        // Road below and the stadium above, had no room for the name over its badge (k-harwick).
        for (const bool badges_lead : {false, true})
        for (double extra : extras)
            for (const Point& a : anchors)
                for (auto [dx, dy] : dirs) {
                    if ((badges_lead && (dx <= 0 || !with_name || claims.empty())) || (how.level_only && dx != 0))
                        continue;
                    // A row (name, then badges) left of the anchor; a stack elsewhere, badges toward it.
                    const bool row = dx < 0 || badges_lead;
                    const double w = row ? names_w + badges_gap + badges_w : std::max(names_w, badges_w);
                    const double h = row ? std::max(names_h, 2 * mr) : names_h + (badges_w > 0 ? 2 * mr : 0) +
                                                                            (with_name ? 0.3 * u : 0);
                    const double gap = clearance + extra * u;
                    const double x0 = dx > 0 ? a.x + gap : dx < 0 ? a.x - gap - w : a.x - w / 2;
                    const double y0 = dy > 0 ? a.y + gap : dy < 0 ? a.y - gap - h : a.y - h / 2;
                    const Box box{x0, y0, x0 + w, y0 + h};
                    // Without badges (in an inset) the name is the block: it set 2 badge radii below its
                    // box, outside an inset's frame (c-orva's Orva river at 170 mm).
                    const bool badges_first = !row && dy > 0 && badges_w > 0;
                    // The badges' centres along their row, nearest the anchor first.
                    const double by = row ? y0 + h / 2 : badges_first ? y0 + mr : y0 + h - mr;
                    const double bx0 = badges_lead ? x0 + mr
                                       : row       ? x0 + w - badges_w + mr
                                       : dx > 0    ? x0 + mr
                                                   : a.x - badges_w / 2 + mr;
                    if (!leader && !claims.empty() && std::hypot(bx0 - a.x, by - a.y) > reach &&
                        std::hypot(bx0 + badges_w - 2 * mr - a.x, by - a.y) > reach)
                        continue;
                    if (across_lines ? !lc.placer.fits_on_lines(box.inflated(0.8 * u), lc.tf.frame)
                                     : !lc.placer.fits(box.inflated(0.8 * u), lc.tf.frame))
                        continue;
                    if (at_home && lc.over_abroad(lc.tf.to_world(box)))
                        continue;
                    GeosGeom wbox;
                    if (!on_zones && foreign.intersects(lc.tf.to_world(box),
                                           [&] { return (wbox = ctx.box(lc.tf.to_world(box))).get(); }))
                        continue;
                    if (strict) {
                        GeosGeom wblock;
                        bool clear = !ends || (std::none_of(line_ends->begin(), line_ends->end(), [&](const Point& e) {
                                                  return box.inflated(1.7 * u).contains({e.x, e.y, e.x, e.y});
                                              }) &&
                                              !(how.own_line && geom::intersects(ctx, how.own_line,
                                                                                 (wblock = ctx.box(lc.tf.to_world(box))).get())));
                        for (std::size_t k = 0; k < claims.size() && clear; ++k) {
                            const double bx = bx0 + static_cast<double>(k) * step;
                            const Box badge{bx - mr, by - mr, bx + mr, by + mr};
                            // Half a millimetre or so off another zone's outline: touching it, the
                            // badge read as on it.
                            const Box apart = badge.inflated(1.5 * u);
                            GeosGeom wbadge;
                            clear = lc.placer.fits(badge.inflated(0.8 * u), lc.tf.frame) &&
                                    !(on_zones && foreign.intersects(lc.tf.to_world(apart), [&] {
                                        return (wbadge = ctx.box(lc.tf.to_world(apart))).get();
                                    }));
                        }
                        if (!clear)
                            continue;
                    }
                    // The leader runs from the block's nearest point to just outside the box the
                    // symbol (or the line) holds in the placer.
                    const Point end{std::clamp(a.x, box.minx, box.maxx), std::clamp(a.y, box.miny, box.maxy)};
                    const double len = std::hypot(end.x - a.x, end.y - a.y), stop = std::sqrt(2.0) * symbol_r + 2.2 * u;
                    const Point tip = len > stop ? Point{a.x + (end.x - a.x) * stop / len, a.y + (end.y - a.y) * stop / len}
                                                 : a;
                    // The leader keeps the check's clearance from every town's dot: ending 1 mm from
                    // one, or passing it, it pointed at the town (audit s17 D4).
                    if (leader && (len <= stop || !leader_clear(lc, end, tip) ||
                                   std::any_of(lc.locality_dots.begin(), lc.locality_dots.end(), [&](const Point& d) {
                                       return point_segment_distance(d, end, tip) < QualityLimits{}.anchor_clearance * 72 / 25.4;
                                   })))
                        continue;
                    if (leader) {
                        Item li;
                        li.id = lc.id_prefix + "leader-" + f.id;
                        add_leader_parts(lc, li, end, tip, false);
                        leaders.items.push_back(std::move(li));
                        lc.placer.occupy_line(end, tip, 0.8 * u);
                        lc.leader_lines.push_back({end, tip});
                    }
                    if (with_name) {
                        Item label;
                        label.id = lc.id_prefix + "label-" + f.id;
                        label.title = f.name;
                        double y = row ? y0 + (h - names_h) / 2 : badges_first ? y0 + 2 * mr + 0.3 * u : y0;
                        for (Text t : names) {
                            const double tx = badges_lead ? x0 + badges_w + badges_gap
                                              : row         ? x0 + names_w - t.box.width()
                                              : dx > 0      ? x0
                                                            : a.x - t.box.width() / 2;
                            t.origin = {tx - t.box.minx, y - t.box.miny};
                            y += t.box.height();
                            t.box = lc.text.box_of(t);
                            label.parts.emplace_back(std::move(t));
                        }
                        labels.items.push_back(std::move(label));
                    }
                    lc.placer.occupy(box.inflated(0.5 * u));
                    double x = bx0;
                    for (const Claim* c : claims) {
                        markers.items.push_back(claim_marker(lc, f.id, c->number, {x, by}));
                        x += step;
                    }
                    return true;
                }
        // No room: the layout-quality check reports the missing markers; nothing is drawn on top.
        return false;
    };
    // The name on one line; then wrapped at its spaces, narrower (never inside a word: "Tarn cros-sing"
    // read as two places, audit s12 D4); then either over drawn lines (a bridge's name over its own
    // river: Jisr bridge kept only its number beside the river's name, audit-8-s9 defect 7); the
    // numbers alone last, said in a warning: the name is then only in the legend.
    // `keep_off`: land a line at sea keeps its block off where it can (offshore_land).
    auto place_or_number = [&](const Zone& f, const std::string& kind, const std::vector<Point>& anchors,
                               double clearance, double symbol_r, const std::vector<const GEOSGeometry*>& on,
                               const GEOSGeometry* keep_off = nullptr, const std::vector<Ring>& paths = {},
                               const GEOSGeometry* line = nullptr) {
        std::vector<const GEOSGeometry*> others;
        for (std::size_t i : claimed)
            if (std::none_of(on.begin(), on.end(), [&](const GEOSGeometry* g) { return g == p.geo.zones[i].geom.get(); }))
                others.push_back(p.geo.zones[i].geom.get());
        const PolygonIndex foreign(ctx, others);
        const std::vector<std::string> one{f.name};
        const double one_w = lc.text_at(f.name, {0, 0}, lc.fonts.zone_label, lc.theme.text).box.width();
        const std::vector<std::string> wrapped = wrap_name(lc, f.name, lc.fonts.zone_label, 0.55 * one_w);
        // Each way with its badges and block clear (How::clear) first, then, where none had room, the
        // ways that let them lie there.
        std::optional<PolygonIndex> off_land, off_edges;
        if (keep_off) {
            std::vector<const GEOSGeometry*> off = others;
            off.push_back(keep_off);
            off_land.emplace(ctx, off);
        }
        // A street no claim is about, on land, whose name finds no room along it: set level in the
        // block beside a vertical street, "Zollergasse" read as the block's name, and beside another
        // claim's badge as an address (audit9 s19 D8). Left unnamed instead; a claimed line's name
        // still falls back to a block beside its line, its badges being cited.
        const bool unclaimed = line && !paths.empty() && !keep_off && p.claims_of(f.id).empty();
        // Its anchors where the line runs within 20 degrees of level over the name's length.
        std::vector<Point> level_anchors;
        if (unclaimed) {
            const double step = 1.5 * 72 / 25.4;
            const auto half = static_cast<std::size_t>(std::ceil(one_w / 2 / step));
            for (const Point& a : anchors)
                for (const Ring& path : paths) {
                    const std::vector<Point> walk = points_every(path, step);
                    if (walk.size() < 2 * half + 1)
                        continue;
                    std::size_t k = half;
                    for (std::size_t i = half; i + half < walk.size(); ++i)
                        if (std::hypot(walk[i].x - a.x, walk[i].y - a.y) < std::hypot(walk[k].x - a.x, walk[k].y - a.y))
                            k = i;
                    // Each half of the stretch: under a bend, a level name met the steep side's end.
                    auto level = [&](const Point& p, const Point& q) {
                        return std::abs(q.y - p.y) <= std::tan(20 * M_PI / 180) * std::abs(q.x - p.x);
                    };
                    if (std::hypot(walk[k].x - a.x, walk[k].y - a.y) < step && level(walk[k - half], walk[k]) &&
                        level(walk[k], walk[k + half]))
                        level_anchors.push_back(a);
                }
        }
        std::vector<GeosGeom> edges;
        if (line && !paths.empty()) {
            // The edges away from the line itself: a line that splits zones is their common edge.
            const GeosGeom near_line = geom::buffer(ctx, line, 1.5 * 72 / 25.4 / lc.tf.scale());
            std::vector<const GEOSGeometry*> edges_off = others;
            for (const GEOSGeometry* z : on)
                edges_off.push_back(
                    edges.emplace_back(geom::difference(ctx, geom::boundary(ctx, z).get(), near_line.get())).get());
            off_edges.emplace(ctx, edges_off);
        }
        auto placed = [&](Clear clear) {
            const bool first = clear == Clear::off_lines;
            auto put = [&](const PolygonIndex& off, const std::vector<std::string>& lines, How how) {
                how.clear = clear;
                how.own_line = line;
                return place(f, anchors, clearance, symbol_r, off, lines, how);
            };
            if (off_land) {
                // On one line beside the line at sea; else along it, on its sea side; else wrapped, or
                // across the line itself.
                if (put(*off_land, one, {.at_home = true}) ||
                    (first && place_along_line(lc, f, paths, *off_land, keep_off, labels, markers)))
                    return true;
                for (bool across : {false, true})
                    if ((across && put(*off_land, one, {.across = across, .at_home = true})) ||
                        (wrapped.size() > 1 && put(*off_land, wrapped, {.across = across, .at_home = true})))
                        return true;
            }
            // A line on land: its name along it, off the zones it does not run through and across no
            // boundary of those it does, so it reads as the line's and not as a zone's name; else beside
            // it, first across no such boundary ("Harbour Street" across the line between two districts,
            // audit s15 D7).
            if (off_edges) {
                if (first && place_along_line(lc, f, paths, *off_edges, nullptr, labels, markers))
                    return true;
                // Named along it or not at all (below): a level name over or under a level stretch
                // reads as along it (Gambela River's at 170 mm).
                if (unclaimed) {
                    if (level_anchors.empty())
                        return false;
                    // Across no boundary of the zones it runs through first, else as the names beside it.
                    for (bool across : {false, true})
                        for (const PolygonIndex* off : {static_cast<const PolygonIndex*>(&*off_edges), &foreign}) {
                            How how{.across = across, .at_home = true, .level_only = true};
                            how.clear = clear;
                            how.own_line = line;
                            if (place(f, level_anchors, clearance, symbol_r, *off, one, how))
                                return true;
                        }
                    return false;
                }
                for (bool across : {false, true})
                    if (put(*off_edges, one, {.across = across, .at_home = true}) ||
                        (wrapped.size() > 1 && put(*off_edges, wrapped, {.across = across, .at_home = true})))
                        return true;
            }
            // On the mapped country first: "Withdrawal line" beside its line over Israel read as a line there.
            for (bool at_home : {true, false})
                for (bool across : {false, true})
                    if (put(foreign, one, {.across = across, .at_home = at_home}) ||
                        (wrapped.size() > 1 && put(foreign, wrapped, {.across = across, .at_home = at_home})))
                        return true;
            if (lc.only)
                return false; // an inset names what it has room for beside it: the main map carries its numbers
            // Further off with a leader, the name before the numbers alone; over other zones last.
            for (bool on_zones : {false, true})
                for (bool across : {false, true})
                    if (put(foreign, one, {.across = across, .leader = true, .on_zones = on_zones}) ||
                        (wrapped.size() > 1 && put(foreign, wrapped, {.across = across, .leader = true, .on_zones = on_zones})))
                        return true;
            return false;
        };
        if (placed(Clear::off_lines) || placed(Clear::badges_and_ends) || placed(Clear::badges))
            return;
        if (unclaimed) {
            if (!lc.only)
                lc.warnings.push_back("the name of " + kind + " " + f.id + " (\"" + f.name +
                                      "\") has no room along it and is left off the map: a line no claim is about is "
                                      "named along its course or not at all; a shorter name may fit");
            return;
        }
        // The numbers alone, clear of lines and other zones, before the name with a badge on them: a
        // badge read as another feature's claim is worse than a name left to the legend.
        const auto numbers_only = [&](Clear clear) {
            return place(f, anchors, clearance, symbol_r, foreign, {}, {.clear = clear}) ||
                   place(f, anchors, clearance, symbol_r, foreign, {}, {.across = true, .clear = clear}) ||
                   place(f, anchors, clearance, symbol_r, foreign, {}, {.leader = true, .on_zones = true, .clear = clear});
        };
        if (lc.only)
            return; // an inset's names carry no badges: Clear::badges let them across any line already
        if (numbers_only(Clear::off_lines) || numbers_only(Clear::badges_and_ends) || numbers_only(Clear::badges) ||
            (!placed(Clear::nothing) && numbers_only(Clear::nothing)))
            lc.warnings.push_back("the name of " + kind + " " + f.id + " (\"" + f.name +
                                  "\") has no room beside it and is left off the map, which carries its claim "
                                  "numbers there (the legend names it); a shorter name may fit");
    };
    // Places first: a point has one spot to be named at, a line many along it (Jisr bridge's name
    // found no room within reach of its diamond once the eighteen roads around it were named).
    for (const PlaceFeature& pl : p.geo.places)
        for (const Point& q : geom::points(ctx, pl.geom.get())) {
            // The zones the place lies in, and not on the edge of where some zone holds it well inside:
            // a gate on a stadium's outline is the cordon's around it, and its number inside the
            // stadium read as the stadium's claim (audit s17 D4). A ferry on the river between two
            // districts is on both.
            std::vector<const GEOSGeometry*> on, on_edge;
            GeosGeom at(GEOSGeom_createPointFromXY_r(ctx.get(), q.x, q.y), GeosDeleter{ctx.get()});
            const double r = diamond_radius(lc) / lc.tf.scale();
            for (std::size_t i : claimed) {
                const GEOSGeometry* z = p.geo.zones[i].geom.get();
                if (!geom::bounds(ctx, z).inflated(r).contains({q.x, q.y, q.x, q.y}))
                    continue;
                double to_zone = 0, to_edge = 0;
                if (GEOSDistance_r(ctx.get(), z, at.get(), &to_zone) != 1 || to_zone >= r)
                    continue;
                (to_zone == 0 && GEOSDistance_r(ctx.get(), geom::boundary(ctx, z).get(), at.get(), &to_edge) == 1 && to_edge >= r
                     ? on
                     : on_edge)
                    .push_back(z);
            }
            if (on.empty())
                on = std::move(on_edge);
            place_or_number(pl, "place", {lc.tf.to_page(q)}, diamond_radius(lc) + 1.2 * u, diamond_radius(lc), on);
        }
    GeosGeom world = ctx.box(lc.tf.world);
    for (const LineFeature& l : p.geo.lines) {
        GeosGeom visible = drawn_part(p, l, world.get());
        if (geom::is_empty(ctx, visible.get()))
            continue;
        double length = 0;
        GEOSLength_r(ctx.get(), visible.get(), &length);
        std::vector<Point> anchors;
        for (double t : {0.5, 0.35, 0.65, 0.2, 0.8, 0.1, 0.9}) {
            GeosGeom pt = ctx.own(GEOSInterpolate_r(ctx.get(), visible.get(), t * length), "interpolate");
            for (const Point& q : geom::points(ctx, pt.get()))
                anchors.push_back(lc.tf.to_page(q));
        }
        // Beside a line, its block may lie on the zones the line runs through.
        std::vector<const GEOSGeometry*> on;
        for (std::size_t i : claimed)
            if (geom::intersects(ctx, p.geo.zones[i].geom.get(), visible.get()))
                on.push_back(p.geo.zones[i].geom.get());
        place_or_number(l, "line", anchors, 2.5 * u, 0.9 * u, on, offshore_land(lc, visible.get(), length),
                        lc.to_page(geom::lines(ctx, visible.get())), visible.get());
    }
}

void legend_lines_and_places(const LayoutContext& lc, const LegendRow& row, double sw, double sh,
                             const std::function<bool(const Claim*)>& which, bool say_modality) {
    const Project& p = lc.project;
    const double u = lc.unit;
    const PanelWords& words = panel_words(p.spec.lang);
    auto label_of = [&](const std::string& name, const Claim* c) {
        if (!c)
            return name;
        return fill(words.zone_dash_status, {name, c->status->label}) +
               (say_modality ? ", " + std::string(modality_word(words, c->spec->modality))
                             : std::string());
    };
    // The lines no claim is about are keyed one row a look, naming them all ("Neubaugasse, Zollergasse,
    // Burggasse"): a row each repeated the same black stroke three times (audit s19 D6).
    const Ring path{{0, sh / 2}, {sw, sh / 2}};
    std::vector<std::pair<Stroke, std::string>> unclaimed;
    for (const LineFeature& l : p.geo.lines) {
        const Claim* c = primary_claim(p, l.id);
        const Claim* with_status = c && c->status ? c : nullptr;
        if (!which(with_status))
            continue;
        const Stroke stroke = line_stroke(lc, l, c);
        if (c) {
            row({Shape{{path}, false, std::nullopt, stroke}}, label_of(l.name, with_status));
            continue;
        }
        const auto same = std::find_if(unclaimed.begin(), unclaimed.end(), [&](const auto& o) {
            return o.first.color.hex() == stroke.color.hex() && o.first.width == stroke.width;
        });
        if (same == unclaimed.end())
            unclaimed.emplace_back(stroke, l.name);
        else
            same->second += ", " + l.name;
    }
    for (const auto& [stroke, names] : unclaimed)
        row({Shape{{path}, false, std::nullopt, stroke}}, names);
    for (const PlaceFeature& pl : p.geo.places) {
        const Claim* c = primary_claim(p, pl.id);
        if (c && !c->status)
            c = nullptr; // its colour is the text's either way
        if (!which(c))
            continue;
        row(place_symbol({sw / 2, sh / 2}, diamond_radius(lc), feature_color(lc, c),
                         c ? c->spec->modality : Modality::reported, u),
            label_of(pl.name, c));
    }
}

} // namespace citemap

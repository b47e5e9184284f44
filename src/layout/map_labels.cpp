// Labels on the map, in priority order: locality symbols, zone labels with their footnote markers
// (inside the zone at the pole of inaccessibility, else outside with a leader), locality names,
// then names of land and sea. Every box goes through the Placer, so nothing overlaps.
#include "geo/geometry_ops.hpp"
#include "layout/layout_context.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace citemap {

namespace {

struct Block {
    std::vector<Text> lines;
    std::vector<int> markers; // claim numbers
    double width = 0, height = 0;
};

constexpr double kLineGap = 1.22;

double marker_radius(const LayoutContext& lc) {
    return lc.fonts.marker.size * 0.78;
}

Block zone_block(const LayoutContext& lc, const Zone& z, const std::vector<const Claim*>& claims,
                 double wrap) {
    Block b;
    for (const std::string& line : lc.text.wrap(z.name, lc.fonts.zone_label, wrap)) {
        Text t = lc.text_at(line, {0, 0}, lc.fonts.zone_label, lc.theme.text, Anchor::middle);
        t.halo = lc.theme.halo;
        t.halo_width = 2.2 * lc.unit;
        b.width = std::max(b.width, t.box.width());
        b.lines.push_back(std::move(t));
    }
    for (const Claim* c : claims)
        b.markers.push_back(c->number);
    const double r = marker_radius(lc);
    const double row = static_cast<double>(b.markers.size()) * (2 * r + 1.2 * lc.unit) - 1.2 * lc.unit;
    b.width = std::max(b.width, row);
    const double line_h = lc.fonts.zone_label.size * kLineGap;
    b.height = static_cast<double>(b.lines.size()) * line_h + (b.markers.empty() ? 0 : 1.5 * lc.unit + 2 * r);
    return b;
}

// Emits the block centred at `c`; returns the items (label, then one per marker).
std::vector<Item> place_block(const LayoutContext& lc, const Block& b, Point c, const Zone& z) {
    std::vector<Item> out;
    const double line_h = lc.fonts.zone_label.size * kLineGap;
    double y = c.y - b.height / 2;
    Item label;
    label.id = "label-" + z.id;
    label.title = z.name;
    for (Text t : b.lines) {
        const double dy = y - t.box.miny + (line_h - t.box.height()) / 2;
        t.origin = {c.x, t.origin.y + dy};
        t.box = lc.text.box_of(t);
        label.parts.emplace_back(std::move(t));
        y += line_h;
    }
    out.push_back(std::move(label));
    const double r = marker_radius(lc);
    const double step = 2 * r + 1.2 * lc.unit;
    double x = c.x - (static_cast<double>(b.markers.size()) * step - 1.2 * lc.unit) / 2 + r;
    const double cy = y + 1.5 * lc.unit + r;
    out.resize(1 + b.markers.size());
    std::size_t k = 1;
    for (int n : b.markers) {
        Item& m = out[k++];
        m.id = "marker-" + z.id + "-" + std::to_string(n);
        m.title = "Claim " + std::to_string(n) + ": see the citation list";
        m.data = {{"citation", std::to_string(n)}, {"zone", z.id}};
        if (!lc.options.html_companion.empty())
            m.link = lc.options.html_companion + "#cite-" + std::to_string(n);
        m.pdf_dest = "cite-" + std::to_string(n);
        const Claim* claim = nullptr;
        for (const Claim& cl : lc.project.claims)
            if (cl.number == n)
                claim = &cl;
        const Color fill =
            claim && claim->status
                ? status_color(lc.theme, lc.project.spec, *claim->status).mix({0, 0, 0, 1}, 0.45)
                : lc.theme.text;
        m.parts.emplace_back(
            Circle{{x, cy}, r, Fill{fill, {}}, Stroke{{1, 1, 1, 1}, 0.7 * lc.unit, {}, true}});
        Text t = lc.text_at(std::to_string(n), {x, 0}, lc.fonts.marker, {1, 1, 1, 1}, Anchor::middle);
        const double h = t.box.height();
        t.origin.y = cy - (t.box.miny + h / 2) + 0.035 * lc.fonts.marker.size;
        t.box = lc.text.box_of(t);
        m.parts.emplace_back(std::move(t));
        x += step;
    }
    return out;
}

Box block_box(const Block& b, Point c) {
    return {c.x - b.width / 2, c.y - b.height / 2, c.x + b.width / 2, c.y + b.height / 2};
}

void occupy_items(LayoutContext& lc, const std::vector<Item>& items, double pad) {
    for (const Item& i : items)
        lc.placer.occupy(bounds_of(i).inflated(pad));
}

void place_zone_labels(LayoutContext& lc, Layer& labels, Layer& markers, Layer& leaders) {
    const Project& p = lc.project;
    const GeosContext& ctx = *p.geo.ctx;
    const Box frame = lc.tf.frame;
    std::vector<const Zone*> zones;
    for (const Zone& z : p.geo.zones)
        zones.push_back(&z);
    // Small zones first: they have the fewest good places.
    std::stable_sort(zones.begin(), zones.end(), [&](const Zone* a, const Zone* b) {
        return geom::area(ctx, a->geom.get()) < geom::area(ctx, b->geom.get());
    });
    const double pad = 1.2 * lc.unit;
    std::vector<const GEOSGeometry*> parts;
    for (const Zone* z : zones)
        parts.push_back(z->geom.get());
    GeosGeom all_zones = geom::union_all(ctx, parts);
    const Box zb = geom::bounds(ctx, all_zones.get());
    const Point zones_centre = lc.tf.to_page({(zb.minx + zb.maxx) / 2, (zb.miny + zb.maxy) / 2});
    for (const Zone* z : zones) {
        const auto claims = p.claims_of(z->id);
        if (claims.empty() || geom::is_empty(ctx, z->geom.get()))
            continue;
        GeosGeom visible = geom::intersection(ctx, z->geom.get(), ctx.box(lc.tf.world).get());
        if (geom::is_empty(ctx, visible.get()))
            continue;
        const geom::Circle mic = geom::max_inscribed_circle(ctx, visible.get(), 1.0 / lc.tf.scale());
        const Point c = lc.tf.to_page(mic.centre);
        GeosPrepared inside = ctx.prepare(visible.get());

        Block b;
        auto fits_inside = [&](Point at) {
            const Box bb = block_box(b, at);
            if (!lc.placer.fits(bb.inflated(pad), frame))
                return false;
            GeosGeom wb = ctx.box(lc.tf.to_world(bb));
            return GEOSPreparedCovers_r(ctx.get(), inside.get(), wb.get()) == 1;
        };
        std::optional<Point> spot;
        // Inside first, trying narrower wraps before giving up on the zone's interior.
        for (double wrap : {95.0, 72.0, 56.0}) {
            b = zone_block(lc, *z, claims, wrap * lc.unit);
            const double step = std::max(3.0, b.height / 2);
            if (fits_inside(c))
                spot = c;
            for (int ring = 1; !spot && ring <= 40; ++ring)
                for (int k = 0; k < 16 && !spot; ++k) {
                    const double a = k * M_PI / 8;
                    const Point at{c.x + ring * step * std::cos(a), c.y + ring * step * std::sin(a)};
                    if (fits_inside(at))
                        spot = at;
                }
            if (spot)
                break;
        }
        bool leader = false;
        if (!spot) {
            // Outside with a leader line: the nearest free place, preferring one over no other zone.
            b = zone_block(lc, *z, claims, 95 * lc.unit);
            const double start = mic.radius * lc.tf.scale() + std::max(b.width, b.height) / 2 + 6 * lc.unit;
            // Within the nearest ring that has room, lean outwards, away from the other zones, where
            // labels crowd least and the leader crosses least.
            const double outward = std::atan2(c.y - zones_centre.y, c.x - zones_centre.x);
            for (bool avoid_zones : {true, false})
                for (int ring = 0; !spot && ring < 30; ++ring) {
                    double best_cost = 1e9;
                    for (int k = 0; k < 24; ++k) {
                        const double a = k * M_PI / 12;
                        const double d = start + ring * 6 * lc.unit;
                        const Point at{c.x + d * std::cos(a), c.y + d * std::sin(a)};
                        const Box bb = block_box(b, at);
                        if (!lc.placer.fits(bb.inflated(pad), frame))
                            continue;
                        if (avoid_zones &&
                            geom::intersects(ctx, all_zones.get(), ctx.box(lc.tf.to_world(bb)).get()))
                            continue;
                        const double cost = std::abs(std::remainder(a - outward, 2 * M_PI));
                        if (cost < best_cost) {
                            best_cost = cost;
                            spot = at;
                        }
                    }
                }
            leader = spot.has_value();
        }
        if (!spot)
            continue; // the collision test reports missing labels; nothing is drawn on top
        auto items = place_block(lc, b, *spot, *z);
        if (leader) {
            const Box bb = block_box(b, *spot);
            const Point end{std::clamp(c.x, bb.minx, bb.maxx), std::clamp(c.y, bb.miny, bb.maxy)};
            Item li;
            li.id = "leader-" + z->id;
            li.parts.emplace_back(
                Shape{{{end, c}}, false, std::nullopt, Stroke{lc.theme.text, 0.6 * lc.unit, {}, true}});
            li.parts.emplace_back(Circle{c, 1.3 * lc.unit, Fill{lc.theme.text, {}}, std::nullopt});
            leaders.items.push_back(std::move(li));
        }
        occupy_items(lc, items, 0.5 * lc.unit);
        labels.items.push_back(std::move(items.front()));
        for (std::size_t i = 1; i < items.size(); ++i)
            markers.items.push_back(std::move(items[i]));
    }
}

struct Locality {
    std::string name, name_ar;
    int rank = 2;
    Point page;
    bool primary_layer = true;
};

std::vector<Locality> localities(const LayoutContext& lc) {
    const Project& p = lc.project;
    const GeosContext& ctx = *p.geo.ctx;
    // Rank 3 (villages) only when the frame has room for them.
    const int max_rank = lc.tf.frame.width() > 700 ? 3 : 2;
    std::vector<Locality> out;
    bool first_layer = true;
    for (const BaseLayer& bl : p.geo.layers) {
        if (bl.spec.role != LayerRole::localities)
            continue;
        for (const Feature& f : bl.features) {
            Locality l;
            l.name = f.prop("name");
            l.name_ar = f.prop("name_ar");
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

} // namespace

void layout_map_labels(LayoutContext& lc) {
    const Project& p = lc.project;
    const GeosContext& ctx = *p.geo.ctx;
    const double u = lc.unit;
    Layer& leaders = lc.scene.layer("leaders", "Leader lines");
    Layer& dots = lc.scene.layer("localities", "Localities");
    Layer& labels = lc.scene.layer("labels", "Labels");
    Layer& markers = lc.scene.layer("markers", "Footnote markers");

    // Locality symbols first: labels must not hide the places they sit next to.
    auto locs = localities(lc);
    const double r = 1.5 * u;
    std::vector<bool> dot_kept(locs.size(), false);
    for (std::size_t i = 0; i < locs.size(); ++i) {
        const Box b{locs[i].page.x - r, locs[i].page.y - r, locs[i].page.x + r, locs[i].page.y + r};
        if (!lc.placer.fits(b.inflated(0.5 * u), lc.tf.frame))
            continue;
        lc.placer.occupy(b.inflated(0.5 * u));
        dot_kept[i] = true;
    }

    place_zone_labels(lc, labels, markers, leaders);

    const bool arabic = lc.options.labels.value_or(p.spec.labels) == LabelLanguages::en_ar;
    for (std::size_t i = 0; i < locs.size(); ++i) {
        if (!dot_kept[i])
            continue;
        const Locality& l = locs[i];
        const Font font = l.rank <= 1
                              ? Font{lc.fonts.locality.family, lc.fonts.locality.size, Weight::bold, false}
                              : lc.fonts.locality;
        const Color colour = l.primary_layer ? lc.theme.text : lc.theme.muted;
        const double gap = r + 1.2 * u;
        // Cartographic preference order: right, upper right, lower right, left, above, below.
        const std::pair<double, double> dirs[] = {{1, 0},   {1, -1}, {1, 1},  {-1, 0},
                                                  {-1, -1}, {-1, 1}, {0, -1}, {0, 1}};
        std::optional<Item> placed;
        for (auto [dx, dy] : dirs) {
            std::vector<Text> lines;
            lines.push_back(lc.text_at(l.name, {0, 0}, font, colour));
            if (arabic && !l.name_ar.empty())
                lines.push_back(lc.text_at(l.name_ar, {0, 0}, font, colour));
            double w = 0, h = 0;
            for (const Text& t : lines) {
                w = std::max(w, t.box.width());
                h += t.box.height();
            }
            const double x0 = dx > 0 ? l.page.x + gap : dx < 0 ? l.page.x - gap - w : l.page.x - w / 2;
            const double y0 = dy > 0   ? l.page.y + gap * 0.6
                              : dy < 0 ? l.page.y - gap * 0.6 - h
                                       : l.page.y - h / 2;
            const Box block{x0, y0, x0 + w, y0 + h};
            if (!lc.placer.fits(block.inflated(0.6 * u), lc.tf.frame))
                continue;
            Item item;
            item.id = "locality-" + l.name;
            item.title = l.name + (l.name_ar.empty() ? "" : " (" + l.name_ar + ")");
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
        if (!placed && l.rank > 1)
            continue; // an unlabelled dot tells a reader nothing
        Item dot;
        dot.id = "locality-dot-" + l.name;
        dot.title = l.name;
        dot.parts.emplace_back(Circle{l.page, r, Fill{l.primary_layer ? lc.theme.text : lc.theme.muted, {}},
                                      Stroke{{1, 1, 1, 1}, 0.5 * u, {}, true}});
        dots.items.push_back(std::move(dot));
        if (placed)
            labels.items.push_back(std::move(*placed));
    }

    // Names of the land and sea around the mapped area: quiet, and only where there is room.
    GeosGeom world = ctx.box(lc.tf.world);
    GeosGeom outline_union = ctx.empty_polygon();
    if (const BaseLayer* o = p.geo.layer(LayerRole::outline)) {
        std::vector<const GEOSGeometry*> parts;
        for (const Feature& f : o->features)
            parts.push_back(f.geom.get());
        outline_union = geom::union_all(ctx, parts);
    }
    for (const BaseLayer& bl : p.geo.layers) {
        if (bl.spec.role != LayerRole::land && bl.spec.role != LayerRole::sea)
            continue;
        for (const Feature& f : bl.features) {
            std::string name = f.prop("name");
            if (name.empty())
                continue;
            GeosGeom part = geom::difference(ctx, geom::intersection(ctx, f.geom.get(), world.get()).get(),
                                             outline_union.get());
            part = geom::polygons_only(ctx, part.get());
            if (geom::is_empty(ctx, part.get()))
                continue;
            const geom::Circle mic = geom::max_inscribed_circle(ctx, part.get(), 2.0 / lc.tf.scale());
            const bool sea = bl.spec.role == LayerRole::sea;
            Font font = lc.fonts.area;
            font.italic = sea;
            if (!sea)
                std::transform(name.begin(), name.end(), name.begin(),
                               [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
            Text t = lc.text_at(name, lc.tf.to_page(mic.centre), font,
                                sea ? lc.theme.accent_water : lc.theme.muted, Anchor::middle);
            if (t.box.width() / 2 > mic.radius * lc.tf.scale() * 1.6)
                continue;
            const Point c = lc.tf.to_page(mic.centre);
            bool done = false;
            for (int ring = 0; ring < 8 && !done; ++ring)
                for (int k = 0; k < 8 && !done; ++k) {
                    const double a = k * M_PI / 4, d = ring * 8 * u;
                    t.origin = {c.x + d * std::cos(a), c.y + d * std::sin(a)};
                    t.box = lc.text.box_of(t);
                    if (!lc.placer.fits(t.box.inflated(u), lc.tf.frame.inflated(-3 * u)))
                        continue;
                    lc.placer.occupy(t.box.inflated(u));
                    Item item;
                    item.id = "area-" + name;
                    item.parts.emplace_back(t);
                    labels.items.push_back(std::move(item));
                    done = true;
                }
        }
    }
}

} // namespace citemap

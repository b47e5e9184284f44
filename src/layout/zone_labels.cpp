// Zone labels with their footnote markers: inside the zone at the pole of inaccessibility (GEOS
// maximum inscribed circle) or on rings around it, with narrower wraps tried first; else outside,
// joined to the zone by a leader line. Every box goes through the Placer.
#include "geo/geometry_ops.hpp"
#include "layout/layout_context.hpp"

#include <algorithm>
#include <cmath>

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
    // The second label language under the name, as for localities.
    const std::string second = lc.options.labels.value_or(lc.project.spec.labels).second;
    if (const std::string name2 = second.empty() ? "" : z.prop("name_" + second); !name2.empty())
        for (const std::string& line : lc.text.wrap(name2, lc.fonts.zone_label, wrap)) {
            Text t = lc.text_at(line, {0, 0}, lc.fonts.zone_label, lc.theme.text, Anchor::middle);
            t.lang = second;
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

} // namespace

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
                        const Point end{std::clamp(c.x, bb.minx, bb.maxx), std::clamp(c.y, bb.miny, bb.maxy)};
                        const double cost = std::abs(std::remainder(a - outward, 2 * M_PI)) +
                                            1.5 * lc.placer.crossings(end, c);
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
            lc.placer.occupy_line(end, c, 0.8 * lc.unit);
        }
        occupy_items(lc, items, 0.5 * lc.unit);
        labels.items.push_back(std::move(items.front()));
        for (std::size_t i = 1; i < items.size(); ++i)
            markers.items.push_back(std::move(items[i]));
    }
}

} // namespace citemap

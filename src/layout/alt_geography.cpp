// Where the zones lie, in words (see alt_geography.hpp).
#include "layout/alt_geography.hpp"

#include "geo/geometry_ops.hpp"
#include "core/panel_words.hpp"
#include "layout/layout_context.hpp"
#include "project/contest_sides.hpp"

#include <algorithm>
#include <map>
#include <vector>

namespace citemap {

namespace {

// A ninth of the zones' extent, as an index into PanelWords::compass (north-west 0 ... south-east 8);
// an extent far wider than tall has no north or south to speak of (a river corridor), and one far
// taller than wide no east or west.
int direction(const Box& ext, Point c) {
    const double w = std::max(ext.width(), 1e-9), h = std::max(ext.height(), 1e-9);
    const double fx = (c.x - ext.minx) / w, fy = (c.y - ext.miny) / h;
    const int col = w < 0.25 * h ? 1 : fx < 1.0 / 3 ? 0 : fx > 2.0 / 3 ? 2 : 1;
    const int row = h < 0.25 * w ? 1 : fy > 2.0 / 3 ? 0 : fy < 1.0 / 3 ? 2 : 1;
    return 3 * row + col;
}

// "A, B and C"; past `at_most` items, "A, B and 3 more".
std::string join(const std::vector<std::string>& items, std::size_t at_most, const PanelWords& w) {
    std::string s;
    for (std::size_t i = 0; i < items.size() && i < at_most; ++i)
        s += (i == 0 ? "" : i + 1 == items.size() ? std::string(w.and_word) : ", ") + items[i];
    if (items.size() > at_most)
        s += std::string(w.and_word) + fill(w.more, {std::to_string(items.size() - at_most)});
    return s;
}

// "Port Calder is contested between sources: Dock strike according to Docks Weekly (claims 3 and 5);
// Calm according to the Gazette (claim 4). ": a zone hatched as contested is read as contested, not
// as the status of its first claim. Sources by publisher, as the credits name them first.
std::string contested_zones(const Project& p) {
    const PanelWords& w = panel_words(p.spec.lang);
    std::string s;
    for (const Contest& c : p.contests) {
        const Zone* z = p.geo.zone(c.zone);
        std::string sides;
        for (const ContestSide& side : contest_sides(p, c)) {
            std::vector<std::string> numbers, from;
            for (int n : side.claims)
                numbers.push_back(std::to_string(n));
            for (const std::string& id : side.sources) {
                const SourceText* src = p.source(id);
                from.push_back(attribution_name(w, !src || src->spec().publisher.empty() ? id : src->spec().publisher));
            }
            sides += (sides.empty() ? "" : std::string(w.semicolon)) +
                     fill(side.denied ? (numbers.size() > 1 ? w.contest_denial_many : w.contest_denial_one)
                                      : (numbers.size() > 1 ? w.contest_side_many : w.contest_side_one),
                          {side.status->label, join(from, from.size(), w),
                           join(numbers, numbers.size(), w)});
        }
        s += fill(w.contested_zone, {z ? z->name : c.zone, sides});
    }
    return s;
}

// The directions a zone's parts lie in, in compass order: one for a polygon, and for a zone of several
// parts (fishing grounds at both tips of a bay) those of the parts of at least a tenth of the largest
// one's area, so a sliver or an islet does not send a reader to a corner the zone hardly touches.
std::vector<int> part_directions(const GeosContext& ctx, const Box& ext, const GEOSGeometry* g) {
    std::vector<std::pair<const GEOSGeometry*, double>> parts;
    double largest = 0;
    for (int i = 0, n = GEOSGetNumGeometries_r(ctx.get(), g); i < n; ++i) {
        const GEOSGeometry* part = GEOSGetGeometryN_r(ctx.get(), g, i);
        if (geom::is_empty(ctx, part))
            continue;
        parts.emplace_back(part, geom::area(ctx, part));
        largest = std::max(largest, parts.back().second);
    }
    std::vector<int> dirs;
    for (int d = 0; d < 9; ++d)
        for (const auto& [part, area] : parts)
            if (area >= 0.1 * largest && direction(ext, geom::point_on_surface(ctx, part)) == d) {
                dirs.push_back(d);
                break;
            }
    if (dirs.empty()) // no part with an area (a zone of lines): where the whole lies
        dirs.push_back(direction(ext, geom::point_on_surface(ctx, g)));
    return dirs;
}

} // namespace

std::string zone_geography(const Project& p) {
    const GeosContext& ctx = *p.geo.ctx;
    const Box ext = p.geo.zones_extent;
    if (p.geo.zones.size() < 2 || !(ext.width() > 0 || ext.height() > 0))
        return {};
    const PanelWords& w = panel_words(p.spec.lang);
    auto the = [&](int d) { return std::string(w.compass_the.at(static_cast<std::size_t>(d))); };
    const auto primary = primary_claims(p);
    // Directions in compass order, each with the zones there; nested zones are named with their parent,
    // and a zone whose parts lie apart with each part's direction.
    std::map<int, std::vector<std::string>> at;
    std::vector<std::string> nested, apart;
    // Statuses in legend order, each with its zones and the directions they lie in.
    std::vector<std::pair<std::string, std::vector<std::string>>> by_status;
    std::map<std::string, std::vector<int>> status_directions;
    for (const Zone& z : p.geo.zones) {
        if (geom::is_empty(ctx, z.geom.get()))
            continue;
        const std::vector<int> wheres = part_directions(ctx, ext, z.geom.get());
        if (const Zone* outer = z.part_of.empty() ? nullptr : p.geo.zone(z.part_of)) {
            nested.push_back(fill(w.lies_inside, {z.name, outer->name}));
        } else if (wheres.size() > 1) {
            std::vector<std::string> in;
            for (int d : wheres)
                in.push_back(the(d));
            apart.push_back(fill(w.in_parts, {z.name, join(in, in.size(), w)}));
        } else {
            at[wheres.front()].push_back(z.name);
        }
        const auto it = primary.find(z.id);
        const bool contested =
            std::any_of(p.contests.begin(), p.contests.end(), [&](const Contest& c) { return c.zone == z.id; });
        if (contested || it == primary.end() || !it->second->status || it->second->spec->modality != Modality::reported)
            continue;
        const std::string& label = it->second->status->label;
        auto group = std::find_if(by_status.begin(), by_status.end(), [&](const auto& g) { return g.first == label; });
        if (group == by_status.end())
            group = by_status.insert(by_status.end(), {label, {}});
        group->second.push_back(z.name);
        auto& dirs = status_directions[label];
        for (int where : wheres)
            if (std::find(dirs.begin(), dirs.end(), where) == dirs.end())
                dirs.push_back(where);
    }
    std::vector<std::string> where;
    for (const auto& [d, zones] : at) // a std::map: in compass order
        where.push_back(fill(w.in_the, {w.compass.at(static_cast<std::size_t>(d))}) + ", " + join(zones, 8, w));
    where.insert(where.end(), apart.begin(), apart.end());
    std::string s(w.where_zones_lie);
    for (std::size_t i = 0; i < where.size(); ++i)
        s += (i == 0 ? "" : std::string(w.semicolon)) + where[i];
    s += ". ";
    if (!nested.empty())
        s += join(nested, nested.size(), w) + ". ";
    if (by_status.size() > 1) {
        std::string held;
        for (const auto& [label, zones] : by_status) {
            auto dirs = status_directions[label];
            std::sort(dirs.begin(), dirs.end());
            std::vector<std::string> named;
            for (int d : dirs)
                named.push_back(the(d));
            held += (held.empty() ? "" : std::string(w.semicolon)) + fill(w.zone_status, {label, join(named, 8, w)}) +
                    " (" + join(zones, 8, w) + ")";
        }
        s += std::string(w.by_status) + held + ". ";
    }
    return s + contested_zones(p);
}

} // namespace citemap

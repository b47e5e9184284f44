// Where the zones lie, in words (see alt_geography.hpp).
#include "layout/alt_geography.hpp"

#include "geo/geometry_ops.hpp"
#include "layout/layout_context.hpp"

#include <algorithm>
#include <map>
#include <vector>

namespace citemap {

namespace {

// A ninth of the zones' extent, in compass words; an extent far wider than tall has no north or
// south to speak of (a river corridor), and one far taller than wide no east or west.
std::string direction(const Box& ext, Point c) {
    static const char* names[3][3] = {{"north-west", "north", "north-east"},
                                      {"west", "centre", "east"},
                                      {"south-west", "south", "south-east"}};
    const double w = std::max(ext.width(), 1e-9), h = std::max(ext.height(), 1e-9);
    const double fx = (c.x - ext.minx) / w, fy = (c.y - ext.miny) / h;
    const int col = w < 0.25 * h ? 1 : fx < 1.0 / 3 ? 0 : fx > 2.0 / 3 ? 2 : 1;
    const int row = h < 0.25 * w ? 1 : fy > 2.0 / 3 ? 0 : fy < 1.0 / 3 ? 2 : 1;
    return names[row][col];
}

std::string join(const std::vector<std::string>& items, std::size_t at_most = 8) {
    std::string s;
    for (std::size_t i = 0; i < items.size() && i < at_most; ++i)
        s += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
    if (items.size() > at_most)
        s += " and " + std::to_string(items.size() - at_most) + " more";
    return s;
}

} // namespace

std::string zone_geography(const Project& p) {
    const GeosContext& ctx = *p.geo.ctx;
    const Box ext = p.geo.zones_extent;
    if (p.geo.zones.size() < 2 || !(ext.width() > 0 || ext.height() > 0))
        return {};
    const auto primary = primary_claims(p);
    // Directions in compass order, each with the zones there; nested zones are named with their parent.
    static const char* order[] = {"north-west", "north", "north-east", "west", "centre",
                                  "east",       "south-west", "south", "south-east"};
    std::map<std::string, std::vector<std::string>> at;
    std::vector<std::string> nested;
    // Statuses in legend order, each with its zones and the directions they lie in.
    std::vector<std::pair<std::string, std::vector<std::string>>> by_status;
    std::map<std::string, std::vector<std::string>> status_directions;
    for (const Zone& z : p.geo.zones) {
        if (geom::is_empty(ctx, z.geom.get()))
            continue;
        const std::string where = direction(ext, geom::point_on_surface(ctx, z.geom.get()));
        if (const Zone* outer = z.part_of.empty() ? nullptr : p.geo.zone(z.part_of))
            nested.push_back(z.name + " lies inside " + outer->name);
        else
            at[where].push_back(z.name);
        const auto it = primary.find(z.id);
        if (it == primary.end() || !it->second->status || it->second->spec->modality != Modality::reported)
            continue;
        const std::string& label = it->second->status->label;
        auto group = std::find_if(by_status.begin(), by_status.end(), [&](const auto& g) { return g.first == label; });
        if (group == by_status.end())
            group = by_status.insert(by_status.end(), {label, {}});
        group->second.push_back(z.name);
        auto& dirs = status_directions[label];
        if (std::find(dirs.begin(), dirs.end(), where) == dirs.end())
            dirs.push_back(where);
    }
    std::string s = "Where the zones lie: ";
    bool first = true;
    for (const char* d : order)
        if (auto it = at.find(d); it != at.end()) {
            s += std::string(first ? "in the " : "; in the ") + d + ", " + join(it->second);
            first = false;
        }
    s += ". ";
    if (!nested.empty())
        s += join(nested, nested.size()) + ". ";
    if (by_status.size() > 1) {
        std::string held;
        for (const auto& [label, zones] : by_status) {
            auto dirs = status_directions[label];
            std::sort(dirs.begin(), dirs.end(), [&](const std::string& a, const std::string& b) {
                return std::find(std::begin(order), std::end(order), a) < std::find(std::begin(order), std::end(order), b);
            });
            for (std::string& d : dirs)
                d = "the " + d;
            held += (held.empty() ? "" : "; ") + label + ": " + join(dirs) + " (" + join(zones) + ")";
        }
        s += "As reported, by status: " + held + ". ";
    }
    return s;
}

} // namespace citemap

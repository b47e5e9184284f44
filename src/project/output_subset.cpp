// An [[output]] of some zones: the project without the rest, laid out as any other.
#include "project/output_subset.hpp"

#include "core/closest_name.hpp"
#include "geo/geometry_ops.hpp"

#include <algorithm>
#include <set>

namespace citemap {

void check_output_zones(const Project& p, Diagnostics& diags) {
    std::vector<std::string> known;
    for (const auto* list : {&p.geo.zones, &p.geo.lines, &p.geo.places})
        for (const Zone& z : *list)
            known.push_back(z.id);
    for (const OutputSpec& out : p.spec.outputs) {
        bool any_claim = false, all_known = true;
        for (std::size_t i = 0; i < out.zones.size(); ++i) {
            const std::string& id = out.zones[i];
            if (p.geo.target(id)) {
                any_claim = any_claim || !p.claims_of(id).empty();
                continue;
            }
            all_known = false;
            if (p.geo.failed.count(id))
                continue; // its own error says why it did not load
            diags.error(out.zones_where[i], "[[output]] " + out.name + " names unknown zone '" + id + "'",
                        did_you_mean(id, known) + "zones = [...] takes ids of zones, [[line]]s and [[place]]s: " +
                            name_list(known));
        }
        if (!out.zones.empty() && !any_claim && all_known)
            diags.error(out.zones_where.front(), "[[output]] " + out.name + " shows no claim",
                        "name in zones = [...] at least one zone, line or place that a [[claim]] is about");
    }
}

void keep_output_zones(Project& p, const OutputSpec& output) {
    if (output.zones.empty())
        return;
    const std::set<std::string, std::less<>> kept(output.zones.begin(), output.zones.end());
    auto gone = [&](const std::string& id) { return !kept.count(id); };
    for (auto* list : {&p.geo.zones, &p.geo.lines, &p.geo.places})
        list->erase(std::remove_if(list->begin(), list->end(), [&](const Zone& z) { return gone(z.id); }), list->end());
    // A kept zone nested in, or overlapping, one left out is drawn on its own.
    for (Zone& z : p.geo.zones) {
        if (gone(z.part_of))
            z.part_of.clear();
        z.overlaps.erase(std::remove_if(z.overlaps.begin(), z.overlaps.end(), gone), z.overlaps.end());
    }
    p.claims.erase(std::remove_if(p.claims.begin(), p.claims.end(), [&](const Claim& c) { return gone(c.spec->zone); }),
                   p.claims.end());
    p.conflicts.erase(std::remove_if(p.conflicts.begin(), p.conflicts.end(),
                                     [&](const Conflict& c) { return gone(c.zone_a) || gone(c.zone_b); }),
                      p.conflicts.end());
    p.contests.erase(std::remove_if(p.contests.begin(), p.contests.end(), [&](const Contest& c) { return gone(c.zone); }),
                     p.contests.end());
    // The map is framed on what it shows.
    const GeosContext& ctx = *p.geo.ctx;
    p.geo.zones_extent = Box{1e18, 1e18, -1e18, -1e18};
    for (const Zone& z : p.geo.zones)
        if (!geom::is_empty(ctx, z.geom.get()))
            p.geo.zones_extent.expand(geom::bounds(ctx, z.geom.get()));
    p.geo.index_ids();
    p.index_claims();
}

std::vector<std::pair<std::string, std::vector<const Claim*>>> claims_by_item(const Project& p) {
    std::vector<std::pair<std::string, std::vector<const Claim*>>> items;
    for (const Claim& c : p.claims) {
        auto it = std::find_if(items.begin(), items.end(), [&](const auto& item) { return item.first == c.spec->zone; });
        if (it == items.end())
            it = items.insert(items.end(), {c.spec->zone, {}});
        it->second.push_back(&c);
    }
    return items;
}

} // namespace citemap

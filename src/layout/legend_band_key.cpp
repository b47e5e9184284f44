// Two-part key of the bands on a dense map (audit s13 D6): colour and pattern are independent, so six
// statuses and four modalities take ten rows, not twenty-four.
#include "layout/legend_band_key.hpp"

#include <algorithm>

namespace citemap {

BandKey two_part_band_key(LegendClaimGroups& groups, const std::set<int>& feature_groups, const MapSpec& spec,
                          std::size_t possible_bands) {
    BandKey key;
    if (possible_bands <= kMaxBandRows)
        return key;
    std::set<const StatusSpec*> filled, banded;
    // A badge row stands where a band row was sized (panel_legend): keyed with the bands, as the
    // legend sized before the map was drawn keys it.
    auto keyed_here = [](const LegendClaimRow& r) { return r.band || r.badge; };
    for (auto& [m, rows] : groups) {
        if (std::any_of(rows.begin(), rows.end(), [](const LegendClaimRow& r) { return r.band; }))
            key.modalities.push_back(static_cast<Modality>(m));
        for (const LegendClaimRow& r : rows)
            (keyed_here(r) ? banded : filled).insert(r.status);
        rows.erase(std::remove_if(rows.begin(), rows.end(), keyed_here), rows.end());
    }
    for (auto it = groups.begin(); it != groups.end();)
        it = it->second.empty() && !feature_groups.count(it->first) ? groups.erase(it) : std::next(it);
    for (const StatusSpec& s : spec.statuses)
        if (banded.count(&s) && !filled.count(&s))
            key.statuses.push_back(&s);
    return key;
}

std::string band_key_wording(Modality m, bool greyscale, const PanelWords& w) {
    // In print a status is a grey level or a pattern, not a hue.
    if (m == Modality::reported)
        return std::string(greyscale ? w.band_reported_print : w.band_reported_colour);
    return std::string(w.band_way.at(static_cast<std::size_t>(m) - 1)) + std::string(greyscale ? w.in_shade : w.in_colour);
}

} // namespace citemap

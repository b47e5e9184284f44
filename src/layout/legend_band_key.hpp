// The legend's key of further claims on a zone (bands inside its edge): one row per status and
// modality, or past a handful of them, two parts: the statuses' colours and the ways a band is drawn.
#pragma once

#include "core/panel_words.hpp"
#include "spec/map_spec.hpp"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace citemap {

// A swatch row of the legend's claim key: a status as a zone's fill, or as a band inside its edge, or
// as the colour of the badges of claims whose bands the map could not draw.
struct LegendClaimRow {
    const StatusSpec* status;
    bool band;
    std::string deniers; // denials name who denies
    bool badge = false;
};
// The rows by modality (its int value), as the legend sets them under their headings.
using LegendClaimGroups = std::map<int, std::vector<LegendClaimRow>>;

// Band rows past this many are keyed in two parts. Past 6, a tall land's 18 claims (9-12 band rows)
// took the shorter key, and its letter-portrait page left a 10.4 % block of blank page, over the
// composition test's 9 % (layout/composition_shape_test.cpp): the page is composed for a longer key.
inline constexpr std::size_t kMaxBandRows = 12;

struct BandKey {
    std::vector<const StatusSpec*> statuses; // seen only as bands: no fill row keys their colour
    std::vector<Modality> modalities;        // the ways the bands are drawn; empty: one row per band
};

// Past kMaxBandRows band rows the map may draw (`possible_bands`, counted before the drawn map drops
// any: the drawn legend, sized by the undrawn one, must not grow), takes the band rows out of `groups`
// (and the groups left empty that no claimed line or place, `feature_groups`, needs) and says what
// keys them instead, in [status.*] and modality order.
[[nodiscard]] BandKey two_part_band_key(LegendClaimGroups& groups, const std::set<int>& feature_groups,
                                        const MapSpec& spec, std::size_t possible_bands);

// "Reported: in the status's colour", "Plan: hatched, in the status's colour", ...
[[nodiscard]] std::string band_key_wording(Modality m, bool greyscale, const PanelWords& words);

} // namespace citemap

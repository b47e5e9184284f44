// What a refused page's error advises: only changes that were not tried, and a larger page only when
// one was laid out and passed.
#pragma once

#include "layout/layout.hpp"

#include <string>

namespace citemap {

// The panel placements the refused page's composition search tried (`auto` tries both, except
// beside on a narrow figure).
struct TriedPlacements {
    bool beside = false, below = false;
    bool tall_land = false; // a land much taller than wide on a landscape page: height is what it lacks
};

// A figure refused because its map would take too small a share of it: `use --page W` for the first
// width that was laid out and passed, of the modelled width `modelled_mm` (0 when the model found none)
// and the next larger figures; without the search (LayoutOptions::find_larger_page) the modelled width.
// The model alone once advised "2000mm" for a tall land that 80 mm served (audit s11).
[[nodiscard]] std::string figure_width_advice(const Project& p, const PageSize& page, const LayoutOptions& options,
                                              int modelled_mm);

[[nodiscard]] std::string refused_page_advice(const Project& p, const PageSize& page, const LayoutOptions& options,
                                              TriedPlacements tried);

} // namespace citemap

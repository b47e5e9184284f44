// What a refused page's error advises: only changes that were not tried, and a larger page only when
// one was laid out and passed.
#pragma once

#include "layout/layout.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

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

// Whether a page lays out and passes with a panel placement (the advice's question).
// How many sheets a page runs to when it lays out and passes, 0 when it is refused.
using PagePasses = std::function<std::size_t(const PageSize&, PanelPlacement)>;

// A page of a series that `passes`, as small as the layouts allow: `page_of(k)` is k steps larger than the
// refused page (k >= 1; nullopt past the largest). Doubling steps, then bisection (page_advice.cpp says
// why); the pages refused on the way are appended to `refused`. nullopt when none passes.
[[nodiscard]] std::optional<PageSize> least_page_that_passes(const std::function<std::optional<PageSize>(int)>& page_of,
                                                             const PagePasses& passes, PanelPlacement panel,
                                                             std::vector<std::string>& refused);

[[nodiscard]] std::string refused_page_advice(const Project& p, const PageSize& page, const LayoutOptions& options,
                                              TriedPlacements tried);

} // namespace citemap

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

[[nodiscard]] std::string refused_page_advice(const Project& p, const PageSize& page, const LayoutOptions& options,
                                              TriedPlacements tried);

} // namespace citemap

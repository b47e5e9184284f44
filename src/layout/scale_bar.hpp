// Scale-bar arithmetic: a round length (1, 2, 3, 4 or 5 x 10^n) that fits the space given.
#pragma once

#include "core/panel_words.hpp"

#include <string>

namespace citemap {

enum class ScaleUnit { metric, imperial };

struct ScaleBar {
    double metres = 0;    // ground length of the whole bar
    double length_pt = 0; // on the page
    int segments = 2;
    ScaleUnit unit = ScaleUnit::metric;
    // "5 km", "500 m", "2 mi"; "0.5", "0,5" with the words' decimal mark.
    [[nodiscard]] std::string label(int upto_segment, const PanelWords& words = english_words()) const;
    [[nodiscard]] std::string number(int upto_segment, const PanelWords& words = english_words()) const;
};

// metres_per_pt: ground metres one page point covers at the map centre.
[[nodiscard]] ScaleBar choose_scale_bar(double metres_per_pt, double max_length_pt,
                                        ScaleUnit unit = ScaleUnit::metric);
// The round length nearest `target_pt` on the page, by ratio (the longer where both are as near): the
// longest that fits a share of the frame may be nearly twice the share (a 100 km bar over a third of the
// frame where 50 km, a sixth, reads as well and hides half as much).
[[nodiscard]] ScaleBar scale_bar_near(double metres_per_pt, double target_pt, ScaleUnit unit = ScaleUnit::metric);

} // namespace citemap

// Round scale lengths: readers compare distances by the bar, so its total must be a round number.
#include "layout/scale_bar.hpp"

#include <cmath>
#include <cstdio>

namespace citemap {

ScaleBar choose_scale_bar(double metres_per_pt, double max_length_pt) {
    const double max_m = metres_per_pt * max_length_pt;
    double best = 1e-3;
    const double decade = std::pow(10.0, std::floor(std::log10(max_m)));
    for (double p = decade; p >= 1e-3 && best == 1e-3; p /= 10)
        for (double m : {5.0, 2.0, 1.0})
            if (m * p <= max_m) {
                best = m * p;
                break;
            }
    ScaleBar b;
    b.metres = best;
    b.length_pt = best / metres_per_pt;
    const double lead = best / std::pow(10.0, std::floor(std::log10(best)));
    b.segments = lead == 5 ? 5 : lead == 2 ? 4 : 2;
    return b;
}

std::string ScaleBar::label(int upto) const {
    const double m = metres * upto / segments;
    char buf[32];
    if (metres >= 1000)
        std::snprintf(buf, sizeof buf, "%g km", m / 1000);
    else
        std::snprintf(buf, sizeof buf, "%g m", m);
    return buf;
}

} // namespace citemap

// Round scale lengths: readers compare distances by the bar, so its total must be a round number.
#include "layout/scale_bar.hpp"

#include <cmath>

namespace citemap {

namespace {
constexpr double kMile = 1609.344;
} // namespace

ScaleBar choose_scale_bar(double metres_per_pt, double max_length_pt, ScaleUnit unit) {
    // Round numbers in the reader's unit: metres for metric, miles for imperial. Every whole lead digit
    // up to 5, not only 1, 2 and 5: from one to the next is at most twice as long, so a bar at most
    // max_length_pt is never under half of it (with 1, 2, 5 alone, 2 km stood where 4.9 km fitted).
    const double unit_m = unit == ScaleUnit::imperial ? kMile : 1.0;
    const double max_m = metres_per_pt * max_length_pt / unit_m;
    double best = 1e-3;
    const double decade = std::pow(10.0, std::floor(std::log10(max_m)));
    for (double p = decade; p >= 1e-3 && best == 1e-3; p /= 10)
        for (double m : {5.0, 4.0, 3.0, 2.0, 1.0})
            if (m * p <= max_m) {
                best = m * p;
                break;
            }
    ScaleBar b;
    b.unit = unit;
    b.metres = best * unit_m;
    b.length_pt = best * unit_m / metres_per_pt;
    const double lead = best / std::pow(10.0, std::floor(std::log10(best)));
    // A segment a round length too: 5 x 1, 4 x 1, 3 x 1, 4 x 0.5, 4 x 0.25.
    b.segments = lead == 5 || lead == 3 ? static_cast<int>(lead) : 4;
    return b;
}

ScaleBar scale_bar_near(double metres_per_pt, double target_pt, ScaleUnit unit) {
    const ScaleBar below = choose_scale_bar(metres_per_pt, target_pt, unit);
    // The next round length up: the lead digit one more, or 1 of the next power of ten after 5.
    const double unit_m = unit == ScaleUnit::imperial ? kMile : 1.0;
    const double power = std::pow(10.0, std::floor(std::log10(below.metres / unit_m) + 1e-9));
    const double lead = std::round(below.metres / unit_m / power);
    const ScaleBar above = choose_scale_bar(metres_per_pt, (lead < 5 ? lead + 1 : 10) * power * unit_m / metres_per_pt * 1.000001, unit);
    return below.length_pt > 0 && target_pt / below.length_pt < above.length_pt / target_pt ? below : above;
}

std::string ScaleBar::number(int upto, const PanelWords& words) const {
    const double m = metres * upto / segments;
    return decimal_number(unit == ScaleUnit::imperial ? m / kMile : metres >= 1000 ? m / 1000 : m, words);
}

std::string ScaleBar::label(int upto, const PanelWords& words) const {
    return number(upto, words) + (unit == ScaleUnit::imperial ? " mi" : metres >= 1000 ? " km" : " m");
}

} // namespace citemap

// Colour-vision deficiency simulation and colour difference, to keep status colours distinguishable.
#pragma once

#include "scene/scene.hpp"

#include <array>
#include <vector>

namespace citemap {

enum class Deficiency { none, protanopia, deuteranopia, tritanopia };

[[nodiscard]] Color simulate(const Color& c, Deficiency d);
// CIE76 difference in CIELAB (D65); above about 15, two flat fills read as different at a glance.
[[nodiscard]] double delta_e(const Color& a, const Color& b);
// The two of `colors` a reader with deficiency `d` tells apart least, and their difference.
struct ClosestPair {
    std::size_t a = 0, b = 0;
    double difference = 1e9;
};
[[nodiscard]] ClosestPair closest_pair(const std::vector<Color>& colors, Deficiency d);
// The smallest pairwise difference of `colors` as a reader with deficiency `d` sees them.
[[nodiscard]] double min_difference(const std::vector<Color>& colors, Deficiency d);
// Okabe & Ito's palette, in the order statuses without a `color` receive it.
[[nodiscard]] const std::array<const char*, 6>& default_status_palette();

} // namespace citemap

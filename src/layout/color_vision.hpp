// Colour-vision deficiency simulation and colour difference, to keep status colours distinguishable.
#pragma once

#include "scene/scene.hpp"

#include <array>
#include <string>
#include <utility>
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
// Okabe & Ito's palette and two more for a seventh and eighth status, in the order statuses without a
// `color` receive it.
[[nodiscard]] const std::array<const char*, 8>& default_status_palette();
// How far apart a reader sees two statuses drawn side by side: their fills as the map tints them
// (`alpha` over `paper`), under normal vision and, second, under the worst simulated deficiency.
struct TintDifference {
    double normal = 0, deficient = 0;
};
[[nodiscard]] TintDifference tint_difference(const Color& a, const Color& b, const Color& paper, double alpha);
// The colour of each status: its own (`own[i]` not empty), else a palette colour. Palette colours go
// in legend order, unless that leaves a pair of `related` statuses (shown against each other: a band
// on a zone's fill, a zone inside another) hard to tell apart: then they go where the closest related
// pair is furthest apart (the sky blue band on a blue zone, audit-8-s9 defect 2); and, second, where
// the closest pair of any two statuses is (sky blue and blue for opposite statuses, audit s11 D12).
[[nodiscard]] std::vector<std::string>
assign_status_colors(const std::vector<std::string>& own, const std::vector<std::pair<std::size_t, std::size_t>>& related,
                     const Color& paper, double alpha);

} // namespace citemap

// The layout-quality check: what a reader would object to on a laid-out page, measured on the Scene.
// layout_sheets runs the hard part on every page it writes; the tests run all of it on every bundled
// project, page size and a set of invented projects.
#pragma once

#include "project/project.hpp"
#include "scene/scene.hpp"

#include <string>
#include <vector>

namespace citemap {

struct QualityLimits {
    double min_zone_fill = 0;      // zones' bounding box / map frame area; 0: not checked
    double anchor_clearance = 2.0; // mm between a leader's anchor and any locality dot
    bool map_sheet = true;         // false: a continuation sheet, with text only
    static QualityLimits hard() { return {}; }
    static QualityLimits full() { return {0.6, 2.0, true}; }
    static QualityLimits text_only() { return {0, 2.0, false}; }
};

struct QualityReport {
    std::vector<std::string> problems;
    double zone_fill = 0; // measured even when not checked
    [[nodiscard]] bool ok() const { return problems.empty(); }
    [[nodiscard]] std::string summary(std::size_t max = 4) const;
};

// Text inside the page, no two text boxes overlapping, every zone with claims drawn at a readable size
// (on the map or in a detail inset) with one marker per claim, leader anchors clear of locality dots,
// zone labels set outside their zone unambiguous (check_label_ambiguity), and optionally the zones
// filling the map frame.
[[nodiscard]] QualityReport check_layout_quality(const Scene& scene, const Project& project,
                                                 const QualityLimits& limits);

// A zone's name or numbers set outside the zone without a leader must lie clearly nearer their own
// zone than any other: another zone (not one overlapping or holding it) at least
// ambiguity_margin(distance to its own zone) away, else the label reads as the neighbour's.
// Appends one problem per ambiguous label (label_ambiguity.cpp).
void check_label_ambiguity(const Scene& scene, std::vector<std::string>& problems);
// The least distance (page points) another zone may be from a label `own_distance` from its zone.
[[nodiscard]] double ambiguity_margin(double own_distance);

} // namespace citemap

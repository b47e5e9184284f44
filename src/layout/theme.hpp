// Colours, line weights and the status x modality styles; plain data the layout reads.
#pragma once

#include "scene/scene.hpp"
#include "spec/map_spec.hpp"

#include <string>
#include <vector>

namespace citemap {

struct Theme {
    std::string name;
    Color sea, land, land_stroke, mapped_area, outline_stroke, boundary, text, muted, accent_water;
    Color halo{1, 1, 1, 0.92};
    Color conflict{0.15, 0.15, 0.15, 0.9};
    double fill_alpha = 0.55;
    // The least type the theme prints (points): graticule figures and claim numbers on every page, and
    // a narrow figure's town and sea names, which come down to it rather than crowd a small map.
    double least_type_pt = 5.5;
    bool greyscale = false; // print theme: statuses differ by pattern, not only by hue
    // The statuses the page's claims use, in legend order: in print, the badges' looks, the zones'
    // patterns and their greys go to them in turn, so a page never repeats one (empty: every status,
    // in the project's order).
    std::vector<std::string> page_statuses;
};

struct ZoneStyle {
    Fill fill;
    Stroke stroke;
};

[[nodiscard]] Theme make_theme(const std::string& name);
// The colour a status is drawn in under this theme (greyscale themes remap hues to greys).
[[nodiscard]] Color status_color(const Theme& theme, const MapSpec& spec, const StatusSpec& status);
// A zone's primary style: its first claim's status and modality. `unit` scales line weights with the page.
[[nodiscard]] ZoneStyle zone_style(const Theme& theme, const MapSpec& spec, const StatusSpec& status,
                                   Modality m, double unit);
// How a further claim on a zone fills its band inside the zone's edge (on the map and in the legend).
// The modality is in the pattern, as on whole zones, and no pattern says two things: a reported claim
// is a solid band of its status's fill (in print, its status's own hatch), a plan rising diagonals, a
// projection dots, a denial small crosses; the cross-hatch is the conflicts' alone.
[[nodiscard]] Fill band_fill(const Theme& theme, const MapSpec& spec, const StatusSpec& status, Modality m,
                             double unit);
// What a zone shows where another zone lies over it and both claims hold there (declared `overlaps`,
// compatible statuses): over the upper zone's fill, the lower one's own hatch or dots go on, and a
// solid (reported) one shows in stripes of its legend tint, upright or, with `across`, level (a second
// solid zone under the same ground). Drawn opaque over the upper fill, one zone hid the other there.
[[nodiscard]] Fill overlap_fill(const Theme& theme, const MapSpec& spec, const StatusSpec& status, Modality m,
                                double unit, bool across);
[[nodiscard]] const char* modality_phrase(Modality m);
// A claim number's badge (on the map, in the legend and in the citation list): filled with the
// status's colour, darkened. In print every status's colour is a near-black grey, so there the badges
// differ by fill and ring instead (solid, open, grey with a ring, open with a dashed ring, ...), one
// look per status of `theme.page_statuses`.
struct Badge {
    Color fill;
    std::optional<Stroke> ring; // print: the badge's own outline; none: the caller's white halo
    Color number;
};
[[nodiscard]] Badge claim_badge(const Theme& theme, const MapSpec& spec, const StatusSpec* status, double unit);
// How many statuses the print theme's badges tell apart on one page.
[[nodiscard]] std::size_t badge_look_count();
// How many statuses the print theme tells apart by pattern: more than its badge looks, so no page,
// which layout holds to badge_look_count() statuses, repeats a pattern.
[[nodiscard]] std::size_t print_pattern_count();

} // namespace citemap

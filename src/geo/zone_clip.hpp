// How a drawn zone is clipped to the mapped area (its "clip" property), and why a zone the outline
// leaves out lies where it does.
#pragma once

#include "core/error.hpp"
#include "geo/geography.hpp"

#include <optional>
#include <string>

namespace citemap {

enum class ZoneClip {
    outline, // the default: the mapped country
    land,    // the outline and the land layers: a neighbour's enclave in a hole of the outline
    frame,   // not clipped: a zone at sea beside zones on land
    sea,     // the water: a zone on a lake or at sea, drawn loosely over the shore
};

// The zone's "clip" property: none or "outline", "land", "frame", "sea"; nullopt for any other value.
[[nodiscard]] std::optional<ZoneClip> zone_clip(const Zone& z);

// Whether a zone of the project is clipped to the water ("clip": "sea"): its sea and land layers are
// then measured in the equal-area CRS too.
[[nodiscard]] bool clips_to_water(const std::vector<Zone>& zones);

// What a zone with "clip": "sea" keeps: what lies in the `sea` layers, where there are any, and not in
// the `land` and `outline` layers (a sea drawn as a box under the land, or a lake as the outline's
// hole). In the map CRS and the equal-area one; nullopt when the project has none of these layers.
struct Water {
    GeosGeom sea, sea_ea;   // null: no sea layer, all but the land is water
    GeosGeom land, land_ea; // null: no land or outline layer
};
[[nodiscard]] std::optional<Water> water(const Geography& geo);

// Clips a zone with "clip": "sea" to `wet` (water(geo)), or says why it cannot be.
void clip_to_water(Zone& z, const Geography& geo, const std::optional<Water>& wet, Diagnostics& diags);

// What a zone lying wholly outside the outline (`outline`, its union, map CRS) is told: where it
// lies (in a hole of the outline, on a land layer, at sea near the land) and how to keep it. `near`:
// the zone lies within half the outline's size of it.
struct OutsideOutline {
    std::string message, hint;
};
[[nodiscard]] OutsideOutline outside_outline(const Geography& geo, const Zone& z, const GEOSGeometry* outline,
                                             bool near, const std::string& zones_file);

} // namespace citemap

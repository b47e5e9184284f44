// How a drawn zone is clipped to the mapped area (its "clip" property), and why a zone the outline
// leaves out lies where it does.
#pragma once

#include "geo/geography.hpp"

#include <optional>
#include <string>

namespace citemap {

enum class ZoneClip {
    outline, // the default: the mapped country
    land,    // the outline and the land layers: a neighbour's enclave in a hole of the outline
    frame,   // not clipped: a zone at sea beside zones on land
};

// The zone's "clip" property: none or "outline", "land", "frame"; nullopt for any other value.
[[nodiscard]] std::optional<ZoneClip> zone_clip(const Zone& z);

// What a zone lying wholly outside the outline (`outline`, its union, map CRS) is told: where it
// lies (in a hole of the outline, on a land layer, at sea near the land) and how to keep it. `near`:
// the zone lies within half the outline's size of it.
struct OutsideOutline {
    std::string message, hint;
};
[[nodiscard]] OutsideOutline outside_outline(const Geography& geo, const Zone& z, const GEOSGeometry* outline,
                                             bool near, const std::string& zones_file);

} // namespace citemap

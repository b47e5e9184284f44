// What lies under the base layers in the map frame where no layer covers it: sea, or no data.
#pragma once

#include "geo/geos_handle.hpp"

namespace citemap {

struct Geography;

// The part of `world` (map CRS) beyond the straight edges where the land and outline layers were cut
// off (a neighbours' box, a country cut at a parallel), or null when there is none. The frame's
// ground there is not known to be sea: past the edge of a box of neighbouring land, the land goes on.
// Coasts bend and sea-layer edges are the sea's, so the ground beyond them stays sea.
[[nodiscard]] GeosGeom beyond_cut_land(const Geography& geo, const Box& world);

} // namespace citemap

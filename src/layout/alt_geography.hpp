// The geography a screen-reader user cannot see: where each zone lies on the map (north-west,
// centre ...), which zone lies inside which, and where each status holds.
#pragma once

#include "project/project.hpp"

#include <string>

namespace citemap {

// "In the north-west: Bell Island. ... Administered by Korva: the north (Bell Island, Crane Island)."
// Directions are relative to the extent of all zones, in the map's CRS (north up).
[[nodiscard]] std::string zone_geography(const Project& p);

} // namespace citemap

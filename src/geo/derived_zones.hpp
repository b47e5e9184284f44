// Zones computed from other geometry ([[zone]] recipes in map.toml), evaluated in the map CRS.
#pragma once

#include "geo/geography.hpp"

#include <set>
#include <string>

namespace citemap {

// Evaluates spec.derived_zones as an ordered graph (each recipe after the names it uses; a cycle is an
// error naming the chain) and appends the results to geo.zones, marked derived. Drawn zones, lines and
// layers must be loaded; `ids` holds the ids already taken. Errors go to diags with map.toml:line; a
// zone that fails makes the zones built on it fail silently rather than cascade.
void derive_zones(const MapSpec& spec, Geography& geo, std::set<std::string>& ids, Diagnostics& diags);

} // namespace citemap

// A GeoJSON FeatureCollection read straight into LonLatGeometry with simdjson's On-Demand parser.
// GDAL's GeoJSON driver reads a file twice (once for its schema) through json-c objects; on a big
// base layer that was most of the load. Only what GDAL would read the same way is taken here: the
// caller falls back to GDAL for everything else, so both paths give the same features.
#pragma once

#include "geo/gdal_module.hpp"

#include <filesystem>
#include <optional>
#include <vector>

namespace citemap {

// The file's features in order, or nullopt when it is not plain RFC 7946 GeoJSON that GDAL reads
// without interpretation: invalid JSON; a "crs" other than CRS84; feature "id" members (GDAL turns
// them into FIDs or fields); coordinates that are not 2-D; unclosed or short rings; geometry types
// other than (Multi)Point, (Multi)LineString and (Multi)Polygon; properties that are booleans,
// arrays or objects, strings GDAL might take for dates or times, or fields mixing strings and
// numbers.
// Each feature's props as OGR's GetAsString would give them (nulls left out), its geometry in WGS 84
// lon/lat (none when null); of `where`, the line and column of the feature's opening brace (the file
// and the feature's name are left for the caller).
[[nodiscard]] std::optional<std::vector<RawFeature>> read_plain_geojson(const std::filesystem::path& path);

} // namespace citemap

// The CRSs citemap picks for itself, computed here rather than through PROJ, so that a project in them
// loads neither GDAL nor PROJ (~100 shared libraries, most of citemap's start-up): UTM on WGS 84 (the
// map of a town or a region) and a Lambert azimuthal equal-area projection (areas and shares).
// They follow PROJ 9's arithmetic step by step, not only its formulas: a label search can turn on the
// last bit of a coordinate (a first version, exact to 1e-8 m, moved a Gaza label by 1 pt), so UTM both
// ways and LAEA forward give PROJ's bits (measured on 160,000 positions each); LAEA's inverse, which
// nothing on the map path uses, agrees to 1e-9°. tests/geo/native_crs_test.cpp compares with PROJ.
#pragma once

#include "geo/crs_model.hpp"

#include <memory>
#include <string>

namespace citemap {

// WGS 84 / UTM zone `zone` (1-60), north or south: EPSG 32601-32660 / 32701-32760. Transverse
// Mercator by Krüger's series to order n^6 (the Poder/Engsager method PROJ uses for UTM), with PROJ's
// parameters: the third flattening as tan²(asin(e)/2), the central meridian as (zone - ½)·π/30 - π.
[[nodiscard]] std::unique_ptr<CrsModel> utm_crs(int zone, bool south);
// Lambert azimuthal equal-area on WGS 84, centred on (lat0, lon0) degrees. Its name, WKT and authority
// come from the GDAL module, which nothing on the default path asks for.
[[nodiscard]] std::unique_ptr<CrsModel> laea_crs(double lat0, double lon0);
// A CRS named in map.toml that is one of these, computed the same way: "EPSG:326xx"/"EPSG:327xx" (UTM)
// and "EPSG:3035" (ETRS89-LAEA Europe, whose pipeline from WGS 84 PROJ makes a LAEA on GRS 1980 with no
// datum shift). Null for anything else, which the GDAL module reads.
[[nodiscard]] std::unique_ptr<CrsModel> native_epsg_crs(const std::string& text);

} // namespace citemap

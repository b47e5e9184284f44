// Inside the GDAL module: a CRS as OGRSpatialReference builds it (see geo/gdal_module.hpp).
#pragma once

#include "geo/gdal_module.hpp"

namespace citemap {

[[nodiscard]] std::unique_ptr<CrsModel> gdal_crs(const CrsRequest& request, const Where& where);

} // namespace citemap

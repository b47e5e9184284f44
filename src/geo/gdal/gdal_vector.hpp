// Inside the GDAL module: a vector file through OGR (see geo/gdal_module.hpp). Features without a
// geometry are returned too (geom empty); the caller decides whether to report them.
#pragma once

#include "geo/gdal_module.hpp"

namespace citemap {

[[nodiscard]] std::vector<RawFeature> gdal_read_vector(const std::filesystem::path& path, const std::string& written,
                                                       const std::string& layer_name, const Where& from);

} // namespace citemap

// Georeferencing beside a PNG: a world file (.pgw) and a GDAL PAM sidecar (.png.aux.xml) with the CRS,
// so GDAL and QGIS open the map in place.
#pragma once

#include "scene/scene.hpp"

#include <filesystem>

namespace citemap {

// `scale` is pixels per page point (dpi / 72), as the PNG was drawn.
void write_georef_sidecars(const Scene& scene, const std::filesystem::path& png, double scale);

} // namespace citemap

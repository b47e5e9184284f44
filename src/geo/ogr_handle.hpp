// RAII for GDAL/OGR objects that the C++ API still hands out raw.
#pragma once

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <memory>

namespace citemap {

struct CoordinateTransformationDeleter {
    void operator()(OGRCoordinateTransformation* ct) const { OGRCoordinateTransformation::DestroyCT(ct); }
};
using CoordinateTransformation =
    std::unique_ptr<OGRCoordinateTransformation, CoordinateTransformationDeleter>;

// Registers drivers once and keeps GDAL's own error printing off: we report errors ourselves.
void init_gdal();

} // namespace citemap

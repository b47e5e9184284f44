// RAII for GDAL/OGR objects that the C++ API still hands out raw. Only the GDAL module (and tests that
// compare with GDAL) include this: the citemap executable does not link GDAL.
#pragma once

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <cpl_conv.h>

#include <memory>

namespace citemap {

struct CoordinateTransformationDeleter {
    void operator()(OGRCoordinateTransformation* ct) const { OGRCoordinateTransformation::DestroyCT(ct); }
};
using CoordinateTransformation =
    std::unique_ptr<OGRCoordinateTransformation, CoordinateTransformationDeleter>;

struct CplDeleter {
    void operator()(void* p) const { CPLFree(p); }
};
using CplString = std::unique_ptr<char, CplDeleter>; // strings GDAL allocates for the caller

// Keeps GDAL's own error printing off (we report errors ourselves) and network reads refused.
void init_gdal();
// init_gdal() and GDAL's drivers registered, once: before opening a file with GDAL.
void init_gdal_drivers();

} // namespace citemap

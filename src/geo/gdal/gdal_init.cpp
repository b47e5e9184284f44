// GDAL's process-wide set-up, done once inside the module.
#include "geo/gdal/ogr_handle.hpp"

#include <cpl_error.h>

namespace citemap {

void init_gdal() {
    static const bool once = [] {
        CPLPushErrorHandler(CPLQuietErrorHandler);
        // GeoJSON from the web sometimes carries huge objects; refuse network and keep reads local.
        CPLSetConfigOption("GDAL_HTTP_TIMEOUT", "1");
        CPLSetConfigOption("CPL_VSIL_CURL_ALLOWED_EXTENSIONS", "none");
        return true;
    }();
    (void)once;
}

void init_gdal_drivers() {
    init_gdal();
    // 210 drivers, 2-5 ms: only when a file goes to GDAL (spatial references need no driver).
    static const bool once = [] {
        GDALAllRegister();
        return true;
    }();
    (void)once;
}

} // namespace citemap

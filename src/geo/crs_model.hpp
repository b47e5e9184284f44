// One CRS: how WGS 84 longitude/latitude maps to its metres and back, and how it describes itself.
// Implemented natively for the CRSs citemap picks itself (geo/native_crs.hpp: UTM, equal-area) and by
// the GDAL module for everything else (a CRS from map.toml, the atlas projections of wide extents).
#pragma once

#include "geo/geos_handle.hpp"

#include <string>
#include <vector>

namespace citemap {

class CrsModel {
  public:
    CrsModel() = default;
    CrsModel(const CrsModel&) = delete;
    CrsModel& operator=(const CrsModel&) = delete;
    virtual ~CrsModel() = default;

    // In place, traditional GIS order (lon, lat in degrees). False when a position cannot be transformed;
    // those positions become HUGE_VAL. Safe to call from several threads at once.
    virtual bool forward(std::vector<Point>& pts) const = 0;
    virtual bool inverse(std::vector<Point>& pts) const = 0;
    // "WGS 84 / UTM zone 36N (EPSG:32636)": the CRS's name, with its authority code when it has one.
    [[nodiscard]] virtual std::string name() const = 0;
    // "EPSG:32636" where the CRS has an authority code, else its PROJ string (or WKT).
    [[nodiscard]] virtual std::string authority() const = 0;
    // As OGRSpatialReference::exportToWkt gives it (WKT 1), and the EPSG code (0 when it has none).
    [[nodiscard]] virtual std::string wkt() const = 0;
    [[nodiscard]] virtual int epsg() const = 0;
};

} // namespace citemap

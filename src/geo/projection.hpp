// The map's projected CRS and the transformations between it and WGS 84 longitude/latitude.
#pragma once

#include "core/error.hpp"
#include "geo/geos_handle.hpp"
#include "geo/ogr_handle.hpp"

#include <string>

namespace citemap {

class Projection {
  public:
    // `user_crs` as written in map.toml ("EPSG:32636", a PROJ string, WKT); empty picks the UTM zone of
    // the centre of `lonlat_extent`. Throws Error when the CRS is unknown or not projected.
    Projection(const std::string& user_crs, const Box& lonlat_extent, const Where& crs_where = {"map.toml", 0, 0, "crs"});
    // An equal-area CRS centred on the extent, for areas and shares.
    static Projection equal_area(const Box& lonlat_extent);

    // forward, inverse, authority, wkt, epsg and the two below may be called from several threads at
    // once (pages are laid out in parallel): GDAL's transformations and spatial references are not
    // thread-safe, so these calls take turns.
    [[nodiscard]] Point forward(Point lonlat) const;
    [[nodiscard]] Point inverse(Point xy) const;
    // The CRS as WKT, and its EPSG code (0 when it has none).
    [[nodiscard]] std::string wkt() const;
    [[nodiscard]] int epsg() const;
    // Not thread-safe: for loading, on one thread.
    [[nodiscard]] const OGRSpatialReference& srs() const { return srs_; }
    [[nodiscard]] OGRCoordinateTransformation* to_map() const { return to_map_.get(); }
    [[nodiscard]] const std::string& name() const { return name_; }
    // "EPSG:32636" where the CRS has an authority code, else its PROJ string (or WKT): enough to rebuild it.
    [[nodiscard]] std::string authority() const;
    // Angle (radians, counter-clockwise) from grid north to true north at a map point.
    [[nodiscard]] double convergence_at(Point xy) const;
    // Ground distance (metres, on the ellipsoid) per map unit east-west at a map point.
    [[nodiscard]] double ground_scale_at(Point xy) const;

  private:
    Projection() = default;
    void finish();
    OGRSpatialReference wgs84_;
    OGRSpatialReference srs_;
    CoordinateTransformation to_map_, to_lonlat_;
    std::string name_;
};

// Geodesic distance in metres on WGS 84 (Vincenty's inverse formula).
[[nodiscard]] double geodesic_distance(Point lonlat_a, Point lonlat_b);

} // namespace citemap

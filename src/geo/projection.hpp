// The map's projected CRS and the transformations between it and WGS 84 longitude/latitude.
#pragma once

#include "core/error.hpp"
#include "geo/crs_model.hpp"
#include "geo/geos_handle.hpp"

#include <memory>
#include <string>
#include <vector>

namespace citemap {

class Projection {
  public:
    // `user_crs` as written in map.toml ("EPSG:32636", a PROJ string, WKT); empty picks the UTM zone of
    // the centre of `lonlat_extent` (or an atlas projection for a wide extent). Throws Error when the
    // CRS is unknown or not projected. A UTM zone citemap picks is computed natively; any other CRS
    // loads the GDAL module (geo/gdal_module.hpp).
    Projection(const std::string& user_crs, const Box& lonlat_extent, const Where& crs_where = {"map.toml", 0, 0, "crs"});
    // An equal-area CRS centred on the extent, for areas and shares.
    static Projection equal_area(const Box& lonlat_extent);

    // Every member may be called from several threads at once (pages are laid out in parallel).
    // A position that cannot be transformed comes back as HUGE_VAL.
    [[nodiscard]] Point forward(Point lonlat) const;
    [[nodiscard]] Point inverse(Point xy) const;
    // In place; false when a position cannot be projected.
    [[nodiscard]] bool forward(std::vector<Point>& lonlat) const { return model_->forward(lonlat); }
    // The CRS as WKT, and its EPSG code (0 when it has none).
    [[nodiscard]] std::string wkt() const { return model_->wkt(); }
    [[nodiscard]] int epsg() const { return model_->epsg(); }
    [[nodiscard]] std::string name() const { return model_->name(); }
    // "EPSG:32636" where the CRS has an authority code, else its PROJ string (or WKT): enough to rebuild it.
    [[nodiscard]] std::string authority() const { return model_->authority(); }
    // Angle (radians, counter-clockwise) from grid north to true north at a map point.
    [[nodiscard]] double convergence_at(Point xy) const;
    // Ground distance (metres, on the ellipsoid) per map unit east-west at a map point.
    [[nodiscard]] double ground_scale_at(Point xy) const;

  private:
    explicit Projection(std::unique_ptr<CrsModel> model);
    std::unique_ptr<CrsModel> model_;
};

// Geodesic distance in metres on WGS 84 (Vincenty's inverse formula).
[[nodiscard]] double geodesic_distance(Point lonlat_a, Point lonlat_b);

} // namespace citemap

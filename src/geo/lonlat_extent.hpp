// The longitudes a project covers, found on the circle: islands on both sides of 180° (Fiji, the
// Aleutians) make one narrow extent across the antimeridian, not one spanning the globe whose centre
// lies on the far side of the Earth.
#pragma once

#include "core/panel_words.hpp"
#include "geo/geos_handle.hpp"
#include "geo/lonlat_geometry.hpp"

#include <string>
#include <vector>

namespace citemap {

// Into [-180, 180).
[[nodiscard]] double wrap_longitude(double lon);
// `lon` shifted by whole turns to lie within 180° of `reference`.
[[nodiscard]] double longitude_near(double lon, double reference);
// "31.5°N", "179.8°W", "180°" ("67,5° O" in Spanish): rounded to 1/per_degree of a degree; longitudes
// wrapped first, and 0° and 180° of longitude have no side.
[[nodiscard]] std::string degrees_text(double v, bool longitude, int per_degree,
                                       const PanelWords& words = english_words());

class LonLatExtent {
  public:
    // Every vertex and edge of `g` (WGS 84 degrees); an edge between longitudes more than 180° apart
    // takes the short way, across the antimeridian.
    void add(const LonLatGeometry& g);
    [[nodiscard]] bool empty() const { return miny_ > maxy_; }
    // The smallest longitude range holding everything added, and the latitude range. `minx` is in
    // [-180, 180); `maxx` exceeds 180 when the range crosses the antimeridian. Empty: {0, 0, 0, 0}.
    [[nodiscard]] Box box() const;

  private:
    void add_point(double lon, double lat);
    void add_edge(double lon_a, double lon_b);
    static constexpr int kBins = 3600; // 0.1°
    std::vector<char> covered_ = std::vector<char>(kBins, 0);
    std::vector<double> lo_ = std::vector<double>(kBins, 1e9), hi_ = std::vector<double>(kBins, -1e9);
    double miny_ = 1e9, maxy_ = -1e9;
};

} // namespace citemap

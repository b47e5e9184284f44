// CRS choice and point transformation; traditional GIS axis order (lon, lat) everywhere.
#include "geo/projection.hpp"

#include "core/error.hpp"
#include "geo/gdal_module.hpp"
#include "geo/lonlat_extent.hpp"
#include "geo/native_crs.hpp"

#include <algorithm>
#include <cmath>

namespace citemap {

namespace {

// A map of a town or a region gets its UTM zone, as a GIS user would pick it. Wider extents get the
// conformal projection an atlas uses for their latitude, centred on the data so north is up in the
// middle: polar stereographic near the poles (UTM stops at 84°N and 80°S), Mercator near the
// equator, Lambert conformal conic between, with standard parallels at 1/6 and 5/6 of the range.
std::unique_ptr<CrsModel> choose_crs(const Box& ll) {
    // Clamped: coordinates that are not longitudes (or not finite) must not overflow the int
    // conversion; the zones' own checks report such data.
    const double lon = wrap_longitude((ll.minx + ll.maxx) / 2);
    const double lat = std::isfinite(ll.miny + ll.maxy) ? std::clamp((ll.miny + ll.maxy) / 2, -90.0, 90.0) : 0.0;
    const double span = ll.maxx - ll.minx;
    const bool polar = ll.maxy > 84 || ll.miny < -80 || (std::abs(lat) > 70 && span > 12);
    if (!polar && span <= 12) {
        const int zone = std::clamp(static_cast<int>(std::floor((lon + 180.0) / 6.0)) + 1, 1, 60);
        return utm_crs(zone, lat < 0);
    }
    const std::string centre = degrees_text(lon, true, 10);
    CrsRequest r;
    r.lon0 = lon;
    if (polar) {
        r.kind = CrsRequest::Kind::polar;
        r.text = "Polar stereographic (" + std::string(lat >= 0 ? "north" : "south") + "), centred on " + centre;
        r.lat0 = lat >= 0 ? 90 : -90;
    } else if (std::abs(lat) < 20) {
        r.kind = CrsRequest::Kind::mercator;
        r.text = "Mercator centred on " + centre;
    } else {
        const double h = ll.maxy - ll.miny;
        r.kind = CrsRequest::Kind::lcc;
        r.text = "Lambert conformal conic centred on " + centre + ", " + degrees_text(lat, false, 10);
        r.lat1 = ll.miny + h / 6;
        r.lat2 = ll.maxy - h / 6;
        r.lat0 = lat;
    }
    return gdal_module().crs(r, {});
}

} // namespace

Projection::Projection(std::unique_ptr<CrsModel> model) : model_(std::move(model)) {}

namespace {

// A CRS from map.toml: computed here when it is one citemap computes itself, else through GDAL.
std::unique_ptr<CrsModel> user_crs_model(const std::string& text, const Where& where) {
    if (auto native = native_epsg_crs(text))
        return native;
    return gdal_module().crs({CrsRequest::Kind::user, text}, where);
}

} // namespace

Projection::Projection(const std::string& user_crs, const Box& ll, const Where& crs_where)
    : Projection(user_crs.empty() ? choose_crs(ll) : user_crs_model(user_crs, crs_where)) {}

Projection Projection::equal_area(const Box& ll) {
    const double lat0 = (ll.miny + ll.maxy) / 2, lon0 = wrap_longitude((ll.minx + ll.maxx) / 2);
    // Centred at a pole, LAEA takes its polar form: PROJ's, through the module.
    if (std::abs(lat0) < 89.9)
        return Projection(laea_crs(lat0, lon0));
    CrsRequest r;
    r.kind = CrsRequest::Kind::laea;
    r.lat0 = lat0;
    r.lon0 = lon0;
    return Projection(gdal_module().crs(r, {}));
}

Point Projection::forward(Point p) const {
    std::vector<Point> one{p};
    (void)model_->forward(one);
    return one.front();
}

Point Projection::inverse(Point p) const {
    std::vector<Point> one{p};
    (void)model_->inverse(one);
    return one.front();
}

double Projection::convergence_at(Point xy) const {
    const Point ll = inverse(xy);
    const Point north = forward({ll.x, ll.y + 0.01});
    return std::atan2(-(north.x - xy.x), north.y - xy.y);
}

double Projection::ground_scale_at(Point xy) const {
    const double d = 1000.0;
    return geodesic_distance(inverse({xy.x - d / 2, xy.y}), inverse({xy.x + d / 2, xy.y})) / d;
}

double geodesic_distance(Point a, Point b) {
    constexpr double A = 6378137.0, F = 1 / 298.257223563, B = A * (1 - F);
    constexpr double rad = M_PI / 180.0;
    const double L = (b.x - a.x) * rad;
    const double U1 = std::atan((1 - F) * std::tan(a.y * rad)), U2 = std::atan((1 - F) * std::tan(b.y * rad));
    const double sinU1 = std::sin(U1), cosU1 = std::cos(U1), sinU2 = std::sin(U2), cosU2 = std::cos(U2);
    double lambda = L, sinSigma = 0, cosSigma = 0, sigma = 0, cos2Alpha = 0, cos2SigmaM = 0;
    for (int i = 0; i < 200; ++i) {
        const double sinL = std::sin(lambda), cosL = std::cos(lambda);
        sinSigma = std::sqrt(std::pow(cosU2 * sinL, 2) + std::pow(cosU1 * sinU2 - sinU1 * cosU2 * cosL, 2));
        if (sinSigma == 0)
            return 0;
        cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosL;
        sigma = std::atan2(sinSigma, cosSigma);
        const double sinAlpha = cosU1 * cosU2 * sinL / sinSigma;
        cos2Alpha = 1 - sinAlpha * sinAlpha;
        cos2SigmaM = cos2Alpha != 0 ? cosSigma - 2 * sinU1 * sinU2 / cos2Alpha : 0;
        const double C = F / 16 * cos2Alpha * (4 + F * (4 - 3 * cos2Alpha));
        const double prev = lambda;
        lambda =
            L + (1 - C) * F * sinAlpha *
                    (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
        if (std::abs(lambda - prev) < 1e-12)
            break;
    }
    const double u2 = cos2Alpha * (A * A - B * B) / (B * B);
    const double Acoef = 1 + u2 / 16384 * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)));
    const double Bcoef = u2 / 1024 * (256 + u2 * (-128 + u2 * (74 - 47 * u2)));
    const double dSigma = Bcoef * sinSigma *
                          (cos2SigmaM + Bcoef / 4 *
                                            (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM) -
                                             Bcoef / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) *
                                                 (-3 + 4 * cos2SigmaM * cos2SigmaM)));
    return B * Acoef * (sigma - dSigma);
}

} // namespace citemap

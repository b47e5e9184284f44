// CRS choice and point transformation; traditional GIS axis order (lon, lat) everywhere.
#include "geo/projection.hpp"

#include "core/error.hpp"
#include "geo/lonlat_extent.hpp"

#include <algorithm>
#include <cmath>
#include <mutex>
#include <cpl_conv.h>
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
    // 210 drivers, 2-5 ms: only when a file goes to GDAL (plain GeoJSON is read without it, and
    // spatial references need no driver).
    static const bool once = [] {
        GDALAllRegister();
        return true;
    }();
    (void)once;
}

namespace {

// A map of a town or a region gets its UTM zone, as a GIS user would pick it. Wider extents get the
// conformal projection an atlas uses for their latitude, centred on the data so north is up in the
// middle: polar stereographic near the poles (UTM stops at 84°N and 80°S), Mercator near the
// equator, Lambert conformal conic between, with standard parallels at 1/6 and 5/6 of the range.
void choose_crs(OGRSpatialReference& srs, const Box& ll) {
    // Clamped: coordinates that are not longitudes (or not finite) must not overflow the int
    // conversion; the zones' own checks report such data.
    const double lon = wrap_longitude((ll.minx + ll.maxx) / 2);
    const double lat = std::isfinite(ll.miny + ll.maxy) ? std::clamp((ll.miny + ll.maxy) / 2, -90.0, 90.0) : 0.0;
    const double span = ll.maxx - ll.minx;
    const bool polar = ll.maxy > 84 || ll.miny < -80 || (std::abs(lat) > 70 && span > 12);
    if (!polar && span <= 12) {
        const int zone = std::clamp(static_cast<int>(std::floor((lon + 180.0) / 6.0)) + 1, 1, 60);
        srs.importFromEPSG((lat >= 0 ? 32600 : 32700) + zone);
        return;
    }
    const std::string centre = degrees_text(lon, true, 10);
    if (polar) {
        srs.SetProjCS(("Polar stereographic (" + std::string(lat >= 0 ? "north" : "south") + "), centred on " +
                       centre).c_str());
        srs.SetPS(lat >= 0 ? 90 : -90, lon, 1, 0, 0);
    } else if (std::abs(lat) < 20) {
        srs.SetProjCS(("Mercator centred on " + centre).c_str());
        srs.SetMercator(0, lon, 1, 0, 0);
    } else {
        const double h = ll.maxy - ll.miny;
        srs.SetProjCS(("Lambert conformal conic centred on " + centre + ", " + degrees_text(lat, false, 10)).c_str());
        srs.SetLCC(ll.miny + h / 6, ll.maxy - h / 6, lat, lon, 0, 0);
    }
    srs.SetWellKnownGeogCS("WGS84");
}

} // namespace

Projection::Projection(const std::string& user_crs, const Box& ll, const Where& crs_where) {
    init_gdal();
    if (user_crs.empty()) {
        choose_crs(srs_, ll);
    } else {
        CPLErrorReset();
        if (srs_.SetFromUserInput(user_crs.c_str()) != OGRERR_NONE)
            throw Error(crs_where, "unknown CRS '" + user_crs + "'",
                        "use an EPSG code such as \"EPSG:32636\" or a PROJ string");
        if (!srs_.IsProjected())
            throw Error(crs_where, "CRS '" + user_crs + "' is not projected",
                        "maps are drawn in metres: choose a projected CRS (a UTM zone, a national grid)");
    }
    finish();
}

Projection Projection::equal_area(const Box& ll) {
    init_gdal();
    Projection p;
    p.srs_.SetLAEA((ll.miny + ll.maxy) / 2, wrap_longitude((ll.minx + ll.maxx) / 2), 0, 0);
    p.srs_.SetWellKnownGeogCS("WGS84");
    p.finish();
    return p;
}

void Projection::finish() {
    wgs84_.SetWellKnownGeogCS("WGS84");
    wgs84_.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    srs_.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    to_map_.reset(OGRCreateCoordinateTransformation(&wgs84_, &srs_));
    to_lonlat_.reset(OGRCreateCoordinateTransformation(&srs_, &wgs84_));
    if (!to_map_ || !to_lonlat_)
        throw Error({}, "cannot transform between WGS 84 and the map CRS", CPLGetLastErrorMsg());
    const char* n = srs_.GetName();
    name_ = n ? n : "projected CRS";
    const char* auth = srs_.GetAuthorityName(nullptr);
    const char* code = srs_.GetAuthorityCode(nullptr);
    if (auth && code)
        name_ += std::string(" (") + auth + ":" + code + ")";
}

namespace {

// One lock for every Projection: layout asks a few hundred transformations per page.
std::mutex& gdal_lock() {
    static std::mutex m;
    return m;
}

} // namespace

std::string Projection::wkt() const {
    const std::lock_guard lock(gdal_lock());
    char* raw = nullptr;
    const OGRErr err = srs_.exportToWkt(&raw);
    const CplString text(raw);
    return err == OGRERR_NONE && text ? text.get() : "";
}

int Projection::epsg() const {
    const std::lock_guard lock(gdal_lock());
    const char* code = srs_.GetAuthorityCode(nullptr);
    const char* name = srs_.GetAuthorityName(nullptr);
    return code && name && std::string(name) == "EPSG" ? std::atoi(code) : 0;
}

std::string Projection::authority() const {
    const std::lock_guard lock(gdal_lock());
    const char* auth = srs_.GetAuthorityName(nullptr);
    const char* code = srs_.GetAuthorityCode(nullptr);
    if (auth && code)
        return std::string(auth) + ":" + code;
    // A CRS citemap chose for a wide extent: its PROJ string is short and rebuilds it.
    char* raw = nullptr;
    if (srs_.exportToProj4(&raw) == OGRERR_NONE && raw && *raw) {
        const CplString proj(raw);
        return proj.get();
    }
    CPLFree(raw);
    raw = nullptr;
    srs_.exportToWkt(&raw);
    const CplString wkt(raw);
    return wkt ? wkt.get() : "";
}

Point Projection::forward(Point p) const {
    const std::lock_guard lock(gdal_lock());
    to_map_->Transform(1, &p.x, &p.y);
    return p;
}

Point Projection::inverse(Point p) const {
    const std::lock_guard lock(gdal_lock());
    to_lonlat_->Transform(1, &p.x, &p.y);
    return p;
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

// CRSs through GDAL's OGRSpatialReference: whatever map.toml names, and the atlas projections citemap
// picks for wide extents. GDAL's transformations and spatial references are not thread-safe, and
// pages are laid out in parallel: every call takes one lock.
#include "geo/gdal/gdal_crs.hpp"

#include "geo/gdal/ogr_handle.hpp"

#include <cpl_error.h>

#include <cmath>
#include <cstdlib>
#include <mutex>

namespace citemap {

namespace {

std::mutex& gdal_lock() {
    static std::mutex m;
    return m;
}

class OsrCrs final : public CrsModel {
  public:
    explicit OsrCrs(OGRSpatialReference srs) : srs_(std::move(srs)) {
        wgs84_.SetWellKnownGeogCS("WGS84");
        wgs84_.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        srs_.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        to_map_.reset(OGRCreateCoordinateTransformation(&wgs84_, &srs_));
        to_lonlat_.reset(OGRCreateCoordinateTransformation(&srs_, &wgs84_));
        if (!to_map_ || !to_lonlat_)
            throw Error({}, "cannot transform between WGS 84 and the map CRS", CPLGetLastErrorMsg());
    }

    bool forward(std::vector<Point>& pts) const override { return transform(*to_map_, pts); }
    bool inverse(std::vector<Point>& pts) const override { return transform(*to_lonlat_, pts); }

    std::string name() const override {
        const std::lock_guard lock(gdal_lock());
        const char* n = srs_.GetName();
        std::string name = n ? n : "projected CRS";
        const char* auth = srs_.GetAuthorityName(nullptr);
        const char* code = srs_.GetAuthorityCode(nullptr);
        if (auth && code)
            name += std::string(" (") + auth + ":" + code + ")";
        return name;
    }

    std::string wkt() const override {
        const std::lock_guard lock(gdal_lock());
        char* raw = nullptr;
        const OGRErr err = srs_.exportToWkt(&raw);
        const CplString text(raw);
        return err == OGRERR_NONE && text ? text.get() : "";
    }

    int epsg() const override {
        const std::lock_guard lock(gdal_lock());
        const char* code = srs_.GetAuthorityCode(nullptr);
        const char* name = srs_.GetAuthorityName(nullptr);
        return code && name && std::string(name) == "EPSG" ? std::atoi(code) : 0;
    }

    std::string authority() const override {
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

  private:
    static bool transform(OGRCoordinateTransformation& ct, std::vector<Point>& pts) {
        if (pts.empty())
            return true;
        std::vector<double> xs(pts.size()), ys(pts.size());
        for (std::size_t i = 0; i < pts.size(); ++i)
            xs[i] = pts[i].x, ys[i] = pts[i].y;
        bool ok = false;
        {
            const std::lock_guard lock(gdal_lock());
            ok = ct.Transform(static_cast<int>(pts.size()), xs.data(), ys.data()) != FALSE;
        }
        for (std::size_t i = 0; i < pts.size(); ++i)
            pts[i] = {xs[i], ys[i]};
        return ok;
    }

    OGRSpatialReference wgs84_;
    OGRSpatialReference srs_;
    CoordinateTransformation to_map_, to_lonlat_;
};

} // namespace

std::unique_ptr<CrsModel> gdal_crs(const CrsRequest& r, const Where& where) {
    init_gdal();
    OGRSpatialReference srs;
    switch (r.kind) {
    case CrsRequest::Kind::user:
        CPLErrorReset();
        // A crs names a CRS, never a file or an address: without the limitations GDAL opens a path
        // (any file, past the project's path policy; "/dev/stdin" waited forever on a pipe) and
        // fetches an http URL.
        if (srs.SetFromUserInput(r.text.c_str(), OGRSpatialReference::SET_FROM_USER_INPUT_LIMITATIONS) !=
            OGRERR_NONE) {
            const bool file_or_url = r.text.find('/') != std::string::npos || r.text.find('\\') != std::string::npos;
            throw Error(where, "unknown CRS '" + r.text + "'" + (file_or_url ? ": crs is read as a name, not a file or an address" : ""),
                        file_or_url ? "write the CRS's EPSG code (gdalsrsinfo FILE names it) or a PROJ string, "
                                      "e.g. \"EPSG:32636\""
                                    : "use an EPSG code such as \"EPSG:32636\" or a PROJ string");
        }
        if (!srs.IsProjected())
            throw Error(where, "CRS '" + r.text + "' is not projected",
                        "maps are drawn in metres: choose a projected CRS (a UTM zone, a national grid)");
        break;
    case CrsRequest::Kind::epsg:
        if (srs.importFromEPSG(r.code) != OGRERR_NONE)
            throw Error(where, "unknown CRS EPSG:" + std::to_string(r.code));
        break;
    case CrsRequest::Kind::polar:
        srs.SetProjCS(r.text.c_str());
        srs.SetPS(r.lat0, r.lon0, 1, 0, 0);
        srs.SetWellKnownGeogCS("WGS84");
        break;
    case CrsRequest::Kind::mercator:
        srs.SetProjCS(r.text.c_str());
        srs.SetMercator(0, r.lon0, 1, 0, 0);
        srs.SetWellKnownGeogCS("WGS84");
        break;
    case CrsRequest::Kind::lcc:
        srs.SetProjCS(r.text.c_str());
        srs.SetLCC(r.lat1, r.lat2, r.lat0, r.lon0, 0, 0);
        srs.SetWellKnownGeogCS("WGS84");
        break;
    case CrsRequest::Kind::laea:
        srs.SetLAEA(r.lat0, r.lon0, 0, 0);
        srs.SetWellKnownGeogCS("WGS84");
        break;
    }
    return std::make_unique<OsrCrs>(std::move(srs));
}

} // namespace citemap

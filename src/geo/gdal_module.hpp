// What citemap asks of GDAL, behind one interface that lives in a module of its own (citemap-gdal.so),
// opened on first need. GDAL and its ~110 shared libraries cost ~40 ms of dynamic linking before main;
// a project of plain GeoJSON in a CRS citemap picks (UTM) never needs them. See docs/architecture.md.
#pragma once

#include "core/error.hpp"
#include "geo/crs_model.hpp"
#include "geo/lonlat_geometry.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace citemap {

// One feature as read, before projection.
struct RawFeature {
    std::map<std::string, std::string> props; // as OGR's GetAsString gives them; nulls left out
    std::optional<LonLatGeometry> geom;        // WGS 84 lon/lat; none when the feature has no geometry
    Where where;
};

// A CRS for the GDAL module to build.
struct CrsRequest {
    enum class Kind {
        user,     // `text` as written in map.toml: an EPSG code, a PROJ string, WKT
        epsg,     // `code`
        polar,    // polar stereographic: `lat0` ±90, `lon0`
        mercator, // `lon0`
        lcc,      // Lambert conformal conic: standard parallels `lat1`, `lat2`, origin `lat0`, `lon0`
        laea,     // Lambert azimuthal equal-area centred on `lat0`, `lon0`
    } kind = Kind::user;
    std::string text; // user: the CRS; polar, mercator, lcc: the CRS's name
    int code = 0;
    double lat0 = 0, lon0 = 0, lat1 = 0, lat2 = 0;
};

class GdalModule {
  public:
    GdalModule() = default;
    GdalModule(const GdalModule&) = delete;
    GdalModule& operator=(const GdalModule&) = delete;
    virtual ~GdalModule() = default;

    // Every feature of the chosen layer (`layer_name`, else the file's only layer or a KML's folders),
    // reprojected to WGS 84 from the layer's CRS; curves made linear, Z and M dropped. Throws Error.
    [[nodiscard]] virtual std::vector<RawFeature> read_vector(const std::filesystem::path& path,
                                                              const std::string& written,
                                                              const std::string& layer_name,
                                                              const Where& from) const = 0;
    // Throws Error (at `where`) when a user CRS is unknown or not projected.
    [[nodiscard]] virtual std::unique_ptr<CrsModel> crs(const CrsRequest& request, const Where& where) const = 0;
};

// The module, loaded on the first call (from the executable's folder, or the install's module folder;
// CITEMAP_GDAL_MODULE names the file for programs that are not citemap: the tests). Throws Error when
// it is missing or from another build.
[[nodiscard]] const GdalModule& gdal_module();
// Whether this process has loaded it (tests: a plain-GeoJSON project must not).
[[nodiscard]] bool gdal_module_loaded();

// The module's one exported symbol; `abi` must equal kGdalModuleAbi.
constexpr int kGdalModuleAbi = 1;
using GdalModuleEntry = const GdalModule* (*)(int abi);
#define CITEMAP_GDAL_MODULE_ENTRY "citemap_gdal_module"

} // namespace citemap

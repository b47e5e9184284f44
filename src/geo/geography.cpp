// OGR reading into GEOS: any vector format GDAL opens, any declared CRS, reprojected once.
#include "geo/geography.hpp"

#include "core/input_file.hpp"
#include "geo/geometry_ops.hpp"
#include "sources/utf8.hpp"

#include <cpl_error.h>
#include <ogr_geometry.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <optional>
#include <set>

namespace citemap {

namespace {

struct RawFeature {
    std::map<std::string, std::string> props;
    OGRGeometryUniquePtr geom; // WGS 84 lon/lat
    Where where;
};

// OGR says only that a GeoJSON file failed to parse; a JSON parser says where.
std::optional<Where> json_syntax_error(const std::filesystem::path& path) {
    const auto ext = path.extension().string();
    if (ext != ".geojson" && ext != ".json")
        return std::nullopt;
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return std::nullopt;
    const std::string text{std::istreambuf_iterator<char>(in), {}};
    try {
        const auto parsed = nlohmann::json::parse(text);
        (void)parsed;
    } catch (const nlohmann::json::parse_error& e) {
        const std::size_t at = std::min<std::size_t>(e.byte == 0 ? 0 : e.byte - 1, text.size());
        const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<long>(at), '\n');
        const auto nl = text.rfind('\n', at == 0 ? 0 : at - 1);
        const auto col =
            static_cast<long>(at) - (nl == std::string::npos || at == 0 ? -1 : static_cast<long>(nl));
        return Where{path.lexically_normal().string(), static_cast<int>(line), static_cast<int>(col), {}};
    }
    return std::nullopt;
}

// GDAL blocks forever on a FIFO and reads sidecar files (zones.dbf, zones.prj) beside the one named:
// all of them must be regular files before GDAL sees the path. File geodatabases are folders.
void require_readable_vector(const std::filesystem::path& path, const std::string& written, const Where& from) {
    std::error_code ec;
    if (path.extension() == ".gdb" && std::filesystem::is_directory(path, ec)) {
        for (const auto& e : std::filesystem::directory_iterator(path, ec))
            require_regular_file(e.path(), written + "/" + e.path().filename().string(), from);
        return;
    }
    if (!std::filesystem::exists(path, ec))
        return; // GDAL's own "cannot open" names it
    require_regular_file(path, written, from);
    const auto stem = path.stem().string();
    for (const auto& e : std::filesystem::directory_iterator(path.parent_path().empty() ? "." : path.parent_path(), ec))
        if (e.path().stem().string() == stem && e.path() != path)
            require_regular_file(e.path(), e.path().filename().string(), from);
}

// A hand-drawn zone has hundreds of vertices; beyond this no page shows the detail and every geometric
// step (validity, clipping, overlaps, label anchors) only gets slower.
constexpr std::size_t kMaxZoneVertices = 20'000;

std::size_t vertex_count(const OGRGeometry& g) {
    // 16 bytes per 2-D vertex in WKB; headers are negligible next to them.
    return static_cast<std::size_t>(g.WkbSize()) / 16;
}

std::vector<RawFeature> read_vector(const std::filesystem::path& path, const std::string& written,
                                    const Where& from) {
    require_readable_vector(path, written, from);
    init_gdal();
    CPLErrorReset();
    const char* const drivers[] = {
        "GeoJSON", "GeoJSONSeq", "GPKG",   "ESRI Shapefile", "KML",         "LIBKML",   "FlatGeobuf", "GML",
        "GPX",     "CSV",        "SQLite", "MapInfo File",   "OpenFileGDB", "TopoJSON", nullptr};
    GDALDatasetUniquePtr ds(
        GDALDataset::Open(path.string().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers));
    if (!ds) {
        if (auto where = json_syntax_error(path))
            throw Error(
                *where, "invalid JSON in '" + written + "'",
                "fix the syntax at this position; a GeoJSON validator shows the structure it expects");
        const std::string msg = CPLGetLastErrorMsg();
        throw Error(from, "cannot open '" + written + "' as vector data" + (msg.empty() ? "" : ": " + msg),
                    "check the path; citemap reads GeoJSON, GeoPackage, Shapefile, KML, FlatGeobuf and other "
                    "OGR formats");
    }
    std::vector<RawFeature> out;
    OGRSpatialReference wgs84;
    wgs84.SetWellKnownGeogCS("WGS84");
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    for (OGRLayer* layer : ds->GetLayers()) {
        const OGRSpatialReference* layer_srs = layer->GetSpatialRef();
        CoordinateTransformation to_wgs84;
        if (layer_srs && !layer_srs->IsGeographic()) {
            OGRSpatialReference src(*layer_srs);
            src.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
            to_wgs84.reset(OGRCreateCoordinateTransformation(&src, &wgs84));
        } else if (layer_srs && !layer_srs->IsSame(&wgs84)) {
            OGRSpatialReference src(*layer_srs);
            src.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
            to_wgs84.reset(OGRCreateCoordinateTransformation(&src, &wgs84));
        }
        int index = 0;
        for (auto& f : *layer) {
            ++index;
            RawFeature rf;
            rf.where = {path.lexically_normal().string(), 0, 0, "feature " + std::to_string(index)};
            for (auto&& field : *f) {
                if (field.IsNull() || field.IsUnset())
                    continue;
                rf.props[field.GetName()] = field.GetAsString();
            }
            OGRGeometry* g = f->StealGeometry();
            if (!g)
                continue;
            rf.geom.reset(g);
            if (to_wgs84 && rf.geom->transform(to_wgs84.get()) != OGRERR_NONE)
                throw Error(rf.where, "cannot reproject this feature to WGS 84",
                            "check the file's declared CRS");
            if (auto it = rf.props.find("id"); it != rf.props.end())
                rf.where.object = "feature '" + it->second + "'";
            out.push_back(std::move(rf));
        }
    }
    return out;
}

GeosGeom to_geos(const GeosContext& ctx, const OGRGeometry& lonlat, OGRCoordinateTransformation* ct) {
    OGRGeometryUniquePtr g(lonlat.clone());
    if (g->transform(ct) != OGRERR_NONE)
        throw Error({}, "cannot project geometry to the map CRS");
    std::vector<unsigned char> wkb(static_cast<std::size_t>(g->WkbSize()));
    g->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
    return ctx.from_wkb(wkb.data(), wkb.size());
}

Box lonlat_bounds(const std::vector<RawFeature>& fs) {
    Box b{1e9, 1e9, -1e9, -1e9};
    for (const auto& f : fs) {
        OGREnvelope e;
        f.geom->getEnvelope(&e);
        b.expand({e.MinX, e.MinY, e.MaxX, e.MaxY});
    }
    return b;
}

} // namespace

const Zone* Geography::zone(std::string_view id) const {
    auto it = std::find_if(zones.begin(), zones.end(), [&](const Zone& z) { return z.id == id; });
    return it == zones.end() ? nullptr : &*it;
}

const BaseLayer* Geography::layer(LayerRole role) const {
    auto it =
        std::find_if(layers.begin(), layers.end(), [&](const BaseLayer& l) { return l.spec.role == role; });
    return it == layers.end() ? nullptr : &*it;
}

Geography load_geography(const MapSpec& spec, Diagnostics& diags) {
    Geography geo;
    geo.ctx = std::make_unique<GeosContext>();
    const GeosContext& ctx = *geo.ctx;

    auto raw_zones = read_vector(spec.zones_file, spec.zones_file_as_written, spec.zones_where);
    if (raw_zones.empty())
        throw Error(spec.zones_where, "no zones in '" + spec.zones_file_as_written + "'",
                    "draw at least one polygon");
    geo.lonlat_extent = lonlat_bounds(raw_zones);
    geo.projection = std::make_unique<Projection>(spec.crs, geo.lonlat_extent);
    geo.equal_area = std::make_unique<Projection>(Projection::equal_area(geo.lonlat_extent));

    auto project = [&](Feature& f, const OGRGeometry& g) {
        f.geom = to_geos(ctx, g, geo.projection->to_map());
        f.geom_ea = to_geos(ctx, g, geo.equal_area->to_map());
    };

    std::set<std::string> ids;
    for (auto& rf : raw_zones) {
        Zone z;
        z.props = rf.props;
        z.where = rf.where;
        z.id = z.prop("id");
        z.name = z.prop("name");
        if (z.id.empty()) {
            diags.error(rf.where, "zone has no 'id' property",
                        "give every zone feature an id such as \"rafah\"");
            continue;
        }
        if (z.name.empty())
            diags.error(rf.where, "zone '" + z.id + "' has no 'name' property",
                        "add a name to label it with");
        if (utf8::count(z.id) > 200 || utf8::count(z.name) > 120) {
            diags.error(rf.where, "zone '" + z.id.substr(0, 60) + "' has an id or name too long for a label",
                        "keep ids under 200 and names under 120 characters");
            geo.refused.insert(z.id);
            continue;
        }
        if (const std::size_t n = vertex_count(*rf.geom); n > kMaxZoneVertices) {
            diags.error(rf.where,
                        "zone '" + z.id + "' has about " + std::to_string(n) + " vertices, more than the " +
                            std::to_string(kMaxZoneVertices) + " a map page can show",
                        "simplify it, e.g. ogr2ogr -simplify 0.0001 out.geojson zones.geojson");
            geo.refused.insert(z.id);
            continue;
        }
        if (!ids.insert(z.id).second) {
            diags.error(rf.where, "zone id '" + z.id + "' is used twice", "give each zone its own id");
            continue;
        }
        const auto type = wkbFlatten(rf.geom->getGeometryType());
        if (type != wkbPolygon && type != wkbMultiPolygon) {
            diags.error(rf.where, "zone '" + z.id + "' is not a polygon", "draw zones as polygons");
            geo.refused.insert(z.id);
            continue;
        }
        project(z, *rf.geom);
        if (auto why = geom::invalid_reason(ctx, z.geom.get())) {
            diags.warning(rf.where, "zone '" + z.id + "' has invalid geometry (" + *why + "); repaired",
                          "fix the drawing so the repair does not guess (e.g. a bow-tie ring)");
            z.geom = geom::make_valid(ctx, z.geom.get());
            z.geom_ea = geom::make_valid(ctx, z.geom_ea.get());
        }
        geo.zones.push_back(std::move(z));
    }

    for (const LayerSpec& ls : spec.layers) {
        if (ls.file.empty())
            continue; // refused or missing in map.toml, and reported there once
        BaseLayer bl{ls, {}};
        for (auto& rf : read_vector(ls.file, ls.file_as_written, ls.where)) {
            Feature f;
            f.props = std::move(rf.props);
            f.where = rf.where;
            project(f, *rf.geom);
            if (geom::invalid_reason(ctx, f.geom.get())) {
                f.geom = geom::make_valid(ctx, f.geom.get());
                f.geom_ea = geom::make_valid(ctx, f.geom_ea.get());
            }
            bl.features.push_back(std::move(f));
        }
        geo.layers.push_back(std::move(bl));
    }

    // Zones stay inside the mapped area: clip to the outline, and say so when that changes much.
    if (const BaseLayer* outline = geo.layer(LayerRole::outline)) {
        std::vector<const GEOSGeometry*> parts, parts_ea;
        for (const auto& f : outline->features) {
            parts.push_back(f.geom.get());
            parts_ea.push_back(f.geom_ea.get());
        }
        GeosGeom all = geom::union_all(ctx, parts), all_ea = geom::union_all(ctx, parts_ea);
        for (Zone& z : geo.zones) {
            const double before = geom::area(ctx, z.geom_ea.get());
            z.geom = geom::polygons_only(ctx, geom::intersection(ctx, z.geom.get(), all.get()).get());
            z.geom_ea =
                geom::polygons_only(ctx, geom::intersection(ctx, z.geom_ea.get(), all_ea.get()).get());
            const double after = geom::area(ctx, z.geom_ea.get());
            if (after <= 0)
                diags.error(z.where, "zone '" + z.id + "' lies entirely outside the outline layer",
                            "check the zone's coordinates (lon, lat order) and CRS");
            else if (before - after > 0.01 * before) {
                char km2[32];
                std::snprintf(km2, sizeof km2, "%.2f", (before - after) / 1e6);
                diags.warning(z.where,
                              "zone '" + z.id + "' extends " + km2 + " km\u00B2 beyond the outline; clipped",
                              "redraw it inside the outline if the overhang was not meant");
            }
        }
    }

    geo.zones_extent = Box{1e18, 1e18, -1e18, -1e18};
    for (const Zone& z : geo.zones)
        if (!geom::is_empty(ctx, z.geom.get()))
            geo.zones_extent.expand(geom::bounds(ctx, z.geom.get()));
    return geo;
}

} // namespace citemap

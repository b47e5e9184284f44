// Inside the GDAL module: any vector format OGR opens, read into LonLatGeometry in WGS 84.
#include "geo/gdal/gdal_vector.hpp"

#include "geo/gdal/ogr_handle.hpp"

#include <cpl_error.h>
#include <ogr_geometry.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>

namespace citemap {

namespace {

// OGR says only that a GeoJSON file failed to parse; a JSON parser says where, and what it found.
struct JsonSyntaxError {
    Where where;
    std::string what; // "unexpected string literal in an object; expected '}'"
    std::string hint;
};

std::optional<JsonSyntaxError> json_syntax_error(const std::filesystem::path& path) {
    const auto ext = path.extension().string();
    if (ext != ".geojson" && ext != ".json")
        return std::nullopt;
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return std::nullopt;
    const std::string text{std::istreambuf_iterator<char>(in), {}};
    auto line_of = [&](std::size_t pos) {
        return static_cast<int>(1 + std::count(text.begin(), text.begin() + static_cast<long>(pos), '\n'));
    };
    auto where_at = [&](std::size_t at) {
        const auto nl = text.rfind('\n', at == 0 ? 0 : at - 1);
        const auto col =
            static_cast<long>(at) - (nl == std::string::npos || at == 0 ? -1 : static_cast<long>(nl));
        return Where{path.lexically_normal().string(), line_of(at), static_cast<int>(col), {}};
    };
    try {
        const auto parsed = nlohmann::json::parse(text);
        (void)parsed;
    } catch (const nlohmann::json::out_of_range& e) {
        // "number overflow parsing '1e999'": valid JSON syntax, but no coordinate or value can be that large.
        const std::string said = e.what();
        const std::size_t q = said.find('\'');
        const std::size_t q2 = q == std::string::npos ? q : said.find('\'', q + 1);
        const std::string literal = q2 == std::string::npos ? std::string{} : said.substr(q + 1, q2 - q - 1);
        const std::size_t at = literal.empty() ? std::string::npos : text.find(literal);
        return JsonSyntaxError{at == std::string::npos ? Where{path.lexically_normal().string(), 0, 0, {}} : where_at(at),
                               "the number " + (literal.empty() ? std::string("here") : "'" + literal + "'") +
                                   " is too large to read",
                               "write coordinates as plain degrees or metres, e.g. 34.45 or 3834512.5"};
    } catch (const nlohmann::json::parse_error& e) {
        const std::size_t at = std::min<std::size_t>(e.byte == 0 ? 0 : e.byte - 1, text.size());
        JsonSyntaxError out{where_at(at), {},
                            "fix the syntax at this position; a GeoJSON validator shows the structure it expects"};
        // nlohmann says "... syntax error while parsing object - unexpected string literal; expected '}'".
        const std::string said = e.what();
        const std::size_t parsing = said.find("while parsing ");
        const std::size_t dash = said.find(" - ", parsing);
        if (parsing == std::string::npos || dash == std::string::npos)
            return out;
        const std::string inside = said.substr(parsing + 14, dash - parsing - 14), detail = said.substr(dash + 3);
        const std::size_t semi = detail.find("; ");
        out.what = detail.substr(0, semi) + (inside == "object" ? " in an object" : inside == "array" ? " in an array" : "") +
                   (semi == std::string::npos ? "" : detail.substr(semi));
        // A value where a list or object should go on or end: the comma before it was left out (or a
        // last one added, which JSON does not allow either, is what "expected" names otherwise).
        const bool value_next = detail.rfind("unexpected string literal", 0) == 0 ||
                                detail.rfind("unexpected number literal", 0) == 0 ||
                                detail.rfind("unexpected '{'", 0) == 0 || detail.rfind("unexpected '['", 0) == 0;
        if (value_next && (detail.find("expected '}'") != std::string::npos || detail.find("expected ']'") != std::string::npos)) {
            // The found token ends at `at`; the text before it (a string's opening quote back) ends the
            // value the comma belongs after.
            std::size_t start = at;
            if (text[at] == '"' && at > 0)
                start = text.rfind('"', at - 1);
            const std::size_t before = start == std::string::npos || start == 0 ? std::string::npos
                                                                                : text.find_last_not_of(" \t\r\n", start - 1);
            out.hint = before == std::string::npos
                           ? "a ',' is missing before it"
                           : "a ',' is missing before it: add one after the '" + std::string(1, text[before]) +
                                 "' on line " + std::to_string(line_of(before));
        }
        return out;
    } catch (const nlohmann::json::exception&) {
        // Anything else the JSON parser objects to, OGR's own reading reports.
    }
    return std::nullopt;
}

// The layers to read: the one `layer_name` names; else the file's only layer, or every folder of a
// KML (one drawing split into folders). Other multi-layer files (a GeoPackage of towns and zones)
// hold unrelated data: reading all of them mixes towns into zones, so the user picks one.
std::vector<OGRLayer*> chosen_layers(GDALDataset& ds, const std::string& written, const std::string& layer_name,
                                     const Where& from) {
    std::vector<OGRLayer*> all;
    std::string names;
    for (OGRLayer* layer : ds.GetLayers()) {
        all.push_back(layer);
        names += std::string(names.empty() ? "" : ", ") + "'" + layer->GetName() + "'";
    }
    if (!layer_name.empty()) {
        for (OGRLayer* layer : all)
            if (layer_name == layer->GetName())
                return {layer};
        throw Error(from, "'" + written + "' has no layer '" + layer_name + "'",
                    all.empty() ? "check the file: it holds no layers"
                                : "its layers are " + names + ": set layer_name to one of them");
    }
    const std::string driver = ds.GetDriver() ? ds.GetDriver()->GetDescription() : "";
    if (all.size() > 1 && driver != "KML" && driver != "LIBKML")
        throw Error(from, "'" + written + "' holds " + std::to_string(all.size()) + " layers (" + names +
                              ") and citemap cannot tell which to read",
                    "add layer_name = \"" + std::string(all.front()->GetName()) +
                        "\" (or another of them) beside this file");
    return all;
}

Ring ring_of(const OGRSimpleCurve& c) {
    Ring r(static_cast<std::size_t>(c.getNumPoints()));
    for (int i = 0; i < c.getNumPoints(); ++i)
        r[static_cast<std::size_t>(i)] = {c.getX(i), c.getY(i)};
    return r;
}

// Curves (arcs in a GeoPackage, a GML) are made linear first: GEOS has none.
LonLatGeometry convert(const OGRGeometry& g) {
    LonLatGeometry out;
    switch (wkbFlatten(g.getGeometryType())) {
    case wkbPoint: {
        const auto& p = *g.toPoint();
        out.type = GeomType::point;
        if (!p.IsEmpty())
            out.rings.push_back({{p.getX(), p.getY()}});
        return out;
    }
    case wkbLineString:
    case wkbLinearRing:
        out.type = GeomType::line_string;
        if (!g.IsEmpty())
            out.rings.push_back(ring_of(*g.toSimpleCurve()));
        return out;
    case wkbPolygon:
        out.type = GeomType::polygon;
        for (const OGRLinearRing* ring : *g.toPolygon())
            out.rings.push_back(ring_of(*ring));
        return out;
    case wkbMultiPoint:
    case wkbMultiLineString:
    case wkbMultiPolygon:
    case wkbGeometryCollection: {
        const auto t = wkbFlatten(g.getGeometryType());
        out.type = t == wkbMultiPoint        ? GeomType::multi_point
                   : t == wkbMultiLineString ? GeomType::multi_line_string
                   : t == wkbMultiPolygon    ? GeomType::multi_polygon
                                             : GeomType::collection;
        for (const OGRGeometry* part : *g.toGeometryCollection())
            out.parts.push_back(convert(*part));
        return out;
    }
    default: {
        const OGRGeometryUniquePtr linear(g.getLinearGeometry());
        if (linear && wkbFlatten(linear->getGeometryType()) != wkbFlatten(g.getGeometryType()))
            return convert(*linear);
        out.type = GeomType::collection; // a type OGR cannot make linear (a TIN, a surface): nothing in it
        return out;
    }
    }
}

} // namespace

std::vector<RawFeature> gdal_read_vector(const std::filesystem::path& path, const std::string& written,
                                         const std::string& layer_name, const Where& from) {
    init_gdal_drivers();
    CPLErrorReset();
    const char* const drivers[] = {
        "GeoJSON", "GeoJSONSeq", "GPKG",   "ESRI Shapefile", "KML",         "LIBKML",   "FlatGeobuf", "GML",
        "GPX",     "CSV",        "SQLite", "MapInfo File",   "OpenFileGDB", "TopoJSON", nullptr};
    GDALDatasetUniquePtr ds(
        GDALDataset::Open(path.string().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers));
    if (!ds) {
        if (auto bad = json_syntax_error(path))
            throw Error(bad->where, "invalid JSON in '" + written + "'" + (bad->what.empty() ? "" : ": " + bad->what),
                        bad->hint);
        const std::string msg = CPLGetLastErrorMsg();
        throw Error(from, "cannot open '" + written + "' as vector data" + (msg.empty() ? "" : ": " + msg),
                    "check the path; citemap reads GeoJSON, GeoPackage, Shapefile, KML, FlatGeobuf and other "
                    "OGR formats");
    }
    std::vector<RawFeature> out;
    OGRSpatialReference wgs84;
    wgs84.SetWellKnownGeogCS("WGS84");
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    const std::vector<OGRLayer*> layers = chosen_layers(*ds, written, layer_name, from);
    for (OGRLayer* layer : layers) {
        // Feature numbers restart in each layer: name the layer too when there are several.
        const std::string in_layer =
            ds->GetLayerCount() > 1 ? "layer '" + std::string(layer->GetName()) + "' " : std::string();
        const OGRSpatialReference* layer_srs = layer->GetSpatialRef();
        CoordinateTransformation to_wgs84;
        if (layer_srs && (!layer_srs->IsGeographic() || !layer_srs->IsSame(&wgs84))) {
            OGRSpatialReference src(*layer_srs);
            src.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
            to_wgs84.reset(OGRCreateCoordinateTransformation(&src, &wgs84));
        }
        int index = 0;
        for (auto& f : *layer) {
            ++index;
            RawFeature rf;
            rf.where = {path.lexically_normal().string(), 0, 0, in_layer + "feature " + std::to_string(index)};
            for (auto&& field : *f) {
                if (field.IsNull() || field.IsUnset())
                    continue;
                rf.props[field.GetName()] = field.GetAsString();
            }
            if (auto it = rf.props.find("id"); it != rf.props.end())
                rf.where.object = in_layer + "feature '" + it->second + "'";
            const OGRGeometryUniquePtr g(f->StealGeometry());
            if (g) {
                // No CRS has coordinates beyond a billion of its units (the equator is 4e7 m, 1.3e8 ft).
                // GDAL 3.6 wraps a Web Mercator longitude into range by adding 360 until it fits, so
                // -3.4e38 m turned into a loop that never ended (fuzz_project, a mutated Brenna zone).
                OGREnvelope box;
                g->getEnvelope(&box);
                constexpr double kMaxCoordinate = 1e9;
                if (to_wgs84 && !g->IsEmpty() &&
                    !(std::abs(box.MinX) <= kMaxCoordinate && std::abs(box.MaxX) <= kMaxCoordinate &&
                      std::abs(box.MinY) <= kMaxCoordinate && std::abs(box.MaxY) <= kMaxCoordinate)) {
                    char sample[96];
                    std::snprintf(sample, sizeof sample, "%.10g, %.10g to %.10g, %.10g", box.MinX, box.MinY, box.MaxX,
                                  box.MaxY);
                    throw Error(rf.where,
                                std::string("coordinates ") + sample + " are too large for the file's CRS",
                                "check the numbers: in metres or feet a place lies within 1e9 of the origin; a "
                                "digit run together or a stray exponent makes them so large");
                }
                if (to_wgs84 && g->transform(to_wgs84.get()) != OGRERR_NONE)
                    throw Error(rf.where, "cannot reproject this feature to WGS 84",
                                "check the file's declared CRS");
                rf.geom = convert(*g);
            }
            out.push_back(std::move(rf));
        }
    }
    return out;
}

} // namespace citemap

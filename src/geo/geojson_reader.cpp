// simdjson On-Demand: one forward pass over the padded file, no document tree. Every refusal returns
// nullopt early; GDAL then reads the file (and reports its errors) as before.
#include "geo/geojson_reader.hpp"

#include "sources/utf8.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string_view>

namespace citemap {

namespace {

namespace od = simdjson::ondemand;

struct Value {
    enum Kind : unsigned { string = 1, integer = 2, real = 4 } kind = string;
    std::string text;
    std::int64_t i = 0;
    double d = 0;
};

struct Pending {
    std::vector<std::pair<std::string, Value>> props;
    std::optional<LonLatGeometry> geom;
    int line = 0, column = 0; // of the feature's opening brace, for messages about it
};

// GDAL types string fields whose every value looks like a date, a time or a date-time as such, and
// prints them its own way ("2025/11/12"): anything that might look like one is left to GDAL.
bool maybe_temporal(std::string_view s) {
    if (s.empty() || s[0] < '0' || s[0] > '9')
        return false;
    return s.find_first_of("-/:") != std::string_view::npos;
}

bool read_position(od::value v, double& x, double& y) {
    od::array a;
    if (v.get_array().get(a))
        return false;
    int n = 0;
    for (auto element : a) {
        double c = 0;
        if (element.get_double().get(c))
            return false;
        if (n == 0)
            x = c;
        else if (n == 1)
            y = c;
        ++n;
    }
    return n == 2;
}

// A list of positions into a curve (line string or ring).
bool read_curve(od::value v, Ring& curve, std::size_t min_points, bool closed) {
    od::array a;
    if (v.get_array().get(a))
        return false;
    for (auto element : a) {
        double x = 0, y = 0;
        od::value pv;
        if (element.get(pv) || !read_position(pv, x, y))
            return false;
        curve.push_back({x, y});
    }
    return curve.size() >= min_points &&
           !(closed && (curve.front().x != curve.back().x || curve.front().y != curve.back().y));
}

bool read_polygon(od::value v, LonLatGeometry& poly) {
    poly.type = GeomType::polygon;
    od::array rings;
    if (v.get_array().get(rings))
        return false;
    for (auto element : rings) {
        od::value rv;
        Ring ring;
        if (element.get(rv) || !read_curve(rv, ring, 4, true))
            return false;
        poly.rings.push_back(std::move(ring));
    }
    return !poly.rings.empty();
}

std::optional<LonLatGeometry> read_geometry(od::object g) {
    std::string_view type;
    bool have_type = false;
    std::optional<LonLatGeometry> out;
    for (auto field : g) {
        std::string_view key;
        if (field.unescaped_key().get(key))
            return std::nullopt;
        if (key == "type") {
            if (field.value().get_string().get(type))
                return std::nullopt;
            have_type = true;
        } else if (key == "coordinates") {
            if (!have_type || out)
                return std::nullopt; // coordinates before their type: GDAL reads that, not this pass
            od::value v;
            if (field.value().get(v))
                return std::nullopt;
            LonLatGeometry made;
            if (type == "Point") {
                double x = 0, y = 0;
                if (!read_position(v, x, y))
                    return std::nullopt;
                made = {GeomType::point, {{{x, y}}}, {}};
            } else if (type == "LineString") {
                made.type = GeomType::line_string;
                made.rings.emplace_back();
                if (!read_curve(v, made.rings.back(), 2, false))
                    return std::nullopt;
            } else if (type == "Polygon") {
                if (!read_polygon(v, made))
                    return std::nullopt;
            } else if (type == "MultiPoint" || type == "MultiLineString" || type == "MultiPolygon") {
                od::array parts;
                if (v.get_array().get(parts))
                    return std::nullopt;
                made.type = type == "MultiPoint"        ? GeomType::multi_point
                            : type == "MultiLineString" ? GeomType::multi_line_string
                                                        : GeomType::multi_polygon;
                for (auto element : parts) {
                    od::value pv;
                    if (element.get(pv))
                        return std::nullopt;
                    LonLatGeometry part;
                    if (type == "MultiPoint") {
                        double x = 0, y = 0;
                        if (!read_position(pv, x, y))
                            return std::nullopt;
                        part = {GeomType::point, {{{x, y}}}, {}};
                    } else if (type == "MultiLineString") {
                        part.type = GeomType::line_string;
                        part.rings.emplace_back();
                        if (!read_curve(pv, part.rings.back(), 2, false))
                            return std::nullopt;
                    } else if (!read_polygon(pv, part)) {
                        return std::nullopt;
                    }
                    made.parts.push_back(std::move(part));
                }
                if (made.parts.empty())
                    return std::nullopt;
            } else {
                return std::nullopt; // GeometryCollection and anything else
            }
            out = std::move(made);
        } else if (key != "bbox") {
            return std::nullopt; // members GDAL might interpret
        }
    }
    return out;
}

bool read_properties(od::value v, std::vector<std::pair<std::string, Value>>& props) {
    if (v.is_null())
        return true;
    od::object o;
    if (v.get_object().get(o))
        return false;
    for (auto field : o) {
        std::string_view key;
        od::value pv;
        if (field.unescaped_key().get(key) || field.value().get(pv))
            return false;
        od::json_type t;
        if (pv.type().get(t))
            return false;
        Value val;
        if (t == od::json_type::null) {
            continue;
        } else if (t == od::json_type::string) {
            std::string_view s;
            if (pv.get_string().get(s) || maybe_temporal(s) || s.find('\0') != std::string_view::npos)
                return false;
            val.text = std::string(s);
        } else if (t == od::json_type::number) {
            od::number_type nt;
            if (pv.get_number_type().get(nt))
                return false;
            if (nt == od::number_type::signed_integer) {
                val.kind = Value::integer;
                if (pv.get_int64().get(val.i))
                    return false;
            } else if (nt == od::number_type::floating_point_number) {
                val.kind = Value::real;
                if (pv.get_double().get(val.d))
                    return false;
            } else {
                return false; // beyond 64-bit integers
            }
        } else {
            return false; // booleans, arrays, objects: GDAL has its own types for them
        }
        props.emplace_back(std::string(key), std::move(val));
    }
    return true;
}

std::string format_real(double d) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.15g", d); // OGR's GetAsString for a Real field
    return buf;
}

} // namespace

std::optional<std::vector<RawFeature>> read_plain_geojson(const std::filesystem::path& path) {
    simdjson::padded_string json;
    if (simdjson::padded_string::load(path.string()).get(json))
        return std::nullopt;
    od::parser parser;
    od::document doc;
    od::object root;
    if (parser.iterate(json).get(doc) || doc.get_object().get(root))
        return std::nullopt;
    bool collection = false, have_features = false;
    std::vector<Pending> pending;
    for (auto field : root) {
        std::string_view key;
        if (field.unescaped_key().get(key))
            return std::nullopt;
        if (key == "type") {
            std::string_view type;
            if (field.value().get_string().get(type) || type != "FeatureCollection")
                return std::nullopt;
            collection = true;
        } else if (key == "crs") {
            // QGIS writes CRS84 (lon/lat WGS 84, GeoJSON's own); any other is GDAL's to interpret.
            std::string_view raw;
            od::object crs;
            if (field.value().get_object().get(crs) || crs.raw_json().get(raw) || raw.find("urn:ogc:def:crs:OGC:1.3:CRS84") == std::string_view::npos ||
                raw.find("EPSG") != std::string_view::npos)
                return std::nullopt;
        } else if (key == "features") {
            od::array features;
            if (field.value().get_array().get(features))
                return std::nullopt;
            // Line and column are counted on from the last feature's, so a minified file of one long
            // line is still read once.
            const char* counted = json.data();
            int line = 1, column = 1;
            for (auto element : features) {
                Pending p;
                if (const char* at = nullptr; !element.current_location().get(at) && at >= counted) {
                    const std::string_view gap(counted, static_cast<std::size_t>(at - counted));
                    if (const std::size_t nl = gap.rfind('\n'); nl != std::string_view::npos) {
                        line += static_cast<int>(std::count(gap.begin(), gap.end(), '\n'));
                        column = 1 + static_cast<int>(utf8::count(gap.substr(nl + 1)));
                    } else {
                        column += static_cast<int>(utf8::count(gap));
                    }
                    counted = at;
                    p.line = line;
                    p.column = column;
                }
                od::object fo;
                if (element.get_object().get(fo))
                    return std::nullopt;
                bool is_feature = false;
                for (auto ff : fo) {
                    std::string_view fkey;
                    od::value fv;
                    if (ff.unescaped_key().get(fkey) || ff.value().get(fv))
                        return std::nullopt;
                    if (fkey == "type") {
                        std::string_view t;
                        if (fv.get_string().get(t) || t != "Feature")
                            return std::nullopt;
                        is_feature = true;
                    } else if (fkey == "properties") {
                        if (!read_properties(fv, p.props))
                            return std::nullopt;
                    } else if (fkey == "geometry") {
                        if (fv.is_null())
                            continue;
                        od::object go;
                        if (fv.get_object().get(go) || !(p.geom = read_geometry(go)))
                            return std::nullopt;
                    } else if (fkey != "bbox") {
                        return std::nullopt; // "id" and foreign members: GDAL's
                    }
                }
                if (!is_feature)
                    return std::nullopt;
                pending.push_back(std::move(p));
            }
            have_features = true;
        } else if (key != "name" && key != "bbox") {
            return std::nullopt;
        }
    }
    // Anything after the root object is invalid JSON: GDAL says so.
    const char* rest = nullptr;
    if (!collection || !have_features || !doc.current_location().get(rest))
        return std::nullopt;

    // OGR types each field once for the whole layer: strings, integers, or reals (integers among
    // reals print as reals). A field mixing strings and numbers is left to GDAL.
    std::map<std::string, unsigned> kinds;
    for (const Pending& p : pending)
        for (const auto& [k, v] : p.props)
            kinds[k] |= v.kind;
    for (const auto& [k, mask] : kinds)
        if ((mask & Value::string) && mask != Value::string)
            return std::nullopt;
    std::vector<RawFeature> out;
    out.reserve(pending.size());
    for (Pending& p : pending) {
        RawFeature f;
        for (auto& [k, v] : p.props)
            f.props[k] = v.kind == Value::string                ? std::move(v.text)
                         : (kinds[k] & Value::real) != 0        ? format_real(v.kind == Value::real ? v.d : static_cast<double>(v.i))
                                                                : std::to_string(v.i);
        f.geom = std::move(p.geom);
        f.where.line = p.line;
        f.where.column = p.column;
        out.push_back(std::move(f));
    }
    return out;
}

} // namespace citemap

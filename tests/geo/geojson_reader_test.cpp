// The plain-GeoJSON reader against GDAL's GeoJSON driver on generated files: the same features in
// the same order, the same property strings, the same geometry; and nullopt (GDAL reads it) for
// everything GDAL would interpret.
#include "geo/geojson_reader.hpp"
#include "geo/gdal/ogr_handle.hpp"
#include "test_support.hpp"

#include <gdal_priv.h>

#include <cstdio>
#include <random>

using namespace citemap;

namespace {

struct Read {
    std::map<std::string, std::string> props;
    std::string wkt; // empty: no geometry
};

std::vector<Read> with_gdal(const std::filesystem::path& path) {
    init_gdal();
    const char* const drivers[] = {"GeoJSON", nullptr};
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.string().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers));
    REQUIRE(ds);
    std::vector<Read> out;
    for (OGRLayer* layer : ds->GetLayers())
        for (auto& f : *layer) {
            Read r;
            for (auto&& field : *f)
                if (!field.IsNull() && !field.IsUnset())
                    r.props[field.GetName()] = field.GetAsString();
            if (const OGRGeometry* g = f->GetGeometryRef())
                r.wkt = g->exportToWkt();
            out.push_back(std::move(r));
        }
    return out;
}

// Our geometry as OGR would hold it, to compare OGR's WKT of both.
OGRGeometryUniquePtr to_ogr(const LonLatGeometry& g) {
    auto curve = [](OGRSimpleCurve& c, const Ring& r) {
        for (const Point& p : r)
            c.addPoint(p.x, p.y);
    };
    switch (g.type) {
    case GeomType::point:
        return OGRGeometryUniquePtr(g.rings.empty() ? new OGRPoint() : new OGRPoint(g.rings[0][0].x, g.rings[0][0].y));
    case GeomType::line_string: {
        auto l = std::make_unique<OGRLineString>();
        if (!g.rings.empty())
            curve(*l, g.rings[0]);
        return OGRGeometryUniquePtr(l.release());
    }
    case GeomType::polygon: {
        auto p = std::make_unique<OGRPolygon>();
        for (const Ring& r : g.rings) {
            auto ring = std::make_unique<OGRLinearRing>();
            curve(*ring, r);
            p->addRingDirectly(ring.release());
        }
        return OGRGeometryUniquePtr(p.release());
    }
    default: {
        std::unique_ptr<OGRGeometryCollection> c;
        if (g.type == GeomType::multi_point)
            c = std::make_unique<OGRMultiPoint>();
        else if (g.type == GeomType::multi_line_string)
            c = std::make_unique<OGRMultiLineString>();
        else if (g.type == GeomType::multi_polygon)
            c = std::make_unique<OGRMultiPolygon>();
        else
            c = std::make_unique<OGRGeometryCollection>();
        for (const LonLatGeometry& part : g.parts)
            c->addGeometryDirectly(to_ogr(part).release());
        return OGRGeometryUniquePtr(c.release());
    }
    }
}

std::vector<Read> with_reader(const std::filesystem::path& path) {
    auto features = read_plain_geojson(path);
    REQUIRE(features.has_value());
    std::vector<Read> out;
    for (auto& f : *features)
        out.push_back({f.props, f.geom ? to_ogr(*f.geom)->exportToWkt() : std::string()});
    return out;
}

std::string num(double v) {
    char b[40];
    std::snprintf(b, sizeof b, "%.17g", v);
    return b;
}

std::string position(std::mt19937& rng) {
    std::uniform_real_distribution<double> lon(-180, 180), lat(-90, 90);
    return "[" + num(lon(rng)) + "," + num(lat(rng)) + "]";
}

std::string ring(std::mt19937& rng, int n) {
    const std::string first = position(rng);
    std::string s = "[" + first;
    for (int i = 1; i < n - 1; ++i)
        s += "," + position(rng);
    return s + "," + first + "]";
}

std::string line(std::mt19937& rng, int n) {
    std::string s = "[" + position(rng);
    for (int i = 1; i < n; ++i)
        s += "," + position(rng);
    return s + "]";
}

std::string geometry(std::mt19937& rng, int kind) {
    switch (kind % 7) {
    case 0: return R"({"type":"Point","coordinates":)" + position(rng) + "}";
    case 1: return R"({"type":"MultiPoint","coordinates":[)" + position(rng) + "," + position(rng) + "]}";
    case 2: return R"({"type":"LineString","coordinates":)" + line(rng, 2 + kind % 5) + "}";
    case 3: return R"({"type":"MultiLineString","coordinates":[)" + line(rng, 3) + "," + line(rng, 4) + "]}";
    case 4: return R"({"type":"Polygon","coordinates":[)" + ring(rng, 4 + kind % 9) + "]}";
    case 5: return R"({"type":"Polygon","coordinates":[)" + ring(rng, 6) + "," + ring(rng, 4) + "]}";
    default:
        return R"({"bbox":[0,0,1,1],"type":"MultiPolygon","coordinates":[[)" + ring(rng, 5) + "],[" + ring(rng, 4) + "," +
               ring(rng, 4) + "]]}";
    }
}

} // namespace

TEST_CASE("plain GeoJSON reads as GDAL reads it: properties, order, geometry") {
    test::TempDir dir("geojson");
    std::mt19937 rng(5);
    std::uniform_int_distribution<int> pick(0, 1000);
    for (int round = 0; round < 10; ++round) {
        std::string json = R"({"type":"FeatureCollection","name":"t",)";
        if (round % 3 == 0)
            json += R"("crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}},)";
        json += R"("features":[)";
        const int n = 5 + round * 7;
        for (int i = 0; i < n; ++i) {
            const int k = pick(rng);
            json += std::string(i ? "," : "") + R"({"type":"Feature","properties":{)";
            json += R"("id":"f)" + std::to_string(i) + R"(","name":"Caf\u00e9 \")" + std::to_string(k) + R"(\" \u0631\u0641\u062D")";
            json += R"(,"count":)" + std::to_string(k - 500);                           // integers
            json += R"(,"share":)" + (k % 3 ? num(k / 7.0) : std::to_string(k));        // reals, some written as integers
            json += R"(,"big":)" + std::to_string(3000000000LL + k);                     // 64-bit integers
            json += k % 4 ? R"(,"note":null)" : R"(,"note":"x)" + std::to_string(k) + "\""; // null or absent or a string
            if (k % 5 == 0)
                json += R"(,"rare":0.1)";
            json += "},";
            json += k % 11 == 0 ? R"("geometry":null)" : R"("geometry":)" + geometry(rng, k);
            json += "}";
        }
        json += "]}\n";
        const auto path = dir.path / ("f" + std::to_string(round) + ".geojson");
        test::write_file(path, json);
        CAPTURE(round);
        const auto ours = with_reader(path), gdal = with_gdal(path);
        REQUIRE(ours.size() == gdal.size());
        for (std::size_t i = 0; i < ours.size(); ++i) {
            CAPTURE(i);
            CHECK(ours[i].props == gdal[i].props);
            CHECK(ours[i].wkt == gdal[i].wkt);
        }
    }
}

TEST_CASE("plain GeoJSON leaves to GDAL what GDAL interprets") {
    test::TempDir dir("geojson-refused");
    const std::string poly = R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]})";
    auto feature = [&](const std::string& props, const std::string& geom, const std::string& extra = "") {
        return R"({"type":"FeatureCollection","features":[{"type":"Feature",)" + extra + R"("properties":{)" + props +
               R"(},"geometry":)" + geom + "}]}";
    };
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"date", feature(R"("since":"2025-10-10")", poly)},
        {"time", feature(R"("at":"10:30")", poly)},
        {"boolean", feature(R"("ok":true)", poly)},
        {"array", feature(R"("tags":[1,2])", poly)},
        {"object", feature(R"("o":{"a":1})", poly)},
        {"feature id", feature(R"("name":"a")", poly, R"("id":7,)")},
        {"3-D", feature(R"("name":"a")", R"({"type":"Point","coordinates":[1,2,3]})")},
        {"unclosed ring", feature(R"("name":"a")", R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]})")},
        {"collection", feature(R"("name":"a")", R"({"type":"GeometryCollection","geometries":[]})")},
        {"other crs", R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:3857"}},"features":[]})"},
        {"not a collection", R"({"type":"Feature","properties":{},"geometry":null})"},
        {"invalid JSON", R"({"type":"FeatureCollection","features":[)"},
        {"trailing garbage", feature(R"("name":"a")", poly) + "]"},
    };
    for (const auto& c : cases) {
        // Not a structured binding: clang 14 (the sanitizer build) cannot capture one in CAPTURE's lambda.
        const std::string& what = c.first;
        const std::string& json = c.second;
        CAPTURE(what);
        const auto path = dir.path / "r.geojson";
        test::write_file(path, json);
        CHECK_FALSE(read_plain_geojson(path).has_value());
    }
    // The same file without the refused member reads: the cases fail for their reason alone.
    test::write_file(dir.path / "ok.geojson", feature(R"("name":"a","n":1)", poly));
    CHECK(read_plain_geojson(dir.path / "ok.geojson").has_value());
}

TEST_CASE("each feature's line and column are where its object opens, on many lines or one") {
    // An error about a feature ("zone 'north' is a Point") named the file and feature only.
    test::TempDir dir("geojson-lines");
    const std::string poly = R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]})";
    const std::string a = R"({"type":"Feature","properties":{"id":"a"},"geometry":)" + poly + "}";
    const std::string b = R"({"type":"Feature","properties":{"id":"é"},"geometry":)" + poly + "}";
    test::write_file(dir.path / "lines.geojson",
                     "{\"type\": \"FeatureCollection\",\n \"features\": [\n  " + a + ",\n\n   " + b + "\n]}\n");
    const auto lines = read_plain_geojson(dir.path / "lines.geojson");
    REQUIRE(lines);
    REQUIRE(lines->size() == 2);
    CHECK(lines->at(0).where.line == 3);
    CHECK(lines->at(0).where.column == 3);
    CHECK(lines->at(1).where.line == 5);
    CHECK(lines->at(1).where.column == 4);
    // Minified: one line, columns counted in characters (the 'é' before the second feature is one).
    test::write_file(dir.path / "one.geojson", R"({"type":"FeatureCollection","features":[)" + b + "," + a + "]}");
    const auto one = read_plain_geojson(dir.path / "one.geojson");
    REQUIRE(one);
    REQUIRE(one->size() == 2);
    CHECK(one->at(0).where.line == 1);
    CHECK(one->at(0).where.column == 41);
    CHECK(one->at(1).where.line == 1);
    CHECK(one->at(1).where.column == 41 + 114 + 1); // b is 115 bytes, 114 characters, then the comma
}

// Reading into GEOS: plain GeoJSON here (geojson_reader.cpp), any other vector format and any declared
// CRS through the GDAL module, reprojected once.
#include "geo/geography.hpp"

#include "core/closest_name.hpp"
#include "core/input_file.hpp"
#include "core/parallel.hpp"
#include "geo/derived_zones.hpp"
#include "geo/gdal_module.hpp"
#include "geo/geojson_reader.hpp"
#include "geo/geometry_ops.hpp"
#include "geo/lonlat_extent.hpp"
#include "geo/zone_clip.hpp"
#include "sources/utf8.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <tuple>

namespace citemap {

namespace {

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

std::size_t vertex_count(const LonLatGeometry& g) {
    // 16 bytes per 2-D vertex in WKB; headers are negligible next to them.
    return g.wkb_size() / 16;
}

// The `id` and `name` properties under the spellings other tools write: Google Earth's KML has
// `Name`, a Shapefile's DBF `NAME` or `ID`. When `id` or `name` is missing or empty, the first
// non-empty property equal to it but for case takes its place (properties are sorted, so `ID` before
// `Id` before `iD`: the same file gives the same ids every time).
// `key` written in any case: "Name" and "NAME" for "name" (`lower` is lower-case).
bool spelt_as(std::string_view key, std::string_view lower) {
    return key.size() == lower.size() && std::equal(key.begin(), key.end(), lower.begin(), [](char a, char b) {
               return std::tolower(static_cast<unsigned char>(a)) == b;
           });
}

void spell_id_and_name(RawFeature& rf) {
    for (const std::string key : {"id", "name"}) {
        if (auto it = rf.props.find(key); it != rf.props.end() && !it->second.empty())
            continue;
        for (const auto& [k, v] : rf.props)
            if (!v.empty() && spelt_as(k, key)) {
                rf.props[key] = v;
                break;
            }
    }
}

// Features without a geometry (null in GeoJSON) go to `geometryless` when the caller reports them.
std::vector<RawFeature> read_vector(const std::filesystem::path& path, const std::string& written,
                                    const std::string& layer_name, const Where& from,
                                    std::vector<RawFeature>* geometryless = nullptr) {
    require_readable_vector(path, written, from);
    // Plain GeoJSON without GDAL's driver (a big base layer loads several times faster, in a fraction
    // of the memory); read_plain_geojson refuses whatever GDAL would read differently. A layer_name
    // goes through GDAL, which checks it against the file.
    if (const auto ext = path.extension(); layer_name.empty() && (ext == ".geojson" || ext == ".json"))
        if (auto plain = read_plain_geojson(path)) {
            std::vector<RawFeature> out;
            int index = 0;
            for (RawFeature& rf : *plain) {
                ++index;
                spell_id_and_name(rf);
                rf.where = {path.lexically_normal().string(), rf.where.line, rf.where.column,
                            "feature " + std::to_string(index)};
                if (auto it = rf.props.find("id"); it != rf.props.end())
                    rf.where.object = "feature '" + it->second + "'";
                if (!rf.geom) {
                    if (geometryless)
                        geometryless->push_back(std::move(rf));
                    continue;
                }
                out.push_back(std::move(rf));
            }
            return out;
        }
    std::vector<RawFeature> out;
    for (RawFeature& rf : gdal_module().read_vector(path, written, layer_name, from)) {
        spell_id_and_name(rf);
        if (rf.geom)
            out.push_back(std::move(rf));
        else if (geometryless)
            geometryless->push_back(std::move(rf));
    }
    return out;
}

// ": its properties are Description, fid" for an error about a missing one; names only, never values.
std::string properties_it_has(const RawFeature& rf) {
    if (rf.props.empty())
        return ": it has no properties at all";
    // The `name` spell_id_and_name copied from `Name` is not the file's: listed once, as written.
    auto copied = [&](const std::string& k, const std::string& v) {
        if (k != "id" && k != "name")
            return false;
        for (const auto& [k2, v2] : rf.props)
            if (k2 != k && v2 == v && spelt_as(k2, k))
                return true;
        return false;
    };
    std::string s;
    std::size_t n = 0;
    for (const auto& [k, v] : rf.props)
        if (!copied(k, v) && ++n <= 12)
            s += (s.empty() ? "" : ", ") + (v.empty() ? k + " (empty)" : k);
    if (n > 12)
        s += " and " + std::to_string(n - 12) + " more";
    return (rf.props.size() == 1 ? ": its only property is " : ": its properties are ") + s;
}

// Longest edge, in degrees, projected as a straight segment. GeoJSON edges are straight in lon/lat
// (RFC 7946); projected whole, a long edge along a parallel becomes a chord (9 km off at 79°N for a
// 14° edge) and two zones 1° apart on a continent overlap. At 0.25° the chord is within ~10 m of
// the true curve, below a pixel wherever such edges exist.
constexpr double kMaxEdgeDegrees = 0.25;
// Bound on the vertices splitting adds to one geometry: edges running round the globe many times
// (a fuzzer's, or a file in another unit) must not turn into millions of points.
constexpr double kMaxAddedVertices = 100'000;
// A geometry from this size (its 2-D WKB bytes, ~16 a vertex) is projected to both CRSs on two threads
// at once: ~0.1 s each for the 1 M-vertex bench outline, with no higher peak memory (each makes its
// own copy of the positions either way); below, a second thread's hand-over would cost more than it saves.
constexpr std::size_t kTwoThreadBytes = std::size_t{1} << 20;

// Splits long lon/lat edges; coordinates that are not degrees are left for the projection to refuse.
void densify(LonLatGeometry& g) {
    const Box e = g.envelope();
    if (!(e.minx >= -540 && e.maxx <= 540 && e.miny >= -91 && e.maxy <= 91))
        return;
    const double length = g.length();
    if (!std::isfinite(length))
        return;
    g.segmentize(std::max(kMaxEdgeDegrees, length / kMaxAddedVertices));
}

// What to run on a file whose numbers are not degrees: it declares no CRS (a Shapefile without its
// .prj, GeoJSON, which is lon/lat by definition), so GDAL handed them on as degrees. `ogr2ogr -t_srs
// EPSG:4326` alone, the old advice, fails on a Shapefile ("source layer has no coordinate system")
// and copies GeoJSON's metres unchanged; the source CRS must be named (tried with GDAL 3.6's ogr2ogr).
std::string not_degrees_advice(const std::string& file, const Box& numbers) {
    const std::filesystem::path path(file);
    const std::string name = path.filename().string(), out = path.stem().string() + "-4326.geojson";
    std::string ext = path.extension().string();
    for (char& c : ext)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const std::string why = ext == ".shp" ? "the Shapefile has no .prj, so nothing says which CRS its numbers are in"
                            : ext == ".geojson" || ext == ".json"
                                ? "GeoJSON is longitude, latitude (RFC 7946) unless it says otherwise, and this file does not"
                                : "the file declares no CRS, so its numbers were taken for degrees";
    // Web Mercator metres (what web maps and many exports use) stay within half the equator's length;
    // read as such, the numbers land somewhere the author can recognise.
    constexpr double kHalfEquator = 20037508.342789244, kEarthRadius = 6378137, kDegree = 180 / 3.14159265358979323846;
    std::string mercator;
    if (std::abs(numbers.minx) <= kHalfEquator && std::abs(numbers.maxx) <= kHalfEquator &&
        std::abs(numbers.miny) <= kHalfEquator && std::abs(numbers.maxy) <= kHalfEquator) {
        auto lon = [&](double x) { return x / kEarthRadius * kDegree; };
        auto lat = [&](double y) { return (2 * std::atan(std::exp(y / kEarthRadius)) - M_PI / 2) * kDegree; };
        char at[256];
        std::snprintf(at, sizeof at, " Read as Web Mercator (EPSG:3857) they lie at longitude %.3f to %.3f, latitude %.3f to %.3f;",
                      lon(numbers.minx), lon(numbers.maxx), lat(numbers.miny), lat(numbers.maxy));
        mercator = std::string(at) + (ext == ".geojson" || ext == ".json"
                                          ? " if that is the place, add \"crs\": {\"type\": \"name\", \"properties\": "
                                            "{\"name\": \"EPSG:3857\"}} to the file's top level, beside \"features\"."
                                          : " if that is the place, XXXX below is 3857.");
    }
    return why + "." + mercator + (mercator.empty() ? " Find" : " Otherwise, find") + " the CRS they are in (UTM zone 32N is EPSG:32632 on WGS 84, EPSG:25832 on ETRS89; "
                 "the data's source says), then in the project folder run\n    ogr2ogr -s_srs EPSG:XXXX -t_srs "
                 "EPSG:4326 " + out + " " + name + "\n  with its code for XXXX, and name " + out + " in map.toml" +
           (ext == ".shp" ? "; or give the Shapefile a .prj: ogr2ogr -a_srs EPSG:XXXX " + path.stem().string() +
                                "-crs.shp " + name + ", and name that file"
                          : "");
}

// `lonlat` densified already (once for both CRSs a feature goes to); `file` is the file it was read
// from, for the advice on numbers that are not degrees (a [[line]]'s `where` is map.toml's table).
GeosGeom project_to_geos(const GeosContext& ctx, const LonLatGeometry& lonlat, const Projection& to,
                         const Where& where, const std::string& file) {
    GeosGeom g = to_geos(ctx, lonlat, [&](std::vector<Point>& pts) { return to.forward(pts); });
    if (!g) {
        const Box e = lonlat.envelope();
        char sample[64];
        std::snprintf(sample, sizeof sample, "%.10g, %.10g", e.minx, e.miny);
        if (e.minx < -360 || e.maxx > 360 || e.miny < -90 || e.maxy > 90)
            throw Error(where, std::string("coordinates such as ") + sample + " are not longitude, latitude degrees",
                        not_degrees_advice(file, e));
        throw Error(where, "cannot project this geometry to the map CRS (near " + std::string(sample) + ")",
                    "check the coordinates; a map CRS for another part of the world cannot hold them");
    }
    return g;
}

// GEOS's reason for an invalid geometry ("Self-intersection[575132.506530873 5547500.22837712]", in
// the map CRS's metres) in the author's words and degrees: "its edges cross near 10.05000, 50.07500".
std::string invalid_in_words(const std::string& reason, const Projection& map_crs) {
    const std::size_t open = reason.find('[');
    const std::string kind = reason.substr(0, open);
    static const std::pair<const char*, const char*> kWords[] = {
        {"Self-intersection", "its edges cross"},
        {"Ring Self-intersection", "a ring touches itself"},
        {"Hole lies outside shell", "a hole lies outside its polygon"},
        {"Nested shells", "one part lies inside another"},
        {"Nested holes", "a hole lies inside another"},
        {"Interior is disconnected", "holes cut it in two"},
        {"Duplicate Rings", "a ring is drawn twice"},
        {"Too few points in geometry component", "a ring has too few points"}};
    std::string words = "it is not a valid polygon (" + kind + ")";
    for (const auto& [geos, plain] : kWords)
        if (kind == geos)
            words = plain;
    double x = 0, y = 0;
    if (open != std::string::npos && std::sscanf(reason.c_str() + open, "[%lf %lf]", &x, &y) == 2) {
        const Point ll = map_crs.inverse({x, y});
        if (std::isfinite(ll.x) && std::isfinite(ll.y)) {
            char at[64];
            std::snprintf(at, sizeof at, " near %.5f, %.5f", ll.x, ll.y);
            words += at;
        }
    }
    return words;
}

// Repairs both geometries of an invalid feature; true when the repair changed the area (a bow-tie, an
// overlap), false when it changed nothing a reader could see: parts that only touch (a MultiPolygon
// split at ±180° as RFC 7946 asks, adjacent parcels) or a spike to the pole of a polar cap.
bool repair_changes_area(const GeosContext& ctx, Feature& f) {
    const double before = geom::area(ctx, f.geom.get());
    f.geom = geom::make_valid(ctx, f.geom.get());
    if (f.geom_ea)
        f.geom_ea = geom::make_valid(ctx, f.geom_ea.get());
    const double after = geom::area(ctx, f.geom.get());
    return std::abs(after - before) > 1e-6 * std::max(std::abs(after), std::abs(before));
}

// Invalid features of one base layer named one by one in warnings; the rest are counted in one more.
constexpr std::size_t kRepairsNamed = 3;

// What an invalid base-layer feature is told: its layer's role and file, its name where it has one, and
// where its edges go wrong (audit s18 D11: a bow-tie land polygon was repaired silently).
std::string invalid_layer_feature(const LayerSpec& layer, const Feature& f, const std::string& why) {
    const std::string name = f.prop("name");
    return "the " + std::string(to_string(layer.role)) + " layer '" + layer.file_as_written + "'" +
           (name.empty() ? std::string() : ", feature '" + name + "',") + " is not a valid polygon: " + why +
           " (lon, lat); repaired, which changes its area";
}

void add_extent(LonLatExtent& extent, const std::vector<RawFeature>& fs) {
    for (const auto& f : fs)
        extent.add(*f.geom);
}

} // namespace

namespace {

// The feature with this id: through the index when it covers the list, else by searching it.
template <class F>
const F* find_id(const std::vector<F>& list, const Geography::IdIndex& index, std::string_view id) {
    if (!list.empty() && index.size() == list.size()) {
        const auto it = index.find(id);
        if (it == index.end())
            return nullptr;
        if (it->second < list.size() && list[it->second].id == id)
            return &list[it->second];
    }
    auto it = std::find_if(list.begin(), list.end(), [&](const F& z) { return z.id == id; });
    return it == list.end() ? nullptr : &*it;
}

void index_list(const std::vector<Zone>& list, Geography::IdIndex& index) {
    index.clear();
    for (std::size_t i = 0; i < list.size(); ++i)
        index.emplace(list[i].id, i); // a repeated id keeps its first place, as the search finds it
}

} // namespace

void Geography::index_ids() {
    index_list(zones, zone_at);
    index_list(lines, line_at);
    index_list(places, place_at);
}

const Zone* Geography::zone(std::string_view id) const {
    return find_id(zones, zone_at, id);
}

const LineFeature* Geography::line(std::string_view id) const {
    return find_id(lines, line_at, id);
}

const PlaceFeature* Geography::place(std::string_view id) const {
    return find_id(places, place_at, id);
}

const Zone* Geography::target(std::string_view id) const {
    if (const Zone* z = zone(id))
        return z;
    if (const LineFeature* l = line(id))
        return l;
    return place(id);
}

const BaseLayer* Geography::layer(LayerRole role) const {
    auto it =
        std::find_if(layers.begin(), layers.end(), [&](const BaseLayer& l) { return l.spec.role == role; });
    return it == layers.end() ? nullptr : &*it;
}

GeosGeom Geography::union_of(std::initializer_list<LayerRole> roles) const {
    std::vector<const GEOSGeometry*> parts;
    // A feature vertex for vertex the same as one already taken (an island's coast read as both its
    // outline and its land) adds nothing to the union, and uniting a detailed ring with itself nodes
    // every segment against its twin (1.2 G instructions for a 41k-vertex coast). Only features of the
    // same envelope are compared.
    // The same holds for one polygon of a multipolygon (a country layer's Palestine holds the Gaza
    // outline's ring: 56 M instructions of Gaza's check went to uniting it with its twin): such a
    // feature brings its other polygons only. Features without a twin go in whole, as before.
    std::map<std::array<double, 4>, std::vector<const GEOSGeometry*>> by_envelope;
    auto taken = [&](const GEOSGeometry* g) {
        const Box b = geom::is_empty(*ctx, g) ? Box{} : geom::bounds(*ctx, g);
        std::vector<const GEOSGeometry*>& same_box = by_envelope[{b.minx, b.miny, b.maxx, b.maxy}];
        return std::any_of(same_box.begin(), same_box.end(),
                           [&](const GEOSGeometry* o) { return GEOSEqualsExact_r(ctx->get(), o, g, 0) == 1; });
    };
    auto take = [&](const GEOSGeometry* g) {
        const Box b = geom::is_empty(*ctx, g) ? Box{} : geom::bounds(*ctx, g);
        by_envelope[{b.minx, b.miny, b.maxx, b.maxy}].push_back(g);
    };
    for (const BaseLayer& bl : layers)
        if (std::find(roles.begin(), roles.end(), bl.spec.role) != roles.end())
            for (const Feature& f : bl.features) {
                if (taken(f.geom.get()))
                    continue;
                const int n = GEOSGeomTypeId_r(ctx->get(), f.geom.get()) == GEOS_MULTIPOLYGON
                                  ? GEOSGetNumGeometries_r(ctx->get(), f.geom.get())
                                  : 0;
                std::vector<const GEOSGeometry*> own;
                bool twin = false;
                for (int k = 0; k < n; ++k) {
                    const GEOSGeometry* polygon = GEOSGetGeometryN_r(ctx->get(), f.geom.get(), k);
                    if (taken(polygon))
                        twin = true;
                    else
                        own.push_back(polygon);
                }
                for (const GEOSGeometry* g : own)
                    take(g); // a later feature may be one of them (an outline after the country)
                if (!twin)
                    own = {f.geom.get()};
                take(f.geom.get());
                parts.insert(parts.end(), own.begin(), own.end());
            }
    return parts.empty() ? nullptr : geom::union_all(*ctx, parts);
}

std::size_t Geography::vertices_of(std::initializer_list<LayerRole> roles) const {
    std::size_t n = 0;
    for (const BaseLayer& bl : layers)
        if (std::find(roles.begin(), roles.end(), bl.spec.role) != roles.end())
            for (const Feature& f : bl.features)
                n += static_cast<std::size_t>(std::max(0, GEOSGetNumCoordinates_r(ctx->get(), f.geom.get())));
    return n;
}

void Geography::start_over_if_changed() const {
    std::size_t features = 0;
    for (const BaseLayer& bl : layers)
        features += bl.features.size();
    const std::array<std::size_t, 4> now{zones.size(), lines.size(), places.size(), features};
    if (kept_->started && kept_->sizes == now)
        return;
    kept_->unions = {};
    kept_->common.clear();
    kept_->beyond.clear();
    kept_->inside.clear();
    kept_->within_box.clear();
    kept_->area_hull.reset();
    kept_->layer_answers.clear();
    kept_->land_polygons.reset();
    kept_->on_land.clear();
    kept_->land_holding.clear();
    kept_->land_on_land.clear();
    kept_->sizes = now;
    kept_->started = true;
}

const GEOSGeometry* Geography::kept_union(Kept which) const {
    const std::lock_guard lock(kept_->mutex);
    start_over_if_changed();
    return kept_union_locked(which);
}

void Geography::keep_union(Kept which, GeosGeom made) {
    const std::lock_guard lock(kept_->mutex);
    start_over_if_changed();
    kept_->unions[static_cast<std::size_t>(which)] = std::move(made);
}

const GEOSGeometry* Geography::kept_union_locked(Kept which) const {
    std::optional<GeosGeom>& slot = kept_->unions[static_cast<std::size_t>(which)];
    if (slot)
        return slot->get();
    std::vector<const GEOSGeometry*> parts;
    GeosGeom made;
    switch (which) {
    case Kept::zones:
    case Kept::cited:
        for (const auto* list : {&zones, &lines, &places}) {
            for (const Zone& z : *list)
                parts.push_back(z.geom.get());
            if (which == Kept::zones)
                break;
        }
        made = geom::union_all(*ctx, parts);
        break;
    case Kept::outline:
        made = union_of({LayerRole::outline});
        break;
    case Kept::land_and_outline:
        made = union_of({LayerRole::land, LayerRole::outline});
        break;
    case Kept::zones_and_land:
        // With an outline layer, load_geography clipped every zone to it: the zones add nothing to the
        // land and outline, and uniting a zone clipped to a detailed coast with that coast nodes the
        // coast against itself (1.4 G instructions for the 41k-vertex bench coast, a fifth of its check).
        if (const GEOSGeometry* land = kept_union_locked(Kept::land_and_outline); land && layer(LayerRole::outline)) {
            made = ctx->clone(land);
            break;
        }
        parts.push_back(kept_union_locked(Kept::zones));
        if (const GEOSGeometry* land = kept_union_locked(Kept::land_and_outline))
            parts.push_back(land);
        made = geom::union_all(*ctx, parts);
        break;
    }
    geom::compute_envelopes(*ctx, made.get());
    slot = std::move(made);
    return slot->get();
}

namespace {

// zones[i] and every zone holding it by the recipes (Zone::inside_of, followed through).
std::set<const Zone*> recipe_holders(const Geography& geo, std::size_t i) {
    std::set<const Zone*> out{&geo.zones.at(i)};
    std::vector<const Zone*> todo{&geo.zones.at(i)};
    while (!todo.empty()) {
        const Zone* z = todo.back();
        todo.pop_back();
        for (const std::string& id : z->inside_of)
            if (const Zone* h = geo.zone(id); h && out.insert(h).second)
                todo.push_back(h);
    }
    return out;
}

// What the recipes say of the area zones[a] and zones[b] share: the smaller's own area when one holds
// the other, 0 when one holding a (or a) took out one holding b (or b), or the other way; else nothing.
// Gaza's Rafah is intersected with the Israeli-held area, and the west of the line is the outline
// with that area taken out: 7 of its 9 overlays of zone pairs (28 M instructions a check).
std::optional<double> common_by_recipe(const Geography& geo, std::size_t a, std::size_t b) {
    const std::set<const Zone*> over_a = recipe_holders(geo, a), over_b = recipe_holders(geo, b);
    const Zone &za = geo.zones.at(a), &zb = geo.zones.at(b);
    if (over_a.count(&zb))
        return geom::area(*geo.ctx, za.geom.get());
    if (over_b.count(&za))
        return geom::area(*geo.ctx, zb.geom.get());
    auto takes_out = [](const Zone* from, const Zone* what) {
        return std::find(from->apart_from.begin(), from->apart_from.end(), what->id) !=
               from->apart_from.end();
    };
    for (const Zone* x : over_a)
        for (const Zone* y : over_b)
            if (takes_out(x, y) || takes_out(y, x))
                return 0.0;
    return std::nullopt;
}

} // namespace

double Geography::common_area(std::size_t a, std::size_t b) const {
    if (a > b)
        std::swap(a, b); // one overlay per pair: each asks the other way round too (overlap_order, zones_overlap)
    {
        const std::lock_guard lock(kept_->mutex);
        start_over_if_changed();
        if (auto it = kept_->common.find({a, b}); it != kept_->common.end())
            return it->second;
    }
    // Outside the lock: pages on other threads go on meanwhile. Two threads may both compute a
    // pair; they get the same answer.
    double area = 0;
    if (const std::optional<double> known = common_by_recipe(*this, a, b))
        area = *known;
    else
        area =
            geom::area(*ctx, geom::intersection(*ctx, zones.at(a).geom.get(), zones.at(b).geom.get()).get());
    const std::lock_guard lock(kept_->mutex);
    kept_->common.emplace(std::pair{a, b}, area);
    return area;
}

bool Geography::layer_answer(LayerQuestion question, std::size_t layer, const Box& box, double scale,
                             const std::function<bool()>& compute) const {
    // A NaN would break the map's ordering (it compares equal to every number): such a view (a plan
    // not yet given its frame) is answered afresh each time.
    if (std::isnan(box.minx + box.miny + box.maxx + box.maxy + scale))
        return compute();
    const std::tuple key{question, layer, box.minx, box.miny, box.maxx, box.maxy, scale};
    {
        const std::lock_guard lock(kept_->mutex);
        start_over_if_changed();
        if (auto it = kept_->layer_answers.find(key); it != kept_->layer_answers.end())
            return it->second;
    }
    // Outside the lock, as common_area.
    const bool answer = compute();
    const std::lock_guard lock(kept_->mutex);
    kept_->layer_answers.emplace(key, answer);
    return answer;
}

bool Geography::layer_meets(std::size_t layer, const Box& box) const {
    return layer_answer(LayerQuestion::meets, layer, box, 0, [&] {
        const GeosGeom b = ctx->box(box);
        const std::vector<Feature>& features = layers.at(layer).features;
        return std::any_of(features.begin(), features.end(),
                           [&](const Feature& f) { return geom::intersects(*ctx, f.geom.get(), b.get()); });
    });
}

const GEOSGeometry* Geography::beyond_zones(std::size_t layer, std::size_t feature) const {
    const std::lock_guard lock(kept_->mutex);
    start_over_if_changed();
    auto& slot = kept_->beyond[{layer, feature}];
    if (!slot) {
        slot = geom::difference(*ctx, layers.at(layer).features.at(feature).geom.get(), kept_union_locked(Kept::zones));
        geom::compute_envelopes(*ctx, slot.get());
    }
    return slot.get();
}

const GEOSGeometry* Geography::area_layers_hull() const {
    const std::lock_guard lock(kept_->mutex);
    start_over_if_changed();
    if (!kept_->area_hull) {
        std::vector<Point> coords;
        for (const BaseLayer& bl : layers) {
            if (bl.spec.role != LayerRole::sea && bl.spec.role != LayerRole::land &&
                bl.spec.role != LayerRole::outline)
                continue;
            for (const Feature& f : bl.features) {
                if (!f.geom || geom::is_empty(*ctx, f.geom.get()))
                    continue;
                for (const std::vector<Ring>& poly : geom::polygons(*ctx, f.geom.get()))
                    coords.insert(coords.end(), poly.front().begin(), poly.front().end()); // holes lie inside
                for (const Ring& line : geom::lines(*ctx, f.geom.get()))
                    coords.insert(coords.end(), line.begin(), line.end());
            }
        }
        GeosGeom hull = coords.empty() ? nullptr : geom::convex_hull(*ctx, coords);
        geom::compute_envelopes(*ctx, hull.get());
        kept_->area_hull = std::move(hull);
    }
    return kept_->area_hull->get();
}

const GEOSGeometry* Geography::within_any_box(const GEOSGeometry* g) const {
    {
        const std::lock_guard lock(kept_->mutex);
        start_over_if_changed();
        if (auto it = kept_->within_box.find(g); it != kept_->within_box.end())
            return it->second.get();
    }
    // Outside the lock, as common_area; the first answer kept is the one every caller gets.
    const Box b = geom::bounds(*ctx, g);
    GeosGeom made =
        geom::intersection(*ctx, g, ctx->box(b.inflated(std::max(b.width(), b.height()) + 1)).get());
    geom::compute_envelopes(*ctx, made.get());
    const std::lock_guard lock(kept_->mutex);
    return kept_->within_box.emplace(g, std::move(made)).first->second.get();
}

bool Geography::reaches_inside(std::size_t layer, std::size_t feature, std::size_t zone) const {
    const std::tuple key{layer, feature, zone};
    {
        const std::lock_guard lock(kept_->mutex);
        start_over_if_changed();
        if (auto it = kept_->inside.find(key); it != kept_->inside.end())
            return it->second;
    }
    // Outside the lock, as common_area. One relate (DE-9IM interior/interior) per pair and project,
    // where each page asked an intersects and then built an inward buffer of the zone.
    const GEOSGeometry* z = zones.at(zone).geom.get();
    const GEOSGeometry* f = layers.at(layer).features.at(feature).geom.get();
    const bool reaches = !geom::is_empty(*ctx, z) && !geom::is_empty(*ctx, f) &&
                         geom::bounds(*ctx, z).intersects(geom::bounds(*ctx, f)) &&
                         GEOSRelatePattern_r(ctx->get(), z, f, "T********") == 1;
    const std::lock_guard lock(kept_->mutex);
    kept_->inside.emplace(key, reaches);
    return reaches;
}

const std::vector<const GEOSGeometry*>& Geography::land_polygons() const {
    const std::lock_guard lock(kept_->mutex);
    start_over_if_changed();
    if (!kept_->land_polygons) {
        std::vector<const GEOSGeometry*> out;
        for (const BaseLayer& bl : layers)
            if (bl.spec.role == LayerRole::land || bl.spec.role == LayerRole::outline)
                for (const Feature& f : bl.features)
                    for (int k = 0; f.geom && k < GEOSGetNumGeometries_r(ctx->get(), f.geom.get()); ++k)
                        if (const GEOSGeometry* part = GEOSGetGeometryN_r(ctx->get(), f.geom.get(), k);
                            !geom::is_empty(*ctx, part) && geom::is_polygonal(*ctx, part))
                            out.push_back(part);
        kept_->land_first_copy.assign(out.size(), 0);
        for (std::size_t k = 0; k < out.size(); ++k) {
            std::size_t& first = kept_->land_first_copy[k];
            for (first = 0; first < k; ++first)
                if (GEOSGetNumCoordinates_r(ctx->get(), out[first]) == GEOSGetNumCoordinates_r(ctx->get(), out[k]) &&
                    GEOSEqualsExact_r(ctx->get(), out[first], out[k], 0) == 1)
                    break;
        }
        kept_->land_polygons = std::move(out);
    }
    return *kept_->land_polygons;
}

double Geography::area_on_land(std::size_t zone, std::size_t k) const {
    const GEOSGeometry* part = land_polygons().at(k);
    {
        const std::lock_guard lock(kept_->mutex);
        k = kept_->land_first_copy.at(k);
        if (auto it = kept_->on_land.find({zone, k}); it != kept_->on_land.end())
            return it->second;
    }
    // Outside the lock, as common_area. Zones clipped to the outline share its edge, and an overlay
    // along a shared edge is snapped: the 13 overlays of Gaza's five zones with the strip, Egypt and
    // Israel were 55 M instructions of its check. A zone lying on a polygon (a prepared covers, ~1 M)
    // has its whole area on it; lying on one that shares no area with polygon k, none on k.
    const GEOSGeometry* z = zones.at(zone).geom.get();
    double area = 0;
    if (geom::is_empty(*ctx, z))
        area = 0;
    else if (const std::optional<std::size_t> on = land_holding(zone); on && *on == k)
        area = geom::area(*ctx, z);
    else if (on && land_on_land(*on, k) == 0)
        area = 0;
    else if (geom::intersects(*ctx, z, part))
        area = geom::area(*ctx, geom::intersection(*ctx, z, part).get());
    const std::lock_guard lock(kept_->mutex);
    kept_->on_land.emplace(std::pair{zone, k}, area);
    return area;
}

std::optional<std::size_t> Geography::land_holding(std::size_t zone) const {
    const std::vector<const GEOSGeometry*>& polygons = land_polygons();
    // A zone clipped to an outline of one polygon lies on that polygon, whether or not a prepared
    // covers says so of the overlay's rounded vertices (it said no of Gaza's farmland belt).
    const BaseLayer* outline = layer(LayerRole::outline);
    const GEOSGeometry* clipped_to = zones.at(zone).in_outline && outline && outline->features.size() == 1 &&
                                             GEOSGeomTypeId_r(ctx->get(), outline->features[0].geom.get()) == GEOS_POLYGON
                                         ? outline->features[0].geom.get()
                                         : nullptr;
    std::vector<std::size_t> firsts;
    {
        const std::lock_guard lock(kept_->mutex);
        if (auto it = kept_->land_holding.find(zone); it != kept_->land_holding.end())
            return it->second;
        for (std::size_t k = 0; k < polygons.size(); ++k)
            if (clipped_to && polygons[k] == clipped_to) {
                const std::size_t first = kept_->land_first_copy.at(k);
                kept_->land_holding.emplace(zone, first);
                return first;
            }
        for (std::size_t k = 0; k < polygons.size(); ++k)
            if (kept_->land_first_copy.at(k) == k)
                firsts.push_back(k);
    }
    // Else the land polygon that covers it, smallest envelope first: the outline before the large
    // neighbour around it, whose prepared index costs more than the answer saves. Outside the lock,
    // each with a prepared geometry of its own: GEOS builds a prepared geometry's indexes on its
    // first question, which two threads must not ask at once.
    const GEOSGeometry* z = zones.at(zone).geom.get();
    const Box zb = geom::bounds(*ctx, z);
    std::vector<std::pair<double, std::size_t>> around;
    for (std::size_t k : firsts)
        if (const Box pb = geom::bounds(*ctx, polygons[k]); pb.contains(zb))
            around.emplace_back(pb.width() * pb.height(), k);
    std::stable_sort(around.begin(), around.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    std::optional<std::size_t> on;
    for (const auto& [size, k] : around)
        if (GEOSPreparedCovers_r(ctx->get(), ctx->prepare(polygons[k]).get(), z) == 1) {
            on = k;
            break;
        }
    const std::lock_guard lock(kept_->mutex);
    kept_->land_holding.emplace(zone, on);
    return on;
}

double Geography::land_on_land(std::size_t a, std::size_t b) const {
    if (a > b)
        std::swap(a, b);
    {
        const std::lock_guard lock(kept_->mutex);
        if (auto it = kept_->land_on_land.find({a, b}); it != kept_->land_on_land.end())
            return it->second;
    }
    const std::vector<const GEOSGeometry*>& polygons = land_polygons();
    const double area = geom::intersects(*ctx, polygons[a], polygons[b])
                            ? geom::area(*ctx, geom::intersection(*ctx, polygons[a], polygons[b]).get())
                            : 0.0;
    const std::lock_guard lock(kept_->mutex);
    kept_->land_on_land.emplace(std::pair{a, b}, area);
    return area;
}

namespace {

// A zone must be polygonal. A GeometryCollection (geojson.io writes them) keeps its polygons, with a
// warning naming what was dropped; anything else is an error that says what was found.
std::optional<LonLatGeometry> polygonal_zone(const RawFeature& rf, const std::string& id, Diagnostics& diags) {
    const GeomType type = rf.geom->type;
    if (type == GeomType::polygon || type == GeomType::multi_polygon)
        return *rf.geom;
    if (type == GeomType::collection) {
        LonLatGeometry multi{GeomType::multi_polygon, {}, {}};
        std::string dropped;
        for (const LonLatGeometry& part : rf.geom->parts) {
            if (part.type == GeomType::polygon)
                multi.parts.push_back(part);
            else if (part.type == GeomType::multi_polygon)
                multi.parts.insert(multi.parts.end(), part.parts.begin(), part.parts.end());
            else if (dropped.find(geom_type_name(part.type)) == std::string::npos)
                dropped += (dropped.empty() ? "" : ", ") + std::string(geom_type_name(part.type));
        }
        if (multi.is_empty()) {
            diags.error(rf.where, "zone '" + id + "' is a GeometryCollection with no polygon in it (found " +
                                      dropped + ")",
                        "draw the zone as a polygon");
            return std::nullopt;
        }
        if (!dropped.empty())
            diags.warning(rf.where, "zone '" + id + "' is a GeometryCollection; kept its polygons, dropped " + dropped,
                          "delete the stray points or lines from the drawing");
        return multi;
    }
    diags.error(rf.where, "zone '" + id + "' is a " + std::string(geom_type_name(type)) + ", not a polygon",
                type == GeomType::line_string || type == GeomType::multi_line_string
                    ? "draw zones as polygons; a line belongs in a [[line]] table, or use it in a [[zone]] "
                      "with side = { of = ... } or buffer = { of = ..., km = ... }"
                    : "draw zones as polygons; a point belongs in a [[place]] table");
    return std::nullopt;
}

// Each zone feature refused for its id (none, or a repeated one), with the zones that claims name and no
// feature has: "give it id 'south'" says what the claim's "unknown zone 'south'" would not. Those
// ids go to `failed`, so their claims say nothing more; an id that is a slip of a known one (a typo
// in the claim) is left to the claim's own "did you mean".
void report_unidentified(const MapSpec& spec, std::vector<Diagnostic>& unidentified, const std::set<std::string>& ids,
                         std::set<std::string>& failed, Diagnostics& diags) {
    if (unidentified.empty())
        return;
    const std::vector<std::string> known(ids.begin(), ids.end());
    std::vector<std::string> orphans;
    for (const ClaimSpec& c : spec.claims)
        if (c.target == TargetKind::zone && !c.zone.empty() && !ids.count(c.zone) && !failed.count(c.zone) &&
            closest_name(c.zone, known).empty() && std::find(orphans.begin(), orphans.end(), c.zone) == orphans.end())
            orphans.push_back(c.zone);
    std::string named;
    for (const std::string& o : orphans)
        named += (named.empty() ? "'" : ", '") + o + "'";
    for (Diagnostic& u : unidentified) {
        if (orphans.size() == 1)
            u.hint += "; a [[claim]] names zone " + named + ", which no feature has: if this feature is that zone, "
                      "give it \"id\": \"" + orphans.front() + "\"";
        else if (!orphans.empty())
            u.hint += "; [[claim]]s name zones " + named + ", which no feature has: give this feature the id of "
                      "the one it is";
        diags.error(std::move(u.where), std::move(u.message), std::move(u.hint));
    }
    failed.insert(orphans.begin(), orphans.end());
}

// An edge that jumps more than 180° of longitude: a zone drawn across the 180° meridian as one ring
// (179.8 then -179.8). Read as written it runs the long way round the Earth, and the zone becomes a
// band round the globe: no error, a map of the whole world and a layout that took minutes. A polar
// cap's edges along the pole or down the 180° seam are what RFC 7946 asks for, not a jump.
std::optional<std::pair<Point, Point>> long_way_round(const LonLatGeometry& g) {
    for (const Ring& r : g.rings)
        for (std::size_t i = 1; i < r.size(); ++i) {
            const Point a = r[i - 1], b = r[i];
            const bool seam = std::abs(a.x) == 180 && std::abs(b.x) == 180;
            const bool pole = std::abs(a.y) >= 90 || std::abs(b.y) >= 90;
            if (std::abs(a.x - b.x) > 180 && !seam && !pole)
                return std::make_pair(a, b);
        }
    for (const LonLatGeometry& part : g.parts)
        if (auto edge = long_way_round(part))
            return edge;
    return std::nullopt;
}

// The error for a zone or line drawn across 180° in one piece (`what`: "zone 'vesi'"), read from `file`
// (empty: inline coordinates in map.toml).
Error across_180_error(const std::string& what, std::pair<Point, Point> edge, const Where& where,
                       const std::string& file) {
    char buf[200];
    std::snprintf(buf, sizeof buf, "an edge runs from %.10g, %.10g to %.10g, %.10g", edge.first.x, edge.first.y,
                  edge.second.x, edge.second.y);
    // Longitudes past 180 come first: citemap reads them as written, and they are what makes
    // ogr2ogr -wrapdateline split a ring. On a ring as first written, GDAL 3.6's -wrapdateline leaves
    // it whole when a vertex lies on 180 itself (audit s13 D9: Tasi), though it splits a plain square.
    const double west = std::min(edge.first.x, edge.second.x);
    char past[96];
    std::snprintf(past, sizeof past, "here %.10g as %.10g; ", west, west + 360);
    const std::filesystem::path path(file);
    const std::string split = path.stem().string() + "-split.geojson";
    const std::string then = file.empty() ? ""
                                          : ". To split it at 180\u00B0 as GeoJSON (RFC 7946) asks, run ogr2ogr "
                                            "-wrapdateline " + split + " " + path.filename().string() +
                                                " on the file so written, in the project folder, and name " + split +
                                                " in map.toml";
    return Error(where, what + " crosses the 180\u00B0 meridian in one piece: " + buf +
                            ", which as written goes the long way round the Earth",
                 "write its negative longitudes as more than 180 (" + std::string(west < 0 ? past : "") +
                     "181.5 for -178.5), so every edge is short: citemap reads them so" + then);
}

// A zone feature whose geometry holds no position. A KML names it by its placemark, as Google Earth
// lists it.
Error empty_zone_error(const RawFeature& rf) {
    const auto prop = [&](const char* key) {
        const auto it = rf.props.find(key);
        return it == rf.props.end() ? std::string() : it->second;
    };
    const std::string id = prop("id"), name = prop("name");
    std::string ext = std::filesystem::path(rf.where.file).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    const bool kml = ext == ".kml" || ext == ".kmz";
    std::string who = id.empty() ? "zone" : "zone '" + id + "'";
    if (kml && !name.empty())
        who = "placemark '" + name + "'" + (id.empty() ? "" : " (zone '" + id + "')");
    return Error(rf.where, who + " has no positions: its " + geom_type_name(rf.geom->type) + " is empty",
                 kml ? "draw the zone's outline in that placemark again (in Google Earth: Add Polygon), or delete "
                       "the placemark and the claims about it"
                     : "draw its polygon, or remove the feature and the claims about it");
}

// [[line]] / [[place]] geometry in lon/lat: inline coordinates, or the file's one feature (or the one
// whose id is the line's id).
std::optional<LonLatGeometry> feature_geometry(const FeatureSpec& fs, bool line) {
    const char* what = line ? "line" : "place";
    if (fs.file.empty()) {
        if (fs.coordinates.empty())
            return std::nullopt;
        if (!line)
            return LonLatGeometry{GeomType::point, {{{fs.coordinates[0].first, fs.coordinates[0].second}}}, {}};
        Ring ls;
        for (auto [lon, lat] : fs.coordinates)
            ls.push_back({lon, lat});
        return LonLatGeometry{GeomType::line_string, {std::move(ls)}, {}};
    }
    std::vector<RawFeature> geometryless;
    auto raw = read_vector(fs.file, fs.file_as_written, fs.layer_name, fs.where, &geometryless);
    // A feature without geometry is still one of the file's: GeoJSON readers take "coordinates": []
    // as none, and such a place was "0 features", or, beside another feature, silently that one's.
    const bool one_feature = raw.size() + geometryless.size() == 1;
    const auto has_id = [&](const RawFeature& rf) { return rf.props.count("id") && rf.props.at("id") == fs.id; };
    for (const RawFeature& rf : geometryless)
        if (one_feature || has_id(rf))
            throw Error(rf.where,
                        std::string(what) + " '" + fs.id + "' has no " + (line ? "positions" : "position") +
                            ": its feature has no geometry (in GeoJSON, \"geometry\": null, or \"coordinates\": [] "
                            "read as null)",
                        line ? "give it its positions, \"coordinates\": [[lon, lat], [lon, lat], ...], in degrees"
                             : "give it its position, \"coordinates\": [lon, lat], in degrees");
    RawFeature* pick = one_feature ? &raw.front() : nullptr;
    for (auto& rf : raw)
        if (has_id(rf))
            pick = &rf;
    if (!pick)
        throw Error(fs.where,
                    std::string(what) + " '" + fs.id + "': '" + fs.file_as_written + "' has " +
                        std::to_string(raw.size() + geometryless.size()) + " features and none with id \"" + fs.id + "\"",
                    "keep one feature in the file, or give the right one the property id = \"" + fs.id + "\"");
    const GeomType type = pick->geom->type;
    const bool ok = line ? (type == GeomType::line_string || type == GeomType::multi_line_string)
                         : (type == GeomType::point || type == GeomType::multi_point);
    if (!ok)
        throw Error(pick->where,
                    std::string(what) + " '" + fs.id + "' is a " + geom_type_name(type) + ", not a " +
                        (line ? "LineString" : "Point"),
                    line ? "draw the line as one LineString (in geojson.io: the line tool)"
                         : "mark the place as a Point");
    // Here, at the feature in its file: later, only the [[line]] or [[place]] table is known. An empty
    // one (no positions, or GDAL's reading of a NaN point) was checked, rendered and drawn nowhere.
    if (pick->geom->is_empty())
        throw Error(pick->where, std::string(what) + " '" + fs.id + "' has no positions: its " + geom_type_name(type) + " is empty",
                    line ? "give it its positions, \"coordinates\": [[lon, lat], [lon, lat], ...], in degrees"
                         : "give it its position, \"coordinates\": [lon, lat], in degrees");
    if (const RingProblem bad = ring_problem(*pick->geom))
        throw Error(pick->where, std::string(what) + " '" + fs.id + "' cannot be read: " + bad.why, bad.advice);
    return std::move(pick->geom);
}

// Zones stay inside the mapped area: clip to the outline, and say so when that changes much.
void clip_zones(const MapSpec& spec, Geography& geo, Diagnostics& diags) {
    const GeosContext& ctx = *geo.ctx;
    // "clip": "sea" (zone_clip.cpp) clips to the water with or without an outline.
    const std::optional<Water> wet = clips_to_water(geo.zones) ? water(geo) : std::nullopt;
    if (!geo.layer(LayerRole::outline))
        for (Zone& z : geo.zones)
            if (!z.derived && zone_clip(z) == ZoneClip::sea)
                clip_to_water(z, geo, wet, diags);
    if (const BaseLayer* outline = geo.layer(LayerRole::outline)) {
        std::vector<const GEOSGeometry*> parts, parts_ea;
        for (const auto& f : outline->features) {
            parts.push_back(f.geom.get());
            parts_ea.push_back(f.geom_ea.get());
        }
        // An outline of one polygon is its own union, and GEOS would only copy it (2 x 24 MB for the
        // 1 M-vertex bench outline, resident while the zones are clipped).
        const bool one = parts.size() == 1 && GEOSGeomTypeId_r(ctx.get(), parts[0]) == GEOS_POLYGON;
        GeosGeom all_owned = one ? nullptr : geom::union_all(ctx, parts);
        GeosGeom all_ea_owned = one ? nullptr : geom::union_all(ctx, parts_ea);
        const GEOSGeometry* all = one ? parts[0] : all_owned.get();
        const GEOSGeometry* all_ea = one ? parts_ea[0] : all_ea_owned.get();
        const Box land = geom::bounds(ctx, all);
        // A zone with "clip": "land" (a neighbour's enclave) is clipped to the land layers and the
        // outline together: made once, when a zone asks.
        GeosGeom ground, ground_ea;
        auto land_and_outline = [&] {
            if (!ground) {
                std::vector<const GEOSGeometry*> g, g_ea;
                for (const BaseLayer& bl : geo.layers)
                    if (bl.spec.role == LayerRole::land || bl.spec.role == LayerRole::outline)
                        for (const Feature& f : bl.features) {
                            g.push_back(f.geom.get());
                            g_ea.push_back(f.geom_ea.get());
                        }
                ground = geom::union_all(ctx, g);
                ground_ea = geom::union_all(ctx, g_ea);
            }
        };
        for (Zone& z : geo.zones) {
            const std::optional<ZoneClip> clip = z.derived ? ZoneClip::outline : zone_clip(z);
            if (!clip) {
                diags.error(z.where, "zone '" + z.id + "' has \"clip\": \"" + z.prop("clip") + "\"",
                            "use \"outline\" (the default), \"land\" (the land layers and the outline: a "
                            "neighbour's enclave), \"sea\" (the water: a zone on a lake or at sea) or \"frame\" "
                            "(not clipped)");
                continue;
            }
            if (*clip == ZoneClip::frame)
                continue;
            if (*clip == ZoneClip::sea) {
                clip_to_water(z, geo, wet, diags);
                continue;
            }
            if (*clip == ZoneClip::land)
                land_and_outline();
            const GEOSGeometry* to = *clip == ZoneClip::land ? ground.get() : all;
            const GEOSGeometry* to_ea = *clip == ZoneClip::land ? ground_ea.get() : all_ea;
            // Before clipping: whether the zone lies near the outline (at sea off it) or far away.
            const Box zb = geom::is_empty(ctx, z.geom.get()) ? Box{} : geom::bounds(ctx, z.geom.get());
            const bool near = zb.intersects(land.inflated(std::max(land.width(), land.height()) / 2));
            const double before = geom::area(ctx, z.geom_ea.get());
            // (A big outline is cut to a rectangle round the zone first: geom::intersection.)
            GeosGeom clipped = geom::polygons_only(ctx, geom::intersection(ctx, z.geom.get(), to).get());
            GeosGeom clipped_ea = geom::polygons_only(ctx, geom::intersection(ctx, z.geom_ea.get(), to_ea).get());
            const double after = geom::area(ctx, clipped_ea.get());
            if (after <= 0 && z.derived) {
                diags.error(z.where, "zone '" + z.id + "' lies entirely outside the outline layer",
                            "check the names and directions in its [[zone]] recipe");
            } else if (after <= 0) {
                const auto [message, hint] = *clip == ZoneClip::land
                                                 ? OutsideOutline{"zone '" + z.id + "' lies outside the outline and "
                                                                  "every land layer", "check the zone's coordinates"}
                                                 : outside_outline(geo, z, all, near, spec.zones_file_as_written);
                diags.error(z.where, message, hint);
            }
            // A derived zone is clipped by definition (a band along a border reaches past it).
            else if (!z.derived && before - after > 0.01 * before) {
                char km2[32];
                std::snprintf(km2, sizeof km2, "%.2f", (before - after) / 1e6);
                diags.warning(z.where,
                              "zone '" + z.id + "' extends " + km2 + " km\u00B2 beyond the " +
                                  (*clip == ZoneClip::land ? "land layers and the outline" : "outline") + "; clipped",
                              *clip == ZoneClip::land ? "redraw it on the land if the overhang was not meant"
                                                      : "redraw it inside the outline if the overhang was not meant");
            }
            z.geom = std::move(clipped);
            z.geom_ea = std::move(clipped_ea);
            z.in_outline = *clip == ZoneClip::outline;
        }
    }
}

// Whether a claim names a [[line]] that a [[zone]] recipe divides by (side, buffer): every page's frame
// then takes the line in as far as it crosses the land (layout's claimed_extent), so the union of the
// land and outline layers is the first thing each page asks.
bool claimed_line_divides(const MapSpec& spec) {
    return std::any_of(spec.claims.begin(), spec.claims.end(), [&](const ClaimSpec& c) {
        return std::any_of(spec.lines.begin(), spec.lines.end(), [&](const FeatureSpec& l) { return l.id == c.zone; }) &&
               std::any_of(spec.derived_zones.begin(), spec.derived_zones.end(), [&](const ZoneRecipe& r) {
                   return r.side_of.name == c.zone || r.buffer_of.name == c.zone;
               });
    });
}

} // namespace

Geography load_geography(const MapSpec& spec, Diagnostics& diags) {
    Geography geo;
    geo.ctx = std::make_unique<GeosContext>();
    const GeosContext& ctx = *geo.ctx;

    std::vector<RawFeature> raw_zones;
    if (!spec.zones_file.empty()) {
        std::vector<RawFeature> geometryless;
        raw_zones = read_vector(spec.zones_file, spec.zones_file_as_written, spec.zones_layer_name, spec.zones_where,
                                &geometryless);
        for (const RawFeature& rf : geometryless) {
            const auto id = rf.props.find("id");
            diags.error(rf.where,
                        "zone" + (id == rf.props.end() ? std::string() : " '" + id->second + "'") +
                            " has no geometry (null)",
                        "draw its polygon, or remove the feature and the claims about it");
            if (id != rf.props.end())
                geo.failed.insert(id->second); // no "unknown zone" for the claims about it
        }
        // A drawing with no corners (a KML placemark whose polygon lost its coordinates) is an error at
        // its feature. Left in, it framed nothing: alone, "nothing to map" named neither file nor
        // placemark, beside other zones "its points coincide or lie on one line".
        std::vector<Error> empty;
        for (auto rf = raw_zones.begin(); rf != raw_zones.end();) {
            if (!rf->geom->is_empty()) {
                ++rf;
                continue;
            }
            empty.push_back(empty_zone_error(*rf));
            if (const auto id = rf->props.find("id"); id != rf->props.end())
                geo.failed.insert(id->second);
            rf = raw_zones.erase(rf);
        }
        const bool nothing_left = raw_zones.empty() && spec.derived_zones.empty();
        for (std::size_t i = 0; i < empty.size(); ++i) {
            // With nothing else drawn the map cannot be framed: stop at the last of them.
            if (nothing_left && geometryless.empty() && i + 1 == empty.size())
                throw empty[i];
            diags.add(empty[i]);
        }
        if (nothing_left)
            throw Error(spec.zones_where, "no zones in '" + spec.zones_file_as_written + "'",
                        "draw at least one polygon");
    }
    std::vector<std::vector<RawFeature>> raw_layers;
    for (const LayerSpec& ls : spec.layers)
        raw_layers.push_back(ls.file.empty() ? std::vector<RawFeature>{}
                                             : read_vector(ls.file, ls.file_as_written, ls.layer_name, ls.where));
    // Lines and places: a bad one is reported and skipped, so the rest still loads.
    std::vector<std::pair<const FeatureSpec*, LonLatGeometry>> raw_lines, raw_places;
    for (auto [list, out, is_line] : {std::tuple{&spec.lines, &raw_lines, true},
                                      std::tuple{&spec.places, &raw_places, false}})
        for (const FeatureSpec& fs : *list) {
            try {
                if (auto g = feature_geometry(fs, is_line)) {
                    if (const auto edge = long_way_round(*g))
                        throw across_180_error(std::string(is_line ? "line '" : "place '") + fs.id + "'", *edge,
                                               fs.where, fs.file.string());
                    out->emplace_back(&fs, std::move(*g));
                }
            } catch (const Error& e) {
                diags.add(e);
                geo.failed.insert(fs.id); // its own error is enough: no "unknown name" for its users
            }
        }

    // The map is centred on what it is about: the drawn zones, or for derived zones the outline.
    LonLatExtent extent;
    add_extent(extent, raw_zones);
    for (std::size_t i = 0; i < spec.layers.size(); ++i)
        if (!spec.derived_zones.empty() && spec.layers[i].role == LayerRole::outline)
            add_extent(extent, raw_layers[i]);
    if (extent.empty()) {
        for (const auto& [fs, g] : raw_lines)
            extent.add(g);
        for (const auto& rl : raw_layers)
            add_extent(extent, rl);
    }
    if (extent.empty())
        throw Error(spec.zones_where.file.empty() ? Where{spec.file.string(), 0, 0, {}} : spec.zones_where,
                    "nothing to map: no drawn zones and no outline layer",
                    "add [zones] with a file, or a [[layer]] with role = \"outline\" for [[zone]] recipes");
    geo.lonlat_extent = extent.box();
    geo.projection = std::make_unique<Projection>(spec.crs, geo.lonlat_extent, spec.crs_where);
    geo.equal_area = std::make_unique<Projection>(Projection::equal_area(geo.lonlat_extent));

    auto project = [&](Feature& f, const LonLatGeometry& g, bool equal_area = true, const std::string& file = {}) {
        const std::string& from = file.empty() ? f.where.file : file;
        if (const RingProblem bad = ring_problem(g))
            throw Error(f.where, std::string("a ") + geom_type_name(g.type) + " that cannot be read: " + bad.why,
                        bad.advice);
        LonLatGeometry dense = g;
        densify(dense);
        auto to_map = [&] { f.geom = project_to_geos(ctx, dense, *geo.projection, f.where, from); };
        auto to_equal_area = [&] { f.geom_ea = project_to_geos(ctx, dense, *geo.equal_area, f.where, from); };
        if (equal_area && dense.wkb_size() >= kTwoThreadBytes) {
            // Both CRSs at once: each builds its own GEOS geometry from the same read-only positions.
            run_parallel({to_map, to_equal_area}, default_jobs());
            return;
        }
        to_map();
        if (equal_area)
            to_equal_area();
    };

    std::set<std::string> ids;
    // Zone features without an id of their own (none, or one used already): reported once the ids the
    // claims name are known, so a claim on the zone such a feature was meant to be is no second error.
    std::vector<Diagnostic> unidentified;
    std::map<std::string, std::string> name_of_id;
    for (auto& rf : raw_zones) {
        Zone z;
        z.props = rf.props;
        z.where = rf.where;
        z.id = z.prop("id");
        z.name = z.prop("name");
        z.part_of = z.prop("part_of");
        // A drawn zone lists them comma-separated, as a GeoJSON property holds one string.
        const std::string all = z.prop("overlaps");
        for (std::size_t at = 0; at < all.size();) {
            std::size_t end = all.find(',', at);
            if (end == std::string::npos)
                end = all.size();
            std::string id = all.substr(at, end - at);
            id.erase(0, id.find_first_not_of(' '));
            id.erase(id.find_last_not_of(' ') + 1);
            if (!id.empty())
                z.overlaps.push_back(id);
            at = end + 1;
        }
        if (z.id.empty()) {
            unidentified.push_back({Diagnostic::Level::error, rf.where, "zone has no 'id' property" + properties_it_has(rf),
                                    "give every zone feature an id such as \"rafah\" (a property named id, ID or Id)"});
            continue;
        }
        if (z.name.empty())
            diags.error(rf.where, "zone '" + z.id + "' has no 'name' property" + properties_it_has(rf),
                        "add a name to label it with (a property named name, Name or NAME)");
        if (utf8::count(z.id) > 200 || utf8::count(z.name) > 120) {
            diags.error(rf.where, "zone '" + z.id.substr(0, 60) + "' has an id or name too long for a label",
                        "keep ids under 200 and names under 120 characters");
            geo.failed.insert(z.id);
            continue;
        }
        if (const std::size_t n = vertex_count(*rf.geom); n > kMaxZoneVertices) {
            diags.error(rf.where,
                        "zone '" + z.id + "' has about " + std::to_string(n) + " vertices, more than the " +
                            std::to_string(kMaxZoneVertices) + " a map page can show",
                        "simplify it, e.g. ogr2ogr -simplify 0.0001 out.geojson zones.geojson");
            geo.failed.insert(z.id);
            continue;
        }
        if (!ids.insert(z.id).second) {
            const auto first = name_of_id.find(z.id);
            const bool copy = first != name_of_id.end() && first->second == z.name;
            unidentified.push_back({Diagnostic::Level::error, rf.where,
                                    "zone id '" + z.id + "' is used twice" +
                                        (copy ? ", both times for '" + z.name + "'"
                                         : first != name_of_id.end() && !z.name.empty()
                                             ? ": by '" + first->second + "' and by '" + z.name + "' (this one)"
                                             : std::string()),
                                    copy ? "delete this copy of the feature, or give each its own id and name"
                                         : "give each zone its own id"});
            continue;
        }
        name_of_id.emplace(z.id, z.name);
        std::optional<LonLatGeometry> g = polygonal_zone(rf, z.id, diags);
        if (!g) {
            geo.failed.insert(z.id);
            continue;
        }
        if (const RingProblem bad = ring_problem(*g)) {
            diags.error(rf.where, "zone '" + z.id + "' cannot be read: " + bad.why, bad.advice);
            geo.failed.insert(z.id);
            continue;
        }
        if (const auto edge = long_way_round(*g)) {
            diags.add(across_180_error("zone '" + z.id + "'", *edge, rf.where, rf.where.file));
            geo.failed.insert(z.id);
            continue;
        }
        project(z, *g);
        if (auto why = geom::invalid_reason(ctx, z.geom.get())) {
            if (repair_changes_area(ctx, z))
                diags.warning(rf.where,
                              "zone '" + z.id + "' is not a valid polygon: " + invalid_in_words(*why, *geo.projection) +
                                  " (lon, lat); repaired, which changes its area",
                              "fix the drawing there so the repair does not guess (a bow-tie ring becomes two "
                              "triangles meeting at the crossing)");
        }
        if (geom::area(ctx, z.geom.get()) <= 0) {
            diags.error(rf.where, "zone '" + z.id + "' has no area: its points coincide or lie on one line",
                        "draw it as a polygon around the place it stands for");
            geo.failed.insert(z.id);
            continue;
        }
        geo.zones.push_back(std::move(z));
    }

    // A zone clipped to the land layers ("clip": "land") is measured after that clip: their area too.
    const bool land_clips =
        std::any_of(geo.zones.begin(), geo.zones.end(), [](const Zone& z) { return z.prop("clip") == "land"; });
    const bool water_clips = clips_to_water(geo.zones); // the sea layers, or the land layers with none
    for (std::size_t i = 0; i < spec.layers.size(); ++i) {
        if (spec.layers[i].file.empty())
            continue; // refused or missing in map.toml, and reported there once
        BaseLayer bl{spec.layers[i], {}};
        // Equal-area geometry only where an area is measured: the outline (zones are clipped to it;
        // stats) and the features a [[check]] takes a share of, picked by the same test as in
        // project.cpp. A big base layer is then projected once, not twice.
        auto measured = [&](const Feature& f) {
            if (spec.layers[i].role == LayerRole::outline ||
                ((land_clips || water_clips) && spec.layers[i].role == LayerRole::land) ||
                (water_clips && spec.layers[i].role == LayerRole::sea))
                return true;
            return std::any_of(spec.checks.begin(), spec.checks.end(), [&](const CheckSpec& cs) {
                return !cs.share_of.empty() && (f.prop("id") == cs.share_of || f.prop("name") == cs.share_of ||
                       spec.layers[i].name == cs.share_of);
            });
        };
        std::size_t repaired = 0; // features of the layer whose repair changed their area
        for (auto& rf : raw_layers[i]) {
            Feature f;
            f.props = std::move(rf.props);
            f.where = rf.where;
            project(f, *rf.geom, measured(f));
            if (auto why = geom::invalid_reason(ctx, f.geom.get()))
                if (repair_changes_area(ctx, f) && ++repaired <= kRepairsNamed)
                    diags.warning(f.where, invalid_layer_feature(bl.spec, f, invalid_in_words(*why, *geo.projection)),
                                  bl.spec.role == LayerRole::outline
                                      ? "fix it in the file: polygons must not overlap (an island drawn inside the "
                                        "main polygon becomes a hole in it)"
                                      : "fix the drawing there so the repair does not guess (a bow-tie ring becomes "
                                        "two triangles meeting at the crossing)");
            bl.features.push_back(std::move(f));
        }
        if (repaired > kRepairsNamed)
            diags.warning(bl.spec.where,
                          std::to_string(repaired - kRepairsNamed) + " more features of layer '" +
                              bl.spec.file_as_written + "' are not valid polygons; repaired, which changes their areas",
                          "run `ogrinfo -dialect sqlite -sql \"SELECT * FROM layer WHERE NOT ST_IsValid(geometry)\"` "
                          "on the file to list them, or repair the file once with `ogr2ogr -makevalid`");
        // The outline is an area: zones are clipped to it and derived from it. Drawn as a line it
        // would make every recipe and clip fail for a reason none of their messages could name.
        if (bl.spec.role == LayerRole::outline &&
            std::none_of(bl.features.begin(), bl.features.end(),
                         [&](const Feature& f) { return geom::is_polygonal(ctx, f.geom.get()); })) {
            diags.error(bl.spec.where,
                        "the outline layer '" + bl.spec.file_as_written + "' has no polygon" +
                            (raw_layers[i].empty() ? std::string(" (no feature with a geometry)")
                                                   : ": its first feature is a " +
                                                         std::string(geom_type_name(raw_layers[i].front().geom->type))),
                        "draw the outline as a Polygon (a closed ring of [lon, lat] points)");
            geo.failed.insert("outline");
            continue;
        }
        geo.layers.push_back(std::move(bl));
        // Projected now: the lon/lat copy of a big layer need not stay resident while the rest loads.
        std::vector<RawFeature>().swap(raw_layers[i]);
    }

    for (auto [raw, out] : {std::pair{&raw_lines, &geo.lines}, std::pair{&raw_places, &geo.places}})
        for (auto& [fs, g] : *raw) {
            Zone f;
            f.id = fs->id;
            f.name = fs->name;
            f.props = fs->props;
            f.props["id"] = fs->id;
            f.props["name"] = fs->name;
            f.where = fs->where;
            project(f, g, true, fs->file.string());
            out->push_back(std::move(f));
        }
    for (const auto* list : {&geo.lines, &geo.places})
        for (const Zone& f : *list)
            if (!ids.insert(f.id).second)
                diags.error(f.where, "id '" + f.id + "' is used twice",
                            "zones, lines and places share one set of ids: give each its own");

    // The union claimed_line_divides asks for depends on the base layers alone: made on a worker while
    // the zones are derived and clipped. The pages waited for it: the first computed it, and a page
    // starting beside it waited as long (Gaza: 44 M instructions each, before any text was set).
    std::optional<GeosGeom> land;
    std::vector<std::function<void()>> alongside;
    if (claimed_line_divides(spec)) {
        for (const BaseLayer& bl : geo.layers)
            if (bl.spec.role == LayerRole::land || bl.spec.role == LayerRole::outline)
                for (const Feature& f : bl.features)
                    geom::compute_envelopes(ctx, f.geom.get()); // read by both threads from here on
        alongside.emplace_back([&] {
            try {
                GeosGeom made = geo.union_of({LayerRole::land, LayerRole::outline});
                if (made)
                    geom::compute_envelopes(ctx, made.get());
                land = std::move(made);
            } catch (...) {
                // Left to the page that asks, which reports it as before.
            }
        });
    }
    run_parallel(alongside, default_jobs(), [&] {
        derive_zones(spec, geo, ids, diags);
        report_unidentified(spec, unidentified, ids, geo.failed, diags);
        clip_zones(spec, geo, diags);
    });
    geo.zones_extent = Box{1e18, 1e18, -1e18, -1e18};
    for (const Zone& z : geo.zones)
        if (!geom::is_empty(ctx, z.geom.get()))
            geo.zones_extent.expand(geom::bounds(ctx, z.geom.get()));
    geo.index_ids();
    if (land)
        geo.keep_union(Geography::Kept::land_and_outline, std::move(*land));
    return geo;
}

} // namespace citemap

// Everything geometric about a project, in the map CRS: zones, base layers, and the projection.
#pragma once

#include "geo/geos_handle.hpp"
#include "geo/projection.hpp"
#include "spec/map_spec.hpp"

#include <array>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace citemap {

struct Feature {
    std::map<std::string, std::string> props;
    GeosGeom geom;    // map CRS
    GeosGeom geom_ea; // equal-area CRS, for areas and shares; null on base-layer features nothing measures
    Where where;
    [[nodiscard]] std::string prop(const std::string& key) const {
        auto it = props.find(key);
        return it == props.end() ? std::string{} : it->second;
    }
};

struct Zone : Feature {
    std::string id, name;
    std::string part_of; // declared nesting: drawn inside that zone, never a claims conflict with it
    std::vector<std::string> overlaps; // zones it overlaps on purpose, both claims holding: no conflict
    bool derived = false; // from a [[zone]] recipe (stats says so; nothing else needs to know)
    bool in_outline = false; // clipped to the outline layer (load_geography): it lies on the outline
    // What its [[zone]] recipe says of it against other zones (derived_zones.cpp): the derived zones it
    // was intersected with, which it lies inside (both clipped to the outline), and the zones taken out
    // of it, with which it shares no area. common_area answers such pairs without an overlay.
    std::vector<std::string> inside_of, apart_from;
};

// A [[line]] or [[place]]: same shape as a zone (id, name, geometry), but drawn as a stroke or a symbol.
using LineFeature = Zone;
using PlaceFeature = Zone;

struct BaseLayer {
    LayerSpec spec;
    std::vector<Feature> features;
};

struct Geography {
    std::unique_ptr<GeosContext> ctx;
    std::unique_ptr<Projection> projection;
    std::unique_ptr<Projection> equal_area;
    std::vector<Zone> zones;
    std::vector<LineFeature> lines;   // [[line]], map CRS
    std::vector<PlaceFeature> places; // [[place]], map CRS
    std::vector<BaseLayer> layers;
    std::set<std::string> failed; // zones named but unusable (did not load, refused): no "unknown zone" cascade
    Box zones_extent;  // map CRS
    Box lonlat_extent; // of the zones; maxx passes 180 when they cross the antimeridian

    [[nodiscard]] const Zone* zone(std::string_view id) const;
    [[nodiscard]] const LineFeature* line(std::string_view id) const;
    [[nodiscard]] const PlaceFeature* place(std::string_view id) const;
    // The zone, line or place with this id: what a [[claim]] is about.
    [[nodiscard]] const Zone* target(std::string_view id) const;
    [[nodiscard]] const BaseLayer* layer(LayerRole role) const;
    // The union of every feature of the layers with these roles (null when there are none), map CRS.
    [[nodiscard]] GeosGeom union_of(std::initializer_list<LayerRole> roles) const;
    // The vertices of the layers with these roles: what a union_of them would cost.
    [[nodiscard]] std::size_t vertices_of(std::initializer_list<LayerRole> roles) const;

    // Geometry layout asks for on every page it lays out, the same each time once loading is done:
    // made on first use and kept for the geography's life (a three-page project computed each union
    // three times, and whether each pair of zones overlaps once per page and label search). Pages are
    // laid out on threads: the first to ask computes, under a lock, and what is kept has its
    // envelopes computed, so threads only read it. The geometry must not change after the first call
    // (a changed number of zones, lines, places or features starts the kept answers over).
    enum class Kept {
        zones,            // every zone
        cited,            // every zone, [[line]] and [[place]]
        outline,          // union_of({outline})
        land_and_outline, // union_of({land, outline})
        zones_and_land,   // zones and land_and_outline
    };
    // outline, land_and_outline: null when no layer has the role, as union_of. The others are
    // geom::union_all's: empty when there is nothing to unite.
    [[nodiscard]] const GEOSGeometry* kept_union(Kept which) const;
    // A union computed ahead (load_geography), kept as kept_union would keep it: `made` must be what
    // kept_union computes, envelopes included.
    void keep_union(Kept which, GeosGeom made);
    // The area zones[a] and zones[b] have in common (map CRS): area(intersection(a, b)), kept per
    // pair and computed with the lower index first whichever way it is asked. For a pair whose recipes
    // say one lies inside the other, the smaller one's area; apart, 0 (Zone::inside_of, apart_from).
    [[nodiscard]] double common_area(std::size_t a, std::size_t b) const;
    // Whether a feature of layers[layer] meets `box` (map CRS, touching included), kept per layer and
    // box: the legend asks for every composition candidate whether a layer draws anything in the map's
    // content, and a coastline of a million vertices costs a walk over every vertex per question
    // (83 walks, half of the 1 M-vertex check).
    [[nodiscard]] bool layer_meets(std::size_t layer, const Box& box) const;
    // What no zone covers of feature `feature` of layers[layer] (map CRS): its difference with
    // kept_union(Kept::zones), kept per feature (every page's legend asks whether an outline's fill shows).
    [[nodiscard]] const GEOSGeometry* beyond_zones(std::size_t layer, std::size_t feature) const;
    // What GEOS's intersection of `g`, a geometry of this geography (a zone's, line's, place's or
    // feature's, as loaded), with any rectangle strictly around g's envelope gives: g rebuilt by the
    // overlay, kept per geometry. The overlay clips the rectangle to g's envelope grown by a tenth
    // first, whatever the rectangle, and nodes nothing of it with g, so every page whose frame holds a
    // zone whole gets the same geometry (Gaza's zones and governorates were overlaid again on each
    // page). Callers check the envelope (`strictly_around`).
    [[nodiscard]] const GEOSGeometry* within_any_box(const GEOSGeometry* g) const;
    // The convex hull of the sea, land and outline layers (their outer rings and lines), kept: every
    // page's ground asks whether its frame lies inside it (frame_ground.cpp). Null without vertices.
    [[nodiscard]] const GEOSGeometry* area_layers_hull() const;
    // Whether feature `feature` of layers[layer] reaches into the interior of zones[zone] (their
    // interiors meet), not only along or across its edge at points; kept per triple. A border the zones
    // end at (Gaza's) never does, on any page: nothing of it lies inside a zone, however near the edge.
    [[nodiscard]] bool reaches_inside(std::size_t layer, std::size_t feature, std::size_t zone) const;
    // An answer about layers[layer] seen in `box` at `scale` that layout computes (`compute`, run
    // outside the lock) and asks again for every plan of a page: kept per question, layer, box and
    // scale, as layer_meets.
    enum class LayerQuestion { meets, fill_visible };
    [[nodiscard]] bool layer_answer(LayerQuestion question, std::size_t layer, const Box& box, double scale,
                                    const std::function<bool()>& compute) const;
    // Each polygon of each feature of the land and outline layers, as the author drew them, in layer
    // and feature order: the landmasses a label can stand on. Not their union: an unclaimed island
    // overlapping two claimed ones stays an island of its own.
    [[nodiscard]] const std::vector<const GEOSGeometry*>& land_polygons() const;
    // The area zones[zone] has on land_polygons()[k] (map CRS), kept per pair. A zone that lies on a
    // polygon (zones are clipped to the outline) has its own area on it, and none on a polygon that
    // shares no area with that one, without an overlay of the zone (up to the overlay's rounding).
    [[nodiscard]] double area_on_land(std::size_t zone, std::size_t k) const;
    // Maps ids to positions once the lists are final (load_geography's end), so zone(), line(),
    // place() and target() stop searching: layout asks them inside loops over every claim or zone
    // (a 1000-zone check compared a million id strings per sheet). Before that, or when a list has
    // changed size or holds an id twice, they search the list.
    void index_ids();

    struct IdHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    using IdIndex = std::unordered_map<std::string, std::size_t, IdHash, std::equal_to<>>;
    IdIndex zone_at, line_at, place_at;

  private:
    struct KeptAnswers {
        std::mutex mutex;
        std::array<std::size_t, 4> sizes{}; // zones, lines, places, base-layer features when first asked
        bool started = false;
        std::array<std::optional<GeosGeom>, 5> unions; // by Kept
        std::map<std::pair<std::size_t, std::size_t>, double> common;
        std::map<std::pair<std::size_t, std::size_t>, GeosGeom> beyond; // by layer and feature
        std::map<std::tuple<std::size_t, std::size_t, std::size_t>, bool>
            inside;                                         // by layer, feature and zone
        std::map<const GEOSGeometry*, GeosGeom> within_box; // by the geography's own geometry
        std::optional<GeosGeom> area_hull;
        std::map<std::tuple<LayerQuestion, std::size_t, double, double, double, double, double>, bool> layer_answers;
        std::optional<std::vector<const GEOSGeometry*>> land_polygons;
        // For each land polygon, the first one with the same coordinates (a country layer's copy of the
        // outline): the area a zone has on either is computed once.
        std::vector<std::size_t> land_first_copy;
        std::map<std::pair<std::size_t, std::size_t>, double> on_land; // (zone, land polygon)
        std::map<std::size_t, std::optional<std::size_t>> land_holding; // zone -> the land polygon it lies on
        std::map<std::pair<std::size_t, std::size_t>, double> land_on_land; // area two land polygons share
    };
    // Behind a pointer: a mutex does not move, and the geography does (load_geography returns it).
    // Declared after ctx, so the kept geometry is freed while its context still exists.
    std::unique_ptr<KeptAnswers> kept_ = std::make_unique<KeptAnswers>();
    void start_over_if_changed() const;                             // with kept_->mutex held
    [[nodiscard]] const GEOSGeometry* kept_union_locked(Kept which) const; // likewise
    // For area_on_land (land polygons by their first copy): the first land polygon the zone lies on,
    // and the area two land polygons share.
    [[nodiscard]] std::optional<std::size_t> land_holding(std::size_t zone) const;
    [[nodiscard]] double land_on_land(std::size_t a, std::size_t b) const;
};

// Reads, reprojects, repairs (with a warning), derives the [[zone]] recipes (derived_zones.cpp) and
// clips the zones to the outline layer; reads [[line]] and [[place]] features.
[[nodiscard]] Geography load_geography(const MapSpec& spec, Diagnostics& diags);

} // namespace citemap

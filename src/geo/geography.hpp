// Everything geometric about a project, in the map CRS: zones, base layers, and the projection.
#pragma once

#include "geo/geos_handle.hpp"
#include "geo/projection.hpp"
#include "spec/map_spec.hpp"

#include <map>
#include <memory>
#include <set>
#include <optional>
#include <string>
#include <vector>

namespace citemap {

struct Feature {
    std::map<std::string, std::string> props;
    GeosGeom geom;    // map CRS
    GeosGeom geom_ea; // equal-area CRS, for areas and shares
    Where where;
    [[nodiscard]] std::string prop(const std::string& key) const {
        auto it = props.find(key);
        return it == props.end() ? std::string{} : it->second;
    }
};

struct Zone : Feature {
    std::string id, name;
};

struct BaseLayer {
    LayerSpec spec;
    std::vector<Feature> features;
};

struct Geography {
    std::unique_ptr<GeosContext> ctx;
    std::unique_ptr<Projection> projection;
    std::unique_ptr<Projection> equal_area;
    std::vector<Zone> zones;
    std::vector<BaseLayer> layers;
    std::set<std::string> refused; // zone ids already reported as unusable: claims on them say nothing more
    Box zones_extent;  // map CRS
    Box lonlat_extent; // of the zones

    [[nodiscard]] const Zone* zone(std::string_view id) const;
    [[nodiscard]] const BaseLayer* layer(LayerRole role) const;
};

// Reads, reprojects, repairs (with a warning) and clips the zones to the outline layer.
[[nodiscard]] Geography load_geography(const MapSpec& spec, Diagnostics& diags);

} // namespace citemap

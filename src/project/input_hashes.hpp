// SHA-256 of every file a project reads, recorded in the outputs so a map can be traced to its inputs.
#pragma once

#include "scene/scene.hpp"
#include "spec/map_spec.hpp"

#include <vector>

namespace citemap {

// map.toml, the sources, the zones and the base layers, in that order, each named as map.toml wrote it.
[[nodiscard]] std::vector<InputRecord> input_hashes(const MapSpec& spec);

} // namespace citemap

// The sides of a contested zone: each status the sources give it there, or deny it, with its claims and
// sources, for the companions and `citemap stats`, which name a contest once per zone, not once per pair.
#pragma once

#include "project/project.hpp"

#include <string>
#include <vector>

namespace citemap {

struct ContestSide {
    const StatusSpec* status = nullptr;
    bool denied = false;              // the side denies the status that another side reports
    std::vector<int> claims;          // ascending
    std::vector<std::string> sources; // the sources those claims cite, sorted, each once
};

// In map.toml's order of statuses, a status reported before the same status denied.
[[nodiscard]] std::vector<ContestSide> contest_sides(const Project& p, const Contest& c);

} // namespace citemap

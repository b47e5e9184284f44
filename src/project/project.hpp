// A loaded project: the spec, its sources, its geography, and every claim with its quotes resolved.
#pragma once

#include "geo/geography.hpp"
#include "sources/quote_resolver.hpp"
#include "sources/source_text.hpp"
#include "spec/map_spec.hpp"

#include <deque>
#include <optional>

namespace citemap {

struct Claim {
    int number = 0; // the footnote number on the map and in the panel
    const ClaimSpec* spec = nullptr;
    const StatusSpec* status = nullptr;
    std::vector<ResolvedQuote> quotes;
};

struct CheckResult {
    const CheckSpec* spec = nullptr;
    double share = 0; // zones' area / reference area, equal-area CRS
    double zones_km2 = 0, reference_km2 = 0;
    bool passed = false;
    std::vector<ResolvedQuote> quotes;
};

// Two zones whose first claims disagree on status and whose drawings overlap.
struct Conflict {
    std::string zone_a, zone_b;
    GeosGeom geom; // map CRS
    double km2 = 0;
};

struct Project {
    MapSpec spec;
    std::deque<SourceText> sources; // deque: ResolvedQuote points into it
    Geography geo;
    std::vector<Claim> claims;
    std::vector<CheckResult> checks;
    std::vector<Conflict> conflicts;

    [[nodiscard]] const SourceText* source(std::string_view id) const;
    [[nodiscard]] std::vector<const Claim*> claims_of(std::string_view zone_id) const;
};

// Loads and validates everything; problems go to diags (check prints them all). Returns nullopt when
// an error makes the rest meaningless.
[[nodiscard]] std::optional<Project> load_project(const std::filesystem::path& dir, Diagnostics& diags);

} // namespace citemap

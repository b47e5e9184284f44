// A loaded project: the spec, its sources, its geography, and every claim with its quotes resolved.
#pragma once

#include "geo/geography.hpp"
#include "sources/quote_resolver.hpp"
#include "sources/source_text.hpp"
#include "spec/map_spec.hpp"

#include <deque>
#include <optional>
#include <unordered_map>

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
    std::string inner; // zone_a or zone_b when it lies (nearly) wholly inside the other; else empty
    GeosGeom geom; // map CRS
    double km2 = 0;
};

// One zone given different statuses by two reported claims that cite no source in common (neither
// status compatible_with the other), or a status reported by one source and denied by another: sources
// contradict each other about the same ground, and the map hatches the zone as contested, as it
// hatches conflicting overlaps.
struct Contest {
    std::string zone;
    std::vector<std::pair<int, int>> claims; // the claim numbers of each disagreeing pair
};

struct Project {
    MapSpec spec;
    std::deque<SourceText> sources; // deque: ResolvedQuote points into it
    Geography geo;
    std::vector<Claim> claims;
    std::vector<CheckResult> checks;
    std::vector<Conflict> conflicts;
    std::vector<Contest> contests;

    [[nodiscard]] const SourceText* source(std::string_view id) const;
    [[nodiscard]] std::vector<const Claim*> claims_of(std::string_view zone_id) const;
    // Claims by what they are about, in claim order, once `claims` is final (load_project): layout
    // asks claims_of for every zone, and searching every claim each time was quadratic in their
    // number. Not indexed (or `claims` changed since): claims_of searches.
    void index_claims();
    std::unordered_map<std::string, std::vector<std::size_t>, Geography::IdHash, std::equal_to<>> claims_at;
    std::size_t claims_indexed = 0; // claims.size() when indexed
};

// Whether two statuses can hold on the same ground at once: the same, or one compatible_with the other.
[[nodiscard]] bool statuses_compatible(const StatusSpec& a, const StatusSpec& b);
// The numbers of the claims that contradict claim `c` on its zone (Contest), in claim order.
[[nodiscard]] std::vector<int> contested_by(const Project& p, const Claim& c);

// What a check's text claims, for reports: "about 36.0 % (±3.0)", "at least 50.0 %", "33.0–39.0 %".
[[nodiscard]] std::string claimed_share(const CheckSpec& c);
// One line naming a check by its map.toml line and quote, with the share drawn beside the text's:
// check map.toml:112 "over half of Gaza’s coastal territory": passed, drawn 56.1 % of 'Gaza Strip'
// (204.2 of 363.9 km²); the text: at least 50.0 %
[[nodiscard]] std::string describe_check(const Project& p, const CheckResult& r);

// Loads and validates everything; problems go to diags (check prints them all). Returns nullopt when
// an error makes the rest meaningless.
[[nodiscard]] std::optional<Project> load_project(const std::filesystem::path& dir, Diagnostics& diags);

} // namespace citemap

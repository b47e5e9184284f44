// An [[output]] that shows some of the project: `zones = [...]` names the zones, lines and places it
// draws, each with its claims.
#pragma once

#include "project/project.hpp"

namespace citemap {

// Errors at map.toml:line:column for ids in an [[output]]'s `zones` that name no zone, line or place
// (with the closest known id and the list), and for an output whose zones carry no claim.
void check_output_zones(const Project& p, Diagnostics& diags);

// Leaves in `p` only what `output.zones` names and the claims about it (all of it when the list is
// empty). Claims keep their numbers, which the companions (article.html, citations.md) list for the
// whole project; colours stay those settled for the whole project, so every output agrees.
void keep_output_zones(Project& p, const OutputSpec& output);

// The zones, lines and places `p`'s claims are about, each with its claims, in the order of their first
// claim: what an [[output]]'s zones = [...] can share out between pages.
[[nodiscard]] std::vector<std::pair<std::string, std::vector<const Claim*>>> claims_by_item(const Project& p);

} // namespace citemap

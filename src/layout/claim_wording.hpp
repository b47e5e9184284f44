// How a claim is named in the citation list, tooltips and the legend: the modality leads when the text
// does not simply report the status, and a zone named like its status is not named twice.
#pragma once

#include "core/panel_words.hpp"
#include "project/project.hpp"

#include <string>

namespace citemap {

// In the project's `lang`: "Harl post: Staffed by the mission", "Denied by the Northern Council: Harl post — Staffed by the
// mission", "Plan: Buffer zone — Joint patrols", "Buffer zone" (zone name == status label).
[[nodiscard]] std::string claim_title(const Project& p, const Claim& c);
// A legend row's words for a status under a modality; denials name who denies (separated by "; ").
[[nodiscard]] std::string legend_wording(const StatusSpec& status, Modality m, const std::string& deniers,
                                         const PanelWords& words = english_words());

} // namespace citemap

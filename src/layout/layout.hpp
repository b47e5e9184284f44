// Project + page -> Scene: the one place that decides where everything goes.
#pragma once

#include "layout/page.hpp"
#include "project/project.hpp"
#include "scene/scene.hpp"

#include <optional>
#include <string>

namespace citemap {

struct LayoutOptions {
    std::string html_companion = "article.html"; // SVG markers link here; empty: no links
    std::string date_iso;                        // document date (SOURCE_DATE_EPOCH or source date)
    std::optional<LabelLanguages> labels;        // this output's override of the project's
    std::string theme;                           // likewise
};

[[nodiscard]] Scene layout_map(const Project& project, const PageSize& page, const LayoutOptions& options);

} // namespace citemap

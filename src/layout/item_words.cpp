// The page's items as the layout-quality problems name them to the author: "the scale bar of detail
// inset 2", "zone 'hills' (Northern hills)", not the SVG ids ("detail-2-scale-bar",
// "detail-2-zone-hills") that a refusal printed (audit s15 D1).
#include "layout/layout_quality.hpp"

#include <array>
#include <utility>

namespace citemap {

namespace {

// A zone, [[line]] or [[place]] by its id as map.toml writes it, with its name when the project has it.
std::string feature_words(const std::string& id, const Project* project) {
    if (!project)
        return "'" + id + "'";
    for (const auto& [list, kind] : {std::pair{&project->geo.zones, "zone"}, std::pair{&project->geo.lines, "line"},
                                     std::pair{&project->geo.places, "place"}})
        for (const Zone& f : *list)
            if (f.id == id)
                return std::string(kind) + " '" + id + "'" + (f.name.empty() || f.name == id ? "" : " (" + f.name + ")");
    return "'" + id + "'";
}

} // namespace

std::string zone_words(const std::string& id, const Project* project) {
    const std::string w = feature_words(id, project);
    return w.front() == '\'' ? "zone " + w : w;
}

std::string item_words(const std::string& id, const Project* project) {
    // Named members, not a structured binding: clang 14 cannot capture a binding in the lambdas below.
    const auto split = split_prefix(id);
    const auto& prefix = split.first;
    const auto& own = split.second;
    // "detail-2-" -> " of detail inset 2" for its furniture, " in detail inset 2" for the rest.
    const std::string inset = prefix.empty() ? "" : "detail inset " + prefix.substr(7, prefix.size() - 8);
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 9> furniture{{
        {"scale-bar", "the scale bar"},
        {"scale-strip", "the band under the scale bar"},
        {"north-arrow", "the north arrow"},
        {"inset", "the locator map"},
        {"legend", "the legend"},
        {"title-block", "the title"},
        {"credits", "the credits"},
        {"map-frame", "the map frame"},
        {"frame", "the frame"},
    }};
    for (const auto& [key, words] : furniture)
        if (own == key)
            return std::string(words) + (inset.empty() ? "" : " of " + inset);
    std::string words;
    auto kind = [&](std::string_view head) { return own.rfind(head, 0) == 0; };
    // A badge's id ends in its claim number: "marker-hills-8".
    auto badge = [&](std::size_t head) {
        const auto dash = own.rfind('-');
        return dash == std::string::npos || dash < head ? own
                                                        : "badge " + own.substr(dash + 1) + " of " +
                                                              feature_words(own.substr(head, dash - head), project);
    };
    if (kind("zone-"))
        words = zone_words(own.substr(5), project);
    else if (kind("label-"))
        words = "the name of " + feature_words(own.substr(6), project);
    else if (kind("marker-"))
        words = badge(7);
    else if (kind("partmark-"))
        words = "the far part's " + badge(9);
    else if (kind("leader-"))
        words = "the leader of " + feature_words(own.substr(7), project);
    else if (kind("line-") || kind("place-"))
        words = feature_words(own.substr(own.find('-') + 1), project);
    else if (kind("locality-dot-"))
        words = "the dot of town " + own.substr(13);
    else if (kind("locality-"))
        words = "the name of town " + own.substr(9);
    else if (kind("area-"))
        words = "the name " + own.substr(5);
    else
        words = own;
    return words + (inset.empty() ? "" : " in " + inset);
}

} // namespace citemap

// Advice for a page no layout passes. The old advice named `panel = "below"` and `"beside"` even when
// `auto` had drawn both, and "a larger page" without knowing that one would do (audit-8-s10).
#include "layout/page_advice.hpp"

#include "core/error.hpp"
#include "project/project.hpp"

namespace citemap {

namespace {

// "a", "a or b", "a, b, or c" (with "and" for `joined_by`)
std::string listed(const std::vector<std::string>& parts, const std::string& joined_by = "or") {
    std::string s;
    for (std::size_t i = 0; i < parts.size(); ++i)
        s += (i == 0 ? "" : i + 1 < parts.size() ? ", " : parts.size() > 2 ? ", " + joined_by + " " : " " + joined_by + " ") + parts[i];
    return s;
}

// The first of larger_pages(page) that lays out and passes, and the ones refused before it.
std::optional<PageSize> first_larger_page_that_passes(const Project& p, const PageSize& page, const LayoutOptions& options,
                                                      std::vector<std::string>& refused) {
    LayoutOptions quiet = options;
    quiet.find_larger_page = false;
    quiet.diagnostics = nullptr;
    quiet.counts = nullptr;
    for (const PageSize& larger : larger_pages(page)) {
        try {
            (void)layout_sheets(p, larger, quiet);
            return larger;
        } catch (const Error&) {
            refused.push_back(larger.name);
        }
    }
    return std::nullopt;
}

} // namespace

std::string refused_page_advice(const Project& p, const PageSize& page, const LayoutOptions& options,
                                TriedPlacements tried) {
    const bool cli = options.page_from_command_line;
    std::vector<std::string> parts;
    std::vector<std::string> refused;
    const std::optional<PageSize> larger =
        options.find_larger_page ? first_larger_page_that_passes(p, page, options, refused) : std::nullopt;
    if (larger)
        parts.push_back((cli ? "use --page " + larger->name : "use page = \"" + larger->name + "\" in this [[output]]") +
                        " (laid out and checked: the map and its panels pass there)");
    else if (!refused.empty())
        parts.push_back(std::string(cli ? "use a --page" : "use a page") + " larger than " + refused.back() + " (" +
                        listed(refused, "and") + (refused.size() > 1 ? " were" : " was") + " laid out and refused too)");
    else
        parts.push_back(cli ? "use a larger --page" : "use a larger page");
    // A placement the search drew is no advice: `auto` draws the plans each would (layout_sheets).
    if (!tried.below)
        parts.push_back(cli ? "--panel below" : "`panel = \"below\"` in this [[output]]");
    if (!tried.beside)
        parts.push_back(cli ? "--panel beside" : "`panel = \"beside\"` in this [[output]]");
    // Fewer claims: an [[output]]'s `zones` shows some zones with their claims (output_subset.hpp).
    if (p.claims.size() > 1 && p.claims.size() < p.spec.claims.size())
        parts.push_back("fewer zones in this [[output]]'s zones = [...] (it shows " + std::to_string(p.claims.size()) +
                        " of the project's " + std::to_string(p.spec.claims.size()) + " claims)");
    else if (p.claims.size() > 1)
        parts.push_back(cli ? "fewer claims per page: [[output]]s in map.toml with zones = [...] show the zones, lines "
                              "and places each names, with their claims"
                            : "fewer claims per page: zones = [...] in this [[output]] shows only the zones, lines and "
                              "places it names, with their claims (" +
                                  std::to_string(p.claims.size()) +
                                  " claims now); several [[output]]s can share them out");
    return listed(parts);
}

} // namespace citemap

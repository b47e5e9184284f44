// Project + page -> Scene: the one place that decides where everything goes.
#pragma once

#include "layout/page.hpp"
#include "project/project.hpp"
#include "scene/scene.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace citemap {

// Where the title, legend and citations go: the composition search chooses, or the output says.
enum class PanelPlacement { automatic, beside, below };

// An [[output]]'s `panel` ("beside", "below", or empty/"auto") as a placement.
[[nodiscard]] inline PanelPlacement panel_placement(const std::string& panel) {
    return panel == "beside" ? PanelPlacement::beside : panel == "below" ? PanelPlacement::below : PanelPlacement::automatic;
}

struct LayoutOptions {
    std::string html_companion = "article.html"; // SVG markers link here; empty: no links
    std::string date_iso;                        // document date (SOURCE_DATE_EPOCH or source date)
    std::optional<LabelLanguages> labels;        // this output's override of the project's
    std::string theme;                           // likewise
    PanelPlacement panel = PanelPlacement::automatic;
    bool page_from_command_line = false; // --page: advice names --panel, not this [[output]]'s keys
    // A refused page's advice names a larger page (larger_pages) that was laid out and passed. Up to
    // three more layouts, each of which may be refused slowly: for the commands a person reads, not
    // for tests of layout alone (the layout suite ran past its timeout with it on, 4d9bbf0).
    bool find_larger_page = false;
    // Threads that search may lay out its pages on (page_advice.cpp): the advice is the same for any.
    unsigned jobs = 1;
    Diagnostics* diagnostics = nullptr; // warnings (a dropped rank-1 town label); may be null
    bool exhaustive = false; // lay out every composition candidate first (tests: the lazy search's choice is the same)
    // What the composition search did, when set: the candidates it had, how many it laid out (the
    // others were ruled out by their score bound) and how many it drew in full (a drawn plan that
    // fails the layout-quality check makes way for the next).
    struct SearchCounts {
        std::size_t candidates = 0, laid_out = 0, drawn = 0;
    };
    SearchCounts* counts = nullptr;
    // Only the map sheet is wanted (layout_map, a page laid out to see whether it passes): further
    // sheets are flowed to count them and to refuse a claim taller than a column, as when they are
    // set, but not set. Setting them was 3 % of the 1000-zone check.
    bool map_sheet_only = false;
    // Set to how many sheets the page runs to, counted as map_sheet_only counts them: page advice
    // prefers, of the pages it laid out, one that needs no more sheets than the best.
    std::size_t* sheet_count = nullptr;
    // The page's project with only the zones, lines and places `ids` names and their claims (as an
    // [[output]]'s zones = [...] shows them; cli's project_of_output loads it again), for a refused
    // page's advice to lay out before it suggests fewer claims per page. Unset: suggested untried.
    std::function<Project(const std::vector<std::string>& ids)> subset;
};

// The map page, then further sheets when the citations do not all fit beside the map. Throws Error
// naming the page and what to change when the page cannot hold the map legibly.
[[nodiscard]] std::vector<Scene> layout_sheets(const Project& project, const PageSize& page,
                                               const LayoutOptions& options);

// layout_sheets in its two steps, which a caller with several pages may run on different threads
// (check: three pages on two threads left one thread with two): the composition search up to the
// plan to draw first, then draw(), which draws plans until one passes the layout-quality check.
// Each step throws what layout_sheets would; the project must outlive both.
class PageLayout {
  public:
    PageLayout(const Project& project, const PageSize& page, const LayoutOptions& options);
    PageLayout(const PageLayout&) = delete;
    PageLayout& operator=(const PageLayout&) = delete;
    ~PageLayout();
    [[nodiscard]] std::vector<Scene> draw();

  private:
    struct Search;
    std::unique_ptr<Search> search_;
};
// The first sheet only.
[[nodiscard]] Scene layout_map(const Project& project, const PageSize& page, const LayoutOptions& options);

// Computes ahead the area every two zones whose boxes meet have in common (Geography::common_area),
// which the drawing of every page asks for (overlap_order), for a thread that would otherwise wait
// for the first page's composition search: the first page drawn computed it (Gaza: 28 M instructions
// of 9 overlays). Not the union of the zones the map's labels ask for: it is made under the
// geography's lock, and a search asking any kept answer meanwhile would wait for it.
void prepare_zone_overlaps(const Project& project);

} // namespace citemap

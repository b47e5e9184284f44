// The refused page's search for a larger page that passes: how many pages it lays out, and that the page
// it names passes (least_page_that_passes).
#include "layout/page_advice.hpp"

#include "test_support.hpp"

#include <set>

namespace citemap {
namespace {

// Pages 10 mm wider than 100 mm per step, with a pass rule over their widths; counts the pages asked.
struct Series {
    std::function<bool(int width)> passes_at;
    std::set<int> asked;
    std::optional<PageSize> advised(int& layouts) {
        std::vector<std::string> refused;
        const auto page_of = [](int k) { return parse_page(std::to_string(100 + 10 * k) + "x70mm"); };
        const PagePasses passes = [&](const PageSize& page, PanelPlacement) {
            asked.insert(static_cast<int>(page.width_mm));
            return passes_at(static_cast<int>(page.width_mm));
        };
        const std::optional<PageSize> page = least_page_that_passes(page_of, passes, PanelPlacement::automatic, refused);
        layouts = static_cast<int>(asked.size());
        return page;
    }
};

TEST_CASE("a refused postcard's advice bisects up from the last refused page instead of scanning every step") {
    // f-calder's postcard: 190 mm and wider pass. The scan of the steps skipped below the first pass
    // laid out 11 pages (each a refused page's whole search, 4 s); doubling then bisection, 8.
    Series s{[](int w) { return w >= 190; }, {}};
    int layouts = 0;
    const std::optional<PageSize> page = s.advised(layouts);
    REQUIRE(page);
    CHECK(page->width_mm == doctest::Approx(190));
    CHECK(layouts <= 8);
}

TEST_CASE("the page advised passes where passing is not monotonic in the width") {
    // c-marrow at 90 mm: 140 and 150 pass, 160 to 180 not, 250 does. The page named must be one laid out
    // that passed (following the advice works), in as few layouts.
    Series s{[](int w) { return (w >= 140 && w <= 150) || w >= 190; }, {}};
    int layouts = 0;
    const std::optional<PageSize> page = s.advised(layouts);
    REQUIRE(page);
    CHECK(s.passes_at(static_cast<int>(page->width_mm)));
    CHECK(s.asked.count(static_cast<int>(page->width_mm)) == 1);
    CHECK(layouts <= 7);
}

} // namespace
} // namespace citemap

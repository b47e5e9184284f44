// citations_placed must say exactly where panel_citations stops, with and without the line counts kept
// between calls (CitationLines): the map sheet's count of continuation sheets is flowed with it, and
// the sheets themselves with panel_citations. Widths from a narrow column to a page, one to three
// columns, heights from too low for one claim to the whole list, every kind of starting claim, and
// both the map sheet's and a further sheet's note ("continue on sheet N").
#include "core/error.hpp"
#include "layout/invented_project.hpp"
#include "layout/layout_context.hpp"
#include "layout/page.hpp"
#include "layout/theme.hpp"
#include "render/svg_writer.hpp"
#include "test_support.hpp"

#include <random>

using namespace citemap;

TEST_CASE("citations_placed stops where panel_citations stops") {
    test::TempDir tmp("placed");
    std::mt19937 rng(11);
    int stopped_early = 0, compared = 0;
    for (const bool long_quotes : {false, true}) {
        test::Invented v;
        v.name = long_quotes ? "long quotes" : "short quotes";
        v.zones = 24;
        v.claims = 130; // three-digit badges widen
        v.long_quotes = long_quotes;
        const Project p = test::load_clean(test::write_invented(tmp.path / v.name, v));
        const LayoutOptions options;
        for (const double scale : {0.8, 1.0, 1.3}) {
            Scene scene;
            LayoutContext lc(p, options, make_theme("default"), 1.0, make_fonts(1.0, scale), scene, Placer({0, 0, 800, 600}));
            CitationLines kept; // shared by every call at this scale, as the sheet count shares it
            for (int i = 0; i < 150; ++i) {
                // Mostly widths met before (the kept counts are used), some new (they start over).
                static const double kWidths[] = {150, 333.3, 610, 1020};
                const double width = rng() % 4 == 0 ? std::uniform_real_distribution<double>(120, 1100)(rng) : kWidths[rng() % 4];
                const int columns = 1 + static_cast<int>(rng() % 3);
                const std::size_t first = rng() % 3 == 0 ? 0 : rng() % p.claims.size();
                const double height = std::uniform_real_distribution<double>(20, 2500)(rng);
                const bool last = rng() % 4 != 0;
                lc.sheet = rng() % 2 == 0 ? 1 : 2 + rng() % 9;
                lc.sheets_after = [](std::size_t at) { return 1 + at % 4; };
                CAPTURE(width);
                CAPTURE(columns);
                CAPTURE(first);
                CAPTURE(height);
                const CitationFlow flow = panel_citations(lc, width, columns, first, height, last);
                CHECK(citations_placed(lc, width, columns, first, height, last) == flow.placed);
                CHECK(citations_placed(lc, width, columns, first, height, last, &kept) == flow.placed);
                ++compared;
                stopped_early += first + flow.placed < p.claims.size() ? 1 : 0;
            }
        }
    }
    // The cases reach both ends: lists that stop (with their note) and lists that end.
    CHECK(stopped_early > compared / 4);
    CHECK(stopped_early < compared);
}

// layout_map (check, and a page laid out only to see whether it passes) counts the further sheets
// instead of setting them: its map sheet must be the one layout_sheets draws, sheet count and all,
// and a claim taller than a further sheet's column must be refused with the same words.
TEST_CASE("layout_map draws layout_sheets' map sheet without setting the further sheets") {
    test::TempDir tmp("map-sheet");
    test::Invented v;
    v.name = "many claims";
    v.zones = 24;
    v.claims = 130;
    const Project p = test::load_clean(test::write_invented(tmp.path / v.name, v));
    const PageSize page = *parse_page("a5-landscape");
    const std::vector<Scene> sheets = layout_sheets(p, page, {});
    REQUIRE(sheets.size() > 2); // the map sheet names the further sheets it continues on
    CHECK(render_svg(layout_map(p, page, {})) == render_svg(sheets.front()));

    v.name = "long quotes";
    v.long_quotes = true;
    v.claims = 40;
    const Project q = test::load_clean(test::write_invented(tmp.path / v.name, v));
    const PageSize tiny = *parse_page("90x60mm");
    std::string set, counted;
    try {
        (void)layout_sheets(q, tiny, {});
    } catch (const Error& e) {
        set = e.format();
    }
    try {
        (void)layout_map(q, tiny, {});
    } catch (const Error& e) {
        counted = e.format();
    }
    CHECK(!set.empty());
    CHECK(counted == set);
}

// The composition search lays out candidates lazily, in order of a bound on their score: it must
// choose exactly what laying out every candidate chooses, on every page size and panel placement.
#include "layout/invented_project.hpp"
#include "layout/layout.hpp"
#include "render/svg_writer.hpp"
#include "test_support.hpp"

#include <array>
#include <thread>

using namespace citemap;

namespace {

// The choice, as drawn: the first sheet's SVG and the number of sheets (or the error's message).
std::string outcome(const Project& p, const PageSize& page, LayoutOptions o, bool exhaustive) {
    o.exhaustive = exhaustive;
    try {
        const std::vector<Scene> sheets = layout_sheets(p, page, o);
        return std::to_string(sheets.size()) + " sheets\n" + render_svg(sheets.front(), {true, false});
    } catch (const Error& e) {
        return "error: " + e.message();
    }
}

} // namespace

TEST_CASE("the lazy composition search picks what the exhaustive one picks") {
    const std::vector<std::string> pages = {"a4-landscape", "a4-portrait", "a3-landscape", "a5-portrait",
                                            "letter-landscape", "170mm",  "120mm",        "300x120mm",
                                            "120x300mm"};
    int compared = 0, errors = 0;
    for (const char* name : {"gaza-2025-11", "example-brenna", "example-solund"}) {
        const Project p = test::load_clean(test::source_root() / "geodata" / name);
        for (const std::string& page_name : pages)
            for (PanelPlacement panel : {PanelPlacement::automatic, PanelPlacement::below}) {
                LayoutOptions o;
                o.date_iso = "2025-11-12T00:00:00Z";
                o.panel = panel;
                CAPTURE(name);
                CAPTURE(page_name);
                const std::string lazy = outcome(p, *parse_page(page_name), o, false);
                CHECK(lazy == outcome(p, *parse_page(page_name), o, true));
                errors += lazy.rfind("error: ", 0) == 0;
                ++compared;
            }
    }
    CHECK(compared == 54);
    CHECK(errors < compared / 2); // mostly real layouts, not two identical refusals
}

TEST_CASE("a page searched on one thread and drawn on another is the page layout_sheets lays out") {
    // check runs a page's composition search and its drawing as two tasks (PageLayout), which may run
    // on different threads: the drawing thread's text engine and GEOS handle are not the search's, and
    // the drawing starts from the plan the search chose. Pages that pass, one whose drawn plans all
    // fail the layout-quality check (Solund at 60 mm: Gaza's 60 mm figure passes since band labels),
    // and one refused by the search.
    const Project gaza = test::load_clean(test::source_root() / "geodata" / "gaza-2025-11");
    const Project solund = test::load_clean(test::source_root() / "geodata" / "example-solund");
    int errors = 0;
    for (const auto& [project, name] : {std::pair{&gaza, "a4-landscape"}, std::pair{&gaza, "170mm"},
                                        std::pair{&gaza, "a3-portrait"}, std::pair{&solund, "60mm"},
                                        std::pair{&gaza, "90x50mm"}}) {
        const Project& p = *project;
        const std::string page_name = name;
        LayoutOptions o;
        o.date_iso = "2025-11-12T00:00:00Z";
        const PageSize page = *parse_page(page_name);
        std::string split;
        try {
            PageLayout searched(p, page, o);
            std::thread([&] {
                try {
                    const std::vector<Scene> sheets = searched.draw();
                    split = std::to_string(sheets.size()) + " sheets\n" + render_svg(sheets.front(), {true, false});
                } catch (const Error& e) {
                    split = "error: " + e.message();
                }
            }).join();
        } catch (const Error& e) {
            split = "error: " + e.message();
        }
        CAPTURE(page_name);
        CHECK(split == outcome(p, page, o, false));
        errors += split.rfind("error: ", 0) == 0;
    }
    CHECK(errors == 2);
}

TEST_CASE("candidates ruled out before their text is laid out change no choice, on invented projects") {
    // The lazy search rules out candidates from what the text engine already knows (the lines of
    // the citations' wraps at wider columns, the legend's height on a figure) without wrapping their
    // citations; the exhaustive one lays every candidate out in full. Invented projects with long
    // quotes and many claims put those rules at their limits: citations that almost fit beside the
    // map, figures whose citations may or may not go to the caption.
    test::TempDir tmp("search");
    int compared = 0;
    for (int i = 0; i < 4; ++i) {
        test::Invented v;
        v.name = "search-" + std::to_string(i);
        v.land = std::array{test::Land::wide, test::Land::tall, test::Land::square, test::Land::wide}[static_cast<std::size_t>(i)];
        v.zones = 3 + 2 * i;
        v.claims = std::array{5, 9, 14, 22}[static_cast<std::size_t>(i)];
        v.long_quotes = i % 2 == 0;
        const Project p = test::load_clean(test::write_invented(tmp.path / v.name, v));
        for (const char* page_name : {"a4-landscape", "a4-portrait", "170mm", "120mm", "300x120mm"}) {
            LayoutOptions o;
            o.date_iso = "2025-11-12T00:00:00Z";
            CAPTURE(v.name);
            CAPTURE(page_name);
            CHECK(outcome(p, *parse_page(page_name), o, false) == outcome(p, *parse_page(page_name), o, true));
            ++compared;
        }
    }
    CHECK(compared == 20);
}

TEST_CASE("the composition search stops once no candidate left can outscore the best fitting one") {
    // Candidates are laid out in order of their score bound: on pages with room for everything most
    // are never laid out (each costs a wrap of every citation at its own width). The counts come
    // from the search itself; `meson test --benchmark`-style figures, asserted loosely.
    const Project p = test::load_clean(test::source_root() / "geodata" / "gaza-2025-11");
    for (const char* name : {"a4-landscape", "a3-portrait"}) {
        LayoutOptions o;
        o.date_iso = "2025-11-12T00:00:00Z";
        LayoutOptions::SearchCounts counts;
        o.counts = &counts;
        (void)layout_sheets(p, *parse_page(name), o);
        MESSAGE(std::string(name) << ": " << counts.laid_out << " of " << counts.candidates << " candidates laid out, "
                                  << counts.drawn << " drawn");
        CAPTURE(name);
        CHECK(counts.candidates > 100);
        // Most candidates are ruled out by their bound: beside the map on the landscape page, and on
        // the portrait one, where large text leaves the map only a band (below_score_bound).
        CHECK(counts.laid_out * 2 < counts.candidates);
        CHECK(counts.drawn >= 1);
    }
}

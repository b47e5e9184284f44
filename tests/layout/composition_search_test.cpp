// The composition search lays out candidates lazily, in order of a bound on their score: it must
// choose exactly what laying out every candidate chooses, on every page size and panel placement.
#include "layout/layout.hpp"
#include "render/svg_writer.hpp"
#include "test_support.hpp"

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
        // The landscape page has room beside the map: most candidates are ruled out by their bound.
        CHECK(counts.laid_out * (name == std::string("a4-landscape") ? 2 : 1) < counts.candidates);
        CHECK(counts.drawn >= 1);
    }
}

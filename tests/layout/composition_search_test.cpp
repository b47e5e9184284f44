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

// The composition search keeps the title, credits and legend it sets (PanelBlocks): a kept block must
// be the one its context would set, whatever was asked before, for every type size, width, legend
// wording and content a page's candidates ask with.
#include "layout/invented_project.hpp"
#include "layout/layout_context.hpp"
#include "layout/panel_blocks.hpp"
#include "layout/theme.hpp"
#include "render/svg_writer.hpp"
#include "test_support.hpp"

#include <random>

using namespace citemap;

namespace {

// A block as drawn, at the page's origin.
std::string drawn(const Item& item) {
    Scene scene;
    scene.width = 800;
    scene.height = 600;
    scene.layer("panel", "Panel").items.push_back(item);
    return render_svg(scene, {true, false});
}

} // namespace

TEST_CASE("a kept panel block is the one its context sets") {
    test::TempDir tmp("blocks");
    test::Invented v;
    v.name = "blocks";
    v.tiny = true; // a zone small enough that the legend sizes a square row for some contents
    const Project p = test::load_clean(test::write_invented(tmp.path / v.name, v));
    const LayoutOptions options;
    PanelBlocks blocks;
    std::mt19937 rng(5);
    const Box content = p.geo.zones_extent.inflated(p.geo.zones_extent.width());
    int asked = 0, repeated = 0;
    std::set<std::string> seen;
    for (int i = 0; i < 240; ++i) {
        // Few values of each, so that most questions were asked before in another context.
        static const double kScales[] = {0.8, 1.0, 1.45};
        static const double kWidths[] = {180, 260, 515.5};
        const double scale = kScales[rng() % 3], width = kWidths[rng() % 3];
        Scene scene;
        LayoutContext lc(p, options, make_theme("default"), 1.0, make_fonts(1.0, scale), scene,
                         Placer({0, 0, rng() % 2 ? 842.0 : 421.0, 595}));
        lc.citations_at = rng() % 2 ? "below" : "at right";
        lc.citations_continue = rng() % 2 == 0;
        if (rng() % 2)
            lc.content = content;
        const int kind = static_cast<int>(rng() % 3);
        CAPTURE(kind);
        CAPTURE(scale);
        CAPTURE(width);
        CAPTURE(lc.citations_at);
        CAPTURE(lc.citations_continue);
        const std::string kept = drawn(kind == 0 ? blocks.title(lc, width) : kind == 1 ? blocks.credits(lc, width) : blocks.legend(lc, width));
        const std::string fresh = drawn(kind == 0 ? panel_title(lc, width) : kind == 1 ? panel_credits(lc, width) : panel_legend(lc, width));
        CHECK(kept == fresh);
        ++asked;
        repeated += seen.insert(std::to_string(kind) + "|" + fresh).second ? 0 : 1;
    }
    // Most answers came from what was kept, and the legend's wordings and contents told apart.
    CHECK(repeated > asked / 2);
    CHECK(seen.size() > 12);
}

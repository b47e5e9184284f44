// Arabic names are shaped (letters join) and run right to left, in every backend.
#include "layout/layout.hpp"
#include "render/cairo_renderer.hpp"
#include "render/svg_writer.hpp"
#include "test_support.hpp"
#include "text/pango_text.hpp"

#include <cstdio>
#include <set>

using namespace citemap;

namespace {

std::vector<PangoGlyph> glyphs_of(const std::string& text) {
    PangoLayoutPtr layout = text_engine().layout(text, Font{});
    std::vector<PangoGlyph> out;
    PangoLayoutIter* it = pango_layout_get_iter(layout.get());
    do {
        if (PangoLayoutRun* run = pango_layout_iter_get_run_readonly(it))
            for (int i = 0; i < run->glyphs->num_glyphs; ++i)
                out.push_back(run->glyphs->glyphs[i].glyph);
    } while (pango_layout_iter_next_run(it));
    pango_layout_iter_free(it);
    return out;
}

} // namespace

TEST_CASE("Arabic letters take their joined forms and the run is right to left") {
    const std::string word = "\u063A\u0632\u0629"; // غزة
    const auto joined = glyphs_of(word);
    REQUIRE(joined.size() == 3);
    std::set<PangoGlyph> isolated;
    for (const char* letter : {"\u063A", "\u0632", "\u0629"})
        isolated.insert(glyphs_of(letter).at(0));
    // The initial form of ghain and the final form of teh marbuta differ from the isolated letters.
    int contextual = 0;
    for (PangoGlyph g : joined)
        contextual += isolated.count(g) == 0;
    CHECK(contextual >= 2);

    PangoLayoutPtr layout = text_engine().layout(word, Font{});
    PangoLayoutLine* line = pango_layout_get_line_readonly(layout.get(), 0);
    REQUIRE(line->runs);
    // The run's bidi embedding level is odd: its glyphs are set right to left.
    const auto* run = static_cast<const PangoGlyphItem*>(line->runs->data);
    CHECK(run->item->analysis.level % 2 == 1);
    const Text t = text_engine().make(word, {0, 0}, Font{}, {}, Anchor::start);
    CHECK(t.rtl);
    CHECK(t.lang == "ar");
}

TEST_CASE("with labels = en+ar the Arabic names reach the SVG as RTL text and the PDF as text") {
    const Project p = test::load_clean(test::gaza());
    LayoutOptions o;
    o.labels = LabelLanguages{"en", "ar"};
    o.date_iso = "2025-11-12T00:00:00Z";
    const Scene s = layout_map(p, *parse_page("a3-portrait"), o);
    const std::string svg = render_svg(s);
    CHECK(svg.find("direction=\"rtl\" unicode-bidi=\"embed\" xml:lang=\"ar\"") != std::string::npos);
    CHECK(svg.find(">\u063A\u0632\u0629</text>") != std::string::npos); // Gaza City: غزة
    CHECK(svg.find(">\u0631\u0641\u062D</text>") != std::string::npos); // Rafah: رفح

    test::TempDir dir("arabic");
    write_pdf(s, dir.path / "map.pdf");
    const std::string cmd =
        "pdftotext -enc UTF-8 " + (dir.path / "map.pdf").string() + " " + (dir.path / "map.txt").string();
    REQUIRE(std::system(cmd.c_str()) == 0);
    const std::string text = test::read_file(dir.path / "map.txt");
    // pdftotext may give visual or logical order; either way the letters of the names are there as text.
    CHECK((text.find("\u0631\u0641\u062D") != std::string::npos ||
           text.find("\u062D\u0641\u0631") != std::string::npos));
}

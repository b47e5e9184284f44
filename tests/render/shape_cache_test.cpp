// text/shape_cache.cpp copies HarfBuzz's kept answer back when Pango shapes a run again. Here texts
// (Latin, Arabic, mixed, marks, long words broken by characters, soft hyphens) are laid out at several
// widths three times on one thread, the last time from kept answers only, and once on another thread,
// whose engine has fonts of its own and so shapes every run afresh: every glyph must be the same.
#include "text/pango_text.hpp"
#include "text/shape_cache.hpp"
#include "test_support.hpp"

#include <pango/pango.h>

#include <string>
#include <thread>
#include <vector>

using namespace citemap;

namespace {

const std::vector<std::string> kTexts = {
    "Gaza after the 10 October ceasefire",
    "\u201CIsraeli forces have seized 53 per cent of the Strip,\u201D \u2009(\u00B63 s2) reported by the agency",
    "Reconstruction only where Israel controls (edge band); AV Wa To. fi fl ffi",
    "\u0645\u0646\u0637\u0642\u0629 \u0627\u0644\u0633\u064A\u0637\u0631\u0629 \u0627\u0644\u0625\u0633\u0631\u0627\u0626\u064A\u0644\u064A\u0629 east of the line \u0631\u0641\u062D",
    "caf\u00E9 na\u0303ive co\u0308operation \u0301alone",
    "Pneumonoultramicroscopicsilicovolcanoconiosisandmoreletters that no line holds",
    "hy\u00ADphen\u00ADation points in a long\u00ADer word\u00ADlist",
};

const std::vector<double> kWidths = {40, 75, 120, 260, 2000};

// Every glyph of `text` laid out at `width`: its id, advance, offsets, cluster and run offset.
std::vector<long> glyphs_of(const TextEngine& engine, const std::string& text, const Font& font, double width) {
    PangoLayoutPtr l = engine.layout(text, font);
    pango_layout_set_width(l.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
    std::vector<long> out;
    for (GSList* line = pango_layout_get_lines_readonly(l.get()); line; line = line->next) {
        const auto* ll = static_cast<PangoLayoutLine*>(line->data);
        out.push_back(ll->start_index);
        out.push_back(ll->length);
        for (GSList* r = ll->runs; r; r = r->next) {
            const auto* run = static_cast<const PangoLayoutRun*>(r->data);
            out.push_back(run->item->offset);
            for (int g = 0; g < run->glyphs->num_glyphs; ++g) {
                const PangoGlyphInfo& gi = run->glyphs->glyphs[g];
                out.insert(out.end(), {static_cast<long>(gi.glyph), gi.geometry.width, gi.geometry.x_offset,
                                       gi.geometry.y_offset, run->glyphs->log_clusters[g],
                                       static_cast<long>(gi.attr.is_cluster_start)});
            }
        }
    }
    return out;
}

std::vector<std::vector<long>> lay_out_all(const TextEngine& engine) {
    std::vector<std::vector<long>> all;
    for (double size : {6.6, 9.0, 14.0})
        for (bool bold : {false, true})
            for (const std::string& t : kTexts)
                for (double w : kWidths)
                    all.push_back(glyphs_of(engine, t, Font{"Noto Sans", size, bold ? Weight::bold : Weight::regular, false}, w));
    return all;
}

} // namespace

TEST_CASE("a run shaped again is copied from the kept answer, glyph for glyph as HarfBuzz shapes it") {
    REQUIRE(shape_cache_ready());
    // Three passes: a short run is kept the second time it is asked, so the third is all kept answers.
    std::vector<std::vector<long>> first, second, third, fresh;
    ShapeCacheStats after_first, after_second, after_third;
    std::thread([&] {
        first = lay_out_all(text_engine());
        after_first = shape_cache_stats();
        second = lay_out_all(text_engine());
        after_second = shape_cache_stats();
        third = lay_out_all(text_engine());
        after_third = shape_cache_stats();
    }).join();
    std::thread([&] { fresh = lay_out_all(text_engine()); }).join();
    CHECK(after_first.misses > 100);
    CHECK(after_third.misses == after_second.misses); // the third pass shaped nothing
    CHECK(after_third.hits > after_second.hits + 100);
    REQUIRE(third.size() == fresh.size());
    std::size_t differ = 0;
    for (std::size_t i = 0; i < fresh.size(); ++i)
        differ += first[i] != fresh[i] || second[i] != fresh[i] || third[i] != fresh[i];
    CHECK(differ == 0);
}

namespace {

// Paragraphs Pango breaks into several lines, shaping the rest after each break and the head up to
// each candidate break: a panel's credits, a citation with quotes, figures and a kept-together "(10 km)",
// an Arabic one, a mixed one, and hyphens and slashes (breaks after them, kerned before capitals).
const std::vector<std::string> kParagraphs = {
    "Source: \u201CEgypt, Turkey call for permanent ceasefire in Gaza\u201D, 12 Nov 2025. Base data: \u00A9 "
    "OpenStreetMap contributors (ODbL); governorates: geoBoundaries (CC BY 4.0; source: Open Data Watch); places: "
    "GeoNames (CC BY 4.0). Zones derived from a withdrawal line hand-drawn after published sketch maps, the "
    "governorates and the borders, as the text describes them; approximate. WGS 84 / UTM zone 36N (EPSG:32636).",
    "1 \u201CIsraeli forces have withdrawn to the so-called yellow line, leaving them in control of about 53 per "
    "cent of the territory (10 km) east of it,\u201D article \u00B63. Reported. AV-To. WA-Te. LT/VA/Yo fi fl ffi.",
    "\u0645\u0646\u0637\u0642\u0629 \u0627\u0644\u0633\u064A\u0637\u0631\u0629 \u0627\u0644\u0625\u0633\u0631\u0627\u0626\u064A\u0644\u064A\u0629 "
    "\u0634\u0631\u0642 \u062E\u0637 \u0627\u0644\u0627\u0646\u0633\u062D\u0627\u0628 \u0631\u0641\u062D "
    "\u0645\u0646\u0637\u0642\u0629 \u0627\u0644\u0633\u064A\u0637\u0631\u0629 \u0627\u0644\u0625\u0633\u0631\u0627\u0626\u064A\u0644\u064A\u0629",
    "\u0641 \u0628\u062A\u0633\u0645\u0643\u0646\u0647\u0644\u0639\u0641\u0628\u062A\u0633\u0645\u0643\u0646\u0647\u0644\u0639\u0641\u0628\u062A\u0633\u0645\u0643\u0646\u0647\u0644\u0639\u0641 \u0648 \u0628\u062A\u0633\u0645\u0643\u0646\u0647\u0644\u0639\u0641\u0628\u062A\u0633\u0645\u0643\u0646\u0647\u0644\u0639\u0641\u0628\u062A\u0633\u0645\u0643\u0646\u0647\u0644\u0639\u0641",
    "Israeli-held area (east of the withdrawal line) \u2068\u0645\u0646\u0637\u0642\u0629 \u0627\u0644\u0633\u064A\u0637\u0631\u0629\u2069 "
    "Rafah \u2014 Khan Younis \u2013 Deir al-Balah; Gaza City's built-up edge, 2.95 km from the Gaza Strip \u2013 Egypt border.",
};

std::vector<std::vector<long>> lay_out_paragraphs(const TextEngine& engine) {
    std::vector<std::vector<long>> all;
    for (double size : {5.9, 7.7, 9.35, 12.6})
        for (bool italic : {false, true})
            for (const std::string& t : kParagraphs)
                for (double w : {60.0, 95.5, 130.25, 185.0, 300.0})
                    all.push_back(glyphs_of(engine, t, Font{"Noto Sans", size, Weight::regular, italic}, w));
    return all;
}

} // namespace

TEST_CASE("the part of a run Pango shapes at a line break is cut from the whole run's glyphs, as HarfBuzz shapes it") {
    REQUIRE(shape_cache_ready());
    // Each on a thread of its own (fresh fonts, nothing kept): one shapes every part, one cuts them.
    std::vector<std::vector<long>> shaped, cut;
    ShapeCacheStats shaped_stats, cut_stats;
    std::thread([&] {
        shape_parts(false);
        shaped = lay_out_paragraphs(text_engine());
        shaped_stats = shape_cache_stats();
    }).join();
    std::thread([&] {
        cut = lay_out_paragraphs(text_engine());
        cut_stats = shape_cache_stats();
    }).join();
    CHECK(shaped_stats.parts == 0);
    CHECK(cut_stats.parts > 500);                                     // most heads and rests were cut
    CHECK(cut_stats.misses + 500 < shaped_stats.misses);              // and not shaped
    REQUIRE(cut.size() == shaped.size());
    std::size_t differ = 0;
    for (std::size_t i = 0; i < cut.size(); ++i)
        differ += cut[i] != shaped[i];
    CHECK(differ == 0);
}

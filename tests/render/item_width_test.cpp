// TextEngine::measure sets a text the small font set draws from its items' glyphs, without a
// PangoLayout (text/item_width.cpp); the width must be exactly the layout's. Compared here on
// generated texts mixing what the maps print: Latin with kerning pairs and ligatures, Arabic with
// marks, digits of both, quotes, dashes, no-break spaces, bidi marks and isolates, and the
// punctuation a text may end in.
#include "text/item_width.hpp"
#include "text/pango_text.hpp"
#include "test_support.hpp"

#include <pango/pango.h>

#include <algorithm>
#include <cctype>
#include <random>
#include <string>
#include <vector>

using namespace citemap;

namespace {

std::string piece(std::mt19937& rng) {
    static const std::vector<std::string> pieces = {
        "Wadi", "AVATAR", "To", "ffi", "fl", "Yo,", "T.", "LT", "r.", "\u062E\u0627\u0646", "\u064A\u0648\u0646\u0633",
        "\u0628\u064E\u064A\u0652\u062A", "\u0644\u0627", "\u0661\u0660", "12", "3,5", "km\u00B2", "\u00A0", "\u202F",
        "\u2013", "\u2014", "\u201C", "\u201D", "\u2019", "(", ")", "-", "/", ":", ";", "!", "?", "\u00B6", "\u2009",
        "\u200E", "\u200F", "\u2066", "\u2067", "\u2068", "\u2069", "e\u0301", "\u00E9", "\u0130", "\u00DF", " ", " ",
        " ", "  ", "Beit", "Lahia", "Hanoun", "\u0105", "\u0142", "\u2026", "&", "%", "#", "*", "'", "\""};
    std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
    return pieces[pick(rng)];
}

} // namespace

TEST_CASE("a text is measured from its items to the width its Pango layout has") {
    const std::vector<Font> fonts = {Font{"Noto Sans", 7.37, Weight::regular, false},
                                     Font{"Noto Sans", 11.5971, Weight::bold, false},
                                     Font{"Noto Sans", 6.534, Weight::medium, true},
                                     Font{"Noto Sans", 9.61714, Weight::regular, true}};
    std::mt19937 rng(2611271);
    std::uniform_int_distribution<int> count(1, 24);
    TextEngine measuring, laying_out;
    int compared = 0, wide = 0;
    for (int n = 0; n < 600; ++n) {
        std::string t;
        for (int i = count(rng); i > 0; --i)
            t += piece(rng);
        const Font& f = fonts[static_cast<std::size_t>(n) % fonts.size()];
        const PangoLayoutPtr l = laying_out.layout(t, f);
        PangoRectangle logical;
        pango_layout_get_extents(l.get(), nullptr, &logical);
        CAPTURE(t);
        CAPTURE(f.size);
        CHECK(measuring.measure(t, f).width == logical.width / static_cast<double>(PANGO_SCALE));
        ++compared;
        wide += logical.width > 40 * PANGO_SCALE;
    }
    CHECK(compared == 600);
    CHECK(wide > 300); // mostly texts of several words, not single glyphs
}

TEST_CASE("a text of Latin characters with a letter takes the one item Pango gives it") {
    // ItemWidths keeps the item of the first such text at each font and copies it for the next ones
    // (itemizing looks every character up in the font set); each copy must be Pango's own item. The
    // texts mix printable ASCII, Latin-1 and typographic punctuation, and some have no letter, or a
    // character that is not Latin.
    const Font f{"Noto Sans", 8.41, Weight::bold, false};
    TextEngine engine;
    FontDescriptionPtr desc(pango_font_description_new());
    pango_font_description_set_family(desc.get(), "Noto Sans,Noto Sans Arabic");
    pango_font_description_set_absolute_size(desc.get(), f.size * PANGO_SCALE);
    pango_font_description_set_weight(desc.get(), PANGO_WEIGHT_BOLD);
    // Two contexts of the engine's font map: one for ItemWidths, one to itemize with Pango alone.
    PangoFontMap* map = pango_context_get_font_map(pango_layout_get_context(engine.layout("x", f).get()));
    ItemWidths widths(PangoContextPtr(pango_font_map_create_context(map)));
    const PangoContextPtr own(pango_font_map_create_context(map));
    PangoContext* pango = own.get();
    const FontDescriptionPtr merged(pango_font_description_copy(pango_context_get_font_description(pango)));
    pango_font_description_merge(merged.get(), desc.get(), TRUE);
    pango_context_set_font_description(pango, merged.get());
    std::mt19937 rng(2611272);
    const std::vector<std::string> other = {"\u00A0", "\u00E9", "\u00B6", "\u00A9", "\u00D7", "\u2013", "\u2014",
                                            "\u201C", "\u201D", "\u2019", "\u2026", "\u202F", "\u2009", "\u0628",
                                            "\u0394", "\u00BD", "\u00AA", "\u00BF"};
    std::uniform_int_distribution<int> ascii(0x20, 0x7E), count(1, 60), kind(0, 5);
    std::uniform_int_distribution<std::size_t> pick(0, other.size() - 1);
    for (int n = 0; n < 600; ++n) {
        std::string t;
        for (int i = count(rng); i > 0; --i)
            t += kind(rng) == 0 ? other[pick(rng)] : std::string(1, static_cast<char>(ascii(rng)));
        const ItemList ours = widths.items(t, desc.get(), "bold 8.41");
        const ItemList theirs(pango_itemize_with_base_dir(pango, pango_context_get_base_dir(pango), t.c_str(), 0,
                                                          static_cast<int>(t.size()), nullptr, nullptr));
        CAPTURE(t);
        REQUIRE(g_list_length(ours.get()) == g_list_length(theirs.get()));
        for (GList *a = ours.get(), *b = theirs.get(); a && b; a = a->next, b = b->next) {
            const auto* x = static_cast<const PangoItem*>(a->data);
            const auto* y = static_cast<const PangoItem*>(b->data);
            CHECK(x->offset == y->offset);
            CHECK(x->length == y->length);
            CHECK(x->num_chars == y->num_chars);
            CHECK(x->analysis.font == y->analysis.font);
            CHECK(x->analysis.level == y->analysis.level);
            CHECK(x->analysis.script == y->analysis.script);
            CHECK(x->analysis.language == y->analysis.language);
            CHECK(x->analysis.gravity == y->analysis.gravity);
            CHECK(x->analysis.flags == y->analysis.flags);
            CHECK(x->analysis.extra_attrs == y->analysis.extra_attrs);
        }
    }
    CHECK(widths.kept_copies() > 200); // the kept item answered many texts, each compared with Pango's
}

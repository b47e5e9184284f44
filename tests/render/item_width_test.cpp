// TextEngine::measure sets a text the small font set draws from its items' glyphs, without a
// PangoLayout (text/item_width.cpp); the width must be exactly the layout's. Compared here on
// generated texts mixing what the maps print: Latin with kerning pairs and ligatures, Arabic with
// marks, digits of both, quotes, dashes, no-break spaces, bidi marks and isolates, and the
// punctuation a text may end in.
#include "text/pango_text.hpp"
#include "test_support.hpp"

#include <pango/pango.h>

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

// Measuring a text without a PangoLayout. An unwrapped layout itemizes its paragraph, shapes each
// item and sets the runs in one line; its logical width is the sum of the glyphs' advances (no
// indent, letter spacing or justification here). But every layout Pango 1.50 lays out ends with
// pango_layout_get_size (a debugging leftover in pango_layout_check_lines), which computes each
// line's height from its fonts' metrics, and a font's first metrics lay out a sample sentence:
// each text size the composition search tries cost a font's worth of that (~0.9 M instructions),
// besides the extents, line objects and break analysis of every measure. Itemizing and shaping
// here gives the same items and glyphs: the same calls with the same arguments, save the break
// attributes, which shaping reads only for an item that ends in an inserted hyphen (never so in one
// unwrapped line of text without soft hyphens).
#include "text/item_width.hpp"

#include <fontconfig/fontconfig.h>
#include <pango/pangofc-font.h>

#include <algorithm>
#include <array>

namespace citemap {

void ItemsDeleter::operator()(GList* items) const {
    g_list_free_full(items, [](gpointer i) { pango_item_free(static_cast<PangoItem*>(i)); });
}

namespace {

// Characters outside ASCII that a citation or legend line holds besides Latin-1: the quotes, dashes,
// ellipsis and spaces of typeset English. Common script, never strong right to left, never emoji.
constexpr std::array<gunichar, 10> kPunctuation = {0x2009, 0x2013, 0x2014, 0x2018, 0x2019,
                                                   0x201C, 0x201D, 0x2026, 0x202F, 0x2032};

bool latin_char(gunichar c) {
    return (c >= 0x20 && c <= 0x7E) || (c >= 0xA0 && c <= 0xFF && c != 0xA9 && c != 0xAD && c != 0xAE) ||
           std::find(kPunctuation.begin(), kPunctuation.end(), c) != kPunctuation.end();
}

// The number of characters of a text of Latin characters (see latin_char) with at least one Latin
// letter; 0 for any other text. Pango makes such a text one item whatever its characters, when its
// font has every such character (checked where the item is kept): Latin script (the punctuation,
// digits and spaces are Common and join the letters' run), bidi level 0 (no strong right-to-left
// character), no emoji (© and ® are left out; nothing makes a digit or # one), one font.
long latin_chars(const std::string& text) {
    bool letter = false;
    long n = 0;
    for (const char* p = text.c_str(); *p; p = g_utf8_next_char(p), ++n) {
        const gunichar c = g_utf8_get_char(p);
        if (!latin_char(c))
            return 0;
        letter = letter || g_unichar_get_script(c) == G_UNICODE_SCRIPT_LATIN;
    }
    return letter ? n : 0;
}

constexpr std::size_t kMaxKept = 2000; // fonts: the Gaza check uses ~130, a render a few dozen

// From the font's character set, as Pango's fontconfig fonts answer has_char (pango_font_has_char
// itself took 1,500 instructions a character, more than itemizing saves).
bool has_latin_chars(PangoFont* font) {
    FcCharSet* chars = nullptr;
    if (!PANGO_IS_FC_FONT(font) ||
        FcPatternGetCharSet(pango_fc_font_get_pattern(PANGO_FC_FONT(font)), FC_CHARSET, 0, &chars) != FcResultMatch)
        return false;
    for (gunichar c = 0x20; c <= 0x2032; c = c == 0xFF ? 0x2009 : c + 1)
        if (latin_char(c) && !FcCharSetHasChar(chars, c))
            return false;
    return true;
}

} // namespace

bool plain_line(const std::string& text) {
    for (unsigned char c : text)
        if (c < 0x20)
            return false;
    return text.find("\u0085") == std::string::npos && text.find("\u2028") == std::string::npos &&
           text.find("\u2029") == std::string::npos;
}

ItemList ItemWidths::items(const std::string& text, const PangoFontDescription* font, const std::string& font_key) {
    const int length = static_cast<int>(text.size());
    // Itemizing looks each character's font up in the font set, ~20 k instructions a text: a text of
    // Latin characters with a letter is one item, the same as the last such text's at this font but
    // for its extent (a 1000-zone check measures 7,000 texts).
    const long latin = latin_chars(text);
    if (latin > 0)
        if (const auto kept = latin_.find(font_key); kept != latin_.end()) {
            PangoItem* item = pango_item_copy(kept->second.get());
            item->offset = 0;
            item->length = length;
            item->num_chars = static_cast<int>(latin);
            ++copies_;
            return ItemList(g_list_prepend(nullptr, item));
        }
    // The layout merges its description over the context's (pango_layout_check_lines).
    const FontDescriptionPtr merged(pango_font_description_copy(pango_context_get_font_description(context_.get())));
    pango_font_description_merge(merged.get(), font, TRUE);
    pango_context_set_font_description(context_.get(), merged.get());
    ItemList items(pango_itemize_with_base_dir(context_.get(), pango_context_get_base_dir(context_.get()),
                                               text.c_str(), 0, length, nullptr, nullptr));
    if (latin > 0 && items && !items->next) {
        const auto* item = static_cast<const PangoItem*>(items->data);
        const PangoAnalysis& a = item->analysis;
        // Pango's public flags (centred baseline, ellipsis, hyphen) unset; its private flag saying the
        // item knows its offset in characters (0 here, and copied with the item) may be set.
        constexpr guint8 kPublic = PANGO_ANALYSIS_FLAG_CENTERED_BASELINE | PANGO_ANALYSIS_FLAG_IS_ELLIPSIS |
                                   PANGO_ANALYSIS_FLAG_NEED_HYPHEN;
        if (item->offset == 0 && item->length == length && item->num_chars == latin && a.level == 0 &&
            a.script == PANGO_SCRIPT_LATIN && (a.flags & kPublic) == 0 && !a.extra_attrs && a.font &&
            has_latin_chars(a.font)) {
            if (latin_.size() >= kMaxKept)
                latin_.clear(); // a long `watch` sees ever new sizes; each item holds its font
            latin_.emplace(font_key, PangoItemPtr(pango_item_copy(const_cast<PangoItem*>(item))));
        }
    }
    return items;
}

std::optional<int> ItemWidths::width(const std::string& text, const PangoFontDescription* font,
                                     const std::string& font_key) {
    // A soft hyphen at the end would take a hyphen; forced breaks make lines, a tab a tab stop.
    if (!plain_line(text) || text.find("\u00AD") != std::string::npos)
        return std::nullopt;
    const ItemList list = items(text, font, font_key);
    const GlyphStringPtr glyphs(pango_glyph_string_new());
    // The layout's shape flags: rounding is off in citemap's contexts (make_context).
    const PangoShapeFlags flags =
        pango_context_get_round_glyph_positions(context_.get()) ? PANGO_SHAPE_ROUND_POSITIONS : PANGO_SHAPE_NONE;
    const int length = static_cast<int>(text.size());
    int width = 0;
    for (GList* i = list.get(); i; i = i->next) {
        pango_shape_item(static_cast<PangoItem*>(i->data), text.c_str(), length, nullptr, glyphs.get(), flags);
        width += pango_glyph_string_get_width(glyphs.get());
    }
    return width;
}

} // namespace citemap

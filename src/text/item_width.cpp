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
#include "text/pango_text.hpp"

#include <memory>

namespace citemap {

namespace {

struct ItemsDeleter {
    void operator()(GList* items) const { g_list_free_full(items, [](gpointer i) { pango_item_free(static_cast<PangoItem*>(i)); }); }
};
struct GlyphStringDeleter {
    void operator()(PangoGlyphString* g) const { pango_glyph_string_free(g); }
};

} // namespace

bool plain_line(const std::string& text) {
    for (unsigned char c : text)
        if (c < 0x20)
            return false;
    return text.find("\u0085") == std::string::npos && text.find("\u2028") == std::string::npos &&
           text.find("\u2029") == std::string::npos;
}

std::optional<int> unwrapped_width(PangoContext* context, const PangoFontDescription* font, const std::string& text) {
    // A soft hyphen at the end would take a hyphen; forced breaks make lines, a tab a tab stop.
    if (!plain_line(text) || text.find("\u00AD") != std::string::npos)
        return std::nullopt;
    // The layout merges its description over the context's (pango_layout_check_lines).
    const FontDescriptionPtr merged(pango_font_description_copy(pango_context_get_font_description(context)));
    pango_font_description_merge(merged.get(), font, TRUE);
    pango_context_set_font_description(context, merged.get());
    const int length = static_cast<int>(text.size());
    const std::unique_ptr<GList, ItemsDeleter> items(pango_itemize_with_base_dir(
        context, pango_context_get_base_dir(context), text.c_str(), 0, length, nullptr, nullptr));
    const std::unique_ptr<PangoGlyphString, GlyphStringDeleter> glyphs(pango_glyph_string_new());
    // The layout's shape flags: rounding is off in citemap's contexts (make_context).
    const PangoShapeFlags flags =
        pango_context_get_round_glyph_positions(context) ? PANGO_SHAPE_ROUND_POSITIONS : PANGO_SHAPE_NONE;
    int width = 0;
    for (GList* i = items.get(); i; i = i->next) {
        pango_shape_item(static_cast<PangoItem*>(i->data), text.c_str(), length, nullptr, glyphs.get(), flags);
        width += pango_glyph_string_get_width(glyphs.get());
    }
    return width;
}

} // namespace citemap

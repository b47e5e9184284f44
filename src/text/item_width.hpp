// The width of a one-paragraph text as an unwrapped PangoLayout sets it, from its items' glyphs alone.
#pragma once

#include "text/pango_text.hpp"

#include <pango/pango.h>

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

namespace citemap {

// Pango breaks a paragraph at its separators (and U+0085, U+2028) whatever the width; a control
// character (a tab) moves what follows it. Text without any of them is what one line needs.
[[nodiscard]] bool plain_line(const std::string& text);

struct ItemsDeleter {
    void operator()(GList* items) const;
};
using ItemList = std::unique_ptr<GList, ItemsDeleter>; // of PangoItem*, freed with them

struct GlyphStringDeleter {
    void operator()(PangoGlyphString* g) const { pango_glyph_string_free(g); }
};
using GlyphStringPtr = std::unique_ptr<PangoGlyphString, GlyphStringDeleter>;

struct ItemDeleter {
    void operator()(PangoItem* item) const { pango_item_free(item); }
};
using PangoItemPtr = std::unique_ptr<PangoItem, ItemDeleter>;

class ItemWidths {
  public:
    // `context` is this object's own: its font description changes with every text.
    explicit ItemWidths(PangoContextPtr context) : context_(std::move(context)) {}
    // What pango_layout_get_extents gives as the logical width of `text` laid out, unwrapped, with
    // `font` (merged over the context's own description, as a layout merges it), in Pango units;
    // nullopt for a text this does not answer exactly (not a plain_line, or with a soft hyphen),
    // which a PangoLayout must measure. `font_key` names `font` (TextEngine's cache key).
    [[nodiscard]] std::optional<int> width(const std::string& text, const PangoFontDescription* font,
                                           const std::string& font_key);
    // The items a layout of `text` in `font` has, as width() shapes them.
    [[nodiscard]] ItemList items(const std::string& text, const PangoFontDescription* font, const std::string& font_key);

    // How many texts took a kept item rather than Pango's itemizing.
    [[nodiscard]] std::size_t kept_copies() const { return copies_; }

  private:
    PangoContextPtr context_;
    std::size_t copies_ = 0;
    // By font_key, the one item of a text of Latin characters with a letter (see the .cpp).
    std::unordered_map<std::string, PangoItemPtr> latin_;
};

} // namespace citemap

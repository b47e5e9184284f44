// The width of a one-paragraph text as an unwrapped PangoLayout sets it, from its items' glyphs alone.
#pragma once

#include <pango/pango.h>

#include <optional>
#include <string>

namespace citemap {

// Pango breaks a paragraph at its separators (and U+0085, U+2028) whatever the width; a control
// character (a tab) moves what follows it. Text without any of them is what one line needs.
[[nodiscard]] bool plain_line(const std::string& text);

// What pango_layout_get_extents gives as the logical width of `text` laid out, unwrapped, in
// `context` (its base direction) with `font` (merged over the context's own description), in Pango
// units; nullopt for a text this does not answer exactly (not a plain_line, or with a soft hyphen),
// which a PangoLayout must measure. Leaves `font` as `context`'s description.
[[nodiscard]] std::optional<int> unwrapped_width(PangoContext* context, const PangoFontDescription* font,
                                                 const std::string& text);

} // namespace citemap

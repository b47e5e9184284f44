// A quote's own quotation marks, set as the panel's language nests them inside its outer marks.
#pragma once

#include "core/panel_words.hpp"

#include <string>
#include <string_view>

namespace citemap {

// `text` (a quote as printed_quote gives it, or a title) for printing between `words`' outer marks:
// each quotation mark of its own, whatever convention the source used („…“ »…« «…» “…” "…" ‚…‘
// ‘…’), becomes the mark of its nesting level in `words`' language: the second level for marks
// directly inside (German ‚…‘, English ‘…’, French and Spanish “…”), the third inside those (German
// „…“, English “…”, French and Spanish ‘…’), and so on alternating. A German quote that
// includes its source's „…“ printed „„Die Sperre … ist.‘“ (audit s19 D5), a Spanish one turned a
// second-level “lunes negro” into ‘lunes negro’. Single marks that pair with none (apostrophes:
// l’armée, Reiters’) stay as they are; a double mark whose partner lies outside the quote still
// takes its level. Guillemets lose the space they hold (« aucune » → “aucune”). citations.md, which
// prints the quote's sentence for checking against the source, keeps the source's marks.
[[nodiscard]] std::string with_inner_marks(std::string_view text, const PanelWords& words);

} // namespace citemap

// Where a quote stands in its source, as the map, the panel and the companions print it.
#pragma once

#include "core/panel_words.hpp"
#include "sources/quote_resolver.hpp"

#include <string>

namespace citemap {

// "¶3 s2"; a quote that runs on past its sentence names where it ends too: "¶3 s2–s3" within a
// paragraph, "¶3 s2–¶4 s1" across a paragraph break (a reader looking in ¶3 alone misses its end).
// The sentence's letter is the panel language's ("¶3 ph2" in French).
[[nodiscard]] std::string quote_location(const ResolvedQuote& q, const PanelWords& words = english_words());

// The same in words, for text that spells it out (citations.md): "paragraph 3, sentence 2", or
// "paragraph 3, sentence 2 to paragraph 4, sentence 1".
[[nodiscard]] std::string quote_location_words(const ResolvedQuote& q, const PanelWords& words = english_words());

// Whether the quote cites (part of) paragraph `paragraph` (1-based) of its source.
[[nodiscard]] bool quote_touches_paragraph(const ResolvedQuote& q, int paragraph);

} // namespace citemap

// W3C TextQuoteSelector -> TextPositionSelector: finds each quote in its source, exactly or normalised.
#pragma once

#include "sources/source_text.hpp"

#include <string>
#include <vector>

namespace citemap {

struct ResolvedQuote {
    const SourceText* source = nullptr;
    TextRange bytes;                // into source->text()
    std::size_t start = 0, end = 0; // code points, as TextPositionSelector counts them
    int paragraph = 0, sentence = 0;
    bool normalized_only = false; // matched only after folding quotes, dashes and spaces
    std::string exact;            // the source's own text of the span (never the author's retyping)
    std::string prefix, suffix;   // up to 32 code points of context, for the selector we publish
};

// Throws Error at citation.where when the quote is missing (with the closest passage) or ambiguous
// (with every occurrence).
[[nodiscard]] ResolvedQuote resolve_quote(const CitationSpec& citation, const SourceText& source,
                                          MatchMode mode);

// Folding used by match = "normalized": typographic quotes -> ASCII, dashes -> '-', space runs -> ' '.
[[nodiscard]] std::u32string normalize_for_match(std::u32string_view s);

} // namespace citemap

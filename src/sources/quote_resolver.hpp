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
    int paragraph = 0, sentence = 0;        // where the quote starts
    int end_paragraph = 0, end_sentence = 0; // where its last character lies: a quote may run on
    bool normalized_only = false; // matched only after folding quotes, dashes and spaces
    std::string exact;            // the source's own text of the span (never the author's retyping)
    std::string prefix, suffix;   // up to 32 code points of context, for the selector we publish
};

// Throws Error at citation.where when the quote is missing (with the closest passage) or ambiguous
// (with every occurrence).
[[nodiscard]] ResolvedQuote resolve_quote(const CitationSpec& citation, const SourceText& source,
                                          MatchMode mode);

// A quote as a reader sees it on the map, in the panel and the companions: each line break of a
// hard-wrapped source, with the spaces and tabs around it, is one space; a paragraph break (a blank
// line) is a pilcrow between spaces, " \u00B6 ". `exact` keeps the source's bytes (the
// published TextQuoteSelector must match the file).
[[nodiscard]] std::string printed_quote(std::string_view exact);

// Text from a source or map.toml inside an error message, with its line breaks and tabs shown as \n,
// \r and \t (as a TOML string writes them), so a message stays on its lines and shows where the
// source breaks one.
[[nodiscard]] std::string visible_breaks(std::string_view s);

// Folding used by match = "normalized": typographic quotes -> ASCII, dashes -> '-', space runs -> ' '.
[[nodiscard]] std::u32string normalize_for_match(std::u32string_view s);

} // namespace citemap

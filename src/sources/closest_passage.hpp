// Where a quote that is not in its source comes closest: the least edit distance of the quote against
// any stretch of the text (semi-global alignment), in code points.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace citemap {

struct Alignment {
    std::size_t begin = 0, end = 0; // code points of the text: the stretch the quote aligns with
    std::size_t cost = 0;           // edits (substitutions, insertions, deletions) between them
};

// Sellers' dynamic programme, O(quote × text) time and O(text) memory: the first end with the least
// cost, and the start its alignment takes when each cell prefers a substitution, then a deletion
// from the quote, then an insertion from the text. The reference for closest_passage, which runs it
// only on a window.
[[nodiscard]] Alignment sellers_alignment(std::u32string_view quote, std::u32string_view text);

// The same Alignment as sellers_alignment over the whole text when it costs at most `max_cost`, else
// nullopt; in O(text × ⌈quote / 64⌉) and, when found, O(quote × (quote + max_cost)) more: Myers'
// bit-parallel edit distance (Hyyrö's blocks for quotes over 64 code points) finds the least cost k
// and the first end with it; the alignment ending there spans at most quote + k code points, so
// Sellers' programme on that window alone recovers its start. A passage further off is never shown,
// so its start is not sought: a 2,000-character quote against a shorter text took fuzz_quote a second.
[[nodiscard]] std::optional<Alignment> closest_passage(std::u32string_view quote, std::u32string_view text,
                                                       std::size_t max_cost);

} // namespace citemap

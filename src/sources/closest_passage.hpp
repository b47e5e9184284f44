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

// The alignment Sellers' dynamic programme over the whole text picks (the first end with the least
// cost; its start where each cell prefers a substitution, then a deletion from the quote, then an
// insertion from the text) when it costs at most `max_cost`, else nullopt. In O(text × ⌈quote / 64⌉)
// and, when found, O(quote × max_cost) more: Myers' bit-parallel edit distance (Hyyrö's blocks for
// quotes over 64 code points) finds the least cost k and the first end with it; Sellers' programme on
// the cells within k of the diagonal it ends on recovers its start. A passage further off is never
// shown, so its start is not sought: a 2,000-character quote against a shorter text took fuzz_quote
// a second. Sellers' programme over the whole text took 9.5 s for one misquote in an 8 MB source.
[[nodiscard]] std::optional<Alignment> closest_passage(std::u32string_view quote, std::u32string_view text,
                                                       std::size_t max_cost);

} // namespace citemap

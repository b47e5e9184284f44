// Where a list of entries breaks into columns, as a typographer balances them: no entry split, the
// tallest column as short as it can be, then the shortest as long as it can be, the earlier columns
// the longer. Citation columns were filled to 105 % of an even share each, which left the last one
// short (7 equal claims in 3 columns: 3, 3, 1), and the page then spread the short column's claims
// apart to end it with the others, gaps of 5.6 mm between claims beside gaps of 1 mm (audit s12 D10).
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace citemap {

// The least height of the tallest column when `heights` (each entry with the space after it) are set
// in order in at most `columns` columns.
[[nodiscard]] double least_tallest_column(std::span<const double> heights, int columns);

// The index of the first entry of each column: min(columns, heights.size()) columns, none empty, none
// taller than least_tallest_column, the shortest as tall as it can then be; among those, each column
// ends as late as it can (the last column is the short one, as a reader expects).
[[nodiscard]] std::vector<std::size_t> balanced_column_starts(std::span<const double> heights, int columns);

} // namespace citemap

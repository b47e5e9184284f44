// Where a line must not break: a number and its unit ("10 km"), a short parenthetical ("(10 km)",
// "(UN)"), a short hyphenated word ("south-west"). Breaking there leaves "(10" at a line's end and
// "km)" alone below it, or a hyphen that text extraction drops ("southwest").
#pragma once

#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

namespace citemap {

// Byte ranges [first, second) of `text` inside which no line break may fall.
[[nodiscard]] std::vector<std::pair<std::size_t, std::size_t>> keep_together(std::string_view text);

} // namespace citemap

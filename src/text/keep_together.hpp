// Where a line must not break: a number and its unit ("10 km"), a short parenthetical ("(10 km)",
// "(UN)"), a short hyphenated word ("south-west"), a geographic generic and its name ("río Chico",
// "rue de Rivoli"). Breaking there leaves "(10" at a line's end and "km)" alone below it, a hyphen
// that text extraction drops ("southwest"), or a name in two halves.
#pragma once

#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

namespace citemap {

// Byte ranges [first, second) of `text` inside which no line break may fall; without `names`, a
// generic and its name are not among them (a zone's name set a word a line, zone_labels.cpp).
[[nodiscard]] std::vector<std::pair<std::size_t, std::size_t>> keep_together(std::string_view text,
                                                                             bool names = true);

} // namespace citemap

// Sentence boundaries as a reader counts them: no break after "Oct.", "U.S." or an initial.
#pragma once

#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

namespace citemap {

// Byte ranges [begin, end) of the sentences in one paragraph, trimmed of surrounding space.
[[nodiscard]] std::vector<std::pair<std::size_t, std::size_t>> split_sentences(std::string_view paragraph);

} // namespace citemap

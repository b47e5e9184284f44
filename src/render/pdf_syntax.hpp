// PDF's white-space characters (ISO 32000-1, 7.2.2: NUL, HT, LF, FF, CR, SP), for the two scanners that
// read Cairo's PDF back: the stream deflater and the incremental update.
#pragma once

#include <cstddef>
#include <string_view>

namespace citemap {

[[nodiscard]] inline bool pdf_space(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

// The first position at or after `at` that is not PDF white space.
[[nodiscard]] inline std::size_t skip_pdf_space(std::string_view s, std::size_t at) {
    while (at < s.size() && pdf_space(s[at]))
        ++at;
    return at;
}

} // namespace citemap

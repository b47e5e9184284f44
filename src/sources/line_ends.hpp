// Line ends as editors save them: LF (Unix), CRLF (Windows) and a lone CR (classic Mac OS, some exports).
#pragma once

#include <cstddef>
#include <string_view>

namespace citemap {

// Bytes of the line end starting at `pos`: 2 for CRLF, 1 for LF or a lone CR, 0 where no line ends.
[[nodiscard]] inline std::size_t line_end_at(std::string_view s, std::size_t pos) {
    if (pos >= s.size())
        return 0;
    if (s[pos] == '\r')
        return pos + 1 < s.size() && s[pos + 1] == '\n' ? 2 : 1;
    return s[pos] == '\n' ? 1 : 0;
}

struct LineStart {
    int line = 1;          // 1-based
    std::size_t begin = 0; // byte offset where that line starts
};

// The line holding byte `at`, counted with every kind of line end.
[[nodiscard]] LineStart line_start_of(std::string_view s, std::size_t at);

} // namespace citemap

// Line numbers over LF, CRLF and lone-CR line ends (see line_ends.hpp).
#include "sources/line_ends.hpp"

namespace citemap {

LineStart line_start_of(std::string_view s, std::size_t at) {
    LineStart where;
    for (std::size_t i = 0; i < at && i < s.size();) {
        if (const std::size_t n = line_end_at(s, i); n > 0) {
            i += n;
            // A CRLF split by `at` (at the LF) still ends the line before it.
            if (i <= at) {
                ++where.line;
                where.begin = i;
            }
        } else {
            ++i;
        }
    }
    return where;
}

} // namespace citemap

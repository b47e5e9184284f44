// Spans a line break must not split (see keep_together.hpp).
#include "text/keep_together.hpp"

#include <array>

namespace citemap {

namespace {

// A parenthetical this short (in bytes, inside the brackets) reads as one unit; a longer one is a
// clause and may wrap like any text.
constexpr std::size_t kShortParenthetical = 18;

// A hyphenated word this short ("south-west", "Al-Jadida", "Israeli-occupied") stays whole: broken
// at its hyphen, text extraction (pdftotext, copy from a PDF viewer) takes the line-end hyphen for a
// soft one and joins "south" and "west", so a quote copied out of the PDF no longer matches.
constexpr std::size_t kShortHyphenated = 24;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) >= 0x80;
}

// The unit words a number is kept with; a plain word after a number ("2024 the") may still break.
std::size_t unit_length(std::string_view rest) {
    static constexpr std::array<std::string_view, 20> units = {
        "km\u00B2", "m\u00B2", "km", "mm", "cm", "mi", "nmi", "nm", "ha", "kg", "ft", "yd", "m", "t",
        "h",        "min",     "%",  "\u00B0C", "sq", "kt"};
    std::size_t best = 0;
    for (std::string_view u : units) {
        if (rest.substr(0, u.size()) != u || u.size() <= best)
            continue;
        // A whole word: "m" must not match "march".
        const char next = u.size() < rest.size() ? rest[u.size()] : ' ';
        const bool letter = (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z');
        if (!letter)
            best = u.size();
    }
    return best;
}

} // namespace

std::vector<std::pair<std::size_t, std::size_t>> keep_together(std::string_view text) {
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '-' && i > 0 && i + 1 < text.size() && is_letter(text[i - 1]) && is_letter(text[i + 1])) {
            std::size_t from = i, to = i;
            while (from > 0 && text[from - 1] != ' ' && text[from - 1] != '\n')
                --from;
            while (to < text.size() && text[to] != ' ' && text[to] != '\n')
                ++to;
            if (to - from <= kShortHyphenated)
                spans.emplace_back(from, to);
        } else if (text[i] == '(') {
            const std::size_t close = text.find(')', i + 1);
            const std::size_t nested = text.find('(', i + 1);
            if (close != std::string_view::npos && close - i - 1 <= kShortParenthetical &&
                (nested == std::string_view::npos || nested > close))
                spans.emplace_back(i, close + 1);
        } else if (is_digit(text[i]) && i + 1 < text.size() && text[i + 1] == ' ') {
            if (const std::size_t u = unit_length(text.substr(i + 2)); u > 0) {
                std::size_t start = i;
                while (start > 0 && (is_digit(text[start - 1]) || text[start - 1] == '.' || text[start - 1] == ','))
                    --start;
                spans.emplace_back(start, i + 2 + u);
            }
        }
    }
    return spans;
}

} // namespace citemap

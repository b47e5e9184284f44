// Spans a line break must not split (see keep_together.hpp).
#include "text/keep_together.hpp"

#include <algorithm>
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

// A word starting with a capital: A-Z, or a Latin-1 capital (U+00C0-U+00DE but the sign U+00D7).
bool capitalised(std::string_view w) {
    if (w.empty())
        return false;
    if (w[0] >= 'A' && w[0] <= 'Z')
        return true;
    const auto b0 = static_cast<unsigned char>(w[0]);
    const auto b1 = w.size() > 1 ? static_cast<unsigned char>(w[1]) : 0;
    return b0 == 0xC3 && b1 >= 0x80 && b1 <= 0x9E && b1 != 0x97;
}

// The geographic generics a proper name follows ("río Chico", "rue de Rivoli", "Wadi Gaza", "Lake
// Kivu"), lower-case or capitalised: broken between them, "río" ended one line of a zone's name and
// "Chico" began the next, and the river's name read as two words (audit s17 D14). Kept with the name's
// first word only: a longer name ("Punta Arenal Sur") may still break inside.
bool generic(std::string_view w) {
    static constexpr std::array<std::string_view, 38> words = {
        "r\u00EDo", "rio",        "arroyo",   "lago",  "laguna", "cerro",  "monte", "sierra",
        "punta",    "bah\u00EDa", "isla",     "cabo",  "rue",    "avenue", "lac",   "mont",
        "cap",      "\u00EEle",   "\u00CEle", "fiume", "via",    "piazza", "river", "lake",
        "mount",    "cape",       "port",     "wadi",  "jebel",  "jabal",  "nahr",  "tell",
        "bir",      "ras",        "ain",      "gulf",  "bay",    "isle"};
    // Capitalised, English "River" and "Bay" mostly follow their name ("Lower River Division", "Bay
    // Area"): only "the river Jordan" is kept.
    auto capital_too = [](std::string_view g) { return g != "river" && g != "bay"; };
    return std::any_of(words.begin(), words.end(), [&](std::string_view g) {
        return w.size() == g.size() && w.substr(1) == g.substr(1) &&
               (w[0] == g[0] || (capital_too(g) && g[0] >= 'a' && g[0] <= 'z' && w[0] == g[0] - 'a' + 'A'));
    });
}

// The words between a generic and its name: "rue de Rivoli", "río de la Plata", "Gulf of Aden".
bool particle(std::string_view w) {
    static constexpr std::array<std::string_view, 17> words = {"de", "del",   "des", "du",  "di", "da",
                                                               "do", "della", "of",  "the", "al", "el",
                                                               "la", "le",    "les", "los", "las"};
    return std::find(words.begin(), words.end(), w) != words.end();
}

// The end of the generic-and-name span starting with the word at `from` ("río Chico"), or 0.
std::size_t generic_name_end(std::string_view text, std::size_t from) {
    auto word_end = [&](std::size_t at) { return std::min(text.find_first_of(" \n", at), text.size()); };
    std::size_t end = word_end(from);
    if (!generic(text.substr(from, end - from)))
        return 0;
    for (int words = 0; words < 4 && end < text.size() && text[end] == ' '; ++words) {
        const std::size_t next = end + 1, next_end = word_end(next);
        const std::string_view w = text.substr(next, next_end - next);
        // "Wadi al-Rim": an article joined to the name by a hyphen starts the name.
        const std::size_t hyphen = w.find('-');
        if (capitalised(w) || (hyphen != std::string_view::npos && particle(w.substr(0, hyphen)) &&
                               capitalised(w.substr(hyphen + 1))))
            return next_end;
        if (!particle(w))
            return 0;
        end = next_end;
    }
    return 0;
}

} // namespace

std::vector<std::pair<std::size_t, std::size_t>> keep_together(std::string_view text, bool names) {
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (names && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\n'))
            if (const std::size_t end = generic_name_end(text, i); end > 0)
                spans.emplace_back(i, end);
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

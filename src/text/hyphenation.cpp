// Hyphenation points without a dictionary (see hyphenation.hpp).
#include "text/hyphenation.hpp"

namespace citemap {

namespace {

bool ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool vowel(char c) {
    switch (c | 0x20) {
    case 'a':
    case 'e':
    case 'i':
    case 'o':
    case 'u':
    case 'y':
        return true;
    default:
        return false;
    }
}
// Two letters read as one sound, never split by a hyphen.
bool digraph(char a, char b) {
    a = static_cast<char>(a | 0x20);
    b = static_cast<char>(b | 0x20);
    return b == 'h' ? (a == 'c' || a == 's' || a == 't' || a == 'p' || a == 'w' || a == 'g') : (a == 'c' && b == 'k');
}

constexpr std::size_t kBefore = 2, kAfter = 3; // letters kept on each side of the hyphen

} // namespace

std::vector<std::size_t> hyphenation_points(std::string_view text, std::size_t from, std::size_t to) {
    std::vector<std::size_t> out;
    if (to > text.size() || from >= to)
        return out;
    for (std::size_t k = from; k < to; ++k)
        if (!ascii_letter(text[k]))
            return out;
    // A break at p lies between text[p-1] and text[p].
    for (std::size_t p = from + kBefore; p + kAfter <= to; ++p) {
        const char a = text[p - 1], b = text[p], c = text[p + 1];
        const bool v_cv = vowel(a) && !vowel(b) && vowel(c);
        const bool vc_cv = !vowel(a) && !vowel(b) && vowel(c) && vowel(text[p - 2]) && !digraph(a, b);
        if (v_cv || vc_cv)
            out.push_back(p);
    }
    return out;
}

} // namespace citemap

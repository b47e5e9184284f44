// A rule-based sentence segmenter for news prose. ICU's default rules break after "Oct. 10," because
// a capital follows later; news text needs the abbreviation and initial exceptions below.
#include "sources/sentence_splitter.hpp"

#include "sources/utf8.hpp"

#include <algorithm>
#include <iterator>
#include <cctype>
#include <string>

namespace citemap {

namespace {

// Lower-cased, without the final period. Months, titles, and the usual Latin and corporate forms; German
// ("Nr.", "Str.", "bzw."), Spanish ("Sra.", "núm.", "EE. UU.") and French ("av.", "env.") ones that
// are no English word a sentence could end with.
constexpr std::string_view kAbbreviations[] = {
    "jan",  "feb",  "mar",  "apr",  "jun",   "jul",  "aug",  "sep",  "sept", "oct",  "nov",    "dec",
    "mr",   "mrs",  "ms",   "dr",   "prof",  "gen",  "lt",   "col",  "capt", "sgt",  "rep",    "sen",
    "gov",  "pres", "st",   "no",   "vs",    "etc",  "e.g",  "i.e",  "approx", "inc", "ltd",   "co",
    "corp", "dept", "est",  "fig",  "jr",    "sr",   "u.s",  "u.n",  "u.k",  "e.u",  "al",     "cf",
    // German
    "nr",   "str",  "bzw",  "ca",   "evtl",  "ggf",  "inkl", "vgl",  "usw",  "mio",  "mrd",    "bzgl",
    "sog",  "okt",  "dez",  "j\u00E4n", "hl", "abg", "dipl",
    // Spanish
    "sra",  "srta", "d\u00F1a", "dra", "ud", "uds", "n\u00FAm", "av", "avda", "p\u00E1g", "ee", "uu",
    "gral", "c\u00EDa", "aprox",
    // French
    "mme",  "mlle", "bd",   "env"};

// German ordinals ("Seit dem 4. März", "bis 30. April", "im 7. Bezirk", "das 19. Jahrhundert"): a number
// and its period before one of these words does not end the sentence. A number ending a sentence before
// any other capitalised word does ("stieg auf 12. Die Polizei ...").
constexpr std::string_view kAfterOrdinal[] = {
    "Januar",   "J\u00E4nner", "Februar", "Feber",  "M\u00E4rz", "April",  "Mai",     "Juni",     "Juli",
    "August",   "September",   "Oktober", "November", "Dezember", "Jan",  "Feb",     "Apr",      "Jun",
    "Jul",      "Aug",         "Sep",     "Sept",    "Okt",     "Nov",    "Dez",     "Jahrhundert", "Bezirk",
    "Stock",    "Klasse",      "Liga",    "Runde",   "Etappe",  "Jahrestag", "Geburtstag"};

bool is_space(char32_t c) {
    return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\u00A0' || c == U'\u202F' ||
           c == U'\u2009';
}
// Marks that close a quotation or a bracket right after a sentence's last period: German "ist.“" and
// "ist.‘", "Ja.«" and French "fin. »" (after its space, see spaced_closer) too.
bool is_closer(char32_t c) {
    return c == U'"' || c == U'\'' || c == U')' || c == U']' || c == U'\u201D' || c == U'\u2019' || c == U'\u201C' ||
           c == U'\u2018' || c == U'\u00BB' || c == U'\u00AB' || c == U'\u203A' || c == U'\u2039' ||
           c == U'\u300D' || c == U'\u300F' || c == U'\uFF09';
}
// French sets a space inside its guillemets: "« Il est parti. » Elle" ends after the ».
bool spaced_closer(char32_t c) { return c == U'\u00BB' || c == U'\u203A'; }
// Chinese and Japanese full stops and marks: the next sentence follows without a space.
bool is_fullwidth_terminator(char32_t c) {
    return c == U'\u3002' || c == U'\uFF01' || c == U'\uFF1F' || c == U'\uFF0E';
}
// Marks that open a quotation or a bracket before a sentence's first letter: German „ ‚ and », Spanish
// ¿ ¡ as well as the English and French ones.
bool is_opener(char32_t c) {
    return c == U'"' || c == U'\'' || c == U'(' || c == U'[' || c == U'\u201C' || c == U'\u2018' ||
           c == U'\u00AB' || c == U'\u201E' || c == U'\u201A' || c == U'\u00BB' || c == U'\u2039' ||
           c == U'\u203A' || c == U'\u00BF' || c == U'\u00A1';
}
bool starts_sentence(char32_t c) {
    // Upper-case Latin, digits, any non-Latin letter (Arabic has no case), or an opening quote.
    if (c < 0x80)
        return std::isupper(static_cast<int>(c)) || std::isdigit(static_cast<int>(c));
    return !(c >= 0x00E0 && c <= 0x00FF); // Latin-1 lower-case letters do not start sentences
}
bool is_letter(char32_t c) {
    return (c < 0x80 && std::isalpha(static_cast<int>(c))) || (c >= 0xC0 && c != 0xD7 && c != 0xF7 && c < 0x250);
}

// The word that ends at a period: "Oct", "U.S", "J" (an initial), "z" (German "z. B.").
bool is_abbreviation(std::u32string_view text, std::size_t period) {
    std::size_t b = period;
    while (b > 0 && !is_space(text[b - 1]) && !is_opener(text[b - 1]))
        --b;
    std::u32string_view word = text.substr(b, period - b);
    if (word.empty())
        return false;
    if (word.size() == 1 && is_letter(word[0]))
        return true; // an initial, or one letter of "z. B.", "u. a.", "d. h."
    std::u32string lower;
    for (char32_t c : word) // ASCII and Latin-1 capitals (Á, Ñ, Ä) lower-cased
        lower += c < 0x80 ? static_cast<char32_t>(std::tolower(static_cast<int>(c)))
                 : (c >= 0xC0 && c <= 0xDE && c != 0xD7) ? c + 0x20
                                                          : c;
    const std::string utf8_lower = utf8::from_u32(lower);
    if (std::find(std::begin(kAbbreviations), std::end(kAbbreviations), utf8_lower) != std::end(kAbbreviations))
        return true;
    // Dotted acronyms ("U.S", "a.m") end a sentence only if a capital follows, which we cannot tell apart
    // from "U.S. officials"; treating them as abbreviations loses fewer sentences than splitting does.
    return word.find(U'.') != std::u32string_view::npos && word.size() <= 5;
}

// "4." before "März": a number of up to three digits ending at `period`, and the word at `next`.
bool is_ordinal(std::u32string_view text, std::size_t period, std::size_t next) {
    std::size_t b = period;
    while (b > 0 && text[b - 1] < 0x80 && std::isdigit(static_cast<int>(text[b - 1])))
        --b;
    if (b == period || period - b > 3 || (b > 0 && !is_space(text[b - 1]) && !is_opener(text[b - 1])))
        return false;
    std::size_t e = next;
    while (e < text.size() && is_letter(text[e]))
        ++e;
    const std::string word = utf8::from_u32(text.substr(next, e - next));
    return std::find(std::begin(kAfterOrdinal), std::end(kAfterOrdinal), word) != std::end(kAfterOrdinal);
}

} // namespace

std::vector<std::pair<std::size_t, std::size_t>> split_sentences(std::string_view paragraph) {
    const std::u32string text = utf8::to_u32(paragraph);
    // Byte offset of every code point, so the ranges we return index the original UTF-8.
    std::vector<std::size_t> byte_at(text.size() + 1, paragraph.size());
    for (std::size_t pos = 0, i = 0; pos < paragraph.size() && i < text.size(); ++i) {
        byte_at[i] = pos;
        if (!utf8::decode(paragraph, pos))
            ++pos;
    }

    std::vector<std::pair<std::size_t, std::size_t>> out;
    auto push = [&](std::size_t b, std::size_t e) {
        while (b < e && is_space(text[b]))
            ++b;
        while (e > b && is_space(text[e - 1]))
            --e;
        if (b < e)
            out.emplace_back(byte_at[b], byte_at[e]);
    };

    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char32_t c = text[i];
        if (is_fullwidth_terminator(c)) {
            std::size_t j = i + 1;
            while (j < text.size() && (is_fullwidth_terminator(text[j]) || is_closer(text[j])))
                ++j;
            push(start, j);
            start = j;
            i = j - 1;
            continue;
        }
        if (c != U'.' && c != U'!' && c != U'?' && c != U'\u061F' && c != U'\u2026')
            continue;
        std::size_t j = i + 1;
        while (j < text.size() && (text[j] == U'.' || text[j] == U'!' || text[j] == U'?'))
            ++j;
        while (j < text.size() && is_closer(text[j]))
            ++j;
        if (j < text.size() && !is_space(text[j]))
            continue; // "3.5", "gaza.com", "U.S.-led", Spanish "1.º"
        std::size_t k = j;
        while (k < text.size() && is_space(text[k]))
            ++k;
        // French "parti. » Elle": the spaced closing guillemet ends this sentence.
        while (k < text.size() && spaced_closer(text[k]) && (k + 1 == text.size() || is_space(text[k + 1]))) {
            j = k + 1;
            for (k = j; k < text.size() && is_space(text[k]);)
                ++k;
        }
        if (k < text.size()) {
            std::size_t first = k;
            while (first < text.size() && is_opener(text[first]))
                ++first;
            if (first < text.size() && !starts_sentence(text[first]))
                continue; // "... said. and"
            if (c == U'.' && (is_abbreviation(text, i) || is_ordinal(text, i, first))) {
                // "Oct. 10", "Dr. Smith" and "am 4. März" go on; an abbreviation at the very end of a
                // sentence before a new one is rare in news prose and costs only a merged pair.
                continue;
            }
        }
        push(start, j);
        start = j;
        i = j - 1;
    }
    push(start, text.size());
    return out;
}

} // namespace citemap

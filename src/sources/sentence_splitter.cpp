// A rule-based sentence segmenter for news prose. ICU's default rules break after "Oct. 10," because
// a capital follows later; news text needs the abbreviation and initial exceptions below.
#include "sources/sentence_splitter.hpp"

#include "sources/utf8.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace citemap {

namespace {

// Lower-cased, without the final period. Months, titles, and the usual Latin and corporate forms.
constexpr std::array<std::string_view, 48> kAbbreviations = {
    "jan",  "feb",  "mar", "apr", "jun",  "jul", "aug", "sep", "sept",   "oct", "nov", "dec",
    "mr",   "mrs",  "ms",  "dr",  "prof", "gen", "lt",  "col", "capt",   "sgt", "rep", "sen",
    "gov",  "pres", "st",  "no",  "vs",   "etc", "e.g", "i.e", "approx", "inc", "ltd", "co",
    "corp", "dept", "est", "fig", "jr",   "sr",  "u.s", "u.n", "u.k",    "e.u", "al",  "cf"};

bool is_space(char32_t c) {
    return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\u00A0';
}
bool is_closer(char32_t c) {
    return c == U'"' || c == U'\'' || c == U')' || c == U']' || c == U'\u201D' || c == U'\u2019' ||
           c == U'\u00BB' || c == U'\u300D' || c == U'\u300F' || c == U'\uFF09';
}
// Chinese and Japanese full stops and marks: the next sentence follows without a space.
bool is_fullwidth_terminator(char32_t c) {
    return c == U'\u3002' || c == U'\uFF01' || c == U'\uFF1F' || c == U'\uFF0E';
}
bool is_opener(char32_t c) {
    return c == U'"' || c == U'\'' || c == U'(' || c == U'[' || c == U'\u201C' || c == U'\u2018' ||
           c == U'\u00AB';
}
bool starts_sentence(char32_t c) {
    // Upper-case Latin, digits, any non-Latin letter (Arabic has no case), or an opening quote.
    if (c < 0x80)
        return std::isupper(static_cast<int>(c)) || std::isdigit(static_cast<int>(c));
    return !(c >= 0x00E0 && c <= 0x00FF); // Latin-1 lower-case letters do not start sentences
}

// The word that ends at a period: "Oct", "U.S", "J" (an initial).
bool is_abbreviation(std::u32string_view text, std::size_t period) {
    std::size_t b = period;
    while (b > 0 && !is_space(text[b - 1]) && !is_opener(text[b - 1]))
        --b;
    std::u32string_view word = text.substr(b, period - b);
    if (word.empty())
        return false;
    if (word.size() == 1 && word[0] < 0x80 && std::isupper(static_cast<int>(word[0])))
        return true; // initial
    std::string lower;
    for (char32_t c : word)
        lower += c < 0x80 ? static_cast<char>(std::tolower(static_cast<int>(c))) : '?';
    if (std::find(kAbbreviations.begin(), kAbbreviations.end(), lower) != kAbbreviations.end())
        return true;
    // Dotted acronyms ("U.S", "a.m") end a sentence only if a capital follows, which we cannot tell apart
    // from "U.S. officials"; treating them as abbreviations loses fewer sentences than splitting does.
    return word.find(U'.') != std::u32string_view::npos && word.size() <= 5;
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
            continue; // "3.5", "gaza.com", "U.S.-led"
        std::size_t k = j;
        while (k < text.size() && is_space(text[k]))
            ++k;
        if (k < text.size()) {
            std::size_t first = k;
            while (first < text.size() && is_opener(text[first]))
                ++first;
            if (first < text.size() && !starts_sentence(text[first]))
                continue; // "... said. and"
            if (c == U'.' && is_abbreviation(text, i)) {
                // "Oct. 10" and "Dr. Smith" go on; an abbreviation at the very end of a sentence before
                // a new one is rare in news prose and costs only a merged pair.
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

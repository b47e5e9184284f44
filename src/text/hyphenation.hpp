// Where a word too long for its line may be broken with a hyphen. Pango, wrapping by characters,
// breaks such a word at any letter ("Under quaranti / ne" on a 60 mm figure's legend, its hyphen lost
// as each line was drawn on its own) and, without a dictionary, knows no syllables. A break is allowed only where English and
// most Latin-script languages allow one without a dictionary's help: between a vowel and a
// consonant that starts a new syllable (V-CV: "Conta-minated"), or between two consonants with
// vowels on both sides (VC-CV: "quaran-tine"), never splitting "ch", "sh", "th", "ph", "ck", "wh",
// "gh", with at least two letters before the hyphen and three after it.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace citemap {

// Byte positions in the word text[from, to) where it may be hyphenated (a break before text[p]).
// Empty when the word is not all ASCII letters (accents, other scripts, digits): those are left to
// Pango.
[[nodiscard]] std::vector<std::size_t> hyphenation_points(std::string_view text, std::size_t from, std::size_t to);

} // namespace citemap

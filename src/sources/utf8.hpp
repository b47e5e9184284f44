// UTF-8 decoding and encoding: offsets in citations are Unicode code points, as W3C selectors count them.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace citemap::utf8 {

// Decodes one code point at `pos`; nullopt for malformed input. Advances pos on success.
[[nodiscard]] std::optional<char32_t> decode(std::string_view s, std::size_t& pos);
[[nodiscard]] std::string encode(char32_t cp);
// Byte offset of the first malformed sequence, or npos when the text is valid UTF-8.
[[nodiscard]] std::size_t first_invalid(std::string_view s);
[[nodiscard]] std::u32string to_u32(std::string_view s);
[[nodiscard]] std::string from_u32(std::u32string_view s);
[[nodiscard]] std::size_t count(std::string_view s);
// Whether `c` lies in a right-to-left script's block: Hebrew to Arabic Extended-A (with Syriac,
// Thaana, N'Ko), and the Hebrew and Arabic presentation forms.
[[nodiscard]] bool in_rtl_block(char32_t c);
// `s` between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE when it holds right-to-left letters, so
// an Arabic title inserted into an English line keeps its own order without reordering the line
// around it (a publisher pulled inside the title's quote marks); other text is returned unchanged.
[[nodiscard]] std::string isolate_rtl(const std::string& s);
// `s` in capitals by Unicode's case mapping ("Südmark" → "SÜDMARK", "Ελλάδα" → "ΕΛΛΆΔΑ"); invalid
// UTF-8 is returned unchanged.
[[nodiscard]] std::string upper(std::string_view s);

} // namespace citemap::utf8

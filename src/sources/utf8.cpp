// UTF-8 <-> code points, strict: overlong forms, surrogates and stray continuation bytes are errors.
#include "sources/utf8.hpp"

#include <glib.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <memory>

namespace citemap::utf8 {

std::optional<char32_t> decode(std::string_view s, std::size_t& pos) {
    if (pos >= s.size())
        return std::nullopt;
    const auto b0 = static_cast<unsigned char>(s[pos]);
    int len = 0;
    char32_t cp = 0;
    if (b0 < 0x80) {
        ++pos;
        return b0;
    }
    if ((b0 & 0xE0) == 0xC0) {
        len = 2;
        cp = b0 & 0x1F;
    } else if ((b0 & 0xF0) == 0xE0) {
        len = 3;
        cp = b0 & 0x0F;
    } else if ((b0 & 0xF8) == 0xF0) {
        len = 4;
        cp = b0 & 0x07;
    } else
        return std::nullopt;
    if (pos + len > s.size())
        return std::nullopt;
    for (int i = 1; i < len; ++i) {
        const auto b = static_cast<unsigned char>(s[pos + i]);
        if ((b & 0xC0) != 0x80)
            return std::nullopt;
        cp = (cp << 6) | (b & 0x3F);
    }
    static constexpr char32_t min_for_len[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min_for_len[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return std::nullopt;
    pos += len;
    return cp;
}

std::string encode(char32_t cp) {
    std::string out;
    if (cp < 0x80)
        out += static_cast<char>(cp);
    else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
    return out;
}

std::size_t first_invalid(std::string_view s) {
    std::size_t pos = 0;
    while (pos < s.size())
        if (!decode(s, pos))
            return pos;
    return std::string_view::npos;
}

std::u32string to_u32(std::string_view s) {
    std::u32string out;
    std::size_t pos = 0;
    while (pos < s.size()) {
        if (auto cp = decode(s, pos))
            out += *cp;
        else {
            out += U'\uFFFD';
            ++pos;
        }
    }
    return out;
}

std::string from_u32(std::u32string_view s) {
    std::string out;
    for (char32_t c : s)
        out += encode(c);
    return out;
}

std::size_t count(std::string_view s) {
    // Every byte but a continuation byte (10xxxxxx) starts a code point. Eight bytes at a time: a
    // byte by byte loop was 4.5 instructions a byte, and SourceText::code_point_at counts up to 4 kB
    // for each quote's start and end (37 M instructions of the 1000-zone check).
    std::size_t continuation = 0, i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        std::uint64_t w;
        std::memcpy(&w, s.data() + i, 8);
        continuation += static_cast<std::size_t>(std::popcount(w & ~(w << 1) & 0x8080808080808080ull));
    }
    for (; i < s.size(); ++i)
        continuation += (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80;
    return s.size() - continuation;
}

bool in_rtl_block(char32_t c) {
    return (c >= 0x0590 && c <= 0x08FF) || (c >= 0xFB1D && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF);
}

std::string isolate_rtl(const std::string& s) {
    // Claim titles are built for every composition candidate: plain ASCII needs no decoding.
    if (std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
        return s;
    for (char32_t c : to_u32(s))
        if (in_rtl_block(c))
            return "\u2068" + s + "\u2069";
    return s;
}

std::string upper(std::string_view s) {
    if (first_invalid(s) != std::string_view::npos)
        return std::string(s);
    const std::unique_ptr<gchar, decltype(&g_free)> up(g_utf8_strup(s.data(), static_cast<gssize>(s.size())), &g_free);
    return up ? std::string(up.get()) : std::string(s);
}

} // namespace citemap::utf8

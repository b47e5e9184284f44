// Escaping for every target format citemap writes text from inputs into.
#include "core/escape.hpp"

#include <cstdio>

namespace citemap {

namespace {

bool control(unsigned char c) {
    return c < 0x20 || c == 0x7f;
}

// Length of the UTF-8 sequence at s[i] and its code point; 0 when malformed.
std::size_t decode(std::string_view s, std::size_t i, char32_t& cp) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t n = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size())
        return 0;
    cp = n == 1 ? b : n == 2 ? (b & 0x1f) : n == 3 ? (b & 0x0f) : (b & 0x07);
    for (std::size_t k = 1; k < n; ++k) {
        const auto c = static_cast<unsigned char>(s[i + k]);
        if ((c >> 6) != 2)
            return 0;
        cp = (cp << 6) | (c & 0x3f);
    }
    return n;
}

} // namespace

std::string xml_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r')
                continue;
            out += c;
        }
    }
    return out;
}

std::string slug(std::string_view s) {
    std::string out;
    for (char c : s) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        c == '_' || c == '-';
        out += ok ? c : '-';
    }
    if (out.empty() || !((out[0] >= 'a' && out[0] <= 'z') || (out[0] >= 'A' && out[0] <= 'Z')))
        out = "x" + out;
    return out;
}

std::string markdown_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        if (c == '\n' || c == '\r' || c == '\t') {
            out += ' ';
            continue;
        }
        if (control(static_cast<unsigned char>(c)))
            continue;
        // The characters that open emphasis, code, links, raw HTML, entities, tables or footnotes.
        for (char special : std::string_view("\\`*_[]<>&|~#!{}$^"))
            if (c == special) {
                out += '\\';
                break;
            }
        out += c;
    }
    return out;
}

std::string json_for_html(std::string_view json) {
    std::string out;
    out.reserve(json.size());
    for (char c : json) {
        if (c == '<')
            out += "\\u003c";
        else if (c == '>')
            out += "\\u003e";
        else if (c == '&')
            out += "\\u0026";
        else
            out += c;
    }
    return out;
}

std::string metadata_text(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        if (c == '\n' || c == '\r' || c == '\t')
            out += ' ';
        else if (!control(static_cast<unsigned char>(c)))
            out += c;
    }
    return out;
}

std::string terminal_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    char buf[16];
    for (std::size_t i = 0; i < s.size();) {
        char32_t cp = 0;
        const std::size_t n = decode(s, i, cp);
        if (n == 0) {
            std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(s[i]));
            out += buf;
            ++i;
            continue;
        }
        const bool c0 = cp < 0x20 && cp != '\n' && cp != '\t';
        const bool c1 = cp == 0x7f || (cp >= 0x80 && cp < 0xa0);
        // Bidi embeddings, overrides, isolates and marks (Trojan Source), plus line/paragraph separators.
        const bool bidi = (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200e ||
                          cp == 0x200f || cp == 0x061c || cp == 0x2028 || cp == 0x2029;
        if (c0 || (c1 && cp < 0x80))
            std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(cp));
        else if (c1 || bidi)
            std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(cp));
        else {
            out.append(s.substr(i, n));
            i += n;
            continue;
        }
        out += buf;
        i += n;
    }
    return out;
}

} // namespace citemap

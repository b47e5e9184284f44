// Text a person saved (map.toml, a cited article) must be UTF-8: where it is not, and how to convert it.
#include "sources/text_encoding.hpp"

#include "sources/line_ends.hpp"
#include "sources/utf8.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>

namespace citemap {

void require_utf8(std::string_view text, const std::string& file, const std::string& kind) {
    const std::string name = std::filesystem::path(file).filename().string();
    // Converted in place, so map.toml and [[source]] keep naming the same file.
    auto convert = [&](const char* from) {
        return std::string("iconv -f ") + from + " -t UTF-8 " + name + " > " + name + ".utf8 && mv " + name +
               ".utf8 " + name;
    };
    // Windows editors save "Unicode" as UTF-16 with a byte-order mark: every other byte is zero, and
    // the first non-UTF-8 byte is the mark itself, so a position and a Latin-1 reading say nothing.
    if (text.size() >= 2 && ((text[0] == '\xFF' && text[1] == '\xFE') || (text[0] == '\xFE' && text[1] == '\xFF')))
        throw Error({file, 1, 1, {}}, kind + " is saved as UTF-16, not UTF-8",
                    "save it as UTF-8 in the editor (\"UTF-8\", not \"Unicode\"), or in its folder run\n    " +
                        convert("UTF-16"));
    auto where_at = [&](std::size_t at) {
        const LineStart l = line_start_of(text, at);
        const auto column = 1 + utf8::count(text.substr(l.begin, at - l.begin));
        return Where{file, l.line, static_cast<int>(column), {}};
    };
    // UTF-16 without the mark (iconv -t UTF-16LE, some exports) is valid UTF-8 wherever the text is
    // ASCII, every other byte a NUL: read so, a source matched none of its quotes and ten "nothing is
    // close" errors never named the cause. No article or map.toml holds a NUL byte of its own.
    if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
        const std::string_view head = text.substr(0, 4096);
        std::size_t at_even = 0, at_odd = 0;
        for (std::size_t i = 0; i < head.size(); ++i)
            if (head[i] == '\0')
                ++(i % 2 ? at_odd : at_even);
        // Spaces and Latin letters carry a NUL in each pair; Arabic or Greek text only between words.
        const bool le = at_even == 0 && at_odd >= head.size() / 8, be = at_odd == 0 && at_even >= head.size() / 8;
        if (le || be)
            throw Error({file, 1, 1, {}}, kind + " is saved as UTF-16 without a byte-order mark, not UTF-8",
                        "save it as UTF-8 in the editor, or in its folder run\n    " +
                            convert(le ? "UTF-16LE" : "UTF-16BE"));
        throw Error(where_at(nul), kind + " holds a NUL byte, which no text file does",
                    "save it as plain text (UTF-8); a word processor's document (.doc, .odt, .pdf) is not "
                    "one: export its text first");
    }
    const std::size_t bad = utf8::first_invalid(text);
    if (bad == std::string_view::npos)
        return;
    // A byte from 0xA0 up is a letter in Latin-1 and Windows-1252 alike ("ü" is 0xFC): name it, so the
    // author sees which word the editor saved in the old encoding.
    const auto byte = static_cast<unsigned char>(text[bad]);
    char what[64];
    if (byte >= 0xA0)
        std::snprintf(what, sizeof what, "byte 0x%02X, \"%s\" in Latin-1", byte, utf8::encode(byte).c_str());
    else
        std::snprintf(what, sizeof what, "byte 0x%02X", byte);
    throw Error(where_at(bad), kind + " is not valid UTF-8 (" + what + ")",
                "save it as UTF-8 in the editor, or in its folder run\n    " + convert("WINDOWS-1252"));
}

} // namespace citemap

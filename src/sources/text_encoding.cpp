// Text a person saved (map.toml, a cited article) must be UTF-8: where it is not, and how to convert it.
#include "sources/text_encoding.hpp"

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
    const std::size_t bad = utf8::first_invalid(text);
    if (bad == std::string_view::npos)
        return;
    const std::size_t line_start = bad == 0 ? 0 : text.rfind('\n', bad - 1) + 1; // npos + 1 == 0
    const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(bad), '\n');
    const auto column = 1 + utf8::count(text.substr(line_start, bad - line_start));
    // A byte from 0xA0 up is a letter in Latin-1 and Windows-1252 alike ("ü" is 0xFC): name it, so the
    // author sees which word the editor saved in the old encoding.
    const auto byte = static_cast<unsigned char>(text[bad]);
    char what[64];
    if (byte >= 0xA0)
        std::snprintf(what, sizeof what, "byte 0x%02X, \"%s\" in Latin-1", byte, utf8::encode(byte).c_str());
    else
        std::snprintf(what, sizeof what, "byte 0x%02X", byte);
    throw Error({file, static_cast<int>(line), static_cast<int>(column), {}},
                kind + " is not valid UTF-8 (" + what + ")",
                "save it as UTF-8 in the editor, or in its folder run\n    " + convert("WINDOWS-1252"));
}

} // namespace citemap

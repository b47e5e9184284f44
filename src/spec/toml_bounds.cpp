// A linear pre-scan of map.toml that knows just enough TOML (strings, comments, brackets, keys) to
// measure nesting before toml++ does.
#include "spec/toml_bounds.hpp"

#include <string>

namespace citemap {

void check_toml_bounds(std::string_view text, const std::string& file) {
    if (text.size() > kMaxSpecBytes)
        throw Error({file, 0, 0, {}},
                    "map.toml is larger than " + std::to_string(kMaxSpecBytes >> 20) + " MiB",
                    "a map project's map.toml is a few kilobytes; put long texts in a [[source]] file");
    enum class In { code, basic, literal, ml_basic, ml_literal, comment } in = In::code;
    int line = 1, depth = 0, dots = 0;
    std::size_t line_start = 0;
    auto fail = [&](std::size_t at, const std::string& what, const std::string& hint) {
        throw Error({file, line, static_cast<int>(at - line_start + 1), {}}, what, hint);
    };
    const std::string nesting_hint = "map.toml needs at most 3 levels ([[claim]], cite = [{ ... }]); "
                                     "write keys and tables flatter";
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\n') {
            if (i - line_start > kMaxSpecLineBytes)
                fail(line_start, "line is longer than " + std::to_string(kMaxSpecLineBytes >> 10) + " KiB",
                     "break long strings over several lines with \"\"\" ... \"\"\", or move the text into a "
                     "[[source]] file");
            ++line;
            line_start = i + 1;
            dots = 0;
            if (in == In::comment || in == In::basic || in == In::literal)
                in = In::code;
            continue;
        }
        auto triple = [&](char q) { return i + 2 < text.size() && text[i + 1] == q && text[i + 2] == q; };
        switch (in) {
        case In::comment:
            break;
        case In::basic:
            if (c == '\\')
                ++i;
            else if (c == '"')
                in = In::code;
            break;
        case In::literal:
            if (c == '\'')
                in = In::code;
            break;
        case In::ml_basic:
            if (c == '\\' && i + 1 < text.size() && text[i + 1] != '\n')
                ++i;
            else if (c == '"' && triple('"')) {
                in = In::code;
                i += 2;
            }
            break;
        case In::ml_literal:
            if (c == '\'' && triple('\'')) {
                in = In::code;
                i += 2;
            }
            break;
        case In::code:
            if (c == '#') {
                in = In::comment;
            } else if (c == '"') {
                in = triple('"') ? In::ml_basic : In::basic;
                if (in == In::ml_basic)
                    i += 2;
            } else if (c == '\'') {
                in = triple('\'') ? In::ml_literal : In::literal;
                if (in == In::ml_literal)
                    i += 2;
            } else if (c == '[' || c == '{') {
                dots = 0;
                if (++depth > kMaxSpecNesting)
                    fail(i, "arrays or tables nested more than " + std::to_string(kMaxSpecNesting) +
                                " levels deep",
                         nesting_hint);
            } else if (c == ']' || c == '}') {
                dots = 0;
                depth = depth > 0 ? depth - 1 : 0;
            } else if (c == '=' || c == ',') {
                dots = 0;
            } else if (c == '.') {
                // Dots of one key or header; a value's dots (1.5, a date-time) are far below the bound.
                if (++dots > kMaxSpecNesting)
                    fail(i, "key nested more than " + std::to_string(kMaxSpecNesting) + " levels deep",
                         nesting_hint);
            }
            break;
        }
    }
    if (text.size() - line_start > kMaxSpecLineBytes)
        fail(line_start, "line is longer than " + std::to_string(kMaxSpecLineBytes >> 10) + " KiB",
             "break long strings over several lines, or move the text into a [[source]] file");
}

} // namespace citemap

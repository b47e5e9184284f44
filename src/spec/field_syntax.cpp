// Hand parsers for map.toml's small grammars (std::regex recursed once per character and overflowed).
#include "spec/field_syntax.hpp"

#include <cstdlib>

namespace citemap {

namespace {

bool digit(char c) {
    return c >= '0' && c <= '9';
}
bool hex(char c) {
    return digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
int two(std::string_view s, std::size_t at) {
    return (s[at] - '0') * 10 + (s[at + 1] - '0');
}

} // namespace

bool is_iso_date(std::string_view s) {
    if (s.size() != 4 && s.size() != 7 && s.size() != 10)
        return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const bool dash = i == 4 || i == 7;
        if (dash ? s[i] != '-' : !digit(s[i]))
            return false;
    }
    if (s.size() >= 7 && (two(s, 5) < 1 || two(s, 5) > 12))
        return false;
    if (s.size() == 10 && (two(s, 8) < 1 || two(s, 8) > 31))
        return false;
    return true;
}

bool is_language_tag(std::string_view s) {
    auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    std::size_t i = 0;
    while (i < s.size() && alpha(s[i]))
        ++i;
    if (i < 2 || i > 3)
        return false;
    while (i < s.size()) {
        if (s[i] != '-')
            return false;
        std::size_t n = 0;
        for (++i; i < s.size() && s[i] != '-'; ++i, ++n)
            if (!alpha(s[i]) && !digit(s[i]))
                return false;
        if (n < 1 || n > 8)
            return false;
    }
    return true;
}

bool is_hex_color(std::string_view s) {
    if (s.size() != 7 || s[0] != '#')
        return false;
    for (char c : s.substr(1))
        if (!hex(c))
            return false;
    return true;
}

bool is_file_stem(std::string_view s) {
    if (s.empty() || s.size() > 100)
        return false;
    auto alnum = [](char c) { return digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    if (!alnum(s[0]))
        return false;
    for (char c : s)
        if (!alnum(c) && c != '_' && c != '.' && c != '-')
            return false;
    return true;
}

std::optional<std::string> url_problem(std::string_view s) {
    if (s.size() > 2000)
        return "it is longer than 2000 characters";
    // Characters RFC 3986 never allows unencoded; '"', '<' and '>' would also break out of attributes.
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7f || u >= 0x80)
            return "it contains a space, a control or a non-ASCII character (percent-encode it)";
        for (char bad : {'"', '<', '>', '\\', '^', '`', '{', '|', '}'})
            if (c == bad)
                return std::string("it contains '") + bad + "' (percent-encode it)";
    }
    auto starts = [&](std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; };
    if (starts("https://") || starts("http://")) {
        const std::string_view rest = s.substr(s.find("//") + 2);
        if (rest.empty() || rest[0] == '/' || rest[0] == '?' || rest[0] == '#')
            return "it names no host";
        return std::nullopt;
    }
    if (starts("doi:10."))
        return std::nullopt;
    return "only http://, https:// and doi:10.… links are published";
}

std::optional<double> plain_decimal(std::string_view s, int max_digits) {
    std::size_t i = 0;
    while (i < s.size() && digit(s[i]))
        ++i;
    if (i == 0 || i > static_cast<std::size_t>(max_digits))
        return std::nullopt;
    if (i < s.size()) {
        if (s[i] != '.' || i + 1 == s.size() || s.size() - i - 1 > 6)
            return std::nullopt;
        for (std::size_t j = i + 1; j < s.size(); ++j)
            if (!digit(s[j]))
                return std::nullopt;
    }
    // Bounded and validated above, so strtod cannot overflow or throw.
    return std::strtod(std::string(s).c_str(), nullptr);
}

} // namespace citemap

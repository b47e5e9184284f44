// The small grammars inside map.toml strings (dates, colours, file stems, URLs), parsed by hand:
// linear in the input and without recursion, so no length can overflow the stack.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace citemap {

// YYYY, YYYY-MM or YYYY-MM-DD with a real month and day of month 01-31.
[[nodiscard]] bool is_iso_date(std::string_view s);
// A BCP 47 tag as map.toml's labels use it: 2-3 letters, then "-" subtags of 1-8 letters or digits.
[[nodiscard]] bool is_language_tag(std::string_view s);
// #rrggbb
[[nodiscard]] bool is_hex_color(std::string_view s);
// A file stem citemap may write: [A-Za-z0-9][A-Za-z0-9_.-]*, at most 100 characters.
[[nodiscard]] bool is_file_stem(std::string_view s);
// Why a source URL is refused (nullopt: accepted). Only http, https and doi: links reach the outputs,
// so no javascript:, data: or file: link is ever published.
[[nodiscard]] std::optional<std::string> url_problem(std::string_view s);
// A plain decimal number: digits with an optional fraction, at most `max_digits` before the point.
[[nodiscard]] std::optional<double> plain_decimal(std::string_view s, int max_digits = 6);

} // namespace citemap

// What map.toml text may reach toml++: toml++ recurses once per nesting level (dotted keys, table
// headers, arrays, inline tables), so a deep enough key overflows the stack before it can say why.
#pragma once

#include "core/error.hpp"

#include <string_view>

namespace citemap {

constexpr std::size_t kMaxSpecBytes = 4u << 20;     // no hand-written map comes near 4 MiB
constexpr std::size_t kMaxSpecLineBytes = 128u << 10; // a 100 kB quote still has its own message
constexpr int kMaxSpecNesting = 32;                   // map.toml itself needs 3

// Throws Error (file:line:column, the limit, what to do) when the text exceeds a bound.
void check_toml_bounds(std::string_view text, const std::string& file_label);

} // namespace citemap

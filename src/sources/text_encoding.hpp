// Text a person saved (map.toml, a cited article) must be UTF-8: where it is not, and how to convert it.
#pragma once

#include "core/error.hpp"

#include <string>
#include <string_view>

namespace citemap {

// Throws Error at the first byte of `text` that is not UTF-8 (file:line:column, the byte and what it
// is in the encoding an editor probably used), with the command that converts the file. `file` is the
// path as printed; `kind` names the file in the message ("map.toml", "source 'report'").
void require_utf8(std::string_view text, const std::string& file, const std::string& kind);

} // namespace citemap

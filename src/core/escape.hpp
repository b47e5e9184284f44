// Escaping for text from inputs wherever it lands in XML, SVG or HTML.
#pragma once

#include <string>
#include <string_view>

namespace citemap {

// Escapes &, <, >, " and ' and drops control characters XML 1.0 forbids.
[[nodiscard]] std::string xml_escape(std::string_view s);
// A fragment identifier safe in ids, hrefs and PDF names: [A-Za-z0-9_-], others as '-'.
[[nodiscard]] std::string slug(std::string_view s);

} // namespace citemap

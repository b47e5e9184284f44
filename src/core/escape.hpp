// Escaping for text from inputs wherever it lands: XML/SVG/HTML, Markdown, JSON inside HTML, metadata
// fields (PNG text, PDF strings) and the terminal. Every companion writer calls one of these.
#pragma once

#include <string>
#include <string_view>

namespace citemap {

// Escapes &, <, >, " and ' and drops control characters XML 1.0 forbids.
[[nodiscard]] std::string xml_escape(std::string_view s);
// A fragment identifier safe in ids, hrefs and PDF names: [A-Za-z0-9_-], others as '-'.
[[nodiscard]] std::string slug(std::string_view s);
// Inline Markdown text (CommonMark and pandoc): punctuation that starts markup or raw HTML is
// backslash-escaped, line breaks become spaces (no new block can start), control characters go.
[[nodiscard]] std::string markdown_escape(std::string_view s);
// JSON text that may be embedded in an HTML <script> (JSON-LD): <, > and & as \u003c, \u003e, \u0026,
// so "</script>" or "<!--" inside a string cannot end the element. Still valid, equal JSON.
[[nodiscard]] std::string json_for_html(std::string_view json);
// One-line metadata values (PNG text chunks, PDF document info, XMP): control characters, including
// NUL, which would cut a C string, dropped; line breaks become spaces.
[[nodiscard]] std::string metadata_text(std::string_view s);
// Text from inputs shown in a terminal: C0/C1 controls, DEL, and bidirectional overrides and isolates
// shown as \xNN or \uNNNN, so no input can move the cursor, retitle the window or reverse a line.
// Newlines and tabs pass (messages are multi-line); invalid UTF-8 bytes show as \xNN.
[[nodiscard]] std::string terminal_escape(std::string_view s);

} // namespace citemap

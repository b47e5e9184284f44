// Formatting of errors and diagnostics in the one "file:line:col: level: message" shape.
#include "core/error.hpp"

#include "core/escape.hpp"

#include <algorithm>

namespace citemap {

std::string Where::str() const {
    std::string s = file;
    if (line > 0) {
        s += ":" + std::to_string(line);
        if (column > 0)
            s += ":" + std::to_string(column);
    }
    if (!object.empty())
        s += (s.empty() ? "" : ": ") + object;
    return s;
}

static std::string format_message(const Where& where, const char* severity, const std::string& message,
                                  const std::string& hint) {
    std::string out = where.str();
    if (!out.empty())
        out += ": ";
    out += severity;
    out += ": " + message;
    if (!hint.empty()) {
        // Indent every hint line so multi-line context (closest passages, occurrences) stays readable.
        std::string indented = "\n  ";
        for (char c : hint) {
            indented += c;
            if (c == '\n')
                indented += "  ";
        }
        out += indented;
    }
    // Messages quote inputs (names, quotes, paths): none may drive the terminal that shows them.
    return terminal_escape(out);
}

Error::Error(Where where, std::string what, std::string hint)
    : std::runtime_error(format_message(where, "error", what, hint)), where_(std::move(where)),
      message_(std::move(what)), hint_(std::move(hint)) {}

std::string Error::format(const char* severity) const {
    return format_message(where_, severity, message_, hint_);
}

std::string Diagnostic::format() const {
    return format_message(where, level == Level::error ? "error" : "warning", message, hint);
}

void Diagnostics::error(Where where, std::string message, std::string hint) {
    items_.push_back({Diagnostic::Level::error, std::move(where), std::move(message), std::move(hint)});
}

void Diagnostics::warning(Where where, std::string message, std::string hint) {
    items_.push_back({Diagnostic::Level::warning, std::move(where), std::move(message), std::move(hint)});
}

void Diagnostics::failed_check(Where where, std::string message, std::string hint) {
    items_.push_back({Diagnostic::Level::error, std::move(where), std::move(message), std::move(hint), true});
}

bool Diagnostics::has_errors() const {
    return std::any_of(items_.begin(), items_.end(),
                       [](const Diagnostic& d) { return d.level == Diagnostic::Level::error; });
}

} // namespace citemap

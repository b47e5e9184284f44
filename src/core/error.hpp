// The one error type: where the problem is (file:line:column or a zone id) and what to do about it.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace citemap {

struct Where {
    std::string file;   // as the user named it, or empty
    int line = 0;       // 1-based; 0 when unknown
    int column = 0;     // 1-based; 0 when unknown
    std::string object; // a zone id, a claim, a layer: when no line is known

    [[nodiscard]] std::string str() const;
};

class Error : public std::runtime_error {
  public:
    Error(Where where, std::string what, std::string hint = {});
    [[nodiscard]] const Where& where() const { return where_; }
    [[nodiscard]] const std::string& message() const { return message_; }
    [[nodiscard]] const std::string& hint() const { return hint_; }
    // "file:line:col: error: message\n  hint" — the one format the CLI prints.
    [[nodiscard]] std::string format(const char* severity = "error") const;

  private:
    Where where_;
    std::string message_;
    std::string hint_;
};

// Problems found while validating: check reports all of them, render stops on the first batch.
struct Diagnostic {
    enum class Level { warning, error } level = Level::error;
    Where where;
    std::string message;
    std::string hint;
    // A [[check]] the drawing does not pass: an error, but the project loaded whole (stats can show it).
    bool failed_check = false;
    [[nodiscard]] std::string format() const;
};

class Diagnostics {
  public:
    void error(Where where, std::string message, std::string hint = {});
    void warning(Where where, std::string message, std::string hint = {});
    void failed_check(Where where, std::string message, std::string hint = {});
    void add(const Error& e) { error(e.where(), e.message(), e.hint()); }
    [[nodiscard]] bool has_errors() const;
    [[nodiscard]] const std::vector<Diagnostic>& all() const { return items_; }

  private:
    std::vector<Diagnostic> items_;
};

} // namespace citemap

// Nesting a quote's own quotation marks: each mark's role (opening or closing) is read from the letters
// around it, not from its shape, since the same character opens in one language and closes in another
// (“ opens English and closes German, » opens German and closes French).
#include "sources/quote_marks.hpp"

#include "sources/utf8.hpp"

#include <vector>

namespace citemap {

namespace {

enum class Kind { none, double_mark, single_mark };
enum class Role { none, opens, closes };

Kind kind_of(char32_t c) {
    switch (c) {
    case U'"':
    case U'\u201C':
    case U'\u201D':
    case U'\u201E':
    case U'\u201F':
    case U'\u00AB':
    case U'\u00BB':
        return Kind::double_mark;
    case U'\'':
    case U'\u2018':
    case U'\u2019':
    case U'\u201A':
    case U'\u201B':
    case U'\u2039':
    case U'\u203A':
        return Kind::single_mark;
    default:
        return Kind::none;
    }
}

bool is_space(char32_t c) {
    return c == U' ' || c == U'\t' || c == U'\u00A0' || c == U'\u202F' || c == U'\u2009' || c == U'\u2007';
}

bool is_guillemet(char32_t c) { return c == U'\u00AB' || c == U'\u00BB' || c == U'\u2039' || c == U'\u203A'; }

// What may stand before an opening mark: "(„", "—“", "/«".
bool opens_after(char32_t c) {
    return is_space(c) || c == U'(' || c == U'[' || c == U'{' || c == U'-' || c == U'\u2013' || c == U'\u2014' ||
           c == U'/';
}

// What may follow a closing mark: "“,", "»)", "’…".
bool closes_before(char32_t c) {
    return is_space(c) || c == U'.' || c == U',' || c == U';' || c == U':' || c == U'!' || c == U'?' ||
           c == U')' || c == U']' || c == U'}' || c == U'\u2026' || c == U'-' || c == U'\u2013' || c == U'\u2014' ||
           kind_of(c) != Kind::none;
}

// A mark standing alone between spaces ("« " in French, "” " after a spaced dash): its shape says.
Role role_by_shape(char32_t c) {
    switch (c) {
    case U'\u00AB':
    case U'\u2039':
    case U'\u201C':
    case U'\u2018':
        return Role::opens;
    case U'\u00BB':
    case U'\u203A':
    case U'\u201D':
    case U'\u2019':
        return Role::closes;
    default: // straight quotes: see the pairing
        return Role::none;
    }
}

struct Mark {
    Kind kind = Kind::none;
    Role role = Role::none;
    bool paired = false;
    int level = 0; // 1: directly inside the outer marks
};

std::vector<Mark> read_marks(const std::u32string& t) {
    std::vector<Mark> marks(t.size());
    std::vector<std::size_t> open; // opening marks not yet closed, innermost last
    auto open_of_kind = [&](Kind k) {
        for (std::size_t j = open.size(); j-- > 0;)
            if (marks[open[j]].kind == k)
                return j;
        return open.size();
    };
    for (std::size_t i = 0; i < t.size(); ++i) {
        Mark& m = marks[i];
        m.kind = kind_of(t[i]);
        if (m.kind == Kind::none)
            continue;
        const bool after_open = i == 0 || opens_after(t[i - 1]) || marks[i - 1].role == Role::opens;
        const bool before_close = i + 1 == t.size() || closes_before(t[i + 1]);
        if (t[i] == U'\u201E' || t[i] == U'\u201A' || t[i] == U'\u201F' || t[i] == U'\u201B')
            m.role = Role::opens; // low and reversed marks only open
        else if (after_open != before_close)
            m.role = after_open ? Role::opens : Role::closes;
        else if (after_open) // alone between spaces
            m.role = role_by_shape(t[i]) != Role::none ? role_by_shape(t[i])
                     : open_of_kind(m.kind) < open.size() ? Role::closes
                                                          : Role::opens;
        // else inside a word: an apostrophe (l’armée, don't) or a stray mark, left as it is
        if (t[i] == U'\u2019' && m.role == Role::opens)
            m.role = Role::none; // ’90s, ’n’: no quotation opens with ’, and it would pair with Smiths’
        if (m.role == Role::opens) {
            open.push_back(i);
        } else if (m.role == Role::closes) {
            const std::size_t j = open_of_kind(m.kind);
            if (j < open.size()) {
                m.paired = marks[open[j]].paired = true;
                open.resize(j); // marks opened inside it and never closed stay unpaired
            }
        }
    }
    // Levels: pairs nest; an unpaired double mark is a quotation whose other end lies outside the
    // quote, one level inside the pairs around it.
    int depth = 0;
    for (Mark& m : marks) {
        if (m.kind == Kind::none || m.role == Role::none || (!m.paired && m.kind == Kind::single_mark))
            continue;
        if (m.role == Role::opens) {
            m.level = ++depth;
        } else if (m.paired) {
            m.level = depth--;
        } else {
            m.level = depth + 1;
        }
    }
    return marks;
}

} // namespace

std::string with_inner_marks(std::string_view text, const PanelWords& w) {
    std::u32string t;
    std::vector<std::size_t> byte_in; // where each code point starts in `text`
    for (std::size_t pos = 0; pos < text.size();) {
        byte_in.push_back(pos);
        const std::size_t at = pos;
        t += utf8::decode(text, pos).value_or(U'\uFFFD');
        if (pos == at)
            ++pos;
    }
    byte_in.push_back(text.size());
    const std::vector<Mark> marks = read_marks(t);

    std::vector<bool> dropped(t.size(), false); // the space inside a guillemet: « aucune » → “aucune”
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (marks[i].level == 0 || !is_guillemet(t[i]))
            continue;
        if (marks[i].role == Role::opens && i + 1 < t.size() && is_space(t[i + 1]))
            dropped[i + 1] = true;
        if (marks[i].role == Role::closes && i > 0 && is_space(t[i - 1]))
            dropped[i - 1] = true;
    }

    std::string out;
    out.reserve(text.size() + 8);
    for (std::size_t i = 0; i < t.size(); ++i) {
        const Mark& m = marks[i];
        if (dropped[i])
            continue;
        if (m.level == 0) {
            out.append(text.substr(byte_in[i], byte_in[i + 1] - byte_in[i]));
            continue;
        }
        const bool second = m.level % 2 == 1; // levels 1, 3, 5 inside the quote: the language's second
        out += m.role == Role::opens ? (second ? w.inner_open : w.third_open) : (second ? w.inner_close : w.third_close);
    }
    return out;
}

} // namespace citemap

// Pango's line breaking of one paragraph, done over the paragraph's items, break attributes and whole
// shaping, which are kept to break it again at any width without a PangoLayout (see the .cpp).
#pragma once

#include "text/item_width.hpp"

#include <pango/pango.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace citemap {

// One run of a set line: a part of one of the paragraph's items, shaped as Pango shapes it there.
struct SetRun {
    PangoItemPtr item;
    GlyphStringPtr glyphs;
};

// A line as PangoLayout sets it: its bytes in the text, its runs in logical order, and its logical
// width (the runs' advances, the space it was broken after counted as nothing).
struct SetLine {
    int start = 0, length = 0;
    int width = 0;
    std::vector<SetRun> runs;
};

// A paragraph (one plain_line text, wrapped by words then characters) set in one font.
class Paragraph {
  public:
    // `items` as a layout of `text` itemizes it (ItemWidths::items); `kept` the spans Pango may not
    // break inside (keep_together, set as allow-breaks attributes); `flags` the layout's shape flags.
    Paragraph(std::string text, ItemList items, const std::vector<std::pair<std::size_t, std::size_t>>& kept,
              PangoShapeFlags flags, int em);
    ~Paragraph();
    Paragraph(const Paragraph&) = delete;
    Paragraph& operator=(const Paragraph&) = delete;

    // The lines PangoLayout sets at `width` (Pango units, > 0) with PANGO_WRAP_WORD_CHAR; nullopt where
    // a line would end inside a word (a hyphen or a break by characters), which is left to Pango.
    [[nodiscard]] std::optional<std::vector<SetLine>> lines(int width) const;

  private:
    struct State;
    struct Line;
    enum class Fit { all, some, empty, none, unknown };
    [[nodiscard]] Fit process_item(Line& line, State& st, bool force_fit, bool no_break_at_end,
                                   bool is_last_item) const;
    [[nodiscard]] bool process_line(State& st, std::vector<SetLine>& out) const;
    [[nodiscard]] GlyphStringPtr shape(std::size_t item, int from_char, int to_char, bool hyphen) const;
    [[nodiscard]] bool exact_cut(std::size_t item, int from_char, int to_char) const;
    [[nodiscard]] GlyphStringPtr part(std::size_t item, int from_char, int to_char) const;
    [[nodiscard]] int byte_of(std::size_t item, int chars) const;
    [[nodiscard]] bool can_break_at(int offset) const;
    [[nodiscard]] int extra_width(State& st, int pos) const;

    std::string text_;
    int n_chars_ = 0;
    int em_ = 0; // the font's size, Pango units: bounds the safe distance
    PangoShapeFlags flags_;
    std::vector<PangoItemPtr> items_;
    std::vector<int> first_char_; // each item's first character in the text
    std::vector<std::vector<int>> byte_at_; // each item's characters' byte offsets from its start
    std::shared_ptr<const std::vector<PangoLogAttr>> attrs_; // shared by the text's other sizes
    std::vector<GlyphStringPtr> whole_; // each item shaped whole
    std::vector<std::vector<char>> cuts_; // where each may be cut, by byte (shape_noting_cuts)
    std::vector<std::vector<int>> log_widths_;
};

} // namespace citemap

// Pango 1.50's line breaking (pango-layout.c: process_line, process_item), done again over what a
// paragraph keeps across widths. Every composition candidate wraps the same paragraphs at its own width
// and size, and a PangoLayout does it from scratch each time: it itemizes the text, computes its break
// attributes, shapes every item, and, for each item it must break, asks the font's metrics for a "safe
// distance" (three average character widths, which Pango measures by laying out a sample sentence once
// per font: every text size the search tries), then ends with the extents of every line. Here the
// items, break attributes and whole shaping are kept per paragraph and font, and the breaking walks
// the same steps with the same numbers: the same items split at the same places and shaped with the
// same calls (pango_shape_item; the shape cache answers a part from the whole run where HarfBuzz allows).
//
// The safe distance only decides which candidate breaks Pango measures by shaping the line's head and
// which it takes from the characters' logical widths, and where it stops looking. A candidate that is
// measured here and whose shaped width equals its logical one (a head cut where HarfBuzz marks the cut
// safe) gets the same answer either way, so the distance is needed only where it decides the outcome:
// a head shaped wider or narrower than its characters near the line's end, or a break past the width
// where Pango may already have stopped. Such an item is left to Pango (no bundled, audit or test text
// has one); elsewhere a bound suffices: three ems and three points (Noto's average character is about
// half an em).
//
// What this does not do is left to a PangoLayout (lines() gives nullopt): a line that would end inside a
// word (a break by characters, which retries the item with looser rules, or a break that adds a hyphen).
// Tabs, forced breaks, indents, justification, letter spacing and ellipsizing never reach it (plain_line
// texts, citemap's layouts). tests/render/text_wrap_test.cpp compares its lines with Pango's.
#include "text/line_breaker.hpp"
#include "text/shape_cache.hpp"

#include <hb.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <memory>
#include <string>
#include <unordered_map>
#include <cstdlib>
#include <utility>

namespace citemap {

namespace {

struct AttrListDeleter {
    void operator()(PangoAttrList* l) const { pango_attr_list_unref(l); }
};

int glyphs_width(const PangoGlyphString* g) { return pango_glyph_string_get_width(const_cast<PangoGlyphString*>(g)); }

// pango-layout.c's find_hyphen_width: the advance of the font's hyphen, as Pango estimates a break's
// hyphen before shaping it.
int hyphen_width_of(const PangoItem* item) {
    if (!item->analysis.font)
        return 0;
    hb_font_t* font = pango_font_get_hb_font(item->analysis.font);
    hb_codepoint_t glyph = 0;
    if (hb_font_get_nominal_glyph(font, 0x2010, &glyph) || hb_font_get_nominal_glyph(font, '-', &glyph))
        return hb_font_get_glyph_h_advance(font, glyph);
    return 0;
}

// pango-layout.c's get_items_log_attrs: the default breaks, each item's script's tailoring, then the
// allow-breaks attributes. They depend on the text and its items' scripts, not on the font: a paragraph
// set at another size (each text scale the composition search tries) takes the last size's.
std::shared_ptr<const std::vector<PangoLogAttr>> break_attrs(const std::string& text, int n_chars,
                                                             const std::vector<PangoItemPtr>& items,
                                                             const std::vector<int>& first_char,
                                                             const std::vector<std::pair<std::size_t, std::size_t>>& kept) {
    thread_local std::unordered_map<std::string, std::shared_ptr<const std::vector<PangoLogAttr>>> known;
    std::string key = text;
    for (const PangoItemPtr& item : items) {
        const int fields[] = {item->offset, item->length, static_cast<int>(item->analysis.script)};
        key.append(reinterpret_cast<const char*>(fields), sizeof fields);
    }
    if (const auto it = known.find(key); it != known.end())
        return it->second;
    const int length = static_cast<int>(text.size());
    auto attrs = std::make_shared<std::vector<PangoLogAttr>>(static_cast<std::size_t>(n_chars) + 1);
    pango_default_break(text.c_str(), length, nullptr, attrs->data(), n_chars + 1);
    for (std::size_t i = 0; i < items.size(); ++i) {
        PangoItem* item = items[i].get();
        pango_tailor_break(text.c_str() + item->offset, item->length, &item->analysis, -1,
                           attrs->data() + first_char[i], item->num_chars + 1);
    }
    if (!kept.empty() && !items.empty()) {
        const std::unique_ptr<PangoAttrList, AttrListDeleter> list(pango_attr_list_new());
        for (const auto& [from, to] : kept) {
            PangoAttribute* a = pango_attr_allow_breaks_new(FALSE);
            a->start_index = static_cast<guint>(from);
            a->end_index = static_cast<guint>(to);
            pango_attr_list_insert(list.get(), a);
        }
        pango_attr_break(text.c_str(), length, list.get(), items.front()->offset, attrs->data(), n_chars + 1);
    }
    if (known.size() >= 4000) // a long `watch` sees ever new texts
        known.clear();
    return known.emplace(std::move(key), std::move(attrs)).first->second;
}

} // namespace

// Pango's ParaBreakState, for one call of lines().
struct Paragraph::State {
    std::size_t item = 0; // the first item not wholly set
    int from = 0;          // its first character not set yet
    int width = 0;         // the layout's width
    int remaining = 0;     // width left on the line
    // The front item's shaping, kept while Pango keeps it (state->glyphs): shaped from its character
    // `shaped_from` (0: the paragraph's whole item), and its characters' logical widths.
    bool shaped = false;
    int shaped_from = 0;
    GlyphStringPtr own_glyphs; // when not the whole item's
    std::vector<int> own_log_widths;
    int hyphen_width = -1;

    [[nodiscard]] const int* log_widths(const Paragraph& p) const {
        return (shaped_from == 0 ? p.log_widths_[item].data() : own_log_widths.data()) + (from - shaped_from);
    }
    [[nodiscard]] const PangoGlyphString* glyphs(const Paragraph& p) const {
        return shaped_from == 0 ? p.whole_[item].get() : own_glyphs.get();
    }
    void drop_shaping() {
        shaped = false;
        own_glyphs.reset();
        own_log_widths.clear();
    }
};

// A line being filled: its runs, each a part [from, to) of an item (characters).
struct Paragraph::Line {
    struct Run {
        std::size_t item;
        int from, to;
        GlyphStringPtr glyphs;
    };
    std::vector<Run> runs;
};

Paragraph::Paragraph(std::string text, ItemList items, const std::vector<std::pair<std::size_t, std::size_t>>& kept,
                     PangoShapeFlags flags, int em)
    : text_(std::move(text)), em_(em), flags_(flags) {
    n_chars_ = static_cast<int>(g_utf8_strlen(text_.c_str(), static_cast<gssize>(text_.size())));
    for (GList* l = items.get(); l; l = l->next)
        items_.emplace_back(pango_item_copy(static_cast<PangoItem*>(l->data)));
    int chars = 0;
    for (const PangoItemPtr& item : items_) {
        first_char_.push_back(chars);
        std::vector<int> bytes;
        bytes.reserve(static_cast<std::size_t>(item->num_chars) + 1);
        const char* start = text_.c_str() + item->offset;
        for (const char* p = start; static_cast<int>(bytes.size()) < item->num_chars; p = g_utf8_next_char(p))
            bytes.push_back(static_cast<int>(p - start));
        bytes.push_back(item->length);
        byte_at_.push_back(std::move(bytes));
        chars += item->num_chars;
    }
    attrs_ = break_attrs(text_, n_chars_, items_, first_char_, kept);
    for (std::size_t i = 0; i < items_.size(); ++i) {
        GlyphStringPtr glyphs;
        cuts_.push_back(shape_noting_cuts([&] { glyphs = shape(i, 0, items_[i]->num_chars, false); }));
        whole_.push_back(std::move(glyphs));
        std::vector<int> widths(static_cast<std::size_t>(items_[i]->num_chars));
        PangoGlyphItem glyph_item{items_[i].get(), whole_.back().get(), 0, 0, 0};
        pango_glyph_item_get_logical_widths(&glyph_item, text_.c_str(), widths.data());
        log_widths_.push_back(std::move(widths));
    }
}

Paragraph::~Paragraph() = default;

int Paragraph::byte_of(std::size_t item, int chars) const {
    return byte_at_[item][static_cast<std::size_t>(chars)];
}

// Characters [from, to) of an item shaped as Pango shapes that part of it (shape_run): the item split
// there, its hyphen flag set where the break after it adds one, the break attributes from its start.
GlyphStringPtr Paragraph::shape(std::size_t i, int from, int to, bool hyphen) const {
    const PangoItem* whole = items_[i].get();
    PangoItemPtr part(pango_item_copy(const_cast<PangoItem*>(whole)));
    const int b0 = byte_of(i, from), b1 = byte_of(i, to);
    part->offset = whole->offset + b0;
    part->length = b1 - b0;
    part->num_chars = to - from;
    if (hyphen)
        part->analysis.flags |= PANGO_ANALYSIS_FLAG_NEED_HYPHEN;
    else
        part->analysis.flags &= static_cast<guint8>(~PANGO_ANALYSIS_FLAG_NEED_HYPHEN);
    GlyphStringPtr glyphs(pango_glyph_string_new());
    pango_shape_item(part.get(), text_.c_str(), static_cast<int>(text_.size()),
                     const_cast<PangoLogAttr*>(attrs_->data()) + first_char_[i] + from, glyphs.get(), flags_);
    return glyphs;
}

// Whether characters [from, to) of an item, shaped as Pango shapes a part, are its whole shaping's glyphs
// there: both cuts where HarfBuzz allows them (its contract; the shape cache cuts such parts so too).
// Latin left to right only, as the shape cache's own rule for text cut without what follows it.
bool Paragraph::exact_cut(std::size_t i, int from, int to) const {
    const PangoItem* item = items_[i].get();
    const std::vector<char>& cuts = cuts_[i];
    return item->analysis.script == PANGO_SCRIPT_LATIN && item->analysis.level % 2 == 0 && !cuts.empty() &&
           cuts[static_cast<std::size_t>(byte_of(i, from))] && cuts[static_cast<std::size_t>(byte_of(i, to))];
}

// Characters [from, to) of an item as a run of a line: cut from its whole shaping where that is exact,
// else shaped.
GlyphStringPtr Paragraph::part(std::size_t i, int from, int to) const {
    if (!exact_cut(i, from, to))
        return shape(i, from, to, false);
    const PangoGlyphString* whole = whole_[i].get();
    const int b0 = byte_of(i, from), b1 = byte_of(i, to);
    int first = 0;
    while (first < whole->num_glyphs && whole->log_clusters[first] < b0)
        ++first;
    int last = first;
    while (last < whole->num_glyphs && whole->log_clusters[last] < b1)
        ++last;
    GlyphStringPtr glyphs(pango_glyph_string_new());
    pango_glyph_string_set_size(glyphs.get(), last - first);
    for (int g = first; g < last; ++g) {
        glyphs->glyphs[g - first] = whole->glyphs[g];
        glyphs->log_clusters[g - first] = whole->log_clusters[g] - b0;
    }
    return glyphs;
}

// Pango's can_break_at, breaking by words (wrapping by characters is left to Pango).
bool Paragraph::can_break_at(int offset) const {
    return offset == n_chars_ || (*attrs_)[static_cast<std::size_t>(offset)].is_line_break;
}

// pango-layout.c's find_break_extra_width: what breaking after `pos` characters of the front item adds
// (a hyphen) or takes away (the space before the break) from the width of what precedes it.
int Paragraph::extra_width(State& st, int pos) const {
    const int at = first_char_[st.item] + st.from + pos;
    const PangoLogAttr& a = (*attrs_)[static_cast<std::size_t>(at)];
    const int* lw = st.log_widths(*this);
    if (a.break_inserts_hyphen) {
        if (st.hyphen_width < 0)
            st.hyphen_width = hyphen_width_of(items_[st.item].get());
        if (a.break_removes_preceding && pos > 0)
            return st.hyphen_width - lw[pos - 1];
        return st.hyphen_width;
    }
    if (pos > 0 && (*attrs_)[static_cast<std::size_t>(at - 1)].is_white)
        return -lw[pos - 1];
    return 0;
}

// pango-layout.c's process_item, for one item (or what is left of it) at the line's end. The comments
// name Pango's results; `unknown` is a case left to Pango (see the top of the file).
Paragraph::Fit Paragraph::process_item(Line& line, State& st, bool force_fit, bool no_break_at_end,
                                       bool is_last_item) const {
    const std::size_t i = st.item;
    const PangoItem* whole = items_[i].get();
    const int n = whole->num_chars - st.from;
    const int start = first_char_[i] + st.from; // state->start_offset
    bool new_item = false;
    if (!st.shaped) {
        st.shaped = true;
        st.shaped_from = st.from;
        if (st.from > 0) { // an item Pango split, then took back: shaped again from the split
            st.own_glyphs = shape(i, st.from, whole->num_chars, false);
            st.own_log_widths.assign(static_cast<std::size_t>(n), 0);
            PangoItemPtr rest(pango_item_copy(const_cast<PangoItem*>(whole)));
            rest->offset += byte_of(i, st.from);
            rest->length -= byte_of(i, st.from);
            rest->num_chars = n;
            PangoGlyphItem glyph_item{rest.get(), st.own_glyphs.get(), 0, 0, 0};
            pango_glyph_item_get_logical_widths(&glyph_item, text_.c_str(), st.own_log_widths.data());
        }
        new_item = true;
    }
    const int* lw = st.log_widths(*this);
    int width = 0;
    if (new_item) {
        width = glyphs_width(st.glyphs(*this));
    } else {
        for (int k = 0; k < n; ++k)
            width += lw[k];
    }
    auto needs_hyphen = [&](int pos) {
        const PangoLogAttr& a = (*attrs_)[static_cast<std::size_t>(start + pos)];
        return a.break_inserts_hyphen || a.break_removes_preceding;
    };
    int extra = 0;
    if (!no_break_at_end && can_break_at(start + n))
        extra = extra_width(st, n);
    const bool lone_char = n == 1 && line.runs.empty();
    if ((width + extra <= st.remaining || lone_char) && !no_break_at_end) {
        // Pango shapes the item again: for a new item, the glyphs of its shaping above.
        GlyphStringPtr glyphs(new_item ? pango_glyph_string_copy(const_cast<PangoGlyphString*>(st.glyphs(*this)))
                                       : part(i, st.from, whole->num_chars).release());
        width = glyphs_width(glyphs.get());
        if (width + extra <= st.remaining || lone_char) {
            line.runs.push_back({i, st.from, whole->num_chars, std::move(glyphs)});
            st.remaining = std::max(st.remaining - width, 0);
            st.drop_shaping();
            return Fit::all;
        }
    }

    // Looking for a break inside the item. Where the outcome would rest on Pango's safe distance, the
    // item is left to Pango (see the top of the file); `surely` bounds the distance.
    const int surely = 3 * (em_ + PANGO_SCALE);
    struct Break {
        int chars, width, extra;
        GlyphStringPtr glyphs;
    };
    Break b{n, width, extra, nullptr};
    bool maybe_stopped = false; // past a point where Pango may have stopped looking
    const int last = no_break_at_end ? n - 1 : n;
    int w = 0;
    for (int k = 0; k <= last; ++k) {
        const int e = extra_width(st, k);
        if (b.chars < n) { // Pango stops once what precedes is past the width by the safe distance
            const int past = std::min(w + e, w) - st.remaining;
            if (past > surely)
                break;
            maybe_stopped = maybe_stopped || past > 0;
        }
        if (can_break_at(start + k) && (k > 0 || !line.runs.empty())) {
            // Well inside the width Pango takes a break from the logical widths; near its end it shapes
            // the head and takes the shaped width.
            const bool trivial = k == 0 || w + e < st.remaining - surely;
            GlyphStringPtr glyphs;
            int measured = 0, measured_extra = 0;
            if (!trivial) {
                const bool hyphen = k < n && needs_hyphen(k);
                if (st.shaped_from == 0 && !hyphen && exact_cut(i, st.from, st.from + k)) {
                    measured = w; // the whole's glyphs: their widths are the characters' logical ones
                } else {
                    glyphs = shape(i, st.from, st.from + k, hyphen);
                    measured = glyphs_width(glyphs.get());
                }
                if (k > 0 && (k < n || !is_last_item) && (*attrs_)[static_cast<std::size_t>(start + k - 1)].is_white)
                    measured_extra = -lw[k - 1];
                else if (k == n && !is_last_item && needs_hyphen(k))
                    measured_extra = st.hyphen_width;
                // Inside the width both ways give the same break where the shaped width is the logical one.
                if (w + e < st.remaining && (measured != w || measured_extra != e))
                    return Fit::unknown;
            }
            if (trivial) {
                b = Break{k, w, e, nullptr};
            } else if (b.chars == n || measured + measured_extra <= st.remaining ||
                       measured + measured_extra < b.width + b.extra) {
                if (maybe_stopped)
                    return Fit::unknown; // Pango may have stopped before this break
                b = Break{k, measured, measured_extra, std::move(glyphs)};
            }
        }
        if (k < n)
            w += lw[k];
    }
    if (b.width + b.extra > st.remaining) {
        if (force_fit)
            return Fit::unknown; // Pango tries again breaking by characters
        st.drop_shaping();
        return Fit::none;
    }
    st.remaining = std::max(st.remaining - (b.width + b.extra), 0);
    if (b.chars == n) {
        if (can_break_at(start + n) && needs_hyphen(n))
            return Fit::unknown; // the item takes a hyphen
        GlyphStringPtr glyphs(st.from == st.shaped_from
                                  ? pango_glyph_string_copy(const_cast<PangoGlyphString*>(st.glyphs(*this)))
                                  : part(i, st.from, whole->num_chars).release());
        line.runs.push_back({i, st.from, whole->num_chars, std::move(glyphs)});
        st.drop_shaping();
        return Fit::all;
    }
    if (b.chars == 0)
        return Fit::empty;
    if ((*attrs_)[static_cast<std::size_t>(start + b.chars)].break_inserts_hyphen)
        return Fit::unknown; // Pango adds the hyphen once the line is set (add_missing_hyphen)
    if (!b.glyphs)
        b.glyphs = part(i, st.from, st.from + b.chars);
    line.runs.push_back({i, st.from, st.from + b.chars, std::move(b.glyphs)});
    st.from += b.chars;
    return Fit::some;
}

// pango-layout.c's process_line: fills one line, backing up to the last item it could break inside
// when one does not fit; a line broken after a space counts that space as nothing (Pango's
// zero_line_final_space). False for a line left to Pango.
bool Paragraph::process_line(State& st, std::vector<SetLine>& out) const {
    Line line;
    st.remaining = st.width;
    bool have_break = false, wrapped = false;
    int break_remaining = 0, break_from = 0;
    std::size_t break_item = 0, break_runs = 0;
    const int line_start = first_char_[st.item] + st.from;
    while (st.item < items_.size()) {
        const int old_remaining = st.remaining;
        const std::size_t item = st.item;
        const int from = st.from, n = items_[item]->num_chars - from;
        const bool first_in_line = line.runs.empty();
        const Fit fit = process_item(line, st, !have_break, false, item + 1 == items_.size());
        if (fit == Fit::unknown)
            return false;
        if (fit == Fit::all) {
            const int start = first_char_[item] + from;
            bool inside = false;
            for (int k = first_in_line ? 1 : 0; k < n && !inside; ++k) // Pango's can_break_in
                inside = can_break_at(start + k);
            if (inside) {
                have_break = true;
                break_remaining = old_remaining;
                break_item = item;
                break_from = from;
                break_runs = line.runs.size() - 1;
            }
            ++st.item;
            st.from = 0;
            continue;
        }
        if (fit == Fit::none) { // back to the last item with a break inside, broken before its end
            line.runs.resize(break_runs);
            st.item = break_item;
            st.from = break_from;
            st.remaining = break_remaining;
            const Fit again = process_item(line, st, true, true, st.item + 1 == items_.size());
            if (again != Fit::some && again != Fit::empty)
                return false;
        }
        wrapped = true;
        break;
    }
    int chars = 0, width = 0;
    for (const Line::Run& r : line.runs)
        chars += r.to - r.from;
    const int end = line_start + chars; // state->start_offset, where the next line starts
    if ((*attrs_)[static_cast<std::size_t>(end)].break_inserts_hyphen)
        return false; // Pango would add a hyphen (add_missing_hyphen)
    if (wrapped && !line.runs.empty() && end > 0 && (*attrs_)[static_cast<std::size_t>(end - 1)].is_white) {
        const Line::Run& r = line.runs.back();
        PangoGlyphString* g = r.glyphs.get();
        const int at = items_[r.item]->analysis.level % 2 ? 0 : g->num_glyphs - 1;
        const bool cluster = g->num_glyphs >= 2 &&
                             g->log_clusters[at] == g->log_clusters[at + (items_[r.item]->analysis.level % 2 ? 1 : -1)];
        if (g->num_glyphs >= 1 && !cluster) {
            g->glyphs[at].geometry.width = 0;
            g->glyphs[at].glyph = PANGO_GLYPH_EMPTY;
        }
    }
    SetLine set;
    set.start = items_[line.runs.front().item]->offset + byte_of(line.runs.front().item, line.runs.front().from);
    for (Line::Run& r : line.runs) {
        const PangoItem* whole = items_[r.item].get();
        PangoItemPtr part(pango_item_copy(const_cast<PangoItem*>(whole)));
        part->offset = whole->offset + byte_of(r.item, r.from);
        part->length = byte_of(r.item, r.to) - byte_of(r.item, r.from);
        part->num_chars = r.to - r.from;
        set.length += part->length;
        width += glyphs_width(r.glyphs.get());
        set.runs.push_back({std::move(part), std::move(r.glyphs)});
    }
    set.width = width;
    out.push_back(std::move(set));
    return true;
}

std::optional<std::vector<SetLine>> Paragraph::lines(int width) const {
    std::vector<SetLine> out;
    if (items_.empty())
        return std::nullopt;
    State st;
    st.width = width;
    while (st.item < items_.size())
        if (!process_line(st, out))
            return std::nullopt;
    return out;
}

} // namespace citemap

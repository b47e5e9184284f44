// Text shaping with Pango/HarfBuzz: one font map for measuring (layout) and drawing (render), so
// what layout measured is exactly what the backends draw.
#pragma once

#include "scene/scene.hpp"

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace citemap {

class ItemWidths;
class Paragraph;

struct GObjectDeleter {
    void operator()(gpointer p) const { g_object_unref(p); }
};
using PangoLayoutPtr = std::unique_ptr<PangoLayout, GObjectDeleter>;
using PangoContextPtr = std::unique_ptr<PangoContext, GObjectDeleter>;
using PangoFontMapPtr = std::unique_ptr<PangoFontMap, GObjectDeleter>;

struct FontDescriptionDeleter {
    void operator()(PangoFontDescription* d) const { pango_font_description_free(d); }
};
using FontDescriptionPtr = std::unique_ptr<PangoFontDescription, FontDescriptionDeleter>;

// What layout asks of a text: its advance, and which way it reads. The line box's height and
// baseline are left to the backends (layout_origin): Pango computes them from each font's metrics,
// which it measures by laying out a sample sentence, once for every size the composition search tries.
struct TextMetrics {
    double width = 0; // pt: the widest line's logical width, Pango's
    bool rtl = false; // Pango's bidi resolution of the first line
};

class TextEngine {
  public:
    TextEngine();
    ~TextEngine();
    TextEngine(const TextEngine&) = delete;
    TextEngine& operator=(const TextEngine&) = delete;
    [[nodiscard]] PangoLayoutPtr layout(const std::string& text, const Font& font) const;
    [[nodiscard]] TextMetrics measure(const std::string& text, const Font& font) const;
    // Breaks text into lines no wider than `width` pt, at word boundaries where possible.
    [[nodiscard]] std::vector<std::string> wrap(const std::string& text, const Font& font,
                                                double width) const;
    // Whether wrap() gives at most `lines` lines at `width`, answered from the wraps already known
    // where that is exact: the count never grows with the width (see wrap()), so a narrower width
    // that gave at most `lines` answers yes, and a wider one that gave more answers no. A width
    // search over one text (balanced_width) asks this at many widths, once per candidate width.
    [[nodiscard]] bool at_most_lines(const std::string& text, const Font& font, double width,
                                     std::size_t lines) const;
    // A number of lines wrap() gives at `width` at the least, from the wraps already known, without
    // asking Pango: the count at the narrowest known width from `width` up (the count never grows
    // with the width, see wrap()), or what the text's one-line width leaves room for (lines_by_width),
    // or 1. The composition search rules out candidates whose
    // citations cannot fit with it before wrapping them.
    [[nodiscard]] std::size_t lines_at_least(const std::string& text, const Font& font, double width) const;
    // The same, always asked of Pango (wrap() answers from what it knows where that is exact). Keeps
    // the metrics of the lines where they are exactly what measure() would give (see the .cpp).
    [[nodiscard]] std::vector<std::string> wrap_with_pango(const std::string& text, const Font& font,
                                                           double width) const;
    // The lines wrap() gets from its own line breaker (line_breaker.cpp), without a PangoLayout; nullopt
    // where the breaker leaves the text to Pango. Tests compare them with wrap_with_pango().
    [[nodiscard]] std::optional<std::vector<std::string>> wrap_without_pango(const std::string& text, const Font& font,
                                                                             double width) const;
    // How many wrapped lines' metrics were kept from their paragraph rather than measured on their own.
    [[nodiscard]] std::size_t lines_kept() const { return lines_kept_; }
    // Where a Pango layout of `t` must start (its logical top-left) to put the baseline at t.origin.
    [[nodiscard]] Point layout_origin(const Text& t, PangoLayout* layout) const;
    // The box a Text occupies once placed: consistent with how the backends anchor it.
    [[nodiscard]] Box box_of(const Text& t) const;
    // A Text at `origin` with its box filled in.
    [[nodiscard]] Text make(std::string text, Point origin, const Font& font, Color color,
                            Anchor anchor = Anchor::start) const;

  private:
    // The context a text is shaped in: the small font set when it covers every character, else the
    // system's whole font set (fallback for scripts citemap does not bundle a family for).
    [[nodiscard]] PangoContext* context_for(const std::string& text) const;
    [[nodiscard]] PangoContext* full_context() const; // the system's whole font set, made on first use
    // The font `text` is set in, as `context` is asked for it.
    [[nodiscard]] FontDescriptionPtr description(const std::string& text, const Font& font, PangoContext* context) const;
    [[nodiscard]] TextMetrics measure_uncached(const std::string& text, const Font& font) const;
    // Lines Pango gave at one width, and the narrowest width known to give the same lines (Pango
    // units): the widest line's, where that is exact (see wrap_by_pango), else the width itself.
    struct KnownWrap {
        std::vector<std::string> lines;
        int same_from = 0;
    };
    using KnownWraps = std::map<int, KnownWrap>; // by the width Pango is given
    [[nodiscard]] bool surely_wider(const std::string& text, const Font& font, int width,
                                    const KnownWraps& known) const;
    [[nodiscard]] bool surely_narrower(const std::string& text, const Font& font, int width) const;
    // The size `text` was measured at in `font`'s family and style, and its width there; null if never.
    [[nodiscard]] const std::pair<double, double>* width_at_a_size(const std::string& text, const Font& font) const;
    // The least number of lines `text` can take at `width`, from its one-line width (see the .cpp).
    [[nodiscard]] std::size_t lines_by_width(const std::string& text, const Font& font, double width) const;
    // Pango's lines: from the paragraph's own breaker where it answers (line_breaker.cpp), else from a
    // PangoLayout (wrap_by_pango).
    [[nodiscard]] KnownWrap set_lines(const std::string& text, const Font& font, double width) const;
    [[nodiscard]] KnownWrap wrap_by_pango(const std::string& text, const Font& font, double width) const;
    [[nodiscard]] std::optional<KnownWrap> wrap_by_breaker(const std::string& text, const Font& font,
                                                           double width) const;
    // Keeps the metrics of `lines` (text wrapped by Pango) where they are exactly what measuring each
    // line on its own gives.
    struct LineRuns {
        int start = 0, length = 0;
        std::vector<const PangoGlyphItem*> runs;
    };
    void keep_line_metrics(const std::vector<LineRuns>& lines, const std::string& text, const Font& font) const;

    // Layout asks for the same text at the same size many times (every composition candidate lays
    // out the panels again; every backend re-measures its texts): shaping is the costly part, and
    // Pango gives the same answer for the same question, so answers are kept. Keyed by cache_key();
    // the wraps of one text by the width Pango is given (in Pango units), in order (see wrap()).
    mutable std::unordered_map<std::string, TextMetrics> measured_;
    mutable std::unordered_map<std::string, KnownWraps> wrapped_;
    // Each wrapped paragraph's items, break attributes and shaping, by cache_key() (line_breaker.cpp).
    mutable std::unordered_map<std::string, std::unique_ptr<Paragraph>> paragraphs_;
    // A width each text was measured at, by its font without the size (cache_key of size 0): the size
    // and the width. Widths scale with the size but for rounding, so another size's width tells wrap()
    // when a text cannot fit and measuring it whole would be wasted (see surely_wider()).
    mutable std::unordered_map<std::string, std::pair<double, double>> width_at_a_size_;
    mutable std::size_t wraps_kept_ = 0;
    mutable std::size_t lines_kept_ = 0;

    PangoFontMapPtr font_map_;
    PangoContextPtr context_;
    // Measures without a layout, in the small font set's own context (item_width.cpp).
    std::unique_ptr<ItemWidths> item_widths_;
    FcCharSet* coverage_ = nullptr; // characters the small font set can draw; null: no small set
    std::array<bool, 128> ascii_covered_{}; // coverage_'s answers for ASCII, asked of every text
    mutable PangoFontMapPtr full_map_;     // null until full_context() is first asked for
    mutable PangoContextPtr full_context_;
};

// Whether `text` as a paragraph reads right to left: measure(text, ...).rtl, known without Pango.
[[nodiscard]] bool paragraph_is_rtl(const std::string& text);

// The calling thread's engine, built on first use (a font map is costly to build).
[[nodiscard]] const TextEngine& text_engine();

// Starts fontconfig's set-up on a thread of its own (call it as a command begins); the first
// text_engine() waits for it. Without it, the first text_engine() does the set-up itself.
void start_font_setup();

// Builds this thread's text engine and loads every face of its small font set: a thread that will
// draw text later (a backend) gets it ready while another lays the page out.
void warm_text_engine();

} // namespace citemap

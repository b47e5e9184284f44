// Pango setup: unhinted metrics at 72 dpi so 1 Pango point = 1 Scene point at every output resolution.
#include "text/pango_text.hpp"

#include "render/cairo_handle.hpp"
#include "sources/utf8.hpp"

#include <pango/pangofc-fontmap.h>

#include <array>

namespace citemap {

namespace {
constexpr double kAscent = 0.93, kDescent = 0.28;

// The families citemap draws with (see Font and layout() below).
constexpr std::array kFamilies = {"Noto Sans", "Noto Sans Arabic"};

struct FcConfigDeleter {
    void operator()(FcConfig* c) const { FcConfigDestroy(c); }
};
struct FcFontSetDeleter {
    void operator()(FcFontSet* s) const { FcFontSetDestroy(s); }
};
struct FcPatternDeleter {
    void operator()(FcPattern* p) const { FcPatternDestroy(p); }
};
struct FcObjectSetDeleter {
    void operator()(FcObjectSet* o) const { FcObjectSetDestroy(o); }
};

// A fontconfig set-up holding only the files of kFamilies. Pango sorts the whole font set for every
// new font description (each text size the composition search tries): with the ~2,000 faces of a
// desktop system that sort was a third of a render. Null when a family is not installed.
FcConfig* small_font_config(FcCharSet** coverage) {
    std::unique_ptr<FcConfig, FcConfigDeleter> config(FcConfigCreate());
    FcCharSet* chars = FcCharSetCreate();
    std::unique_ptr<FcObjectSet, FcObjectSetDeleter> objects(FcObjectSetBuild(FC_FILE, FC_CHARSET, nullptr));
    bool all_found = true;
    for (const char* family : kFamilies) {
        std::unique_ptr<FcPattern, FcPatternDeleter> pattern(
            FcPatternBuild(nullptr, FC_FAMILY, FcTypeString, family, nullptr));
        std::unique_ptr<FcFontSet, FcFontSetDeleter> fonts(FcFontList(nullptr, pattern.get(), objects.get()));
        if (!fonts || fonts->nfont == 0) {
            all_found = false;
            break;
        }
        for (int i = 0; i < fonts->nfont; ++i) {
            FcChar8* file = nullptr;
            FcCharSet* cs = nullptr;
            if (FcPatternGetString(fonts->fonts[i], FC_FILE, 0, &file) != FcResultMatch)
                continue;
            FcConfigAppFontAddFile(config.get(), file);
            if (FcPatternGetCharSet(fonts->fonts[i], FC_CHARSET, 0, &cs) == FcResultMatch)
                FcCharSetMerge(chars, cs, nullptr);
        }
    }
    if (!all_found) {
        FcCharSetDestroy(chars);
        return nullptr;
    }
    *coverage = chars;
    return config.release();
}

PangoContextPtr make_context(PangoFontMap* map) {
    pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(map), 72.0);
    PangoContextPtr context(pango_font_map_create_context(map));
    CairoFontOptions opts(cairo_font_options_create());
    // Hinted metrics snap advances to device pixels: PNG, PDF and SVG would then disagree on widths.
    cairo_font_options_set_hint_metrics(opts.get(), CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(opts.get(), CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_antialias(opts.get(), CAIRO_ANTIALIAS_GRAY);
    pango_cairo_context_set_font_options(context.get(), opts.get());
    pango_context_set_round_glyph_positions(context.get(), FALSE);
    return context;
}

} // namespace

TextEngine::TextEngine() : font_map_(pango_cairo_font_map_new()), full_map_(pango_cairo_font_map_new()) {
    if (FcConfig* config = small_font_config(&coverage_)) {
        pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(font_map_.get()), config);
        FcConfigDestroy(config); // the font map holds its own reference
    }
    context_ = make_context(font_map_.get());
    full_context_ = make_context(full_map_.get());
}

TextEngine::~TextEngine() {
    if (coverage_)
        FcCharSetDestroy(coverage_);
}

PangoContext* TextEngine::context_for(const std::string& text) const {
    if (!coverage_)
        return full_context_.get();
    for (char32_t c : utf8::to_u32(text))
        if (c >= 0x20 && !FcCharSetHasChar(coverage_, static_cast<FcChar32>(c)))
            return full_context_.get();
    return context_.get();
}

PangoLayoutPtr TextEngine::layout(const std::string& text, const Font& font) const {
    PangoLayoutPtr l(pango_layout_new(context_for(text)));
    FontDescriptionPtr d(pango_font_description_new());
    // Arabic falls back to Noto Sans Arabic through fontconfig; naming both keeps the choice stable.
    pango_font_description_set_family(d.get(), (font.family + ",Noto Sans Arabic").c_str());
    pango_font_description_set_absolute_size(d.get(), font.size * PANGO_SCALE);
    pango_font_description_set_weight(d.get(), font.weight == Weight::bold     ? PANGO_WEIGHT_BOLD
                                               : font.weight == Weight::medium ? PANGO_WEIGHT_MEDIUM
                                                                               : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_style(d.get(), font.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    pango_layout_set_font_description(l.get(), d.get());
    pango_layout_set_text(l.get(), text.c_str(), static_cast<int>(text.size()));
    return l;
}

TextMetrics TextEngine::measure(const std::string& text, const Font& font) const {
    PangoLayoutPtr l = layout(text, font);
    PangoRectangle logical;
    pango_layout_get_extents(l.get(), nullptr, &logical);
    return {logical.width / static_cast<double>(PANGO_SCALE),
            logical.height / static_cast<double>(PANGO_SCALE),
            pango_layout_get_baseline(l.get()) / static_cast<double>(PANGO_SCALE)};
}

std::vector<std::string> TextEngine::wrap(const std::string& text, const Font& font, double width) const {
    PangoLayoutPtr l = layout(text, font);
    pango_layout_set_width(l.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
    std::vector<std::string> out;
    const int n = pango_layout_get_line_count(l.get());
    for (int i = 0; i < n; ++i) {
        PangoLayoutLine* line = pango_layout_get_line_readonly(l.get(), i);
        std::string s =
            text.substr(static_cast<std::size_t>(line->start_index), static_cast<std::size_t>(line->length));
        while (!s.empty() && (s.back() == ' ' || s.back() == '\n'))
            s.pop_back();
        out.push_back(std::move(s));
    }
    return out;
}

Box TextEngine::box_of(const Text& t) const {
    const TextMetrics m = measure(t.text, t.font);
    double x = t.origin.x;
    if (t.anchor == Anchor::middle)
        x -= m.width / 2;
    if (t.anchor == Anchor::end)
        x -= m.width;
    // Noto's logical line box carries a generous line gap; collisions are judged on the glyph band
    // (ascenders to descenders) so stacked lines at 1.22 leading do not count as overlapping.
    (void)m.baseline;
    return {x, t.origin.y - kAscent * t.font.size, x + m.width, t.origin.y + kDescent * t.font.size};
}

Point TextEngine::layout_origin(const Text& t, PangoLayout* layout) const {
    return {t.box.minx, t.origin.y - pango_layout_get_baseline(layout) / static_cast<double>(PANGO_SCALE)};
}

Text TextEngine::make(std::string text, Point origin, const Font& font, Color color, Anchor anchor) const {
    Text t;
    t.text = std::move(text);
    t.origin = origin;
    t.font = font;
    t.color = color;
    t.anchor = anchor;
    for (char32_t c : utf8::to_u32(t.text))
        if (c >= 0x0600 && c <= 0x06FF) {
            t.lang = "ar";
            t.rtl = true;
            break;
        }
    t.box = box_of(t);
    return t;
}

const TextEngine& text_engine() {
    // One per thread: backends draw on their own threads, and Pango font maps and contexts are not
    // thread-safe. Each engine has the same fonts and options, so metrics agree across threads.
    thread_local const TextEngine engine;
    return engine;
}

} // namespace citemap

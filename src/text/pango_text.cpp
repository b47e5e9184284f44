// Pango setup: unhinted metrics at 72 dpi so 1 Pango point = 1 Scene point at every output resolution.
#include "text/pango_text.hpp"
#include "text/hyphenation.hpp"
#include "text/item_width.hpp"
#include "text/keep_together.hpp"
#include "text/line_breaker.hpp"

#include "core/error.hpp"
#include "render/cairo_handle.hpp"
#include "sources/utf8.hpp"
#include "text/cairo_faces.hpp"
#include "text/font_folder.hpp"
#include "text/font_matches.hpp"
#include "text/pango_threads.hpp"
#include "text/shape_cache.hpp"

#include <pango/pangofc-fontmap.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <thread>
#include <vector>

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

// The styles citemap asks for (Font: regular, medium or bold, upright or italic; normal width), as
// fontconfig numbers them.
constexpr std::array kWeights = {FC_WEIGHT_REGULAR, FC_WEIGHT_MEDIUM, FC_WEIGHT_BOLD};
constexpr std::array kSlants = {FC_SLANT_ROMAN, FC_SLANT_ITALIC};

int int_of(FcPattern* font, const char* object, int otherwise) {
    int v = otherwise;
    FcPatternGetInteger(font, object, 0, &v);
    return v;
}

bool is_asked_style(FcPattern* font) {
    const int weight = int_of(font, FC_WEIGHT, -1), slant = int_of(font, FC_SLANT, -1);
    return int_of(font, FC_WIDTH, -1) == FC_WIDTH_NORMAL &&
           std::find(kWeights.begin(), kWeights.end(), weight) != kWeights.end() &&
           std::find(kSlants.begin(), kSlants.end(), slant) != kSlants.end();
}

// Of one family's faces, those fontconfig can ever give citemap; all of them where that is not
// certain. Pango sorts the family's faces for every new font description (every text size the
// composition search tries, and again for each new font's metrics): Noto Sans and Noto Sans Arabic
// come in ~110 weights and widths, of which citemap asks for nine. Dropping the others changes no
// choice when every face covers the same characters (so none is ever reached as a fallback for a
// character the first lacks) and every style asked has a face of exactly that weight, slant and
// width (so that face sorts first: the sort keeps the order of the faces left).
std::vector<FcPattern*> faces_used(const std::vector<FcPattern*>& faces) {
    std::vector<FcPattern*> used;
    for (FcPattern* f : faces)
        if (is_asked_style(f))
            used.push_back(f);
    FcCharSet* first = nullptr;
    bool same_chars = true, italics = false;
    for (FcPattern* f : faces) {
        FcCharSet* cs = nullptr;
        if (FcPatternGetCharSet(f, FC_CHARSET, 0, &cs) != FcResultMatch)
            return faces;
        if (!first)
            first = cs;
        same_chars = same_chars && FcCharSetEqual(first, cs);
        italics = italics || int_of(f, FC_SLANT, FC_SLANT_ROMAN) != FC_SLANT_ROMAN;
    }
    for (int weight : kWeights)
        for (int slant : kSlants) {
            if (slant != FC_SLANT_ROMAN && !italics)
                continue; // every face equally upright: the weight decides
            const bool exact = std::any_of(used.begin(), used.end(), [&](FcPattern* f) {
                return int_of(f, FC_WEIGHT, -1) == weight && int_of(f, FC_SLANT, -1) == slant;
            });
            if (!exact || !same_chars)
                return faces;
        }
    return used;
}

// A fontconfig set-up holding only the faces of kFamilies that citemap can draw with, found in `system`.
// Pango sorts the whole font set for every new font description (each text size the composition search
// tries): with the ~2,000 faces of a desktop system that sort was a third of a render. The faces are
// taken, already scanned, from a font cache: adding their files instead had FreeType re-read ~100 files
// for every thread's engine. Null when a family is not there.
FcConfig* small_font_config(const FcFontSet* system, FcCharSet** coverage) {
    std::unique_ptr<FcConfig, FcConfigDeleter> config(FcConfigCreate());
    // Creates the (empty) application font set of the new config: fontconfig has no other public way.
    FcConfigAppFontAddDir(config.get(), reinterpret_cast<const FcChar8*>("/nonexistent-citemap-font-dir"));
    FcFontSet* mine = FcConfigGetFonts(config.get(), FcSetApplication);
    if (!system || !mine)
        return nullptr;
    FcCharSet* chars = FcCharSetCreate();
    for (const char* family : kFamilies) {
        std::vector<FcPattern*> faces;
        for (int i = 0; i < system->nfont; ++i) {
            FcPattern* font = system->fonts[i];
            FcChar8* name = nullptr;
            bool match = false;
            for (int k = 0; !match && FcPatternGetString(font, FC_FAMILY, k, &name) == FcResultMatch; ++k)
                match = std::strcmp(reinterpret_cast<const char*>(name), family) == 0;
            if (match)
                faces.push_back(font);
        }
        if (faces.empty()) {
            FcCharSetDestroy(chars);
            return nullptr;
        }
        for (FcPattern* font : faces_used(faces)) {
            FcPatternReference(font);
            FcFontSetAdd(mine, font);
            FcCharSet* cs = nullptr;
            if (FcPatternGetCharSet(font, FC_CHARSET, 0, &cs) == FcResultMatch)
                FcCharSetMerge(chars, cs, nullptr);
        }
    }
    *coverage = chars;
    return config.release();
}

// The faces of fonts-noto-core's folder where its cache is valid and holds every family (font_folder.cpp),
// else the system's whole font set.
FcConfig* small_font_config(FcCharSet** coverage) {
    if (const FcFontSet* folder = noto_folder_faces())
        if (FcConfig* config = small_font_config(folder, coverage))
            return config;
    return small_font_config(FcConfigGetFonts(nullptr, FcSetSystem), coverage);
}

// The faces are read on a thread of their own when a command begins, overlapping reading the project,
// and before the first font map is made. Where fonts-noto-core's folder has no valid cache this is
// fontconfig's whole set-up (some sixty XML files and every font cache: ~6-10 ms).
std::mutex g_font_setup_mutex;
std::jthread g_font_setup;
bool g_font_setup_started = false;

bool finish_font_setup() {
    std::lock_guard lock(g_font_setup_mutex);
    if (g_font_setup.joinable())
        g_font_setup.join();
    g_font_setup_started = true;
    return true;
}

void set_up_fonts() {
    if (!noto_folder_faces())
        (void)FcConfigGetFonts(nullptr, FcSetSystem); // loads fontconfig's configuration
}

// A line's logical width as pango_layout_line_get_extents gives it (its runs' advances, from x = 0:
// no indent, no letter spacing, no justification), without the line's height, which needs the
// metrics of each run's font (see TextMetrics).
int line_width(PangoLayoutLine* line) {
    int width = 0;
    for (GSList* r = line->runs; r; r = r->next)
        width += pango_glyph_string_get_width(static_cast<const PangoLayoutRun*>(r->data)->glyphs);
    return width;
}

struct LayoutIterDeleter {
    void operator()(PangoLayoutIter* i) const { pango_layout_iter_free(i); }
};

// The Debian package with a Noto face for a script: CJK has its own; fonts-noto-core has the other
// living scripts (Greek, Cyrillic, Hebrew, Arabic, Devanagari, Thai, ...).
const char* font_package(GUnicodeScript script) {
    switch (script) {
    case G_UNICODE_SCRIPT_HAN:
    case G_UNICODE_SCRIPT_HIRAGANA:
    case G_UNICODE_SCRIPT_KATAKANA:
    case G_UNICODE_SCRIPT_HANGUL:
    case G_UNICODE_SCRIPT_BOPOMOFO:
        return "fonts-noto-cjk";
    default:
        return "fonts-noto-core";
    }
}

// The Noto family for the first character of `text` that Noto Sans and Noto Sans Arabic lack: named
// first in line after them, so fontconfig's own fallback (DejaVu for Hebrew, say) never wins.
std::string noto_family_for(const std::string& text) {
    static const std::pair<GUnicodeScript, const char*> kScripts[] = {
        {G_UNICODE_SCRIPT_HEBREW, "Noto Sans Hebrew"},       {G_UNICODE_SCRIPT_DEVANAGARI, "Noto Sans Devanagari"},
        {G_UNICODE_SCRIPT_BENGALI, "Noto Sans Bengali"},     {G_UNICODE_SCRIPT_GURMUKHI, "Noto Sans Gurmukhi"},
        {G_UNICODE_SCRIPT_GUJARATI, "Noto Sans Gujarati"},   {G_UNICODE_SCRIPT_TAMIL, "Noto Sans Tamil"},
        {G_UNICODE_SCRIPT_TELUGU, "Noto Sans Telugu"},       {G_UNICODE_SCRIPT_KANNADA, "Noto Sans Kannada"},
        {G_UNICODE_SCRIPT_MALAYALAM, "Noto Sans Malayalam"}, {G_UNICODE_SCRIPT_SINHALA, "Noto Sans Sinhala"},
        {G_UNICODE_SCRIPT_THAI, "Noto Sans Thai"},           {G_UNICODE_SCRIPT_LAO, "Noto Sans Lao"},
        {G_UNICODE_SCRIPT_KHMER, "Noto Sans Khmer"},         {G_UNICODE_SCRIPT_MYANMAR, "Noto Sans Myanmar"},
        {G_UNICODE_SCRIPT_ARMENIAN, "Noto Sans Armenian"},   {G_UNICODE_SCRIPT_GEORGIAN, "Noto Sans Georgian"},
        {G_UNICODE_SCRIPT_ETHIOPIC, "Noto Sans Ethiopic"},   {G_UNICODE_SCRIPT_SYRIAC, "Noto Sans Syriac"},
        {G_UNICODE_SCRIPT_THAANA, "Noto Sans Thaana"},       {G_UNICODE_SCRIPT_TIBETAN, "Noto Serif Tibetan"},
        {G_UNICODE_SCRIPT_HANGUL, "Noto Sans CJK KR"},       {G_UNICODE_SCRIPT_HIRAGANA, "Noto Sans CJK JP"},
        {G_UNICODE_SCRIPT_KATAKANA, "Noto Sans CJK JP"},     {G_UNICODE_SCRIPT_HAN, "Noto Sans CJK SC"},
        {G_UNICODE_SCRIPT_BOPOMOFO, "Noto Sans CJK TC"}};
    for (const char* p = text.c_str(); *p; p = g_utf8_next_char(p)) {
        const GUnicodeScript script = g_unichar_get_script(g_utf8_get_char(p));
        for (const auto& [s, family] : kScripts)
            if (s == script)
                return family;
    }
    return {};
}

// A glyph Pango could not find in any installed font would print as a box ("tofu"): a map must say
// which font to install instead of printing boxes for place names.
void require_glyphs(PangoLayout* l, const std::string& text) {
    std::unique_ptr<PangoLayoutIter, LayoutIterDeleter> it(pango_layout_get_iter(l));
    do {
        const PangoLayoutRun* run = pango_layout_iter_get_run_readonly(it.get());
        if (!run)
            continue;
        for (int i = 0; i < run->glyphs->num_glyphs; ++i) {
            if (!(run->glyphs->glyphs[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG))
                continue;
            const auto at = static_cast<std::size_t>(run->item->offset + run->glyphs->log_clusters[i]);
            const gunichar c = g_utf8_get_char(text.c_str() + at);
            if (g_unichar_isspace(c) || g_unichar_iscntrl(c) || g_unichar_iszerowidth(c))
                continue;
            const GUnicodeScript script = g_unichar_get_script(c);
            const guint32 code = g_unicode_script_to_iso15924(script);
            const char name[] = {static_cast<char>(code >> 24), static_cast<char>(code >> 16),
                                 static_cast<char>(code >> 8), static_cast<char>(code), '\0'};
            char cp[16];
            std::snprintf(cp, sizeof cp, "U+%04X", c);
            const std::string pkg = font_package(script);
            throw Error({}, "no installed font has the " + std::string(name) + " character " + cp + " of \"" +
                                text + "\"",
                        "install the Debian package " + pkg + " (apt-get install " + pkg +
                            "; scripts/demo and scripts/test install it), or remove the text");
        }
    } while (pango_layout_iter_next_run(it.get()));
}

// Everything that decides a text's shape, as bytes: the font, then the text.
std::string cache_key(const std::string& text, const Font& font) {
    std::string key;
    key.reserve(font.family.size() + text.size() + sizeof(double) + 4);
    key += font.family;
    key += '\0';
    char num[sizeof(double)];
    std::memcpy(num, &font.size, sizeof num);
    key.append(num, sizeof num);
    key += static_cast<char>(font.weight);
    key += static_cast<char>(font.italic);
    key += text;
    return key;
}

// A long-running `watch` sees ever new texts: the caches start over past this many entries.
constexpr std::size_t kMaxCached = 50000;
constexpr std::size_t kMaxParagraphs = 4000; // each holds its glyphs

// keep_together(text), kept for the calling thread (whose engine asks): every bound of a text's lines
// and every new paragraph asks it again at each width and size (1,300 times in the Gaza check, ~16 k
// instructions each). A reference stays valid until the next call.
const std::vector<std::pair<std::size_t, std::size_t>>& spans_kept_together(const std::string& text) {
    thread_local std::unordered_map<std::string, std::vector<std::pair<std::size_t, std::size_t>>> kept;
    if (auto it = kept.find(text); it != kept.end())
        return it->second;
    if (kept.size() >= kMaxCached)
        kept.clear();
    return kept.emplace(text, keep_together(text)).first->second;
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

TextEngine::TextEngine() : font_map_(pango_cairo_font_map_new()) {
    if (!pango_tasks_inline())
        throw Error({}, "GLib's g_thread_new was not found", "report this: citemap's Pango set-up needs it");
    if (!cairo_faces_guarded())
        throw Error({}, "cairo's cairo_ft_font_face_create_for_pattern was not found",
                    "report this: citemap's text set-up needs it");
    if (!shape_cache_ready())
        throw Error({}, "HarfBuzz's hb_shape was not found", "report this: citemap's text set-up needs it");
    if (!fontconfig_init_deferred())
        throw Error({}, "fontconfig's FcInit is not citemap's", "report this: citemap's text set-up needs it");
    if (!font_matches_ready())
        throw Error({}, "fontconfig's FcFontSetMatch was not found", "report this: citemap's text set-up needs it");
    if (FcConfig* config = small_font_config(&coverage_)) {
        pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(font_map_.get()), config);
        FcConfigDestroy(config); // the font map holds its own reference
        for (FcChar32 c = 0; c < ascii_covered_.size(); ++c)
            ascii_covered_[c] = FcCharSetHasChar(coverage_, c);
    }
    context_ = make_context(font_map_.get());
    item_widths_ = std::make_unique<ItemWidths>(make_context(font_map_.get()));
}

TextEngine::~TextEngine() {
    if (coverage_)
        FcCharSetDestroy(coverage_);
}

PangoContext* TextEngine::full_context() const {
    // Made on first use: Pango lists every family of a font map when its resolution is set, which for
    // the system's ~2,000 faces was ~3 ms of every engine (the layout thread's before its first text),
    // and most maps never draw a character the small set lacks.
    if (!full_context_) {
        full_map_.reset(pango_cairo_font_map_new());
        full_context_ = make_context(full_map_.get());
    }
    return full_context_.get();
}

namespace {

// The code point at text[pos] as utf8::to_u32 reads it (U+FFFD for a byte that starts no valid
// sequence), and pos past it: the scans below stop early and copy nothing (every measure asks both).
char32_t next_code_point(const std::string& text, std::size_t& pos) {
    if (const auto b = static_cast<unsigned char>(text[pos]); b < 0x80) {
        ++pos;
        return b;
    }
    if (const auto c = utf8::decode(text, pos))
        return *c;
    ++pos;
    return U'\uFFFD';
}

} // namespace

PangoContext* TextEngine::context_for(const std::string& text) const {
    if (!coverage_)
        return full_context();
    for (std::size_t pos = 0; pos < text.size();) {
        const char32_t c = next_code_point(text, pos);
        const bool covered = c < 0x80 ? ascii_covered_[c] : FcCharSetHasChar(coverage_, static_cast<FcChar32>(c));
        if (c >= 0x20 && !covered)
            return full_context();
    }
    return context_.get();
}

FontDescriptionPtr TextEngine::description(const std::string& text, const Font& font, PangoContext* context) const {
    FontDescriptionPtr d(pango_font_description_new());
    // Arabic falls back to Noto Sans Arabic through fontconfig; naming both keeps the choice stable.
    std::string families = font.family + ",Noto Sans Arabic";
    if (context == full_context_.get())
        if (const std::string other = noto_family_for(text); !other.empty())
            families += "," + other;
    pango_font_description_set_family(d.get(), families.c_str());
    pango_font_description_set_absolute_size(d.get(), font.size * PANGO_SCALE);
    pango_font_description_set_weight(d.get(), font.weight == Weight::bold     ? PANGO_WEIGHT_BOLD
                                               : font.weight == Weight::medium ? PANGO_WEIGHT_MEDIUM
                                                                               : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_style(d.get(), font.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    return d;
}

PangoLayoutPtr TextEngine::layout(const std::string& text, const Font& font) const {
    PangoLayoutPtr l(pango_layout_new(context_for(text)));
    pango_layout_set_font_description(l.get(), description(text, font, pango_layout_get_context(l.get())).get());
    pango_layout_set_text(l.get(), text.c_str(), static_cast<int>(text.size()));
    // Pango's own choice of a paragraph's direction takes the first strong letter even inside an
    // isolate (an Arabic title set in an English source line turned the whole line right to left);
    // FriBidi, given the context's weak left-to-right default, skips isolates as the Unicode bidi
    // algorithm says.
    pango_layout_set_auto_dir(l.get(), FALSE);
    // The small font set covers its text by construction; the system's full set may not.
    if (pango_layout_get_context(l.get()) == full_context_.get())
        require_glyphs(l.get(), text);
    return l;
}

TextMetrics TextEngine::measure(const std::string& text, const Font& font) const {
    std::string key = cache_key(text, font);
    if (auto it = measured_.find(key); it != measured_.end())
        return it->second;
    const TextMetrics m = measure_uncached(text, font);
    if (measured_.size() >= kMaxCached) {
        measured_.clear();
        width_at_a_size_.clear();
    }
    measured_.emplace(std::move(key), m);
    Font any_size = font;
    any_size.size = 0;
    width_at_a_size_.try_emplace(cache_key(text, any_size), font.size, m.width);
    return m;
}

// The first strong letter outside isolates decides (Unicode bidi rules P2-P3), as FriBidi decides when
// Pango lays the text out.
bool paragraph_is_rtl(const std::string& text) {
    int depth = 0;
    for (std::size_t pos = 0; pos < text.size();) {
        const char32_t c = next_code_point(text, pos);
        if (c == 0x2066 || c == 0x2067 || c == 0x2068) {
            ++depth;
        } else if (c == 0x2069) {
            depth = std::max(0, depth - 1);
        } else if (depth == 0) {
            if (c == 0x200E || c == 0x200F || c == 0x061C) // LRM, RLM, ALM: strong, though not letters
                return c != 0x200E;
            if (!g_unichar_isalpha(c))
                continue; // digits, marks, punctuation and spaces are weak or neutral
            return utf8::in_rtl_block(c);
        }
    }
    return false;
}

TextMetrics TextEngine::measure_uncached(const std::string& text, const Font& font) const {
    // A text the small font set draws is measured from its items (item_width.cpp): Pango's own
    // glyphs, without a layout's line objects, extents and the font metrics they need.
    if (context_for(text) == context_.get())
        if (const auto width = item_widths_->width(text, description(text, font, context_.get()).get(),
                                                   cache_key({}, font)))
            return {*width / static_cast<double>(PANGO_SCALE), paragraph_is_rtl(text)};
    PangoLayoutPtr l = layout(text, font);
    int widest = 0;
    for (GSList* line = pango_layout_get_lines_readonly(l.get()); line; line = line->next)
        widest = std::max(widest, line_width(static_cast<PangoLayoutLine*>(line->data)));
    return {widest / static_cast<double>(PANGO_SCALE), paragraph_is_rtl(text)};
}

namespace {

// CITEMAP_WRAP=verify: every answer wrap() gives without Pango is checked against Pango's.
bool verify_wraps() {
    static const bool verify = [] {
        const char* v = std::getenv("CITEMAP_WRAP");
        return v && std::strcmp(v, "verify") == 0;
    }();
    return verify;
}

} // namespace

// Answers Pango would give that are known without asking it (every composition candidate, and the
// even-lines search of titles, wraps the same texts at new widths; a 1000-zone check asked Pango 8,900
// times, the Gaza check 1,200):
// - text that fits whole on one line is not broken anywhere: the line is the text;
// - Pango's breaking is greedy, each line ending at the last break that fits, so where a line ends
//   never moves back as the width grows: when two widths give the same lines, every width between
//   them gives those lines too;
// - for the same reason, a width from the widest line Pango gave up to the width it was given keeps
//   every line's break (each still fits, and the next break did not fit a wider line), where the
//   widest line is exactly what Pango compared (KnownWrap::same_from, wrap_by_pango).
// tests/render/text_wrap_test.cpp checks them against Pango; CITEMAP_WRAP=verify asks Pango anyway
// and aborts where an answer differs.
std::vector<std::string> TextEngine::wrap(const std::string& text, const Font& font, double width) const {
    const int w = static_cast<int>(width * PANGO_SCALE); // what Pango is given
    if (wraps_kept_ >= kMaxCached) {
        wrapped_.clear();
        wraps_kept_ = 0;
    }
    auto& known = wrapped_[cache_key(text, font)];
    if (auto it = known.find(w); it != known.end())
        return it->second.lines;
    KnownWrap found{{}, w};
    if (w > 0 && plain_line(text) && !surely_wider(text, font, w, known) &&
        (surely_narrower(text, font, w) || measure(text, font).width * PANGO_SCALE <= w)) {
        found.lines.push_back(text.substr(0, text.find_last_not_of(' ') + 1));
    } else {
        const auto above = known.upper_bound(w);
        const bool inside = w > 0 && above != known.end() && above->second.same_from <= w;
        const bool between = w > 0 && above != known.end() && above != known.begin() &&
                             std::prev(above)->first > 0 && std::prev(above)->second.lines == above->second.lines;
        if (inside || between) {
            found.lines = above->second.lines;
            if (verify_wraps() && wrap_with_pango(text, font, width) != found.lines) {
                std::fprintf(stderr, "citemap: wrap: kept lines differ from Pango's at %d/1024 pt: %s\n", w,
                             text.c_str());
                std::abort();
            }
        } else {
            found = set_lines(text, font, width);
        }
    }
    ++wraps_kept_;
    return known.emplace(w, std::move(found)).first->second.lines;
}

// Whether `text` is known to be wider than `width` (Pango units) without measuring it: a known width at
// least as wide broke it into lines, or its width at another size, scaled, is wider by more than
// rounding could make up. Only a guess that spares wrap() a measure it would not use: where it is wrong,
// Pango is asked to wrap a text that fits, and gives the one line wrap() would have given.
bool TextEngine::surely_wider(const std::string& text, const Font& font, int width,
                              const KnownWraps& known) const {
    if (measured_.count(cache_key(text, font)))
        return false; // measured already: the exact answer costs nothing
    if (const auto wider = known.lower_bound(width); wider != known.end() && wider->second.lines.size() > 1)
        return true;
    const auto* at = width_at_a_size(text, font);
    return at && at->second * font.size / at->first * PANGO_SCALE > width * 1.02 + PANGO_SCALE;
}

// Whether `text` is known to fit `width` (Pango units) whole without measuring it at this size: its
// width at another size, scaled, is narrower by more than surely_wider()'s margins, taken the other
// way (advances scale with the size but for their rounding to a Pango unit, a glyph's 1/1024 pt).
// Each composition candidate at a new text scale asked this of every citation's paragraphs, and a
// short one was measured whole at every scale only to learn it fits (8,000 of the 1000-zone check's
// 11,600 Pango measures). Unlike surely_wider(), the answer is relied on: CITEMAP_WRAP=verify measures
// anyway and aborts where the text does not fit.
bool TextEngine::surely_narrower(const std::string& text, const Font& font, int width) const {
    if (measured_.count(cache_key(text, font)))
        return false; // measured already: the exact answer costs nothing
    const auto* at = width_at_a_size(text, font);
    const bool narrower = at && at->second * font.size / at->first * PANGO_SCALE * 1.02 + PANGO_SCALE < width;
    if (narrower && verify_wraps() && measure(text, font).width * PANGO_SCALE > width) {
        std::fprintf(stderr, "citemap: wrap: scaled width fits, Pango's does not at %d/1024 pt: %s\n", width,
                     text.c_str());
        std::abort();
    }
    return narrower;
}

const std::pair<double, double>* TextEngine::width_at_a_size(const std::string& text, const Font& font) const {
    Font any_size = font;
    any_size.size = 0;
    const auto it = width_at_a_size_.find(cache_key(text, any_size));
    return it == width_at_a_size_.end() ? nullptr : &it->second;
}

bool TextEngine::at_most_lines(const std::string& text, const Font& font, double width, std::size_t lines) const {
    const int w = static_cast<int>(width * PANGO_SCALE); // as wrap() keys it
    if (w > 0) {
        if (auto it = wrapped_.find(cache_key(text, font)); it != wrapped_.end()) {
            const auto& known = it->second;
            const auto above = known.lower_bound(w); // the narrowest known width >= w: the most lines
            if (above != known.end() && above->second.lines.size() > lines)
                return false;
            auto below = known.upper_bound(w); // past the widest known width <= w: the fewest lines
            if (below != known.begin() && (--below)->first > 0 && below->second.lines.size() <= lines)
                return true;
        }
    }
    return wrap(text, font, width).size() <= lines;
}

std::size_t TextEngine::lines_at_least(const std::string& text, const Font& font, double width) const {
    const int w = static_cast<int>(width * PANGO_SCALE); // as wrap() keys it
    std::size_t least = 1; // Pango gives every text at least one line
    if (w > 0)
        if (auto it = wrapped_.find(cache_key(text, font)); it != wrapped_.end())
            if (const auto above = it->second.lower_bound(w); above != it->second.end())
                least = std::max(least, above->second.lines.size());
    return std::max(least, lines_by_width(text, font, width));
}

// Every line Pango sets is at most `width` wide but for the space it drops at the break after it, so
// n lines hold at most n widths and n - 1 dropped spaces of the text's one-line width: at a new text
// size, where no wrap is known yet, this bounds the lines from the width the text was measured at
// (at this size, or at another scaled, as surely_wider() does, with its margins taken the other way).
// A dropped space is taken as an em, with kerning lost at the break; only where no line can be wider
// than the width: the width is at least eight ems, and wider than any span kept together (an em a
// byte), and the text has no forced breaks. A text not measured at any size yet is measured here.
std::size_t TextEngine::lines_by_width(const std::string& text, const Font& font, double width) const {
    const double em = font.size;
    if (width < 8 * em)
        return 1;
    double one_line = 0;
    if (const auto* at = width_at_a_size(text, font); !at) {
        one_line = measure(text, font).width; // once per text: other sizes scale it
    } else if (const auto [size, measured] = *at; size == font.size) {
        one_line = measured;
    } else {
        one_line = (measured * font.size / size - 1) / 1.02;
        if (one_line > width / 1.05) // near or past one line: the exact width, if this size was measured
            if (const auto m = measured_.find(cache_key(text, font)); m != measured_.end())
                one_line = m->second.width;
    }
    if (one_line <= width || !plain_line(text))
        return 1; // a line at the least (the checks below cost more than this answer)
    for (const auto& [from, to] : spans_kept_together(text))
        if (static_cast<double>(to - from) * em > width)
            return 1;
    const double dropped = 1.2 * em;
    return static_cast<std::size_t>(std::ceil((one_line + dropped) / (width + dropped) - 1e-9));
}

namespace {

bool left_to_right_only(const std::string& text); // below

// Each wrapped line is drawn as a paragraph of its own, so the bidi algorithm sees one line at a
// time. An isolate a break splits is closed at the line's end and reopened on the next line, and a
// line whose first strong letter would turn it the other way starts with a mark of the paragraph's
// direction: a wrapped Arabic quote in an English citation kept its last word inside the quote marks
// only on one line; on two, the word went after the closing mark and the locator.
std::vector<std::string> keep_direction_across_lines(const std::string& text, std::vector<std::string> lines) {
    // Left to right throughout: no isolate to carry over, and no line turns the other way.
    if (lines.size() < 2 || left_to_right_only(text))
        return lines;
    const bool rtl = paragraph_is_rtl(text);
    std::u32string open; // isolate initiators still open where the line starts
    for (std::string& line : lines) {
        std::u32string at_end = open;
        for (char32_t c : utf8::to_u32(line)) {
            if (c == 0x2066 || c == 0x2067 || c == 0x2068)
                at_end.push_back(c);
            else if (c == 0x2069 && !at_end.empty())
                at_end.pop_back();
        }
        line = utf8::from_u32(open) + line + utf8::from_u32(std::u32string(at_end.size(), U'\u2069'));
        if (paragraph_is_rtl(line) != rtl)
            line = (rtl ? "\u200F" : "\u200E") + line;
        open = std::move(at_end);
    }
    return lines;
}

} // namespace

namespace {

// Text whose wrapped lines Pango shapes exactly as it shapes each line on its own: left to right
// throughout, no bidi controls, no separators or tabs. Every character below U+0590 (no byte from
// 0xD6 up: Hebrew, Arabic and everything after them are out) but for the bidi controls U+200E/F,
// U+202A-E and U+2066-9 (bytes E2 80 8E/8F, E2 80 AA-AE, E2 81 A6-A9).
bool left_to_right_only(const std::string& text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || (c >= 0xD6 && c != 0xE2))
            return false;
        if (c == 0xE2 && i + 2 < text.size()) {
            const auto b = static_cast<unsigned char>(text[i + 1]), d = static_cast<unsigned char>(text[i + 2]);
            if (b == 0x80 && (d == 0x8E || d == 0x8F || (d >= 0xA8 && d <= 0xAE))) // also U+2028/9
                return false;
            if (b == 0x81 && d >= 0xA6 && d <= 0xA9)
                return false;
        }
    }
    return text.find("\u0085") == std::string::npos;
}

} // namespace

// A wrapped line is measured again when it is drawn (add_paragraph), as a text of its own: a new
// shaping for every line of every width the composition search tries (three quarters of the Gaza
// check's measures). Pango has just shaped those lines: where a line's runs are shaped as the line
// on its own would be, its metrics are taken from them. That holds when:
// - the text is left to right throughout and drawn from the small font set (left_to_right_only);
// - every run is Latin script and the line has a Latin letter: on its own, the line's leading
//   punctuation takes the script of its first letter, in the paragraph that of the run before it;
// - the line ends at the text's end or at the spaces wrap() trims: no hyphen was added at a break
//   inside a word, and Pango shaped the line's last item anew from where the break split it.
// A keep_together span inside the line does not matter: Pango 1.50 takes allow-breaks attributes as
// break attributes only (pango_layout_check_lines filters them out of itemizing, and they split no
// run), so the line's glyphs there are shaped as on their own.
// tests/render/text_wrap_test.cpp compares every line so kept with the line measured on its own.
void TextEngine::keep_line_metrics(const std::vector<LineRuns>& lines, const std::string& text,
                                   const Font& font) const {
    if (!left_to_right_only(text))
        return;
    if (lines.size() < 2)
        return; // a one-line text is measured whole by wrap() already
    for (const LineRuns& line : lines) {
        const auto start = static_cast<std::size_t>(line.start);
        std::size_t end = start + static_cast<std::size_t>(line.length);
        while (end > start && text[end - 1] == ' ')
            --end;
        if (end == start || (end < text.size() && text[end] != ' ') || text[start] == ' ')
            continue;
        const std::string s = text.substr(start, end - start);
        if (!g_unichar_isgraph(g_utf8_get_char(s.c_str())))
            continue;
        bool latin = false;
        for (const char* p = s.c_str(); *p && !latin; p = g_utf8_next_char(p))
            latin = g_unichar_get_script(g_utf8_get_char(p)) == G_UNICODE_SCRIPT_LATIN;
        bool same = latin;
        int width = 0;
        for (std::size_t r = 0; r < line.runs.size() && same; ++r) {
            const PangoGlyphItem* run = line.runs[r];
            const PangoAnalysis& a = run->item->analysis;
            same = a.script == PANGO_SCRIPT_LATIN && a.level % 2 == 0 &&
                   !(a.flags & PANGO_ANALYSIS_FLAG_NEED_HYPHEN);
            for (int g = 0; same && g < run->glyphs->num_glyphs; ++g)
                if (static_cast<std::size_t>(run->item->offset + run->glyphs->log_clusters[g]) < end)
                    width += run->glyphs->glyphs[g].geometry.width;
        }
        if (!same)
            continue;
        if (measured_.size() >= kMaxCached)
            measured_.clear();
        ++lines_kept_;
        measured_.try_emplace(cache_key(s, font),
                              TextMetrics{width / static_cast<double>(PANGO_SCALE), paragraph_is_rtl(s)});
    }
}

namespace {

// Whether Pango ended this line inside a word with a hyphen of its own (a break by characters).
bool ends_with_hyphen(PangoLayoutLine* line) {
    for (GSList* r = line->runs; r; r = r->next)
        if (static_cast<const PangoLayoutRun*>(r->data)->item->analysis.flags & PANGO_ANALYSIS_FLAG_NEED_HYPHEN)
            return true;
    return false;
}

// `text` with soft hyphens (U+00AD) at the hyphenation points of the words that hold one of `breaks`
// (byte positions where Pango broke a word by characters).
std::string with_soft_hyphens(const std::string& text, const std::vector<std::size_t>& breaks) {
    std::string out;
    std::size_t copied = 0;
    for (std::size_t b : breaks) {
        std::size_t from = b, to = b;
        while (from > 0 && text[from - 1] != ' ' && text[from - 1] != '\n')
            --from;
        while (to < text.size() && text[to] != ' ' && text[to] != '\n')
            ++to;
        if (from < copied)
            continue; // the word is done
        // Letters only: a word's trailing comma or full stop is not part of it.
        std::size_t w_from = from, w_to = to;
        while (w_from < w_to && !std::isalpha(static_cast<unsigned char>(text[w_from])))
            ++w_from;
        while (w_to > w_from && !std::isalpha(static_cast<unsigned char>(text[w_to - 1])))
            --w_to;
        out += text.substr(copied, w_from - copied);
        copied = w_from;
        for (std::size_t p : hyphenation_points(text, w_from, w_to)) {
            out += text.substr(copied, p - copied) + "\u00AD";
            copied = p;
        }
    }
    return out + text.substr(copied);
}

} // namespace

std::vector<std::string> TextEngine::wrap_with_pango(const std::string& text, const Font& font,
                                                     double width) const {
    return wrap_by_pango(text, font, width).lines;
}

namespace {

// Whether Pango's widest line in a wrap of `text` is exactly the width it compared with the width it
// was given (wrap()'s third answer), told from the text: no runs of spaces, none at either end, no
// separators. Pango breaks after a space and leaves that space out of the width it compares, but
// not the spaces before it, nor a trailing space on a line it did not break; a break inside a word
// adds a hyphen, which it compares at the hyphen's own advance (see wrap_by_pango for the lines).
bool widest_line_is_compared(const std::string& text) {
    return !text.empty() && text.front() != ' ' && text.back() != ' ' && text.find("  ") == std::string::npos &&
           plain_line(text);
}

} // namespace

TextEngine::KnownWrap TextEngine::wrap_by_pango(const std::string& text, const Font& font, double width) const {
    auto wrapped = [&](const std::string& t) {
        PangoLayoutPtr l = layout(t, font);
        pango_layout_set_width(l.get(), static_cast<int>(width * PANGO_SCALE));
        pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
        // "(10 km)" and "10 km" stay on one line: Pango sees no break opportunity inside them.
        const auto kept = keep_together(t);
        if (!kept.empty()) {
            PangoAttrList* attrs = pango_attr_list_new();
            for (const auto& [from, to] : kept) {
                PangoAttribute* a = pango_attr_allow_breaks_new(FALSE);
                a->start_index = static_cast<guint>(from);
                a->end_index = static_cast<guint>(to);
                pango_attr_list_insert(attrs, a);
            }
            pango_layout_set_attributes(l.get(), attrs);
            pango_attr_list_unref(attrs);
        }
        return l;
    };
    PangoLayoutPtr l = wrapped(text);
    // A word too long for any line was broken by characters. Broken again where it can be
    // hyphenated (soft hyphens: Pango breaks at the last one that fits, and draws their hyphen), and
    // the hyphen kept on the line, which is drawn as a text of its own.
    std::vector<std::size_t> char_breaks;
    for (int i = 0, n = pango_layout_get_line_count(l.get()); i + 1 < n; ++i) {
        PangoLayoutLine* line = pango_layout_get_line_readonly(l.get(), i);
        if (ends_with_hyphen(line))
            char_breaks.push_back(static_cast<std::size_t>(line->start_index + line->length));
    }
    std::string shown = text; // the text Pango was given
    if (!char_breaks.empty()) {
        shown = with_soft_hyphens(text, char_breaks);
        l = wrapped(shown);
    }
    std::vector<std::string> out;
    const int n = pango_layout_get_line_count(l.get());
    for (int i = 0; i < n; ++i) {
        PangoLayoutLine* line = pango_layout_get_line_readonly(l.get(), i);
        std::string s =
            shown.substr(static_cast<std::size_t>(line->start_index), static_cast<std::size_t>(line->length));
        const bool soft_break = s.size() >= 2 && s.compare(s.size() - 2, 2, "\u00AD") == 0;
        for (std::size_t at; (at = s.find("\u00AD")) != std::string::npos;)
            s.erase(at, 2);
        while (!s.empty() && (s.back() == ' ' || s.back() == '\n'))
            s.pop_back();
        // "-", not U+2010: text extraction joins a word across a line-end hyphen-minus, so a quote
        // copied out of the PDF keeps its word whole.
        if (i + 1 < n && (soft_break || ends_with_hyphen(line)))
            s += "-";
        out.push_back(std::move(s));
    }
    // The widest line, where every break is after a single space (never inside a word, so no hyphen).
    int same_from = static_cast<int>(width * PANGO_SCALE);
    if (char_breaks.empty() && widest_line_is_compared(text)) {
        int widest = 0;
        bool at_spaces = true;
        for (int i = 0; at_spaces && i < n; ++i) {
            PangoLayoutLine* line = pango_layout_get_line_readonly(l.get(), i);
            const auto end = static_cast<std::size_t>(line->start_index + line->length);
            at_spaces = !ends_with_hyphen(line) && (i + 1 == n || (end > 0 && text[end - 1] == ' '));
            widest = std::max(widest, line_width(line));
        }
        if (at_spaces)
            same_from = std::min(same_from, widest);
    }
    // Lines with a soft hyphen in them are kept under their key with it, which no drawn line asks for.
    if (pango_layout_get_context(l.get()) == context_.get()) {
        std::vector<LineRuns> runs(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i) {
            PangoLayoutLine* line = pango_layout_get_line_readonly(l.get(), i);
            runs[static_cast<std::size_t>(i)].start = line->start_index;
            runs[static_cast<std::size_t>(i)].length = line->length;
            for (GSList* r = line->runs; r; r = r->next)
                runs[static_cast<std::size_t>(i)].runs.push_back(static_cast<const PangoGlyphItem*>(r->data));
        }
        keep_line_metrics(runs, shown, font);
    }
    return {keep_direction_across_lines(text, std::move(out)), same_from};
}

// A paragraph the small font set draws, with no forced breaks or soft hyphens, is broken by
// line_breaker.cpp from what it keeps of the paragraph at this size: no PangoLayout, and the same lines
// (tests/render/line_breaker_test.cpp; CITEMAP_WRAP=verify asks Pango too and aborts where they differ).
// Where a line would end inside a word, Pango is asked.
std::optional<TextEngine::KnownWrap> TextEngine::wrap_by_breaker(const std::string& text, const Font& font,
                                                                 double width) const {
    const int w = static_cast<int>(width * PANGO_SCALE);
    if (w <= 0 || !plain_line(text) || text.find("\u00AD") != std::string::npos || context_for(text) != context_.get())
        return std::nullopt;
    std::string key = cache_key(text, font);
    auto it = paragraphs_.find(key);
    if (it == paragraphs_.end()) {
        if (paragraphs_.size() >= kMaxParagraphs)
            paragraphs_.clear();
        const PangoShapeFlags flags = pango_context_get_round_glyph_positions(context_.get())
                                          ? PANGO_SHAPE_ROUND_POSITIONS
                                          : PANGO_SHAPE_NONE;
        auto paragraph = std::make_unique<Paragraph>(
            text, item_widths_->items(text, description(text, font, context_.get()).get(), cache_key({}, font)),
            spans_kept_together(text), flags, static_cast<int>(std::ceil(font.size * PANGO_SCALE)));
        it = paragraphs_.emplace(std::move(key), std::move(paragraph)).first;
    }
    const std::optional<std::vector<SetLine>> set = it->second->lines(w);
    if (!set)
        return std::nullopt;
    KnownWrap found{{}, w};
    std::vector<LineRuns> runs;
    int widest = 0;
    bool at_spaces = true;
    for (std::size_t i = 0; i < set->size(); ++i) {
        const SetLine& line = (*set)[i];
        std::string s = text.substr(static_cast<std::size_t>(line.start), static_cast<std::size_t>(line.length));
        while (!s.empty() && (s.back() == ' ' || s.back() == '\n'))
            s.pop_back();
        found.lines.push_back(std::move(s));
        const auto end = static_cast<std::size_t>(line.start + line.length);
        at_spaces = at_spaces && (i + 1 == set->size() || (end > 0 && text[end - 1] == ' '));
        widest = std::max(widest, line.width);
        LineRuns& r = runs.emplace_back();
        r.start = line.start;
        r.length = line.length;
    }
    // The glyph items the runs point at live in `set`, which outlives `runs`.
    std::vector<std::vector<PangoGlyphItem>> glyph_items(set->size());
    for (std::size_t i = 0; i < set->size(); ++i) {
        for (const SetRun& run : (*set)[i].runs)
            glyph_items[i].push_back(PangoGlyphItem{run.item.get(), run.glyphs.get(), 0, 0, 0});
        for (const PangoGlyphItem& g : glyph_items[i])
            runs[i].runs.push_back(&g);
    }
    if (widest_line_is_compared(text) && at_spaces)
        found.same_from = std::min(found.same_from, widest);
    keep_line_metrics(runs, text, font);
    found.lines = keep_direction_across_lines(text, std::move(found.lines));
    return found;
}

std::optional<std::vector<std::string>> TextEngine::wrap_without_pango(const std::string& text, const Font& font,
                                                                       double width) const {
    std::optional<KnownWrap> found = wrap_by_breaker(text, font, width);
    if (!found)
        return std::nullopt;
    return std::move(found->lines);
}

TextEngine::KnownWrap TextEngine::set_lines(const std::string& text, const Font& font, double width) const {
    std::optional<KnownWrap> found = wrap_by_breaker(text, font, width);
    if (!found)
        return wrap_by_pango(text, font, width);
    if (verify_wraps()) {
        const KnownWrap pango = wrap_by_pango(text, font, width);
        if (pango.lines != found->lines || pango.same_from != found->same_from) {
            std::fprintf(stderr, "citemap: wrap: the line breaker's lines differ from Pango's at %d/1024 pt: %s\n",
                         static_cast<int>(width * PANGO_SCALE), text.c_str());
            std::abort();
        }
    }
    return std::move(*found);
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
    // Right-to-left text (Hebrew, Arabic, Syriac, Thaana, N'Ko ... all from U+0590 up) is anchored and
    // written as such by the backends; Pango's bidi resolution of the first line decides.
    // Every character from U+0590 up starts with a byte from 0xD6 up in UTF-8: most texts (Latin)
    // have none, and are not decoded at all (layout makes tens of thousands of Texts per page).
    const bool beyond_hebrew = std::any_of(t.text.begin(), t.text.end(),
                                           [](char ch) { return static_cast<unsigned char>(ch) >= 0xD6; });
    if (beyond_hebrew) {
        const std::u32string u = utf8::to_u32(t.text);
        if (std::any_of(u.begin(), u.end(), [](char32_t c) { return c >= 0x0590; }))
            t.rtl = measure(t.text, font).rtl;
        if (std::any_of(u.begin(), u.end(), [](char32_t c) { return c >= 0x0600 && c <= 0x06FF; }))
            t.lang = "ar"; // layout sets the label language's own tag where it knows it
    }
    t.box = box_of(t);
    return t;
}

void start_font_setup() {
    std::lock_guard lock(g_font_setup_mutex);
    if (!g_font_setup_started)
        g_font_setup = std::jthread(set_up_fonts);
    g_font_setup_started = true;
}

const TextEngine& text_engine() {
    // One per thread: backends draw on their own threads, and Pango font maps and contexts are not
    // thread-safe. Each engine has the same fonts and options, so metrics agree across threads.
    thread_local const bool fontconfig_ready = finish_font_setup();
    (void)fontconfig_ready;
    // Never destroyed, like the engines of the pool's workers (which live as long as the process): at
    // exit, the main thread's engine tore down its font maps and every font Pango had cached, ~2.5 ms
    // of the small bench's render after its last file was written.
    thread_local const TextEngine& engine = *new TextEngine;
    return engine;
}

void warm_text_engine() {
    const TextEngine& engine = text_engine();
    // Every face of the small font set: Latin and Arabic, in each weight and slant.
    for (Weight weight : {Weight::regular, Weight::medium, Weight::bold})
        for (bool italic : {false, true})
            (void)engine.measure("Warm \u0639\u0631\u0628\u064A", Font{"Noto Sans", 9, weight, italic});
}

} // namespace citemap

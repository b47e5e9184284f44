// HarfBuzz's answers kept: hb_shape defined here is what Pango calls, and it shapes a run once per
// (font, text, context, properties); every later call with the same question copies the glyphs back.
//
// Why: every composition candidate wraps the same paragraphs at its own width, and Pango lays each
// one out from scratch: it itemizes the paragraph and shapes every run again (pango_shape_item ->
// hb_shape), although runs, fonts and properties are those of the last width. Shaping was half of
// the Gaza check (HarfBuzz runs Noto Sans's lookups over every glyph). Pango's own line breaking is
// left as it is, so the lines are Pango's; only the shaping of a run already shaped is skipped.
//
// Exact because shaping is a function of what is keyed: the font Pango shapes with (a sub-font of its
// PangoFont's hb_font, made for each call with Pango's glyph callbacks: keyed by the parent, which is
// kept referenced so its address is never reused, and by the scale and size the sub-font has), the
// UTF-8 the buffer was given (its code points, each cluster the byte offset from the first: HarfBuzz
// only carries and merges cluster values, so the answer is moved to the run's own), the text around
// the run that HarfBuzz keeps as context (hb_buffer_add_utf8 below notes both: HarfBuzz has no getter
// for the context), the segment properties, flags, cluster level, invisible, replacement and not-found
// glyphs, and the features. A call that is not the plain case (a buffer filled otherwise than by one
// run of hb_buffer_add_utf8 after hb_buffer_reset) is shaped as ever. A run that is part of a run just
// shaped whole in the same paragraph (a line's head, at a line break) is cut from it where HarfBuzz says
// that is exact (Whole, below). CITEMAP_SHAPE_CACHE=off shapes every run; =verify shapes every run and
// aborts where a kept answer or a cut part differs (tests/render/shape_cache_test).
#include "text/shape_cache.hpp"

#include <dlfcn.h>
#include <hb.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <functional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace {

using ShapeFn = void (*)(hb_font_t*, hb_buffer_t*, const hb_feature_t*, unsigned int);
using AddUtf8Fn = void (*)(hb_buffer_t*, const char*, int, unsigned int, int);

ShapeFn real_shape() {
    static const auto real = reinterpret_cast<ShapeFn>(dlsym(RTLD_NEXT, "hb_shape"));
    return real;
}

using ResetFn = void (*)(hb_buffer_t*);
using AddFn = void (*)(hb_buffer_t*, hb_codepoint_t, unsigned int);

ResetFn real_reset() {
    static const auto real = reinterpret_cast<ResetFn>(dlsym(RTLD_NEXT, "hb_buffer_reset"));
    return real;
}

AddFn real_add() {
    static const auto real = reinterpret_cast<AddFn>(dlsym(RTLD_NEXT, "hb_buffer_add"));
    return real;
}

AddUtf8Fn real_add_utf8() {
    static const auto real = reinterpret_cast<AddUtf8Fn>(dlsym(RTLD_NEXT, "hb_buffer_add_utf8"));
    return real;
}

enum class Mode { on, off, verify };

Mode mode() {
    static const Mode m = [] {
        const char* v = std::getenv("CITEMAP_SHAPE_CACHE");
        if (v && std::strcmp(v, "off") == 0)
            return Mode::off;
        if (v && std::strcmp(v, "verify") == 0)
            return Mode::verify;
        return Mode::on;
    }();
    return m;
}

// HarfBuzz keeps up to 5 code points before and after the run as context (HB_BUFFER_CONTEXT_LENGTH);
// 5 code points are at most 20 bytes of UTF-8, and a longer window only makes keys stricter.
constexpr std::size_t kContextBytes = 24;

// The buffer this thread filled since its last hb_buffer_reset, as far as it can be followed: its length,
// the UTF-8 it was given and the text HarfBuzz keeps as context before and after the run (null when it
// cannot be followed).
struct Added {
    hb_buffer_t* buffer = nullptr;
    unsigned int length = 0;
    std::string text, pre, post;
    std::string paragraph;  // the whole UTF-8 hb_buffer_add_utf8 was given (Pango's paragraph)
    std::size_t offset = 0; // where the run starts in it
};
thread_local Added t_added;

// What Pango reads of a shaped glyph (HarfBuzz's var fields are private and left zero): 28 bytes, not
// the 40 of hb_glyph_info_t and hb_glyph_position_t.
struct Glyph {
    hb_codepoint_t id;
    uint32_t cluster; // from the run's first
    hb_mask_t mask;   // the glyph flags
    hb_position_t x_advance, y_advance, x_offset, y_offset;
};
using Kept = std::vector<Glyph>;

struct Cache {
    std::unordered_map<std::string, Kept> answers;
    // Short questions asked once, by hash: a short run's answer is kept the second time it is asked.
    // Most runs of a big page are short and shaped once (the large bench check: 21,000 runs, 988 asked
    // again); a paragraph the composition search wraps again is long and comes many times.
    std::unordered_set<std::size_t> asked;
    std::size_t bytes = 0;
    std::vector<hb_font_t*> fonts; // parents referenced while keyed
    ~Cache() {
        for (hb_font_t* f : fonts)
            hb_font_destroy(f);
    }
};
thread_local Cache t_cache;
thread_local citemap::ShapeCacheStats t_stats;

// What a thread keeps at most: the Gaza check keeps ~4 MB; a 1000-zone check, whose labels and
// citations are each shaped twice and then never again, would keep 15 MB and gain nothing.
constexpr std::size_t kMaxBytes = 8u << 20;
constexpr unsigned int kLongRun = 32; // glyphs, once shaped

template <typename T> void put(std::string& key, const T& v) {
    key.append(reinterpret_cast<const char*>(&v), sizeof v);
}

// The code point at text[at] (valid UTF-8 only, as HarfBuzz decodes it), and `at` past it.
bool next_code_point(const std::string& text, std::size_t& at, hb_codepoint_t& c) {
    if (at >= text.size())
        return false;
    const auto b = static_cast<unsigned char>(text[at]);
    const std::size_t n = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (n == 0 || at + n > text.size())
        return false;
    c = n == 1 ? b : b & (0x7F >> n);
    for (std::size_t k = 1; k < n; ++k) {
        const auto t = static_cast<unsigned char>(text[at + k]);
        if ((t >> 6) != 2)
            return false;
        c = (c << 6) | (t & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are replaced by HarfBuzz: not keyed.
    static constexpr hb_codepoint_t kLeast[] = {0, 0, 0x80, 0x800, 0x10000};
    if (c < kLeast[n] || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)
        return false;
    at += n;
    return true;
}

// The key of this call, or empty when the call is not the plain case. `shaping` is set to the size of
// its head: the font, the buffer's properties and the features, without the text.
std::string key_of(hb_font_t* font, hb_buffer_t* buffer, const hb_feature_t* features, unsigned int n_features,
                   std::size_t& shaping) {
    hb_font_t* parent = hb_font_get_parent(font);
    if (!parent || parent == hb_font_get_empty() || t_added.buffer != buffer)
        return {};
    unsigned int len = 0;
    const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buffer, &len);
    if (len == 0 || len != t_added.length || hb_buffer_get_content_type(buffer) != HB_BUFFER_CONTENT_TYPE_UNICODE)
        return {};
    std::string key;
    key.reserve(200 + t_added.text.size() + t_added.pre.size() + t_added.post.size());
    put(key, parent);
    int xs = 0, ys = 0;
    hb_font_get_scale(font, &xs, &ys);
    unsigned int xp = 0, yp = 0;
    hb_font_get_ppem(font, &xp, &yp);
    put(key, xs), put(key, ys), put(key, xp), put(key, yp), put(key, hb_font_get_ptem(font));
    put(key, hb_font_get_synthetic_slant(font));
    unsigned int coords = 0;
    hb_font_get_var_coords_normalized(font, &coords);
    if (coords != 0)
        return {}; // variable fonts: not keyed
    hb_segment_properties_t props;
    hb_buffer_get_segment_properties(buffer, &props);
    put(key, props.direction), put(key, props.script), put(key, props.language);
    put(key, hb_buffer_get_flags(buffer)), put(key, hb_buffer_get_cluster_level(buffer));
    put(key, hb_buffer_get_invisible_glyph(buffer)), put(key, hb_buffer_get_replacement_codepoint(buffer));
    put(key, hb_buffer_get_not_found_glyph(buffer));
    put(key, n_features);
    for (unsigned int i = 0; i < n_features; ++i)
        put(key, features[i]);
    shaping = key.size();
    // The code points are the UTF-8 the buffer was given, each cluster its byte offset from the first
    // (hb_buffer_add_utf8's), and no mask is set yet: the text keys them, a byte a character.
    const unsigned int base = info[0].cluster;
    const std::string& text = t_added.text;
    std::size_t at = 0;
    for (unsigned int i = 0; i < len; ++i) {
        const std::size_t start = at;
        hb_codepoint_t c = 0;
        if (!next_code_point(text, at, c) || info[i].codepoint != c || info[i].cluster != base + start ||
            info[i].mask != 0)
            return {};
    }
    if (at != text.size())
        return {};
    put(key, text.size());
    key += text;
    put(key, t_added.pre.size());
    key += t_added.pre;
    put(key, t_added.post.size());
    key += t_added.post;
    return key;
}

// False, the buffer untouched, when it cannot hold the answer (out of memory).
bool copy_back(hb_buffer_t* buffer, const Kept& k, unsigned int base) {
    const auto n = static_cast<unsigned int>(k.size());
    if (!hb_buffer_set_length(buffer, n))
        return false;
    hb_buffer_set_content_type(buffer, HB_BUFFER_CONTENT_TYPE_GLYPHS);
    hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buffer, nullptr);
    hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buffer, nullptr);
    for (unsigned int i = 0; i < n; ++i) {
        const Glyph& g = k[i];
        info[i] = hb_glyph_info_t{};
        info[i].codepoint = g.id;
        info[i].cluster = base + g.cluster;
        info[i].mask = g.mask;
        pos[i] = hb_glyph_position_t{};
        pos[i].x_advance = g.x_advance;
        pos[i].y_advance = g.y_advance;
        pos[i].x_offset = g.x_offset;
        pos[i].y_offset = g.y_offset;
    }
    return true;
}

Kept keep(hb_buffer_t* buffer, unsigned int base) {
    unsigned int n = 0;
    const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buffer, &n);
    const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buffer, nullptr);
    Kept k(n);
    for (unsigned int i = 0; i < n; ++i)
        k[i] = Glyph{info[i].codepoint, info[i].cluster - base, info[i].mask,
                     pos[i].x_advance, pos[i].y_advance, pos[i].x_offset, pos[i].y_offset};
    return k;
}

// With `flags`, the glyph flags too (a part cut from a whole run keeps the whole run's: Pango reads none).
bool same(const Kept& a, const Kept& b, bool flags = true) {
    if (a.size() != b.size())
        return false;
    const hb_mask_t read = flags ? HB_GLYPH_FLAG_DEFINED : 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].id != b[i].id || a[i].cluster != b[i].cluster || (a[i].mask & read) != (b[i].mask & read) ||
            a[i].x_advance != b[i].x_advance || a[i].y_advance != b[i].y_advance ||
            a[i].x_offset != b[i].x_offset || a[i].y_offset != b[i].y_offset)
            return false;
    return true;
}

// Keeps the font's parent referenced while answers keyed by its address are kept: no other font takes
// the address.
void keep_font(hb_font_t* font) {
    hb_font_t* parent = hb_font_get_parent(font);
    if (!t_cache.fonts.empty() && t_cache.fonts.back() == parent)
        return;
    for (hb_font_t* f : t_cache.fonts)
        if (f == parent)
            return;
    t_cache.fonts.push_back(hb_font_reference(parent));
}

// Runs shaped whole, kept to answer for their parts. Pango 1.50 shapes each item of a paragraph whole,
// then, to break it into lines, shapes it again from each line's start up to each candidate break near
// the line's end, as a run of its own in the paragraph cut at the break: at every new text size and
// width, every line of a long paragraph (Gaza's credits, a citation) was shaped once or twice more.
// HarfBuzz marks the glyphs where cutting the text would change the shaping
// (HB_GLYPH_FLAG_UNSAFE_TO_BREAK); where neither cut is so marked, the part shaped on its own is the
// whole run's glyphs between the cuts, exactly (HarfBuzz's contract for reusing a paragraph's shaping
// across line breaks; CITEMAP_SHAPE_CACHE=verify shapes each part and compares). The part keeps the
// whole's glyph flags, which Pango does not read.
struct Whole {
    std::string shaping;   // the key's head: font, properties, features
    std::size_t hash = 0;  // of `shaping`: most wholes differ in it
    std::string paragraph; // the text the buffer was given
    std::size_t offset = 0, length = 0; // the run in it, bytes
    const Kept* glyphs = nullptr; // the cache's answer (kept as long as the whole: both start over together)
    bool broken = false;          // Pango has asked for a line's head of it: its lines may be measured next
};
thread_local std::vector<Whole> t_wholes; // the most recent last
thread_local bool t_parts = true;
constexpr std::size_t kWholes = 16;

void remember_whole(std::string_view shaping, const Kept* glyphs) {
    const std::size_t hash = std::hash<std::string_view>{}(shaping) | 1; // never 0 (part_of_whole)
    for (auto w = t_wholes.begin(); w != t_wholes.end(); ++w)
        if (w->offset == t_added.offset && w->length == t_added.text.size() && w->hash == hash &&
            w->shaping == shaping && w->paragraph == t_added.paragraph) {
            std::rotate(w, w + 1, t_wholes.end()); // the most recent again
            return;
        }
    if (t_wholes.size() >= kWholes)
        t_wholes.erase(t_wholes.begin());
    // The paragraph up to the run's end: a part's paragraph is the whole's or its head.
    t_wholes.push_back(Whole{std::string(shaping), hash, t_added.paragraph.substr(0, t_added.offset + t_added.text.size()),
                             t_added.offset, t_added.text.size(), glyphs, false});
}

// The glyphs of bytes [a, b) of a whole run (from its first byte), or false: each cut inside the run
// starts a cluster none of whose glyphs is unsafe to break.
bool cut(const Whole& w, std::size_t a, std::size_t b, Kept& out) {
    auto safe_cut = [&](std::size_t at) {
        if (at == 0 || at == w.length)
            return true;
        bool starts = false; // a glyph's cluster starts here: no cluster spans the cut
        for (const Glyph& g : *w.glyphs)
            if (g.cluster == at) {
                if (g.mask & HB_GLYPH_FLAG_UNSAFE_TO_BREAK)
                    return false;
                starts = true;
            }
        return starts;
    };
    if (!safe_cut(a) || !safe_cut(b))
        return false;
    out.clear();
    bool ended = false; // the part's glyphs are one block (in either direction)
    for (const Glyph& g : *w.glyphs) {
        const bool in = g.cluster >= a && g.cluster < b;
        if (in && ended)
            return false;
        if (in) {
            out.push_back(g);
            out.back().cluster -= static_cast<uint32_t>(a);
        } else if (!out.empty()) {
            ended = true;
        }
    }
    return !out.empty();
}

// Whether the buffer's run shapes the same whatever text lies around it: Latin, left to right, and
// not starting with a mark (a text of its own starting with one gets HarfBuzz's dotted circle).
bool contextless(hb_buffer_t* buffer) {
    hb_segment_properties_t props;
    hb_buffer_get_segment_properties(buffer, &props);
    if (props.script != HB_SCRIPT_LATIN || props.direction != HB_DIRECTION_LTR)
        return false;
    hb_codepoint_t first = 0;
    std::size_t at = 0;
    if (!next_code_point(t_added.text, at, first))
        return false;
    const hb_unicode_general_category_t category = hb_unicode_general_category(hb_unicode_funcs_get_default(), first);
    return category != HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK &&
           category != HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK &&
           category != HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK;
}

// The glyphs of this buffer's run cut from a whole run with the same shaping (font, direction,
// features ...), or false. The run is part of the whole's paragraph (the buffer's text is the whole's,
// or its head: Pango's line heads), or is a text of its own that the whole run holds (a wrapped line
// measured on its own). The second only for contextless() runs: HarfBuzz's contract is for a part
// shaped with the text around it as context, which Arabic joining reads (a line starting inside a
// word, its first letter joined in the paragraph, isolated on its own), Latin shaping never.
bool part_of_whole(std::string_view shaping, hb_buffer_t* buffer, Kept& out) {
    const std::string& para = t_added.paragraph;
    const std::size_t from = t_added.offset, to = from + t_added.text.size();
    std::size_t hash = 0; // of `shaping`, once a whole is worth comparing
    auto same_shaping = [&](const Whole& w) {
        if (hash == 0)
            hash = std::hash<std::string_view>{}(shaping) | 1;
        return w.hash == hash && w.shaping == shaping;
    };
    for (auto w = t_wholes.rbegin(); w != t_wholes.rend(); ++w)
        if (from >= w->offset && to <= w->offset + w->length && !(from == w->offset && to == w->offset + w->length) &&
            para.size() <= w->paragraph.size() && same_shaping(*w) && w->paragraph.compare(0, para.size(), para) == 0) {
            w->broken = true;
            // A head without the text after it, cut inside the whole: where the shaping reads context
            // (Arabic joining), only after a space, which nothing joins across.
            if (to < w->offset + w->length && para.size() == to && para[to - 1] != ' ' && !contextless(buffer))
                return false;
            return cut(*w, from - w->offset, to - w->offset, out);
        }
    // A line is measured on its own right after its paragraph was broken into lines: the last few
    // wholes, those Pango broke (a text measured whole is looked for in none).
    constexpr std::size_t kRecent = 4;
    std::size_t looked = 0;
    for (auto w = t_wholes.rbegin(); w != t_wholes.rend() && looked < kRecent; ++w, ++looked) {
        if (!w->broken || para.size() >= w->length || from != 0 || to != para.size() || !same_shaping(*w) ||
            !contextless(buffer))
            continue;
        const std::string_view run = std::string_view(w->paragraph).substr(w->offset, w->length);
        for (std::size_t at = run.find(para); at != std::string_view::npos; at = run.find(para, at + 1))
            if (cut(*w, at, at + para.size(), out))
                return true;
    }
    return false;
}

// Whether the buffer's clusters never decrease along the text (HarfBuzz's monotone levels): a part's
// glyphs are then the whole's between its cuts.
bool monotone(hb_buffer_t* buffer) {
    const hb_buffer_cluster_level_t level = hb_buffer_get_cluster_level(buffer);
    return level == HB_BUFFER_CLUSTER_LEVEL_MONOTONE_GRAPHEMES || level == HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS;
}

} // namespace

extern "C" void hb_buffer_reset(hb_buffer_t* buffer) {
    real_reset()(buffer);
    // A reset buffer is empty and its context cleared: what follows can be followed.
    t_added.buffer = buffer;
    t_added.length = 0;
    t_added.text.clear();
    t_added.pre.clear();
    t_added.post.clear();
    t_added.paragraph.clear();
    t_added.offset = 0;
}

extern "C" void hb_buffer_add_utf8(hb_buffer_t* buffer, const char* text, int text_length, unsigned int item_offset,
                                   int item_length) {
    const unsigned int before = hb_buffer_get_length(buffer);
    real_add_utf8()(buffer, text, text_length, item_offset, item_length);
    if (t_added.buffer != buffer)
        return;
    if (!text || before != t_added.length) {
        t_added.buffer = nullptr;
        return;
    }
    // HarfBuzz's own rules: the text before the run becomes the context when the buffer is empty and the
    // run does not start the text; the text after it always does.
    const std::size_t size = text_length < 0 ? std::strlen(text) : static_cast<std::size_t>(text_length);
    if (item_offset > size) {
        t_added.buffer = nullptr;
        return;
    }
    const std::size_t end =
        item_length < 0 ? size : std::min(size, item_offset + static_cast<std::size_t>(item_length));
    if (before == 0 && item_offset > 0) {
        const std::size_t n = std::min<std::size_t>(item_offset, kContextBytes);
        t_added.pre.assign(text + item_offset - n, n);
    }
    if (end > item_offset) {
        if (before != 0) { // a second run of text: its clusters are not the first's offsets
            t_added.buffer = nullptr;
            return;
        }
        t_added.text.assign(text + item_offset, end - item_offset);
        t_added.paragraph.assign(text, size);
        t_added.offset = item_offset;
    }
    t_added.post.assign(text + end, std::min(size - end, kContextBytes));
    t_added.length = hb_buffer_get_length(buffer);
}

extern "C" void hb_buffer_add(hb_buffer_t* buffer, hb_codepoint_t codepoint, unsigned int cluster) {
    real_add()(buffer, codepoint, cluster);
    if (t_added.buffer == buffer)
        t_added.buffer = nullptr; // a code point the text does not hold (Pango's hyphen): not keyed
}

// Every other way to change a buffer's text or context: the buffer is no longer followed, so its
// next shaping is not keyed (Pango uses none of them; FreeType's autohinter could).
#define CITEMAP_UNFOLLOW(name, params, args)                                                              \
    extern "C" void name params {                                                                         \
        using Fn = void(*) params;                                                                        \
        static const auto real = reinterpret_cast<Fn>(dlsym(RTLD_NEXT, #name));                          \
        if (t_added.buffer == buffer)                                                                     \
            t_added.buffer = nullptr;                                                                     \
        real args;                                                                                        \
    }
CITEMAP_UNFOLLOW(hb_buffer_add_utf16, (hb_buffer_t* buffer, const uint16_t* text, int text_length, unsigned int item_offset, int item_length), (buffer, text, text_length, item_offset, item_length))
CITEMAP_UNFOLLOW(hb_buffer_add_utf32, (hb_buffer_t* buffer, const uint32_t* text, int text_length, unsigned int item_offset, int item_length), (buffer, text, text_length, item_offset, item_length))
CITEMAP_UNFOLLOW(hb_buffer_add_latin1, (hb_buffer_t* buffer, const uint8_t* text, int text_length, unsigned int item_offset, int item_length), (buffer, text, text_length, item_offset, item_length))
CITEMAP_UNFOLLOW(hb_buffer_add_codepoints, (hb_buffer_t* buffer, const hb_codepoint_t* text, int text_length, unsigned int item_offset, int item_length), (buffer, text, text_length, item_offset, item_length))
CITEMAP_UNFOLLOW(hb_buffer_clear_contents, (hb_buffer_t* buffer), (buffer))
#undef CITEMAP_UNFOLLOW

extern "C" hb_bool_t hb_buffer_set_length(hb_buffer_t* buffer, unsigned int length) {
    using Fn = hb_bool_t (*)(hb_buffer_t*, unsigned int);
    static const auto real = reinterpret_cast<Fn>(dlsym(RTLD_NEXT, "hb_buffer_set_length"));
    if (t_added.buffer == buffer)
        t_added.buffer = nullptr;
    return real(buffer, length);
}

namespace {

thread_local std::vector<char>* t_cuts = nullptr; // where hb_shape notes its run's cuts (shape_noting_cuts)

void shape_kept(hb_font_t* font, hb_buffer_t* buffer, const hb_feature_t* features, unsigned int num_features) {
    if (mode() == Mode::off) {
        real_shape()(font, buffer, features, num_features);
        return;
    }
    std::size_t shaping = 0;
    std::string key = key_of(font, buffer, features, num_features, shaping);
    t_added.buffer = nullptr;
    if (key.empty()) {
        ++t_stats.unkeyed;
        real_shape()(font, buffer, features, num_features);
        return;
    }
    const unsigned int base = hb_buffer_get_glyph_infos(buffer, nullptr)[0].cluster;
    if (auto it = t_cache.answers.find(key); it != t_cache.answers.end()) {
        ++t_stats.hits;
        if (mode() == Mode::verify) {
            real_shape()(font, buffer, features, num_features);
            if (!same(keep(buffer, base), it->second)) {
                std::fprintf(stderr, "citemap: shape cache: a kept answer differs from HarfBuzz's\n");
                std::abort();
            }
        } else if (!copy_back(buffer, it->second, base)) {
            real_shape()(font, buffer, features, num_features);
        }
        if (it->second.size() >= kLongRun && monotone(buffer))
            remember_whole(std::string_view(it->first).substr(0, shaping), &it->second);
        return;
    }
    Kept part;
    if (monotone(buffer) && t_parts && !t_wholes.empty() && part_of_whole(std::string_view(key).substr(0, shaping), buffer, part)) {
        ++t_stats.parts;
        if (mode() == Mode::verify) {
            real_shape()(font, buffer, features, num_features);
            if (!same(keep(buffer, base), part, false)) {
                std::fprintf(stderr, "citemap: shape cache: a run's part differs from HarfBuzz's shaping of it\n");
                std::abort();
            }
            return;
        }
        if (copy_back(buffer, part, base))
            return;
    }
    ++t_stats.misses;
    real_shape()(font, buffer, features, num_features);
    if (t_cache.bytes > kMaxBytes) { // start over, fonts included
        t_cache.answers.clear();
        t_cache.asked.clear();
        t_cache.bytes = 0;
        for (hb_font_t* f : t_cache.fonts)
            hb_font_destroy(f);
        t_cache.fonts.clear();
        t_wholes.clear();
    }
    if (hb_buffer_get_length(buffer) < kLongRun && t_cache.asked.insert(std::hash<std::string>{}(key)).second) {
        t_cache.bytes += 4 * sizeof(std::size_t); // a set node, about
        return;
    }
    Kept k = keep(buffer, base);
    t_cache.bytes += key.size() + k.size() * sizeof(Glyph);
    keep_font(font);
    const auto kept = t_cache.answers.emplace(std::move(key), std::move(k)).first;
    if (kept->second.size() >= kLongRun && monotone(buffer))
        remember_whole(std::string_view(kept->first).substr(0, shaping), &kept->second);
}

// The glyph flags of the run just shaped, `bytes` long from cluster `base`, as cuts (shape_noting_cuts).
void note_cuts(hb_buffer_t* buffer, unsigned int base, std::size_t bytes) {
    std::vector<char>& cuts = *t_cuts;
    cuts.assign(bytes + 1, 0);
    std::vector<char> unsafe(bytes + 1, 0);
    unsigned int n = 0;
    const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buffer, &n);
    for (unsigned int i = 0; i < n; ++i) {
        const std::size_t at = info[i].cluster - base;
        if (info[i].cluster < base || at >= bytes)
            continue;
        cuts[at] = 1;
        unsafe[at] |= (hb_glyph_info_get_glyph_flags(&info[i]) & HB_GLYPH_FLAG_UNSAFE_TO_BREAK) != 0;
    }
    for (std::size_t at = 0; at < bytes; ++at)
        cuts[at] = cuts[at] && !unsafe[at];
    cuts[0] = cuts[bytes] = 1;
}

} // namespace

extern "C" void hb_shape(hb_font_t* font, hb_buffer_t* buffer, const hb_feature_t* features, unsigned int num_features) {
    if (!t_cuts) {
        shape_kept(font, buffer, features, num_features);
        return;
    }
    // A run of text added whole by hb_buffer_add_utf8 (no hyphen Pango added): its clusters are its bytes.
    unsigned int length = 0;
    const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buffer, &length);
    const bool followed = t_added.buffer == buffer && !t_added.text.empty() && length > 0;
    const std::size_t bytes = t_added.text.size();
    const unsigned int base = length > 0 ? info[0].cluster : 0;
    shape_kept(font, buffer, features, num_features);
    if (followed)
        note_cuts(buffer, base, bytes);
    else
        t_cuts->clear();
}

namespace citemap {
bool shape_cache_ready() { return real_shape() && real_add_utf8() && real_add() && real_reset(); }

ShapeCacheStats shape_cache_stats() { return t_stats; }

void shape_parts(bool on) { t_parts = on; }

std::vector<char> shape_noting_cuts(const std::function<void()>& shape) {
    std::vector<char> cuts;
    t_cuts = &cuts;
    shape();
    t_cuts = nullptr;
    return cuts;
}
} // namespace citemap

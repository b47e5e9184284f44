// Fontconfig's match and sort of a font pattern, answered once for all its sizes. Pango 1.50 asks
// fontconfig for both (FcFontSetMatch, and FcFontSetSort for fallback fonts) for every font pattern it
// has not seen, and every text size is a new pattern: the composition search tries ~170 of them on the
// Gaza pages, and each match and sort scores every face of the font set against the pattern (39 M
// instructions of the Gaza check). FcFontSetMatch and FcFontSetSort defined here are what Pango calls,
// as g_thread_new in pango_threads.cpp.
//
// Exact because the size decides nothing in either search where no face of the set has a size of its
// own: fontconfig compares an object only where the pattern and the face both have it (FcCompare), and a
// scalable face has neither FC_SIZE nor FC_PIXEL_SIZE (a bitmap face has a pixel size, a face with
// optical sizes a size range: such a set is passed through). So every face scores against a pattern
// what it scores against the same pattern at another size, and both searches are kept by the pattern
// without its two size objects (every other object, value and binding the same) and by the faces searched:
// - the sort gives the same faces in the same order (FcFontSetSort hands back the set's own patterns);
// - the match is the kept answer with the new pattern's size objects in place of the old (with_size_of)
//   where the configuration has no font rules, as TextEngine's has none: FcFontRenderPrepare copies the
//   face's objects and the pattern's that the face lacks, the size among them. With rules (which may
//   test the size) it is fontconfig's match over a set of the one face that won, which is what the whole
//   set gives: the face scores what it scored there, and fontconfig prepares the answer as it does for
//   the whole set. A face is kept only where that one-face match gave the whole set's answer at the
//   size that found it.
// tests/render/font_matches_test.cpp compares the kept answers with fontconfig's at many sizes.
#include "text/font_matches.hpp"

#include <dlfcn.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

namespace {

using MatchFn = FcPattern* (*)(FcConfig*, FcFontSet**, int, FcPattern*, FcResult*);
using SortFn = FcFontSet* (*)(FcConfig*, FcFontSet**, int, FcPattern*, FcBool, FcCharSet**, FcResult*);

MatchFn real_match() {
    static const auto real = reinterpret_cast<MatchFn>(dlsym(RTLD_NEXT, "FcFontSetMatch"));
    return real;
}

SortFn real_sort() {
    static const auto real = reinterpret_cast<SortFn>(dlsym(RTLD_NEXT, "FcFontSetSort"));
    return real;
}

struct PatternDeleter {
    void operator()(FcPattern* p) const { FcPatternDestroy(p); }
};
using PatternPtr = std::unique_ptr<FcPattern, PatternDeleter>;

std::atomic<std::size_t> g_matches_kept{0}, g_sorts_kept{0}, g_searched{0};

// Strict equality: FcValueEqual (and FcPatternEqual) take strings without case and integers as doubles,
// and ignore bindings, which the matcher does not everywhere (file names, strong and weak families).
bool same_value(const FcValue& a, const FcValue& b) {
    if (a.type != b.type)
        return false;
    switch (a.type) {
    case FcTypeInteger:
        return a.u.i == b.u.i;
    case FcTypeDouble:
        return std::memcmp(&a.u.d, &b.u.d, sizeof a.u.d) == 0;
    case FcTypeString:
        return std::strcmp(reinterpret_cast<const char*>(a.u.s), reinterpret_cast<const char*>(b.u.s)) == 0;
    case FcTypeBool:
        return a.u.b == b.u.b;
    case FcTypeMatrix:
        return a.u.m->xx == b.u.m->xx && a.u.m->xy == b.u.m->xy && a.u.m->yx == b.u.m->yx && a.u.m->yy == b.u.m->yy;
    case FcTypeCharSet:
        return FcCharSetEqual(a.u.c, b.u.c);
    case FcTypeLangSet:
        return FcLangSetEqual(a.u.l, b.u.l);
    case FcTypeRange: {
        double a0 = 0, a1 = 0, b0 = 0, b1 = 0;
        return FcRangeGetDouble(a.u.r, &a0, &a1) && FcRangeGetDouble(b.u.r, &b0, &b1) && a0 == b0 && a1 == b1;
    }
    default: // FcTypeVoid, FcTypeFTFace, FcTypeUnknown: pointers
        return a.u.f == b.u.f;
    }
}

bool is_size(const char* object) {
    return std::strcmp(object, FC_SIZE) == 0 || std::strcmp(object, FC_PIXEL_SIZE) == 0;
}

// A walk over a pattern's objects. FcPatternIterNext leaves the iterator on the last object when it
// runs out (fontconfig 2.14), so the walk keeps its own end.
struct Objects {
    const FcPattern* pattern;
    FcPatternIter it{};
    bool valid;

    explicit Objects(const FcPattern* p) : pattern(p) {
        FcPatternIterStart(p, &it);
        valid = FcPatternIterIsValid(p, &it);
    }
    void next() { valid = FcPatternIterNext(pattern, &it); }
    void skip_size() {
        while (valid && is_size(object()))
            next();
    }
    [[nodiscard]] const char* object() { return FcPatternIterGetObject(pattern, &it); }
    [[nodiscard]] int count() { return FcPatternIterValueCount(pattern, &it); }
    [[nodiscard]] bool value(int i, FcValue& v, FcValueBinding& b) {
        return FcPatternIterGetValue(pattern, &it, i, &v, &b) == FcResultMatch;
    }
};

// Whether `a` and `b` hold the same objects, values and bindings; but for their size objects where
// `but_size`.
bool same_pattern(const FcPattern* a, const FcPattern* b, bool but_size) {
    Objects ia(a), ib(b);
    for (;; ia.next(), ib.next()) {
        if (but_size) {
            ia.skip_size();
            ib.skip_size();
        }
        if (!ia.valid || !ib.valid)
            return ia.valid == ib.valid;
        if (std::strcmp(ia.object(), ib.object()) != 0)
            return false;
        const int n = ia.count();
        if (n != ib.count())
            return false;
        for (int i = 0; i < n; ++i) {
            FcValue va, vb;
            FcValueBinding ba = FcValueBindingWeak, bb = FcValueBindingWeak;
            if (!ia.value(i, va, ba) || !ib.value(i, vb, bb) || ba != bb || !same_value(va, vb))
                return false;
        }
    }
}

// A hash of some of what same_pattern(.., true) compares: the objects that tell one of a text engine's
// patterns from another (a walk over every value cost as much as the comparison it spares).
std::size_t hash_but_size(const FcPattern* p) {
    std::size_t h = 0;
    const auto mix = [&h](std::size_t v) { h = (h ^ v) * 1099511628211ULL; };
    FcChar8* family = nullptr;
    for (int i = 0; FcPatternGetString(p, FC_FAMILY, i, &family) == FcResultMatch; ++i)
        mix(std::hash<std::string_view>{}(reinterpret_cast<const char*>(family)));
    for (const char* object : {FC_SLANT, FC_WEIGHT, FC_WIDTH}) {
        FcValue v;
        if (FcPatternGet(p, object, 0, &v) == FcResultMatch)
            mix(v.type == FcTypeInteger ? static_cast<std::size_t>(v.u.i)
                : v.type == FcTypeDouble ? static_cast<std::size_t>(v.u.d * 16)
                                         : static_cast<std::size_t>(v.type));
    }
    return h;
}

// Whether fontconfig's font rules of `config` (FcMatchFont edits, which FcFontRenderPrepare runs on every
// answer) are none: a configuration made with FcConfigCreate and no file parsed, as TextEngine's own. Every
// rule comes in a rule set, and every rule set is listed (fcxml.c: FcConfigParseAndLoad...).
bool without_rules(FcConfig* config) {
    FcConfigFileInfoIter it;
    FcConfigFileInfoIterInit(config, &it);
    return !FcConfigFileInfoIterGet(config, &it, nullptr, nullptr, nullptr);
}

// Whether no face of the set has a size of its own (see above).
bool sizeless(const FcFontSet* set) {
    FcValue v;
    for (int i = 0; i < set->nfont; ++i)
        if (FcPatternGet(set->fonts[i], FC_SIZE, 0, &v) != FcResultNoMatch ||
            FcPatternGet(set->fonts[i], FC_PIXEL_SIZE, 0, &v) != FcResultNoMatch)
            return false;
    return true;
}

// A search: the faces searched and the pattern asked, without its size.
struct Question {
    const FcPattern* asked;
    const FcFontSet* set;
    std::size_t hash;
    Question(const FcPattern* p, const FcFontSet* s)
        : asked(p), set(s), hash(hash_but_size(p) ^ static_cast<std::size_t>(s->nfont)) {}
};

// A search kept: the pattern without its size (a copy) and the faces searched, each referenced so no
// other pattern takes its address while it is kept.
struct KeptQuestion {
    PatternPtr pattern;
    std::vector<FcPattern*> faces;
    std::size_t hash = 0;

    explicit KeptQuestion(const Question& q)
        : pattern(FcPatternDuplicate(q.asked)), faces(q.set->fonts, q.set->fonts + q.set->nfont), hash(q.hash) {
        FcPatternDel(pattern.get(), FC_SIZE);
        FcPatternDel(pattern.get(), FC_PIXEL_SIZE);
        for (FcPattern* f : faces)
            FcPatternReference(f);
    }
    [[nodiscard]] bool answers(const Question& q) const {
        return hash == q.hash && std::equal(faces.begin(), faces.end(), q.set->fonts, q.set->fonts + q.set->nfont) &&
               same_pattern(q.asked, pattern.get(), true);
    }
    void release() const {
        for (FcPattern* f : faces)
            FcPatternDestroy(f);
    }
};

struct KeptMatch {
    KeptQuestion question;
    FcPattern* face;   // the face that won, one of question.faces
    PatternPtr answer; // fontconfig's answer at the size that found it, where its configuration had no rules
};

struct KeptSort {
    KeptQuestion question;
    FcBool trim;
    std::vector<FcPattern*> order; // the faces the sort gave, each one of question.faces
    FcResult result;
};

// A long `watch` could see ever new font patterns: the answers start over past this many.
constexpr std::size_t kMaxKept = 1000;

struct Kept {
    std::mutex mutex;
    std::vector<KeptMatch> matches;
    std::vector<KeptSort> sorts;

    void start_over_if_full() {
        if (matches.size() + sorts.size() < kMaxKept)
            return;
        for (const KeptMatch& m : matches)
            m.question.release();
        for (const KeptSort& s : sorts)
            s.question.release();
        matches.clear();
        sorts.clear();
    }
};

Kept& kept() {
    static Kept k;
    return k;
}

// The one face of `set` with the file and index of `answer` (fontconfig copies both from the face that
// won); null when none or several have them.
FcPattern* face_of(const FcPattern* answer, const FcFontSet* set) {
    FcChar8* file = nullptr;
    int index = 0;
    if (FcPatternGetString(answer, FC_FILE, 0, &file) != FcResultMatch ||
        FcPatternGetInteger(answer, FC_INDEX, 0, &index) != FcResultMatch)
        return nullptr;
    FcPattern* found = nullptr;
    for (int i = 0; i < set->nfont; ++i) {
        FcChar8* f = nullptr;
        int n = 0;
        if (FcPatternGetString(set->fonts[i], FC_FILE, 0, &f) == FcResultMatch &&
            FcPatternGetInteger(set->fonts[i], FC_INDEX, 0, &n) == FcResultMatch && n == index &&
            std::strcmp(reinterpret_cast<const char*>(f), reinterpret_cast<const char*>(file)) == 0) {
            if (found)
                return nullptr;
            found = set->fonts[i];
        }
    }
    return found;
}

FcPattern* match_one_face(FcConfig* config, FcPattern* face, FcPattern* pattern, FcResult* result) {
    FcPattern* faces[] = {face};
    FcFontSet one{1, 1, faces};
    FcFontSet* sets[] = {&one};
    return real_match()(config, sets, 1, pattern, result);
}

// FcFontRenderPrepare's answer for `pattern` from its answer for the same pattern at another size, where
// no font rule runs: it copies the face's objects (no size among them) and, of the pattern's, those the
// face lacks, the size among them, value list and bindings as they are. So the answer is the other one
// with the pattern's size objects in place of the other's. Null where a binding has no public setter.
FcPattern* with_size_of(const FcPattern* answer, const FcPattern* pattern) {
    PatternPtr out(FcPatternDuplicate(answer));
    FcPatternDel(out.get(), FC_SIZE);
    FcPatternDel(out.get(), FC_PIXEL_SIZE);
    for (Objects it(pattern); it.valid; it.next()) {
        const char* object = it.object();
        if (!is_size(object))
            continue;
        const int n = it.count();
        for (int i = 0; i < n; ++i) {
            FcValue v;
            FcValueBinding b = FcValueBindingSame;
            if (!it.value(i, v, b))
                return nullptr;
            const bool added = b == FcValueBindingStrong ? FcPatternAdd(out.get(), object, v, FcTrue)
                               : b == FcValueBindingWeak ? FcPatternAddWeak(out.get(), object, v, FcTrue)
                                                         : FcFalse;
            if (!added)
                return nullptr;
        }
    }
    return out.release();
}

} // namespace

extern "C" FcPattern* FcFontSetMatch(FcConfig* config, FcFontSet** sets, int nsets, FcPattern* pattern,
                                     FcResult* result) {
    if (nsets != 1 || !sets[0] || !pattern || !result)
        return real_match()(config, sets, nsets, pattern, result);
    const Question question(pattern, sets[0]);
    Kept& k = kept();
    FcPattern* face = nullptr;
    PatternPtr answer;
    {
        const std::lock_guard lock(k.mutex);
        for (const KeptMatch& m : k.matches)
            if (m.question.answers(question)) {
                face = m.face;
                if (m.answer && without_rules(config))
                    answer.reset(with_size_of(m.answer.get(), pattern));
                break;
            }
    }
    if (face) {
        g_matches_kept.fetch_add(1, std::memory_order_relaxed);
        if (answer) {
            *result = FcResultMatch;
            return answer.release();
        }
        return match_one_face(config, face, pattern, result);
    }
    g_searched.fetch_add(1, std::memory_order_relaxed);
    FcPattern* found = real_match()(config, sets, nsets, pattern, result);
    if (!found || *result != FcResultMatch || !sizeless(sets[0]))
        return found;
    face = face_of(found, sets[0]);
    if (!face)
        return found;
    // The one-face match gives the whole set's answer (see above): checked once, at this size.
    FcResult one_result = FcResultNoMatch;
    const PatternPtr one(match_one_face(config, face, pattern, &one_result));
    if (!one || one_result != FcResultMatch || !same_pattern(one.get(), found, false))
        return found;
    const std::lock_guard lock(k.mutex);
    if (std::none_of(k.matches.begin(), k.matches.end(), [&](const KeptMatch& m) { return m.question.answers(question); })) {
        k.start_over_if_full();
        k.matches.push_back({KeptQuestion(question), face, PatternPtr(without_rules(config) ? FcPatternDuplicate(found) : nullptr)});
    }
    return found;
}

extern "C" FcFontSet* FcFontSetSort(FcConfig* config, FcFontSet** sets, int nsets, FcPattern* pattern, FcBool trim,
                                    FcCharSet** csp, FcResult* result) {
    if (nsets != 1 || !sets[0] || !pattern || csp || !result)
        return real_sort()(config, sets, nsets, pattern, trim, csp, result);
    const Question question(pattern, sets[0]);
    Kept& k = kept();
    {
        const std::lock_guard lock(k.mutex);
        for (const KeptSort& s : k.sorts)
            if (s.trim == trim && s.question.answers(question)) {
                FcFontSet* out = FcFontSetCreate();
                for (FcPattern* f : s.order) {
                    FcPatternReference(f);
                    FcFontSetAdd(out, f);
                }
                *result = s.result;
                g_sorts_kept.fetch_add(1, std::memory_order_relaxed);
                return out;
            }
    }
    g_searched.fetch_add(1, std::memory_order_relaxed);
    FcFontSet* out = real_sort()(config, sets, nsets, pattern, trim, csp, result);
    if (!out || !sizeless(sets[0]))
        return out;
    const std::lock_guard lock(k.mutex);
    if (std::none_of(k.sorts.begin(), k.sorts.end(),
                     [&](const KeptSort& s) { return s.trim == trim && s.question.answers(question); })) {
        k.start_over_if_full();
        k.sorts.push_back({KeptQuestion(question), trim, std::vector<FcPattern*>(out->fonts, out->fonts + out->nfont), *result});
    }
    return out;
}

namespace citemap {

bool font_matches_ready() {
    return real_match() != nullptr && real_sort() != nullptr;
}

FontMatchStats font_match_stats() {
    return {g_matches_kept.load(std::memory_order_relaxed), g_sorts_kept.load(std::memory_order_relaxed),
            g_searched.load(std::memory_order_relaxed)};
}

FcPattern* fontconfig_set_match(FcConfig* config, FcFontSet** sets, int nsets, FcPattern* pattern, FcResult* result) {
    return real_match()(config, sets, nsets, pattern, result);
}

bool same_font_pattern(const FcPattern* a, const FcPattern* b) {
    return same_pattern(a, b, false);
}

FcFontSet* fontconfig_set_sort(FcConfig* config, FcFontSet** sets, int nsets, FcPattern* pattern, FcBool trim,
                               FcCharSet** csp, FcResult* result) {
    return real_sort()(config, sets, nsets, pattern, trim, csp, result);
}

} // namespace citemap

// text/font_matches.cpp answers fontconfig's FcFontSetMatch and FcFontSetSort for a font pattern from the
// same pattern's answers at another size. Here patterns made as Pango makes them (families, weight,
// slant, size and pixel size, then the configuration's and fontconfig's defaults) are asked at many sizes,
// of the Noto faces and of a set with a face that has a size of its own (passed through), with a
// configuration of no rules (as TextEngine's) and with the system's: every answer must be fontconfig's
// own, object for object, value for value, binding for binding, and every sort the same faces in order.
#include "text/font_matches.hpp"
#include "test_support.hpp"

#include <fontconfig/fontconfig.h>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

using namespace citemap;

namespace {

struct FontSetDeleter {
    void operator()(FcFontSet* s) const { FcFontSetDestroy(s); }
};
using FontSetPtr = std::unique_ptr<FcFontSet, FontSetDeleter>;
struct PatternDeleter {
    void operator()(FcPattern* p) const { FcPatternDestroy(p); }
};
using PatternPtr = std::unique_ptr<FcPattern, PatternDeleter>;
struct ConfigDeleter {
    void operator()(FcConfig* c) const { FcConfigDestroy(c); }
};

bool of_family(FcPattern* font, const char* family) {
    FcChar8* name = nullptr;
    for (int k = 0; FcPatternGetString(font, FC_FAMILY, k, &name) == FcResultMatch; ++k)
        if (std::strcmp(reinterpret_cast<const char*>(name), family) == 0)
            return true;
    return false;
}

// Every installed face of Noto Sans and Noto Sans Arabic (all weights and widths, not only TextEngine's).
FontSetPtr noto_faces() {
    REQUIRE(FcInit());
    FcFontSet* system = FcConfigGetFonts(nullptr, FcSetSystem);
    REQUIRE(system != nullptr);
    FontSetPtr set(FcFontSetCreate());
    for (int i = 0; i < system->nfont; ++i)
        if (of_family(system->fonts[i], "Noto Sans") || of_family(system->fonts[i], "Noto Sans Arabic")) {
            FcPatternReference(system->fonts[i]);
            FcFontSetAdd(set.get(), system->fonts[i]);
        }
    return set;
}

// The same faces after a twin of Noto Sans Bold (another file) with a pixel size of its own, as a bitmap
// face has: at that size it ties with its twin and wins, being first; at any other it loses.
FontSetPtr with_a_sized_face(const FcFontSet* faces) {
    FcPattern* sized = nullptr;
    for (int i = 0; i < faces->nfont && !sized; ++i) {
        int weight = 0, slant = 0;
        if (of_family(faces->fonts[i], "Noto Sans") && !of_family(faces->fonts[i], "Noto Sans Arabic") &&
            FcPatternGetInteger(faces->fonts[i], FC_WEIGHT, 0, &weight) == FcResultMatch && weight == FC_WEIGHT_BOLD &&
            FcPatternGetInteger(faces->fonts[i], FC_SLANT, 0, &slant) == FcResultMatch && slant == FC_SLANT_ROMAN &&
            FcPatternGetInteger(faces->fonts[i], FC_WIDTH, 0, &weight) == FcResultMatch && weight == FC_WIDTH_NORMAL) {
            sized = FcPatternDuplicate(faces->fonts[i]);
            FcPatternDel(sized, FC_FILE);
            FcPatternAddString(sized, FC_FILE, reinterpret_cast<const FcChar8*>("/nonexistent/sized-face.pcf"));
            FcPatternAddDouble(sized, FC_PIXEL_SIZE, 11.0);
        }
    }
    REQUIRE(sized != nullptr);
    FontSetPtr set(FcFontSetCreate());
    FcFontSetAdd(set.get(), sized);
    for (int i = 0; i < faces->nfont; ++i) {
        FcPatternReference(faces->fonts[i]);
        FcFontSetAdd(set.get(), faces->fonts[i]);
    }
    return set;
}

PatternPtr pattern_at(FcConfig* config, const std::vector<const char*>& families, int weight, int slant, double size) {
    PatternPtr p(FcPatternCreate());
    for (const char* f : families)
        FcPatternAddString(p.get(), FC_FAMILY, reinterpret_cast<const FcChar8*>(f));
    FcPatternAddInteger(p.get(), FC_WEIGHT, weight);
    FcPatternAddInteger(p.get(), FC_SLANT, slant);
    FcPatternAddDouble(p.get(), FC_SIZE, size);
    FcPatternAddDouble(p.get(), FC_PIXEL_SIZE, size);
    FcConfigSubstitute(config, p.get(), FcMatchPattern);
    FcDefaultSubstitute(p.get());
    return p;
}

std::vector<FcPattern*> faces_in(const FcFontSet* s) {
    return {s->fonts, s->fonts + s->nfont};
}

// Asks every combination at every size, through citemap's definitions and fontconfig's own.
void compare_with_fontconfig(FcConfig* config, FcFontSet* set) {
    FcFontSet* sets[] = {set};
    const std::vector<std::vector<const char*>> family_lists = {{"Noto Sans", "Noto Sans Arabic"},
                                                                {"Noto Sans Arabic", "Noto Sans"}};
    for (const auto& families : family_lists)
        for (int weight : {FC_WEIGHT_REGULAR, FC_WEIGHT_MEDIUM, FC_WEIGHT_SEMIBOLD, FC_WEIGHT_BOLD})
            for (int slant : {FC_SLANT_ROMAN, FC_SLANT_ITALIC})
                for (double size = 4.0; size < 30; size += 1.75) {
                    const PatternPtr p = pattern_at(config, families, weight, slant, size);
                    FcResult ours = FcResultNoMatch, theirs = FcResultNoMatch;
                    const PatternPtr kept(FcFontSetMatch(config, sets, 1, p.get(), &ours));
                    const PatternPtr real(fontconfig_set_match(config, sets, 1, p.get(), &theirs));
                    REQUIRE(kept != nullptr);
                    REQUIRE(real != nullptr);
                    CHECK(ours == theirs);
                    CHECK_MESSAGE(same_font_pattern(kept.get(), real.get()),
                                  families[0] << " weight " << weight << " slant " << slant << " size " << size);
                    for (FcBool trim : {FcTrue, FcFalse}) {
                        FcResult sort_ours = FcResultNoMatch, sort_theirs = FcResultNoMatch;
                        const FontSetPtr kept_sort(FcFontSetSort(config, sets, 1, p.get(), trim, nullptr, &sort_ours));
                        const FontSetPtr real_sort(
                            fontconfig_set_sort(config, sets, 1, p.get(), trim, nullptr, &sort_theirs));
                        CHECK(sort_ours == sort_theirs);
                        CHECK(faces_in(kept_sort.get()) == faces_in(real_sort.get()));
                    }
                }
}

} // namespace

TEST_CASE("a font pattern's match and sort at a new size are fontconfig's own") {
    REQUIRE(font_matches_ready());
    const FontSetPtr noto = noto_faces();
    REQUIRE(noto->nfont > 9);
    const std::unique_ptr<FcConfig, ConfigDeleter> no_rules(FcConfigCreate());
    const FontMatchStats before = font_match_stats();
    compare_with_fontconfig(no_rules.get(), noto.get());
    compare_with_fontconfig(nullptr, noto.get()); // the system's configuration: its rules run on each answer
    const FontMatchStats after = font_match_stats();
    // Each combination is searched once a configuration kind at most: every other size is a kept answer.
    CHECK(after.matches_kept - before.matches_kept >= 2 * 2 * 4 * 2 * 13);
    CHECK(after.sorts_kept - before.sorts_kept >= 2 * 2 * 2 * 4 * 2 * 13);
}

TEST_CASE("a set with a face of its own size is searched at every size") {
    const FontSetPtr noto = noto_faces();
    const FontSetPtr sized = with_a_sized_face(noto.get());
    const std::unique_ptr<FcConfig, ConfigDeleter> no_rules(FcConfigCreate());
    const FontMatchStats before = font_match_stats();
    compare_with_fontconfig(no_rules.get(), sized.get());
    const FontMatchStats after = font_match_stats();
    CHECK(after.matches_kept == before.matches_kept);
    CHECK(after.sorts_kept == before.sorts_kept);
    // The sized face wins at its size and loses at others: what a kept answer would have got wrong.
    FcFontSet* sets[] = {sized.get()};
    FcResult r = FcResultNoMatch;
    const PatternPtr at_11(FcFontSetMatch(no_rules.get(), sets, 1,
                                          pattern_at(no_rules.get(), {"Noto Sans"}, FC_WEIGHT_BOLD, 0, 11).get(), &r));
    const PatternPtr at_20(FcFontSetMatch(no_rules.get(), sets, 1,
                                          pattern_at(no_rules.get(), {"Noto Sans"}, FC_WEIGHT_BOLD, 0, 20).get(), &r));
    FcChar8 *file_11 = nullptr, *file_20 = nullptr;
    REQUIRE(FcPatternGetString(at_11.get(), FC_FILE, 0, &file_11) == FcResultMatch);
    REQUIRE(FcPatternGetString(at_20.get(), FC_FILE, 0, &file_20) == FcResultMatch);
    CHECK(std::string(reinterpret_cast<char*>(file_11)) != std::string(reinterpret_cast<char*>(file_20)));
}

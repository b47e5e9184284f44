// TextEngine draws from a font set holding only the faces of Noto Sans and Noto Sans Arabic that
// citemap asks for (the others made Pango's sort of the faces, run for every new text size, ten times
// longer). Every style citemap asks for must still get the face fontconfig itself picks for it from
// all installed fonts, for Latin text and for Arabic text alike.
#include "text/font_folder.hpp"
#include "text/pango_text.hpp"
#include "test_support.hpp"

#include <pango/pangofc-font.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace citemap;

namespace {

// The file fontconfig's own best match for `family` in this style is read from.
std::string system_choice(const char* family, Weight weight, bool italic) {
    FcPattern* p = FcPatternCreate();
    FcPatternAddString(p, FC_FAMILY, reinterpret_cast<const FcChar8*>(family));
    FcPatternAddInteger(p, FC_WEIGHT, weight == Weight::bold ? FC_WEIGHT_BOLD : weight == Weight::medium ? FC_WEIGHT_MEDIUM : FC_WEIGHT_REGULAR);
    FcPatternAddInteger(p, FC_SLANT, italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
    FcConfigSubstitute(nullptr, p, FcMatchPattern);
    FcDefaultSubstitute(p);
    FcResult result;
    FcPattern* match = FcFontMatch(nullptr, p, &result);
    std::string file;
    FcChar8* f = nullptr;
    if (match && FcPatternGetString(match, FC_FILE, 0, &f) == FcResultMatch)
        file = reinterpret_cast<const char*>(f);
    if (match)
        FcPatternDestroy(match);
    FcPatternDestroy(p);
    return file;
}

// The files of the fonts Pango shapes `text`'s runs with.
std::vector<std::string> files_drawn(const std::string& text, const Font& font) {
    PangoLayoutPtr l = text_engine().layout(text, font);
    std::vector<std::string> files;
    for (GSList* r = pango_layout_get_line_readonly(l.get(), 0)->runs; r; r = r->next) {
        const auto* run = static_cast<const PangoLayoutRun*>(r->data);
        FcPattern* pattern = pango_fc_font_get_pattern(PANGO_FC_FONT(run->item->analysis.font));
        FcChar8* f = nullptr;
        REQUIRE(FcPatternGetString(pattern, FC_FILE, 0, &f) == FcResultMatch);
        files.emplace_back(reinterpret_cast<const char*>(f));
    }
    return files;
}

} // namespace

TEST_CASE("every style citemap asks for is drawn with the face fontconfig picks for it") {
    int checked = 0;
    for (Weight weight : {Weight::regular, Weight::medium, Weight::bold})
        for (bool italic : {false, true}) {
            const Font f{"Noto Sans", 9, weight, italic};
            CAPTURE(static_cast<int>(weight));
            CAPTURE(italic);
            const std::string latin = system_choice("Noto Sans", weight, italic);
            const std::string arabic = system_choice("Noto Sans Arabic", weight, italic);
            REQUIRE(!latin.empty());
            REQUIRE(!arabic.empty());
            CHECK(files_drawn("Khan Younis", f) == std::vector<std::string>{latin});
            CHECK(files_drawn("\u062E\u0627\u0646 \u064A\u0648\u0646\u0633", f) == std::vector<std::string>{arabic});
            // An Arabic name inside a Latin line: each part from its own family's face.
            const auto mixed = files_drawn("Rafah \u0631\u0641\u062D (south)", f);
            REQUIRE(mixed.size() >= 3);
            CHECK(mixed.front() == latin);
            CHECK(mixed.back() == latin);
            CHECK(std::count(mixed.begin(), mixed.end(), arabic) >= 1);
            CHECK(std::count(mixed.begin(), mixed.end(), latin) + std::count(mixed.begin(), mixed.end(), arabic) ==
                  static_cast<std::ptrdiff_t>(mixed.size()));
            ++checked;
        }
    CHECK(checked == 6);
}

namespace {

// The faces of `family` in `set`, in its order.
std::vector<FcPattern*> faces_of(const FcFontSet* set, const char* family) {
    std::vector<FcPattern*> out;
    for (int i = 0; i < set->nfont; ++i) {
        FcChar8* name = nullptr;
        bool match = false;
        for (int k = 0; !match && FcPatternGetString(set->fonts[i], FC_FAMILY, k, &name) == FcResultMatch; ++k)
            match = std::string(reinterpret_cast<const char*>(name)) == family;
        if (match)
            out.push_back(set->fonts[i]);
    }
    return out;
}

} // namespace

TEST_CASE("the faces read from fonts-noto-core's folder are the system font set's own, in its order") {
    // text/font_folder.cpp reads them from fontconfig's cache of the folder instead of loading the whole
    // configuration; fontconfig maps a cache file once, so the same faces are the same patterns.
    const FcFontSet* folder = noto_folder_faces();
    if (!folder) {
        MESSAGE("no valid fontconfig cache of /usr/share/fonts/truetype/noto here: the system's set is used");
        return;
    }
    REQUIRE(FcInit());
    const FcFontSet* system = FcConfigGetFonts(nullptr, FcSetSystem); // the whole configuration, loaded now
    REQUIRE(system != nullptr);
    for (const char* family : {"Noto Sans", "Noto Sans Arabic"}) {
        const std::vector<FcPattern*> ours = faces_of(folder, family);
        CHECK(ours.size() >= 3);
        CHECK(ours == faces_of(system, family));
    }
}

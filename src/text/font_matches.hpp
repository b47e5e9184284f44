// Fontconfig's match and sort of a font pattern, answered once for every size (see font_matches.cpp).
#pragma once

#include <fontconfig/fontconfig.h>

#include <cstddef>

namespace citemap {

// True when fontconfig's own FcFontSetMatch and FcFontSetSort were found behind citemap's. Referenced by
// the text engine so the definitions are always linked.
[[nodiscard]] bool font_matches_ready();

struct FontMatchStats {
    std::size_t matches_kept = 0, sorts_kept = 0; // answered from another size's search
    std::size_t searched = 0;                     // searched the whole font set
};

// What the process's FcFontSetMatch and FcFontSetSort calls found so far.
[[nodiscard]] FontMatchStats font_match_stats();

// Fontconfig's own functions, without the answers kept here (tests compare the two).
[[nodiscard]] FcPattern* fontconfig_set_match(FcConfig* config, FcFontSet** sets, int nsets, FcPattern* pattern,
                                              FcResult* result);
[[nodiscard]] FcFontSet* fontconfig_set_sort(FcConfig* config, FcFontSet** sets, int nsets, FcPattern* pattern,
                                             FcBool trim, FcCharSet** csp, FcResult* result);

// Whether two patterns hold the same objects, values and bindings (FcPatternEqual ignores the case of
// strings and the bindings).
[[nodiscard]] bool same_font_pattern(const FcPattern* a, const FcPattern* b);

} // namespace citemap

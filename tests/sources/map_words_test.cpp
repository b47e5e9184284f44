// The words citemap sets on the map in each language: capitals by Unicode's case mapping, the name
// an attribution takes, numbers and coordinates with the language's decimal mark and compass letters.
#include "core/panel_words.hpp"
#include "geo/lonlat_extent.hpp"
#include "sources/utf8.hpp"
#include "spec/map_spec.hpp"

#include <doctest/doctest.h>

using namespace citemap;

TEST_CASE("a neighbour's name is set in capitals whatever its script") {
    CHECK(utf8::upper("S\u00FCdmark") == "S\u00DCDMARK");
    CHECK(utf8::upper("Z\u00E9lande") == "Z\u00C9LANDE");
    CHECK(utf8::upper("\u0420\u043E\u0441\u0441\u0438\u044F") == "\u0420\u041E\u0421\u0421\u0418\u042F"); // Россия
    CHECK(utf8::upper("\u0395\u03BB\u03BB\u03AC\u03B4\u03B1") == "\u0395\u039B\u039B\u0386\u0394\u0391"); // Ελλάδα
    CHECK(utf8::upper("Egypt") == "EGYPT");
    CHECK(utf8::upper("bad \xFF byte") == "bad \xFF byte"); // invalid UTF-8 as it was
}

TEST_CASE("a coordinate is written with the language's decimal mark and compass letters") {
    CHECK(degrees_text(-67.5, true, 1000) == "67.5\u00B0W");
    CHECK(degrees_text(-67.5, true, 1000, panel_words("es")) == "67,5\u00B0\u00A0O");
    CHECK(degrees_text(9.25, true, 1000, panel_words("de")) == "9,25\u00B0\u00A0O");
    CHECK(degrees_text(-44, false, 1000, panel_words("fr")) == "44\u00B0\u00A0S");
    CHECK(degrees_text(180, true, 1000, panel_words("de")) == "180\u00B0");
    CHECK(decimal_number(0.5, panel_words("fr")) == "0,5");
    CHECK(decimal_number(0.5, english_words()) == "0.5");
}

TEST_CASE("German attributions drop the article after laut, and other languages keep theirs") {
    const PanelWords& de = panel_words("de");
    CHECK(attributed(de, Modality::reported, "die Kantonsregierung", true) == "Berichtet, laut Kantonsregierung");
    CHECK(attributed(de, Modality::plan, "Das Bauamt") == "Plan, laut Bauamt");
    CHECK(attribution_name(de, "Polizei") == "Polizei");
    CHECK(attribution_name(de, "die") == "die");            // an article alone is a name
    CHECK(attribution_name(de, "diese Zeitung") == "diese Zeitung"); // not an article
    CHECK(attributed(panel_words("fr"), Modality::denial, "le pr\u00E9fet") == "d\u00E9menti, selon le pr\u00E9fet");
    CHECK(attributed(english_words(), Modality::reported, "the police", true) == "Reported, attributed to the police");
    CHECK(modality_word(panel_words("es"), Modality::projection) == "proyecci\u00F3n");
}

TEST_CASE("the alt text's compass words take the article of their gender") {
    // "der Zentrum" (audit s19 D11): Zentrum is neuter, the compass points masculine.
    const PanelWords& de = panel_words("de");
    CHECK(de.compass_the[4] == "das Zentrum");
    for (std::size_t d : {0, 1, 2, 3, 5, 6, 7, 8})
        CHECK(de.compass_the[d] == "der " + std::string(de.compass[d]));
    for (const char* lang : {"en", "es"})
        for (std::size_t d = 0; d < 9; ++d)
            CHECK(panel_words(lang).compass_the[d] ==
                  std::string(lang == std::string("en") ? "the " : "el ") + std::string(panel_words(lang).compass[d]));
    CHECK(panel_words("es").compass_the[4] == "el centro");
    CHECK(panel_words("fr").compass_the[4] == "secteur centre"); // a noun without an article: no le/la to agree
}

// A quote's own marks nested inside the panel language's: second and third levels, by each mark's role.
#include "sources/quote_marks.hpp"
#include "sources/quote_resolver.hpp"

#include <doctest/doctest.h>

using namespace citemap;

namespace {
// As the panel prints it: the language's outer marks around the nested quote.
std::string in_marks(const std::string& exact, const char* lang) {
    const PanelWords& w = panel_words(lang);
    return std::string(w.open_quote) + with_inner_marks(printed_quote(exact), w) + std::string(w.close_quote);
}
} // namespace

TEST_CASE("a German quote that includes its source's „…“ prints „‚…‘“, whatever marks the source used") {
    const std::string nested = "\u201E\u201ADie Sperre bleibt \u2026 bis die Station fertig ist.\u2018\u201C";
    CHECK(in_marks("\u201EDie Sperre bleibt \u2026 bis die Station fertig ist.\u201C", "de") == nested); // „…“
    CHECK(in_marks("\u201CDie Sperre bleibt \u2026 bis die Station fertig ist.\u201D", "de") == nested); // “…”
    CHECK(in_marks("\u00BBDie Sperre bleibt \u2026 bis die Station fertig ist.\u00AB", "de") == nested); // »…«
    CHECK(in_marks("\u00AB\u202FDie Sperre bleibt \u2026 bis die Station fertig ist.\u202F\u00BB", "de") == nested);
    CHECK(in_marks("\"Die Sperre bleibt \u2026 bis die Station fertig ist.\"", "de") == nested);
    // Inside the quote, mid-sentence, and a third level inside the second.
    CHECK(in_marks("Er sagte: \u201EWir nennen es \u201Aden Deckel\u2018, sagte er.\u201C Dann ging er", "de") ==
          "\u201EEr sagte: \u201AWir nennen es \u201Eden Deckel\u201C, sagte er.\u2018 Dann ging er\u201C");
}

TEST_CASE("English, French and Spanish nest “ ‘, « “ ‘ and « “ ‘ (RAE)") {
    CHECK(in_marks("The rebels plan to take \"Nali\" and the depot \u201Cwithin days\u201D", "en") ==
          "\u201CThe rebels plan to take \u2018Nali\u2019 and the depot \u2018within days\u2019\u201D");
    CHECK(in_marks("He said \u201Cthey call it \u2018the lid\u2019 here\u201D", "en") ==
          "\u201CHe said \u2018they call it \u201Cthe lid\u201D here\u2019\u201D");
    CHECK(in_marks("\u00AB\u202FLa route est ferm\u00E9e\u202F\u00BB, a-t-il dit", "fr") ==
          "\u00AB\u202F\u201CLa route est ferm\u00E9e\u201D, a-t-il dit\u202F\u00BB");
    // Spanish: a second-level “lunes negro” stays “ ”; the source's « » inside become “ ”, and “ ” in those ‘ ’.
    CHECK(in_marks("desde el \u201Clunes negro\u201D\u2026", "es") == "\u00ABdesde el \u201Clunes negro\u201D\u2026\u00BB");
    CHECK(in_marks("\u00ABNo hay \u201Cplan B\u201D para el puerto\u00BB, dijo", "es") ==
          "\u00AB\u201CNo hay \u2018plan B\u2019 para el puerto\u201D, dijo\u00BB");
}

TEST_CASE("apostrophes and a mark whose partner lies outside the quote") {
    // Apostrophes inside words, and a plural possessive, are no quotation marks.
    CHECK(in_marks("l\u2019arm\u00E9e d\u2019occupation", "fr") == "\u00AB\u202Fl\u2019arm\u00E9e d\u2019occupation\u202F\u00BB");
    CHECK(in_marks("the Smiths\u2019 house, don't go", "en") == "\u201Cthe Smiths\u2019 house, don't go\u201D");
    CHECK(in_marks("since the \u201990s at the Smiths\u2019 house", "de") ==
          "\u201Esince the \u201990s at the Smiths\u2019 house\u201C");
    CHECK(in_marks("Reiters Satz \u201Egilt\u201C nicht, Reiters\u2019 Amt", "de") ==
          "\u201EReiters Satz \u201Agilt\u2018 nicht, Reiters\u2019 Amt\u201C");
    // A quote cut inside the source's quotation keeps the mark that ends it, at the second level.
    CHECK(in_marks("bis die Station fertig ist.\u201C Anrainer berichten", "de") ==
          "\u201Ebis die Station fertig ist.\u2018 Anrainer berichten\u201C");
}

TEST_CASE("a guillemet's inner spaces go with it, other spaces stay") {
    CHECK(with_inner_marks("\u00AB\u202Fa\u202F\u00BB b \u201C c \u201D", panel_words("es")) == "\u201Ca\u201D b \u201C c \u201D");
}

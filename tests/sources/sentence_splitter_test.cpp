// Sentences as a reader counts them.
#include "sources/quote_resolver.hpp"
#include "sources/sentence_splitter.hpp"
#include "sources/source_text.hpp"
#include "sources/utf8.hpp"
#include "test_support.hpp"

using namespace citemap;

namespace {
std::vector<std::string> sentences(const std::string& s) {
    std::vector<std::string> out;
    for (auto [b, e] : split_sentences(s))
        out.push_back(s.substr(b, e - b));
    return out;
}
} // namespace

TEST_CASE("a month abbreviation before a date does not end a sentence") {
    const auto s =
        sentences("Since the plan was implemented on Oct. 10, forces have moved. Nearly 2 million remain.");
    REQUIRE(s.size() == 2);
    CHECK(s[0] == "Since the plan was implemented on Oct. 10, forces have moved.");
}

TEST_CASE("U.S., titles and initials do not end sentences") {
    const auto s = sentences("The U.S. Secretary met Dr. Smith and J. R. Jones. They spoke.");
    REQUIRE(s.size() == 2);
    CHECK(s[1] == "They spoke.");
}

TEST_CASE("closing quotes stay with their sentence") {
    const auto s = sentences("She said it was \u201Cjust a single piece of paper.\u201D \u201CThis is not "
                             "something we want,\u201D she added.");
    REQUIRE(s.size() == 2);
    CHECK(s[0] == "She said it was \u201Cjust a single piece of paper.\u201D");
}

TEST_CASE("question and exclamation marks end sentences; decimals do not") {
    const auto s = sentences("Is it 3.5 km? Yes! It is.");
    REQUIRE(s.size() == 3);
    CHECK(s[0] == "Is it 3.5 km?");
}

TEST_CASE("a lower-case word after a period continues the sentence") {
    CHECK(sentences("He left at 5 p.m. and returned later. Then he slept.").size() == 2);
}

TEST_CASE("the Gaza article has one paragraph per line and splits Oct. 10 correctly") {
    SourceSpec spec;
    spec.id = "article";
    spec.file = test::gaza() / "article.txt";
    const SourceText t = SourceText::load(spec);
    CHECK(t.paragraphs().size() == 12);
    int in_last_but_one = 0;
    for (const auto& s : t.sentences())
        in_last_but_one += s.paragraph == 11;
    CHECK(in_last_but_one ==
          1); // "Since the plan's first phase was implemented on Oct. 10, ..." is one sentence
}

TEST_CASE("blank-line blocks are paragraphs when the text has blank lines") {
    SourceSpec spec;
    spec.id = "r";
    const SourceText t = SourceText::from_string(spec, "First line\nsame paragraph.\n\nSecond paragraph.\n");
    REQUIRE(t.paragraphs().size() == 2);
    CHECK(t.slice(t.paragraphs()[0]) == "First line\nsame paragraph.");
}

TEST_CASE("code points are counted at every offset of mixed-width text, as decoding counts them") {
    // utf8::count reads eight bytes at a time: every start and length, across word boundaries.
    const std::string text = "Gaza \u2019s 1 \u063A\u0632\u0629 \U0001F5FA \u00E9t\u00E9 \u6E14\u6C11 end";
    for (std::size_t from = 0; from <= text.size(); ++from)
        for (std::size_t to = from; to <= text.size(); ++to) {
            const std::string_view part = std::string_view(text).substr(from, to - from);
            std::size_t leads = 0;
            for (char c : part)
                leads += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
            CHECK(utf8::count(part) == leads);
        }
    SourceSpec spec;
    spec.id = "mixed";
    const SourceText t = SourceText::from_string(spec, text);
    std::size_t cps = 0;
    for (std::size_t pos = 0; pos < text.size(); ++cps)
        REQUIRE(utf8::decode(text, pos));
    CHECK(t.code_point_at(text.size()) == cps);
}

TEST_CASE("invalid UTF-8 is an error with line and column") {
    SourceSpec spec;
    spec.id = "bad";
    spec.file = "bad.txt";
    try {
        (void)SourceText::from_string(spec, "ok\nab\xff"
                                            "cd\n");
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(e.where().line == 2);
        CHECK(e.where().column == 3);
    }
}

TEST_CASE("Chinese and Japanese full stops end sentences without a following space; Arabic ؟ too") {
    const auto zh = sentences("渔民自一月起占据了北湾码头。市政府否认码头已被占据！「真的吗？」他问。");
    REQUIRE(zh.size() == 4);
    CHECK(zh[0] == "渔民自一月起占据了北湾码头。");
    CHECK(zh[1] == "市政府否认码头已被占据！");
    CHECK(zh[2] == "「真的吗？」");
    const auto ar = sentences("هل أغلق الميناء؟ قالت البلدية إنه مفتوح.");
    REQUIRE(ar.size() == 2);
    CHECK(ar[1] == "قالت البلدية إنه مفتوح.");
}

TEST_CASE("German: „…“ closes a sentence, ordinal dates and z. B. do not") {
    // The sentences of audit s19's r-block article, counted by hand.
    const auto s = sentences("Seit dem 4. M\u00E4rz ist die Kaiserstra\u00DFe gesperrt. Reiter sagte: \u201EDie Sperre "
                             "bleibt \u2026 bis die Station fertig ist.\u201C Anrainer berichten, dass z. B. der Hof "
                             "u. a. Baumaterial lagert. Die Schule bleibt bis 30. April geschlossen, am 1. Mai \u00F6ffnet "
                             "sie in der Zollergasse Nr. 5 wieder. Im 7. Bezirk sagte er: \u201A\u00DCbrigens.\u2018 "
                             "Die Zahl stieg auf 12. Die Polizei kam.");
    REQUIRE(s.size() == 7);
    CHECK(s[0] == "Seit dem 4. M\u00E4rz ist die Kaiserstra\u00DFe gesperrt.");
    CHECK(s[1] == "Reiter sagte: \u201EDie Sperre bleibt \u2026 bis die Station fertig ist.\u201C");
    CHECK(s[2] == "Anrainer berichten, dass z. B. der Hof u. a. Baumaterial lagert.");
    CHECK(s[3] == "Die Schule bleibt bis 30. April geschlossen, am 1. Mai \u00F6ffnet sie in der Zollergasse Nr. 5 wieder.");
    CHECK(s[4] == "Im 7. Bezirk sagte er: \u201A\u00DCbrigens.\u2018");
    CHECK(s[5] == "Die Zahl stieg auf 12."); // a number before any other capital ends its sentence
    CHECK(s[6] == "Die Polizei kam.");
}

TEST_CASE("German »…« and French « … » close their sentences; Spanish 1.º, S.A. and EE. UU. do not end one") {
    const auto de = sentences("Er sagte: \u00BBJa.\u00AB Dann ging er. \u00BBNein!\u00AB, rief sie.");
    REQUIRE(de.size() == 3);
    CHECK(de[0] == "Er sagte: \u00BBJa.\u00AB");
    CHECK(de[2] == "\u00BBNein!\u00AB, rief sie.");
    const auto fr = sentences("Le pr\u00E9fet a dit\u202F: \u00AB\u202FLa route est ferm\u00E9e.\u202F\u00BB Elle "
                              "rouvrira av. le 1er mai. \u00AB\u00A0Non\u00A0!\u00A0\u00BB a r\u00E9pondu la mairie.");
    REQUIRE(fr.size() == 3);
    CHECK(fr[0] == "Le pr\u00E9fet a dit\u202F: \u00AB\u202FLa route est ferm\u00E9e.\u202F\u00BB");
    CHECK(fr[1] == "Elle rouvrira av. le 1er mai.");
    const auto es = sentences("El 1.\u00BA de mayo la empresa Obras S.A. cerr\u00F3 la calle, seg\u00FAn la Sra. "
                              "G\u00F3mez y el n\u00FAm. 4 de la embajada de EE. UU. en Madrid. Hoy sigue cerrada. \u00BFHasta cu\u00E1ndo? "
                              "Nadie lo sabe.");
    REQUIRE(es.size() == 4);
    CHECK(es[1] == "Hoy sigue cerrada.");
    CHECK(es[2] == "\u00BFHasta cu\u00E1ndo?");
}

TEST_CASE("a German article's quotes are located in the paragraph and sentence a reader counts") {
    SourceSpec spec;
    spec.id = "artikel";
    const SourceText t = SourceText::from_string(
        spec, "Baustelle legt das Viertel lahm\n\nSeit dem 4. M\u00E4rz ist die Kaiserstra\u00DFe gesperrt. Die "
              "Baustelle soll bis Ende 2029 bleiben.\n\nReiter sagte: \u201EDie Sperre bleibt \u2026 bis die "
              "Station fertig ist.\u201C Anrainer berichten, dass der Hof als Lager dient.\n");
    auto at = [&](const std::string& quote) {
        CitationSpec c;
        c.source = "artikel";
        c.quote = quote;
        const ResolvedQuote q = resolve_quote(c, t, MatchMode::exact);
        return std::to_string(q.paragraph) + "." + std::to_string(q.sentence) + "-" + std::to_string(q.end_paragraph) +
               "." + std::to_string(q.end_sentence);
    };
    CHECK(at("Seit dem 4. M\u00E4rz ist die Kaiserstra\u00DFe gesperrt") == "2.1-2.1");
    CHECK(at("Die Baustelle soll bis Ende 2029 bleiben") == "2.2-2.2");
    CHECK(at("\u201EDie Sperre bleibt \u2026 bis die Station fertig ist.\u201C") == "3.1-3.1");
    CHECK(at("der Hof als Lager dient") == "3.2-3.2");
}

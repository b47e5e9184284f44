// Sentences as a reader counts them.
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

// Quotes resolve to exact spans, or fail with a message that helps.
#include "sources/quote_location.hpp"
#include "sources/quote_resolver.hpp"
#include "sources/utf8.hpp"
#include "spec/spec_reader.hpp"
#include "test_support.hpp"

using namespace citemap;

namespace {

SourceText source(std::string text) {
    SourceSpec s;
    s.id = "src";
    s.file = "src.txt";
    return SourceText::from_string(s, std::move(text));
}

CitationSpec cite(std::string quote, std::string prefix = {}, std::string suffix = {}) {
    CitationSpec c;
    c.source = "src";
    c.quote = std::move(quote);
    c.prefix = std::move(prefix);
    c.suffix = std::move(suffix);
    c.where = {"map.toml", 12, 5, {}};
    return c;
}

const char* kText =
    "Gaza\u2019s coast is long. Rafah lies in the south.\nRafah is a city. The end \u2014 for now.";

} // namespace

TEST_CASE("a quote resolves to code-point offsets, paragraph and sentence") {
    const SourceText t = source(kText);
    const ResolvedQuote q = resolve_quote(cite("Rafah lies in the south"), t, MatchMode::exact);
    CHECK(q.start == 22); // the curly apostrophe is one code point, three bytes
    CHECK(q.end == 45);
    CHECK(q.paragraph == 1);
    CHECK(q.sentence == 2);
    CHECK(q.exact == "Rafah lies in the south");
    const std::u32string all = utf8::to_u32(kText);
    CHECK(utf8::from_u32(all.substr(q.start, q.end - q.start)) == q.exact);
}

TEST_CASE("a quote that is not in the source shows the closest passage and where it differs") {
    const SourceText t = source(kText);
    try {
        (void)resolve_quote(cite("Rafah lies in the sooth"), t, MatchMode::exact);
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(e.where().line == 12);
        CHECK(e.where().column == 5);
        CHECK(e.hint().find("source: \"Rafah lies in the south\"") != std::string::npos);
        CHECK(e.hint().find("paragraph 1, sentence 2") != std::string::npos);
        CHECK(e.hint().find("^ first difference") != std::string::npos);
    }
}

TEST_CASE("the closest passage runs on to where the quote differs at its end") {
    // The probe: "... protected swamp" against "... protected bog." showed the source cut after
    // "protected " and claimed the source had nothing there.
    const SourceText t = source("The new depot lies in the middle of a protected bog. Trucks come daily.");
    try {
        (void)resolve_quote(cite("lies in the middle of a protected swamp"), t, MatchMode::exact);
        FAIL("expected an error");
    } catch (const Error& e) {
        CAPTURE(e.hint());
        CHECK(e.hint().find("source: \"lies in the middle of a protected bog. \"") != std::string::npos);
        CHECK(e.hint().find("source has 'bog. ', quote has 'swamp'") != std::string::npos);
        CHECK(e.hint().find("two entries of cite") == std::string::npos);
    }
}

TEST_CASE("a hard-wrapped source: the passage runs across the line break, shown as \\n, and the quote prints on one line") {
    // Lines wrapped at 40 columns, paragraphs between blank lines; the quote copied as one line.
    const SourceText t = source("Fishing boats from the northern villages\nmay not enter the reserve before May.\n\n"
                                "A second paragraph.\n");
    try {
        (void)resolve_quote(cite("boats from the northern villages may not enter"), t, MatchMode::exact);
        FAIL("expected an error");
    } catch (const Error& e) {
        CAPTURE(e.hint());
        CHECK(e.hint().find("source: \"boats from the northern villages\\nmay not enter\"") != std::string::npos);
        CHECK(e.hint().find("source has '\\nmay not ent', quote has ' may not ent'") != std::string::npos);
        CHECK(e.hint().find("set match = \"normalized\" in this citation, which reads a line break as a space") !=
              std::string::npos);
        // The caret stands under the \n: 11 columns of indent, 32 characters before it.
        CHECK(e.hint().find("\n" + std::string(11 + 32, ' ') + "^ first difference") != std::string::npos);
    }
    const ResolvedQuote q = resolve_quote(cite("boats from the northern villages\nmay not enter"), t, MatchMode::exact);
    CHECK(q.exact == "boats from the northern villages\nmay not enter"); // the selector keeps the source's bytes
    CHECK(printed_quote(q.exact) == "boats from the northern villages may not enter");
    CHECK(printed_quote("a \r\n  b\n\nc") == "a b \u00B6 c"); // a blank line ends a paragraph
    CHECK(visible_breaks("a\nb\tc\r") == "a\\nb\\tc\\r");
    // A quote that occurs twice is listed with its breaks visible too.
    try {
        (void)resolve_quote(cite("a\nb"), source("a\nb a\nb"), MatchMode::exact);
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(e.message() == "quote occurs 2 times in source 'src': \"a\\nb\"");
        CHECK(e.hint().find('\n') == e.hint().find("\n- ")); // no raw break inside a listed occurrence
    }
}

TEST_CASE("a quote with an elision is told to become two cites") {
    const SourceText t = source("The largest zone, on the ridge, was approved on Monday and will host 60 turbines.");
    for (const char* mark : {"[...]", "[\u2026]", "\u2026"}) {
        try {
            (void)resolve_quote(cite(std::string("The largest zone, on the ridge, ") + mark + " will host 60 turbines"), t,
                                MatchMode::exact);
            FAIL("expected an error");
        } catch (const Error& e) {
            CAPTURE(e.hint());
            CHECK(e.hint().find("cite the parts before and after it as two entries of cite") != std::string::npos);
        }
    }
}

TEST_CASE("a quote found twice is an error listing both; a prefix or suffix picks one") {
    const SourceText t = source(kText);
    try {
        (void)resolve_quote(cite("Rafah"), t, MatchMode::exact);
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(e.message().find("occurs 2 times") != std::string::npos);
        CHECK(e.hint().find("paragraph 1, sentence 2") != std::string::npos);
        CHECK(e.hint().find("paragraph 2, sentence 1") != std::string::npos);
    }
    CHECK(resolve_quote(cite("Rafah", "long. "), t, MatchMode::exact).paragraph == 1);
    CHECK(resolve_quote(cite("Rafah", "", " is a city"), t, MatchMode::exact).paragraph == 2);
}

TEST_CASE("overlapping occurrences count, and the last bytes of the text are searched") {
    const SourceText t = source("A banana. Ends with ana");
    try {
        (void)resolve_quote(cite("ana"), t, MatchMode::exact);
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(e.message().find("occurs 3 times") != std::string::npos); // b[ana]na, ban[ana], ...[ana]
    }
    const ResolvedQuote end = resolve_quote(cite("ana", " with "), t, MatchMode::exact);
    CHECK(end.start == 20);
    CHECK(end.end == 23);
}

TEST_CASE("normalised matching folds quotes, dashes and spaces but prints the source's text") {
    const SourceText t = source(kText);
    CHECK_THROWS_AS((void)resolve_quote(cite("Gaza's coast"), t, MatchMode::exact), Error);
    const ResolvedQuote q = resolve_quote(cite("Gaza's  coast"), t, MatchMode::normalized);
    CHECK(q.normalized_only);
    CHECK(q.exact == "Gaza\u2019s coast");
    const ResolvedQuote d = resolve_quote(cite("The end - for now"), t, MatchMode::normalized);
    CHECK(d.exact == "The end \u2014 for now");
}

TEST_CASE("Arabic quotes resolve with code-point offsets") {
    const SourceText t = source("قال المتحدث إن رفح تحت السيطرة. انتهى.");
    const ResolvedQuote q = resolve_quote(cite("رفح تحت السيطرة"), t, MatchMode::exact);
    CHECK(q.start == 15);
    CHECK(q.end == 30);
    CHECK(q.sentence == 1);
}

TEST_CASE("changing any single character of any Gaza quote makes it fail") {
    Diagnostics d;
    const MapSpec spec = read_spec(test::gaza(), d);
    REQUIRE_FALSE(d.has_errors());
    const SourceText t = SourceText::load(spec.sources.at(0));
    int mutations = 0;
    std::vector<CitationSpec> all;
    for (const ClaimSpec& c : spec.claims)
        all.insert(all.end(), c.cites.begin(), c.cites.end());
    for (const CheckSpec& c : spec.checks)
        all.insert(all.end(), c.cites.begin(), c.cites.end());
    REQUIRE(all.size() == 12);
    for (const CitationSpec& c : all) {
        REQUIRE_NOTHROW((void)resolve_quote(c, t, spec.match));
        const std::u32string q = utf8::to_u32(c.quote);
        for (std::size_t i = 0; i < q.size(); ++i) {
            std::u32string m = q;
            m[i] = m[i] == U'x' ? U'y' : U'x';
            CitationSpec mutated = c;
            mutated.quote = utf8::from_u32(m);
            CAPTURE(mutated.quote);
            CHECK_THROWS_AS((void)resolve_quote(mutated, t, spec.match), Error);
            ++mutations;
        }
    }
    CHECK(mutations > 400);
}

// Found by fuzz_quote (tests/fuzz/regressions/quote/empty-input): a span outside every sentence made
// sentence_at dereference an empty list.
TEST_CASE("an empty quote, or a quote of spaces in a text of spaces, is an error and not a crash") {
    for (const char* text : {"", " ", "  \n\n  ", "Words. More words."}) {
        CAPTURE(text);
        const SourceText s = source(text);
        for (MatchMode mode : {MatchMode::exact, MatchMode::normalized}) {
            CHECK_THROWS_AS((void)resolve_quote(cite(""), s, mode), Error);
            // A quote of white space matches somewhere or nowhere; either way no sentence is dereferenced.
            try {
                const ResolvedQuote q = resolve_quote(cite(" "), s, mode);
                CHECK(q.paragraph >= 0);
            } catch (const Error& e) {
                CHECK(!e.message().empty());
            }
        }
    }
}

TEST_CASE("a quote across a paragraph break is located from its first sentence to its last") {
    const SourceText t = source("Title\n\nOne. Two ends here.\n\nThree starts. Four.\n");
    const ResolvedQuote q = resolve_quote(cite("Two ends here.\n\nThree starts."), t, MatchMode::exact);
    CHECK(q.paragraph == 2);
    CHECK(q.sentence == 2);
    CHECK(q.end_paragraph == 3);
    CHECK(q.end_sentence == 1);
    CHECK(quote_location(q) == "\u00B62 s2\u2013\u00B63 s1");
    CHECK(quote_location_words(q) == "paragraph 2, sentence 2 to paragraph 3, sentence 1");
    CHECK(printed_quote(q.exact) == "Two ends here. \u00B6 Three starts.");
    CHECK(quote_touches_paragraph(q, 3));
    CHECK_FALSE(quote_touches_paragraph(q, 4));
    const ResolvedQuote two = resolve_quote(cite("One. Two"), t, MatchMode::exact);
    CHECK(quote_location(two) == "\u00B62 s1\u2013s2");
    const ResolvedQuote one = resolve_quote(cite("Four"), t, MatchMode::exact);
    CHECK(quote_location(one) == "\u00B63 s2");
}

TEST_CASE("LF, CRLF and lone CR line ends give the same paragraphs, locators and printed quotes") {
    const std::string lf = "Title\n\nOne. Two\nends here.\n\nThree starts. Four.\n";
    for (const std::string end : {"\n", "\r\n", "\r"}) {
        std::string text;
        for (char ch : lf)
            text += ch == '\n' ? end : std::string(1, ch);
        CAPTURE(visible_breaks(end));
        const SourceText t = source(text);
        REQUIRE(t.paragraphs().size() == 3);
        CHECK(t.slice(t.paragraphs()[1]) == "One. Two" + end + "ends here.");
        const ResolvedQuote q = resolve_quote(cite("here." + end + end + "Three"), t, MatchMode::exact);
        CHECK(quote_location(q) == "\u00B62 s2\u2013\u00B63 s1");
        CHECK(printed_quote(q.exact) == "here. \u00B6 Three");
        CHECK(printed_quote("Two" + end + "ends") == "Two ends");
    }
    // A CRLF is one line end; a lone CR before one ends a line of its own, a blank one as editors show it.
    CHECK(source("One.\r\r\nTwo.\r\n\r\nThree.").paragraphs().size() == 3);
    CHECK(source("One.\r\nTwo.\r\nThree.").paragraphs().size() == 3);
    CHECK(source("One.\r\nTwo.\r\n\r\nThree.").paragraphs().size() == 2);
}

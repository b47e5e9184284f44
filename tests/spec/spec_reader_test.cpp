// map.toml errors carry file:line:column and say what to write instead.
#include "spec/spec_reader.hpp"
#include "test_support.hpp"

using namespace citemap;

namespace {

MapSpec parse(const std::string& text, Diagnostics& d) {
    return parse_spec(text, "/tmp/p", "map.toml", d);
}

const Diagnostic& only_error(const Diagnostics& d) {
    REQUIRE(d.has_errors());
    for (const auto& x : d.all())
        if (x.level == Diagnostic::Level::error)
            return x;
    FAIL("no error");
    return d.all().front();
}

} // namespace

TEST_CASE("a minimal spec parses without problems") {
    Diagnostics d;
    const MapSpec s = parse(test::kMinimalMapToml, d);
    CHECK_FALSE(d.has_errors());
    CHECK(s.claims.size() == 1);
    CHECK(s.claims[0].cites[0].where.line == 16);
    CHECK(s.outputs.size() == 1);
    CHECK(s.outputs[0].page == "a4-landscape");
}

TEST_CASE("a TOML syntax error names line and column") {
    Diagnostics d;
    try {
        (void)parse("title = \"T\"\n[[source]\nid = 1\n", d);
        FAIL("expected a parse error");
    } catch (const Error& e) {
        CHECK(e.where().file == "map.toml");
        CHECK(e.where().line == 2);
        CHECK(e.where().column > 0);
        CHECK(e.format().find("map.toml:2:") == 0);
    }
}

TEST_CASE("a mistyped key is one error on its own line, with the key it was meant to be") {
    Diagnostics d;
    std::string text = test::kMinimalMapToml;
    text.replace(text.find("attributed_to"), 13, "atributed_to");
    (void)parse(text, d);
    bool unknown = false, missing = false;
    for (const auto& x : d.all()) {
        unknown |= x.message.find("unknown key 'atributed_to'") != std::string::npos && x.where.line == 15 &&
                   x.hint.find("did you mean 'attributed_to'?") != std::string::npos;
        missing |= x.message.find("has no 'attributed_to'") != std::string::npos;
    }
    CHECK(unknown);
    CHECK_FALSE(missing); // the same slip, said once
}

TEST_CASE("a claim with an undefined status points at the status key") {
    Diagnostics d;
    std::string text = test::kMinimalMapToml;
    text.replace(text.find("status = \"x\""), 12, "status = \"y\"");
    (void)parse(text, d);
    const Diagnostic& e = only_error(d);
    CHECK(e.message == "unknown status 'y'");
    CHECK(e.where.line == 13);
    CHECK(e.where.column == 10);
}

TEST_CASE("a wrong modality and a bad colour are both reported") {
    Diagnostics d;
    std::string text = test::kMinimalMapToml;
    text.replace(text.find("reported"), 8, "rumour");
    text.replace(text.find("#112233"), 7, "red");
    (void)parse(text, d);
    int n = 0;
    for (const auto& x : d.all())
        n += x.level == Diagnostic::Level::error;
    CHECK(n == 2);
}

TEST_CASE("files outside the project and its declared shared folders are refused") {
    for (const char* bad :
         {"/etc/passwd", "../../etc/passwd", "/vsicurl/http://x/y.json", "http://x/y.json"}) {
        Diagnostics d;
        std::string text = test::kMinimalMapToml;
        text.replace(text.find("z.geojson"), 9, bad);
        (void)parse(text, d);
        CAPTURE(bad);
        CHECK(only_error(d).where.line == 7);
    }
    Diagnostics ok;
    std::string sibling = test::kMinimalMapToml;
    sibling.replace(sibling.find("z.geojson"), 9, "../base/z.geojson");
    test::TempDir tmp("sibling");
    std::filesystem::create_directories(tmp.path / "p");
    std::filesystem::create_directories(tmp.path / "base");
    (void)parse_spec("shared = [\"../base\"]\n" + sibling, tmp.path / "p", "map.toml", ok);
    CHECK_FALSE(ok.has_errors());
}

TEST_CASE("statuses keep the order the author wrote them in") {
    Diagnostics d;
    std::string text = test::kMinimalMapToml;
    text += "[status.a]\nlabel = \"A\"\ncolor = \"#000000\"\n";
    const MapSpec s = parse(text, d);
    REQUIRE(s.statuses.size() == 2);
    CHECK(s.statuses[0].key == "x");
    CHECK(s.statuses[1].key == "a");
}

TEST_CASE("the Gaza project's spec reads cleanly") {
    Diagnostics d;
    const MapSpec s = read_spec(test::gaza(), d);
    CHECK_FALSE(d.has_errors());
    CHECK(s.claims.size() == 8);
    CHECK(s.derived_zones.size() == 5);
    CHECK(s.lines.size() == 1);
    CHECK(s.statuses.size() == 3);
    CHECK(s.outputs.size() == 3);
    CHECK(s.outputs[2].labels == LabelLanguages{"en", "ar"});
}

TEST_CASE("dates must be ISO dates; TOML dates are accepted too") {
    Diagnostics bad;
    std::string text = test::kMinimalMapToml;
    text.replace(text.find("modality"), 0, "since = \"10 Oct 2025\"\n");
    (void)parse(text, bad);
    CHECK(only_error(bad).message.find("is not a date") != std::string::npos);
    CHECK(only_error(bad).where.line == 14);

    Diagnostics ok;
    std::string native = test::kMinimalMapToml;
    native.replace(native.find("modality"), 0, "since = 2025-10-10\n");
    const MapSpec s = parse(native, ok);
    CHECK_FALSE(ok.has_errors());
    CHECK(s.claims[0].since == "2025-10-10");
}

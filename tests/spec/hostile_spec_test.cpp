// Hostile map.toml: any length, any depth, any path trick ends in an error naming the line, never a crash.
#include "layout/page.hpp"
#include "spec/spec_reader.hpp"
#include "test_support.hpp"

#include <unistd.h>

using namespace citemap;

namespace {

std::string with(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

// Every error the reader reports for `text`, whether thrown or collected.
std::vector<Diagnostic> errors_of(const std::string& text, const std::filesystem::path& dir = "/tmp/p") {
    Diagnostics d;
    try {
        (void)parse_spec(text, dir, "map.toml", d);
    } catch (const Error& e) {
        d.add(e);
    }
    std::vector<Diagnostic> out;
    for (const auto& x : d.all())
        if (x.level == Diagnostic::Level::error)
            out.push_back(x);
    return out;
}

bool mentions(const std::vector<Diagnostic>& es, const std::string& what, int line = 0) {
    for (const auto& e : es)
        if ((e.message + " " + e.hint).find(what) != std::string::npos && (line == 0 || e.where.line == line))
            return true;
    return false;
}

} // namespace

TEST_CASE("a 100 kB output name or page string is refused without overflowing the stack") {
    const std::string huge(100'000, 'a');
    std::string text = std::string(test::kMinimalMapToml) + "[[output]]\nname = \"" + huge + "\"\npage = \"a4\"\n";
    auto es = errors_of(text);
    CHECK(mentions(es, "output name", 18));

    std::string page = std::string(test::kMinimalMapToml) + "[[output]]\nname = \"m\"\npage = \"" + huge + "mm\"\n";
    es = errors_of(page);
    CHECK(mentions(es, "page", 19));

    // The same for a colour and a date: every small grammar is parsed by hand.
    es = errors_of(with(test::kMinimalMapToml, "#112233", "#" + huge));
    CHECK(mentions(es, "is not #rrggbb", 10));
    es = errors_of(with(test::kMinimalMapToml, "modality", "since = \"" + std::string(100'000, '1') + "\"\nmodality"));
    CHECK(mentions(es, "is not a date", 14));
}

TEST_CASE("keys nested 100,000 levels deep are refused before the TOML parser sees them") {
    std::string dotted = "a";
    for (int i = 0; i < 100'000; ++i)
        dotted += ".a";
    auto es = errors_of(std::string(test::kMinimalMapToml) + dotted + " = 1\n");
    REQUIRE(!es.empty());
    CHECK(es[0].where.line == 17);
    CHECK(mentions(es, "nested"));

    auto header = errors_of("[" + dotted + "]\n" + test::kMinimalMapToml);
    CHECK(mentions(header, "nested", 1));

    std::string arrays = "x = " + std::string(50'000, '[') + std::string(50'000, ']') + "\n";
    auto deep = errors_of(std::string(test::kMinimalMapToml) + arrays);
    CHECK(mentions(deep, "nested", 17));

    // Dots inside strings and numbers are not nesting.
    auto ok = errors_of(with(test::kMinimalMapToml, "title = \"T\"", "title = \"" + std::string(100, '.') + "\"\nnote = \"x\""));
    CHECK(ok.empty());
}

TEST_CASE("an over-long line and an over-large file are refused with the limit") {
    auto es = errors_of(with(test::kMinimalMapToml, "title = \"T\"", "title = \"T\" # " + std::string(200'000, 'x')));
    CHECK(mentions(es, "line is longer", 1));
    std::string big = test::kMinimalMapToml;
    while (big.size() < 5'000'000)
        big += "# " + std::string(1000, 'x') + "\n";
    es = errors_of(big);
    CHECK(mentions(es, "larger than"));
}

TEST_CASE("labels no page can show are refused with their line") {
    const std::string huge(100'000, 'L');
    CHECK(mentions(errors_of(with(test::kMinimalMapToml, "label = \"X\"", "label = \"" + huge + "\"")), "characters long", 9));
    CHECK(mentions(errors_of(with(test::kMinimalMapToml, "title = \"T\"", "title = \"" + huge + "\"")), "characters long", 1));
    CHECK(mentions(errors_of(with(test::kMinimalMapToml, "the article", huge)), "characters long", 15));
    std::string layer = std::string(test::kMinimalMapToml) + "[[layer]]\nfile = \"l.geojson\"\nrole = \"land\"\nname = \"" + huge + "\"\n";
    CHECK(mentions(errors_of(layer), "characters long", 20));
}

TEST_CASE("a NUL inside a path is an error, not a cut") {
    std::string text = with(test::kMinimalMapToml, "z.geojson", std::string("z.geojson\\u0000.txt"));
    CHECK(mentions(errors_of(text), "NUL", 7));
}

TEST_CASE("hidden files and folders are never read") {
    for (const char* bad : {"../.ssh/id_rsa", ".secret/z.geojson", ".z.geojson", "sub/../.git/config"}) {
        CAPTURE(bad);
        std::string text = "shared = [\"../base\"]\n" + with(test::kMinimalMapToml, "z.geojson", bad);
        CHECK(mentions(errors_of(text), "hidden", 8));
    }
}

TEST_CASE("only the project folder and the shared folders it declares may be read") {
    const std::string sibling = with(test::kMinimalMapToml, "z.geojson", "../base/z.geojson");
    auto es = errors_of(sibling);
    CHECK(mentions(es, "shared = [\"../base\"]", 7));
    // A declared folder must exist: this one does, beside a project folder of its own.
    test::TempDir tmp("shared");
    std::filesystem::create_directories(tmp.path / "p");
    std::filesystem::create_directories(tmp.path / "base");
    CHECK(errors_of("shared = [\"../base\"]\n" + sibling, tmp.path / "p").empty());
    CHECK(mentions(errors_of(std::string("shared = [\"../bsae\"]\n") + test::kMinimalMapToml, tmp.path / "p"),
                   "does not exist", 1));
    // A declared folder does not open others.
    CHECK(mentions(errors_of("shared = [\"../base\"]\n" + with(test::kMinimalMapToml, "z.geojson", "../home/z.geojson")),
                   "shared", 8));
    for (const char* bad : {"/etc", "../..", "../.ssh", "..", "../base/../..", "sub"}) {
        CAPTURE(bad);
        CHECK(mentions(errors_of("shared = [\"" + std::string(bad) + "\"]\n" + test::kMinimalMapToml), "shared", 1));
    }
}

TEST_CASE("a symlink that leads out of the project is refused") {
    test::TempDir tmp("symlink-escape");
    const auto proj = tmp.path / "proj";
    std::filesystem::create_directories(proj);
    std::filesystem::create_directory_symlink("/etc", proj / "etc");
    std::filesystem::create_symlink("/etc/passwd", proj / "article.txt");
    auto es = errors_of(with(test::kMinimalMapToml, "z.geojson", "etc/passwd"), proj);
    CHECK(mentions(es, "symbolic link", 7));
    es = errors_of(with(test::kMinimalMapToml, "a.txt", "article.txt"), proj);
    CHECK(mentions(es, "symbolic link", 4));
    // A link that stays inside the project is fine.
    test::write_file(proj / "data" / "z.geojson", "{}");
    std::filesystem::create_symlink("data/z.geojson", proj / "zones.geojson");
    CHECK(errors_of(with(test::kMinimalMapToml, "z.geojson", "zones.geojson"), proj).empty());
}

TEST_CASE("source URLs are http, https or doi only") {
    for (const char* bad : {"javascript:alert(1)", "data:text/html,<script>", "file:///etc/passwd", "JaVaScRiPt:x",
                            "https://a b", "http://x\\\"onmouseover=\\\"y"}) {
        CAPTURE(bad);
        CHECK(mentions(errors_of(with(test::kMinimalMapToml, "title = \"A\"", "title = \"A\"\nurl = \"" + std::string(bad) + "\"")),
                       "url", 6));
    }
    for (const char* ok : {"https://example.org/a?b=c#d", "http://example.org", "doi:10.1000/182"}) {
        CAPTURE(ok);
        CHECK(errors_of(with(test::kMinimalMapToml, "title = \"A\"", "title = \"A\"\nurl = \"" + std::string(ok) + "\"")).empty());
    }
}

TEST_CASE("page sizes are parsed by hand: every form, and absurd numbers refused") {
    CHECK(parse_page("170mm")->figure);
    CHECK(parse_page("170mm-max200mm")->max_height_mm == 200);
    CHECK(parse_page("200x150mm")->width_mm == 200);
    CHECK(parse_page("200.5x150.25mm")->height_mm == doctest::Approx(150.25));
    for (const char* bad : {"1e999mm", "170mm-max", "200x150mm-max200mm", "x150mm", "200xmm", "mm", "170", "-170mm",
                            "170mm-max1e9mm", "0170.mm"})
        CHECK_FALSE(parse_page(bad));
    CHECK_FALSE(parse_page(std::string(400, '9') + "mm"));
    CHECK_FALSE(parse_page(std::string(100'000, '9') + "x10mm"));
}

TEST_CASE("a 100 kB labels value is refused without a regex") {
    CHECK(mentions(errors_of("labels = \"" + std::string(100'000, 'e') + "\"\n" + test::kMinimalMapToml), "language tag", 1));
    CHECK(errors_of(std::string("labels = \"en+sr-Latn\"\n") + test::kMinimalMapToml).empty());
}

TEST_CASE("nan and inf are refused wherever map.toml takes a number, each once, with its line") {
    const std::string check = "[[check]]\nzones = [\"z1\"]\nshare_of = \"Gaza\"\n";
    // Line 17 is the [[check]]; 18 zones, 19 share_of, 20 the value under test.
    for (const char* v : {"nan", "+nan", "-nan", "inf", "-inf"}) {
        CAPTURE(v);
        for (const char* key : {"about", "at_least", "at_most"}) {
            CAPTURE(key);
            const auto es = errors_of(test::kMinimalMapToml + check + key + " = " + v + "\n");
            CHECK(es.size() == 1);
            CHECK(mentions(es, std::string("'") + key + "' is ", 20));
        }
        auto es = errors_of(test::kMinimalMapToml + check + "about = 0.3\ntolerance = " + v + "\n");
        CHECK(es.size() == 1);
        CHECK(mentions(es, "'tolerance' is ", 21));
        es = errors_of(test::kMinimalMapToml + std::string("[[check]]\nzones = [\"z1\"]\narea_km2 = ") + v + "\n");
        CHECK(es.size() == 1);
        CHECK(mentions(es, "'area_km2' is ", 19));
        // A buffer of nan km passed "km must be more than 0 and at most 1000" (every comparison is false).
        es = errors_of(test::kMinimalMapToml + std::string("[[zone]]\nid = \"b\"\nname = \"B\"\nbuffer = { of = \"z1\", km = ") +
                       v + " }\n");
        CHECK(es.size() == 1);
        CHECK(mentions(es, "'km' is ", 20));
    }
}

TEST_CASE("a check's share written as a percentage is refused with the fraction to write") {
    const std::string check = "[[check]]\nzones = [\"z1\"]\nshare_of = \"Gaza\"\n";
    auto es = errors_of(test::kMinimalMapToml + check + "at_least = 50\n");
    REQUIRE(es.size() == 1);
    CHECK(mentions(es, "'at_least' is a share from 0 to 1, not 50", 20));
    CHECK(mentions(es, "write at_least = 0.5"));
    es = errors_of(test::kMinimalMapToml + check + "about = -0.2\n");
    REQUIRE(es.size() == 1);
    CHECK(mentions(es, "'about' is a share from 0 to 1, not -0.2", 20));
    CHECK(errors_of(test::kMinimalMapToml + check + "at_least = 0\nat_most = 1\n").empty());
}

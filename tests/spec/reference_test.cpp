// docs/map-toml.md documents exactly the keys the spec reader accepts (spec_keys.hpp), table by table.
#include "spec/spec_keys.hpp"
#include "spec/spec_reader.hpp"
#include "test_support.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

using namespace citemap;

namespace {

// The first `code span` of a line, or "".
std::string first_code_span(const std::string& line) {
    const auto a = line.find('`');
    if (a == std::string::npos)
        return {};
    const auto b = line.find('`', a + 1);
    return b == std::string::npos ? std::string{} : line.substr(a + 1, b - a - 1);
}

// Table name (from a `##` heading) -> keys (first column of the rows under it).
std::map<std::string, std::set<std::string>> documented_keys() {
    std::istringstream in(test::read_file(test::source_root() / "docs" / "map-toml.md"));
    std::map<std::string, std::set<std::string>> out;
    std::string line, table;
    while (std::getline(in, line)) {
        if (line.rfind("## ", 0) == 0) {
            table = first_code_span(line);
            if (!table.empty())
                out[table];
        } else if (!table.empty() && line.rfind("| `", 0) == 0) {
            out[table].insert(first_code_span(line));
        }
    }
    return out;
}

} // namespace

TEST_CASE("docs/map-toml.md lists every key the reader accepts, and no other") {
    const auto docs = documented_keys();
    REQUIRE(docs.size() >= 9);
    for (const SpecTable& t : kSpecTables) {
        INFO("table " << t.name);
        const auto it = docs.find(std::string(t.name));
        REQUIRE_MESSAGE(it != docs.end(), "docs/map-toml.md has no `## ... `" << t.name << "`` section");
        for (std::string_view k : t.keys)
            CHECK_MESSAGE(it->second.count(std::string(k)) == 1,
                          "key '" << k << "' of " << t.name << " is accepted but not in docs/map-toml.md");
        for (const std::string& k : it->second)
            CHECK_MESSAGE(std::find(t.keys.begin(), t.keys.end(), std::string_view(k)) != t.keys.end(),
                          "docs/map-toml.md lists '" << k << "' in " << t.name << ", which the reader rejects");
    }
    for (const auto& table : docs) {
        const std::string& name = table.first; // named, not bound: clang 14 cannot capture a binding
        CHECK_MESSAGE(std::any_of(std::begin(kSpecTables), std::end(kSpecTables),
                                  [&](const SpecTable& t) { return t.name == name; }),
                      "docs/map-toml.md documents a table `" << name << "` the reader does not have");
    }
}

TEST_CASE("the reader's unknown-key error lists the keys of the registry") {
    // The registry is what the reader enforces: a stray key at the top level lists exactly its keys.
    Diagnostics d;
    (void)parse_spec("title = \"T\"\nqoute = 1\n", "/tmp/p", "map.toml", d);
    std::string expected;
    for (std::string_view k : kTopTable.keys)
        expected += (expected.empty() ? "" : ", ") + std::string(k);
    bool found = false;
    for (const auto& x : d.all())
        if (x.message.find("unknown key 'qoute'") != std::string::npos) {
            found = true;
            CHECK(x.hint == "allowed keys: " + expected);
            CHECK(x.where.line == 2);
        }
    CHECK(found);
}

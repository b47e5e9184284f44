// An invented project built in the test: many zones of very different sizes in a European CRS.
// Labels must still never collide, and every zone must get its label and markers somewhere.
#include "layout/layout.hpp"
#include "layout/scene_walk.hpp"
#include "test_support.hpp"

#include <cmath>
#include <sstream>

using namespace citemap;

namespace {

std::string square(double lon, double lat, double half) {
    std::ostringstream o;
    o.precision(8);
    o << "[[[" << lon - half << "," << lat - half * 0.64 << "],[" << lon + half << "," << lat - half * 0.64
      << "],[" << lon + half << "," << lat + half * 0.64 << "],[" << lon - half << "," << lat + half * 0.64
      << "],[" << lon - half << "," << lat - half * 0.64 << "]]]";
    return o.str();
}

std::filesystem::path make_project(const std::filesystem::path& dir, int n) {
    std::string text, zones = R"({"type":"FeatureCollection","features":[)", claims;
    for (int i = 0; i < n; ++i) {
        const double lon = 10.0 + (i % 6) * 0.09, lat = 50.0 + (i / 6) * 0.06;
        const double half = i % 4 == 0 ? 0.002 : 0.012 + 0.01 * (i % 3); // every fourth zone is tiny
        const std::string id = "z" + std::to_string(i);
        text += "District " + std::to_string(i) + " reported problem number " + std::to_string(i * 7) +
                " today.\n";
        zones += std::string(i ? "," : "") + R"({"type":"Feature","properties":{"id":")" + id +
                 R"(","name":"District )" + std::to_string(i) +
                 R"("},"geometry":{"type":"Polygon","coordinates":)" + square(lon, lat, half) + "}}";
        claims += "[[claim]]\nzone = \"" + id + "\"\nstatus = \"" +
                  (i % 3 == 0   ? "a"
                   : i % 3 == 1 ? "b"
                                : "c") +
                  "\"\nmodality = \"" + (i % 2 ? "reported" : "projection") +
                  "\"\nattributed_to = \"the text\"\n" +
                  "cite = [{ source = \"t\", quote = \"reported problem number " + std::to_string(i * 7) +
                  " today\" }]\n";
    }
    zones += "]}";
    test::write_file(dir / "text.txt", text);
    test::write_file(dir / "zones.geojson", zones);
    test::write_file(
        dir / "outline.geojson",
        R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Land"},"geometry":{"type":"Polygon","coordinates":)" +
            square(10.25, 50.12, 0.34) + "}}]}");
    test::write_file(dir / "map.toml",
                     "title = \"Many districts (invented test data)\"\ncrs = \"EPSG:3035\"\n"
                     "[[source]]\nid = \"t\"\nfile = \"text.txt\"\ntitle = \"Invented\"\n"
                     "[zones]\nfile = \"zones.geojson\"\n"
                     "[[layer]]\nfile = \"outline.geojson\"\nrole = \"outline\"\nname = \"Land\"\n"
                     "[status.a]\nlabel = \"A\"\n[status.b]\nlabel = \"B\"\n[status.c]\nlabel = \"C\"\n" +
                         claims);
    return dir;
}

} // namespace

TEST_CASE("thirty districts in EPSG:3035 all carry their numbers without a single overlap") {
    test::TempDir tmp("many");
    const Project p = test::load_clean(make_project(tmp.path / "many", 30));
    CHECK(p.geo.projection->authority() == "EPSG:3035");
    for (const char* page : {"a4-landscape", "a3-portrait", "170mm"}) {
        CAPTURE(page);
        const Scene s = layout_map(p, *parse_page(page), {});
        const auto texts = test::texts_of(s);
        for (std::size_t i = 0; i < texts.size(); ++i)
            for (std::size_t j = i + 1; j < texts.size(); ++j)
                if (texts[i].box.intersects(texts[j].box))
                    FAIL_CHECK("\"" << texts[i].text << "\" overlaps \"" << texts[j].text << "\"");
        // Every claim has its number on the map (in place, beside its zone or in a detail inset);
        // most districts carry their name too, the rest are named in the citation list.
        int named = 0, leaders = 0;
        for (const Zone& z : p.geo.zones) {
            CAPTURE(z.id);
            for (const Claim* c : p.claims_of(z.id))
                CHECK(test::find_on_map(s, "marker-" + z.id + "-" + std::to_string(c->number)) != nullptr);
            named += test::find_on_map(s, "label-" + z.id) != nullptr;
            leaders += test::find_on_map(s, "leader-" + z.id) != nullptr;
        }
        CHECK(named >= 22);
        MESSAGE(std::string(page) << ": " << named << " of 30 named, " << leaders << " leaders");
    }
}

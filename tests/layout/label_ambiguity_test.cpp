// A zone's name set outside the zone must read as that zone's: the rule on hand-made scenes, and dense
// grids of 20-60 squares whose names do not fit inside (the squares' gaps are narrower than a name).
#include "layout/layout.hpp"
#include "layout/layout_quality.hpp"
#include "layout/scene_walk.hpp"
#include "test_support.hpp"

#include <cmath>
#include <sstream>

using namespace citemap;

namespace {

constexpr double kMm = 72.0 / 25.4;

Item square_zone(const std::string& id, double x, double y, double side) {
    Item z;
    z.id = "zone-" + id;
    z.parts.emplace_back(Shape{{box_ring({x, y, x + side, y + side})}, true, std::nullopt, Stroke{}});
    return z;
}

Item label_at(const std::string& zone, double x, double y) {
    Item l;
    l.id = "label-" + zone;
    l.title = zone;
    Text t;
    t.text = zone;
    t.box = {x, y, x + 7 * kMm, y + 3 * kMm};
    l.parts.emplace_back(t);
    return l;
}

// Two squares 40 mm wide, 10 mm apart; a label of the left one at (x, y).
Scene two_zones(double x, double y, bool leader) {
    Scene s;
    s.width = s.height = 400 * kMm;
    Layer& zl = s.layer("zones", "Zones");
    zl.items.push_back(square_zone("a", 10 * kMm, 10 * kMm, 40 * kMm));
    zl.items.push_back(square_zone("b", 60 * kMm, 10 * kMm, 40 * kMm));
    s.layer("labels", "Labels").items.push_back(label_at("a", x, y));
    if (leader) {
        Item li;
        li.id = "leader-a";
        s.layer("leaders", "Leaders").items.push_back(li);
    }
    return s;
}

// n squares on a grid over a wide area (as bench/scaling.py makes them), every fifth one smaller,
// one claim each; `stretch` widens the cells, so names fit in some grids and not in others.
std::filesystem::path grid_project(const std::filesystem::path& dir, int n, double stretch) {
    const int cols = static_cast<int>(std::ceil(std::sqrt(n * 1.5 * stretch)));
    const int rows = (n + cols - 1) / cols;
    const double dx = 0.8 / cols, dy = 0.36 / rows;
    std::string zones = R"({"type":"FeatureCollection","features":[)", text, claims;
    const char* statuses[] = {"held", "contested", "planned"};
    for (int i = 0; i < n; ++i) {
        const double x0 = 10.0 + (i % cols) * dx, y0 = 50.0 + static_cast<double>(i / cols) * dy;
        const double s = i % 5 ? 0.38 : 0.22;
        std::ostringstream ring;
        ring.precision(9);
        ring << "[[[" << x0 + dx * (0.5 - s) << "," << y0 + dy * (0.5 - s) << "],[" << x0 + dx * (0.5 + s) << ","
             << y0 + dy * (0.5 - s) << "],[" << x0 + dx * (0.5 + s) << "," << y0 + dy * (0.5 + s) << "],["
             << x0 + dx * (0.5 - s) << "," << y0 + dy * (0.5 + s) << "],[" << x0 + dx * (0.5 - s) << ","
             << y0 + dy * (0.5 - s) << "]]]";
        const std::string k = std::to_string(i);
        zones += std::string(i ? "," : "") + R"({"type":"Feature","properties":{"id":"z)" + k +
                 R"(","name":"District )" + k + R"("},"geometry":{"type":"Polygon","coordinates":)" + ring.str() + "}}";
        text += "District " + k + " was reported in state number " + std::to_string(i * 7 + 3) + " that day.\n\n";
        claims += "[[claim]]\nzone = \"z" + k + "\"\nstatus = \"" + statuses[i % 3] +
                  "\"\nmodality = \"reported\"\nattributed_to = \"the text\"\n"
                  "cite = [{ source = \"t\", quote = \"state number " + std::to_string(i * 7 + 3) + " that day\" }]\n";
    }
    test::write_file(dir / "zones.geojson", zones + "]}");
    test::write_file(dir / "text.txt", text);
    test::write_file(dir / "map.toml",
                     "title = \"Generated districts\"\ncrs = \"EPSG:3035\"\n"
                     "[[source]]\nid = \"t\"\nfile = \"text.txt\"\ntitle = \"Generated text\"\npublished = \"2025-11-12\"\n"
                     "[zones]\nfile = \"zones.geojson\"\n"
                     "[status.held]\nlabel = \"Held\"\n[status.contested]\nlabel = \"Contested\"\n"
                     "[status.planned]\nlabel = \"Planned\"\n" + claims);
    return dir;
}

} // namespace

TEST_CASE("a name outside its zone must be clearly nearer its own zone than any other, or led to it") {
    auto problems = [](const Scene& s) {
        std::vector<std::string> out;
        check_label_ambiguity(s, out);
        return out;
    };
    // Just left of its zone, with nothing else near: it reads as its zone's, but the zone is many times
    // its size, so its name belongs on it, or joined to it by a leader (kOffZoneNameArea): set off it,
    // it reads as the ground it is printed on (Gaza's western strip named half over the sea).
    const auto off = problems(two_zones(0, 30 * kMm, false));
    REQUIRE(off.size() == 1);
    CHECK(off[0].find("off its zone") != std::string::npos);
    CHECK(problems(two_zones(0, 30 * kMm, true)).empty());
    // On it: fine.
    CHECK(problems(two_zones(20 * kMm, 30 * kMm, false)).empty());
    // In the 10 mm gap, 1 mm from its zone and 2 mm from the other (the label is 7 mm wide).
    const double x = 51 * kMm;
    const auto gap = problems(two_zones(x, 30 * kMm, false));
    REQUIRE(gap.size() == 1);
    CHECK(gap[0].find("zone a") != std::string::npos);
    CHECK(gap[0].find("zone b") != std::string::npos);
    // The same spot joined to its zone by a leader reads as its zone's.
    CHECK(problems(two_zones(x, 30 * kMm, true)).empty());
    // Over the other zone: the worst case.
    CHECK(problems(two_zones(70 * kMm, 30 * kMm, false)).size() == 1);
    // Under both squares' gap but nearer its own: 1 mm below its zone and 11 mm across to the other; not
    // ambiguous, only off its zone (as above).
    const auto below = problems(two_zones(20 * kMm, 51 * kMm, false));
    REQUIRE(below.size() == 1);
    CHECK(below[0].find("off its zone") != std::string::npos);
}

TEST_CASE("dense grids of 20 to 60 squares: no name sits where it reads as a neighbour's") {
    test::TempDir tmp("grids");
    int numbered_only = 0, named = 0;
    for (int n : {20, 29, 37, 46, 60})
        for (double stretch : {1.0, 0.6}) {
            const std::string name = "grid-" + std::to_string(n) + "-" + std::to_string(stretch);
            CAPTURE(name);
            const Project p = test::load_clean(grid_project(tmp.path / name, n, stretch));
            for (const char* page : {"a4-landscape", "a4-portrait"}) {
                CAPTURE(page);
                const auto sheets = layout_sheets(p, *parse_page(page), {});
                const QualityReport q = check_layout_quality(sheets.front(), p, QualityLimits::full());
                CHECK_MESSAGE(q.ok(), q.summary(6));
                // Every district carries its number on the map (the check); its name there or in the citation list.
                for (const Zone& z : p.geo.zones) {
                    const bool has_name = test::find_on_map(sheets.front(), "label-" + z.id) != nullptr;
                    (has_name ? named : numbered_only) += 1;
                }
            }
        }
    MESSAGE(named << " names on the map, " << numbered_only << " districts by number alone");
    // Names go where they fit; the grids are built so that many do not.
    CHECK(named > 0);
    CHECK(numbered_only > 0);
}

TEST_CASE("a dense page of a hundred zones or more names all of them or none: numbers and the key, the same for every zone") {
    // bench/scaling.py's 120 districts on A4 landscape: "District 1" to "District 9" fit in their squares,
    // "District 10" on did not, so the bottom row's nine districts carried names and the other 111 numbers
    // only, as if the named ones were another kind of zone.
    test::TempDir tmp("uniform");
    for (int n : {100, 120}) {
        const Project p = test::load_clean(grid_project(tmp.path / std::to_string(n), n, 1.0));
        CAPTURE(n);
        const Scene s = layout_map(p, *parse_page("a4-landscape"), {});
        int named = 0, numbered = 0;
        for (const Zone& z : p.geo.zones) {
            numbered += test::find_on_map(s, "marker-" + z.id + "-" + std::to_string(p.claims_of(z.id).front()->number)) != nullptr;
            named += test::find_on_map(s, "label-" + z.id) != nullptr;
        }
        CHECK(numbered == n);
        CHECK((named == 0 || named == n));
        MESSAGE(n << " zones: " << named << " named");
    }
}

TEST_CASE("a group of islands is named over the water between them, never over another zone") {
    auto problems = [](double x, double y) {
        Scene s;
        s.width = s.height = 400 * kMm;
        Layer& zl = s.layer("zones", "Zones");
        // One zone of two islands 30 mm wide, 12 mm of sea apart, and a rock of another zone in the gap.
        Item isles = square_zone("isles", 10 * kMm, 10 * kMm, 30 * kMm);
        std::get<Shape>(isles.parts.front()).rings.push_back(box_ring({52 * kMm, 10 * kMm, 82 * kMm, 40 * kMm}));
        zl.items.push_back(std::move(isles));
        zl.items.push_back(square_zone("rock", 44 * kMm, 17 * kMm, 4 * kMm));
        s.layer("labels", "Labels").items.push_back(label_at("isles", x, y));
        std::vector<std::string> out;
        check_label_ambiguity(s, out);
        return out;
    };
    // Between the islands, 2 mm under the rock: the group's name (it was refused as off its zone and
    // as the rock's).
    CHECK(problems(42.5 * kMm, 23 * kMm).empty());
    // Over the rock: the rock's.
    CHECK(problems(42.5 * kMm, 16 * kMm).size() == 1);
    // Below the group, outside its hull: off its zone, as for a zone of one part.
    const auto below = problems(42.5 * kMm, 45 * kMm);
    REQUIRE(below.size() == 1);
    CHECK(below[0].find("off its zone") != std::string::npos);
}

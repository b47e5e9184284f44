// Clusters of small zones (city wards) on a country-sized map: every ward's claim is numbered in a
// detail inset, its badge in or beside its own ward, and the page passes the layout-quality check.
// Sixty wards in two cities 8 mm across were refused on every page up to 1000 by 700 mm, with advice
// (a larger page, the other panel, fewer claims) none of which worked (audit-8-s9 defect 1).
#include "layout/invented_project.hpp"
#include "layout/layout.hpp"
#include "layout/layout_quality.hpp"
#include "layout/scene_walk.hpp"
#include "render/svg_writer.hpp"
#include "test_support.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

using namespace citemap;

namespace {

constexpr double kMm = 72.0 / 25.4;

// A land 320 by 220 km split into four regions, with `cities` clusters of `wards` wards each: squares
// of 0.5 to 1.5 km (seeded) on a 2.2 km grid, each ward `part_of` its region unless `nested` is false.
// One claim per ward and per region.
std::filesystem::path clustered_wards(const std::filesystem::path& dir, int cities, int wards, bool nested,
                                      std::uint32_t seed) {
    const test::invented::Geo g{35, -5};
    using test::invented::feature;
    std::uint32_t state = seed * 2654435761u + 11;
    auto rnd = [&]() {
        state = state * 1664525u + 1013904223u;
        return (state >> 8) / double(1u << 24);
    };
    static const char* regions[][2] = {{"nw", "North-western plains"}, {"ne", "North-eastern highlands"},
                                       {"sw", "South-western delta"}, {"se", "South-eastern forest"}};
    static const double region_at[][2] = {{-80, 60}, {80, 60}, {-80, -60}, {80, -60}};
    static const double city_at[][2] = {{-60, 30}, {70, -40}, {-25, -70}};
    static const char* city_region[] = {"nw", "se", "sw"};
    static const char* syllables[] = {"ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ba", "de", "fu", "go"};
    static const char* statuses[] = {"lock", "riot", "calm", "army"};
    std::string zones = R"({"type":"FeatureCollection","features":[)", text, claims;
    int n = 0;
    auto claim = [&](const std::string& id, const std::string& name) {
        ++n;
        const std::string said = "Report " + std::to_string(n) + " says " + name + " is " + statuses[n % 4];
        text += said + ".\n\n";
        claims += "[[claim]]\nzone = \"" + id + "\"\nstatus = \"" + statuses[n % 4] +
                  "\"\nmodality = \"reported\"\nattributed_to = \"the report\"\ncite = [{ source = \"t\", quote = \"" + said +
                  "\" }]\n\n";
    };
    for (int r = 0; r < 4; ++r) {
        zones += std::string(r ? "," : "") +
                 feature(std::string(R"({"id":")") + regions[r][0] + R"(","name":")" + regions[r][1] + R"("})", "Polygon",
                         "[" + g.box(region_at[r][0], region_at[r][1], 160, 120) + "]");
        claim(regions[r][0], regions[r][1]);
    }
    const int cols = static_cast<int>(std::ceil(std::sqrt(wards * 1.2)));
    for (int c = 0; c < cities; ++c)
        for (int k = 0; k < wards; ++k) {
            const double x = city_at[c][0] + (k % cols - (cols - 1) / 2.0) * 2.2 + (rnd() - 0.5) * 0.6;
            const double y = city_at[c][1] + (k / cols) * 2.2 + (rnd() - 0.5) * 0.6;
            const double s = 0.5 + rnd();
            const std::string id = "c" + std::to_string(c) + "w" + std::to_string(k);
            std::string name = syllables[(k + 5 * c) % 12];
            name += syllables[(k / 12 + 7 * c + k) % 12];
            name[0] = static_cast<char>(name[0] - 'a' + 'A');
            name += " " + std::to_string(k + 1);
            zones += "," + feature(R"({"id":")" + id + R"(","name":")" + name + "\"" +
                                       (nested ? std::string(R"(,"part_of":")") + city_region[c] + "\"" : std::string()) + "}",
                                   "Polygon", "[" + g.box(x, y, s, s) + "]");
            claim(id, name);
        }
    test::write_file(dir / "zones.geojson", zones + "]}");
    test::write_file(dir / "land.geojson", R"({"type":"FeatureCollection","features":[)" +
                                               feature(R"({"name":"Tamberu"})", "Polygon",
                                                       "[" + g.ring(test::invented::ellipse(0, 0, 160, 110, 48)) + "]") +
                                               "]}");
    test::write_file(dir / "sea.geojson", R"({"type":"FeatureCollection","features":[)" +
                                              feature(R"({"name":"Sea"})", "Polygon", "[" + g.box(0, 0, 440, 320) + "]") + "]}");
    test::write_file(dir / "t.txt", text);
    test::write_file(dir / "map.toml", "title = \"Unrest in the cities (generated)\"\n"
                                       "[[source]]\nid = \"t\"\nfile = \"t.txt\"\ntitle = \"Generated text\"\n"
                                       "[zones]\nfile = \"zones.geojson\"\n"
                                       "[[layer]]\nfile = \"sea.geojson\"\nrole = \"sea\"\nname = \"Sea\"\n"
                                       "[[layer]]\nfile = \"land.geojson\"\nrole = \"outline\"\nname = \"Tamberu\"\n"
                                       "[status.lock]\nlabel = \"Under lockdown\"\n[status.riot]\nlabel = \"Unrest reported\"\n"
                                       "[status.calm]\nlabel = \"Calm\"\n[status.army]\nlabel = \"Army deployed\"\n\n" +
                                           claims);
    return dir;
}

// How far a badge lies outside a box (0 or less: it touches or lies inside).
double gap_to(const Box& b, const Circle& c) {
    const double dx = std::max({0.0, b.minx - c.centre.x, c.centre.x - b.maxx});
    const double dy = std::max({0.0, b.miny - c.centre.y, c.centre.y - b.maxy});
    return std::hypot(dx, dy) - c.radius;
}

// The prefix of a detail inset's item id ("detail-2-"), or "" on the main map.
std::string prefix_of(const std::string& id) {
    if (id.rfind("detail-", 0) != 0)
        return "";
    return id.substr(0, id.find('-', 7) + 1);
}

} // namespace

TEST_CASE("clustered small zones: every ward numbered in an inset, in or beside its own ward") {
    test::TempDir tmp("wards");
    struct Case {
        int cities, wards;
        bool nested;
        const char* page;
    };
    // One to three cities of 5 to 30 wards, with and without part_of, on A4 both ways and a figure.
    const Case cases[] = {{2, 30, true, "a4-landscape"}, {2, 30, false, "a4-portrait"}, {1, 12, false, "a4-landscape"},
                          {2, 15, true, "a4-portrait"},  {3, 8, true, "a4-landscape"},  {3, 10, false, "a4-portrait"},
                          {2, 5, true, "170mm"},         {1, 20, true, "170mm"}};
    int made = 0, beside = 0, inside = 0, named = 0, led_to = 0;
    for (std::size_t ci = 0; ci < std::size(cases); ++ci) {
        const Case& c = cases[ci];
        CAPTURE(c.cities);
        CAPTURE(c.wards);
        CAPTURE(c.nested);
        CAPTURE(std::string(c.page));
        const Project p = test::load_clean(clustered_wards(tmp.path / ("c" + std::to_string(ci)), c.cities, c.wards,
                                                           c.nested, static_cast<std::uint32_t>(ci + 1)));
        // The page is laid out (the old code threw "no layout of page … passes" on most of them).
        std::vector<Scene> sheets;
        REQUIRE_NOTHROW(sheets = layout_sheets(p, *parse_page(c.page), {}));
        const Scene& s = sheets.front();
        const QualityReport q = check_layout_quality(s, p, QualityLimits::hard());
        CHECK_MESSAGE(q.ok(), q.summary());
        const std::string svg = render_svg(s);
        // Every ward's badge: in the SVG, and within 3 mm of its own ward as drawn beside it (in the
        // same inset, or on the main map); no two badges of one map overlap, and a badge covers no
        // other ward's square by more than a sliver.
        std::vector<std::pair<std::string, Circle>> badges;
        for (const Claim& cl : p.claims) {
            const std::string& target = cl.spec->zone;
            const std::string marker = "marker-" + target + "-" + std::to_string(cl.number);
            const Item* m = test::find_on_map(s, marker);
            REQUIRE_MESSAGE(m, marker << " is not on the map");
            CHECK_MESSAGE(svg.find("id=\"" + m->id + "\"") != std::string::npos, m->id << " is not in the SVG");
            if (target.size() < 3 || target[0] != 'c')
                continue; // a region
            const std::string pre = prefix_of(m->id);
            made += !pre.empty();
            const Item* ward = test::find_item(s, pre + "zone-" + target);
            REQUIRE_MESSAGE(ward, pre << "zone-" << target << " is not drawn beside its badge");
            const auto* circle = std::get_if<Circle>(&m->parts.at(0));
            REQUIRE(circle);
            const Box wb = bounds_of(*ward);
            const double gap = gap_to(wb, *circle);
            // Or set under the ward's name, which is beside the ward or points to it.
            const Item* name = test::find_item(s, pre + "label-" + target);
            const bool under_name = name && gap_to(bounds_of(*name), *circle) <= 1.5 * kMm &&
                                    gap_to(wb, Circle{{(bounds_of(*name).minx + bounds_of(*name).maxx) / 2,
                                                       (bounds_of(*name).miny + bounds_of(*name).maxy) / 2},
                                                      0, {}, {}}) <= 12 * kMm;
            // Or at the end of a leader that runs to the ward.
            const Item* leader = test::find_item(s, pre + "leader-" + target);
            const bool led = leader && gap_to(bounds_of(*leader), *circle) <= 1.5 * kMm &&
                             bounds_of(*leader).inflated(1 * kMm).intersects(wb);
            // Set freely, the badge is nearer its own ward than any other ward of its map: a reader
            // takes a number for the nearest square's.
            bool nearest = true;
            for (const Layer& l : s.layers)
                for (const Item& z : l.items)
                    if (z.id.rfind(pre + "zone-c", 0) == 0 && z.id != ward->id && gap_to(bounds_of(z), *circle) < gap)
                        nearest = false;
            const bool beside_own = (gap <= 4 * kMm && nearest) || under_name || led;
            CHECK_MESSAGE(beside_own,
                          m->id << " is " << gap / kMm << " mm from its ward" << (nearest ? "" : ", nearer another"));
            (gap > 0 ? beside : inside) += 1;
            named += under_name && !(gap <= 4 * kMm && nearest);
            led_to += led && !under_name && !(gap <= 4 * kMm && nearest);
            badges.emplace_back(m->id, *circle);
        }
        for (std::size_t i = 0; i < badges.size(); ++i)
            for (std::size_t j = i + 1; j < badges.size(); ++j) {
                const Circle &a = badges[i].second, &b = badges[j].second;
                if (prefix_of(badges[i].first) == prefix_of(badges[j].first))
                    CHECK_MESSAGE(std::hypot(a.centre.x - b.centre.x, a.centre.y - b.centre.y) >= a.radius + b.radius,
                                  badges[i].first << " overlaps " << badges[j].first);
            }
        for (const auto& badge : badges) {
            const std::string& id = badge.first;
            const Circle& circle = badge.second;
            const std::string pre = prefix_of(id);
            const std::string own = id.substr(pre.size() + 7, id.rfind('-') - pre.size() - 7);
            for (const Layer& l : s.layers)
                for (const Item& z : l.items) {
                    if (z.id.rfind(pre + "zone-c", 0) != 0 || z.id == pre + "zone-" + own)
                        continue;
                    const Box zb = bounds_of(z);
                    const double w = std::min(zb.maxx, circle.centre.x + circle.radius) - std::max(zb.minx, circle.centre.x - circle.radius);
                    const double h = std::min(zb.maxy, circle.centre.y + circle.radius) - std::max(zb.miny, circle.centre.y - circle.radius);
                    CHECK_MESSAGE(!(w > 0.6 * kMm && h > 0.6 * kMm), id << " lies on " << z.id);
                }
        }
    }
    MESSAGE(made << " ward badges in insets, " << inside << " inside their ward, " << beside << " beside it ("
                 << named << " of them under the ward's name, " << led_to << " on a leader)");
    CHECK(made >= 150); // the wards are magnified, not numbered on the 8 mm city
}

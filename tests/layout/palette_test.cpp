// Statuses stay distinguishable for readers with colour-vision deficiencies.
#include "layout/color_vision.hpp"
#include "layout/layout_context.hpp"
#include "layout/theme.hpp"
#include "test_support.hpp"

#include <cmath>
#include <set>

using namespace citemap;

TEST_CASE("simulation keeps greys grey and maps red and green together for deuteranopes") {
    const Color grey{0.5, 0.5, 0.5, 1};
    CHECK(delta_e(simulate(grey, Deficiency::deuteranopia), grey) < 2);
    const Color red = Color::hex("#cc0000"), green = Color::hex("#4c8c00");
    CHECK(delta_e(red, green) > 60);
    CHECK(delta_e(simulate(red, Deficiency::deuteranopia), simulate(green, Deficiency::deuteranopia)) < 25);
}

TEST_CASE("every pair of default status colours differs under every simulated deficiency") {
    std::vector<Color> colors;
    for (const char* h : default_status_palette())
        colors.push_back(Color::hex(h));
    for (Deficiency d :
         {Deficiency::none, Deficiency::protanopia, Deficiency::deuteranopia, Deficiency::tritanopia}) {
        CAPTURE(static_cast<int>(d));
        CHECK(min_difference(colors, d) > 15);
    }
}

TEST_CASE("the bundled projects' statuses differ clearly under every simulated deficiency") {
    for (const auto& entry : std::filesystem::directory_iterator(test::source_root() / "geodata")) {
        if (!std::filesystem::exists(entry.path() / "map.toml"))
            continue;
        const Project p = test::load_clean(entry.path());
        std::vector<Color> colors;
        for (const StatusSpec& s : p.spec.statuses)
            colors.push_back(Color::hex(s.color));
        for (Deficiency d :
             {Deficiency::none, Deficiency::protanopia, Deficiency::deuteranopia, Deficiency::tritanopia}) {
            CAPTURE(entry.path().filename().string());
            CHECK(min_difference(colors, d) > 15);
        }
    }
}

TEST_CASE("the print theme turns statuses into distinct greys with distinct patterns") {
    const Project p = test::load_clean(test::gaza());
    const Theme print = make_theme("print");
    std::vector<Color> greys;
    for (const StatusSpec& s : p.spec.statuses) {
        const Color c = status_color(print, p.spec, s);
        CHECK(c.r == doctest::Approx(c.g));
        CHECK(c.g == doctest::Approx(c.b));
        greys.push_back(c);
    }
    CHECK(min_difference(greys, Deficiency::none) > 10);
    const ZoneStyle a = zone_style(print, p.spec, p.spec.statuses[0], Modality::reported, 1);
    const ZoneStyle b = zone_style(print, p.spec, p.spec.statuses[1], Modality::reported, 1);
    CHECK(a.fill.pattern.hatch != b.fill.pattern.hatch);
}

TEST_CASE("the print theme gives every status its own pattern, as a fill and as a band") {
    // The probe's print map showed four statuses that only had bands with one grey cross-hatch swatch.
    MapSpec spec;
    for (std::size_t i = 0; i < print_pattern_count(); ++i) {
        StatusSpec s;
        s.key = "s" + std::to_string(i);
        s.label = "Status " + std::to_string(i);
        s.color = default_status_palette()[i % default_status_palette().size()];
        spec.statuses.push_back(s);
    }
    const Theme print = make_theme("print");
    auto shape = [](const Pattern& p) { return std::pair{static_cast<int>(p.hatch), std::lround(p.spacing * 10)}; };
    std::set<std::pair<int, long>> fills, bands;
    // Modality and conflicts keep their own hatches: no status may look like a plan, projection or denial.
    const std::set<int> reserved = {static_cast<int>(Hatch::diagonal), static_cast<int>(Hatch::dots),
                                    static_cast<int>(Hatch::cross)};
    for (const StatusSpec& s : spec.statuses) {
        CAPTURE(s.label);
        const Pattern fill = zone_style(print, spec, s, Modality::reported, 1).fill.pattern;
        const Pattern band = overlay_pattern(print, spec, s, Modality::reported, 1);
        CHECK(fills.insert(shape(fill)).second);
        CHECK(bands.insert(shape(band)).second);
        CHECK(band.hatch != Hatch::none); // a band is drawn by its pattern
        CHECK(!reserved.count(static_cast<int>(fill.hatch)));
        CHECK(!reserved.count(static_cast<int>(band.hatch)));
    }
    CHECK(print_pattern_count() >= 8);
}

TEST_CASE("dates print in one form: day month year, month year, or the year") {
    CHECK(format_date("2024-03-03") == "3 Mar 2024");
    CHECK(format_date("2024-05") == "May 2024");
    CHECK(format_date("2024") == "2024");
}

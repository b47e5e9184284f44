// Statuses stay distinguishable for readers with colour-vision deficiencies.
#include "layout/color_vision.hpp"
#include "layout/layout.hpp"
#include "layout/layout_context.hpp"
#include "layout/theme.hpp"
#include "render/cairo_handle.hpp"
#include "render/cairo_renderer.hpp"
#include "test_support.hpp"

#include <cmath>
#include <map>
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
                                    static_cast<int>(Hatch::cross), static_cast<int>(Hatch::xmarks)};
    for (const StatusSpec& s : spec.statuses) {
        CAPTURE(s.label);
        const Pattern fill = zone_style(print, spec, s, Modality::reported, 1).fill.pattern;
        const Pattern band = band_fill(print, spec, s, Modality::reported, 1).pattern;
        CHECK(fills.insert(shape(fill)).second);
        CHECK(bands.insert(shape(band)).second);
        CHECK(band.hatch != Hatch::none); // a band is drawn by its pattern
        CHECK(!reserved.count(static_cast<int>(fill.hatch)));
        CHECK(!reserved.count(static_cast<int>(band.hatch)));
    }
    // A page holds at most as many statuses as there are badge looks: none of them shares a pattern.
    CHECK(print_pattern_count() >= badge_look_count());
    // The first six statuses get six pattern families, not one hatch at two spacings told apart by
    // tone (c-deltaport's "Flooded" and "Dry" were both horizontal lines, audit s12 D10).
    std::set<int> families;
    for (std::size_t i = 0; i < 6; ++i)
        families.insert(static_cast<int>(zone_style(print, spec, spec.statuses[i], Modality::reported, 1).fill.pattern.hatch));
    CHECK(families.size() == 6);
}

TEST_CASE("an edge band's look says its modality: no look is shared by two modalities or with conflicts") {
    // A reported claim's band and a denial's were one cross-hatch, told apart only by colour; the
    // conflicts' hatch was a cross-hatch too (audit-8-s9 defect 2).
    MapSpec spec;
    for (std::size_t i = 0; i < print_pattern_count(); ++i) {
        StatusSpec s;
        s.key = "s" + std::to_string(i);
        s.color = default_status_palette()[i % default_status_palette().size()];
        spec.statuses.push_back(s);
    }
    for (const char* name : {"default", "print"}) {
        const Theme theme = make_theme(name);
        std::map<std::pair<int, bool>, std::set<int>> modalities_of; // (hatch, solid) -> modalities
        modalities_of[{static_cast<int>(Hatch::cross), false}].insert(-1); // conflicts (map_layers.cpp)
        for (const StatusSpec& s : spec.statuses)
            for (Modality m : {Modality::reported, Modality::plan, Modality::projection, Modality::denial}) {
                const Fill f = band_fill(theme, spec, s, m, 1);
                const bool solid = f.pattern.hatch == Hatch::none;
                CHECK((solid ? f.color.has_value() && f.color->a == 1 : true)); // a band is always seen
                modalities_of[{static_cast<int>(f.pattern.hatch), solid}].insert(static_cast<int>(m));
            }
        for (const auto& entry : modalities_of) { // no structured binding: clang 14 cannot capture one
            CAPTURE(std::string(name));
            CAPTURE(entry.first.first);
            CHECK(entry.second.size() == 1);
        }
    }
}

TEST_CASE("palette colours keep their legend order unless statuses seen side by side come out too close") {
    const std::vector<std::string> none(6);
    const auto& palette = default_status_palette();
    // No pair shown together, or only pairs far apart: the legend order.
    for (const auto& related : {std::vector<std::pair<std::size_t, std::size_t>>{},
                                std::vector<std::pair<std::size_t, std::size_t>>{{0, 1}, {2, 3}}}) {
        const auto colors = assign_status_colors(none, related, Color::hex("#fdfcf8"), 0.55);
        for (std::size_t i = 0; i < 6; ++i)
            CHECK(colors[i] == palette[i]);
    }
    // The second status (blue) with a band of the sixth (sky blue): they are 14 ΔE apart as tints, so
    // the colours move, as few as can, and every pair shown together ends at least 30 apart.
    const std::vector<std::pair<std::size_t, std::size_t>> related{{1, 5}, {0, 1}, {1, 2}};
    const auto colors = assign_status_colors(none, related, Color::hex("#fdfcf8"), 0.55);
    CHECK(std::set<std::string>(colors.begin(), colors.end()).size() == 6);
    for (const auto& [a, b] : related)
        CHECK(tint_difference(Color::hex(colors[a]), Color::hex(colors[b]), Color::hex("#fdfcf8"), 0.55).normal >= 30);
    int moved = 0;
    for (std::size_t i = 0; i < 6; ++i)
        moved += colors[i] != palette[i];
    CHECK(moved == 2);
    // A status with its own colour keeps it.
    std::vector<std::string> own(6);
    own[1] = "#0072b2";
    CHECK(assign_status_colors(own, related, Color::hex("#fdfcf8"), 0.55)[1] == "#0072b2");
}

TEST_CASE("in print, claim markers of different statuses look different; in colour they keep their status's colour") {
    // Print mixed every status's grey with black for the badges: all near-black, told apart only by
    // number. Brenna's print output, drawn: each marker is read from the pixels as the lightness
    // of its inside (under the number) and how much of its edge is dark; markers of one status look
    // alike and markers of different statuses differ.
    const Project p = test::load_clean(test::source_root() / "geodata" / "example-brenna");
    LayoutOptions o;
    o.theme = "print";
    const Scene s = layout_map(p, *parse_page("a4-landscape"), o);
    const double scale = 200 / 72.0;
    const int w = static_cast<int>(s.width * scale), h = static_cast<int>(s.height * scale);
    CairoSurface surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h));
    CairoContext cr(cairo_create(surface.get()));
    cairo_set_source_rgb(cr.get(), 1, 1, 1);
    cairo_paint(cr.get());
    cairo_scale(cr.get(), scale, scale);
    draw_scene(cr.get(), s);
    cairo_surface_flush(surface.get());
    const unsigned char* data = cairo_image_surface_get_data(surface.get());
    const int stride = cairo_image_surface_get_stride(surface.get());
    auto grey = [&](Point pt) { // green channel of BGRA, 0..1
        const int x = std::clamp(static_cast<int>(pt.x * scale), 0, w - 1), y = std::clamp(static_cast<int>(pt.y * scale), 0, h - 1);
        return data[y * stride + 4 * x + 1] / 255.0;
    };
    // Inside: dark (< 0.35), grey, or light (> 0.85). Edge: the share of 48 points on the circle that is dark.
    std::map<std::string, std::set<std::pair<int, int>>> looks; // status -> looks seen
    for (const Layer& l : s.layers) {
        if (l.id != "markers")
            continue;
        for (const Item& it : l.items)
            for (const Primitive& prim : it.parts)
                if (const auto* c = std::get_if<Circle>(&prim)) {
                    const Claim& claim = p.claims.at(static_cast<std::size_t>(std::stoi(it.data.at("citation")) - 1));
                    REQUIRE(claim.status);
                    const double inside = grey({c->centre.x, c->centre.y + 0.72 * c->radius});
                    int dark = 0;
                    for (int k = 0; k < 48; ++k)
                        dark += grey({c->centre.x + c->radius * std::cos(k * M_PI / 24),
                                      c->centre.y + c->radius * std::sin(k * M_PI / 24)}) < 0.5;
                    looks[claim.status->key].insert({inside < 0.35 ? 0 : inside > 0.85 ? 2 : 1,
                                                     dark < 6 ? 0 : dark > 42 ? 2 : 1});
                }
    }
    REQUIRE(looks.size() >= 4); // Brenna's map shows claims of four statuses
    std::set<std::pair<int, int>> all;
    for (const auto& entry : looks) { // no structured binding: clang 14 cannot capture one
        CAPTURE(entry.first);
        CHECK(entry.second.size() == 1);
        CHECK(all.insert(*entry.second.begin()).second);
    }
    // The colour theme is unchanged: a badge is its status's colour, darkened, with a white rim.
    const Scene colour = layout_map(p, *parse_page("a4-landscape"), {});
    int markers = 0;
    for (const Layer& l : colour.layers)
        if (l.id == "markers")
            for (const Item& it : l.items)
                for (const Primitive& prim : it.parts)
                    if (const auto* c = std::get_if<Circle>(&prim)) {
                        const Claim& claim = p.claims.at(static_cast<std::size_t>(std::stoi(it.data.at("citation")) - 1));
                        const Color want = Color::hex(claim.status->color).mix({0, 0, 0, 1}, 0.45);
                        CHECK(c->fill->color->r == doctest::Approx(want.r));
                        CHECK(c->fill->color->b == doctest::Approx(want.b));
                        CHECK(c->stroke->color.r == 1.0);
                        ++markers;
                    }
    CHECK(markers >= 8);
}

TEST_CASE("dates print in one form: day month year, month year, or the year") {
    CHECK(format_date("2024-03-03") == "3 Mar 2024");
    CHECK(format_date("2024-05") == "May 2024");
    CHECK(format_date("2024") == "2024");
}

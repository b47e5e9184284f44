// Nothing overlaps: every text box on every page size, for the Gaza map and the invented projects.
#include "layout/layout.hpp"
#include "layout/scene_walk.hpp"
#include "test_support.hpp"

using namespace citemap;

namespace {

void check_no_collisions(const Scene& scene, const std::string& what) {
    const auto texts = test::texts_of(scene);
    REQUIRE(texts.size() > 20);
    const Box page{0, 0, scene.width, scene.height};
    for (std::size_t i = 0; i < texts.size(); ++i) {
        CAPTURE(what);
        CAPTURE(texts[i].text);
        CHECK(page.contains(texts[i].box));
        // Panels and the graticule's degree labels live outside the map frame by design.
        if (texts[i].layer != "citations" && texts[i].layer != "panel" && texts[i].layer != "graticule")
            CHECK(scene.georef.frame.contains(texts[i].box));
        for (std::size_t j = i + 1; j < texts.size(); ++j) {
            if (!test::overlap(texts[i], texts[j]))
                continue;
            FAIL_CHECK("\"" << texts[i].text << "\" (" << texts[i].item << ") overlaps \"" << texts[j].text
                            << "\" (" << texts[j].item << ")");
        }
    }
}

// Point symbols (locality dots, footnote markers) must not sit under text or on each other either.
void check_symbols_clear(const Scene& scene, const std::string& what) {
    std::vector<std::pair<std::string, Box>> symbols;
    for (const Layer& l : scene.layers)
        if (l.id.find("markers") != std::string::npos || l.id.find("localities") != std::string::npos)
            for (const Item& i : l.items)
                for (const Primitive& p : i.parts)
                    if (const auto* c = std::get_if<Circle>(&p))
                        symbols.emplace_back(i.id, Box{c->centre.x - c->radius, c->centre.y - c->radius,
                                                       c->centre.x + c->radius, c->centre.y + c->radius});
    REQUIRE(symbols.size() > 5);
    const auto texts = test::texts_of(scene);
    for (std::size_t i = 0; i < symbols.size(); ++i) {
        CAPTURE(what);
        for (std::size_t j = i + 1; j < symbols.size(); ++j)
            if (symbols[i].second.intersects(symbols[j].second))
                FAIL_CHECK(symbols[i].first << " overlaps " << symbols[j].first);
        for (const auto& t : texts)
            if (t.item != symbols[i].first && test::covers(t, symbols[i].second))
                FAIL_CHECK(symbols[i].first << " lies under \"" << t.text << "\"");
    }
}

void check_every_zone_labelled(const Scene& scene, const Project& p) {
    for (const Zone& z : p.geo.zones) {
        CAPTURE(z.id);
        CHECK(test::find_item(scene, "zone-" + z.id) != nullptr);
        bool markers = true;
        for (const Claim* c : p.claims_of(z.id)) {
            const bool found = test::find_on_map(scene, "marker-" + z.id + "-" + std::to_string(c->number)) != nullptr;
            CHECK(found);
            markers &= found;
        }
        // A zone too small for its name even in a detail inset keeps its numbers (the layout's last
        // resort: the name is in the citation list); any other zone is named on the map.
        const Item* inset_zone = nullptr;
        for (const Layer& l : scene.layers)
            for (const Item& i : l.items)
                if (i.id.rfind("detail-", 0) == 0 && i.id.size() > z.id.size() + 5 &&
                    i.id.compare(i.id.size() - z.id.size() - 5, std::string::npos, "zone-" + z.id) == 0)
                    inset_zone = &i;
        if (!(inset_zone && markers && !p.claims_of(z.id).empty()))
            CHECK(test::find_on_map(scene, "label-" + z.id) != nullptr);
    }
}

} // namespace

TEST_CASE("no two text boxes intersect on any page size of any bundled project") {
    for (const auto& entry : std::filesystem::directory_iterator(test::source_root() / "geodata")) {
        if (!std::filesystem::exists(entry.path() / "map.toml"))
            continue;
        const Project p = test::load_clean(entry.path());
        for (const char* page : {"a4-landscape", "a3-portrait", "letter-landscape", "legal-portrait", "170mm",
                                 "120mm", "a3-landscape"}) {
            const std::string what = entry.path().filename().string() + " on " + page;
            const Scene s = layout_map(p, *parse_page(page), {});
            check_no_collisions(s, what);
            check_symbols_clear(s, what);
            check_every_zone_labelled(s, p);
        }
    }
}

TEST_CASE("page sizes come out in points, figures take their height from the content") {
    const Project p = test::load_clean(test::gaza());
    const Scene a4 = layout_map(p, *parse_page("a4-landscape"), {});
    CHECK(a4.width == doctest::Approx(841.89).epsilon(1e-4));
    CHECK(a4.height == doctest::Approx(595.28).epsilon(1e-4));
    const Scene letter = layout_map(p, *parse_page("letter-portrait"), {});
    CHECK(letter.width == doctest::Approx(612).epsilon(1e-4));
    CHECK(letter.height == doctest::Approx(792).epsilon(1e-4));
    const Scene fig = layout_map(p, *parse_page("170mm"), {});
    CHECK(fig.width == doctest::Approx(170 * 72 / 25.4).epsilon(1e-4));
    CHECK(fig.height > fig.width); // the strip is tall, and the panels go below
    const Scene custom = layout_map(p, *parse_page("200x150mm"), {});
    CHECK(custom.height == doctest::Approx(150 * 72 / 25.4).epsilon(1e-4));
}

TEST_CASE("unknown page names are refused") {
    CHECK_FALSE(parse_page("a4-sideways"));
    CHECK_FALSE(parse_page("10mm"));
    CHECK_FALSE(parse_page("5000x20mm"));
    CHECK(parse_page("A3 Landscape ").has_value() == false);
    CHECK(parse_page("A3-Landscape")->width_mm == 420);
}

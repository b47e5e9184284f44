// A name set along a curve, glyph by glyph (layout/curved_name.cpp): its glyphs add up to the name as
// Pango sets it, each sits on the path turned to it, and a name that cannot come apart is not set so.
#include "layout/curved_name.hpp"
#include "text/pango_text.hpp"

#include <doctest/doctest.h>

#include <cmath>

using namespace citemap;

TEST_CASE("a name's glyphs are its characters, and their advances its width as Pango sets it") {
    const Font font{"Noto Sans", 8, Weight::bold, false};
    const auto g = name_glyphs(text_engine(), "Closed river strip", font);
    REQUIRE(g.has_value());
    std::string joined;
    for (const std::string& c : g->chars)
        joined += c;
    CHECK(joined == "Closed river strip");
    CHECK(g->width == doctest::Approx(text_engine().measure("Closed river strip", font).width).epsilon(0.002));
}

TEST_CASE("a ligature of the run comes apart, as its glyphs are drawn one by one") {
    // "fi" is one glyph in Noto Sans's run; along a curve it is two, each drawn alone.
    const auto g = name_glyphs(text_engine(), "Fish fields", Font{"Noto Sans", 8, Weight::regular, false});
    REQUIRE(g.has_value());
    CHECK(g->chars.size() == 11);
}

TEST_CASE("a right-to-left name or a letter with a combining mark is not set glyph by glyph") {
    const Font font{"Noto Sans", 8, Weight::regular, false};
    CHECK_FALSE(name_glyphs(text_engine(), "\u05D9\u05E8\u05D5\u05E9\u05DC\u05D9\u05DD", font).has_value());
    CHECK_FALSE(name_glyphs(text_engine(), "Lie\u0300ge", font).has_value());
    CHECK(name_glyphs(text_engine(), "Li\u00E8ge", font).has_value());
}

TEST_CASE("glyphs along a level path sit on one baseline, each after the last, their band's middle on the path") {
    const Font font{"Noto Sans", 10, Weight::regular, false};
    const auto g = name_glyphs(text_engine(), "Orva", font);
    REQUIRE(g.has_value());
    const PagePath path({{0, 100}, {200, 100}});
    const double top = -9.3, bottom = 2.8;
    const std::vector<Glyph> placed = glyphs_along(path, 20, *g, top, bottom, 5);
    REQUIRE(placed.size() == 4);
    double x = 20;
    for (std::size_t i = 0; i < placed.size(); ++i) {
        CHECK(placed[i].angle == doctest::Approx(0));
        CHECK(placed[i].origin.x == doctest::Approx(x));
        CHECK(placed[i].origin.y == doctest::Approx(100 + (9.3 - 2.8) / 2));
        CHECK(placed[i].upright.maxx - placed[i].upright.minx == doctest::Approx(g->advance[i]));
        x += g->advance[i];
    }
}

TEST_CASE("glyphs down a path turn with it, and a path reversed reads the other way") {
    const Font font{"Noto Sans", 10, Weight::regular, false};
    const auto g = name_glyphs(text_engine(), "ab", font);
    REQUIRE(g.has_value());
    const PagePath down({{0, 0}, {0, 100}});
    CHECK(glyphs_along(down, 10, *g, -9.3, 2.8, 5).front().angle == doctest::Approx(90));
    CHECK(glyphs_along(down.reversed(), 10, *g, -9.3, 2.8, 5).front().angle == doctest::Approx(-90));
}

TEST_CASE("a path smoothed keeps its ends and its length along a straight line") {
    const PagePath zigzag({{0, 0}, {10, 2}, {20, -2}, {30, 2}, {40, 0}});
    const PagePath smooth = zigzag.smoothed(5, 0.5);
    CHECK(smooth.at(0).x == doctest::Approx(0));
    CHECK(smooth.at(1e9).x == doctest::Approx(40));
    CHECK(smooth.length() < zigzag.length());
    const PagePath line({{0, 0}, {50, 0}});
    CHECK(line.smoothed(5, 0.5).length() == doctest::Approx(50));
}

// Dot hatches in the Cairo backends keep exactly the dots that touch their shape, and cross hatches
// (denials' xmarks) the whole crosses centred in it: compared, pixel for pixel, with the same lattice
// filtered by Cairo's own inside test on generated concave shapes with holes.
#include "render/cairo_handle.hpp"
#include "render/cairo_renderer.hpp"
#include "test_support.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <random>

using namespace citemap;

namespace {

// A star-shaped ring around (cx, cy): radii vary a lot, so the outline is deeply concave.
Ring star(double cx, double cy, double r, int n, std::mt19937& rng) {
    std::uniform_real_distribution<double> k(0.25, 1.0);
    Ring ring;
    for (int i = 0; i < n; ++i) {
        const double a = 2 * M_PI * i / n, rr = r * k(rng);
        ring.push_back({cx + rr * std::cos(a), cy + rr * std::sin(a)});
    }
    ring.push_back(ring.front());
    return ring;
}

// A deeply concave star around the middle of the 240 x 180 page with a star-shaped hole (even-odd),
// filled with `hatch`.
Shape holed_star(std::mt19937& rng, int points, int hole_points, Hatch hatch, Color color, double spacing,
                 double width) {
    Shape s;
    s.rings.push_back(star(120, 90, 80, points, rng));
    s.rings.push_back(star(120, 90, 22, hole_points, rng));
    s.fill = Fill{std::nullopt, Pattern{hatch, color, spacing, width}};
    return s;
}

CairoSurface blank(int w, int h) {
    return CairoSurface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h));
}

// A white page with the shape's outline as the current path (even-odd), and the outline's extents.
void begin_reference(cairo_t* cr, const Shape& s, double& x0, double& y0, double& x1, double& y1) {
    cairo_set_source_rgba(cr, 1, 1, 1, 1);
    cairo_paint(cr);
    for (const Ring& r : s.rings) {
        cairo_move_to(cr, r[0].x, r[0].y);
        for (std::size_t i = 1; i < r.size(); ++i)
            cairo_line_to(cr, r[i].x, r[i].y);
        cairo_close_path(cr);
    }
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    cairo_fill_extents(cr, &x0, &y0, &x1, &y1);
}

// The dots drawn the way the backend did before it had its own inside test: nine cairo_in_fill
// probes (centre and eight on the rim) per lattice point, the dots clipped to the shape.
void reference_dots(cairo_t* cr, const Shape& s) {
    const Pattern& p = s.fill->pattern;
    double x0, y0, x1, y1;
    begin_reference(cr, s, x0, y0, x1, y1);
    const double sp = p.spacing, w = p.line_width, d = w * M_SQRT1_2;
    x0 -= sp + w, y0 -= sp + w, x1 += sp + w, y1 += sp + w;
    cairo_clip_preserve(cr);
    std::vector<Point> keep;
    for (double j = std::floor(y0 / sp); j * sp + sp / 2 <= y1; ++j)
        for (double i = std::floor(x0 / sp); i * sp + sp / 2 <= x1; ++i) {
            const double cx = i * sp + sp / 2, cy = j * sp + sp / 2;
            const Point probes[] = {{cx, cy},         {cx - w, cy},     {cx + w, cy},
                                    {cx, cy - w},     {cx, cy + w},     {cx - d, cy - d},
                                    {cx + d, cy - d}, {cx - d, cy + d}, {cx + d, cy + d}};
            for (const Point& q : probes)
                if (cairo_in_fill(cr, q.x, q.y)) {
                    keep.push_back({cx, cy});
                    break;
                }
        }
    cairo_new_path(cr);
    cairo_set_source_rgba(cr, p.color.r, p.color.g, p.color.b, p.color.a);
    for (const Point& c : keep) {
        cairo_new_sub_path(cr);
        cairo_arc(cr, c.x, c.y, w, 0, 2 * M_PI);
    }
    cairo_fill(cr);
}

// The crosses drawn from Cairo's own inside test: one at every lattice point inside the shape.
void reference_xmarks(cairo_t* cr, const Shape& s) {
    const Pattern& p = s.fill->pattern;
    double x0, y0, x1, y1;
    begin_reference(cr, s, x0, y0, x1, y1);
    const double sp = p.spacing, w = p.line_width, a = kXmarkArm * sp;
    x0 -= sp + w, y0 -= sp + w, x1 += sp + w, y1 += sp + w;
    cairo_clip_preserve(cr);
    std::vector<Point> keep;
    for (double j = std::floor(y0 / sp); j * sp + sp / 2 <= y1; ++j)
        for (double i = std::floor(x0 / sp); i * sp + sp / 2 <= x1; ++i)
            if (cairo_in_fill(cr, i * sp + sp / 2, j * sp + sp / 2))
                keep.push_back({i * sp + sp / 2, j * sp + sp / 2});
    cairo_new_path(cr);
    cairo_set_source_rgba(cr, p.color.r, p.color.g, p.color.b, p.color.a);
    cairo_set_line_width(cr, w);
    for (const Point& c : keep) {
        cairo_move_to(cr, c.x - a, c.y - a);
        cairo_line_to(cr, c.x + a, c.y + a);
        cairo_move_to(cr, c.x - a, c.y + a);
        cairo_line_to(cr, c.x + a, c.y - a);
    }
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_stroke(cr);
}

struct Drawn {
    CairoSurface got, want;
    int stride = 0, height = 0;
};

// Draws `s` through the backend and through `reference`, on a page `scale` device pixels a point.
Drawn draw_both(const Shape& s, void (*reference)(cairo_t*, const Shape&), double scale = 1) {
    const int W = 240, H = 180;
    Scene scene;
    scene.width = W;
    scene.height = H;
    Item item;
    item.parts.emplace_back(s);
    scene.layer("zones", "Zones").items.push_back(std::move(item));
    const int w = static_cast<int>(W * scale), h = static_cast<int>(H * scale);
    Drawn d{blank(w, h), blank(w, h), 0, h};
    {
        CairoContext cr(cairo_create(d.got.get()));
        cairo_scale(cr.get(), scale, scale);
        draw_scene(cr.get(), scene);
    }
    {
        CairoContext cr(cairo_create(d.want.get()));
        cairo_scale(cr.get(), scale, scale);
        reference(cr.get(), s);
    }
    cairo_surface_flush(d.got.get());
    cairo_surface_flush(d.want.get());
    d.stride = cairo_image_surface_get_stride(d.got.get());
    return d;
}

// Draws `s` through the backend and through `reference`; returns whether the pixels are the same, and
// adds the inked pixels to `inked` (the comparison must be of drawn marks, not of two blank pages).
bool same_as_reference(const Shape& s, void (*reference)(cairo_t*, const Shape&), int& inked) {
    const Drawn d = draw_both(s, reference);
    const unsigned char* g = cairo_image_surface_get_data(d.got.get());
    const unsigned char* e = cairo_image_surface_get_data(d.want.get());
    for (int i = 0; i < d.stride * d.height; i += 4)
        inked += g[i] != 255 || g[i + 1] != 255 || g[i + 2] != 255;
    return std::memcmp(g, e, static_cast<std::size_t>(d.stride) * d.height) == 0;
}

} // namespace

TEST_CASE("cross hatches draw a whole cross at every lattice point inside the shape, and none outside") {
    std::mt19937 rng(5);
    int inked = 0;
    for (int round = 0; round < 8; ++round) {
        const Shape s = holed_star(rng, 9 + round * 5, 7 + round, Hatch::xmarks, {0.5, 0.1, 0.1, 1},
                                   2.8 + 0.45 * round, 0.4 + 0.08 * round);
        CAPTURE(round);
        CHECK(same_as_reference(s, reference_xmarks, inked));
    }
    CHECK(inked > 1000);
}

TEST_CASE("dot hatches keep the same dots as Cairo's inside test, on concave shapes with holes") {
    std::mt19937 rng(7);
    int dots_seen = 0;
    for (int round = 0; round < 12; ++round) {
        Shape s = holed_star(rng, 9 + round * 5, 7 + round, Hatch::dots, {0.1, 0.2, 0.6, 1}, 2.5 + 0.37 * round,
                             0.4 + 0.11 * round);
        if (round % 3 == 0)
            s.rings.push_back(star(40 + round, 40, 25, 11, rng)); // overlaps the first: even-odd again
        CAPTURE(round);
        CHECK(same_as_reference(s, reference_dots, dots_seen));
    }
    CHECK(dots_seen > 1000); // the comparison was of drawn dots, not of two blank pages
}

TEST_CASE("translucent dots inside the shape, drawn outside its clip, are the clipped dots within a level") {
    // On an image the dots no edge comes near skip Cairo's clip to the shape (intersecting every dot
    // with the outline was most of the cost): such a dot must leave no ink outside the shape, and its
    // pixels may differ from the clipped dot's by a rounding, one level at most.
    std::mt19937 rng(9);
    int inked = 0;
    for (int round = 0; round < 6; ++round) {
        const Shape s = holed_star(rng, 9 + round * 7, 7 + round, Hatch::dots, {0.1, 0.35, 0.3, 0.9},
                                   3.6 + 0.4 * round, 0.75 + 0.1 * round);
        CAPTURE(round);
        const Drawn d = draw_both(s, reference_dots, 300.0 / 72);
        const unsigned char* g = cairo_image_surface_get_data(d.got.get());
        const unsigned char* e = cairo_image_surface_get_data(d.want.get());
        int worst = 0, stray = 0;
        for (int i = 0; i < d.stride * d.height; ++i) {
            worst = std::max(worst, std::abs(int{g[i]} - int{e[i]}));
            stray += e[i] == 255 && g[i] < 254 && i % 4 != 3; // ink where the clipped dots left the page white
        }
        for (int i = 0; i < d.stride * d.height; i += 4)
            inked += g[i] != 255;
        CHECK(worst <= 1);
        CHECK(stray == 0);
    }
    CHECK(inked > 20000);
}

// Small value helpers of the Scene.
#include "scene/scene.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace citemap {

Color Color::hex(std::string_view h, double alpha) {
    auto nib = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
    if (h.size() != 7 || h[0] != '#')
        return {0, 0, 0, alpha};
    auto byte = [&](int i) { return (nib(h[1 + 2 * i]) * 16 + nib(h[2 + 2 * i])) / 255.0; };
    return {byte(0), byte(1), byte(2), alpha};
}

std::string Color::hex() const {
    char buf[8];
    auto c = [](double v) { return static_cast<int>(std::lround(std::clamp(v, 0.0, 1.0) * 255)); };
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c(r), c(g), c(b));
    return buf;
}

Color Color::mix(const Color& o, double t) const {
    return {r + (o.r - r) * t, g + (o.g - g) * t, b + (o.b - b) * t, a + (o.a - a) * t};
}

std::string Pattern::key() const {
    static const char* names[] = {"none", "diag", "cross", "dots", "horiz", "vert", "fall", "grid", "xmark", "ruled"};
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s-%s-%g-%g", names[static_cast<int>(hatch)], color.hex().c_str() + 1,
                  spacing, line_width);
    std::string k = buf;
    std::replace(k.begin(), k.end(), '.', '_');
    return k;
}

Layer& Scene::layer(const std::string& id, const std::string& name) {
    for (auto& l : layers)
        if (l.id == id)
            return l;
    layers.push_back({id, name, std::nullopt, {}});
    return layers.back();
}

} // namespace citemap

namespace citemap {

Ring box_ring(const Box& b) {
    return {{b.minx, b.miny}, {b.maxx, b.miny}, {b.maxx, b.maxy}, {b.minx, b.maxy}};
}

void translate(Item& item, double dx, double dy) {
    auto move = [&](Point& p) {
        p.x += dx;
        p.y += dy;
    };
    auto move_box = [&](Box& b) {
        b.minx += dx;
        b.maxx += dx;
        b.miny += dy;
        b.maxy += dy;
    };
    for (Primitive& p : item.parts) {
        if (auto* s = std::get_if<Shape>(&p))
            for (Ring& r : s->rings)
                for (Point& pt : r)
                    move(pt);
        if (auto* c = std::get_if<Circle>(&p))
            move(c->centre);
        if (auto* t = std::get_if<Text>(&p)) {
            move(t->origin);
            move_box(t->box);
            move_box(t->upright);
            for (Glyph& g : t->glyphs) {
                move(g.origin);
                move_box(g.upright);
            }
        }
    }
}

Box bounds_of(const Item& item) {
    Box b{1e18, 1e18, -1e18, -1e18};
    for (const Primitive& p : item.parts) {
        if (const auto* s = std::get_if<Shape>(&p))
            for (const Ring& r : s->rings)
                for (const Point& pt : r)
                    b.expand({pt.x, pt.y, pt.x, pt.y});
        if (const auto* c = std::get_if<Circle>(&p))
            b.expand({c->centre.x - c->radius, c->centre.y - c->radius, c->centre.x + c->radius,
                      c->centre.y + c->radius});
        if (const auto* t = std::get_if<Text>(&p))
            b.expand(t->box);
    }
    return b;
}

void turn_text(Text& t, double degrees) {
    t.upright = t.box;
    t.angle = degrees;
    Box b{1e18, 1e18, -1e18, -1e18};
    for (const Point& p : text_corners(t))
        b.expand({p.x, p.y, p.x, p.y});
    t.box = b;
}

std::array<Point, 4> text_corners(const Text& t) {
    const Box& b = t.angle == 0 ? t.box : t.upright;
    std::array<Point, 4> c{Point{b.minx, b.miny}, Point{b.maxx, b.miny}, Point{b.maxx, b.maxy}, Point{b.minx, b.maxy}};
    if (t.angle == 0)
        return c;
    const double a = t.angle * M_PI / 180, ca = std::cos(a), sa = std::sin(a);
    for (Point& p : c) {
        const double x = p.x - t.origin.x, y = p.y - t.origin.y;
        p = {t.origin.x + x * ca - y * sa, t.origin.y + x * sa + y * ca};
    }
    return c;
}

std::vector<std::array<Point, 4>> text_quads(const Text& t) {
    if (t.glyphs.empty())
        return {text_corners(t)};
    std::vector<std::array<Point, 4>> out;
    for (const Text& g : glyph_texts(t))
        out.push_back(text_corners(g));
    return out;
}

std::vector<Text> glyph_texts(const Text& t) {
    std::vector<Text> out;
    for (const Glyph& g : t.glyphs) {
        Text one;
        one.text = g.chars;
        one.origin = g.origin;
        one.font = t.font;
        one.color = t.color;
        one.halo = t.halo;
        one.halo_width = t.halo_width;
        one.lang = t.lang;
        one.box = g.upright;
        turn_text(one, g.angle);
        out.push_back(std::move(one));
    }
    return out;
}

bool quads_overlap(const std::array<Point, 4>& a, const std::array<Point, 4>& b) {
    // Separating axis theorem: two convex shapes are apart when the projections on some edge normal
    // of either do not overlap.
    for (const auto* q : {&a, &b})
        for (std::size_t i = 0; i < 4; ++i) {
            const Point& p = (*q)[i];
            const Point& r = (*q)[(i + 1) % 4];
            const Point n{-(r.y - p.y), r.x - p.x};
            double amin = 1e18, amax = -1e18, bmin = 1e18, bmax = -1e18;
            for (const Point& v : a) {
                const double d = v.x * n.x + v.y * n.y;
                amin = std::min(amin, d);
                amax = std::max(amax, d);
            }
            for (const Point& v : b) {
                const double d = v.x * n.x + v.y * n.y;
                bmin = std::min(bmin, d);
                bmax = std::max(bmax, d);
            }
            if (amax <= bmin || bmax <= amin)
                return false;
        }
    return true;
}

bool inside_rings(const std::vector<Ring>& rings, Point p) {
    bool in = false;
    for (const Ring& r : rings)
        for (std::size_t i = 0, n = r.size(); i < n; ++i) {
            const Point& a = r[i];
            const Point& c = r[(i + 1) % n];
            if ((a.y > p.y) != (c.y > p.y) && p.x < a.x + (p.y - a.y) * (c.x - a.x) / (c.y - a.y))
                in = !in;
        }
    return in;
}

double side_of(Point o, Point a, Point p) {
    return (a.x - o.x) * (p.y - o.y) - (a.y - o.y) * (p.x - o.x);
}

bool segments_cross(Point a, Point b, Point c, Point d) {
    return side_of(a, b, c) * side_of(a, b, d) < 0 && side_of(c, d, a) * side_of(c, d, b) < 0;
}

double point_segment_distance(Point p, Point a, Point b) {
    const double dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
    const double t = len2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0.0, 1.0) : 0.0;
    return std::hypot(p.x - a.x - t * dx, p.y - a.y - t * dy);
}

double rings_distance(const std::vector<Ring>& rings, Point p) {
    if (inside_rings(rings, p))
        return 0;
    double d = std::numeric_limits<double>::infinity();
    for (const Ring& r : rings)
        for (std::size_t i = 0, n = r.size(); i < n; ++i)
            d = std::min(d, point_segment_distance(p, r[i], r[(i + 1) % n]));
    return d;
}

} // namespace citemap

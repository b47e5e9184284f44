// Small value helpers of the Scene.
#include "scene/scene.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

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
    static const char* names[] = {"none", "diag", "cross", "dots", "horiz"};
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

} // namespace citemap

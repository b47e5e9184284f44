// Walks a Scene the way a reader's eye does: every text box, every item, by layer.
#pragma once

#include "scene/scene.hpp"

#include <map>
#include <string>
#include <vector>

namespace citemap::test {

struct PlacedText {
    std::string layer, item, text;
    Box box;                      // around the text as drawn (turned text: around the turned box)
    std::array<Point, 4> corners; // the layout box as drawn, turned with the text
};

// Whether two texts overlap as drawn: by their turned boxes when either is turned.
inline bool overlap(const PlacedText& a, const PlacedText& b) {
    return a.box.intersects(b.box) && quads_overlap(a.corners, b.corners);
}
// Whether a text covers a box (a symbol's bounds) as drawn.
inline bool covers(const PlacedText& t, const Box& b) {
    return t.box.intersects(b) &&
           quads_overlap(t.corners, {Point{b.minx, b.miny}, Point{b.maxx, b.miny}, Point{b.maxx, b.maxy}, Point{b.minx, b.maxy}});
}

inline std::vector<PlacedText> texts_of(const Scene& s) {
    std::vector<PlacedText> out;
    for (const Layer& l : s.layers)
        for (const Item& i : l.items)
            for (const Primitive& p : i.parts)
                if (const auto* t = std::get_if<Text>(&p))
                    out.push_back({l.id, i.id, t->text, t->box, text_corners(*t)});
    return out;
}

// `text` with the no-break spaces the panel ties a paragraph's last two words with (no one-word last
// line, in citations and legend rows) read as the spaces they stand for.
inline std::string spaced(std::string text) {
    for (std::size_t at; (at = text.find("\u00A0")) != std::string::npos;)
        text.replace(at, 2, " ");
    return text;
}

inline const Item* find_item(const Scene& s, const std::string& id) {
    for (const Layer& l : s.layers)
        for (const Item& i : l.items)
            if (i.id == id)
                return &i;
    return nullptr;
}

// The item on the main map, or the same item in a detail inset ("detail-1-label-x" for "label-x").
inline const Item* find_on_map(const Scene& s, const std::string& id) {
    if (const Item* i = find_item(s, id))
        return i;
    for (const Layer& l : s.layers)
        for (const Item& i : l.items)
            if (i.id.rfind("detail-", 0) == 0 && i.id.size() > id.size() &&
                i.id.compare(i.id.size() - id.size(), id.size(), id) == 0 && i.id[i.id.size() - id.size() - 1] == '-')
                return &i;
    return nullptr;
}

// The drawn outline of every zone on the main map, by zone id.
inline std::map<std::string, std::vector<Ring>> main_map_zones(const Scene& s) {
    std::map<std::string, std::vector<Ring>> out;
    for (const Layer& l : s.layers)
        if (l.id == "zones")
            for (const Item& i : l.items)
                for (const Primitive& p : i.parts)
                    if (const auto* sh = std::get_if<Shape>(&p); sh && sh->stroke)
                        for (const Ring& r : sh->rings)
                            out[i.id.substr(5)].push_back(r);
    return out;
}

// The share of a box inside drawn rings, from a 20 x 10 grid of points.
inline double share(const Box& b, const std::vector<Ring>& rings) {
    int hits = 0;
    for (int i = 0; i < 20; ++i)
        for (int j = 0; j < 10; ++j)
            hits += inside_rings(rings, {b.minx + (i + 0.5) * b.width() / 20, b.miny + (j + 0.5) * b.height() / 10});
    return hits / 200.0;
}

} // namespace citemap::test

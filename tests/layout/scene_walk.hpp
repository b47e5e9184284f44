// Walks a Scene the way a reader's eye does: every text box, every item, by layer.
#pragma once

#include "scene/scene.hpp"

#include <string>
#include <vector>

namespace citemap::test {

struct PlacedText {
    std::string layer, item, text;
    Box box;
};

inline std::vector<PlacedText> texts_of(const Scene& s) {
    std::vector<PlacedText> out;
    for (const Layer& l : s.layers)
        for (const Item& i : l.items)
            for (const Primitive& p : i.parts)
                if (const auto* t = std::get_if<Text>(&p))
                    out.push_back({l.id, i.id, t->text, t->box});
    return out;
}

inline const Item* find_item(const Scene& s, const std::string& id) {
    for (const Layer& l : s.layers)
        for (const Item& i : l.items)
            if (i.id == id)
                return &i;
    return nullptr;
}

} // namespace citemap::test

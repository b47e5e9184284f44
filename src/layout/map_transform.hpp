// Map CRS coordinates -> page points inside the map frame (y grows downwards on the page).
#pragma once

#include "geo/geos_handle.hpp"

namespace citemap {

struct MapTransform {
    Box world; // map CRS, already at the frame's aspect ratio
    Box frame; // page points
    [[nodiscard]] double scale() const { return frame.width() / world.width(); } // pt per map unit
    [[nodiscard]] Point to_page(Point p) const {
        return {frame.minx + (p.x - world.minx) * scale(), frame.maxy - (p.y - world.miny) * scale()};
    }
    [[nodiscard]] Point to_world(Point p) const {
        return {world.minx + (p.x - frame.minx) / scale(), world.miny + (frame.maxy - p.y) / scale()};
    }
    [[nodiscard]] Box to_world(const Box& b) const {
        const Point a = to_world(Point{b.minx, b.maxy}), c = to_world(Point{b.maxx, b.miny});
        return {a.x, a.y, c.x, c.y};
    }
    // Grows `content` to the frame's aspect ratio, centred, with a margin.
    static MapTransform fit(Box content, const Box& frame, double margin_fraction);
};

} // namespace citemap

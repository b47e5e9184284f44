// Linear scan: a map has hundreds of boxes at most, and a spatial index would hide nothing but speed.
#include "layout/placer.hpp"

#include <algorithm>
#include <cmath>

namespace citemap {

bool Placer::fits(const Box& b, const Box& within) const {
    if (!within.contains(b))
        return false;
    return std::none_of(boxes_.begin(), boxes_.end(), [&](const Box& o) { return o.intersects(b); });
}

namespace {

// Liang-Barsky clipping: does the segment a-b enter box b?
bool segment_hits(Point a, Point b, const Box& box) {
    double t0 = 0, t1 = 1;
    const double dx = b.x - a.x, dy = b.y - a.y;
    const double p[4] = {-dx, dx, -dy, dy};
    const double q[4] = {a.x - box.minx, box.maxx - a.x, a.y - box.miny, box.maxy - a.y};
    for (int i = 0; i < 4; ++i) {
        if (p[i] == 0) {
            if (q[i] < 0)
                return false;
            continue;
        }
        const double t = q[i] / p[i];
        if (p[i] < 0)
            t0 = std::max(t0, t);
        else
            t1 = std::min(t1, t);
        if (t0 > t1)
            return false;
    }
    return true;
}

} // namespace

int Placer::crossings(Point a, Point b) const {
    return static_cast<int>(
        std::count_if(boxes_.begin(), boxes_.end(), [&](const Box& o) { return segment_hits(a, b, o); }));
}

void Placer::occupy_line(Point a, Point b, double half_width) {
    // Short boxes along the line: one box around a long diagonal would block a whole corner.
    const double length = std::hypot(b.x - a.x, b.y - a.y);
    const int steps = std::max(1, static_cast<int>(length / (4 * half_width)));
    for (int i = 0; i <= steps; ++i) {
        const double t = static_cast<double>(i) / steps;
        const Point p{a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t};
        boxes_.push_back({p.x - half_width, p.y - half_width, p.x + half_width, p.y + half_width});
    }
}

} // namespace citemap

#include "layout/nearest_edge.hpp"

#include <algorithm>
#include <cmath>

namespace citemap {

namespace {

constexpr std::size_t kFan = 8; // edges (or boxes) under one box

// How far `p` lies from box b, squared: never more than its distance to anything in the box.
double box_distance2(Point p, const Box& b) {
    const double ox = std::max({b.minx - p.x, p.x - b.maxx, 0.0});
    const double oy = std::max({b.miny - p.y, p.y - b.maxy, 0.0});
    return ox * ox + oy * oy;
}

// A box distance that could still belong to an edge at distance d: the margin is far above the
// rounding of point_segment_distance, so no edge at the least distance is ever passed over.
bool may_reach(double box2, double d) {
    return box2 <= d * d * (1 + 1e-9) + 1e-9;
}

Box edge_box(const std::array<Point, 2>& e) {
    return {std::min(e[0].x, e[1].x), std::min(e[0].y, e[1].y), std::max(e[0].x, e[1].x), std::max(e[0].y, e[1].y)};
}

Box joined(const Box& a, const Box& b) {
    return {std::min(a.minx, b.minx), std::min(a.miny, b.miny), std::max(a.maxx, b.maxx), std::max(a.maxy, b.maxy)};
}

} // namespace

NearestEdge::NearestEdge(std::vector<std::array<Point, 2>> edges) : edges_(std::move(edges)) {
    std::vector<Box> below;
    for (const auto& e : edges_)
        below.push_back(edge_box(e));
    while (!below.empty()) {
        std::vector<Box> level;
        for (std::size_t j = 0; j < below.size(); j += kFan) {
            Box b = below[j];
            for (std::size_t k = j + 1; k < std::min(j + kFan, below.size()); ++k)
                b = joined(b, below[k]);
            level.push_back(b);
        }
        const bool top = level.size() == 1;
        below = level;
        levels_.push_back(std::move(level));
        if (top)
            break;
    }
}

void NearestEdge::measure(std::size_t i, Point p, double& best_d, std::size_t& best_i) const {
    const auto& [a, b] = edges_[i];
    const double dx = b.x - a.x, dy = b.y - a.y;
    if (dx * dx + dy * dy <= 0 || !may_reach(box_distance2(p, edge_box(edges_[i])), best_d))
        return;
    if (const double d = point_segment_distance(p, a, b); d < best_d || (d == best_d && i < best_i)) {
        best_d = d;
        best_i = i;
    }
}

void NearestEdge::visit(std::size_t level, std::size_t at, Point p, double& best_d, std::size_t& best_i) const {
    if (!may_reach(box_distance2(p, levels_[level][at]), best_d))
        return; // nothing under this box can be nearer
    const std::size_t first = at * kFan;
    if (level == 0) {
        for (std::size_t i = first; i < std::min(first + kFan, edges_.size()); ++i)
            measure(i, p, best_d, best_i);
        return;
    }
    // The nearer boxes first: their edges lower the best distance that rules the others out.
    const std::vector<Box>& under = levels_[level - 1];
    std::array<std::pair<double, std::size_t>, kFan> order{};
    std::size_t n = 0;
    for (std::size_t j = first; j < std::min(first + kFan, under.size()); ++j)
        order[n++] = {box_distance2(p, under[j]), j};
    std::sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(n));
    for (std::size_t k = 0; k < n; ++k)
        visit(level - 1, order[k].second, p, best_d, best_i);
}

std::size_t NearestEdge::nearest(Point p) const {
    double best_d = 1e18;
    std::size_t best_i = edges_.size();
    if (edges_.empty())
        return best_i;
    if (hint_ < edges_.size())
        measure(hint_, p, best_d, best_i);
    visit(levels_.size() - 1, 0, p, best_d, best_i);
    hint_ = best_i;
    return best_i;
}

} // namespace citemap

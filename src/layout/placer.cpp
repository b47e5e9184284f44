// Collision tests through a uniform grid (see placer.hpp); same answers as testing every box.
#include "layout/placer.hpp"

#include <algorithm>
#include <cmath>

namespace citemap {

Placer::Placer(Box bounds) : bounds_(bounds), grid_(kGrid * kGrid) {
    cell_w_ = std::max(bounds.width() / kGrid, 1e-6);
    cell_h_ = std::max(bounds.height() / kGrid, 1e-6);
}

// The cells a box overlaps, clamped to the grid: a box beyond the bounds lands in the border cells,
// where a query beyond the bounds looks too (clamping keeps any shared point in a shared cell).
Placer::CellRange Placer::cells(const Box& b) const {
    auto cx = [&](double x) { return static_cast<int>(std::clamp(std::floor((x - bounds_.minx) / cell_w_), 0.0, kGrid - 1.0)); };
    auto cy = [&](double y) { return static_cast<int>(std::clamp(std::floor((y - bounds_.miny) / cell_h_), 0.0, kGrid - 1.0)); };
    return {cx(b.minx), cy(b.miny), cx(b.maxx), cy(b.maxy)};
}

void Placer::occupy(const Box& b) {
    const auto index = static_cast<std::uint32_t>(boxes_.size());
    boxes_.push_back(b);
    on_line_.push_back(0);
    const CellRange r = cells(b);
    for (int y = r.y0; y <= r.y1; ++y)
        for (int x = r.x0; x <= r.x1; ++x)
            grid_[static_cast<std::size_t>(y * kGrid + x)].push_back(index);
}

bool Placer::vacate(const Box& b) {
    for (auto i = static_cast<std::uint32_t>(boxes_.size()); i-- > 0;) {
        const Box& o = boxes_[i];
        if (o.minx != b.minx || o.miny != b.miny || o.maxx != b.maxx || o.maxy != b.maxy)
            continue;
        const CellRange r = cells(b);
        for (int y = r.y0; y <= r.y1; ++y)
            for (int x = r.x0; x <= r.x1; ++x) {
                auto& cell = grid_[static_cast<std::size_t>(y * kGrid + x)];
                cell.erase(std::remove(cell.begin(), cell.end(), i), cell.end());
            }
        // Out of the grid, and a point no box or segment on the page reaches: `last_refusal_` and
        // `crosses` may still ask it.
        constexpr double kNowhere = -1e300;
        boxes_[i] = Box{kNowhere, kNowhere, kNowhere, kNowhere};
        return true;
    }
    return false;
}

bool Placer::fits(const Box& b, const Box& within) const {
    return fits(b, within, true);
}

bool Placer::fits_on_lines(const Box& b, const Box& within) const {
    return fits(b, within, false);
}

bool Placer::fits(const Box& b, const Box& within, bool lines) const {
    if (!within.contains(b))
        return false;
    auto refuses = [&](std::uint32_t i) { return boxes_[i].intersects(b) && (lines || !on_line_[i]); };
    if (last_refusal_ < boxes_.size() && refuses(last_refusal_))
        return false;
    const CellRange r = cells(b);
    for (int y = r.y0; y <= r.y1; ++y)
        for (int x = r.x0; x <= r.x1; ++x)
            for (std::uint32_t i : grid_[static_cast<std::size_t>(y * kGrid + x)])
                if (refuses(i)) {
                    last_refusal_ = i;
                    return false;
                }
    return true;
}

// Liang-Barsky clipping.
std::optional<std::array<double, 2>> segment_span_in_box(Point a, Point b, const Box& box) {
    double t0 = 0, t1 = 1;
    const double dx = b.x - a.x, dy = b.y - a.y;
    const double p[4] = {-dx, dx, -dy, dy};
    const double q[4] = {a.x - box.minx, box.maxx - a.x, a.y - box.miny, box.maxy - a.y};
    for (int i = 0; i < 4; ++i) {
        if (p[i] == 0) {
            if (q[i] < 0)
                return std::nullopt;
            continue;
        }
        const double t = q[i] / p[i];
        if (p[i] < 0)
            t0 = std::max(t0, t);
        else
            t1 = std::min(t1, t);
        if (t0 > t1)
            return std::nullopt;
    }
    return std::array<double, 2>{t0, t1};
}

bool segment_meets_box(Point a, Point b, const Box& box) {
    return segment_span_in_box(a, b, box).has_value();
}

bool Placer::crosses(Point a, Point b, bool drawn_lines) const {
    auto hits = [&](std::uint32_t i) { return (drawn_lines || !on_line_[i]) && segment_meets_box(a, b, boxes_[i]); };
    if (!std::isfinite(a.x) || !std::isfinite(a.y) || !std::isfinite(b.x) || !std::isfinite(b.y)) {
        for (std::uint32_t i = 0; i < boxes_.size(); ++i)
            if (hits(i))
                return true;
        return false;
    }
    // A box the segment enters shares a point with the segment's bounding box, so it is registered in
    // a cell that box overlaps. The first found answers: a box in several cells may be asked twice.
    const CellRange r =
        cells({std::min(a.x, b.x), std::min(a.y, b.y), std::max(a.x, b.x), std::max(a.y, b.y)});
    for (int y = r.y0; y <= r.y1; ++y)
        for (int x = r.x0; x <= r.x1; ++x)
            for (std::uint32_t i : grid_[static_cast<std::size_t>(y * kGrid + x)])
                if (hits(i))
                    return true;
    return false;
}

void Placer::occupy_line(Point a, Point b, double half_width, bool drawn_line) {
    // Short boxes along the line: one box around a long diagonal would block a whole corner.
    const double length = std::hypot(b.x - a.x, b.y - a.y);
    const int steps = std::max(1, static_cast<int>(length / (4 * half_width)));
    for (int i = 0; i <= steps; ++i) {
        const double t = static_cast<double>(i) / steps;
        const Point p{a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t};
        occupy({p.x - half_width, p.y - half_width, p.x + half_width, p.y + half_width});
        on_line_.back() = drawn_line;
    }
}

} // namespace citemap

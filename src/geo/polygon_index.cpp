#include "geo/polygon_index.hpp"

#include "geo/geometry_ops.hpp"

#include <algorithm>
#include <cmath>

namespace citemap {

namespace {

// No point in common, boundaries included.
bool apart(const Box& a, const Box& b) {
    return a.maxx < b.minx || b.maxx < a.minx || a.maxy < b.miny || b.maxy < a.miny;
}

// Few enough vertices that GEOS's rectangle test, which walks every segment, beats the prepared
// test's set-up; many, and the prepared geometry's index wins. Only the speed depends on it.
bool few_vertices(const GeosContext& ctx, const GEOSGeometry* g) {
    const int n = GEOSGetNumCoordinates_r(ctx.get(), g);
    return n >= 0 && n <= 64;
}

bool has_area(const Box& b) {
    return b.maxx > b.minx && b.maxy > b.miny;
}

} // namespace

PolygonIndex::PolygonIndex(const GeosContext& ctx, const GEOSGeometry* g) : ctx_(ctx) {
    add(g);
    build_cells();
}

PolygonIndex::PolygonIndex(const GeosContext& ctx, const std::vector<const GEOSGeometry*>& shapes) : ctx_(ctx) {
    for (const GEOSGeometry* g : shapes)
        add(g);
    build_cells();
}

void PolygonIndex::add(const GEOSGeometry* g) {
    if (GEOSGeomTypeId_r(ctx_.get(), g) == GEOS_MULTIPOLYGON) {
        for (int i = 0, n = GEOSGetNumGeometries_r(ctx_.get(), g); i < n; ++i)
            if (const GEOSGeometry* part = GEOSGetGeometryN_r(ctx_.get(), g, i); !geom::is_empty(ctx_, part))
                parts_.push_back({part, geom::bounds(ctx_, part), nullptr, 0, few_vertices(ctx_, part)});
    } else if (!geom::is_empty(ctx_, g)) {
        parts_.push_back({g, geom::bounds(ctx_, g), nullptr, 0, few_vertices(ctx_, g)});
    }
}

void PolygonIndex::build_cells() {
    if (parts_.empty())
        return;
    env_ = parts_.front().env;
    for (const Part& p : parts_)
        env_.expand(p.env);
    grid_ = std::clamp(static_cast<int>(std::sqrt(static_cast<double>(parts_.size()))), 1, 64);
    cells_.resize(static_cast<std::size_t>(grid_ * grid_));
    for (std::size_t i = 0; i < parts_.size(); ++i) {
        const auto [x0, y0, x1, y1] = cell_range(parts_[i].env);
        for (int y = y0; y <= y1; ++y)
            for (int x = x0; x <= x1; ++x)
                cells_[static_cast<std::size_t>(y * grid_ + x)].push_back(i);
    }
}

std::optional<Box> PolygonIndex::envelope() const {
    return parts_.empty() ? std::nullopt : std::optional<Box>(env_);
}

// Monotonic in each coordinate, so two boxes that share a point share a cell.
PolygonIndex::Cells PolygonIndex::cell_range(const Box& b) const {
    auto at = [&](double v, double lo, double hi) {
        const double f = hi > lo ? (v - lo) / (hi - lo) * grid_ : 0;
        return static_cast<int>(std::clamp(std::floor(f), 0.0, static_cast<double>(grid_ - 1)));
    };
    return {at(b.minx, env_.minx, env_.maxx), at(b.miny, env_.miny, env_.maxy), at(b.maxx, env_.minx, env_.maxx),
            at(b.maxy, env_.miny, env_.maxy)};
}

bool PolygonIndex::test(const Part& p, const Box& wbox, const std::function<const GEOSGeometry*()>& box) const {
    if (p.small && has_area(wbox))
        return GEOSIntersects_r(ctx_.get(), box(), p.geom) == 1;
    if (!p.prepared)
        p.prepared = ctx_.prepare(p.geom);
    return GEOSPreparedIntersects_r(ctx_.get(), p.prepared.get(), box()) == 1;
}

bool box_meets(const GeosContext& ctx, const GEOSPreparedGeometry* prepared, const GEOSGeometry* g, const Box& wbox,
               const GEOSGeometry* box) {
    if (has_area(wbox) && few_vertices(ctx, g))
        return GEOSIntersects_r(ctx.get(), box, g) == 1;
    return GEOSPreparedIntersects_r(ctx.get(), prepared, box) == 1;
}

bool PolygonIndex::intersects(const Box& wbox, const std::function<const GEOSGeometry*()>& box) const {
    if (parts_.empty() || apart(wbox, env_))
        return false;
    if (std::isnan(wbox.minx + wbox.miny + wbox.maxx + wbox.maxy)) // no cell to look in: every polygon
        return std::any_of(parts_.begin(), parts_.end(), [&](const Part& p) { return test(p, wbox, box); });
    ++stamp_;
    const auto [x0, y0, x1, y1] = cell_range(wbox);
    for (int y = y0; y <= y1; ++y)
        for (int x = x0; x <= x1; ++x)
            for (std::size_t i : cells_[static_cast<std::size_t>(y * grid_ + x)]) {
                const Part& p = parts_[i];
                if (p.seen != stamp_ && !apart(wbox, p.env) && test(p, wbox, box))
                    return true;
                p.seen = stamp_;
            }
    return false;
}

} // namespace citemap

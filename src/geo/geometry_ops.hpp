// The GEOS operations citemap needs, as free functions over owned geometries.
#pragma once

#include "geo/geos_handle.hpp"

#include <optional>
#include <string>
#include <vector>

namespace citemap::geom {

struct Circle {
    Point centre;
    double radius = 0;
};

[[nodiscard]] Box bounds(const GeosContext& ctx, const GEOSGeometry* g);
[[nodiscard]] double area(const GeosContext& ctx, const GEOSGeometry* g);
[[nodiscard]] bool is_empty(const GeosContext& ctx, const GEOSGeometry* g);
// The reason GEOS gives for invalidity ("Self-intersection[x y]"), or nullopt when valid.
[[nodiscard]] std::optional<std::string> invalid_reason(const GeosContext& ctx, const GEOSGeometry* g);
[[nodiscard]] GeosGeom make_valid(const GeosContext& ctx, const GEOSGeometry* g);
[[nodiscard]] GeosGeom intersection(const GeosContext& ctx, const GEOSGeometry* a, const GEOSGeometry* b);
[[nodiscard]] GeosGeom difference(const GeosContext& ctx, const GEOSGeometry* a, const GEOSGeometry* b);
[[nodiscard]] GeosGeom union_all(const GeosContext& ctx, const std::vector<const GEOSGeometry*>& parts);
[[nodiscard]] GeosGeom polygons_only(const GeosContext& ctx, const GEOSGeometry* g);
[[nodiscard]] bool intersects(const GeosContext& ctx, const GEOSGeometry* a, const GEOSGeometry* b);
// Pole of inaccessibility: the best place for a label inside a polygon.
[[nodiscard]] Circle max_inscribed_circle(const GeosContext& ctx, const GEOSGeometry* g, double tolerance);
// Positive grows, negative shrinks; mitred joins keep hand-drawn corners sharp.
[[nodiscard]] GeosGeom buffer(const GeosContext& ctx, const GEOSGeometry* g, double width);

// Coordinates out of GEOS: polygons as rings (shell first), lines as paths, points as points.
[[nodiscard]] std::vector<std::vector<Ring>> polygons(const GeosContext& ctx, const GEOSGeometry* g);
[[nodiscard]] std::vector<Ring> lines(const GeosContext& ctx, const GEOSGeometry* g);
[[nodiscard]] std::vector<Point> points(const GeosContext& ctx, const GEOSGeometry* g);

} // namespace citemap::geom

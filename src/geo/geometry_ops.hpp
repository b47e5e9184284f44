// The GEOS operations citemap needs, as free functions over owned geometries.
#pragma once

#include "geo/geos_handle.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace citemap::geom {

struct Circle {
    Point centre;
    double radius = 0;
};

[[nodiscard]] Box bounds(const GeosContext& ctx, const GEOSGeometry* g);
// GEOS computes a geometry's envelope when first asked and keeps it in the geometry, which makes the
// first question a write: asked here of every part and ring, so threads that share the geometry
// afterwards only read it.
void compute_envelopes(const GeosContext& ctx, const GEOSGeometry* g);
[[nodiscard]] double area(const GeosContext& ctx, const GEOSGeometry* g);
[[nodiscard]] bool is_empty(const GeosContext& ctx, const GEOSGeometry* g);
// The reason GEOS gives for invalidity ("Self-intersection[x y]"), or nullopt when valid.
[[nodiscard]] std::optional<std::string> invalid_reason(const GeosContext& ctx, const GEOSGeometry* g);
[[nodiscard]] GeosGeom make_valid(const GeosContext& ctx, const GEOSGeometry* g);
[[nodiscard]] GeosGeom intersection(const GeosContext& ctx, const GEOSGeometry* a, const GEOSGeometry* b);
// The part of `g` inside the rectangle `b` (GEOSClipByRect_r): walks g's rings once, where an overlay
// with the box nodes the whole geometry (a 164k-vertex coastal zone under every furniture candidate).
// Its area equals intersection's up to rounding of the cut points; the lines along the rectangle's
// edge may differ (dropped or kept), so use it for areas of polygons, or before intersecting with
// something that lies strictly inside the rectangle (as `intersection` does), not for drawing.
[[nodiscard]] GeosGeom clip_to_box(const GeosContext& ctx, const GEOSGeometry* g, const Box& b);
// GEOS's convex hull of the points, the points well inside the polygon of their extremes left out first.
[[nodiscard]] GeosGeom convex_hull(const GeosContext& ctx, const std::vector<Point>& pts);
[[nodiscard]] GeosGeom difference(const GeosContext& ctx, const GEOSGeometry* a, const GEOSGeometry* b);
[[nodiscard]] GeosGeom union_all(const GeosContext& ctx, const std::vector<const GEOSGeometry*>& parts);
[[nodiscard]] GeosGeom polygons_only(const GeosContext& ctx, const GEOSGeometry* g);
[[nodiscard]] bool intersects(const GeosContext& ctx, const GEOSGeometry* a, const GEOSGeometry* b);
// Pole of inaccessibility: the best place for a label inside a polygon.
[[nodiscard]] Circle max_inscribed_circle(const GeosContext& ctx, const GEOSGeometry* g, double tolerance);
// Positive grows, negative shrinks; mitred joins keep hand-drawn corners sharp.
[[nodiscard]] GeosGeom buffer(const GeosContext& ctx, const GEOSGeometry* g, double width);

// Everything within `width` of g (round ends and joins: "within N km" means a distance).
[[nodiscard]] GeosGeom band(const GeosContext& ctx, const GEOSGeometry* g, double width);
[[nodiscard]] GeosGeom boundary(const GeosContext& ctx, const GEOSGeometry* g);
[[nodiscard]] bool is_lineal(const GeosContext& ctx, const GEOSGeometry* g);
[[nodiscard]] bool is_polygonal(const GeosContext& ctx, const GEOSGeometry* g);
// The faces a line cuts an area into (the area's edge noded with the line, polygonized, faces
// outside the area dropped). One face: the line does not cross the area from edge to edge.
[[nodiscard]] std::vector<GeosGeom> split_by_line(const GeosContext& ctx, const GEOSGeometry* area,
                                                  const GEOSGeometry* line);
// Which side of a line a point lies on, looking along the line from its first vertex: +1 left, -1 right,
// 0 on it. Measured at the line's nearest point, so a winding line still gives the local side.
[[nodiscard]] int side_of_line(const GeosContext& ctx, const GEOSGeometry* line, Point p);
[[nodiscard]] Point point_on_surface(const GeosContext& ctx, const GEOSGeometry* g);
// Applies `f` to every coordinate (e.g. map CRS -> equal-area CRS).
[[nodiscard]] GeosGeom transform(const GeosContext& ctx, const GEOSGeometry* g,
                                 const std::function<Point(Point)>& f);

// Coordinates out of GEOS: polygons as rings (shell first), lines as paths, points as points.
[[nodiscard]] std::vector<std::vector<Ring>> polygons(const GeosContext& ctx, const GEOSGeometry* g);
[[nodiscard]] std::vector<Ring> lines(const GeosContext& ctx, const GEOSGeometry* g);
[[nodiscard]] std::vector<Point> points(const GeosContext& ctx, const GEOSGeometry* g);

} // namespace citemap::geom

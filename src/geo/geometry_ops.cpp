// GEOS calls behind plain signatures; results are owned immediately so nothing leaks on a throw.
#include "geo/geometry_ops.hpp"

#include <algorithm>
#include <cmath>

namespace citemap::geom {

Box bounds(const GeosContext& ctx, const GEOSGeometry* g) {
    Box b;
    GEOSGeom_getXMin_r(ctx.get(), g, &b.minx);
    GEOSGeom_getYMin_r(ctx.get(), g, &b.miny);
    GEOSGeom_getXMax_r(ctx.get(), g, &b.maxx);
    GEOSGeom_getYMax_r(ctx.get(), g, &b.maxy);
    return b;
}

void compute_envelopes(const GeosContext& ctx, const GEOSGeometry* g) {
    if (!g)
        return;
    const GEOSContextHandle_t h = ctx.get();
    double ignored = 0;
    GEOSGeom_getXMin_r(h, g, &ignored);
    switch (GEOSGeomTypeId_r(h, g)) {
    case GEOS_POLYGON:
        if (GEOSisEmpty_r(h, g) == 0) {
            compute_envelopes(ctx, GEOSGetExteriorRing_r(h, g));
            for (int i = 0, n = GEOSGetNumInteriorRings_r(h, g); i < n; ++i)
                compute_envelopes(ctx, GEOSGetInteriorRingN_r(h, g, i));
        }
        break;
    case GEOS_MULTIPOINT:
    case GEOS_MULTILINESTRING:
    case GEOS_MULTIPOLYGON:
    case GEOS_GEOMETRYCOLLECTION:
        for (int i = 0, n = GEOSGetNumGeometries_r(h, g); i < n; ++i)
            compute_envelopes(ctx, GEOSGetGeometryN_r(h, g, i));
        break;
    default:
        break;
    }
}

double area(const GeosContext& ctx, const GEOSGeometry* g) {
    double a = 0;
    GEOSArea_r(ctx.get(), g, &a);
    return a;
}

bool is_empty(const GeosContext& ctx, const GEOSGeometry* g) {
    return GEOSisEmpty_r(ctx.get(), g) == 1;
}

std::optional<std::string> invalid_reason(const GeosContext& ctx, const GEOSGeometry* g) {
    if (GEOSisValid_r(ctx.get(), g) == 1)
        return std::nullopt;
    const GeosString reason(GEOSisValidReason_r(ctx.get(), g), GeosStringDeleter{ctx.get()});
    return reason ? std::string(reason.get()) : std::string("invalid");
}

GeosGeom make_valid(const GeosContext& ctx, const GEOSGeometry* g) {
    return polygons_only(ctx, ctx.own(GEOSMakeValid_r(ctx.get(), g), "make valid").get());
}

// A big geometry (the 1 M-vertex bench outline: 16 MB of coordinates) met by a small one (a zone, the
// map's frame) is first cut to a rectangle round the small one, then intersected: GEOS's overlay
// of the whole big one clipped its every ring and built a point locator (an STR tree) over all its
// segments, ~0.2 s each time for that outline. Inside the rectangle the big one keeps its own
// vertices and segments, and the operands keep their order, so the overlay sees the same edges
// where the result lies (measured byte-identical on the bench outline, with a zone inside it and
// one crossing it, and for the map frame).
constexpr int kClipFirstCoordinates = 1 << 16;

GeosGeom intersection(const GeosContext& ctx, const GEOSGeometry* a, const GEOSGeometry* b) {
    const GEOSContextHandle_t h = ctx.get();
    const int na = GEOSGetNumCoordinates_r(h, a), nb = GEOSGetNumCoordinates_r(h, b);
    const bool a_big = na >= nb;
    const GEOSGeometry* big = a_big ? a : b;
    const GEOSGeometry* small = a_big ? b : a;
    if (std::max(na, nb) >= kClipFirstCoordinates && std::min(na, nb) >= 0 &&
        16 * std::min(na, nb) <= std::max(na, nb) && !is_empty(ctx, small) && !is_empty(ctx, big)) {
        const Box sb = bounds(ctx, small);
        const Box around = sb.inflated(0.01 * std::max(sb.width(), sb.height()) + 1);
        if (!around.contains(bounds(ctx, big))) {
            const GeosGeom piece = clip_to_box(ctx, big, around);
            return ctx.own(a_big ? GEOSIntersection_r(h, piece.get(), b) : GEOSIntersection_r(h, a, piece.get()),
                           "intersection");
        }
    }
    return ctx.own(GEOSIntersection_r(h, a, b), "intersection");
}

GeosGeom clip_to_box(const GeosContext& ctx, const GEOSGeometry* g, const Box& b) {
    if (GEOSGeometry* clipped = GEOSClipByRect_r(ctx.get(), g, b.minx, b.miny, b.maxx, b.maxy))
        return ctx.own(clipped, "clip to box");
    // GEOS 3.11's rectangle clipper fails on some boxes ("Invalid number of points in LinearRing found
    // 3": a bundled zone under one of the furniture spots slid along a frame edge); the general
    // intersection does not.
    return ctx.own(GEOSIntersection_r(ctx.get(), g, ctx.box(b).get()), "clip to box");
}

namespace {

double cross(Point o, Point a, Point b) {
    return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

// The points that may be corners of the hull of `pts`: all but those well inside the convex polygon of
// the extreme points in x, y, x+y and x-y (Akl and Toussaint's filter). GEOS's hull of what is left is
// its hull of all of them, found without sorting a million coordinates into its unique-point set (20 000
// land polygons of the large benchmark spent 0.3 s there).
std::vector<Point> hull_candidates(const std::vector<Point>& pts) {
    if (pts.size() < 64)
        return pts;
    auto extreme = [&](auto key) {
        return *std::min_element(pts.begin(), pts.end(), [&](Point a, Point b) { return key(a) < key(b); });
    };
    // Counter-clockwise from the lowest: lowest y, highest x-y, highest x, highest x+y, highest y, ...
    std::vector<Point> oct = {
        extreme([](Point p) { return p.y; }),  extreme([](Point p) { return p.y - p.x; }),
        extreme([](Point p) { return -p.x; }), extreme([](Point p) { return -p.x - p.y; }),
        extreme([](Point p) { return -p.y; }), extreme([](Point p) { return p.x - p.y; }),
        extreme([](Point p) { return p.x; }),  extreme([](Point p) { return p.x + p.y; })};
    oct.erase(std::unique(oct.begin(), oct.end(), [](Point a, Point b) { return a.x == b.x && a.y == b.y; }),
              oct.end());
    while (oct.size() > 1 && oct.front().x == oct.back().x && oct.front().y == oct.back().y)
        oct.pop_back();
    if (oct.size() < 3)
        return pts;
    double span = 0;
    for (const Point& q : oct)
        span = std::max({span, std::abs(q.x - oct[0].x), std::abs(q.y - oct[0].y)});
    // Well inside: farther than a millionth of the span from every side, so no rounding in `cross` can
    // drop a point GEOS's robust predicates would call a corner.
    const double margin = 1e-6 * span * span;
    // Extremes in a line with their neighbours (a square's corners are extreme twice over) add nothing.
    for (std::size_t i = 0; oct.size() >= 3 && i < oct.size();) {
        if (cross(oct[i], oct[(i + 1) % oct.size()], oct[(i + 2) % oct.size()]) <= margin)
            oct.erase(oct.begin() + static_cast<std::ptrdiff_t>((i + 1) % oct.size()));
        else
            ++i;
    }
    if (oct.size() < 3)
        return pts;
    std::vector<Point> out;
    for (const Point& p : pts) {
        bool inside = true;
        for (std::size_t i = 0; i < oct.size() && inside; ++i)
            inside = cross(oct[i], oct[(i + 1) % oct.size()], p) > margin;
        if (!inside)
            out.push_back(p);
    }
    return out;
}

} // namespace

GeosGeom convex_hull(const GeosContext& ctx, const std::vector<Point>& pts) {
    std::vector<GeosGeom> points;
    for (const Point& p : hull_candidates(pts))
        points.push_back(ctx.own(GEOSGeom_createPointFromXY_r(ctx.get(), p.x, p.y), "point"));
    std::vector<GEOSGeometry*> owned; // handed to the collection, which frees them
    for (GeosGeom& pt : points)
        owned.push_back(pt.release());
    const GeosGeom all = ctx.own(GEOSGeom_createCollection_r(ctx.get(), GEOS_MULTIPOINT, owned.data(),
                                                             static_cast<unsigned>(owned.size())),
                                 "collection");
    return ctx.own(GEOSConvexHull_r(ctx.get(), all.get()), "convex hull");
}

GeosGeom difference(const GeosContext& ctx, const GEOSGeometry* a, const GEOSGeometry* b) {
    return ctx.own(GEOSDifference_r(ctx.get(), a, b), "difference");
}

GeosGeom union_all(const GeosContext& ctx, const std::vector<const GEOSGeometry*>& parts) {
    if (parts.empty())
        return ctx.empty_polygon();
    std::vector<GEOSGeometry*> clones;
    for (const GEOSGeometry* p : parts)
        clones.push_back(GEOSGeom_clone_r(ctx.get(), p));
    GeosGeom collection =
        ctx.own(GEOSGeom_createCollection_r(ctx.get(), GEOS_GEOMETRYCOLLECTION, clones.data(),
                                            static_cast<unsigned>(clones.size())),
                "collect");
    return ctx.own(GEOSUnaryUnion_r(ctx.get(), collection.get()), "union");
}

GeosGeom polygons_only(const GeosContext& ctx, const GEOSGeometry* g) {
    // Repair and clipping can leave slivers as lines or points next to the polygons we want.
    const int type = GEOSGeomTypeId_r(ctx.get(), g);
    if (type == GEOS_POLYGON || type == GEOS_MULTIPOLYGON)
        return ctx.clone(g);
    std::vector<const GEOSGeometry*> keep;
    const int n = GEOSGetNumGeometries_r(ctx.get(), g);
    std::vector<GeosGeom> owned;
    for (int i = 0; i < n; ++i) {
        const GEOSGeometry* part = GEOSGetGeometryN_r(ctx.get(), g, i);
        const int t = GEOSGeomTypeId_r(ctx.get(), part);
        if (t == GEOS_POLYGON || t == GEOS_MULTIPOLYGON)
            keep.push_back(part);
        else if (t == GEOS_GEOMETRYCOLLECTION) {
            owned.push_back(polygons_only(ctx, part));
            keep.push_back(owned.back().get());
        }
    }
    return union_all(ctx, keep);
}

// GEOS 3.11 answers an intersects between two shapes through a full relate, which nodes both
// geometries into a graph: ~1.7 M instructions for a Gaza zone against a neighbour country, asked
// for pairs in every page's label search. The prepared test (points in area, then crossing segments,
// both over an index of the larger) gives the same answer for a fraction of that. A rectangle, a
// point or any geometry of a few vertices keeps the plain test: GEOS takes its rectangle shortcut
// there, a walk over the other geometry's vertices without building an index (a million-vertex
// coast asked whether it meets the map's frame).
constexpr int kPlainIntersectsUpTo = 5;

bool intersects(const GeosContext& ctx, const GEOSGeometry* a, const GEOSGeometry* b) {
    const GEOSContextHandle_t h = ctx.get();
    const int na = GEOSGetNumCoordinates_r(h, a), nb = GEOSGetNumCoordinates_r(h, b);
    if (std::min(na, nb) <= kPlainIntersectsUpTo)
        return GEOSIntersects_r(h, a, b) == 1;
    const GeosPrepared larger = ctx.prepare(na >= nb ? a : b);
    return GEOSPreparedIntersects_r(h, larger.get(), na >= nb ? b : a) == 1;
}

GeosGeom buffer(const GeosContext& ctx, const GEOSGeometry* g, double width) {
    return ctx.own(GEOSBufferWithStyle_r(ctx.get(), g, width, 8, GEOSBUF_CAP_FLAT, GEOSBUF_JOIN_MITRE, 3.0),
                   "buffer");
}

namespace {

// A line longer than this is banded in pieces of kBandPiece vertices (band, below).
constexpr int kBandWholeUpTo = 1000;
constexpr int kBandPiece = 200;

} // namespace

GeosGeom band(const GeosContext& ctx, const GEOSGeometry* g, double width) {
    GEOSContextHandle_t h = ctx.get();
    if (!is_lineal(ctx, g) || GEOSGetNumCoordinates_r(h, g) <= kBandWholeUpTo)
        return ctx.own(GEOSBuffer_r(h, g, width, 16), "buffer");
    // GEOS buffers a line by noding the whole offset curve around it with itself. Along a detailed
    // coast whose bays are narrower than the band, every stretch of that curve crosses thousands of
    // others: the 2 km band of a 41k-vertex coastline took 7.5 s and 950 MB. Everything within
    // `width` of a line is the union of what is within `width` of each of its pieces, so the line is
    // banded in pieces of kBandPiece vertices (each sharing its end vertex with the next) and the
    // bands are united: 0.4 s and 11 MB, the same area to 1e-9. The pieces' round ends are drawn with
    // GEOS's 16 segments a quarter circle as the joins they replace, from other starting angles, so
    // an edge may move by up to the chord's sagitta, width * (1 - cos(pi / 64)), 0.12 % of the width.
    std::vector<GeosGeom> bands;
    for (int part = 0, parts = GEOSGetNumGeometries_r(h, g); part < parts; ++part) {
        const GEOSGeometry* line = GEOSGetGeometryN_r(h, g, part);
        const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, line);
        unsigned int n = 0;
        if (!seq || !GEOSCoordSeq_getSize_r(h, seq, &n) || n == 0)
            continue;
        std::vector<Point> xy(n);
        GEOSCoordSeq_copyToBuffer_r(h, seq, &xy.front().x, 0, 0);
        for (unsigned int first = 0; first + 1 < n; first += kBandPiece) {
            const unsigned int count = std::min<unsigned int>(kBandPiece + 1, n - first);
            const GeosGeom piece = ctx.own(
                GEOSGeom_createLineString_r(h, GEOSCoordSeq_copyFromBuffer_r(h, &xy[first].x, count, 0, 0)),
                "line piece");
            bands.push_back(ctx.own(GEOSBuffer_r(h, piece.get(), width, 16), "buffer"));
        }
    }
    std::vector<const GEOSGeometry*> raw;
    for (const GeosGeom& b : bands)
        raw.push_back(b.get());
    return union_all(ctx, raw);
}

GeosGeom boundary(const GeosContext& ctx, const GEOSGeometry* g) {
    return ctx.own(GEOSBoundary_r(ctx.get(), g), "boundary");
}

bool is_lineal(const GeosContext& ctx, const GEOSGeometry* g) {
    const int t = GEOSGeomTypeId_r(ctx.get(), g);
    return t == GEOS_LINESTRING || t == GEOS_MULTILINESTRING || t == GEOS_LINEARRING;
}

bool is_polygonal(const GeosContext& ctx, const GEOSGeometry* g) {
    const int t = GEOSGeomTypeId_r(ctx.get(), g);
    return t == GEOS_POLYGON || t == GEOS_MULTIPOLYGON;
}

Point point_on_surface(const GeosContext& ctx, const GEOSGeometry* g) {
    GeosGeom p = ctx.own(GEOSPointOnSurface_r(ctx.get(), g), "point on surface");
    const auto pts = points(ctx, p.get());
    return pts.empty() ? Point{} : pts.front();
}

std::vector<GeosGeom> split_by_line(const GeosContext& ctx, const GEOSGeometry* area, const GEOSGeometry* line) {
    // Union nodes the edge and the line at every crossing; polygonize keeps closed faces only, so the
    // line's ends beyond the edge (dangles) drop out.
    GeosGeom edge = boundary(ctx, area);
    GeosGeom noded = ctx.own(GEOSUnion_r(ctx.get(), edge.get(), line), "node");
    const GEOSGeometry* in[] = {noded.get()};
    GeosGeom faces = ctx.own(GEOSPolygonize_r(ctx.get(), in, 1), "polygonize");
    GeosPrepared inside = ctx.prepare(area);
    std::vector<GeosGeom> out;
    const int n = GEOSGetNumGeometries_r(ctx.get(), faces.get());
    for (int i = 0; i < n; ++i) {
        const GEOSGeometry* f = GEOSGetGeometryN_r(ctx.get(), faces.get(), i);
        GeosGeom p = ctx.own(GEOSPointOnSurface_r(ctx.get(), f), "point on surface");
        if (GEOSPreparedContains_r(ctx.get(), inside.get(), p.get()) == 1)
            out.push_back(ctx.clone(f));
    }
    return out;
}

int side_of_line(const GeosContext& ctx, const GEOSGeometry* line, Point p) {
    // The nearest part of the line decides: step a little either way along it for the local direction.
    GeosGeom pt = ctx.own(GEOSGeom_createPointFromXY_r(ctx.get(), p.x, p.y), "point");
    double length = 0;
    GEOSLength_r(ctx.get(), line, &length);
    const double at = GEOSProject_r(ctx.get(), line, pt.get());
    const double eps = std::max(length * 1e-6, 1e-9);
    auto point_at = [&](double d) {
        GeosGeom q = ctx.own(GEOSInterpolate_r(ctx.get(), line, std::clamp(d, 0.0, length)), "interpolate");
        const auto pts = points(ctx, q.get());
        return pts.empty() ? Point{} : pts.front();
    };
    const Point n = point_at(at), a = point_at(at - eps), b = point_at(at + eps);
    const double cross = (b.x - a.x) * (p.y - n.y) - (b.y - a.y) * (p.x - n.x);
    return cross > 0 ? 1 : cross < 0 ? -1 : 0;
}

namespace {
int transform_point(double* x, double* y, void* userdata) {
    const auto& f = *static_cast<const std::function<Point(Point)>*>(userdata);
    const Point q = f({*x, *y});
    *x = q.x;
    *y = q.y;
    return std::isfinite(q.x) && std::isfinite(q.y) ? 1 : 0;
}
} // namespace

GeosGeom transform(const GeosContext& ctx, const GEOSGeometry* g, const std::function<Point(Point)>& f) {
    return ctx.own(GEOSGeom_transformXY_r(ctx.get(), g, transform_point,
                                          const_cast<void*>(static_cast<const void*>(&f))),
                   "transform");
}

Circle max_inscribed_circle(const GeosContext& ctx, const GEOSGeometry* g, double tolerance) {
    GeosGeom line =
        ctx.own(GEOSMaximumInscribedCircle_r(ctx.get(), g, tolerance), "maximum inscribed circle");
    const auto pts = lines(ctx, line.get());
    if (pts.empty() || pts.front().size() < 2)
        return {};
    const Point c = pts.front()[0], e = pts.front()[1];
    return {c, std::hypot(e.x - c.x, e.y - c.y)};
}

namespace {

Ring read_sequence(const GeosContext& ctx, const GEOSCoordSequence* seq) {
    unsigned n = 0;
    GEOSCoordSeq_getSize_r(ctx.get(), seq, &n);
    Ring r(n);
    for (unsigned i = 0; i < n; ++i)
        GEOSCoordSeq_getXY_r(ctx.get(), seq, i, &r[i].x, &r[i].y);
    return r;
}

void collect(const GeosContext& ctx, const GEOSGeometry* g, std::vector<std::vector<Ring>>* polys,
             std::vector<Ring>* paths, std::vector<Point>* pts) {
    switch (GEOSGeomTypeId_r(ctx.get(), g)) {
    case GEOS_POLYGON: {
        if (!polys || GEOSisEmpty_r(ctx.get(), g))
            return;
        std::vector<Ring> rings;
        rings.push_back(
            read_sequence(ctx, GEOSGeom_getCoordSeq_r(ctx.get(), GEOSGetExteriorRing_r(ctx.get(), g))));
        const int holes = GEOSGetNumInteriorRings_r(ctx.get(), g);
        for (int i = 0; i < holes; ++i)
            rings.push_back(read_sequence(
                ctx, GEOSGeom_getCoordSeq_r(ctx.get(), GEOSGetInteriorRingN_r(ctx.get(), g, i))));
        polys->push_back(std::move(rings));
        return;
    }
    case GEOS_LINESTRING:
    case GEOS_LINEARRING:
        if (paths && !GEOSisEmpty_r(ctx.get(), g))
            paths->push_back(read_sequence(ctx, GEOSGeom_getCoordSeq_r(ctx.get(), g)));
        return;
    case GEOS_POINT:
        if (pts && !GEOSisEmpty_r(ctx.get(), g)) {
            Point p;
            GEOSGeomGetX_r(ctx.get(), g, &p.x);
            GEOSGeomGetY_r(ctx.get(), g, &p.y);
            pts->push_back(p);
        }
        return;
    default: {
        const int n = GEOSGetNumGeometries_r(ctx.get(), g);
        for (int i = 0; i < n; ++i)
            collect(ctx, GEOSGetGeometryN_r(ctx.get(), g, i), polys, paths, pts);
    }
    }
}

} // namespace

std::vector<std::vector<Ring>> polygons(const GeosContext& ctx, const GEOSGeometry* g) {
    std::vector<std::vector<Ring>> out;
    collect(ctx, g, &out, nullptr, nullptr);
    return out;
}

std::vector<Ring> lines(const GeosContext& ctx, const GEOSGeometry* g) {
    std::vector<Ring> out;
    collect(ctx, g, nullptr, &out, nullptr);
    return out;
}

std::vector<Point> points(const GeosContext& ctx, const GEOSGeometry* g) {
    std::vector<Point> out;
    collect(ctx, g, nullptr, nullptr, &out);
    return out;
}

} // namespace citemap::geom

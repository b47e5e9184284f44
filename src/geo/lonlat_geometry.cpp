// Geometry as read, before projection (see lonlat_geometry.hpp).
#include "geo/lonlat_geometry.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace citemap {

bool LonLatGeometry::is_empty() const {
    if (!parts.empty())
        return std::all_of(parts.begin(), parts.end(), [](const LonLatGeometry& p) { return p.is_empty(); });
    return std::all_of(rings.begin(), rings.end(), [](const Ring& r) { return r.empty(); });
}

std::size_t LonLatGeometry::wkb_size() const {
    // Byte order and type (5), then a count (4) for everything but a point.
    switch (type) {
    case GeomType::point:
        return 21;
    case GeomType::line_string:
        return 9 + 16 * (rings.empty() ? 0 : rings.front().size());
    case GeomType::polygon: {
        std::size_t n = 9;
        for (const Ring& r : rings)
            n += 4 + 16 * r.size();
        return n;
    }
    default: {
        std::size_t n = 9;
        for (const LonLatGeometry& p : parts)
            n += p.wkb_size();
        return n;
    }
    }
}

namespace {

double ring_length(const Ring& r) {
    double total = 0;
    for (std::size_t i = 1; i < r.size(); ++i)
        total += std::sqrt((r[i].x - r[i - 1].x) * (r[i].x - r[i - 1].x) + (r[i].y - r[i - 1].y) * (r[i].y - r[i - 1].y));
    return total;
}

// The intermediate positions a segment of squared length `d2` gets (0 when it is short enough).
int intermediate_points(double d2, double max2) {
    if (!(d2 - max2 > 1e-5 * max2))
        return 0;
    const double n = std::floor(std::sqrt(d2 / max2) - 1e-2);
    if (!(n > 0))
        return 0;
    return n >= std::numeric_limits<int>::max() ? std::numeric_limits<int>::max() : static_cast<int>(n);
}

void segmentize_ring(Ring& r, double max_length) {
    if (r.size() < 2)
        return;
    // Drawn from its greater end (by x, then y): the same line either way round gets the same points.
    const bool reverse = r.front().x < r.back().x || (r.front().x == r.back().x && r.front().y < r.back().y);
    if (reverse)
        std::reverse(r.begin(), r.end());
    const double max2 = max_length * max_length;
    std::size_t total = r.size();
    for (std::size_t i = 0; i + 1 < r.size(); ++i) {
        const double dx = r[i + 1].x - r[i].x, dy = r[i + 1].y - r[i].y;
        total += static_cast<std::size_t>(intermediate_points(dx * dx + dy * dy, max2));
        if (total > (std::size_t{2} << 26))
            return; // OGR's bound: a few GB of points is refused, the line left as it was
    }
    if (total != r.size()) {
        Ring out;
        out.reserve(total);
        for (std::size_t i = 0; i < r.size(); ++i) {
            out.push_back(r[i]);
            if (i + 1 == r.size())
                break;
            const double dx = r[i + 1].x - r[i].x, dy = r[i + 1].y - r[i].y;
            const int n = intermediate_points(dx * dx + dy * dy, max2);
            for (int j = 1; j <= n; ++j)
                out.push_back({r[i].x + j * dx / (n + 1), r[i].y + j * dy / (n + 1)});
        }
        r = std::move(out);
    }
    if (reverse)
        std::reverse(r.begin(), r.end());
}

void expand(Box& b, bool& any, const Ring& r) {
    for (const Point& p : r) {
        if (!any) {
            b = {p.x, p.y, p.x, p.y};
            any = true;
        } else {
            b.minx = std::min(b.minx, p.x);
            b.miny = std::min(b.miny, p.y);
            b.maxx = std::max(b.maxx, p.x);
            b.maxy = std::max(b.maxy, p.y);
        }
    }
}

void expand(Box& b, bool& any, const LonLatGeometry& g) {
    for (const Ring& r : g.rings)
        expand(b, any, r);
    for (const LonLatGeometry& p : g.parts)
        expand(b, any, p);
}

} // namespace

double LonLatGeometry::length() const {
    double total = 0;
    if (type != GeomType::point)
        for (const Ring& r : rings)
            total += ring_length(r);
    for (const LonLatGeometry& p : parts)
        total += p.length();
    return total;
}

Box LonLatGeometry::envelope() const {
    Box b;
    bool any = false;
    expand(b, any, *this);
    return b;
}

void LonLatGeometry::segmentize(double max_length) {
    if (!(max_length > 0))
        return;
    if (type != GeomType::point)
        for (Ring& r : rings)
            segmentize_ring(r, max_length);
    for (LonLatGeometry& p : parts)
        p.segmentize(max_length);
}

const char* geom_type_name(GeomType t) {
    switch (t) {
    case GeomType::point:
        return "Point";
    case GeomType::line_string:
        return "LineString";
    case GeomType::polygon:
        return "Polygon";
    case GeomType::multi_point:
        return "MultiPoint";
    case GeomType::multi_line_string:
        return "MultiLineString";
    case GeomType::multi_polygon:
        return "MultiPolygon";
    case GeomType::collection:
        return "GeometryCollection";
    }
    return "Geometry";
}

namespace {

struct Builder {
    const GeosContext& ctx;
    GEOSContextHandle_t h;
    const std::function<bool(std::vector<Point>&)>& to_map;
    bool* unprojectable;

    GEOSCoordSequence* sequence(const Ring& lonlat) const {
        std::vector<Point> xy = lonlat;
        if (!to_map(xy)) {
            *unprojectable = true;
            return nullptr;
        }
        static_assert(sizeof(Point) == 2 * sizeof(double));
        return GEOSCoordSeq_copyFromBuffer_r(h, &xy.front().x, static_cast<unsigned>(xy.size()), 0, 0);
    }

    GEOSGeometry* build(const LonLatGeometry& g) const {
        switch (g.type) {
        case GeomType::point:
            if (g.rings.empty() || g.rings.front().empty())
                return GEOSGeom_createEmptyPoint_r(h);
            if (GEOSCoordSequence* s = sequence({g.rings.front().front()}))
                return GEOSGeom_createPoint_r(h, s);
            return nullptr;
        case GeomType::line_string:
            if (g.rings.empty() || g.rings.front().empty())
                return GEOSGeom_createEmptyLineString_r(h);
            if (GEOSCoordSequence* s = sequence(g.rings.front()))
                return GEOSGeom_createLineString_r(h, s);
            return nullptr;
        case GeomType::polygon: {
            if (g.rings.empty() || g.rings.front().empty())
                return GEOSGeom_createEmptyPolygon_r(h);
            std::vector<GEOSGeometry*> rings;
            for (const Ring& r : g.rings) {
                GEOSCoordSequence* s = sequence(r);
                GEOSGeometry* ring = s ? GEOSGeom_createLinearRing_r(h, s) : nullptr;
                if (!ring) {
                    for (GEOSGeometry* made : rings)
                        GEOSGeom_destroy_r(h, made);
                    return nullptr;
                }
                rings.push_back(ring);
            }
            return GEOSGeom_createPolygon_r(h, rings.front(), rings.data() + 1,
                                            static_cast<unsigned>(rings.size() - 1));
        }
        default: {
            const int type = g.type == GeomType::multi_point        ? GEOS_MULTIPOINT
                             : g.type == GeomType::multi_line_string ? GEOS_MULTILINESTRING
                             : g.type == GeomType::multi_polygon     ? GEOS_MULTIPOLYGON
                                                                     : GEOS_GEOMETRYCOLLECTION;
            std::vector<GEOSGeometry*> parts;
            for (const LonLatGeometry& p : g.parts) {
                GEOSGeometry* made = build(p);
                if (!made) {
                    for (GEOSGeometry* m : parts)
                        GEOSGeom_destroy_r(h, m);
                    return nullptr;
                }
                parts.push_back(made);
            }
            if (parts.empty())
                return GEOSGeom_createEmptyCollection_r(h, type);
            return GEOSGeom_createCollection_r(h, type, parts.data(), static_cast<unsigned>(parts.size()));
        }
        }
    }
};

} // namespace

RingProblem ring_problem(const LonLatGeometry& g) {
    static const std::string plain_numbers =
        "write each coordinate as a plain number of degrees (or of the file's crs units), e.g. 34.4512";
    static const std::string close_rings =
        "end every ring with its first position again (RFC 7946), as geojson.io and QGIS write it";
    auto at = [](const Point& p) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.5f, %.5f", p.x, p.y);
        return std::string(buf);
    };
    const bool polygon = g.type == GeomType::polygon;
    for (std::size_t i = 0; i < g.rings.size(); ++i) {
        const Ring& r = g.rings[i];
        const std::string which = polygon                          ? "its ring " + std::to_string(i + 1) + (i == 0 ? " (the outer one)" : " (a hole)")
                                  : g.type == GeomType::line_string ? std::string("its line")
                                                                    : std::string("its point");
        // 1e999 parses as infinity, and GDAL reads NaN: GEOS would take either, and every later overlay
        // would be nonsense (a [[place]] at NaN was checked, rendered and drawn nowhere).
        for (std::size_t k = 0; k < r.size(); ++k)
            if (!std::isfinite(r[k].x) || !std::isfinite(r[k].y))
                return {which +
                            (std::isnan(r[k].x) || std::isnan(r[k].y) ? " has a coordinate that is not a number (NaN)"
                                                                      : " has a number too large to be a coordinate") +
                            " at its position " + std::to_string(k + 1) + " (" + at(r[k]) + ")",
                        plain_numbers};
        if (!polygon)
            continue;
        if (!r.empty() && (r.front().x != r.back().x || r.front().y != r.back().y))
            return {which + " is not closed: it ends at " + at(r.back()) + ", not at its first point " + at(r.front()),
                    close_rings};
        if (!r.empty() && r.size() < 4)
            return {which + " has " + std::to_string(r.size()) +
                        " positions; a ring needs at least four, its first repeated as its last",
                    close_rings};
    }
    for (const LonLatGeometry& part : g.parts)
        if (RingProblem bad = ring_problem(part))
            return bad;
    return {};
}

GeosGeom to_geos(const GeosContext& ctx, const LonLatGeometry& g, const std::function<bool(std::vector<Point>&)>& to_map) {
    bool unprojectable = false;
    const Builder b{ctx, ctx.get(), to_map, &unprojectable};
    GEOSGeometry* made = b.build(g);
    if (!made && unprojectable)
        return nullptr;
    return ctx.own(made, "build geometry"); // GEOS refused it (a ring too short or open): own() says why
}

} // namespace citemap

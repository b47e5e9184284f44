// A feature's geometry as read, in WGS 84 longitude/latitude, before it is projected into GEOS: what the
// plain GeoJSON reader and the GDAL module both hand to load_geography. Its own small type, not OGR's,
// so a project of plain GeoJSON never loads GDAL (see docs/architecture.md, "Start-up").
#pragma once

#include "geo/geos_handle.hpp"

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace citemap {

enum class GeomType { point, line_string, polygon, multi_point, multi_line_string, multi_polygon, collection };

struct LonLatGeometry {
    GeomType type = GeomType::point;
    // point: one ring of one position (none when empty); line_string: one ring (none when empty);
    // polygon: shell then holes. Multi types and collections keep theirs in `parts`.
    std::vector<Ring> rings;
    std::vector<LonLatGeometry> parts;

    [[nodiscard]] bool is_empty() const;
    // Bytes of its 2-D WKB (as OGR's WkbSize counts them): what the zone vertex limit measures.
    [[nodiscard]] std::size_t wkb_size() const;
    // Sum of the segment lengths of every line and ring, in degrees (OGR's get_Length summed per curve).
    [[nodiscard]] double length() const;
    [[nodiscard]] Box envelope() const; // of an empty geometry: {0, 0, 0, 0}
    // Splits every segment longer than `max_length` into equal parts, as OGR's segmentize does (a line
    // is split in the direction that makes its result the same whichever way it was drawn).
    void segmentize(double max_length);
};

// Why GEOS would refuse a ring of a polygon, in the author's words ("its ring 1 is not closed: it ends
// at 10.10000, 50.10000, not at its first point 10.00000, 50.05000"), or any geometry's coordinate that
// is infinite or NaN; empty when every ring is closed and has four points and every coordinate is a
// number. GDAL reads open rings as they are, and GEOS's refusal named no file. The advice is chosen
// with the problem, so that no caller tells them apart by their wording.
struct RingProblem {
    std::string why;    // empty: no problem
    std::string advice; // what to do about it
    explicit operator bool() const { return !why.empty(); }
};
[[nodiscard]] RingProblem ring_problem(const LonLatGeometry& g);

// "Point", "LineString", ...: the names GeoJSON uses, which most authors see in their editor.
[[nodiscard]] const char* geom_type_name(GeomType t);

// The geometry in GEOS, every ring's positions through `to_map`, which projects them in place; when it
// says false (a position it cannot project), nullptr. Throws Error when GEOS refuses the geometry.
[[nodiscard]] GeosGeom to_geos(const GeosContext& ctx, const LonLatGeometry& g,
                               const std::function<bool(std::vector<Point>&)>& to_map);

} // namespace citemap

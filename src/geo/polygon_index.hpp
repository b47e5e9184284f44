// Whether a box meets a (multi)polygon, asked only of its polygons near the box. GEOS's prepared test
// of a multipolygon checks the first point of every one of its polygons against the box: ~15,000
// instructions per test for the union of a 1000-zone map, which the zone-label search asks tens of
// thousands of times. A box meets a valid multipolygon exactly when it meets one of its polygons (each
// test is exact on the same coordinates), and it cannot meet one whose envelope lies apart from its
// own, so the answer is the same as asking the whole.
#pragma once

#include "geo/geos_handle.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace citemap {

// Whether `box`, the rectangle `wbox` as GeosContext::box makes it, meets `g` (touching included),
// whose prepared form is `prepared`: GEOSPreparedIntersects_r's answer. A g of few vertices is asked
// unprepared when the rectangle has an area: GEOS then takes its rectangle test (envelopes, the
// rectangle's corners in g, g's segments against its diagonals), a few hundred instructions where
// the prepared test spends ~4,400 setting up the box. Both are exact on the same coordinates, so the
// answer is the same (the tests compare); a flat box, an invalid polygon, can differ, and is asked
// prepared.
[[nodiscard]] bool box_meets(const GeosContext& ctx, const GEOSPreparedGeometry* prepared, const GEOSGeometry* g,
                             const Box& wbox, const GEOSGeometry* box);

class PolygonIndex {
  public:
    // `g` must outlive the index. A MultiPolygon is indexed by its polygons; any other geometry is
    // asked whole.
    PolygonIndex(const GeosContext& ctx, const GEOSGeometry* g);
    // The union of `shapes`, without computing it: a box meets the union exactly when it meets one of
    // them. Each must outlive the index. The 1000-zone check spent 5 % of its time uniting a thousand
    // zones for the zone-label search to ask whether a box meets any of them.
    PolygonIndex(const GeosContext& ctx, const std::vector<const GEOSGeometry*>& shapes);

    // The envelope of every polygon indexed; nullopt when there is none.
    [[nodiscard]] std::optional<Box> envelope() const;

    // Whether the box `wbox` (g's coordinates) meets g, touching included, as
    // GEOSPreparedIntersects_r(prepare(g), box) == 1 answers it. `box` makes the box as a GEOS
    // geometry; it is called only when a polygon lies near (most boxes are decided by envelopes).
    [[nodiscard]] bool intersects(const Box& wbox, const std::function<const GEOSGeometry*()>& box) const;

  private:
    struct Part {
        const GEOSGeometry* geom;
        Box env;
        mutable GeosPrepared prepared; // made on first use
        mutable std::uint64_t seen;    // the query that last tested it
        bool small;                    // few vertices: asked unprepared (box_meets)
    };
    struct Cells {
        int x0, y0, x1, y1;
    };
    void add(const GEOSGeometry* g); // its polygons, as parts
    void build_cells();
    [[nodiscard]] Cells cell_range(const Box& b) const;
    [[nodiscard]] bool test(const Part& p, const Box& wbox, const std::function<const GEOSGeometry*()>& box) const;

    const GeosContext& ctx_;
    std::vector<Part> parts_;
    Box env_;
    int grid_ = 1; // grid_ x grid_ cells over env_, each listing the parts whose envelope meets it
    std::vector<std::vector<std::size_t>> cells_;
    mutable std::uint64_t stamp_ = 0;
};

} // namespace citemap

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
#include <vector>

namespace citemap {

class PolygonIndex {
  public:
    // `g` must outlive the index. A MultiPolygon is indexed by its polygons; any other geometry is
    // asked whole.
    PolygonIndex(const GeosContext& ctx, const GEOSGeometry* g);

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
    };
    struct Cells {
        int x0, y0, x1, y1;
    };
    [[nodiscard]] Cells cell_range(const Box& b) const;
    [[nodiscard]] bool test(const Part& p, const std::function<const GEOSGeometry*()>& box) const;

    const GeosContext& ctx_;
    std::vector<Part> parts_;
    Box env_;
    int grid_ = 1; // grid_ x grid_ cells over env_, each listing the parts whose envelope meets it
    std::vector<std::vector<std::size_t>> cells_;
    mutable std::uint64_t stamp_ = 0;
};

} // namespace citemap

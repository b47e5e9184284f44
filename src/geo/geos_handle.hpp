// RAII for the GEOS reentrant C API: one context per run, geometries that free themselves.
#pragma once

#include <geos_c.h>

#include <memory>
#include <string>
#include <vector>

namespace citemap {

struct Point {
    double x = 0, y = 0;
};
using Ring = std::vector<Point>;

struct Box {
    double minx = 0, miny = 0, maxx = 0, maxy = 0;
    [[nodiscard]] double width() const { return maxx - minx; }
    [[nodiscard]] double height() const { return maxy - miny; }
    [[nodiscard]] bool intersects(const Box& o) const {
        return minx < o.maxx && o.minx < maxx && miny < o.maxy && o.miny < maxy;
    }
    [[nodiscard]] bool contains(const Box& o) const {
        return o.minx >= minx && o.maxx <= maxx && o.miny >= miny && o.maxy <= maxy;
    }
    // Contains `o` with room on every side: none of its edges touches o.
    [[nodiscard]] bool strictly_around(const Box& o) const {
        return o.minx > minx && o.maxx < maxx && o.miny > miny && o.maxy < maxy;
    }
    [[nodiscard]] Box inflated(double d) const { return {minx - d, miny - d, maxx + d, maxy + d}; }
    void expand(const Box& o);
};

class GeosContext;

struct GeosStringDeleter {
    GEOSContextHandle_t ctx = nullptr;
    void operator()(char* s) const { GEOSFree_r(ctx, s); }
};
using GeosString = std::unique_ptr<char, GeosStringDeleter>;

struct GeosWkbReaderDeleter {
    GEOSContextHandle_t ctx = nullptr;
    void operator()(GEOSWKBReader* r) const { GEOSWKBReader_destroy_r(ctx, r); }
};
using GeosWkbReader = std::unique_ptr<GEOSWKBReader, GeosWkbReaderDeleter>;

struct GeosDeleter {
    GEOSContextHandle_t ctx = nullptr;
    void operator()(GEOSGeometry* g) const { GEOSGeom_destroy_r(ctx, g); }
};
using GeosGeom = std::unique_ptr<GEOSGeometry, GeosDeleter>;

struct GeosPreparedDeleter {
    GEOSContextHandle_t ctx = nullptr;
    void operator()(const GEOSPreparedGeometry* g) const { GEOSPreparedGeom_destroy_r(ctx, g); }
};
using GeosPrepared = std::unique_ptr<const GEOSPreparedGeometry, GeosPreparedDeleter>;

// GEOS through its reentrant API; GEOS messages are kept for our own error text instead of printed.
// A GEOS context handle may serve one thread at a time, so every thread works through a handle of its
// own, made when the thread first asks (get()) and finished when it ends: pages are laid out on
// several threads from one project. Geometries outlive the thread that made them (a project loaded
// on a worker), so what this class hands out is freed through the context's own handle, which lives
// as long as the context.
class GeosContext {
  public:
    GeosContext();
    ~GeosContext();
    GeosContext(const GeosContext&) = delete;
    GeosContext& operator=(const GeosContext&) = delete;

    [[nodiscard]] GEOSContextHandle_t get() const; // the calling thread's handle
    [[nodiscard]] const std::string& last_error() const; // the calling thread's last GEOS error
    // Takes ownership of a GEOS result; throws with GEOS's message when it is null.
    [[nodiscard]] GeosGeom own(GEOSGeometry* g, const char* operation) const;
    [[nodiscard]] GeosGeom clone(const GEOSGeometry* g) const;
    [[nodiscard]] GeosPrepared prepare(const GEOSGeometry* g) const;

    [[nodiscard]] GeosGeom from_wkb(const unsigned char* wkb, std::size_t size) const;
    [[nodiscard]] GeosGeom box(const Box& b) const;
    [[nodiscard]] GeosGeom polygon(const std::vector<Ring>& rings) const;
    [[nodiscard]] GeosGeom empty_polygon() const;

  private:
    GEOSContextHandle_t handle_; // frees what own() and prepare() hand out, from any thread
};

} // namespace citemap

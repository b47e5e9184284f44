// GEOS context and construction helpers; the only place that creates or frees raw GEOS objects.
#include "geo/geos_handle.hpp"

#include "core/error.hpp"

#include <algorithm>

namespace citemap {

void Box::expand(const Box& o) {
    minx = std::min(minx, o.minx);
    miny = std::min(miny, o.miny);
    maxx = std::max(maxx, o.maxx);
    maxy = std::max(maxy, o.maxy);
}

namespace {

thread_local std::string t_last_error;

void on_message(const char* message, void*) {
    t_last_error = message ? message : "";
}

GEOSContextHandle_t new_handle() {
    GEOSContextHandle_t h = GEOS_init_r();
    GEOSContext_setErrorMessageHandler_r(h, &on_message, nullptr);
    GEOSContext_setNoticeMessageHandler_r(h, nullptr, nullptr);
    return h;
}

struct ThreadHandle {
    GEOSContextHandle_t handle = new_handle();
    ThreadHandle() = default;
    ThreadHandle(const ThreadHandle&) = delete;
    ThreadHandle& operator=(const ThreadHandle&) = delete;
    ~ThreadHandle() { GEOS_finish_r(handle); }
};

} // namespace

GeosContext::GeosContext() : handle_(new_handle()) {}

GeosContext::~GeosContext() {
    GEOS_finish_r(handle_);
}

GEOSContextHandle_t GeosContext::get() const {
    thread_local const ThreadHandle mine;
    return mine.handle;
}

const std::string& GeosContext::last_error() const {
    return t_last_error;
}

GeosGeom GeosContext::own(GEOSGeometry* g, const char* operation) const {
    if (!g)
        throw Error({}, std::string("geometry operation failed: ") + operation + ": " + last_error());
    return GeosGeom(g, GeosDeleter{handle_});
}

GeosGeom GeosContext::clone(const GEOSGeometry* g) const {
    return own(GEOSGeom_clone_r(get(), g), "clone");
}

GeosPrepared GeosContext::prepare(const GEOSGeometry* g) const {
    return GeosPrepared(GEOSPrepare_r(get(), g), GeosPreparedDeleter{handle_});
}

GeosGeom GeosContext::from_wkb(const unsigned char* wkb, std::size_t size) const {
    const GEOSContextHandle_t h = get();
    const GeosWkbReader reader(GEOSWKBReader_create_r(h), GeosWkbReaderDeleter{h});
    return own(GEOSWKBReader_read_r(h, reader.get(), wkb, size), "read WKB");
}

GeosGeom GeosContext::box(const Box& b) const {
    return polygon(
        {{{b.minx, b.miny}, {b.maxx, b.miny}, {b.maxx, b.maxy}, {b.minx, b.maxy}, {b.minx, b.miny}}});
}

GeosGeom GeosContext::empty_polygon() const {
    return own(GEOSGeom_createEmptyPolygon_r(get()), "empty polygon");
}

GeosGeom GeosContext::polygon(const std::vector<Ring>& rings) const {
    const GEOSContextHandle_t h = get();
    auto make_ring = [&](const Ring& r) {
        Ring closed = r;
        if (closed.empty() || closed.front().x != closed.back().x || closed.front().y != closed.back().y)
            closed.push_back(closed.front());
        GEOSCoordSequence* seq = GEOSCoordSeq_create_r(h, static_cast<unsigned>(closed.size()), 2);
        for (unsigned i = 0; i < closed.size(); ++i)
            GEOSCoordSeq_setXY_r(h, seq, i, closed[i].x, closed[i].y);
        return GEOSGeom_createLinearRing_r(h, seq);
    };
    GEOSGeometry* shell = make_ring(rings.at(0));
    std::vector<GEOSGeometry*> holes;
    for (std::size_t i = 1; i < rings.size(); ++i)
        holes.push_back(make_ring(rings[i]));
    return own(GEOSGeom_createPolygon_r(h, shell, holes.data(), static_cast<unsigned>(holes.size())),
               "polygon");
}

} // namespace citemap

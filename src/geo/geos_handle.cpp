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

GeosContext::GeosContext() : handle_(GEOS_init_r()) {
    GEOSContext_setErrorMessageHandler_r(handle_, &GeosContext::on_message, this);
    GEOSContext_setNoticeMessageHandler_r(handle_, nullptr, nullptr);
}

GeosContext::~GeosContext() {
    GEOS_finish_r(handle_);
}

void GeosContext::on_message(const char* message, void* self) {
    static_cast<GeosContext*>(self)->last_error_ = message ? message : "";
}

GeosGeom GeosContext::own(GEOSGeometry* g, const char* operation) const {
    if (!g)
        throw Error({}, std::string("geometry operation failed: ") + operation + ": " + last_error_);
    return GeosGeom(g, GeosDeleter{handle_});
}

GeosGeom GeosContext::clone(const GEOSGeometry* g) const {
    return own(GEOSGeom_clone_r(handle_, g), "clone");
}

GeosPrepared GeosContext::prepare(const GEOSGeometry* g) const {
    return GeosPrepared(GEOSPrepare_r(handle_, g), GeosPreparedDeleter{handle_});
}

GeosGeom GeosContext::from_wkb(const unsigned char* wkb, std::size_t size) const {
    const GeosWkbReader reader(GEOSWKBReader_create_r(handle_), GeosWkbReaderDeleter{handle_});
    return own(GEOSWKBReader_read_r(handle_, reader.get(), wkb, size), "read WKB");
}

GeosGeom GeosContext::box(const Box& b) const {
    return polygon(
        {{{b.minx, b.miny}, {b.maxx, b.miny}, {b.maxx, b.maxy}, {b.minx, b.maxy}, {b.minx, b.miny}}});
}

GeosGeom GeosContext::empty_polygon() const {
    return own(GEOSGeom_createEmptyPolygon_r(handle_), "empty polygon");
}

GeosGeom GeosContext::polygon(const std::vector<Ring>& rings) const {
    auto make_ring = [&](const Ring& r) {
        Ring closed = r;
        if (closed.empty() || closed.front().x != closed.back().x || closed.front().y != closed.back().y)
            closed.push_back(closed.front());
        GEOSCoordSequence* seq = GEOSCoordSeq_create_r(handle_, static_cast<unsigned>(closed.size()), 2);
        for (unsigned i = 0; i < closed.size(); ++i)
            GEOSCoordSeq_setXY_r(handle_, seq, i, closed[i].x, closed[i].y);
        return GEOSGeom_createLinearRing_r(handle_, seq);
    };
    GEOSGeometry* shell = make_ring(rings.at(0));
    std::vector<GEOSGeometry*> holes;
    for (std::size_t i = 1; i < rings.size(); ++i)
        holes.push_back(make_ring(rings[i]));
    return own(GEOSGeom_createPolygon_r(handle_, shell, holes.data(), static_cast<unsigned>(holes.size())),
               "polygon");
}

} // namespace citemap

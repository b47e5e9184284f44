// Glyph outlines from Pango through a Cairo recording surface: the same shaping as PNG and PDF.
#include "render/text_outline.hpp"

#include "render/cairo_handle.hpp"
#include "text/pango_text.hpp"

#include <cstdio>

namespace citemap {

namespace {

void append(std::string& d, char command, std::initializer_list<cairo_path_data_t> points) {
    d += command;
    char buf[48];
    for (const cairo_path_data_t& p : points) {
        std::snprintf(buf, sizeof buf, "%.2f %.2f ", p.point.x, p.point.y);
        d += buf;
    }
    if (d.back() == ' ')
        d.pop_back();
}

} // namespace

std::string text_outline_path(const Text& t) {
    const TextEngine& engine = text_engine();
    PangoLayoutPtr layout = engine.layout(t.text, t.font);
    const Point top_left = engine.layout_origin(t, layout.get());
    CairoSurface surface(cairo_recording_surface_create(CAIRO_CONTENT_ALPHA, nullptr));
    CairoContext cr(cairo_create(surface.get()));
    cairo_move_to(cr.get(), top_left.x, top_left.y);
    pango_cairo_layout_path(cr.get(), layout.get());
    CairoPath path(cairo_copy_path(cr.get()));
    std::string d;
    for (int i = 0; i < path->num_data; i += path->data[i].header.length) {
        const cairo_path_data_t* p = &path->data[i];
        switch (p->header.type) {
        case CAIRO_PATH_MOVE_TO:
            append(d, 'M', {p[1]});
            break;
        case CAIRO_PATH_LINE_TO:
            append(d, 'L', {p[1]});
            break;
        case CAIRO_PATH_CURVE_TO:
            append(d, 'C', {p[1], p[2], p[3]});
            break;
        case CAIRO_PATH_CLOSE_PATH:
            d += 'Z';
            break;
        }
    }
    return d;
}

} // namespace citemap

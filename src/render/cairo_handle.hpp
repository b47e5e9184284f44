// RAII for Cairo objects.
#pragma once

#include <cairo.h>

#include <memory>

namespace citemap {

struct CairoSurfaceDeleter {
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct CairoDeleter {
    void operator()(cairo_t* c) const { cairo_destroy(c); }
};
struct CairoPatternDeleter {
    void operator()(cairo_pattern_t* p) const { cairo_pattern_destroy(p); }
};
using CairoSurface = std::unique_ptr<cairo_surface_t, CairoSurfaceDeleter>;
using CairoContext = std::unique_ptr<cairo_t, CairoDeleter>;
using CairoPattern = std::unique_ptr<cairo_pattern_t, CairoPatternDeleter>;
struct CairoFontOptionsDeleter {
    void operator()(cairo_font_options_t* o) const { cairo_font_options_destroy(o); }
};
using CairoFontOptions = std::unique_ptr<cairo_font_options_t, CairoFontOptionsDeleter>;

} // namespace citemap

namespace citemap {
struct CairoPathDeleter {
    void operator()(cairo_path_t* p) const { cairo_path_destroy(p); }
};
using CairoPath = std::unique_ptr<cairo_path_t, CairoPathDeleter>;
} // namespace citemap

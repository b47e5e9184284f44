// Cairo drawing of Scene primitives. Hatches are repeating tiles drawn into recording surfaces, so
// PDF keeps them as vector patterns and PNG rasterises them at device resolution (crisp).
#include "render/cairo_renderer.hpp"

#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "render/cairo_handle.hpp"
#include "render/png_file.hpp"
#include "text/pango_text.hpp"

#include <cairo-pdf.h>
#include <cmath>

namespace citemap {

namespace {

void set_color(cairo_t* cr, const Color& c) {
    cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a);
}

CairoPattern hatch_pattern(const Pattern& p) {
    const double s = p.spacing;
    const double w = p.line_width;
    const cairo_rectangle_t one_tile{0, 0, s, s};
    CairoSurface tile(cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &one_tile));
    {
        CairoContext cr(cairo_create(tile.get()));
        set_color(cr.get(), p.color);
        cairo_set_line_width(cr.get(), w);
        auto diagonal = [&](bool rising) {
            // Three segments per tile so the stroke runs on seamlessly across tile edges.
            for (double c : {0.0, s, 2 * s}) {
                cairo_move_to(cr.get(), c - s - w, rising ? s + w : -w);
                cairo_line_to(cr.get(), c + w, rising ? -w : s + w);
            }
            cairo_stroke(cr.get());
        };
        switch (p.hatch) {
        case Hatch::diagonal:
            diagonal(true);
            break;
        case Hatch::cross:
            diagonal(true);
            diagonal(false);
            break;
        case Hatch::dots:
            cairo_arc(cr.get(), s / 2, s / 2, w, 0, 2 * M_PI);
            cairo_fill(cr.get());
            break;
        case Hatch::horizontal:
            cairo_move_to(cr.get(), -w, s / 2);
            cairo_line_to(cr.get(), s + w, s / 2);
            cairo_stroke(cr.get());
            break;
        case Hatch::none:
            break;
        }
    }
    CairoPattern pattern(cairo_pattern_create_for_surface(tile.get()));
    cairo_pattern_set_extend(pattern.get(), CAIRO_EXTEND_REPEAT);
    return pattern;
}

void fill_with(cairo_t* cr, const Fill& f) {
    if (f.color) {
        set_color(cr, *f.color);
        cairo_fill_preserve(cr);
    }
    if (f.pattern.hatch != Hatch::none) {
        CairoPattern p = hatch_pattern(f.pattern);
        cairo_set_source(cr, p.get());
        cairo_fill_preserve(cr);
    }
}

void stroke_with(cairo_t* cr, const Stroke& s) {
    set_color(cr, s.color);
    cairo_set_line_width(cr, s.width);
    cairo_set_line_join(cr, s.round ? CAIRO_LINE_JOIN_ROUND : CAIRO_LINE_JOIN_MITER);
    cairo_set_line_cap(cr, s.round ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT);
    cairo_set_dash(cr, s.dash.data(), static_cast<int>(s.dash.size()), 0);
    cairo_stroke_preserve(cr);
    cairo_set_dash(cr, nullptr, 0, 0);
}

void draw(cairo_t* cr, const Shape& s) {
    cairo_new_path(cr);
    for (const Ring& r : s.rings) {
        if (r.empty())
            continue;
        cairo_move_to(cr, r[0].x, r[0].y);
        for (std::size_t i = 1; i < r.size(); ++i)
            cairo_line_to(cr, r[i].x, r[i].y);
        if (s.closed)
            cairo_close_path(cr);
    }
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    if (s.fill && s.closed)
        fill_with(cr, *s.fill);
    if (s.stroke)
        stroke_with(cr, *s.stroke);
    cairo_new_path(cr);
}

void draw(cairo_t* cr, const Circle& c) {
    cairo_new_path(cr);
    cairo_arc(cr, c.centre.x, c.centre.y, c.radius, 0, 2 * M_PI);
    if (c.fill)
        fill_with(cr, *c.fill);
    if (c.stroke)
        stroke_with(cr, *c.stroke);
    cairo_new_path(cr);
}

void draw(cairo_t* cr, const Text& t) {
    const TextEngine& engine = text_engine();
    PangoLayoutPtr layout = engine.layout(t.text, t.font);
    const Point top_left = engine.layout_origin(t, layout.get());
    cairo_new_path(cr);
    if (t.halo) {
        cairo_move_to(cr, top_left.x, top_left.y);
        pango_cairo_layout_path(cr, layout.get());
        set_color(cr, *t.halo);
        cairo_set_line_width(cr, t.halo_width);
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
        cairo_stroke(cr);
    }
    cairo_move_to(cr, top_left.x, top_left.y);
    set_color(cr, t.color);
    pango_cairo_show_layout(cr, layout.get());
    cairo_new_path(cr);
}

std::string tag_attr(const std::string& key, const std::string& value) {
    std::string v;
    for (char c : value) {
        if (c == '\'' || c == '\\')
            v += '\\';
        v += c;
    }
    return key + "='" + v + "'";
}

} // namespace

void draw_scene(cairo_t* cr, const Scene& scene) {
    set_color(cr, scene.background);
    cairo_paint(cr);
    for (const Layer& layer : scene.layers) {
        cairo_save(cr);
        if (layer.clip) {
            cairo_rectangle(cr, layer.clip->minx, layer.clip->miny, layer.clip->width(),
                            layer.clip->height());
            cairo_clip(cr);
        }
        for (const Item& item : layer.items) {
            if (!item.anchor_name.empty())
                cairo_tag_begin(cr, CAIRO_TAG_DEST, tag_attr("name", item.anchor_name).c_str());
            if (!item.pdf_dest.empty())
                cairo_tag_begin(cr, CAIRO_TAG_LINK, tag_attr("dest", item.pdf_dest).c_str());
            for (const Primitive& p : item.parts)
                std::visit([&](const auto& prim) { draw(cr, prim); }, p);
            if (!item.pdf_dest.empty())
                cairo_tag_end(cr, CAIRO_TAG_LINK);
            if (!item.anchor_name.empty())
                cairo_tag_end(cr, CAIRO_TAG_DEST);
        }
        cairo_restore(cr);
    }
}

void write_png(const Scene& scene, const std::filesystem::path& target, double dpi) {
    const double scale = dpi / 72.0;
    const int w = static_cast<int>(std::lround(scene.width * scale));
    const int h = static_cast<int>(std::lround(scene.height * scale));
    CairoSurface surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h));
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
        throw Error({target.string(), 0, 0, {}},
                    "cannot allocate a " + std::to_string(w) + "x" + std::to_string(h) + " image",
                    "lower --dpi or the page size");
    {
        CairoContext cr(cairo_create(surface.get()));
        cairo_scale(cr.get(), scale, scale);
        draw_scene(cr.get(), scene);
    }
    cairo_surface_flush(surface.get());
    write_atomically(target, [&](const std::filesystem::path& tmp) {
        write_png_file(tmp, cairo_image_surface_get_data(surface.get()), w, h,
                       cairo_image_surface_get_stride(surface.get()), dpi, scene.meta);
    });
}

void write_pdf(const Scene& scene, const std::filesystem::path& target) {
    write_atomically(target, [&](const std::filesystem::path& tmp) {
        CairoSurface surface(cairo_pdf_surface_create(tmp.string().c_str(), scene.width, scene.height));
        cairo_surface_t* s = surface.get();
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, scene.meta.title.c_str());
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, scene.meta.subject.c_str());
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_KEYWORDS, scene.meta.keywords.c_str());
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, scene.meta.creator.c_str());
        if (!scene.meta.author.empty())
            cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, scene.meta.author.c_str());
        // Cairo would stamp the wall clock; a fixed date keeps the file byte-identical between runs.
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, scene.meta.date_iso.c_str());
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, scene.meta.date_iso.c_str());
        {
            CairoContext cr(cairo_create(s));
            draw_scene(cr.get(), scene);
        }
        cairo_surface_finish(s);
        if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
            throw Error({target.string(), 0, 0, {}},
                        std::string("PDF output failed: ") + cairo_status_to_string(cairo_surface_status(s)));
    });
}

} // namespace citemap

// Cairo drawing of Scene primitives for the PNG and PDF backends.
#include "render/cairo_renderer.hpp"

#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/escape.hpp"
#include "render/cairo_handle.hpp"
#include "render/georef_sidecars.hpp"
#include "render/pdf_streams.hpp"
#include "render/pdf_update.hpp"
#include "render/png_file.hpp"
#include "text/pango_text.hpp"

#include <cairo-pdf.h>
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <vector>

namespace citemap {

namespace {

// Cairo deflates PDF streams with zlib's default level; with this variable set it leaves them
// uncompressed and deflate_pdf_streams() compresses them several times faster. Set here, while the
// process is still single-threaded (static initialisation), because setenv races with getenv.
const bool kCairoPdfUncompressed = setenv("CAIRO_DEBUG_PDF", "1", 1) == 0;

void set_color(cairo_t* cr, const Color& c) {
    cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a);
}

// Where a horizontal line crosses a flattened outline, left to right, with the winding count to the
// right of each crossing: answers "is (x, y) inside" by binary search under either fill rule.
class Scanline {
  public:
    void cross(const std::vector<std::pair<Point, Point>>& edges, double y) {
        crossings_.clear();
        for (const auto& [a, b] : edges)
            if ((a.y <= y && y < b.y) || (b.y <= y && y < a.y))
                crossings_.push_back({a.x + (y - a.y) / (b.y - a.y) * (b.x - a.x), a.y < b.y ? 1 : -1});
        std::sort(crossings_.begin(), crossings_.end(),
                  [](const Crossing& l, const Crossing& r) { return l.x < r.x; });
        int winding = 0;
        for (Crossing& c : crossings_)
            c.winding = winding += c.winding;
    }
    [[nodiscard]] bool inside(double x, bool even_odd) const {
        const auto it = std::lower_bound(crossings_.begin(), crossings_.end(), x,
                                         [](const Crossing& c, double v) { return c.x < v; });
        if (it == crossings_.begin())
            return false;
        const auto left = static_cast<std::size_t>(it - crossings_.begin());
        return even_odd ? left % 2 == 1 : std::prev(it)->winding != 0;
    }

  private:
    struct Crossing {
        double x;
        int winding; // the edge's direction (+1 down, -1 up), then the running sum up to it
    };
    std::vector<Crossing> crossings_;
};

// Hatches are drawn as line and dot geometry clipped to the shape, not as repeating tiles: a tile
// pattern leaves antialiasing seams at every tile edge in the PNG, and PDF editors (LibreOffice
// Draw) import PDF tiling patterns unclipped over the whole page. The geometry sits on the same
// user-space lattice as the SVG's <pattern patternUnits="userSpaceOnUse">, so all three outputs
// show the same stripes and dots at the same phase.
void hatch_geometry(cairo_t* cr, const Pattern& p) {
    const double s = p.spacing;
    const double w = p.line_width;
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    cairo_fill_extents(cr, &x0, &y0, &x1, &y1);
    if (x1 <= x0 || y1 <= y0 || s <= 0)
        return;
    cairo_save(cr);
    cairo_clip_preserve(cr);
    // The hatch is drawn over the current path: keep it to restore for the caller (stroke follows).
    CairoPath outline(cairo_copy_path(cr));
    CairoPath flat(cairo_copy_path_flat(cr));
    cairo_new_path(cr);
    set_color(cr, p.color);
    cairo_set_line_width(cr, w);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    cairo_set_dash(cr, nullptr, 0, 0);
    x0 -= s + w;
    y0 -= s + w;
    x1 += s + w;
    y1 += s + w;
    // The lines are cut to the shape here as well as clipped: PDF editors (LibreOffice Draw) drop
    // clipping paths on import, and uncut lines would then stripe the whole page. Each family is the
    // set of lines n.p = k s; `d` runs along them, perpendicular to n and of the same length.
    std::vector<std::pair<Point, Point>> edges;
    {
        Point first{}, last{};
        for (int i = 0; i < flat->num_data; i += flat->data[i].header.length) {
            const cairo_path_data_t& h = flat->data[i];
            if (h.header.type == CAIRO_PATH_MOVE_TO) {
                if (last.x != first.x || last.y != first.y)
                    edges.push_back({last, first});
                first = last = {h.header.length > 1 ? flat->data[i + 1].point.x : 0,
                                h.header.length > 1 ? flat->data[i + 1].point.y : 0};
            } else if (h.header.type == CAIRO_PATH_LINE_TO) {
                const Point p{flat->data[i + 1].point.x, flat->data[i + 1].point.y};
                edges.push_back({last, p});
                last = p;
            } else if (h.header.type == CAIRO_PATH_CLOSE_PATH) {
                edges.push_back({last, first});
                last = first;
            }
        }
        if (last.x != first.x || last.y != first.y)
            edges.push_back({last, first});
    }
    auto family = [&](Point n, Point d, double offset) {
        const double n2 = n.x * n.x + n.y * n.y;
        auto u = [&](Point p) { return n.x * p.x + n.y * p.y; };
        auto v = [&](Point p) { return d.x * p.x + d.y * p.y; };
        const double lo = std::min({u({x0, y0}), u({x0, y1}), u({x1, y0}), u({x1, y1})});
        const double hi = std::max({u({x0, y0}), u({x0, y1}), u({x1, y0}), u({x1, y1})});
        const double pad = w * std::sqrt(n2); // in v units: extend each cut by one line width
        std::vector<double> cuts;
        for (double k = std::floor((lo - offset) / s); k * s + offset <= hi; ++k) {
            const double c = k * s + offset;
            cuts.clear();
            for (const auto& [a, b] : edges) {
                const double ua = u(a), ub = u(b);
                if ((ua <= c && c < ub) || (ub <= c && c < ua))
                    cuts.push_back(v(a) + (c - ua) / (ub - ua) * (v(b) - v(a)));
            }
            std::sort(cuts.begin(), cuts.end());
            for (std::size_t i = 0; i + 1 < cuts.size(); i += 2) {
                const double va = cuts[i] - pad, vb = cuts[i + 1] + pad;
                cairo_move_to(cr, (c * n.x + va * d.x) / n2, (c * n.y + va * d.y) / n2);
                cairo_line_to(cr, (c * n.x + vb * d.x) / n2, (c * n.y + vb * d.y) / n2);
            }
        }
        cairo_stroke(cr);
    };
    switch (p.hatch) {
    case Hatch::diagonal: // x + y = k s: rising to the right on the page
        family({1, 1}, {1, -1}, 0);
        break;
    case Hatch::cross:
        family({1, 1}, {1, -1}, 0);
        family({-1, 1}, {1, 1}, 0);
        break;
    case Hatch::horizontal:
        family({0, 1}, {1, 0}, s / 2);
        break;
    case Hatch::vertical:
        family({1, 0}, {0, 1}, s / 2);
        break;
    case Hatch::falling:
        family({-1, 1}, {1, 1}, 0);
        break;
    case Hatch::grid:
        family({0, 1}, {1, 0}, s / 2);
        family({1, 0}, {0, 1}, s / 2);
        break;
    case Hatch::dots: {
        // Only dots that touch the shape, so a large zone's bounding box does not bloat the PDF. A
        // dot touches it when its centre or one of eight points on its rim is inside: tested on the
        // five scanlines a row of dots probes, each crossed with the outline once (cairo_in_fill per
        // probe walked the whole outline every time, nine times per dot).
        const bool even_odd = cairo_get_fill_rule(cr) == CAIRO_FILL_RULE_EVEN_ODD;
        std::vector<Point> keep;
        const double d = w * M_SQRT1_2;
        Scanline rows[5];
        for (double j = std::floor(y0 / s); j * s + s / 2 <= y1; ++j) {
            const double cy = j * s + s / 2;
            const double ys[5] = {cy, cy - w, cy + w, cy - d, cy + d};
            for (int r = 0; r < 5; ++r)
                rows[r].cross(edges, ys[r]);
            auto in = [&](int r, double x) { return rows[r].inside(x, even_odd); };
            for (double i = std::floor(x0 / s); i * s + s / 2 <= x1; ++i) {
                const double cx = i * s + s / 2;
                if (in(0, cx) || in(0, cx - w) || in(0, cx + w) || in(1, cx) || in(2, cx) || in(3, cx - d) ||
                    in(3, cx + d) || in(4, cx - d) || in(4, cx + d))
                    keep.push_back({cx, cy});
            }
        }
        cairo_new_path(cr);
        for (const Point& c : keep) {
            cairo_new_sub_path(cr);
            cairo_arc(cr, c.x, c.y, w, 0, 2 * M_PI);
        }
        cairo_fill(cr);
        break;
    }
    case Hatch::none:
        break;
    }
    cairo_restore(cr);
    cairo_new_path(cr);
    cairo_append_path(cr, outline.get());
}

void fill_with(cairo_t* cr, const Fill& f) {
    if (f.color) {
        set_color(cr, *f.color);
        cairo_fill_preserve(cr);
    }
    if (f.pattern.hatch != Hatch::none)
        hatch_geometry(cr, f.pattern);
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
    if (t.angle != 0) {
        // A name set along a zone: the same drawing, turned about the text's origin.
        cairo_save(cr);
        cairo_translate(cr, t.origin.x, t.origin.y);
        cairo_rotate(cr, t.angle * M_PI / 180);
        cairo_translate(cr, -t.origin.x, -t.origin.y);
        Text upright = t;
        upright.angle = 0;
        upright.box = t.upright;
        draw(cr, upright);
        cairo_restore(cr);
        return;
    }
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
    // Cairo's image backend snaps each glyph to a whole pixel, up to half a pixel from where the SVG
    // and PDF put it; in the PNG the glyphs are filled as outlines at their exact positions instead.
    // PDF keeps real, searchable text.
    if (cairo_surface_get_type(cairo_get_target(cr)) == CAIRO_SURFACE_TYPE_IMAGE) {
        pango_cairo_layout_path(cr, layout.get());
        cairo_fill(cr);
    } else {
        pango_cairo_show_layout(cr, layout.get());
    }
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

// How far an item's drawing may reach past its bounds: stroke joins (a miter reaches up to five
// widths), hatch lines, text halos and glyphs outside the layout box (accents, italics, Arabic marks).
double overreach(const Item& item) {
    double r = 1;
    for (const Primitive& p : item.parts) {
        auto fill_reach = [](const std::optional<Fill>& f) {
            return f && f->pattern.hatch != Hatch::none ? f->pattern.spacing + 2 * f->pattern.line_width : 0.0;
        };
        if (const auto* s = std::get_if<Shape>(&p))
            r = std::max({r, s->stroke ? 5 * s->stroke->width : 0.0, fill_reach(s->fill)});
        else if (const auto* c = std::get_if<Circle>(&p))
            r = std::max({r, c->stroke ? 5 * c->stroke->width : 0.0, fill_reach(c->fill)});
        else if (const auto* t = std::get_if<Text>(&p))
            r = std::max(r, 2 * t->font.size + (t->halo ? t->halo_width : 0.0));
    }
    return r;
}

} // namespace

void draw_scene(cairo_t* cr, const Scene& scene, const Box* region) {
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
            if (region && !bounds_of(item).inflated(overreach(item)).intersects(*region))
                continue; // nothing of it falls in this band of the PNG
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

std::optional<std::string> raster_problem(const Scene& scene, double dpi) {
    // Cairo's image surfaces stop at 32767 pixels a side.
    const double w = scene.width * dpi / 72.0, h = scene.height * dpi / 72.0;
    if (w <= 32767 && h <= 32767 && w >= 1 && h >= 1)
        return std::nullopt;
    return "a " + std::to_string(std::lround(w)) + "x" + std::to_string(std::lround(h)) + " pixel image at " +
           std::to_string(std::lround(dpi)) + " dpi is beyond the 32767-pixel limit";
}

void write_png(const Scene& scene, const std::filesystem::path& target, double dpi, std::size_t band_bytes) {
    write_png_image(scene, target, dpi, band_bytes);
    write_georef_sidecars(scene, target, dpi / 72.0);
}

void write_png_image(const Scene& scene, const std::filesystem::path& target, double dpi, std::size_t band_bytes) {
    const double scale = dpi / 72.0;
    const int w = static_cast<int>(std::lround(scene.width * scale));
    const int h = static_cast<int>(std::lround(scene.height * scale));
    // The page is drawn a band of rows at a time (an A4 page at 300 dpi is 35 MB whole, an A1 sheet
    // 280 MB): the band is the page moved up by a whole number of pixels, and items wholly outside it
    // are not drawn. The move is the surface's device offset, not a translation in the CTM: Pango
    // places a layout from cairo_get_current_point, which maps the point back to user space through
    // the inverse CTM, and with the band's offset in the CTM that round trip came out a few ulps
    // different, enough to move a glyph by 1/256 px (55 pixels of two numbered markers on
    // example-brenna, one or two levels apart). The device offset is undone exactly on the way back.
    // A shape clipped to a path (a hatch inside its zone) is rasterised a level apart on some pixels
    // when the band's edge cuts the clip (7 to 30 pixels of the Gaza pages, up to tens of rows from
    // the edge), so no band edge cuts a hatched item: every one is drawn inside one band, as on the
    // whole page. Everything else was measured identical however the bands fall.
    std::vector<std::pair<int, int>> keep_whole;
    for (const Layer& layer : scene.layers)
        for (const Item& item : layer.items) {
            const bool hatched = std::any_of(item.parts.begin(), item.parts.end(), [](const Primitive& p) {
                auto hatch = [](const std::optional<Fill>& f) { return f && f->pattern.hatch != Hatch::none; };
                const auto* s = std::get_if<Shape>(&p);
                const auto* c = std::get_if<Circle>(&p);
                return (s && hatch(s->fill)) || (c && hatch(c->fill));
            });
            if (!hatched)
                continue;
            const Box b = bounds_of(item).inflated(overreach(item));
            keep_whole.emplace_back(static_cast<int>(std::max(-1.0, std::floor(b.miny * scale) - 1)),
                                    static_cast<int>(std::min(h + 1.0, std::ceil(b.maxy * scale) + 1)));
        }
    auto draw_band = [&](int first, int count, unsigned char* argb, int stride) {
        CairoSurface surface(cairo_image_surface_create_for_data(argb, CAIRO_FORMAT_ARGB32, w, count, stride));
        if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
            throw Error({target.string(), 0, 0, {}},
                        "cannot draw a " + std::to_string(w) + "x" + std::to_string(count) + " image band",
                        "lower --dpi or the page size");
        {
            cairo_surface_set_device_offset(surface.get(), 0, -first);
            CairoContext cr(cairo_create(surface.get()));
            cairo_scale(cr.get(), scale, scale);
            const Box band{-1e18, first / scale, 1e18, (first + count) / scale};
            draw_scene(cr.get(), scene, &band);
        }
        cairo_surface_flush(surface.get());
    };
    write_atomically(target,
                     [&](const std::filesystem::path& tmp) { write_png_file(tmp, w, h, dpi, scene.meta, draw_band, band_bytes, keep_whole); });
}

void write_pdf(const Scene& scene, const std::filesystem::path& target) {
    write_pdf(std::vector<const Scene*>{&scene}, target);
}

void write_pdf(const std::vector<const Scene*>& sheets, const std::filesystem::path& target) {
    const Scene& scene = *sheets.front();
    write_atomically(target, [&](const std::filesystem::path& tmp) {
        {
            CairoSurface surface(cairo_pdf_surface_create(tmp.string().c_str(), scene.width, scene.height));
            cairo_surface_t* s = surface.get();
            // Cairo escapes PDF string syntax itself; a NUL or control character would cut or garble a value.
            auto meta = [s](cairo_pdf_metadata_t key, const std::string& v) {
                cairo_pdf_surface_set_metadata(s, key, metadata_text(v).c_str());
            };
            meta(CAIRO_PDF_METADATA_TITLE, scene.meta.title);
            meta(CAIRO_PDF_METADATA_SUBJECT, scene.meta.subject);
            meta(CAIRO_PDF_METADATA_KEYWORDS, scene.meta.keywords);
            meta(CAIRO_PDF_METADATA_CREATOR,
                 scene.meta.creator + (scene.meta.version.empty() ? "" : " " + scene.meta.version));
            if (!scene.meta.author.empty())
                meta(CAIRO_PDF_METADATA_AUTHOR, scene.meta.author);
            // Cairo would stamp the wall clock; a fixed date keeps the file byte-identical between runs.
            cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, scene.meta.date_iso.c_str());
            cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, scene.meta.date_iso.c_str());
            {
                // One page per sheet; links from the map's markers reach citations on any of them.
                CairoContext cr(cairo_create(s));
                for (std::size_t i = 0; i < sheets.size(); ++i) {
                    if (i > 0) {
                        cairo_show_page(cr.get());
                        cairo_pdf_surface_set_size(s, sheets[i]->width, sheets[i]->height);
                    }
                    draw_scene(cr.get(), *sheets[i]);
                }
            }
            cairo_surface_finish(s);
            if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
                throw Error({target.string(), 0, 0, {}},
                            std::string("PDF output failed: ") + cairo_status_to_string(cairo_surface_status(s)));
        }
        // Cairo has closed the file: add the XMP provenance and the geospatial viewport it cannot write
        // (the map is on the first page).
        std::string pdf;
        {
            std::ifstream in(tmp, std::ios::binary);
            pdf.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        }
        deflate_pdf_streams(pdf, target.string());
        append_pdf_update(pdf, scene, target.string());
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out.write(pdf.data(), static_cast<std::streamsize>(pdf.size()));
        out.close();
        if (!out)
            throw Error({target.string(), 0, 0, {}}, "cannot write", "check free space and permissions");
    });
}

} // namespace citemap

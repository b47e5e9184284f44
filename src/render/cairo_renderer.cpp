// Cairo drawing of Scene primitives for the PNG and PDF backends.
#include "render/cairo_renderer.hpp"

#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/escape.hpp"
#include "render/cairo_handle.hpp"
#include "render/georef_sidecars.hpp"
#include "render/pdf_numbers.hpp"
#include "render/pdf_streams.hpp"
#include "render/pdf_update.hpp"
#include "render/png_file.hpp"
#include "text/pango_text.hpp"

#include <cairo-pdf.h>
#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <exception>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <mutex>
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

// Where the edges of a flattened outline lie between two heights: the x ranges they cover there,
// merged, to answer "does any edge come between x0 and x1 in that band" by binary search.
class EdgeSpans {
  public:
    void band(const std::vector<std::pair<Point, Point>>& edges, double ylo, double yhi) {
        spans_.clear();
        for (const auto& edge : edges) {
            const Point& a = edge.first; // named, not a structured binding: clang 14 cannot capture those
            const Point& b = edge.second;
            if (std::max(a.y, b.y) < ylo || std::min(a.y, b.y) > yhi)
                continue;
            auto x_at = [&](double y) { return a.y == b.y ? a.x : a.x + (y - a.y) / (b.y - a.y) * (b.x - a.x); };
            const double ya = std::clamp(ylo, std::min(a.y, b.y), std::max(a.y, b.y));
            const double yb = std::clamp(yhi, std::min(a.y, b.y), std::max(a.y, b.y));
            const double xa = a.y == b.y ? a.x : x_at(ya), xb = a.y == b.y ? b.x : x_at(yb);
            spans_.push_back({std::min(xa, xb), std::max(xa, xb)});
        }
        std::sort(spans_.begin(), spans_.end());
        std::size_t n = 0;
        for (const auto& sp : spans_) {
            if (n > 0 && sp.first <= spans_[n - 1].second)
                spans_[n - 1].second = std::max(spans_[n - 1].second, sp.second);
            else
                spans_[n++] = sp;
        }
        spans_.resize(n);
    }
    [[nodiscard]] bool touches(double x0, double x1) const {
        const auto it = std::lower_bound(spans_.begin(), spans_.end(), x0,
                                         [](const std::pair<double, double>& sp, double v) { return sp.second < v; });
        return it != spans_.end() && it->first <= x1;
    }

  private:
    std::vector<std::pair<double, double>> spans_;
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
    case Hatch::ruled:
        family({0, 1}, {1, 0}, s / 2);
        family({-1, 1}, {1, 1}, 0);
        break;
    case Hatch::dots: {
        // Only dots that touch the shape, so a large zone's bounding box does not bloat the PDF. A
        // dot touches it when its centre or one of eight points on its rim is inside: tested on the
        // five scanlines a row of dots probes, each crossed with the outline once (cairo_in_fill per
        // probe walked the whole outline every time, nine times per dot).
        const bool even_odd = cairo_get_fill_rule(cr) == CAIRO_FILL_RULE_EVEN_ODD;
        // On an image, a dot with its centre inside and no edge within its reach (its radius and two
        // pixels) is drawn before the clip: every pixel it touches lies wholly inside the shape.
        // Through the clip, Cairo intersects the dots' polygon with the outline's (Bentley-Ottmann)
        // before scan converting it: 125 M of the 200 M instructions Gaza's 5,187 dots took. Such a
        // dot's pixels are the clipped dot's, or a level apart where the intersection split its edges
        // and the scan conversion rounded another way (translucent dots: none on Gaza's A4 page, 998
        // of its 170 mm figure's 5.7 M pixels).
        const bool raster = cairo_surface_get_type(cairo_get_target(cr)) == CAIRO_SURFACE_TYPE_IMAGE;
        double px = 1, py = 0;
        cairo_user_to_device_distance(cr, &px, &py);
        const double reach = w + 2 / std::max(1e-9, std::hypot(px, py));
        std::vector<Point> keep, clear;
        const double d = w * M_SQRT1_2;
        Scanline rows[5];
        EdgeSpans near;
        for (double j = std::floor(y0 / s); j * s + s / 2 <= y1; ++j) {
            const double cy = j * s + s / 2;
            const double ys[5] = {cy, cy - w, cy + w, cy - d, cy + d};
            for (int r = 0; r < 5; ++r)
                rows[r].cross(edges, ys[r]);
            if (raster)
                near.band(edges, cy - reach, cy + reach);
            auto in = [&](int r, double x) { return rows[r].inside(x, even_odd); };
            for (double i = std::floor(x0 / s); i * s + s / 2 <= x1; ++i) {
                const double cx = i * s + s / 2;
                if (raster && in(0, cx) && !near.touches(cx - reach, cx + reach))
                    clear.push_back({cx, cy});
                else if (in(0, cx) || in(0, cx - w) || in(0, cx + w) || in(1, cx) || in(2, cx) || in(3, cx - d) ||
                         in(3, cx + d) || in(4, cx - d) || in(4, cx + d))
                    keep.push_back({cx, cy});
            }
        }
        auto fill_dots = [&](const std::vector<Point>& dots) {
            cairo_new_path(cr);
            for (const Point& c : dots) {
                cairo_new_sub_path(cr);
                cairo_arc(cr, c.x, c.y, w, 0, 2 * M_PI);
            }
            cairo_fill(cr);
        };
        if (!clear.empty()) {
            cairo_restore(cr); // the clip to the shape goes; the layer's and the band's stay
            cairo_save(cr);
            set_color(cr, p.color);
            fill_dots(clear);
            cairo_append_path(cr, outline.get());
            cairo_clip(cr);
        }
        fill_dots(keep);
        break;
    }
    case Hatch::xmarks: {
        // Whole crosses only, those whose centre is inside: a cross cut by the edge would read as a
        // stray stroke of the diagonal hatch.
        const bool even_odd = cairo_get_fill_rule(cr) == CAIRO_FILL_RULE_EVEN_ODD;
        const double a = kXmarkArm * s;
        Scanline row;
        cairo_new_path(cr);
        for (double j = std::floor(y0 / s); j * s + s / 2 <= y1; ++j) {
            const double cy = j * s + s / 2;
            row.cross(edges, cy);
            for (double i = std::floor(x0 / s); i * s + s / 2 <= x1; ++i) {
                const double cx = i * s + s / 2;
                if (!row.inside(cx, even_odd))
                    continue;
                cairo_move_to(cr, cx - a, cy - a);
                cairo_line_to(cr, cx + a, cy + a);
                cairo_move_to(cr, cx - a, cy + a);
                cairo_line_to(cr, cx + a, cy - a);
            }
        }
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
        cairo_stroke(cr);
        break;
    }
    case Hatch::none:
        break;
    }
    cairo_restore(cr);
    cairo_new_path(cr);
    cairo_append_path(cr, outline.get());
}

// Cairo's PDF on its way to a file, in pieces of 1 MiB. Cairo's stdio stream made a locked fwrite of
// each of its ~400 k small writes (43 M instructions on Gaza's A4 page). Gathered in memory whole, the
// document raised the 1 M-vertex bench page's peak by 5 MB while Cairo still held its recording.
class PdfSpool {
  public:
    explicit PdfSpool(const std::filesystem::path& path) : out_(path, std::ios::binary | std::ios::trunc) {}
    static cairo_status_t write(void* closure, const unsigned char* data, unsigned int length) {
        auto& spool = *static_cast<PdfSpool*>(closure);
        spool.piece_.append(reinterpret_cast<const char*>(data), length);
        if (spool.piece_.size() >= kPiece)
            spool.flush();
        return spool.out_ ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
    }
    // False when a write failed.
    bool close() {
        flush();
        out_.close();
        return static_cast<bool>(out_);
    }

  private:
    void flush() {
        out_.write(piece_.data(), static_cast<std::streamsize>(piece_.size()));
        piece_.clear();
    }
    static constexpr std::size_t kPiece = std::size_t{1} << 20;
    std::ofstream out_;
    std::string piece_;
};

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

// The halo (`halo`) or the letters (`ink`) of a text, or both.
void draw_text(cairo_t* cr, const Text& t, bool halo, bool ink) {
    if (t.angle != 0) {
        // A name set along a zone: the same drawing, turned about the text's origin.
        cairo_save(cr);
        cairo_translate(cr, t.origin.x, t.origin.y);
        cairo_rotate(cr, t.angle * M_PI / 180);
        cairo_translate(cr, -t.origin.x, -t.origin.y);
        Text upright = t;
        upright.angle = 0;
        upright.box = t.upright;
        draw_text(cr, upright, halo, ink);
        cairo_restore(cr);
        return;
    }
    const TextEngine& engine = text_engine();
    PangoLayoutPtr layout = engine.layout(t.text, t.font);
    const Point top_left = engine.layout_origin(t, layout.get());
    cairo_new_path(cr);
    // Cairo's image backend snaps each glyph to a whole pixel, up to half a pixel from where the SVG
    // and PDF put it; in the PNG the glyphs are filled as outlines at their exact positions instead.
    // The outlines are walked once for the halo and the letters: the second walk gave the same path.
    if (cairo_surface_get_type(cairo_get_target(cr)) == CAIRO_SURFACE_TYPE_IMAGE) {
        const bool haloed = halo && t.halo;
        if (!haloed && !ink)
            return;
        cairo_move_to(cr, top_left.x, top_left.y);
        pango_cairo_layout_path(cr, layout.get());
        if (haloed) {
            set_color(cr, *t.halo);
            cairo_set_line_width(cr, t.halo_width);
            cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
            cairo_stroke_preserve(cr);
        }
        if (ink) {
            set_color(cr, t.color);
            cairo_fill(cr);
        }
        cairo_new_path(cr);
        return;
    }
    // PDF keeps real, searchable text; its halo is the outlines stroked.
    if (halo && t.halo) {
        cairo_move_to(cr, top_left.x, top_left.y);
        pango_cairo_layout_path(cr, layout.get());
        set_color(cr, *t.halo);
        cairo_set_line_width(cr, t.halo_width);
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
        cairo_stroke(cr);
    }
    if (!ink)
        return;
    cairo_move_to(cr, top_left.x, top_left.y);
    set_color(cr, t.color);
    pango_cairo_show_layout(cr, layout.get());
    cairo_new_path(cr);
}

void draw(cairo_t* cr, const Text& t) {
    if (t.glyphs.empty()) {
        draw_text(cr, t, true, true);
        return;
    }
    // A name along a curve, glyph by glyph: every halo before any letter, or a glyph's halo would
    // nick the letter before it.
    const std::vector<Text> glyphs = glyph_texts(t);
    for (const Text& g : glyphs)
        draw_text(cr, g, true, false);
    for (const Text& g : glyphs)
        draw_text(cr, g, false, true);
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

// Where each item's drawing may reach, in drawing order over all layers.
std::vector<Box> item_reaches(const Scene& scene) {
    std::vector<Box> reach;
    for (const Layer& layer : scene.layers)
        for (const Item& item : layer.items)
            reach.push_back(bounds_of(item).inflated(overreach(item)));
    return reach;
}

} // namespace

void draw_scene(cairo_t* cr, const Scene& scene, const Box* region) {
    draw_scene_items(cr, scene, region, 0, static_cast<std::size_t>(-1));
}

void draw_scene_items(cairo_t* cr, const Scene& scene, const Box* region, std::size_t from, std::size_t to,
                      std::span<const Box> reach) {
    if (from == 0) {
        set_color(cr, scene.background);
        cairo_paint(cr);
    }
    std::size_t index = 0; // of the layer's first item, counted over all layers
    for (const Layer& layer : scene.layers) {
        const std::size_t first = index;
        index += layer.items.size();
        if (index <= from || first >= to)
            continue;
        cairo_save(cr);
        if (layer.clip) {
            cairo_rectangle(cr, layer.clip->minx, layer.clip->miny, layer.clip->width(),
                            layer.clip->height());
            cairo_clip(cr);
        }
        for (std::size_t i = std::max(first, from) - first; i < layer.items.size() && first + i < to; ++i) {
            const Item& item = layer.items[i];
            if (region && !(reach.empty() ? bounds_of(item).inflated(overreach(item)) : reach[first + i]).intersects(*region))
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

namespace {

bool hatched(const Item& item) {
    return std::any_of(item.parts.begin(), item.parts.end(), [](const Primitive& p) {
        auto hatch = [](const std::optional<Fill>& f) { return f && f->pattern.hatch != Hatch::none; };
        const auto* s = std::get_if<Shape>(&p);
        const auto* c = std::get_if<Circle>(&p);
        return (s && hatch(s->fill)) || (c && hatch(c->fill));
    });
}

// One PNG image being written, shared by the tasks that draw it. The page is drawn a band of rows at a
// time (an A4 page at 300 dpi is 35 MB whole, an A1 sheet 280 MB): the band is the page moved up by a
// whole number of pixels, and items wholly outside it are not drawn. The move is the surface's device
// offset, not a translation in the CTM: Pango places a layout from cairo_get_current_point, which maps
// the point back to user space through the inverse CTM, and with the band's offset in the CTM that
// round trip came out a few ulps different, enough to move a glyph by 1/256 px (55 pixels of two
// numbered markers on example-brenna, one or two levels apart). The device offset is undone exactly on
// the way back. A shape clipped to a path (a hatch inside its zone) is rasterised a level apart on some
// pixels when the surface's edge cuts the clip (7 to 30 pixels of the Gaza pages, up to tens of rows
// from the edge), so no band edge cuts a hatched item: every one is drawn inside one band, as on the
// whole page. Everything else was measured identical however the bands fall.
//
// A band that hatched zones make most of the page (Gaza's: 33 MB, one thread drawing the whole page)
// is finished by two threads. The items up to the last hatched one that crosses the band's middle row
// are drawn on the whole band, as before; the rest (on Gaza, the labels, markers, legend and citations:
// half of the band's drawing) is drawn twice over the band, clipped to its upper rows and to its lower
// rows, the lower by the helper task when it comes in time (the two write disjoint rows). Those clips
// cut no hatched item, so every pixel is the one the band drawn whole has. Splitting the whole band
// instead, each half on a surface tall enough to hold the hatched items that reach it, cost each half
// 80-90 % of the whole (measured on Gaza): those items, drawn by both, are half of the drawing.
class PngImage {
  public:
    PngImage(const Scene& scene, std::filesystem::path target, double dpi, std::size_t band_bytes)
        : scene_(scene), target_(std::move(target)), dpi_(dpi), scale_(dpi / 72.0), band_bytes_(band_bytes),
          w_(static_cast<int>(std::lround(scene.width * scale_))),
          h_(static_cast<int>(std::lround(scene.height * scale_))), reach_(item_reaches(scene)) {
        std::size_t index = 0;
        for (const Layer& layer : scene.layers)
            for (const Item& item : layer.items) {
                if (hatched(item))
                    keep_whole_.push_back(rows_of(index));
                ++index;
            }
    }

    // Plans the split of the largest band when it is worth a second thread (false: none is).
    bool plan_split() {
        const std::vector<std::size_t> starts = png_bands(w_, h_, band_bytes_, keep_whole_);
        const std::size_t stride = 4 * static_cast<std::size_t>(w_);
        Split best;
        for (std::size_t k = 0; k < starts.size(); ++k) {
            const int first = static_cast<int>(starts[k]);
            const int end = k + 1 < starts.size() ? static_cast<int>(starts[k + 1]) : h_;
            if (static_cast<std::size_t>(end - first) * stride >= kPngSplitBytes && end - first > best.end - best.first)
                best = {first, end, first + (end - first) / 2, 0};
        }
        if (best.end == 0)
            return false;
        // After the last item that crosses the middle row and must not be cut there.
        std::size_t index = 0;
        for (const Layer& layer : scene_.layers)
            for (const Item& item : layer.items) {
                ++index;
                if (hatched(item)) {
                    const auto [a, b] = rows_of(index - 1);
                    if (a < best.mid && best.mid < b)
                        best.cut = index;
                }
            }
        split_ = best;
        return true;
    }

    void write() {
        struct Done { // the helper, if still waiting, has nothing to draw
            PngImage& image;
            ~Done() {
                {
                    std::lock_guard lock(image.m_);
                    if (image.phase_ == Phase::before)
                        image.phase_ = Phase::finished;
                }
                image.changed_.notify_all();
            }
        } done{*this};
        write_atomically(target_, [&](const std::filesystem::path& tmp) {
            write_png_file(
                tmp, w_, h_, dpi_, scene_.meta,
                [&](int first, int count, unsigned char* argb, int stride) { draw_band(first, count, argb, stride); },
                // Every band starts with the page's background painted over all its rows (by both
                // halves of a split band, each over its own); opaque, it leaves nothing of what was there.
                band_bytes_, keep_whole_, scene_.background.a >= 1);
        });
    }

    // The lower rows of the split band's last items, if write() has not drawn them by then.
    void help() {
        std::unique_lock lock(m_);
        changed_.wait(lock, [&] { return phase_ != Phase::before; });
        if (phase_ != Phase::ready)
            return;
        phase_ = Phase::lower;
        lock.unlock();
        std::exception_ptr error;
        try {
            draw_lower();
        } catch (...) {
            error = std::current_exception();
        }
        lock.lock();
        error_ = error;
        phase_ = Phase::finished;
        lock.unlock();
        changed_.notify_all();
    }

  private:
    // The rows a hatched item (the index-th in drawing order) must be drawn whole within: [first, end) as
    // png_band_starts takes them.
    [[nodiscard]] std::pair<int, int> rows_of(std::size_t index) const {
        const Box& b = reach_[index];
        return {static_cast<int>(std::max(-1.0, std::floor(b.miny * scale_) - 1)),
                static_cast<int>(std::min(h_ + 1.0, std::ceil(b.maxy * scale_) + 1))};
    }

    // Items [from, to) (counted over all layers) on rows [own_first, own_end) of the band of `rows` rows
    // from row `first` held in `argb` (`stride` bytes a row); only those rows are written, and items that
    // cannot reach them are skipped. The surface is the whole band, moved by the band's offset, with a
    // clip to the own rows: a glyph is placed through that offset and back, and with a surface starting
    // at the own rows, rotated graticule labels came out a level apart on a few pixels (dense at A5
    // landscape).
    void draw_rows(unsigned char* argb, int stride, int first, int rows, int own_first, int own_end, std::size_t from,
                   std::size_t to) const {
        CairoSurface surface(cairo_image_surface_create_for_data(argb, CAIRO_FORMAT_ARGB32, w_, rows, stride));
        if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
            throw Error({target_.string(), 0, 0, {}},
                        "cannot draw a " + std::to_string(w_) + "x" + std::to_string(rows) + " image band",
                        "lower --dpi or the page size");
        {
            cairo_surface_set_device_offset(surface.get(), 0, -first);
            CairoContext cr(cairo_create(surface.get()));
            if (own_first > first || own_end < first + rows) {
                // In whole pixels, before the scale: a region clip, which cuts like the surface's edge.
                cairo_rectangle(cr.get(), 0, own_first, w_, own_end - own_first);
                cairo_clip(cr.get());
            }
            cairo_scale(cr.get(), scale_, scale_);
            const Box band{-1e18, own_first / scale_, 1e18, own_end / scale_};
            draw_scene_items(cr.get(), scene_, &band, from, to, reach_);
        }
        cairo_surface_flush(surface.get());
    }

    void draw_lower() const {
        draw_rows(band_, band_stride_, split_.first, split_.end - split_.first, split_.mid, split_.end, split_.cut, kAll);
    }

    void draw_band(int first, int count, unsigned char* argb, int stride) {
        // write_png_file draws a band again when the page has few colours (a palette image): the
        // second time, it is drawn whole.
        if (first != split_.first || first + count != split_.end || split_used_) {
            draw_rows(argb, stride, first, count, first, first + count, 0, kAll);
            return;
        }
        split_used_ = true;
        // Whatever happens here, the helper is out of the band before write_png_file frees it.
        struct Finish {
            PngImage& image;
            ~Finish() {
                std::unique_lock lock(image.m_);
                if (image.phase_ != Phase::lower)
                    image.phase_ = Phase::finished;
                image.changed_.wait(lock, [&] { return image.phase_ == Phase::finished; });
                lock.unlock();
                image.changed_.notify_all();
            }
        } finish{*this};
        if (split_.cut > 0)
            draw_rows(argb, stride, first, count, first, first + count, 0, split_.cut);
        {
            std::lock_guard lock(m_);
            band_ = argb;
            band_stride_ = stride;
            phase_ = Phase::ready;
        }
        changed_.notify_all();
        draw_rows(argb, stride, first, count, first, split_.mid, split_.cut, kAll);
        bool mine = false;
        {
            std::lock_guard lock(m_);
            if (phase_ == Phase::ready) {
                phase_ = Phase::lower;
                mine = true;
            }
        }
        if (mine) {
            try {
                draw_lower();
            } catch (...) {
                std::lock_guard lock(m_);
                phase_ = Phase::finished;
                throw;
            }
            std::lock_guard lock(m_);
            phase_ = Phase::finished;
        }
        std::unique_lock lock(m_);
        changed_.wait(lock, [&] { return phase_ == Phase::finished; });
        if (error_)
            std::rethrow_exception(error_);
    }

    static constexpr std::size_t kAll = static_cast<std::size_t>(-1);
    const Scene& scene_;
    const std::filesystem::path target_;
    const double dpi_, scale_;
    const std::size_t band_bytes_;
    const int w_, h_;
    // Each item's reach, found once: every band asked it of every item (bounds_of walks every vertex),
    // 3 % of the 1 M-vertex bench render's time.
    const std::vector<Box> reach_;
    std::vector<std::pair<int, int>> keep_whole_;
    struct Split {
        int first = 0, end = 0; // the band; end 0: none is split
        int mid = 0;            // its upper rows are [first, mid), its lower rows [mid, end)
        std::size_t cut = 0;    // items from here on are drawn in the two halves
    } split_;
    bool split_used_ = false; // write()'s own
    // before: the band's first items are being drawn; ready: the lower rows wait for a thread; lower: a
    // thread draws them; finished: done (or nothing to do).
    enum class Phase { before, ready, lower, finished };
    std::mutex m_;
    std::condition_variable changed_;
    Phase phase_ = Phase::before;
    unsigned char* band_ = nullptr;
    int band_stride_ = 0;
    std::exception_ptr error_;
};

} // namespace

void write_png_image(const Scene& scene, const std::filesystem::path& target, double dpi, std::size_t band_bytes) {
    PngImage(scene, target, dpi, band_bytes).write();
}

std::vector<std::function<void()>> png_image_tasks(const Scene& scene, const std::filesystem::path& target, double dpi,
                                                   unsigned jobs, std::size_t band_bytes) {
    auto image = std::make_shared<PngImage>(scene, target, dpi, band_bytes);
    std::vector<std::function<void()>> tasks{[image] { image->write(); }};
    if (jobs < 2 || !image->plan_split())
        return tasks;
    tasks.emplace_back([image] { image->help(); });
    return tasks;
}

void write_pdf(const Scene& scene, const std::filesystem::path& target) {
    write_pdf(std::vector<const Scene*>{&scene}, target);
}

void write_pdf(const std::vector<const Scene*>& sheets, const std::filesystem::path& target) {
    const Scene& scene = *sheets.front();
    if (!pdf_numbers_fast())
        throw Error({target.string(), 0, 0, {}}, "glibc's __vsnprintf_chk was not found",
                    "report this: citemap's PDF writer needs it");
    write_atomically(target, [&](const std::filesystem::path& tmp) {
        {
            PdfSpool spool(tmp);
            CairoSurface surface(cairo_pdf_surface_create_for_stream(&PdfSpool::write, &spool, scene.width, scene.height));
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
            if (!spool.close())
                throw Error({target.string(), 0, 0, {}}, "cannot write", "check free space and permissions");
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

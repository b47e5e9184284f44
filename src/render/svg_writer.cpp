// SVG 1.1 with Inkscape layer attributes. Cairo's SVG surface is not used: it writes glyphs as
// outlines, with no ids, titles, links or layers.
#include "render/svg_writer.hpp"

#include "core/atomic_file.hpp"
#include "core/escape.hpp"
#include "render/text_outline.hpp"
#include "text/pango_text.hpp"

#include <charconv>
#include <cmath>
#include <map>
#include <sstream>

namespace citemap {

namespace {

constexpr const char* kXmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

// Appends v with at most two decimals (0.01 pt is below what print or screen can show), without
// trailing zeros. std::to_chars rounds exactly as printf("%.2f") does, several times faster: a
// million-vertex page spent a quarter of its time in printf.
void append_num(std::string& out, double v) {
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, std::abs(v) < 0.005 ? 0.0 : v, std::chars_format::fixed, 2);
    const char* end = r.ptr;
    while (end[-1] == '0')
        --end;
    if (end[-1] == '.')
        --end;
    out.append(buf, static_cast<std::size_t>(end - buf));
}

std::string num(double v) {
    std::string s;
    append_num(s, v);
    return s;
}

std::string color_attr(const char* name, const Color& c) {
    std::string s = std::string(" ") + name + "=\"" + c.hex() + "\"";
    if (c.a < 0.999)
        s += std::string(" ") + name + "-opacity=\"" + num(c.a) + "\"";
    return s;
}

std::string path_data(const std::vector<Ring>& rings, bool closed) {
    std::string d;
    std::size_t points = 0;
    for (const Ring& r : rings)
        points += r.size();
    d.reserve(points * 14);
    for (const Ring& r : rings) {
        if (r.empty())
            continue;
        for (std::size_t i = 0; i < r.size(); ++i) {
            d += i ? 'L' : 'M';
            append_num(d, r[i].x);
            d += ' ';
            append_num(d, r[i].y);
        }
        if (closed)
            d += 'Z';
    }
    return d;
}

class Writer {
  public:
    Writer(const Scene& s, const SvgOptions& options) : scene_(s), options_(options) {}

    std::string run(const SvgOptions& opt) {
        collect_patterns();
        std::ostringstream o;
        if (opt.standalone)
            o << kXmlDeclaration;
        o << "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\""
          << " xmlns:inkscape=\"http://www.inkscape.org/namespaces/inkscape\" version=\"1.1\""
          << " width=\"" << num(scene_.width * 25.4 / 72) << "mm\" height=\""
          << num(scene_.height * 25.4 / 72) << "mm\""
          << " viewBox=\"0 0 " << num(scene_.width) << " " << num(scene_.height) << "\""
          << " role=\"img\" aria-labelledby=\"map-title map-desc\"";
        // A screen reader reads the title, description and tooltips in the document's language.
        if (!scene_.meta.lang.empty())
            o << " xml:lang=\"" << xml_escape(scene_.meta.lang) << "\"";
        o << ">\n";
        o << "<title id=\"map-title\">" << xml_escape(scene_.meta.title) << "</title>\n";
        o << "<desc id=\"map-desc\">" << xml_escape(scene_.meta.description) << "</desc>\n";
        metadata(o);
        o << "<defs>\n";
        for (const auto& [key, p] : patterns_)
            pattern_def(o, key, p);
        int clip_id = 0;
        for (const Layer& l : scene_.layers)
            if (l.clip)
                o << "<clipPath id=\"clip-" << ++clip_id << "\"><rect x=\"" << num(l.clip->minx) << "\" y=\""
                  << num(l.clip->miny) << "\" width=\"" << num(l.clip->width()) << "\" height=\""
                  << num(l.clip->height()) << "\"/></clipPath>\n";
        o << "</defs>\n";
        o << "<rect id=\"page\" width=\"" << num(scene_.width) << "\" height=\"" << num(scene_.height) << "\""
          << color_attr("fill", scene_.background) << "/>\n";
        clip_id = 0;
        for (const Layer& l : scene_.layers) {
            o << "<g id=\"layer-" << slug(l.id) << "\" inkscape:groupmode=\"layer\" inkscape:label=\""
              << xml_escape(l.name) << "\"";
            if (l.clip)
                o << " clip-path=\"url(#clip-" << ++clip_id << ")\"";
            o << ">\n";
            for (const Item& item : l.items)
                write_item(o, item);
            o << "</g>\n";
        }
        o << "</svg>\n";
        return std::move(o).str(); // the stream's buffer itself, not a copy of a page that may be tens of MB
    }

  private:
    void metadata(std::ostringstream& o) const {
        o << "<metadata>\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\""
          << " xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<rdf:Description rdf:about=\"\">\n"
          << "<dc:title>" << xml_escape(scene_.meta.title) << "</dc:title>\n"
          << "<dc:description>" << xml_escape(scene_.meta.description) << "</dc:description>\n"
          << "<dc:date>" << xml_escape(scene_.meta.date_iso) << "</dc:date>\n"
          << "<dc:creator>" << xml_escape(scene_.meta.creator) << "</dc:creator>\n";
        for (const auto& s : scene_.meta.sources)
            o << "<dc:source>" << xml_escape(s) << "</dc:source>\n";
        o << "</rdf:Description>\n</rdf:RDF>\n</metadata>\n";
    }

    void collect_patterns() {
        auto add = [&](const std::optional<Fill>& f) {
            if (f && f->pattern.hatch != Hatch::none)
                patterns_.emplace(f->pattern.key(), f->pattern);
        };
        for (const Layer& l : scene_.layers)
            for (const Item& i : l.items)
                for (const Primitive& p : i.parts) {
                    if (auto* s = std::get_if<Shape>(&p))
                        add(s->fill);
                    if (auto* c = std::get_if<Circle>(&p))
                        add(c->fill);
                }
    }

    static void pattern_def(std::ostringstream& o, const std::string& key, const Pattern& p) {
        const std::string s = num(p.spacing), w = num(p.line_width);
        o << "<pattern id=\"hatch-" << key << "\" patternUnits=\"userSpaceOnUse\" width=\"" << s
          << "\" height=\"" << s << "\">";
        const std::string stroke = color_attr("stroke", p.color) + " stroke-width=\"" + w + "\"";
        auto diag = [&](bool rising) {
            for (double c : {0.0, p.spacing, 2 * p.spacing}) {
                const double x1 = c - p.spacing - p.line_width, x2 = c + p.line_width;
                const double y1 = rising ? p.spacing + p.line_width : -p.line_width;
                const double y2 = rising ? -p.line_width : p.spacing + p.line_width;
                o << "<line x1=\"" << num(x1) << "\" y1=\"" << num(y1) << "\" x2=\"" << num(x2) << "\" y2=\""
                  << num(y2) << "\"" << stroke << "/>";
            }
        };
        if (p.hatch == Hatch::diagonal)
            diag(true);
        if (p.hatch == Hatch::cross || p.hatch == Hatch::falling || p.hatch == Hatch::ruled) {
            if (p.hatch == Hatch::cross)
                diag(true);
            diag(false);
        }
        if (p.hatch == Hatch::vertical || p.hatch == Hatch::grid)
            o << "<line x1=\"" << num(p.spacing / 2) << "\" y1=\"" << num(-p.line_width) << "\" x2=\""
              << num(p.spacing / 2) << "\" y2=\"" << num(p.spacing + p.line_width) << "\"" << stroke << "/>";
        if (p.hatch == Hatch::horizontal || p.hatch == Hatch::grid || p.hatch == Hatch::ruled)
            o << "<line x1=\"" << num(-p.line_width) << "\" y1=\"" << num(p.spacing / 2) << "\" x2=\""
              << num(p.spacing + p.line_width) << "\" y2=\"" << num(p.spacing / 2) << "\"" << stroke << "/>";
        if (p.hatch == Hatch::xmarks) {
            const double c = p.spacing / 2, a = kXmarkArm * p.spacing;
            for (const double d : {a, -a})
                o << "<line x1=\"" << num(c - a) << "\" y1=\"" << num(c - d) << "\" x2=\"" << num(c + a)
                  << "\" y2=\"" << num(c + d) << "\"" << stroke << " stroke-linecap=\"round\"/>";
        }
        if (p.hatch == Hatch::dots)
            o << "<circle cx=\"" << num(p.spacing / 2) << "\" cy=\"" << num(p.spacing / 2) << "\" r=\"" << w
              << "\"" << color_attr("fill", p.color) << "/>";
        o << "</pattern>\n";
    }

    static std::string paint(const std::optional<Fill>& f, const std::optional<Stroke>& s, bool closed) {
        std::string a;
        if (f && closed && f->color)
            a += color_attr("fill", *f->color);
        else
            a += " fill=\"none\"";
        if (s) {
            a += color_attr("stroke", s->color) + " stroke-width=\"" + num(s->width) + "\"";
            a += s->round ? " stroke-linejoin=\"round\" stroke-linecap=\"round\"" : "";
            if (!s->dash.empty()) {
                a += " stroke-dasharray=\"";
                for (std::size_t i = 0; i < s->dash.size(); ++i)
                    a += (i ? " " : "") + num(s->dash[i]);
                a += "\"";
            }
        }
        return a;
    }

    // A pattern is drawn as a second, stroke-less copy of the shape so a tint and a hatch can combine.
    static std::string hatch_overlay(const std::optional<Fill>& f, const std::string& geometry) {
        if (!f || f->pattern.hatch == Hatch::none)
            return {};
        return geometry + " fill=\"url(#hatch-" + f->pattern.key() + ")\" stroke=\"none\"/>";
    }

    void write_primitive(std::ostringstream& o, const Primitive& p) const {
        if (const auto* s = std::get_if<Shape>(&p)) {
            const std::string geom =
                "<path d=\"" + path_data(s->rings, s->closed) + "\" fill-rule=\"evenodd\"";
            if (s->fill && s->closed && s->fill->pattern.hatch != Hatch::none) {
                if (s->fill->color)
                    o << geom << color_attr("fill", *s->fill->color) << " stroke=\"none\"/>";
                o << hatch_overlay(s->fill, geom);
                if (s->stroke)
                    o << geom << paint(std::nullopt, s->stroke, true) << "/>";
            } else {
                o << geom << paint(s->fill, s->stroke, s->closed) << "/>";
            }
        } else if (const auto* c = std::get_if<Circle>(&p)) {
            const std::string geom = "<circle cx=\"" + num(c->centre.x) + "\" cy=\"" + num(c->centre.y) +
                                     "\" r=\"" + num(c->radius) + "\"";
            o << geom << paint(c->fill, c->stroke, true) << "/>" << hatch_overlay(c->fill, geom);
        } else if (const auto* t = std::get_if<Text>(&p); t && !t->glyphs.empty()) {
            write_curved(o, *t);
        } else if (const auto* t = std::get_if<Text>(&p); t && t->angle != 0) {
            // A turned name: the same element in a group turned about the text's origin.
            Text upright = *t;
            upright.angle = 0;
            upright.box = t->upright;
            o << "<g transform=\"rotate(" << num(t->angle) << " " << num(t->origin.x) << " " << num(t->origin.y)
              << ")\">";
            write_primitive(o, Primitive{std::move(upright)});
            o << "</g>";
        } else if (const auto* t = std::get_if<Text>(&p); t && options_.text_as_paths) {
            // The words stay available to screen readers and search through aria-label.
            const std::string d = text_outline_path(*t);
            o << "<g role=\"img\" aria-label=\"" << xml_escape(t->text) << "\">";
            if (t->halo)
                o << "<path d=\"" << d << "\" fill=\"none\"" << color_attr("stroke", *t->halo)
                  << " stroke-width=\"" << num(t->halo_width) << "\" stroke-linejoin=\"round\"/>";
            o << "<path d=\"" << d << "\"" << color_attr("fill", t->color) << "/></g>";
        } else if (const auto* t = std::get_if<Text>(&p)) {
            // A halo is a stroked copy under a filled copy, not paint-order="stroke": LibreOffice ignores
            // paint-order and would paint the white stroke over the letters. The copy is hidden from
            // screen readers so the words are read once.
            if (t->halo)
                o << text_element(*t, color_attr("fill", *t->halo) + color_attr("stroke", *t->halo) +
                                          " stroke-width=\"" + num(t->halo_width) +
                                          "\" stroke-linejoin=\"round\" aria-hidden=\"true\"");
            o << text_element(*t, color_attr("fill", t->color));
        }
    }

    // A name along a curve, glyph by glyph: each glyph turned about its origin as a straight turned
    // name is, every halo under every letter, in a group that carries the whole name for screen readers
    // and search. One text element with x, y and rotate values per glyph would keep the name whole, but
    // LibreOffice leaves out a text with rotate, and librsvg (rsvg-convert, pandoc's way to LaTeX)
    // ignores rotate and x and y lists; every client turns a group.
    void write_curved(std::ostringstream& o, const Text& t) const {
        std::vector<Text> glyphs = glyph_texts(t);
        std::erase_if(glyphs, [](const Text& g) { return g.text == " "; }); // no ink to place
        o << "<g role=\"img\" aria-label=\"" << xml_escape(t.text) << "\">";
        for (const bool halo : {true, false}) {
            if (halo && !t.halo)
                continue;
            for (const Text& g : glyphs) {
                Text upright = g;
                upright.angle = 0;
                upright.box = g.upright;
                o << "<g transform=\"rotate(" << num(g.angle) << " " << num(g.origin.x) << " " << num(g.origin.y)
                  << ")\">";
                if (options_.text_as_paths)
                    o << "<path d=\"" << text_outline_path(upright) << "\""
                      << (halo ? " fill=\"none\"" + color_attr("stroke", *t.halo) + " stroke-width=\"" +
                                     num(t.halo_width) + "\" stroke-linejoin=\"round\""
                               : color_attr("fill", t.color))
                      << "/>";
                else
                    o << text_element(upright, halo ? color_attr("fill", *t.halo) + color_attr("stroke", *t.halo) +
                                                          " stroke-width=\"" + num(t.halo_width) +
                                                          "\" stroke-linejoin=\"round\""
                                                    : color_attr("fill", t.color));
                o << "</g>";
            }
        }
        o << "</g>";
    }

    static std::string text_element(const Text& t, const std::string& paint) {
        // Right-to-left text is anchored at its middle, computed from the shaped width: "start" and
        // "end" swap sides with `direction`, which some clients (LibreOffice) ignore; the middle is the
        // same point either way.
        Anchor a = t.anchor;
        double x = t.origin.x;
        if (t.rtl) {
            const double w = text_engine().measure(t.text, t.font).width;
            x += a == Anchor::start ? w / 2 : a == Anchor::end ? -w / 2 : 0;
            a = Anchor::middle;
        }
        static const char* anchors[] = {"start", "middle", "end"};
        std::string o = "<text x=\"" + num(x) + "\" y=\"" + num(t.origin.y) + "\" font-family=\"'" +
                        xml_escape(t.font.family) + "', 'Noto Sans Arabic', sans-serif\" font-size=\"" +
                        num(t.font.size) + "\"";
        if (t.font.weight == Weight::bold)
            o += " font-weight=\"bold\"";
        if (t.font.weight == Weight::medium)
            o += " font-weight=\"500\"";
        if (t.font.italic)
            o += " font-style=\"italic\"";
        if (a != Anchor::start)
            o += std::string(" text-anchor=\"") + anchors[static_cast<int>(a)] + "\"";
        if (t.rtl)
            o += " direction=\"rtl\" unicode-bidi=\"embed\"";
        if (!t.lang.empty())
            o += " xml:lang=\"" + xml_escape(t.lang) + "\"";
        return o + paint + ">" + xml_escape(t.text) + "</text>";
    }

    void write_item(std::ostringstream& o, const Item& item) const {
        const bool group = !item.id.empty() || !item.title.empty() || !item.data.empty();
        if (!item.link.empty())
            o << "<a href=\"" << xml_escape(item.link) << "\" xlink:href=\"" << xml_escape(item.link)
              << "\">";
        if (group) {
            o << "<g";
            if (!item.id.empty())
                o << " id=\"" << slug(item.id) << "\"";
            for (const auto& [k, v] : item.data)
                o << " data-" << slug(k) << "=\"" << xml_escape(v) << "\"";
            o << ">";
            if (!item.title.empty())
                o << "<title>" << xml_escape(item.title) << "</title>";
        }
        for (const Primitive& p : item.parts)
            write_primitive(o, p);
        if (group)
            o << "</g>";
        if (!item.link.empty())
            o << "</a>";
        o << "\n";
    }

    const Scene& scene_;
    const SvgOptions& options_;
    std::map<std::string, Pattern> patterns_;
};

} // namespace

std::string render_svg(const Scene& scene, const SvgOptions& options) {
    return Writer(scene, options).run(options);
}

std::string inline_svg(std::string standalone) {
    if (standalone.starts_with(kXmlDeclaration))
        standalone.erase(0, std::string_view(kXmlDeclaration).size());
    return standalone;
}

void write_svg(const Scene& scene, const std::filesystem::path& target, const SvgOptions& options) {
    write_text_atomically(target, render_svg(scene, options));
}

} // namespace citemap

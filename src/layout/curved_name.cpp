// A name set along a curve: its glyphs' advances from Pango, and each glyph placed and turned along a
// smoothed path, as atlases letter a winding river's name.
#include "layout/curved_name.hpp"

#include "text/pango_text.hpp"

#include <algorithm>
#include <cmath>

namespace citemap {

std::optional<NameGlyphs> name_glyphs(const TextEngine& engine, const std::string& text, const Font& font) {
    PangoLayoutPtr layout = engine.layout(text, font);
    // Each glyph is drawn alone along the curve: a ligature (fi) of the run would come apart there,
    // so the run is set without them and its advances are those of the glyphs drawn.
    PangoAttrList* attrs = pango_attr_list_new();
    pango_attr_list_insert(attrs, pango_attr_font_features_new("liga 0, clig 0"));
    pango_layout_set_attributes(layout.get(), attrs);
    pango_attr_list_unref(attrs);
    if (pango_layout_get_line_count(layout.get()) != 1)
        return std::nullopt;
    NameGlyphs out;
    const PangoLayoutLine* line = pango_layout_get_line_readonly(layout.get(), 0);
    for (const GSList* r = line->runs; r; r = r->next) {
        const auto* run = static_cast<const PangoGlyphItem*>(r->data);
        if (run->item->analysis.level % 2 != 0)
            return std::nullopt; // right to left
        const PangoGlyphString* gs = run->glyphs;
        for (int i = 0; i < gs->num_glyphs; ++i) {
            const int from = gs->log_clusters[i];
            const int to = i + 1 < gs->num_glyphs ? gs->log_clusters[i + 1] : run->item->length;
            if (to <= from || gs->glyphs[i].geometry.y_offset != 0)
                return std::nullopt; // a cluster of several glyphs, or a glyph raised or lowered
            std::string chars = text.substr(static_cast<std::size_t>(run->item->offset + from),
                                            static_cast<std::size_t>(to - from));
            const auto lead = static_cast<unsigned char>(chars.front());
            const std::size_t bytes = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
            if (chars.size() != bytes)
                return std::nullopt; // several characters in one glyph: a combining mark
            out.chars.push_back(std::move(chars));
            out.advance.push_back(gs->glyphs[i].geometry.width / static_cast<double>(PANGO_SCALE));
            out.width += out.advance.back();
        }
    }
    if (out.chars.empty())
        return std::nullopt;
    return out;
}

PagePath::PagePath(std::vector<Point> points) : points_(std::move(points)) {
    double run = 0;
    for (std::size_t i = 0; i < points_.size(); ++i) {
        if (i)
            run += std::hypot(points_[i].x - points_[i - 1].x, points_[i].y - points_[i - 1].y);
        along_.push_back(run);
    }
}

Point PagePath::at(double s) const {
    if (points_.empty())
        return {};
    if (s <= 0)
        return points_.front();
    if (s >= length())
        return points_.back();
    const auto hi = static_cast<std::size_t>(std::upper_bound(along_.begin(), along_.end(), s) - along_.begin());
    const std::size_t lo = hi - 1;
    const double span = along_[hi] - along_[lo];
    const double t = span > 0 ? (s - along_[lo]) / span : 0;
    return {points_[lo].x + (points_[hi].x - points_[lo].x) * t, points_[lo].y + (points_[hi].y - points_[lo].y) * t};
}

Point PagePath::direction(double s, double reach) const {
    const Point a = at(s - reach), b = at(s + reach);
    const double len = std::hypot(b.x - a.x, b.y - a.y);
    return len > 0 ? Point{(b.x - a.x) / len, (b.y - a.y) / len} : Point{1, 0};
}

PagePath PagePath::reversed() const {
    return PagePath(std::vector<Point>(points_.rbegin(), points_.rend()));
}

PagePath PagePath::smoothed(double reach, double step) const {
    const double len = length();
    if (len <= 0 || step <= 0)
        return *this;
    const auto n = static_cast<std::size_t>(std::ceil(len / step));
    std::vector<Point> even;
    for (std::size_t i = 0; i <= n; ++i)
        even.push_back(at(std::min(len, static_cast<double>(i) * step)));
    // A window that shrinks towards the ends, so the ends stay where they are.
    const auto k = static_cast<std::size_t>(std::max(1.0, std::round(reach / step)));
    std::vector<Point> out(even.size());
    for (std::size_t i = 0; i < even.size(); ++i) {
        const std::size_t w = std::min({k, i, even.size() - 1 - i});
        Point sum{0, 0};
        for (std::size_t j = i - w; j <= i + w; ++j)
            sum = {sum.x + even[j].x, sum.y + even[j].y};
        const auto count = static_cast<double>(2 * w + 1);
        out[i] = {sum.x / count, sum.y / count};
    }
    return PagePath(std::move(out));
}

std::vector<Glyph> glyphs_along(const PagePath& path, double start, const NameGlyphs& g, double top, double bottom,
                                double reach) {
    std::vector<Glyph> out;
    double x = start;
    // The glyph band's middle lies on the path: the baseline runs this far below it.
    const double drop = -(top + bottom) / 2;
    for (std::size_t i = 0; i < g.chars.size(); ++i) {
        const double a = g.advance[i];
        const Point mid = path.at(x + a / 2);
        const Point d = path.direction(x + a / 2, reach);
        // Down the glyph (its y axis turned): (-d.y, d.x).
        const Point base{mid.x - d.y * drop, mid.y + d.x * drop};
        Glyph gl;
        gl.chars = g.chars[i];
        gl.origin = {base.x - d.x * a / 2, base.y - d.y * a / 2};
        gl.angle = std::atan2(d.y, d.x) * 180 / M_PI;
        gl.upright = {gl.origin.x, gl.origin.y + top, gl.origin.x + a, gl.origin.y + bottom};
        out.push_back(std::move(gl));
        x += a;
    }
    return out;
}

} // namespace citemap

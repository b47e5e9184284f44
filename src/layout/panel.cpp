// The panels beside or below the map: title block, legend, numbered citations and credits. Each is
// built at the origin and moved into place by layout.cpp.
#include "geo/geometry_ops.hpp"
#include "layout/claim_wording.hpp"
#include "layout/column_balance.hpp"
#include "layout/layout_context.hpp"
#include "layout/legend_band_key.hpp"
#include "sources/quote_location.hpp"
#include "sources/quote_marks.hpp"
#include "sources/utf8.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <sstream>

namespace citemap {

namespace {

constexpr double kLeading = 1.22;
// Between one claim's citation and the next, in units (about 0.8 mm at A4): the list's one spacing,
// which the least-height bound (citations_at_least) and the flow (flow_citations) must add alike.
constexpr double kClaimSpacing = 2.2;

// Appends wrapped lines at (x, y) and returns the new y (top of the next line).
double add_paragraph(const LayoutContext& lc, Item& item, const std::string& text, double x, double y,
                     double width, const Font& f, Color c) {
    const double line_h = f.size * kLeading;
    for (const std::string& line : lc.text.wrap(text, f, width)) {
        Text t = lc.text_at(line, {x, 0}, f, c);
        t.origin.y = y - t.box.miny + (line_h - t.box.height()) / 2;
        // The box moves with the baseline: box_of's sums from 0 (-ascent, descent) plus it are its sums
        // from it, bit for bit, without a second measure of every line of every candidate.
        t.box.miny += t.origin.y;
        t.box.maxy += t.origin.y;
        item.parts.emplace_back(std::move(t));
        y += line_h;
    }
    return y;
}

Shape rect(double x, double y, double w, double h) {
    return Shape{{box_ring({x, y, x + w, y + h})}, true, std::nullopt, std::nullopt};
}

// Whether `s` on its own reads right to left (its first strong letter is Arabic, Hebrew ...), as the
// text engine's bidi resolution says; only text with a letter from U+0590 up is asked.
bool reads_right_to_left(const std::string& s) {
    const bool beyond_hebrew =
        std::any_of(s.begin(), s.end(), [](char ch) { return static_cast<unsigned char>(ch) >= 0xD6; });
    return beyond_hebrew && paragraph_is_rtl(s); // what measure() says, without shaping it at every size
}

// Arabic's quotation marks (CLDR: \u201D opens, \u201C closes). Set with the text inside its run,
// the opening mark stands at the text's right, beside its first word, on whichever line a break
// leaves it; English marks outside the run put \u201C at the Arabic's left, beside its last word, and
// on a wrapped line far from its first.
constexpr const char* kRtlOpen = "\u201D";
constexpr const char* kRtlClose = "\u201C";

// A title or a quote between quote marks in a left-to-right paragraph: right-to-left text with its
// own marks, in one isolate with them, so the paragraph around it keeps its order and direction; other
// text in the panel language's marks (the source's own inside it as inner ones: « “…” »), any
// right-to-left letters in it isolated.
std::string quoted(const std::string& text, const PanelWords& w) {
    if (reads_right_to_left(text))
        return "\u2068" + std::string(kRtlOpen) + text + kRtlClose + "\u2069";
    return std::string(w.open_quote) + utf8::isolate_rtl(with_inner_marks(text, w)) + std::string(w.close_quote);
}

// `text` as a left-to-right paragraph whatever its first letter: the panel is one direction, each
// right-to-left field an isolate in it. A citation led by a Hebrew quote was a right-to-left paragraph
// set flush right, its locator wrapped to a line of its own, beside left-aligned ones (audit s15 D3);
// a legend row of a Hebrew status put "(edge band)" at its left.
std::string left_to_right(const std::string& text) {
    return reads_right_to_left(text) ? "\u200E" + text : text;
}

std::string source_line(const SourceSpec& s, const PanelWords& w) {
    std::string out = quoted(s.title, w);
    if (!s.publisher.empty())
        out += ", " + utf8::isolate_rtl(s.publisher);
    if (!s.published.empty())
        out += ", " + format_date(s.published, w);
    return out;
}

// The sources this page's claims and checks cite, in map.toml's order: a page of some zones ([[output]]
// zones = [...]) credits only those (a postcard of one claim listed all four sources of the project,
// audit s16 D2), and its citations name them by id only when it cites more than one.
std::vector<const SourceSpec*> cited_sources(const Project& p) {
    std::set<std::string_view> ids;
    for (const Claim& c : p.claims)
        for (const CitationSpec& q : c.spec->cites)
            ids.insert(q.source);
    for (const CheckResult& r : p.checks)
        for (const CitationSpec& q : r.spec->cites)
            ids.insert(q.source);
    std::vector<const SourceSpec*> out;
    for (const SourceSpec& src : p.spec.sources)
        if (ids.count(src.id))
            out.push_back(&src);
    return out;
}

// Whether this page's claims cite more than one source, without gathering them: asked for each
// citation laid out, on pages of thousands of claims.
bool cites_several_sources(const Project& p) {
    if (p.spec.sources.size() < 2)
        return false;
    const std::string* first = nullptr;
    for (const Claim& c : p.claims)
        for (const CitationSpec& q : c.spec->cites) {
            if (first && q.source != *first)
                return true;
            first = &q.source;
        }
    return cited_sources(p).size() > 1; // the checks' citations
}

} // namespace

// The narrowest width that wraps `text` into as few lines as `width` does: a title wrapped at the
// full width can leave one word alone on its last line; at this width the lines come out even.
double balanced_width(const LayoutContext& lc, const std::string& text, const Font& f, double width) {
    const std::size_t lines = lc.text.wrap(text, f, width).size();
    if (lines < 2)
        return width;
    double lo = width / static_cast<double>(lines), hi = width;
    for (int i = 0; i < 12 && hi - lo > 1; ++i) {
        const double mid = (lo + hi) / 2;
        (lc.text.at_most_lines(text, f, mid, lines) ? hi : lo) = mid;
    }
    return hi;
}

Item panel_title(const LayoutContext& lc, double width) {
    Item item;
    item.id = "title-block";
    const std::string& title = lc.project.spec.title;
    double y = add_paragraph(lc, item, title, 0, 0, balanced_width(lc, title, lc.fonts.title, width), lc.fonts.title,
                             lc.theme.text);
    if (!lc.project.spec.subtitle.empty())
        y = add_paragraph(lc, item, lc.project.spec.subtitle, 0, y + 1.5 * lc.unit,
                          balanced_width(lc, lc.project.spec.subtitle, lc.fonts.subtitle, width), lc.fonts.subtitle,
                          lc.theme.muted);
    (void)y;
    return item;
}

namespace {

// What the map actually draws, for the rows that depend on it.
struct Drawn {
    std::set<std::pair<const StatusSpec*, Modality>> bands;
    // Zone fills seen, and fills hidden by the zone's parts and shown as a casing outside its edge
    // (status key, modality), for the fill rows.
    std::set<std::pair<std::string, std::string>> fills, casings;
    bool nested = false, conflict = false;
    bool squares = false; // a zone too small to draw, shown as a square (map_layers.cpp)
    // The first zone another shows through where they overlap, and that zone (map_layers.cpp).
    std::string shows_over, shows_under;
};

Drawn drawn_on_map(const Project& p, const Scene& scene) {
    Drawn d;
    const double min_area = 0.3 * (72 / 25.4) * (72 / 25.4); // a conflict smaller than 0.3 mm2 cannot be seen
    auto ends_with = [](const std::string& s, const std::string& tail) {
        return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
    };
    for (const Layer& l : scene.layers) {
        if (ends_with(l.id, "zones"))
            for (const Item& i : l.items) {
                if (i.data.count("symbol"))
                    d.squares = true;
                if (auto it = i.data.find("shows"); it != i.data.end() && d.shows_over.empty()) {
                    d.shows_over = i.data.at("zone");
                    d.shows_under = it->second.substr(0, it->second.find(' '));
                }
                if (auto it = i.data.find("outline"); it != i.data.end() && it->second == "nested")
                    d.nested = true;
                else if (auto st = i.data.find("status"), mo = i.data.find("modality"); st != i.data.end() && mo != i.data.end())
                    (i.data.count("casing") ? d.casings : d.fills).insert({st->second, mo->second});
                if (auto it = i.data.find("bands"); it != i.data.end()) {
                    std::istringstream in(it->second);
                    for (int n = 0; in >> n;)
                        for (const Claim& c : p.claims)
                            if (c.number == n && c.status)
                                d.bands.insert({c.status, c.spec->modality});
                }
            }
        if (ends_with(l.id, "conflicts"))
            for (const Item& i : l.items)
                for (const Primitive& prim : i.parts)
                    if (const auto* s = std::get_if<Shape>(&prim))
                        for (const Ring& r : s->rings) {
                            double a = 0;
                            for (std::size_t k = 0; k < r.size(); ++k)
                                a += r[k].x * r[(k + 1) % r.size()].y - r[(k + 1) % r.size()].x * r[k].y;
                            d.conflict = d.conflict || std::abs(a) / 2 >= min_area;
                        }
    }
    return d;
}

// Whether some zone with claims may be drawn as a square on this page's map (map_layers.cpp: under
// 1.5 mm on the page), to size the legend before the map is drawn: a zone under 3 mm on a frame as
// large as the page (the context's placer holds the page) is one on any frame of half that size or
// less, and no map takes less. A row sized for but not drawn is given back (layout.cpp).
bool squares_possible(const LayoutContext& lc) {
    const Project& p = lc.project;
    const GeosContext& ctx = *p.geo.ctx;
    const Box all = lc.content.width() > 0 ? lc.content : p.geo.zones_extent;
    const Box page = lc.placer.bounds();
    if (all.width() <= 0 || all.height() <= 0)
        return false;
    const double largest_scale = std::min(page.width() / all.width(), page.height() / all.height());
    // Its size first: most zones are larger, and listing a zone's claims copies them (52 legends of
    // the 1000-zone check listed every zone's).
    for (const Zone& z : p.geo.zones) {
        const Box b = geom::bounds(ctx, z.geom.get());
        if (std::max(b.width(), b.height()) * largest_scale < 3 * 72 / 25.4 && !p.claims_of(z.id).empty())
            return true;
    }
    return false;
}

// Whether the outline's own fill shows anywhere on the drawn map: where zones cover the whole mapped
// area (a land divided between its zones), only its edge is seen, and a filled swatch would match
// nothing on the map. Less than a square millimetre uncovered is not seen.
// Every plan of a page asks again with the same world and scale (the overlay of a detailed coast with
// the zones clipped to it took seconds each time): the answer is kept (Geography::layer_answer).
bool outline_fill_visible(const LayoutContext& lc, const BaseLayer& bl) {
    const Geography& geo = lc.project.geo;
    const GeosContext& ctx = *geo.ctx;
    const GEOSGeometry* zones = geo.kept_union(Geography::Kept::zones);
    if (!zones || lc.tf.scale() <= 0)
        return true;
    const double mm = 72 / 25.4 / lc.tf.scale();
    // Erosion only shrinks a shape's parts: what the zones leave of the whole feature, eroded, is at
    // least what they leave of its part in the frame. A land divided between its zones is answered
    // from the kept remainder (the same for every page), without cutting the feature to the frame
    // and the zones again.
    // Only for an outline of modest size: eroding the remainder of a million-vertex coast on every
    // call cost seconds (the 1 M-vertex bench's check: 1.3 -> 3.3 s), where the kept answer below
    // costs one overlay per view.
    const auto layer = static_cast<std::size_t>(&bl - geo.layers.data());
    constexpr int kBoundUpToVertices = 20'000;
    const bool modest = std::all_of(bl.features.begin(), bl.features.end(), [&](const Feature& f) {
        return GEOSGetNumCoordinates_r(ctx.get(), f.geom.get()) <= kBoundUpToVertices;
    });
    double at_most = 0;
    for (std::size_t i = 0; modest && i < bl.features.size(); ++i)
        at_most += geom::area(ctx, geom::buffer(ctx, geo.beyond_zones(layer, i), -0.2 * mm).get());
    if (modest && at_most < mm * mm)
        return false;
    return geo.layer_answer(Geography::LayerQuestion::fill_visible, layer, lc.tf.world, lc.tf.scale(), [&] {
        GeosGeom world = ctx.box(lc.tf.world);
        double uncovered = 0;
        for (const Feature& f : bl.features) {
            GeosGeom shown = geom::intersection(ctx, f.geom.get(), world.get());
            GeosGeom rest = geom::difference(ctx, shown.get(), zones);
            // Slivers along a coast the zones were clipped to are no fill anyone sees.
            uncovered += geom::area(ctx, geom::buffer(ctx, rest.get(), -0.2 * mm).get());
        }
        return uncovered >= mm * mm;
    });
}

// `text` with its last two words tied by a no-break space, or with the locator tied to the quote's last
// word; empty when there is nothing to tie. Two long words stay free to break: tied, they would stand
// alone on a line anyway.
std::string tie_last_words(const std::string& text) {
    const std::size_t locator = text.rfind(" \u2009");
    if (locator != std::string::npos) // a space and a thin space both allow a break (UAX 14)
        return std::string(text).replace(locator, 4, "\u00A0\u202F");
    const std::size_t last = text.rfind(' ');
    if (last == std::string::npos || last == 0)
        return {};
    const std::size_t before = text.rfind(' ', last - 1);
    if (before == std::string::npos || text.size() - before - 1 > 24)
        return {};
    return std::string(text).replace(last, 1, "\u00A0");
}

// A line of one word, or a parenthetical alone (a quote's locator): a typographer's widow when it
// ends a paragraph.
bool lone_line(std::string_view line) {
    // A locator broken after the space before it starts with the thin space (after the mark that keeps
    // a line left to right, where one leads it: keep_direction_across_lines).
    for (const std::string_view lead : {"\u200E", "\u2009"})
        if (line.starts_with(lead))
            line.remove_prefix(lead.size());
    if (line.size() > 1 && line.front() == '(' && line.find(')') == line.size() - 1)
        return true;
    return line.find(' ') == std::string_view::npos && line.find("\u00A0") == std::string_view::npos &&
           line.find("\u202F") == std::string_view::npos;
}

// `text` as set at `width`, or `tied` (its last words tied: tie_last_words) when its last line would
// otherwise hold one word or a quote's locator alone ("Reported, attributed to the / government",
// "(wire ¶2 s1)" under a quote, a dozen on b-kessary's A4 portrait page; "a square in its / colour" in
// a legend row), as long as the tied text wraps in as many lines with none of one word. In a narrow
// column the tied words may not fit a line: Pango then breaks them anyway, and "Port / district:
// Evacuated" or "country” / (gazette ¶3 s1)" read worse than the widow.
const std::string& without_widow(const LayoutContext& lc, const std::string& text, const std::string& tied, const Font& f,
                                 double width) {
    if (tied.empty())
        return text;
    const std::vector<std::string> lines = lc.text.wrap(text, f, width);
    if (lines.size() < 2 || !lone_line(lines.back()))
        return text;
    const std::vector<std::string> set = lc.text.wrap(tied, f, width);
    return set.size() == lines.size() && std::none_of(set.begin(), set.end(), [](const std::string& l) { return lone_line(l); }) ? tied : text;
}

} // namespace

Item panel_legend(const LayoutContext& lc, double width, const Scene* drawn, LegendColumns columns) {
    const Project& p = lc.project;
    const double u = lc.unit;
    const std::optional<Drawn> shown = drawn ? std::optional<Drawn>(drawn_on_map(p, *drawn)) : std::nullopt;
    Item item;
    item.id = "legend";
    const PanelWords& words = panel_words(p.spec.lang);
    double y = add_paragraph(lc, item, std::string(words.legend), 0, 0, width, lc.fonts.heading, lc.theme.text) + 1.5 * u;
    const double sw = 16 * u, sh = 9 * u, gap = 5 * u;
    const Font& f = lc.fonts.body;
    // A legend as wide as a map (under it, or under a figure) takes two columns: one column of short
    // rows would leave half its width empty and double its height. On a banner's grid it takes as many
    // as it is given.
    const double column_gap = columns.count > 0 ? columns.gap : 8 * u;
    const int count = columns.count > 0 ? columns.count : width >= legend_two_columns_from(lc) ? 2 : 1;
    const double col_w = (width - (count - 1) * column_gap) / count;
    const double y_top = y;
    struct Start {
        std::size_t part;
        double y;
        bool splittable; // not the first row under a heading
    };
    std::vector<Start> starts;
    bool after_heading = false;

    auto row = [&](std::vector<Primitive> swatch, const std::string& words) {
        starts.push_back({item.parts.size(), y, !after_heading});
        after_heading = false;
        const std::string label = left_to_right(words);
        const double text_w = col_w - sw - gap;
        const std::string tied = tie_last_words(label);
        const std::string& text = without_widow(lc, label, tied, f, text_w);
        const auto lines = lc.text.wrap(text, f, text_w);
        const double text_h = static_cast<double>(lines.size()) * f.size * kLeading;
        const double h = std::max(sh, text_h);
        for (Primitive& prim : swatch) {
            Item tmp;
            tmp.parts.push_back(std::move(prim));
            translate(tmp, 0, y + (h - sh) / 2);
            item.parts.push_back(std::move(tmp.parts.front()));
        }
        add_paragraph(lc, item, text, sw + gap, y + (h - text_h) / 2, text_w, f, lc.theme.text);
        y += h + 2.2 * u;
    };

    // Short rows side by side on one line as far as they fit the column, each with its swatch
    // ("Land  Line  Town"); an entry too long to share a line is a row of its own.
    auto set_inline = [&](std::vector<std::pair<std::vector<Primitive>, std::string>>& entries) {
        for (auto& entry : entries)
            entry.second = left_to_right(entry.second);
        for (std::size_t i = 0; i < entries.size();) {
            const double spacing = 5 * u;
            std::vector<double> widths; // swatch, gap and name of each entry on this line
            double used = 0;
            for (std::size_t k = i; k < entries.size(); ++k) {
                const double w = sw + gap + lc.text.measure(entries[k].second, f).width;
                if (used + (widths.empty() ? 0 : spacing) + w > col_w)
                    break;
                used += (widths.empty() ? 0 : spacing) + w;
                widths.push_back(w);
            }
            if (widths.size() < 2) {
                row(std::move(entries[i].first), entries[i].second);
                ++i;
                continue;
            }
            starts.push_back({item.parts.size(), y, !after_heading});
            after_heading = false;
            const double text_h = f.size * kLeading;
            const double h = std::max(sh, text_h);
            double x = 0;
            for (const double w : widths) {
                for (Primitive& prim : entries[i].first) {
                    Item tmp;
                    tmp.parts.push_back(std::move(prim));
                    translate(tmp, x, y + (h - sh) / 2);
                    item.parts.push_back(std::move(tmp.parts.front()));
                }
                // The name's own width and a point: it is set whole, on one line.
                add_paragraph(lc, item, entries[i].second, x + sw + gap, y + (h - text_h) / 2, w - sw - gap + 1, f,
                              lc.theme.text);
                x += w + spacing;
                ++i;
            }
            y += h + 2.2 * u;
        }
    };

    // A band inside a zone's edge, as the map draws a further claim on a zone.
    auto band_swatch = [&](const Fill& fill) {
        const double b = 3.2 * u;
        Shape base = rect(0, 0, sw, sh);
        base.fill = Fill{lc.theme.mapped_area, {}};
        Shape band{{{{0, 0}, {sw, 0}, {sw, sh}, {0, sh}}, {{b, b}, {sw - b, b}, {sw - b, sh - b}, {b, sh - b}}},
                   true,
                   fill,
                   Stroke{lc.theme.boundary, 0.4 * u, {}, false}};
        return std::vector<Primitive>{base, band};
    };

    // Rows grouped by modality, so "reported" is said once, in a heading, not on every row. Within a
    // group: statuses as zone fills first, then as bands inside a zone's edge, in [status.*] order.
    using Row = LegendClaimRow;
    LegendClaimGroups groups;
    const auto primary = primary_claims(p);
    // Every band the map may draw, whether or not this map shows it: the key's form follows these, so
    // the legend drawn after the map is never taller than the one it was sized by.
    std::set<std::pair<const StatusSpec*, Modality>> possible_bands;
    std::set<const Claim*> may_band; // the claims that may draw a band (band_claims)
    {
        // Asked only of zones with further claims: the legend is set for every composition tried, and a
        // thousand zones of one claim each need none of it.
        std::set<std::string_view> further;
        for (const Claim& c : p.claims)
            if (c.spec->target == TargetKind::zone && primary.at(c.spec->zone) != &c)
                further.insert(c.spec->zone);
        for (std::string_view zone : further)
            for (const Claim* c : band_claims(in_drawing_order(p.claims_of(zone))))
                may_band.insert(c);
    }
    // The colour theme's badges are keyed the same way where a status is seen on badges alone, no fill,
    // line or band row keying its hue: of Port Calder's nine statuses, five were (audit s16 D4). Asked
    // of the bands a zone may draw (band_claims), not of those drawn, so the legend drawn after the map
    // has the row exactly when the one it was sized by had it (a key sized for and dropped shrank
    // Gaza's 170 mm map for nothing).
    std::set<const StatusSpec*> keyed;
    for (const auto& [target, c] : primary)
        keyed.insert(c->status);
    for (const Claim* c : may_band)
        keyed.insert(c->status);
    const bool hues_unkeyed = std::any_of(p.claims.begin(), p.claims.end(),
                                          [&](const Claim& c) { return c.status && !keyed.count(c.status); });
    // A claim number's badge as the map draws it, for a claim of `status` (null: the plain dark one),
    // numbered in the claim number's row only: a row keying a status's colour or style shows a blank
    // disc, as "Plans: (1) Resettlement" read as claim 1, which was about a ferry (audit s17 D10).
    auto badge_swatch = [&](const StatusSpec* status, bool numbered) {
        const Badge style = status ? claim_badge(lc.theme, p.spec, status, u) : Badge{lc.theme.text, std::nullopt, {1, 1, 1, 1}};
        std::vector<Primitive> out;
        out.emplace_back(Circle{{sw / 2, sh / 2}, lc.fonts.marker.size * 0.78, Fill{style.fill, {}}, style.ring});
        if (!numbered)
            return out;
        Text t = lc.text_at("1", {sw / 2, 0}, lc.fonts.marker, style.number, Anchor::middle);
        t.origin.y = sh / 2 - (t.box.miny + t.box.height() / 2) + 0.035 * lc.fonts.marker.size;
        t.box = lc.text.box_of(t);
        out.emplace_back(std::move(t));
        return out;
    };
    std::set<const StatusSpec*> badge_rows_for; // statuses keyed by a badge row in a band row's place
    for (const Claim& c : p.claims) {
        if (!c.status || c.spec->target != TargetKind::zone)
            continue; // lines and places have rows of their own
        const bool band = primary.at(c.spec->zone) != &c;
        if (band && !may_band.count(&c))
            continue; // another band draws its status and modality, or its badge alone shows it
        if (band)
            possible_bands.insert({c.status, c.spec->modality});
        bool badge = false;
        if (band && shown && !shown->bands.count({c.status, c.spec->modality})) {
            // Every such band gave way to the claim's badge. Where no fill, other band or the badges'
            // own key keys its status's hue, the row keys the badge instead, once a status, in the band
            // row's place and no taller: Solund's Joint patrols, a plan band too thin to draw on the
            // buffer strip, left badge 2's colour unkeyed (audit s16 D4).
            const bool band_drawn = std::any_of(shown->bands.begin(), shown->bands.end(),
                                                [&](const auto& b) { return b.first == c.status; });
            if (lc.theme.greyscale || hues_unkeyed || band_drawn || badge_rows_for.count(c.status) ||
                std::any_of(primary.begin(), primary.end(), [&](const auto& t) { return t.second->status == c.status; }))
                continue;
            badge_rows_for.insert(c.status);
            badge = true;
        }
        auto& rows = groups[static_cast<int>(c.spec->modality)];
        auto it = std::find_if(rows.begin(), rows.end(),
                               [&](const Row& r) { return r.status == c.status && r.band == band && !badge; });
        if (it == rows.end()) {
            rows.push_back({c.status, band && !badge, c.spec->attributed_to, badge});
        } else if (it->deniers.find(c.spec->attributed_to) == std::string::npos) {
            it->deniers += "; " + c.spec->attributed_to;
        }
    }
    // A claimed line or place stands in its claim's group: a reported road is a reported symbol.
    auto claimed_features = [&](auto&& each) {
        for (const LineFeature& l : p.geo.lines)
            each(primary_claim(p, l.id));
        for (const PlaceFeature& pl : p.geo.places)
            each(primary_claim(p, pl.id));
    };
    std::set<int> feature_groups;
    claimed_features([&](const Claim* c) {
        if (c && c->status) {
            groups[static_cast<int>(c->spec->modality)];
            feature_groups.insert(static_cast<int>(c->spec->modality));
        }
    });
    // Colour says the status and pattern the modality, independently: past twelve band rows
    // (d-zarechye: 6 statuses x 4 modalities, 24 rows, two thirds of a 90 mm figure, audit s13 D6) the
    // bands are keyed in two parts, the statuses' colours and one row per way a band is drawn.
    const BandKey band_key = two_part_band_key(groups, feature_groups, p.spec, possible_bands.size());
    // Headings when there are several groups, or one that is not "reported": rows that say only a
    // status would otherwise read as reported.
    const bool with_headings = !band_key.modalities.empty() || groups.size() > 1 ||
                               (groups.size() == 1 && groups.begin()->first != static_cast<int>(Modality::reported));
    // A group's heading: a place the two columns may break, and the row under it stays with it.
    auto heading = [&](std::string_view text) {
        Font h = f;
        h.weight = Weight::bold;
        starts.push_back({item.parts.size(), y, true});
        after_heading = true;
        y = add_paragraph(lc, item, std::string(text), 0, y, col_w, h, lc.theme.muted) + 0.6 * u;
    };
    for (auto& [modality_index, rows] : groups) {
        const auto modality = static_cast<Modality>(modality_index);
        std::stable_sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
            return std::make_pair(a.band, a.status - p.spec.statuses.data()) <
                   std::make_pair(b.band, b.status - p.spec.statuses.data());
        });
        if (with_headings)
            heading(words.modality_heading.at(static_cast<std::size_t>(modality_index)));
        for (const Row& r : rows) {
            const std::string label = legend_wording(*r.status, modality, r.deniers, words);
            const std::pair<std::string, std::string> key{r.status->key, to_string(modality)};
            if (!r.band && shown && !shown->fills.count(key) && shown->casings.count(key)) {
                // Only seen as the casing around zones their parts hide: the swatch shows that.
                const double b = 2.6 * u;
                Shape casing{{{{0, 0}, {sw, 0}, {sw, sh}, {0, sh}}, {{b, b}, {sw - b, b}, {sw - b, sh - b}, {b, sh - b}}},
                             true,
                             Fill{status_color(lc.theme, p.spec, *r.status).with_alpha(0.9), {}},
                             std::nullopt};
                Shape inner = rect(b, b, sw - 2 * b, sh - 2 * b);
                inner.fill = Fill{lc.theme.mapped_area, {}};
                inner.stroke = Stroke{lc.theme.boundary, 0.4 * u, {}, false};
                row({casing, inner}, fill(words.outer_edge, {label}));
                continue;
            }
            if (r.badge) {
                row(badge_swatch(r.status, false), label);
                continue;
            }
            if (!r.band) {
                const ZoneStyle st = zone_style(lc.theme, p.spec, *r.status, modality, u);
                Shape s = rect(0, 0, sw, sh);
                s.fill = st.fill;
                s.stroke = st.stroke;
                row({s}, label);
                continue;
            }
            row(band_swatch(band_fill(lc.theme, p.spec, *r.status, modality, u)), fill(words.edge_band, {label}));
        }
        if (with_headings)
            legend_lines_and_places(
                lc, row, sw, sh, [&](const Claim* c) { return c && c->spec->modality == modality; }, false);
    }
    if (!band_key.modalities.empty()) {
        heading(words.band_heading);
        for (const StatusSpec* st : band_key.statuses) {
            const ZoneStyle zs = zone_style(lc.theme, p.spec, *st, Modality::reported, u);
            Shape s = rect(0, 0, sw, sh);
            s.fill = zs.fill;
            s.stroke = zs.stroke;
            row({s}, st->label);
        }
        // In a neutral grey: the colour is the status's, keyed above.
        const StatusSpec neutral{"", "", "#8c8c8c", {}, {}};
        for (const Modality m : band_key.modalities)
            row(band_swatch(m == Modality::reported ? Fill{lc.theme.mapped_area.mix(Color::hex(neutral.color), lc.theme.fill_alpha), {}}
                                                    : band_fill(lc.theme, p.spec, neutral, m, u)),
                band_key_wording(m, lc.theme.greyscale, words));
    }
    // Under modality headings, the symbols no claim is about (unclaimed lines and places, the claim
    // number, base layers) would read as part of the last group: they get a heading of their own.
    if (with_headings)
        heading(words.other_symbols);
    legend_lines_and_places(
        lc, row, sw, sh, [&](const Claim* c) { return !with_headings || !c; }, !with_headings);
    if (const auto& nested = lc.nested(); !nested.empty() && (!shown || shown->nested)) {
        const Claim* c = primary_claim(p, *nested.begin());
        Shape s = rect(0, 0, sw, sh);
        s.stroke =
            nested_zone_stroke(zone_style(lc.theme, p.spec, *c->status, c->spec->modality, u).stroke, u);
        row({s}, std::string(words.nested));
    }
    // A zone showing through another over it where both claims hold (overlap_fill), keyed by the first
    // such pair on the map; before the map is drawn, sized where some pair of zones may show so.
    if (drawn ? !shown->shows_over.empty() : zones_may_show_through(p)) {
        const StatusSpec neutral{"", "", "#8c8c8c", {}, {}};
        const Claim* over = drawn ? primary_claim(p, shown->shows_over) : nullptr;
        const Claim* under = drawn ? primary_claim(p, shown->shows_under) : nullptr;
        const ZoneStyle zs = zone_style(lc.theme, p.spec, over ? *over->status : neutral,
                                        over ? over->spec->modality : Modality::reported, u);
        Shape ground = rect(0, 0, sw, sh), top = ground, through = ground;
        ground.fill = Fill{lc.theme.mapped_area, {}};
        top.fill = zs.fill;
        through.fill = overlap_fill(lc.theme, p.spec, under ? *under->status : neutral,
                                    under ? under->spec->modality : Modality::reported, u, false);
        through.stroke = zs.stroke;
        row({ground, top, through}, std::string(words.overlap_shows));
    }
    // The square that stands for a zone too small to draw at the map's scale.
    if (drawn ? shown->squares : squares_possible(lc)) {
        const double side = 1.5 * 72 / 25.4 + 0.4;
        Shape s = rect((sw - side) / 2, (sh - side) / 2, side, side);
        s.fill = Fill{lc.theme.muted.with_alpha(0.85), {}};
        s.stroke = Stroke{lc.theme.text, 0.6 * u, {}, false};
        row({s}, std::string(words.square));
    }
    if ((!p.conflicts.empty() || !p.contests.empty()) && (!shown || shown->conflict)) {
        Shape s = rect(0, 0, sw, sh);
        s.fill = Fill{std::nullopt, {Hatch::cross, lc.theme.conflict, 3.2 * u, 0.6 * u}};
        s.stroke = Stroke{lc.theme.conflict, 0.6 * u, {1.5 * u, 1 * u}, true};
        row({s}, std::string(p.contests.empty()    ? words.conflict
                             : p.conflicts.empty() ? words.contested
                                                   : words.conflict_or_contested));
    }
    // In print the badges tell statuses apart by fill and ring (claim_badge: filled, open, grey,
    // dashed): each style the claims use, with the statuses it stands for, is keyed on the line after
    // the claim number's row, as the base layers are. The colour theme's badges take their status's hue.
    struct BadgeStyle {
        const StatusSpec* first;
        Badge badge;
        std::string labels;
    };
    std::vector<BadgeStyle> styles;
    if (lc.theme.greyscale || hues_unkeyed)
        for (const StatusSpec& st : p.spec.statuses) {
            if (std::none_of(p.claims.begin(), p.claims.end(), [&](const Claim& c) { return c.status == &st; }))
                continue;
            const Badge b = claim_badge(lc.theme, p.spec, &st, u);
            const auto it = std::find_if(styles.begin(), styles.end(), [&](const BadgeStyle& o) {
                return o.badge.fill.hex() == b.fill.hex() && o.badge.ring.has_value() == b.ring.has_value() &&
                       (!b.ring || o.badge.ring->dash == b.ring->dash);
            });
            if (it != styles.end())
                it->labels += ", " + utf8::isolate_rtl(st.label);
            else
                styles.push_back({&st, b, utf8::isolate_rtl(st.label)});
        }
    if (styles.size() < 2)
        styles.clear();
    // The row says where the list is from the legend (below it in a column, to its right in a band
    // under the map, or under the map beside a side column), and that it goes on on further
    // sheets when it does; a figure whose citations went to its caption companions says so.
    // layout.cpp says where in English words: "below", "at right", "below and at right" (a banner's
    // grid, where the list starts under the legend and goes on through the columns beside it: most of
    // it is to the right), "at left".
    const std::string_view where = lc.citations_at == "at right"             ? words.at_right
                                   : lc.citations_at == "below and at right" ? words.below_and_at_right
                                   : lc.citations_at == "at left"            ? words.at_left
                                   : lc.citations_at == "overleaf"           ? words.overleaf
                                                                             : words.below;
    // A page of one claim has no row for its number: the one badge on the map is the one beside its
    // citation (a postcard's row took a fifth of its legend, lang2 s16).
    if (p.claims.size() != 1 || !styles.empty())
        row(badge_swatch(styles.empty() ? nullptr : styles.front().first, true),
            (drawn && drawn->citations_in_caption
                 ? std::string(words.number_in_caption)
                 : fill(words.number_listed, {where}) +
                       std::string(lc.citations_continue ? words.or_following_sheets : std::string_view())) +
                std::string(styles.empty() ? std::string_view() : words.badge_shows));
    std::vector<std::pair<std::vector<Primitive>, std::string>> badge_rows;
    for (const BadgeStyle& st : styles)
        badge_rows.emplace_back(badge_swatch(st.first, false), st.labels);
    set_inline(badge_rows);
    // The base layers' rows (outline, borders, towns): short names, set side by side on one line as
    // far as they fit the column, each with its swatch ("Land  Line  Town"), so the key of the
    // symbols no claim is about stays short; a name too long to share a line has a row of its own.
    std::vector<std::pair<std::vector<Primitive>, std::string>> base_rows;
    auto base_row = [&](std::vector<Primitive> swatch, const std::string& label) {
        base_rows.emplace_back(std::move(swatch), label);
    };
    for (const BaseLayer& bl : p.geo.layers) {
        // No row for a layer that draws nothing inside the map.
        if (!lc.layer_visible(bl))
            continue;
        Shape s = rect(0, 0, sw, sh);
        switch (bl.spec.role) {
        case LayerRole::outline:
            if (drawn && !outline_fill_visible(lc, bl)) {
                // Only its edge is seen: the row shows the edge.
                base_row({Shape{{{{0, sh / 2}, {sw, sh / 2}}}, false, std::nullopt,
                                Stroke{lc.theme.outline_stroke, 0.8 * u, {}, true}}},
                         fill(words.edge, {bl.spec.name}));
                break;
            }
            s.fill = Fill{lc.theme.mapped_area, {}};
            s.stroke = Stroke{lc.theme.outline_stroke, 0.8 * u, {}, false};
            base_row({s}, bl.spec.name);
            break;
        case LayerRole::boundary: {
            const bool admin =
                !bl.features.empty() &&
                GEOSGeomTypeId_r(p.geo.ctx->get(), bl.features.front().geom.get()) >= GEOS_POLYGON &&
                GEOSGeomTypeId_r(p.geo.ctx->get(), bl.features.front().geom.get()) != GEOS_MULTILINESTRING;
            Shape line{{{{0, sh / 2}, {sw, sh / 2}}},
                       false,
                       std::nullopt,
                       admin ? Stroke{lc.theme.boundary, 0.45 * u, {2.2 * u, 1.2 * u}, true}
                             : Stroke{lc.theme.outline_stroke, 0.7 * u, {}, true}};
            base_row({line}, bl.spec.name);
            break;
        }
        case LayerRole::localities:
            base_row({Circle{{sw / 2, sh / 2}, 1.5 * u, Fill{lc.theme.text, {}}, Stroke{{1, 1, 1, 1}, 0.5 * u, {}, true}}},
                     bl.spec.name);
            break;
        default:
            break;
        }
    }
    set_inline(base_rows);
    // Columns: the rows break where the tallest column is shortest (balanced_column_starts), never
    // under a heading, and each column's rows move to its top.
    std::vector<const Start*> cuts; // where a column may start, after the first
    for (const Start& st : starts)
        if (st.splittable && st.part > starts.front().part)
            cuts.push_back(&st);
    if (count > 1 && !cuts.empty()) {
        std::vector<double> heights; // the runs of rows between the cuts
        double from = y_top;
        for (const Start* c : cuts) {
            heights.push_back(c->y - from);
            from = c->y;
        }
        heights.push_back(y - from);
        const std::vector<std::size_t> column_starts = balanced_column_starts(heights, count);
        std::vector<Primitive> parts = std::move(item.parts);
        item.parts.clear();
        for (std::size_t c = 0; c < column_starts.size(); ++c) {
            const std::size_t begin = c == 0 ? 0 : cuts[column_starts[c] - 1]->part;
            const std::size_t end = c + 1 < column_starts.size() ? cuts[column_starts[c + 1] - 1]->part : parts.size();
            Item column;
            column.parts.assign(std::make_move_iterator(parts.begin() + static_cast<std::ptrdiff_t>(begin)),
                                std::make_move_iterator(parts.begin() + static_cast<std::ptrdiff_t>(end)));
            if (c > 0)
                translate(column, static_cast<double>(c) * (col_w + column_gap), y_top - cuts[column_starts[c] - 1]->y);
            for (Primitive& prim : column.parts)
                item.parts.push_back(std::move(prim));
        }
    }
    return item;
}

double legend_two_columns_from(const LayoutContext& lc) {
    return 125 * 72 / 25.4 * std::max(1.0, lc.unit);
}

double citation_gutter(const LayoutContext& lc) { return std::max(5 * lc.unit, 2 * lc.fonts.body.size); }

// One paragraph of a claim's citation, set beside its badge.
struct CitationParagraph {
    std::string text;
    Font font;
    Color color;
    std::string tied;           // the text with its last words tied (tie_last_words), or empty
};

// Each claim's paragraphs as a context words them (LayoutContext::citation_texts), by claim index.
struct CitationTexts {
    Font body;
    Color text, muted;
    std::vector<std::vector<CitationParagraph>> of_claim; // empty: not worded yet
};

namespace {

// The paragraphs of a claim's citation, in order: its title, what kind of claim it is and whom it is
// attributed to, and each quote with where it stands in its source.
std::vector<CitationParagraph> word_citation(const LayoutContext& lc, const Claim& c) {
    std::vector<CitationParagraph> out;
    Font head = lc.fonts.body;
    head.weight = Weight::bold;
    const PanelWords& words = panel_words(lc.project.spec.lang);
    const std::string title = left_to_right(claim_title(lc.project, c));
    out.push_back({title, head, lc.theme.text, tie_last_words(title)});
    std::string meta = attributed(words, c.spec->modality, utf8::isolate_rtl(c.spec->attributed_to), true);
    meta += claim_period(words, c.spec->since, c.spec->until);
    Font small = lc.fonts.body;
    small.italic = true;
    meta = left_to_right(meta);
    out.push_back({meta, small, lc.theme.muted, tie_last_words(meta)});
    // Citations name their source by id when there are several; the credits say which id is which
    // (on every sheet). A list of them here, set across the columns, was said twice on the page, and
    // pdftotext took it and the columns under it as one block and read the columns' lines across.
    const bool many_sources = cites_several_sources(lc.project);
    for (const ResolvedQuote& q : c.quotes) {
        std::string where = quote_location(q, words);
        if (many_sources)
            where = q.source->spec().id + " " + where;
        // A right-to-left quote is an isolate in the left-to-right paragraph, its locator after it
        // (wrapped, each line's part of it reads from its right, as a browser sets <bdi>).
        const std::string text = left_to_right(quoted(printed_quote(q.exact), words) + " \u2009(" + where + ")");
        out.push_back({text, lc.fonts.body, lc.theme.text, tie_last_words(text)});
    }
    return out;
}

bool same_color(const Color& a, const Color& b) { return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a; }

// word_citation, worded once per context and claim: every flow of a candidate (the bisections of its
// frame and band, the sheets it counts) sets the same claims again, and wording them (titles, quotes
// in their marks, locators) was 5 % of the 1000-zone check.
const std::vector<CitationParagraph>& citation_paragraphs(const LayoutContext& lc, const Claim& c) {
    auto& kept = lc.citation_texts;
    const Font& body = lc.fonts.body;
    if (!kept || kept->body.size != body.size || kept->body.family != body.family ||
        kept->body.weight != body.weight || kept->body.italic != body.italic ||
        !same_color(kept->text, lc.theme.text) || !same_color(kept->muted, lc.theme.muted))
        kept = std::make_shared<CitationTexts>(
            CitationTexts{body, lc.theme.text, lc.theme.muted,
                          std::vector<std::vector<CitationParagraph>>(lc.project.claims.size())});
    auto& paragraphs = kept->of_claim.at(static_cast<std::size_t>(&c - lc.project.claims.data()));
    if (paragraphs.empty())
        paragraphs = word_citation(lc, c);
    return paragraphs;
}

// A further sheet's title says which sheet of how many it continues (continuation_sheets).
std::string citations_heading(std::size_t first, const PanelWords& words) {
    return first == 0 ? std::string(words.citations) : fill(words.continued, {words.citations});
}

// The badge beside each citation, and the indent of the citation's text.
struct BadgeMetrics {
    Font font;
    double r = 0, indent = 0;
};

BadgeMetrics badge_metrics(const LayoutContext& lc) {
    // The list's badges keep pace with its text when the text is set large (a page with room to
    // spare): the map's marker size beside 10 pt text looked like a stray dot.
    Font badge = lc.fonts.marker;
    badge.size = std::max(badge.size, 0.75 * lc.fonts.body.size);
    const double r = badge.size * 0.78;
    return {badge, r, 2 * r + 3 * lc.unit + (lc.project.claims.size() >= 100 ? 2 * lc.unit : 0)};
}

// add_paragraph's height arithmetic for `lines` lines of a font of `size` from y.
double after_lines(double y, std::size_t lines, double size) {
    const double line_h = size * kLeading;
    for (std::size_t i = 0; i < lines; ++i)
        y += line_h;
    return y;
}

double after_lines(double y, std::size_t lines, const Font& f) { return after_lines(y, lines, f.size); }

} // namespace

CitationStack citations_at_least(const LayoutContext& lc, double full_width, int columns, std::size_t first,
                                 double enough, const CitationLines* counted) {
    const double u = lc.unit;
    const double width = (full_width - (columns - 1) * citation_gutter(lc)) / columns;
    const std::string heading = citations_heading(first, panel_words(lc.project.spec.lang));
    CitationStack out;
    out.start = after_lines(0, lc.text.lines_at_least(heading, lc.fonts.heading, width), lc.fonts.heading) + 1 * u;
    const double indent = badge_metrics(lc).indent;
    if (counted && (counted->wrap_width != width - indent || counted->size != lc.fonts.body.size))
        counted = nullptr; // counted for another column
    double y = out.start;
    for (std::size_t ci = first; ci < lc.project.claims.size(); ++ci) {
        if (y - out.start > enough)
            break; // the caller's question is answered: the rest only adds
        if (counted && ci < counted->claims.size() && !counted->claims[ci].empty()) {
            for (const auto& [lines, size] : counted->claims[ci])
                y = after_lines(y, lines, size);
        } else {
            for (const CitationParagraph& para : citation_paragraphs(lc, lc.project.claims[ci]))
                y = after_lines(y, lc.text.lines_at_least(para.text, para.font, width - indent), para.font);
        }
        y += kClaimSpacing * u;
    }
    out.stack = y - out.start;
    return out;
}

namespace {

// What a flow is asked for: its items (panel_citations), or only where it stops and its height
// (citations_unset), or only where it stops (citations_placed).
enum class FlowFor { items, height, placed };

// panel_citations, or without `items` only where its list stops: the same heights from the same
// line counts (add_paragraph's y is after_lines' arithmetic), without setting any text. Counting the
// sheets a list continues on asks this for every candidate's stopping point; the items were 80 % of a
// 300-claim check.
CitationFlow flow_citations(const LayoutContext& lc, double full_width, int columns, std::size_t first,
                            double max_height, bool last, FlowFor wanted, CitationLines* memo = nullptr) {
    const bool build = wanted == FlowFor::items;
    const Project& p = lc.project;
    const double u = lc.unit;
    const double column_gap = citation_gutter(lc);
    const double width = (full_width - (columns - 1) * column_gap) / columns;
    CitationFlow flow;
    std::vector<Item>& out = flow.items;
    std::vector<double> tops; // where each claim starts in the one-column stack
    // add_paragraph, or only its arithmetic.
    auto paragraph = [&](Item& item, const std::string& text, double x, double y, double w, const Font& f, Color c) {
        return build ? add_paragraph(lc, item, text, x, y, w, f, c)
                     : after_lines(y, lc.text.wrap(text, f, w).size(), f);
    };
    const BadgeMetrics bm = badge_metrics(lc);
    const Font& badge = bm.font;
    const double r = bm.r, indent = bm.indent;
    if (memo && (memo->wrap_width != width - indent || memo->size != lc.fonts.body.size ||
                 memo->column_width != width || memo->heading_size != lc.fonts.heading.size)) {
        *memo = CitationLines{};
        memo->wrap_width = width - indent;
        memo->size = lc.fonts.body.size;
        memo->column_width = width;
        memo->heading_size = lc.fonts.heading.size;
    }
    if (memo)
        memo->claims.resize(p.claims.size());
    Item heading;
    if (build)
        heading.id = first == 0 ? "citations-heading" : "citations-heading-" + std::to_string(first + 1);
    const std::string heading_text = citations_heading(first, panel_words(p.spec.lang));
    double y = 0;
    if (memo) { // build is false: only the arithmetic, of the heading's lines as first counted
        std::size_t& lines = memo->heading_lines[first == 0 ? 0 : 1];
        if (lines == 0)
            lines = lc.text.wrap(heading_text, lc.fonts.heading, width).size();
        y = after_lines(0, lines, lc.fonts.heading) + 1 * u;
    } else {
        y = paragraph(heading, heading_text, 0, 0, width, lc.fonts.heading, lc.theme.text) + 1 * u;
    }
    // Only the arithmetic: no items are kept (moving a thousand claims' items as the list grew was a
    // tenth of the 1000-zone check), nor made (making and dropping one per claim was 1 % of it).
    if (build)
        out.push_back(std::move(heading));
    Item item;
    for (std::size_t ci = first; ci < p.claims.size(); ++ci) {
        const Claim& c = p.claims[ci];
        const double top = y;
        tops.push_back(top);
        if (build) {
            item = Item{};
            item.id = "citation-" + std::to_string(c.number);
            item.anchor_name = "cite-" + std::to_string(c.number);
            item.data = {{"citation", std::to_string(c.number)}, {"zone", c.spec->zone}};
            const Badge style = claim_badge(lc.theme, p.spec, c.status, u);
            Text num = lc.text_at(std::to_string(c.number), {0, 0}, badge, style.number, Anchor::middle);
            // Three-digit numbers widen their badge instead of spilling out of it.
            const double rr = std::max(r, num.box.width() / 2 + 0.9 * u);
            item.parts.emplace_back(Circle{{rr, top + r + 0.3 * u}, rr, Fill{style.fill, {}}, style.ring});
            num.origin = {rr, top + r + 0.3 * u - (num.box.miny + num.box.height() / 2) + 0.035 * badge.size};
            num.box = lc.text.box_of(num);
            item.parts.emplace_back(std::move(num));
        }
        if (memo && !memo->claims[ci].empty()) {
            for (const auto& [lines, size] : memo->claims[ci])
                y = after_lines(y, lines, size);
        } else {
            for (const CitationParagraph& para : citation_paragraphs(lc, c)) {
                const std::string& text = without_widow(lc, para.text, para.tied, para.font, width - indent);
                if (memo) { // build is false: only the arithmetic
                    const std::size_t lines = lc.text.wrap(text, para.font, width - indent).size();
                    memo->claims[ci].emplace_back(lines, para.font.size);
                    y = after_lines(y, lines, para.font);
                } else {
                    y = paragraph(item, text, indent, y, width - indent, para.font, para.color);
                }
            }
        }
        y += kClaimSpacing * u;
        if (build)
            out.push_back(std::move(item));
        // The columns below hold at most `columns` column heights of the stack: a claim ending past
        // that can never be placed, nor can any after it (and the flow is then not balanced), so
        // the rest are not laid out at all. With 1000 claims most continue on further sheets.
        if (max_height > tops.front() && y - tops.front() > columns * (max_height - tops.front()))
            break;
    }
    tops.push_back(y);
    const double start = tops.front();
    const std::size_t n = tops.size() - 1;
    if (n == 0) {
        flow.height = start;
        return flow;
    }
    // Where each placed claim went: its column and its foot, for the line that says where the rest go on.
    std::vector<std::pair<int, double>> foot;
    std::size_t placed = 0;
    // Balanced when every claim was flowed and the balanced columns fit under max_height: no claim
    // split, the columns' feet within about one claim of each other, the heading above column 1.
    const bool all_flowed = first + n == p.claims.size();
    std::vector<double> heights;
    if (columns > 1 && all_flowed && y - start <= columns * (max_height - start)) {
        heights.resize(n);
        for (std::size_t i = 0; i < n; ++i)
            heights[i] = tops[i + 1] - tops[i];
    }
    if (!heights.empty() && start + least_tallest_column(heights, columns) <= max_height) {
        if (wanted == FlowFor::placed) { // every claim, however the columns break
            flow.placed = n;
            return flow;
        }
        const std::vector<std::size_t> starts = balanced_column_starts(heights, columns);
        for (std::size_t c = 0; c < starts.size(); ++c) {
            const std::size_t end = c + 1 < starts.size() ? starts[c + 1] : n;
            const double column_start = tops[starts[c]];
            for (std::size_t i = starts[c]; i < end; ++i)
                if (build)
                    translate(out[i + 1], static_cast<double>(c) * (width + column_gap), start - column_start);
            flow.height = std::max(flow.height, start + tops[end] - column_start);
        }
        placed = n;
    } else {
        // Column after column, each filled as far as max_height: the rest continue on another sheet.
        int column = 0;
        double column_start = start;
        for (std::size_t i = 0; i < n; ++i) {
            const double bottom = tops[i + 1] - column_start;
            if (start + bottom > max_height && tops[i] > column_start) {
                if (column + 1 >= columns)
                    break;
                ++column;
                column_start = tops[i];
            }
            if (start + tops[i + 1] - column_start > max_height)
                break; // one claim taller than a whole column: it continues on the next sheet
            if (build)
                translate(out[i + 1], column * (width + column_gap), start - column_start);
            flow.height = std::max(flow.height, start + tops[i + 1] - column_start);
            foot.emplace_back(column, start + tops[i + 1] - column_start);
            ++placed;
        }
    }
    // A list that stops before its last claim ends with a line saying where the rest go on, under
    // its last claim; a claim gives way to it when the column has no room for it (but the sheet keeps
    // one claim: a sheet of nothing but that line would continue forever).
    if (last && first + placed < p.claims.size() && placed > 0) {
        // On the map sheet the note names the sheets it continues on: as many as follow claim `k`.
        auto sheets_after = [&](std::size_t k) {
            return lc.sheet == 1 && lc.sheets_after ? lc.sheets_after(first + k) : std::size_t{0};
        };
        auto note_for = [&](std::size_t k, std::size_t after) {
            const int a = p.claims[first + k].number, b = p.claims.back().number;
            const std::string next = std::to_string(lc.sheet + 1);
            const PanelWords& words = panel_words(p.spec.lang);
            const std::string sheets = after > 1 ? fill(words.on_sheets, {next, std::to_string(lc.sheet + after)})
                                                 : fill(words.on_sheet, {next});
            return a == b ? fill(words.continues_one, {std::to_string(a), sheets})
                          : fill(words.continue_many, {std::to_string(a), std::to_string(b), sheets});
        };
        for (;;) {
            const auto [col, bottom] = foot[placed - 1];
            Item note;
            note.id = "citations-continue";
            // The note is at least one line: where not even one fits, its text (on the map sheet, the
            // count of the sheets after it, a whole flow of the rest) is not needed to know it fails.
            double end = after_lines(bottom, 1, lc.fonts.body);
            if (end <= max_height) {
                const std::size_t after = sheets_after(placed);
                if (memo) { // build is false: its lines, as first counted (the sheet count asks again and again)
                    const auto [kept, fresh] = memo->notes.try_emplace({first + placed, lc.sheet, after}, 0);
                    if (fresh)
                        kept->second = lc.text.wrap(note_for(placed, after), lc.fonts.body, width).size();
                    end = after_lines(bottom, kept->second, lc.fonts.body);
                } else {
                    end = paragraph(note, note_for(placed, after), 0, bottom, width, lc.fonts.body, lc.theme.muted);
                }
            }
            if (end <= max_height || placed == 1) {
                if (end <= max_height) {
                    if (build) {
                        translate(note, col * (width + column_gap), 0);
                        out.resize(1 + placed);
                        out.push_back(std::move(note));
                    }
                    flow.height = std::max(flow.height, end);
                }
                break;
            }
            --placed;
            flow.height = start;
            for (std::size_t k = 0; k < placed; ++k)
                flow.height = std::max(flow.height, foot[k].second);
        }
    }
    if (build)
        out.resize(1 + placed + (out.size() > 1 + placed && out.back().id == "citations-continue" ? 1 : 0));
    flow.placed = placed;
    return flow;
}

} // namespace

CitationFlow panel_citations(const LayoutContext& lc, double full_width, int columns, std::size_t first,
                             double max_height, bool last) {
    return flow_citations(lc, full_width, columns, first, max_height, last, FlowFor::items);
}

CitationFlow citations_unset(const LayoutContext& lc, double full_width, int columns, std::size_t first,
                             double max_height, bool last, CitationLines* lines) {
    return flow_citations(lc, full_width, columns, first, max_height, last, FlowFor::height, lines);
}

std::size_t citations_placed(const LayoutContext& lc, double full_width, int columns, std::size_t first,
                             double max_height, bool last, CitationLines* lines) {
    return flow_citations(lc, full_width, columns, first, max_height, last, FlowFor::placed, lines).placed;
}


std::string credits_text(const LayoutContext& lc) {
    const Project& p = lc.project;
    std::string s;
    // With several sources the citations name them by id, so the credits say which id is which.
    const std::vector<const SourceSpec*> cited = cited_sources(p);
    const bool many = cites_several_sources(p);
    const PanelWords& words = panel_words(p.spec.lang);
    for (const SourceSpec* src : cited)
        s += std::string(s.empty() ? (many ? words.sources : words.source) : words.semicolon) +
             (many ? src->id + " = " : "") + source_line(*src, words);
    s += ". ";
    std::vector<std::string> credits;
    for (const BaseLayer& bl : p.geo.layers)
        if (!bl.spec.credit.empty() &&
            std::find(credits.begin(), credits.end(), bl.spec.credit) == credits.end())
            credits.push_back(bl.spec.credit);
    for (std::size_t i = 0; i < credits.size(); ++i)
        s += std::string(i ? words.semicolon : words.base_data) + credits[i] + (i + 1 == credits.size() ? ". " : "");
    return s + p.spec.note + " " + p.geo.projection->name() + ". " + std::string(words.made_with);
}

Item panel_credits(const LayoutContext& lc, double width) {
    Item item;
    item.id = "credits";
    const PanelWords& words = panel_words(lc.project.spec.lang);
    // A card's front: the credits are on its back, with the citations (and the legend).
    const std::string text = lc.overleaf == LayoutContext::Overleaf::citations ? std::string(words.sources_overleaf)
                             : lc.overleaf == LayoutContext::Overleaf::panels  ? std::string(words.legend_overleaf)
                                                                               : credits_text(lc);
    add_paragraph(lc, item, text, 0, 0, width, lc.fonts.small, lc.theme.muted);
    return item;
}

} // namespace citemap

// Page composition as a search. Every candidate says where the panels go (beside the map or below
// it), how wide the side column is, how many columns the citations take and how large the text is.
// The map frame takes the data's shape (a wide landmass gets a wide frame), so candidates differ in
// how large they draw the mapped area; the largest map with legible text wins. The winner is laid out
// in full and checked (layout_quality.hpp); a candidate with text off the page or overlapping is
// dropped for the next. Citations that fit nowhere continue on further sheets; a page that cannot
// hold the map and its panels at all is an error naming the page and what to change.
#include "layout/layout.hpp"

#include "geo/geometry_ops.hpp"
#include "layout/alt_geography.hpp"
#include "layout/claim_wording.hpp"
#include "layout/layout_context.hpp"
#include "layout/layout_quality.hpp"
#include "layout/page_advice.hpp"
#include "layout/panel_blocks.hpp"
#include "project/output_subset.hpp"
#include "sources/utf8.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <unordered_set>

namespace citemap {

Fonts make_fonts(double k, double s, const MapType& map) {
    auto f = [](double size, Weight w = Weight::regular) { return Font{"Noto Sans", size, w, false}; };
    const double body = std::max(6.0, 6.6 * k * s);
    // The map's floors, held where a small page would set its names smaller than a reader can use,
    // follow a narrow figure's width down to the least legible sizes: at 90 mm, names at the A5 page's
    // sizes covered a quarter of an archipelago's 83 x 25 mm map and its main town lost its name. Zone
    // names keep their 7 pt: at 6.5 the placer set a 60 mm figure's badges on the neighbouring zone
    // and a 120 mm figure's shipping lane name across its lane (tests/layout: the gate refused them).
    auto floor = [&](double at_a5, double least) { return std::clamp(at_a5 * map.narrow, least, at_a5); };
    // A map of a few large zones sets their names and numbers as large as the panels' text where they
    // have room: two zones 80 mm across on A4 had 8.2 pt names and 5.8 pt numbers under a 20 pt title
    // and 9.6 pt citations (audit s13 D10). Towns and seas keep their size, below the zones' names.
    const double roomy = std::clamp(s, 1.0, std::max(1.0, map.roomy));
    return {f(std::max(10.0, 14 * k * s), Weight::bold),
            f(std::max(7.0, 8.2 * k * s)),
            f(std::max(7.0, 8 * k * s), Weight::bold),
            f(body),
            f(std::max(6.0, 6.0 * k * s)),
            f(std::max(7.0, 8.2 * k) * roomy, Weight::bold),
            f(std::max(floor(6.0, map.least_pt), 6.8 * k)),
            f(std::max(floor(6.5, map.least_pt), 7.2 * k), Weight::medium),
            f(std::max(floor(5.5, map.least_pt), 5.8 * k) * roomy, Weight::bold)};
}

namespace {

constexpr double kMm = 72.0 / 25.4;

struct Composition {
    bool beside = true;
    double column_fraction = 0.34; // beside: the side column's share of the inner width
    int citation_columns = 1;
    double text_scale = 1;
    // beside: the column holds the title, the legend and the credits; the citations run in columns
    // under the map, which grows as wide as the column leaves (a wide map on a landscape page).
    bool citations_under = false;
    // below: the legend heads the first of `citation_columns` equal columns and the citations run on
    // under it and through the others, so no column stands half empty under a short legend. beside (a
    // banner's wide side column): the same band under the title (plan_headed_column).
    bool legend_heads_flow = false;
    // A card (overleaf_compositions): the citations and credits go on its back, or the legend too.
    LayoutContext::Overleaf overleaf = LayoutContext::Overleaf::none;
    bool title_across = false; // beside, on a card's front: the title across the top, the legend beside the map
};
using Overleaf = LayoutContext::Overleaf;

// aspect: the content's height over its width.
std::vector<Composition> compositions(const PageSize& page, PanelPlacement want, std::size_t claims, double aspect) {
    std::vector<Composition> out;
    const bool dense = claims > 40;
    const std::vector<double> scales =
        dense ? std::vector<double>{1.0, 0.9, 0.8, 0.7} : std::vector<double>{1.8, 1.6, 1.45, 1.3, 1.2, 1.1, 1.0, 0.9, 0.8, 0.7};
    // A figure wider than it may be tall keeps its legend beside the map: under it, a tall legend
    // would leave the map a strip. A land so tall that a map under the title would span less than
    // 60 % of the figure's width (its height stops at 1.35 widths) takes the height beside the
    // legend instead. An asked-for placement is kept on every page.
    constexpr double kTallFigureLand = 1.35 / 0.6;
    const bool beside = want == PanelPlacement::beside ||
                        (want != PanelPlacement::below &&
                         (!page.figure || page.width_mm > page.max_height_mm || aspect > kTallFigureLand));
    const bool below = want != PanelPlacement::beside;
    for (double s : scales) {
        if (beside)
            // Fine steps for one column: the narrowest column its text fills gives the map the rest.
            for (auto [fraction, columns] :
                 {std::pair{0.24, 1}, {0.28, 1}, {0.31, 1}, {0.34, 1}, {0.37, 1}, {0.40, 1}, {0.46, 2}, {0.56, 3}})
                out.push_back({true, fraction, columns, s});
        // A tall land's figure: its map as high as the figure may be is narrow, and the column beside
        // it at 40 % was still a hair too narrow at 90 mm (33 of 33.6 mm), so its map went above the
        // legend at 25 mm wide with 32 mm of blank either side. A wider column, the map as much
        // narrower (and lower), gives both room.
        if (beside && page.figure && aspect > kTallFigureLand)
            for (double fraction : {0.46, 0.52})
                out.push_back({true, fraction, 1, s});
        if (beside && !page.figure)
            for (double fraction : {0.26, 0.32})
                for (int columns : {2, 3})
                    out.push_back({true, fraction, columns, s, true});
        // A side column wide enough for three to five columns of citations (a 400 x 100 mm banner): the
        // legend one of them. Narrower, their columns are too narrow to read and the plan is dropped
        // before any text is set.
        if (beside && !page.figure)
            for (double fraction : {0.5, 0.6})
                for (int columns : {3, 4, 5})
                    out.push_back({true, fraction, columns, s, false, true});
        if (below)
            for (int columns : {1, 2, 3})
                out.push_back({false, 0, columns, s});
        if (below && !page.figure)
            for (int columns : {2, 3})
                out.push_back({false, 0, columns, s, false, true});
    }
    return out;
}

// A page too small for its map and panels (a 100 x 70 mm postcard) as a card: the title, the map and a
// line saying what is overleaf on its front, its back a sheet of the citations and the credits; with
// the legend beside or under the map (`kind` citations), or on the back too (panels). Tried only when
// no composition of the page is usable (PageLayout::Search::add_overleaf_stage): the postcard of one
// claim was refused with advice for a page twice its size (audit s16 D2).
std::vector<Composition> overleaf_compositions(PanelPlacement want, Overleaf kind) {
    std::vector<Composition> out;
    for (double s : {1.2, 1.1, 1.0, 0.9, 0.8, 0.7}) {
        // The title beside a tall land's map, or across the top of a wide one's; or across the top of
        // the card with the legend beside the map (a title in a narrow column took five lines).
        if (want != PanelPlacement::below)
            for (double fraction : {0.34, 0.40, 0.46}) {
                out.push_back({true, fraction, 1, s, false, false, kind});
                if (kind == Overleaf::citations)
                    out.push_back({true, fraction, 1, s, false, false, kind, true});
            }
        if (want != PanelPlacement::beside)
            out.push_back({false, 0, 1, s, false, false, kind});
    }
    return out;
}

// A hairline that separates the title block and the credits from the rest of the column.
Item rule(double x, double y, double width, const LayoutContext& lc) {
    Item item;
    item.parts.emplace_back(Shape{{{{x, y}, {x + width, y}}},
                                  false,
                                  std::nullopt,
                                  Stroke{lc.theme.boundary, 0.5 * lc.unit, {}, false}});
    return item;
}

void place(Layer& layer, Placer& placer, Item item, double x, double y) {
    translate(item, x, y);
    placer.occupy(bounds_of(item));
    layer.items.push_back(std::move(item));
}

std::string alt_text(const Project& p) {
    const PanelWords& w = panel_words(p.spec.lang);
    std::string s = fill(w.alt_map, {p.spec.title}) + zone_geography(p);
    // Every claim, about a zone, a line or a place, under the title the citation list gives it (which
    // names what it is about), in the citation list's order.
    for (const Claim& c : p.claims)
        s += fill(w.alt_claim, {claim_title(p, c), c.spec->attributed_to, std::to_string(c.number)});
    for (const Conflict& c : p.conflicts) {
        const Zone* a = p.geo.zone(c.zone_a);
        const Zone* b = p.geo.zone(c.zone_b);
        s += fill(w.alt_conflict, {a ? a->name : c.zone_a, b ? b->name : c.zone_b});
    }
    return s + p.spec.note;
}

MapGeoref georef_of(const Project& p, const Box& frame, const Box& world) {
    const Projection& proj = *p.geo.projection;
    MapGeoref g{frame, world, proj.authority(), proj.wkt(), proj.epsg(), {}};
    for (const Point& c : {Point{world.minx, world.maxy}, Point{world.minx, world.miny},
                           Point{world.maxx, world.miny}, Point{world.maxx, world.maxy}})
        g.corners_lonlat.push_back(proj.inverse(c));
    return g;
}

std::vector<ClaimRecord> claim_records(const Project& p) {
    std::vector<ClaimRecord> out;
    for (const Claim& c : p.claims) {
        ClaimRecord r{c.number, c.spec->zone, c.status ? c.status->label : c.spec->status,
                      modality_phrase(c.spec->modality), c.spec->attributed_to, c.spec->since, c.spec->until, {}};
        for (const ResolvedQuote& q : c.quotes)
            r.quotes.push_back(q.exact);
        out.push_back(std::move(r));
    }
    return out;
}

// The part of the world the map must show, and the margin MapTransform::fit leaves around it: the
// zones and the land they are on (every outline feature reaching into the zones' box), so the coast
// is not cropped, as far as the zones still fill 62 % of the frame (a country around one province's
// zones would leave the zones small); between the zones and their land otherwise. The land is its
// own context, so it needs only a thin margin of sea.
struct Extent {
    Box box;
    double margin = 0.04;
    bool whole_land = true; // the box holds the whole land the zones are on (or there is none)
    Box land;               // the zones and the land they are on
};

// What the claims are about: the zones, the claimed [[line]]s as far as they are drawn (one stopped at
// the outline, only inside it) and the claimed [[place]]s. A frame on the zones alone cut a claimed
// river and road at its edge and left a claimed dam off the map, with its legend row and citation.
// A line that divides zones (a [[zone]]'s side or buffer of it) is drawn past the coast so that it
// splits the land: it is taken in as far as it crosses the land, or a truce line running on into the
// sea shrank the island it divides.
Box claimed_extent(const Project& p) {
    const GeosContext& ctx = *p.geo.ctx;
    Box b = p.geo.zones_extent;
    auto take = [&](const GEOSGeometry* g) {
        if (g && !geom::is_empty(ctx, g))
            b.expand(geom::bounds(ctx, g));
    };
    auto divides = [&](const std::string& id) {
        return std::any_of(p.spec.derived_zones.begin(), p.spec.derived_zones.end(), [&](const ZoneRecipe& r) {
            return r.side_of.name == id || r.buffer_of.name == id;
        });
    };
    for (const LineFeature& l : p.geo.lines)
        if (!p.claims_of(l.id).empty() && !geom::is_empty(ctx, l.geom.get())) {
            const GeosGeom all = ctx.box(geom::bounds(ctx, l.geom.get()).inflated(1));
            const GeosGeom drawn = drawn_part(p, l, all.get());
            // The land's union only when a dividing line asks: over the large bench's 20,000 cells it
            // took render from 2.3 to 10 s and 165 to 290 MiB for a project with no line at all.
            const GEOSGeometry* land = divides(l.id) ? p.geo.kept_union(Geography::Kept::land_and_outline) : nullptr;
            take(land ? geom::intersection(ctx, drawn.get(), land).get() : drawn.get());
        }
    for (const PlaceFeature& pl : p.geo.places)
        if (!p.claims_of(pl.id).empty())
            take(pl.geom.get());
    return b;
}

Extent content_extent(const Project& p) {
    Box b = claimed_extent(p);
    if (b.width() <= 0 || b.height() <= 0)
        return {b.inflated(1000), 0.04, true, b.inflated(1000)};
    const double zones_area = b.width() * b.height();
    const BaseLayer* o = p.geo.layer(LayerRole::outline);
    if (!o)
        return {b, 0.04, true, b};
    Box land = b;
    for (const Feature& f : o->features)
        if (const Box fb = geom::bounds(*p.geo.ctx, f.geom.get()); fb.intersects(b))
            land.expand(fb);
    auto fill = [&](const Box& c, double margin) {
        const double pad = 2 * margin * std::max(c.width(), c.height());
        return zones_area / ((c.width() + pad) * (c.height() + pad));
    };
    for (double t : {1.0, 0.8, 0.6, 0.4, 0.2}) {
        const Box c{b.minx + (land.minx - b.minx) * t, b.miny + (land.miny - b.miny) * t,
                    b.maxx + (land.maxx - b.maxx) * t, b.maxy + (land.maxy - b.maxy) * t};
        if (fill(c, 0.02) >= 0.62)
            return {c, 0.02, t == 1.0, land};
    }
    return {b, 0.04, false, land};
}

// below, legend_heads_flow: the band under the map, whose first column (`heads_w` wide, set as `halves`
// columns) holds the legend and the citations under it, and whose other `rest_columns` (together
// `rest_w` wide) hold the rest of the list.
struct HeadedBand {
    double heads_w = 0, rest_w = 0;
    int halves = 1, rest_columns = 1;
};

// Everything decided before the map is drawn.
struct Plan {
    Composition comp;
    Box frame;
    double width = 0, height = 0;
    double column_x = 0, column_w = 0; // beside: the side column
    bool legend_under_map = false;     // beside, when the map leaves room under itself
    bool figure_beside = false;        // a wide figure: title and credits across, legend and citations beside
    bool citations_in_caption = false; // a figure too small for them: the caption companions carry them
    Item title, legend, credits;
    double legend_w = 0; // the legend is built again at this width once the map shows what it draws
    LegendColumns legend_columns; // and in these columns
    CitationFlow citations;
    std::vector<Item> column_citations; // citations_under: those that go on in the column, under the legend
    // citations_under: their "(continued)" heading, used when they cannot line up with the band's first
    // row (above it, the list would read out of order); and its height, which the column kept room for.
    std::optional<Item> column_heading;
    double column_heading_h = 0;
    // citations_under: the list starts in the side column and goes on under the map, where the column's
    // part could neither line up with the band's first row nor start below it (audit s11: claims 11-14
    // "(continued)" sat above 1-10). column_citations then hold their own heading.
    bool column_first = false;
    // below, legend_heads_flow: the band's columns and the height its citations were flowed in
    // (lowest_band); 0 for other compositions.
    HeadedBand headed;
    double band = 0;
    bool fits = false;  // everything on this one page
    bool usable = true; // map, title, legend and credits fit (citations may continue)
    double score = 0;
    double hole = 0; // the largest blank rectangle the blocks leave, as a share of the page
    bool on_figure = false; // a figure's height follows its content: nothing to spread
    // Its citations cannot all fit (citations_cannot_all_fit): it was not laid out further, and fits
    // is false. It counts only when no candidate fits, and is then laid out in full.
    bool deferred = false;
    std::optional<Box> content; // the frame shows this rather than the page's content (Geometry::tight)
    // The legend's words for where the list is (LayoutContext::citations_at, citations_continue).
    std::string citations_at = "below";
    bool citations_continue = false;
    // A figure: the share of its area the map frame takes. Under kLeastFigureShare a figure with its
    // panels below the map is not usable (small_map), and the page is refused with a width that gives
    // the map its share.
    double map_share = 0;
    bool small_map = false;
    // A figure: the height its text block allows; and the strip its frame grew by under the map for the
    // insets of zones too small to read (draw_plan, figure_inset_strip).
    double max_height = 0, inset_strip = 0;
};

// A figure's map should take at least a quarter of it: below, its citations go to the caption
// companions and its text takes the smallest legible scale first. A 60 mm figure with its citations
// on it gave the map 6-9 % of its area, the rest a column of text a reader skips.
constexpr double kFairFigureShare = 0.25;
// Below this share no figure is made: a map an eighth of its figure is a legend with a thumbnail.
constexpr double kLeastFigureShare = 0.12;
// A figure's map of a wide land is at least this share of its width high where the zones allow: a
// strip as high as the land leaves its names no room above or below it (make_plan).
constexpr double kLeastStripHeight = 0.4;

// A figure sits in a document's text block, whose own margins frame it: a narrow figure keeps a
// thinner white border (8 mm on A4, 3.6 mm at 60 mm, where 6.4 mm took a fifth of the width).
double margin_scale(bool figure, double width_mm, double k) {
    return figure ? std::clamp(width_mm / 210, 0.45, std::max(0.8, k)) : std::max(0.8, k);
}

// The document metadata every sheet of a project shares: worded once, since the alt text and the claim
// records walk every claim (27 M instructions a sheet for 1000 zones, eleven sheets).
Metadata project_metadata(const Project& p, const LayoutOptions& options) {
    Metadata m;
    m.title = p.spec.title;
    m.description = alt_text(p);
    m.date_iso = options.date_iso;
    for (const SourceSpec& src : p.spec.sources)
        m.sources.push_back(src.title + (src.publisher.empty() ? "" : ", " + src.publisher) +
                            (src.published.empty() ? "" : ", " + src.published) +
                            (src.url.empty() ? "" : ", " + src.url));
    const PanelWords& w = panel_words(p.spec.lang);
    m.subject = m.sources.empty() ? "" : fill(w.pdf_subject, {m.sources.front()});
    m.keywords = fill(w.pdf_keywords, {p.spec.title});
    if (&w != &english_words()) // English maps stay byte-identical to those written before `lang`
        m.lang = w.code;
    m.version = CITEMAP_VERSION;
    m.claims = claim_records(p);
    return m;
}

Scene empty_scene(const Metadata& meta, double W, double H) {
    Scene scene;
    scene.width = W;
    scene.height = H;
    scene.meta = meta;
    return scene;
}

struct Geometry {
    double W, H, k, margin, gap, aspect; // aspect: content height / width
    // The same, not held to 1:5 and 5:1: a land ten times as tall as wide fills half its frame's width.
    double drawn_aspect = 1;
    // A figure narrower than the width its type floors were set for (k's least): its width over that
    // width (MapType::narrow); 1 on pages and wider figures.
    double narrow = 1;
    double roomy = 1; // MapType::roomy, roomy_type
    double fit_margin = 0.04;             // around the content, as a share of its larger side
    std::set<std::string> nested;         // nested_zones(project), for every context of the page
    // When the land is cropped anyway (the content is part of the way from the zones to their land),
    // the zones' own box: a frame as wide (or as high) as the page may centre on it and show the land
    // beyond the zones' short sides instead of their long ones, which draws the zones larger (a wide
    // land on a portrait page: 90 -> 110 mm of map on A4, the zones 11 % wider).
    std::optional<Box> tight;
    Box land; // Extent::land
    // How many sheets follow the map's when its list stops before claim index `first`, at a text
    // scale (continuation_sheets; 0 when unknown): the list's last line names them.
    std::function<std::size_t(double scale, std::size_t first)> sheets_after;
    // The candidates' title, credits and legend, shared by every copy of the page's Geometry.
    std::shared_ptr<PanelBlocks> panels = std::make_shared<PanelBlocks>();
    // Each claim's citation as a text scale words it (LayoutContext::citation_texts), handed from one
    // context of the page to the next (make_context, keep_wording): every candidate and every sheet
    // counted had worded its claims afresh, 11,411 times for the 1000-zone check's 1000 claims (152 M
    // instructions, 4 %). The wording depends on the body type and the theme's colours alone, which
    // the page's contexts at one scale share; the panels word again where they differ.
    std::shared_ptr<std::map<double, std::shared_ptr<CitationTexts>>> wordings =
        std::make_shared<std::map<double, std::shared_ptr<CitationTexts>>>();
    // Side columns whose citations cannot all fit (note_unfit_column): a narrower one at the same type
    // and columns holds no more, and is deferred without its text being set (make_plan).
    std::shared_ptr<std::map<std::pair<double, int>, double>> unfit_columns =
        std::make_shared<std::map<std::pair<double, int>, double>>();
};

// A side column whose citations certainly cannot all fit beside the map (make_plan deferred it): the
// widest per text scale and number of citation columns.
void note_unfit_column(const Geometry& g, const Composition& comp, double width) {
    double& widest = (*g.unfit_columns)[{comp.text_scale, comp.citation_columns}];
    widest = std::max(widest, width);
}

// Whether a side column `width` wide is no wider than one whose citations cannot all fit, at the same
// type and columns. Its citations then cannot fit either: at a narrower width no text takes fewer
// lines (Pango breaks greedily), so the list is no shorter, and the title, legend and credits above it
// no shorter, so its room is no taller (when the legend is in the column: beside a map that leaves no
// room under itself for one).
bool under_unfit_column(const Geometry& g, const Composition& comp, double width) {
    const auto it = g.unfit_columns->find({comp.text_scale, comp.citation_columns});
    return it != g.unfit_columns->end() && width <= it->second;
}

// Keeps the wording `lc` made (or extended) for the page's next context at its scale.
void keep_wording(const Geometry& g, double scale, const LayoutContext& lc) {
    if (lc.citation_texts)
        (*g.wordings)[scale] = lc.citation_texts;
}

double unclamped_aspect_of(const Box& content, double fit_margin) {
    const double pad = 2 * fit_margin * std::max(content.width(), content.height());
    return (content.height() + pad) / (content.width() + pad);
}

double aspect_of(const Box& content, double fit_margin) {
    return std::clamp(unclamped_aspect_of(content, fit_margin), 0.2, 5.0);
}

// The share of a frame `w` x `h` showing `content` that the zones' box fills.
double zones_share(const LayoutContext& lc, const Geometry& g, double w, double h, const Box& content) {
    if (w <= 0 || h <= 0)
        return 0;
    const Box z = lc.project.geo.zones_extent;
    const MapTransform tf = MapTransform::fit(content, {0, 0, w, h}, g.fit_margin);
    const double zw = std::min(z.maxx, tf.world.maxx) - std::max(z.minx, tf.world.minx);
    const double zh = std::min(z.maxy, tf.world.maxy) - std::max(z.miny, tf.world.miny);
    return zw <= 0 || zh <= 0 ? 0 : zw * zh / (tf.world.width() * tf.world.height());
}

// How much of its surroundings a frame `w` x `h` may show: the area it may grow by, as a factor, while
// the zones still fill 61 % of it (the layout-quality check wants 60 %). Growing shows more of the
// surroundings at the same scale, instead of leaving blank page beside or under the map.
double room_to_grow(const LayoutContext& lc, const Geometry& g, double w, double h, const Box& content) {
    return std::max(1.0, zones_share(lc, g, w, h, content) / 0.61);
}

// How much taller a frame may grow into `room` (the empty height the panels leave under or around a
// map that is as wide as it may be): a wide map on a page with height to spare shows more of its
// surroundings instead of leaving a blank band above the credits or under the legend.
double taller_by(const LayoutContext& lc, const Geometry& g, double w, double h, double room, const Box& content) {
    if (room <= 0 || h <= 0)
        return 1;
    return std::min(room_to_grow(lc, g, w, h, content), (h + room) / h);
}

// Whether a frame on the zones' own box (Geometry::tight) is better than `frame` on the content: it
// draws the zones larger (their area on the page), and `frame` does not show their whole land anyway
// (a coast just around the zones stays whole).
bool tight_is_better(const LayoutContext& lc, const Geometry& g, const Box& tight_frame, const Box& frame) {
    auto drawn = [&](const Box& f, const Box& content) {
        return zones_share(lc, g, f.width(), f.height(), content) * f.width() * f.height();
    };
    return !MapTransform::fit(lc.content, frame, g.fit_margin).world.contains(g.land) &&
           drawn(tight_frame, *g.tight) > 1.03 * drawn(frame, lc.content);
}

// A frame under the title that is narrower than the page (a band of panels under it limits its
// height): first wider, up to `max_w`, so no blank stands either side of it, then taller into `room`.
Box grown_frame(const LayoutContext& lc, const Geometry& g, const Box& frame, double max_w, double room, const Box& content) {
    const double w = frame.width(), h = frame.height();
    const double factor = room_to_grow(lc, g, w, h, content);
    const double w2 = std::clamp(w * factor, w, std::max(w, max_w));
    const double h2 = h * std::clamp(factor * w / w2, 1.0, room > 0 ? (h + room) / h : 1.0);
    const double cx = (frame.minx + frame.maxx) / 2;
    return {cx - w2 / 2, frame.miny, cx + w2 / 2, frame.miny + h2};
}

// The largest rectangle of blank page inside `inner` that no block covers, in pt², on a grid of
// `cell` pt: a reader sees one block of blank page as unfinished layout, where the same blank spread
// over the gaps between blocks reads as spacing. Largest rectangle under a histogram, row by row.
double largest_blank(const std::vector<Box>& blocks, const Box& inner, double cell) {
    const auto cols = static_cast<std::size_t>(std::max(0.0, inner.width() / cell));
    const auto rows = static_cast<std::size_t>(std::max(0.0, inner.height() / cell));
    if (cols == 0 || rows == 0)
        return 0;
    std::vector<char> used(rows * cols, 0);
    auto cell_at = [&](double v, double origin, std::size_t n, bool up) {
        const double c = (v - origin) / cell;
        return static_cast<std::size_t>(std::clamp(up ? std::ceil(c) : std::floor(c), 0.0, static_cast<double>(n)));
    };
    for (const Box& b : blocks)
        for (std::size_t r = cell_at(b.miny, inner.miny, rows, false); r < cell_at(b.maxy, inner.miny, rows, true); ++r)
            std::fill(used.begin() + static_cast<long>(r * cols + cell_at(b.minx, inner.minx, cols, false)),
                      used.begin() + static_cast<long>(r * cols + std::max(cell_at(b.minx, inner.minx, cols, false),
                                                                           cell_at(b.maxx, inner.minx, cols, true))),
                      1);
    std::vector<std::size_t> height(cols + 1, 0); // a zero sentinel at the end
    std::vector<std::size_t> stack;
    std::size_t best = 0;
    auto row = [&](std::size_t r) { return used.begin() + static_cast<long>(r * cols); };
    // Rows with the same cells covered (the rows across a block) are taken at once: each bar of the
    // run's last row is as tall as the others' or taller, so its largest rectangle is theirs or
    // larger, and only it is looked for. Row by row, this was 11 % of the 1000-claim check.
    for (std::size_t r = 0, end = 0; r < rows; r = end) {
        for (end = r + 1; end < rows && std::equal(row(r), row(r + 1), row(end));)
            ++end;
        for (std::size_t c = 0; c < cols; ++c)
            height[c] = used[r * cols + c] ? 0 : height[c] + (end - r);
        stack.clear();
        for (std::size_t c = 0; c <= cols; ++c) {
            while (!stack.empty() && height[stack.back()] >= height[c]) {
                const std::size_t h = height[stack.back()];
                stack.pop_back();
                best = std::max(best, h * (stack.empty() ? c : c - stack.back() - 1));
            }
            stack.push_back(c);
        }
    }
    return static_cast<double>(best) * cell * cell;
}

// The height of a headed column's band (plan_headed_column): its legend, the citations under it, and
// the other columns'.
double headed_column_height(const Plan& plan, double gap) {
    const double legend_h = bounds_of(plan.legend).maxy;
    double h = legend_h;
    for (const Item& it : plan.column_citations)
        h = std::max(h, legend_h + gap * 0.7 + bounds_of(it).maxy);
    for (const Item& it : plan.citations.items)
        h = std::max(h, bounds_of(it).maxy);
    return h;
}

enum class PanelRole { panel, citation, citation_under_legend };

// Where the plan's title, legend, citations and credits go on the page: `put(role, item, x, y)` for
// each block and `hairline(x, y, width)` for each rule. Shared by the drawing and by the score, which
// measures the blank page the blocks leave. Returns where the legend's top left corner goes.
template <class Put, class Hairline>
Point place_panels(Plan& plan, const Geometry& g, Put&& put, Hairline&& hairline) {
    const double m = g.margin, gap = g.gap, H = plan.height;
    const Box& frame = plan.frame;
    Point legend_at{};
    // A side column's title at its top with the hairline under it (returns where its next block goes),
    // and its credits at its foot with the hairline over them.
    auto column_title = [&](double x) {
        put(PanelRole::panel, plan.title, x, m);
        const double y = m + bounds_of(plan.title).maxy + gap * 0.35;
        hairline(x, y, plan.column_w);
        return y + gap * 0.35;
    };
    auto column_credits = [&](double x) {
        const double credits_h = bounds_of(plan.credits).maxy;
        hairline(x, H - m - credits_h - gap * 0.3, plan.column_w);
        put(PanelRole::panel, plan.credits, x, H - m - credits_h);
    };
    if (plan.figure_beside) {
        put(PanelRole::panel, plan.title, m, m);
        legend_at = {plan.column_x, frame.miny};
        put(PanelRole::panel, plan.legend, legend_at.x, legend_at.y);
        for (Item& it : plan.citations.items)
            put(PanelRole::citation, it, plan.column_x, frame.miny + bounds_of(plan.legend).maxy + gap * 0.7);
        put(PanelRole::panel, plan.credits, m, H - m - bounds_of(plan.credits).maxy);
    } else if (plan.comp.beside && plan.comp.citations_under) {
        const double x = plan.column_x;
        double y = column_title(x);
        legend_at = {x, y};
        put(PanelRole::panel, plan.legend, x, y);
        y += bounds_of(plan.legend).maxy + gap * 0.7;
        const double credits_top = H - m - bounds_of(plan.credits).maxy - gap * 0.8;
        // The column's citations line up with the first row under the map when there is room; else they
        // go on under a "(continued)" heading, so a list that starts above the band's first row is not
        // read before it.
        bool aligned_row = false;
        if (plan.column_first) { // the list starts here, under the legend, and goes on under the map
            for (Item& it : plan.column_citations)
                put(PanelRole::citation, it, x, y);
        } else if (plan.citations.items.size() > 1 && !plan.column_citations.empty()) {
            double height = 0;
            for (const Item& it : plan.column_citations)
                height = std::max(height, bounds_of(it).maxy);
            const double aligned = frame.maxy + gap + bounds_of(plan.citations.items[1]).miny;
            if (aligned > y && aligned + height <= credits_top) {
                y = aligned;
                aligned_row = true;
            }
        }
        if (!plan.column_first && !aligned_row && !plan.column_citations.empty() && plan.column_heading) {
            put(PanelRole::citation, *plan.column_heading, x, y);
            y += plan.column_heading_h;
        }
        for (Item& it : plan.citations.items)
            put(PanelRole::citation, it, frame.minx, frame.maxy + gap);
        if (!plan.column_first)
            for (Item& it : plan.column_citations)
                put(PanelRole::citation, it, x, y);
        column_credits(x);
    } else if (plan.comp.beside && plan.comp.legend_heads_flow) {
        // plan_headed_column's band under the title, a third of the height it leaves above it, so the
        // blank does not stand as one block over the credits.
        const double x = plan.column_x;
        double y = column_title(x);
        y += std::max(H - m - bounds_of(plan.credits).maxy - gap * 0.8 - y - headed_column_height(plan, gap), 0.0) / 3;
        legend_at = {x, y};
        put(PanelRole::panel, plan.legend, x, y);
        for (Item& it : plan.column_citations)
            put(PanelRole::citation_under_legend, it, x, y + bounds_of(plan.legend).maxy + gap * 0.7);
        for (Item& it : plan.citations.items)
            put(PanelRole::citation, it, x + plan.column_w - plan.headed.rest_w, y);
        column_credits(x);
    } else if (plan.comp.beside) {
        const double x = plan.column_x;
        double y = column_title(x);
        const double credits_h = bounds_of(plan.credits).maxy;
        // A column with height to spare shares it out in even bands between its blocks (title, legend,
        // list, credits) rather than leaving all of it as one blank above the credits (a tall land with
        // 4 claims on A4 landscape: a blank a fifth of the page). Inside the list the claims keep their
        // own even spacing and columns: spreading them apart too (by up to two gaps and a half) set
        // gaps between claims five times the list's own beside columns left tight (audit s12 D10).
        if (plan.comp.overleaf == Overleaf::panels) {
            // A card's front whose legend is on its back: the title, and what is overleaf at the foot.
        } else if (plan.legend_under_map) {
            legend_at = {frame.minx, frame.maxy + gap};
            put(PanelRole::panel, plan.legend, frame.minx, frame.maxy + gap);
        } else {
            const double block = bounds_of(plan.legend).maxy + gap * 0.7 + (plan.citations.placed > 0 ? plan.citations.height : 0);
            const double spread = std::max(H - m - credits_h - gap * 0.8 - y - block, 0.0) / 3;
            y += spread;
            legend_at = {x, y};
            put(PanelRole::panel, plan.legend, x, y);
            y += bounds_of(plan.legend).maxy + gap * 0.7 + spread;
        }
        for (Item& it : plan.citations.items)
            put(PanelRole::citation, it, x, y);
        column_credits(x);
    } else {
        put(PanelRole::panel, plan.title, m, m);
        const bool legend = plan.comp.overleaf != Overleaf::panels; // else it is on the card's back
        const double legend_h = legend ? bounds_of(plan.legend).maxy : 0, credits_h = bounds_of(plan.credits).maxy;
        // Under a map that may grow no more, the band of legend and citations moves down by half the
        // height to spare (at most 2.5 gaps), so the blank does not stand as one block above the credits.
        double band_bottom = legend_h;
        for (const Item& it : plan.column_citations)
            band_bottom = std::max(band_bottom, legend_h + gap * 0.7 + bounds_of(it).maxy);
        for (const Item& it : plan.citations.items)
            band_bottom = std::max(band_bottom, bounds_of(it).maxy);
        const double top = frame.maxy + gap +
                           (plan.on_figure ? 0.0 : std::max((H - m - credits_h - gap - frame.maxy - gap - band_bottom) / 2, 0.0));
        legend_at = {m, top};
        if (legend)
            put(PanelRole::panel, plan.legend, m, top);
        // legend_heads_flow: the list begins under the legend.
        for (Item& it : plan.column_citations)
            put(PanelRole::citation_under_legend, it, m, top + legend_h + gap * 0.7);
        for (Item& it : plan.citations.items)
            put(PanelRole::citation, it, plan.column_x, top);
        put(PanelRole::panel, plan.credits, m, H - m - credits_h);
    }
    return legend_at;
}

// The narrowest citation column a composition may use: 42 mm on A4, wider for text set larger
// than usual, so a large size never comes with a few words a line.
double min_column(const Geometry& g, const Composition& comp) {
    return 42 * kMm * std::max(0.8, g.k) * std::max(1.0, comp.text_scale);
}

// The widest: three times that (126 mm on A4, about a hundred characters a line). A tall map as high
// as a landscape page leaves its side column most of the width: one column of citations across it
// ran 230 mm a line, where the eye loses the next line; two or three columns read.
double max_column(const Geometry& g, const Composition& comp) {
    return 3 * min_column(g, comp);
}

// Whether a column of `columns` citations in `width` reads: neither a few words a line nor so long a
// line that the eye loses the next.
bool readable_columns(const Geometry& g, const Composition& comp, double width, int columns) {
    const double each = width / columns;
    return each >= min_column(g, comp) && each <= max_column(g, comp);
}

// Whether a map frame shows anything: its long side at least 45 mm and its short side half that,
// whichever way the land runs. A tall land's map as high as a landscape page (46 x 194 mm on A4) reads
// as its 46 x 204 mm figure does; one 13 mm wide does not.
bool readable_frame(double w, double h, double least = 45 * kMm) {
    return std::max(w, h) >= least && std::min(w, h) >= least * 0.5;
}

// Whether a frame `w` x `h` draws the land readably: a frame of the 1:5 the aspect is held to shows a
// land ten times as tall half as wide (make_plan's beside frames ask the same).
bool readable_land(const Geometry& g, double w, double h, double least = 45 * kMm) {
    return readable_frame(std::min(w, h / g.drawn_aspect), std::min(h, w * g.drawn_aspect), least);
}

// A card's front is its map, read at arm's length as the card is: its long side is held to 60 % of the
// card's short side where that is under readable_frame's 45 mm. A 100 x 70 mm card of three claims drew
// a 44 x 40 mm map beside its legend, and was refused for the millimetre.
double card_least_map(const Geometry& g) {
    return std::min(45 * kMm, 0.6 * std::min(g.W, g.H));
}

// Whether panel_citations(lc, width, columns, 0, max_height) certainly places fewer than all claims,
// told from the citations' least stack (citations_at_least) without wrapping them: all placed, each
// column holds at most max_height less the heading, and the columns together hold the whole stack.
// 0.01 pt covers the rounding of the sums.
bool citations_cannot_all_fit(const LayoutContext& lc, double width, int columns, double max_height) {
    if (lc.project.claims.empty())
        return false;
    const double heading = citations_at_least(lc, width, columns, 0, -1).start; // no claim looked up
    const CitationStack least = citations_at_least(lc, width, columns, 0, columns * (max_height - heading) + 0.01);
    return least.stack > columns * (max_height - least.start) + 0.01;
}

// The least height of a panel's paragraph of `text` from y = 0, from the wraps known so far: the top
// of its last line, which lies above that line's box (add_paragraph).
double paragraph_at_least(const LayoutContext& lc, const std::string& text, const Font& f, double width, double y = 0) {
    const std::size_t lines = lc.text.lines_at_least(text, f, width);
    for (std::size_t i = 1; i < lines; ++i)
        y += f.size * 1.22;
    return y;
}

// The least height panel_title(lc, width) can have: balanced_width keeps the title's and subtitle's
// number of lines at `width`.
double title_at_least(const LayoutContext& lc, double width) {
    const MapSpec& spec = lc.project.spec;
    if (spec.subtitle.empty())
        return paragraph_at_least(lc, spec.title, lc.fonts.title, width);
    const double title_end = paragraph_at_least(lc, spec.title, lc.fonts.title, width) + lc.fonts.title.size * 1.22;
    return paragraph_at_least(lc, spec.subtitle, lc.fonts.subtitle, width, title_end + 1.5 * lc.unit);
}

// The least height panel_citations(lc, width, columns) can give all the claims (no height limit): its
// tallest column holds at least an equal share of the stack.
double citations_height_at_least(const LayoutContext& lc, double width, int columns) {
    const CitationStack least = citations_at_least(lc, width, columns);
    return std::max(0.0, least.start + least.stack / columns - 0.01);
}

// The claims a headed band `band` high sets under a legend `legend_h` high: the first column's, under
// the legend (`under_legend`, from its own heading), and the rest through the other columns (the
// flow's items, from the band's top, without a heading: they are the same list's next columns). The
// flow's placed counts both, its height is the band's.
CitationFlow flow_band(const LayoutContext& lc, const HeadedBand& hb, double legend_h, double gap, double band,
                       std::vector<Item>& under_legend) {
    const std::size_t n = lc.project.claims.size();
    under_legend.clear();
    const double budget = band - legend_h - gap * 0.7;
    CitationFlow first = budget >= 15 * kMm ? panel_citations(lc, hb.heads_w, hb.halves, 0, budget, false) : CitationFlow{};
    if (first.placed == 0)
        return CitationFlow{};
    CitationFlow rest = first.placed < n ? panel_citations(lc, hb.rest_w, hb.rest_columns, first.placed, band) : CitationFlow{};
    if (rest.placed == 0 && first.placed < n)
        // Nothing goes on in the next columns: the first column says where the list continues.
        first = panel_citations(lc, hb.heads_w, hb.halves, 0, budget);
    double left_h = 0;
    for (const Item& it : first.items)
        left_h = std::max(left_h, bounds_of(it).maxy);
    under_legend = std::move(first.items);
    std::vector<Item> items;
    double right_h = 0;
    if (rest.placed > 0 && rest.items.size() > 1) {
        const double top = bounds_of(rest.items[1]).miny;
        for (std::size_t i = 1; i < rest.items.size(); ++i) {
            translate(rest.items[i], 0, -top);
            right_h = std::max(right_h, bounds_of(rest.items[i]).maxy);
            items.push_back(std::move(rest.items[i]));
        }
    }
    return CitationFlow{std::move(items), first.placed + rest.placed, std::max(legend_h + gap * 0.7 + left_h, right_h)};
}

// The lowest band from `lo` to `hi` (within 2 mm) that holds every claim, by bisection, as flow_band
// sets it; at `hi` (`band`) when even that holds fewer, which then continue on further sheets.
CitationFlow lowest_band(const LayoutContext& lc, const HeadedBand& hb, double legend_h, double gap, double lo, double hi,
                         std::vector<Item>& under_legend, double& band) {
    const std::size_t n = lc.project.claims.size();
    CitationFlow best = flow_band(lc, hb, legend_h, gap, hi, under_legend);
    band = hi;
    if (best.placed < n)
        return best;
    std::vector<Item> under;
    while (hi - lo > 2 * kMm) {
        const double mid = (lo + hi) / 2;
        CitationFlow f = flow_band(lc, hb, legend_h, gap, mid, under);
        if (f.placed == n) {
            hi = band = mid;
            best = std::move(f);
            under_legend = std::move(under);
        } else {
            lo = mid;
        }
    }
    return best;
}

// The blank at the feet of `count` columns `width` wide, `gap` apart, down to `bottom`: each column's
// below its lowest item (items start at `top`, their x from the first column's left).
double column_feet(const std::vector<Item>& items, std::size_t count, double width, double gap, double top, double bottom) {
    std::vector<double> h(count, top);
    for (const Item& it : items) {
        const Box b = bounds_of(it);
        const auto c = static_cast<std::size_t>(std::clamp(std::lround(b.minx / (width + gap)), 0L, static_cast<long>(count) - 1));
        h[c] = std::max(h[c], top + b.maxy);
    }
    double blank = 0;
    for (double v : h)
        blank += std::max(0.0, bottom - v) * width;
    return blank;
}

// beside, legend_heads_flow: a wide side column (a 400 x 100 mm banner) set as a band under the title of
// `citation_columns` equal columns: the legend heads the first, and the citations run on under it and
// through the others (lowest_band), or start at the second's top where the legend leaves the first no
// room (the legend then says they are at its right). Set across the whole column, the legend put its
// two halves over citation columns 1 and 3 with the second blank between, and the list under it held
// 1-3 claims, the rest on a second sheet four-fifths empty (audit s17 D7). Returns the band's room:
// the column's height under the title and above the credits.
double plan_headed_column(LayoutContext& lc, const Geometry& g, Plan& plan) {
    const std::size_t n = lc.project.claims.size();
    const double m = g.margin, gap = g.gap;
    const int columns = plan.comp.citation_columns;
    const double column_gap = citation_gutter(lc);
    const double each = (plan.column_w - (columns - 1) * column_gap) / columns;
    plan.title = g.panels->title(lc, plan.column_w);
    plan.credits = g.panels->credits(lc, plan.column_w);
    const double room = g.H - 2 * m - bounds_of(plan.title).maxy - gap * 0.7 - gap * 0.8 - bounds_of(plan.credits).maxy;
    // The legend in the first column, or in the first two or three where one is too tall for the band
    // (twenty rows on a banner 100 mm high), its columns on the citations' grid: the first that holds
    // every claim, else the one holding most.
    std::optional<Plan> best;
    for (int spans = 1; spans <= 3 && spans < columns; ++spans) {
        Plan trial = plan;
        const double heads_w = spans * each + (spans - 1) * column_gap;
        trial.headed = {heads_w, plan.column_w - heads_w - column_gap, spans, columns - spans};
        trial.legend_w = heads_w;
        trial.legend_columns = {spans, column_gap};
        // Measured with the longest words its number row can have; drawn with those that say where the
        // list went (draw_plan sets it again, and a shorter row only closes the band up).
        lc.citations_at = "below and at right";
        trial.legend = g.panels->legend(lc, heads_w, trial.legend_columns);
        const double legend_h = bounds_of(trial.legend).maxy;
        if (legend_h > room)
            continue;
        const double least_band = legend_h + gap * 0.7 + 15 * kMm;
        if (least_band <= room)
            trial.citations =
                lowest_band(lc, trial.headed, legend_h, gap, least_band, room, trial.column_citations, trial.band);
        if (trial.citations.placed < n) {
            // The legend alone in its columns, the list from the next one's top.
            lc.citations_at = "at right";
            Item legend = g.panels->legend(lc, heads_w, trial.legend_columns);
            CitationFlow right = panel_citations(lc, trial.headed.rest_w, trial.headed.rest_columns, 0, room);
            if (right.placed > trial.citations.placed && bounds_of(legend).maxy <= room) {
                trial.legend = std::move(legend);
                trial.column_citations.clear();
                trial.band = 0;
                trial.citations = std::move(right);
            }
        }
        trial.citations_at = trial.column_citations.empty() && trial.citations.placed > 0 ? "at right"
                             : trial.citations.items.empty()                              ? "below"
                                                                                          : "below and at right";
        if (!best || trial.citations.placed > best->citations.placed)
            best = std::move(trial);
        if (best->citations.placed == n)
            break;
    }
    if (!best) {
        plan.usable = false; // the legend is taller than the column leaves it, in two columns too
        return room;
    }
    plan = std::move(*best);
    lc.citations_at = plan.citations_at;
    plan.usable = plan.citations.placed > 0 || n == 0;
    return room;
}

// Sizes the panels and the frame for one composition; nothing is drawn yet. With `shortcuts`, what
// the plan's text cannot change is decided before the text is laid out (the same plan or, for one that
// can never be chosen while another fits, a deferred one); without, everything is laid out (the
// exhaustive search the tests compare with).
Plan make_plan(LayoutContext& lc, const Geometry& g, const PageSize& page, const Composition& comp,
               bool shortcuts) {
    Plan plan;
    plan.comp = comp;
    // The legend says where the list stands from it: under it in a column (beside the map, or heading
    // the band's first column), to its right (a band under the map, or a legend under a wide map beside
    // the side column), or under the map (citations_under: the legend is in the side column).
    lc.citations_at = comp.beside && !page.figure && comp.citations_under ? "at left"
                      : !comp.beside && !(comp.legend_heads_flow && !page.figure && comp.citation_columns > 1)
                          ? "at right"
                          : "below";
    plan.on_figure = page.figure;
    plan.max_height = page.figure ? page.max_height_mm * kMm : 0;
    const double W = g.W, m = g.margin, gap = g.gap;
    double H = g.H;
    const std::size_t n = lc.project.claims.size();
    const double min_map = 45 * kMm; // a map narrower or lower than this shows nothing (readable_frame)
    double natural = 0;              // the frame's area before it grows into spare height
    double empty = 0;                // blank page the panels and the map leave inside the margins (pt²)
    if (comp.beside && page.figure) {
        // Title across the top and credits across the foot; the map on the left, as high as the
        // figure may be; legend and citations in the column beside it. Citations that do not fit
        // there go to the caption companions, as under a figure.
        plan.figure_beside = true;
        const double inner = W - 2 * m - gap;
        plan.title = g.panels->title(lc, W - 2 * m);
        plan.credits = g.panels->credits(lc, W - 2 * m);
        const double fixed = 2 * m + bounds_of(plan.title).maxy + gap * 0.7 + gap * 0.6 + bounds_of(plan.credits).maxy;
        const double max_h = page.max_height_mm * kMm;
        const double avail_h = max_h - fixed;
        const double frame_w = std::min(inner * (1 - comp.column_fraction), avail_h / g.aspect);
        const double frame_h = frame_w * g.aspect;
        plan.column_w = inner - frame_w;
        plan.column_x = m + frame_w + gap;
        plan.legend = g.panels->legend(lc, plan.column_w);
        plan.legend_w = plan.column_w;
        const double legend_h = bounds_of(plan.legend).maxy;
        const double citations_room = std::max(avail_h - legend_h - gap * 0.7, 0.0);
        if (!(shortcuts && citations_cannot_all_fit(lc, plan.column_w, comp.citation_columns, citations_room)))
            plan.citations = panel_citations(lc, plan.column_w, comp.citation_columns, 0, citations_room);
        if (plan.citations.placed < n) {
            plan.citations = CitationFlow{{}, n, 0};
            plan.citations_in_caption = true;
        }
        const double column_h = legend_h + (plan.citations_in_caption ? 0 : gap * 0.7 + plan.citations.height);
        H = fixed + std::max(frame_h, column_h);
        const double top = m + bounds_of(plan.title).maxy + gap * 0.7;
        plan.frame = {m, top, m + frame_w, top + frame_h};
        plan.usable = column_h <= avail_h + 0.01 && readable_frame(frame_w, frame_h) &&
                      readable_columns(g, comp, plan.column_w, comp.citation_columns);
        plan.map_share = frame_w * frame_h / (W * H);
    } else if (comp.beside && comp.citations_under) {
        const double inner = W - 2 * m - gap;
        plan.column_w = inner * comp.column_fraction;
        plan.title = g.panels->title(lc, plan.column_w);
        plan.legend = g.panels->legend(lc, plan.column_w);
        plan.legend_w = plan.column_w;
        plan.credits = g.panels->credits(lc, plan.column_w);
        const double column_h = bounds_of(plan.title).maxy + gap * 0.7 + bounds_of(plan.legend).maxy + gap * 0.7 +
                                gap * 0.5 + bounds_of(plan.credits).maxy;
        const double region_h = H - 2 * m;
        // The citations run in columns under the map and go on in the side column under the legend,
        // the last column of the band, so the column has no hole above the credits.
        const double column_room = region_h - column_h - gap * 0.7;
        const double narrowest_column = inner * comp.column_fraction;
        auto flow_under = [&](double w) {
            const double room = region_h - w * g.aspect - gap;
            if (room < 20 * kMm)
                return CitationFlow{};
            CitationFlow f = panel_citations(lc, w, comp.citation_columns, 0, room, false);
            plan.column_citations.clear();
            plan.column_heading.reset();
            plan.column_first = false;
            if (f.placed < n && column_room >= 20 * kMm) {
                CitationFlow more = panel_citations(lc, narrowest_column, 1, f.placed, column_room);
                // The list goes on in the side column: as the band's last column when it lines up with
                // the band's first row, else under its "(continued)" heading (place_panels).
                if (more.placed > 0 && more.items.size() > 1) {
                    const double top = bounds_of(more.items[1]).miny;
                    plan.column_heading = more.items[0];
                    plan.column_heading_h = top;
                    for (std::size_t i = 1; i < more.items.size(); ++i) {
                        translate(more.items[i], 0, -top);
                        plan.column_citations.push_back(std::move(more.items[i]));
                    }
                    f.placed += more.placed;
                    // Where place_panels could not line the column up with the band's first row, nor
                    // start it lower, it would be read first: the list starts in the column instead.
                    double height = 0;
                    for (const Item& it : plan.column_citations)
                        height = std::max(height, bounds_of(it).maxy);
                    const double column_top = m + bounds_of(plan.title).maxy + gap * 0.7 + bounds_of(plan.legend).maxy + gap * 0.7;
                    const double credits_top = H - m - bounds_of(plan.credits).maxy - gap * 0.8;
                    const double aligned = m + w * g.aspect + gap + (f.items.size() > 1 ? bounds_of(f.items[1]).miny : 0);
                    if (!(aligned > column_top && aligned + height <= credits_top) && column_top < aligned) {
                        CitationFlow col = panel_citations(lc, narrowest_column, 1, 0, column_room, false);
                        if (col.placed > 0) {
                            CitationFlow band = panel_citations(lc, w, comp.citation_columns, col.placed, room);
                            plan.column_citations = std::move(col.items);
                            plan.column_heading.reset();
                            plan.column_first = true;
                            band.placed += col.placed;
                            f = std::move(band);
                        }
                    }
                }
            }
            if (f.placed < n && plan.column_citations.empty())
                f = panel_citations(lc, w, comp.citation_columns, 0, room); // the list stops here: it says so
            return f;
        };
        double hi = std::min(inner - plan.column_w, region_h / g.aspect), lo = hi / 2;
        // The widest frame unusable whatever the citations (usable below): none are flowed (make_plan's
        // below band says why).
        if (shortcuts && (column_h > region_h || hi < min_map || hi * g.aspect < min_map * 0.5 ||
                          hi / comp.citation_columns < min_column(g, comp))) {
            plan.usable = false;
            return plan;
        }
        double frame_w = hi;
        plan.citations = flow_under(hi);
        if (plan.citations.placed < n) {
            CitationFlow at_lo = flow_under(lo);
            std::vector<Item> column_at_lo = plan.column_citations;
            std::optional<Item> heading_at_lo = plan.column_heading;
            bool first_at_lo = plan.column_first;
            if (at_lo.placed == n)
                while (hi - lo > 0.02 * hi) {
                    const double mid = (lo + hi) / 2;
                    CitationFlow f = flow_under(mid);
                    if (f.placed == n) {
                        lo = mid;
                        at_lo = std::move(f);
                        column_at_lo = plan.column_citations;
                        heading_at_lo = plan.column_heading;
                        first_at_lo = plan.column_first;
                    } else {
                        hi = mid;
                    }
                }
            frame_w = lo;
            plan.citations = std::move(at_lo);
            plan.column_citations = std::move(column_at_lo);
            plan.column_heading = std::move(heading_at_lo);
            plan.column_first = first_at_lo;
        }
        const double frame_h = frame_w * g.aspect;
        plan.frame = {m, m, m + frame_w, m + frame_h};
        double column_cites_h = 0;
        for (const Item& it : plan.column_citations)
            column_cites_h = std::max(column_cites_h, bounds_of(it).maxy);
        empty = std::max(0.0, region_h - frame_h - gap - plan.citations.height) * frame_w +
                std::max(0.0, column_room - column_cites_h) * (inner - frame_w);

        plan.column_x = m + frame_w + gap;
        plan.column_w = inner - frame_w;
        plan.usable = column_h <= region_h && frame_w >= min_map && frame_h >= min_map * 0.5 &&
                      frame_w / comp.citation_columns >= min_column(g, comp);
    } else if (comp.beside) {
        const double inner = W - 2 * m - gap;
        const double region_w = inner * (1 - comp.column_fraction), region_h = H - 2 * m;
        double frame_w = std::min(region_w, region_h / g.aspect);
        double frame_h = std::min(region_h, frame_w * g.aspect);
        natural = frame_w * frame_h;
        // A tall map as high as the page shows more of its surroundings either side, as far as the
        // zones still fill it and the composition's column allows; the column takes the rest.
        Box shown = lc.content;
        if (frame_w < region_w)
            frame_w = std::min(region_w, frame_w * room_to_grow(lc, g, frame_w, frame_h, shown));
        if (g.tight) {
            // Or the same on the zones' own box, when that draws them larger (a tall land as high as a
            // portrait page: the frame shows the zones 8 % larger and is 16 mm wider, and the side
            // column loses the ragged right its short lines left).
            const double a = aspect_of(*g.tight, g.fit_margin);
            double w = std::min(region_w, region_h / a);
            const double h = std::min(region_h, w * a);
            if (w < region_w)
                w = std::min(region_w, w * room_to_grow(lc, g, w, h, *g.tight));
            if (tight_is_better(lc, g, {0, 0, w, h}, {0, 0, frame_w, frame_h})) {
                frame_w = w;
                frame_h = h;
                shown = *g.tight;
                plan.content = shown;
            }
        }
        plan.column_w = inner - frame_w;
        plan.column_x = m + frame_w + gap;
        plan.frame = {m, m, m + frame_w, m + frame_h};
        if (shortcuts && !readable_columns(g, comp, plan.column_w, comp.citation_columns)) {
            plan.usable = false; // columns too narrow or too wide to read (below), whatever the text
            return plan;
        }
        // The room the title and credits leave at the least (the legend taken as none): citations
        // that cannot fit even there defer the plan before any of its text is wrapped.
        if (shortcuts) {
            // A column noted unfit held its legend above the list, across it: a headed column holds more.
            if (!comp.legend_heads_flow && region_h - frame_h < gap && under_unfit_column(g, comp, plan.column_w)) {
                plan.deferred = true;
                return plan;
            }
            const double least_fixed = title_at_least(lc, plan.column_w) + gap * 0.7 + gap * 0.5 +
                                       paragraph_at_least(lc, credits_text(lc), lc.fonts.small, plan.column_w) - 0.01;
            if (citations_cannot_all_fit(lc, plan.column_w, comp.citation_columns, std::max(H - 2 * m - least_fixed, 0.0))) {
                note_unfit_column(g, comp, plan.column_w); // the legend taken as none: any wording
                plan.deferred = true;
                return plan;
            }
        }
        if (comp.legend_heads_flow) {
            const double band_room = plan_headed_column(lc, g, plan);
            const double spare = region_h - frame_h;
            plan.frame.maxy = m + frame_h * taller_by(lc, g, frame_w, frame_h, spare, shown);
            const double band_h = headed_column_height(plan, gap);
            const int columns = comp.citation_columns;
            const double each = (plan.column_w - (columns - 1) * citation_gutter(lc)) / columns;
            empty = std::max(0.0, spare - (plan.frame.height() - frame_h)) * frame_w +
                    std::max(0.0, band_room - band_h) * plan.column_w +
                    column_feet(plan.column_citations, static_cast<std::size_t>(plan.headed.halves), each,
                                citation_gutter(lc), bounds_of(plan.legend).maxy + gap * 0.7, band_h) +
                    column_feet(plan.citations.items, static_cast<std::size_t>(plan.headed.rest_columns), each,
                                citation_gutter(lc), 0, band_h);
            plan.usable = plan.usable && readable_land(g, frame_w, frame_h) &&
                          readable_columns(g, comp, plan.column_w, comp.citation_columns);
        } else {
        plan.title = g.panels->title(lc, plan.column_w);
        plan.credits = g.panels->credits(lc, plan.column_w);
        // A wide map leaves height under it: the legend goes there when it fits. A map that leaves
        // less than the gap (a tall land, as high as the column) has no room for any legend, whose
        // heading starts at its top: it is not set at the map's width only to be put aside.
        std::optional<Item> under;
        if (region_h - frame_h >= gap) {
            lc.citations_at = "at right";
            under = g.panels->legend(lc, frame_w);
        }
        plan.legend_under_map = under && region_h - frame_h >= bounds_of(*under).maxy + gap;
        lc.citations_at = plan.legend_under_map ? "at right" : "below";
        plan.legend = plan.legend_under_map ? std::move(*under) : g.panels->legend(lc, plan.column_w);
        plan.legend_w = plan.legend_under_map ? frame_w : plan.column_w;
        const double fixed = bounds_of(plan.title).maxy + gap * 0.7 +
                             (plan.legend_under_map ? 0 : bounds_of(plan.legend).maxy + gap * 0.7) + gap * 0.5 +
                             bounds_of(plan.credits).maxy;
        const double room = H - 2 * m - fixed;
        plan.usable = room > 20 * kMm && readable_land(g, frame_w, frame_h); // the land as drawn in the frame
        if (shortcuts && (!plan.usable || citations_cannot_all_fit(lc, plan.column_w, comp.citation_columns,
                                                                   std::max(room, 0.0)))) {
            plan.deferred = plan.usable; // an unusable plan never counts
            if (plan.deferred && !lc.citations_continue) // a legend saying so is longer: less room
                note_unfit_column(g, comp, plan.column_w);
            return plan;
        }
        plan.citations = panel_citations(lc, plan.column_w, comp.citation_columns, 0, std::max(room, 0.0));
        // A column whose lines are all much shorter than it (short quotes, a short legend) would
        // leave a strip of blank page down its right side: the text block moves right by half the
        // slack, so the blank is shared by the gutter beside the map and the right margin. The lines
        // wrap the same at the narrower width (none was longer); the credits are set at it again.
        // A title longer than that is set again at it when the column has room for the line it may
        // take more, else the text block moves only as far as the title allows.
        if (!plan.legend_under_map && plan.citations.placed == n) {
            double longest = bounds_of(plan.legend).maxx;
            for (const Item& it : plan.citations.items)
                longest = std::max(longest, bounds_of(it).maxx);
            const double to_spare = std::max(0.0, room - plan.citations.height - gap);
            // Whether the text block may move right by `shift`, with the title set again at the
            // narrower width when `retitle`; done when it may.
            auto try_shift = [&](double shift, bool retitle) {
                if (shift <= gap || (plan.column_w - shift) / comp.citation_columns < min_column(g, comp))
                    return false;
                Item title = retitle ? g.panels->title(lc, plan.column_w - shift) : plan.title;
                Item credits = g.panels->credits(lc, plan.column_w - shift);
                const double taller = bounds_of(title).maxy - bounds_of(plan.title).maxy +
                                      bounds_of(credits).maxy - bounds_of(plan.credits).maxy;
                if (bounds_of(title).maxx > plan.column_w - shift + 0.5 || taller > to_spare)
                    return false;
                plan.title = std::move(title);
                plan.credits = std::move(credits);
                plan.column_x += shift;
                plan.column_w -= shift;
                return true;
            };
            const double half = (plan.column_w - longest) / 2;
            if (bounds_of(plan.title).maxx <= plan.column_w - half || !try_shift(half, true))
                (void)try_shift(std::min(half, plan.column_w - bounds_of(plan.title).maxx), false);
        }
        const double spare = region_h - frame_h - (plan.legend_under_map ? bounds_of(plan.legend).maxy + gap : 0);
        plan.frame.maxy = m + frame_h * taller_by(lc, g, frame_w, frame_h, spare, shown);
        empty = std::max(0.0, spare - (plan.frame.height() - frame_h)) * frame_w +
                (plan.citations.placed == n ? std::max(0.0, room - plan.citations.height) * plan.column_w : 0.0);
        if (!readable_columns(g, comp, plan.column_w, comp.citation_columns))
            plan.usable = false; // columns too narrow or too wide to read
        }
    } else {
        const double inner = W - 2 * m;
        const bool heads = comp.legend_heads_flow && !page.figure && comp.citation_columns > 1;
        const double column_gap = citation_gutter(lc);
        const double heads_w = (inner - (comp.citation_columns - 1) * column_gap) / comp.citation_columns;
        const double legend_w = heads ? heads_w : (inner - gap) * 0.4;
        // A first column wide enough for the legend's two columns of rows: each band column is set as
        // two, so the citations run on under both halves of the legend, not under its left half only
        // (its right half's foot stood blank, an eighth of a letter page).
        const int halves = heads && heads_w >= legend_two_columns_from(lc) ? 2 : 1;
        const double cite_w = heads ? inner - heads_w - column_gap : inner - gap - legend_w;
        plan.title = g.panels->title(lc, inner);
        plan.legend = g.panels->legend(lc, legend_w);
        plan.legend_w = legend_w;
        plan.credits = g.panels->credits(lc, inner);
        plan.column_x = m + legend_w + (heads ? column_gap : gap);
        plan.column_w = cite_w;
        const double title_h = bounds_of(plan.title).maxy, credits_h = bounds_of(plan.credits).maxy;
        const double legend_h = bounds_of(plan.legend).maxy;
        double frame_w = inner, frame_h = 0;
        double shown_h = 0; // a figure's frame with the sea it shows above and below a wide land
        if (page.figure) {
            frame_h = inner * std::clamp(g.aspect, 0.3, 1.35);
            // A figure must fit a document's text block. When the citations would squeeze the map
            // below three quarters of its natural height (or of the width), or below 70 % of the
            // height it has with them in the caption (a tall land: the width shrinks with the
            // height, and a map at half the page's width is not a figure), they leave the image for
            // the caption companions, which carry the same numbers as the markers.
            const double max_h = page.max_height_mm * kMm;
            const double fixed = 2 * m + title_h + gap * 0.7 + gap + gap * 0.6 + credits_h;
            Item legend_across = g.panels->legend(lc, inner); // the figure's legend when the citations leave
            const double legend_only_h = bounds_of(legend_across).maxy;
            const double with_caption_h = std::min(frame_h, max_h - fixed - legend_only_h);
            // Taller citations only make it likelier: their least height may settle it unwrapped.
            // They go, too, where they would leave the map less than its fair share of the figure
            // (a narrow figure: a column of citations several times the map's height).
            auto to_caption = [&](double lower) {
                const double with_citations_h = std::min(frame_h, max_h - fixed - lower);
                const double with_citations_w = std::min(inner, with_citations_h / g.aspect);
                const double share = with_citations_h * with_citations_w / (W * (fixed + with_citations_h + lower));
                return fixed + lower + std::min(frame_h, inner * 0.75) > max_h || with_citations_h < 0.7 * with_caption_h ||
                       share < kFairFigureShare;
            };
            const bool surely = shortcuts && n > 0 &&
                                to_caption(std::max(legend_h, citations_height_at_least(lc, cite_w, comp.citation_columns)));
            // Else their height first, with no text set: citations bound for the caption are never set.
            bool caption = surely;
            if (!surely) {
                caption = to_caption(std::max(legend_h, citations_unset(lc, cite_w, comp.citation_columns, 0, 1e9).height));
                if (!caption)
                    plan.citations = panel_citations(lc, cite_w, comp.citation_columns, 0, 1e9);
            }
            double lower_h = std::max(legend_h, plan.citations.height);
            if (caption || to_caption(lower_h)) {
                plan.citations = CitationFlow{{}, n, 0};
                plan.citations_in_caption = true;
                plan.legend = std::move(legend_across);
                plan.legend_w = inner;
                lower_h = bounds_of(plan.legend).maxy;
            }
            frame_h = std::max(std::min(frame_h, max_h - fixed - lower_h), inner * 0.2);
            frame_w = std::min(inner, frame_h / g.aspect);
            // A wide land's map as wide as the figure is a strip with its names crowded over the land
            // (an archipelago at 90 mm: 83 x 25 mm, a quarter of it under text, its main town unnamed):
            // it shows the sea above and below, up to kLeastStripHeight of its width, as far as the
            // zones still fill 61 % of it and the figure may grow. The zones keep their size.
            shown_h = frame_h;
            if (frame_w >= inner - 0.01 && frame_h < kLeastStripHeight * inner)
                shown_h = std::max(frame_h, std::min({kLeastStripHeight * inner, max_h - fixed - lower_h,
                                                      frame_h * room_to_grow(lc, g, frame_w, frame_h, lc.content)}));
            H = fixed + frame_h + lower_h;
            if (H > max_h + 0.01)
                plan.usable = false; // the legend alone is taller than the text block allows
            // Judged without the sea shown above and below: it does not draw the land larger.
            plan.map_share = frame_w * frame_h / (W * H);
            H += shown_h - frame_h;
            if (plan.usable && plan.map_share < kLeastFigureShare) {
                plan.usable = false;
                plan.small_map = true;
            }
        } else {
            // The map keeps at least 40 % of the page's height, or its natural height where that is
            // less (a strip of a land four times as wide as high); citations beyond that continue on a
            // further sheet. Held to 60 %, a 150 mm square page refused a river land's 31 mm strip its
            // legend 1 mm over the 60 %, when its contested row was added (audit s17, l-gambela).
            const double room_all = H - 2 * m - title_h - credits_h - 2.5 * gap;
            const double band_most = std::max(room_all * 0.6, room_all - inner * g.aspect);
            const double least_band = heads ? legend_h + gap * 0.7 + 15 * kMm : legend_h;
            // A map the title, legend and credits alone leave too small, or a legend over its share of
            // the height: no citations make the plan usable (they only take height), so none are set.
            // A refused page wrapped every candidate's citations, in bisections (f-calder's postcard:
            // 74 % of its refusal, audit s16 D6).
            const double most_h = std::min(room_all - legend_h, inner * g.aspect);
            if (shortcuts && (std::min(inner, most_h / g.aspect) < min_map || most_h < min_map * 0.5 ||
                              legend_h > band_most)) {
                plan.usable = false;
                return plan;
            }
            auto flow = [&](double band) {
                if (heads)
                    return lowest_band(lc, plan.headed, legend_h, gap, least_band, band, plan.column_citations, plan.band);
                return panel_citations(lc, cite_w, comp.citation_columns, 0, band);
            };
            if (heads) {
                plan.headed = {heads_w, cite_w, halves, (comp.citation_columns - 1) * halves};
                plan.citations = flow(std::max(band_most, 0.0));
                if (plan.citations.placed == 0)
                    plan.usable = false;
            } else if (shortcuts && citations_cannot_all_fit(lc, cite_w, comp.citation_columns, std::max(band_most, 0.0))) {
                plan.deferred = true;
                return plan;
            } else {
                plan.citations = flow(std::max(band_most, 0.0));
            }
            // A list that continues on further sheets anyway need not take the map's height: the band
            // keeps what the map leaves at its natural size, as wide as the page, down to the legend's
            // height, where that needs no further sheet. Sixty claims on A4 portrait took 60 % of the
            // height, the map the rest: 31 mm of bare neighbour land either side of the zones, which
            // filled 64 % of it.
            const double natural_band = std::max(least_band, room_all - inner * g.aspect);
            if (plan.usable && plan.citations.placed > 0 && plan.citations.placed < n && natural_band < band_most - 2 * kMm &&
                lc.sheets_after) {
                const double wide_band = plan.band;
                std::vector<Item> wide_under = plan.column_citations;
                CitationFlow shorter = flow(natural_band);
                if (shorter.placed > 0 && lc.sheets_after(shorter.placed) <= lc.sheets_after(plan.citations.placed)) {
                    plan.citations = std::move(shorter);
                } else {
                    plan.band = wide_band;
                    plan.column_citations = std::move(wide_under);
                }
            }
            const double lower_h = std::max(legend_h, plan.citations.height);
            const double avail = room_all - lower_h;
            frame_h = std::min(avail, inner * g.aspect);
            frame_w = std::min(inner, frame_h / g.aspect);
            plan.usable = frame_w >= min_map && frame_h >= min_map * 0.5 && legend_h <= band_most;
            const double column = heads ? (heads_w - (halves - 1) * column_gap) / halves : cite_w / comp.citation_columns;
            if (comp.text_scale > 1 && column < min_column(g, comp))
                plan.usable = false; // large text in narrow columns: a few words a line

        }
        const double top = m + title_h + gap * 0.7;
        const double x0 = m + (inner - frame_w) / 2;
        plan.frame = {x0, top, x0 + frame_w, top + std::max(frame_h, shown_h)};
        natural = frame_w * frame_h;
        if (!page.figure) {
            double spare = H - 2 * m - title_h - credits_h - 2.5 * gap - std::max(legend_h, plan.citations.height) - frame_h;
            plan.frame = grown_frame(lc, g, plan.frame, inner, spare, lc.content);
            if (g.tight) {
                // A map as wide as the page with height to spare: on the zones' own box it draws
                // them larger and grows taller into the spare height (a wide land on A4 portrait:
                // 90 -> 110 mm of map, the zones 11 % wider).
                const double a = aspect_of(*g.tight, g.fit_margin);
                const double h = std::min(frame_h, inner * a), w = std::min(inner, h / a);
                const double x = m + (inner - w) / 2;
                const Box t = grown_frame(lc, g, {x, top, x + w, top + h}, inner, spare + frame_h - h, *g.tight);
                if (tight_is_better(lc, g, t, plan.frame)) {
                    plan.frame = t;
                    plan.content = *g.tight;
                    spare += frame_h - h;
                    frame_h = h;
                }
            }
            const double lower_h = std::max(legend_h, plan.citations.height);
            // The blank under the map, and beside it where it is still narrower than the page.
            empty = std::max(0.0, spare - (plan.frame.height() - frame_h)) * inner +
                    (inner - plan.frame.width()) * plan.frame.height();
            if (heads) {
                // Each column's blank foot (each half's, in halves): the first under the legend and
                // its citations, the others'.
                const double sub_w = (heads_w - (halves - 1) * column_gap) / halves;
                empty += column_feet(plan.column_citations, static_cast<std::size_t>(halves), sub_w, column_gap,
                                     legend_h + gap * 0.7, lower_h) +
                         column_feet(plan.citations.items, static_cast<std::size_t>((comp.citation_columns - 1) * halves),
                                     sub_w, column_gap, 0, lower_h);
            } else {
                empty += (lower_h - legend_h) * legend_w + (lower_h - plan.citations.height) * cite_w;
            }
        }
    }
    plan.width = W;
    plan.height = H;
    plan.fits = plan.usable && plan.citations.placed == n;
    plan.citations_at = lc.citations_at;
    if (plan.column_first)
        plan.citations_at = "below"; // the list starts under the legend (the legend is set again to draw)
    plan.citations_continue = lc.citations_continue;
    // The mapped area as drawn, weighed by how large the text is: a bigger map wins unless it costs
    // much legibility.
    const double legibility = 0.7 + 0.3 * std::min(comp.text_scale, 1.2) / 1.2;
    // The frame as the data's shape sizes it: a frame grown into spare height shows more surroundings,
    // not the zones larger, and must not outrank a larger map.
    plan.score = (natural > 0 ? natural : plan.frame.width() * plan.frame.height()) * legibility;
    // Blank page inside the margins counts against a composition, share for share: a slightly smaller
    // map with its panels filling the page reads better than a larger one beside a hole.
    plan.score *= 1 - std::clamp(empty / (W * H), 0.0, 0.5);
    // A figure's height follows its text: larger type makes it taller around the same map, so below
    // its fair share the map's share counts (a 60 mm figure took its largest text scale, 15 pt titles).
    if (page.figure)
        plan.score *= std::min(1.0, plan.map_share / kFairFigureShare);
    // And one large block of it counts again: a map beside a hole looks unfinished.
    if (!page.figure && plan.usable) {
        std::vector<Box> blocks{plan.frame};
        place_panels(
            plan, g,
            [&](PanelRole, const Item& it, double x, double y) {
                const Box b = bounds_of(it);
                blocks.push_back({b.minx + x, b.miny + y, b.maxx + x, b.maxy + y});
            },
            [](double, double, double) {});
        const Box inner{g.margin, g.margin, W - g.margin, H - g.margin};
        plan.hole = largest_blank(blocks, inner, 2 * kMm) / (W * H);
        plan.score *= 1 - std::clamp(1.5 * plan.hole, 0.0, 0.5);
        // A block past the margins fails the quality check anyway; it must not win by leaving no hole.
        for (const Box& b : blocks)
            if (b.maxx > inner.maxx + 1 || b.maxy > inner.maxy + 1)
                plan.usable = plan.fits = false;
    }
    if (plan.citations_in_caption)
        plan.score *= 0.4; // the citations belong on the figure whenever some composition has room
    // A short list that continues counts the claims it leaves to further sheets: where no composition
    // holds them all, larger type had the banner's sheet 1 hold 3 of 15 claims, its sheet 2 four-fifths
    // empty, where smaller type held 14 (audit s17 D7). A dense list (compositions' 40 claims) runs on
    // several sheets whatever the plan, and the lower scores let more deferred plans' bounds reach the
    // best, each then laid out in full (a 300-zone check: +10 % instructions).
    else if (n > 0 && n <= 40 && plan.citations.placed < n)
        plan.score *= 0.5 + 0.5 * static_cast<double>(plan.citations.placed) / static_cast<double>(n);
    return plan;
}

// make_plan for a card's front (overleaf_compositions): the title, the map and what is overleaf, beside
// the map in a column or across the page, with the legend there too unless it is on the back. Nothing
// is cited on it (its plan places no claim); whether its back holds the rest is the search's question.
Plan overleaf_plan(LayoutContext& lc, const Geometry& g, const Composition& comp) {
    Plan plan;
    plan.comp = comp;
    lc.overleaf = comp.overleaf;
    lc.citations_at = "overleaf";
    plan.citations_at = lc.citations_at;
    const double W = g.W, H = g.H, m = g.margin, gap = g.gap;
    const bool legend = comp.overleaf == Overleaf::citations;
    double frame_w = 0, frame_h = 0;
    if (comp.title_across) { // as a wide figure's (make_plan), as high as the page
        plan.figure_beside = true;
        const double inner = W - 2 * m - gap;
        plan.title = g.panels->title(lc, W - 2 * m);
        plan.credits = g.panels->credits(lc, W - 2 * m);
        const double top = m + bounds_of(plan.title).maxy + gap * 0.7;
        const double avail_h = H - top - gap * 0.6 - bounds_of(plan.credits).maxy - m;
        frame_w = std::min(inner * (1 - comp.column_fraction), avail_h / g.aspect);
        frame_h = frame_w * g.aspect;
        plan.column_w = inner - frame_w;
        plan.column_x = m + frame_w + gap;
        // Taller into the height the title and credits leave, as far as the zones still fill it.
        plan.frame = grown_frame(lc, g, {m, top, m + frame_w, top + frame_h}, frame_w, avail_h - frame_h, lc.content);
        plan.legend = g.panels->legend(lc, plan.column_w);
        plan.legend_w = plan.column_w;
        plan.usable = bounds_of(plan.legend).maxy <= avail_h && readable_land(g, frame_w, frame_h, card_least_map(g));
    } else if (comp.beside) {
        const double inner = W - 2 * m - gap;
        const double region_w = inner * (1 - comp.column_fraction), region_h = H - 2 * m;
        frame_w = std::min(region_w, region_h / g.aspect);
        frame_h = std::min(region_h, frame_w * g.aspect);
        plan.column_w = inner - frame_w;
        plan.column_x = m + frame_w + gap;
        plan.frame = grown_frame(lc, g, {m, m, m + frame_w, m + frame_h}, frame_w, region_h - frame_h, lc.content);
        plan.title = g.panels->title(lc, plan.column_w);
        if (legend) {
            plan.legend = g.panels->legend(lc, plan.column_w);
            plan.legend_w = plan.column_w;
        }
        plan.credits = g.panels->credits(lc, plan.column_w);
        const double column_h = bounds_of(plan.title).maxy + gap * 0.7 +
                                (legend ? bounds_of(plan.legend).maxy + gap * 0.7 : 0) + gap * 0.5 +
                                bounds_of(plan.credits).maxy;
        plan.usable = column_h <= region_h && readable_land(g, frame_w, frame_h, card_least_map(g));
    } else {
        const double inner = W - 2 * m;
        plan.title = g.panels->title(lc, inner);
        plan.credits = g.panels->credits(lc, inner);
        double legend_h = 0;
        if (legend) {
            lc.citations_at = plan.citations_at = "overleaf";
            plan.legend = g.panels->legend(lc, inner);
            plan.legend_w = inner;
            legend_h = bounds_of(plan.legend).maxy + gap;
        }
        const double title_h = bounds_of(plan.title).maxy, credits_h = bounds_of(plan.credits).maxy;
        const double avail = H - 2 * m - title_h - gap * 0.7 - legend_h - gap * 0.6 - credits_h;
        frame_h = std::max(0.0, std::min(avail, inner * g.aspect));
        frame_w = std::min(inner, frame_h / g.aspect);
        const double top = m + title_h + gap * 0.7, x0 = m + (inner - frame_w) / 2;
        plan.frame = grown_frame(lc, g, {x0, top, x0 + frame_w, top + frame_h}, inner, avail - frame_h, lc.content);
        plan.usable = avail > 0 && readable_land(g, frame_w, frame_h, card_least_map(g));
    }
    plan.citations = CitationFlow{{}, 0, 0};
    plan.width = W;
    plan.height = H;
    // Its map's area, as make_plan scores it: the card's front is the map.
    plan.score = frame_w * frame_h * (0.7 + 0.3 * std::min(comp.text_scale, 1.2) / 1.2);
    return plan;
}

// At least make_plan's score for `comp`, from the page alone. The beside frame does not depend on
// the text, but for the room the citations need when they run under it. Below, the frame is make_plan's with every text block (title, credits, legend,
// citations) taken as zero high: the frame can only be smaller. Plans that can be ranked have
// positive frames, so the products keep the order; the factor covers rounding.
double score_bound(const Geometry& g, const PageSize& page, const Composition& comp, std::size_t claims) {
    const double legibility = 0.7 + 0.3 * std::min(comp.text_scale, 1.2) / 1.2;
    const double m = g.margin, gap = g.gap;
    double w = 0, h = 0;
    if (comp.beside && page.figure) {
        const double inner = g.W - 2 * m - gap;
        w = std::min(inner * (1 - comp.column_fraction), (page.max_height_mm * kMm - 2 * m) / g.aspect);
        h = w * g.aspect;
    } else if (comp.beside) {
        const double inner = g.W - 2 * m - gap;
        const double region_w = inner * (1 - comp.column_fraction), region_h = g.H - 2 * m;
        w = std::min(region_w, region_h / g.aspect);
        h = std::min(region_h, w * g.aspect);
        if (comp.citations_under && claims > 0) {
            // The citations under the map need 20 mm of height (make_plan's flow_under places none
            // in less): the frame is as wide as leaves them that, or it falls back to half the width.
            w = std::max(w / 2, std::min(w, (region_h - gap - 20 * kMm) / g.aspect));
            h = w * g.aspect;
        }
    } else {
        const double inner = g.W - 2 * m;
        if (page.figure)
            h = std::max(std::min(inner * std::clamp(g.aspect, 0.3, 1.35), page.max_height_mm * kMm - 2 * m - 2.3 * gap),
                         inner * 0.2);
        else
            h = std::min(g.H - 2 * m - 2.5 * gap, inner * g.aspect);
        w = std::min(inner, h / g.aspect);
    }
    return w * h * legibility * (1 + 1e-9);
}

// At least make_plan's score for a below composition on a page (not a figure), from its title,
// credits and legend laid out at its scale: the frame's height is at most what they leave, the
// citations taken as no taller than the legend. The frame is make_plan's for that height, its width as
// the height allows; the score's other factors are at most 1. On a tall page the width bounds the
// frame (score_bound's) but large text leaves the map a band (A3 portrait: a bound of 762 k against
// real scores from 80 k); 0 for a frame too low to be usable.
double below_score_bound(const LayoutContext& lc, const Geometry& g, const Composition& comp) {
    const double m = g.margin, gap = g.gap, H = g.H;
    const double inner = g.W - 2 * m;
    const bool heads = comp.legend_heads_flow && comp.citation_columns > 1;
    const double column_gap = citation_gutter(lc);
    const double heads_w = (inner - (comp.citation_columns - 1) * column_gap) / comp.citation_columns;
    const double legend_w = heads ? heads_w : (inner - gap) * 0.4;
    const double title_h = bounds_of(g.panels->title(lc, inner)).maxy;
    const double credits_h = bounds_of(g.panels->credits(lc, inner)).maxy;
    const double legend_h = bounds_of(g.panels->legend(lc, legend_w)).maxy;
    const double room_all = H - 2 * m - title_h - credits_h - 2.5 * gap;
    const double frame_h = std::min(room_all - legend_h, inner * g.aspect);
    if (frame_h < 45 * kMm * 0.5)
        return 0; // make_plan's min_map: unusable
    const double frame_w = std::min(inner, frame_h / g.aspect);
    const double legibility = 0.7 + 0.3 * std::min(comp.text_scale, 1.2) / 1.2;
    return frame_w * frame_h * legibility * (1 + 1e-9);
}

// How much larger than the page's own size a page's map may set its zones' names and numbers
// (MapType::roomy): as much as leaves every claimed zone's widest inscribed circle twice as wide as its
// name on one line, with the map at the smaller scale of one beside the panels (60 % of the width) and
// one above them (half the height). 1 where a [[line]] or [[place]] is claimed: their names are set in
// the zones' type, along lines and beside symbols, where no zone's room says how large they may be.
constexpr double kRoomyZone = 2;
double roomy_type(const Project& p, const Geometry& g, const Box& content) {
    const bool features = std::any_of(p.claims.begin(), p.claims.end(), [&](const Claim& c) {
        return !p.geo.zone(c.spec->zone);
    });
    if (features || p.claims.empty())
        return 1;
    const double w = g.W - 2 * g.margin, h = g.H - 2 * g.margin;
    const double scale = std::min(MapTransform::fit(content, {0, 0, 0.6 * w, h}, g.fit_margin).scale(),
                                  MapTransform::fit(content, {0, 0, w, 0.5 * h}, g.fit_margin).scale());
    const GeosContext& ctx = *p.geo.ctx;
    const Font name = make_fonts(g.k, 1).zone_label;
    double room = std::numeric_limits<double>::max();
    for (const Zone& z : p.geo.zones) {
        if (p.claims_of(z.id).empty())
            continue;
        const double block = kRoomyZone * text_engine().measure(z.name, name).width * 3 * name.size;
        const Box b = geom::bounds(ctx, z.geom.get());
        // The box bounds the area: most zones of a crowded map are ruled out without GEOS.
        room = std::min(room, std::sqrt(b.width() * b.height() * scale * scale / block));
        if (room <= 1)
            return 1;
        room = std::min(room, std::sqrt(geom::area(ctx, z.geom.get()) * scale * scale / block));
        if (room <= 1)
            return 1;
    }
    return room;
}

// The page's theme, its print badges keyed to the statuses the page's claims use, in legend order.
Theme page_theme(const Project& p, const LayoutOptions& options) {
    Theme theme = make_theme(options.theme.empty() ? p.spec.theme : options.theme);
    for (const StatusSpec& st : p.spec.statuses)
        if (std::any_of(p.claims.begin(), p.claims.end(), [&](const Claim& c) { return c.status == &st; }))
            theme.page_statuses.push_back(st.key);
    return theme;
}

LayoutContext make_context(const Project& p, const LayoutOptions& options, const Geometry& g, double scale,
                           Scene& scene) {
    Theme theme = page_theme(p, options);
    const Fonts fonts = make_fonts(g.k, scale, MapType{g.narrow, theme.least_type_pt, g.roomy});
    LayoutContext lc(p, options, std::move(theme), std::max(0.8, g.k), fonts, scene, Placer({0, 0, g.W, g.H}));
    lc.nested_set = &g.nested;
    if (const auto kept = g.wordings->find(scale); kept != g.wordings->end())
        lc.citation_texts = kept->second;
    if (g.sheets_after)
        lc.sheets_after = [&g, scale](std::size_t first) { return g.sheets_after(scale, first); };
    return lc;
}

// make_plan, and when its citations continue on further sheets, make_plan again with the legend
// saying so (its longer row may take a line more, so the plan is sized with it).
Plan plan_with_legend_wording(LayoutContext& lc, const Geometry& g, const PageSize& page, const Composition& comp,
                              bool shortcuts) {
    Plan plan = make_plan(lc, g, page, comp, shortcuts);
    if (plan.usable && !plan.deferred && !plan.citations_in_caption && plan.citations.placed < lc.project.claims.size()) {
        lc.citations_continue = true;
        plan = make_plan(lc, g, page, comp, shortcuts);
    }
    return plan;
}

// Whether a claim of a zone too small to read has no number anywhere on the map (in place or in an
// inset).
bool tiny_zone_unmarked(const LayoutContext& lc) {
    std::unordered_set<std::string> ids;
    for (const Layer& l : lc.scene.layers)
        for (const Item& it : l.items)
            if (it.id.rfind("detail-", 0) == 0 && it.id.find('-', 7) != std::string::npos)
                ids.insert(it.id.substr(it.id.find('-', 7) + 1));
            else
                ids.insert(it.id);
    for (const std::string& z : lc.tiny_zones)
        for (const Claim* c : lc.project.claims_of(z))
            if (!ids.count("marker-" + z + "-" + std::to_string(c->number)))
                return true;
    return false;
}

// The map drawn smaller, its content fitted into the frame less a strip along one side, where the
// insets lc.insets_wanted asked for find zone-free room (beyond the content there are no zones). The
// strip holds them in one to three rows along it, shrunk together (by the factor returned) when they
// do not fit, and takes at most 55 % of the frame. Of the sides and rows, the one that keeps insets and
// main map largest (the insets' size counts twice: they carry the numbers the map could not).
// Between insets and at the ends of a strip left for them: their clearance, and the 4 mm steps of their
// search.
double inset_strip_gap(const LayoutContext& lc) {
    return 4 * lc.unit + 3 * kMm;
}

// `t` drawn over the part `sub` of `frame`: the transform of the whole frame at t's scale, showing the
// world beyond `sub` in the rest of it.
MapTransform over_frame(const MapTransform& t, const Box& sub, const Box& frame) {
    const double s = t.scale();
    return MapTransform{{t.world.minx - (sub.minx - frame.minx) / s, t.world.miny - (frame.maxy - sub.maxy) / s,
                         t.world.maxx + (frame.maxx - sub.maxx) / s, t.world.maxy + (sub.miny - frame.miny) / s},
                        frame};
}

std::optional<std::pair<MapTransform, double>> room_for_insets(const LayoutContext& lc, const Box& frame, double margin) {
    const double gap = inset_strip_gap(lc);
    const auto& wants = lc.insets_wanted;
    std::optional<std::pair<MapTransform, double>> best;
    double best_score = 0;
    for (int side = 0; side < 4; ++side) { // right, bottom, left, top
        const bool across = side % 2 == 0; // a strip at the right or left: the insets stack down it
        const double length = (across ? frame.height() : frame.width()) - gap;
        const double depth = (across ? frame.width() : frame.height()) * 0.55 - gap;
        for (std::size_t rows = 1; rows <= std::min<std::size_t>(3, wants.size()); ++rows) {
            // Insets in turn into the rows: each row as long as its insets, as thick as its thickest.
            std::vector<double> along(rows, 0), thick(rows, 0);
            for (std::size_t i = 0; i < wants.size(); ++i) {
                along[i % rows] += (across ? wants[i].h : wants[i].w) + gap;
                thick[i % rows] = std::max(thick[i % rows], across ? wants[i].w : wants[i].h);
            }
            double thickness = 0;
            for (double t : thick)
                thickness += t + gap;
            const double longest = *std::max_element(along.begin(), along.end());
            const double k = std::min({1.0, length / longest, depth / thickness});
            if (k <= 0.3)
                continue;
            const double strip = thickness * k + gap;
            Box sub = frame;
            (side == 0 ? sub.maxx : side == 1 ? sub.maxy : side == 2 ? sub.minx : sub.miny) += side < 2 ? -strip : strip;
            const MapTransform t = MapTransform::fit(lc.content, sub, margin);
            const double s = t.scale();
            const double score = k * k * s;
            if (score <= best_score * 1.001)
                continue;
            best_score = score;
            best = {over_frame(t, sub, frame), k};
        }
    }
    return best;
}

// How much taller a figure with its panels under the map grows for the insets lc.insets_wanted asks
// for: a strip under the map holding them in one row at their full size, the map keeping its scale.
// Drawn smaller beside a strip of its frame instead, a river country 330 km long at 90 mm filled 18 %
// of its frame, its badges floating over the neighbour (audit s17 D1); a figure's height follows its
// content. 0 where the row is wider than the frame or the figure would outgrow its text block.
double figure_inset_strip(const LayoutContext& lc, const Plan& plan) {
    if (!plan.on_figure || plan.comp.beside || plan.figure_beside)
        return 0;
    const double gap = inset_strip_gap(lc);
    double along = gap, thick = 0;
    for (const LayoutContext::InsetWant& want : lc.insets_wanted) {
        along += want.w + gap;
        thick = std::max(thick, want.h);
    }
    const double strip = thick + gap;
    return along <= plan.frame.width() && plan.height + strip <= plan.max_height ? strip : 0;
}

// Lays out the whole first sheet for a plan: panels, then the map under them in layer order.
// `placed`: how many claims' citations the sheet carries (the plan's, or more when the legend lost
// rows and the side column took more citations into the room they left).
Scene draw_plan(const Project& p, const LayoutOptions& options, const Geometry& g, Plan plan,
                const Box& content, std::vector<std::string>& warnings, std::size_t& placed) {
    Scene scene = empty_scene(project_metadata(p, options), plan.width, plan.height);
    scene.citations_in_caption = plan.citations_in_caption;
    LayoutContext lc = make_context(p, options, g, plan.comp.text_scale, scene);
    lc.citations_at = plan.citations_at;
    lc.citations_continue = plan.citations_continue;
    lc.overleaf = plan.comp.overleaf;
    lc.content = content;
    lc.dense = p.claims.size() > 40 || p.geo.zones.size() > 60;
    lc.placer = Placer({0, 0, plan.width, plan.height});
    Layer& panel = scene.layer("panel", "Title, legend and credits");
    Layer& cites = scene.layer("citations", "Citations");
    const Box& frame = plan.frame;
    std::set<std::string> under_legend; // citations set under the legend, in its column
    auto put = [&](PanelRole role, Item& it, double x, double y) {
        if (role == PanelRole::citation_under_legend)
            under_legend.insert(it.id);
        // Panels are measured again after they are put (the column's next block goes under
        // them): copied; citations are not.
        if (role == PanelRole::panel)
            place(panel, lc.placer, it, x, y);
        else
            place(cites, lc.placer, std::move(it), x, y);
    };
    auto hairline = [&](double x, double y, double w) { panel.items.push_back(rule(x, y, w, lc)); };
    const Point legend_at = place_panels(plan, g, put, hairline);
    placed = plan.citations.placed;
    // Panels are laid out before the map so the layer order stays: map below, panels on top.
    std::deque<Layer> panel_layers = std::move(scene.layers);
    scene.layers.clear();

    lc.content = plan.content.value_or(content);
    // The map, drawn at `tf`. What its stages record in the context starts afresh each time.
    const Placer panels_placed = lc.placer;
    const std::vector<std::string> panel_warnings = lc.warnings;
    const bool dense_by_count = lc.dense;
    auto draw_map = [&](const MapTransform& tf) {
        scene.layers.clear();
        lc.placer = panels_placed;
        lc.warnings = panel_warnings;
        lc.zone_looks.clear();
        lc.zone_second_names.clear();
        lc.in_detail.clear();
        lc.locality_dots.clear();
        lc.leader_lines.clear();
        lc.insets_wanted.clear();
        lc.tiny_zones.clear();
        lc.tf = tf;
        lc.dense = dense_by_count || names_crowd(lc);
        scene.georef = georef_of(p, frame, lc.tf.world);
        layout_base_and_zones(lc);
        layout_lines_and_places(lc);
        // With a strip left for insets they go first: the north arrow in a corner of the strip left
        // the second city's inset no room (twocity on a 170 mm figure); the furniture finds its own.
        if (lc.inset_room > 0)
            layout_detail_insets(lc);
        layout_map_furniture(lc);
        if (lc.inset_room <= 0)
            layout_detail_insets(lc);
        layout_map_labels(lc);
        lengthen_scale_bar(lc);
        layout_graticule(lc);
    };
    if (plan.inset_strip > 0) {
        // A figure grown for its insets (below): the map over the frame less the strip under it.
        const Box sub{frame.minx, frame.miny, frame.maxx, frame.maxy - plan.inset_strip};
        lc.inset_room = 1;
        lc.inset_reach = 30 * kMm;
        draw_map(over_frame(MapTransform::fit(lc.content, sub, g.fit_margin), sub, frame));
        lc.inset_room = 0;
        lc.inset_reach = 0;
    } else {
        draw_map(MapTransform::fit(lc.content, frame, g.fit_margin));
    }
    // Zones too small to read that the map could neither magnify nor number in place (sixty city wards
    // in two clusters 8 mm across: no spot for an inset near them, and no room for sixty numbers):
    // a figure grows under its map for their insets; else the map is drawn again, smaller, with a
    // strip of the frame left free where they go. Maps that marked every small zone are drawn once.
    if (plan.inset_strip <= 0 && !lc.insets_wanted.empty() && tiny_zone_unmarked(lc)) {
        if (const double strip = figure_inset_strip(lc, plan); strip > 0) {
            plan.frame.maxy += strip;
            plan.height += strip;
            plan.inset_strip = strip;
            return draw_plan(p, options, g, std::move(plan), content, warnings, placed);
        }
        const MapTransform first = MapTransform::fit(lc.content, frame, g.fit_margin);
        if (const auto roomy = room_for_insets(lc, frame, g.fit_margin)) {
            lc.inset_room = roomy->second;
            lc.inset_reach = 30 * kMm * roomy->first.scale() / first.scale();
            draw_map(roomy->first);
            lc.inset_room = 0;
            lc.inset_reach = 0;
        }
    }
    Layer& fl = scene.layer("frame", "Map frame");
    Item border;
    border.id = "map-frame";
    border.parts.emplace_back(Shape{{box_ring(frame)},
                                    true,
                                    std::nullopt,
                                    Stroke{lc.theme.outline_stroke, 0.6 * lc.unit, {}, false}});
    fl.items.push_back(std::move(border));
    // The legend again, now that the map shows which bands, outlines and conflicts it draws: it only
    // loses rows, so it still fits where the plan put it.
    // In a side column the citations under it take the height it gave up: more of them, when some
    // were to continue on another sheet (an archipelago's column held one citation under 55 mm of
    // blank where rows had been), and the column's blocks spread again.
    const bool column = plan.comp.beside && !plan.comp.citations_under && !plan.figure_beside && !plan.legend_under_map &&
                        !plan.comp.legend_heads_flow && // a headed column is flowed again as a band (below)
                        plan.comp.overleaf == Overleaf::none; // a card's citations are on its back
    bool column_redone = false; // the column (or the headed band) was set again around the drawn legend
    if (column) {
        Item legend = panel_legend(lc, plan.legend_w, &scene, plan.legend_columns);
        const double lost = bounds_of(plan.legend).maxy - bounds_of(legend).maxy;
        if (lost > 0.5) {
            plan.legend = std::move(legend);
            const double fixed = bounds_of(plan.title).maxy + g.gap * 0.7 + bounds_of(plan.legend).maxy +
                                 g.gap * 0.7 + g.gap * 0.5 + bounds_of(plan.credits).maxy;
            const double room = plan.height - 2 * g.margin - fixed;
            CitationFlow more = panel_citations(lc, plan.column_w, plan.comp.citation_columns, 0, std::max(room, 0.0));
            if (more.placed == p.claims.size() && lc.citations_continue) {
                // All of them now: the legend no longer sends the reader to further sheets (its row
                // can only get shorter, so the list still fits under it).
                lc.citations_continue = false;
                plan.legend = panel_legend(lc, plan.legend_w, &scene, plan.legend_columns);
            }
            if (more.placed >= plan.citations.placed) {
                plan.citations = std::move(more);
                panel.items.clear();
                cites.items.clear();
                (void)place_panels(plan, g, put, hairline);
                placed = plan.citations.placed;
                column_redone = true;
            }
        }
    }
    // A band whose legend heads the list: closed up to the rows the drawn legend kept, the first
    // column's citations ended as far above the next column's foot as the rows it gave up (Solund on
    // A4 portrait: 2 claims ending 25 mm above the next column's 9, the legend 20 mm shorter than
    // planned). The band is flowed again around the drawn legend, as low as it holds every claim and
    // never taller than planned, so its columns end together; place_panels shares the height it gives
    // up above and below it.
    if (!column && plan.band > 0 && !plan.column_citations.empty() && plan.citations.placed == p.claims.size()) {
        Item legend = panel_legend(lc, plan.legend_w, &scene, plan.legend_columns);
        const double legend_h = bounds_of(legend).maxy;
        if (bounds_of(plan.legend).maxy - legend_h > 0.5) {
            std::vector<Item> under;
            double band = 0;
            CitationFlow again = lowest_band(lc, plan.headed, legend_h, g.gap, legend_h + g.gap * 0.7 + 15 * kMm,
                                             plan.band, under, band);
            if (again.placed == p.claims.size()) {
                plan.legend = std::move(legend);
                plan.citations = std::move(again);
                plan.column_citations = std::move(under);
                plan.band = band;
                panel.items.clear();
                cites.items.clear();
                under_legend.clear();
                (void)place_panels(plan, g, put, hairline);
                column_redone = true;
            }
        }
    }
    double legend_lost = 0; // the height the legend gave up, where it was set again in place
    for (Layer& l : panel_layers)
        for (Item& it : l.items)
            // A legend of as many rows may still draw one differently (an outline seen only as its
            // edge): set in place of the planned one.
            if (it.id == "legend" && !column_redone) {
                const double planned = bounds_of(it).maxy;
                it = panel_legend(lc, plan.legend_w, &scene, plan.legend_columns);
                translate(it, legend_at.x, legend_at.y);
                // The citations under it close up to the rows that remain.
                const double lost = planned - bounds_of(it).maxy;
                for (Layer& c : panel_layers)
                    for (Item& ci : c.items)
                        if (lost > 0 && under_legend.count(ci.id))
                            translate(ci, 0, -lost);
                legend_lost = std::max(lost, 0.0);
            }
    // A figure whose legend is all there is under its map (the citations in its caption) ends under the
    // legend's last row: its height follows its content, and the rows the map did not need left a
    // blank above the credits (10 mm on a 60 mm figure, a tenth of it).
    if (plan.on_figure && plan.citations_in_caption && !plan.figure_beside && legend_lost > 0.5) {
        for (Layer& l : panel_layers)
            for (Item& it : l.items)
                if (it.id == "credits")
                    translate(it, 0, -legend_lost);
        scene.height -= legend_lost;
    }
    for (Layer& l : panel_layers)
        scene.layers.push_back(std::move(l));
    warnings = std::move(lc.warnings);
    return scene;
}

// A card's back: "{title} — sheet 2 of 2" in the map's language.
std::string card_back_title(const Project& p) {
    const PanelWords& w = panel_words(p.spec.lang);
    return fill(w.zone_dash_status, {p.spec.title, fill(w.sheet_of, {"2", "2"})});
}

// A further sheet's title in the heading type, its top at y = 0: one line (continuation_sheets words it
// again once the sheets are counted), or wrapped at `width` (a card's back: "… — sheet 2 of 2" ran past
// the edge of a 100 mm card under a long title).
Item sheet_title(const LayoutContext& lc, const std::string& text, double width = 0) {
    Item title;
    title.id = "title-block";
    double y = 0;
    for (const std::string& line : width > 0 ? lc.text.wrap(text, lc.fonts.heading, width) : std::vector<std::string>{text}) {
        Text t = lc.text_at(line, {0, 0}, lc.fonts.heading, lc.theme.text);
        t.origin.y = y - t.box.miny;
        t.box = lc.text.box_of(t);
        y = t.box.maxy + lc.fonts.heading.size * 0.22;
        title.parts.emplace_back(std::move(t));
    }
    return title;
}

// Further sheets: the title, the citations that did not fit, and the credits. A deque: a Scene's move
// may throw (std::deque's does), so a growing vector would copy every sheet made so far.
// With `count` (and no `out`), only how many there are: the same flow of the same claims, without
// their Scenes or text (every composition candidate whose list stops early asks, for the line that
// names the sheets: building them was 80 % of a 300-zone check).
std::size_t flow_continuation_sheets(const Project& p, const LayoutOptions& options, const Geometry& g,
                                     const PageSize& page, double scale, std::size_t first, std::deque<Scene>* out,
                                     CitationLines& lines) {
    const double W = g.W;
    const double H = page.figure ? W * 1.41 : g.H;
    const double m = g.margin, gap = g.gap;
    const int columns = W > 200 * kMm * 1.2 ? 3 : 2;
    double room = 0;          // under the title, above the credits: the same on every sheet
    double balanced_room = 0; // the least room that needs no more sheets (below)
    std::size_t sheets = 0;
    const Metadata meta = out ? project_metadata(p, options) : Metadata{};
    // Counted, the sheets are set on no Scene and their placers hold only the first sheet's title and
    // credits: one context counts them all, its sheet number set for each (the note at a list's foot
    // names the next sheet). A context per sheet was 650 contexts and 28 M instructions of the
    // 1000-zone check.
    Scene counted;
    std::optional<LayoutContext> counter;
    const bool card = first == 0; // a card's back (Overleaf::citations): one sheet, its title final
    while (first < p.claims.size()) {
        Scene scene = out ? empty_scene(meta, W, H) : Scene{};
        std::optional<LayoutContext> own;
        LayoutContext& lc = out       ? own.emplace(make_context(p, options, g, scale, scene))
                            : counter ? *counter
                                      : counter.emplace(make_context(p, options, g, scale, counted));
        if (out || sheets == 0)
            lc.placer = Placer({0, 0, W, H});
        lc.sheet = sheets + 2;
        double title_h = 0;
        if (out || sheets == 0) {
            Layer& panel = scene.layer("panel", "Title and credits");
            Item title = card ? sheet_title(lc, card_back_title(p), W - 2 * m)
                              : sheet_title(lc, p.spec.title + " \u2014 sheet " + std::to_string(sheets + 2)); // set final below
            title_h = bounds_of(title).maxy;
            place(panel, lc.placer, title, m, m);
            Item credits = panel_credits(lc, W - 2 * m);
            const double credits_h = bounds_of(credits).maxy;
            place(panel, lc.placer, credits, m, H - m - credits_h);
            if (sheets == 0) {
                room = H - 2 * m - title_h - credits_h - 2 * gap;
                // Filled one after another to the foot, the last sheet could hold a single claim (claim
                // 100 alone on an A3 sheet). The least room that needs no more sheets than that spreads
                // the claims evenly over them instead; found by bisection.
                // The sheets at room r, counted up to `most` + 1.
                auto sheets_at = [&](double r, std::size_t most) {
                    std::size_t at = first, count = 0;
                    while (at < p.claims.size() && count <= most) {
                        const std::size_t placed = citations_placed(lc, W - 2 * m, columns, at, r, true, &lines);
                        if (placed == 0)
                            return std::numeric_limits<std::size_t>::max();
                        at += placed;
                        ++count;
                    }
                    return count;
                };
                const std::size_t need = sheets_at(room, std::numeric_limits<std::size_t>::max());
                balanced_room = room;
                if (need > 1 && need != std::numeric_limits<std::size_t>::max()) {
                    // A sheet holds at most `columns` columns of the list's stack under its heading: a
                    // room in which `need` sheets hold less than the whole stack needs more of them,
                    // known without flowing it (the lines were all counted by the flow at `room`). The
                    // margin keeps it to rooms short by more than the flows' rounding.
                    const CitationStack least = citations_at_least(lc, W - 2 * m, columns, first, 1e300, &lines);
                    auto surely_more = [&](double r) {
                        return least.stack > static_cast<double>(need * columns) * (r - least.start) * (1 + 1e-9) + 1e-6;
                    };
                    double lo = room * (need - 1) / need * 0.8, hi = room;
                    for (int i = 0; i < 7 && hi - lo > 2 * kMm; ++i) {
                        const double mid = (lo + hi) / 2;
                        (!surely_more(mid) && sheets_at(mid, need) <= need ? hi : lo) = mid;
                    }
                    balanced_room = hi;
                }
            }
        }
        // Where this sheet's list stops: the sheet's number is in its last line, so each is flowed
        // with its own context.
        std::size_t placed = citations_placed(lc, W - 2 * m, columns, first, balanced_room, true, &lines);
        double flowed_in = balanced_room;
        if (placed == 0) {
            placed = citations_placed(lc, W - 2 * m, columns, first, room, true, &lines);
            flowed_in = room;
        }
        if (placed == 0)
            throw Error({{}, 0, 0, "page " + page.name},
                        "claim " + std::to_string(p.claims[first].number) +
                            "'s citation is taller than a whole column on page '" + page.name + "'",
                        "use a larger page or shorter quotes");
        if (out) {
            // The sheet's own columns end together: its claims flowed at the least room that still
            // holds them all. At the room shared by every sheet, the last sheet filled column after
            // column (z100 on A2 landscape: 14, 14 and 10 claims, its third column 180 pt short).
            double lo = 0, hi = flowed_in;
            for (int i = 0; i < 12 && hi - lo > 1; ++i) {
                const double mid = (lo + hi) / 2;
                (citations_placed(lc, W - 2 * m, columns, first, mid, true, &lines) == placed ? hi : lo) = mid;
            }
            CitationFlow flow = panel_citations(lc, W - 2 * m, columns, first, hi);
            if (flow.placed != placed) // the same claims, or the list as counted
                flow = panel_citations(lc, W - 2 * m, columns, first, flowed_in);
            Layer& cites = scene.layer("citations", "Citations");
            for (Item& it : flow.items)
                place(cites, lc.placer, std::move(it), m, m + title_h + gap);
            out->push_back(std::move(scene));
        }
        keep_wording(g, scale, lc);
        first += placed;
        ++sheets;
    }
    return sheets;
}

// From `first` 0: a card's back (Overleaf::citations), which continues nothing.
std::deque<Scene> continuation_sheets(const Project& p, const LayoutOptions& options, const Geometry& g,
                                      const PageSize& page, double scale, std::size_t first) {
    std::deque<Scene> out;
    const double W = g.W, m = g.margin;
    CitationLines lines;
    (void)flow_continuation_sheets(p, options, g, page, scale, first, &out, lines);
    const PanelWords& w = panel_words(p.spec.lang);
    if (first == 0)
        return out; // a card's back, titled already
    // Each sheet says which of how many it is, now that their number is known: a sheet printed or
    // opened alone (NAME-3.png) still tells its reader there is more.
    // It says what it continues where the line has room ("… — citations continued, sheet 2 of 3").
    for (std::size_t k = 0; k < out.size(); ++k)
        for (Layer& l : out[k].layers)
            for (Item& it : l.items)
                if (it.id == "title-block")
                    if (auto* t = std::get_if<Text>(&it.parts.front())) {
                        const std::string sheet = fill(w.sheet_of, {std::to_string(k + 2), std::to_string(out.size() + 1)});
                        t->text = fill(w.continued_sheet_title, {p.spec.title, sheet});
                        t->box = text_engine().box_of(*t);
                        if (t->box.maxx > W - m) {
                            t->text = fill(w.zone_dash_status, {p.spec.title, sheet}); // "{title} — {sheet}"
                            t->box = text_engine().box_of(*t);
                        }
                    }
    return out;
}

// The back of a card whose front has no legend (Overleaf::panels): its title, the legend heading the
// first of two columns with the citations under it and through the second (as a band under a map heads
// its list, lowest_band), and the credits; nullopt when it cannot hold every claim. The legend keys the
// front as drawn (`map`), or is the plan's when only asked whether the back holds it (drawn, it can
// only lose rows). A legend across the back, in one column under 125 mm, left half the card blank.
std::optional<Scene> card_back(const Project& p, const LayoutOptions& options, const Geometry& g, double scale,
                               const Scene* map) {
    const double W = g.W, H = g.H, m = g.margin, gap = g.gap;
    Scene scene = map ? empty_scene(project_metadata(p, options), W, H) : Scene{};
    LayoutContext lc = make_context(p, options, g, scale, scene);
    lc.sheet = 2;
    lc.citations_at = "below";
    Item title = sheet_title(lc, card_back_title(p), W - 2 * m);
    Item credits = panel_credits(lc, W - 2 * m);
    const double column_gap = citation_gutter(lc), column = (W - 2 * m - column_gap) / 2;
    Item legend = map ? panel_legend(lc, column, map) : g.panels->legend(lc, column);
    const double title_h = bounds_of(title).maxy, credits_h = bounds_of(credits).maxy, legend_h = bounds_of(legend).maxy;
    const double top = m + title_h + gap, room = H - 2 * m - title_h - credits_h - 2 * gap;
    if (legend_h > room)
        return std::nullopt;
    std::vector<Item> under;
    double band = 0;
    CitationFlow rest = lowest_band(lc, HeadedBand{column, column, 1, 1}, legend_h, gap, legend_h + gap * 0.7 + 15 * kMm,
                                    room, under, band);
    if (rest.placed < p.claims.size()) { // the legend fills the first column: the list is the second
        under.clear();
        rest = panel_citations(lc, column, 1, 0, room);
    }
    if (rest.placed < p.claims.size())
        return std::nullopt;
    if (map) {
        Layer& panel = scene.layer("panel", "Title, legend and credits");
        place(panel, lc.placer, std::move(title), m, m);
        place(panel, lc.placer, std::move(legend), m, top);
        place(panel, lc.placer, std::move(credits), m, H - m - credits_h);
        Layer& cites = scene.layer("citations", "Citations");
        for (Item& it : under)
            place(cites, lc.placer, std::move(it), m, top + legend_h + gap * 0.7);
        for (Item& it : rest.items)
            place(cites, lc.placer, std::move(it), m + column + column_gap, top);
    }
    keep_wording(g, scale, lc);
    return scene;
}

// The narrowest figure width, in 5 mm steps, at which a figure laid out as `plan` gives its map
// `share` of its area. The map grows with the width both ways; the title, legend and credits, set at
// their least sizes already on a narrow figure, keep their area and lose height as the width grows.
// What figure_width_for_share returns when no width up to it gives the map its share.
constexpr int kNoFigureWidth = 2000;

int figure_width_for_share(const Plan& plan, const Geometry& g, const PageSize& page, double share) {
    const double inner = g.W - 2 * g.margin;
    const double fixed_gaps = 2.3 * g.gap; // under the title, around the map, above the credits
    const double text_area = std::max(0.0, plan.height - 2 * g.margin - fixed_gaps - plan.frame.height()) * inner;
    const double aspect = g.aspect;
    const double max_h = page.max_height_mm * kMm;
    int mm = static_cast<int>(std::ceil(page.width_mm / 5)) * 5;
    for (; mm < kNoFigureWidth; mm += 5) {
        const double W = mm * kMm, m = 8 * kMm * margin_scale(true, mm, g.k);
        const double in = W - 2 * m;
        const double text_h = text_area / in;
        // The frame as make_plan sizes a figure's: the width, at most 1.35 widths high.
        double fh = in * std::clamp(aspect, 0.3, 1.35), fw = std::min(in, fh / aspect);
        if (2 * m + fixed_gaps + text_h + fh > max_h) {
            fh = std::max(0.0, max_h - 2 * m - fixed_gaps - text_h);
            fw = fh / aspect;
        }
        if (fw * fh >= share * W * std::min(max_h, 2 * m + fixed_gaps + text_h + fh))
            break;
    }
    return mm;
}

} // namespace

// The composition search's state, kept from the search to the drawing of its plans (PageLayout).
struct PageLayout::Search {
    Search(const Project& project, const PageSize& size, const LayoutOptions& opts)
        : p(project), page(size), options(opts) {}
    Search(const Search&) = delete;
    Search& operator=(const Search&) = delete;

    void search();
    std::vector<Scene> draw();

    // The composition search, lazily: a plan's score (its frame's area) has an upper bound that
    // needs no text layout, so plans are laid out in order of that bound and only until the ranking
    // below is decided. Same choice as laying out every candidate (each one re-wraps the citations
    // at its own width), at a fraction of the cost.
    // Among equal bounds the wider side columns first: what their citations' wraps show bounds the
    // lines of the narrower ones (TextEngine::lines_at_least), which then often need no wrapping to be
    // ruled out. The order plans are laid out in changes which are laid out, never the choice (below).
    bool before(std::size_t a, std::size_t b) const {
        if (bound[a] != bound[b])
            return bound[a] > bound[b];
        return comps[a].column_fraction != comps[b].column_fraction ? comps[a].column_fraction > comps[b].column_fraction
                                                                     : a < b;
    }
    // The candidate not laid out yet with the highest bound, refined; comps.size() when none is left.
    std::size_t top() {
        for (;;) {
            std::size_t t = comps.size();
            for (std::size_t i = 0; i < comps.size(); ++i)
                if (!done[i] && (t == comps.size() || before(i, t)))
                    t = i;
            if (t == comps.size() || refined[t])
                return t;
            refined[t] = true;
            Scene scratch;
            LayoutContext lc = make_context(p, options, g, comps[t].text_scale, scratch);
            lc.citations_at = comps[t].legend_heads_flow && comps[t].citation_columns > 1 ? "below" : "at right";
            bound[t] = std::min(bound[t], below_score_bound(lc, g, comps[t]));
        }
    }
    void lay_out(std::size_t i, bool with_shortcuts) {
        Scene scratch;
        LayoutContext lc = make_context(p, options, g, comps[i].text_scale, scratch);
        lc.content = content;
        if (comps[i].overleaf != Overleaf::none) {
            plans[i] = overleaf_plan(lc, g, comps[i]);
            plans[i]->usable = plans[i]->usable && back_is_one_sheet(comps[i]);
        } else {
            plans[i] = plan_with_legend_wording(lc, g, page, comps[i], with_shortcuts);
        }
        keep_wording(g, comps[i].text_scale, lc);
    }
    // Whether a card's back holds all its citations (and its legend, when the front has none) on one
    // sheet: a card has two sides.
    bool back_is_one_sheet(const Composition& comp) {
        CitationLines lines;
        try {
            if (comp.overleaf == Overleaf::panels)
                return card_back(p, options, g, comp.text_scale, nullptr).has_value();
            return flow_continuation_sheets(p, options, g, page, comp.text_scale, 0, nullptr, lines) == 1;
        } catch (const Error&) {
            return false; // a claim taller than the back's column
        }
    }
    // When no composition of the page is usable: the page as a card, first with its legend on the front,
    // then with the legend on the back too. Only these compositions are ranked then (the others were all
    // drawn or refused); `first` is the best of the first stage that has a usable one. False when no
    // stage is left.
    bool add_overleaf_stage() {
        while (!page.figure && overleaf_stage < 2) {
            const Overleaf kind = ++overleaf_stage == 1 ? Overleaf::citations : Overleaf::panels;
            const std::size_t from = comps.size();
            for (const Composition& c : overleaf_compositions(options.panel, kind))
                comps.push_back(c);
            plans.resize(comps.size());
            bound.resize(comps.size(), std::numeric_limits<double>::infinity());
            refined.resize(comps.size(), true);
            done.resize(comps.size(), true);
            taken.resize(comps.size(), false);
            listed.assign(comps.size(), true);
            for (std::size_t i = from; i < comps.size(); ++i) {
                listed[i] = false;
                ++laid_out;
                lay_out(i, false);
            }
            any_fits = false;
            if ((first = next_ranked()))
                return true;
        }
        return false;
    }
    std::size_t lay_out_next() {
        const std::size_t i = top();
        done[i] = true;
        ++laid_out;
        lay_out(i, shortcuts);
        return i;
    }
    // Without a fitting plan every candidate has been laid out, some of them deferred (not laid out in
    // full): they are ranked all together, score descending, candidate order on ties. A deferred plan
    // is laid out in full only when its bound could still reach the next plan's score, as next_ranked
    // does for fitting plans: the 1000-zone project laid out every deferred candidate in full to draw
    // the first.
    void rank_all() { listed.assign(comps.size(), false); }
    bool rankable(const Plan& plan) const {
        return !plan.deferred && plan.usable &&
               (plan.citations.placed > 0 || p.claims.empty() || plan.comp.overleaf != Overleaf::none);
    }
    // The next plan in the ranking (score descending, candidate order on ties), or null.
    const Plan* next_ranked() {
        if (!any_fits) {
            for (;;) {
                std::size_t best = comps.size(), deferred = comps.size();
                for (std::size_t i = 0; i < comps.size(); ++i) {
                    // Unlaid and listed plans are there only when a card's stage follows a search that
                    // had fitting plans (add_overleaf_stage): they are not ranked again.
                    if (!plans[i] || listed[i])
                        continue;
                    if (rankable(*plans[i]) && (best == comps.size() || plans[i]->score > plans[best]->score))
                        best = i;
                    if (plans[i]->deferred && (deferred == comps.size() || bound[i] > bound[deferred]))
                        deferred = i;
                }
                // A deferred plan, laid out in full, could still score as high: lay it out first.
                if (deferred < comps.size() && (best == comps.size() || bound[deferred] >= plans[best]->score)) {
                    lay_out(deferred, false);
                    continue;
                }
                if (best == comps.size())
                    return nullptr;
                listed[best] = true;
                return &*plans[best];
            }
        }
        for (;;) {
            std::size_t best = comps.size();
            for (std::size_t i = 0; i < comps.size(); ++i)
                if (plans[i] && plans[i]->fits && !taken[i] && (best == comps.size() || plans[i]->score > plans[best]->score))
                    best = i;
            // A plan not laid out yet could still score as high: lay it out first.
            if (laid_out < comps.size() && (best == comps.size() || bound[top()] >= plans[best]->score)) {
                lay_out_next();
                continue;
            }
            if (best == comps.size())
                return nullptr;
            taken[best] = true;
            return &*plans[best];
        }
    }
    // The next plan to draw, or null: when some plan fits the page whole only those are ranked; the
    // ones whose citations continue on further sheets follow.
    const Plan* next_to_draw() {
        const Plan* next = next_ranked();
        if (!next && any_fits) {
            any_fits = false; // every candidate is laid out by now (next_ranked)
            rank_all();
            next = next_ranked();
        }
        return next;
    }
    // The advice names what this page lacks: a land much taller than wide needs height; else what the
    // search did not try (refused_page_advice), worked out only when the page is refused.
    std::string advice() const { return refused_page_advice(p, page, options, placements); }

    const Project& p;
    const PageSize page;
    const LayoutOptions options;
    Geometry g;
    Box content;
    // The map sheet's list names the sheets it continues on: as many as continuation_sheets makes from
    // where it stops (asked once per stopping point and text scale; the plans share them).
    std::map<std::pair<double, std::size_t>, std::size_t> sheets_after;
    std::map<double, CitationLines> lines_at; // per text scale, for all the stopping points
    std::vector<Composition> comps;
    std::vector<std::optional<Plan>> plans;
    std::vector<double> bound;
    bool shortcuts = true;
    // A below composition's bound is refined from its panels' text (below_score_bound) when it comes
    // to the top, and it goes back among the others with that: candidates are laid out in order of
    // their best bound, and the text of those never at the top is never laid out.
    std::vector<bool> refined, done;
    std::size_t laid_out = 0; // plans laid out so far
    bool any_fits = false;    // some plan laid out so far fits the page whole
    std::vector<bool> taken;  // fitting plans ranked so far
    std::vector<bool> listed; // once no plan fits (rank_all): plans ranked so far
    TriedPlacements placements;
    const Plan* first = nullptr; // the first plan to draw, chosen by the search
    int overleaf_stage = 0;      // add_overleaf_stage's stages added so far
};

void PageLayout::Search::search() {
    // In print a claim's status is told by its badge's look alone: a look shared by two statuses on a
    // page says they are one (b-kessary's "Flood warning" and "Closed", audit s12 D10).
    if (const Theme theme = page_theme(p, options); theme.greyscale && theme.page_statuses.size() > badge_look_count()) {
        std::string labels;
        for (const std::string& key : theme.page_statuses)
            labels += (labels.empty() ? "'" : ", '") + p.spec.status(key)->label + "'";
        // A page of some zones (zones = [...]) shows at least the statuses of each zone, line or place
        // it names: splitting the claims between pages is advised only when no one of them alone
        // carries too many (one town with nine statuses could not follow it, audit s16 D11).
        std::string busiest;
        std::size_t most = 0;
        for (const auto& [id, claims] : claims_by_item(p)) {
            std::set<const StatusSpec*> statuses;
            for (const Claim* c : claims)
                statuses.insert(c->status);
            if (statuses.size() > most) {
                most = statuses.size();
                busiest = id;
            }
        }
        const std::string looks = std::to_string(badge_look_count());
        const std::string split =
            most > badge_look_count()
                ? " ('" + busiest + "' alone carries " + std::to_string(most) +
                      " of them, so no [[output]]'s zones = [...] shows fewer)"
                : "; or show at most " + looks + " on a page: [[output]]s with zones = [...] (each page keys its own statuses)";
        throw Error({p.spec.file.string(), 0, 0, "page " + page.name},
                    "the print theme's claim badges tell " + looks + " statuses apart, and this page shows " +
                        std::to_string(theme.page_statuses.size()) + ": " + labels,
                    "merge statuses the text does not tell apart" + split +
                        "; or use theme = \"default\", whose badges take their status's colour");
    }
    g.W = page.width_pt();
    g.H = page.height_pt();
    constexpr double kLeastK = 0.75;
    const double page_k = (page.figure ? page.width_mm * 0.95 : std::min(page.width_mm, page.height_mm)) / 210.0;
    g.k = std::clamp(page_k, kLeastK, 1.7);
    g.narrow = page.figure ? std::min(1.0, page_k / kLeastK) : 1.0;
    g.margin = 8 * kMm * margin_scale(page.figure, page.width_mm, g.k);
    g.gap = 6 * kMm * std::max(0.8, g.k);
    const Extent extent = content_extent(p);
    content = extent.box;
    g.fit_margin = extent.margin;
    // The frame takes the shape of the content with the margin MapTransform::fit adds around it.
    g.aspect = aspect_of(content, g.fit_margin);
    g.drawn_aspect = unclamped_aspect_of(content, g.fit_margin);
    if (!extent.whole_land && extent.margin == 0.02)
        g.tight = claimed_extent(p);
    g.land = extent.land;
    g.nested = nested_zones(p);
    g.roomy = page.figure ? 1 : roomy_type(p, g, content);
    g.sheets_after = [this](double scale, std::size_t first_claim) {
        const auto key = std::make_pair(scale, first_claim);
        if (auto it = sheets_after.find(key); it != sheets_after.end())
            return it->second;
        std::size_t count = 0;
        try {
            count = flow_continuation_sheets(p, options, g, page, scale, first_claim, nullptr, lines_at[scale]);
        } catch (const Error&) {
            // A claim taller than a column: the page is refused later, when a plan is drawn.
        }
        return sheets_after[key] = count;
    };

    comps = compositions(page, options.panel, p.claims.size(), g.aspect);
    plans.resize(comps.size());
    bound.resize(comps.size());
    for (std::size_t i = 0; i < comps.size(); ++i)
        bound[i] = score_bound(g, page, comps[i], p.claims.size());
    shortcuts = !options.exhaustive;
    refined.assign(comps.size(), !shortcuts);
    done.assign(comps.size(), false);
    for (std::size_t i = 0; i < comps.size(); ++i)
        refined[i] = refined[i] || comps[i].beside || page.figure;
    // Everything on one page if any candidate allows it; else the largest map whose citations continue.
    while ((!any_fits || options.exhaustive) && laid_out < comps.size())
        any_fits = plans[lay_out_next()]->fits || any_fits;
    taken.assign(comps.size(), false);
    const Plan* head = nullptr; // when no plan fits, the first of the ranking (null: none is usable)
    if (!any_fits) {
        rank_all();
        head = next_ranked();
    }
    for (const Composition& c : comps)
        (c.beside ? placements.beside : placements.below) = true; // before any card's (add_overleaf_stage)
    std::string why;
    if (g.aspect > 2.5 && !page.figure && page.width_mm > page.height_mm) {
        // As high as the page inside its margins, the land's width on the map (readable_frame wants 22.5 mm).
        const double widest = (g.H - 2 * g.margin) / g.drawn_aspect / kMm;
        char buf[200];
        std::snprintf(buf, sizeof buf, ": the land is %.1f times as tall as it is wide, so on a page %.0f mm high its map is %.0f mm wide at the most%s",
                      g.drawn_aspect, page.height_mm, widest, readable_frame(widest * kMm, g.H - 2 * g.margin) ? "" : ", too narrow to read");
        why = buf;
        placements.tall_land = true;
    }
    if (!any_fits && !head && add_overleaf_stage())
        head = first;
    if (!any_fits && !head && page.figure) {
        // Refused for the map's share alone: the width at which the best of them gives it a fair one.
        const Plan* best = nullptr;
        for (const auto& pl : plans)
            if (pl && pl->small_map && (!best || pl->map_share > best->map_share))
                best = &*pl;
        if (best) {
            const int modelled = figure_width_for_share(*best, g, page, kFairFigureShare);
            char share[96];
            std::snprintf(share, sizeof share, "%.1f %% of the figure (it needs %.0f %%; a quarter reads well)",
                          100 * best->map_share, 100 * kLeastFigureShare);
            throw Error({{}, 0, 0, "page " + page.name},
                        "on figure '" + page.name + "' the map would take " + share + ", its title, legend and credits the rest",
                        figure_width_advice(p, page, options, modelled < kNoFigureWidth ? modelled : 0));
        }
    }
    if (!any_fits && !head)
        throw Error({{}, 0, 0, "page " + page.name},
                    "the map and its title, legend and credits do not fit on page '" + page.name + "'" + why, advice());
    // The search ends with the first plan to draw: most of a page's work before the drawing.
    first = any_fits ? next_to_draw() : head;
}

std::vector<Scene> PageLayout::Search::draw() {
    const bool cli = options.page_from_command_line;
    RefusalTally problems; // what the drawn layouts failed on, for the refusal
    std::vector<std::string> unclear_labels; // zones whose names the first layout refused for them could not set
    // Plans are drawn in ranking order until one passes the check: the first six, and then, before
    // the page is refused, every plan that `panel = "beside"` or `"below"` alone would have drawn (its
    // first six), so `auto` never refuses a page that one placement passes (a city on A5 portrait:
    // the six best plans hid a label's zone, the seventh, beside, passed).
    std::set<const Plan*> drawn;
    std::size_t tried = 0, tried_beside = 0, tried_below = 0;
    constexpr std::size_t kTries = 6;
    for (const Plan* next = first;; next = next_to_draw()) {
        if (!next || (tried >= kTries && tried_beside >= kTries && tried_below >= kTries)) {
            // Before the page is refused, it is tried as a card (the plans drawn so far all failed).
            if (!add_overleaf_stage())
                break;
            next = first;
            tried = tried_beside = tried_below = 0;
        }
        std::size_t& of_kind = next->comp.beside ? tried_beside : tried_below;
        if (drawn.count(next) || (tried >= kTries && of_kind >= kTries))
            continue;
        drawn.insert(next);
        ++tried;
        ++of_kind;
        std::optional<Plan> plain; // the same composition on the page's content (below)
        const Plan* chosen = next;
        std::vector<std::string> warnings;
        if (options.counts) {
            options.counts->candidates = comps.size();
            options.counts->laid_out = laid_out;
            ++options.counts->drawn;
        }
        std::size_t placed = 0;
        Scene first = draw_plan(p, options, g, *chosen, content, warnings, placed);
        QualityReport q = check_layout_quality(first, p, QualityLimits::hard());
        if (!q.ok() && chosen->content) {
            // A frame on the zones' own box draws them larger; when that leaves a zone's marker or
            // label no room, the same composition on the content is drawn before the next one.
            Geometry without = g;
            without.tight.reset();
            Scene scratch;
            LayoutContext lc = make_context(p, options, without, chosen->comp.text_scale, scratch);
            lc.content = content;
            plain = plan_with_legend_wording(lc, without, page, chosen->comp, false);
            if (plain->usable && plain->citations.placed > 0) {
                if (options.counts)
                    ++options.counts->drawn;
                chosen = &*plain;
                warnings.clear();
                first = draw_plan(p, options, without, *chosen, content, warnings, placed);
                q = check_layout_quality(first, p, QualityLimits::hard());
            }
        }
        const Plan& plan = *chosen;
        if (!q.ok()) {
            problems.add(q);
            // check_label_ambiguity's problems begin "the label of zone ID ": a name too long for the
            // room by its zone, which a larger page or another panel placement seldom cures.
            // Every such zone of that layout is named at once: one per run sent d-hamra's author
            // round four times (audit s12 D5).
            static const std::string label_of = "the label of zone ";
            const bool first_with_labels = unclear_labels.empty();
            for (const std::string& pr : q.problems)
                if (first_with_labels && pr.rfind(label_of, 0) == 0)
                    unclear_labels.push_back(pr.substr(label_of.size(), pr.find(' ', label_of.size()) - label_of.size()));
            continue;
        }
        if (options.diagnostics)
            for (const std::string& w : warnings)
                // A rank-1 place already comes first: raising its rank is no advice (the audit's
                // "Portmar (label_rank 1) … set label_rank = 1").
                // A larger page is advised only where one was laid out: a town at a zone's middle was
                // left out on A3 as on A4 (audit s12 D3), and label_rank = 1 named it.
                options.diagnostics->warning(
                    {p.spec.file.string(), 0, 0, "page " + page.name}, w,
                    w.find("(label_rank 1)") != std::string::npos
                        ? std::string(cli ? "use a larger --page" : "use a larger page") +
                              ", or a shorter name for the place (places of label_rank 1 are named first; others gave way already)"
                    : w.find("left off the map") != std::string::npos
                        ? std::string("give it a shorter `name` in map.toml")
                        : std::string("set label_rank = 1 on the places the map must name (the localities layer\u2019s "
                                      "property): their dots are set before the zones' labels, and named first"));
        // A page written with its frame much emptier than issue 8 wants says so, and which way a page
        // of the map's shape differs (the check refuses it under kLeastZoneFill).
        if (options.diagnostics && q.zone_fill < kWantedZoneFill * q.fill_most)
            options.diagnostics->warning(
                {p.spec.file.string(), 0, 0, "page " + page.name},
                "what the map is about (its zones, claimed lines and places, and insets) fills " +
                    std::to_string(std::lround(100 * q.zone_fill)) + " % of the map frame; " +
                    std::to_string(std::lround(100 * kWantedZoneFill * q.fill_most)) + " % is wanted",
                std::string(q.fill_across >= q.fill_down ? "a page wider for its height" : "a page taller for its width") +
                    " frames it closer" + (cli ? " (--page)" : ""));
        std::deque<Scene> more;
        if (plan.comp.overleaf == Overleaf::panels) {
            // The card's back, its legend keying the map drawn (back_is_one_sheet: it holds every claim
            // with the plan's legend, which the drawing only shortens).
            if (!options.map_sheet_only)
                if (std::optional<Scene> back = card_back(p, options, g, plan.comp.text_scale, &first))
                    more.push_back(std::move(*back));
        } else if (plan.comp.overleaf == Overleaf::citations) {
            if (!options.map_sheet_only) // one sheet (back_is_one_sheet)
                more = continuation_sheets(p, options, g, page, plan.comp.text_scale, 0);
        } else if (placed < p.claims.size() && !options.map_sheet_only)
            more = continuation_sheets(p, options, g, page, plan.comp.text_scale, placed);
        else if (placed < p.claims.size() && g.sheets_after(plan.comp.text_scale, placed) == 0) {
            CitationLines lines; // the count met a claim taller than a column: flowed again, it says which
            (void)flow_continuation_sheets(p, options, g, page, plan.comp.text_scale, placed, nullptr, lines);
        }
        if (options.sheet_count)
            *options.sheet_count = !options.map_sheet_only                ? 1 + more.size()
                                   : plan.comp.overleaf != Overleaf::none ? 2 // the card's or the citations' back
                                   : placed < p.claims.size()
                                       ? 1 + g.sheets_after(plan.comp.text_scale, placed)
                                       : 1;
        std::vector<Scene> sheets;
        sheets.reserve(1 + more.size());
        sheets.push_back(std::move(first));
        for (Scene& s : more)
            sheets.push_back(std::move(s));
        return sheets;
    }
    std::string hint = advice();
    std::vector<const Zone*> unclear;
    for (const std::string& id : unclear_labels)
        if (const Zone* z = p.geo.zone(id); z && std::find(unclear.begin(), unclear.end(), z) == unclear.end())
            unclear.push_back(z);
    if (unclear.size() == 1)
        hint = "give zone '" + unclear[0]->id + "' a shorter `name`: \"" + unclear[0]->name + "\" (" +
               std::to_string(utf8::count(unclear[0]->name)) +
               " characters) finds no place on or beside the zone where it reads as that zone's; or " + hint;
    else if (unclear.size() > 1) {
        std::string zones;
        for (const Zone* z : unclear)
            zones += (zones.empty() ? "" : z == unclear.back() ? " and " : ", ") + std::string("'") + z->id + "' (" +
                     std::to_string(utf8::count(z->name)) + " characters)";
        hint = "give zones " + zones + " shorter `name`s: these " + std::to_string(unclear.size()) +
               " find no place on or beside their zones where they read as those zones'; or " + hint;
    }
    throw Error({{}, 0, 0, "page " + page.name}, "no layout of page '" + page.name + "' passes: " + problems.summary(), hint);
}

PageLayout::PageLayout(const Project& project, const PageSize& page, const LayoutOptions& options)
    : search_(std::make_unique<Search>(project, page, options)) {
    search_->search();
}

PageLayout::~PageLayout() = default;

std::vector<Scene> PageLayout::draw() {
    return search_->draw();
}

std::vector<Scene> layout_sheets(const Project& p, const PageSize& page, const LayoutOptions& options) {
    return PageLayout(p, page, options).draw();
}

void prepare_zone_overlaps(const Project& p) {
    const Geography& geo = p.geo;
    const GeosContext& ctx = *geo.ctx;
    std::vector<Box> box(geo.zones.size());
    std::vector<bool> has_area(geo.zones.size());
    for (std::size_t i = 0; i < geo.zones.size(); ++i) {
        const GEOSGeometry* g = geo.zones[i].geom.get();
        has_area[i] = !geom::is_empty(ctx, g) && geom::area(ctx, g) > 0;
        if (has_area[i])
            box[i] = geom::bounds(ctx, g);
    }
    for (std::size_t a = 0; a < box.size(); ++a)
        for (std::size_t b = a + 1; b < box.size(); ++b)
            if (has_area[a] && has_area[b] && box[a].intersects(box[b]))
                (void)geo.common_area(a, b);
}

Scene layout_map(const Project& project, const PageSize& page, const LayoutOptions& options) {
    LayoutOptions map_sheet = options;
    map_sheet.map_sheet_only = true;
    return std::move(layout_sheets(project, page, map_sheet).front());
}

} // namespace citemap

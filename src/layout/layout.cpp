// Page composition. Landscape pages: map left (about two thirds), a column on the right with title,
// legend, citations and credits. Portrait pages and figures: title, map, then legend and citations
// side by side, credits last. Compositions are tried in order (text scale, then a wider column and
// citations in two or three columns) until the panels fit; text never goes below 6 pt.
#include "layout/layout.hpp"

#include "geo/geometry_ops.hpp"
#include "layout/layout_context.hpp"

#include <algorithm>
#include <cpl_conv.h>
#include <cstdlib>
#include <cmath>

namespace citemap {

Fonts make_fonts(double k, double s) {
    auto f = [](double size, Weight w = Weight::regular) { return Font{"Noto Sans", size, w, false}; };
    const double body = std::max(6.0, 6.6 * k * s);
    return {f(std::max(10.0, 14 * k * s), Weight::bold),
            f(std::max(7.0, 8.2 * k * s)),
            f(std::max(7.0, 8 * k * s), Weight::bold),
            f(body),
            f(std::max(6.0, 6.0 * k * s)),
            f(std::max(7.0, 8.2 * k), Weight::bold),
            f(std::max(6.0, 6.8 * k)),
            f(std::max(6.5, 7.2 * k), Weight::medium),
            f(std::max(5.5, 5.8 * k), Weight::bold)};
}

namespace {

constexpr double kMm = 72.0 / 25.4;

double height_of(const std::vector<Item>& items) {
    double h = 0;
    for (const Item& i : items)
        h = std::max(h, bounds_of(i).maxy);
    return h;
}

struct Panels {
    Item title, legend, credits;
    std::vector<Item> citations;
};

Panels build_panels(const LayoutContext& lc, double title_w, double legend_w, double cite_w, double credits_w,
                    int columns) {
    return {panel_title(lc, title_w), panel_legend(lc, legend_w), panel_credits(lc, credits_w),
            panel_citations(lc, cite_w, columns)};
}

// One way to compose the page: how wide the side column is, how many columns the citations take,
// and how much the text is scaled. Tried in order until everything fits.
struct Composition {
    double column_fraction = 0.34; // landscape: the side column's share of the inner width
    int citation_columns = 1;
    double text_scale = 1;
};

std::vector<Composition> compositions(const PageSize& page) {
    std::vector<Composition> out;
    if (page.figure)
        return {{0.34, 1, 1.0}};
    if (page.landscape()) {
        for (double s : {1.3, 1.25, 1.2, 1.15, 1.1, 1.05, 1.0, 0.95, 0.9, 0.85})
            out.push_back({0.34, 1, s});
        // Many claims: a wider column with the citations in two, then three columns.
        for (double s : {1.0, 0.95, 0.9, 0.85, 0.8})
            out.push_back({0.46, 2, s});
        for (double s : {0.9, 0.85, 0.8, 0.75, 0.7})
            out.push_back({0.56, 3, s});
    } else {
        for (double s : {1.0, 0.93, 0.86})
            out.push_back({0, 1, s});
        for (double s : {0.93, 0.86, 0.8, 0.74})
            out.push_back({0, 2, s});
        for (double s : {0.8, 0.74, 0.68})
            out.push_back({0, 3, s});
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
    std::string s = "Map: " + p.spec.title + ". ";
    for (const Zone& z : p.geo.zones) {
        s += z.name + ": ";
        bool first = true;
        for (const Claim* c : p.claims_of(z.id)) {
            s += (first ? "" : "; ") + (c->status ? c->status->label : c->spec->status) + " (" +
                 modality_phrase(c->spec->modality) + ", " + c->spec->attributed_to + ", claim " +
                 std::to_string(c->number) + ")";
            first = false;
        }
        s += ". ";
    }
    return s + p.spec.note;
}

MapGeoref georef_of(const Project& p, const Box& frame, const Box& world) {
    const Projection& proj = *p.geo.projection;
    MapGeoref g{frame, world, proj.authority(), {}, 0, {}};
    char* wkt = nullptr;
    if (proj.srs().exportToWkt(&wkt) == OGRERR_NONE && wkt)
        g.wkt = wkt;
    CPLFree(wkt);
    const char* code = proj.srs().GetAuthorityCode(nullptr);
    const char* name = proj.srs().GetAuthorityName(nullptr);
    if (code && name && std::string(name) == "EPSG")
        g.epsg = std::atoi(code);
    for (const Point& c : {Point{world.minx, world.maxy}, Point{world.minx, world.miny},
                           Point{world.maxx, world.miny}, Point{world.maxx, world.maxy}})
        g.corners_lonlat.push_back(proj.inverse(c));
    return g;
}

std::vector<ClaimRecord> claim_records(const Project& p) {
    std::vector<ClaimRecord> out;
    for (const Claim& c : p.claims) {
        ClaimRecord r{c.number, c.spec->zone, c.status ? c.status->label : c.spec->status,
                      modality_phrase(c.spec->modality), c.spec->attributed_to, {}};
        for (const ResolvedQuote& q : c.quotes)
            r.quotes.push_back(q.exact);
        out.push_back(std::move(r));
    }
    return out;
}

} // namespace

Scene layout_map(const Project& p, const PageSize& page, const LayoutOptions& options) {
    const double W = page.width_pt();
    const double k = std::clamp(
        (page.figure ? page.width_mm * 0.95 : std::min(page.width_mm, page.height_mm)) / 210.0, 0.75, 1.7);
    const double margin = 8 * kMm * std::max(0.8, k);
    const double gap = 6 * kMm * std::max(0.8, k);
    const Box content = [&] {
        Box b = p.geo.zones_extent;
        if (const BaseLayer* o = p.geo.layer(LayerRole::outline))
            for (const Feature& f : o->features)
                b.expand(geom::bounds(*p.geo.ctx, f.geom.get()));
        return b;
    }();
    const double content_aspect = content.height() / content.width();

    Scene best;
    for (const Composition& comp : compositions(page)) {
        const double s = comp.text_scale;
        Scene scene;
        scene.meta.title = p.spec.title;
        scene.meta.description = alt_text(p);
        scene.meta.date_iso = options.date_iso;
        for (const SourceSpec& src : p.spec.sources)
            scene.meta.sources.push_back(src.title + (src.publisher.empty() ? "" : ", " + src.publisher) +
                                         (src.published.empty() ? "" : ", " + src.published) +
                                         (src.url.empty() ? "" : ", " + src.url));
        scene.meta.subject =
            scene.meta.sources.empty() ? "" : "Claims cited from: " + scene.meta.sources.front();
        scene.meta.keywords = "map, citations, " + p.spec.title;
        scene.meta.version = CITEMAP_VERSION;
        scene.meta.claims = claim_records(p);

        LayoutContext lc{p,
                         options,
                         make_theme(options.theme.empty() ? p.spec.theme : options.theme),
                         std::max(0.8, k),
                         make_fonts(k, s),
                         scene,
                         Placer({0, 0, W, 0}),
                         {}};
        double H = page.height_pt();
        Box frame;
        Panels panels;
        bool fits = true;
        if (page.landscape()) {
            const double col_w = (W - 2 * margin - gap) * comp.column_fraction;
            frame = {margin, margin, W - margin - gap - col_w, H - margin};
            panels = build_panels(lc, col_w, col_w, col_w, col_w, comp.citation_columns);
            const double used = bounds_of(panels.title).maxy + gap * 0.7 + bounds_of(panels.legend).maxy +
                                gap * 0.7 + height_of(panels.citations) + gap * 0.5 +
                                bounds_of(panels.credits).maxy;
            fits = used <= H - 2 * margin;
            lc.placer = Placer({0, 0, W, H});
            Layer& panel = scene.layer("panel", "Title, legend and credits");
            const double x = frame.maxx + gap;
            double y = margin;
            const double title_h = bounds_of(panels.title).maxy;
            place(panel, lc.placer, panels.title, x, y);
            y += title_h + gap * 0.35;
            panel.items.push_back(rule(x, y, col_w, lc));
            y += gap * 0.35;
            const double legend_h = bounds_of(panels.legend).maxy;
            place(panel, lc.placer, panels.legend, x, y);
            y += legend_h + gap * 0.7;
            Layer& cites = scene.layer("citations", "Citations");
            for (Item& it : panels.citations)
                place(cites, lc.placer, std::move(it), x, y);
            const double credits_h = bounds_of(panels.credits).maxy;
            panel.items.push_back(rule(x, H - margin - credits_h - gap * 0.3, col_w, lc));
            place(panel, lc.placer, panels.credits, x, H - margin - credits_h);
        } else {
            const double inner = W - 2 * margin;
            const double legend_w = (inner - gap) * 0.4, cite_w = inner - gap - legend_w;
            panels = build_panels(lc, inner, legend_w, cite_w, inner, comp.citation_columns);
            const double title_h = bounds_of(panels.title).maxy;
            double lower_h = std::max(bounds_of(panels.legend).maxy, height_of(panels.citations));
            const double credits_h = bounds_of(panels.credits).maxy;
            double map_h = inner * std::clamp(content_aspect, 0.55, 1.35);
            if (!page.figure) {
                const double avail = H - 2 * margin - title_h - lower_h - credits_h - 2.5 * gap;
                fits = avail >= inner * 0.5;
                map_h = std::max(avail, inner * 0.5);
            } else {
                // A figure must fit a document's text block. When the citations would squeeze the map
                // below three quarters of its natural height (or of the width), they leave the image
                // for the caption companions, which carry the same numbers as the markers.
                const double max_h = page.max_height_mm * kMm;
                const double fixed = 2 * margin + title_h + gap * 0.7 + gap + gap * 0.6 + credits_h;
                if (fixed + lower_h + std::min(map_h, inner * 0.75) > max_h) {
                    panels.citations.clear();
                    panels.legend = panel_legend(lc, inner);
                    lower_h = bounds_of(panels.legend).maxy;
                    scene.citations_in_caption = true;
                }
                map_h = std::max(std::min(map_h, max_h - fixed - lower_h), inner * 0.2);
                H = fixed + map_h + lower_h;
            }
            lc.placer = Placer({0, 0, W, H});
            frame = {margin, margin + title_h + gap * 0.7, W - margin, margin + title_h + gap * 0.7 + map_h};
            Layer& panel = scene.layer("panel", "Title, legend and credits");
            place(panel, lc.placer, panels.title, margin, margin);
            place(panel, lc.placer, panels.legend, margin, frame.maxy + gap);
            Layer& cites = scene.layer("citations", "Citations");
            for (Item& it : panels.citations)
                place(cites, lc.placer, std::move(it), margin + legend_w + gap, frame.maxy + gap);
            place(panel, lc.placer, panels.credits, margin, H - margin - credits_h);
        }
        scene.width = W;
        scene.height = H;
        // Panels are laid out before the map so the layers order stays: map below, panels on top.
        std::deque<Layer> panel_layers = std::move(scene.layers);
        scene.layers.clear();

        lc.tf = MapTransform::fit(content, frame, 0.04);
        scene.georef = georef_of(p, frame, lc.tf.world);
        layout_base_and_zones(lc);
        layout_map_furniture(lc);
        layout_map_labels(lc);
        layout_graticule(lc);
        Layer& fl = scene.layer("frame", "Map frame");
        Item border;
        border.id = "map-frame";
        border.parts.emplace_back(Shape{{box_ring(frame)},
                                        true,
                                        std::nullopt,
                                        Stroke{lc.theme.outline_stroke, 0.6 * lc.unit, {}, false}});
        fl.items.push_back(std::move(border));
        for (Layer& l : panel_layers)
            scene.layers.push_back(std::move(l));
        best = std::move(scene);
        if (fits)
            break;
    }
    return best;
}

} // namespace citemap

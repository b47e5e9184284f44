// State shared by the layout stages while one page is laid out.
#pragma once

#include "core/panel_words.hpp"
#include "geo/geometry_ops.hpp"
#include "layout/layout.hpp"
#include "layout/map_transform.hpp"
#include "layout/placer.hpp"
#include "layout/theme.hpp"
#include "text/pango_text.hpp"

#include <array>
#include <compare>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>

namespace citemap {

struct FurnitureGround; // map_furniture.cpp
struct CitationTexts;    // panel.cpp

// Telling the landmasses apart takes the union of the land layers, which for a tiled layer of a
// million vertices costs seconds (the large bench's 20,000 cells: render 2.1 -> 9.6 s, peak 128 ->
// 329 MiB): the label searches do it up to this many vertices in the land and outline layers.
inline constexpr std::size_t kLandmassesUpToVertices = 200'000;

struct Fonts {
    Font title, subtitle, heading, body, small, zone_label, locality, area, marker;
};

struct LayoutContext {
    LayoutContext(const Project& p, const LayoutOptions& o, Theme th, double u, Fonts f, Scene& s, Placer pl,
                  MapTransform t = {})
        : project(p), options(o), theme(std::move(th)), unit(u), fonts(std::move(f)), scene(s),
          placer(std::move(pl)), tf(t) {}
    const Project& project;
    const LayoutOptions& options;
    Theme theme;
    double unit = 1; // line weights and symbol sizes scale with the page
    Fonts fonts;
    Scene& scene;
    Placer placer;
    MapTransform tf{};
    const TextEngine& text = text_engine();
    Box content{};      // the part of the world the map must show (map CRS)
    bool dense = false; // many zones: numbers on the map, names in the citation list
    // Zones labelled in a detail inset rather than on the main map; and, while an inset is laid out,
    // the only zones it labels.
    std::set<std::string> in_detail;
    const std::set<std::string>* only = nullptr;
    // Detail insets wanted and not made (detail_inset.cpp): a cluster's box on the main map and the
    // inset's size (page points). draw_plan then draws the map once more, smaller, with a strip of the
    // frame left free for them (`inset_room`: there, a dense map gets insets too, up to three, and
    // their links may cross the map). The zones too small to read, for draw_plan to see whether the
    // main map marked them all.
    struct InsetWant {
        Box cluster;
        double w = 0, h = 0;
    };
    std::vector<InsetWant> insets_wanted;
    std::set<std::string> tiny_zones;
    double inset_reach = 0; // with inset_room: how close small zones share an inset (page points)
    double inset_room = 0; // > 0 while drawn with the strip: the size of its insets, against those wanted
    std::string id_prefix; // "detail-1-" inside an inset, so SVG ids stay unique
    // Set by a caller that keeps a layout only when every zone it labels gets its numbers (a detail
    // inset's view, dropped otherwise): place_zone_labels stops at the first zone certain to get none
    // and sets `labels_incomplete`, and layout_map_labels stops with it. A refused 110 mm figure of
    // sixty city wards laid out some 240 inset views, most of them four times over for nothing.
    bool complete_or_nothing = false;
    bool labels_incomplete = false;
    // How the main map drew each zone's symbol (zone id -> look), and inside an inset the main map's
    // looks: a magnifier repeats the main map's symbols. Decided again at the inset's scale, the 2 km
    // strip was no longer thin, so its translucent orange blended into brown and olive over the zones
    // beside it, and an edge band the main map left out came back.
    struct ZoneLook {
        bool on_bare_land = false; // its fill starts from bare land, not over the zones under it
        bool bands = false;        // its further claims run as bands inside its edge
        bool casing = false;       // its status shows on a casing outside its edge
    };
    std::map<std::string, ZoneLook> zone_looks;
    // Per zone (its index in project.geo.zones), its place in the zones layer (layout_base_and_zones):
    // a label set inside a zone keeps clear of the zones drawn over it.
    std::vector<std::size_t> draw_rank;
    const std::map<std::string, ZoneLook>* main_looks = nullptr;
    std::vector<Point> locality_dots; // page points of the dots drawn: leader anchors keep clear of them
    // Per town dot set before the zones' labels (label_rank 1), the boxes its name may take beside it, in
    // the order tried (map_labels.cpp): a zone's name set smaller or apart from its badges leaves one free.
    std::vector<std::vector<Box>> town_name_spots;
    std::vector<std::array<Point, 2>> leader_lines; // leaders drawn so far: a new one crosses none of them
    std::vector<std::string> warnings; // for the author, printed once the page is accepted
    // The main map's scale bar as laid out before the labels (map_furniture.cpp): the box it holds in
    // the placer, its longest bar (page points) and what its spot hides (hidden_cost, all and zones);
    // lengthen_scale_bar reads it once the labels are set.
    struct PlacedBar {
        Box box;
        double length = 0;
        double cost = 0, zones_cost = 0;
    };
    std::optional<PlacedBar> main_bar;
    // A zone that also names a locality carries that locality's second-script name (zone id -> name).
    std::map<std::string, std::string> zone_second_names;
    // Zones a town of their very name was merged into (map_labels.cpp): where the zone's label finds
    // no room, the town's names the place, so the zone is not warned about as left off the map by name.
    std::set<std::string> zones_named_by_towns;
    // Where the panels' words send the reader. The legend's "its citation is listed …": where the
    // list stands from the legend ("below", "to the right", "under the map"), and whether it goes on
    // on further sheets. Which sheet this is (1: the map's), and on the map's sheet how many sheets
    // follow when its list stops before claim index `first` (0: unknown), for the list's last line.
    std::string citations_at = "below";
    bool citations_continue = false;
    std::size_t sheet = 1;
    std::function<std::size_t(std::size_t first)> sheets_after;
    // A card's front (layout.cpp's overleaf compositions), whose credits then say what its back holds:
    // the citations and credits ("Sources overleaf."), or the legend too.
    enum class Overleaf { none, citations, panels } overleaf = Overleaf::none;

    // What the furniture searches ask about the zones and coasts, prepared once while
    // layout_map_furniture runs (map_furniture.cpp).
    mutable std::shared_ptr<const FurnitureGround> furniture_ground;
    // Each claim's citation paragraphs, worded once for the context's fonts and colours (panel.cpp).
    mutable std::shared_ptr<CitationTexts> citation_texts;

    // nested_zones(project): layout_sheets computes it once for every candidate and sheet of a page
    // (a pass over every pair of zones of a band); a context on its own computes it when first asked.
    const std::set<std::string>* nested_set = nullptr;
    [[nodiscard]] const std::set<std::string>& nested() const;

    [[nodiscard]] Text text_at(std::string s, Point origin, const Font& f, Color c,
                               Anchor a = Anchor::start) const {
        return text.make(std::move(s), origin, f, c, a);
    }
    [[nodiscard]] std::vector<Ring> to_page(const std::vector<Ring>& world) const;
    // A base layer with at least one feature inside the map's content extent.
    [[nodiscard]] bool layer_visible(const BaseLayer& bl) const;
    [[nodiscard]] bool labels_zone(const std::string& zone_id) const {
        return only ? only->count(zone_id) > 0 : in_detail.count(zone_id) == 0;
    }

    // Whether a box (map CRS; `box` the same as a geometry, or null) lies partly on the land around the
    // mapped country: the land layers off the outline. A name set there reads as a place of the
    // neighbour whatever its leader says ("Eastern Gaza City" over Israel on the 170 mm figure, audit
    // s11 D6). False on maps without both layers, or with land too detailed to unite (map_labels.cpp).
    [[nodiscard]] bool over_abroad(const Box& wbox, const GEOSGeometry* box = nullptr) const;

    // A zone's part inside the map's world box (tf.world), and the widest circle inscribed in it to
    // within a page point: names_crowd, place_zone_labels and thin_zones_under each asked GEOS for
    // them on every page (the circles were a tenth of the Gaza check). Computed once per zone (its
    // index in project.geo.zones) while tf.world stays the same.
    [[nodiscard]] const GEOSGeometry* visible_part(std::size_t zone) const;
    // The part must not be empty.
    [[nodiscard]] const geom::Circle& visible_circle(std::size_t zone) const;

  private:
    mutable std::optional<std::set<std::string>> own_nested_;
    struct Abroad {
        GeosGeom geom;
        GeosPrepared prepared;
        Box env;
    };
    mutable std::optional<std::optional<Abroad>> abroad_; // made on first use; empty: no land abroad
    struct VisiblePart {
        GeosGeom geom;
        std::optional<geom::Circle> circle;
    };
    mutable Box visible_world_{};
    mutable double visible_scale_ = 0;
    mutable std::map<std::size_t, VisiblePart> visible_;
    [[nodiscard]] bool visible_kept() const; // the parts kept are for tf.world and its scale
    VisiblePart& visible_entry(std::size_t zone) const;
};

// Citations flowed into columns no taller than a limit; the claims that did not fit continue on the
// next sheet.
struct CitationFlow {
    // The heading, then one item per claim placed, then, when claims are left for another sheet, a
    // line saying where they continue (id "citations-continue").
    std::vector<Item> items;
    std::size_t placed = 0;  // claims placed, counted from `first`
    double height = 0;
};

// How a page's map type departs from the page's own scale `k` (make_fonts): on a figure narrower than
// the widths its floors were set for (`narrow`, its width over that width, under 1) the map's town and
// sea names come down to the least legible size, `least_pt`. Where
// every zone has room for larger names (`roomy`, the factor it has room for), the zones' names and
// claim numbers follow the panels' text scale up to it.
struct MapType {
    double narrow = 1;
    double least_pt = Theme{}.least_type_pt;
    double roomy = 1;
};
[[nodiscard]] Fonts make_fonts(double k, double body_scale, const MapType& map = {});

// Stages, in drawing order.
void layout_base_and_zones(LayoutContext& lc); // map_layers.cpp
void layout_map_labels(LayoutContext& lc);    // map_labels.cpp, which calls:
void place_zone_labels(LayoutContext& lc, Layer& labels, Layer& markers, Layer& leaders); // zone_labels.cpp
// map_lines.cpp: [[line]] strokes, [[place]] symbols. `names_off`: the lines keep names off them (false:
// a detail inset whose zones' names found no spot beside them lets them cross, haloed).
void layout_lines_and_places(LayoutContext& lc, bool names_off = true);
// The part of a line that is drawn and labelled: inside `area` (the frame, slightly enlarged, or the
// page's world box), and stopped at the outline or the coast when its [[line]] says so (map_lines.cpp).
[[nodiscard]] GeosGeom drawn_part(const Project& p, const LineFeature& l, const GEOSGeometry* area);
// Where the drawn lines end on the page, inside the frame: a name or badge on a line's end reads as
// the line's (map_lines.cpp).
[[nodiscard]] std::vector<Point> drawn_line_ends(const LayoutContext& lc);
void place_line_and_place_labels(LayoutContext& lc, Layer& labels, Layer& markers, Layer& leaders); // map_lines.cpp
void layout_map_furniture(LayoutContext& lc); // map_furniture.cpp
// The towns of the first localities layer in the frame: the box their dot takes and, for a town the map
// must name (label_rank 1, not named by a zone's label), the spots beside it its name may take, in the
// order tried (map_labels.cpp). A detail inset leaves each town its dot, and each it must name a spot.
struct TownRoom {
    Box dot;
    std::vector<Box> name_spots;
    bool must_name = false;
};
[[nodiscard]] std::vector<TownRoom> towns_on_map(const LayoutContext& lc);
void layout_detail_insets(LayoutContext& lc); // detail_inset.cpp: magnifiers for clusters of tiny zones
// A scale bar in a free corner of lc's frame (map_furniture.cpp); an inset may put it over zones, but
// not over as much of one as the layout-quality check refuses: then it has none. With `strip` (a
// blank part of an inset's box beside its map), the bar goes there. Returns the height of the bar's
// box, placed or left out (for an inset to make room for it), 0 where none was measured.
double layout_scale_bar(LayoutContext& lc, Layer& layer, const std::optional<Box>& strip = std::nullopt);
// After the labels: a main bar shorter than a readable length (kReadableBarMm) made that length where
// the placer is free and it hides no more than it did (map_furniture.cpp).
void lengthen_scale_bar(LayoutContext& lc);
void layout_graticule(LayoutContext& lc);     // graticule.cpp: frame ticks, degree labels in the margin
// How much the map changes across its frame: the ground scale (max / min - 1, over a grid of points)
// and the direction of north (degrees either side of the centre's). A continent or a polar sea
// changes enough that one scale bar and one north arrow mislead.
struct MapSpread {
    double scale = 0, convergence_deg = 0;
    bool along_parallels = false; // the scale changes with latitude only: true along the centre's parallel
    Point centre;                 // lon/lat
    [[nodiscard]] bool wide() const { return scale > 0.02 || convergence_deg > 3; }
};
[[nodiscard]] MapSpread map_spread(const LayoutContext& lc);
void layout_graticule_lines(LayoutContext& lc); // graticule.cpp: meridians and parallels on a wide map
// Panels are built at the origin and then placed; each returns its item and height.
[[nodiscard]] Item panel_title(const LayoutContext& lc, double width);
// The columns a legend's rows are set in: `count` 0 decides by the width (legend_two_columns_from),
// 1 or 2 says, the two `gap` apart (a banner's legend on the citations' grid: plan_headed_column).
struct LegendColumns {
    int count = 0;
    double gap = 0;
    auto operator<=>(const LegendColumns&) const = default;
};
// With `drawn` (the laid-out map), rows for bands, nested outlines and conflicts appear only when the
// map draws one; without it, every row that might (to size the panel before the map is drawn).
[[nodiscard]] Item panel_legend(const LayoutContext& lc, double width, const Scene* drawn = nullptr,
                                LegendColumns columns = {});
// The width from which panel_legend sets its rows in two columns (a legend as wide as a map).
[[nodiscard]] double legend_two_columns_from(const LayoutContext& lc);
// The gutter between citation columns: two body sizes. At 5 units (4-7 pt, less than one em on A5
// and letter pages) pdftotext read across it and interleaved the quotes of neighbouring columns.
[[nodiscard]] double citation_gutter(const LayoutContext& lc);
// `last`: the list stops here on this sheet, so claims left over are announced as continuing on the
// next sheet; false when the caller goes on with them in another column of the same sheet.
[[nodiscard]] CitationFlow panel_citations(const LayoutContext& lc, double width, int columns,
                                           std::size_t first = 0, double max_height = 1e12, bool last = true);
// How many lines each claim's citation paragraphs take at one wrap width and body size, as
// panel_citations wraps them. Counting the sheets a list continues on flows the same claims at the
// same width again and again (a bisection per stopping point): their texts are made and looked up once.
struct CitationLines {
    // What they were counted at; another width or size starts over.
    double wrap_width = 0, size = 0, column_width = 0, heading_size = 0;
    // Per claim index: per paragraph, its lines and its font size; empty until counted.
    std::vector<std::vector<std::pair<std::size_t, double>>> claims;
    // The heading's lines, of a list from the first claim and of one continued; 0 until counted.
    std::array<std::size_t, 2> heading_lines{0, 0};
    // The note under a list that stops ("Citations 12-40 continue on sheet 3."): its lines, by the
    // index of the claim it names first, the sheet it is on and the sheets it names after it.
    std::map<std::array<std::size_t, 3>, std::size_t> notes;
};
// panel_citations(...) without setting the list's text (no items): where it stops and its height,
// cheaply. `lines`, when given, keeps the claims' line counts between calls.
[[nodiscard]] CitationFlow citations_unset(const LayoutContext& lc, double width, int columns, std::size_t first = 0,
                                           double max_height = 1e12, bool last = true,
                                           CitationLines* lines = nullptr);
// citations_unset(...).placed (flowed directly: counting continuation sheets asks it thousands of times).
[[nodiscard]] std::size_t citations_placed(const LayoutContext& lc, double width, int columns, std::size_t first = 0,
                                           double max_height = 1e12, bool last = true,
                                           CitationLines* lines = nullptr);
// Lower bounds of what panel_citations(lc, width, columns, first) sets, from the wraps the text engine
// already knows (TextEngine::lines_at_least) and without wrapping anything: where its claims start
// under the heading, and the height of their whole stack in one column (the same sums of the same line
// heights, with at most as many lines). The composition search rules out candidates with them. The
// stack is summed until it exceeds `enough` (it stays a lower bound): a thousand claims are not all
// looked up to learn that a column cannot hold them. A claim whose lines `counted` holds (counted at
// this width and size) is summed from them: its exact height, without a look-up.
struct CitationStack {
    double start = 0, stack = 0;
};
[[nodiscard]] CitationStack citations_at_least(const LayoutContext& lc, double width, int columns,
                                               std::size_t first = 0, double enough = 1e300,
                                               const CitationLines* counted = nullptr);
[[nodiscard]] Item panel_credits(const LayoutContext& lc, double width);
// The credits' one paragraph: sources, base data, the note, the projection.
[[nodiscard]] std::string credits_text(const LayoutContext& lc);
// Legend rows for the lines and places on the map (map_lines.cpp): row(swatch, label), swatch sw x sh.
// `which` picks the features by their primary claim (nullptr: none, or one without a status); under a
// modality heading the label leaves the modality to the heading (`say_modality` false).
using LegendRow = std::function<void(std::vector<Primitive>, const std::string&)>;
void legend_lines_and_places(const LayoutContext& lc, const LegendRow& row, double sw, double sh,
                             const std::function<bool(const Claim*)>& which, bool say_modality);
// A long thin zone's name and claim numbers in one row beside it, turned to the zone's direction
// (zone_labels.cpp); nullopt when the zone is not long and thin or no stretch of its edge is free.
// Occupies the row's place in lc.placer. `inscribed_radius`: the zone's widest inscribed circle (map units).
[[nodiscard]] std::optional<std::vector<Item>> place_along_zone(LayoutContext& lc, const Zone& z,
                                                                const GEOSGeometry* visible,
                                                                const std::vector<const Claim*>& claims,
                                                                double inscribed_radius);
// A zone's name and claim numbers as one straight row, to be turned along the zone (band_labels.cpp):
// the name with its halo (upright) and its width, each badge's width along the row, the row's length
// and height.
struct AlongRow {
    Text name;
    std::optional<Text> second; // the second-language name, in a line under the first or after it
    std::optional<Text> dot;    // with the second name after the first: the middle dot between them
    std::vector<double> badge_w;
    double name_w = 0, gap_name = 0, length = 0, height = 0;
};
// The cheapest spot a search for a turned row has found: its cost, centre and direction.
struct RowSpot {
    double cost = 1e18;
    Point centre{}, dir{};
    [[nodiscard]] bool found() const { return cost < 1e18; }
};
// The zone's second-language name (second_zone_name) in a row: left out, in a line under the first, or
// after the first on its line ("name · name2"), where a band has room for one line only.
enum class SecondName { none, under, after };
[[nodiscard]] AlongRow along_row(const LayoutContext& lc, const Zone& z,
                                 const std::vector<const Claim*>& claims,
                                 SecondName second = SecondName::none);
// The zone's name in the map's second label language (`name_<lang>`, else a merged locality's), or "".
[[nodiscard]] std::string second_zone_name(const LayoutContext& lc, const Zone& z);
// The centres of the row's badges when the row is centred on `centre` along the unit direction `dir`.
[[nodiscard]] std::vector<Point> along_row_badges(const LayoutContext& lc, const AlongRow& row, Point centre,
                                                  Point dir);
// The row set there: the label turned to `dir` (data "along" = "zone"), then its claim markers; occupies
// its place in lc.placer.
[[nodiscard]] std::vector<Item> set_along_row(LayoutContext& lc, const Zone& z, const std::vector<const Claim*>& claims,
                                              AlongRow row, Point centre, Point dir);
// Whether a zone (`visible`, its widest inscribed circle's radius in map units) is long and thin for
// its row on this page: too thin for the row's wrapped block, long enough for the row `rows` times.
[[nodiscard]] bool long_and_thin(const LayoutContext& lc, const GEOSGeometry* visible, double inscribed_radius,
                                 const AlongRow& row, double rows);
// A long thin zone's row on the zone itself, along its centre line where it runs straight for the
// row's length, clear of everything placed but the lines drawn (band_labels.cpp); nullopt when the
// zone is not long and thin or no such stretch is free. Occupies the row's place in lc.placer.
// `wide`: instead, a zone too wide to be long and thin whose row (with its second-language name) fits
// inside it along its axis, straight.
[[nodiscard]] std::optional<std::vector<Item>> place_on_band(LayoutContext& lc, const Zone& z,
                                                             const GEOSGeometry* visible,
                                                             const std::vector<const Claim*>& claims,
                                                             double inscribed_radius, bool wide);
// Squares covering a row `length` x `height` centred on `centre` and turned along the unit direction
// `dir`, each square's box as turned: a turned row's collision boxes, tighter than the box around it
// (zone_labels.cpp; also a line's name along it, map_lines.cpp).
[[nodiscard]] std::vector<Box> along_boxes(Point centre, Point dir, double length, double height);
// Points every `step` along a path (page points), from its first point (zone_labels.cpp).
[[nodiscard]] std::vector<Point> points_every(const std::vector<Point>& path, double step);
// Whether this map's zones are too crowded for their names: at least five, and a quarter of the
// zones big enough to see, hold no name inside and have no spot beside them clear of the other zones,
// so a name set beside them would read as a neighbour's or need a leader. Such a map takes the dense
// strategy early: numbers on the map where names do not fit, names in the citation list
// (zone_labels.cpp).
[[nodiscard]] bool names_crowd(const LayoutContext& lc);
// A name on the map wrapped at its spaces only, never inside a word: Pango, given a width narrower
// than a word, breaks it by characters ("Huasc-o river", "Demilitari-sed strip" on narrow figures).
// The width is widened to the name's widest word, and a wrap that would leave a letter alone on a
// line ("Route / A") keeps the name on one line: the label searches then try it elsewhere or smaller
// (zone_labels.cpp).
[[nodiscard]] std::vector<std::string> wrap_name(const LayoutContext& lc, const std::string& name, const Font& font,
                                                 double width);
// A leader from a label's edge `end` to `tip` (zone_labels.cpp): the line, then, with `arrow`, a small
// arrowhead at `tip`. Whether one may be drawn: it passes through nothing placed and keeps a
// millimetre from every leader drawn before (lc.leader_lines).
void add_leader_parts(const LayoutContext& lc, Item& li, Point end, Point tip, bool arrow);
[[nodiscard]] bool leader_clear(const LayoutContext& lc, Point end, Point s);
// A numbered footnote marker for claim `n` about `target` (zone_labels.cpp), linked to its citation.
[[nodiscard]] Item claim_marker(const LayoutContext& lc, const std::string& target, int n, Point centre);

// Which claims draw how: one claim sets a zone's fill (a line's or place's colour), the others add
// bands. What the text reports outranks a plan, a plan a projection, and a denial comes last: a zone
// painted in the colour of a status its only reported claim contradicts would say the opposite of the
// text. File order breaks ties. Claims come out primary first; numbers are unchanged.
[[nodiscard]] std::vector<const Claim*> in_drawing_order(std::vector<const Claim*> claims);
[[nodiscard]] const Claim* primary_claim(const Project& p, const std::string& zone_id);
// Every target's primary claim at once, for loops over all zones.
[[nodiscard]] std::unordered_map<std::string_view, const Claim*> primary_claims(const Project& p);
// A zone's further claims that draw a band inside its edge, of its claims in drawing order: the first
// of each status and modality other than the primary's, at most kMostBands; the rest show by their
// badges. Twenty claims on one town drew 19 bands 0.6 mm wide, three orange ones for one status,
// none of which a reader could match to the legend (audit s16 D10).
inline constexpr std::size_t kMostBands = 3;
[[nodiscard]] std::vector<const Claim*> band_claims(const std::vector<const Claim*>& drawn);
// Zones drawn as outlines only: they lie inside a larger zone that is drawn the same way.
[[nodiscard]] std::set<std::string> nested_zones(const Project& p);
[[nodiscard]] Stroke nested_zone_stroke(const Stroke& primary, double unit);
// Whether some zone of the project may show through another where they overlap (map_layers.cpp,
// overlap_fill: both claims hold, neither zone lies in the other), for a legend sized before its map is
// drawn. A row sized for overlaps declared between a stadium and the cordon it lies in, and never drawn,
// set k-harwick's pages differently.
[[nodiscard]] bool zones_may_show_through(const Project& p);

} // namespace citemap

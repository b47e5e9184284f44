// The Scene: everything on the page, laid out once, in points (1/72 in) from the top-left corner.
// Backends only draw it; they never decide where things go.
#pragma once

#include "geo/geos_handle.hpp"

#include <array>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace citemap {

struct Color {
    double r = 0, g = 0, b = 0, a = 1;
    static Color hex(std::string_view h, double alpha = 1);
    [[nodiscard]] std::string hex() const; // #rrggbb
    [[nodiscard]] Color with_alpha(double alpha) const { return {r, g, b, alpha}; }
    [[nodiscard]] Color mix(const Color& o, double t) const;
};

// vertical, falling (the other diagonal) and grid (horizontal + vertical) tell more statuses apart
// in the print theme; xmarks, small crosses on the lattice, mark denials; ruled (horizontal +
// falling) is the print theme's sixth family, so six statuses never share one (audit s12 D10).
enum class Hatch { none, diagonal, cross, dots, horizontal, vertical, falling, grid, xmarks, ruled };
// An xmark's arms reach this share of the spacing from its centre, along each axis (every backend).
inline constexpr double kXmarkArm = 0.25;

struct Pattern {
    Hatch hatch = Hatch::none;
    Color color;
    double spacing = 4; // pt between lines or dots
    double line_width = 0.6;
    [[nodiscard]] std::string key() const; // identical patterns share one SVG <pattern>
};

struct Fill {
    std::optional<Color> color;
    Pattern pattern;
};

struct Stroke {
    Color color;
    double width = 0.5;
    std::vector<double> dash; // on/off lengths in pt
    bool round = true;
};

struct Shape {
    std::vector<Ring> rings; // page points; polygons use even-odd fill
    bool closed = true;
    std::optional<Fill> fill;
    std::optional<Stroke> stroke;
};

struct Circle {
    Point centre;
    double radius = 0;
    std::optional<Fill> fill;
    std::optional<Stroke> stroke;
};

enum class Weight { regular, medium, bold };
enum class Anchor { start, middle, end };

struct Font {
    std::string family = "Noto Sans";
    double size = 8; // pt
    Weight weight = Weight::regular;
    bool italic = false;
};

// One glyph cluster of a name set along a curve (a winding band's name): its characters, where its
// baseline starts, its turn (degrees clockwise about that point) and its layout box upright there.
struct Glyph {
    std::string chars;
    Point origin;
    double angle = 0;
    Box upright;
};

struct Text {
    std::string text; // one line, UTF-8
    Point origin;     // baseline point at `anchor`
    Anchor anchor = Anchor::start;
    Font font;
    Color color;
    std::optional<Color> halo; // a white halo keeps labels legible over fills
    double halo_width = 1.6;
    Box box;          // ink-independent layout box, for collision checks; for turned text, the box around it
    double angle = 0; // degrees clockwise on the page, about `origin` (a name set along a zone)
    Box upright;      // turned text: its layout box before turning (text_corners gives the turned one)
    std::string lang; // "ar" for Arabic names
    bool rtl = false;
    // A name set along a curve: `text` is these glyphs' characters in order, each drawn at its own
    // place and turn (`box` is the box around them all; `origin`, `anchor` and `angle` are unused).
    std::vector<Glyph> glyphs;
};

using Primitive = std::variant<Shape, Circle, Text>;

// A unit a reader can point at: a zone, a marker, a legend row. Carries id, title and citations.
struct Item {
    std::string id;
    std::string title;                       // tooltip / accessible name
    std::map<std::string, std::string> data; // data-* attributes in SVG (citations, status, modality)
    std::string link;                        // href (SVG) ...
    std::string pdf_dest;                    // ... and named destination (PDF) for this item
    std::string anchor_name;                 // makes this item a link target (PDF dest, SVG id)
    std::vector<Primitive> parts;
};

struct Layer {
    std::string id;   // "zones", "legend"
    std::string name; // shown as the layer name in Inkscape/Illustrator
    std::optional<Box> clip;
    std::vector<Item> items;
};

// Provenance that travels inside the PNG and PDF: what each claim says and where it was quoted from.
struct ClaimRecord {
    int number = 0; // the marker number on the map
    std::string zone, status, modality, attributed_to;
    std::string since, until;        // ISO dates, empty when the claim gives none
    std::vector<std::string> quotes; // the source's own text of each citation
};
struct InputRecord {
    std::string path;   // as written in map.toml (map.toml itself: "map.toml")
    std::string sha256; // hex
};

struct Metadata {
    std::string title, subject, author, keywords, creator = "citemap";
    std::string version; // citemap's version
    std::vector<ClaimRecord> claims;
    std::vector<InputRecord> inputs;
    std::string date_iso;    // from SOURCE_DATE_EPOCH or the newest source date: never the clock
    std::string description; // alt text
    std::string lang;        // the language of citemap's own words when not English ("es"): the SVG's xml:lang
    std::vector<std::string> sources;

    // The document's language for readers and screen readers (PDF /Lang, XMP dc:language): English
    // unless the map's words are in another language.
    [[nodiscard]] std::string language() const { return lang.empty() ? "en" : lang; }
};

// Where the map sits on the page and what it shows: for georeferencing and for measuring tests.
struct MapGeoref {
    Box frame;       // page points
    Box world;       // map CRS units
    std::string crs; // as the user gave it, or "EPSG:326xx"
    std::string wkt; // the map CRS as WKT 1, for world-file sidecars and the PDF's geospatial measure
    int epsg = 0;    // 0 when the CRS has no EPSG code
    // The frame's corners in WGS 84 (x longitude, y latitude): upper-left, lower-left, lower-right,
    // upper-right, the order ISO 32000 geospatial measures list them in.
    std::vector<Point> corners_lonlat;
};

struct Scene {
    double width = 0, height = 0; // pt
    MapGeoref georef;
    bool citations_in_caption = false; // a figure too small for them: the caption companions carry them
    Color background{1, 1, 1, 1};
    std::deque<Layer> layers; // deque: stages keep references to layers while adding others
    Metadata meta;

    [[nodiscard]] Layer& layer(const std::string& id, const std::string& name);
};

} // namespace citemap

namespace citemap {
// A closed rectangle on the page, for frames, backgrounds and swatches.
[[nodiscard]] Ring box_ring(const Box& b);
// Moves every primitive of an item (panels are laid out at the origin, then placed).
void translate(Item& item, double dx, double dy);
// The union of an item's boxes: text boxes, circle bounds, shape bounds.
[[nodiscard]] Box bounds_of(const Item& item);
// Turns a laid-out text about its origin: `upright` keeps the layout box, `box` becomes the box around
// the turned one.
void turn_text(Text& t, double degrees);
// The corners of a text's layout box as drawn, turned with the text.
[[nodiscard]] std::array<Point, 4> text_corners(const Text& t);
// The turned layout boxes a text covers: one for a straight text (text_corners), one per glyph for a
// name set along a curve.
[[nodiscard]] std::vector<std::array<Point, 4>> text_quads(const Text& t);
// A name set along a curve as one turned text per glyph, as the backends draw it.
[[nodiscard]] std::vector<Text> glyph_texts(const Text& t);
// Whether two convex quadrilaterals (corners in order) overlap: no separating axis among their edges.
[[nodiscard]] bool quads_overlap(const std::array<Point, 4>& a, const std::array<Point, 4>& b);
// Whether a point lies inside polygon rings by the even-odd rule the shapes are filled with (a hole
// ring takes its area out again); page points or any other plane.
[[nodiscard]] bool inside_rings(const std::vector<Ring>& rings, Point p);
// The z of (a - o) x (p - o): its sign tells on which side of the line o-a the point p lies (0: on it).
[[nodiscard]] double side_of(Point o, Point a, Point p);
// Whether segments a-b and c-d cross at a point inside both (touching or collinear does not count).
[[nodiscard]] bool segments_cross(Point a, Point b, Point c, Point d);
// The distance from p to the segment a-b (to a when the segment has no length).
[[nodiscard]] double point_segment_distance(Point p, Point a, Point b);
// The distance from p to the area of closed rings (even-odd, as inside_rings): 0 inside, else to the
// nearest edge.
[[nodiscard]] double rings_distance(const std::vector<Ring>& rings, Point p);
} // namespace citemap

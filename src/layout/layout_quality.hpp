// The layout-quality check: what a reader would object to on a laid-out page, measured on the Scene.
// layout_sheets runs the hard part on every page it writes; the tests run all of it on every bundled
// project, page size and a set of invented projects.
#pragma once

#include "project/project.hpp"
#include "scene/scene.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace citemap {

// What the map is about (its zones, claimed [[line]]s and [[place]]s: their bounding box, and its
// detail insets) fills at least kWantedZoneFill of the map frame (issue 8), and a page written
// below it says so in a warning (layout.cpp). Below kLeastZoneFill it is not written: the audit's river
// country at 90 mm filled 18 % of a frame widened for an inset, its badges floating over the neighbour
// (audit s17 D1). Both are of what a frame can hold: one held to 1:5 or 5:1 (aspect_of) holds at most
// half a land ten times as tall as wide (QualityReport::fill_most). Of 90 pages measured (the bundled,
// audit and generated projects at A4 landscape and portrait, 170 and 90 mm) the least was that land's
// 39 % (of 50 %), then 47 % (the river country at 90 mm) and 59 % (two cities' wards in insets).
inline constexpr double kWantedZoneFill = 0.6, kLeastZoneFill = 0.35;

struct QualityLimits {
    double min_zone_fill = kLeastZoneFill; // see kLeastZoneFill; 0: not checked
    double anchor_clearance = 2.0;         // mm between a leader's anchor and any locality dot
    bool map_sheet = true;                 // false: a continuation sheet, with text only
    static QualityLimits hard() { return {}; }
    static QualityLimits full() { return {kWantedZoneFill, 2.0, true}; }
    static QualityLimits text_only() { return {0, 2.0, false}; }
};

struct QualityReport {
    std::vector<std::string> problems;
    double zone_fill = 0; // measured even when not checked
    // The shares of the frame's width and height the box of what the map is about spans: which way a
    // page of the map's shape would differ.
    double fill_across = 0, fill_down = 0;
    // The most of a frame held to 1:5 or 5:1 the box can fill: 1, or less for a land more elongated.
    double fill_most = 1;
    [[nodiscard]] bool ok() const { return problems.empty(); }
    [[nodiscard]] std::string summary(std::size_t max = 4) const;
};

// Text inside the page, no two text boxes overlapping, every zone with claims drawn at a readable size
// (on the map or in a detail inset) with one marker per claim, leader anchors clear of locality dots,
// zone labels set outside their zone unambiguous (check_label_ambiguity), leaders short and clear of
// each other and of other labels (check_leaders), no zone half under the scale bar, north arrow or
// locator, and optionally the zones filling the map frame.
[[nodiscard]] QualityReport check_layout_quality(const Scene& scene, const Project& project,
                                                 const QualityLimits& limits);

// What the layouts of a page failed on, for its refusal (layout.cpp): each problem counted once per
// layout by its kind (its words, the figures left out), so the refusal quotes the problem most layouts
// had, in the words of the first that had it, not whatever the first layout failed on: a tiled country's
// 60 mm figure was refused for its scale bar, which every other layout had placed (audit s18 D9).
class RefusalTally {
  public:
    void add(const QualityReport& q);
    // The most common problem (the first seen among equals), with how many of the layouts had it, then the
    // first layout's other problems, up to `max` in all; empty when nothing was added.
    [[nodiscard]] std::string summary(std::size_t max = 4) const;

  private:
    struct Kind {
        std::size_t layouts = 0, first_seen = 0;
        std::string words;
    };
    std::map<std::string, Kind> kinds_;
    std::vector<std::string> first_; // the first layout's problems
    std::size_t layouts_ = 0;
};

// The scale bar, north arrow or locator (and an inset's scale bar) may lie over at most this share of
// a zone drawn where it stands (the zone's area inside the frame or the inset): a bar on a land divided
// between its zones is set without its panel, in the spot that hides least (map_furniture.cpp).
inline constexpr double kFurnitureHidesShare = 0.1;
// ... and at least this much of it (square millimetres): a sliver of a zone along the inset's edge is not hidden.
inline constexpr double kFurnitureHidesMm2 = 0.5;
// What a piece of furniture hides, as that check measures it: its panel where it has one (a scale
// bar's white box, the locator's sea), else each of its parts (a bar without a panel, an arrow and its
// letter).
[[nodiscard]] std::vector<Box> furniture_footprint(const Item& piece);
// The zones with claims drawn in `zones` (a zones layer, the main map's or an inset's) of which `piece`
// (furniture) hides at least `share` of their area inside `within` (the map frame or the inset), and
// at least kFurnitureHidesMm2: each with the share it hides.
[[nodiscard]] std::vector<std::pair<const Item*, double>> zones_hidden_by(const Layer& zones, const Project& project,
                                                                          const Item& piece, const Box& within, double share);
// A zone's name or numbers set outside the zone without a leader must lie clearly nearer their own
// zone than any other: another zone (not one overlapping or holding it) at least
// ambiguity_margin(distance to its own zone) away, else the label reads as the neighbour's; one that
// touches its zone must not lie more on a neighbour than on it (kForeignLabelShare).
// Appends one problem per ambiguous label (label_ambiguity.cpp).
// With the project, zones that overlap rather than share a border are told apart on their geometry
// (zones_overlap), as the layout does; without it (hand-made scenes), on the drawn outlines.
void check_label_ambiguity(const Scene& scene, std::vector<std::string>& problems, const Project* project = nullptr);
// Whether two intersecting zones overlap (one holds the other, or they are declared to overlap) rather
// than only meet along a shared border: their common area is kZoneOverlapShare of the smaller one.
[[nodiscard]] bool zones_overlap(const GeosContext& ctx, const GEOSGeometry* a, const GEOSGeometry* b);
// The same for two of a project's zones, by position in geo.zones, with their common area kept across
// pages and label searches (Geography::common_area).
[[nodiscard]] bool zones_overlap(const Geography& geo, std::size_t a, std::size_t b);
// The same for two zones given as such: the kept answer when both are the project's own (in
// geo.zones), else computed as zones_overlap(ctx, ...) does.
[[nodiscard]] bool zones_overlap(const Geography& geo, const Zone& a, const Zone& b);
// Whether `inner` lies in a hole of `outer` (an enclave drawn as the hole of the forest round it): a
// label beside it on `outer` reads as its by the nesting, as on a zone holding it.
// Only well within it: at most kHoleShare of its width and height.
[[nodiscard]] bool lies_in_hole(const GeosContext& ctx, const GEOSGeometry* inner, const GEOSGeometry* outer);
inline constexpr double kHoleShare = 0.6;
// Two zones overlap (one holds the other, or they are declared to overlap) when their common area is
// at least this share of the smaller one; less is a shared border drawn twice, and such zones are
// neighbours a label can be mistaken for.
inline constexpr double kZoneOverlapShare = 0.05;
// A label (name with its numbers) without a leader that touches its zone must still lie mostly on it:
// when a neighbour holds more of it than its own zone does, and at least this share, it reads as the
// neighbour's.
inline constexpr double kForeignLabelShare = 0.1;
// A zone whose drawn extent (bounding box) is at least this many times its label block's has its name
// on it: a name set mostly off it with no leader (half over the sea, on a neighbouring land) is refused.
// Placement (zone_labels.cpp) gives such names a leader from a smaller ratio, 4.
inline constexpr double kOffZoneNameArea = 5;
// A claim's badge set on another zone (neither holding nor overlapping its own) needs a leader at least
// this long (mm) back to its zone: a 2 mm arrow across a border reads as a tick, and the badges as
// the neighbour's claims.
inline constexpr double kClearLeaderMm = 4;
// A claim's badge set off its zone onto a zone holding or overlapping it (a fish market's square in its
// port district, the district in its delta) reads as the small zone's only where it touches it: its edge
// within badge_touch_reach of the zone's drawn outline, or of the square drawn for a zone too small to
// see (the nearest of its badges; the others follow in its row, 3 badge radii each); else a leader says
// whose it is. Set 3-8 mm off with no leader, five badges of the delta's nested
// zones read as their districts' (audit s12 D1). kBadgeTouchMm on an A4 page, 0.625 badge radii where
// the page's type is larger (a poster), so the gap looks the same.
inline constexpr double kBadgeTouchMm = 1;
[[nodiscard]] inline double badge_touch_reach(double badge_radius) {
    return std::max(kBadgeTouchMm * 72.0 / 25.4, 0.625 * badge_radius);
}
// A zone with room for its claims' badges on the page carries them on itself, or joined to it by a
// leader, whatever lies under them: set beside it on bare ground they read as nobody's ("Elqa region"
// and its badge on the unclaimed land above its zone, audit s11 D1). Room: the narrower side of its
// page box at least 2 kClearLeaderMm, and twice its area over its perimeter (a disc's radius, a
// strip's width) at least kBadgeRoomMm. A thinner zone (a 2 km strip, a village's square) has its
// badges beside it. `area` in square page points, `perimeter` in page points.
inline constexpr double kBadgeRoomMm = 4;
[[nodiscard]] bool holds_its_badges(const Box& page_box, double area, double perimeter);
// The same for a zone drawn on the page as these rings (page points; name_ground.cpp).
[[nodiscard]] bool holds_its_badges(const std::vector<Ring>& rings);
// A group of islands is named over the water between them, as atlases name an archipelago: whether box
// `b` lies within the convex hull of a zone drawn as these rings (page points) when the zone has two or
// more parts. Such a name or badge is the group's; one over another zone still is not (layout_quality.cpp).
[[nodiscard]] bool within_group_hull(const std::vector<Ring>& rings, const Box& b);
// Leaders (leader_quality.cpp): a label joined to its zone by a line further than a few centimetres
// away reads as nobody's, and lines that cross each other or run through another label send the reader
// to the wrong zone. Each leader is at most max_leader_length(frame) long, crosses no other leader and
// runs through no text but its own label's; appends one problem per offence.
void check_leaders(const Scene& scene, std::vector<std::string>& problems);
// A zone's name set on the mapped country's land that no zone covers (the "outline" layer, off every
// zone) names that land: "Western Nalevu" on the white half of its island, with a 2 mm arrow back
// (audit s13 D1). The name of a zone with room for its badges (holds_its_badges) touches its zone
// there (within kTouchingNameMm) or has a leader at least kClearLeaderMm long back to it, as a badge on
// another zone does; appends one problem per other such name (name_ground.cpp).
inline constexpr double kTouchingNameMm = 0.9;
// Whether a polygon (even-odd rings, page points) reaches into a box: a vertex inside the box, the
// box's centre inside the polygon, or an edge crossing the box's edges.
[[nodiscard]] bool polygon_meets_box(const std::vector<Ring>& rings, const Box& b);
void check_names_on_unclaimed_land(const Scene& scene, std::vector<std::string>& problems);
// The longest leader of each zone on the main map (page points), by zone id.
[[nodiscard]] std::map<std::string, double> zone_leader_lengths(const Scene& scene);
// A claim's badge off its zone, not against it, on other ground: a zone that neither holds nor overlaps
// its own, or a landmass (a polygon of the land and outline layers' union) its zone does not meet. It reads as a claim
// there whatever a leader to its name says, and is refused where a spot against its zone (within
// badge_touch_reach, in the frame, clear of every text, badge, dot, furniture and inset, and of other
// zones by ambiguity_margin) was free: Isola Bruna's badge stood under its led name on the lake's far
// shore, 8.5 mm from the island, the lake beside the island free (audit s18 D1). Appends one problem
// per such badge (badge_ground.cpp).
void check_badges_on_other_ground(const Scene& scene, const Project& project, std::vector<std::string>& problems);
// The claim badges of a [[place]] or [[line]] sit beside its symbol, off every claimed zone the
// feature does not lie on: the nearest badge's edge within kFeatureBadgeReachMm of the diamond or the
// line, the others in a row after it; or a leader joins them to it (check_leaders keeps it short), and
// the leader says whose they are wherever they lie. Badges after a long name stood 31 mm
// from their diamond on A4 and 50 mm on A3, and a crossing's numbers inside the frontier zone beside
// it read as the zone's claims (audit s12 D1). Appends one problem per offence
// (feature_badge_quality.cpp); map_lines.cpp places the badges by the same reach.
void check_feature_badges(const Scene& scene, const Project& project, std::vector<std::string>& problems);
// A claim's badge on a sheet's main map (a "marker-" item of the "markers" layer): whose it is (the
// zone, line or place id), the claim it cites (the item's id where it carries no number), where; and
// the copies beside a zone's far parts ("partmark-" items, `part`).
struct ClaimBadge {
    std::string target, citation;
    Circle circle;
    bool part = false;
};
[[nodiscard]] std::vector<ClaimBadge> claim_badges(const Scene& scene);
inline constexpr double kFeatureBadgeReachMm = 3;
// The reach for badges of radius `badge_radius` (points): kFeatureBadgeReachMm, or more where the page's
// type is larger than an A4 page's (1.85 badge radii there), so a poster is held to the same look.
[[nodiscard]] inline double feature_badge_reach(double badge_radius) {
    return std::max(kFeatureBadgeReachMm * 72.0 / 25.4, 1.85 * badge_radius);
}
// The longest leader allowed on a map frame (page points): a fifth of the frame's shorter side, between
// kMinLeaderMm and kMaxLeaderMm, so a small figure's leaders stay as short as its map.
inline constexpr double kMaxLeaderMm = 25, kMinLeaderMm = 12;
// The smallest a zone's name is set (points, bold) when a crowded map sets names smaller rather than
// leave zones with their numbers only: the size a detail inset uses, still legible in print.
inline constexpr double kMinZoneLabelPt = 6.5;
[[nodiscard]] double max_leader_length(const Box& frame);
// A length in page points as millimetres with one decimal, for the problems' text (leader_quality.cpp).
[[nodiscard]] std::string mm_text(double pt);
// A zone name longer than this (characters) that finds no room on a map that names its zones refuses
// the page, with the advice to shorten it; a shorter name left off is a crowded page's, not the name's.
inline constexpr std::size_t kLongZoneName = 40;
// An item id split into its detail inset's prefix and the id proper: "detail-2-label-x" ->
// {"detail-2-", "label-x"}; {"", id} on the main map (label_ambiguity.cpp).
[[nodiscard]] std::pair<std::string, std::string> split_prefix(const std::string& id);
// A page item as a problem names it to the author (item_words.cpp): "detail-2-scale-bar" -> "the scale
// bar of detail inset 2", "zone-hills" -> "zone 'hills' (Northern hills)", "marker-hills-8" -> "badge 8
// of zone 'hills' (Northern hills)"; an id it does not know, as it is. Names come from `project` when given.
[[nodiscard]] std::string item_words(const std::string& id, const Project* project);
// A zone by its id: "zone 'hills' (Northern hills)".
[[nodiscard]] std::string zone_words(const std::string& id, const Project* project);
// The least distance (page points) another zone may be from a label `own_distance` from its zone.
[[nodiscard]] double ambiguity_margin(double own_distance);

} // namespace citemap

// MapSpec: the map project as the author wrote it in map.toml, as plain data.
#pragma once

#include "core/error.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace citemap {

enum class Modality { reported, plan, projection, denial };
enum class MatchMode { exact, normalized };
enum class LayerRole { land, sea, outline, boundary, localities };
enum class ScaleUnits { km, mi, km_mi };
// What a claim is about: a zone (drawn or derived), a line or a place.
enum class TargetKind { zone, line, place };

[[nodiscard]] const char* to_string(Modality m);
[[nodiscard]] const char* to_string(LayerRole r);
[[nodiscard]] const char* to_string(TargetKind k);

// Place-name languages as BCP 47 tags: features' `name` is in `primary`; `second`, when set, adds
// each feature's `name_<second>` under it (labels = "en+el" reads name_el).
struct LabelLanguages {
    std::string primary = "en";
    std::string second;
    bool operator==(const LabelLanguages&) const = default;
};

struct SourceSpec {
    std::string id;
    std::filesystem::path file; // resolved against the project folder
    std::string file_as_written;
    std::string title, publisher, url, published, accessed, author;
    Where where;
};

struct NameRef {
    std::string name;
    Where where;
};

struct StatusSpec {
    std::string key;
    std::string label;
    std::string color; // #rrggbb
    Where where;
    // Statuses that can hold on the same ground at the same time as this one ("Mined" with "Held by
    // the army"): two sources giving a zone both are not contested, nor are two zones overlapping.
    std::vector<NameRef> compatible_with;
};

struct CitationSpec {
    std::string source;
    std::string quote, prefix, suffix;
    std::optional<MatchMode> match; // per citation; falls back to the project's
    Where where;
};

struct ClaimSpec {
    std::string zone; // the id of the zone, line or place the claim is about (see `target`)
    TargetKind target = TargetKind::zone;
    std::string status;
    Modality modality = Modality::reported;
    std::string attributed_to;
    std::string since; // from when the claim holds: YYYY-MM-DD or YYYY-MM
    std::string until; // to when it holds, that day included
    std::vector<CitationSpec> cites;
    Where where;
    Where target_where; // of the zone/line/place value, for "unknown zone" messages
};

struct LayerSpec {
    std::filesystem::path file;
    std::string file_as_written;
    std::string layer_name; // which layer of a multi-layer file (GeoPackage table, KML folder); empty: its only one
    LayerRole role = LayerRole::land;
    std::string name; // legend/credits name, defaults to the file stem
    std::string credit;
    bool clip_to_land = false; // clip = "land": boundary lines stop at the coast
    Where where;
};

struct CheckSpec {
    std::vector<std::string> zones;
    std::string share_of;
    std::optional<double> at_least, at_most;
    std::optional<double> about; // "about 36 percent": passes within `tolerance` either side
    double tolerance = 0.03;     // absolute share; the documented default for `about`
    // "covers about 38 square kilometres": the zones' own area, within `tolerance` times it either
    // side (a relative tolerance here, 0.1 by default); share_of is then not needed.
    std::optional<double> area_km2;
    std::string quote;           // the first citation's words, to name the check in reports
    std::vector<CitationSpec> cites;
    Where where;
};

// A name in a [[zone]] recipe (a zone, line, layer or feature), with where it was written.
// A zone citemap computes from other geometry: exactly one base (from / side / buffer / rest_of /
// union), then intersect and minus in that order. Evaluated in the map CRS in geo/derived_zones.cpp.
struct ZoneRecipe {
    std::string id, name;
    std::map<std::string, std::string> props; // name_<tag> and the like, as a drawn zone's properties
    NameRef part_of;                          // declared nesting: never a claims conflict
    std::vector<NameRef> overlaps;            // zones it overlaps on purpose (both claims hold): no conflict
    // from = { layer = "...", where = { key = "value" } }: features picked by attribute
    NameRef from_layer;
    std::vector<std::pair<std::string, std::string>> from_where;
    // side = { of = "line", toward = "east", within = "..." }: one side of a line that splits `within`
    NameRef side_of, side_within;
    std::string side_toward; // east | west | north | south
    // buffer = { of = "...", km = 1.5 }: the band within `km` of a line, border or zone
    NameRef buffer_of;
    double buffer_km = 0;
    NameRef rest_of; // `rest_of` minus every other zone that is not part of another
    std::vector<NameRef> unite, intersect, minus;
    Where where;
    bool broken = false; // map.toml reported a mistake in it: not evaluated, no follow-on errors
};

// A line (withdrawal line, front line, corridor) or a place (a crossing, a hospital): drawn, labelled,
// in the legend, and citable by [[claim]] line = / place =. Geometry from `file` or `coordinates`.
enum class LineClip { frame, land, outline };

struct FeatureSpec {
    std::string id, name;
    std::map<std::string, std::string> props;
    std::filesystem::path file;
    std::string file_as_written;
    std::string layer_name;                             // as LayerSpec's
    std::vector<std::pair<double, double>> coordinates; // lon, lat
    // [[line]] clip: where its stroke stops. The whole line still splits and borders zones: a line
    // drawn past the coast, as a split needs, would otherwise be drawn running out to sea.
    LineClip clip = LineClip::frame;
    Where where;
};

struct OutputSpec {
    std::string name = "map"; // file stem: map.svg, map.png, map.pdf
    std::string page = "a4-landscape";
    std::optional<LabelLanguages> labels; // overrides the project's, for this output only
    std::string theme;                    // likewise; empty: the project's
    std::string panel;                    // "beside", "below", or empty/"auto": the layout chooses
    Where where;                          // of its page, for messages
    // The zones, lines and places it shows, each with its claims; empty: all of them. A project too
    // big for one page is split over several outputs this way.
    std::vector<std::string> zones;
    std::vector<Where> zones_where; // of each id in `zones`, for an unknown one's error
};

struct MapSpec {
    std::filesystem::path dir;  // the project folder
    std::filesystem::path file; // map.toml
    std::string title, subtitle;
    std::string crs; // empty: chosen from the zones' extent (see Projection)
    Where crs_where; // map.toml:line:column of `crs`, for its errors
    MatchMode match = MatchMode::exact;
    LabelLanguages labels;
    std::string lang = "en"; // the language of the panel, claim titles, credits and companions (core/panel_words)
    ScaleUnits scale_units = ScaleUnits::km;
    std::string theme = "default";
    std::string note; // e.g. "zones hand-drawn from the text, approximate"
    std::vector<std::filesystem::path> shared; // declared folders beside the project, e.g. "../base"
    std::vector<SourceSpec> sources;
    std::filesystem::path zones_file;
    std::string zones_file_as_written;
    std::string zones_layer_name; // as LayerSpec's
    Where zones_where;
    std::vector<LayerSpec> layers;
    std::vector<ZoneRecipe> derived_zones; // [[zone]]
    std::vector<FeatureSpec> lines;        // [[line]]
    std::vector<FeatureSpec> places;       // [[place]]
    std::vector<StatusSpec> statuses; // in legend order
    std::vector<ClaimSpec> claims;
    std::vector<CheckSpec> checks;
    std::vector<OutputSpec> outputs;

    [[nodiscard]] const StatusSpec* status(std::string_view key) const;
    [[nodiscard]] const SourceSpec* source(std::string_view id) const;
};

} // namespace citemap

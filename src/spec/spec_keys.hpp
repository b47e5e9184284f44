// Every key map.toml accepts, table by table: the reader rejects any other key with these lists, and
// tests/spec/reference_test.cpp fails when docs/map-toml.md does not document exactly these keys.
#pragma once

#include <span>
#include <string_view>

namespace citemap {

// One table of map.toml. `name` is how errors and docs/map-toml.md call it (a `##` heading of the
// reference names it in backticks).
struct SpecTable {
    std::string_view name;
    std::span<const std::string_view> keys;
};

namespace spec_keys {
// Adding a key: add it here, read it in spec_reader.cpp, document it in docs/map-toml.md.
inline constexpr std::string_view top[] = {"title",  "subtitle", "crs",         "page",   "match",
                                           "labels", "lang",     "theme",       "note",   "scale_units",
                                           "source", "zones", "zone", "line", "place", "layer",       "status", "claim",
                                           "check",  "output", "shared"};
inline constexpr std::string_view source[] = {"id",        "file", "title",    "published",
                                              "publisher", "url",  "accessed", "author"};
inline constexpr std::string_view zones[] = {"file", "layer_name"};
inline constexpr std::string_view layer[] = {"file", "layer_name", "role", "name", "credit", "clip"};
inline constexpr std::string_view status[] = {"label", "color", "compatible_with"};
inline constexpr std::string_view claim[] = {"zone",     "line",          "place", "status",
                                             "modality", "attributed_to", "since", "until", "cite"};
inline constexpr std::string_view citation[] = {"source", "quote", "prefix", "suffix", "match"};
inline constexpr std::string_view check[] = {"zones", "share_of", "at_least", "at_most", "about", "area_km2", "tolerance", "cite"};
// [[zone]] recipes (name_<tag> keys are accepted besides these) and their inline tables.
inline constexpr std::string_view zone[] = {"id",      "name",  "part_of", "overlaps", "from",      "side",
                                            "buffer",  "rest_of", "union", "intersect", "minus"};
inline constexpr std::string_view from[] = {"layer", "where"};
inline constexpr std::string_view side[] = {"of", "toward", "within"};
inline constexpr std::string_view buffer[] = {"of", "km"};
// [[line]] and [[place]] (name_<tag> keys too).
inline constexpr std::string_view line[] = {"id", "name", "file", "layer_name", "coordinates", "clip", "water"};
inline constexpr std::string_view place[] = {"id", "name", "file", "layer_name", "coordinates"};
inline constexpr std::string_view output[] = {"name", "page", "labels", "theme", "panel", "zones"};
} // namespace spec_keys

inline constexpr SpecTable kTopTable{"map.toml", spec_keys::top};
inline constexpr SpecTable kSourceTable{"[[source]]", spec_keys::source};
inline constexpr SpecTable kZonesTable{"[zones]", spec_keys::zones};
inline constexpr SpecTable kLayerTable{"[[layer]]", spec_keys::layer};
inline constexpr SpecTable kStatusTable{"[status.KEY]", spec_keys::status};
inline constexpr SpecTable kClaimTable{"[[claim]]", spec_keys::claim};
inline constexpr SpecTable kCitationTable{"cite", spec_keys::citation};
inline constexpr SpecTable kZoneTable{"[[zone]]", spec_keys::zone};
inline constexpr SpecTable kFromTable{"from", spec_keys::from};
inline constexpr SpecTable kSideTable{"side", spec_keys::side};
inline constexpr SpecTable kBufferTable{"buffer", spec_keys::buffer};
inline constexpr SpecTable kLineTable{"[[line]]", spec_keys::line};
inline constexpr SpecTable kPlaceTable{"[[place]]", spec_keys::place};
inline constexpr SpecTable kCheckTable{"[[check]]", spec_keys::check};
inline constexpr SpecTable kOutputTable{"[[output]]", spec_keys::output};

// All of the above, for the reference test.
inline constexpr SpecTable kSpecTables[] = {kTopTable,   kSourceTable,   kZonesTable, kLayerTable, kStatusTable,
                                            kClaimTable, kCitationTable, kCheckTable, kOutputTable, kZoneTable,
                                            kFromTable,  kSideTable,     kBufferTable, kLineTable, kPlaceTable};

} // namespace citemap

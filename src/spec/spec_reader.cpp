// map.toml -> MapSpec with toml++; unknown keys and wrong types are errors that name line and column.
#include "spec/spec_reader.hpp"
#include "spec/spec_keys.hpp"

#include "core/closest_name.hpp"
#include "core/panel_words.hpp"
#include "layout/page.hpp"
#include "sources/text_encoding.hpp"
#include "sources/utf8.hpp"
#include "spec/field_syntax.hpp"
#include "spec/path_policy.hpp"
#include "spec/toml_bounds.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>

namespace citemap {

namespace {

// A value echoed in a message: long enough to recognise, short enough to read.
std::string shown(const std::string& s) {
    return s.size() <= 60 ? s : s.substr(0, 57) + "...";
}

struct Reader {
    std::filesystem::path dir;
    std::string file;
    Diagnostics& diags;
    PathPolicy paths{dir, {}};
    // Keys written but not known, per table: a required key they misspell is not reported again.
    std::map<const toml::table*, std::vector<std::string>> unknown_keys{};

    std::size_t error_count() const {
        return static_cast<std::size_t>(std::count_if(diags.all().begin(), diags.all().end(), [](const Diagnostic& d) {
            return d.level == Diagnostic::Level::error;
        }));
    }

    Where where(const toml::node& n) const {
        const auto& b = n.source().begin;
        return {file, static_cast<int>(b.line), static_cast<int>(b.column), {}};
    }

    // A citation tool must not silently ignore a mistyped key such as `qoute`. The keys come from
    // spec_keys.hpp only, so the reference (docs/map-toml.md) can be tested against them.
    void known_keys(const toml::table& t, const SpecTable& table, std::string_view what = {},
                    bool name_tags = false) {
        if (what.empty())
            what = table.name;
        for (auto&& [k, v] : t) {
            if (std::find(table.keys.begin(), table.keys.end(), k.str()) != table.keys.end())
                continue;
            if (name_tags && k.str().rfind("name_", 0) == 0 && k.str().size() > 5)
                continue;
            const std::vector<std::string> keys(table.keys.begin(), table.keys.end());
            std::string list = citemap::name_list(keys);
            if (name_tags)
                list += ", name_<language tag>";
            unknown_keys[&t].emplace_back(k.str());
            // TOML puts every key after a [table] header into that table: a top-level key written
            // below one lands there.
            static constexpr std::string_view settings[] = {"title",  "subtitle", "crs",  "page",        "match", "labels",
                                                            "lang",   "theme",    "note", "scale_units", "shared"};
            const bool top_level = &table != &kTopTable &&
                                   std::find(std::begin(settings), std::end(settings), k.str()) != std::end(settings) &&
                                   std::find(table.keys.begin(), table.keys.end(), k.str()) == table.keys.end();
            diags.error(where(v), "unknown key '" + std::string(k.str()) + "' in " + std::string(what),
                        top_level ? "'" + std::string(k.str()) +
                                        "' is a top-level key: move it above the first [table] or [[table]] of map.toml"
                                  : did_you_mean(k.str(), keys) + "allowed keys: " + list);
        }
    }

    // The table has an unknown key that reads as a slip for `key`: its error already says so.
    bool misspelt(const toml::table& t, std::string_view key) const {
        auto it = unknown_keys.find(&t);
        return it != unknown_keys.end() &&
               !closest_name(key, it->second).empty();
    }

    // Text that lands on the page or in a companion; `max_chars` is what any page can show (longer text
    // would only be cut, or wrapped into a panel taller than the page).
    std::string str(const toml::table& t, std::string_view key, bool required, std::string_view what,
                    std::size_t max_chars = 2000) {
        const toml::node* n = t.get(key);
        if (!n) {
            if (required && !misspelt(t, key))
                diags.error(where(t), std::string(what) + " has no '" + std::string(key) + "'",
                            "add " + std::string(key) + " = \"...\"");
            return {};
        }
        if (auto s = n->value<std::string>()) {
            if (const std::size_t chars = utf8::count(*s); chars > max_chars) {
                diags.error(where(*n),
                            "'" + std::string(key) + "' is " + std::to_string(chars) + " characters long; at most " +
                                std::to_string(max_chars) + " fit",
                            "shorten it; longer text belongs in the source, not on the map");
                return {};
            }
            return *s;
        }
        diags.error(where(*n), "'" + std::string(key) + "' must be a string", "write it in quotes");
        return {};
    }

    // Dates as ISO 8601 calendar dates (or a year-month, or a year): they are printed and sorted.
    std::string date(const toml::table& t, std::string_view key, std::string_view what) {
        const toml::node* n = t.get(key);
        if (n && n->is_date()) {
            const toml::date d = *n->value<toml::date>();
            char buf[16];
            std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
            return buf;
        }
        std::string s = str(t, key, false, what, 200'000);
        if (!s.empty() && !is_iso_date(s)) {
            diags.error(where(*n), "'" + std::string(key) + "' is not a date: \"" + s.substr(0, 40) + "\"",
                        "write it as YYYY-MM-DD, e.g. \"2025-10-10\"");
            return {};
        }
        return s;
    }

    std::optional<double> number(const toml::table& t, std::string_view key) {
        const toml::node* n = t.get(key);
        if (!n)
            return std::nullopt;
        if (auto d = n->value<double>()) {
            // TOML spells nan and inf as numbers; every comparison with NaN is false, so a range check
            // after this (km > 0, tolerance < 1) would let it through to the geometry and the checks.
            if (std::isfinite(*d))
                return *d;
            diags.error(where(*n), "'" + std::string(key) + "' is " + (std::isnan(*d) ? "nan" : "infinite") +
                                       ", not a number citemap can measure with",
                        "write a plain number, for example " + std::string(key) + " = 0.5");
            return std::nullopt;
        }
        diags.error(where(*n), "'" + std::string(key) + "' must be a number", "for example 0.5");
        return std::nullopt;
    }

    // A [[check]]'s share (at_least, at_most, about): a fraction from 0 to 1, as docs/map-toml.md says.
    // "at_least = 50" for fifty percent failed as "at least 5000.0 %" with no word about the unit.
    std::optional<double> share(const toml::table& t, std::string_view key) {
        const auto v = number(t, key);
        if (!v || (*v >= 0 && *v <= 1))
            return v;
        const std::string k(key);
        char written[32], fraction[32];
        std::snprintf(written, sizeof written, "%g", *v);
        std::snprintf(fraction, sizeof fraction, "%g", *v / 100);
        diags.error(where(*t.get(key)), "'" + k + "' is a share from 0 to 1, not " + written,
                    *v > 1 && *v <= 100 ? "for " + std::string(written) + " percent write " + k + " = " + fraction
                                        : "for example " + k + " = 0.36 for 36 percent");
        return std::nullopt;
    }

    std::filesystem::path input_path(const std::string& written, const toml::node& at) {
        if (written.empty())
            return {};
        if (auto problem = input_path_problem(paths, written)) {
            diags.error(where(at), problem->message, problem->hint);
            return {};
        }
        return dir / std::filesystem::path(written).lexically_normal();
    }

    std::optional<MatchMode> match_mode(const toml::table& t) {
        const toml::node* n = t.get("match");
        if (!n)
            return std::nullopt;
        auto s = n->value<std::string>();
        if (s == "exact")
            return MatchMode::exact;
        if (s == "normalized" || s == "normalised")
            return MatchMode::normalized;
        diags.error(where(*n), "match must be \"exact\" or \"normalized\"");
        return std::nullopt;
    }

    std::optional<LabelLanguages> labels(const toml::table& t) {
        const toml::node* n = t.get("labels");
        if (!n)
            return std::nullopt;
        const std::string s = n->value<std::string>().value_or("");
        // A BCP 47 tag: a language of 2-3 letters, then optional script, region or variant subtags
        // (el, sr-Latn, zh-Hant-TW). The second one names the property: name_<tag>.
        const auto plus = s.find('+');
        LabelLanguages l;
        l.primary = s.substr(0, plus);
        if (plus != std::string::npos)
            l.second = s.substr(plus + 1);
        if (is_language_tag(l.primary) && (plus == std::string::npos || is_language_tag(l.second)))
            return l;
        diags.error(where(*n), "labels must be a language tag, or two joined by '+': \"" + shown(s) + "\"",
                    "for example \"en\", or \"en+el\" to print each feature's name_el under its name");
        return std::nullopt;
    }

    // The panel's language: a code with a table of words (core/panel_words.cpp).
    std::string lang(const toml::table& t) {
        const toml::node* n = t.get("lang");
        if (!n)
            return "en";
        const std::string s = n->value<std::string>().value_or("");
        if (find_panel_words(s))
            return s;
        diags.error(where(*n), "lang \"" + shown(s) + "\" is not a language citemap prints its panel in",
                    "use one of " + known_panel_languages() +
                        "; place names follow `labels`; a new language is a table in src/core/panel_words.cpp");
        return "en";
    }

    std::string theme(const toml::table& t) {
        const toml::node* n = t.get("theme");
        if (!n)
            return {};
        auto s = n->value<std::string>();
        if (s == "default" || s == "print")
            return *s;
        diags.error(where(*n), "theme must be \"default\" or \"print\"");
        return {};
    }

    std::vector<CitationSpec> citations(const toml::table& t, std::string_view what, bool required) {
        std::vector<CitationSpec> out;
        const toml::node* n = t.get("cite");
        if (!n) {
            if (required)
                diags.error(
                    where(t), std::string(what) + " has no citation",
                    "add cite = [{ source = \"article\", quote = \"...\" }] with the words of the source");
            return out;
        }
        const toml::array* arr = n->as_array();
        if (!arr) {
            diags.error(where(*n), "'cite' must be an array of { source, quote } tables");
            return out;
        }
        for (const toml::node& c : *arr) {
            const toml::table* ct = c.as_table();
            if (!ct) {
                diags.error(where(c), "each citation must be a table { source = \"...\", quote = \"...\" }");
                continue;
            }
            known_keys(*ct, kCitationTable, "a citation");
            CitationSpec cs;
            cs.where = where(c);
            cs.source = str(*ct, "source", true, "a citation");
            cs.quote = str(*ct, "quote", true, "a citation");
            cs.prefix = str(*ct, "prefix", false, "a citation");
            cs.suffix = str(*ct, "suffix", false, "a citation");
            cs.match = match_mode(*ct);
            if (const toml::node* q = ct->get("quote"))
                cs.where = where(*q);
            if (ct->contains("quote") && cs.quote.empty())
                diags.error(cs.where, "a quote is empty", "copy the words of the source between the quotes");
            out.push_back(std::move(cs));
        }
        if (out.empty() && required)
            diags.error(where(*n), std::string(what) + " has an empty cite list", "add at least one quote");
        return out;
    }

    NameRef name_ref(const toml::table& t, std::string_view key, std::string_view what) {
        NameRef r;
        if (const toml::node* n = t.get(key)) {
            r.where = where(*n);
            r.name = str(t, key, false, what);
            if (r.name.empty())
                diags.error(r.where, "'" + std::string(key) + "' in " + std::string(what) + " is empty",
                            "name a zone, line or [[layer]]");
        }
        return r;
    }

    std::vector<NameRef> name_list(const toml::table& t, std::string_view key, std::string_view what) {
        std::vector<NameRef> out;
        const toml::node* n = t.get(key);
        if (!n)
            return out;
        const toml::array* a = n->as_array();
        if (!a || a->empty()) {
            diags.error(where(*n), "'" + std::string(key) + "' in " + std::string(what) +
                                       " must be a list of names", "for example " + std::string(key) +
                                       " = [\"rafah\", \"Gaza Strip\"]");
            return out;
        }
        for (const toml::node& e : *a) {
            if (auto s = e.value<std::string>(); s && !s->empty())
                out.push_back({*s, where(e)});
            else
                diags.error(where(e), "each entry of '" + std::string(key) + "' must be a name in quotes");
        }
        return out;
    }

    std::map<std::string, std::string> name_tags(const toml::table& t, std::string_view what) {
        std::map<std::string, std::string> out;
        for (auto&& [k, v] : t)
            if (k.str().rfind("name_", 0) == 0 && k.str().size() > 5)
                out[std::string(k.str())] = str(t, k.str(), false, what);
        return out;
    }

    const toml::table* subtable(const toml::table& t, std::string_view key, std::string_view example) {
        const toml::node* n = t.get(key);
        if (!n)
            return nullptr;
        if (const toml::table* st = n->as_table())
            return st;
        diags.error(where(*n), "'" + std::string(key) + "' must be an inline table", "for example " +
                                                                                        std::string(example));
        return nullptr;
    }

    const toml::array* table_array(const toml::table& root, std::string_view key) {
        const toml::node* n = root.get(key);
        if (!n)
            return nullptr;
        const toml::array* a = n->as_array();
        if (!a || !a->is_array_of_tables()) {
            diags.error(where(*n),
                        "'" + std::string(key) + "' must be written as [[" + std::string(key) + "]] tables");
            return nullptr;
        }
        return a;
    }
};

// One table per enumeration: the names map.toml accepts are the names citemap writes.
constexpr std::pair<Modality, const char*> kModalities[] = {{Modality::reported, "reported"},
                                                            {Modality::plan, "plan"},
                                                            {Modality::projection, "projection"},
                                                            {Modality::denial, "denial"}};
constexpr std::pair<LayerRole, const char*> kRoles[] = {{LayerRole::land, "land"},
                                                        {LayerRole::sea, "sea"},
                                                        {LayerRole::outline, "outline"},
                                                        {LayerRole::boundary, "boundary"},
                                                        {LayerRole::localities, "localities"}};

template <typename E, std::size_t N>
std::optional<E> parse_name(const std::pair<E, const char*> (&table)[N], std::string_view s) {
    for (const auto& [value, name] : table)
        if (s == name)
            return value;
    return std::nullopt;
}

template <typename E, std::size_t N> const char* name_of(const std::pair<E, const char*> (&table)[N], E e) {
    for (const auto& [value, name] : table)
        if (value == e)
            return name;
    return table[0].second;
}

std::optional<Modality> parse_modality(std::string_view s) {
    return parse_name(kModalities, s);
}
std::optional<LayerRole> parse_role(std::string_view s) {
    return parse_name(kRoles, s);
}

constexpr std::pair<TargetKind, const char*> kTargets[] = {
    {TargetKind::zone, "zone"}, {TargetKind::line, "line"}, {TargetKind::place, "place"}};

// [[zone]]: a zone computed from other geometry. Exactly one base, then intersect and minus.
ZoneRecipe read_zone_recipe(Reader& r, const toml::node& n) {
    const toml::table& t = *n.as_table();
    const std::size_t errors_before = r.error_count();
    r.known_keys(t, kZoneTable, "[[zone]]", true);
    ZoneRecipe z;
    z.where = r.where(n);
    z.id = r.str(t, "id", true, "[[zone]]");
    const std::string what = "[[zone]] '" + z.id + "'";
    z.name = r.str(t, "name", true, what);
    z.props = r.name_tags(t, what);
    z.part_of = r.name_ref(t, "part_of", what);
    z.overlaps = r.name_list(t, "overlaps", what);
    int bases = 0;
    if (const toml::table* f = r.subtable(t, "from", "from = { layer = \"Governorates\", where = { name = \"Rafah\" } }")) {
        ++bases;
        r.known_keys(*f, kFromTable, "from = { ... }");
        z.from_layer = r.name_ref(*f, "layer", what);
        if (z.from_layer.name.empty() && !f->contains("layer"))
            r.diags.error(r.where(*t.get("from")), what + ": 'from' needs layer = \"...\"",
                          "name a [[layer]] by its name, e.g. from = { layer = \"Governorates\", where = { name = \"Rafah\" } }");
        if (const toml::table* w = r.subtable(*f, "where", "where = { name = \"Rafah\" }")) {
            for (auto&& [k, v] : *w) {
                if (auto sv = v.value<std::string>())
                    z.from_where.emplace_back(std::string(k.str()), *sv);
                else if (auto iv = v.value<int64_t>())
                    z.from_where.emplace_back(std::string(k.str()), std::to_string(*iv));
                else
                    r.diags.error(r.where(v), "'where' values must be strings or integers");
            }
            if (z.from_where.empty())
                r.diags.error(r.where(*f->get("where")), "'where' is empty", "for example where = { name = \"Rafah\" }");
        }
    }
    if (const toml::table* sd = r.subtable(t, "side", "side = { of = \"withdrawal-line\", toward = \"east\" }")) {
        ++bases;
        r.known_keys(*sd, kSideTable, "side = { ... }");
        z.side_of = r.name_ref(*sd, "of", what);
        z.side_within = r.name_ref(*sd, "within", what);
        z.side_toward = r.str(*sd, "toward", true, what + " side");
        if (!sd->contains("of"))
            r.diags.error(r.where(*t.get("side")), what + ": 'side' needs of = \"<line id>\"");
        static const std::vector<std::string> dirs{"east", "west", "north", "south"};
        if (!z.side_toward.empty() && std::find(dirs.begin(), dirs.end(), z.side_toward) == dirs.end())
            r.diags.error(r.where(*sd->get("toward")), "toward must be \"east\", \"west\", \"north\" or \"south\"",
                          did_you_mean(z.side_toward, dirs) + "the side of the line the zone lies on, in lower case");
    }
    if (const toml::table* b = r.subtable(t, "buffer", "buffer = { of = \"withdrawal-line\", km = 1.5 }")) {
        ++bases;
        r.known_keys(*b, kBufferTable, "buffer = { ... }");
        z.buffer_of = r.name_ref(*b, "of", what);
        if (!b->contains("of"))
            r.diags.error(r.where(*t.get("buffer")), what + ": 'buffer' needs of = \"<line, border or zone>\"");
        const auto km = r.number(*b, "km");
        if (!km && !b->contains("km") && !r.misspelt(*b, "km"))
            r.diags.error(r.where(*t.get("buffer")), what + ": 'buffer' needs km = <width>", "for example km = 1.5");
        else if (!km)
            ; // not a number: reported by number()
        else if (*km <= 0 || *km > 1000)
            r.diags.error(r.where(*b->get("km")), "km must be more than 0 and at most 1000");
        else
            z.buffer_km = *km;
    }
    if (t.contains("rest_of")) {
        ++bases;
        z.rest_of = r.name_ref(t, "rest_of", what);
    }
    z.unite = r.name_list(t, "union", what);
    if (t.contains("union"))
        ++bases;
    z.intersect = r.name_list(t, "intersect", what);
    z.minus = r.name_list(t, "minus", what);
    if (bases > 1)
        r.diags.error(z.where, what + " has more than one of from, side, buffer, rest_of and union",
                      "give one of them, then narrow it with intersect = [...] or minus = [...]");
    if (bases == 0 && z.intersect.empty())
        r.diags.error(z.where, what + " does not say where it is",
                      "give one of from, side, buffer, rest_of, union or intersect (see docs/map-toml.md)");
    // A recipe with a mistake is not evaluated: its error is the one message, with no follow-on ones.
    z.broken = r.error_count() > errors_before;
    return z;
}

// [[line]] and [[place]]: from a file or inline coordinates.
FeatureSpec read_feature(Reader& r, const toml::node& n, bool line) {
    const char* what = line ? "[[line]]" : "[[place]]";
    const toml::table& t = *n.as_table();
    r.known_keys(t, line ? kLineTable : kPlaceTable, what, true);
    FeatureSpec f;
    f.where = r.where(n);
    f.id = r.str(t, "id", true, what);
    f.name = r.str(t, "name", true, what);
    f.props = r.name_tags(t, what);
    const toml::node* file = t.get("file");
    const toml::node* coords = t.get("coordinates");
    if (file) {
        f.file_as_written = r.str(t, "file", false, what);
        f.file = r.input_path(f.file_as_written, *file);
    }
    f.layer_name = r.str(t, "layer_name", false, what, 200);
    if (!f.layer_name.empty() && !file)
        r.diags.error(r.where(*t.get("layer_name")), "layer_name without file",
                      "add file = \"...\" naming the multi-layer file, or remove layer_name");
    auto pair = [&](const toml::node& p) -> std::optional<std::pair<double, double>> {
        const toml::array* a = p.as_array();
        if (a && a->size() == 2) {
            auto lon = (*a)[0].value<double>(), lat = (*a)[1].value<double>();
            if (lon && lat && *lon >= -180 && *lon <= 180 && *lat >= -90 && *lat <= 90)
                return std::make_pair(*lon, *lat);
        }
        r.diags.error(r.where(p), "a coordinate must be [longitude, latitude] in degrees",
                      "for example [34.46, 31.50]: longitude first");
        return std::nullopt;
    };
    if (coords) {
        const toml::array* a = coords->as_array();
        if (!line) {
            if (auto p = pair(*coords))
                f.coordinates.push_back(*p);
        } else if (!a || a->size() < 2) {
            r.diags.error(r.where(*coords), "a line's coordinates must be a list of at least two [lon, lat] points",
                          "for example coordinates = [[34.50, 31.60], [34.20, 31.30]]");
        } else {
            for (const toml::node& p : *a)
                if (auto c = pair(p))
                    f.coordinates.push_back(*c);
        }
    }
    if (const toml::node* clip = line ? t.get("clip") : nullptr) {
        const std::string c = r.str(t, "clip", false, what);
        if (c == "land")
            f.clip = LineClip::land;
        else if (c == "outline")
            f.clip = LineClip::outline;
        else if (c != "frame")
            r.diags.error(r.where(*clip), "unknown clip '" + c + "'",
                          "use clip = \"outline\" to stop the line at the outline, \"land\" at the coast, "
                          "or leave it out");
    }
    if (const toml::node* water = line ? t.get("water") : nullptr) {
        // Kept with the line's properties (as its name_<tag>s): only its label asks.
        if (const auto w = water->value<bool>())
            f.props["water"] = *w ? "true" : "false";
        else
            r.diags.error(r.where(*water), "water must be true or false",
                          "water = true for a river, canal or other water (its name is set in blue), or leave it out");
    }
    if (!file == !coords)
        r.diags.error(f.where, std::string(what) + " '" + f.id + "' needs either file or coordinates",
                      line ? "file = \"withdrawal-line.geojson\" (a drawn LineString) or coordinates = [[lon, lat], ...]"
                           : "file = \"places.geojson\" or coordinates = [lon, lat]");
    return f;
}

} // namespace

const char* to_string(TargetKind k) {
    return name_of(kTargets, k);
}

const char* to_string(Modality m) {
    return name_of(kModalities, m);
}
const char* to_string(LayerRole r) {
    return name_of(kRoles, r);
}

const StatusSpec* MapSpec::status(std::string_view key) const {
    auto it =
        std::find_if(statuses.begin(), statuses.end(), [&](const StatusSpec& s) { return s.key == key; });
    return it == statuses.end() ? nullptr : &*it;
}

const SourceSpec* MapSpec::source(std::string_view id) const {
    auto it = std::find_if(sources.begin(), sources.end(), [&](const SourceSpec& s) { return s.id == id; });
    return it == sources.end() ? nullptr : &*it;
}

MapSpec parse_spec(std::string_view text, const std::filesystem::path& project_dir,
                   const std::string& file_label, Diagnostics& diags) {
    check_toml_bounds(text, file_label);
    // toml++ says "invalid utf-8 sequence" and the hint would be about TOML syntax; an editor saved
    // the file in another encoding.
    require_utf8(text, file_label, "map.toml");
    toml::table root;
    try {
        root = toml::parse(text, file_label);
    } catch (const toml::parse_error& e) {
        const auto& b = e.source().begin;
        throw Error({file_label, static_cast<int>(b.line), static_cast<int>(b.column), {}},
                    "invalid TOML: " + std::string(e.description()),
                    "fix the syntax at this position (strings in \"quotes\", one key = value per line)");
    }

    Reader r{project_dir, file_label, diags};
    MapSpec spec;
    spec.dir = project_dir;
    spec.file = project_dir / "map.toml";

    r.known_keys(root, kTopTable);
    // Declared before any path is read: every file is checked against the project and these folders.
    if (const toml::node* n = root.get("shared")) {
        const toml::array* arr = n->as_array();
        if (!arr)
            diags.error(r.where(*n), "'shared' must be an array of folder names", "write shared = [\"../base\"]");
        static const toml::array none;
        for (const toml::node& e : arr ? *arr : none) {
            const auto s = e.value<std::string>();
            if (!s) {
                diags.error(r.where(e), "each shared folder must be a string", "write shared = [\"../base\"]");
            } else if (auto problem = shared_folder_problem(project_dir, *s)) {
                diags.error(r.where(e), problem->message, problem->hint);
            } else {
                spec.shared.push_back(std::filesystem::path(*s).lexically_normal());
                r.paths.shared.push_back(spec.shared.back());
            }
        }
    }
    spec.title = r.str(root, "title", true, "map.toml", 200);
    spec.subtitle = r.str(root, "subtitle", false, "map.toml", 300);
    spec.crs = r.str(root, "crs", false, "map.toml", 200);
    spec.crs_where = {spec.file.string(), 0, 0, "crs"};
    if (const toml::node* n = root.get("crs"))
        spec.crs_where = r.where(*n);
    spec.note = r.str(root, "note", false, "map.toml", 600);
    if (auto m = r.match_mode(root))
        spec.match = *m;
    if (auto l = r.labels(root))
        spec.labels = *l;
    spec.lang = r.lang(root);
    if (const toml::node* n = root.get("scale_units")) {
        const auto u = n->value<std::string>();
        if (u == "km")
            spec.scale_units = ScaleUnits::km;
        else if (u == "mi")
            spec.scale_units = ScaleUnits::mi;
        else if (u == "km+mi")
            spec.scale_units = ScaleUnits::km_mi;
        else
            diags.error(r.where(*n), "scale_units must be \"km\", \"mi\" or \"km+mi\"");
    }
    if (auto t = r.theme(root); !t.empty())
        spec.theme = t;

    if (const toml::array* arr = r.table_array(root, "source")) {
        for (const toml::node& n : *arr) {
            const toml::table& t = *n.as_table();
            r.known_keys(t, kSourceTable);
            SourceSpec s;
            s.where = r.where(n);
            s.id = r.str(t, "id", true, "[[source]]", 100);
            s.file_as_written = r.str(t, "file", true, "[[source]]");
            if (const toml::node* f = t.get("file"))
                s.file = r.input_path(s.file_as_written, *f);
            s.title = r.str(t, "title", true, "[[source]]", 400);
            s.published = r.date(t, "published", "[[source]]");
            s.publisher = r.str(t, "publisher", false, "[[source]]", 200);
            s.url = r.str(t, "url", false, "[[source]]", 200'000);
            if (auto why = s.url.empty() ? std::nullopt : url_problem(s.url)) {
                r.diags.error(r.where(*t.get("url")), "url \"" + shown(s.url) + "\" is refused: " + *why,
                              "give the source's http(s) address, or its DOI as \"doi:10.…\"");
                s.url.clear();
            }
            s.accessed = r.date(t, "accessed", "[[source]]");
            s.author = r.str(t, "author", false, "[[source]]", 200);
            if (spec.source(s.id))
                diags.error(s.where, "source id '" + s.id + "' is used twice",
                            "give each [[source]] its own id");
            spec.sources.push_back(std::move(s));
        }
    }
    if (spec.sources.empty())
        diags.error({file_label, 1, 1, {}}, "no [[source]]", "name the cited text in a [[source]] table");

    if (const toml::array* arr = r.table_array(root, "zone"))
        for (const toml::node& n : *arr)
            spec.derived_zones.push_back(read_zone_recipe(r, n));
    if (const toml::array* arr = r.table_array(root, "line"))
        for (const toml::node& n : *arr)
            spec.lines.push_back(read_feature(r, n, true));
    if (const toml::array* arr = r.table_array(root, "place"))
        for (const toml::node& n : *arr)
            spec.places.push_back(read_feature(r, n, false));

    if (const toml::node* n = root.get("zones")) {
        if (const toml::table* t = n->as_table()) {
            r.known_keys(*t, kZonesTable);
            spec.zones_where = r.where(*n);
            spec.zones_file_as_written = r.str(*t, "file", true, "[zones]");
            if (const toml::node* f = t->get("file")) {
                spec.zones_where = r.where(*f);
                spec.zones_file = r.input_path(spec.zones_file_as_written, *f);
            }
            spec.zones_layer_name = r.str(*t, "layer_name", false, "[zones]", 200);
        } else {
            diags.error(r.where(*n), "zones must be a table",
                        "write [zones] and file = \"zones.geojson\" under it");
        }
    } else if (spec.derived_zones.empty()) {
        diags.error({file_label, 1, 1, {}}, "no zones: neither a [zones] file nor a [[zone]] table",
                    "add [zones] with file = \"zones.geojson\", or [[zone]] tables made from lines and layers");
    }
    if (spec.note.empty()) {
        const PanelWords& w = panel_words(spec.lang);
        spec.note = spec.derived_zones.empty() ? w.note_drawn : spec.zones_file.empty() ? w.note_derived : w.note_both;
    }

    if (const toml::array* arr = r.table_array(root, "layer")) {
        for (const toml::node& n : *arr) {
            const toml::table& t = *n.as_table();
            r.known_keys(t, kLayerTable);
            LayerSpec l;
            l.where = r.where(n);
            l.file_as_written = r.str(t, "file", true, "[[layer]]");
            if (const toml::node* f = t.get("file"))
                l.file = r.input_path(l.file_as_written, *f);
            l.layer_name = r.str(t, "layer_name", false, "[[layer]]", 200);
            const std::string role = r.str(t, "role", true, "[[layer]]");
            if (auto pr = parse_role(role))
                l.role = *pr;
            else if (!role.empty())
                diags.error(r.where(*t.get("role")), "unknown layer role '" + role + "'",
                            "use land, sea, outline, boundary or localities");
            l.name = r.str(t, "name", false, "[[layer]]", 120);
            if (l.name.empty())
                l.name = std::filesystem::path(l.file_as_written).stem().string();
            l.credit = r.str(t, "credit", false, "[[layer]]", 400);
            // Lines drawn past the coast (old survey lines, maritime claims drawn loosely) can stop at it.
            const std::string clip = r.str(t, "clip", false, "[[layer]]");
            if (clip == "land")
                l.clip_to_land = true;
            else if (!clip.empty() && clip != "frame")
                diags.error(r.where(*t.get("clip")), "unknown clip '" + clip + "'",
                            "use clip = \"land\" to stop the layer's lines at the coast, or leave it out");
            spec.layers.push_back(std::move(l));
        }
    }

    if (const toml::node* n = root.get("status")) {
        const toml::table* t = n->as_table();
        if (!t) {
            diags.error(r.where(*n), "status must be written as [status.KEY] tables");
        } else {
            // toml++ keeps keys sorted; the legend follows the order the author wrote them in.
            std::vector<std::pair<Where, std::string>> ordered;
            for (auto&& [k, v] : *t)
                ordered.emplace_back(r.where(v), std::string(k.str()));
            std::sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) {
                return std::tie(a.first.line, a.first.column) < std::tie(b.first.line, b.first.column);
            });
            for (const auto& [w, key] : ordered) {
                const toml::table* st = t->get(key)->as_table();
                if (!st) {
                    diags.error(w, "status." + key + " must be a table with label and color");
                    continue;
                }
                r.known_keys(*st, kStatusTable, "[status." + key + "]");
                StatusSpec s{key, r.str(*st, "label", true, "[status." + key + "]", 120),
                             r.str(*st, "color", false, "[status." + key + "]", 200'000), w, {}};
                if (!s.color.empty() && !is_hex_color(s.color))
                    diags.error(r.where(*st->get("color")), "color '" + shown(s.color) + "' is not #rrggbb",
                                "write a hex colour such as \"#c0392b\"");
                s.compatible_with = r.name_list(*st, "compatible_with", "[status." + key + "]");
                spec.statuses.push_back(std::move(s));
            }
        }
    }
    auto status_keys = [&spec] {
        std::vector<std::string> keys;
        for (const StatusSpec& s : spec.statuses)
            keys.push_back(s.key);
        return keys;
    };
    for (const StatusSpec& s : spec.statuses)
        for (const NameRef& other : s.compatible_with)
            if (!spec.status(other.name))
                diags.error(other.where, "compatible_with names unknown status '" + other.name + "'",
                            did_you_mean(other.name, status_keys()) + "name a [status.KEY] of this map.toml (" +
                                name_list(status_keys()) + ")");
    if (spec.statuses.empty())
        diags.error({file_label, 1, 1, {}}, "no [status.*] tables", "define at least one status");
    // A legend of more statuses fits no page, and no reader tells that many colours apart.
    constexpr std::size_t kMaxStatuses = 40;
    if (spec.statuses.size() > kMaxStatuses)
        diags.error(spec.statuses[kMaxStatuses].where,
                    "more than " + std::to_string(kMaxStatuses) + " statuses (" +
                        std::to_string(spec.statuses.size()) + ")",
                    "a legend can show about a dozen; merge statuses that a reader need not tell apart");

    if (const toml::array* arr = r.table_array(root, "claim")) {
        for (const toml::node& n : *arr) {
            const toml::table& t = *n.as_table();
            r.known_keys(t, kClaimTable);
            ClaimSpec c;
            c.where = r.where(n);
            int targets = 0;
            for (auto [kind, key] : kTargets)
                if (t.contains(key)) {
                    ++targets;
                    c.target = kind;
                    c.zone = r.str(t, key, false, "[[claim]]", 200);
                    c.target_where = r.where(*t.get(key));
                }
            if (targets != 1)
                diags.error(c.where,
                            targets ? "[[claim]] names more than one of zone, line and place"
                                    : "[[claim]] has no 'zone'",
                            "say what the claim is about: zone = \"...\", line = \"...\" or place = \"...\"");
            c.status = r.str(t, "status", true, "[[claim]]");
            if (!c.status.empty() && !spec.status(c.status)) {
                const std::vector<std::string> keys = status_keys();
                diags.error(r.where(*t.get("status")), "unknown status '" + c.status + "'",
                            did_you_mean(c.status, keys) + "use a [status.KEY] defined in map.toml (" +
                                name_list(keys) + ") or define [status." + c.status + "]");
            }
            const std::string m = r.str(t, "modality", true, "[[claim]]");
            if (auto pm = parse_modality(m))
                c.modality = *pm;
            else if (!m.empty())
                diags.error(r.where(*t.get("modality")), "unknown modality '" + m + "'",
                            "use reported, plan, projection or denial");
            c.attributed_to = r.str(t, "attributed_to", true, "[[claim]]", 200);
            c.since = r.date(t, "since", "[[claim]]");
            c.until = r.date(t, "until", "[[claim]]");
            // ISO dates order as strings; a month ("2025-06") is compared with a day of it as its start.
            if (!c.since.empty() && !c.until.empty() && c.until.substr(0, c.since.size()) < c.since)
                diags.error(r.where(*t.get("until")),
                            "'until' (" + c.until + ") is before 'since' (" + c.since + ")",
                            "a claim holds from 'since' to 'until', that day included: swap the two dates");
            c.cites = r.citations(t, "[[claim]] for zone '" + c.zone + "'", true);
            spec.claims.push_back(std::move(c));
        }
    }
    if (spec.claims.empty())
        diags.error({file_label, 1, 1, {}}, "no [[claim]]", "add one [[claim]] per statement of the text");

    if (const toml::array* arr = r.table_array(root, "check")) {
        for (const toml::node& n : *arr) {
            const toml::table& t = *n.as_table();
            r.known_keys(t, kCheckTable);
            CheckSpec c;
            c.where = r.where(n);
            if (const toml::array* z = t.get_as<toml::array>("zones"))
                for (const toml::node& zn : *z)
                    if (auto s = zn.value<std::string>())
                        c.zones.push_back(*s);
            if (c.zones.empty())
                diags.error(c.where, "[[check]] needs zones = [\"zone-id\", ...]");
            c.area_km2 = r.number(t, "area_km2");
            c.share_of = r.str(t, "share_of", !t.contains("area_km2"), "[[check]]");
            c.at_least = r.share(t, "at_least");
            c.at_most = r.share(t, "at_most");
            c.about = r.share(t, "about");
            if (c.area_km2) {
                c.tolerance = 0.1;
                if (!(*c.area_km2 > 0))
                    diags.error(r.where(*t.get("area_km2")), "area_km2 must be a positive number of km\u00B2",
                                "for \"about 38 square kilometres\" write area_km2 = 38");
                if (c.about || c.at_least || c.at_most || !c.share_of.empty())
                    diags.error(c.where, "[[check]] has area_km2 and a share",
                                "check an area (area_km2 = 38, with tolerance) or a share (share_of, about or "
                                "at_least/at_most), one per [[check]]");
            }
            if (auto tol = r.number(t, "tolerance")) {
                if (!t.contains("about") && !t.contains("area_km2"))
                    diags.error(r.where(*t.get("tolerance")), "tolerance applies only to about = ... or area_km2 = ...",
                                "remove it, or write about = 0.36 beside it");
                else if (*tol < 0 || *tol >= 1)
                    diags.error(r.where(*t.get("tolerance")),
                                c.area_km2 ? "tolerance must be a fraction of the area from 0 to 1"
                                           : "tolerance must be a share from 0 to 1",
                                c.area_km2 ? "for example 0.1 for ten percent either side"
                                           : "for example 0.05 for five percentage points either side");
                else
                    c.tolerance = *tol;
            }
            // Present but refused (nan, a percentage): its own error says so, not "needs about ...".
            if (!t.contains("at_least") && !t.contains("at_most") && !t.contains("about") && !t.contains("area_km2"))
                diags.error(c.where, "[[check]] needs about, at_least, at_most or area_km2",
                            "for \"about 36 percent\" write about = 0.36; for \"about 38 square kilometres\" "
                            "area_km2 = 38");
            if (c.about && (c.at_least || c.at_most))
                diags.error(c.where, "[[check]] has both about and at_least/at_most",
                            "use about = 0.36 (with tolerance) or a range, not both");
            c.cites = r.citations(t, "[[check]]", false);
            if (!c.cites.empty())
                c.quote = c.cites.front().quote;
            spec.checks.push_back(std::move(c));
        }
    }

    if (const toml::array* arr = r.table_array(root, "output")) {
        for (const toml::node& n : *arr) {
            const toml::table& t = *n.as_table();
            r.known_keys(t, kOutputTable);
            OutputSpec o;
            o.name = r.str(t, "name", true, "[[output]]", 200'000);
            o.page = r.str(t, "page", true, "[[output]]", 200'000);
            o.where = r.where(t.get("page") ? *t.get("page") : n);
            o.labels = r.labels(t);
            o.theme = r.theme(t);
            o.panel = r.str(t, "panel", false, "[[output]]");
            if (!o.panel.empty() && o.panel != "auto" && o.panel != "beside" && o.panel != "below")
                diags.error(r.where(*t.get("panel")), "unknown panel '" + o.panel + "'",
                            "use panel = \"beside\" (title, legend and citations beside the map), \"below\" or \"auto\"");
            if (const toml::node* zn = t.get("zones")) {
                const toml::array* ids = zn->as_array();
                if (!ids || ids->empty())
                    diags.error(r.where(*zn), "[[output]] zones must be a list of zone ids, not empty",
                                "write zones = [\"north\", \"harbour\"]: the zones (or [[line]]/[[place]] ids) this "
                                "output shows with their claims; leave it out to show every one");
                else
                    for (const toml::node& id : *ids) {
                        if (auto s = id.value<std::string>(); s && !s->empty()) {
                            o.zones.push_back(*s);
                            o.zones_where.push_back(r.where(id));
                        } else {
                            diags.error(r.where(id), "[[output]] zones holds something that is not a zone id",
                                        "write each id as a string: zones = [\"north\", \"harbour\"]");
                        }
                    }
            }
            if (!is_file_stem(o.name))
                diags.error(r.where(t.get("name") ? *t.get("name") : n), "output name '" + shown(o.name) + "' is not a plain file stem",
                            "use letters, digits, '-', '_' and '.', e.g. \"map-a3\"");
            spec.outputs.push_back(std::move(o));
        }
    }
    if (spec.outputs.empty()) {
        OutputSpec o;
        o.page = r.str(root, "page", false, "map.toml", 200'000);
        if (const toml::node* pn = root.get("page"))
            o.where = r.where(*pn);
        if (o.page.empty())
            o.page = "a4-landscape";
        spec.outputs.push_back(o);
    }
    // Pages are checked here, with their line, so check refuses what render would.
    for (const OutputSpec& o : spec.outputs)
        if (!parse_page(o.page))
            diags.error(o.where.line ? o.where : Where{file_label, 1, 1, {}}, page_error(o.page, shown(o.page)),
                        page_help());
    return spec;
}

MapSpec read_spec(const std::filesystem::path& project_dir, Diagnostics& diags) {
    const auto file = project_dir / "map.toml";
    std::error_code ec;
    const auto status = std::filesystem::status(file, ec);
    if (!ec && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status))
        throw Error({file.string(), 0, 0, {}}, "map.toml is not a regular file",
                    "a project is a folder with a map.toml text file in it");
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw Error({file.string(), 0, 0, {}}, "cannot open the project file",
                    "a project is a folder with map.toml in it; check the path");
    // Read one byte past the bound, so an endless or huge file stops here and the bound reports it.
    std::string text(kMaxSpecBytes + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    return parse_spec(text, project_dir, file.string(), diags);
}

} // namespace citemap

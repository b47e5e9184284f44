// The words citemap itself prints around a map (panel, legend, claim titles, credits, companions) in
// each language map.toml's `lang` may name. The tables are in panel_words.cpp: a translator adds a
// language by copying English's table and adding it to the list there.
#pragma once

#include <array>
#include <initializer_list>
#include <string>
#include <string_view>

namespace citemap {

// "{}" in a pattern stands for the next argument of fill(), in order.
struct PanelWords {
    std::string_view code, name; // "fr", "French"

    // Typography: quotation marks (with their inner spaces) and the space before a colon or a
    // semicolon (French sets a narrow no-break space before : ; ! ?).
    std::string_view open_quote, close_quote;
    // The marks of a quote within a quote (the second level) and within that (the third), whatever
    // marks the source used: English “…‘…“…”…’…”, German „…‚…„…“…‘…“, French « … “…‘…’…” … »,
    // Spanish «…“…‘…’…”…» (RAE). sources/quote_marks.hpp sets them.
    std::string_view inner_open, inner_close, third_open, third_close;
    std::string_view colon, semicolon; // ": ", "; "
    std::string_view and_word;         // " and ": "claims 1, 2 and 3"
    // Dates: "{day} {month} {year}" and "{month} {year}"; the first of a month may have its own
    // form ("1er" in French).
    std::array<std::string_view, 12> months;
    std::string_view date, month_year, first_day;

    // Modalities, in Modality's order (reported, plan, projection, denial): as the citation's second
    // line and the companions say them ("reported"), and as the legend's headings ("Reported").
    std::array<std::string_view, 4> modality, modality_heading;
    std::string_view attributed; // "{modality}, attributed to {who}"
    std::string_view since;      // "; since {date}"
    std::string_view until;      // "; until {date}"
    std::string_view from_to;    // "; from {date} to {date}"

    // Claim titles and legend rows.
    std::string_view zone_status;      // "{zone}: {status}"
    std::string_view zone_dash_status; // "{zone} — {status}"
    std::string_view denied_by;        // "Denied by {who}: {what}"
    std::string_view denied_by_count;  // "Denied by {n} sources: {status}"
    std::string_view a_source;         // who, when a denial names no one
    std::string_view plan, projection; // "Plan: {what}"
    std::string_view contested_by_one, contested_by_many; // " (contested by claim {n})"
    // Alt text: "{zone} is contested between sources: {side}; {side}", each side "{status} according
    // to {sources} (claims {n})", or for a denial "{status} denied by {sources} (claim {n})".
    std::string_view contested_zone, contest_side_one, contest_side_many;
    std::string_view contest_denial_one, contest_denial_many;
    // Alt text's geography: the ninths of the zones' extent (north-west to south-east, row by row),
    // "in the {}", the same ninths with their article ("the north", German "das Zentrum" but "der
    // Norden": one pattern "der {}" wrote "der Zentrum", audit s19 D11), and its sentences.
    std::array<std::string_view, 9> compass;
    std::string_view in_the;
    std::array<std::string_view, 9> compass_the;
    std::string_view where_zones_lie, lies_inside, in_parts, by_status;

    // The legend.
    std::string_view legend, other_symbols, band_heading;
    std::string_view outer_edge, edge_band, edge; // "{row} (outer edge)"
    std::string_view nested, square;
    std::string_view overlap_shows; // a zone showing through another over it (map_layers.cpp)
    std::string_view conflict, contested, conflict_or_contested;
    std::string_view number_in_caption, number_listed; // "Claim number: its citation is listed {where}"
    std::string_view below, at_right, below_and_at_right, at_left, overleaf, or_following_sheets, badge_shows;
    // The key of bands in two parts: reported in colour / in print, the other modalities, and what
    // follows those ("{way}, in the status's colour").
    std::string_view band_reported_colour, band_reported_print;
    std::array<std::string_view, 3> band_way; // plan, projection, denial
    std::string_view in_colour, in_shade;

    // The citation list and its continuation on further sheets.
    std::string_view citations, continued;     // "Claims and citations", "{heading} (continued)"
    std::string_view continues_one, continue_many; // "The citation of claim {n} continues {sheets}."
    std::string_view on_sheet, on_sheets;      // "on sheet {n}", "on sheets {from}–{to}"
    std::string_view sentence_mark;            // "s": "¶2 s1"

    // The credits, and their note when map.toml has none: zones drawn by hand, derived ([[zone]]), or both.
    std::string_view source, sources, base_data, made_with;
    // A card's front whose back holds the citations and credits, or the legend too: "Sources overleaf."
    std::string_view sources_overleaf, legend_overleaf;
    std::string_view note_drawn, note_derived, note_both;

    // The companions.
    std::string_view citations_md_title, citations_md_intro, sources_heading;
    std::string_view paragraph_sentence, to_sentence, to; // "paragraph {p}, sentence {s}"
    std::string_view map, claims, hover_hint;             // article.html
    std::string_view scaffold_subtitle; // `citemap new`'s map.toml: "Zones as claimed in one text"

    // Numbers and coordinates on the map: the decimal mark ("." or ","), the compass letters a
    // coordinate takes (north, east, south, west: German "O" for Ost, French and Spanish "O" for ouest,
    // oeste), and "{number}°{letter}" ("67,5° O").
    std::string_view decimal_mark;
    std::array<std::string_view, 4> coordinate_sides;
    std::string_view degrees;
    // The scale bar where the scale changes across the frame: its note ("scale {true at ...}") and
    // title ("Scale bar, {true at ...}"); "true at {parallel}" or "true at the map centre".
    std::string_view scale_note, scale_bar_title, true_at, true_at_centre;
    // Tooltips (SVG titles, which screen readers read and article.html shows on hover).
    std::string_view north_arrow_title, locator_title, detail_title; // "..., magnified {n} times"
    std::string_view claim_marker_title;                             // "Claim {n}: see the citation list"
    std::string_view conflict_title, contested_title;                // "Contested between sources: {zone}"
    // A continuation sheet's title: "{title} — citations continued, {sheet n of m}".
    std::string_view continued_sheet_title, sheet_of;
    // The alt text: "Map: {title}. ", each claim "{title} ({who}, claim {n}). ", each conflict, and the
    // end of a list cut short (" and {n} more").
    std::string_view alt_map, alt_claim, alt_conflict, more;
    // PDF metadata: subject and keywords.
    std::string_view pdf_subject, pdf_keywords;
    // Articles a name drops after the attribution's preposition: German "laut" takes a name without
    // its article ("laut Kantonsregierung"); the nominative the user wrote ("laut die
    // Kantonsregierung") would be wrong. Space-separated; empty in languages that keep the article.
    std::string_view dropped_articles;
};

enum class Modality; // spec/map_spec.hpp: reported, plan, projection, denial

[[nodiscard]] const PanelWords& english_words();
// The table of `code`, or null when there is none.
[[nodiscard]] const PanelWords* find_panel_words(std::string_view code);
// The table of `code`, English when there is none (map.toml's reader refused the code already).
[[nodiscard]] const PanelWords& panel_words(std::string_view code);
// "en (English), fr (French), ...", for the error naming an unknown code.
[[nodiscard]] std::string known_panel_languages();

// A modality as the citation's second line says it ("reported", "dementiert").
[[nodiscard]] std::string_view modality_word(const PanelWords& words, Modality m);
// `who` as the attribution patterns (attributed, denied_by) take it: without the article the
// language drops there ("die Kantonsregierung" → "Kantonsregierung" in German).
[[nodiscard]] std::string attribution_name(const PanelWords& words, std::string_view who);
// "{Modality}, attributed to {who}" ("Reported, attributed to the police"; German "Berichtet, laut
// Polizei"), the modality capitalised when `capital`.
[[nodiscard]] std::string attributed(const PanelWords& words, Modality m, std::string_view who, bool capital = false);
// `v` with the language's decimal mark ("67,5"): printed as %g.
[[nodiscard]] std::string decimal_number(double v, const PanelWords& words);

// `pattern` with each "{}" replaced by the next of `args`.
[[nodiscard]] std::string fill(std::string_view pattern, std::initializer_list<std::string_view> args);

// An ISO date ("2024-03-03", "2024-03", "2024") as the language writes it: "3 Mar 2024",
// "3 mars 2024", "3. März 2024", "3 de marzo de 2024"; anything else as it is.
[[nodiscard]] std::string format_date(const std::string& iso, const PanelWords& words = english_words());
// When a claim holds, as the words after its attribution ("; since 10 October 2025", "; from 3 June 2025
// to 30 June 2025"); empty when the claim gives neither date.
[[nodiscard]] std::string claim_period(const PanelWords& words, const std::string& since, const std::string& until);

} // namespace citemap

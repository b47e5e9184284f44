// Claim titles and legend wording (see claim_wording.hpp for examples).
#include "layout/claim_wording.hpp"

#include "sources/utf8.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace citemap {

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

} // namespace

std::string claim_title(const Project& p, const Claim& c) {
    const PanelWords& w = panel_words(p.spec.lang);
    const Zone* z = p.geo.target(c.spec->zone);
    const std::string zone = utf8::isolate_rtl(z ? z->name : c.spec->zone);
    const std::string status = utf8::isolate_rtl(c.status ? c.status->label : c.spec->status);
    // A name that is the status, or begins with it as whole words ("Demilitarised strip" of status
    // "Demilitarised"), already says it: "Demilitarised strip: Demilitarised" only repeated it.
    const std::string z_low = lower(zone), s_low = lower(status);
    const bool same = z_low == s_low || (!s_low.empty() && z_low.rfind(s_low + " ", 0) == 0);
    // The status as written: a label may start with a name ("Koro fishing crews"), which no rule can
    // tell from a capitalised word. Reported claims read "Zone: Status"; after a modality that
    // already ends in a colon, zone and status are joined by a dash so no title stacks two colons.
    const std::string what = same ? zone : fill(w.zone_dash_status, {zone, status});
    // A contested claim (a report, or a denial of what another source reports) names the claims that
    // contradict it, so each side's citation leads to the other's wherever a citation is read (panel,
    // citations.md, captions, alt text).
    std::string against;
    const std::vector<int> others = contested_by(p, c);
    for (std::size_t i = 0; i < others.size(); ++i)
        against += (i == 0 ? "" : i + 1 == others.size() ? std::string(w.and_word) : ", ") + std::to_string(others[i]);
    if (!others.empty())
        against = fill(others.size() > 1 ? w.contested_by_many : w.contested_by_one, {against});
    switch (c.spec->modality) {
    case Modality::reported:
        return (same ? zone : fill(w.zone_status, {zone, status})) + against;
    case Modality::denial:
        return fill(w.denied_by, {utf8::isolate_rtl(attribution_name(w, c.spec->attributed_to)), what}) + against;
    case Modality::plan:
        return fill(w.plan, {what});
    case Modality::projection:
        return fill(w.projection, {what});
    }
    return what;
}

std::string legend_wording(const StatusSpec& status, Modality m, const std::string& deniers, const PanelWords& w) {
    // Each name in its own isolate: a Hebrew denier before a Hebrew status would read as one
    // right-to-left run with the colon between them.
    const std::string label = utf8::isolate_rtl(status.label);
    if (m == Modality::denial) {
        // Past two deniers a row names how many (each citation names who): e-quarrel's rows listed
        // four each, and 27 rows took 30 % of a 170 mm figure (audit s11).
        std::string who;
        std::size_t count = 0;
        for (std::size_t from = 0; from < deniers.size(); ++count) {
            const std::size_t at = std::min(deniers.find("; ", from), deniers.size());
            who += (count ? std::string(w.semicolon) : "") + utf8::isolate_rtl(attribution_name(w, deniers.substr(from, at - from)));
            from = at + 2;
        }
        if (count > 2)
            return fill(w.denied_by_count, {std::to_string(count), label});
        return fill(w.denied_by, {who.empty() ? w.a_source : who, label});
    }
    return label;
}

} // namespace citemap

// citations.md and the JSON listings: the numbered list exactly as on the map.
#include "layout/claim_wording.hpp"
#include "companions/companions.hpp"
#include "core/escape.hpp"
#include "layout/layout_context.hpp"
#include "sources/quote_location.hpp"
#include "sources/quote_marks.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace citemap {

namespace {

// The quote in bold inside the sentences it touches: its own sentence, or from the one it starts in to
// the one it ends in (a quote across a paragraph break, whose break printed_quote marks with a pilcrow).
// The source's characters as they are, marks included (README: citations.md is for checking).
std::string sentences_of(const ResolvedQuote& q) {
    const SourceText& src = *q.source;
    const std::size_t from = std::min(src.sentence_at(q.bytes.begin).begin, q.bytes.begin);
    const std::size_t to = std::max(src.sentence_at(q.bytes.end - 1).end, q.bytes.end);
    const std::string& t = src.text();
    // One line per citation: a hard-wrapped source's breaks are spaces here.
    return markdown_escape(printed_quote(t.substr(from, q.bytes.begin - from))) + "**" +
           markdown_escape(printed_quote(q.exact)) + "**" + markdown_escape(printed_quote(t.substr(q.bytes.end, to - q.bytes.end)));
}

nlohmann::json quote_json(const ResolvedQuote& q) {
    return {{"source", q.source->spec().id},
            {"exact", q.exact},
            {"start", q.start},
            {"end", q.end},
            {"paragraph", q.paragraph},
            {"sentence", q.sentence},
            {"end_paragraph", q.end_paragraph},
            {"end_sentence", q.end_sentence},
            {"normalized_match", q.normalized_only}};
}

} // namespace

std::string citations_markdown(const Project& p) {
    // Every input string is escaped: pandoc passes raw HTML in Markdown through into a report.
    const auto esc = [](std::string_view s) { return markdown_escape(s); };
    const PanelWords& w = panel_words(p.spec.lang);
    const std::string open(w.open_quote), close(w.close_quote);
    std::string md = "# " + fill(w.citations_md_title, {esc(p.spec.title)}) + "\n\n";
    md += std::string(w.citations_md_intro) + "\n\n";
    for (const Claim& c : p.claims) {
        md += std::to_string(c.number) + ". **" + esc(claim_title(p, c)) + "** (" +
              attributed(w, c.spec->modality, esc(c.spec->attributed_to)) +
              esc(claim_period(w, c.spec->since, c.spec->until)) + ")\n";
        for (const ResolvedQuote& q : c.quotes)
            md += "   - " + open + sentences_of(q) + close + " \u2014 " + esc(q.source->spec().title) + ", " +
                  quote_location_words(q, w) + "\n";
    }
    md += "\n## " + std::string(w.sources_heading) + "\n\n";
    for (const auto& s : p.sources) {
        const SourceSpec& sp = s.spec();
        // The URL is http(s) or doi: with no space, quote or angle bracket (checked when read).
        md += "- **" + esc(sp.id) + "**" + std::string(w.colon) + open + esc(with_inner_marks(sp.title, w)) + close +
              (sp.publisher.empty() ? "" : ", " + esc(sp.publisher)) +
              (sp.published.empty() ? "" : ", " + esc(format_date(sp.published, w))) +
              (sp.url.empty() ? "" : ", <" + sp.url + ">") + "\n";
    }
    return md;
}

std::string citations_json(const Project& p) {
    nlohmann::json j;
    j["title"] = p.spec.title;
    j["citations"] = nlohmann::json::array();
    for (const Claim& c : p.claims)
        for (const ResolvedQuote& q : c.quotes) {
            nlohmann::json e = quote_json(q);
            e["claim"] = c.number;
            e["zone"] = c.spec->zone;
            e["status"] = c.spec->status;
            e["modality"] = to_string(c.spec->modality);
            e["attributed_to"] = c.spec->attributed_to;
            j["citations"].push_back(e);
        }
    j["checks"] = nlohmann::json::array();
    for (const CheckResult& r : p.checks) {
        nlohmann::json e = {
            {"zones", r.spec->zones},   {"share_of", r.spec->share_of},     {"share", r.share},
            {"zones_km2", r.zones_km2}, {"reference_km2", r.reference_km2}, {"passed", r.passed}};
        e["quotes"] = nlohmann::json::array();
        for (const auto& q : r.quotes)
            e["quotes"].push_back(quote_json(q));
        j["checks"].push_back(e);
    }
    j["uncited_paragraphs"] = nlohmann::json::array();
    for (const SourceText& s : p.sources)
        for (std::size_t i = 0; i < s.paragraphs().size(); ++i) {
            bool cited = false;
            for (const Claim& c : p.claims)
                for (const ResolvedQuote& q : c.quotes)
                    cited |= q.source == &s && quote_touches_paragraph(q, static_cast<int>(i + 1));
            if (!cited)
                j["uncited_paragraphs"].push_back(
                    {{"source", s.spec().id}, {"paragraph", i + 1}, {"text", s.slice(s.paragraphs()[i])}});
        }
    return j.dump(2) + "\n";
}

std::string annotations_jsonld(const Project& p, const std::string& date_iso) {
    nlohmann::json page = {{"@context", nlohmann::json::array({"http://www.w3.org/ns/anno.jsonld",
                                                               {{"citemap", "urn:citemap:"}}})},
                           {"id", "annotations.jsonld"},
                           {"type", "AnnotationCollection"},
                           {"label", p.spec.title}};
    nlohmann::json items = nlohmann::json::array();
    const PanelWords& w = panel_words(p.spec.lang);
    // English annotations name the modality by its key ("denial"), as citemap:modality does.
    const auto attribution = [&](const Claim& c) {
        return &w == &english_words() ? fill(w.attributed, {to_string(c.spec->modality), c.spec->attributed_to})
                                      : attributed(w, c.spec->modality, c.spec->attributed_to);
    };
    for (const Claim& c : p.claims) {
        nlohmann::json targets = nlohmann::json::array();
        for (const ResolvedQuote& q : c.quotes) {
            const SourceSpec& s = q.source->spec();
            targets.push_back({{"source", s.url.empty() ? s.file_as_written : s.url},
                               {"selector",
                                {{{"type", "TextQuoteSelector"},
                                  {"exact", q.exact},
                                  {"prefix", q.prefix},
                                  {"suffix", q.suffix}},
                                 {{"type", "TextPositionSelector"}, {"start", q.start}, {"end", q.end}}}}});
        }
        items.push_back(
            {{"id", "#claim-" + std::to_string(c.number)},
             {"type", "Annotation"},
             {"motivation", "tagging"},
             {"created", date_iso},
             {"body",
              {{"type", "TextualBody"},
               {"purpose", "tagging"},
               {"format", "text/plain"},
               {"value", claim_title(p, c) + " (" + attribution(c) + ")"},
               {"citemap:zone", c.spec->zone},
               {"citemap:status", c.spec->status},
               {"citemap:modality", to_string(c.spec->modality)}}},
             {"target", targets.size() == 1 ? targets.front() : targets}});
    }
    page["first"] = {{"type", "AnnotationPage"}, {"items", items}};
    page["total"] = items.size();
    // Safe to paste into <script type="application/ld+json"> as it is.
    return json_for_html(page.dump(2)) + "\n";
}

} // namespace citemap

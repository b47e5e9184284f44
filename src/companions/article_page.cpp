// article.html: the map inline beside the article, every cited span highlighted and cross-linked.
// Self-contained (no external scripts, styles or fonts) so it works offline and in archives.
#include "layout/claim_wording.hpp"
#include "companions/companions.hpp"

#include "core/atomic_file.hpp"
#include "core/escape.hpp"
#include "layout/layout_context.hpp"
#include "sources/quote_location.hpp"
#include "sources/quote_marks.hpp"

#include <map>
#include <set>

namespace citemap {

namespace {

struct Span {
    std::size_t begin, end;
    int claim;
    std::string anchor;
};

// Quotes may overlap or nest; cut the paragraph at every boundary and mark each piece with every
// claim that covers it.
std::string highlighted(const SourceText& src, const TextRange& para, const std::vector<Span>& spans) {
    std::set<std::size_t> cuts{para.begin, para.end};
    for (const Span& s : spans)
        if (s.end > para.begin && s.begin < para.end) {
            cuts.insert(std::max(s.begin, para.begin));
            cuts.insert(std::min(s.end, para.end));
        }
    std::string out;
    std::size_t prev = para.begin;
    for (std::size_t cut : cuts) {
        if (cut <= prev)
            continue;
        std::string claims, anchors;
        for (const Span& s : spans) {
            if (s.begin == prev)
                anchors += "<a class=\"anchor\" id=\"" + s.anchor + "\"></a>";
            if (s.begin <= prev && s.end >= cut)
                claims += (claims.empty() ? "" : " ") + std::to_string(s.claim);
        }
        const std::string text = xml_escape(src.text().substr(prev, cut - prev));
        out += anchors;
        out += claims.empty() ? text : "<mark data-claims=\"" + claims + "\">" + text + "</mark>";
        prev = cut;
    }
    return out;
}

const char* kStyle = R"CSS(
body{margin:0;font-family:"Noto Sans",system-ui,sans-serif;color:#222;background:#fafaf7;line-height:1.5}
header{padding:1rem 1.5rem;border-bottom:1px solid #ddd;background:#fff}
header h1{margin:0;font-size:1.35rem}header p{margin:.2rem 0 0;color:#555}
main{display:grid;grid-template-columns:minmax(0,1.35fr) minmax(0,1fr);gap:1.5rem;padding:1rem 1.5rem;align-items:start}
#map{position:sticky;top:.5rem;max-height:calc(100vh - 1rem);overflow-y:auto;overflow-x:hidden}
@media (max-width:900px){main{grid-template-columns:1fr}#map{position:static}}
#map svg{width:100%;height:auto;background:#fff;border:1px solid #ddd}
#map g[id^="zone-"]{cursor:pointer;pointer-events:all}
#map g[id^="zone-"]:focus{outline:none}
#map g.active path{stroke:#000;stroke-width:2.4}
#info{min-height:3.2em;margin:.5rem 0;padding:.5rem .75rem;background:#fff;border:1px solid #ddd;font-size:.9rem}
article p{margin:0 0 .9rem}
mark{background:#fff2b3;border-bottom:2px solid #e0b000;cursor:pointer;padding:0 .05em}
mark.active{background:#ffb3a7;border-bottom-color:#c0392b}
.num{display:inline-block;min-width:1.4em;height:1.4em;border-radius:50%;background:#333;color:#fff;text-align:center;font-size:.75em;line-height:1.4em;font-weight:bold;margin-right:.3em}
ol.claims{padding-left:0;list-style:none}ol.claims li{margin:.4rem 0;padding:.3rem .5rem;border-radius:4px}
ol.claims li.active{background:#ffe9e4}
footer{padding:1rem 1.5rem;color:#666;font-size:.8rem;border-top:1px solid #ddd}
)CSS";

const char* kScript = R"JS(
(function(){
  var zones = document.querySelectorAll('#map g[id^="zone-"]');
  var info = document.getElementById('info');
  function claimsOf(zone){ return (zone.getAttribute('data-citations')||'').split(' ').filter(Boolean); }
  function clear(){ document.querySelectorAll('.active').forEach(function(e){ e.classList.remove('active'); }); }
  function describe(zone){
    var t = zone.querySelector('title');
    info.textContent = t ? t.textContent : zone.id;
  }
  function select(zone, scroll){
    clear(); zone.classList.add('active'); describe(zone);
    var first = null;
    claimsOf(zone).forEach(function(n){
      document.querySelectorAll('mark[data-claims]').forEach(function(m){
        if (m.getAttribute('data-claims').split(' ').indexOf(n) >= 0){ m.classList.add('active'); if(!first) first = m; }
      });
      var li = document.getElementById('cite-' + n); if (li) li.classList.add('active');
    });
    if (scroll && first) first.scrollIntoView({block:'center'});
  }
  zones.forEach(function(z){
    z.setAttribute('tabindex','0'); z.setAttribute('role','button');
    z.addEventListener('click', function(e){ e.preventDefault(); select(z, true); });
    z.addEventListener('mouseenter', function(){ describe(z); });
    z.addEventListener('focus', function(){ select(z, false); });
    z.addEventListener('keydown', function(e){ if(e.key==='Enter'||e.key===' '){ e.preventDefault(); select(z, true);} });
  });
  document.querySelectorAll('mark[data-claims]').forEach(function(m){
    m.addEventListener('click', function(){
      var n = m.getAttribute('data-claims').split(' ')[0];
      var li = document.getElementById('cite-' + n);
      var zone = li && document.getElementById('zone-' + li.getAttribute('data-zone'));
      if (zone){ select(zone, false); zone.scrollIntoView({block:'center'}); }
    });
  });
  function zoneOfClaim(n){
    var li = document.getElementById('cite-' + n);
    return li && document.getElementById('zone-' + li.getAttribute('data-zone'));
  }
  // A footnote marker stands for one claim: light up that claim's quotes only.
  function selectClaim(n, scroll){
    clear();
    var zone = zoneOfClaim(n); if (zone){ zone.classList.add('active'); describe(zone); }
    var li = document.getElementById('cite-' + n); if (li) li.classList.add('active');
    var first = null;
    document.querySelectorAll('mark[data-claims]').forEach(function(m){
      if (m.getAttribute('data-claims').split(' ').indexOf(String(n)) >= 0){ m.classList.add('active'); if(!first) first = m; }
    });
    if (scroll && first) first.scrollIntoView({block:'center'});
  }
  document.querySelectorAll('#map a').forEach(function(a){
    var m = /#cite-(\d+)$/.exec(a.getAttribute('href') || ''); if (!m) return;
    a.addEventListener('click', function(e){ e.preventDefault(); e.stopPropagation(); selectClaim(m[1], true); });
  });
  function fromHash(){
    var m = /^#cite-(\d+)$/.exec(location.hash); if (m) selectClaim(m[1], true);
  }
  window.addEventListener('hashchange', fromHash); fromHash();
})();
)JS";

} // namespace

std::string article_html(const Project& p, const std::string& inline_svg) {
    const PanelWords& w = panel_words(p.spec.lang);
    std::string h = "<!DOCTYPE html>\n<html lang=\"" + std::string(w.code) + "\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
                    xml_escape(p.spec.title) + "</title>\n<style>" + kStyle +
                    "</style>\n</head>\n<body>\n<header><h1>" + xml_escape(p.spec.title) + "</h1><p>" +
                    xml_escape(p.spec.subtitle) + "</p></header>\n<main>\n";
    h += "<section id=\"map\" aria-label=\"" + std::string(w.map) + "\">\n";
    // The map is most of the page (tens of MB for a big base layer): the text after it is built
    // apart and the page joined once, in a string of its final size.
    const std::string head = std::move(h);
    h = "<div id=\"info\" aria-live=\"polite\">" + std::string(w.hover_hint) + "</div>\n";
    h += "</section>\n<div>\n<h2>" + std::string(w.claims) + "</h2>\n<ol class=\"claims\">\n";
    std::map<const SourceText*, std::vector<Span>> spans;
    for (const Claim& c : p.claims) {
        h += "<li id=\"cite-" + std::to_string(c.number) + "\" data-zone=\"" +
             xml_escape(slug(c.spec->zone)) + "\"><span class=\"num\">" + std::to_string(c.number) +
             "</span><strong>" + xml_escape(claim_title(p, c)) + "</strong> <em>(" +
             attributed(w, c.spec->modality, xml_escape(c.spec->attributed_to)) +
             xml_escape(claim_period(w, c.spec->since, c.spec->until)) + ")</em><br>";
        int k = 0;
        for (const ResolvedQuote& q : c.quotes) {
            const std::string anchor = "quote-" + std::to_string(c.number) + "-" + std::to_string(++k);
            spans[q.source].push_back({q.bytes.begin, q.bytes.end, c.number, anchor});
            h += "<a href=\"#" + anchor + "\">" + std::string(w.open_quote) + xml_escape(with_inner_marks(printed_quote(q.exact), w)) +
                 std::string(w.close_quote) + "</a> (" + xml_escape(q.source->spec().id) + ", " + quote_location(q, w) + ") ";
        }
        h += "</li>\n";
    }
    h += "</ol>\n";
    for (const SourceText& s : p.sources) {
        const SourceSpec& sp = s.spec();
        h += "<article id=\"source-" + slug(sp.id) + "\">\n<h2 dir=\"auto\">" + xml_escape(sp.title) + "</h2>\n<p><em>" +
             xml_escape(sp.publisher) +
             (sp.published.empty() ? "" : " " + xml_escape(format_date(sp.published, w))) + "</em></p>\n";
        for (const TextRange& para : s.paragraphs())
            h += "<p dir=\"auto\">" + highlighted(s, para, spans[&s]) + "</p>\n";
        h += "</article>\n";
    }
    h += "</div>\n</main>\n<footer>" + xml_escape(p.spec.note) + " " + std::string(w.made_with) + "</footer>\n<script>" +
         kScript + "</script>\n</body>\n</html>\n";
    std::string page;
    page.reserve(head.size() + inline_svg.size() + h.size());
    page.append(head).append(inline_svg).append(h);
    return page;
}

void write_companions(const Project& p, const std::filesystem::path& dir, const std::string& inline_svg,
                      const std::string& date_iso, const std::string& alt_text) {
    write_text_atomically(dir / "alt-text.txt", alt_text + "\n");
    write_text_atomically(dir / "citations.md", citations_markdown(p));
    write_text_atomically(dir / "annotations.jsonld", annotations_jsonld(p, date_iso));
    write_text_atomically(dir / "article.html", article_html(p, inline_svg));
}

} // namespace citemap

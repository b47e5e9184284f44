// Caption companions for a figure: the numbered citations as Markdown, LaTeX and HTML, for a document
// to set below the figure when they do not fit inside it. Numbers are the markers' numbers.
#include "layout/claim_wording.hpp"
#include "companions/companions.hpp"

#include "core/atomic_file.hpp"
#include "core/escape.hpp"
#include "layout/layout_context.hpp"
#include "sources/quote_location.hpp"
#include "sources/quote_marks.hpp"

namespace citemap {

namespace {

struct Entry {
    int number = 0;
    std::string head;                // "Rafah: Held by the Israeli military (reported, the article)"
    std::vector<std::string> quotes; // the source's own text
    std::vector<std::string> where;  // "article.txt ¶3 s2"-style references, one per quote
};

std::vector<Entry> entries(const Project& p) {
    std::vector<Entry> out;
    const PanelWords& w = panel_words(p.spec.lang);
    for (const Claim& c : p.claims) {
        Entry e{c.number,
                claim_title(p, c) + " (" + std::string(modality_word(w, c.spec->modality)) +
                    ", " + c.spec->attributed_to + ")",
                {},
                {}};
        for (const ResolvedQuote& q : c.quotes) {
            e.quotes.push_back(with_inner_marks(printed_quote(q.exact), w));
            e.where.push_back(q.source->spec().title + ", " + quote_location(q, w));
        }
        out.push_back(std::move(e));
    }
    return out;
}

std::string markdown_escape(const std::string& s) {
    std::string o;
    for (char c : s) {
        if (std::string_view("\\`*_{}[]<>#|~").find(c) != std::string_view::npos)
            o += '\\';
        o += c;
    }
    return o;
}

// Quotes must print as the source's characters whatever font encoding the user's document uses: in
// LaTeX's default OT1, < > | print as ¡ ¿ —, a straight " or ' as a curly quote, and -- ,, !` ?` are
// ligatures (en dash, „, ¡, ¿) in OT1 or T1.
std::string latex_escape(const std::string& s) {
    std::string o;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        const char next = i + 1 < s.size() ? s[i + 1] : '\0';
        // The narrow no-break space French sets before a colon (panel_words): LaTeX's utf8 input has no
        // definition for it and stops; a thin space, at which no line breaks, is what it stands for.
        if (s.compare(i, 3, "\u202F") == 0) {
            o += "\\,";
            i += 2;
            continue;
        }
        // French and Spanish quotes' guillemets: OT1 has none (pdflatex stops), T1 has them at 19 and 20.
        if (s.compare(i, 2, "\u00AB") == 0 || s.compare(i, 2, "\u00BB") == 0) {
            o += s[i + 1] == '\xAB' ? "\\citemapchar{19}{\\guillemotleft}" : "\\citemapchar{20}{\\guillemotright}";
            i += 1;
            continue;
        }
        // German quotes' low marks „ and ‚ likewise ("Command \quotedblbase unavailable in encoding OT1"):
        // T1 has them at 18 and 13.
        if (s.compare(i, 3, "\u201E") == 0 || s.compare(i, 3, "\u201A") == 0) {
            o += s[i + 2] == '\x9E' ? "\\citemapchar{18}{\\quotedblbase}" : "\\citemapchar{13}{\\quotesinglbase}";
            i += 2;
            continue;
        }
        switch (c) {
        case '\\': o += "\\textbackslash{}"; break;
        case '{': o += "\\{"; break;
        case '}': o += "\\}"; break;
        case '&': o += "\\&"; break;
        case '%': o += "\\%"; break;
        case '$': o += "\\$"; break;
        case '#': o += "\\#"; break;
        case '_': o += "\\citemapchar{95}{\\_}"; break;
        case '~': o += "\\citemapchar{126}{\\textasciitilde}"; break;
        case '^': o += "\\citemapchar{94}{\\textasciicircum}"; break;
        case '<': o += "\\textless{}"; break;
        case '>': o += "\\textgreater{}"; break;
        case '|': o += "\\textbar{}"; break;
        case '"': o += "\\citemapchar{34}{\\textquotedbl}"; break;
        case '\'': o += "\\textquotesingle{}"; break;
        case '`': o += "\\textasciigrave{}"; break;
        case '-':
        case ',': o += c; if (next == c) o += "{}"; break;
        default: o += c;
        }
    }
    return o;
}

} // namespace

std::string caption_markdown(const Project& p) {
    const PanelWords& w = panel_words(p.spec.lang);
    std::string md;
    for (const Entry& e : entries(p)) {
        md += std::to_string(e.number) + ". " + markdown_escape(e.head) + "\n";
        for (std::size_t i = 0; i < e.quotes.size(); ++i)
            md += "   - " + std::string(w.open_quote) + markdown_escape(e.quotes[i]) + std::string(w.close_quote) + " (" +
                  markdown_escape(e.where[i]) + ")\n";
    }
    return md;
}

std::string caption_latex(const Project& p) {
    // \item[N.] keeps the marker's number even if the document renumbers lists.
    // OT1, LaTeX's default encoding, has no straight " and draws _ ~ ^ as a rule and accents: there
    // those characters are borrowed from T1.
    std::string tex = "% Citations for the figure; the numbers are the map's markers. \\input{} it below the figure.\n"
                      "\\makeatletter\n"
                      "\\def\\citemap@otone{OT1}\n"
                      "\\providecommand\\citemapchar[2]{\\ifx\\f@encoding\\citemap@otone"
                      "{\\fontencoding{T1}\\selectfont\\char#1}\\else#2\\fi}\n"
                      "\\makeatother\n"
                      "\\begin{itemize}\n";
    // The quotes in the language's marks, as the map sets them (``…'' around German inner marks read
    // “‚…‘”).
    const PanelWords& w = panel_words(p.spec.lang);
    for (const Entry& e : entries(p)) {
        tex += "\\item[" + std::to_string(e.number) + ".] " + latex_escape(e.head);
        for (std::size_t i = 0; i < e.quotes.size(); ++i)
            tex += (i ? "; " : " --- ") + std::string("\\emph{") + latex_escape(std::string(w.open_quote)) +
                   latex_escape(e.quotes[i]) + latex_escape(std::string(w.close_quote)) + "} (" + latex_escape(e.where[i]) + ")";
        tex += "\n";
    }
    return tex + "\\end{itemize}\n";
}

std::string caption_html(const Project& p) {
    std::string html = "<ol class=\"citemap-citations\">\n";
    for (const Entry& e : entries(p)) {
        html += "<li value=\"" + std::to_string(e.number) + "\" id=\"cite-" + std::to_string(e.number) + "\">" +
                xml_escape(e.head);
        for (std::size_t i = 0; i < e.quotes.size(); ++i)
            html += (i ? "; " : " \u2014 ") + std::string("<q>") + xml_escape(e.quotes[i]) + "</q> (" +
                    xml_escape(e.where[i]) + ")";
        html += "</li>\n";
    }
    return html + "</ol>\n";
}

void write_caption_companions(const Project& p, const std::filesystem::path& base) {
    write_text_atomically(base.string() + ".caption.md", caption_markdown(p));
    write_text_atomically(base.string() + ".caption.tex", caption_latex(p));
    write_text_atomically(base.string() + ".caption.html", caption_html(p));
}

} // namespace citemap

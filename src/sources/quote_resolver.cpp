// Quote matching with helpful failure: the closest passage comes from a semi-global edit distance
// (closest_passage.hpp), so a one-letter slip points at the right sentence.
#include "sources/quote_resolver.hpp"

#include "sources/closest_passage.hpp"
#include "sources/line_ends.hpp"
#include "sources/utf8.hpp"

#include <algorithm>
#include <cstring>
#include <optional>

namespace citemap {

namespace {

char32_t fold(char32_t c) {
    switch (c) {
    case U'\u2018':
    case U'\u2019':
    case U'\u201A':
    case U'\u201B':
    case U'\u2032':
    case U'\u02BC':
        return U'\'';
    case U'\u201C':
    case U'\u201D':
    case U'\u201E':
    case U'\u201F':
    case U'\u2033':
    case U'\u00AB':
    case U'\u00BB':
        return U'"';
    case U'\u2010':
    case U'\u2011':
    case U'\u2012':
    case U'\u2013':
    case U'\u2014':
    case U'\u2015':
    case U'\u2212':
        return U'-';
    case U'\u00A0':
    case U'\t':
    case U'\n':
    case U'\r':
    case U'\u2009':
    case U'\u202F':
        return U' ';
    default:
        return c;
    }
}

// A folded copy of `text` plus, for each folded code point, the byte offset it came from.
struct Folded {
    std::u32string text;
    std::vector<std::size_t> byte; // size text.size() + 1
};

Folded fold_with_offsets(std::string_view s) {
    Folded f;
    std::size_t pos = 0;
    while (pos < s.size()) {
        const std::size_t at = pos;
        char32_t c = utf8::decode(s, pos).value_or(U'\uFFFD');
        if (pos == at)
            ++pos;
        c = fold(c);
        if (c == U' ' && !f.text.empty() && f.text.back() == U' ')
            continue;
        f.text += c;
        f.byte.push_back(at);
    }
    f.byte.push_back(s.size());
    return f;
}

std::vector<std::size_t> find_all(std::u32string_view hay, std::u32string_view needle) {
    std::vector<std::size_t> out;
    for (std::size_t p = hay.find(needle); p != std::u32string_view::npos; p = hay.find(needle, p + 1))
        out.push_back(p);
    return out;
}

std::string context(const SourceText& src, TextRange r) {
    const auto& s = src.sentence_at(r.begin);
    return "paragraph " + std::to_string(s.paragraph) + ", sentence " + std::to_string(s.number) +
           ": \u2026" +
           visible_breaks(src.text().substr(r.begin > 40 ? r.begin - 40 : 0, std::min<std::size_t>(r.begin, 40))) +
           "[" + visible_breaks(src.slice(r)) + "]" + visible_breaks(src.text().substr(r.end, 40)) + "\u2026";
}

std::string clip_utf8(std::string_view s, std::size_t from_cp, std::size_t n_cp) {
    const std::u32string u = utf8::to_u32(s);
    if (from_cp >= u.size())
        return {};
    return utf8::from_u32(std::u32string_view(u).substr(from_cp, n_cp));
}

// "closest passage in 'a' (paragraph 2, sentence 1, 1 character(s) differ)", the passage and the
// quote one above the other with a caret under the first difference, and what to do.
std::string passage_hint(const CitationSpec& c, const SourceText& src, std::u32string_view q, std::u32string_view t,
                         const Alignment& closest) {
    const std::size_t begin_cp = closest.begin;
    // The alignment may end early, its last words deleted rather than substituted ("protected swamp"
    // against "protected bog"): the passage shown runs on for the quote's length, within its
    // paragraph, so the reader sees what the source has where the quote differs.
    // A hard-wrapped paragraph's line breaks are inside it: the passage runs across them.
    std::size_t pbyte = 0;
    for (std::size_t k = 0, pos = 0; k < begin_cp && pos < src.text().size(); ++k) {
        (void)utf8::decode(src.text(), pos);
        pbyte = pos;
    }
    std::optional<std::size_t> paragraph_end_cp;
    for (const TextRange& par : src.paragraphs())
        if (par.begin <= pbyte && pbyte < par.end)
            paragraph_end_cp = src.code_point_at(par.end);
    std::size_t end_cp = closest.end;
    while (end_cp < t.size() && end_cp - begin_cp < q.size() &&
           (paragraph_end_cp ? end_cp < *paragraph_end_cp : t[end_cp] != U'\n' && t[end_cp] != U'\r'))
        ++end_cp;
    const std::string passage = utf8::from_u32(t.substr(begin_cp, end_cp - begin_cp));

    std::size_t diff = 0;
    const std::u32string p32 = utf8::to_u32(passage);
    while (diff < q.size() && diff < p32.size() && q[diff] == p32[diff])
        ++diff;
    const auto& s = src.sentence_at(pbyte);
    // The caret stands under the first difference as printed: each line break before it takes two
    // columns (\n).
    std::size_t column = 0;
    for (std::size_t k = 0; k < diff; ++k)
        column += p32[k] == U'\n' || p32[k] == U'\r' || p32[k] == U'\t' ? 2 : 1;
    // The source breaks its line where the quote has a space (a hard-wrapped text, the quote copied
    // as one line): match = "normalized" reads the break as a space.
    const bool at_break = passage.find_first_of("\n\r") != std::string::npos &&
                          normalize_for_match(p32) == normalize_for_match(q);
    return "closest passage in '" + src.spec().id + "' (paragraph " + std::to_string(s.paragraph) +
           ", sentence " + std::to_string(s.number) + ", " + std::to_string(closest.cost) +
           " character(s) differ):\n  source: \"" + visible_breaks(passage) + "\"\n  quote:  \"" +
           visible_breaks(c.quote) + "\"\n" + std::string(11 + column, ' ') + "^ first difference: source has '" +
           visible_breaks(clip_utf8(passage, diff, 12)) + "', quote has '" + visible_breaks(clip_utf8(c.quote, diff, 12)) +
           "'\n" +
           (at_break ? "the source breaks its lines inside the quote (" +
                           // As the passage above shows them: a text saved with lone CRs has no \n.
                           std::string(passage.find('\n') != std::string::npos ? "\\n" : "\\r") +
                           "): set match = \"normalized\" in this citation, which reads a line break as a space "
                           "(the map prints the quote on one line)"
                     : "copy the words from the source exactly, or set match = \"normalized\" for typographic "
                       "quotes and dashes");
}

[[noreturn]] void fail_not_found(const CitationSpec& c, const SourceText& src) {
    const std::u32string q = utf8::to_u32(c.quote);
    const std::u32string t = utf8::to_u32(src.text());
    // A passage where half the quote or more differs would show nothing the reader could use. Such a
    // passage never is empty: at most half the quote's characters are left out of it.
    const std::optional<Alignment> closest = closest_passage(q, t, (q.size() - 1) / 2);
    std::string hint = closest ? passage_hint(c, src, q, t, *closest)
                               : "nothing in '" + src.spec().id + "' is close; check that the citation names the right source";
    // "A, [...] B": the elided words are in the source, so the quote as a whole never is.
    for (const char* mark : {"[...]", "[\u2026]", "(...)", "(\u2026)", "...", "\u2026"})
        if (c.quote.find(mark) != std::string::npos) {
            hint += std::string(hint.empty() ? "" : "\n") + "the quote leaves words out ('" + mark +
                    "'): cite the parts before and after it as two entries of cite, e.g. cite = [{ source = \"" +
                    src.spec().id + "\", quote = \"...\" }, { source = \"" + src.spec().id + "\", quote = \"...\" }]";
            break;
        }
    throw Error(c.where, "quote not found in source '" + src.spec().id + "': \"" + visible_breaks(c.quote) + "\"", hint);
}

} // namespace

std::string printed_quote(std::string_view exact) {
    std::string out;
    out.reserve(exact.size());
    for (std::size_t i = 0; i < exact.size();) {
        if (exact[i] != '\n' && exact[i] != '\r') {
            out += exact[i++];
            continue;
        }
        while (!out.empty() && (out.back() == ' ' || out.back() == '\t'))
            out.pop_back();
        int breaks = 0; // line ends: LF, CRLF or a lone CR
        while (i < exact.size() && (exact[i] == '\n' || exact[i] == '\r' || exact[i] == ' ' || exact[i] == '\t')) {
            const std::size_t n = line_end_at(exact, i);
            breaks += n > 0 ? 1 : 0;
            i += std::max<std::size_t>(n, 1);
        }
        // A blank line ends a paragraph (SourceText): a quote running on into the next one shows where.
        out += breaks > 1 ? " \u00B6 " : " ";
    }
    return out;
}

std::string visible_breaks(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char ch : s)
        out += ch == '\n' ? "\\n" : ch == '\r' ? "\\r" : ch == '\t' ? "\\t" : std::string(1, ch);
    return out;
}

std::u32string normalize_for_match(std::u32string_view s) {
    std::u32string out;
    for (char32_t c : s) {
        c = fold(c);
        if (c == U' ' && !out.empty() && out.back() == U' ')
            continue;
        out += c;
    }
    return out;
}

ResolvedQuote resolve_quote(const CitationSpec& c, const SourceText& src, MatchMode project_mode) {
    const MatchMode mode = c.match.value_or(project_mode);
    const std::string& text = src.text();
    // An empty quote (or one that folds to nothing) would match everywhere and cite nothing.
    if (c.quote.empty() || (mode == MatchMode::normalized && normalize_for_match(utf8::to_u32(c.quote)).empty()))
        throw Error(c.where, "a quote is empty", "copy the words of the source between the quotes");

    auto fits_context = [&](TextRange r) {
        if (!c.prefix.empty() && (r.begin < c.prefix.size() ||
                                  text.compare(r.begin - c.prefix.size(), c.prefix.size(), c.prefix) != 0))
            return false;
        if (!c.suffix.empty() && text.compare(r.end, c.suffix.size(), c.suffix) != 0)
            return false;
        return true;
    };

    // Every occurrence, so that a quote found twice asks for context. glibc's memmem skips ahead on
    // pairs of bytes; string::find stops at every byte equal to the quote's first (each 's' of the
    // text for "state number ..."), a thousand quotes in a long article took 244 M instructions of
    // the 1000-zone check, 3 times memmem's.
    std::vector<TextRange> hits;
    const char* const begin = text.data();
    const char* const end = begin + text.size();
    auto next = [&](const char* from) {
        return static_cast<const char*>(::memmem(from, static_cast<std::size_t>(end - from), c.quote.data(), c.quote.size()));
    };
    for (const char* at = next(begin); at; at = next(at + 1)) {
        const auto p = static_cast<std::size_t>(at - begin);
        if (TextRange r{p, p + c.quote.size()}; fits_context(r))
            hits.push_back(r);
    }

    bool normalized_only = false;
    if (hits.empty() && mode == MatchMode::normalized) {
        const Folded f = fold_with_offsets(text);
        const std::u32string q = normalize_for_match(utf8::to_u32(c.quote));
        const std::u32string pre = normalize_for_match(utf8::to_u32(c.prefix));
        const std::u32string suf = normalize_for_match(utf8::to_u32(c.suffix));
        for (std::size_t p : find_all(f.text, q)) {
            if (!pre.empty() && (p < pre.size() || f.text.compare(p - pre.size(), pre.size(), pre) != 0))
                continue;
            if (!suf.empty() && f.text.compare(p + q.size(), suf.size(), suf) != 0)
                continue;
            hits.push_back({f.byte[p], f.byte[p + q.size()]});
        }
        normalized_only = !hits.empty();
    }

    if (hits.empty())
        fail_not_found(c, src);
    if (hits.size() > 1) {
        std::string list;
        for (const auto& h : hits)
            list += "- " + context(src, h) + "\n";
        throw Error(c.where,
                    "quote occurs " + std::to_string(hits.size()) + " times in source '" + src.spec().id +
                        "': \"" + visible_breaks(c.quote) + "\"",
                    list + "add prefix = \"...\" or suffix = \"...\" with the words just before or after the "
                           "one you mean");
    }

    ResolvedQuote r;
    r.source = &src;
    r.bytes = hits.front();
    r.start = src.code_point_at(r.bytes.begin);
    r.end = src.code_point_at(r.bytes.end);
    const auto& s = src.sentence_at(r.bytes.begin);
    r.paragraph = s.paragraph;
    r.sentence = s.number;
    const auto& last = src.sentence_at(r.bytes.end - 1); // a quote is never empty
    r.end_paragraph = last.paragraph;
    r.end_sentence = last.number;
    r.normalized_only = normalized_only;
    r.exact = src.slice(r.bytes);
    // The 32 code points before the quote: step back over UTF-8 lead bytes rather than decoding the
    // text from its start for every quote (quadratic in a long article with many quotes).
    std::size_t from = r.bytes.begin;
    for (int n = 0; n < 32 && from > 0; ++n)
        do
            --from;
        while (from > 0 && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80);
    r.prefix = text.substr(from, r.bytes.begin - from);
    r.suffix = clip_utf8(std::string_view(text).substr(r.bytes.end, 200), 0, 32);
    return r;
}

} // namespace citemap

// The bit-parallel closest passage gives Sellers' alignment over the whole text: start, end and cost.
#include "sources/closest_passage.hpp"
#include "sources/utf8.hpp"
#include "spec/spec_reader.hpp"
#include "test_support.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <numeric>
#include <optional>
#include <random>

using namespace citemap;

namespace {

// The resolver's search until session 15, Sellers' programme over the whole text, unchanged: the
// oracle. O(quote × text).
Alignment sellers_alignment(std::u32string_view q, std::u32string_view t) {
    // D[i][j] = edit distance of quote[0..i) against some text stretch ending at j; start[i][j] where
    // the stretch begins on the path the preferences below pick.
    std::vector<std::size_t> prev(t.size() + 1, 0), cur(t.size() + 1);
    std::vector<std::size_t> start_prev(t.size() + 1), start_cur(t.size() + 1);
    std::iota(start_prev.begin(), start_prev.end(), 0);
    for (std::size_t i = 1; i <= q.size(); ++i) {
        cur[0] = i;
        start_cur[0] = 0;
        for (std::size_t j = 1; j <= t.size(); ++j) {
            const std::size_t sub = prev[j - 1] + (q[i - 1] == t[j - 1] ? 0 : 1);
            const std::size_t del = prev[j] + 1;
            const std::size_t ins = cur[j - 1] + 1;
            if (sub <= del && sub <= ins) {
                cur[j] = sub;
                start_cur[j] = start_prev[j - 1];
            } else if (del <= ins) {
                cur[j] = del;
                start_cur[j] = start_prev[j];
            } else {
                cur[j] = ins;
                start_cur[j] = start_cur[j - 1];
            }
        }
        std::swap(prev, cur);
        std::swap(start_prev, start_cur);
    }
    const auto best = static_cast<std::size_t>(std::min_element(prev.begin(), prev.end()) - prev.begin());
    return {start_prev[best], best, prev[best]};
}

// With any cost allowed (a quote aligns with an empty stretch at the cost of its length), and with the
// resolver's bound, under half the quote.
void check_same_as_sellers(std::u32string_view quote, std::u32string_view text) {
    const Alignment want = sellers_alignment(quote, text);
    CAPTURE(utf8::from_u32(quote));
    CAPTURE(utf8::from_u32(text));
    for (const std::size_t max_cost : {quote.size(), (quote.size() - 1) / 2}) {
        CAPTURE(max_cost);
        const std::optional<Alignment> got = closest_passage(quote, text, max_cost);
        REQUIRE(got.has_value() == (want.cost <= max_cost));
        if (!got)
            continue;
        CHECK(got->begin == want.begin);
        CHECK(got->end == want.end);
        CHECK(got->cost == want.cost);
    }
}

// A copy of `s` with `edits` random substitutions, insertions and deletions.
std::u32string mutate(std::u32string s, int edits, std::mt19937& rng, std::u32string_view alphabet) {
    for (int e = 0; e < edits; ++e) {
        const char32_t c = alphabet[rng() % alphabet.size()];
        const std::size_t at = s.empty() ? 0 : rng() % s.size();
        switch (rng() % 3) {
        case 0:
            if (!s.empty())
                s[at] = c;
            break;
        case 1:
            s.insert(s.begin() + static_cast<std::ptrdiff_t>(at), c);
            break;
        default:
            if (!s.empty())
                s.erase(at, 1);
        }
    }
    return s;
}

std::u32string random_text(std::size_t n, std::mt19937& rng, std::u32string_view alphabet) {
    std::u32string s;
    for (std::size_t i = 0; i < n; ++i)
        s += alphabet[rng() % alphabet.size()];
    return s;
}

} // namespace

TEST_CASE("closest_passage equals Sellers' alignment on thousands of random quotes and texts") {
    // Few letters make many ties between ends and starts; code points past ASCII and past the BMP
    // take the quote's sorted list rather than its table.
    const std::u32string alphabets[] = {U"ab", U"abc \u00E9", U"a b\u0628\u062C\U0001F600.", U"abcdefghijklmnopqrstuvwxyz  "};
    std::mt19937 rng(15);
    int pairs = 0;
    for (const std::u32string& alphabet : alphabets)
        for (int n = 0; n < 1500; ++n) {
            // Lengths either side of one and two 64-row blocks, and short ones.
            const std::size_t lengths[] = {1 + rng() % 8, 60 + rng() % 10, 120 + rng() % 20, 1 + rng() % 200};
            const std::u32string quote = random_text(lengths[rng() % 4], rng, alphabet);
            std::u32string text = random_text(rng() % 300, rng, alphabet);
            if (rng() % 2) {
                // The quote slipped into the text once or twice, as a misquote's source holds it.
                for (int copies = 1 + static_cast<int>(rng() % 2); copies > 0; --copies) {
                    const std::size_t at = text.empty() ? 0 : rng() % text.size();
                    text.insert(at, mutate(quote, static_cast<int>(rng() % 6), rng, alphabet));
                }
            }
            check_same_as_sellers(quote, text);
            ++pairs;
        }
    CHECK(pairs == 6000);
}

TEST_CASE("closest_passage at the edges: an empty text, a quote of one block exactly, nothing in common") {
    check_same_as_sellers(U"abc", U"");
    check_same_as_sellers(U"abc", U"xyz");
    check_same_as_sellers(U"a", U"a");
    const std::u32string block(64, U'q'), two_blocks(128, U'q');
    for (const std::u32string& q : {block, two_blocks, block + U"r", two_blocks + U"r"}) {
        check_same_as_sellers(q, U"x" + q + U"y");
        check_same_as_sellers(q, std::u32string(200, U'q'));
        check_same_as_sellers(q, std::u32string(q.size() - 1, U'q') + U"z" + q.substr(1));
    }
    // Nothing matches: cost is the quote's length at column 0, the first best end.
    const std::optional<Alignment> none = closest_passage(U"abc", U"xyzxyz", 3);
    REQUIRE(none);
    CHECK(none->cost == 3);
    CHECK(none->begin == 0);
    CHECK(none->end == 0);
    CHECK_FALSE(closest_passage(U"abc", U"xyzxyz", 2));
}

TEST_CASE("closest_passage equals Sellers' alignment on every Gaza quote slipped, and on the fuzz corpus") {
    Diagnostics d;
    const MapSpec spec = read_spec(test::gaza(), d);
    REQUIRE_FALSE(d.has_errors());
    const SourceText source = SourceText::load(spec.sources.at(0));
    const std::u32string text = utf8::to_u32(source.text());
    std::mt19937 rng(8);
    int quotes = 0;
    for (const ClaimSpec& c : spec.claims)
        for (const CitationSpec& cite : c.cites) {
            const std::u32string q = utf8::to_u32(cite.quote);
            for (int edits : {1, 3, 10})
                check_same_as_sellers(mutate(q, edits, rng, U"xe \u2019"), text);
            // Extra words after the quote, as in fuzz's 8 MB case ("remains clozed, officials said").
            check_same_as_sellers(q + U", officials at the ministry said on Tuesday", text);
            ++quotes;
        }
    CHECK(quotes >= 10);
    // fuzz_quote's inputs: the text, a NUL, the quote (else the text's second half).
    int inputs = 0;
    for (const char* folder : {"corpus/quote", "regressions/quote"})
        for (const auto& entry : std::filesystem::directory_iterator(test::source_root() / "tests" / "fuzz" / folder)) {
            std::ifstream in(entry.path(), std::ios::binary);
            const std::string input{std::istreambuf_iterator<char>(in), {}};
            const auto nul = input.find('\0');
            const std::string t = input.substr(0, nul);
            const std::string q = nul == std::string::npos ? t.substr(t.size() / 2) : input.substr(nul + 1);
            if (utf8::first_invalid(t) != std::string::npos || utf8::first_invalid(q) != std::string::npos)
                continue;
            check_same_as_sellers(utf8::to_u32(q), utf8::to_u32(t));
            check_same_as_sellers(utf8::to_u32(q) + U" and more", utf8::to_u32(t));
            ++inputs;
        }
    CHECK(inputs >= 5);
}

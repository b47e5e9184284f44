// Closest passage for a quote not found: a bit-parallel scan for the best end, then Sellers' programme
// on a band behind it. On the whole text Sellers' took 9.5 s for one misquote in an 8 MB source.
#include "sources/closest_passage.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <vector>

namespace citemap {

namespace {

using Word = std::uint64_t;
constexpr std::size_t kWordBits = 64;

// For each code point of the quote, the rows (bits, 64 to a block) where the quote has it: Myers'
// Peq. Code points the quote lacks share the row of zeros, index 0.
class MatchVectors {
  public:
    explicit MatchVectors(std::u32string_view quote) : blocks_((quote.size() + kWordBits - 1) / kWordBits) {
        others_.assign(quote.begin(), quote.end());
        std::sort(others_.begin(), others_.end());
        others_.erase(std::unique(others_.begin(), others_.end()), others_.end());
        ascii_.fill(0);
        for (std::size_t s = 0; s < others_.size(); ++s)
            if (others_[s] < ascii_.size())
                ascii_[others_[s]] = static_cast<std::uint32_t>(s + 1);
        bits_.assign((others_.size() + 1) * blocks_, 0);
        for (std::size_t i = 0; i < quote.size(); ++i)
            bits_[symbol(quote[i]) * blocks_ + i / kWordBits] |= Word{1} << (i % kWordBits);
    }
    [[nodiscard]] std::size_t blocks() const { return blocks_; }
    // The quote's rows holding `c`, one word per block.
    [[nodiscard]] const Word* rows(char32_t c) const { return bits_.data() + symbol(c) * blocks_; }

  private:
    [[nodiscard]] std::size_t symbol(char32_t c) const {
        if (c < ascii_.size())
            return ascii_[c];
        const auto it = std::lower_bound(others_.begin(), others_.end(), c);
        return it != others_.end() && *it == c ? static_cast<std::size_t>(it - others_.begin()) + 1 : 0;
    }
    std::size_t blocks_;
    std::vector<char32_t> others_; // the quote's distinct code points, sorted; symbol s is others_[s - 1]
    std::array<std::uint32_t, 128> ascii_{};
    std::vector<Word> bits_;
};

// One text column through one block of 64 rows (Myers 1999, Fig. 9): `h_in` is the horizontal delta
// entering the block's top row, the result the delta leaving the row `out_bit` marks.
int advance_block(Word& pv, Word& mv, Word eq, int h_in, Word out_bit) {
    const Word h_in_negative = h_in < 0 ? 1 : 0;
    const Word xv = eq | mv;
    eq |= h_in_negative;
    const Word xh = (((eq & pv) + pv) ^ pv) | eq;
    Word ph = mv | ~(xh | pv);
    Word mh = pv & xh;
    const int h_out = (ph & out_bit) ? 1 : (mh & out_bit) ? -1 : 0;
    ph = (ph << 1) | (h_in > 0 ? 1 : 0);
    mh = (mh << 1) | h_in_negative;
    pv = mh | ~(xv | ph);
    mv = ph & xv;
    return h_out;
}

// The least cost of the quote against a stretch of the text ending at each column, and the first
// column with the least: Alignment::end and ::cost (begin left 0).
Alignment best_end(std::u32string_view quote, std::u32string_view text) {
    const MatchVectors peq(quote);
    const std::size_t blocks = peq.blocks();
    // Column 0: D[i][0] = i, every vertical delta +1. Rows past the quote in the last block take no
    // part: additions carry and shifts move only towards higher rows, so they never reach row m.
    std::vector<Word> pv(blocks, ~Word{0}), mv(blocks, 0);
    const Word last_row = Word{1} << ((quote.size() - 1) % kWordBits);
    const Word top_row = Word{1} << (kWordBits - 1);
    Alignment best{0, 0, quote.size()};
    std::size_t score = quote.size();
    for (std::size_t j = 0; j < text.size(); ++j) {
        const Word* eq = peq.rows(text[j]);
        int h = 0; // semi-global: the alignment may start at any column, row 0 stays 0
        for (std::size_t b = 0; b < blocks; ++b)
            h = advance_block(pv[b], mv[b], eq[b], h, b + 1 == blocks ? last_row : top_row);
        score = static_cast<std::size_t>(static_cast<long long>(score) + h);
        if (score < best.cost) {
            best.cost = score;
            best.end = j + 1;
        }
    }
    return best;
}

// Sellers' programme (the resolver ran it over the whole text until session 15) on the cells of `t`
// whose diagonal j - i lies in [lo, hi], the others out of reach: the start and cost of the alignment
// ending at t's end. Each cell prefers a substitution, then a deletion from the quote, then an
// insertion from the text, as it always did.
Alignment banded_alignment(std::u32string_view q, std::u32string_view t, long lo, long hi) {
    constexpr std::size_t kOut = std::numeric_limits<std::size_t>::max() / 2;
    const auto width = static_cast<std::size_t>(hi - lo + 1);
    const auto n = static_cast<long>(t.size());
    // Indexed by diagonal - lo: (i-1, j-1) is the same index a row up, (i-1, j) the next, (i, j-1) the
    // one before in this row.
    std::vector<std::size_t> prev(width, kOut), cur(width), start_prev(width), start_cur(width);
    for (long d = std::max(lo, 0L); d <= std::min(hi, n); ++d) {
        prev[static_cast<std::size_t>(d - lo)] = 0;
        start_prev[static_cast<std::size_t>(d - lo)] = static_cast<std::size_t>(d);
    }
    for (std::size_t i = 1; i <= q.size(); ++i) {
        for (std::size_t x = 0; x < width; ++x) {
            const long j = static_cast<long>(i) + lo + static_cast<long>(x);
            if (j < 0 || j > n) {
                cur[x] = kOut;
            } else if (j == 0) {
                cur[x] = i;
                start_cur[x] = 0;
            } else {
                const std::size_t sub = prev[x] + (q[i - 1] == t[static_cast<std::size_t>(j - 1)] ? 0 : 1);
                const std::size_t del = (x + 1 < width ? prev[x + 1] : kOut) + 1;
                const std::size_t ins = (x > 0 ? cur[x - 1] : kOut) + 1;
                if (sub <= del && sub <= ins) {
                    cur[x] = sub;
                    start_cur[x] = start_prev[x];
                } else if (del <= ins) {
                    cur[x] = del;
                    start_cur[x] = start_prev[x + 1];
                } else {
                    cur[x] = ins;
                    start_cur[x] = start_cur[x - 1];
                }
            }
        }
        std::swap(prev, cur);
        std::swap(start_prev, start_cur);
    }
    const auto last = static_cast<std::size_t>(n - static_cast<long>(q.size()) - lo);
    return {start_prev[last], t.size(), prev[last]};
}

} // namespace

std::optional<Alignment> closest_passage(std::u32string_view quote, std::u32string_view text, std::size_t max_cost) {
    if (quote.empty())
        return Alignment{};
    Alignment a = best_end(quote, text);
    if (a.cost > max_cost)
        return std::nullopt;
    // The path Sellers' programme follows back from (m, end) costs k: it takes at most k text code
    // points beyond the quote's m, so it starts at or after w = end - m - k, and its insertions and
    // deletions move it off the diagonal it ends on by at most k. Restricted to those cells, none of
    // the path's costs more (its own cells are inside) and none costs less than on the whole text, so
    // each keeps the predecessor it took there: one costing less would have been taken on the whole
    // text too, and one preferred at equal cost was dearer there and is no cheaper here.
    const std::size_t w = a.end - std::min(a.end, quote.size() + a.cost);
    const long end_diagonal = static_cast<long>(a.end - w) - static_cast<long>(quote.size());
    const auto k = static_cast<long>(a.cost);
    a.begin = w + banded_alignment(quote, text.substr(w, a.end - w), end_diagonal - k, end_diagonal + k).begin;
    return a;
}

} // namespace citemap

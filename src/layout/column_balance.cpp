// Balanced columns for a list of entries that are never split (column_balance.hpp).
#include "layout/column_balance.hpp"

#include <algorithm>
#include <limits>

namespace citemap {

namespace {

// Heights are sums of line heights in points: a thousandth of a point is below anything drawn.
constexpr double kSlack = 1e-3;

// Whether the entries fit in `columns` columns of at most `limit` each, filled in order.
bool fits(std::span<const double> heights, int columns, double limit) {
    int used = 1;
    double column = 0;
    for (const double h : heights) {
        if (h > limit)
            return false;
        if (column + h > limit) {
            if (++used > columns)
                return false;
            column = 0;
        }
        column += h;
    }
    return true;
}

} // namespace

double least_tallest_column(std::span<const double> heights, int columns) {
    if (heights.empty())
        return 0;
    double lo = 0, hi = 0;
    for (const double h : heights) {
        lo = std::max(lo, h);
        hi += h;
    }
    columns = std::max(columns, 1);
    lo = std::max(lo, hi / columns);
    if (fits(heights, columns, lo))
        return lo;
    // The answer is one column's sum of consecutive heights; filling in order tells whether a limit
    // holds, so halving the interval finds it to within the slack.
    while (hi - lo > kSlack / 4) {
        const double mid = (lo + hi) / 2;
        (fits(heights, columns, mid) ? hi : lo) = mid;
    }
    return hi;
}

std::vector<std::size_t> balanced_column_starts(std::span<const double> heights, int columns) {
    const std::size_t n = heights.size();
    const std::size_t k = std::min(n, static_cast<std::size_t>(std::max(columns, 1)));
    if (k <= 1)
        return n == 0 ? std::vector<std::size_t>{} : std::vector<std::size_t>{0};
    const double tallest = least_tallest_column(heights, static_cast<int>(k)) + kSlack;
    std::vector<double> top(n + 1, 0); // top[i]: where entry i starts in one column
    for (std::size_t i = 0; i < n; ++i)
        top[i + 1] = top[i] + heights[i];
    // shortest[c][j]: the tallest the shortest column can be when the first j entries fill c columns,
    // none taller than `tallest`; -1 where they cannot.
    constexpr double none = -1;
    std::vector<std::vector<double>> shortest(k + 1, std::vector<double>(n + 1, none));
    shortest[0][0] = std::numeric_limits<double>::max();
    for (std::size_t c = 1; c <= k; ++c)
        for (std::size_t j = c; j <= n; ++j)
            for (std::size_t i = j; i-- > c - 1 && top[j] - top[i] <= tallest;)
                if (shortest[c - 1][i] != none)
                    shortest[c][j] = std::max(shortest[c][j], std::min(shortest[c - 1][i], top[j] - top[i]));
    // From the last column back, each starting as late as the best allows: the earlier columns take
    // the entries the rounding leaves over.
    std::vector<std::size_t> starts(k, 0);
    std::size_t j = n;
    for (std::size_t c = k; c >= 1; --c) {
        const double want = shortest[c][j];
        std::size_t i = j - 1;
        while (!(shortest[c - 1][i] != none && top[j] - top[i] <= tallest &&
                 std::min(shortest[c - 1][i], top[j] - top[i]) >= want - kSlack))
            --i;
        starts[c - 1] = i;
        j = i;
    }
    return starts;
}

} // namespace citemap

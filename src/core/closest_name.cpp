#include "core/closest_name.hpp"

#include <algorithm>
#include <cctype>

namespace citemap {

namespace {

std::size_t distance(std::string_view a, std::string_view b, bool fold_case) {
    // Names in map.toml are short; anything long is not a typo of anything.
    if (a.size() > 256 || b.size() > 256)
        return std::max(a.size(), b.size());
    auto lower = [fold_case](char c) {
        return fold_case ? static_cast<char>(std::tolower(static_cast<unsigned char>(c))) : c;
    };
    const std::size_t n = a.size(), m = b.size();
    std::vector<std::size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
    for (std::size_t j = 0; j <= m; ++j)
        prev[j] = j;
    for (std::size_t i = 1; i <= n; ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= m; ++j) {
            const bool same = lower(a[i - 1]) == lower(b[j - 1]);
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (same ? 0 : 1)});
            if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) && lower(a[i - 2]) == lower(b[j - 1]))
                cur[j] = std::min(cur[j], prev2[j - 2] + 1);
        }
        prev2 = prev;
        prev = cur;
    }
    return prev[m];
}

} // namespace

std::size_t name_distance(std::string_view a, std::string_view b) {
    return distance(a, b, true);
}

std::string closest_name(std::string_view wrong, const std::vector<std::string>& known) {
    // One or two characters are too short to tell a slip from another name.
    if (wrong.size() < 3)
        return {};
    const std::size_t limit = std::max<std::size_t>(1, wrong.size() / 3);
    std::string best;
    std::size_t best_d = limit + 1, best_exact = 0;
    for (const std::string& k : known) {
        if (k == wrong)
            continue;
        const std::size_t d = name_distance(wrong, k);
        // Equally close ignoring case: the one written in the same case wins ("Tolvy" -> "Tolvey").
        const std::size_t exact = d <= limit ? distance(wrong, k, false) : 0;
        if (d < best_d || (d == best_d && exact < best_exact)) {
            best_d = d;
            best_exact = exact;
            best = k;
        }
    }
    return best;
}

std::string name_list(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& n : names)
        out += (out.empty() ? "" : ", ") + n;
    return out;
}

std::string did_you_mean(std::string_view wrong, const std::vector<std::string>& known) {
    const std::string best = closest_name(wrong, known);
    return best.empty() ? "" : "did you mean '" + best + "'? ";
}

} // namespace citemap

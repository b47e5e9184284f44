// Machado, Oliveira & Fernandes (2009) matrices at full severity, applied in linear sRGB.
#include "layout/color_vision.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace citemap {

namespace {

using Matrix = std::array<std::array<double, 3>, 3>;

constexpr Matrix kProtanopia{
    {{0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216}, {-0.003882, -0.048116, 1.051998}}};
constexpr Matrix kDeuteranopia{
    {{0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413}, {-0.011820, 0.042940, 0.968881}}};
constexpr Matrix kTritanopia{
    {{1.255528, -0.076749, -0.178779}, {-0.078411, 0.930809, 0.147602}, {0.004733, 0.691367, 0.303900}}};

double to_linear(double c) {
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}
double to_srgb(double c) {
    return c <= 0.0031308 ? 12.92 * c : 1.055 * std::pow(c, 1 / 2.4) - 0.055;
}

std::array<double, 3> lab(const Color& c) {
    const double r = to_linear(c.r), g = to_linear(c.g), b = to_linear(c.b);
    const double x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    const double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    const double z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    auto f = [](double t) { return t > 0.008856 ? std::cbrt(t) : 7.787 * t + 16.0 / 116; };
    return {116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))};
}

} // namespace

Color simulate(const Color& c, Deficiency d) {
    if (d == Deficiency::none)
        return c;
    const Matrix& m = d == Deficiency::protanopia     ? kProtanopia
                      : d == Deficiency::deuteranopia ? kDeuteranopia
                                                      : kTritanopia;
    const double in[3] = {to_linear(c.r), to_linear(c.g), to_linear(c.b)};
    double out[3];
    for (int i = 0; i < 3; ++i)
        out[i] = std::clamp(m[i][0] * in[0] + m[i][1] * in[1] + m[i][2] * in[2], 0.0, 1.0);
    return {to_srgb(out[0]), to_srgb(out[1]), to_srgb(out[2]), c.a};
}

double delta_e(const Color& a, const Color& b) {
    const auto la = lab(a), lb = lab(b);
    return std::hypot(la[0] - lb[0], la[1] - lb[1], la[2] - lb[2]);
}

ClosestPair closest_pair(const std::vector<Color>& colors, Deficiency d) {
    ClosestPair best;
    for (std::size_t i = 0; i < colors.size(); ++i)
        for (std::size_t j = i + 1; j < colors.size(); ++j)
            if (const double e = delta_e(simulate(colors[i], d), simulate(colors[j], d)); e < best.difference)
                best = {i, j, e};
    return best;
}

double min_difference(const std::vector<Color>& colors, Deficiency d) {
    return closest_pair(colors, d).difference;
}

const std::array<const char*, 8>& default_status_palette() {
    // Okabe & Ito's six, then for a seventh and eighth status a pale green and a dark brown: of the
    // colours tried, the pair whose tints are furthest from the six and each other (at least 27.6 ΔE
    // as the map tints them, 19.9 under the worst deficiency). Before them a seventh status took the
    // first colour again.
    static const std::array<const char*, 8> palette{"#d55e00", "#0072b2", "#009e73", "#e69f00",
                                                    "#cc79a7", "#56b4e9", "#b2df8a", "#543005"};
    return palette;
}

TintDifference tint_difference(const Color& a, const Color& b, const Color& paper, double alpha) {
    const Color ta = paper.mix(a, alpha).with_alpha(1), tb = paper.mix(b, alpha).with_alpha(1);
    TintDifference d{delta_e(ta, tb), 1e9};
    for (Deficiency k : {Deficiency::protanopia, Deficiency::deuteranopia, Deficiency::tritanopia})
        d.deficient = std::min(d.deficient, delta_e(simulate(ta, k), simulate(tb, k)));
    return d;
}

std::vector<std::string> assign_status_colors(const std::vector<std::string>& own,
                                              const std::vector<std::pair<std::size_t, std::size_t>>& related,
                                              const Color& paper, double alpha) {
    const auto& palette = default_status_palette();
    const std::size_t n = own.size();
    // Palette index per status (k for a status with its own colour); the legend-order default first.
    // The last two colours are for a seventh and eighth status only: six statuses keep Okabe & Ito's.
    std::vector<std::size_t> free;
    for (std::size_t i = 0; i < n; ++i)
        if (own[i].empty())
            free.push_back(i);
    const std::size_t k = std::clamp<std::size_t>(free.size(), 6, palette.size());
    std::vector<std::size_t> pick(n, k);
    for (std::size_t f = 0; f < free.size(); ++f)
        pick[free[f]] = f % k;
    // How far apart two statuses' tints are, each palette colour and own colour measured once.
    std::vector<Color> colors;
    for (std::size_t c = 0; c < k; ++c)
        colors.push_back(Color::hex(palette[c]));
    for (std::size_t i = 0; i < n; ++i)
        colors.push_back(own[i].empty() ? Color{} : Color::hex(own[i]));
    std::vector<TintDifference> apart(colors.size() * colors.size());
    auto index_of = [&](const std::vector<std::size_t>& at, std::size_t i) { return at[i] < k ? at[i] : k + i; };
    for (std::size_t a = 0; a < colors.size(); ++a)
        for (std::size_t b = a + 1; b < colors.size(); ++b)
            apart[a * colors.size() + b] = apart[b * colors.size() + a] = tint_difference(colors[a], colors[b], paper, alpha);
    auto difference = [&](const std::vector<std::size_t>& at, std::size_t a, std::size_t b) {
        return apart[index_of(at, a) * colors.size() + index_of(at, b)];
    };
    // Only pairs with a palette colour in them are ours to improve; the user chose the rest.
    std::vector<std::pair<std::size_t, std::size_t>> pairs, all_pairs;
    for (const auto& [a, b] : related)
        if (a != b && a < n && b < n && (own[a].empty() || own[b].empty()))
            pairs.emplace_back(a, b);
    for (std::size_t a = 0; a < n; ++a)
        for (std::size_t b = a + 1; b < n; ++b)
            if (own[a].empty() || own[b].empty())
                all_pairs.emplace_back(a, b);
    // Normal vision first, then the worst deficiency; each capped where two fills read apart at a glance,
    // so colours move only for a pair that is hard to read, and then as few as can. Then every pair of
    // statuses, shown together or not: a reader matches each to the legend, and "Without power" in sky
    // blue beside "Power restored" in blue (14 ΔE as tints) read as one (audit s11 D12). Capped at 15,
    // under the palette's next closest pair (vermilion and orange, 22): with up to five statuses the
    // two blues are never both used; six use every colour, and the legend order stays.
    constexpr double kNormalEnough = 30, kDeficientEnough = 12, kAnyPairEnough = 15;
    auto score = [&](const std::vector<std::size_t>& at) {
        std::tuple<double, double, double> worst{kNormalEnough, kDeficientEnough, kAnyPairEnough};
        for (const auto& [a, b] : pairs) {
            const TintDifference d = difference(at, a, b);
            std::get<0>(worst) = std::min(std::get<0>(worst), d.normal);
            std::get<1>(worst) = std::min(std::get<1>(worst), d.deficient);
        }
        for (const auto& [a, b] : all_pairs)
            std::get<2>(worst) = std::min(std::get<2>(worst), difference(at, a, b).normal);
        return worst;
    };
    std::vector<std::size_t> best = pick;
    // Every way to give the free statuses distinct palette colours (at most 8!/0! = 40320); with more
    // statuses than colours some repeat anyway, and the legend order is kept.
    if (!all_pairs.empty() && free.size() <= k &&
        score(pick) < std::tuple{kNormalEnough, kDeficientEnough, kAnyPairEnough}) {
        auto best_score = std::tuple{score(pick), 0};
        std::vector<std::size_t> order(k);
        for (std::size_t i = 0; i < k; ++i)
            order[i] = i;
        std::vector<std::size_t> at = pick;
        // Permutations of the palette in lexicographic order; the first `free.size()` entries are the
        // colours, so consecutive permutations sharing them are one candidate, tried once.
        std::vector<std::size_t> seen_prefix;
        do {
            const std::vector<std::size_t> prefix(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(free.size()));
            if (prefix == seen_prefix)
                continue;
            seen_prefix = prefix;
            int moved = 0;
            for (std::size_t f = 0; f < free.size(); ++f) {
                at[free[f]] = prefix[f];
                moved += prefix[f] != f;
            }
            if (const auto sc = std::tuple{score(at), -moved}; sc > best_score) {
                best_score = sc;
                best = at;
            }
        } while (std::next_permutation(order.begin(), order.end()));
    }
    std::vector<std::string> out(n);
    for (std::size_t i = 0; i < n; ++i)
        out[i] = best[i] < k ? palette[best[i]] : own[i];
    return out;
}

} // namespace citemap

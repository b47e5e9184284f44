// Machado, Oliveira & Fernandes (2009) matrices at full severity, applied in linear sRGB.
#include "layout/color_vision.hpp"

#include <algorithm>
#include <cmath>

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

const std::array<const char*, 6>& default_status_palette() {
    static const std::array<const char*, 6> palette{"#d55e00", "#0072b2", "#009e73",
                                                    "#e69f00", "#cc79a7", "#56b4e9"};
    return palette;
}

} // namespace citemap

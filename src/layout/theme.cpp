// The look described in DESIGN.md: a quiet base, zones that carry the message, modality shown by
// pattern and outline, never by colour alone.
#include "layout/theme.hpp"

#include <algorithm>

namespace citemap {

Theme make_theme(const std::string& name) {
    Theme t;
    t.name = name;
    t.sea = Color::hex("#dcebf5");
    t.accent_water = Color::hex("#5b89a6");
    t.land = Color::hex("#ebe9e4");
    t.land_stroke = Color::hex("#b8b4ab");
    t.mapped_area = Color::hex("#fdfcf8");
    t.outline_stroke = Color::hex("#6f6a62");
    t.boundary = Color::hex("#9a958c");
    t.text = Color::hex("#222222");
    t.muted = Color::hex("#5a5a5a");
    if (name == "print") {
        t.greyscale = true;
        t.sea = Color::hex("#eeeeee");
        t.land = Color::hex("#f4f4f4");
        t.accent_water = Color::hex("#666666");
        t.fill_alpha = 0.45;
    }
    return t;
}

Color status_color(const Theme& theme, const MapSpec& spec, const StatusSpec& status) {
    const Color c = Color::hex(status.color);
    if (!theme.greyscale)
        return c;
    // Spread statuses over distinct grey levels in legend order.
    const auto it = std::find_if(spec.statuses.begin(), spec.statuses.end(),
                                 [&](const StatusSpec& s) { return s.key == status.key; });
    const auto i = static_cast<double>(it - spec.statuses.begin());
    const double n = std::max<double>(1, static_cast<double>(spec.statuses.size()) - 1);
    const double g = 0.2 + 0.45 * i / n;
    return {g, g, g, 1};
}

namespace {

// The print theme's patterns, one per status in legend order. Cross-hatching is kept for conflicts
// and denials, rising diagonals for plans and dots for projections, so statuses use neither. The
// first six statuses get six families: the same hatch at a wider spacing was told apart by tone
// alone ("Flooded" and "Dry", c-deltaport's second and sixth statuses, audit s12 D10); only a
// seventh status and on repeats a family, wider.
struct PrintPattern {
    Hatch hatch;
    double spacing; // in units
};
constexpr PrintPattern kPrintPatterns[] = {
    {Hatch::none, 0},   {Hatch::horizontal, 3.5}, {Hatch::vertical, 3.5}, {Hatch::falling, 3.5},
    {Hatch::grid, 3.5}, {Hatch::ruled, 4.5},      {Hatch::horizontal, 7},   {Hatch::vertical, 7},
    {Hatch::falling, 7}, {Hatch::grid, 7}};

std::size_t status_index(const MapSpec& spec, const StatusSpec& status) {
    const auto it = std::find_if(spec.statuses.begin(), spec.statuses.end(),
                                 [&](const StatusSpec& s) { return s.key == status.key; });
    return static_cast<std::size_t>(it - spec.statuses.begin());
}

Pattern print_pattern(const MapSpec& spec, const StatusSpec& status, double unit) {
    const PrintPattern& pp = kPrintPatterns[status_index(spec, status) % std::size(kPrintPatterns)];
    return {pp.hatch, {0, 0, 0, 0.8}, pp.spacing * unit, 0.5 * unit};
}

} // namespace

std::size_t print_pattern_count() { return std::size(kPrintPatterns); }

ZoneStyle zone_style(const Theme& theme, const MapSpec& spec, const StatusSpec& status, Modality m,
                     double unit) {
    const Color c = status_color(theme, spec, status);
    const Color dark = c.mix({0, 0, 0, 1}, 0.35);
    ZoneStyle s;
    s.stroke = {dark, 0.9 * unit, {}, true};
    switch (m) {
    case Modality::reported:
        s.fill.color = c.with_alpha(theme.fill_alpha);
        if (theme.greyscale)
            s.fill.pattern = print_pattern(spec, status, unit);
        break;
    case Modality::plan:
        s.fill.color = c.with_alpha(0.14);
        s.fill.pattern = {Hatch::diagonal, dark.with_alpha(0.85), 4.5 * unit, 0.9 * unit};
        s.stroke.dash = {4 * unit, 2 * unit};
        break;
    case Modality::projection:
        s.fill.color = c.with_alpha(0.16);
        s.fill.pattern = {Hatch::dots, dark.with_alpha(0.9), 3.6 * unit, 0.75 * unit};
        s.stroke.dash = {0.1 * unit, 2.2 * unit};
        s.stroke.width = 1.3 * unit;
        break;
    case Modality::denial:
        // Outline only: a zone whose one claim is a denial must not be coloured as if the denied
        // status held (the hatch read as "evacuation ordered" where the text says there is no danger).
        s.stroke.dash = {5 * unit, 1.5 * unit, 0.1 * unit, 1.5 * unit};
        break;
    }
    return s;
}

Fill band_fill(const Theme& theme, const MapSpec& spec, const StatusSpec& status, Modality m, double unit) {
    const Color c = status_color(theme, spec, status);
    const Color dark = c.mix({0, 0, 0, 1}, 0.25);
    // Patterns lie on a white veil, so the primary fill under them reads as a lighter ground.
    const Color veil{1, 1, 1, 0.35};
    switch (m) {
    case Modality::plan:
        return {veil, {Hatch::diagonal, dark.with_alpha(0.9), 4.5 * unit, 0.9 * unit}};
    case Modality::projection:
        return {veil, {Hatch::dots, dark.with_alpha(0.9), 3.6 * unit, 0.75 * unit}};
    case Modality::denial:
        // Crosses, as struck out: never the status's fill (the text says it does not hold), and not the
        // cross-hatch, which reported bands shared with denials and conflicts (audit-8-s9 defect 2).
        return {veil, {Hatch::xmarks, dark.with_alpha(0.95), 3.4 * unit, 0.55 * unit}};
    case Modality::reported:
        // In print, a band shows its status's own pattern (all bands were the same grey cross-hatch).
        if (theme.greyscale) {
            Pattern pp = print_pattern(spec, status, unit);
            // The first status's plain grey fill becomes a band of lines so close it reads as solid.
            if (pp.hatch == Hatch::none)
                return {veil, {Hatch::falling, {0, 0, 0, 0.7}, 1.2 * unit, 0.9 * unit}};
            // Denser than the fill's: a band is a few points wide, and one line of a wide hatch in it
            // reads as an edge, not a pattern.
            pp.spacing *= 0.5;
            pp.line_width = 0.45 * unit;
            return {veil, pp};
        }
        // Solid, as a reported zone is: the status's tint as the legend shows it, laid opaque so it
        // does not blend with the primary fill under it into a colour the legend lacks.
        return {theme.mapped_area.mix(c, theme.fill_alpha).with_alpha(1), {}};
    }
    return {};
}

Badge claim_badge(const Theme& theme, const MapSpec& spec, const StatusSpec* status, double unit) {
    const Color white{1, 1, 1, 1};
    if (!status)
        return {theme.text, std::nullopt, white};
    if (!theme.greyscale)
        return {status_color(theme, spec, *status).mix({0, 0, 0, 1}, 0.45), std::nullopt, white};
    // Eight looks, one per status up to eight: fill dark, white or grey; ring none, solid, dashed or
    // dotted. With four, the fifth status took the first's black badge (audit s11 D13: "Without power"
    // and "Sheltering evacuees"). The first four keep their order.
    const Color dark{0.13, 0.13, 0.13, 1}, grey{0.72, 0.72, 0.72, 1}, black{0, 0, 0, 1};
    const Stroke solid{dark, 1.0 * unit, {}, true}, dashed{dark, 1.0 * unit, {1.2 * unit, 0.8 * unit}, false},
        dotted{dark, 1.1 * unit, {0, 1.5 * unit}, true};
    switch (status_index(spec, *status) % 8) {
    case 0:
        return {dark, std::nullopt, white};
    case 1:
        return {white, solid, dark};
    case 2:
        return {grey, solid, black};
    case 3:
        return {white, dashed, dark};
    case 4:
        return {grey, std::nullopt, black};
    case 5:
        return {white, dotted, dark};
    case 6:
        return {grey, dashed, black};
    default:
        return {grey, dotted, black};
    }
}

const char* modality_phrase(Modality m) {
    // The legend reads "Flooded — denied": a participle where the key is a noun.
    return m == Modality::denial ? "denied" : to_string(m);
}

} // namespace citemap

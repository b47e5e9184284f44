// State shared by the layout stages while one page is laid out.
#pragma once

#include "layout/layout.hpp"
#include "layout/map_transform.hpp"
#include "layout/placer.hpp"
#include "layout/theme.hpp"
#include "text/pango_text.hpp"

#include <set>

namespace citemap {

struct Fonts {
    Font title, subtitle, heading, body, small, zone_label, locality, area, marker;
};

struct LayoutContext {
    const Project& project;
    const LayoutOptions& options;
    Theme theme;
    double unit = 1; // line weights and symbol sizes scale with the page
    Fonts fonts;
    Scene& scene;
    Placer placer;
    MapTransform tf{};
    const TextEngine& text = text_engine();

    [[nodiscard]] Text text_at(std::string s, Point origin, const Font& f, Color c,
                               Anchor a = Anchor::start) const {
        return text.make(std::move(s), origin, f, c, a);
    }
    [[nodiscard]] std::vector<Ring> to_page(const std::vector<Ring>& world) const;
};

[[nodiscard]] Fonts make_fonts(double k, double body_scale);

// Stages, in drawing order.
void layout_base_and_zones(LayoutContext& lc); // map_layers.cpp
void layout_map_labels(LayoutContext& lc);    // map_labels.cpp, which calls:
void place_zone_labels(LayoutContext& lc, Layer& labels, Layer& markers, Layer& leaders); // zone_labels.cpp
void layout_map_furniture(LayoutContext& lc); // map_furniture.cpp
void layout_graticule(LayoutContext& lc);     // graticule.cpp: frame ticks, degree labels in the margin
// Panels are built at the origin and then placed; each returns its item and height.
[[nodiscard]] Item panel_title(const LayoutContext& lc, double width);
[[nodiscard]] Item panel_legend(const LayoutContext& lc, double width);
[[nodiscard]] std::vector<Item> panel_citations(const LayoutContext& lc, double width, int columns);
[[nodiscard]] Item panel_credits(const LayoutContext& lc, double width);

// Which claims draw how: a zone's first claim sets its fill, later ones add patterns.
[[nodiscard]] const Claim* primary_claim(const Project& p, const std::string& zone_id);
[[nodiscard]] std::string format_date(const std::string& iso);
// Zones drawn as outlines only: they lie inside a larger zone that is drawn the same way.
[[nodiscard]] std::set<std::string> nested_zones(const Project& p);
[[nodiscard]] Stroke nested_zone_stroke(const Stroke& primary, double unit);

} // namespace citemap

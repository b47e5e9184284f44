// A page's title, credits and legend as its composition candidates ask for them, set once per width.
#include "layout/panel_blocks.hpp"

namespace citemap {

PanelBlocks::Key PanelBlocks::key(Kind kind, const LayoutContext& lc, double width, LegendColumns columns) {
    const Fonts& f = lc.fonts;
    const std::array<double, 9> sizes{f.title.size, f.subtitle.size, f.heading.size, f.body.size, f.small.size,
                                      f.zone_label.size, f.locality.size, f.area.size, f.marker.size};
    if (kind == Kind::credits) // a card's front says what its back holds instead
        return {kind, width, sizes, std::to_string(static_cast<int>(lc.overleaf)), false, {}, {}};
    if (kind != Kind::legend)
        return {kind, width, sizes, {}, false, {}, {}};
    const Box c = lc.content, page = lc.placer.bounds();
    return {kind,           width, sizes, lc.citations_at, lc.citations_continue,
            {c.minx, c.miny, c.maxx, c.maxy, page.minx, page.miny, page.maxx, page.maxy}, columns};
}

Item PanelBlocks::title(const LayoutContext& lc, double width) {
    Key k = key(Kind::title, lc, width);
    if (const auto it = kept_.find(k); it != kept_.end())
        return it->second;
    return kept_.emplace(std::move(k), panel_title(lc, width)).first->second;
}

Item PanelBlocks::credits(const LayoutContext& lc, double width) {
    Key k = key(Kind::credits, lc, width);
    if (const auto it = kept_.find(k); it != kept_.end())
        return it->second;
    return kept_.emplace(std::move(k), panel_credits(lc, width)).first->second;
}

Item PanelBlocks::legend(const LayoutContext& lc, double width, LegendColumns columns) {
    Key k = key(Kind::legend, lc, width, columns);
    if (const auto it = kept_.find(k); it != kept_.end())
        return it->second;
    return kept_.emplace(std::move(k), panel_legend(lc, width, nullptr, columns)).first->second;
}

} // namespace citemap

// A page's title, credits and legend as its composition candidates ask for them, set once per width.
#pragma once

#include "layout/layout_context.hpp"

#include <array>
#include <map>
#include <string>
#include <tuple>

namespace citemap {

// The composition search sets the same blocks for many candidates: the title and credits across the
// page for every "below" candidate of a text scale and its score bound, a side column's at each width
// its frame leaves, at every scale whose type sizes come out the same. Pango laid each out again: 395
// blocks for Gaza's three pages, 164 of them different. A block is a function of the context's type
// sizes and the width, and a legend before its map is drawn also of its wording (where the list is,
// whether it continues) and of the content and page it sizes its rows for; nothing else of the
// context. Kept here for one page's search (the project, options, theme and unit are the page's).
class PanelBlocks {
  public:
    [[nodiscard]] Item title(const LayoutContext& lc, double width);
    [[nodiscard]] Item credits(const LayoutContext& lc, double width);
    // panel_legend(lc, width, nullptr, columns): with no drawn map.
    [[nodiscard]] Item legend(const LayoutContext& lc, double width, LegendColumns columns = {});

  private:
    enum class Kind { title, credits, legend };
    using Key =
        std::tuple<Kind, double, std::array<double, 9>, std::string, bool, std::array<double, 8>, LegendColumns>;
    [[nodiscard]] static Key key(Kind kind, const LayoutContext& lc, double width, LegendColumns columns = {});
    std::map<Key, Item> kept_;
};

} // namespace citemap

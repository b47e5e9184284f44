// Page sizes: named paper in either orientation, explicit "WxH mm", or a figure width ("170mm").
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace citemap {

struct PageSize {
    double width_mm = 297, height_mm = 210;
    bool figure = false; // height follows the content: map aspect plus panels
    std::string name;
    double max_height_mm = 240; // figures: at most this tall (an A4 text block with room for a caption)
    [[nodiscard]] double width_pt() const { return width_mm * 72.0 / 25.4; }
    [[nodiscard]] double height_pt() const { return height_mm * 72.0 / 25.4; }
    [[nodiscard]] bool landscape() const { return !figure && width_mm > height_mm * 1.15; }
};

// nullopt when the text names no page we know; the caller reports where it came from.
[[nodiscard]] std::optional<PageSize> parse_page(const std::string& text);
[[nodiscard]] std::string page_help();
// Up to three pages larger than `page`, smallest first, to try before advising one on a refused page:
// the next sizes of its paper family in the same orientation (a5 -> a4 -> a3 -> a2, letter -> legal ->
// tabloid), an explicit page grown by a quarter, a half and double in both directions, a figure 30, 60
// and 100 mm wider (its height limit kept). Names are as parse_page reads them back.
[[nodiscard]] std::vector<PageSize> larger_pages(const PageSize& page);
// Why parse_page refused `text`, for the error: a size out of bounds says which side and the bound
// ("100x40mm" is a page size, only too low), anything else is an unknown page. `display` is how the
// message names it (the caller's escaped form).
[[nodiscard]] std::string page_error(const std::string& text, const std::string& display);

} // namespace citemap

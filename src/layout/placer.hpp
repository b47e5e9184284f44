// Collision bookkeeping for everything placed on the page: text, markers, panels, furniture.
#pragma once

#include "geo/geos_handle.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace citemap {

// Whether the segment a-b enters the box (touching counts).
[[nodiscard]] bool segment_meets_box(Point a, Point b, const Box& box);
// The part of the segment a-b in the box, as parameters along it (0 at a, 1 at b); none where it
// misses the box (touching counts).
[[nodiscard]] std::optional<std::array<double, 2>> segment_span_in_box(Point a, Point b, const Box& box);

class Placer {
  public:
    explicit Placer(Box bounds);
    // Inside `within` (default: the page) and clear of every occupied box.
    [[nodiscard]] bool fits(const Box& b) const { return fits(b, bounds_); }
    [[nodiscard]] const Box& bounds() const { return bounds_; }
    [[nodiscard]] bool fits(const Box& b, const Box& within) const;
    // The same, ignoring the boxes taken by drawn lines (occupy_line with `drawn_line`): a town's dot
    // may sit on a road or river; its name may not.
    [[nodiscard]] bool fits_on_lines(const Box& b, const Box& within) const;
    void occupy(const Box& b);
    // Frees the box last occupied equal to `b` (the main scale bar's, set again after the labels);
    // false when none is.
    bool vacate(const Box& b);
    // Whether the segment a-b passes through an occupied box: leader lines and links cross none.
    // Without `drawn_lines`, the boxes of drawn lines do not count (a link may cross a river, not an
    // inset).
    [[nodiscard]] bool crosses(Point a, Point b, bool drawn_lines = true) const;
    // Marks a thin line as taken, so later labels do not sit on it.
    void occupy_line(Point a, Point b, double half_width, bool drawn_line = false);

  private:
    // A uniform grid over the bounds indexes the boxes: `fits` looks only at the boxes registered in
    // the cells its box overlaps, so a page of 1000 zones (thousands of candidate positions tested
    // against thousands of placed boxes) costs about what a page of ten did.
    struct CellRange {
        int x0, y0, x1, y1;
    };
    [[nodiscard]] CellRange cells(const Box& b) const;
    [[nodiscard]] bool fits(const Box& b, const Box& within, bool lines) const;

    Box bounds_;
    std::vector<Box> boxes_;
    std::vector<char> on_line_; // per box: taken by a drawn line
    static constexpr int kGrid = 64;
    double cell_w_ = 1, cell_h_ = 1;
    std::vector<std::vector<std::uint32_t>> grid_; // kGrid * kGrid cells of indices into boxes_
    // The box that last refused a `fits`, asked first the next time: a label search tries spots a
    // few points apart, most of them refused by the same box (60 city wards on a figure: 36 M spots,
    // two thirds refused). Any box meeting the query refuses it, so the answer does not change.
    mutable std::uint32_t last_refusal_ = 0;
};

} // namespace citemap

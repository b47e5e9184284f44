// Collision bookkeeping for everything placed on the page: text, markers, panels, furniture.
#pragma once

#include "geo/geos_handle.hpp"

#include <vector>

namespace citemap {

class Placer {
  public:
    explicit Placer(Box bounds) : bounds_(bounds) {}
    // Inside `within` (default: the page) and clear of every occupied box.
    [[nodiscard]] bool fits(const Box& b) const { return fits(b, bounds_); }
    [[nodiscard]] bool fits(const Box& b, const Box& within) const;
    void occupy(const Box& b) { boxes_.push_back(b); }
    // How many occupied boxes the segment a-b passes through: leader lines should cross few.
    [[nodiscard]] int crossings(Point a, Point b) const;
    // Marks a thin line as taken, so later labels do not sit on it.
    void occupy_line(Point a, Point b, double half_width);

  private:
    Box bounds_;
    std::vector<Box> boxes_;
};

} // namespace citemap

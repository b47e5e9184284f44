// The edge of a set of segments nearest a point, found through a tree of boxes instead of a pass over
// every edge. A turned name's search (zone_labels.cpp) asks it at each of up to 640 spots of a long
// zone with thousands of edges on the page: a pass per spot was a tenth of the Gaza check. The edges
// of an outline come in order along it, so runs of consecutive edges have small boxes: the tree boxes
// runs of 8 edges, runs of 8 such runs, and so on.
#pragma once

#include "scene/scene.hpp"

#include <array>
#include <vector>

namespace citemap {

class NearestEdge {
  public:
    explicit NearestEdge(std::vector<std::array<Point, 2>> edges);

    // The index of the edge at the least point_segment_distance from `p`, the lowest index among equal
    // distances, ignoring edges of length 0; size() when there is none. The same distances, computed
    // the same way, as a pass over every edge: the same edge, whatever the tree skips.
    [[nodiscard]] std::size_t nearest(Point p) const;

    [[nodiscard]] const std::vector<std::array<Point, 2>>& edges() const { return edges_; }
    [[nodiscard]] std::size_t size() const { return edges_.size(); }

  private:
    void visit(std::size_t level, std::size_t at, Point p, double& best_d, std::size_t& best_i) const;
    void measure(std::size_t i, Point p, double& best_d, std::size_t& best_i) const;

    std::vector<std::array<Point, 2>> edges_;
    // levels_[0][j]: the box of edges 8j to 8j + 7; levels_[k][j]: the box of levels_[k - 1][8j to 8j + 7].
    std::vector<std::vector<Box>> levels_;
    mutable std::size_t hint_ = 0; // the last answer: a good first guess for a spot near it
};

} // namespace citemap

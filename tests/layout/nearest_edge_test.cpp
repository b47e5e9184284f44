// NearestEdge must give exactly the edge a pass over every edge gives (the least distance, the lowest
// index among equals, edges of length 0 ignored), for points inside and far outside the edges' extent,
// on outlines with long and short edges, repeated edges (exact ties) and degenerate ones.
#include "layout/nearest_edge.hpp"
#include "test_support.hpp"

#include <cmath>
#include <random>
#include <vector>

using namespace citemap;

namespace {

std::size_t by_pass(const std::vector<std::array<Point, 2>>& edges, Point p) {
    double best = 1e18;
    std::size_t at = edges.size();
    for (std::size_t i = 0; i < edges.size(); ++i) {
        const auto& [a, b] = edges[i];
        if ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y) <= 0)
            continue;
        if (const double d = point_segment_distance(p, a, b); d < best) {
            best = d;
            at = i;
        }
    }
    return at;
}

// A closed wavy outline of n vertices around (cx, cy): a coast, a strip, or a star of long spikes.
std::vector<std::array<Point, 2>> outline(std::mt19937& rng, std::size_t n, double cx, double cy, double rx, double ry,
                                          double wobble) {
    std::uniform_real_distribution<double> jitter(-wobble, wobble);
    std::vector<Point> pts;
    for (std::size_t i = 0; i < n; ++i) {
        const double a = 2 * M_PI * static_cast<double>(i) / static_cast<double>(n);
        const double k = 1 + jitter(rng);
        pts.push_back({cx + rx * k * std::cos(a), cy + ry * k * std::sin(a)});
    }
    std::vector<std::array<Point, 2>> edges;
    for (std::size_t i = 0; i < n; ++i)
        edges.push_back({pts[i], pts[(i + 1) % n]});
    return edges;
}

} // namespace

TEST_CASE("NearestEdge finds the edge a pass over every edge finds") {
    std::mt19937 rng(11);
    std::uniform_real_distribution<double> unit(0, 1);
    std::size_t asked = 0, far_out = 0;
    for (int shape = 0; shape < 24; ++shape) {
        const std::size_t n = shape % 4 == 0 ? 3 : 10 + static_cast<std::size_t>(unit(rng) * 3000);
        const double rx = 5 + unit(rng) * 400, ry = shape % 3 == 0 ? rx / 40 : 5 + unit(rng) * 300;
        auto edges = outline(rng, n, 400 * unit(rng), 300 * unit(rng), rx, ry, shape % 2 ? 0.6 : 0.02);
        if (shape % 5 == 1) {
            // Ties: every edge twice (the first copy must win), and edges of length 0.
            const auto copy = edges;
            edges.insert(edges.end(), copy.begin(), copy.end());
            edges.push_back({edges[0][0], edges[0][0]});
            edges.insert(edges.begin(), {edges[3][1], edges[3][1]});
        }
        const NearestEdge index(edges);
        for (int q = 0; q < 400; ++q) {
            // Most near the outline, some far outside its extent (a spot search runs past a zone).
            const double spread = q % 10 == 0 ? 8 : 1.3;
            const Point p{400 * unit(rng) * spread - 200 * (spread - 1), 300 * unit(rng) * spread - 150 * (spread - 1)};
            // A spot exactly on a vertex, too.
            const Point on = q % 7 == 0 ? edges[static_cast<std::size_t>(q) % edges.size()][1] : p;
            REQUIRE(index.nearest(on) == by_pass(edges, on));
            ++asked;
            far_out += spread > 2;
        }
    }
    CHECK(asked == 24 * 400);
    CHECK(far_out > 500);
    CHECK(NearestEdge({}).nearest({1, 2}) == 0);
    CHECK(NearestEdge({{Point{1, 1}, Point{1, 1}}}).nearest({1, 2}) == 1);
}

// Generalisation to the output on generated coverages: fewer vertices, nothing moved by more than
// the tolerance, and every edge two cells share still identical on both sides (no gaps, no slivers).
#include "scene/generalise.hpp"
#include "test_support.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

using namespace citemap;

namespace {

// A grid of nx x ny cells over [0, W] x [0, H]. Interior edges are wiggly polylines of `per_edge`
// vertices (shared exactly by both neighbours); the outer edges are straight. Each cell's ring starts
// at a random corner and runs in a random direction, as rings from different files would.
Scene coverage(int nx, int ny, int per_edge, double wiggle, std::mt19937& rng) {
    const double w = 20, h = 15;
    std::uniform_real_distribution<double> jitter(-wiggle, wiggle);
    std::vector<Point> corner((nx + 1) * (ny + 1));
    for (int j = 0; j <= ny; ++j)
        for (int i = 0; i <= nx; ++i) {
            const bool outer_x = i == 0 || i == nx, outer_y = j == 0 || j == ny;
            corner[j * (nx + 1) + i] = {i * w + (outer_x ? 0 : jitter(rng) * 10), j * h + (outer_y ? 0 : jitter(rng) * 10)};
        }
    // Edge polylines keyed by their two corner indices (smaller first).
    std::map<std::pair<int, int>, Ring> edges;
    auto edge = [&](int a, int b) {
        const bool flip = a > b;
        auto& e = edges[{std::min(a, b), std::max(a, b)}];
        if (e.empty()) {
            const Point p = corner[std::min(a, b)], q = corner[std::max(a, b)];
            const bool outer = (p.x == q.x && (p.x == 0 || p.x == nx * w)) || (p.y == q.y && (p.y == 0 || p.y == ny * h));
            for (int k = 0; k <= per_edge; ++k) {
                const double t = double(k) / per_edge;
                Point v{p.x + (q.x - p.x) * t, p.y + (q.y - p.y) * t};
                if (!outer && k > 0 && k < per_edge) {
                    // Waves across the edge, so a chord from outside the edge can pick its vertices.
                    const double wave = 3 * std::sin(t * 3 * 6.2832);
                    v.x += jitter(rng) + wave;
                    v.y += jitter(rng) + wave;
                }
                e.push_back(v);
            }
        }
        Ring r = e;
        if (flip)
            std::reverse(r.begin(), r.end());
        return r;
    };
    Scene scene;
    Layer& layer = scene.layer("cells", "Cells");
    for (int j = 0; j < ny; ++j)
        for (int i = 0; i < nx; ++i) {
            std::vector<int> c = {j * (nx + 1) + i, j * (nx + 1) + i + 1, (j + 1) * (nx + 1) + i + 1,
                                  (j + 1) * (nx + 1) + i};
            if (rng() % 2)
                std::reverse(c.begin(), c.end());
            std::rotate(c.begin(), c.begin() + rng() % 4, c.end());
            Ring ring;
            for (int k = 0; k < 4; ++k) {
                Ring e = edge(c[k], c[(k + 1) % 4]);
                ring.insert(ring.end(), e.begin() + (k ? 1 : 0), e.end());
            }
            Item item;
            item.parts.emplace_back(Shape{{ring}, true, Fill{Color{}, {}}, Stroke{}});
            layer.items.push_back(std::move(item));
        }
    return scene;
}

double distance_to_polyline(Point p, const Ring& r) {
    double best = 1e18;
    for (std::size_t i = 0; i + 1 < r.size(); ++i) {
        const Point a = r[i], b = r[i + 1];
        const double dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
        const double t = len2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0.0, 1.0) : 0;
        best = std::min(best, std::hypot(a.x + t * dx - p.x, a.y + t * dy - p.y));
    }
    return best;
}

const Ring& ring_of(const Scene& s, std::size_t item) {
    return std::get<Shape>(s.layers.front().items[item].parts[0]).rings[0];
}

} // namespace

TEST_CASE("generalising a coverage keeps every shared edge identical on both sides") {
    std::mt19937 rng(3);
    for (const auto& [nx, ny, per_edge, tol] :
         std::vector<std::tuple<int, int, int, double>>{{2, 1, 40, 0.05}, {5, 4, 60, 0.02}, {8, 6, 25, 0.3}}) {
        CAPTURE(nx);
        CAPTURE(tol);
        const Scene before = coverage(nx, ny, per_edge, 0.02, rng);
        Scene after = before;
        const GeneraliseStats stats = generalise(after, tol);
        CHECK(stats.after < stats.before);
        // Every segment of an interior edge appears exactly twice (once from each cell), so the cells
        // still tile the plane; an outer one once.
        std::map<std::pair<std::pair<double, double>, std::pair<double, double>>, int> segments;
        for (std::size_t k = 0; k < after.layers.front().items.size(); ++k) {
            const Ring& r = ring_of(after, k);
            REQUIRE(r.size() >= 4);
            CHECK(r.front().x == r.back().x);
            CHECK(r.front().y == r.back().y);
            for (std::size_t i = 0; i + 1 < r.size(); ++i) {
                auto a = std::make_pair(r[i].x, r[i].y), b = std::make_pair(r[i + 1].x, r[i + 1].y);
                ++segments[{std::min(a, b), std::max(a, b)}];
            }
        }
        int unmatched = 0;
        for (const auto& [seg, count] : segments) {
            const auto [a, b] = seg;
            const bool outer = (a.first == b.first && (a.first == 0 || a.first == nx * 20.0)) ||
                               (a.second == b.second && (a.second == 0 || a.second == ny * 15.0));
            unmatched += count != (outer ? 1 : 2);
        }
        CHECK(unmatched == 0);
        // Nothing moved by more than the tolerance, and each ring still starts where it started.
        for (std::size_t k = 0; k < before.layers.front().items.size(); ++k) {
            const Ring &r0 = ring_of(before, k), &r1 = ring_of(after, k);
            CHECK(r1.front().x == r0.front().x);
            CHECK(r1.front().y == r0.front().y);
            double worst = 0;
            for (const Point& p : r0)
                worst = std::max(worst, distance_to_polyline(p, r1));
            CHECK(worst <= tol * 1.0000001);
        }
    }
}

TEST_CASE("dashed outlines, open lines' ends and small rings are kept as drawn") {
    Scene s;
    Layer& l = s.layer("x", "X");
    Ring wiggle;
    for (int k = 0; k <= 100; ++k)
        wiggle.push_back({k * 1.0, 0.001 * (k % 3)});
    Stroke dashed;
    dashed.dash = {2, 1};
    Item a, b, c;
    a.parts.emplace_back(Shape{{wiggle}, false, std::nullopt, dashed});
    b.parts.emplace_back(Shape{{wiggle}, false, std::nullopt, Stroke{}});
    const Ring tiny = {{0, 0}, {0.001, 0}, {0.001, 0.001}, {0, 0}};
    c.parts.emplace_back(Shape{{tiny}, true, Fill{Color{}, {}}, std::nullopt});
    l.items = {a, b, c};
    generalise(s, 0.05);
    CHECK(std::get<Shape>(l.items[0].parts[0]).rings[0].size() == wiggle.size());
    const Ring& line = std::get<Shape>(l.items[1].parts[0]).rings[0];
    REQUIRE(line.size() == 2);
    CHECK(line.front().x == 0);
    CHECK(line.back().x == 100);
    CHECK(std::get<Shape>(l.items[2].parts[0]).rings[0].size() == 4);
}

TEST_CASE("the tolerance is a tenth of a PNG pixel and at most 0.02 pt") {
    CHECK(generalise_tolerance(300) == doctest::Approx(0.02));
    CHECK(generalise_tolerance(600) == doctest::Approx(0.012));
    CHECK(generalise_tolerance(72) == doctest::Approx(0.02));
}

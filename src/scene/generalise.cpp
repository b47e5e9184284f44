// Shared-edge-safe Douglas-Peucker over every Shape of a Scene (see generalise.hpp).
#include "scene/generalise.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <vector>
#include <utility>

namespace citemap {

namespace {

// Vertices are identified by a 64-bit hash of their exact coordinates: a shared vertex has the
// same bits in both shapes (same input, same transform). Whether a vertex is a node is then a
// function of the point alone, the same for every shape, which is all shared edges need; a hash
// collision could only merge two neighbour sets and so add a node, never lose one.
std::uint64_t point_hash(Point p) {
    std::uint64_t h = std::bit_cast<std::uint64_t>(p.x + 0.0) * 0x9E3779B97F4A7C15ull;
    h ^= h >> 31;
    h += std::bit_cast<std::uint64_t>(p.y + 0.0) * 0xC2B2AE3D27D4EB4Full;
    h ^= h >> 29;
    h *= 0x94D049BB133111EBull;
    h ^= h >> 32;
    return h | 1; // 0 marks an empty slot
}

bool less(Point a, Point b) {
    return a.x < b.x || (a.x == b.x && a.y < b.y);
}
bool same(Point a, Point b) {
    return a.x == b.x && a.y == b.y;
}

// Every vertex's distinct neighbours across all shapes (more than two makes it a node), in one flat
// open-addressing table of 16-byte slots at most 77 % full: a million vertices fit in 21 MiB (the
// table is the largest allocation of a render after the PNG surface) and a lookup is one cache miss.
class NodeMap {
  public:
    explicit NodeMap(std::size_t vertices) : slots_(std::max<std::size_t>(16, vertices + vertices * 3 / 10)) {}
    void add(Point v, Point neighbour) { add(slot(point_hash(v)), point_hash(neighbour)); }
    void mark_node(Point v) { slot(point_hash(v)).key |= kNode; }
    [[nodiscard]] bool is_node(Point v) const {
        const std::uint64_t h = key_of(point_hash(v));
        for (std::size_t i = home(h);; i = next(i)) {
            if ((slots_[i].key & ~kState) == h)
                return (slots_[i].key & kNode) != 0;
            if (slots_[i].key == 0)
                return false;
        }
    }

  private:
    // The key is the vertex's hash with its low four bits given to the slot's state: bit 0 marks
    // the slot used, bits 1-2 count the distinct neighbours seen (0-2), bit 3 marks a node. The
    // neighbours are told apart by the low 32 bits of their hashes.
    static constexpr std::uint64_t kUsed = 1, kCount = 6, kNode = 8, kState = kCount | kNode;
    struct Slot {
        std::uint64_t key = 0;
        std::uint32_t a = 0, b = 0; // the first two neighbours
    };
    static std::uint64_t key_of(std::uint64_t h) { return (h & ~std::uint64_t{15}) | kUsed; }
    [[nodiscard]] std::size_t home(std::uint64_t h) const {
        return static_cast<std::size_t>(((h >> 32) * slots_.size()) >> 32); // below 2^32 slots
    }
    [[nodiscard]] std::size_t next(std::size_t i) const { return i + 1 == slots_.size() ? 0 : i + 1; }
    Slot& slot(std::uint64_t hash) {
        const std::uint64_t h = key_of(hash);
        for (std::size_t i = home(h);; i = next(i)) {
            if ((slots_[i].key & ~kState) == h)
                return slots_[i];
            if (slots_[i].key == 0) {
                slots_[i].key = h;
                return slots_[i];
            }
        }
    }
    static void add(Slot& s, std::uint64_t n) {
        const auto low = static_cast<std::uint32_t>(n);
        const std::uint64_t count = (s.key & kCount) >> 1;
        if ((s.key & kNode) || (count > 0 && low == s.a) || (count > 1 && low == s.b))
            return;
        if (count == 0)
            s.a = low;
        else if (count == 1)
            s.b = low;
        else
            s.key |= kNode;
        s.key = (s.key & ~kCount) | (std::min<std::uint64_t>(count + 1, 2) << 1);
    }
    std::vector<Slot> slots_;
};

// A ring as generalisation sees it: consecutive duplicates removed, a closed ring without its
// repeated first point.
Ring cleaned(const Ring& r, bool closed) {
    Ring out;
    out.reserve(r.size());
    for (const Point& p : r)
        if (out.empty() || !same(out.back(), p))
            out.push_back(p);
    if (closed && out.size() > 1 && same(out.front(), out.back()))
        out.pop_back();
    return out;
}

double segment_distance2(Point p, Point a, Point b) {
    const double dx = b.x - a.x, dy = b.y - a.y;
    const double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0;
    t = std::clamp(t, 0.0, 1.0);
    const double ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y;
    return ex * ex + ey * ey;
}

// Marks the vertices of chain[first..last] Douglas-Peucker keeps (iterative: chains can be long).
void douglas_peucker(const std::vector<Point>& chain, double tol2, std::vector<char>& keep) {
    std::vector<std::pair<std::size_t, std::size_t>> stack{{0, chain.size() - 1}};
    while (!stack.empty()) {
        const auto [i, j] = stack.back();
        stack.pop_back();
        double worst = -1;
        std::size_t at = i;
        for (std::size_t k = i + 1; k < j; ++k) {
            const double d = segment_distance2(chain[k], chain[i], chain[j]);
            if (d > worst) {
                worst = d;
                at = k;
            }
        }
        if (worst > tol2) {
            keep[at] = 1;
            stack.push_back({i, at});
            stack.push_back({at, j});
        }
    }
}

// Simplifies one chain between two kept vertices, always in the same direction (from the smaller
// end), so the shape on the other side of a shared edge, which runs it backwards, gets the same result.
void simplify_chain(std::vector<Point>& chain, double tol2) {
    if (chain.size() < 3)
        return;
    const bool flip = less(chain.back(), chain.front());
    if (flip)
        std::reverse(chain.begin(), chain.end());
    std::vector<char> keep(chain.size(), 0);
    keep.front() = keep.back() = 1;
    douglas_peucker(chain, tol2, keep);
    std::size_t n = 0;
    for (std::size_t k = 0; k < chain.size(); ++k)
        if (keep[k])
            chain[n++] = chain[k];
    chain.resize(n);
    if (flip)
        std::reverse(chain.begin(), chain.end());
}

Ring simplify_ring(const Ring& original, bool closed, const NodeMap& nodes, double tol2) {
    Ring r = cleaned(original, closed);
    const std::size_t n = r.size();
    if (n < (closed ? 4u : 3u))
        return original;
    auto is_node = [&](std::size_t i) { return (!closed && (i == 0 || i + 1 == n)) || nodes.is_node(r[i]); };
    std::vector<std::size_t> anchors;
    for (std::size_t i = 0; i < n; ++i)
        if (is_node(i))
            anchors.push_back(i);
    if (closed && anchors.size() < 2) {
        // A ring no other shape touches (or touches at one point): anchor it at its smallest vertex
        // (or that node) and at the vertex farthest from it, both independent of where it starts.
        std::size_t first = anchors.empty() ? 0 : anchors[0];
        if (anchors.empty())
            for (std::size_t i = 1; i < n; ++i)
                if (less(r[i], r[first]))
                    first = i;
        std::size_t far = first;
        double best = -1;
        for (std::size_t i = 0; i < n; ++i) {
            const double d = std::hypot(r[i].x - r[first].x, r[i].y - r[first].y);
            if (d > best || (d == best && less(r[i], r[far]))) {
                best = d;
                far = i;
            }
        }
        anchors = {std::min(first, far), std::max(first, far)};
        if (anchors[0] == anchors[1])
            return original;
    }
    Ring out;
    out.reserve(n);
    const std::size_t chains = closed ? anchors.size() : anchors.size() - 1;
    std::vector<Point> chain;
    for (std::size_t c = 0; c < chains; ++c) {
        const std::size_t from = anchors[c], to = anchors[(c + 1) % anchors.size()];
        chain.clear();
        for (std::size_t i = from;; i = (i + 1) % n) {
            chain.push_back(r[i]);
            if (i == to && chain.size() > 1)
                break;
        }
        simplify_chain(chain, tol2);
        out.insert(out.end(), chain.begin(), chain.end() - 1); // the end starts the next chain
    }
    if (!closed)
        out.push_back(r.back());
    // A ring that would collapse below a triangle stays as drawn: it is smaller than the tolerance
    // anyway, and keeping it keeps tiny islands visible as dots.
    if (closed && out.size() < 3)
        return original;
    if (closed)
        out.push_back(out.front());
    out.shrink_to_fit(); // reserved for every vertex: the scene keeps only what is left
    return out;
}

template <class F> void for_each_shape(Scene& scene, F&& f) {
    for (Layer& layer : scene.layers)
        for (Item& item : layer.items)
            for (Primitive& p : item.parts)
                if (auto* s = std::get_if<Shape>(&p))
                    f(*s);
}

} // namespace

GeneraliseStats generalise(Scene& scene, double tolerance) {
    GeneraliseStats stats;
    for_each_shape(scene, [&](Shape& s) {
        for (const Ring& r : s.rings)
            stats.before += r.size();
    });
    NodeMap nodes(stats.before);
    // Pass 1: every vertex's distinct neighbours over all shapes.
    for_each_shape(scene, [&](Shape& s) {
        for (const Ring& original : s.rings) {
            const Ring r = cleaned(original, s.closed);
            const std::size_t n = r.size();
            for (std::size_t i = 0; i < n; ++i) {
                if (s.closed || i > 0)
                    nodes.add(r[i], r[(i + n - 1) % n]);
                if (s.closed || i + 1 < n)
                    nodes.add(r[i], r[(i + 1) % n]);
                // A line's ends are fixed; so is a ring's first vertex, where a dash pattern starts
                // (moving it would shift every dash of a dashed outline).
                if (i == 0 || (!s.closed && i + 1 == n))
                    nodes.mark_node(r[i]);
            }
        }
    });
    // Pass 2: simplify between nodes. Dashed outlines stay as drawn: a dash pattern runs along the
    // path's length, and shortening the path by a few thousandths of a point per vertex would shift
    // the dashes at the far end of a long line by a visible fraction of a pixel.
    const double tol2 = tolerance * tolerance;
    for_each_shape(scene, [&](Shape& s) {
        const bool dashed = s.stroke && !s.stroke->dash.empty();
        for (Ring& r : s.rings) {
            if (dashed) {
                stats.after += r.size();
                continue;
            }
            r = simplify_ring(r, s.closed, nodes, tol2);
            stats.after += r.size();
        }
    });
    return stats;
}

double generalise_tolerance(double dpi) {
    return std::min(0.02, 0.1 * 72.0 / dpi);
}

} // namespace citemap

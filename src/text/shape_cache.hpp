// HarfBuzz's shaping of a run kept per thread and reused (see shape_cache.cpp).
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

namespace citemap {

struct ShapeCacheStats {
    std::size_t hits = 0, misses = 0, unkeyed = 0; // hb_shape calls on the calling thread
    std::size_t parts = 0; // answered from a whole run of the same paragraph (cut where HarfBuzz allows)
};

// Whether HarfBuzz's own hb_shape and hb_buffer_add_utf8 were found (the definitions here call them).
[[nodiscard]] bool shape_cache_ready();

// What the calling thread's hb_shape calls found so far.
[[nodiscard]] ShapeCacheStats shape_cache_stats();

// Whether the calling thread answers a part of a run from the whole run's glyphs (the default), or
// shapes it (tests compare the two).
void shape_parts(bool on);

// Runs `shape` (one pango_shape_item call) and gives where the run it shapes may be cut: for each byte
// from the run's start up to its end, whether a cluster starts there none of whose glyphs HarfBuzz marks
// unsafe to break (HarfBuzz's contract: a part between two such cuts, shaped in its paragraph, is the
// run's glyphs there). Empty where the call could not be followed (see hb_shape).
[[nodiscard]] std::vector<char> shape_noting_cuts(const std::function<void()>& shape);

} // namespace citemap

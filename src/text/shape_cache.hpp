// HarfBuzz's shaping of a run kept per thread and reused (see shape_cache.cpp).
#pragma once

#include <cstddef>

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

} // namespace citemap

// Generalisation to the output: drops the vertices of map shapes that no output can show.
#pragma once

#include "scene/scene.hpp"

#include <cstddef>

namespace citemap {

struct GeneraliseStats {
    std::size_t before = 0, after = 0; // vertices
};

// Douglas-Peucker with `tolerance` pt, done so that shapes sharing an edge (zones cut from one
// coverage, a zone clipped to the outline) keep identical edges: every vertex where three or more
// edges meet is kept, and each chain between two such vertices is simplified the same way whichever
// shape it belongs to and whichever way that shape runs. No gaps or slivers open between neighbours.
GeneraliseStats generalise(Scene& scene, double tolerance);

// The tolerance for a page drawn to PNG at `dpi` and to PDF/SVG: a tenth of a device pixel, and
// never coarser than 0.02 pt (7 µm on paper), below what a vector viewer shows at print zoom.
[[nodiscard]] double generalise_tolerance(double dpi);

} // namespace citemap

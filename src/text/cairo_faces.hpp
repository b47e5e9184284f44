// Cairo's FreeType font faces are made one at a time and kept for the life of the process (see
// cairo_faces.cpp): every thread's text engine shares them, and cairo 1.16 does not guard them.
#pragma once

#include <cstddef>

namespace citemap {

// True when cairo's own cairo_ft_font_face_create_for_pattern was found behind citemap's. Referenced
// by the text engine so the definition is always linked.
[[nodiscard]] bool cairo_faces_guarded();

// How many distinct font faces have been made so far (for tests).
[[nodiscard]] std::size_t cairo_faces_kept();

} // namespace citemap

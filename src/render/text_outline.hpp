// Text as glyph outlines, for SVGs that must look the same where Noto Sans is not installed.
#pragma once

#include "scene/scene.hpp"

#include <string>

namespace citemap {

// SVG path data (M/L/C/Z, page points) of the glyphs of `t`, shaped exactly as the Cairo backends draw it.
[[nodiscard]] std::string text_outline_path(const Text& t);

} // namespace citemap

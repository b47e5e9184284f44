// A name set along a curve, glyph by glyph: a winding band's name follows the band where no stretch
// of it runs straight for the name's length (band_labels.cpp).
#pragma once

#include "scene/scene.hpp"

#include <optional>
#include <string>
#include <vector>

namespace citemap {

class TextEngine;

// A one-line name's glyphs as Pango sets the name in one run (its kerning kept), each glyph one
// character drawn alone: ligatures are off, so a glyph drawn alone is the glyph of the run.
struct NameGlyphs {
    std::vector<std::string> chars;
    std::vector<double> advance; // pt
    double width = 0;            // their sum
};
// Nullopt where the name cannot be set glyph by glyph: right to left, a cluster of several
// characters or glyphs (a combining mark, a script that joins its letters), a glyph moved up or down.
[[nodiscard]] std::optional<NameGlyphs> name_glyphs(const TextEngine& engine, const std::string& text, const Font& font);

// A path on the page and the length along it.
class PagePath {
  public:
    explicit PagePath(std::vector<Point> points);
    [[nodiscard]] double length() const { return along_.empty() ? 0 : along_.back(); }
    // The point `s` along the path (clamped to its ends).
    [[nodiscard]] Point at(double s) const;
    // The unit direction from the point `reach` before `s` to the one `reach` after it: the path's
    // direction there, smoothed over 2 x reach.
    [[nodiscard]] Point direction(double s, double reach) const;
    [[nodiscard]] PagePath reversed() const;
    // The path averaged over `reach` either way, every `step`, its ends kept: a centre line's corners
    // and the Voronoi diagram's steps taken out.
    [[nodiscard]] PagePath smoothed(double reach, double step) const;

  private:
    std::vector<Point> points_;
    std::vector<double> along_;
};

// The glyphs of `g` set along `path` from `start`, each turned to the path's direction at its middle
// (over `reach` either way) with its glyph band's middle on the path: `top` and `bottom` are the
// band's offsets from the baseline (negative above it, as a Text's box).
[[nodiscard]] std::vector<Glyph> glyphs_along(const PagePath& path, double start, const NameGlyphs& g, double top,
                                              double bottom, double reach);

} // namespace citemap

// Longitudes binned at 0.1°; the largest run of empty bins on the circle is where the data is not,
// and the exact extremes are kept per bin so a small project's extent is its vertices' min and max.
#include "geo/lonlat_extent.hpp"


#include <algorithm>
#include <cmath>

namespace citemap {

double wrap_longitude(double lon) {
    if (!std::isfinite(lon))
        return 0;
    const double w = std::fmod(lon + 180.0, 360.0);
    return (w < 0 ? w + 360.0 : w) - 180.0;
}

std::string degrees_text(double v, bool longitude, int per_degree, const PanelWords& words) {
    if (longitude)
        v = wrap_longitude(v);
    v = std::round(v * per_degree) / per_degree;
    const std::string number = decimal_number(std::abs(v), words);
    if (longitude && (v == 0 || std::abs(v) == 180))
        return number + "\u00B0";
    // PanelWords::coordinate_sides: north, east, south, west.
    return fill(words.degrees, {number, words.coordinate_sides.at(longitude ? (v < 0 ? 3 : 1) : (v < 0 ? 2 : 0))});
}

double longitude_near(double lon, double reference) {
    return reference + wrap_longitude(lon - reference);
}

namespace {

int bin_of(double lon) {
    return std::clamp(static_cast<int>(std::floor((wrap_longitude(lon) + 180.0) * 10.0)), 0, 3599);
}

} // namespace

void LonLatExtent::add_point(double lon, double lat) {
    if (!std::isfinite(lon) || !std::isfinite(lat))
        return;
    const int b = bin_of(lon);
    covered_[static_cast<std::size_t>(b)] = 1;
    const double w = wrap_longitude(lon);
    lo_[static_cast<std::size_t>(b)] = std::min(lo_[static_cast<std::size_t>(b)], w);
    hi_[static_cast<std::size_t>(b)] = std::max(hi_[static_cast<std::size_t>(b)], w);
    miny_ = std::min(miny_, lat);
    maxy_ = std::max(maxy_, lat);
}

void LonLatExtent::add_edge(double a, double b) {
    if (!std::isfinite(a) || !std::isfinite(b))
        return;
    // The bins strictly between the two ends' bins, going the short way round.
    int from = bin_of(a), to = bin_of(b);
    if (from == to)
        return;
    const double d = wrap_longitude(b - a);
    if (d < 0)
        std::swap(from, to);
    for (int i = (from + 1) % kBins; i != to; i = (i + 1) % kBins)
        covered_[static_cast<std::size_t>(i)] = 1;
}

void LonLatExtent::add(const LonLatGeometry& g) {
    switch (g.type) {
    case GeomType::point:
        for (const Ring& r : g.rings)
            for (const Point& p : r)
                add_point(p.x, p.y);
        return;
    case GeomType::line_string:
    case GeomType::polygon:
        // A polygon's holes lie inside its shell's extent.
        if (!g.rings.empty()) {
            const Ring& r = g.rings.front();
            for (std::size_t i = 0; i < r.size(); ++i) {
                add_point(r[i].x, r[i].y);
                if (i > 0)
                    add_edge(r[i - 1].x, r[i].x);
            }
        }
        return;
    default:
        for (const LonLatGeometry& part : g.parts)
            add(part);
        return;
    }
}

Box LonLatExtent::box() const {
    if (empty())
        return {};
    // The longest run of empty bins, circularly; none: the data goes all the way round.
    int best_start = -1, best_length = 0;
    for (int start = 0; start < kBins; ++start) {
        if (covered_[static_cast<std::size_t>(start)] || !covered_[static_cast<std::size_t>((start + kBins - 1) % kBins)])
            continue; // not the first empty bin of a run
        int length = 0;
        while (length < kBins && !covered_[static_cast<std::size_t>((start + length) % kBins)])
            ++length;
        if (length > best_length)
            best_length = length, best_start = start;
    }
    if (best_start < 0)
        return {-180, miny_, 180, maxy_};
    const int first = (best_start + best_length) % kBins;     // the data's westmost bin
    const int last = (best_start + kBins - 1) % kBins;        // and its eastmost
    const double minx = lo_[static_cast<std::size_t>(first)];
    double maxx = hi_[static_cast<std::size_t>(last)];
    if (maxx < minx)
        maxx += 360;
    return {minx, miny_, maxx, maxy_};
}

} // namespace citemap

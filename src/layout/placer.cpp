// Linear scan: a map has hundreds of boxes at most, and a spatial index would hide nothing but speed.
#include "layout/placer.hpp"

#include <algorithm>

namespace citemap {

bool Placer::fits(const Box& b, const Box& within) const {
    if (!within.contains(b))
        return false;
    return std::none_of(boxes_.begin(), boxes_.end(), [&](const Box& o) { return o.intersects(b); });
}

} // namespace citemap

// Fitting the content extent into the frame without distortion.
#include "layout/map_transform.hpp"

namespace citemap {

MapTransform MapTransform::fit(Box c, const Box& frame, double margin) {
    const double pad = margin * std::max(c.width(), c.height());
    c = c.inflated(pad);
    const double want = frame.width() / frame.height();
    const double have = c.width() / c.height();
    const double cx = (c.minx + c.maxx) / 2, cy = (c.miny + c.maxy) / 2;
    double w = c.width(), h = c.height();
    if (have < want)
        w = h * want;
    else
        h = w / want;
    return {{cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2}, frame};
}

} // namespace citemap

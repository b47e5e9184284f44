// The world file gives the affine transform from pixel to map coordinates (ESRI's six lines, pixel
// centres); the .aux.xml repeats it with the CRS, which a world file cannot carry.
#include "render/georef_sidecars.hpp"

#include "core/atomic_file.hpp"
#include "core/escape.hpp"

#include <cstdio>

namespace citemap {

namespace {

std::string fmt(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.10f", v);
    return buf;
}

} // namespace

void write_georef_sidecars(const Scene& scene, const std::filesystem::path& png, double scale) {
    const MapGeoref& g = scene.georef;
    if (g.frame.width() <= 0 || g.world.width() <= 0 || g.wkt.empty())
        return;
    // Map units per pixel: the frame's scale, divided by the pixels per point the PNG was drawn at.
    const double unit = g.world.width() / g.frame.width() / scale;
    const double left = g.world.minx - g.frame.minx * (g.world.width() / g.frame.width());
    const double top = g.world.maxy + g.frame.miny * (g.world.height() / g.frame.height());
    std::filesystem::path world = png;
    world.replace_extension(".pgw");
    write_text_atomically(world, fmt(unit) + "\n0.0000000000\n0.0000000000\n" + fmt(-unit) + "\n" +
                                     fmt(left + unit / 2) + "\n" + fmt(top - unit / 2) + "\n");
    write_text_atomically(png.string() + ".aux.xml",
                          "<PAMDataset>\n  <SRS dataAxisToSRSAxisMapping=\"1,2\">" + xml_escape(g.wkt) +
                              "</SRS>\n  <GeoTransform>" + fmt(left) + ", " + fmt(unit) + ", 0, " + fmt(top) +
                              ", 0, " + fmt(-unit) + "</GeoTransform>\n</PAMDataset>\n");
}

} // namespace citemap

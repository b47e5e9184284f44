// Zone clipping choices and the diagnosis of a zone the outline leaves out (audit s13 D3).
#include "geo/zone_clip.hpp"

#include "geo/geometry_ops.hpp"

#include <algorithm>

namespace citemap {

std::optional<ZoneClip> zone_clip(const Zone& z) {
    const std::string v = z.prop("clip");
    if (v.empty() || v == "outline")
        return ZoneClip::outline;
    if (v == "land")
        return ZoneClip::land;
    if (v == "frame")
        return ZoneClip::frame;
    return std::nullopt;
}

OutsideOutline outside_outline(const Geography& geo, const Zone& z, const GEOSGeometry* outline, bool near,
                               const std::string& zones_file) {
    const GeosContext& ctx = *geo.ctx;
    // A hole of the outline: the zone meets an outline polygon once its holes are filled. An enclave
    // of the neighbour is such a hole; following the advice for a zone at sea (no outline layer)
    // dropped clipping for every other zone.
    bool in_hole = false;
    for (const auto& rings : geom::polygons(ctx, outline))
        if (rings.size() > 1 && geom::intersects(ctx, ctx.polygon({rings.front()}).get(), z.geom.get())) {
            in_hole = true;
            break;
        }
    std::string land;
    for (const BaseLayer& bl : geo.layers)
        if (bl.spec.role == LayerRole::land && land.empty() &&
            std::any_of(bl.features.begin(), bl.features.end(),
                        [&](const Feature& f) { return geom::intersects(ctx, f.geom.get(), z.geom.get()); }))
            land = bl.spec.name;
    const std::string property = "give its feature in " + zones_file + " the property \"clip\": ";
    const std::string others = "; the other zones stay clipped to the outline";
    if (!land.empty())
        return {"zone '" + z.id + "' lies " + (in_hole ? "in a hole of the outline" : "outside the outline") +
                    ", on land layer '" + land + "'",
                "to draw it on that ground (a neighbour's enclave or territory), " + property +
                    "\"land\": it is then clipped to the land layers and the outline" + others};
    if (in_hole)
        return {"zone '" + z.id + "' lies in a hole of the outline, on no land layer",
                "to draw it there as it is, " + property + "\"frame\"" + others +
                    "; or check the zone's coordinates"};
    if (near)
        return {"zone '" + z.id + "' lies entirely outside the outline layer",
                "a zone at sea (a fishing ban, a blockade) cannot be clipped to an outline that is the land: " +
                    property + "\"frame\" to draw it as it is" + others +
                    ", or give that layer role = \"land\" and have no outline layer (no zone is then clipped); "
                    "or check the zone's coordinates"};
    return {"zone '" + z.id + "' lies entirely outside the outline layer",
            "check the zone's coordinates (lon, lat order) and CRS"};
}

} // namespace citemap

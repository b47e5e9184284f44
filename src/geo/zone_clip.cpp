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
    if (v == "sea")
        return ZoneClip::sea;
    return std::nullopt;
}

bool clips_to_water(const std::vector<Zone>& zones) {
    return std::any_of(zones.begin(), zones.end(), [](const Zone& z) { return !z.derived && z.prop("clip") == "sea"; });
}

std::optional<Water> water(const Geography& geo) {
    const GeosContext& ctx = *geo.ctx;
    // A lake's own layer is the water, less any land drawn over it; without one, the water is what the
    // land layers leave (m-lago's outline has the lake as a hole: audit s18 D6).
    auto union_of = [&](std::initializer_list<LayerRole> roles, GeosGeom& g, GeosGeom& g_ea) {
        std::vector<const GEOSGeometry*> parts, parts_ea;
        for (const BaseLayer& bl : geo.layers)
            if (std::find(roles.begin(), roles.end(), bl.spec.role) != roles.end())
                for (const Feature& f : bl.features)
                    if (f.geom && f.geom_ea) {
                        parts.push_back(f.geom.get());
                        parts_ea.push_back(f.geom_ea.get());
                    }
        if (!parts.empty()) {
            g = geom::union_all(ctx, parts);
            g_ea = geom::union_all(ctx, parts_ea);
        }
    };
    Water w;
    union_of({LayerRole::sea}, w.sea, w.sea_ea);
    union_of({LayerRole::land, LayerRole::outline}, w.land, w.land_ea);
    if (!w.sea && !w.land)
        return std::nullopt;
    return w;
}

void clip_to_water(Zone& z, const Geography& geo, const std::optional<Water>& wet, Diagnostics& diags) {
    const GeosContext& ctx = *geo.ctx;
    if (!wet) {
        diags.error(z.where, "zone '" + z.id + "' has \"clip\": \"sea\", but the project has no sea, land or outline "
                             "layer to tell the water by",
                    "add a [[layer]] with role = \"sea\" (the lake or sea), or with role = \"land\" for the land "
                    "round it; or use \"clip\": \"frame\" to draw the zone as it is");
        return;
    }
    auto cut = [&](const GEOSGeometry* g, const GEOSGeometry* sea, const GEOSGeometry* land) {
        GeosGeom out = sea ? geom::intersection(ctx, g, sea) : ctx.clone(g);
        if (land)
            out = geom::difference(ctx, out.get(), land);
        return geom::polygons_only(ctx, out.get());
    };
    GeosGeom clipped = cut(z.geom.get(), wet->sea.get(), wet->land.get());
    GeosGeom clipped_ea = cut(z.geom_ea.get(), wet->sea_ea.get(), wet->land_ea.get());
    if (geom::area(ctx, clipped_ea.get()) <= 0) {
        diags.error(z.where, "zone '" + z.id + "' has \"clip\": \"sea\" but lies on no water: the " +
                                 (wet->sea ? "sea layers do not reach it, or land covers it there" : "land and outline layers cover it"),
                    "check the zone's coordinates; a zone on land takes \"clip\": \"outline\" (the default) or "
                    "\"land\"");
        return;
    }
    z.geom = std::move(clipped);
    z.geom_ea = std::move(clipped_ea);
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

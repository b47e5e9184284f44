// [[zone]] recipes -> zone geometry, in the map CRS, each after the names it uses (depth-first, with the
// chain kept for cycle errors). Areas come from the result reprojected to the equal-area CRS, as for a
// drawn zone; from here on nothing tells a derived zone from a drawn one.
#include "geo/derived_zones.hpp"

#include "core/closest_name.hpp"
#include "geo/geometry_ops.hpp"
#include "geo/lonlat_extent.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace citemap {

namespace {

class Deriver {
  public:
    Deriver(const MapSpec& spec, Geography& geo, Diagnostics& diags)
        : spec_(spec), geo_(geo), diags_(diags), ctx_(*geo.ctx) {
        for (const ZoneRecipe& r : spec.derived_zones)
            recipes_.emplace(r.id, &r);
        // "km" is ground distance: a Web Mercator map stretches it by 1/cos(latitude).
        const Box e = geo.lonlat_extent;
        const Point centre = geo.projection->forward({wrap_longitude((e.minx + e.maxx) / 2), (e.miny + e.maxy) / 2});
        metres_per_unit_ = geo.projection->ground_scale_at(centre);
    }

    // The zone's geometry (map CRS), or null when it failed (reported once, where it failed).
    // `implicit`: the use is rest_of's "every other zone", not a name written in the recipe.
    const GEOSGeometry* zone(const std::string& id, const Where& used_at, bool implicit = false) {
        if (auto it = done_.find(id); it != done_.end())
            return it->second.get();
        if (failed_.count(id))
            return nullptr;
        const ZoneRecipe& r = *recipes_.at(id);
        if (r.broken) { // its mistake in map.toml is the one message
            failed_.insert(id);
            return nullptr;
        }
        auto it = std::find_if(chain_.begin(), chain_.end(), [&](const Use& u) { return u.id == id; });
        if (it != chain_.end()) {
            report_cycle(it, {id, used_at, implicit});
            for (const auto& u : chain_)
                failed_.insert(u.id);
            return nullptr;
        }
        chain_.push_back({id, used_at, implicit});
        GeosGeom g = evaluate(r);
        chain_.pop_back();
        if (failed_.count(id)) // failed through a cycle further down
            return nullptr;
        if (g && geom::is_empty(ctx_, g.get())) {
            diags_.error(r.where, "zone '" + r.id + "' comes out empty",
                         "check its recipe: the parts it intersects may not overlap, or minus removes all");
            g.reset();
        }
        if (!g) {
            failed_.insert(id);
            return nullptr;
        }
        return done_.emplace(id, std::move(g)).first->second.get();
    }

    void add_zones(std::set<std::string>& ids) {
        for (const ZoneRecipe& r : spec_.derived_zones) {
            if (r.id.empty())
                continue;
            if (!ids.insert(r.id).second) {
                diags_.error(r.where, "zone id '" + r.id + "' is used twice",
                             "zones, lines and places share one set of ids: give each its own");
                failed_.insert(r.id);
                continue;
            }
            const GEOSGeometry* g = zone(r.id, r.where);
            if (!g) {
                geo_.failed.insert(r.id);
                continue;
            }
            Zone z;
            z.id = r.id;
            z.name = r.name;
            z.props = r.props;
            z.props["id"] = r.id;
            z.props["name"] = r.name;
            z.part_of = r.part_of.name;
            for (const NameRef& o : r.overlaps)
                z.overlaps.push_back(o.name);
            // A derived zone it is intersected with holds it (both are clipped to the outline); what
            // minus or rest_of takes out shares nothing with it, however that zone is clipped.
            for (const NameRef& n : r.intersect)
                if (recipes_.count(n.name))
                    z.inside_of.push_back(n.name);
            for (const NameRef& n : r.minus)
                if (recipes_.count(n.name) || geo_.zone(n.name))
                    z.apart_from.push_back(n.name);
            if (!r.rest_of.name.empty())
                z.apart_from.insert(z.apart_from.end(), rest_taken_[r.id].begin(), rest_taken_[r.id].end());
            z.derived = true;
            z.where = r.where;
            z.geom = ctx_.clone(g);
            z.geom_ea = to_equal_area(g);
            geo_.zones.push_back(std::move(z));
        }
    }

  private:
    GeosGeom to_equal_area(const GEOSGeometry* g) const {
        const Projection& map = *geo_.projection;
        const Projection& ea = *geo_.equal_area;
        GeosGeom out = geom::transform(ctx_, g, [&](Point p) { return ea.forward(map.inverse(p)); });
        if (geom::invalid_reason(ctx_, out.get()))
            out = geom::make_valid(ctx_, out.get());
        return out;
    }

    GeosGeom outline() const { return geo_.union_of({LayerRole::outline}); }

    // A [[layer]] refused or unreadable in map.toml: names that may have been in it are not misspelt.
    bool layer_failed() const {
        return geo_.failed.count("outline") ||
               std::any_of(spec_.layers.begin(), spec_.layers.end(), [](const LayerSpec& l) { return l.file.empty(); });
    }

    // Every name a recipe may use, once each, in the order the hint lists them.
    std::vector<std::string> known_names() const {
        std::vector<std::string> out;
        std::set<std::string> seen;
        auto add = [&](const std::string& n) {
            if (!n.empty() && seen.insert(n).second)
                out.push_back(n);
        };
        for (const ZoneRecipe& r : spec_.derived_zones)
            add(r.id);
        for (const Zone& z : geo_.zones)
            add(z.id);
        for (const LineFeature& l : geo_.lines)
            add(l.id);
        if (geo_.layer(LayerRole::outline))
            add("outline");
        for (const BaseLayer& l : geo_.layers)
            add(l.spec.name);
        for (const BaseLayer& l : geo_.layers)
            for (const Feature& f : l.features) {
                add(f.prop("name"));
                add(f.prop("id"));
            }
        return out;
    }

    std::string unknown_name_hint(const std::string& n) const {
        const std::vector<std::string> known = known_names();
        std::string list;
        std::size_t shown = 0;
        for (const std::string& k : known) {
            if (shown == 24) {
                list += ", ... (" + std::to_string(known.size() - shown) + " more)";
                break;
            }
            list += (list.empty() ? "" : ", ") + ("\"" + k + "\"");
            ++shown;
        }
        return did_you_mean(n, known) + "use a zone or line id, \"outline\", a [[layer]] name, or a feature's name; known: " + list;
    }

    // A name in a recipe: a [[zone]] (evaluated first), a drawn zone, a [[line]], "outline", a [[layer]]
    // by name, or a base-layer feature by its id or name. Null when unknown (reported) or failed (not).
    GeosGeom operand(const NameRef& ref) {
        const std::string& n = ref.name;
        if (n.empty())
            return nullptr;
        if (recipes_.count(n)) {
            const GEOSGeometry* g = zone(n, ref.where);
            return g ? ctx_.clone(g) : nullptr;
        }
        if (const Zone* z = geo_.zone(n))
            return ctx_.clone(z->geom.get());
        if (geo_.failed.count(n))
            return nullptr; // its own error is already reported
        if (const LineFeature* l = geo_.line(n))
            return ctx_.clone(l->geom.get());
        if (n == "outline") {
            if (GeosGeom o = outline())
                return o;
            if (layer_failed())
                return nullptr;
            diags_.error(ref.where, "'outline' names the outline layer, and there is none",
                         "add a [[layer]] with role = \"outline\"");
            return nullptr;
        }
        for (const BaseLayer& l : geo_.layers)
            if (l.spec.name == n)
                return layer_union(l, {});
        for (const BaseLayer& l : geo_.layers) {
            std::vector<const GEOSGeometry*> parts;
            for (const Feature& f : l.features)
                if (f.prop("id") == n || f.prop("name") == n)
                    parts.push_back(f.geom.get());
            if (!parts.empty())
                return geom::union_all(ctx_, parts);
        }
        if (layer_failed())
            return nullptr; // it may be a feature of the layer that did not load: that error is enough
        diags_.error(ref.where, "unknown name '" + n + "'", unknown_name_hint(n));
        return nullptr;
    }

    GeosGeom layer_union(const BaseLayer& l, const std::vector<std::pair<std::string, std::string>>& where) {
        std::vector<const GEOSGeometry*> parts;
        for (const Feature& f : l.features) {
            bool match = true;
            for (const auto& [k, v] : where)
                match = match && f.prop(k) == v;
            if (match)
                parts.push_back(f.geom.get());
        }
        if (parts.empty())
            return nullptr;
        return geom::union_all(ctx_, parts);
    }

    GeosGeom from_layer(const ZoneRecipe& r) {
        const BaseLayer* layer = nullptr;
        for (const BaseLayer& l : geo_.layers)
            if (l.spec.name == r.from_layer.name)
                layer = &l;
        if (!layer) {
            std::string names;
            for (const BaseLayer& l : geo_.layers)
                names += (names.empty() ? "\"" : ", \"") + l.spec.name + "\"";
            diags_.error(r.from_layer.where, "no [[layer]] named '" + r.from_layer.name + "'",
                         "from = { layer = ... } takes a [[layer]]'s name: " + names);
            return nullptr;
        }
        GeosGeom g = layer_union(*layer, r.from_where);
        if (!g) {
            const std::string key = r.from_where.empty() ? "name" : r.from_where.front().first;
            std::string values;
            for (const Feature& f : layer->features)
                if (!f.prop(key).empty() && values.size() < 200)
                    values += (values.empty() ? "" : ", ") + f.prop(key);
            diags_.error(r.from_layer.where,
                         "no feature of layer '" + layer->spec.name + "' matches where = { " + key + " = \"" +
                             (r.from_where.empty() ? "" : r.from_where.front().second) + "\" ... }",
                         "its features' " + key + " values: " + values);
            return nullptr;
        }
        if (!geom::is_polygonal(ctx_, g.get())) {
            GeosGeom poly = geom::polygons_only(ctx_, g.get());
            if (geom::is_empty(ctx_, poly.get())) {
                diags_.error(r.from_layer.where, "the features picked from '" + layer->spec.name +
                                                     "' are not polygons",
                             "pick from a layer of areas; to use a line, write buffer = { of = ..., km = ... }");
                return nullptr;
            }
            return poly;
        }
        return g;
    }

    GeosGeom side(const ZoneRecipe& r) {
        GeosGeom line = operand(r.side_of);
        if (!line)
            return nullptr;
        if (!geom::is_lineal(ctx_, line.get())) {
            diags_.error(r.side_of.where, "side = { of = \"" + r.side_of.name + "\" } needs a line",
                         "name a [[line]] (or a layer of lines)");
            return nullptr;
        }
        GeosGeom within = r.side_within.name.empty() ? outline() : operand(r.side_within);
        if (!within) {
            if (r.side_within.name.empty() && !layer_failed())
                diags_.error(r.where, "side = { ... } without within needs an outline layer",
                             "add within = \"<zone or layer>\" or a [[layer]] with role = \"outline\"");
            return nullptr;
        }
        within = geom::polygons_only(ctx_, within.get());
        // Which side is "east": the one the line's left normal points to when it leans east, judged on
        // the chord from its first to its last vertex.
        const auto paths = geom::lines(ctx_, line.get());
        const Point a = paths.front().front(), b = paths.back().back();
        const double dx = b.x - a.x, dy = b.y - a.y, len = std::hypot(dx, dy);
        const Point left{-dy, dx};
        const std::string& t = r.side_toward;
        const double along = (t == "east" || t == "west") ? left.x : left.y;
        if (len <= 0 || std::abs(along) < 0.2 * len) {
            const bool ew = t == "east" || t == "west";
            diags_.error(r.where, "line '" + r.side_of.name + "' runs " + (ew ? "east-west" : "north-south") +
                                      ", so '" + t + "' of it is ambiguous",
                         std::string("say toward = ") + (ew ? "\"north\" or \"south\"" : "\"east\" or \"west\""));
            return nullptr;
        }
        const int wanted = (along > 0) == (t == "east" || t == "north") ? 1 : -1;
        const auto faces = geom::split_by_line(ctx_, within.get(), line.get());
        std::vector<const GEOSGeometry*> keep;
        int other = 0;
        for (const GeosGeom& f : faces) {
            if (geom::side_of_line(ctx_, line.get(), geom::point_on_surface(ctx_, f.get())) == wanted)
                keep.push_back(f.get());
            else
                ++other;
        }
        // Faces no more than the area's own parts: the line cut none of them (a short line, or one
        // that only touches an edge).
        const auto parts = static_cast<std::size_t>(GEOSGetNumGeometries_r(ctx_.get(), within.get()));
        if (keep.empty() || other == 0 || faces.size() <= parts) {
            const std::string area = r.side_within.name.empty() ? "the outline" : "'" + r.side_within.name + "'";
            // Which end falls short, and by how much: with a hand-written file that is the fix.
            std::string ends;
            GeosGeom edge = geom::boundary(ctx_, within.get());
            GeosPrepared inside = ctx_.prepare(within.get());
            for (auto [which, pt] : {std::pair{"first", a}, std::pair{"last", b}}) {
                GeosGeom g(GEOSGeom_createPointFromXY_r(ctx_.get(), pt.x, pt.y), GeosDeleter{ctx_.get()});
                if (GEOSPreparedContains_r(ctx_.get(), inside.get(), g.get()) != 1)
                    continue;
                double d = 0;
                GEOSDistance_r(ctx_.get(), edge.get(), g.get(), &d);
                const Point ll = geo_.projection->inverse(pt);
                char buf[160];
                std::snprintf(buf, sizeof buf, "its %s point (%.5f, %.5f) lies %.1f km inside %s", which, ll.x,
                              ll.y, d * metres_per_unit_ / 1000, area.c_str());
                ends += (ends.empty() ? "" : "; ") + std::string(buf);
            }
            diags_.error(r.side_of.where, "line '" + r.side_of.name + "' does not split " + area +
                                              (ends.empty() ? "" : ": " + ends),
                         "the line must cross it from edge to edge: extend both ends past the outline");
            return nullptr;
        }
        return geom::union_all(ctx_, keep);
    }

    GeosGeom evaluate(const ZoneRecipe& r) {
        GeosGeom g;
        std::size_t first_intersect = 0;
        if (!r.from_layer.name.empty()) {
            g = from_layer(r);
        } else if (!r.side_of.name.empty()) {
            g = side(r);
        } else if (!r.buffer_of.name.empty()) {
            GeosGeom of = operand(r.buffer_of);
            if (of) {
                // Around an area, the band runs along its edge: "within 1 km of the border".
                if (geom::is_polygonal(ctx_, of.get()))
                    of = geom::boundary(ctx_, of.get());
                g = geom::band(ctx_, of.get(), r.buffer_km * 1000 / metres_per_unit_);
            }
        } else if (!r.rest_of.name.empty()) {
            g = operand(r.rest_of);
            if (g) {
                // Every other zone that stands on its own (not declared part of another) is taken out.
                std::vector<GeosGeom> others;
                std::vector<std::string>& taken = rest_taken_[r.id];
                for (const Zone& z : geo_.zones)
                    if (z.part_of.empty() && !z.derived) {
                        others.push_back(ctx_.clone(z.geom.get()));
                        taken.push_back(z.id);
                    }
                for (const ZoneRecipe& o : spec_.derived_zones)
                    if (o.id != r.id && o.part_of.name.empty()) {
                        const GEOSGeometry* og = zone(o.id, r.rest_of.where, true);
                        if (!og)
                            return nullptr;
                        others.push_back(ctx_.clone(og));
                        taken.push_back(o.id);
                    }
                std::vector<const GEOSGeometry*> parts;
                for (const auto& o : others)
                    parts.push_back(o.get());
                g = geom::difference(ctx_, g.get(), geom::union_all(ctx_, parts).get());
            }
        } else if (!r.unite.empty()) {
            std::vector<GeosGeom> parts;
            for (const NameRef& n : r.unite) {
                parts.push_back(operand(n));
                if (!parts.back())
                    return nullptr;
            }
            std::vector<const GEOSGeometry*> raw;
            for (const auto& p : parts)
                raw.push_back(p.get());
            g = geom::union_all(ctx_, raw);
        } else if (!r.intersect.empty()) {
            g = operand(r.intersect.front());
            first_intersect = 1;
        }
        if (!g)
            return nullptr;
        g = geom::polygons_only(ctx_, g.get());
        for (std::size_t i = first_intersect; i < r.intersect.size(); ++i) {
            GeosGeom o = operand(r.intersect[i]);
            if (!o)
                return nullptr;
            g = geom::polygons_only(ctx_, geom::intersection(ctx_, g.get(), o.get()).get());
        }
        for (const NameRef& n : r.minus) {
            GeosGeom o = operand(n);
            if (!o)
                return nullptr;
            g = geom::polygons_only(ctx_, geom::difference(ctx_, g.get(), o.get()).get());
        }
        return g;
    }

    const MapSpec& spec_;
    Geography& geo_;
    Diagnostics& diags_;
    const GeosContext& ctx_;
    std::map<std::string, const ZoneRecipe*> recipes_;
    std::map<std::string, GeosGeom> done_;
    std::map<std::string, std::vector<std::string>>
        rest_taken_; // a rest_of recipe's id -> the zones it took out
    std::set<std::string> failed_;
    // The recipes being evaluated, outermost first, each with where its parent named it.
    struct Use {
        std::string id;
        Where where;
        bool implicit;
    };
    std::vector<Use> chain_;
    double metres_per_unit_ = 1;

    // Reported where the author wrote a name that closes the circle (not at a rest_of, which names
    // none of them), with what rest_of adds when it is part of the circle.
    void report_cycle(std::vector<Use>::const_iterator from, const Use& closing) {
        std::vector<Use> edges(std::next(from), chain_.cend());
        edges.push_back(closing);
        std::string cycle = from->id;
        for (const Use& e : edges)
            cycle += " \u2192 " + e.id;
        // Where the circle closes, unless that is a rest_of: then the first name written in the circle.
        const auto written = std::find_if(edges.begin(), edges.end(), [](const Use& e) { return !e.implicit; });
        const Use& at = !closing.implicit || written == edges.end() ? edges.back() : *written;
        std::string hint = "a [[zone]] cannot be made from itself; break the circle with a drawn zone or a layer";
        for (std::size_t k = 0; k < edges.size(); ++k)
            if (edges[k].implicit) {
                const std::string& user = k == 0 ? from->id : edges[k - 1].id;
                hint = "rest_of in '" + user + "' takes out every zone not declared part_of another, so '" + user +
                       "' is made from '" + edges[k].id + "': name '" + user +
                       "' in no other recipe, or declare part_of in the zone that lies inside another";
                break;
            }
        diags_.error(at.where, "zones are defined in a circle: " + cycle, hint);
    }
};

} // namespace

void derive_zones(const MapSpec& spec, Geography& geo, std::set<std::string>& ids, Diagnostics& diags) {
    if (!spec.derived_zones.empty()) {
        Deriver d(spec, geo, diags);
        d.add_zones(ids);
    }
    // Declared nesting must name a zone that exists (drawn or derived).
    for (const Zone& z : geo.zones)
        if (!z.part_of.empty() && !geo.zone(z.part_of) && !geo.failed.count(z.part_of)) {
            Where w = z.where;
            for (const ZoneRecipe& r : spec.derived_zones)
                if (r.id == z.id)
                    w = r.part_of.where;
            std::vector<std::string> ids;
            for (const Zone& o : geo.zones)
                if (o.id != z.id)
                    ids.push_back(o.id);
            diags.error(w, "zone '" + z.id + "' is part_of unknown zone '" + z.part_of + "'",
                        did_you_mean(z.part_of, ids) + "part_of names the larger zone's id; zones: " + name_list(ids));
        } else if (z.part_of == z.id) {
            diags.error(z.where, "zone '" + z.id + "' is part_of itself", "name the larger zone");
        }
    for (const ZoneRecipe& r : spec.derived_zones)
        for (const NameRef& o : r.overlaps)
            if (!geo.zone(o.name) && !geo.failed.count(o.name) && !geo.failed.count(r.id)) {
                std::vector<std::string> ids;
                for (const Zone& z : geo.zones)
                    ids.push_back(z.id);
                diags.error(o.where, "zone '" + r.id + "' overlaps unknown zone '" + o.name + "'",
                            did_you_mean(o.name, ids) + "overlaps names zone ids");
            }
}

} // namespace citemap

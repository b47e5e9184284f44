// What the map shows and what it says about it: legend rows only for what is drawn, rank-1 town names
// kept before smaller places' and warned about when they cannot fit, detail insets off other zones.
#include "companions/companions.hpp"
#include "core/error.hpp"
#include "core/escape.hpp"
#include "geo/geometry_ops.hpp"
#include "layout/claim_wording.hpp"
#include "layout/invented_project.hpp"
#include "layout/layout.hpp"
#include "layout/layout_quality.hpp"
#include "layout/scene_walk.hpp"
#include "render/svg_writer.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <regex>
#include <set>

using namespace citemap;

namespace {

constexpr double kMm = 72.0 / 25.4;

// The legend's words as one string: wrapped lines joined again with the space the wrap took.
std::string legend_words(const Scene& s) {
    const Item* legend = test::find_item(s, "legend");
    REQUIRE(legend);
    std::string words;
    for (const Primitive& prim : legend->parts)
        if (const auto* t = std::get_if<Text>(&prim))
            words += test::spaced(t->text) + " ";
    return words;
}

} // namespace

TEST_CASE("the legend has a band row only for bands the map draws") {
    test::TempDir tmp("legend-rows");
    // Claims: district 0 reported, the strip reported, then a denial on district 0 (a wide zone: a
    // band) and a plan on the 2 km strip (thinner than a band can be: its marker carries it).
    test::Invented v;
    v.name = "bands";
    v.zones = 1;
    v.claims = 4;
    v.thin = true;
    const Project p = test::load_clean(test::write_invented(tmp.path / v.name, v));
    REQUIRE(p.claims.size() == 4);
    REQUIRE(p.claims[3].spec->zone == "strip");
    int dropped = 0;
    for (const char* page : {"a4-landscape", "170mm", "120mm"}) {
        CAPTURE(page);
        const Scene s = layout_map(p, *parse_page(page), {});
        const Item* strip = test::find_item(s, "zone-strip");
        REQUIRE(strip);
        const bool band = strip->data.count("bands") > 0;
        dropped += !band;
        if (!band)
            CHECK(test::find_item(s, "marker-strip-4")); // the marker carries the claim
        const std::string words = legend_words(s);
        CAPTURE(words);
        // A row for the plan's band exactly when the strip draws it; district 0's denial band keeps its row.
        CHECK((words.find("Evacuated (edge band") != std::string::npos) == band);
        CHECK(words.find("Denied by witness 2: Patrolled (edge band") != std::string::npos);
        // A conflict row exactly when a conflict is drawn.
        bool conflict_drawn = false;
        for (const Layer& l : s.layers)
            conflict_drawn = conflict_drawn || (l.id == "conflicts" && !l.items.empty());
        CHECK((words.find("Claims conflict") != std::string::npos) == conflict_drawn);
        CHECK(words.find("dashed outline") == std::string::npos); // nothing nested
    }
    CHECK(dropped > 0); // the case this test is about happened on some page
}

TEST_CASE("a rank-1 town whose name cannot fit is warned about, and smaller places give way first") {
    test::TempDir tmp("rank-one");
    test::Invented v;
    v.name = "crowded towns";
    v.zones = 2;
    v.claims = 2;
    const auto dir = test::write_invented(tmp.path / v.name, v);
    // Seven rank-1 cities and seven rank-2 towns within a few hundred metres of each other, mid-land:
    // there is room for a few names there, not for fourteen.
    const test::invented::Geo g{v.lon0, v.lat0};
    std::string places = R"({"type":"FeatureCollection","features":[)";
    std::set<std::string> cities, towns;
    for (int i = 0; i < 7; ++i)
        for (int rank : {1, 2}) {
            const std::string name = (rank == 1 ? "Capital city number " : "Market town ") + std::to_string(i);
            (rank == 1 ? cities : towns).insert(name);
            places += std::string(i || rank == 2 ? "," : "") +
                      test::invented::feature(R"({"name":")" + name + R"(","label_rank":)" + std::to_string(rank) + "}",
                                              "Point", g.at(-60 + 0.3 * i + 0.15 * rank, 40 - 0.25 * i));
        }
    test::write_file(dir / "places.geojson", places + "]}");
    const Project p = test::load_clean(dir);
    Diagnostics d;
    LayoutOptions o;
    o.diagnostics = &d;
    const Scene s = layout_map(p, *parse_page("a4-landscape"), o);
    std::set<std::string> warned;
    for (const Diagnostic& w : d.all()) {
        CHECK(w.level == Diagnostic::Level::warning);
        for (const std::string& c : cities)
            if (w.message.find("the name of " + c + " (label_rank 1)") != std::string::npos) {
                warned.insert(c);
                // A place of rank 1 already: the advice must not be to give it rank 1 (the audit's
                // Portmar), but what can still help.
                CAPTURE(w.hint);
                CHECK(w.hint.find("label_rank = 1") == std::string::npos);
                CHECK(w.hint.find("larger page") != std::string::npos);
                CHECK(w.hint.find("shorter name") != std::string::npos);
            }
        // The list of towns left out (rank 2) keeps the advice to rank the ones that matter.
        if (w.message.find("no room for a name") != std::string::npos)
            CHECK(w.hint.find("label_rank = 1") != std::string::npos);
    }
    std::set<std::string> named;
    for (const auto& t : test::texts_of(s))
        if (t.layer == "labels")
            named.insert(t.text);
    // Every city is named on the map or named in a warning; at least one is not named (the test's point).
    for (const std::string& c : cities) {
        CAPTURE(c);
        CHECK((named.count(c) + warned.count(c)) == 1);
    }
    CHECK_FALSE(warned.empty());
    // A city lost its name: not a single town of the cluster kept one, and every town left out is
    // listed in one warning, never dropped silently.
    std::string listed;
    for (const Diagnostic& w : d.all())
        if (w.message.find("no room for a name") != std::string::npos)
            listed += w.message;
    for (const std::string& t : towns) {
        CAPTURE(t);
        CHECK_FALSE(named.count(t));
        CHECK(listed.find(t) != std::string::npos);
    }
    CHECK(listed.find("7 towns have no room for a name and are left out: ") != std::string::npos);
}

TEST_CASE("a town named by a detail inset's zone label is not warned about as left out") {
    // Solund on letter portrait: the Kilby zone is in the Aske inset, labelled "Kilby" there; the
    // main map's Kilby town had no room by the inset's frame and was listed as "no room for a name"
    // although its name is printed. A warning is only for a name the page does not carry.
    const Project p = test::load_clean(test::source_root() / "geodata" / "example-solund");
    Diagnostics d;
    LayoutOptions o;
    o.diagnostics = &d;
    const Scene s = layout_map(p, *parse_page("letter-portrait"), o);
    std::set<std::string> printed;
    for (const auto& t : test::texts_of(s))
        printed.insert(t.text);
    bool inset = false;
    for (const Layer& l : s.layers)
        inset = inset || (l.id.rfind("detail-", 0) == 0 && !l.items.empty());
    CHECK(inset); // the case this test is about: Kilby is in an inset on this page
    CHECK(printed.count("Kilby"));
    for (const Diagnostic& w : d.all()) {
        const auto at = w.message.find("no room for a name");
        if (at == std::string::npos)
            continue;
        // Every town listed is one whose name the page does not print.
        std::string list = w.message.substr(w.message.find(": ", at) + 2);
        for (std::size_t b = 0, e; b < list.size(); b = e + 2) {
            e = std::min(list.find(", ", b), list.size());
            CAPTURE(w.message);
            CHECK_FALSE(printed.count(list.substr(b, e - b)));
        }
    }
}

TEST_CASE("the companions name every claim with the panel's title") {
    test::TempDir tmp("companion-titles");
    test::Invented v;
    v.name = "titles";
    v.zones = 3;
    v.claims = 9; // every modality, some zones with several claims
    for (const Project& p : {test::load_clean(test::source_root() / "geodata" / "example-solund"),
                             test::load_clean(test::write_invented(tmp.path / v.name, v))}) {
        const Scene s = layout_map(p, *parse_page("a4-landscape"), {});
        const std::string md = citations_markdown(p), caption = caption_markdown(p), html = article_html(p, "");
        const std::string alt = s.meta.description;
        for (const Claim& c : p.claims) {
            const std::string title = claim_title(p, c);
            CAPTURE(title);
            // The panel: the citation item's bold lines, joined again.
            const Item* cite = test::find_item(s, "citation-" + std::to_string(c.number));
            REQUIRE(cite);
            std::string panel;
            for (const Primitive& prim : cite->parts)
                if (const auto* t = std::get_if<Text>(&prim);
                    t && t->font.weight == Weight::bold && t->text != std::to_string(c.number)) // not the badge
                    panel += (panel.empty() ? "" : " ") + t->text;
            CHECK(test::spaced(panel) == title);
            CHECK(md.find(std::to_string(c.number) + ". **" + markdown_escape(title) + "**") != std::string::npos);
            CHECK(caption.find(std::to_string(c.number) + ". " + markdown_escape(title) + " (") != std::string::npos);
            CHECK(html.find("<strong>" + xml_escape(title) + "</strong>") != std::string::npos);
            CHECK(alt.find(title + " (") != std::string::npos);
        }
        // No zone named twice in a row, as "Harl post: Harl post: ..." did.
        for (const Zone& z : p.geo.zones)
            CHECK(alt.find(z.name + ": " + z.name + ":") == std::string::npos);
    }
}

namespace {

double distance_to_rings(Point p, const std::vector<Ring>& rings) {
    double d = 1e18;
    for (const Ring& r : rings)
        for (std::size_t i = 0; i + 1 < r.size(); ++i) {
            const Point a = r[i], b = r[i + 1];
            const double len2 = (b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y);
            const double t = len2 > 0 ? std::clamp(((p.x - a.x) * (b.x - a.x) + (p.y - a.y) * (b.y - a.y)) / len2, 0.0, 1.0) : 0;
            d = std::min(d, std::hypot(p.x - (a.x + t * (b.x - a.x)), p.y - (a.y + t * (b.y - a.y))));
        }
    return d;
}

} // namespace

TEST_CASE("a long thin zone's name runs along it, turned to its direction, near its middle") {
    test::TempDir tmp("along");
    for (auto land : {test::Land::wide, test::Land::tall, test::Land::square}) {
        test::Invented v;
        v.name = "along " + std::to_string(static_cast<int>(land));
        v.land = land;
        v.zones = 4;
        v.claims = 6;
        v.thin = true;
        const Project p = test::load_clean(test::write_invented(tmp.path / v.name, v));
        for (const char* page : {"a4-landscape", "a4-portrait", "170mm"}) {
            CAPTURE(v.name);
            CAPTURE(page);
            const Scene s = layout_map(p, *parse_page(page), {});
            CHECK_MESSAGE(check_layout_quality(s, p, QualityLimits::full()).ok(),
                          check_layout_quality(s, p, QualityLimits::full()).summary(6));
            const Item* strip = test::find_item(s, "zone-strip");
            const Item* label = test::find_item(s, "label-strip");
            REQUIRE(strip);
            REQUIRE(label);
            const auto& rings = std::get<Shape>(strip->parts.front()).rings;
            Box sb{1e18, 1e18, -1e18, -1e18};
            for (const Ring& r : rings)
                for (const Point& pt : r)
                    sb.expand({pt.x, pt.y, pt.x, pt.y});
            // The strip runs from lower left to upper right: on the page, at this angle.
            const double expected = -std::atan2(sb.height(), sb.width()) * 180 / M_PI;
            const Text& t = std::get<Text>(label->parts.front());
            CHECK(t.angle != 0);
            CHECK(std::abs(t.angle - expected) < 12);
            // Beside the strip, not out at sea, and not at one end of it.
            Point c{0, 0};
            for (const Point& q : text_corners(t))
                c = {c.x + q.x / 4, c.y + q.y / 4};
            CHECK(distance_to_rings(c, rings) < 6 * kMm);
            CHECK(std::hypot(c.x - (sb.minx + sb.maxx) / 2, c.y - (sb.miny + sb.maxy) / 2) <
                  0.3 * std::hypot(sb.width(), sb.height()));
            // Its claims' numbers follow the name.
            for (const Claim* cl : p.claims_of("strip"))
                CHECK(test::find_item(s, "marker-strip-" + std::to_string(cl->number)));
        }
    }
}

TEST_CASE("a town among tiny zones is named in the detail inset that magnifies them") {
    // A rank-1 town between the zones of a cluster too small to read at the map's scale: the inset
    // draws its dot, and a dot without its name is a puzzle. Varied lands and claims, three pages.
    test::TempDir tmp("town-in-inset");
    int insets = 0;
    int k = 0;
    for (test::Land land : {test::Land::wide, test::Land::tall, test::Land::square, test::Land::archipelago})
        for (int claims : {6, 14}) {
            test::Invented v;
            v.name = "town " + std::to_string(k);
            v.land = land;
            v.zones = 3 + k % 4;
            v.claims = claims;
            v.tiny = true;
            v.town_in_cluster = true;
            v.lon0 = -150 + 41.0 * k;
            v.lat0 = (k % 2 ? -1 : 1) * (10 + 7.0 * (k % 6));
            ++k;
            const Project p = test::load_clean(test::write_invented(tmp.path / v.name, v));
            for (const char* page : {"a4-landscape", "a4-portrait", "170mm"}) {
                CAPTURE(v.name);
                CAPTURE(page);
                const Scene s = layout_map(p, *parse_page(page), {});
                for (const Layer& l : s.layers)
                    for (const Item& it : l.items)
                        if (it.id.rfind("detail-", 0) == 0 && it.id.find("-locality-dot-") != std::string::npos) {
                            const std::string label = it.id.substr(0, it.id.find("-locality-dot-")) + "-locality-" +
                                                      it.id.substr(it.id.find("-locality-dot-") + 14);
                            CHECK_MESSAGE(test::find_item(s, label) != nullptr, it.id << " has no name");
                            insets += it.id.find("Harbour") != std::string::npos;
                        }
            }
        }
    CHECK(insets >= 6); // the town is in most pages' insets
}

TEST_CASE("the alt text says where each zone lies, consistently with the drawing") {
    // The probe's alt text was a flat list of claims: nothing said that one side holds the north.
    test::TempDir tmp("alt-geography");
    for (auto land : {test::Land::wide, test::Land::tall, test::Land::archipelago}) {
        test::Invented v;
        v.name = "alt " + std::to_string(static_cast<int>(land));
        v.land = land;
        v.zones = 6;
        v.claims = 7;
        const Project p = test::load_clean(test::write_invented(tmp.path / v.name, v));
        const Scene s = layout_map(p, *parse_page("a4-landscape"), {});
        const std::string alt = s.meta.description;
        CAPTURE(alt);
        const auto start = alt.find("Where the zones lie: ");
        REQUIRE(start != std::string::npos);
        const std::string where = alt.substr(start, alt.find(". ", start) - start);
        // Each zone (not nested) under exactly one direction; north of every zone said to be south.
        const GeosContext& ctx = *p.geo.ctx;
        std::vector<std::pair<std::string, Point>> placed; // direction, point
        int named = 0;
        for (const Zone& z : p.geo.zones) {
            if (!z.part_of.empty())
                continue;
            CAPTURE(z.name);
            std::string dir;
            for (const char* d : {"north-west", "north-east", "south-west", "south-east", "north", "south", "west", "east", "centre"}) {
                const auto at = where.find(std::string("in the ") + d + ", ");
                if (at == std::string::npos)
                    continue;
                const auto end = where.find("; in the ", at + 1);
                const std::string names = where.substr(at, end == std::string::npos ? std::string::npos : end - at);
                if (names.find(z.name) != std::string::npos && dir.empty())
                    dir = d;
            }
            CHECK(!dir.empty());
            ++named;
            placed.emplace_back(dir, geom::point_on_surface(ctx, z.geom.get()));
        }
        CHECK(named >= 4);
        auto has = [](const std::string& d, const char* w) { return d.find(w) != std::string::npos; };
        for (const auto& [da, pa] : placed)
            for (const auto& [db, pb] : placed) {
                if (has(da, "north") && has(db, "south"))
                    CHECK(pa.y > pb.y);
                if (has(da, "west") && has(db, "east"))
                    CHECK(pa.x < pb.x);
            }
        CHECK(alt.find("As reported, by status: ") != std::string::npos);
    }
}

TEST_CASE("a town inside a small zone or on a place that begins with its name is merged with it, not dropped") {
    // The audit's "Orvel" (a town inside the 16 km2 zone "Orvel pocket") and "Jisr" (a town on the
    // [[place]] "Jisr bridge") were left out on every page with a "no room" warning, a few millimetres
    // from the label that names them. As with a zone of exactly the town's name, the zone's or place's
    // label now stands for both. A district named after its town ("Marrow district", 40 km across)
    // keeps the town's dot and name: there the two are different things.
    test::TempDir tmp("merged-names");
    test::Invented v;
    v.name = "merged names";
    v.zones = 4;
    v.claims = 6;
    v.tiny = true;
    const test::invented::Geo g{v.lon0, v.lat0};
    // The [[place]] Ford bridge, mid-land, with a town Ford on it.
    v.page_lines = "[[place]]\nid = \"ford\"\nname = \"Ford bridge\"\ncoordinates = " + g.at(40, -20) + "\n";
    const auto dir = test::write_invented(tmp.path / v.name, v);
    std::string zones = test::read_file(dir / "zones.geojson");
    for (const auto& [from, to] : {std::pair<std::string, std::string>{R"("name":"Base")", R"("name":"Kestrel pocket")"},
                                   {R"("name":"District 1")", R"("name":"Marrow district")"}}) {
        REQUIRE(zones.find(from) != std::string::npos);
        zones.replace(zones.find(from), from.size(), to);
    }
    test::write_file(dir / "zones.geojson", zones);
    // Kestrel at the centre of the tiny zone "Base" (write_invented: 3 km east, 5 km south of the
    // cluster's centre, in the first grid cell); Marrow at the centre of district 1.
    const double W = 300, H = 120;
    const int cols = 3; // lround(sqrt(4 * 300 / 120))
    const double cw = W * 0.8 / cols, ch = H * 0.8 / 2;
    const double kx = -W * 0.4 + cw * 0.5 + 3, ky = -H * 0.4 + ch * 0.5 - 5;
    const double mx = -W * 0.4 + cw * 1.5, my = -H * 0.4 + ch * 0.5;
    std::string places = test::read_file(dir / "places.geojson");
    places.erase(places.rfind("]}"));
    places += "," + test::invented::feature(R"({"name":"Kestrel","label_rank":2})", "Point", g.at(kx, ky));
    places += "," + test::invented::feature(R"({"name":"Ford","label_rank":2})", "Point", g.at(40, -20));
    places += "," + test::invented::feature(R"({"name":"Marrow","label_rank":1})", "Point", g.at(mx, my));
    test::write_file(dir / "places.geojson", places + "]}");
    const Project p = test::load_clean(dir);
    REQUIRE(p.geo.zone("base"));
    REQUIRE(p.geo.zone("base")->name == "Kestrel pocket");
    int merged = 0;
    for (const std::string page : {"a4-landscape", "a4-portrait", "170mm", "a5-landscape"}) {
        CAPTURE(page);
        Diagnostics d;
        LayoutOptions o;
        o.diagnostics = &d;
        const Scene s = layout_map(p, *parse_page(page), o);
        std::string warned;
        for (const Diagnostic& w : d.all())
            warned += w.message + "\n";
        CAPTURE(warned);
        // Ford is named by the place's label only, never left out with a warning.
        CHECK(warned.find("Ford") == std::string::npos);
        CHECK_FALSE(test::find_item(s, "locality-Ford"));
        CHECK_FALSE(test::find_item(s, "locality-dot-Ford"));
        // Kestrel: on each map (the main map, each inset) either the zone's label or the town's, never
        // both; and the page names it somewhere, or says that it could not.
        bool named = false;
        for (const std::string prefix : {"", "detail-1-", "detail-2-"}) {
            const bool zone = test::find_item(s, prefix + "label-base") != nullptr;
            const bool town = test::find_item(s, prefix + "locality-Kestrel") != nullptr;
            CAPTURE(prefix);
            CHECK_FALSE((zone && town));
            CHECK_FALSE((zone && test::find_item(s, prefix + "locality-dot-Kestrel")));
            named = named || zone || town;
            merged += zone;
        }
        CHECK((named || warned.find("Kestrel") != std::string::npos));
        // The district named after its town keeps the town.
        CHECK(test::find_item(s, "locality-dot-Marrow"));
    }
    CHECK(merged >= 2); // the zone's label stood for the town on most pages
}

TEST_CASE("the legend explains the square that stands for a small zone, and shows an outline hidden by zones as its edge") {
    // The audit's archipelago on A5 landscape drew five islands as squares with no legend row for the
    // square; the wide land's outline row showed a white swatch where the zones cover the whole land,
    // so nothing white was to be seen. Small zones on generated lands, on pages where some are
    // squares; the divided land and an ordinary one.
    test::TempDir tmp("legend-symbols");
    int squared = 0;
    for (const test::Land land : {test::Land::archipelago, test::Land::square}) {
        test::Invented v;
        v.name = "squares " + std::to_string(static_cast<int>(land));
        v.land = land;
        v.zones = 5;
        v.claims = 7;
        v.rocks_km = 0.9; // every grid zone a rock under 1.5 mm on these pages
        const Project p = test::load_clean(test::write_invented(tmp.path / v.name, v));
        for (const std::string page : {"a5-landscape", "170mm", "a4-landscape"}) {
            CAPTURE(v.name);
            CAPTURE(page);
            const Scene s = layout_map(p, *parse_page(page), {});
            bool squares = false;
            for (const Layer& l : s.layers)
                if (l.id == "zones")
                    for (const Item& it : l.items)
                        squares = squares || it.data.count("symbol") > 0;
            squared += squares;
            const std::string words = legend_words(s);
            CAPTURE(words);
            CHECK((words.find("A zone too small to draw at this scale: a square in its colour") != std::string::npos) ==
                  squares);
        }
    }
    CHECK(squared >= 3);
    // The outline's row: its edge when the zones cover the land, its fill when land is left uncovered.
    const Project divided = test::load_clean(test::write_divided_land(tmp.path / "divided"));
    test::Invented open;
    open.name = "open";
    const Project ordinary = test::load_clean(test::write_invented(tmp.path / "open", open));
    for (const std::string page : {"a4-landscape", "a4-portrait", "170mm"}) {
        CAPTURE(page);
        const std::string covered = legend_words(layout_map(divided, *parse_page(page), {}));
        CHECK(covered.find("Land (edge)") != std::string::npos);
        const std::string uncovered = legend_words(layout_map(ordinary, *parse_page(page), {}));
        CHECK(uncovered.find("Land (edge)") == std::string::npos);
        CHECK(uncovered.find("Land ") != std::string::npos);
    }
}

TEST_CASE("a claimed line's legend row stands under its claim's modality, unclaimed symbols under a heading of their own") {
    // "Qarasu river \u2014 Government, reported" and the claim-number key followed the last modality
    // group (Denials, Plans) with no heading of their own: a reported river read as a denial.
    test::TempDir tmp("legend-groups");
    int cases = 0;
    for (int zones : {3, 4, 6}) {
        test::Invented v;
        v.name = "groups" + std::to_string(zones);
        v.zones = zones;
        v.claims = zones + 3; // further claims: plans, projections and denials
        const auto dir = test::write_invented(tmp.path / v.name, v);
        const test::invented::Geo g{v.lon0, v.lat0};
        test::write_file(dir / "a.txt", test::read_file(dir / "a.txt") +
                                            "Troops guard the coast road.\n\nA canal is planned along the hills.\n");
        auto line = [&](const std::string& id, const std::string& name, double y) {
            return "[[line]]\nid = \"" + id + "\"\nname = \"" + name + "\"\ncoordinates = [" + g.at(-110, y) + ", " +
                   g.at(0, y + 8) + ", " + g.at(110, y) + "]\n\n";
        };
        test::write_file(dir / "map.toml",
                         test::read_file(dir / "map.toml") + line("road", "Coast road", 30) +
                             line("canal", "Hill canal", -30) + line("rail", "Old railway", 5) +
                             "[[claim]]\nline = \"road\"\nstatus = \"patrolled\"\nmodality = \"reported\"\n"
                             "attributed_to = \"the report\"\ncite = [{ source = \"a\", quote = \"Troops guard the "
                             "coast road\" }]\n\n"
                             "[[claim]]\nline = \"canal\"\nstatus = \"held\"\nmodality = \"plan\"\n"
                             "attributed_to = \"the report\"\ncite = [{ source = \"a\", quote = \"A canal is planned "
                             "along the hills\" }]\n");
        const Project p = test::load_clean(dir);
        for (const char* page : {"a4-landscape", "a4-portrait", "170mm"}) {
            CAPTURE(zones);
            CAPTURE(std::string(page));
            const std::string svg = render_svg(layout_map(p, *parse_page(page), {}));
            // The legend's group, one line of the SVG; its texts in document order.
            const auto at = svg.find("<g id=\"legend\"");
            REQUIRE(at != std::string::npos);
            const std::string legend = svg.substr(at, svg.find('\n', at) - at);
            static const std::regex text_re("<text([^>]*)>([^<]*)</text>");
            std::string heading;
            std::map<std::string, std::string> under; // a row's first words -> the heading above it
            std::vector<std::string> headings;
            for (auto it = std::sregex_iterator(legend.begin(), legend.end(), text_re); it != std::sregex_iterator(); ++it) {
                const std::string words = (*it)[2];
                // Headings are bold; so is the number in the claim-number row's badge.
                if (std::string((*it)[1]).find(" font-weight=\"bold\"") != std::string::npos &&
                    words.find_first_not_of("0123456789") != std::string::npos) {
                    heading = words;
                    headings.push_back(words);
                }
                for (const char* row : {"Coast road", "Hill canal", "Old railway", "Claim number", "Town"})
                    if (words.rfind(row, 0) == 0)
                        under[row] = heading;
                static const std::regex modality_word("\\b(reported|plan)\\b");
                if (std::regex_search(words, modality_word))
                    under["modality said on a row"] = words;
            }
            CAPTURE(legend);
            REQUIRE(std::count(headings.begin(), headings.end(), "Plans") == 1);
            CHECK(under["Coast road"] == "Reported");
            CHECK(under["Hill canal"] == "Plans");
            CHECK(under["Old railway"] == "Other symbols");
            CHECK(under["Claim number"] == "Other symbols");
            CHECK(under["Town"] == "Other symbols");
            // Under a heading the rows do not repeat the modality.
            CHECK(under.count("modality said on a row") == 0);
            // Each heading once, "Other symbols" last.
            CHECK(std::set<std::string>(headings.begin(), headings.end()).size() == headings.size());
            CHECK(headings.back() == "Other symbols");
            ++cases;
        }
    }
    CHECK(cases == 9);
}

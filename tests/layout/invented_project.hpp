// Invented map projects for layout tests, generated from a few numbers: a landmass of a given shape,
// zones of given kinds, claims spread over them, localities (one named like a zone), two sources.
// Everything is written as GeoJSON, map.toml and text files into a folder, as an author would.
#pragma once

#include "test_support.hpp"

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

namespace citemap::test {

enum class Land { wide, tall, square, archipelago };

struct Invented {
    std::string name;
    Land land = Land::wide;
    int zones = 6;       // ordinary zones, in a grid over the land
    int claims = 8;      // at least one per zone; the rest add further claims
    bool thin = false;   // a zone ~2 km wide and ~150 km long
    bool tiny = false;   // a cluster of zones of 1-10 km2, one nested in a larger zone
    bool town_in_cluster = false; // with tiny: a rank-1 town among the tiny zones ("Harbour")
    bool islet = false;  // a lone zone of 0.5 km2 between the grid and the land's southern edge ("Rock")
    double rocks_km = 0; // > 0: every grid zone a square this many km across, too small for bands
    bool long_quotes = false; // quotes of about 30 words: several lines in a citation column
    double lon0 = 20, lat0 = -40;
    std::string page_lines; // extra map.toml lines at the top (e.g. page, panel)
};

namespace invented {

struct Geo {
    double lon0, lat0;
    [[nodiscard]] std::string at(double x_km, double y_km) const {
        const double lon = lon0 + x_km / (111.32 * std::cos(lat0 * M_PI / 180));
        const double lat = lat0 + y_km / 110.57;
        std::ostringstream o;
        o.precision(9);
        o << "[" << lon << "," << lat << "]";
        return o.str();
    }
    [[nodiscard]] std::string ring(const std::vector<std::pair<double, double>>& pts) const {
        std::string s = "[";
        for (const auto& [x, y] : pts)
            s += at(x, y) + ",";
        return s + at(pts.front().first, pts.front().second) + "]";
    }
    [[nodiscard]] std::string box(double cx, double cy, double w, double h) const {
        return ring({{cx - w / 2, cy - h / 2}, {cx + w / 2, cy - h / 2}, {cx + w / 2, cy + h / 2}, {cx - w / 2, cy + h / 2}});
    }
};

inline std::vector<std::pair<double, double>> ellipse(double cx, double cy, double rx, double ry, int n = 28) {
    std::vector<std::pair<double, double>> out;
    for (int i = 0; i < n; ++i) {
        const double a = 2 * M_PI * i / n;
        // A ragged coast, deterministic.
        const double k = 1 + 0.06 * std::sin(5 * a) + 0.04 * std::cos(11 * a);
        out.emplace_back(cx + rx * k * std::cos(a), cy + ry * k * std::sin(a));
    }
    return out;
}

inline std::string feature(const std::string& props, const std::string& type, const std::string& coords) {
    return R"({"type":"Feature","properties":)" + props + R"(,"geometry":{"type":")" + type +
           R"(","coordinates":)" + coords + "}}";
}

} // namespace invented

inline std::filesystem::path write_invented(const std::filesystem::path& dir, const Invented& v) {
    using namespace invented;
    const Geo g{v.lon0, v.lat0};
    // The land, in km around (0, 0), and the box the zones' grid covers.
    double W = 300, H = 120;
    std::vector<std::vector<std::pair<double, double>>> islands;
    switch (v.land) {
    case Land::wide:
        islands.push_back(ellipse(0, 0, 160, 64));
        break;
    case Land::tall:
        W = 70, H = 260;
        islands.push_back(ellipse(0, 0, 40, 140));
        break;
    case Land::square:
        W = 150, H = 150;
        islands.push_back(ellipse(0, 0, 85, 85));
        break;
    case Land::archipelago:
        W = 240, H = 150;
        islands = {ellipse(-90, 40, 45, 30), ellipse(60, 55, 50, 26), ellipse(-40, -50, 40, 28),
                   ellipse(95, -35, 35, 35), ellipse(10, 0, 18, 14)};
        break;
    }
    std::string land = R"({"type":"FeatureCollection","features":[)";
    for (std::size_t i = 0; i < islands.size(); ++i)
        land += (i ? "," : "") + feature(R"({"name":"Island )" + std::to_string(i) + "\"}", "Polygon",
                                         "[" + g.ring(islands[i]) + "]");
    land += "]}";

    struct Z {
        std::string id, name, coords;
    };
    std::vector<Z> zones;
    // Ordinary zones: a grid over the land's inner box, cells shrunk so neighbours do not touch.
    const int n = v.zones;
    const int cols = std::max(1, static_cast<int>(std::lround(std::sqrt(n * W / H))));
    const int rows = (n + cols - 1) / cols;
    const double cw = W * 0.8 / cols, ch = H * 0.8 / rows;
    // Archipelagos: the zones share out over the islands, a small grid on each.
    struct Isle {
        double cx, cy, rx, ry;
    };
    const std::vector<Isle> isles{{-90, 40, 45, 30}, {60, 55, 50, 26}, {-40, -50, 40, 28}, {95, -35, 35, 35}, {10, 0, 18, 14}};
    for (int i = 0; i < n; ++i) {
        const double shrink = 0.55 + 0.3 * ((i * 7) % 5) / 4.0;
        double cx = 0, cy = 0, zw = 0, zh = 0;
        if (v.land == Land::archipelago) {
            const Isle& is = isles[static_cast<std::size_t>(i) % isles.size()];
            const int k = (n - 1 - i % 5) / 5 + 1; // zones on this island
            const int side = static_cast<int>(std::ceil(std::sqrt(k)));
            const int j = i / 5;
            zw = is.rx * 1.1 / side;
            zh = is.ry * 1.1 / side;
            cx = is.cx - is.rx * 0.55 + zw * (j % side + 0.5);
            cy = is.cy - is.ry * 0.55 + zh * (j / side + 0.5);
        } else {
            const int c = i % cols, r = i / cols;
            cx = -W * 0.4 + cw * (c + 0.5);
            cy = -H * 0.4 + ch * (r + 0.5);
            zw = cw;
            zh = ch;
        }
        zones.push_back({"z" + std::to_string(i), "District " + std::to_string(i),
                         "[" + (v.rocks_km > 0 ? g.box(cx, cy, v.rocks_km, v.rocks_km) : g.box(cx, cy, zw * shrink, zh * shrink)) + "]"});
    }
    if (v.thin) {
        // ~2 km wide, ~150 km long, on a slant across the land.
        std::vector<std::pair<double, double>> l, rgt;
        const double len = std::min(150.0, std::hypot(W, H) * 0.75);
        const double dx = len / std::hypot(W, H) * W, dy = len / std::hypot(W, H) * H;
        for (int i = 0; i <= 6; ++i) {
            const double t = i / 6.0;
            const double x = -dx / 2 + dx * t, y = -dy / 2 + dy * t + 4 * std::sin(t * 3);
            const double nx = -dy / len, ny = dx / len;
            l.emplace_back(x + nx, y + ny);
            rgt.emplace_back(x - nx, y - ny);
        }
        std::vector<std::pair<double, double>> ring = l;
        ring.insert(ring.end(), rgt.rbegin(), rgt.rend());
        zones.push_back({"strip", "Border strip", "[" + g.ring(ring) + "]"});
    }
    if (v.tiny) {
        // Nested in zone 0 (or free-standing) and clustered: 1.1, 2.3, 4.8 and 9.6 km2.
        // On the first island of an archipelago; else in the first grid cell.
        const bool islands_apart = v.land == Land::archipelago;
        const double cx = islands_apart ? -90 : -W * 0.4 + cw * 0.5, cy = islands_apart ? 40 : -H * 0.4 + ch * 0.5;
        zones.push_back({"post", "Post", "[" + g.box(cx, cy, 1.05, 1.05) + "]"});
        zones.push_back({"depot", "Depot", "[" + g.box(cx + 5, cy + 2, 1.5, 1.5) + "]"});
        zones.push_back({"camp", "Camp", "[" + g.box(cx - 4, cy + 6, 2.4, 2.0) + "]"});
        zones.push_back({"base", "Base", "[" + g.box(cx + 3, cy - 5, 3.2, 3.0) + "]"});
    }
    if (v.islet) {
        const double cx = v.land == Land::archipelago ? 60 : W * 0.1, cy = v.land == Land::archipelago ? 55 - 24 : H * 0.44;
        zones.push_back({"rock", "Rock", "[" + g.box(cx, cy, 0.7, 0.7) + "]"});
    }
    std::string zj = R"({"type":"FeatureCollection","features":[)";
    for (std::size_t i = 0; i < zones.size(); ++i)
        zj += (i ? "," : "") + feature(R"({"id":")" + zones[i].id + R"(","name":")" + zones[i].name + "\"}",
                                       "Polygon", zones[i].coords);
    zj += "]}";

    // Localities: a few per land, ranks 1-3; one shares a zone's name and sits inside it.
    std::string places = R"({"type":"FeatureCollection","features":[)";
    const std::vector<std::pair<double, double>> spots{{-0.3, 0.35}, {0.3, -0.3}, {0.1, 0.1}, {-0.35, -0.2},
                                                       {0.38, 0.3}, {-0.1, -0.38}};
    for (std::size_t i = 0; i < spots.size(); ++i)
        places += (i ? "," : "") +
                  feature(R"({"name":"Town )" + std::string(1, static_cast<char>('A' + i)) +
                              R"(","label_rank":)" + std::to_string(1 + i % 3) + "}",
                          "Point", g.at(spots[i].first * W, spots[i].second * H));
    places += "," + feature(R"({"name":"District 0","label_rank":2})", "Point",
                            g.at(-W * 0.4 + cw * 0.5 + 0.3, -H * 0.4 + ch * 0.5 + 0.3));
    if (v.tiny && v.town_in_cluster) {
        const bool islands_apart = v.land == Land::archipelago;
        const double cx = islands_apart ? -90 : -W * 0.4 + cw * 0.5, cy = islands_apart ? 40 : -H * 0.4 + ch * 0.5;
        places += "," + feature(R"({"name":"Harbour","label_rank":1})", "Point", g.at(cx + 1.8, cy - 1.6));
    }
    places += "]}";

    // Claims: one per zone first, then further claims cycling over the zones.
    static const char* statuses[] = {"held", "contested", "evacuated", "patrolled"};
    static const char* modalities[] = {"reported", "plan", "projection", "denial"};
    std::string text_a, text_b, claims;
    const int total = std::max<int>(v.claims, static_cast<int>(zones.size()));
    for (int i = 0; i < total; ++i) {
        const Z& z = zones[static_cast<std::size_t>(i) % zones.size()];
        const bool first = i < static_cast<int>(zones.size());
        // Long: a second clause whose words differ per claim, so lines of two quotes never look alike.
        const std::string more = v.long_quotes ? " at length, saying that the roads north of checkpoint " + std::to_string(i) +
                                                     " were closed to all traffic from the first morning until the evening of day " +
                                                     std::to_string(i + 3) + " of the operation"
                                               : "";
        const std::string sentence = "Witness " + std::to_string(i) + " spoke about " + z.name + more + " at length.";
        (i % 2 ? text_b : text_a) += sentence + "\n\n";
        claims += "[[claim]]\nzone = \"" + z.id + "\"\nstatus = \"" + statuses[(i * 3 + (first ? 0 : 1)) % 4] +
                  "\"\nmodality = \"" + (first ? (i % 3 ? "reported" : modalities[i % 4]) : modalities[1 + i % 3]) +
                  "\"\nattributed_to = \"witness " + std::to_string(i) + "\"\ncite = [{ source = \"" +
                  (i % 2 ? "b" : "a") + "\", quote = \"Witness " + std::to_string(i) + " spoke about " + z.name + more +
                  "\" }]\n\n";
    }
    write_file(dir / "a.txt", "Invented text A.\n\n" + text_a);
    write_file(dir / "b.txt", "Invented text B.\n\n" + text_b);
    write_file(dir / "land.geojson", land);
    write_file(dir / "zones.geojson", zj);
    write_file(dir / "places.geojson", places);
    // A boundary line that runs well out to sea, clipped to land by the layer.
    write_file(dir / "lines.geojson", R"({"type":"FeatureCollection","features":[)" +
                                          feature(R"({"name":"Line"})", "LineString",
                                                  "[" + g.at(-W, -H * 0.1) + "," + g.at(W, H * 0.1) + "]") +
                                          "]}");
    write_file(dir / "sea.geojson", R"({"type":"FeatureCollection","features":[)" +
                                        feature(R"({"name":"Sea"})", "Polygon",
                                                "[" + g.box(0, 0, W * 3, H * 3) + "]") +
                                        "]}");
    write_file(dir / "map.toml",
               "title = \"" + v.name + " (invented test data)\"\n" + v.page_lines +
                   "[[source]]\nid = \"a\"\nfile = \"a.txt\"\ntitle = \"Text A" +
                   (v.long_quotes ? ": report of the joint monitoring mission on the northern districts, weekly edition No. 7" : "") +
                   "\"\n[[source]]\nid = \"b\"\nfile = \"b.txt\"\ntitle = \"Text B" +
                   (v.long_quotes ? ": statement of the provincial council on the ceasefire line and its crossings, second annex" : "") +
                   "\"\n"
                   "[zones]\nfile = \"zones.geojson\"\n"
                   "[[layer]]\nfile = \"sea.geojson\"\nrole = \"sea\"\nname = \"Sea\"\n"
                   "[[layer]]\nfile = \"land.geojson\"\nrole = \"outline\"\nname = \"Land\"\n"
                   "[[layer]]\nfile = \"lines.geojson\"\nrole = \"boundary\"\nname = \"Line\"\nclip = \"land\"\n"
                   "[[layer]]\nfile = \"places.geojson\"\nrole = \"localities\"\nname = \"Town\"\n"
                   "[status.held]\nlabel = \"Held\"\n[status.contested]\nlabel = \"Contested\"\n"
                   "[status.evacuated]\nlabel = \"Evacuated\"\n[status.patrolled]\nlabel = \"Patrolled\"\n\n" +
                   claims);
    return dir;
}

// A wide land divided between three zones that cover it whole (they reach past its coast and are
// clipped to it), as the audit's "Kestmark": no corner of the frame is free of zones but the sea's.
inline std::filesystem::path write_divided_land(const std::filesystem::path& dir) {
    Invented v;
    v.name = "divided";
    v.zones = 3;
    v.claims = 5;
    write_invented(dir, v);
    const invented::Geo g{v.lon0, v.lat0};
    std::string zones = R"({"type":"FeatureCollection","features":[)";
    const double cuts[] = {-180, -55, 55, 180};
    for (int i = 0; i < 3; ++i)
        zones += (i ? "," : "") + invented::feature(R"({"id":"z)" + std::to_string(i) + R"(","name":"District )" +
                                                              std::to_string(i) + "\"}",
                                                          "Polygon",
                                                          "[" + g.ring({{cuts[i], -80}, {cuts[i + 1], -80},
                                                                        {cuts[i + 1], 80}, {cuts[i], 80}}) + "]");
    write_file(dir / "zones.geojson", zones + "]}");
    return dir;
}


} // namespace citemap::test

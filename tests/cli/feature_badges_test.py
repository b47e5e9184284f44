"""The claim badges of a [[place]] or [[line]] sit beside its symbol on every page size, never on a claimed
zone it does not lie on; a feature's name wraps only at its spaces; a town at a zone's middle keeps its dot
(audit s12 D1, D3, D4). Measured on the SVG as a reader sees the page; projects are generated."""
import math, os, sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(__file__))
import harness
from harness import main, run, test
from one_name_test import SVG, group, words, write_project

harness._tests.clear()  # one_name_test's own tests, registered by the import, run in their suite

MM = 72 / 25.4


def numbers(d):
    return [float(v) for v in d.replace("M", " ").replace("L", " ").replace("Z", " ").split()]


def render(tmp, name, *args, page="a4-landscape", **kw):
    """The first page's SVG root and citemap's messages."""
    proj = write_project(os.path.join(tmp, name), *args, page=page, **kw)
    out = os.path.join(tmp, name + "-out")
    p = run("render", proj, "-o", out, "--format", "svg", env={"SOURCE_DATE_EPOCH": "1762905600"}, check=0)
    return ET.parse(os.path.join(out, "map.svg")).getroot(), p.stderr


def badges(root, target):
    return [(float(c.get("cx")), float(c.get("cy")), float(c.get("r"))) for g in root.iter(SVG + "g")
            if (g.get("id") or "").startswith(f"marker-{target}-") for c in g.iter(SVG + "circle")]


def zone_box(root, zone):
    v = numbers(next(group(root, f"zone-{zone}").iter(SVG + "path")).get("d"))
    return min(v[0::2]), min(v[1::2]), max(v[0::2]), max(v[1::2])


ZONES = [("interior", "Interior plateau", (60, 40, 180, 110), None)]
# Mora lighthouse in open land; Tarn crossing a kilometre outside the plateau's west edge, where the
# first spot beside a diamond (to its right) lies on the plateau.
PLACES = [("mora", "Mora lighthouse", 30, 128), ("tarn", "Tarn crossing", 58.8, 75)]
LINES = [("blockade", "Blockade line", [(200, 20), (230, 60)])]


@test
def place_and_line_badges_sit_beside_their_symbol_off_other_zones_on_every_page(tmp):
    for page in ("a4-landscape", "a3-landscape"):
        root, _ = render(tmp, page, ZONES, [], lines=LINES, places=PLACES, page=page, feature_claims=2)
        for pid, name, _, _ in PLACES:
            v = numbers(next(group(root, f"place-{pid}").iter(SVG + "path")).get("d"))
            cx, cy, r = (max(v[0::2]) + min(v[0::2])) / 2, (max(v[1::2]) + min(v[1::2])) / 2, (max(v[0::2]) - min(v[0::2])) / 2
            row = badges(root, pid)
            assert len(row) == 2, (page, pid, row)
            # The nearest badge's edge within 3 mm of the diamond's, the other in a row after it: badges
            # after the name stood 31 mm from Mora lighthouse on A4, 50 mm on A3.
            gaps = sorted(math.hypot(x - cx, y - cy) - br - r for x, y, br in row)
            assert gaps[0] < 3 * MM and gaps[1] < 3 * MM + 3 * row[0][2], (page, pid, [g / MM for g in gaps])
            # The name is drawn whole, on one line or broken at its space (each line is drawn twice:
            # its halo, then its ink).
            lines = list(dict.fromkeys(words(group(root, f"label-{pid}"))))
            assert " ".join(lines) == name, (page, lines)
        # Tarn crossing's numbers are not on the plateau, which it does not lie on.
        x0, y0, x1, y1 = zone_box(root, "interior")
        for x, y, _ in badges(root, "tarn"):
            assert not (x0 < x < x1 and y0 < y < y1), (page, x, y, (x0, y0, x1, y1))
        line = [numbers(p.get("d")) for p in group(root, "line-blockade").iter(SVG + "path")][0]
        pts = list(zip(line[0::2], line[1::2]))

        def to_line(x, y):
            (ax, ay), (bx, by) = pts[0], pts[-1]
            t = max(0, min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)))
            return math.hypot(x - ax - t * (bx - ax), y - ay - t * (by - ay))
        assert min(to_line(x, y) - br for x, y, br in badges(root, "blockade")) < 3 * MM, page


@test
def a_town_at_a_zones_middle_keeps_its_dot_and_is_not_told_to_use_a_larger_page(tmp):
    # Teska at the middle of a plateau with room to spare (about 37 x 52 mm): the zone's label took its
    # spot, dot and all, and the warning advised a larger page, which changed nothing.
    zones = [("interior", "Interior plateau", (100, 30, 150, 100), None),
             ("north", "Northern border belt", (25, 130, 100, 140), None)]
    towns = [("Teska", 125, 65, 2), ("Ulm", 60, 145, 2)]
    root, err = render(tmp, "teska", zones, towns)
    assert group(root, "locality-dot-Teska") is not None, words(group(root, "layer-labels"))
    assert "Interior plateau" in " ".join(words(group(root, "layer-labels")))
    assert "larger --page" not in err, err



@test
def a_towns_name_keeps_to_the_zone_its_dot_lies_in(tmp):
    # Karvo 3 km inside the west zone's edge: its name set to the right ran across the border into the
    # east zone, where it reads as the neighbour's town (audit s12 D8, "Cape Sud", "Deltaport").
    zones = [("west", "Western district", (0, 0, 120, 150), None), ("east", "Eastern district", (120, 0, 240, 150), None)]
    root, _ = render(tmp, "karvo", zones, [("Karvo", 117, 60, 2)])
    border = zone_box(root, "west")[2]
    text = next(group(root, "locality-Karvo").iter(SVG + "text"))
    assert text.get("text-anchor") == "end" and float(text.get("x")) < border, (text.attrib, border)


def path_points(el):
    """A path's polylines in page points."""
    return [list(zip(v[0::2], v[1::2])) for v in
            ([float(n) for n in part.replace("L", " ").replace("Z", " ").split()] for part in el.get("d").split("M")[1:])]


def to_polyline(lines, x, y):
    best = math.inf
    for pts in lines:
        for (ax, ay), (bx, by) in zip(pts, pts[1:]):
            dx, dy = bx - ax, by - ay
            t = max(0, min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy))) if dx or dy else 0
            best = min(best, math.hypot(x - ax - t * dx, y - ay - t * dy))
    return best


# A ward at city scale (audit s17 k-harwick): a stadium nested in a police cordon, a gate on each of its
# long sides, a road ending at the south gate, a lane through a market town's dot up to the cordon, a
# street starting beside the north gate.
WARD = [("cordon", "Police cordon", (90, 45, 150, 105), None), ("stadium", "Stadium", (105, 62, 135, 86), "cordon"),
        ("yard", "Bramble Yard", (30, 110, 50, 125), None)]
WARD_TOWNS = [("Market Cross", 40, 80, 1), ("Kelso", 118, 92, 1), ("Corn Hall", 60, 70, 2)]
WARD_LINES = [("ferry", "Ferry Road", [(122, 5), (121, 62)]), ("mill", "Mill Lane", [(20, 80), (60, 80.5), (105, 81)]),
              ("barrack", "Barrack Street", [(125, 86.5), (170, 110), (220, 120)])]
WARD_GATES = [("south", "South Gate", 120, 62), ("north", "North Gate", 115, 86)]


@test
def a_gates_badge_sits_on_no_street_nor_the_stadium_and_a_towns_name_not_across_its_lane(tmp):
    # South Gate's 7 on the end of Ferry Road read as the road's number, North Gate's 8 against the
    # stadium's outline as the stadium's, and "Market Cross" set across Mill Lane hid where it runs
    # (audit s17 D4). The gates lie on the stadium's edge, well inside the cordon: their badges are the
    # cordon's side of the outline, half a millimetre or more off it. So is the cordon's own badge (on
    # the stadium's outline it read as the stadium's claim; its name may cross the outline).
    for page in ("90mm", "a6-landscape", "200x200mm"):
        root, _ = render(tmp, page, WARD, WARD_TOWNS, lines=WARD_LINES, places=WARD_GATES, page=page)
        lines = {i: [pts for p in group(root, f"line-{i}").iter(SVG + "path") for pts in path_points(p)][:1]
                 for i, _, _ in WARD_LINES}
        casing = 1.7  # the white casing's half width, in points
        stadium = [pts for p in group(root, "zone-stadium").iter(SVG + "path") for pts in path_points(p)][:1]
        x0, y0 = min(x for x, _ in stadium[0]), min(y for _, y in stadium[0])
        x1, y1 = max(x for x, _ in stadium[0]), max(y for _, y in stadium[0])
        for gate in [g for g, _, _, _ in WARD_GATES] + ["cordon"]:
            for x, y, r in badges(root, gate):
                for line, pts in lines.items():
                    assert to_polyline(pts, x, y) > r + casing, (page, gate, line, x, y)
                apart = max(x0 - x, x - x1, y0 - y, y - y1)  # from the stadium's box (positive outside)
                assert apart > r + 0.3 * MM, (page, gate, "on the stadium", x, y, apart / MM)
        # The town's name (its text along its width) keeps off the lane its dot lies on.
        town = group(root, "locality-Market-Cross")
        assert town is not None, page
        for t in town.iter(SVG + "text"):
            size, x, y = float(t.get("font-size")), float(t.get("x")), float(t.get("y"))
            w = 0.55 * size * len("".join(t.itertext()))
            x = x - w if t.get("text-anchor") == "end" else x - w / 2 if t.get("text-anchor") == "middle" else x
            for k in range(11):
                for dy in (-0.7 * size, -0.35 * size, 0):
                    assert to_polyline(lines["mill"], x + w * k / 10, y + dy) > casing, (page, t.attrib)


@test
def a_place_between_two_roads_keeps_its_number_and_name_between_them(tmp):
    # South Gate at k-harwick 400 x 100 mm: Ferry Road below it, the stadium above, no room for its name
    # over its badge; the badge sat on the road's end, or went with the name to the legend. A row of
    # the badge then the name, right of the diamond, fits between two roads 5 km apart: no leader, and
    # the badge clear of both roads' casings.
    roads = [("upper", "Upper Road", [(100, 77.5), (220, 77.5)]), ("lower", "Lower Road", [(100, 72.5), (220, 72.5)])]
    root, err = render(tmp, "gate", [("west", "Western fields", (60, 40, 114, 110), None)], [], lines=roads,
                       places=[("gate", "Gate", 118, 75)])
    assert group(root, "leader-gate") is None, "a leader where a row beside the diamond fits"
    assert "name of place gate" not in err, err
    for x, y, r in badges(root, "gate"):
        for road, _, _ in roads:
            pts = [pts for p in group(root, f"line-{road}").iter(SVG + "path") for pts in path_points(p)][:1]
            assert to_polyline(pts, x, y) - r > 1.7 + 1.5, (road, x, y, to_polyline(pts, x, y) - r)

if __name__ == "__main__":
    main()

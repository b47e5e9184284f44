"""A long thin zone is named on itself, along its centre line, with its badge on it: a 3 km strip along a
sinuous 190 km river, 4 mm wide on an A4 page with another zone all round it, was refused on A4 and at
170 mm, and on A3 named 22 mm off on the frame's margin (audit s15 D1). Read from the SVG as a reader
reads the page."""
import math, os, re, sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(__file__))
import json
from generated_projects import river_strip, wadi_band
from harness import main, run, test
from svg_read import SVG, group, inside, label_points, rings

MM = 72 / 25.4


def render(proj, page, out):
    run("render", proj, "-o", out, "-q", "--format", "svg", "--page", page,
        env={"SOURCE_DATE_EPOCH": "1762905600"}, check=0)
    return ET.parse(os.path.join(out, f"map-{page}.svg")).getroot()


def distance_to_rings(rs, x, y):
    if inside(rs, x, y):
        return 0.0
    best = 1e18
    for r in rs:
        for (x0, y0), (x1, y1) in zip(r, r[1:] + r[:1]):
            dx, dy = x1 - x0, y1 - y0
            t = max(0.0, min(1.0, ((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy or 1)))
            best = min(best, math.hypot(x - x0 - t * dx, y - y0 - t * dy))
    return best


def direction_under(path, a, b):
    """The direction (degrees, modulo 180) from the point of `path` nearest `a` to the one nearest `b`:
    the river's own direction under a name running from a to b."""
    pa = min(path, key=lambda p: math.dist(p, a))
    pb = min(path, key=lambda p: math.dist(p, b))
    return math.degrees(math.atan2(pb[1] - pa[1], pb[0] - pa[0])) % 180


@test
def a_river_strips_name_and_badge_lie_on_the_strip_along_it(tmp):
    proj = river_strip(os.path.join(tmp, "orva"))
    for page in ("a4-landscape", "170mm", "a4-portrait"):
        root = render(proj, page, os.path.join(tmp, "out-" + page))
        strip = rings(group(root, "zone-strip").find(SVG + "path"))
        label = group(root, "label-strip")
        assert label is not None, (page, "the strip is not named")
        # The name's points, along its text line, lie on the strip or within a millimetre and a half of
        # it (its letters are taller than the strip is wide); its middle lies on it.
        pts = label_points(root, "label-strip")
        mid = pts[len(pts) // 2]
        assert distance_to_rings(strip, *mid) <= 0.5 * MM, (page, "the name's middle is off the strip", mid)
        worst = max(distance_to_rings(strip, x, y) for x, y in pts)
        assert worst <= 1.5 * MM, (page, f"the name strays {worst / MM:.1f} mm off the strip")
        # Turned to the strip's direction where it lies (the river down its middle), never upside down.
        m = re.match(r"rotate\(([-\d.]+) ", next(g for g in label.iter(SVG + "g") if g.get("transform")).get("transform"))
        angle = float(m[1])
        assert -90 < angle <= 90, (page, "upside down", angle)
        river = [p for el in group(root, "line-orva").iter(SVG + "path") for r in rings(el) for p in r]
        along = direction_under(river, pts[0], pts[len(pts) // 2 - 1])
        turn = abs((angle % 180) - along)
        assert min(turn, 180 - turn) <= 15, (page, f"the name runs at {angle:.0f} degrees, the strip at {along:.0f}")
        # Its badge on the strip.
        badge = group(root, "marker-strip-1").find(SVG + "circle")
        assert inside(strip, float(badge.get("cx")), float(badge.get("cy"))), (page, "the strip's badge is off it")


def turned_quad(t, turn, size, width):
    """The glyph band (0.93 em above the baseline to 0.28 below) of a text `width` wide starting at its
    x, y, turned by `turn` (degrees, about its point; None: upright)."""
    x, y = float(t.get("x")), float(t.get("y"))
    if t.get("text-anchor") == "middle":
        x -= width / 2
    corners = [(x, y - 0.93 * size), (x + width, y - 0.93 * size), (x + width, y + 0.28 * size), (x, y + 0.28 * size)]
    if not turn:
        return corners
    a, cx, cy = turn
    return [(cx + (px - cx) * math.cos(a) - (py - cy) * math.sin(a),
             cy + (px - cx) * math.sin(a) + (py - cy) * math.cos(a)) for px, py in corners]


def quads_overlap(p, q):
    """Separating axes: two convex quadrilaterals overlap when no edge of either parts them."""
    for poly in (p, q):
        for (x0, y0), (x1, y1) in zip(poly, poly[1:] + poly[:1]):
            nx, ny = y0 - y1, x1 - x0
            a = [x * nx + y * ny for x, y in p]
            b = [x * nx + y * ny for x, y in q]
            if max(a) <= min(b) or max(b) <= min(a):
                return False
    return True


def shrunk(quad, by):
    cx, cy = sum(x for x, _ in quad) / 4, sum(y for _, y in quad) / 4
    return [(x + (cx - x) * by, y + (cy - y) * by) for x, y in quad]


@test
def a_winding_strips_name_follows_it_glyph_by_glyph(tmp):
    """A strip along a river that winds unevenly, on a 90 mm figure: no stretch of it runs straight for
    its name and badge (main refused the page: the name and badge went beside the strip, on the other
    zone). The name is set glyph by glyph along the strip's centre line: each glyph a text turned to the
    river where it lies, on the strip, clear of every other text; the badge on the strip after it."""
    proj = river_strip(os.path.join(tmp, "winding"), bends=2.5, width_km=4, wiggle=0.4)
    root = render(proj, "90mm", os.path.join(tmp, "out"))
    strip = rings(group(root, "zone-strip").find(SVG + "path"))
    label = group(root, "label-strip")
    assert label is not None, "the strip is not named"
    named = next((g for g in label.iter(SVG + "g") if g.get("aria-label")), None)
    assert named is not None and named.get("aria-label") == "Closed river strip", "the name is not set along a curve"
    # The letters (not their halo copies), each in its own turned group, in reading order.
    glyphs = []
    for holder in named.iter(SVG + "g"):
        m = re.match(r"rotate\(([-\d.]+) ([-\d.]+) ([-\d.]+)\)", holder.get("transform") or "")
        t = holder.find(SVG + "text")
        if m and t is not None and t.get("stroke") is None:
            glyphs.append((t, float(m[1]), (math.radians(float(m[1])), float(m[2]), float(m[3]))))
    assert "".join(t.text for t, _, _ in glyphs) == "Closedriverstrip", [t.text for t, _, _ in glyphs]
    angles = [a for _, a, _ in glyphs]
    assert all(-90 < a <= 90 for a in angles), ("a glyph upside down", angles)
    assert max(angles) - min(angles) >= 20, ("the name does not follow the bends", angles)
    size = float(glyphs[0][0].get("font-size"))
    river = [p for el in group(root, "line-orva").iter(SVG + "path") for r in rings(el) for p in r]
    # The river's line as thin rings, so that distance_to_rings measures to its segments.
    lines = [r + r[::-1] for el in group(root, "line-orva").iter(SVG + "path") for r in rings(el)]
    quads, middles = [], []
    for k, (t, a, turn) in enumerate(glyphs):
        x, y = float(t.get("x")), float(t.get("y"))
        # Up to the next glyph's start (a word's last: half an em), the glyph band's middle 0.33 em up.
        nx = float(glyphs[k + 1][0].get("x")) if k + 1 < len(glyphs) else None
        ny = float(glyphs[k + 1][0].get("y")) if k + 1 < len(glyphs) else None
        width = math.hypot(nx - x, ny - y) if nx is not None and math.hypot(nx - x, ny - y) < size else 0.5 * size
        quads.append(turned_quad(t, turn, size, width))
        r = math.radians(a)
        mx, my = x + math.cos(r) * width / 2 + math.sin(r) * 0.33 * size, y + math.sin(r) * width / 2 - math.cos(r) * 0.33 * size
        middles.append((mx, my))
        assert distance_to_rings(strip, mx, my) <= 0.3 * MM, (t.text, "off the strip", mx, my)
        along = direction_under(river, min(river, key=lambda p: math.dist(p, (mx - 3 * math.cos(r), my - 3 * math.sin(r)))),
                                min(river, key=lambda p: math.dist(p, (mx + 3 * math.cos(r), my + 3 * math.sin(r)))))
        turn_off = abs((a % 180) - along)
        assert min(turn_off, 180 - turn_off) <= 20, (t.text, f"turned {a:.0f} degrees over a river at {along:.0f}")
        assert distance_to_rings(lines, mx, my) <= 1.2 * MM, (t.text, "off the river's line")
    # Neighbouring letters turn from each other as on a circle of at least two ems (the layout keeps
    # 2.5): tighter, their tops would meet inside the bend.
    for k in range(len(glyphs) - 1):
        apart = math.dist(middles[k], middles[k + 1])
        assert abs(angles[k + 1] - angles[k]) <= math.degrees(apart / (2 * size)), \
            ("the name kinks", glyphs[k][0].text, glyphs[k + 1][0].text, angles[k], angles[k + 1])
    # Clear of every other text on the page (their boxes shrunk by a tenth: glyph bands, not ink).
    for holder in root.iter(SVG + "g"):
        if holder is named or any(holder is g for g in named.iter(SVG + "g")):
            continue
        m = re.match(r"rotate\(([-\d.]+) ([-\d.]+) ([-\d.]+)\)", holder.get("transform") or "")
        turn = (math.radians(float(m[1])), float(m[2]), float(m[3])) if m else None
        for t in holder.findall(SVG + "text"):
            other = shrunk(turned_quad(t, turn, float(t.get("font-size")),
                                       0.5 * float(t.get("font-size")) * len("".join(t.itertext()))), 0.1)
            for q, (g, _, _) in zip(quads, glyphs):
                assert not quads_overlap(shrunk(q, 0.1), other), (g.text, "overlaps", "".join(t.itertext()))
    # The badge on the strip, after the name along it, off its letters.
    badge = group(root, "marker-strip-1").find(SVG + "circle")
    bx, by, br = float(badge.get("cx")), float(badge.get("cy")), float(badge.get("r"))
    assert inside(strip, bx, by), "the strip's badge is off it"
    first, last = glyphs[0][0], glyphs[-1][0]
    assert math.dist((bx, by), (float(last.get("x")), float(last.get("y")))) < \
        math.dist((bx, by), (float(first.get("x")), float(first.get("y")))), "the badge is before the name"
    for q, (g, _, _) in zip(quads, glyphs):
        cx, cy = sum(x for x, _ in q) / 4, sum(y for _, y in q) / 4
        assert math.dist((cx, cy), (bx, by)) >= br, (g.text, "under the badge")


@test
def a_zone_four_times_as_long_as_wide_is_lettered_along_it_where_its_name_fits_inside(tmp):
    """Audit s16 D9: Ghor orchards, 4.5:1 and about 10 mm wide at 170 x 119 mm, too narrow for its name
    level even a word a line, had it set above the zone with a 10 mm leader, although the name fits inside
    it along its length: a band was only a zone six times as long as wide. The name and badge lie inside
    the zone, turned to its length, with no leader."""
    proj = wadi_band(os.path.join(tmp, "wadi"))
    path = os.path.join(proj, "zones.geojson")
    zones = json.load(open(path))
    for f in zones["features"]:
        if f["properties"]["id"] == "ghor":
            f["properties"]["name"] = "Ghor al-Mazraa orchards"  # "al-Mazraa" is wider than the zone
    json.dump(zones, open(path, "w"))
    root = render(proj, "170x119mm", os.path.join(tmp, "out"))
    zone = rings(group(root, "zone-ghor").find(SVG + "path"))
    label = group(root, "label-ghor")
    assert label is not None, "the orchards are not named"
    assert group(root, "leader-ghor") is None, "the orchards' name is led to them"
    assert label.get("data-along") == "zone", "the name is not set along the zone"
    pts = label_points(root, "label-ghor")
    worst = max(distance_to_rings(zone, x, y) for x, y in pts)
    assert worst == 0, f"the name strays {worst / MM:.1f} mm off the orchards"
    m = re.match(r"rotate\(([-\d.]+) ", next(g for g in label.iter(SVG + "g") if g.get("transform")).get("transform"))
    assert 60 <= abs(float(m[1])) <= 90, ("not turned to the zone's length", m[1])
    badge = group(root, "marker-ghor-6").find(SVG + "circle")
    assert inside(zone, float(badge.get("cx")), float(badge.get("cy"))), "the orchards' badge is off them"



@test
def a_bands_name_in_two_languages_carries_both_along_it(tmp):
    """Audit s16's h-wadi (issue 8, closing note s17): its buffer zone, a band 1.5 km wide, was lettered
    along its edge in Arabic only, while every wider zone carried both its names. The band's row holds
    both, in two lines or one after the other, on A4 and at 170 mm."""
    proj = wadi_band(os.path.join(tmp, "wadi"))
    path = os.path.join(proj, "zones.geojson")
    zones = json.load(open(path))
    for f in zones["features"]:
        f["properties"]["name_ar"] = {"buffer": "\u0627\u0644\u0645\u0646\u0637\u0642\u0629 \u0627\u0644\u0639\u0627\u0632\u0644\u0629"}.get(
            f["properties"]["id"], "")
    json.dump(zones, open(path, "w"))
    toml = os.path.join(proj, "map.toml")
    text = open(toml).read()
    open(toml, "w").write('labels = "en+ar"\n' + text)
    for page in ("a4-landscape", "170mm"):
        root = render(proj, page, os.path.join(tmp, page))
        label = group(root, "label-buffer")
        assert label is not None and label.get("data-along") == "zone", (page, "the band is not lettered along it")
        said = [t.text for t in label.iter(SVG + "text") if t.get("aria-hidden") != "true"]
        assert "Buffer zone" in said and any("\u0627\u0644\u0645\u0646\u0637\u0642\u0629" in t for t in said), (page, said)


if __name__ == "__main__":
    main()

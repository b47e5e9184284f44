"""A long thin zone is named on itself, along its centre line, with its badge on it: a 3 km strip along a
sinuous 190 km river, 4 mm wide on an A4 page with another zone all round it, was refused on A4 and at
170 mm, and on A3 named 22 mm off on the frame's margin (audit s15 D1). Read from the SVG as a reader
reads the page."""
import math, os, re, sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(__file__))
from generated_projects import river_strip
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


if __name__ == "__main__":
    main()

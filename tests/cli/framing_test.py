"""Framing (issue 8, audit s17 D1, D4, D9, D12), read from the SVG as a reader sees the page: the main scale
bar is the round length nearest a sixth of the frame, a [[place]]'s leader keeps clear of every town's dot,
and what the map is about fills its frame. The projects are the audit's (invented): a city ward with
claimed streets and stadium gates, and a river country 330 km by 40 km."""
import math, os, sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(__file__))
from harness import ROOT, main, run, test
from svg_read import SVG, group, rings

MM = 72 / 25.4
EPOCH = {"SOURCE_DATE_EPOCH": "1800000000"}
HARWICK = os.path.join(ROOT, "tests", "data", "harwick-ward")  # audit s17 k-harwick
GAMBELA = os.path.join(ROOT, "tests", "data", "gambela-strip")  # audit s17 l-gambela


def render(proj, tmp, page):
    """The first sheet's SVG root, or None and citemap's messages when the page is refused."""
    out = os.path.join(tmp, os.path.basename(proj) + "-" + page)
    p = run("render", proj, "-o", out, "-j", "1", "--format", "svg", "--page", page, env=EPOCH)
    assert p.returncode in (0, 1), p.stderr
    return (ET.parse(os.path.join(out, f"map-{page}.svg")).getroot() if p.returncode == 0 else None), p.stderr


def box(points):
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return min(xs), min(ys), max(xs), max(ys)


def frame_box(root):
    return box(rings(next(group(root, "map-frame").iter(SVG + "path")))[0])


def segment_distance(p, a, b):
    dx, dy = b[0] - a[0], b[1] - a[1]
    t = max(0, min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy))) if dx or dy else 0
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


@test
def the_main_scale_bar_is_the_round_length_nearest_a_sixth_of_the_frame(tmp):
    # Audit s17 D12: the longest round length under 30 % of the frame was a 100 km bar over 30-32 % of
    # the river country's A4 frame, where 50 km (15 %) reads as well and hides half as much.
    for proj, page in ((GAMBELA, "a4-landscape"), (GAMBELA, "a4-portrait"), (HARWICK, "a4-landscape"),
                       (os.path.join(ROOT, "geodata", "example-solund"), "a4-landscape")):
        root, err = render(proj, tmp, page)
        assert root is not None, (proj, page, err)
        bar = group(root, "scale-bar")
        metres, length = float(bar.get("data-metres")), float(bar.get("data-length-pt"))
        lead = metres / 10 ** math.floor(math.log10(metres))
        assert round(lead, 9) in (1, 2, 3, 4, 5), (page, metres)
        f = frame_box(root)
        share = length / (f[2] - f[0])
        assert 0.12 <= share <= 0.255, (proj, page, metres, share)


@test
def a_place_leader_keeps_clear_of_every_town_dot_or_the_page_is_refused(tmp):
    # Audit s17 D4: North Gate's leader ended 1.0 mm from Kelso Park's dot on A4 (0.8 mm at 170 mm) and
    # the Sendu ferry's passed 0.9 mm from Sendu's, pointing at the towns, with exit 0: the check
    # measured only leaders with arrowheads. A page is written only with every [[place]] leader 2 mm or
    # more from every dot, along its whole length.
    written = 0
    for proj, page in ((HARWICK, "a4-landscape"), (HARWICK, "170mm"), (GAMBELA, "150x150mm")):
        root, err = render(proj, tmp, page)
        if root is None:
            assert "no layout of page" in err, err
            continue
        written += 1
        dots = [(float(c.get("cx")), float(c.get("cy"))) for g in root.iter(SVG + "g")
                if (g.get("id") or "").startswith("locality-dot-") for c in g.iter(SVG + "circle")]
        leaders = [g for g in root.iter(SVG + "g") if (g.get("id") or "").startswith("leader-") and g.get("data-anchor") is None]
        for g in leaders:
            line = rings(next(g.iter(SVG + "path")))[0]
            near = min(segment_distance(d, line[0], line[-1]) for d in dots) / MM
            assert near >= 2, (proj, page, g.get("id"), round(near, 2))
    assert written >= 2, written


@test
def a_strip_on_a_figure_stays_as_wide_as_the_figure_with_its_inset_under_it(tmp):
    # Audit s17 D1: at 90 mm the frame was widened for Kassa island's inset, so the 330 km strip took
    # 56 % of its width, its box filled 18 % of the frame and eight badges floated over the neighbour,
    # with exit 0. The figure now grows under its map for the inset: the strip keeps the frame's width.
    root, err = render(GAMBELA, tmp, "90mm")
    assert root is not None, err
    f = frame_box(root)
    zones = box([p for g in root.iter(SVG + "g") if (g.get("id") or "").startswith("zone-")
                 for p in rings(next(g.iter(SVG + "path")))[0]])
    across = (min(zones[2], f[2]) - max(zones[0], f[0])) / (f[2] - f[0])
    assert across >= 0.9, across
    inset = box(rings(list(group(root, "detail-1-frame").iter(SVG + "path"))[1])[0])
    assert inset[1] >= zones[3] - 1, (inset, zones)  # under the strip, not beside it
    # The strip's box (5:1, the river bends) and its inset fill 47 % of the frame, main's 42 % with its
    # inset beside the strip: written, above the floor, and said in a warning (60 % is wanted).
    filled = (zones[2] - zones[0]) * (min(zones[3], f[3]) - max(zones[1], f[1])) + (inset[2] - inset[0]) * (inset[3] - inset[1])
    share = filled / ((f[2] - f[0]) * (f[3] - f[1]))
    assert share >= 0.45, share
    assert "of the map frame; 59 % is wanted" in err, err


if __name__ == "__main__":
    main()

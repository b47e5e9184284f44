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


if __name__ == "__main__":
    main()

"""Detail insets and the main map's scale bar on projects nobody tuned for, read from the SVG as a reader
reads the page: an inset's scale bar inside its own frame and off its badges; the main bar a round
length a fair share of the frame wide (audit s11 D11, audits s12 and s13)."""
import math, os, re, sys

sys.path.insert(0, os.path.dirname(__file__))
import harness
from harness import main, test
from placement_test import ceasefire_strip, inside, render
from svg_read import SVG, group, rings

harness._tests.clear()  # the placement suite runs placement_test's own tests

MM = 72 / 25.4


def box_of(g):
    """The box of a group's paths, circles and texts (a text by its anchor, size and length)."""
    b = [1e18, 1e18, -1e18, -1e18]

    def add(x0, y0, x1, y1):
        b[:] = [min(b[0], x0), min(b[1], y0), max(b[2], x1), max(b[3], y1)]

    for el in g.iter():
        if el.tag == SVG + "path" and el.get("d"):
            for r in rings(el):
                for x, y in r:
                    add(x, y, x, y)
        elif el.tag == SVG + "circle":
            x, y, r = float(el.get("cx")), float(el.get("cy")), float(el.get("r"))
            add(x - r, y - r, x + r, y + r)
        elif el.tag == SVG + "text" and el.get("aria-hidden") != "true":
            size, x, y = float(el.get("font-size")), float(el.get("x")), float(el.get("y"))
            w = 0.5 * size * len("".join(el.itertext()))
            x0 = x - w / 2 if el.get("text-anchor") == "middle" else x - w if el.get("text-anchor") == "end" else x
            add(x0, y - 0.7 * size, x0 + w, y + 0.2 * size)
    return b


def meets(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def insets(root):
    """{"detail-1-": (the framed area on the main map, the inset's box)}"""
    out = {}
    for g in root.iter(SVG + "g"):
        m = re.fullmatch(r"(detail-\d+-)frame", g.get("id", ""))
        if m and g.find(SVG + "path") is not None:
            around, spot = [rings(p)[0] for p in g.iter(SVG + "path")][:2]
            out[m[1]] = tuple(box_of_points(around)), tuple(box_of_points(spot))
    return out


def box_of_points(pts):
    return [min(x for x, _ in pts), min(y for _, y in pts), max(x for x, _ in pts), max(y for _, y in pts)]


def frame_width(root):
    layer = group(root, "layer-zones")
    clip = layer.get("clip-path")[5:-1]
    rect = next(c for c in root.iter(SVG + "clipPath") if c.get("id") == clip).find(SVG + "rect")
    return float(rect.get("width"))


@test
def every_inset_scale_bar_lies_inside_its_frame_and_off_its_badges(tmp):
    # Audit s11 D11: at 170 mm the Mirna and Kordun insets' bars stood below and beside their frames,
    # on the main map, where they read as its scale; the depot filled its inset's every corner.
    proj = ceasefire_strip(os.path.join(tmp, "varno"))
    checked = 0
    for page in ("170mm", "a4-landscape", "a4-portrait"):
        root = render(proj, page, os.path.join(tmp, page))
        found = insets(root)
        assert len(found) == 2, (page, found)
        for prefix, (around, spot) in found.items():
            bar = group(root, prefix + "scale-bar")
            assert bar is not None, (page, prefix)
            b = box_of(bar)
            assert spot[0] - 0.5 <= b[0] and b[2] <= spot[2] + 0.5 and spot[1] - 0.5 <= b[1] and b[3] <= spot[3] + 0.5, \
                (page, prefix, "bar", b, "frame", spot)
            assert bar.get("data-outside-inset") is None, (page, prefix)
            badges = [g for g in root.iter(SVG + "g") if g.get("id", "").startswith(prefix + "marker-")]
            assert badges, (page, prefix)
            for g in badges:
                assert not meets(b, box_of(g)), (page, prefix, g.get("id"))
            checked += 1
    assert checked == 6, checked


@test
def the_main_scale_bar_is_a_round_length_a_fair_share_of_the_frame(tmp):
    # The audits' main bars were 6-14 % of their frames: with lengths of 1, 2 or 5 x 10^n only, a 50 km
    # bar stood where 100 km fitted over the sea. A reader compares distances by a bar a fifth to a
    # third of the map. (Where every such bar would lie on a zone or across a coast, a shorter one is
    # right: the 170 mm figure's sea corner holds 40 km.)
    proj = ceasefire_strip(os.path.join(tmp, "varno"))
    for page in ("a4-landscape", "a4-portrait"):
        root = render(proj, page, os.path.join(tmp, page))
        bars = [g for g in root.iter(SVG + "g") if g.get("id") == "scale-bar"]
        assert len(bars) == 1, page
        metres, length = float(bars[0].get("data-metres")), float(bars[0].get("data-length-pt"))
        lead = metres / 10 ** math.floor(math.log10(metres))
        assert round(lead, 9) in (1, 2, 3, 4, 5), (page, metres)
        share = length / frame_width(root)
        assert 0.15 <= share <= 0.30, (page, metres, share)
        # Over the sea, as it was at its shorter length: the land is the outline's.
        land = [r for el in group(root, "layer-base-Varno").iter(SVG + "path") for r in rings(el)]
        b = box_of(bars[0])
        for i in range(9):
            for j in range(3):
                x, y = b[0] + (i + 0.5) * (b[2] - b[0]) / 9, b[1] + (j + 0.5) * (b[3] - b[1]) / 3
                assert not inside(land, x, y), (page, x, y)


if __name__ == "__main__":
    main()

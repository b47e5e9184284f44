"""Figures, insets, scale bars and continuation sheets on projects nobody tuned for (issue 8, audit-8-s10):
a narrow figure gives its map a fair share of its area or is refused with a width that does; the main
map's scale bar stays off the zones; an inset magnifies its cluster; the columns of a continuation
sheet end together; the print theme's badge styles are in the legend. Read from the SVG (geometry and
text) and the PNG (pixels), as a reader meets them."""
import os, re, sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "bench"))
import generated_projects as gen
import png
from harness import BRENNA, ROOT, main, run, test

SVG = "{http://www.w3.org/2000/svg}"
EPOCH = {"SOURCE_DATE_EPOCH": "1762905600"}
SOLUND = os.path.join(ROOT, "geodata", "example-solund")
LEAST_SHARE = 0.12  # layout.cpp, kLeastFigureShare


def render(proj, out, *args, check=0):
    return run("render", proj, "-o", out, "-q", "-j", "1", *args, env=EPOCH, check=check)


def svg_of(out, page):
    return ET.parse(os.path.join(out, f"map-{page}.svg")).getroot()


def by_id(root, ident):
    return next((g for g in root.iter() if g.get("id") == ident), None)


def numbers(d):
    return [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", d)]


def path_rings(g):
    """The rings of every path under g ("M x y L x y ... Z"), as lists of points."""
    rings = []
    for p in g.iter(SVG + "path"):
        for part in re.split(r"(?=M)", p.get("d", "")):
            v = numbers(part)
            if len(v) >= 6:
                rings.append(list(zip(v[0::2], v[1::2])))
    return rings


def box_of(g):
    """The box of g's paths, circles and texts (texts by their anchor points)."""
    xs, ys = [], []
    for ring in path_rings(g):
        xs += [x for x, _ in ring]
        ys += [y for _, y in ring]
    for c in g.iter(SVG + "circle"):
        cx, cy, r = float(c.get("cx")), float(c.get("cy")), float(c.get("r"))
        xs += [cx - r, cx + r]
        ys += [cy - r, cy + r]
    for t in g.iter(SVG + "text"):
        size = float(t.get("font-size", 6))
        x, y = float(t.get("x")), float(t.get("y"))
        xs += [x, x + 0.3 * size * len("".join(t.itertext()))]
        ys += [y - 0.8 * size, y + 0.2 * size]
    return min(xs), min(ys), max(xs), max(ys)


def clipped_area(ring, box):
    """Area of a polygon ring inside a box (Sutherland-Hodgman, then the shoelace formula)."""
    x0, y0, x1, y1 = box
    pts = ring
    for inside, cut in ((lambda p: p[0] >= x0, lambda a, b: (x0, a[1] + (b[1] - a[1]) * (x0 - a[0]) / (b[0] - a[0]))),
                        (lambda p: p[0] <= x1, lambda a, b: (x1, a[1] + (b[1] - a[1]) * (x1 - a[0]) / (b[0] - a[0]))),
                        (lambda p: p[1] >= y0, lambda a, b: (a[0] + (b[0] - a[0]) * (y0 - a[1]) / (b[1] - a[1]), y0)),
                        (lambda p: p[1] <= y1, lambda a, b: (a[0] + (b[0] - a[0]) * (y1 - a[1]) / (b[1] - a[1]), y1))):
        out = []
        for i, b in enumerate(pts):
            a = pts[i - 1]
            if inside(b):
                if not inside(a):
                    out.append(cut(a, b))
                out.append(b)
            elif inside(a):
                out.append(cut(a, b))
        pts = out
        if not pts:
            return 0.0
    return abs(sum(pts[i - 1][0] * p[1] - p[0] * pts[i - 1][1] for i, p in enumerate(pts))) / 2


def map_share(root):
    """The share of the figure's area the map frame takes."""
    w, h = numbers(root.get("viewBox"))[2:]
    x0, y0, x1, y1 = box_of(by_id(root, "map-frame"))
    return (x1 - x0) * (y1 - y0) / (w * h)


def small_figure_outcome(tmp, name, proj, page):
    """Renders `proj` on figure `page`: its map's share when it renders; when it is refused, the width
    its advice names, checked by rendering there. Returns (page that rendered, share)."""
    out = os.path.join(tmp, f"{name}-{page}")
    p = render(proj, out, "--format", "svg", "--page", page, check=None)
    if p.returncode == 0:
        return page, map_share(svg_of(out, page))
    assert p.returncode == 1, p.stderr
    m = re.search(r"use --page (\d+)mm((?:-max\d+mm)?)(?: or wider| \(laid out and checked)", p.stderr)
    assert m and "% of the figure" in p.stderr, p.stderr
    wider = m[1] + "mm" + m[2]
    asked = re.fullmatch(r"(\d+)mm((?:-max\d+mm)?)", page)
    assert int(m[1]) > int(asked[1]) and m[2] == asked[2], p.stderr  # a height limit asked for is kept
    out2 = os.path.join(tmp, f"{name}-{wider}")
    p2 = render(proj, out2, "--format", "svg", "--page", wider, check=None)
    assert p2.returncode == 0, f"the advice of {page} names {wider}, which is refused too:\n{p2.stderr}"
    return wider, map_share(svg_of(out2, wider))


@test
def a_narrow_figure_gives_its_map_a_fair_share_or_names_a_width_that_does(tmp):
    # audit-8-s10: at --page 60mm the map took 6-8 % of the figure, the rest title, legend and a column
    # of citations. Now the citations go to the caption, the text takes its least scale and the margins
    # narrow; a figure whose map would still be under 12 % is refused with a width that renders.
    projects = [("regions6", gen.regions(os.path.join(tmp, "regions6"), 6)),
                ("regions12", gen.regions(os.path.join(tmp, "regions12"), 12, seed=2,
                                          modalities=("reported", "plan", "projection", "denial"))),
                ("brenna", BRENNA),
                ("long-legend", gen.regions(os.path.join(tmp, "long-legend"), 8, seed=4, wide=2.5, statuses=gen.LONG_STATUSES,
                                            modalities=("reported", "plan", "projection", "denial"))),
                # audit s11: a land ten times as tall as wide was advised "use --page 2000mm or wider"
                # (a 2-metre banner), where 80 mm served: the advised width is laid out first.
                ("tall", gen.regions(os.path.join(tmp, "tall"), 4, seed=5, wide=0.1))]
    seen = []
    for name, proj in projects:
        for page in ("60mm", "80mm", "100mm"):
            rendered, share = small_figure_outcome(tmp, name, proj, page)
            seen.append((name, page, rendered, round(100 * share)))
            assert share >= LEAST_SHARE, (name, page, rendered, share)
    print("  (project, asked, rendered, map share %):", seen)
    # A figure ends under its legend: the rows the drawn map did not need leave no blank above the
    # credits (regions12 at 60 mm: 8.7 mm from the legend's last line to the credits' first, now 5.5).
    root = svg_of(os.path.join(tmp, "regions12-60mm"), "60mm")
    last_row = max(float(t.get("y")) for t in by_id(root, "legend").iter(SVG + "text"))
    credits = min(float(t.get("y")) for t in by_id(root, "credits").iter(SVG + "text"))
    assert credits - last_row < 7 * 72 / 25.4, (credits - last_row) / 72 * 25.4
    # The long legend's 60 mm figure is refused and renders at the width its advice names, with the
    # height limit asked for.
    assert ("long-legend", "60mm") in [(n, a) for n, a, r, _ in seen if r != a], seen
    rendered, share = small_figure_outcome(tmp, "long-legend", dict(projects)["long-legend"], "60mm-max150mm")
    assert rendered.endswith("-max150mm") and rendered != "60mm-max150mm" and share >= LEAST_SHARE, (rendered, share)
    # The 60 mm Brenna figure: its citations are in the caption companions, not on the figure.
    out = os.path.join(tmp, "brenna-caption")
    render(BRENNA, out, "--format", "svg,png", "--page", "60mm")
    root = svg_of(out, "60mm")
    assert by_id(root, "citation-1") is None
    assert os.path.exists(os.path.join(out, "map-60mm.caption.md"))
    assert map_share(root) >= 0.15, map_share(root)
    # In the PNG, the frame's box is map (sea, land, zones: hardly a white pixel) and a fifth of the image.
    width, height, bpp, rows = png.read(os.path.join(out, "map-60mm.png"))
    vw, vh = numbers(root.get("viewBox"))[2:]
    x0, y0, x1, y1 = box_of(by_id(root, "map-frame"))
    c0, r0, c1, r1 = (int(x0 / vw * width) + 2, int(y0 / vh * height) + 2, int(x1 / vw * width) - 2, int(y1 / vh * height) - 2)
    white = sum(1 for y in range(r0, r1, 3) for x in range(c0, c1, 3) if min(rows[y][x * bpp:x * bpp + 3]) >= 250)
    sampled = len(range(r0, r1, 3)) * len(range(c0, c1, 3))
    assert white < 0.1 * sampled, (white, sampled)
    assert (c1 - c0) * (r1 - r0) >= 0.15 * width * height, ((c1 - c0) * (r1 - r0), width * height)


def zone_shares_under(root, box, prefix=""):
    """For every zone drawn on a map (an inset's with its prefix): the share of it a box covers."""
    out = {}
    for g in root.iter(SVG + "g"):
        ident = g.get("id", "")
        if not ident.startswith(prefix + "zone-") or g.get("data-zone") is None:
            continue
        rings = path_rings(g)[:1]  # the fill's outer ring
        whole = sum(clipped_area(r, (-1e9, -1e9, 1e9, 1e9)) for r in rings)
        if whole > 0:
            out[ident] = sum(clipped_area(r, box) for r in rings) / whole
    return out


@test
def the_main_scale_bar_of_a_narrow_figure_stays_off_the_zones(tmp):
    # audit-8-s10: on 60 mm figures the main bar lay on a zone (a generated grid was refused for it:
    # "the scale-bar covers 17.0 % of zone-z0"). A shorter bar finds the gap between the zones.
    cases = [("regions12", gen.regions(os.path.join(tmp, "regions12"), 12, seed=2,
                                       modalities=("reported", "plan", "projection", "denial")), "60mm"),
             ("brenna", BRENNA, "60mm"), ("regions6", gen.regions(os.path.join(tmp, "regions6"), 6), "80mm")]
    for name, proj, page in cases:
        out = os.path.join(tmp, name + "-out")
        p = render(proj, out, "--format", "svg", "--page", page, check=None)
        assert p.returncode == 0, (name, p.stderr)
        root = svg_of(out, page)
        bar = by_id(root, "scale-bar")
        assert bar is not None, name
        # What the bar hides: its bars and each number (its text's box, 0.55 em a character), not
        # the box around them all.
        pieces = [box_of(p_) for p_ in bar.iter(SVG + "path")]
        for t in bar.iter(SVG + "text"):
            size, x, y = float(t.get("font-size")), float(t.get("x")), float(t.get("y"))
            w = 0.55 * size * len("".join(t.itertext()))
            x0 = x - w / 2 if t.get("text-anchor") == "middle" else x
            pieces.append((x0, y - 0.75 * size, x0 + w, y + 0.2 * size))
        hidden = {}
        for piece in pieces:
            for z, share in zone_shares_under(root, piece).items():
                hidden[z] = hidden.get(z, 0) + share
        worst = max(hidden.values(), default=0)
        assert worst < 0.09, (name, page, hidden)


@test
def the_scale_bar_and_north_arrow_go_over_sea_before_land(tmp):
    # audit s11 D7: bars across a coast, a country's edge or an island while a sea corner was free.
    # A coast runs across the frame from its foot to its top right, zones along it, land north-west
    # of it: the top left corner, over land, cost nothing before (no zone, no edge under it) and came
    # first; the corners beyond the coast are free.
    from world_test import box, project, ring
    zones = [(f"z{i}", f"Shore {i}", {"type": "Polygon", "coordinates": [box(10.0 + 0.3 * i, 60.25 + 0.3 * i,
                                                                               10.2 + 0.3 * i, 60.35 + 0.3 * i)]},
              "a" if i % 2 else "b") for i in range(4)]
    proj = project(tmp, zones, {"a": "army", "b": "police"},
                   outline={"type": "Polygon", "coordinates": [ring([(8, 58), (12, 62), (8, 62)])]})
    for page in ("a4-landscape", "170mm"):
        out = os.path.join(tmp, page)
        render(proj, out, "--format", "svg", "--page", page)
        root = svg_of(out, page)
        land = path_rings(by_id(root, "layer-outline"))
        assert land, page
        for ident in ("scale-bar", "north-arrow"):
            item = by_id(root, ident)
            assert item is not None, (page, ident)
            b = box_of(item)
            on_land = sum(clipped_area(r, b) for r in land) / ((b[2] - b[0]) * (b[3] - b[1]))
            assert on_land < 0.02, (page, ident, on_land, b)


def inset_magnifications(root):
    """Each detail inset's magnification, from its frame item: the inset's box over the framed area's."""
    out = []
    for g in root.iter(SVG + "g"):
        ident = g.get("id", "")
        if re.fullmatch(r"detail-\d+-frame", ident) and g.find(SVG + "path") is not None:
            rings = path_rings(g)
            around, spot = rings[0], rings[1]
            width = lambda r: max(x for x, _ in r) - min(x for x, _ in r)
            out.append(width(spot) / width(around))
    return out


@test
def an_inset_magnifies_its_cluster_three_times_where_the_map_has_room_and_never_less_than_twice(tmp):
    # audit-8-s10: Solund's inset at 170 mm showed its cluster 2.05 times larger. An inset now tries a
    # box three times the cluster's size first (a generated pair of posts by a coast: 2.9 times on A3
    # landscape before); where no such box is free of zones within reach of the cluster (Solund: none
    # from 32 mm up at 170 mm), the least is still twice.
    pair = gen.regions(os.path.join(tmp, "pair"), 6, seed=3, cluster=2)
    for page in ("a3-landscape", "a4-landscape", "a4-portrait"):
        out = os.path.join(tmp, "pair-" + page)
        render(pair, out, "--format", "svg", "--page", page)
        m = inset_magnifications(svg_of(out, page))
        assert m and min(m) >= 3.0, (page, m)
    # The size cap grows with the page: twocity's insets on A2 landscape were held to 80 mm (7.3 times);
    # now 121 mm (13 times).
    out = os.path.join(tmp, "twocity-a2")
    render(gen.two_cities(os.path.join(tmp, "twocity")), out, "--format", "svg", "--page", "a2-landscape")
    root = svg_of(out, "a2-landscape")
    spots = [path_rings(g)[1] for g in root.iter(SVG + "g")
             if re.fullmatch(r"detail-\d+-frame", g.get("id", "")) and g.find(SVG + "path") is not None]
    widths = [(max(x for x, _ in r) - min(x for x, _ in r)) / 72 * 25.4 for r in spots]
    assert len(widths) == 2 and min(widths) > 90, widths
    for page in ("170mm", "a4-landscape"):
        out = os.path.join(tmp, "solund-" + page)
        render(SOLUND, out, "--format", "svg", "--page", page)
        m = inset_magnifications(svg_of(out, page))
        assert m and min(m) >= 2.0, (page, m)


def column_feet(root):
    """On a continuation sheet: per column of the citation list, its claims and where its last line is."""
    cols = {}
    for g in root.iter(SVG + "g"):
        if not re.fullmatch(r"citation-\d+|citations-continue", g.get("id", "")):
            continue
        texts = list(g.iter(SVG + "text"))
        # A column's left edge: its badges' and the "continue" line's.
        lefts = [float(c.get("cx")) - float(c.get("r")) for c in g.iter(SVG + "circle")] or [float(t.get("x")) for t in texts]
        x = round(min(lefts) / 10)
        heights = [float(t.get("y")) for t in texts]
        cols.setdefault(x, []).append((min(heights), max(heights)))
    # Per column: claims, foot, and the largest step from one claim's first line to the next's.
    out = []
    for _, v in sorted(cols.items()):
        tops = sorted(a for a, _ in v)
        out.append((len(v), max(b for _, b in v), max((b - a for a, b in zip(tops, tops[1:])), default=0)))
    return out


@test
def the_columns_of_a_continuation_sheet_end_together(tmp):
    # The last of several sheets filled column after column at the room shared by every sheet (100
    # districts on A2 landscape: 14, 14 and 10 claims, its third column 180 pt short; quotes of one to
    # five lines left one column full and the next half empty). Every sheet's columns now end within
    # one citation of each other.
    sys.path.insert(0, os.path.join(ROOT, "bench"))
    import scaling
    z100 = os.path.join(tmp, "z100")
    scaling.zone_project(z100, 100)
    varied = gen.varied_districts(os.path.join(tmp, "varied"), 150)
    sheets = 0
    for proj, page in ((z100, "a2-landscape"), (z100, "a4-portrait"), (varied, "a4-landscape"), (varied, "a4-portrait")):
        out = os.path.join(tmp, os.path.basename(proj) + page)
        render(proj, out, "--format", "svg", "--page", page)
        k = 2
        while os.path.exists(os.path.join(out, f"map-{page}-{k}.svg")):
            feet = column_feet(ET.parse(os.path.join(out, f"map-{page}-{k}.svg")).getroot())
            bottoms = [b for _, b, _ in feet]
            # Within one citation: the most any claim of the sheet takes down its column.
            assert len(feet) > 1 and max(bottoms) - min(bottoms) <= max(p for _, _, p in feet) + 0.5, (proj, page, k, feet)
            sheets += 1
            k += 1
    assert sheets >= 6, sheets


def badge_style(circle):
    return circle.get("fill"), circle.get("stroke") if circle.get("stroke") != "#ffffff" else None, circle.get("stroke-dasharray")


@test
def the_print_themes_badge_styles_are_in_the_legend_with_their_statuses(tmp):
    # audit-8-s10: in print the claim numbers' badges are filled, open, grey or dashed by status, and
    # the legend showed one black badge. Every style on the map is now keyed, with its statuses.
    proj = gen.regions(os.path.join(tmp, "print"), 12, seed=2, theme="print",
                       modalities=("reported", "plan", "projection", "denial"))
    out = os.path.join(tmp, "out")
    render(proj, out, "--format", "svg", "--page", "a4-landscape")
    root = svg_of(out, "a4-landscape")
    on_map = {}
    for g in root.iter(SVG + "g"):
        if g.get("id", "").startswith("marker-") and g.find(SVG + "circle") is not None:
            on_map.setdefault(badge_style(g.find(SVG + "circle")), set()).add(g.get("id"))
    assert len(on_map) >= 3, on_map
    legend = by_id(root, "legend")
    keyed = {badge_style(c) for c in legend.iter(SVG + "circle")}
    missing = set(on_map) - keyed
    assert not missing, (missing, keyed)
    words = " ".join("".join(t.itertext()) for t in legend.iter(SVG + "text"))
    assert "its badge shows the claim\u2019s status" in words, words
    # Each badge in the legend stands beside the name of a status (the words after the key row).
    key = words[words.index("its badge shows"):]
    for _, label in gen.STATUSES:
        assert label in key or label.split()[0] in key, (label, key)
    # The colour theme keeps one key badge: its badges take their status's hue.
    out2 = os.path.join(tmp, "colour")
    render(gen.regions(os.path.join(tmp, "colour-proj"), 12, seed=2), out2, "--format", "svg", "--page", "a4-landscape")
    legend = by_id(svg_of(out2, "a4-landscape"), "legend")
    assert len(list(legend.iter(SVG + "circle"))) == 1


@test
def two_cities_of_thirty_wards_lay_out_on_a_170mm_figure_and_a5_portrait(tmp):
    # audit-8-s10: sixty wards in two cities were refused at --page 170mm and on A5 portrait. On the
    # figure the north arrow stood in a corner of the strip left for the insets, and the first city's
    # inset took the strip's other end, so the second had no room: insets now go into the strip
    # before the furniture, each into a corner of it. Every ward's claim is numbered in an inset, and
    # each inset's scale bar is clearly nearer its own inset than any other.
    proj = gen.two_cities(os.path.join(tmp, "twocity"))
    for page in ("170mm", "a5-portrait", "130mm"):
        out = os.path.join(tmp, page)
        p = render(proj, out, "--format", "svg,png", "--page", page, check=None)
        assert p.returncode == 0, (page, p.stderr)
        root = svg_of(out, page)
        ids = {g.get("id") for g in root.iter(SVG + "g")}
        for c in range(2):
            for k in range(30):
                assert any(re.fullmatch(rf"detail-\d+-marker-c{c}w{k}-\d+", i or "") for i in ids), (page, c, k)
        insets = {}
        for g in root.iter(SVG + "g"):
            m = re.fullmatch(r"(detail-\d+-)frame", g.get("id", ""))
            if m and g.find(SVG + "path") is not None:
                spot = path_rings(g)[1]
                insets[m[1]] = (min(x for x, _ in spot), min(y for _, y in spot), max(x for x, _ in spot), max(y for _, y in spot))
        assert len(insets) == 2, (page, insets)
        def gap(a, b):
            return max(0, a[0] - b[2], b[0] - a[2]) + max(0, a[1] - b[3], b[1] - a[3])
        for prefix, box in insets.items():
            bar = by_id(root, prefix + "scale-bar")
            assert bar is not None, (page, prefix)
            own = gap(box_of(bar), box)
            # Clearly its own: not in the gap between two stacked insets (both bars stood there).
            assert all(own + 5 * 72 / 25.4 < gap(box_of(bar), other) for q, other in insets.items() if q != prefix), (page, prefix)


if __name__ == "__main__":
    main()

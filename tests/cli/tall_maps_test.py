"""Tall, narrow countries (audit s13 D8, b-kvitland: 90 x 890 km at 61-69°N) on pages and figures, on
generated projects of several shapes and latitudes: a landscape page sets the map as high as the page
beside its panels, in columns that read, and refuses only a map too narrow to read, with advice that
renders; a narrow figure sets the map beside its legend rather than a thin map above it; an offshore
line is named beside itself at sea, not on the land. Read from the SVG as a reader meets it."""
import json, math, os, re, sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(__file__))
from harness import main, run, test
from svg_read import SVG, group, inside, label_points, rings

EPOCH = {"SOURCE_DATE_EPOCH": "1762905600"}
MM = 72 / 25.4


def tall_country(path, width_km, height_km, lat0, lon0=14.0, zones=4, line_km=None, seed=1):
    """A country `width_km` wide and `height_km` tall whose south edge is at `lat0`, its west coast
    wiggling, `zones` regions across its width from south to north, a sea layer, a neighbour's land on
    the east, and (with `line_km`) a claimed fishing limit that far offshore along the whole coast.
    Kilometres become degrees at each point's own latitude, so a country far north is as wide on the
    ground as one at the equator."""
    os.makedirs(path)

    def ll(x, y):
        lat = lat0 + y / 111.2
        return [round(lon0 + x / (111.32 * math.cos(math.radians(lat))), 6), round(lat, 6)]

    def poly(points):
        return {"type": "Polygon", "coordinates": [[ll(x, y) for x, y in points + [points[0]]]]}

    def box(x0, y0, x1, y1, n=12):
        # Sides as chains, so they follow the meridians and parallels as the country's edges do.
        west = [(x0, y0 + (y1 - y0) * k / n) for k in range(n + 1)]
        east = [(x1, y1 - (y1 - y0) * k / n) for k in range(n + 1)]
        return west + east

    def dump(name, features):
        json.dump({"type": "FeatureCollection", "features": features}, open(os.path.join(path, name), "w"))

    def feature(props, geom):
        return {"type": "Feature", "properties": props, "geometry": geom}

    steps = 40
    wiggle = width_km * 0.06
    coast = [(wiggle * math.sin(seed + 7 * k / steps * math.pi), height_km * k / steps) for k in range(steps + 1)]
    dump("country.geojson", [feature({"name": "Langland"}, poly(coast + [(width_km, height_km), (width_km, 0)]))])
    dump("neighbour.geojson", [feature({"name": "Ostmark"}, poly(box(width_km, -0.05 * height_km, width_km * 2.5,
                                                                    1.05 * height_km)))])
    dump("sea.geojson", [feature({"name": "Sea"}, poly(box(-width_km * 2.5, -0.1 * height_km, width_km * 0.2,
                                                          1.1 * height_km)))])
    names = ["South valley", "Midland", "Fjord ports", "North cape", "Lake district", "Iron hills"]
    band = height_km / zones
    dump("zones.geojson", [feature({"id": f"z{i}", "name": names[i]},
                                   poly(box(wiggle + 0.05 * width_km, band * (i + 0.2), 0.95 * width_km, band * (i + 0.8), 4)))
                           for i in range(zones)])
    statuses = [("cut", "Cut off"), ("calm", "Calm"), ("fuel", "Fuel rationed"), ("closed", "Road closed")]
    claims = [("zone", f"z{i}", statuses[i % 4][0], f"Reporters said {names[i]} was {statuses[i % 4][1].lower()} in March.")
              for i in range(zones)]
    if line_km is not None:
        line = [ll(x - line_km, y) for x, y in coast]
        claims.insert(0, ("line", "limit", "moved", f"The fishing limit was moved {line_km} kilometres offshore."))
    open(os.path.join(path, "a.txt"), "w").write("\n\n".join(c[3] for c in claims) + "\n")
    toml = ['title = "Langland: a winter on the long coast"', "[[source]]", 'id = "a"', 'file = "a.txt"',
            'title = "Report"', 'publisher = "The coast paper"', 'published = "2028-01-14"',
            "[zones]", 'file = "zones.geojson"',
            "[[layer]]", 'file = "sea.geojson"', 'role = "sea"', 'name = "Sea"',
            "[[layer]]", 'file = "neighbour.geojson"', 'role = "land"', 'name = "Ostmark"',
            "[[layer]]", 'file = "country.geojson"', 'role = "outline"', 'name = "Langland"']
    if line_km is not None:
        toml += ["[[line]]", 'id = "limit"', 'name = "Coastal fishing limit"', f"coordinates = {json.dumps(line)}"]
    for key, label in statuses + [("moved", "Fishing limit moved")]:
        toml += [f"[status.{key}]", f'label = "{label}"']
    for kind, target, status, sentence in claims:
        toml += ["[[claim]]", f'{kind} = "{target}"', f'status = "{status}"', 'modality = "reported"',
                 'attributed_to = "the paper"', f'cite = [{{ source = "a", quote = "{sentence}" }}]']
    open(os.path.join(path, "map.toml"), "w").write("\n".join(toml) + "\n")
    return path


def render(proj, out, page, *args, check=0):
    return run("render", proj, "-o", out, "-q", "-j", "1", "--format", "svg", "--page", page, *args, env=EPOCH,
               check=check)


def svg(out, page):
    return ET.parse(os.path.join(out, f"map-{page}.svg")).getroot()


def frame_of(root):
    """The map frame's box in mm (x0, y0, x1, y1)."""
    g = group(root, "map-frame")
    r = next(g.iter(SVG + "rect"), None)
    if r is not None:
        x, y, w, h = (float(r.get(k)) for k in ("x", "y", "width", "height"))
        return x / MM, y / MM, (x + w) / MM, (y + h) / MM
    pts = [p for path in g.iter(SVG + "path") for ring in rings(path) for p in ring]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return min(xs) / MM, min(ys) / MM, max(xs) / MM, max(ys) / MM


def page_size(root):
    w, h = (float(v) for v in root.get("viewBox").split()[2:])
    return w / MM, h / MM


def text_lefts(root, layer, prefix=""):
    """The x (mm) of every text in a layer's items whose id starts with `prefix`."""
    g = group(root, layer)
    out = []
    for item in g:
        if (item.get("id") or "").startswith(prefix):
            out += [float(t.get("x")) / MM for t in item.iter(SVG + "text")]
    return out


# (name, width km, height km, south latitude): tall lands far north, at mid latitudes and at the equator.
SHAPES = [("north", 90, 700, 61.0), ("mid", 60, 330, 40.0), ("equator", 70, 420, -2.0)]


@test
def a_tall_land_on_a_landscape_page_is_set_as_high_as_the_page_beside_its_panels(tmp):
    # b-kvitland on A4 landscape was refused ("its map is too narrow to read") while its 46 x 204 mm map
    # beside the panels rendered at --page 100mm. Its map as high as the page is as wide: it reads.
    for name, w, h, lat in SHAPES:
        proj = tall_country(os.path.join(tmp, name), w, h, lat, line_km=15)
        out = os.path.join(tmp, name + "-out")
        p = render(proj, out, "a4-landscape", check=None)
        assert p.returncode == 0, (name, p.stderr)
        root = svg(out, "a4-landscape")
        W, H = page_size(root)
        x0, y0, x1, y1 = frame_of(root)
        assert y1 - y0 >= 0.85 * H and x1 - x0 >= 22.5, (name, (x0, y0, x1, y1))
        # The panels beside it, and the citations in columns a line of which the eye can follow: none
        # wider than 126 mm (one column across the 230 mm beside the map ran 200 characters a line).
        lefts = sorted(set(round(x) for x in text_lefts(root, "layer-citations", "citation-")))
        assert lefts and min(lefts) > x1, (name, lefts, x1)
        edges = lefts + [W - 8]
        widest = max(b - a for a, b in zip(edges, edges[1:]))
        assert widest <= 130, (name, lefts, widest)


@test
def a_land_too_tall_for_a_landscape_page_is_refused_with_a_page_that_renders(tmp):
    # Ten times as tall as wide (plus the sea around it), a map as high as A5 landscape is under the
    # 22.5 mm a map needs: refused, naming its width, and the page advised renders.
    proj = tall_country(os.path.join(tmp, "thin"), 30, 480, 55.0)
    p = render(proj, os.path.join(tmp, "out"), "a5-landscape", check=1)
    m = re.search(r"its map is (\d+) mm wide at the most, too narrow to read", p.stderr)
    assert m and int(m[1]) < 23, p.stderr
    advised = re.search(r"use --page (\S+) \(laid out and checked", p.stderr)
    assert advised, p.stderr
    render(proj, os.path.join(tmp, "advised"), advised[1])


@test
def a_tall_land_on_a_narrow_figure_sets_its_map_beside_the_legend(tmp):
    # b-kvitland at 90 mm: its map 25 mm wide above the legend, 32 mm of blank either side of it down
    # 112 mm, and --panel beside refused. A designer sets the map down the left, the legend beside it.
    for name, w, h, lat in SHAPES:
        proj = tall_country(os.path.join(tmp, name), w, h, lat, line_km=15)
        for placement in ([], ["--panel", "beside"]):
            out = os.path.join(tmp, name + "-out" + "".join(placement))
            p = render(proj, out, "90mm", *placement, check=None)
            assert p.returncode == 0, (name, placement, p.stderr)
            root = svg(out, "90mm")
            W, H = page_size(root)
            x0, y0, x1, y1 = frame_of(root)
            legend = text_lefts(root, "layer-panel", "legend")
            assert legend and min(legend) > x1, (name, placement, (x0, x1), min(legend or [0]))
            # The map takes the figure's height and a fair share of its area: no blank beside it.
            assert (x1 - x0) * (y1 - y0) >= 0.25 * W * H, (name, placement, (x1 - x0, y1 - y0), (W, H))
            assert x0 < 0.1 * W, (name, placement, x0)



@test
def an_offshore_line_on_a_tall_map_is_named_beside_it_at_sea(tmp):
    # b-kvitland at 90 mm: "Coastal fishing limit 1 2" straddled the coast and Midland, reading as a land
    # region's name. Now on one line at sea beside the line, or turned along it on its sea side.
    for name, w, h, lat in SHAPES:
        proj = tall_country(os.path.join(tmp, name), w, h, lat, line_km=12, seed=3)
        for page in ("90mm", "a4-portrait", "a4-landscape"):
            out = os.path.join(tmp, f"{name}-{page}")
            render(proj, out, page)
            root = svg(out, page)
            land = [r for path in group(root, "layer-outline").iter(SVG + "path") for r in rings(path)]
            pts = label_points(root, "label-limit")
            assert pts, (name, page, "the line has no name on the map")
            on_land = sum(1 for q in pts if inside(land, *q))
            assert on_land <= 0.1 * len(pts), (name, page, f"{on_land} of {len(pts)} points of the name on the land")
            badges = [(float(c.get("cx")), float(c.get("cy"))) for g in root.iter(SVG + "g")
                      if (g.get("id") or "").startswith("marker-limit-") for c in g.iter(SVG + "circle")]
            assert badges and not any(inside(land, *b) for b in badges), (name, page, badges)


if __name__ == "__main__":
    main()

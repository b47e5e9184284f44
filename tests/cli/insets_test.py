"""Detail insets and the main map's scale bar on projects nobody tuned for, read from the SVG as a reader
reads the page: an inset's scale bar inside its own frame and off its badges; the main bar a round
length a fair share of the frame wide (audit s11 D11, audits s12 and s13)."""
import json, math, os, re, shutil, sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(__file__))
import harness
from harness import BRENNA, main, run, test
from placement_test import EPOCH, ceasefire_strip, claim, dump, feature, inside, polygon, render
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


def steppe(path):
    """Audit s15's b-steppe: a federation 3000 km wide of five regions, a 7 x 7 km enclave (Sary, part of
    the Aral Basin) near the Eastern Highlands' border, cities and a pipeline through Sary. The enclave's
    inset finds no spot free of zones within reach at 170 mm: it goes over large zones."""
    os.makedirs(path)
    outline = [[41.0, 44.0], [46.0, 42.2], [52.0, 41.5], [58.0, 42.5], [64.0, 41.2], [70.0, 42.0], [76.0, 43.5],
               [80.5, 46.0], [79.0, 50.0], [74.0, 52.5], [67.0, 53.2], [60.0, 52.8], [53.0, 53.5], [47.0, 52.0],
               [42.0, 50.0], [40.0, 47.0]]
    dump(path, "federation.geojson", [feature({"id": "fed", "name": "Federation of the Steppe"}, polygon(outline))])
    dump(path, "neighbours.geojson", [feature({"id": "nb", "name": "Neighbouring states"},
                                              polygon([[36.0, 38.0], [86.0, 38.0], [86.0, 58.0], [36.0, 58.0]]))])
    zones = [("west-prov", "Western Provinces", [[40.0, 47.0], [41.0, 44.0], [46.0, 42.2], [50.0, 41.6], [50.0, 52.6],
                                                 [47.0, 52.0], [42.0, 50.0]]),
             ("caspian-lowland", "Caspian Lowland", [[50.0, 41.6], [52.0, 41.5], [58.0, 42.5], [58.0, 47.5], [50.0, 47.5]]),
             ("northern-forests", "Northern Forest Territories", [[50.0, 47.5], [66.0, 47.5], [66.0, 53.1], [60.0, 52.8],
                                                                  [53.0, 53.5], [50.0, 52.6]]),
             ("aral-basin", "Aral Basin Autonomous Region", [[58.0, 42.5], [64.0, 41.2], [66.0, 41.5], [66.0, 47.5],
                                                             [58.0, 47.5]]),
             ("eastern-highlands", "Eastern Highlands", [[66.0, 41.5], [70.0, 42.0], [76.0, 43.5], [80.5, 46.0], [79.0, 50.0],
                                                         [74.0, 52.5], [67.0, 53.2], [66.0, 53.1]]),
             ("sary-enclave", "Sary enclave", [[62.00, 45.00], [62.09, 45.00], [62.09, 45.06], [62.00, 45.06]])]
    dump(path, "zones.geojson", [feature(dict({"id": i, "name": n}, **({"part_of": "aral-basin"} if i == "sary-enclave" else {})),
                                         polygon(r)) for i, n, r in zones])
    cities = [("Volgarsk", 45.0, 48.5, 1), ("Tarim-Kala", 55.0, 44.0, 2), ("Kostopol", 57.0, 51.5, 1),
              ("Aralsay", 61.5, 45.3, 2), ("Samir", 73.0, 47.5, 1), ("Dzhungar", 78.0, 46.0, 3), ("Irtyshevo", 70.0, 51.5, 2),
              ("Batyr", 44.0, 45.0, 3), ("Kamensk", 52.5, 49.0, 2), ("Ustyurt", 57.0, 44.8, 3), ("Sary", 62.05, 45.03, 2)]
    dump(path, "cities.geojson", [{"type": "Feature", "properties": {"name": n, "label_rank": r},
                                   "geometry": {"type": "Point", "coordinates": [x, y]}} for n, x, y, r in cities])
    said = [("zone", "caspian-lowland", "drought", "reported", "A severe drought has been declared across the Caspian Lowland and the Aral Basin."),
            ("zone", "aral-basin", "drought", "reported", "The drought covers the Aral Basin too."),
            ("zone", "west-prov", "rationing", "plan", "Officials in the Western Provinces said rationing there would begin in June."),
            ("line", "pipeline", "shut", "reported", "The Trans-Steppe pipeline was shut down after a leak near Kostopol."),
            ("zone", "sary-enclave", "emergency", "reported", "Emergency rule applies in the Sary enclave."),
            ("zone", "eastern-highlands", "spared", "reported", "The Eastern Highlands were spared, forecasters said."),
            ("zone", "northern-forests", "drought", "projection", "They expect the drought to reach the Northern Forest Territories next year."),
            ("zone", "eastern-highlands", "rationing", "denial", "The ministry denied reports that the Eastern Highlands would ration water.")]
    open(os.path.join(path, "article.txt"), "w").write("\n\n".join(q for *_, q in said) + "\n")
    pipeline = [[40.5, 46.5], [45.0, 48.5], [52.5, 49.0], [57.0, 51.5], [62.05, 45.03], [70.0, 51.5], [80.0, 47.5]]
    toml = "\n".join([
        'title = "Drought across the Federation of the Steppe"', "[[source]]", 'id = "agency"', 'file = "article.txt"',
        'title = "Drought and a pipeline"', "[zones]", 'file = "zones.geojson"',
        "[[layer]]", 'file = "neighbours.geojson"', 'role = "land"', 'name = "Neighbouring states"',
        "[[layer]]", 'file = "federation.geojson"', 'role = "outline"', 'name = "Federation of the Steppe"',
        "[[layer]]", 'file = "cities.geojson"', 'role = "localities"', 'name = "Cities"',
        "[[line]]", 'id = "pipeline"', 'name = "Trans-Steppe pipeline"', f"coordinates = {json.dumps(pipeline)}",
        "[status.drought]", 'label = "Drought declared"', "[status.rationing]", 'label = "Water rationing"',
        "[status.shut]", 'label = "Shut down"', "[status.emergency]", 'label = "Emergency rule"',
        "[status.spared]", 'label = "Spared by the drought"']) + "\n"
    for kind, target, status, modality, q in said:
        toml += f'\n[[claim]]\n{kind} = "{target}"\nstatus = "{status}"\nmodality = "{modality}"\n' \
                f'attributed_to = "the article"\ncite = [{{ source = "agency", quote = "{q}" }}]\n'
    open(os.path.join(path, "map.toml"), "w").write(toml)
    return path


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
    # bar stood where 100 km fitted over the sea. Then the longest under 30 % was a 100 km bar over a
    # third of the frame (audit s17 D12): the round length nearest 18 % of it is taken, 12-25 %. (Where
    # every such bar would lie on a zone or across a coast, a shorter one is right.)
    proj = ceasefire_strip(os.path.join(tmp, "varno"))
    for page in ("a4-landscape", "a4-portrait"):
        root = render(proj, page, os.path.join(tmp, page))
        bars = [g for g in root.iter(SVG + "g") if g.get("id") == "scale-bar"]
        assert len(bars) == 1, page
        metres, length = float(bars[0].get("data-metres")), float(bars[0].get("data-length-pt"))
        lead = metres / 10 ** math.floor(math.log10(metres))
        assert round(lead, 9) in (1, 2, 3, 4, 5), (page, metres)
        share = length / frame_width(root)
        assert 0.12 <= share <= 0.255, (page, metres, share)
        # Over the sea, as it was at its shorter length: the land is the outline's.
        land = [r for el in group(root, "layer-base-Varno").iter(SVG + "path") for r in rings(el)]
        b = box_of(bars[0])
        for i in range(9):
            for j in range(3):
                x, y = b[0] + (i + 0.5) * (b[2] - b[0]) / 9, b[1] + (j + 0.5) * (b[3] - b[1]) / 3
                assert not inside(land, x, y), (page, x, y)


def demarcated_country(path, w_km, h_km, bend_km, off_km, lat=50.0, lon=29.0):
    """A country (a ragged ellipse w by h km) cut by a line bending bend_km: the two sides' zones, a 2 km
    demilitarised strip over both and a 1 km village on the line off_km east of the middle (the layout
    suite's demarcated_country). The village's inset shows the strip and both sides' zones around it."""
    os.makedirs(path)
    kx, ky = 1 / (111.32 * math.cos(math.radians(lat))), 1 / 110.57

    def at(x, y):
        return lon + x * kx, lat + y * ky

    def y_of(x):
        return bend_km * math.sin(x / w_km * math.pi)

    coast = []
    for i in range(48):
        a = 2 * math.pi * i / 48
        k = 1 + 0.06 * math.sin(5 * a) + 0.04 * math.cos(11 * a)
        coast.append(at(w_km / 2 * k * math.cos(a), h_km / 2 * k * math.sin(a)))
    vy = y_of(off_km)
    dump(path, "land.geojson", [feature({"name": "Land"}, polygon(coast))])
    dump(path, "zones.geojson", [feature({"id": "village", "name": "Mirno", "part_of": "dmz"},
                                         polygon([at(off_km + dx, vy + dy) for dx, dy in ((-.5, -.5), (.5, -.5), (.5, .5), (-.5, .5))]))])
    said = [("north", "nth", "The northern army holds the north."), ("south", "rep", "The Republic holds the south."),
            ("dmz", "dmz", "A demilitarised zone runs along the line."),
            ("village", "empty", "The village of Mirno was emptied."),
            ("dmz", "nth", "The northern army has moved guns into the demilitarised zone.")]
    open(os.path.join(path, "daily.txt"), "w").write("\n\n".join(q for _, _, q in said) + "\n")
    line = ", ".join("[%.6f, %.6f]" % at(x, y_of(x)) for x in (-w_km + 2 * w_km * i / 40 for i in range(41)))
    toml = "\n".join([
        'title = "A demarcated country"', "[[source]]", 'id = "daily"', 'file = "daily.txt"', 'title = "Line talks"',
        "[zones]", 'file = "zones.geojson"', "[[layer]]", 'file = "land.geojson"', 'role = "outline"', 'name = "Land"',
        "[[line]]", 'id = "demarc"', 'name = "Demarcation line"', f"coordinates = [{line}]", 'clip = "outline"',
        "[[zone]]", 'id = "north"', 'name = "North of the line"', 'side = { of = "demarc", toward = "north" }',
        "[[zone]]", 'id = "south"', 'name = "South of the line"', 'side = { of = "demarc", toward = "south" }',
        "[[zone]]", 'id = "dmz"', 'name = "Demilitarised zone"', 'buffer = { of = "demarc", km = 1 }',
        'intersect = ["outline"]', 'overlaps = ["north", "south"]', "[status.dmz]", 'label = "Demilitarised"',
        "[status.nth]", 'label = "Held by the north"', "[status.rep]", 'label = "Held by the Republic"',
        "[status.empty]", 'label = "Emptied"']) + "\n"
    for zone, status, q in said:
        toml += claim(zone, status, "reported", q)
    open(os.path.join(path, "map.toml"), "w").write(toml)
    return path


def share_under(zone_rings, boxes, within, step=0.25 * MM):
    """The share of a zone's area inside `within` that lies under any of `boxes`, on a grid of points."""
    shown = hidden = 0
    y = within[1] + step / 2
    while y < within[3]:
        x = within[0] + step / 2
        while x < within[2]:
            if inside(zone_rings, x, y):
                shown += 1
                hidden += any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)
            x += step
        y += step
    return hidden / shown if shown else 0


def most_hidden_by_bar(root, prefix, bar, spot, zones):
    """The largest share of any of `zones` drawn in the inset that its bar hides, as the check measures
    it: its panel, or each bar segment and number."""
    parts = [box_of_points(r) for el in bar.iter(SVG + "path") for r in rings(el)]
    parts += [box_of(t) for t in bar.iter(SVG + "text") if t.get("aria-hidden") != "true"]
    most = 0
    for zone in zones:
        z = group(root, prefix + "zone-" + zone)
        if z is not None:
            most = max(most, share_under(rings(next(z.iter(SVG + "path"))), parts, spot))
    return most


@test
def an_inset_scale_bar_finds_a_readable_length_and_a_spot_off_its_zones(tmp):
    # Session 13: an inset's bar had one length (22 % of the inset) and took the spot hiding least; when
    # a change elsewhere shrank the inset a little, it lay on a tenth of a zone and the layout-quality
    # check refused the page ("detail-1-scale-bar covers 15.1 % of detail-1-zone-north in its inset",
    # the 360 km country at 140mm). On 3-5 mm bars "0 400 m" ran together (audit s13 D8). Villages on
    # the line at different places on countries of different shapes, at several widths: every page
    # renders, each inset's bar is inside its frame, over under a tenth of any zone the inset shows, and
    # at least 8 mm long or no shorter than inset bars were.
    checked = 0
    for w, h, bend, off, pages in ((360, 160, 15, 40, ("140mm", "170mm")), (300, 200, 8, 0, ("170mm", "a4-portrait")),
                                   (240, 240, 4, -30, ("100mm", "a4-landscape"))):
        proj = demarcated_country(os.path.join(tmp, f"d{w}-{off}"), w, h, bend, off)
        for page in pages:
            root = render(proj, page, os.path.join(tmp, f"d{w}-{off}-{page}"))
            for prefix, (_, spot) in insets(root).items():
                bar = group(root, prefix + "scale-bar")
                assert bar is not None, (w, page, prefix)
                b = box_of(bar)
                assert spot[0] - 0.5 <= b[0] and b[2] <= spot[2] + 0.5 and spot[1] - 0.5 <= b[1] and b[3] <= spot[3] + 0.5, \
                    (w, page, prefix, b, spot)
                segments = [x for el in bar.iter(SVG + "path") if el.get("stroke") not in (None, "none")
                            for r in rings(el) for x, _ in r]
                drawn = max(segments) - min(segments)
                most = most_hidden_by_bar(root, prefix, bar, spot, ("north", "south", "dmz"))
                assert most < 0.1, (w, page, prefix, most)
                # Shorter than 8 mm only where the check would refuse a readable one in every spot, and
                # never under the one length inset bars had (a round length within 22 % of the inset).
                assert drawn >= 8 * MM * 0.999 or drawn >= 0.11 * (spot[2] - spot[0]), (w, page, drawn / MM, most)
                checked += 1
    assert checked >= 5, checked


def brenna_harbour(path, km):
    """The bundled Brenna with its harbour district `km` round Port Brenna (0.55 km as drawn): a small
    zone inside the flooded east coast, by the sea, magnified in a 22 mm inset on a 100 mm figure."""
    shutil.copytree(BRENNA, path)
    toml = open(os.path.join(path, "map.toml")).read()
    assert "km = 0.55" in toml
    open(os.path.join(path, "map.toml"), "w").write(toml.replace("km = 0.55", f"km = {km}"))
    return path


@test
def a_small_insets_bar_keeps_off_its_zones_without_costing_the_figure_its_type(tmp):
    # Session 15: once zone names went inside their zones (zonefix2), the harbour inset on Brenna's
    # 100 mm figure kept its first view, the harbour filling it, with its km and mi bars over 11-15 % of
    # the coast and the harbour wherever they stood: every composition was refused. Before that, the
    # page fell back to a later composition with smaller type (legend 7.18 pt, not 7.92) for some sizes
    # of the harbour. Now a view whose bar the check passes is kept over the first, and a small inset's
    # bar gives the km alone where both units hide a tenth of a zone in every spot (the main map's bar
    # gives both): whatever the harbour's size, the figure keeps its type.
    seen = []
    for km in (0.4, 0.55, 0.7, 0.9):
        proj = brenna_harbour(os.path.join(tmp, f"brenna-{km}"), km)
        out = os.path.join(tmp, f"out-{km}")
        p = run("render", proj, "-o", out, "-q", "--format", "svg", "--page", "100mm", "-j", "1",
                env={"SOURCE_DATE_EPOCH": "1762905600"})
        assert p.returncode == 0, (km, p.stderr)
        root = ET.parse(os.path.join(out, "map-100mm.svg")).getroot()
        legend_pt = max(float(t.get("font-size")) for t in group(root, "legend").iter(SVG + "text")
                        if t.get("font-weight") != "bold")
        found = insets(root)
        assert list(found) == ["detail-1-"], (km, found)
        _, spot = found["detail-1-"]
        bar = group(root, "detail-1-scale-bar")
        assert bar is not None, km
        b = box_of(bar)
        assert spot[0] - 0.5 <= b[0] and b[2] <= spot[2] + 0.5 and spot[1] - 0.5 <= b[1] and b[3] <= spot[3] + 0.5, \
            (km, b, spot)
        most = most_hidden_by_bar(root, "detail-1-", bar, spot, ("harbour", "east-coast"))
        assert most < 0.1, (km, most)
        # The magnified zone keeps its name (a cluster of three or fewer names every zone).
        assert group(root, "detail-1-label-harbour") is not None, km
        seen.append((km, round(most, 3), legend_pt, bar.get("data-metres")))
    print("  (harbour km, share the inset bar hides, legend pt, bar metres):", seen)
    assert len({pt for _, _, pt, _ in seen}) == 1, seen

def share_inside(rs, box, n=12):
    """The share of a box inside the rings, from an n x n grid of points."""
    hits = sum(inside(rs, box[0] + (i + .5) * (box[2] - box[0]) / n, box[1] + (j + .5) * (box[3] - box[1]) / n)
               for i in range(n) for j in range(n))
    return hits / (n * n)


def zone_fill_share(root, spot):
    """The share of a box on the main map over any zone's fill."""
    return share_inside([r for g in group(root, "layer-zones").iter(SVG + "g") if g.get("id", "").startswith("zone-")
                         for r in rings(next(g.iter(SVG + "path")))], spot)


def bar_label_gaps(bar):
    """The gaps between a scale bar's numbers, left to right, in ems (a digit taken as 0.57 em wide)."""
    spans = []
    for t in bar.iter(SVG + "text"):
        if t.get("aria-hidden") != "true":
            size, x = float(t.get("font-size")), float(t.get("x"))
            w = 0.57 * size * len(t.text)
            x0 = x - w / 2 if t.get("text-anchor") == "middle" else x
            spans.append((x0, x0 + w, size))
    spans.sort()
    return [(b[0] - a[1]) / a[2] for a, b in zip(spans, spans[1:])]


@test
def an_inset_over_zones_covers_as_little_of_them_as_it_can_and_its_scale_numbers_stand_apart(tmp):
    # Audit s15 D5 (b-steppe): with no spot free of zones within reach, the Sary enclave's inset went
    # wherever its link was shortest: at 170 mm all on the Eastern Highlands (99 % of it over zones)
    # while the neighbouring land in the frame's corner was free; on A4 landscape all on the Aral Basin.
    # Its "0 1 2 km" stood 0.23 em apart, read as one word. Now the spot costs the zones it covers, and
    # a bar's numbers keep half an em apart (the middle one left out where they cannot).
    proj = steppe(os.path.join(tmp, "steppe"))
    seen = []
    for page in ("170mm", "a4-landscape", "a4-portrait"):
        root = render(proj, page, os.path.join(tmp, page))
        found = insets(root)
        assert list(found) == ["detail-1-"], (page, found)
        share = zone_fill_share(root, found["detail-1-"][1])
        gaps = bar_label_gaps(group(root, "detail-1-scale-bar"))
        seen.append((page, round(share, 2), [round(g, 2) for g in gaps]))
        assert share <= 0.6, seen
        assert gaps and min(gaps) >= 0.45, seen
    print("  (page, share of the inset over zones, its bar's number gaps in em):", seen)


@test
def an_inset_draws_the_cited_lines_and_places_it_magnifies_under_ids_of_its_own(tmp):
    # Audit s15 D5: the Sary enclave's inset left out the pipeline running through the enclave, and
    # c-orva's the river and the Telu dam. The inset draws them as the main map does (its [[place]]s
    # by the same code), under the inset's id prefix (an SVG id given twice is one element to a
    # script or a stylesheet), without a second badge, clipped to its frame and under its scale bar.
    # A pump 0.6 km off the enclave: its diamond covers the 1 mm frame round the enclave on the main
    # map, and no inset was made (every link starts inside the diamond's box).
    proj = steppe(os.path.join(tmp, "steppe"))
    with open(os.path.join(proj, "map.toml"), "a") as f:
        f.write('\n[[place]]\nid = "sary-pump"\nname = "Sary pump"\ncoordinates = [62.098, 45.015]\n')
        # A well below the enclave, where the inset has room for its name.
        f.write('\n[[place]]\nid = "sary-well"\nname = "Well"\ncoordinates = [62.01, 44.99]\n[[claim]]\nplace = "sary-well"\n'
                'status = "emergency"\nmodality = "reported"\nattributed_to = "the article"\n'
                'cite = [{ source = "agency", quote = "The well at Sary ran dry." }]\n')
    with open(os.path.join(proj, "article.txt"), "a") as f:
        f.write("\nThe well at Sary ran dry.\n")
    root = render(proj, "a4-landscape", os.path.join(tmp, "out"))
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    assert list(insets(root)) == ["detail-1-"], insets(root)
    spot = insets(root)["detail-1-"][1]
    layers = [g.get("id") for g in root.iter(SVG + "g") if g.get("id", "").startswith("layer-detail-1-")]
    for feature in ("line-pipeline", "place-sary-pump"):
        g = group(root, "detail-1-" + feature)
        assert g is not None, (feature, layers)
        # Drawn inside the inset: the clip of its layer is the inset's frame or within it.
        layer = next(l for l in root.iter(SVG + "g") if l.find(SVG + "g") is not None and
                     any(c.get("id") == "detail-1-" + feature for c in l))
        clip = next(c for c in root.iter(SVG + "clipPath") if c.get("id") == layer.get("clip-path")[5:-1]).find(SVG + "rect")
        x, y, w, h = (float(clip.get(k)) for k in ("x", "y", "width", "height"))
        assert spot[0] - 0.01 <= x and x + w <= spot[2] + 0.01 and spot[1] - 0.01 <= y and y + h <= spot[3] + 0.01, (feature, spot, x, y, w, h)
        assert meets(box_of(g), spot), (feature, box_of(g), spot)
    # Under the inset's bar, and no second badge for the pipeline: its claim is numbered on the main map.
    assert layers.index("layer-detail-1-lines") < layers.index("layer-detail-1-furniture"), layers
    assert not [i for i in ids if i.startswith("detail-1-marker-pipeline")], ids
    assert [i for i in ids if i.startswith("marker-pipeline-")], "the main map numbers the pipeline"
    # Named in the inset where it has room, as on the main map (a diamond without its name reads as an
    # unknown): the well, inside the frame, without a badge (the pump by the frame's edge has none).
    label = group(root, "detail-1-label-sary-well")
    assert label is not None and "Well" in "".join(label.itertext()), [i for i in ids if "label" in i]
    b = box_of(label)
    assert spot[0] <= b[0] and b[2] <= spot[2] and spot[1] <= b[1] and b[3] <= spot[3], (b, spot)
    assert not [i for i in ids if i.startswith("detail-1-marker-sary-well")], ids


def long_coast(path):
    """A tall, narrow country, 50 by 500 km (audit s13's b-kvitland), between a sea and a neighbour: three
    zones one above the other down its length."""
    os.makedirs(path)
    kx, ky = 1 / (111.32 * math.cos(math.radians(64))), 1 / 110.57
    x0, y0 = 12.0, 62.0

    def box(a, b, c, d):  # km from the south-west corner
        return polygon([(x0 + a * kx, y0 + b * ky), (x0 + c * kx, y0 + b * ky), (x0 + c * kx, y0 + d * ky),
                        (x0 + a * kx, y0 + d * ky)])

    dump(path, "sea.geojson", [feature({"name": "Sea"}, box(-60, -30, 80, 530))])
    dump(path, "land.geojson", [feature({"name": "Langland"}, box(0, 0, 50, 500))])
    dump(path, "zones.geojson", [feature({"id": "north", "name": "Northern fells"}, box(5, 380, 45, 480)),
                                 feature({"id": "mid", "name": "Middle valleys"}, box(10, 200, 40, 300)),
                                 feature({"id": "south", "name": "Southern ports"}, box(5, 20, 45, 110))])
    quotes = [("north", "closed", "The northern fells are closed to traffic."),
              ("mid", "rationed", "Fuel is rationed in the middle valleys."),
              ("south", "closed", "The southern ports are closed to fishing boats.")]
    open(os.path.join(path, "daily.txt"), "w").write(" ".join(q for _, _, q in quotes) + "\n")
    toml = "\n".join(['title = "Langland: a long coast"', "[[source]]", 'id = "daily"', 'file = "daily.txt"',
                      'title = "Winter closures"', 'publisher = "Wire"', 'published = "2028-01-14"', "[zones]",
                      'file = "zones.geojson"', "[[layer]]", 'file = "sea.geojson"', 'role = "sea"', 'name = "Sea"',
                      "[[layer]]", 'file = "land.geojson"', 'role = "outline"', 'name = "Langland"',
                      "[status.closed]", 'label = "Closed"', "[status.rationed]", 'label = "Rationed"']) + "\n"
    for zone, status, q in quotes:
        toml += claim(zone, status, "reported", q)
    open(os.path.join(path, "map.toml"), "w").write(toml)
    return path


@test
def a_tall_narrow_map_keeps_a_readable_scale_bar_and_its_names(tmp):
    # Audit s13 D8: on a 10:1 country the bar was capped at a share of the frame's width, 2-11 mm long
    # ("0 20 km" over a 2 mm bar). Once the names are set, a shorter bar is made at least 11 mm where
    # that is free (or, where the next round length would not fit the frame's width, stays the longest
    # that does), and no zone loses its name to it (scalebar 6eaab35 set it first and cost names).
    proj = long_coast(os.path.join(tmp, "langland"))
    seen = []
    for page in ("90mm", "170mm", "a4-portrait"):
        root = render(proj, page, os.path.join(tmp, page))
        bars = [g for g in root.iter(SVG + "g") if g.get("id") == "scale-bar"]
        assert len(bars) == 1, page
        # Drawn length: the segments (stroked boxes), not the panel.
        xs = [x for el in bars[0].iter(SVG + "path") if el.get("stroke") not in (None, "none")
              for r in rings(el) for x, _ in r]
        drawn, width = max(xs) - min(xs), frame_width(root)
        seen.append((page, round(drawn / MM, 1), round(width / MM, 1)))
        assert drawn >= 11 * MM * 0.999 or 2 * drawn > width, seen
        for zone in ("north", "mid", "south"):
            assert group(root, "label-" + zone) is not None, (page, zone)
        names = [box_of(g) for g in root.iter(SVG + "g") if g.get("id", "").startswith(("label-", "locality-"))]
        assert not [b for b in names if meets(b, box_of(bars[0]))], (page, "a name under the bar")
    print("  (page, bar drawn mm, frame width mm):", seen)


def oval(cx, cy, a, b, n=48):
    pts = [[round(cx + a * math.cos(2 * math.pi * k / n), 4), round(cy + b * math.sin(2 * math.pi * k / n), 4)] for k in range(n)]
    return pts + [pts[0]]


def nordland(path, lease=True):
    """Audit s16's e-nordland: a high-Arctic island filling most of the frame, its sea to the east, an ice
    cap with a nunatak, a 4 km² settlement (Bjørnhamn) and a 16 km² lease 70 km apart, a town the map
    must name (Longhamn) 4 km from the settlement. Without the lease on the page (the audit's en1), the
    settlement has an inset of its own beside Longhamn."""
    os.makedirs(path)
    island = [[11.11, 76.77], [14.68, 76.59], [18.56, 76.68], [21.77, 76.95], [23.36, 77.76], [23.4, 78.66], [22.5, 79.65],
              [18.55, 80.01], [13.92, 79.92], [10.61, 79.47], [9.69, 78.66], [9.77, 78.39], [13.01, 78.3], [13.04, 78.21],
              [9.89, 78.12], [10.01, 77.76], [11.11, 76.77]]
    dump(path, "islands.geojson", [{"type": "Feature", "properties": {"name": "Nordland"}, "geometry": {
        "type": "MultiPolygon", "coordinates": [[island], [oval(30.6, 80.1, 3.17, 0.36)]]}}])
    west = [[[11.232, 76.948], [11.829, 76.948], [11.571, 77.579], [10.944, 77.579], [11.232, 76.948]],
            [[10.783, 78.751], [11.474, 78.751], [11.199, 79.291], [10.473, 79.291], [10.783, 78.751]],
            [[15.43, 76.768], [17.785, 76.768], [17.79, 76.858], [15.42, 76.858], [15.43, 76.768]]]
    zones = [feature({"id": "ice-cap", "name": "Nordland ice cap"},
                     {"type": "Polygon", "coordinates": [oval(17.965, 79.2915, 3.385, 0.4505), oval(17.965, 79.2915, 0.385, 0.054)[::-1]]}),
             feature({"id": "west-coast", "name": "West coast reserve"}, {"type": "MultiPolygon", "coordinates": [[w] for w in west]}),
             feature({"id": "kolby-lease", "name": "Kolby coal lease"},
                     polygon([[15.197, 77.921], [15.369, 77.921], [15.364, 77.957], [15.192, 77.957]])),
             feature({"id": "bjornhamn", "name": "Bjørnhamn settlement"},
                     polygon([[12.46, 78.471], [12.55, 78.471], [12.543, 78.489], [12.453, 78.489]])),
             feature({"id": "austoya", "name": "Austøya reserve"}, {"type": "Polygon", "coordinates": [oval(30.58, 80.1025, 2.1, 0.2255)]})]
    dump(path, "zones.geojson", zones)
    towns = [("Longhamn", 12.51566, 78.44421, 1), ("Bjørnhamn", 12.50008, 78.48477, 2), ("Kolby", 15.27521, 77.97553, 2),
             ("Ny-Sund", 11.56909, 79.51676, 2), ("Austhamn", 28.96646, 80.05755, 2)]
    dump(path, "towns.geojson", [{"type": "Feature", "properties": {"name": n, "label_rank": r},
                                  "geometry": {"type": "Point", "coordinates": [x, y]}} for n, x, y, r in towns])
    said = [("ice-cap", "closed", "reported", "The governor closed the Nordland ice cap to all snowmobile traffic on Monday."),
            ("west-coast", "protected", "reported", "The ban also covers the west coast reserves."),
            ("kolby-lease", "mining", "plan", "The mining company plans to reopen the Kolby coal lease next winter."),
            ("bjornhamn", "evac", "projection", "Residents fear the settlement may have to be evacuated."),
            ("austoya", "protected", "reported", "On Austøya, the whole island remains a strict reserve.")]
    open(os.path.join(path, "article.txt"), "w").write("\n\n".join(q for *_, q in said) + "\n")
    toml = "\n".join([
        'title = "Nordland: ice cap closed, coal lease to reopen"', "[[source]]", 'id = "daily"', 'file = "article.txt"',
        'title = "Snowmobile ban and a coal lease"', "[zones]", 'file = "zones.geojson"',
        "[[layer]]", 'file = "islands.geojson"', 'role = "outline"', 'name = "Nordland"',
        "[[layer]]", 'file = "towns.geojson"', 'role = "localities"', 'name = "Settlements"',
        '[status.closed]\nlabel = "Closed to motor traffic"', '[status.protected]\nlabel = "Protected reserve"',
        '[status.mining]\nlabel = "Mining or drilling"', '[status.evac]\nlabel = "Evacuation"']) + "\n"
    if not lease:
        toml += '[[output]]\nname = "map"\npage = "a4-landscape"\nzones = ["ice-cap", "west-coast", "bjornhamn", "austoya"]\n'
    for zone, status, modality, q in said:
        toml += claim(zone, status, modality, q)
    open(os.path.join(path, "map.toml"), "w").write(toml)
    return path


@test
def a_detail_inset_magnifies_one_place_over_the_sea_and_leaves_the_towns_named(tmp):
    # Audit s16 D3: one inset for a settlement and a lease 70 km apart magnified them twice, still 1.5 mm
    # squares, and stood on the island's interior (75 x 90 mm) while the sea east of it was empty. D13:
    # with the lease off the page, Longhamn (label_rank 1) lost its dot and name to the settlement's
    # frame, on a page with room, and the advice was a larger page.
    proj = nordland(os.path.join(tmp, "nordland"))
    seen = []
    for page in ("a4-landscape", "a4-portrait", "170mm"):
        root = render(proj, page, os.path.join(tmp, page))
        found = insets(root)
        assert found, page
        for prefix, (around, spot) in found.items():
            title = group(root, prefix + "frame").find(SVG + "title").text
            times = int(re.search(r"magnified (\d+) times", title)[1])
            share = share_inside([r for el in group(root, "layer-base-Nordland").iter(SVG + "path") for r in rings(el)], spot, 24)
            seen.append((page, prefix, times, round(share, 2)))
            assert times >= 3, seen
            assert share <= 0.6, seen
        for town in ("Longhamn", "Ny-Sund"):
            assert group(root, "locality-dot-" + town) is not None and group(root, "locality-" + town) is not None, (page, town)
    print("  (page, inset, magnified, share over land):", seen)
    proj = nordland(os.path.join(tmp, "en1"), lease=False)
    p = run("render", proj, "-o", os.path.join(tmp, "en1-out"), "--format", "svg", env=EPOCH, check=0)
    root = ET.parse(os.path.join(tmp, "en1-out", "map.svg")).getroot()
    assert insets(root), "the settlement's inset"
    assert group(root, "locality-dot-Longhamn") is not None and group(root, "locality-Longhamn") is not None, p.stderr
    assert "Longhamn" not in p.stderr, p.stderr



@test
def a_town_its_zones_inset_names_is_not_said_to_be_unnamed(tmp):
    # Audit s17 D13 (i-chubut): Puerto Arenal, a town the map must name inside the small zone of the
    # same name that an inset names, was said not to fit ("its dot is drawn unnamed; use a larger page")
    # on every page. The inset's name is the town's: no warning. Sary, made a town of label_rank 1, in
    # the Sary enclave.
    proj = steppe(os.path.join(tmp, "steppe"))
    towns = json.load(open(os.path.join(proj, "cities.geojson")))
    for f in towns["features"]:
        if f["properties"]["name"] == "Sary":
            f["properties"]["label_rank"] = 1
    json.dump(towns, open(os.path.join(proj, "cities.geojson"), "w"))
    for page in ("170mm", "a4-landscape"):
        out = os.path.join(tmp, page)
        p = run("render", proj, "-o", out, "--page", page, "--format", "svg", env=EPOCH, check=0)
        root = ET.parse(os.path.join(out, f"map-{page}.svg")).getroot()
        assert group(root, "detail-1-label-sary-enclave") is not None, page
        assert "Sary (label_rank 1)" not in p.stderr, (page, p.stderr)


@test
def a_town_in_the_small_zone_of_its_name_is_named_once_by_the_insets_label_with_no_warning(tmp):
    # Audit s17 D13: i-chubut's Puerto Arenal (label_rank 1) lies in the 4 km² zone "Puerto Arenal" that its
    # inset names; the main map drew its dot unnamed on the zone's square ("neither it nor its dot is
    # drawn" at 90 mm) and warned. Here the settlement takes the town's name and the town label_rank 1.
    proj = nordland(os.path.join(tmp, "merged"))
    for name in ("zones.geojson", "towns.geojson"):
        d = json.load(open(os.path.join(proj, name)))
        for f in d["features"]:
            if f["properties"]["name"] == "Bj\u00f8rnhamn settlement":
                f["properties"]["name"] = "Bj\u00f8rnhamn"
            elif f["properties"]["name"] == "Bj\u00f8rnhamn":
                f["properties"]["label_rank"] = 1
        json.dump(d, open(os.path.join(proj, name), "w"))
    for page in ("a4-landscape", "90mm"):
        p = run("render", proj, "-o", os.path.join(tmp, page), "--format", "svg", "--page", page, "-j", "1", env=EPOCH, check=0)
        root = ET.parse(os.path.join(tmp, page, f"map-{page}.svg")).getroot()
        ids = [g.get("id", "") for g in root.iter(SVG + "g")]
        assert "Bj\u00f8rnhamn" not in p.stderr, (page, p.stderr)
        assert [i for i in ids if i.endswith("label-bjornhamn")], (page, "the inset names the zone")
        assert not [i for i in ids if "locality" in i and "rnhamn" in i], (page, "the town is merged with the zone")


if __name__ == "__main__":
    main()

"""A new project written the way a newcomer without GIS would: a text editor for map.toml and the
article, one line drawn in geojson.io, shared base layers beside it. Zones come from the line (a side,
a band), a nested zone from a locality, a claim on a place, labels in a second script; then each
authoring mistake the issue lists, one at a time, with the error it must give."""
import json, os, re, shutil, subprocess, sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(__file__))
import png
from harness import CITEMAP, ROOT, main, run, test

SVG = "{http://www.w3.org/2000/svg}"

ARTICLE = (
    "Since the truce of 2 March, the ceasefire line has divided Brenna island. "
    "Rebel forces hold everything east of the line, roughly 45 percent of the island. "
    "A buffer zone one kilometre deep runs along the line on both sides and is closed to civilians. "
    "The militia governs the west of the island. "
    "The village of Tolvey, in the west, has declared itself neutral. "
    "The Ardmore bridge reopened on Tuesday for aid convoys.\n"
)

# Hand-drawn in geojson.io: north to south, both ends out at sea.
LINE = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},
        "geometry": {"type": "LineString", "coordinates": [
            [-35.02, 50.16], [-34.99, 50.06], [-35.03, 49.98], [-34.98, 49.84]]}}]}

MAP_TOML = """\
title = "Brenna after the truce"
shared = ["../shared"]
labels = "en+ar"

[[source]]
id = "article"
file = "article.txt"
title = "The divided island"
published = "2026-03-20"

[[layer]]
file = "../shared/sea.geojson"
role = "sea"
[[layer]]
file = "../shared/island.geojson"
role = "outline"
name = "Brenna"
[[layer]]
file = "../shared/places.geojson"
role = "localities"
name = "Villages"

[status.rebel]
label = "Held by rebel forces"
[status.militia]
label = "Governed by the militia"
[status.closed]
label = "Closed buffer zone"
[status.neutral]
label = "Declared neutral"
[status.open]
label = "Open for aid"

[[line]]
id = "ceasefire-line"
name = "Ceasefire line"
name_ar = "خط وقف إطلاق النار"
file = "ceasefire-line.geojson"

[[place]]
id = "bridge"
name = "Ardmore bridge"
name_ar = "جسر أردمور"
coordinates = [-34.97, 50.08]

[[zone]]
id = "east"
name = "Rebel-held east"
name_ar = "الشرق"
side = { of = "ceasefire-line", toward = "east" }

[[zone]]
id = "west"
name = "Militia-governed west"
name_ar = "الغرب"
rest_of = "outline"

[[zone]]
id = "buffer"
name = "Buffer zone"
name_ar = "المنطقة العازلة"
buffer = { of = "ceasefire-line", km = 1 }
intersect = ["outline"]

[[zone]]
id = "tolvey"
name = "Tolvey"
name_ar = "تولفي"
part_of = "west"
buffer = { of = "Tolvey", km = 1.5 }
minus = ["buffer"]

[[claim]]
zone = "east"
status = "rebel"
modality = "reported"
attributed_to = "the article"
since = "2026-03-02"
cite = [{ source = "article", quote = "Rebel forces hold everything east of the line" }]

[[claim]]
zone = "west"
status = "militia"
modality = "reported"
attributed_to = "the article"
cite = [{ source = "article", quote = "The militia governs the west of the island" }]

[[claim]]
zone = "buffer"
status = "closed"
modality = "reported"
attributed_to = "the article"
cite = [{ source = "article", quote = "runs along the line on both sides and is closed to civilians" }]

[[claim]]
zone = "tolvey"
status = "neutral"
modality = "reported"
attributed_to = "the village"
cite = [{ source = "article", quote = "has declared itself neutral" }]

[[claim]]
line = "ceasefire-line"
status = "rebel"
modality = "reported"
attributed_to = "the article"
since = "2026-03-02"
cite = [{ source = "article", quote = "the ceasefire line has divided Brenna island" }]

[[claim]]
place = "bridge"
status = "open"
modality = "reported"
attributed_to = "the article"
cite = [{ source = "article", quote = "The Ardmore bridge reopened on Tuesday for aid convoys" }]

[[check]]
zones = ["east"]
share_of = "Brenna"
about = 0.45
tolerance = 0.05
cite = [{ source = "article", quote = "roughly 45 percent of the island" }]
"""


def new_project(tmp, toml=MAP_TOML):
    shared = os.path.join(tmp, "shared")
    os.makedirs(shared)
    for f in ("island.geojson", "sea.geojson"):
        shutil.copy(os.path.join(ROOT, "geodata", "example-brenna", f), shared)
    # The villages in both scripts, as a bilingual map needs (a name without one is a warning).
    places = json.load(open(os.path.join(ROOT, "geodata", "example-brenna", "places.geojson"), encoding="utf-8"))
    for i, f in enumerate(places["features"]):
        f["properties"]["name_ar"] = "قرية " + "١٢٣٤٥٦٧٨٩"[i % 9]
    json.dump(places, open(os.path.join(shared, "places.geojson"), "w", encoding="utf-8"), ensure_ascii=False)
    proj = os.path.join(tmp, "truce")
    os.makedirs(proj)
    open(os.path.join(proj, "article.txt"), "w", encoding="utf-8").write(ARTICLE)
    json.dump(LINE, open(os.path.join(proj, "ceasefire-line.geojson"), "w"))
    open(os.path.join(proj, "map.toml"), "w", encoding="utf-8").write(toml)
    return proj


def line_of(text, needle):
    return next(i for i, l in enumerate(text.splitlines(), 1) if needle in l)


@test
def a_newcomers_project_checks_clean_and_renders(tmp):
    proj = new_project(tmp)
    p = run("check", proj, check=0)
    assert "warning" not in p.stderr, p.stderr
    assert re.search(rf"check \S*map\.toml:{line_of(MAP_TOML, '[[check]]')} \u201Croughly 45 percent of the island\u201D: "
                     r"passed, drawn 4\d\.\d % of 'Brenna'.*the text: about 45\.0 % \(\u00B15\.0\)", p.stdout), p.stdout
    stats = json.loads(run("stats", proj, "--json", check=0).stdout)
    zones = {z["id"]: z for z in stats["zones"]}
    assert all(z["derived"] for z in zones.values()) and set(zones) == {"east", "west", "buffer", "tolvey"}
    # The rest of the island is what no other stand-alone zone covers: east, west and buffer tile it.
    east, west, band = zones["east"]["km2"], zones["west"]["km2"], zones["buffer"]["km2"]
    assert east + west < stats["outline_km2"] < east + west + band
    assert abs(east + west + band / 2 - stats["outline_km2"]) < 0.01 * stats["outline_km2"]
    assert 0 < zones["tolvey"]["km2"] < zones["west"]["km2"]
    # The buffer overlaps both sides with other statuses: a real conflict. Tolvey is declared part of
    # the west, so it is not one.
    pairs = {tuple(sorted(c["zones"])) for c in stats["conflicts"]}
    assert ("tolvey", "west") not in pairs and ("buffer", "east") in pairs, pairs

    out = os.path.join(tmp, "out")
    run("render", proj, "-o", out, "-q", "--format", "svg,png", "--dpi", "96", check=0)
    root = ET.parse(os.path.join(out, "map.svg")).getroot()
    ids = {g.get("id"): g for g in root.iter(SVG + "g") if g.get("id")}
    for zid in ("zone-east", "zone-west", "zone-buffer", "zone-tolvey", "line-ceasefire-line", "place-bridge"):
        assert zid in ids, sorted(ids)
    assert ids["line-ceasefire-line"].get("data-citations") == "5"
    assert ids["place-bridge"].get("data-citations") == "6"
    # The place claim has its marker, linked to its citation like a zone's.
    marker = ids["marker-bridge-6"]
    assert any(a.get("href") == "article.html#cite-6" for a in root.iter(SVG + "a")) and marker is not None
    texts = [t.text or "" for t in root.iter(SVG + "text")]
    assert "Ceasefire line" in texts and "Ardmore bridge" in texts, texts
    # The credits say how the zones were made.
    assert any("Zones derived from hand-drawn lines and base layers" in t for t in texts), texts
    # The second script under each name: derived zones, the line and the place alike.
    for second in ("الشرق", "الغرب", "تولفي", "جسر أردمور", "خط وقف إطلاق النار"):
        assert any(second in t for t in texts), (second, texts)
    assert any("Ceasefire line \u2014 Held by rebel forces" in t for t in texts), texts  # legend row
    assert any("The Ardmore bridge reopened" in t for t in texts)
    # The buffer band holds one row of text but not its name's wrapped block: the name runs along it.
    assert ids["label-buffer"].get("data-along") == "zone", ids["label-buffer"].attrib
    assert any("rotate(" in (e.get("transform") or "") for e in ids["label-buffer"].iter())
    # Tolvey lies in the west with a status of its own: its fill starts from bare land, so it shows the
    # legend's colour rather than a blend with the west's.
    def fills(gid):
        return [(e.get("fill"), e.get("fill-opacity")) for e in ids[gid].iter(SVG + "path")]
    land = fills("zone-tolvey")[0]
    assert land[1] is None and land[0] != "none", fills("zone-tolvey")
    assert fills("zone-tolvey")[1][1] is not None and fills("zone-west")[0][1] is not None
    w, h, _ = png.read(os.path.join(out, "map.png"))[:3]
    assert (w, h) == (1123, 794)


@test
def a_claim_that_held_from_one_date_to_another_says_so_everywhere_it_is_cited(tmp):
    # "Closed from 3 to 30 March": since and until, in the panel, citations.md, article.html and the XMP.
    toml = MAP_TOML.replace('attributed_to = "the village"\n',
                            'attributed_to = "the village"\nsince = "2026-03-03"\nuntil = "2026-03-30"\n', 1)
    proj = new_project(tmp, toml)
    out = os.path.join(tmp, "out")
    run("render", proj, "-o", out, "-q", "--format", "svg,png", "--dpi", "96", check=0)
    root = ET.parse(os.path.join(out, "map.svg")).getroot()
    panel = " ".join(" ".join((t.text or "") for t in root.iter(SVG + "text")).replace("\u00A0", " ").split())
    period = "from 3 Mar 2026 to 30 Mar 2026"
    assert "attributed to the village; " + period in panel, panel
    assert "since 2 Mar 2026" in panel, panel  # a claim with only `since` keeps its words
    assert "(reported, attributed to the village; " + period + ")" in open(os.path.join(out, "citations.md"), encoding="utf-8").read()
    assert "attributed to the village; " + period + ")</em>" in open(os.path.join(out, "article.html"), encoding="utf-8").read()
    xmp = open(os.path.join(out, "map.png"), "rb").read()
    assert b"<citemap:since>2026-03-03</citemap:since> <citemap:until>2026-03-30</citemap:until>" in xmp

    backwards = toml.replace('until = "2026-03-30"', 'until = "2026-02-28"')
    check_fails(os.path.join(tmp, "backwards"), backwards, "'until' (2026-02-28) is before 'since' (2026-03-03)",
                "swap the two dates", line=line_of(backwards, 'until = "2026-02-28"'))


def path_box(root, gid):
    """Bounding box of every path in one group of the SVG, in page points."""
    xs, ys = [], []
    for g in root.iter(SVG + "g"):
        if g.get("id") == gid:
            for e in g.iter(SVG + "path"):
                nums = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", e.get("d"))]
                xs += nums[0::2]
                ys += nums[1::2]
    assert xs, gid
    return min(xs), min(ys), max(xs), max(ys)


@test
def a_line_drawn_past_the_coast_splits_the_island_but_is_drawn_only_inside_with_clip_outline(tmp):
    boxes = {}
    for clip in ("", 'clip = "outline"\n'):
        proj = new_project(os.path.join(tmp, "clip" if clip else "frame"),
                           MAP_TOML.replace('file = "ceasefire-line.geojson"\n', 'file = "ceasefire-line.geojson"\n' + clip))
        out = os.path.join(proj, "out")
        run("render", proj, "-o", out, "-q", "--format", "svg", check=0)
        root = ET.parse(os.path.join(out, "map.svg")).getroot()
        boxes[bool(clip)] = path_box(root, "line-ceasefire-line")
        island = [path_box(root, z) for z in ("zone-east", "zone-west")]
        land = (min(b[1] for b in island), max(b[3] for b in island))  # the island's top and bottom
        if clip:
            # The stroke (and its round caps, half the casing's width) stays on the island.
            assert land[0] - 2 <= boxes[True][1] and boxes[True][3] <= land[1] + 2, (boxes[True], land)
        else:
            assert boxes[False][1] < land[0] - 10 and boxes[False][3] > land[1] + 10, (boxes[False], land)
    stats = [json.loads(run("stats", os.path.join(tmp, d, "truce"), "--json", check=0).stdout) for d in ("frame", "clip")]
    # Drawing less of the line changes nothing it derives: the split is the same.
    assert [z["km2"] for z in stats[0]["zones"]] == [z["km2"] for z in stats[1]["zones"]]


@test
def render_page_writes_its_own_files_beside_the_projects_own(tmp):
    proj = new_project(tmp)
    out = os.path.join(tmp, "out")
    run("render", proj, "-o", out, "-q", "--format", "svg", check=0)
    before = open(os.path.join(out, "map.svg"), "rb").read()
    run("render", proj, "-o", out, "-q", "--format", "svg", "--page", "170mm", check=0)
    assert os.path.exists(os.path.join(out, "map-170mm.svg"))
    assert open(os.path.join(out, "map.svg"), "rb").read() == before


def check_fails(tmp, toml, *expected, line=None, count=1):
    proj = new_project(tmp, toml)
    p = run("check", proj, check=1)
    errors = [l for l in p.stderr.splitlines() if ": error: " in l]
    assert len(errors) == count, p.stderr
    for e in expected:
        assert e in p.stderr, (e, p.stderr)
    if line is not None:
        assert re.search(rf"map\.toml:{line}:\d+: error", p.stderr), p.stderr
    return p.stderr


@test
def every_authoring_mistake_gives_one_clear_error(tmp):
    n = [0]

    def sub():
        n[0] += 1
        d = os.path.join(tmp, str(n[0]))
        os.makedirs(d)
        return d

    # A line that stops short of the coast does not split the island.
    short = MAP_TOML.replace('file = "ceasefire-line.geojson"', 'coordinates = [[-35.0, 50.05], [-35.0, 49.95]]')
    check_fails(sub(), short, "line 'ceasefire-line' does not split the outline", "extend both ends",
                "its first point (-35.00000, 50.05000) lies", "its last point (-35.00000, 49.95000) lies",
                line=line_of(short, "side = {"))
    # Zones defined in a circle; an unknown name. Neither cascades into "unknown zone" for claims/checks.
    circle = MAP_TOML.replace('rest_of = "outline"', 'rest_of = "outline"\nminus = ["tolvey"]').replace(
        'minus = ["buffer"]', 'minus = ["buffer"]\nintersect = ["west"]')
    check_fails(sub(), circle, "zones are defined in a circle: west \u2192 tolvey \u2192 west")
    unknown = MAP_TOML.replace('intersect = ["outline"]', 'intersect = ["outlien"]')
    check_fails(sub(), unknown, "unknown name 'outlien'", "\"Brenna\"", line=line_of(unknown, '"outlien"'))
    # Two bases in one recipe; a direction the line cannot give.
    two = MAP_TOML.replace('rest_of = "outline"', 'rest_of = "outline"\nunion = ["east"]')
    check_fails(sub(), two, "more than one of from, side, buffer, rest_of and union")
    ns = MAP_TOML.replace('toward = "east"', 'toward = "north"')
    check_fails(sub(), ns, "runs north-south, so 'north' of it is ambiguous", 'say toward = "east" or "west"')
    # A clip the line cannot have.
    badclip = MAP_TOML.replace('file = "ceasefire-line.geojson"', 'file = "ceasefire-line.geojson"\nclip = "coast"')
    check_fails(sub(), badclip, "unknown clip 'coast'", 'clip = \"outline\"', line=line_of(badclip, 'clip = "coast"'))
    # A claim about an unknown place names the kind and lists what exists.
    place = MAP_TOML.replace('place = "bridge"', 'place = "bridg"')
    check_fails(sub(), place, "claim names unknown place 'bridg'", "known places: bridge",
                line=line_of(place, "[[claim]]\nplace") if False else None)
    # A claim about two things; `about` with a range; tolerance without about.
    both = MAP_TOML.replace('place = "bridge"', 'place = "bridge"\nzone = "east"')
    check_fails(sub(), both, "names more than one of zone, line and place")
    rng = MAP_TOML.replace("about = 0.45", "about = 0.45\nat_least = 0.4")
    check_fails(sub(), rng, "has both about and at_least/at_most")
    # A check the drawing does not meet shows the drawn share beside the text's.
    off = MAP_TOML.replace("about = 0.45\ntolerance = 0.05", "about = 0.8")
    check_fails(sub(), off, "quantitative check fails: the drawn zones cover 4", "the text: about 80.0 % (\u00B13.0)")
    # One message per slip, with the name it was probably meant to be, at the value that is wrong.
    towards = MAP_TOML.replace('toward = "east"', 'towards = "east"')
    check_fails(sub(), towards, "unknown key 'towards'", "did you mean 'toward'?", line=line_of(towards, "towards"))
    upper = MAP_TOML.replace('toward = "east"', 'toward = "East"')
    check_fails(sub(), upper, 'toward must be "east"', "did you mean 'east'?", line=line_of(upper, '"East"'))
    km = MAP_TOML.replace("km = 1 }", 'km = "1" }')
    check_fails(sub(), km, "'km' must be a number", line=line_of(km, 'km = "1"'))
    typo = MAP_TOML.replace('[[claim]]\nzone = "east"', '[[claim]]\nzone = "eest"')
    check_fails(sub(), typo, "claim names unknown zone 'eest'", "did you mean 'east'?", line=line_of(typo, '"eest"'))
    name = MAP_TOML.replace('buffer = { of = "Tolvey"', 'buffer = { of = "Tolvy"')
    check_fails(sub(), name, "unknown name 'Tolvy'", "did you mean 'Tolvey'?", '"outline"')
    status = MAP_TOML.replace('status = "neutral"', 'status = "nuetral"')
    check_fails(sub(), status, "unknown status 'nuetral'", "did you mean 'neutral'?", "rebel, militia, closed")
    # A circle through rest_of ("every other zone") is reported where a name was written, and says why.
    via_rest = MAP_TOML.replace('intersect = ["outline"]', 'intersect = ["outline", "west"]')
    err = check_fails(sub(), via_rest, "zones are defined in a circle: west \u2192 buffer \u2192 west",
                      "rest_of in 'west' takes out every zone", line=line_of(via_rest, '"outline", "west"'))
    # An outline drawn as a line: one error at its [[layer]], not a failed split and clip.
    d = sub()
    proj = new_project(d)
    island = json.load(open(os.path.join(d, "shared", "island.geojson"), encoding="utf-8"))
    for f in island["features"]:
        g = f["geometry"]
        ring = g["coordinates"][0][0] if g["type"] == "MultiPolygon" else g["coordinates"][0]
        f["geometry"] = {"type": "LineString", "coordinates": ring}
    json.dump(island, open(os.path.join(d, "shared", "island.geojson"), "w"))
    p = run("check", proj, check=1)
    errs = [l for l in p.stderr.splitlines() if ": error: " in l]
    assert len(errs) == 1 and "the outline layer '../shared/island.geojson' has no polygon: its first feature is a " \
        "LineString" in errs[0], p.stderr
    assert re.search(rf"map\.toml:{line_of(MAP_TOML, 'island.geojson') - 1}:\d+: error", p.stderr), p.stderr

    # A check the drawing fails: stats still shows the areas behind it, and exits 1.
    d = sub()
    proj = new_project(d, MAP_TOML.replace("about = 0.45\ntolerance = 0.05", "about = 0.8"))
    p = run("stats", proj, check=1)
    assert re.search(r"east\s+[\d.]+ km\u00B2", p.stdout) and "FAILED" in p.stdout, p.stdout

    # The overlap of the buffer with both sides is a conflict until the project says both claims hold.
    d = sub()
    proj = new_project(d)
    p = run("check", proj, check=0)
    assert "conflict: zones 'east' and 'buffer' overlap" in p.stdout and 'overlaps = ["east"]' in p.stdout, p.stdout
    # A zone that already has a list is told the whole list: a second `overlaps` key is a TOML error
    # (audit s11). Followed, the conflict is gone.
    d = sub()
    with_west = MAP_TOML.replace('intersect = ["outline"]', 'intersect = ["outline"]\noverlaps = ["west"]')
    p = run("check", new_project(d, with_west), check=0)
    assert 'overlaps = ["west", "east"] (its [[zone]]\'s list, with "east" added)' in p.stdout, p.stdout
    followed = with_west.replace('overlaps = ["west"]', 'overlaps = ["west", "east"]')
    assert "conflict" not in run("check", new_project(sub(), followed), check=0).stdout
    d = sub()
    proj = new_project(d, MAP_TOML.replace('intersect = ["outline"]', 'intersect = ["outline"]\noverlaps = ["east"]'))
    p = run("check", proj, check=0)
    assert "conflict" not in p.stdout, p.stdout
    assert json.loads(run("stats", proj, "--json", check=0).stdout)["conflicts"] == []
    bad = MAP_TOML.replace('intersect = ["outline"]', 'intersect = ["outline"]\noverlaps = ["eats"]')
    check_fails(sub(), bad, "zone 'buffer' overlaps unknown zone 'eats'", "did you mean 'east'?", line=line_of(bad, '"eats"'))

    # A second script that some names lack is a warning that lists them.
    d = sub()
    proj = new_project(d, MAP_TOML.replace('name_ar = "الغرب"\n', ""))
    p = run("check", proj, check=0)
    assert re.search(r"warning: \d+ of \d+ names have no name_ar and print in one language: zone west", p.stderr), p.stderr

    # `shared` written below a table (TOML puts it in that table), and a shared folder that is not there.
    late = MAP_TOML.replace('shared = ["../shared"]\n', "").replace('published = "2026-03-20"\n', 'published = "2026-03-20"\nshared = ["../shared"]\n')
    err = check_fails(sub(), late, "unknown key 'shared' in [[source]]", "is a top-level key: move it above the first",
                      line=line_of(late, "shared ="), count=4)
    missing = MAP_TOML.replace('shared = ["../shared"]', 'shared = ["../shraed"]')
    check_fails(sub(), missing, "shared folder '../shraed' does not exist", "did you mean '../shared'?", count=4)

    # A line file holding a polygon says what it found.
    d = sub()
    proj = new_project(d)
    json.dump({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": {
        "type": "Polygon", "coordinates": [[[-35, 50], [-34.9, 50], [-34.9, 50.1], [-35, 50]]]}}]},
        open(os.path.join(proj, "ceasefire-line.geojson"), "w"))
    p = run("check", proj, check=1)
    assert "line 'ceasefire-line' is a Polygon, not a LineString" in p.stderr, p.stderr
    # ... and the zones built on it fail quietly instead of as "unknown name" for every one.
    assert "unknown name" not in p.stderr and "unknown line" not in p.stderr, p.stderr


# --- A newcomer's bad input, one defect at a time (issue 8, audit s13) --------------------------------

SMALL_ARTICLE = ("The north district was flooded on Monday, officials said. "
                 "The south district remains calm and open to traffic.\n")
SMALL_ZONES = {"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"id": "north", "name": "North district"},
     "geometry": {"type": "Polygon", "coordinates": [[[10.0, 50.05], [10.1, 50.05], [10.1, 50.1], [10.0, 50.1], [10.0, 50.05]]]}},
    {"type": "Feature", "properties": {"id": "south", "name": "South district"},
     "geometry": {"type": "Polygon", "coordinates": [[[10.0, 50.0], [10.1, 50.0], [10.1, 50.05], [10.0, 50.05], [10.0, 50.0]]]}}]}
SMALL_TOML = """title = "Floods"

[[source]]
id = "art"
file = "article.txt"
title = "An article"
published = "2026-01-02"

[zones]
file = "zones.geojson"

[status.flooded]
label = "Flooded"
[status.calm]
label = "Calm"

[[place]]
id = "bridge"
name = "Old bridge"
coordinates = [10.05, 50.03]

[[claim]]
zone = "north"
status = "flooded"
modality = "reported"
attributed_to = "officials"
cite = [{ source = "art", quote = "The north district was flooded on Monday" }]

[[claim]]
zone = "south"
status = "calm"
modality = "reported"
attributed_to = "the article"
cite = [{ source = "art", quote = "remains calm and open to traffic" }]

[[claim]]
place = "bridge"
status = "calm"
modality = "reported"
attributed_to = "the article"
cite = [{ source = "art", quote = "open to traffic" }]
"""
# What a library would print on its own: GDAL's "ERROR 1:"/"Warning 1:", GEOS's exception names and
# coordinates in the map CRS's metres, Pango's and GLib's criticals, a C++ exception's what().
NOISE = re.compile(r"ERROR \d|Warning \d|Exception|Pango|GLib|GEOS|std::|Self-intersection\[|terminate")


def small_project(d, toml=SMALL_TOML, zones=None, article=SMALL_ARTICLE, files=None):
    os.makedirs(d)
    for name, text in (files or {}).items():
        open(os.path.join(d, name), "w").write(text)
    open(os.path.join(d, "map.toml"), "wb").write(toml if isinstance(toml, bytes) else toml.encode())
    if isinstance(zones, (bytes, str)):
        open(os.path.join(d, "zones.geojson"), "wb").write(zones if isinstance(zones, bytes) else zones.encode())
    else:
        json.dump(zones or SMALL_ZONES, open(os.path.join(d, "zones.geojson"), "w"), indent=1)
    open(os.path.join(d, "article.txt"), "wb").write(article if isinstance(article, bytes) else article.encode())
    return d


def zones_with(change):
    z = json.loads(json.dumps(SMALL_ZONES))
    change(z)
    return z


def web_mercator(z, crs):
    import math
    for f in z["features"]:
        f["geometry"]["coordinates"] = [[[lon * 20037508.342789244 / 180,
                                          math.log(math.tan((90 + lat) * math.pi / 360)) * 6378137] for lon, lat in ring]
                                        for ring in f["geometry"]["coordinates"]]
    if crs:
        z["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}}


def bad_input(tmp, name, level, where, *expected, **project):
    """Checks and renders the project: one message of `level` at `where` (a regex for its
    file:line:column or file: feature prefix) holding every `expected`, no library noise, and on an
    error exit 1 with nothing written."""
    proj = small_project(os.path.join(tmp, name), **project)
    out = os.path.join(tmp, name + "-out")
    for args in (["check", proj], ["render", proj, "-o", out, "--format", "svg"]):
        p = run(*args)
        said = [l for l in p.stderr.splitlines() if f": {level}: " in l]
        assert len(said) == 1, (name, args[0], p.stderr)
        assert re.search(where + rf"\S*: {level}: ", said[0]), (name, where, p.stderr)
        for e in expected:
            assert e in p.stderr, (name, e, p.stderr)
        assert not NOISE.search(p.stderr), (name, p.stderr)
        if level == "error":
            assert p.returncode == 1 and not os.path.exists(out), (name, p.returncode, p.stderr)
            assert not [l for l in p.stderr.splitlines() if ": warning: " in l], (name, p.stderr)
        elif args[0] == "render":
            assert p.returncode == 0 and os.path.exists(out), (name, p.stderr)
    return p


@test
def a_newcomers_bad_input_gives_one_message_at_its_file_and_line(tmp):
    line = lambda needle, text=SMALL_TOML: line_of(text, needle)
    claim_zone, zones_file = line('zone = "north"'), line('file = "zones.geojson"')
    # The article: empty, white space only, Latin-1, UTF-16. One error at its [[source]] or its byte,
    # not one "quote not found, nothing is close" per quote.
    for article in (b"", b"  \r\n\r\n"):
        bad_input(tmp, f"empty-{len(article)}", "error", rf"map\.toml:{line('[[source]]')}:1",
                  "source 'art' is empty: 'article.txt' holds", "paste the article", article=article)
    bad_input(tmp, "latin1", "error", r"article\.txt:1:\d+", "source 'art' is not valid UTF-8 (byte 0xFC, \"\u00fc\" in Latin-1)",
              "iconv -f WINDOWS-1252 -t UTF-8 article.txt > article.txt.utf8 && mv article.txt.utf8 article.txt",
              article=SMALL_ARTICLE.replace("officials", "officials in Z\u00fcrich").encode("latin-1"))
    bad_input(tmp, "utf16", "error", r"article\.txt:1:1", "source 'art' is saved as UTF-16, not UTF-8", "iconv -f UTF-16",
              article=SMALL_ARTICLE.encode("utf-16"))
    # Without the byte-order mark (iconv -t UTF-16LE) every byte is valid UTF-8, a NUL every other one:
    # it read as text in which no quote was found, "nothing is close" once per quote.
    for order in ("LE", "BE"):
        bad_input(tmp, "utf16" + order, "error", r"article\.txt:1:1",
                  "source 'art' is saved as UTF-16 without a byte-order mark, not UTF-8", f"iconv -f UTF-16{order} -t UTF-8",
                  article=SMALL_ARTICLE.encode("utf-16-" + order.lower()))
    nul = SMALL_ARTICLE.index("The south")
    bad_input(tmp, "nul", "error", rf"article\.txt:1:{nul + 1}",
              "source 'art' holds a NUL byte", "save it as plain text (UTF-8)",
              article=(SMALL_ARTICLE[:nul] + "\0" + SMALL_ARTICLE[nul:]).encode())
    # map.toml in another encoding: not "invalid TOML ... fix the syntax".
    latin = SMALL_TOML.replace('title = "Floods"', 'title = "Hochwasser in Z\u00fcrich"')
    p = bad_input(tmp, "toml-latin1", "error", r"map\.toml:1:25", "map.toml is not valid UTF-8 (byte 0xFC",
                  "iconv -f WINDOWS-1252", toml=latin.encode("latin-1"))
    assert "invalid TOML" not in p.stderr
    # A map.toml with a BOM and CRLF line ends is fine.
    proj = small_project(os.path.join(tmp, "bom"), toml=SMALL_TOML)
    open(os.path.join(proj, "map.toml"), "wb").write(b"\xef\xbb\xbf" + SMALL_TOML.replace("\n", "\r\n").encode())
    p = run("check", proj, check=0)
    assert p.stderr == "", p.stderr
    # A zone id misspelt in a claim; a quote not in the article; a missing source file.
    bad_input(tmp, "typo", "error", rf"map\.toml:{claim_zone}:8", "claim names unknown zone 'nroth'",
              "did you mean 'north'?", toml=SMALL_TOML.replace('zone = "north"', 'zone = "nroth"'))
    bad_input(tmp, "misquote", "error", rf"map\.toml:{line('flooded on Monday')}:\d+", "quote not found in source 'art'",
              "source has 'Monday", toml=SMALL_TOML.replace("flooded on Monday", "flooded on Tuesday"))
    bad_input(tmp, "no-source", "error", rf"map\.toml:{line('[[source]]')}:1", "cannot find 'artcle.txt'",
              toml=SMALL_TOML.replace('file = "article.txt"', 'file = "artcle.txt"'))
    # Zones: a Point, a LineString, an empty collection, an open ring (GEOS's "IllegalArgumentException:
    # Points of LinearRing do not form a closed linestring" named no file), a bow-tie.
    feature = r"zones\.geojson:\d+:\d+: feature 'north'"
    bad_input(tmp, "point", "error", feature, "zone 'north' is a Point, not a polygon",
              zones=zones_with(lambda z: z["features"][0].update(geometry={"type": "Point", "coordinates": [10.05, 50.07]})))
    bad_input(tmp, "line", "error", feature, "zone 'north' is a LineString, not a polygon", "[[line]]",
              zones=zones_with(lambda z: z["features"][0].update(geometry={"type": "LineString", "coordinates": [[10.0, 50.07], [10.1, 50.08]]})))
    bad_input(tmp, "empty", "error", rf"map\.toml:{zones_file}:8", "no zones in 'zones.geojson'",
              zones={"type": "FeatureCollection", "features": []})
    bad_input(tmp, "open-ring", "error", r"zones\.geojson: feature 'north'",
              "zone 'north' cannot be read: its ring 1 (the outer one) is not closed: it ends at 10.00000, 50.10000, not at its first point 10.00000, 50.05000",
              "end every ring with its first position again",
              zones=zones_with(lambda z: z["features"][0]["geometry"]["coordinates"][0].pop()))
    bad_input(tmp, "bow-tie", "warning", feature, "zone 'north' is not a valid polygon: its edges cross near 10.050",
              "(lon, lat); repaired",
              zones=zones_with(lambda z: z["features"][0]["geometry"].update(
                  coordinates=[[[10.0, 50.05], [10.1, 50.1], [10.1, 50.05], [10.0, 50.1], [10.0, 50.05]]])))
    # A comma left out in zones.geojson: what the parser found, and where the comma goes.
    text = json.dumps(SMALL_ZONES, indent=1)
    comma = text.rindex(",", 0, text.index('"geometry"'))
    text = text[:comma] + text[comma + 1:]
    bad_input(tmp, "no-comma", "error", rf"zones\.geojson:{text[:comma].count(chr(10)) + 2}:\d+",
              "invalid JSON in 'zones.geojson': unexpected string literal in an object; expected '}'",
              f"a ',' is missing before it: add one after the '}}' on line {text[:comma].count(chr(10)) + 1}",
              zones=text)
    # A number beyond a double (1e999): the fuzzer found that nlohmann's overflow error escaped as an
    # uncaught exception when the file was also malformed; read, it became an infinite coordinate.
    huge = json.dumps(SMALL_ZONES, indent=1)
    first = re.compile(r"\d+\.\d+").search(huge, huge.index('"coordinates"'))
    huge = huge[:first.start()] + "1e999" + huge[first.end():]
    bad_input(tmp, "overflow", "error", r"zones\.geojson: feature 'north'",
              "zone 'north' cannot be read: its ring 1 (the outer one) has a number too large to be a coordinate at its position 1",
              "write each coordinate as a plain number of degrees", zones=huge)
    bad_input(tmp, "overflow-and-syntax", "error", rf"zones\.geojson:{huge[:first.start()].count(chr(10)) + 1}:\d+",
              "invalid JSON in 'zones.geojson': the number '1e999' is too large to read", zones=huge + "]")
    # Two features with one id, a feature without one: one error each, naming the zone a claim then
    # misses, not a second "claim names unknown zone 'south'".
    bad_input(tmp, "same-id", "error", r"zones\.geojson:\d+:\d+: feature 'north'",
              "zone id 'north' is used twice: by 'North district' and by 'South district' (this one)",
              'give it "id": "south"', zones=zones_with(lambda z: z["features"][1]["properties"].update(id="north")))
    bad_input(tmp, "no-id", "error", r"zones\.geojson:\d+:\d+: feature 2", "zone has no 'id' property",
              'give it "id": "south"', zones=zones_with(lambda z: z["features"][1]["properties"].pop("id")))
    # Web Mercator metres: read through the declared crs; without it, an error that says where the
    # numbers land if they are EPSG:3857 and how to declare it.
    proj = small_project(os.path.join(tmp, "3857"), zones=zones_with(lambda z: web_mercator(z, True)))
    assert run("check", proj, check=0).stderr == ""
    # A number run together in those metres (-3.4e38): GDAL 3.6 wraps the longitude by 360 at a time, for
    # ever (fuzz_project found it; check hung).
    def huge(z):
        web_mercator(z, True)
        z["features"][0]["geometry"]["coordinates"][0][1][0] = -3.4e38
    bad_input(tmp, "3857-huge", "error", r"zones\.geojson: feature 'north'", "are too large for the file's CRS",
              "a digit run together or a stray exponent", zones=zones_with(huge))
    bad_input(tmp, "3857-bare", "error", feature, "are not longitude, latitude degrees",
              "Read as Web Mercator (EPSG:3857) they lie at longitude 10.000 to 10.100, latitude 50.050 to 50.100",
              '"crs": {"type": "name", "properties": {"name": "EPSG:3857"}}',
              zones=zones_with(lambda z: web_mercator(z, False)))
    # A place far from the zones: written latitude first, or a digit off.
    swapped = SMALL_TOML.replace("coordinates = [10.05, 50.03]", "coordinates = [50.03, 10.05]")
    bad_input(tmp, "place-swapped", "warning", rf"map\.toml:{line('[[place]]')}:1",
              "place 'bridge' at 50.03000, 10.05000 (lon, lat) lies", "km outside the area the zones cover",
              "the map's frame grows", "its numbers look swapped", "write coordinates = [10.05, 50.03]", toml=swapped)
    far = SMALL_TOML.replace("coordinates = [10.05, 50.03]", "coordinates = [12.05, 51.03]")
    bad_input(tmp, "place-far", "warning", rf"map\.toml:{line('[[place]]')}:1", "place 'bridge' at 12.05000, 51.03000",
              "longitude first, then latitude", toml=far)
    # A place read from a file with no position, or with numbers that are none: GDAL reads a NaN point as
    # empty, and such a place was checked, rendered and drawn nowhere, its claim still numbered.
    from_file = SMALL_TOML.replace("coordinates = [10.05, 50.03]", 'file = "bridge.geojson"')
    bridge = lambda coordinates, kind="Point": {"bridge.geojson": '{"type": "FeatureCollection", "features": [{"type": "Feature", '
                                                '"properties": {"id": "bridge"}, "geometry": {"type": "%s", "coordinates": %s}}]}'
                                                % (kind, coordinates)}
    at_bridge = r"bridge\.geojson(:\d+:\d+)?: feature 'bridge'"
    for name, coordinates, kind in [("nan", "[NaN, 50.03]", "Point"), ("none", "[]", "MultiPoint")]:
        bad_input(tmp, "place-" + name, "error", at_bridge, f"place 'bridge' has no positions: its {kind} is empty",
                  'give it its position, "coordinates": [lon, lat]', toml=from_file, files=bridge(coordinates, kind))
    bad_input(tmp, "place-inf", "error", at_bridge,
              "place 'bridge' cannot be read: its point has a number too large to be a coordinate at its position 1 (inf, 50.03000)",
              "write each coordinate as a plain number of degrees", toml=from_file, files=bridge("[1e999, 50.03]"))
    # Numbers that are not degrees: the advice converts the place's file, not map.toml.
    bad_input(tmp, "place-metres", "error", rf"map\.toml:{line('[[place]]')}:1", "are not longitude, latitude degrees",
              "ogr2ogr -s_srs EPSG:XXXX -t_srs EPSG:4326 bridge-4326.geojson bridge.geojson", toml=from_file,
              files=bridge("[559000.5, 5542000.5]"))


@test
def a_source_saved_with_lf_crlf_or_lone_cr_line_ends_is_numbered_alike(tmp):
    # fuzz s14: a text saved with lone CRs (classic Mac OS, some exports) was one paragraph, every
    # locator \u00b61, a UTF-8 error on its third line at line 1, and the not-found hint named \\n.
    article = ("Floods in the valley\n\n"
               "The north district was flooded on Monday, officials\nsaid. Water stood in the streets.\n\n"
               "The south district remains calm and open to traffic.\nThe bridge was closed for an hour.\n")
    across = ('\n[[claim]]\nzone = "south"\nstatus = "calm"\nmodality = "reported"\nattributed_to = "the article"\n'
              'cite = [{ source = "art", quote = "Water stood in the streets. The south district", match = "normalized" }]\n')
    located = {}
    for name, end in (("lf", "\n"), ("crlf", "\r\n"), ("cr", "\r")):
        proj = small_project(os.path.join(tmp, name), toml=SMALL_TOML + across, article=article.replace("\n", end))
        p = run("cite", proj, check=0)
        located[name] = re.findall(r"art (para [^\[]*) \[", p.stdout)
        assert located[name] == ["para 2 sentence 1", "para 3 sentence 1", "para 3 sentence 1",
                                 "para 2 sentence 2 to para 3 sentence 1"], (name, p.stdout)
        # The quote across the paragraph break prints the break as a pilcrow.
        assert 'prints the source\'s own text: "Water stood in the streets. \u00b6 The south district"' in p.stderr, (name, p.stderr)
        # Copied as one line where the source breaks it: the hint names the break as the passage shows it.
        broken = small_project(os.path.join(tmp, name + "-broken"), article=article.replace("\n", end),
                               toml=SMALL_TOML.replace("flooded on Monday", "flooded on Monday, officials said"))
        shown = end.replace("\r", "\\r").replace("\n", "\\n")
        p = run("check", broken, check=1)
        assert f"officials{shown}said" in p.stderr and f"inside the quote ({shown[-2:]})" in p.stderr, (name, p.stderr)
        # A byte that is not UTF-8 on the third line is there, in every line-end convention.
        bad_input(tmp, name + "-latin1", "error", r"article\.txt:3:6", "source 'art' is not valid UTF-8",
                  article=article.replace("north", "n\u00f6rth").replace("\n", end).encode("latin-1"))
    assert located["lf"] == located["crlf"] == located["cr"], located


def kml_zones(placemarks):
    """placemarks: [(name, id, "lon,lat lon,lat ..." or "" for a polygon without coordinates)]"""
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<kml xmlns="http://www.opengis.net/kml/2.2"><Document>']
    for name, ident, coordinates in placemarks:
        out.append(f'<Placemark><name>{name}</name><ExtendedData><Data name="id"><value>{ident}</value></Data>'
                   '</ExtendedData><Polygon><outerBoundaryIs><LinearRing><coordinates>' + coordinates +
                   '</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>')
    return "\n".join(out + ["</Document></kml>"])


@test
def an_empty_kml_polygon_or_a_place_without_coordinates_is_named_at_its_feature(tmp):
    # fuzz s14: a KML placemark whose polygon has no coordinates said "nothing to map: no drawn zones"
    # alone, "its points coincide or lie on one line" beside another zone; a [[place]] file's Point with
    # "coordinates": [] (GeoJSON readers take it as null) said "'bridge.geojson' has 0 features", and
    # beside another feature the place silently took that one's position.
    south = "10.0,50.0 10.1,50.0 10.1,50.05 10.0,50.05 10.0,50.0"
    kml = SMALL_TOML.replace('file = "zones.geojson"', 'file = "zones.kml"')
    at_north = r"zones\.kml: feature 'north'"
    empty = "placemark 'North district' (zone 'north') has no positions: its Polygon is empty"
    redraw = "draw the zone's outline in that placemark again (in Google Earth: Add Polygon), or delete the placemark"
    bad_input(tmp, "kml-empty", "error", at_north, empty, redraw, toml=kml,
              files={"zones.kml": kml_zones([("North district", "north", ""), ("South district", "south", south)])})
    # Every placemark empty: each named, no "nothing to map".
    proj = small_project(os.path.join(tmp, "kml-all-empty"), toml=kml,
                         files={"zones.kml": kml_zones([("North district", "north", ""), ("South district", "south", " ")])})
    p = run("check", proj, check=1)
    errors = [l for l in p.stderr.splitlines() if ": error: " in l]
    assert len(errors) == 2 and re.search(at_north + ": error: " + re.escape(empty), errors[0]), p.stderr
    assert "placemark 'South district' (zone 'south')" in errors[1] and "nothing to map" not in p.stderr, p.stderr
    from_file = SMALL_TOML.replace("coordinates = [10.05, 50.03]", 'file = "bridge.geojson"')
    feature = lambda i, coordinates: ('{"type": "Feature", "properties": {"id": "%s"}, "geometry": {"type": "Point", '
                                      '"coordinates": %s}}' % (i, coordinates))
    for name, features in (("alone", [feature("bridge", "[]")]),
                           ("beside", [feature("ferry", "[10.06, 50.02]"), feature("bridge", "[]")])):
        bad_input(tmp, "place-empty-" + name, "error", r"bridge\.geojson: feature 'bridge'",
                  "place 'bridge' has no position: its feature has no geometry", '"coordinates": [] read as null',
                  'give it its position, "coordinates": [lon, lat]', toml=from_file,
                  files={"bridge.geojson": '{"type": "FeatureCollection", "features": [%s]}' % ", ".join(features)})


@test
def a_zone_in_a_hole_of_the_outline_is_told_so_and_drawn_as_drawn_with_clip_frame(tmp):
    # audit s13 D3: a neighbour's enclave inside the country (a hole in its outline), and a zone there,
    # was refused as if it lay at sea, with advice to drop the outline, which then left every other
    # zone unclipped.
    box = lambda x0, y0, x1, y1: [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]
    zones = json.loads(json.dumps(SMALL_ZONES))
    zones["features"].append({"type": "Feature", "properties": {"id": "enclave", "name": "Enclave"},
                              "geometry": {"type": "Polygon", "coordinates": [box(10.13, 50.03, 10.17, 50.07)]}})
    toml = SMALL_TOML.replace('[status.flooded]', '[[layer]]\nfile = "country.geojson"\nrole = "outline"\nname = "Country"\n\n[status.flooded]') + \
        '\n[[claim]]\nzone = "enclave"\nstatus = "calm"\nmodality = "reported"\nattributed_to = "the article"\n' \
        'cite = [{ source = "art", quote = "The south district remains calm" }]\n'
    def make(name, zones):
        proj = small_project(os.path.join(tmp, name), toml=toml, zones=zones)
        json.dump({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "Country"},
                   "geometry": {"type": "Polygon", "coordinates": [box(9.95, 49.95, 10.25, 50.15), box(10.12, 50.02, 10.18, 50.08)]}}]},
                  open(os.path.join(proj, "country.geojson"), "w"))
        return proj
    # Told where it lies and how to keep it (contested's per-zone "clip"), not advised to drop the outline.
    p = run("check", make("refused", zones), check=1)
    assert "lies in a hole of the outline" in p.stderr and '"clip": "frame"' in p.stderr, p.stderr
    assert "outside the outline" not in p.stderr, p.stderr
    zones["features"][-1]["properties"]["clip"] = "frame"
    proj = make("enclave", zones)
    p = run("check", proj, check=0)
    assert "outside the outline" not in p.stderr and "warning" not in p.stderr, p.stderr
    out = os.path.join(tmp, "enclave-out")
    run("render", proj, "-o", out, "-q", "--format", "svg", check=0)
    root = ET.parse(os.path.join(out, "map.svg")).getroot()
    assert "zone-enclave" in {g.get("id") for g in root.iter(SVG + "g")}
    # A zone overhanging the outline elsewhere is still clipped and told so.
    over = json.loads(json.dumps(zones))
    over["features"][0]["geometry"]["coordinates"] = [box(10.0, 50.05, 10.1, 50.2)]
    p = run("check", make("over", over), check=0)
    assert "zone 'north' extends" in p.stderr and "beyond the outline; clipped" in p.stderr, p.stderr


@test
def quickstart_commands_work(tmp):
    """docs/quickstart.md, run as a newcomer would: each file block written where it says, each
    command run in order from the same folder; every command succeeds and the map shows the zones."""
    doc = open(os.path.join(ROOT, "docs", "quickstart.md"), encoding="utf-8").read()
    blocks = re.findall(r"^```(\w+)(?: file=(\S+))?\n(.*?)^```$", doc, re.M | re.S)
    commands = 0
    for kind, name, body in blocks:
        if name:
            path = os.path.join(tmp, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            open(path, "w", encoding="utf-8").write(body)
            continue
        assert kind == "sh", kind
        for line in body.splitlines():
            args = line.split()
            assert args[0] == "citemap", line
            p = subprocess.run([CITEMAP, *args[1:]], cwd=tmp, capture_output=True, text=True, stdin=subprocess.DEVNULL)
            assert p.returncode == 0, (line, p.stderr)
            assert "warning" not in p.stderr, (line, p.stderr)
            commands += 1
    assert commands >= 5, commands
    root = ET.parse(os.path.join(tmp, "tolvey-out", "map-a4-landscape.svg")).getroot()
    ids = {g.get("id") for g in root.iter(SVG + "g")}
    for zone in ("zone-west", "zone-east", "zone-strip"):
        assert zone in ids, sorted(i for i in ids if i and i.startswith("zone"))
    # The title citemap new gave is the one the quickstart shows.
    assert 'title    = "Map: Front line splits Tolvey district"' in doc


if __name__ == "__main__":
    main()

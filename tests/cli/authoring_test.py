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

"""Ground the sources or the layers disagree about, on generated projects after audit s13's c-ostvald: one
zone given two statuses by two sources is contested (D5); a zone in a hole of the outline, on a
neighbour's land, is told so and kept with "clip": "land" while the other zones stay clipped (D3); a
dense map keys its many bands in two parts, colours and ways of drawing (D6); an offshore line is
named at sea, not on the land it runs beside (D8). After audit s16's f-calder, twenty claims on one
town: its badges stand in a block beside it (D1), and it draws three bands at most, one per status and
modality, with the contest's hatch inside them (D10), and the legend keys its badges' colours (D4); check warns of the contest once (D7)."""
import json, math, os, re, sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(__file__))
from generated_projects import TOWN_STATUSES, busy_town
from harness import ROOT, main, run, test
from svg_read import SVG, distance, group, label_points, rings
EPOCH = {"SOURCE_DATE_EPOCH": "1762905600"}
MM = 72 / 25.4
LON0, LAT0 = 9.5, 47.5


def lonlat(x_km, y_km):
    return [round(LON0 + x_km / 75.2, 6), round(LAT0 + y_km / 111.2, 6)]


def polygon(*rings):
    return {"type": "Polygon", "coordinates": [[lonlat(x, y) for x, y in r + [r[0]]] for r in rings]}


def box(x0, y0, x1, y1):
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


def feature(props, geom):
    return {"type": "Feature", "properties": props, "geometry": geom}


def dump(path, name, features):
    import json
    json.dump({"type": "FeatureCollection", "features": features}, open(os.path.join(path, name), "w"))


SENTENCES = {
    "north": "The north hills are held by the army.",
    "farms-army": "Its troops also control the river farms.",
    "farms-militia": "The militia say they hold the river farms.",
    "farms-closed": "The river farms are closed to the public.",
    "farms-denied": "The army denies that it holds the river farms.",
    "south": "The south shore is calm.",
}


def country(path, farms=("farms-army", "farms-militia"), compatible=None, one_source=False):
    """A 40 x 30 km country, three zones; the river farms are given the statuses `farms` names, each
    from its own source unless `one_source`."""
    os.makedirs(path)
    dump(path, "country.geojson", [feature({"name": "Ostland"}, polygon(box(0, 0, 40, 30)))])
    dump(path, "zones.geojson", [
        feature({"id": "north", "name": "North hills"}, polygon(box(2, 18, 20, 28))),
        feature({"id": "farms", "name": "River farms"}, polygon(box(22, 12, 38, 28))),
        feature({"id": "south", "name": "South shore"}, polygon(box(2, 2, 38, 9))),
    ])
    open(os.path.join(path, "bote.txt"), "w").write(" ".join(SENTENCES[k] for k in ("north", "farms-army", "farms-closed", "south")) + "\n")
    open(os.path.join(path, "courrier.txt"), "w").write(SENTENCES["farms-militia"] + " " + SENTENCES["farms-denied"] + "\n")
    statuses = {"farms-army": "army", "farms-militia": "militia", "farms-closed": "closed", "farms-denied": "army"}
    toml = ['title = "Ostland"']
    for sid in ("bote", "courrier"):
        toml += ["[[source]]", f'id = "{sid}"', f'file = "{sid}.txt"', f'title = "{sid} report"', 'published = "2028-05-02"']
    toml += ["[zones]", 'file = "zones.geojson"', "[[layer]]", 'file = "country.geojson"', 'role = "outline"', 'name = "Ostland"']
    for key, label in [("army", "Held by the army"), ("militia", "Held by the militia"), ("closed", "Closed to the public"),
                       ("calm", "Calm")]:
        toml += [f"[status.{key}]", f'label = "{label}"']
        if compatible and key == compatible[0]:
            toml += [f'compatible_with = ["{compatible[1]}"]']
    lines = {}
    for zone, key, status in [("north", "north", "army")] + [("farms", k, statuses[k]) for k in farms] + [("south", "south", "calm")]:
        source = "courrier" if key in ("farms-militia", "farms-denied") and not one_source else "bote"
        if one_source and key in ("farms-militia", "farms-denied"):
            open(os.path.join(path, "bote.txt"), "a").write(SENTENCES[key] + "\n")
        lines[key] = len(toml) + 1
        modality = "denial" if key == "farms-denied" else "reported"
        toml += ["[[claim]]", f'zone = "{zone}"', f'status = "{status}"', f'modality = "{modality}"',
                 'attributed_to = "the paper"', f'cite = [{{ source = "{source}", quote = "{SENTENCES[key]}" }}]']
    open(os.path.join(path, "map.toml"), "w").write("\n".join(toml) + "\n")
    return path, lines


def render_svg(tmp, proj, page=None, output="map"):
    """The render, the parsed SVG of its page (`page` by --page, else the [[output]] named `output`) and
    the output folder."""
    out = os.path.join(tmp, "out" + ("-" + page if page else ""))
    p = run("render", proj, "-o", out, "--format", "svg", *(["--page", page] if page else []), env=EPOCH, check=0)
    return p, ET.parse(os.path.join(out, f"{output}-{page}.svg" if page else f"{output}.svg")).getroot(), out


def legend_texts(root):
    return [" ".join("".join(t.itertext()).split()) for t in group(root, "legend").iter(SVG + "text")]


@test
def two_sources_giving_a_zone_two_statuses_contest_it(tmp):
    proj, lines = country(os.path.join(tmp, "ostland"))
    # check names both claims and their map.toml lines, and says how to declare them compatible.
    out = run("check", proj, check=0).stderr
    assert "zone 'farms' is contested between sources" in out, out
    assert f"'Held by the army' (claim 2; line {lines['farms-army']}; source bote) against" in out, out
    assert f"'Held by the militia' (claim 3; line {lines['farms-militia']}; source courrier)" in out, out
    assert 'compatible_with = ["militia"] to [status.army]' in out, out
    stats = json.loads(run("stats", proj, "--json", check=0).stdout)
    assert [c["zone"] for c in stats["contested"]] == ["farms"] and stats["contested"][0]["pairs"] == 1, stats
    # render says it too, and the map hatches the zone whole, as the legend explains.
    p, root, out_dir = render_svg(tmp, proj)
    assert "contested between sources" in p.stderr, p.stderr
    hatch = group(root, "contested-farms")
    assert hatch is not None and hatch.get("data-zones") == "farms", "no contested hatch over the river farms"
    assert any(t.startswith("Contested between sources") for t in legend_texts(root)), legend_texts(root)
    # Each side's citation names the other, wherever citations are read.
    cites = open(os.path.join(out_dir, "citations.md")).read()
    assert "River farms: Held by the army (contested by claim" in cites, cites
    assert "River farms: Held by the militia (contested by claim" in cites, cites


@test
def statuses_declared_compatible_or_from_one_source_are_no_contest(tmp):
    for name, kw in [("compatible", {"compatible": ("militia", "army")}), ("one-source", {"one_source": True}),
                     ("closed", {"farms": ("farms-army", "farms-closed")})]:
        # "closed": two statuses from one source are two sides of the ground (a band), whatever they are.
        proj, _ = country(os.path.join(tmp, name), **kw)
        p, root, _ = render_svg(os.path.join(tmp, name), proj)
        assert "contested" not in p.stderr, (name, p.stderr)
        assert group(root, "contested-farms") is None, name
        assert not any(t.startswith("Contested") for t in legend_texts(root)), (name, legend_texts(root))


@test
def a_denial_against_another_sources_report_contests_the_zone(tmp):
    # Audit s17 D3: the police denying that Orchard Estate lay inside the cordon, which the fans' trust
    # reported, was drawn as a band of small crosses on the cordon's fill, with no warning or hatch.
    proj, lines = country(os.path.join(tmp, "denied"), farms=("farms-army", "farms-denied"))
    out = run("check", proj, check=0).stderr
    assert "zone 'farms' is contested between sources" in out, out
    assert f"'Held by the army' (claim 2; line {lines['farms-army']}; source bote) against a denial of " \
           f"'Held by the army' (claim 3; line {lines['farms-denied']}; source courrier)" in out, out
    assert "compatible_with" not in out and "draw that ground as a zone of its own" in out, out
    stats = json.loads(run("stats", proj, "--json", check=0).stdout)
    sides = stats["contested"][0]["statuses"] if stats["contested"] else []
    assert [(s["status"], s["modality"], s["claims"]) for s in sides] == [("army", "reported", [2]), ("army", "denial", [3])], stats
    p, root, out_dir = render_svg(tmp, proj)
    assert "contested between sources" in p.stderr, p.stderr
    assert group(root, "contested-farms") is not None, "no contested hatch over the river farms"
    assert "Contested between sources (they contradict each other about the zone)" in " ".join(legend_texts(root)), legend_texts(root)
    cites = open(os.path.join(out_dir, "citations.md")).read()
    assert "River farms: Held by the army (contested by claim 3)" in cites, cites
    assert "(contested by claim 2)" in cites, cites
    alt = open(os.path.join(out_dir, "alt-text.txt"), encoding="utf-8").read()
    assert "Held by the army according to bote (claim 2); Held by the army denied by courrier (claim 3)" in alt, alt
    # From one source, a report and its denial are that source's account of a dispute: a band, no contest.
    proj, _ = country(os.path.join(tmp, "one"), farms=("farms-army", "farms-denied"), one_source=True)
    p, root, _ = render_svg(os.path.join(tmp, "one"), proj)
    assert "contested" not in p.stderr and group(root, "contested-farms") is None, p.stderr


@test
def compatible_with_names_known_statuses(tmp):
    proj, _ = country(os.path.join(tmp, "typo"), compatible=("army", "militai"))
    err = run("check", proj, check=1).stderr
    assert "compatible_with names unknown status 'militai'" in err and "did you mean 'militia'" in err, err


def enclave(path, clip=None):
    """A 40 x 30 km country with a 10 x 8 km hole: the neighbour's enclave, on its land layer, and a
    zone in it; a northern zone reaches 3 km past the coast into the lake."""
    os.makedirs(path)
    dump(path, "country.geojson", [feature({"name": "Ostland"}, polygon(box(0, 0, 40, 30), box(15, 11, 25, 19)))])
    dump(path, "neighbour.geojson", [feature({"name": "Carosse"}, polygon(box(15, 11, 25, 19))),
                                     feature({"name": "Carosse"}, polygon(box(-10, -10, 50, 0)))])
    enclave_props = {"id": "enclave", "name": "Sainte-Ilse enclave"}
    if clip:
        enclave_props["clip"] = clip
    dump(path, "zones.geojson", [feature(enclave_props, polygon(box(15.5, 11.5, 24.5, 18.5))),
                                 feature({"id": "north", "name": "North hills"}, polygon(box(3, 21, 37, 33)))])
    open(os.path.join(path, "a.txt"), "w").write("Carosse has sealed its enclave. The north hills are held by the army.\n")
    toml = ['title = "Ostland"', "[[source]]", 'id = "a"', 'file = "a.txt"', 'title = "Report"', 'published = "2028-05-02"',
            "[zones]", 'file = "zones.geojson"', "[[layer]]", 'file = "neighbour.geojson"', 'role = "land"',
            'name = "Carosse"', "[[layer]]", 'file = "country.geojson"', 'role = "outline"', 'name = "Ostland"',
            "[status.carosse]", 'label = "Held by Carosse"', "[status.army]", 'label = "Held by the army"']
    for zone, status, quote in [("enclave", "carosse", "Carosse has sealed its enclave."),
                                ("north", "army", "The north hills are held by the army.")]:
        toml += ["[[claim]]", f'zone = "{zone}"', f'status = "{status}"', 'modality = "reported"',
                 'attributed_to = "the paper"', f'cite = [{{ source = "a", quote = "{quote}" }}]']
    open(os.path.join(path, "map.toml"), "w").write("\n".join(toml) + "\n")
    return path


@test
def a_zone_in_a_hole_of_the_outline_is_told_so_and_kept_by_clip_land(tmp):
    err = run("check", enclave(os.path.join(tmp, "plain")), check=1).stderr
    assert "zone 'enclave' lies in a hole of the outline, on land layer 'Carosse'" in err, err
    assert 'the property "clip": "land"' in err and "the other zones stay clipped" in err, err
    assert "role = \"land\"" not in err, err  # the advice for a zone at sea drops every zone's clipping
    proj = enclave(os.path.join(tmp, "kept"), clip="land")
    p = run("check", proj, check=0)
    # The other zones are still clipped to the outline: the north hills' 3 km in the lake are cut off.
    assert "zone 'north' extends" in p.stderr and "beyond the outline; clipped" in p.stderr, p.stderr
    _, root, _ = render_svg(os.path.join(tmp, "kept"), proj)
    assert group(root, "zone-enclave") is not None, "the enclave is not drawn"
    err = run("check", enclave(os.path.join(tmp, "typo"), clip="lands"), check=1).stderr
    assert "zone 'enclave' has \"clip\": \"lands\"" in err, err


def dense(path):
    """Eight districts, each filled by one reported status and banded by three further claims (other
    statuses, in three of the four modalities, a zone drawing three bands at most), all from one source,
    so no zone is contested: 18 band rows."""
    os.makedirs(path)
    keys = ["held", "evac", "flood", "mined", "closed"]
    labels = {"held": "Held by the battalion", "evac": "Evacuated", "flood": "Flooded", "mined": "Mined",
              "closed": "Closed to the public"}
    dump(path, "country.geojson", [feature({"name": "Oblast"}, polygon(box(0, 0, 40, 20)))])
    dump(path, "zones.geojson", [feature({"id": f"d{i}", "name": f"District {i}"},
                                         polygon(box(10 * (i % 4), 10 * (i // 4), 10 * (i % 4) + 10, 10 * (i // 4) + 10)))
                                 for i in range(8)])
    claims = []
    for i in range(8):
        claims.append((f"d{i}", keys[i % 5], "reported"))
        for k, m in enumerate(["reported", "plan", "projection", "denial"]):
            if k != i % 4:
                claims.append((f"d{i}", keys[(i + k + 1) % 5], m))
    sentences = [f"District {z[1:]} item {n} says {st} as {m}." for n, (z, st, m) in enumerate(claims)]
    open(os.path.join(path, "a.txt"), "w").write(" ".join(sentences) + "\n")
    toml = ['title = "Oblast"', "[[source]]", 'id = "a"', 'file = "a.txt"', 'title = "Report"', 'published = "2028-05-02"',
            "[zones]", 'file = "zones.geojson"', "[[layer]]", 'file = "country.geojson"', 'role = "outline"', 'name = "Oblast"']
    for k in keys:
        toml += [f"[status.{k}]", f'label = "{labels[k]}"']
    for (zone, status, modality), sentence in zip(claims, sentences):
        toml += ["[[claim]]", f'zone = "{zone}"', f'status = "{status}"', f'modality = "{modality}"',
                 'attributed_to = "the paper"', f'cite = [{{ source = "a", quote = "{sentence}" }}]']
    open(os.path.join(path, "map.toml"), "w").write("\n".join(toml) + "\n")
    return path


@test
def many_bands_are_keyed_by_colour_and_by_way_of_drawing(tmp):
    proj = dense(os.path.join(tmp, "dense"))
    _, root, _ = render_svg(os.path.join(tmp, "dense"), proj)
    texts = legend_texts(root)
    assert not any("(edge band)" in t for t in texts), texts
    assert "Further claims on a zone: a band inside its edge" in texts, texts
    for words in ["Reported: in the status’s colour", "Plan: hatched", "Projection: dotted", "Denied: small crosses"]:
        assert any(t.startswith(words) for t in texts), (words, texts)
    for label in ["Held by the battalion", "Evacuated", "Flooded", "Mined", "Closed to the public"]:
        assert label in texts, (label, texts)
    # A map with a band or two keeps one row per band, which names its status.
    proj, _ = country(os.path.join(tmp, "few"))
    _, root, _ = render_svg(os.path.join(tmp, "few"), proj)
    assert "Held by the militia (edge band)" in legend_texts(root), legend_texts(root)


def coast(path):
    """A country 30 km wide and 300 km tall with its coast on the west, three zones on it, a sea layer,
    and a claimed fishing limit 12 km offshore along the whole coast (b-kvitland's shape)."""
    os.makedirs(path)
    west = [(2 * math.sin(k / 3), 10 * k) for k in range(31)]
    dump(path, "country.geojson", [feature({"name": "Kvitland"}, polygon(west + [(30, 300), (30, 0)]))])
    dump(path, "sea.geojson", [feature({"name": "Sea"}, polygon(box(-60, -20, 5, 320)))])
    dump(path, "zones.geojson", [feature({"id": f"z{i}", "name": name}, polygon(box(3, 40 + 90 * i, 28, 80 + 90 * i)))
                                 for i, name in enumerate(["Sør valley", "Midland", "Fjord ports"])])
    line = [lonlat(-12 + 2 * math.sin(k / 3), 10 * k) for k in range(31)]
    sentences = ["The fishing limit was moved twelve kilometres offshore.", "The south valley is cut off.",
                 "The midland is calm.", "The fjord ports are short of fuel."]
    open(os.path.join(path, "a.txt"), "w").write(" ".join(sentences) + "\n")
    toml = ['title = "Kvitland"', "[[source]]", 'id = "a"', 'file = "a.txt"', 'title = "Report"', 'published = "2028-01-14"',
            "[zones]", 'file = "zones.geojson"', "[[layer]]", 'file = "sea.geojson"', 'role = "sea"', 'name = "Sea"',
            "[[layer]]", 'file = "country.geojson"', 'role = "outline"', 'name = "Kvitland"',
            "[[line]]", 'id = "limit"', 'name = "Coastal fishing limit"', f"coordinates = {json.dumps(line)}"]
    for key, label in [("moved", "Fishing limit moved"), ("cut", "Cut off"), ("calm", "Calm"), ("fuel", "Fuel rationed")]:
        toml += [f"[status.{key}]", f'label = "{label}"']
    for (kind, target, status), sentence in zip([("line", "limit", "moved"), ("zone", "z0", "cut"), ("zone", "z1", "calm"),
                                                 ("zone", "z2", "fuel")], sentences):
        toml += ["[[claim]]", f'{kind} = "{target}"', f'status = "{status}"', 'modality = "reported"',
                 'attributed_to = "the paper"', f'cite = [{{ source = "a", quote = "{sentence}" }}]']
    open(os.path.join(path, "map.toml"), "w").write("\n".join(toml) + "\n")
    return path


def inside(pt, ring):
    x, y = pt
    n, hit = len(ring), False
    for i in range(n):
        (x1, y1), (x2, y2) = ring[i], ring[(i + 1) % n]
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit


@test
def an_offshore_line_is_named_at_sea(tmp):
    proj = coast(os.path.join(tmp, "coast"))
    out = os.path.join(tmp, "out")
    run("render", proj, "-o", out, "--format", "svg", "--page", "a4-portrait", env=EPOCH, check=0)
    root = ET.parse(os.path.join(out, "map-a4-portrait.svg")).getroot()
    land = [r for path in group(root, "layer-outline").iter(SVG + "path") for r in rings(path)]
    label = group(root, "label-limit")
    assert label is not None, "the line has no name on the map"
    # Points along each line of the name (its width from the type size: about 0.55 em a letter in bold),
    # turned as drawn when the name runs along the line.
    points = label_points(root, "label-limit")
    on_land = sum(any(inside(q, r) for r in land) for q in points)
    assert on_land <= 0.2 * len(points), f"the offshore line's name is set on the land: {on_land} of {len(points)} points"


@test
def twenty_claims_on_one_town_stand_in_a_block_beside_it(tmp):
    # Audit s16 D1: the twenty badges of Port Calder (a town 12 mm across) stood in one row beside it,
    # the first 70 mm off over the sea at the frame's edge (35 mm on this project). Beside its zone a
    # block wraps into rows, about as tall as it is wide, with a short leader.
    proj = busy_town(os.path.join(tmp, "town"))
    for page in ("a4-landscape", "170mm"):
        _, root, _ = render_svg(tmp, proj, page)
        zone = rings(next(group(root, "zone-town").iter(SVG + "path")))
        far = [distance(zone, float(c.get("cx")), float(c.get("cy"))) / MM
               for g in group(root, "layer-markers").iter(SVG + "g") if g.get("id", "").startswith("marker-town-")
               for c in [g.find(SVG + "circle")] if c is not None]
        assert len(far) == 20, (page, len(far))
        # A block of four rows of five under the name, a few millimetres off: 22-24 mm to its far corner.
        assert max(far) <= 27, (page, round(max(far), 1))


@test
def a_zone_draws_a_band_per_status_and_modality_and_at_most_three(tmp):
    # Audit s16 D10: a town page of Port Calder drew 19 bands 0.6 mm wide, one status three times, all
    # under the contest's cross-hatch; the legend's eight band rows matched none of them. A band per
    # status and modality, three at most (the badges carry the rest), and the hatch inside them.
    proj = busy_town(os.path.join(tmp, "town"), extra='[[output]]\nname = "town"\npage = "a5-landscape"\nzones = ["town"]')
    _, root, _ = render_svg(tmp, proj, output="town")
    zone = group(root, "zone-town")
    said = {n: (status, modality) for n, status, modality in re.findall(r"\[(\d+)\] (.*) \((\w+),", zone.find(SVG + "title").text)}
    bands = zone.get("data-bands", "").split()
    assert 1 <= len(bands) <= 3 and len({said[n] for n in bands}) == len(bands), (bands, said)
    paths = list(zone.iter(SVG + "path"))
    outline = rings(paths[-1])
    band_rings = [rings(pa) for pa in paths if pa.get("fill", "none") != "none" and len(rings(pa)) >= 2]
    assert len(band_rings) == len(bands), (len(band_rings), bands)
    deepest = max(distance(outline, x, y) for rs in band_rings for r in rs for x, y in r)
    hatch = next(group(root, "contested-town").iter(SVG + "path"))
    nearest = min(distance(outline, x, y) for r in rings(hatch) for x, y in r)
    assert nearest >= deepest - 0.1, ("the contest's hatch lies over the bands", round(nearest, 2), round(deepest, 2))


@test
def every_badge_colour_on_the_map_is_keyed_in_the_legend(tmp):
    # Audit s16 D4: five of Port Calder's nine statuses were seen only as the colours of badges, which
    # no legend row keyed. The legend keys the badges' colours, each status once.
    proj = busy_town(os.path.join(tmp, "town"))
    _, root, _ = render_svg(tmp, proj, "a4-landscape")
    legend = " ".join(legend_texts(root))
    for key, label in TOWN_STATUSES:
        assert label in legend, (label, legend)
    assert "its badge shows the claim’s status" in legend, legend


@test
def a_band_too_thin_to_draw_leaves_its_badge_keyed(tmp):
    # Solund's Joint patrols, a plan for the buffer strip, is a band on no other zone: too thin to draw
    # on the strip, its row went and badge 2's colour was keyed nowhere. Its badge keys it instead.
    out = os.path.join(tmp, "solund")
    run("render", os.path.join(ROOT, "geodata", "example-solund"), "-o", out, "--format", "svg", "-q", env=EPOCH, check=0)
    root = ET.parse(os.path.join(out, "map.svg")).getroot()
    assert "2" not in (group(root, "zone-ridgeway").get("data-bands") or "").split(), "the band is drawn: no premise"
    texts = legend_texts(root)
    assert "Joint patrols" in texts, texts
    assert not any("Joint patrols (edge band)" in t for t in texts), texts


@test
def a_zone_contested_by_many_claims_gets_one_warning(tmp):
    # Audit s16 D7: a town given nine statuses by four sources had a warning for each pair of claims
    # (77 here). One warning names each status once, with its claims, lines and sources, and one
    # compatible_with to add per status.
    proj = busy_town(os.path.join(tmp, "town"))
    out = run("check", proj, check=0).stderr
    assert out.count("contested between sources") == 1, out
    warning = out[out.index("zone 'town' is contested"):]
    for key, label in TOWN_STATUSES:
        assert len(re.findall(f"(?<!a denial of )'{re.escape(label)}' \\(claim", warning)) == 1, (label, warning)
    for key, _ in TOWN_STATUSES[:-1]:
        assert warning.count(f"to [status.{key}] (line") == 1, (key, warning)
    # 77 pairs of reported statuses, and two denials of what another source reports (audit s17 D3).
    assert "79 pairs of claims" in warning and warning.count("a denial of '") == 2, warning



@test
def a_contested_zone_is_described_as_contested_once(tmp):
    # Session 16: alt-text.txt read "Dock strike: the centre (Port Calder)" for a town hatched as
    # contested, and `stats` listed its 77 pairs of claims. Both now name the zone once, with each
    # status given there, its claims and its sources.
    proj = busy_town(os.path.join(tmp, "town"))
    stats = json.loads(run("stats", proj, "--json", check=0).stdout)
    assert [c["zone"] for c in stats["contested"]] == ["town"], stats["contested"]
    town = stats["contested"][0]
    reported = [s["status"] for s in town["statuses"] if s["modality"] == "reported"]
    assert town["pairs"] == 79 and reported == [k for k, _ in TOWN_STATUSES], town
    assert all(s["claims"] and s["sources"] for s in town["statuses"]), town
    text = run("stats", proj, check=0).stdout
    assert text.count("contested between sources") == 1 and "[1, 10, 19]" not in text.split("contested")[0], text
    out = os.path.join(tmp, "out")
    run("render", proj, "-o", out, "--format", "svg", "--page", "a4-landscape", "-q", env=EPOCH, check=0)
    alt = open(os.path.join(out, "alt-text.txt"), encoding="utf-8").read()
    said = alt[alt.index("Port Calder is contested between sources: "):].split(". ")[0]
    for key, label in TOWN_STATUSES:
        assert said.count(f"{label} according to Paper ") == 1, (label, said)
    assert "(Port Calder)" not in alt and ", Port Calder)" not in alt, alt
    # In the panel's language: a French map says it in French.
    toml = os.path.join(proj, "map.toml")
    text = open(toml, encoding="utf-8").read()
    open(toml, "w", encoding="utf-8").write('lang = "fr"\n' + text)
    run("render", proj, "-o", out, "--format", "svg", "--page", "a4-landscape", "-q", env=EPOCH, check=0)
    alt = open(os.path.join(out, "alt-text.txt"), encoding="utf-8").read()
    assert "Contest\u00e9 entre sources, Port Calder\u202f: " in alt and " selon Paper " in alt, alt
    assert "O\u00f9 sont les zones\u202f: secteur nord, North Moor" in alt and "Where the zones lie" not in alt, alt
    assert "Selon les affirmations, par statut\u202f: " in alt and "the north" not in alt, alt



@test
def a_page_of_some_zones_credits_the_sources_its_claims_cite(tmp):
    # Audit s16 D2: a postcard of one claim from one source listed all four sources in its credits,
    # and its citation named that source by id. The glen's page cites Paper 1 alone: one source, no id.
    proj = busy_town(os.path.join(tmp, "town"), extra='[[output]]\nname = "glen"\npage = "150x105mm"\nzones = ["glen"]\n'
                                                          '[[output]]\nname = "map"\npage = "a4-landscape"')
    out = os.path.join(tmp, "out")
    run("render", proj, "-o", out, "--format", "pdf", "-q", env=EPOCH, check=0)
    import subprocess
    text = " ".join(subprocess.run(["pdftotext", os.path.join(out, "glen.pdf"), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert "Source: \u201cReport 1\u201d, Paper 1" in text, text
    assert all(f"Report {k}" not in text for k in (2, 3, 4)) and "s0 =" not in text and "(s0 " not in text, text
    # The whole map still credits its four sources, each by id.
    whole = " ".join(subprocess.run(["pdftotext", os.path.join(out, "map.pdf"), "-"], capture_output=True, text=True,
                                    check=True).stdout.split())
    assert all(f"s{k} = \u201cReport {k + 1}\u201d" in whole for k in range(4)), whole


if __name__ == "__main__":
    main()

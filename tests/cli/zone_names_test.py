"""Where zone names go on projects nobody tuned for, read from the SVG as a reader reads the page: a name
is not set on the country's land that no zone covers (it names that land), a leader runs across no
other zone when the badge fits inside, and a name left off the map is named in a warning. Projects are
generated after the ones audit s13 wrote from scratch (D1, D4, D7, D10); a name beside its zone with
no leader has its badges touching it (audit s16 D9)."""
import json, math, os, re, sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(__file__))
from generated_projects import wadi_band
from harness import GAZA, ROOT, main, run, test
from svg_read import SVG, distance, group, inside, rings

EPOCH = {"SOURCE_DATE_EPOCH": "1800000000"}
MM = 72 / 25.4


def blob(cx, cy, r, n=48, sx=1.0, k=(0.18, 3, 0.10, 5)):
    a1, f1, a2, f2 = k
    out = []
    for i in range(n):
        t = 2 * math.pi * i / n
        s = 1 + a1 * math.sin(f1 * t) + a2 * math.cos(f2 * t)
        out.append((cx + sx * r * s * math.cos(t), cy + r * s * math.sin(t)))
    return out


def half(points, west, x0):
    """The part of a ring west (or east) of x = x0, closed along that meridian."""
    out = []
    n = len(points)
    for i in range(n):
        (x1, y1), (x2, y2) = points[i], points[(i + 1) % n]
        keep1 = x1 <= x0 if west else x1 >= x0
        keep2 = x2 <= x0 if west else x2 >= x0
        if keep1:
            out.append((x1, y1))
        if keep1 != keep2:
            t = (x0 - x1) / (x2 - x1)
            out.append((x0, y1 + t * (y2 - y1)))
    return out


def lonlat(pts, lon0=150.0, lat0=-16.8):
    """km east and north of (lon0, lat0) as lon/lat rings, closed."""
    ring = [[round(lon0 + x / (111.32 * math.cos(math.radians(lat0 + y / 110.95))), 6), round(lat0 + y / 110.95, 6)]
            for x, y in pts]
    return ring + [ring[0]]


def dump(path, name, features):
    json.dump({"type": "FeatureCollection", "features": features}, open(os.path.join(path, name), "w"),
              ensure_ascii=False)


def feature(props, geom):
    return {"type": "Feature", "properties": props, "geometry": geom}


def write_project(path, title, layers, statuses, claims):
    """map.toml: one source (daily.txt), the zones, `layers` as (file, role, name), `statuses` as
    (key, label), then the claims' lines."""
    toml = [f'title = "{title}"', "[[source]]", 'id = "daily"', 'file = "daily.txt"', 'title = "Daily report"',
            'publisher = "Invented"', 'published = "2028-03-03"', "[zones]", 'file = "zones.geojson"']
    for file, role, name in layers:
        toml += ["[[layer]]", f'file = "{file}"', f'role = "{role}"', f'name = "{name}"']
    for key, label in statuses:
        toml += [f"[status.{key}]", f'label = "{label}"']
    open(os.path.join(path, "map.toml"), "w").write("\n".join(toml + claims) + "\n")
    return path


def claim(zone, status, modality, quote, src="daily"):
    return ["[[claim]]", f'zone = "{zone}"', f'status = "{status}"', f'modality = "{modality}"',
            'attributed_to = "the paper"', f'cite = [{{ source = "{src}", quote = "{quote}" }}]']


def islands(path, tasi_claims=1, levuka="Levuka"):
    """Five islands (audit s13's a-tavua, off the date line): two are half claimed, Western Nalevu (its
    west half, with the town Savu) and Eastern Lomaloma (its east half); the other halves are nobody's.
    Tasi island has `tasi_claims` claims (1 to 3: reported, denied, planned) and the town `levuka` on it."""
    os.makedirs(path)
    nalevu, koro, tasi = blob(-215, 15, 38, 56, sx=1.3), blob(-120, -55, 14, 32), blob(0, -10, 22, 48, sx=1.4)
    loma, ono = blob(150, -5, 30, 48, k=(0.12, 2, 0.15, 4), sx=0.9), blob(245, 60, 12, 32)
    dump(path, "islands.geojson", [feature({"name": "Tavua Islands"}, {"type": "MultiPolygon", "coordinates": [
        [lonlat(p)] for p in (nalevu, koro, tasi, loma, ono)]})])
    dump(path, "zones.geojson", [
        feature({"id": "nalevu-west", "name": "Western Nalevu"}, {"type": "Polygon", "coordinates": [lonlat(half(nalevu, True, -215))]}),
        feature({"id": "koro", "name": "Koro island"}, {"type": "Polygon", "coordinates": [lonlat(koro)]}),
        feature({"id": "tasi", "name": "Tasi island"}, {"type": "Polygon", "coordinates": [lonlat(tasi)]}),
        feature({"id": "loma-east", "name": "Eastern Lomaloma"}, {"type": "Polygon", "coordinates": [lonlat(half(loma, False, 150))]}),
        feature({"id": "ono", "name": "Ono"}, {"type": "Polygon", "coordinates": [lonlat(ono)]})])
    towns = [("Savu", -240, 20, 1), ("Naqara", -190, 5, 2), ("Lekutu", -120, -52, 2), (levuka, -8, -8, 1),
             ("Tubou", 140, -10, 1), ("Waiqele", 168, 4, 2)]
    dump(path, "towns.geojson", [feature({"name": n, "label_rank": r}, {"type": "Point", "coordinates": lonlat([(x, y)])[0]})
                                 for n, x, y, r in towns])
    quotes = {"tasi": "Rebel fighters have held Tasi island since Saturday.",
              "tasi-denied": "The government denied that rebels hold Tasi island.",
              "tasi-plan": "The army would retake the island within days.",
              "nalevu-west": "Government troops control western Nalevu around Savu.",
              "koro": "The navy plans to evacuate Koro island before the cyclone season.",
              "ono": "Forecasters expect the storm surge to flood most of Ono.",
              "loma-east": "The eastern half of Lomaloma is in the hands of the Tubou chiefs.",
              "loma-denied": "The chiefs say they will hand eastern Lomaloma back after the talks."}
    open(os.path.join(path, "daily.txt"), "w").write(" ".join(quotes.values()) + "\n")
    claims = []
    tasi = [("tasi", "rebel", "reported", "tasi"), ("tasi", "rebel", "denial", "tasi-denied"), ("tasi", "army", "plan", "tasi-plan")]
    for zone, status, modality, q in tasi[:tasi_claims] + [("nalevu-west", "army", "reported", "nalevu-west"),
                                      ("koro", "evac", "plan", "koro"), ("ono", "flood", "projection", "ono"),
                                      ("loma-east", "chiefs", "reported", "loma-east"),
                                      ("loma-east", "chiefs", "denial", "loma-denied")]:
        claims += claim(zone, status, modality, quotes[q].rstrip("."))
    return write_project(path, "Tavua: who holds which island",
                         [("islands.geojson", "outline", "Tavua Islands"), ("towns.geojson", "localities", "Town")],
                         [("rebel", "Held by rebels"), ("army", "Held by troops"), ("evac", "Evacuation"),
                          ("flood", "Flooded"), ("chiefs", "Held by the chiefs")], claims)


def enclave(path):
    """A country round a neighbour's enclave, with a ring-shaped zone (a road belt) round the enclave zone
    (audit s13's c-ostvald with its land layer): every path from the enclave out crosses the ring."""
    os.makedirs(path)
    land = [(-90, -70), (90, -70), (90, 70), (-90, 70)]
    outer, inner = blob(0, 0, 18, 64, sx=1.3, k=(0.04, 3, 0.02, 5)), blob(0, 0, 9, 48, sx=1.4, k=(0.08, 2, 0.03, 4))
    dump(path, "land.geojson", [feature({"name": "Ostvald"}, {"type": "Polygon", "coordinates": [lonlat(land, 9.6, 47.5)]})])
    dump(path, "zones.geojson", [
        feature({"id": "enclave", "name": "Carosse enclave of Sainte-Ilse"}, {"type": "Polygon", "coordinates": [lonlat(inner, 9.6, 47.5)]}),
        feature({"id": "ring", "name": "Ring road belt"}, {"type": "Polygon", "coordinates": [lonlat(outer, 9.6, 47.5), lonlat(inner[::-1], 9.6, 47.5)]}),
        feature({"id": "north", "name": "North ridge"}, {"type": "Polygon", "coordinates": [lonlat([(-80, 40), (20, 40), (25, 66), (-85, 66)], 9.6, 47.5)]}),
        feature({"id": "south", "name": "South shore"}, {"type": "Polygon", "coordinates": [lonlat([(-45, -66), (80, -66), (85, -44), (-40, -44)], 9.6, 47.5)]})])
    dump(path, "towns.geojson", [feature({"name": "Sainte-Ilse", "label_rank": 1}, {"type": "Point", "coordinates": lonlat([(-2, 0)], 9.6, 47.5)[0]})])
    quotes = {"enclave": "Carosse has sealed its enclave of Sainte-Ilse.",
              "ring": "The border guard patrols the ring road round the enclave.",
              "ring2": "Checkpoints were set up along the ring road.",
              "north": "The army holds the north ridge.", "south": "The south shore was evacuated."}
    open(os.path.join(path, "daily.txt"), "w").write(" ".join(quotes.values()) + "\n")
    claims = []
    for zone, status, q in [("enclave", "carosse", "enclave"), ("ring", "patrol", "ring"), ("ring", "check", "ring2"),
                            ("north", "army", "north"), ("south", "evac", "south")]:
        claims += claim(zone, status, "reported", quotes[q].rstrip("."))
    return write_project(path, "Ostvald around the enclave",
                         [("land.geojson", "land", "Ostvald"), ("towns.geojson", "localities", "Town")],
                         [("carosse", "Held by Carosse"), ("patrol", "Patrolled"), ("check", "Checkpoints"),
                          ("army", "Held by the army"), ("evac", "Evacuated")], claims)


def busy_town(path):
    """A town 4 km across with eight claims on it, north-west of a forest and a basin (audit s18's
    o-enclave, Marin): its name and eight badges, two rows of four, are set beside it."""
    os.makedirs(path)
    land = [(-90, -70), (90, -70), (90, 70), (-90, 70)]
    dump(path, "land.geojson", [feature({"name": "Veldria"}, {"type": "Polygon", "coordinates": [lonlat(land, 14.8, 47.3)]})])
    dump(path, "zones.geojson", [
        feature({"id": "town", "name": "Marin"}, {"type": "Polygon", "coordinates": [lonlat(blob(-7.6, 27.7, 2.0, 32, sx=1.25, k=(0, 1, 0, 1)), 14.8, 47.3)]}),
        feature({"id": "ridge", "name": "Kamen ridge"}, {"type": "Polygon", "coordinates": [lonlat(blob(18.9, 35.6, 3.8, 48, sx=3.1, k=(0, 1, 0, 1)), 14.8, 47.3)]}),
        feature({"id": "forest", "name": "Sava Forest Reserve"}, {"type": "Polygon", "coordinates": [lonlat(blob(3.9, 0.2, 10.2, 64, sx=1.4), 14.8, 47.3)]}),
        feature({"id": "basin", "name": "Lower Mura basin"}, {"type": "Polygon", "coordinates": [lonlat(blob(34, -27.6, 5.5, 48, sx=1.6), 14.8, 47.3)]})])
    statuses = [("curfew", "Curfew"), ("evac", "Evacuation"), ("flooded", "Flooded"), ("cutoff", "Cut off"),
                ("closed", "Shops closed"), ("sealed", "Sealed by the army"), ("plan", "Planned"), ("army", "Held by the army")]
    quotes = [f"Marin, report {i + 1}: {label.lower()}" for i, (_, label) in enumerate(statuses)]
    quotes += ["The forest is protected", "The basin is flooded", "The ridge is sealed"]
    open(os.path.join(path, "daily.txt"), "w").write(". ".join(quotes) + ".\n")
    claims = []
    for (key, _), q in zip(statuses, quotes):
        claims += claim("town", key, "reported", q)
    claims += claim("forest", "army", "reported", quotes[8]) + claim("basin", "flooded", "reported", quotes[9])
    claims += claim("ridge", "sealed", "reported", quotes[10])
    return write_project(path, "Marin and the forest", [("land.geojson", "land", "Veldria")], statuses, claims)


def districts(path):
    """Twenty districts in a jittered 5 x 4 grid with long two-word names, three claims each (audit s13's
    d-zarechye): a dense map, whose names do not all fit on a 90 mm figure."""
    os.makedirs(path)
    words = ["Dalny", "Gluboky", "Gremyachy", "Medvezhy", "Shiroky", "Staraya", "Tikhy", "Krasny", "Bely", "Cherny",
             "Zeleny", "Sukhoy", "Vysoky", "Nizhny", "Verkhny", "Dolgy", "Kamenny", "Lesnoy", "Polevoy", "Rechnoy"]
    kinds = ["Lug", "Log", "Ruchey", "Ugol", "Pad", "Melnitsa", "Bor", "Yar", "Dol", "Kut"]
    zones, claims, quotes = [], [], []
    for k in range(20):
        i, j = k % 5, k // 5
        x0, y0 = i * 20 + (3 if j % 2 else 0), j * 20
        zid = f"d{k}"
        zones.append(feature({"id": zid, "name": f"{words[k]} {kinds[k % 10]}skaya volost"},
                             {"type": "Polygon", "coordinates": [lonlat([(x0, y0), (x0 + 20, y0), (x0 + 20, y0 + 20), (x0, y0 + 20)], 40.0, 56.0)]}))
        for n, (status, modality) in enumerate([("held", "reported"), ("held", "denial"), ("aid", "plan")]):
            q = f"Report {k} {n}: the district {zid} is {status} by word {modality}"
            quotes.append(q + ".")
            claims += claim(zid, status, modality, q)
    dump(path, "zones.geojson", zones)
    dump(path, "land.geojson", [feature({"name": "Oblast"}, {"type": "Polygon", "coordinates": [lonlat([(-5, -5), (108, -5), (108, 85), (-5, 85)], 40.0, 56.0)]})])
    open(os.path.join(path, "daily.txt"), "w").write(" ".join(quotes) + "\n")
    return write_project(path, "Twenty districts", [("land.geojson", "outline", "Oblast")],
                         [("held", "Held"), ("aid", "Aid promised")], claims)


def canal_city(path):
    """Forty districts of a city in a jittered 8 x 5 grid of 3 km cells, one claim each, and a closed
    corridor 1 km wide along a canal running aslant across them, with two claims (audit s11's
    c-marrow): a dense map, on which the corridor's numbers go beside it with a leader."""
    os.makedirs(path)
    lon0, lat0 = 16.2, 48.15

    def corner(i, j):
        jx = 0 if i in (0, 8) else ((i * 7 + j * 13) % 5 - 2) * 0.3
        jy = 0 if j in (0, 5) else ((i * 11 + j * 5) % 5 - 2) * 0.3
        return (i * 3 + jx, j * 3 + jy)

    heads = ["Ash", "Bel", "Cor", "Dun", "Elm", "Fen", "Gar", "Hal"]
    tails = ["ford", "mere", "wick", "gate", "hill"]
    zones, claims, quotes = [], [], []
    kinds = [("curfew", "reported"), ("looting", "reported"), ("cleared", "plan"), ("nowater", "projection")]
    for k in range(40):
        i, j = k % 8, k // 8
        name = heads[i] + tails[j]
        zones.append(feature({"id": f"d{k:02d}", "name": name}, {"type": "Polygon", "coordinates": [
            lonlat([corner(i, j), corner(i + 1, j), corner(i + 1, j + 1), corner(i, j + 1)], lon0, lat0)]}))
        status, modality = kinds[k % 4]
        q = f"In {name} the desk reports {status} by word {modality}"
        quotes.append(q + ".")
        claims += claim(f"d{k:02d}", status, modality, q)
    quotes += ["The corridor along the Ring Canal is closed to all traffic.",
               "Protest organisers denied that the corridor had been closed."]
    claims += claim("corridor", "closed", "reported", quotes[-2].rstrip("."))
    claims += claim("corridor", "closed", "denial", quotes[-1].rstrip("."))
    dump(path, "zones.geojson", zones)
    dump(path, "city.geojson", [feature({"name": "City"}, {"type": "Polygon", "coordinates": [
        lonlat([(0, 0), (24, 0), (24, 15), (0, 15)], lon0, lat0)]})])
    open(os.path.join(path, "daily.txt"), "w").write(" ".join(quotes) + "\n")
    canal = ", ".join("[%s, %s]" % tuple(pt) for pt in lonlat([(-2, 0.5), (9, 6), (17, 9.5), (26, 14.5)], lon0, lat0)[:-1])
    districts = ", ".join(f'"d{k:02d}"' for k in range(40))
    extra = ["[[line]]", 'id = "canal"', 'name = "Ring Canal"', f"coordinates = [{canal}]",
             "[[zone]]", 'id = "corridor"', 'name = "Canal corridor"', 'buffer = { of = "canal", km = 0.5 }',
             'intersect = ["outline"]', f"overlaps = [{districts}]"]
    return write_project(path, "Marrow: a closed corridor", [("city.geojson", "outline", "City")],
                         [("curfew", "Curfew"), ("looting", "Looting reported"), ("cleared", "To be cleared"),
                          ("nowater", "Water may be cut"), ("closed", "Closed to all traffic")], extra + claims)


def render(proj, page, out):
    p = run("render", proj, "-o", out, "--format", "svg", "--page", page, "-j", "1", env=EPOCH, check=0)
    return ET.parse(os.path.join(out, f"map-{page}.svg")).getroot(), p.stderr


def zone_rings(root):
    out = {}
    for g in group(root, "layer-zones").iter(SVG + "g"):
        if g.get("id", "").startswith("zone-"):
            out[g.get("id")[5:]] = rings(next(g.iter(SVG + "path")))
    return out


def leader_length_mm(root, zone):
    g = group(root, "leader-" + zone)
    if g is None:
        return 0
    paths = [rings(p)[0] for p in g.iter(SVG + "path")]
    end, tip = paths[0][0], (paths[1][0] if len(paths) > 1 else paths[0][-1])
    return math.hypot(tip[0] - end[0], tip[1] - end[1]) / MM


def label_middle(g):
    xs, ys = [], []
    for t in g.iter(SVG + "text"):
        xs.append(float(t.get("x")))
        ys.append(float(t.get("y")))
    return sum(xs) / len(xs), (min(ys) + max(ys)) / 2 - 3  # the text's middle, a little above its baseline


def of_zones(root, layer, head, zones):
    """(group, zone id) of each item of a layer whose id is `head` and a zone's id."""
    for g in group(root, layer).iter(SVG + "g"):
        gid = g.get("id", "")
        if gid.startswith(head) and gid[len(head):] in zones:
            yield g, gid[len(head):]


def badges_inside(root, zones, ids):
    """How many claim badges of these zones there are; each must lie on its zone."""
    n = 0
    for c in root.iter(SVG + "g"):
        m = re.match(r"marker-(.+)-\d+$", c.get("id", ""))
        if m and m.group(1) in ids:
            circle = next(c.iter(SVG + "circle"))
            assert inside(zones[m.group(1)], float(circle.get("cx")), float(circle.get("cy"))), c.get("id")
            n += 1
    return n


@test
def a_half_island_is_named_on_its_half_or_at_sea_never_on_the_unclaimed_half(tmp):
    # Audit s13 D1: "Western Nalevu" and its badge stood on the white, unclaimed half of its island,
    # 12.8 mm from the zone with a 2 mm arrow, reading as the other half's name.
    proj = islands(os.path.join(tmp, "tavua"))
    for page in ("170mm", "a4-portrait", "a4-landscape"):
        root, _ = render(proj, page, os.path.join(tmp, "out-" + page))
        zones = zone_rings(root)
        coast = [r for el in group(root, "layer-outline").iter(SVG + "path") for r in rings(el)]
        checked = 0
        for g, zone in of_zones(root, "layer-labels", "label-", zones):
            x, y = label_middle(g)
            on_unclaimed = inside(coast, x, y) and not any(inside(rs, x, y) for rs in zones.values())
            assert not on_unclaimed or leader_length_mm(root, zone) >= 4, (page, zone, x, y)
            checked += 1
        assert checked == 5, (page, checked)
        # The half-islands' badges fit on them (D10: Eastern Lomaloma's stood at sea 8-15 mm off).
        assert badges_inside(root, zones, ("nalevu-west", "loma-east")) == 3, page


@test
def an_enclaves_badge_stays_inside_and_no_leader_crosses_the_ring_around_it(tmp):
    # Audit s13 D4: the enclave's name and badge were set outside the ring road belt round it, led
    # 14-20 mm across the ring, while its badge (and, smaller, its name) fitted inside.
    proj = enclave(os.path.join(tmp, "ostvald"))
    # On A4 portrait and at 170 mm the enclave holds its badge but not its name, even in three lines at
    # the smallest size: a leader across the ring, the short way, is then the only way to it. On A4
    # landscape the name fits inside.
    for page in ("a4-landscape", "a4-portrait", "170mm"):
        root, _ = render(proj, page, os.path.join(tmp, "out-" + page))
        zones = zone_rings(root)
        assert badges_inside(root, zones, ("enclave",)) == 1, page
        for g, target in of_zones(root, "layer-leaders", "leader-", zones):
            (x0, y0), (x1, y1) = rings(next(g.iter(SVG + "path")))[0][:2]
            steps = max(1, int(math.hypot(x1 - x0, y1 - y0) / (0.2 * MM)))
            for zone, rs in zones.items():
                if zone == target:
                    continue
                over = sum(inside(rs, x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * i / steps) for i in range(steps + 1))
                if page != "a4-landscape":
                    assert over * 0.2 < 9, (page, g.get("id"), "runs", over * 0.2, "mm across", zone)
                else:
                    assert over * 0.2 < 1.0, (page, g.get("id"), "runs", over * 0.2, "mm across", zone)


@test
def zones_left_unnamed_on_a_dense_figure_are_named_in_a_warning(tmp):
    # Audit s13 D7: six districts of a 90 mm figure went out with their numbers only, and no word.
    proj = districts(os.path.join(tmp, "grid"))
    root, stderr = render(proj, "90mm", os.path.join(tmp, "out"))
    zones = zone_rings(root)
    named = {zone for _, zone in of_zones(root, "layer-labels", "label-", zones)}
    unnamed = [z for z in zones if z not in named]
    assert unnamed, "every district is named: the figure no longer tests what it should"
    names = {f["properties"]["id"]: f["properties"]["name"]
             for f in json.load(open(os.path.join(proj, "zones.geojson")))["features"]}
    warning = next((l for l in stderr.splitlines() if "no room for a name" in l and "zone" in l), "")
    assert warning, stderr
    for z in unnamed:
        assert names[z] in warning, (z, warning)


@test
def a_town_the_map_must_name_keeps_its_name_when_its_islands_name_is_set_smaller(tmp):
    # zonefix2 (86efc2c): with three claims, "Tasi island" was set smaller inside its island, its badges
    # beside it, and took the room beside Levuka Tasi's dot: the capital (label_rank 1) was drawn as a
    # dot without a name on A4 portrait and at 170 mm, as on audit s13's a-tavua. Each such town's name
    # now keeps one of its spots free while the zone's name and badges are fitted.
    proj = islands(os.path.join(tmp, "tavua3"), tasi_claims=3, levuka="Levuka Tasi")
    for page in ("170mm", "a4-portrait", "a4-landscape"):
        root, stderr = render(proj, page, os.path.join(tmp, "out-" + page))
        assert "label_rank 1" not in stderr, (page, stderr)
        for town in ("Savu", "Levuka-Tasi", "Tubou"):
            assert group(root, "locality-dot-" + town) is not None, (page, town)
            assert group(root, "locality-" + town) is not None, (page, town, "drawn unnamed")
        # Tasi island is still named and its three badges are drawn.
        assert group(root, "label-tasi") is not None, page
        assert sum(1 for g in root.iter(SVG + "g") if re.fullmatch(r"marker-tasi-\d+", g.get("id", ""))) == 3, page


@test
def a_corridor_across_a_dense_citys_districts_is_named_along_it(tmp):
    # Audit s11 c-marrow: the canal corridor's numbers found no room inside, went beside it with a
    # leader, and only zones whose numbers had no leader were tried again for a name: the corridor went
    # unnamed on every page. Its name now runs along it, inside, across the canal's own line.
    proj = canal_city(os.path.join(tmp, "marrow"))
    for page in ("a4-landscape", "a4-portrait"):
        root, stderr = render(proj, page, os.path.join(tmp, "out-" + page))
        assert "Canal corridor" not in stderr, (page, stderr)
        assert group(root, "leader-corridor") is not None, (page, "the corridor's numbers are no longer led")
        label = group(root, "label-corridor")
        assert label is not None, page
        assert label.get("data-along") == "inside", (page, label.attrib)
        # The name's middle lies on the corridor (its text is turned about its anchor).
        text = next(t for t in label.iter(SVG + "text") if t.get("aria-hidden") != "true")
        corridor = zone_rings(root)["corridor"]
        assert inside(corridor, float(text.get("x")), float(text.get("y")) - 2), (page, text.get("x"), text.get("y"))


def leader_ends_off_ink(root):
    """(zone, mm) of the main map's zone leaders whose label end lies over 0.3 mm from its label's ink: a
    badge of the zone's (its circle) or a line of its name (the text's line band, its width taken as
    0.62 em a character, wide enough for bold Latin)."""
    out = []
    for g in group(root, "layer-leaders").iter(SVG + "g"):
        gid = g.get("id", "")
        if not gid.startswith("leader-") or "-part-" in gid:
            continue
        zone = gid[len("leader-"):]
        x, y = map(float, re.match(r"M([-\d.]+) ([-\d.]+)", g.find(SVG + "path").get("d")).groups())
        best = math.inf
        for m in group(root, "layer-markers").iter(SVG + "g"):
            c = m.find(SVG + "circle")
            if m.get("data-zone") == zone and m.get("id", "").startswith("marker-") and c is not None:
                gap = math.hypot(x - float(c.get("cx")), y - float(c.get("cy"))) - float(c.get("r"))
                best = min(best, max(0.0, gap))
        label = group(root, "label-" + zone)
        for t in [] if label is None else label.iter(SVG + "text"):
            if t.get("aria-hidden"):
                continue  # the halo's copy
            fs, tx, ty = float(t.get("font-size")), float(t.get("x")), float(t.get("y"))
            dx = max(0.0, abs(x - tx) - 0.31 * fs * len(t.text or ""))
            dy = max(0.0, ty - fs - y, y - ty - 0.4 * fs)
            best = min(best, math.hypot(dx, dy))
        if best > 0.3 * MM:
            out.append((zone, round(best / MM, 2)))
    return out


@test
def a_zone_leader_ends_on_its_names_ink_not_on_the_blank_corner_of_its_block(tmp):
    # Audit s15 D2: a leader ran to the nearest point of its label's box. Under a wide name a short row
    # of badges leaves the box's corners blank: the Aiguille hamlet's arrow (d-orsenne, 90 mm) stopped
    # 3.3 mm from its numbers and reached nothing, and so did Eastern Gaza City's on the 170 mm figure
    # (3.2 mm short). It now ends on a badge's rim or a line of the name, the nearest.
    # Since band labels, Gaza's 170 mm figure names Eastern Gaza City on the zone: the narrower figures
    # still lead names, on all three bundled projects.
    led = 0
    for project, page in ((GAZA, "100mm"), (GAZA, "90mm"), (os.path.join(ROOT, "geodata", "example-solund"), "100mm"),
                          (os.path.join(ROOT, "geodata", "example-brenna"), "90mm")):
        out = os.path.join(tmp, os.path.basename(project) + "-" + page)
        run("render", project, "-o", out, "-q", "--format", "svg", "--page", page, "-j", "1", env=EPOCH, check=0)
        root = ET.parse(os.path.join(out, "map-" + page + ".svg")).getroot()
        led += sum(1 for g in group(root, "layer-leaders").iter(SVG + "g") if g.get("id", "").startswith("leader-"))
        assert not leader_ends_off_ink(root), (project, page, leader_ends_off_ink(root))
    assert led, "the narrow figures have led zone names"  # the rule was met, not avoided


def bridge_town(path):
    """A town of two districts across a river (audit s15's a-velmont): its landmarks layer (localities)
    holds "Old Bridge" 36 m from the claimed [[place]] Old Bridge, as a hand-placed dot lands."""
    os.makedirs(path)
    lon0, lat0 = 14.5, 46.04
    dump(path, "town.geojson", [feature({"name": "Velmont"}, {"type": "Polygon", "coordinates": [lonlat(
        [(-3, -2), (3, -2), (3, 2), (-3, 2)], lon0, lat0)]})])
    dump(path, "zones.geojson", [
        feature({"id": "west", "name": "Left bank"}, {"type": "Polygon", "coordinates": [lonlat([(-3, -2), (0, -2), (0, 2), (-3, 2)], lon0, lat0)]}),
        feature({"id": "east", "name": "Right bank"}, {"type": "Polygon", "coordinates": [lonlat([(0, -2), (3, -2), (3, 2), (0, 2)], lon0, lat0)]})])
    bridge = lonlat([(0.4, 0.5)], lon0, lat0)[0]
    dump(path, "landmarks.geojson", [feature({"name": n}, {"type": "Point", "coordinates": lonlat([(x, y)], lon0, lat0)[0]})
                                     for n, x, y in (("Old Bridge", 0.4 + 0.029, 0.5 + 0.02), ("Castle", -1.8, 1.1))])
    quotes = ["The left bank is under curfew", "The right bank is under curfew", "The Old Bridge remains open to pedestrians"]
    open(os.path.join(path, "daily.txt"), "w").write(". ".join(quotes) + ".\n")
    claims = claim("west", "curfew", "reported", quotes[0]) + claim("east", "curfew", "reported", quotes[1])
    claims += ["[[claim]]", 'place = "old-bridge"', 'status = "open"', 'modality = "reported"', 'attributed_to = "the paper"',
               f'cite = [{{ source = "daily", quote = "{quotes[2]}" }}]',
               "[[place]]", 'id = "old-bridge"', 'name = "Old Bridge"', f"coordinates = [{bridge[0]}, {bridge[1]}]"]
    return write_project(path, "Velmont under curfew",
                         [("town.geojson", "outline", "Velmont"), ("landmarks.geojson", "localities", "Landmarks")],
                         [("curfew", "Under curfew"), ("open", "Open to pedestrians")], claims)


@test
def a_landmark_and_a_place_of_one_name_at_one_spot_are_named_once_and_an_enclave_label_names_its_town(tmp):
    # Audit s15 D8: a-velmont's landmark "Old Bridge", 36 m from the [[place]] Old Bridge, was not
    # merged with it: two symbols, and the landmark left out with the advice to raise its label_rank.
    # Now the place stands for both: one symbol, one name, no warning.
    proj = bridge_town(os.path.join(tmp, "velmont"))
    for page in ("170mm", "a4-landscape", "90mm"):
        root, err = render(proj, page, os.path.join(tmp, "out-" + page))
        assert "Old Bridge" not in err, (page, err)
        assert group(root, "place-old-bridge") is not None and group(root, "label-old-bridge") is not None, page
        assert group(root, "locality-dot-Old Bridge") is None and group(root, "locality-Old Bridge") is None, page
    # Zonefix2's enclave: "Carosse enclave of Sainte-Ilse" set inside in three lines, the town Sainte-Ilse
    # (label_rank 1) keeps its dot beside it without its own name: the label names it, and the warning
    # that it is drawn unnamed was untrue.
    proj = enclave(os.path.join(tmp, "ostvald"))
    for page in ("a4-landscape", "a4-portrait"):
        root, err = render(proj, page, os.path.join(tmp, "encl-" + page))
        assert "Sainte-Ilse" not in err, (page, err)
        named = group(root, "locality-Sainte-Ilse") is not None
        label = group(root, "label-enclave")
        assert named or (label is not None and "Sainte-Ilse" in " ".join(label.itertext())), page


@test
def a_zone_named_beside_it_without_a_leader_has_its_badges_touching_it(tmp):
    # Audit s16's h-wadi at 90 mm: "Buffer zone 8 9" touched its 1.5 km band by a corner of the block, the
    # badges 5-8 mm off it, beside another zone's inset frame, so the block read as naming that square (D9).
    proj = wadi_band(os.path.join(tmp, "wadi"))
    for page in ("90mm", "a4-landscape"):
        root, _ = render(proj, page, os.path.join(tmp, "wadi-" + page))
        for zid, rs in zone_rings(root).items():
            if group(root, "leader-" + zid) is not None:
                continue
            gaps = []
            for g in root.iter(SVG + "g"):
                if g.get("id", "").startswith(f"marker-{zid}-"):
                    c = g.find(SVG + "circle")
                    x, y, r = float(c.get("cx")), float(c.get("cy")), float(c.get("r"))
                    gaps.append(0.0 if inside(rs, x, y) else distance(rs, x, y) - r)
            # badge_touch_reach: the nearest badge's edge within 1 mm of the zone (the others follow it).
            assert not gaps or min(gaps) <= 1.2 * MM, (page, zid, round(min(gaps) / MM, 1))


@test
def a_zones_name_never_breaks_between_a_generic_and_its_name(tmp):
    # Audit s17 D14: "Valle inferior del río / Chico" on i-chubut's 90 mm figure; the river's name read as
    # two words. Wrapped here on both pages, as "Valle inferior del / río Chico".
    proj = enclave(os.path.join(tmp, "valle"))
    zones = os.path.join(proj, "zones.geojson")
    text = open(zones).read()
    open(zones, "w").write(text.replace("South shore", "Valle inferior del r\u00edo Chico"))
    for page in ("90mm", "a4-portrait"):
        root, _ = render(proj, page, os.path.join(tmp, "valle-" + page))
        lines = [t.text for t in group(root, "label-south").iter(SVG + "text") if t.get("aria-hidden") != "true"]
        assert len(lines) > 1 and any("r\u00edo Chico" in line for line in lines), (page, lines)


@test
def an_enclave_in_a_zones_hole_is_named_on_that_zone_beside_it_not_led_out_across_it(tmp):
    # Audit s18 D3: "Holm", the enclave in the forest's hole, was set below the whole forest with a 14.5 mm
    # leader across it. The zone round an enclave holds it as a district holds a nested zone: the name
    # goes on it, by the enclave. Here the ring road belt round the enclave: its name does not fit inside
    # on these pages (the badge does), and was led in across the belt from outside it.
    proj = enclave(os.path.join(tmp, "ostvald"))
    for page in ("a4-portrait", "170mm"):
        root, _ = render(proj, page, os.path.join(tmp, "out-" + page))
        zones = zone_rings(root)
        shell = max(zones["ring"], key=lambda r: (max(p[0] for p in r) - min(p[0] for p in r)) *
                                                 (max(p[1] for p in r) - min(p[1] for p in r)))
        x, y = label_middle(group(root, "label-enclave"))
        assert inside([shell], x, y), (page, "the enclave's name lies off the belt round it", x / MM, y / MM)
        assert group(root, "leader-enclave") is None, (page, "led", leader_length_mm(root, "enclave"), "mm")


@test
def a_towns_block_of_many_badges_set_by_it_without_a_leader_faces_it(tmp):
    # Audit s18 D8: "Marin" and its eight badges in two rows stood above and to the left of the 9 mm town,
    # touching it by one corner badge, the far badges 8-10 mm off, with no leader. Set by the zone with no
    # leader, the block's middle lies over the zone's width or beside its height.
    proj = busy_town(os.path.join(tmp, "marin"))
    for page in ("a5", "90mm"):
        root, _ = render(proj, page, os.path.join(tmp, "out-" + page))
        if group(root, "leader-town") is not None:
            continue
        zone = [p for r in zone_rings(root)["town"] for p in r]
        xs, ys = [], []
        for g in root.iter(SVG + "g"):
            if re.match(r"marker-town-\d+$", g.get("id", "")):
                c = g.find(SVG + "circle")
                xs.append(float(c.get("cx")))
                ys.append(float(c.get("cy")))
        x, y = label_middle(group(root, "label-town"))
        xs.append(x)
        ys.append(y)
        assert len(xs) == 9, (page, len(xs))
        mx, my = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
        over = min(p[0] for p in zone) <= mx <= max(p[0] for p in zone)
        level = min(p[1] for p in zone) <= my <= max(p[1] for p in zone)
        assert over or level, (page, "the block hangs off the town's corner", mx / MM, my / MM)


@test
def an_islands_badge_set_apart_from_its_led_name_on_the_far_shore_goes_against_the_island(tmp):
    # Audit s18 D1 (m-lago at 60 mm): no spot by the lake's island held its name and badge together, so the
    # block went beside it with a leader, and badge 6, under the name, stood on the lake's east shore 8.5 mm
    # from the island, reading as a claim on the shore. Its badge goes against the island on the lake, and
    # the name apart.
    proj = os.path.join(ROOT, "tests", "data", "lago-island")  # audit s18's m-lago
    root, _ = render(proj, "60mm", os.path.join(tmp, "out"))
    island = zone_rings(root)["isola"]
    c = group(root, "marker-isola-6").find(SVG + "circle")
    x, y, r = float(c.get("cx")), float(c.get("cy")), float(c.get("r"))
    gap = 0.0 if inside(island, x, y) else distance(island, x, y) - r
    # badge_touch_reach: its edge within 1 mm of the island's outline.
    assert gap <= 1.2 * MM, round(gap / MM, 1)


if __name__ == "__main__":
    main()

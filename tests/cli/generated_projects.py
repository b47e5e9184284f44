"""Projects written from scratch for the figure tests, as an author would write them: GeoJSON, map.toml and
an article. Nothing in them is tuned to citemap's layout: sizes, names and quotes come from a few numbers
and a seed."""
import json, math, os, random


def lonlat(x_km, y_km, lon0, lat0):
    return [round(lon0 + x_km / (111.32 * math.cos(math.radians(lat0))), 7), round(lat0 + y_km / 110.57, 7)]


def ring(points, lon0, lat0):
    r = [lonlat(x, y, lon0, lat0) for x, y in points]
    return [r + [r[0]]]


def square(cx, cy, w, h, lon0, lat0):
    return ring([(cx - w / 2, cy - h / 2), (cx + w / 2, cy - h / 2), (cx + w / 2, cy + h / 2), (cx - w / 2, cy + h / 2)],
                lon0, lat0)


def ellipse(cx, cy, rx, ry, n=40):
    return [(cx + rx * (1 + 0.06 * math.sin(5 * a) + 0.04 * math.cos(11 * a)) * math.cos(a),
             cy + ry * (1 + 0.06 * math.sin(5 * a) + 0.04 * math.cos(11 * a)) * math.sin(a))
            for a in (2 * math.pi * i / n for i in range(n))]


def feature(props, coords):
    return {"type": "Feature", "properties": props, "geometry": {"type": "Polygon", "coordinates": coords}}


def write(path, name, features):
    json.dump({"type": "FeatureCollection", "features": features}, open(os.path.join(path, name), "w", encoding="utf-8"))


def write_towns(path, towns, lon0, lat0):
    """towns.geojson: (name, x km, y km, label_rank) a town."""
    write(path, "towns.geojson", [{"type": "Feature", "properties": {"name": n, "label_rank": k},
                                   "geometry": {"type": "Point", "coordinates": lonlat(x, y, lon0, lat0)}} for n, x, y, k in towns])


def toml_project(path, title, statuses, claims, layers, extra=""):
    """claims: (zone, status, modality, sentence); the article is the sentences, one paragraph each."""
    open(os.path.join(path, "article.txt"), "w", encoding="utf-8").write("\n\n".join(c[3] for c in claims) + "\n")
    out = [f'title = "{title}"', extra,
           '[[source]]', 'id = "a"', 'file = "article.txt"', 'title = "Field report"', 'publisher = "A monitor"',
           'published = "2027-01-01"', '[zones]', 'file = "zones.geojson"']
    for file, role, lname in layers:
        out += ['[[layer]]', f'file = "{file}"', f'role = "{role}"', f'name = "{lname}"']
    for key, label in statuses:
        out += [f"[status.{key}]", f'label = "{label}"']
    for zone, status, modality, sentence in claims:
        out += ["[[claim]]", f'zone = "{zone}"', f'status = "{status}"', f'modality = "{modality}"',
                'attributed_to = "the monitor"', f'cite = [{{ source = "a", quote = "{sentence}" }}]']
    open(os.path.join(path, "map.toml"), "w", encoding="utf-8").write("\n".join(out) + "\n")
    return path


STATUSES = [("held", "Held by the government"), ("rebel", "Held by rebel forces"), ("contested", "Contested"),
            ("calm", "No fighting reported")]
SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ba", "de", "fu", "go"]


def name_of(k, seed):
    return (SYLLABLES[(k + seed) % 12] + SYLLABLES[(3 * k + seed) % 12] + SYLLABLES[(k // 12 + seed) % 12]).capitalize()


LONG_STATUSES = [(f"s{k}", f"{what} according to the {who} and the reports of the monitoring mission in the area")
                 for k, (what, who) in enumerate([("Held by the government", "interior ministry"),
                                                  ("Held by rebel forces", "rebel command"),
                                                  ("Contested", "local council"), ("No fighting reported", "red cross"),
                                                  ("Under curfew", "army"), ("Evacuated", "aid agencies"),
                                                  ("Shelled", "residents"), ("Besieged", "observers")])]


def regions(path, zones=6, seed=1, wide=1.6, theme=None, long_quotes=False, modalities=("reported",),
            statuses=STATUSES, cluster=0):
    """A land `wide` times as wide as it is tall split into `zones` regions in a grid, one claim each (and
    a second of another modality on every third when several modalities are given); with `cluster`, as
    many posts of about a square kilometre spread over some 12 km by the land's eastern coast."""
    os.makedirs(path, exist_ok=True)
    lon0, lat0 = 22.0, 41.0
    rnd = random.Random(seed)
    H = 120.0
    W = H * wide
    write(path, "land.geojson", [feature({"name": "Varnland"}, ring(ellipse(0, 0, W / 2, H / 2), lon0, lat0))])
    write(path, "sea.geojson", [feature({"name": "Sea"}, square(0, 0, W * 1.6, H * 1.6, lon0, lat0))])
    cols = max(1, round(math.sqrt(zones * wide)))
    rows = math.ceil(zones / cols)
    feats, claims = [], []
    for k in range(zones):
        cx = -W * 0.32 + (k % cols + 0.5) * W * 0.64 / cols
        cy = -H * 0.3 + (k // cols + 0.5) * H * 0.6 / rows
        w, h = W * 0.5 / cols * (0.7 + 0.3 * rnd.random()), H * 0.45 / rows * (0.7 + 0.3 * rnd.random())
        name = name_of(k, seed) + " district"
        feats.append(feature({"id": f"z{k}", "name": name}, square(cx, cy, w, h, lon0, lat0)))
        status = statuses[k % len(statuses)][0]
        words = " and the roads around it were quiet for most of the week" * (3 if long_quotes else 0)
        claims.append((f"z{k}", status, "reported", f"Observers said {name} was {status} on {k + 3} March{words}."))
        if len(modalities) > 1 and k % 3 == 2:
            m = modalities[(k // 3) % len(modalities)]
            claims.append((f"z{k}", statuses[(k + 1) % len(statuses)][0], m,
                           f"A statement of {k + 9} March said {name} would change hands ({m})."))
    for k in range(cluster):
        x, y = W * 0.4 + 4 * (k % 3) + rnd.random(), -H * 0.1 + 4 * (k // 3) + rnd.random()
        name = name_of(k + 20, seed) + " post"
        feats.append(feature({"id": f"p{k}", "name": name}, square(x, y, 0.9, 0.9, lon0, lat0)))
        claims.append((f"p{k}", statuses[k % len(statuses)][0], "reported", f"Monitors at {name} reported it {k + 1} times."))
    write(path, "zones.geojson", feats)
    return toml_project(path, "Fighting in Varnland (generated)", statuses, claims,
                        [("sea.geojson", "sea", "Sea"), ("land.geojson", "outline", "Varnland")],
                        f'theme = "{theme}"' if theme else "")


def two_cities(path, wards=30, seed=3):
    """A land 320 by 220 km in four regions, with two cities of `wards` wards each: squares of 0.5 to 1.5 km
    on a 2.2 km grid (audit-8-s10's twocity: 60 wards in two cities 8 mm across on a national map)."""
    os.makedirs(path, exist_ok=True)
    lon0, lat0 = -5.0, 35.0
    rnd = random.Random(seed)
    regions_ = [("nw", "North-western plains", -80, 60), ("ne", "North-eastern highlands", 80, 60),
                ("sw", "South-western delta", -80, -60), ("se", "South-eastern forest", 80, -60)]
    statuses = [("lock", "Under lockdown"), ("riot", "Unrest reported"), ("calm", "Calm"), ("army", "Army deployed")]
    feats, claims = [], []

    def claim(zid, name):
        n = len(claims) + 1
        s = statuses[n % 4][0]
        claims.append((zid, s, "reported", f"Report {n} says {name} is {s}."))

    for rid, rname, x, y in regions_:
        feats.append(feature({"id": rid, "name": rname}, square(x, y, 160, 120, lon0, lat0)))
        claim(rid, rname)
    cols = math.ceil(math.sqrt(wards * 1.2))
    for c, (cx, cy) in enumerate(((-60, 30), (70, -40))):
        for k in range(wards):
            x = cx + (k % cols - (cols - 1) / 2) * 2.2 + (rnd.random() - 0.5) * 0.6
            y = cy + (k // cols) * 2.2 + (rnd.random() - 0.5) * 0.6
            s = 0.5 + rnd.random()
            name = f"{name_of(k, 5 * c)} {k + 1}"
            feats.append(feature({"id": f"c{c}w{k}", "name": name}, square(x, y, s, s, lon0, lat0)))
            claim(f"c{c}w{k}", name)
    write(path, "zones.geojson", feats)
    write(path, "land.geojson", [feature({"name": "Tamberu"}, ring(ellipse(0, 0, 160, 110, 48), lon0, lat0))])
    write(path, "sea.geojson", [feature({"name": "Sea"}, square(0, 0, 440, 320, lon0, lat0))])
    return toml_project(path, "Unrest in the cities (generated)", statuses, claims,
                        [("sea.geojson", "sea", "Sea"), ("land.geojson", "outline", "Tamberu")])


def varied_districts(path, n, seed=7):
    """n districts on a grid, one claim each, whose quotes run from a few words to several lines: the
    citations of a dense project are not all one height."""
    os.makedirs(path, exist_ok=True)
    lon0, lat0 = 10.0, 50.0
    rnd = random.Random(seed)
    cols = math.ceil(math.sqrt(n * 1.5))
    rows = math.ceil(n / cols)
    feats, claims = [], []
    filler = "and the people living there said the night had passed without shooting or shelling"
    for k in range(n):
        x, y = (k % cols) * 1.6, (k // cols) * 1.6
        name = f"District {k + 1}"
        feats.append(feature({"id": f"d{k}", "name": name}, square(x, y, 1.2, 1.2, lon0, lat0)))
        words = " ".join([filler] * rnd.choice((0, 0, 1, 2, 4)))
        claims.append((f"d{k}", STATUSES[k % 3][0], "reported", f"{name} was quiet on day {k + 1} {words}".strip() + "."))
    write(path, "zones.geojson", feats)
    return toml_project(path, "Generated districts with long and short quotes", STATUSES[:3], claims, [],
                        'crs = "EPSG:3035"')


def blob(cx, cy, r, n=40, sx=1.0):
    """A rounded island of radius r km (sx: stretched east-west)."""
    return [(cx + sx * r * (1 + 0.18 * math.sin(3 * a) + 0.1 * math.cos(5 * a)) * math.cos(a),
             cy + r * (1 + 0.18 * math.sin(3 * a) + 0.1 * math.cos(5 * a)) * math.sin(a))
            for a in (2 * math.pi * i / n for i in range(n))]


def west_of(pts, x0, keep_west=True):
    """The part of a convex-ish ring west (or east) of x = x0 km."""
    out = []
    for i, a in enumerate(pts):
        b = pts[(i + 1) % len(pts)]
        ina, inb = (a[0] <= x0) == keep_west, (b[0] <= x0) == keep_west
        if ina:
            out.append(a)
        if ina != inb:
            out.append((x0, a[1] + (x0 - a[0]) / (b[0] - a[0]) * (b[1] - a[1])))
    return out


def archipelago(path):
    """Audit s13's a-tavua without the date line: seven islands in a row 520 km long and 130 km high, six
    zones (two of them half an island), nine claims, nine towns of which three must be named (label_rank 1)."""
    os.makedirs(path, exist_ok=True)
    lon0, lat0 = 150.0, -16.8
    nalevu, koro, vatu = blob(-215, 15, 38, 56, 1.3), blob(-120, -55, 14, 32), blob(-60, 45, 8, 24)
    tasi, loma, ono, wail = blob(0, -10, 22, 48, 1.4), blob(150, -5, 30, 48, 0.9), blob(245, 60, 12, 32), blob(95, 70, 7, 24)
    islands = [nalevu, koro, vatu, tasi, loma, ono, wail]
    write(path, "islands.geojson", [{"type": "Feature", "properties": {"name": "Tavua Islands"},
                                     "geometry": {"type": "MultiPolygon", "coordinates": [ring(i, lon0, lat0) for i in islands]}}])
    write(path, "sea.geojson", [feature({"name": "Koro Sea"}, square(0, 0, 900, 700, lon0, lat0))])
    zones = [("nalevu-west", "Western Nalevu", [west_of(nalevu, -215)]), ("koro", "Koro island", [koro]),
             ("tasi", "Tasi island", [tasi]), ("loma-east", "Eastern Lomaloma", [west_of(loma, 150, False)]),
             ("ono", "Ono", [ono]), ("channel-islets", "Channel islets", [vatu, wail])]
    write(path, "zones.geojson", [{"type": "Feature", "properties": {"id": z, "name": n},
                                   "geometry": {"type": "MultiPolygon", "coordinates": [ring(p, lon0, lat0) for p in parts]}}
                                  for z, n, parts in zones])
    towns = [("Savu", -240, 20, 1), ("Naqara", -190, 5, 2), ("Lekutu", -120, -52, 2), ("Vatu", -60, 45, 3),
             ("Levuka Tasi", -8, -8, 1), ("Delai", 12, -14, 2), ("Tubou", 140, -10, 1), ("Waiqele", 168, 4, 2),
             ("Ono Wharf", 247, 58, 3)]
    write_towns(path, towns, lon0, lat0)
    statuses = [("rebel", "Held by rebels"), ("army", "Held by government troops"), ("evacuation", "Evacuation"),
                ("flood", "Flooded by storm surge"), ("chiefs", "Held by the Tubou chiefs"), ("ban", "Fishing banned")]
    claims = [("tasi", "rebel", "reported", "Rebel fighters have held Tasi island since Saturday."),
              ("tasi", "rebel", "denial", "The government denied that rebels hold Tasi island."),
              ("tasi", "army", "plan", "A spokesman said the army would retake the island within days."),
              ("nalevu-west", "army", "reported", "Government troops control western Nalevu around Savu."),
              ("koro", "evacuation", "plan", "The navy plans to evacuate Koro island before the cyclone season."),
              ("ono", "flood", "projection", "Forecasters expect the storm surge to flood most of Ono."),
              ("loma-east", "chiefs", "reported", "The eastern half of Lomaloma is in the hands of the Tubou chiefs."),
              ("loma-east", "chiefs", "denial", "The Tubou chiefs say they will hand eastern Lomaloma back after the talks."),
              ("channel-islets", "ban", "reported", "Fishing has been banned around the channel islets, Vatu and Wailagi.")]
    return toml_project(path, "Tavua: an archipelago (generated)", statuses, claims,
                        [("sea.geojson", "sea", "Koro Sea"), ("islands.geojson", "outline", "Tavua Islands"),
                         ("towns.geojson", "localities", "Town or village")])


def dense_grid(path):
    """Audit s13's d-zarechye: twenty districts in a jittered 5 x 4 grid (210 x 152 km) filling a province,
    neighbouring land all round, three claims each from six statuses and four modalities (sixty claims)."""
    os.makedirs(path, exist_ok=True)
    lon0, lat0 = 38.0, 54.0
    nx, ny, cw, ch = 5, 4, 42.0, 38.0

    def vertex(i, j):
        jx = 0 if i in (0, nx) else 9 * math.sin(1.7 * i + 2.3 * j)
        jy = 0 if j in (0, ny) else 8 * math.cos(2.1 * i + 1.3 * j)
        return (i * cw + jx, j * ch + jy)

    feats, claims = [], []
    statuses = [("held", "Held by the volunteer battalion"), ("evac", "Evacuated"), ("aid", "Receiving aid convoys"),
                ("flood", "Flooded"), ("mined", "Mined"), ("quiet", "Quiet")]
    modalities = ["reported", "plan", "projection", "denial"]
    for k in range(nx * ny):
        i, j = k % nx, k // nx
        name = name_of(k, 4).capitalize() + " district"
        feats.append(feature({"id": f"d{k}", "name": name},
                             ring([vertex(i, j), vertex(i + 1, j), vertex(i + 1, j + 1), vertex(i, j + 1)], lon0, lat0)))
        for c in range(3):
            status = statuses[(k + 2 * c) % 6][0]
            modality = modalities[(k + c) % 4] if c else "reported"
            claims.append((f"d{k}", status, modality, f"Report {3 * k + c + 1} says {name} is {status} ({modality})."))
    write(path, "zones.geojson", feats)
    border = ([vertex(i, 0) for i in range(nx + 1)] + [vertex(nx, j) for j in range(1, ny + 1)] +
              [vertex(i, ny) for i in range(nx - 1, -1, -1)] + [vertex(0, j) for j in range(ny - 1, 0, -1)])
    write(path, "province.geojson", [feature({"name": "Zarech province"}, ring(border, lon0, lat0))])
    write(path, "land.geojson", [feature({"name": "Neighbouring land"}, square(105, 76, 380, 320, lon0, lat0))])
    return toml_project(path, "Sixty claims on twenty districts (generated)", statuses, claims,
                        [("land.geojson", "land", "Neighbouring land"), ("province.geojson", "outline", "Zarech province")])
def river_strip(path, length_km=190, width_km=3, bends=3, seed=4, swing=0.12, wiggle=0.0):
    """A county crossed by a sinuous river, a strip `width_km` wide along it derived as its buffer, and the
    rest of the county a second zone on both sides of the strip (audit s15's c-orva): a long thin zone
    too thin for its name inside with another zone all round it. The river swings `swing` times its
    length either side of its axis, with a second swing `wiggle` times as wide at twice the bends (a river
    that winds unevenly: gentle stretches between tight bends, as c-orva's)."""
    os.makedirs(path, exist_ok=True)
    lon0, lat0 = 23.5, 47.1
    rnd = random.Random(seed)
    phase = rnd.random()
    phase2 = rnd.random() if wiggle else 0
    river = [(x, swing * length_km * (math.sin(2 * math.pi * (bends * x / length_km + phase)) +
                                      wiggle * math.sin(2 * math.pi * (2 * bends * x / length_km + phase2))))
             for x in (length_km * k / 200 - length_km / 2 for k in range(201))]
    county = [(-0.55 * length_km, -0.3 * length_km), (0.55 * length_km, -0.32 * length_km),
              (0.52 * length_km, 0.33 * length_km), (-0.5 * length_km, 0.3 * length_km)]
    write(path, "county.geojson", [feature({"name": "Orva county"}, ring(county, lon0, lat0))])
    json.dump({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"id": "river", "name": "Orva river"},
         "geometry": {"type": "LineString", "coordinates": [lonlat(x, y, lon0, lat0) for x, y in river]}}]},
        open(os.path.join(path, "river.geojson"), "w", encoding="utf-8"))
    quotes = ["The county closed a strip along the whole course of the river.",
              "The hills on either side of the river stay dry and open."]
    open(os.path.join(path, "article.txt"), "w", encoding="utf-8").write(" ".join(quotes) + "\n")
    out = ['title = "Flood emergency along the Orva (generated)"', '[[source]]', 'id = "a"', 'file = "article.txt"',
           'title = "Floods"', 'publisher = "A gazette"', 'published = "2027-03-21"',
           '[[layer]]', 'file = "county.geojson"', 'role = "outline"', 'name = "Orva county"',
           '[[line]]', 'id = "orva"', 'name = "Orva river"', 'file = "river.geojson"', 'clip = "outline"',
           '[[zone]]', 'id = "strip"', 'name = "Closed river strip"', f'buffer = {{ of = "orva", km = {width_km / 2} }}',
           'intersect = ["outline"]',
           '[[zone]]', 'id = "hills"', 'name = "Northern hills"', 'rest_of = "outline"', 'minus = ["strip"]',
           '[status.closed]', 'label = "Closed"', '[status.dry]', 'label = "Dry, roads open"']
    for zone, status, quote in [("strip", "closed", quotes[0]), ("hills", "dry", quotes[1])]:
        out += ["[[claim]]", f'zone = "{zone}"', f'status = "{status}"', 'modality = "reported"',
                'attributed_to = "the county"', f'cite = [{{ source = "a", quote = "{quote}" }}]']
    open(os.path.join(path, "map.toml"), "w", encoding="utf-8").write("\n".join(out) + "\n")
    return path


def far_strips(path, short=False):
    """Audit s16's e-nordland: an island 400 by 380 km with a reserve of three strips 15 km wide, 130 to 290 km
    apart along its west and south coasts (one MultiPolygon), and an ice cap zone in its middle. `short`:
    strips 60-70 km long, as e-nordland's, too short for the reserve's name along them on A4."""
    os.makedirs(path, exist_ok=True)
    lon0, lat0 = 18.0, 78.0
    island = [(-200, -190), (190, -200), (200, 180), (-190, 190)]
    strips = [[(-180, 40), (-165, 40), (-160, 150), (-175, 150)], [(-185, -150), (-170, -150), (-165, -40), (-180, -40)],
              [(-60, -170), (30, -175), (30, -160), (-60, -155)]]
    if short:
        strips = [[(-180, 80), (-165, 80), (-162, 140), (-177, 140)], [(-185, -150), (-170, -150), (-166, -80), (-181, -80)],
                  [(-60, -170), (0, -173), (0, -163), (-60, -160)]]
    write(path, "island.geojson", [feature({"name": "Nordland"}, ring(island, lon0, lat0))])
    write(path, "zones.geojson", [
        {"type": "Feature", "properties": {"id": "reserve", "name": "West coast reserve"},
         "geometry": {"type": "MultiPolygon", "coordinates": [ring(s, lon0, lat0) for s in strips]}},
        feature({"id": "cap", "name": "Nordland ice cap"}, ring(ellipse(20, 40, 80, 60), lon0, lat0))])
    claims = [("reserve", "reserve", "reported", "The ban also covers the west coast reserves."),
              ("cap", "closed", "reported", "The governor closed the ice cap to all snowmobile traffic.")]
    return toml_project(path, "Nordland: three strips of one reserve (generated)",
                        [("reserve", "Protected reserve"), ("closed", "Closed to motor traffic")], claims,
                        [("island.geojson", "outline", "Nordland")])


def wadi_band(path):
    """Audit s16's h-wadi in English: a governorate 35 by 29 km, a buffer zone 1.5 km wide along its eastern
    border, five small zones (one, Ain al-Sidr, small enough for a detail inset at 90 mm), six towns, a road."""
    os.makedirs(path, exist_ok=True)
    lon0, lat0 = 35.62, 32.55
    rect = lambda x0, y0, x1, y1: ring([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], lon0, lat0)
    gov = [(-15, -12), (10, -14), (18, -2), (16, 12), (0, 15), (-14, 10), (-17, 0)]
    write(path, "governorate.geojson", [feature({"name": "Wadi governorate"}, ring(gov, lon0, lat0))])
    zones = [("rim", "Al-Rim", rect(-2, -2, 2, 1.5)), ("ain-sidr", "Ain al-Sidr", rect(5, 3, 6.3, 4.2)),
             ("masharif", "Al-Masharif", rect(-8, 5, -6, 7)), ("hamma", "Al-Hamma", rect(6, -9, 11, -5)),
             ("ghor", "Ghor orchards", ring([(-15, -8), (-12, -9), (-12, 6), (-14, 7), (-16, 0)], lon0, lat0)),
             ("buffer", "Buffer zone", ring([(15.5, -2), (17, -2), (15.5, 11), (14.2, 11)], lon0, lat0))]
    write(path, "zones.geojson", [feature({"id": i, "name": n}, r) for i, n, r in zones])
    write_towns(path, [("Al-Rim", 0, 0, 1), ("Ain al-Sidr", 5.6, 3.6, 2), ("Al-Masharif", -7, 6, 2),
                       ("Al-Hamma", 8.5, -7, 2), ("Al-Shuna", -13, 2, 3), ("Tell al-Dhahab", 3, 10, 2)], lon0, lat0)
    road = [lonlat(x, y, lon0, lat0) for x, y in [(-14, 3), (-7, 2), (0, 0), (6, -3), (9, -7), (12, -10)]]
    claims = [("rim", "curfew", "reported", "The authorities declared a curfew in Al-Rim on Sunday."),
              ("ain-sidr", "curfew", "reported", "The curfew also covers the village of Ain al-Sidr."),
              ("masharif", "curfew", "denial", "Residents of Al-Masharif said the curfew was never enforced."),
              ("hamma", "army", "denial", "The army denied that its troops had entered Al-Hamma."),
              ("hamma", "army", "reported", "Troops were seen at checkpoints on the road into Al-Hamma."),
              ("ghor", "drought", "projection", "Farmers expect the Ghor orchards to dry out by the summer."),
              ("buffer", "closed", "reported", "The buffer zone along the border remains closed."),
              ("buffer", "closed", "reported", "The UN said the border strip stays shut to farmers.")]
    return toml_project(path, "Curfew in Wadi governorate (generated)",
                        [("curfew", "Curfew"), ("army", "Military presence"), ("drought", "Drought"), ("closed", "Closed area")],
                        claims, [("governorate.geojson", "outline", "Wadi governorate"), ("towns.geojson", "localities", "Towns")],
                        extra=f'[[line]]\nid = "road"\nname = "Wadi road"\ncoordinates = {json.dumps(road)}')


TOWN_STATUSES = [("strike", "Dock strike"), ("closed", "Harbour closed"), ("open", "Open under escort"),
                 ("blockade", "Blockaded"), ("flood", "Flooded"), ("curfew", "Curfew"), ("shelter", "Emergency shelter"),
                 ("power", "Power cut"), ("evac", "Evacuation")]


def busy_town(path, claims=20, sources=4, statuses=9, extra=""):
    """A peninsula 48 by 38 km with a town of 4 by 2.5 km that `claims` claims are about, from `sources`
    sources, in every modality and `statuses` statuses (audit s16's f-calder: 20 claims on Port Calder),
    and three districts of one claim each. The reported claims of the first statuses come from different
    sources and none is declared compatible_with another: the sources contest the town. `extra` ends
    map.toml ([[output]]s)."""
    os.makedirs(path, exist_ok=True)
    lon0, lat0 = -6.0, 57.1
    write(path, "land.geojson", [feature({"name": "Ardra peninsula"}, ring(ellipse(0, 0, 24, 19), lon0, lat0))])
    write(path, "zones.geojson", [
        feature({"id": "town", "name": "Port Calder"}, square(-3, -2, 4, 2.5, lon0, lat0)),
        feature({"id": "moor", "name": "North Moor"}, square(-4, 12, 16, 6, lon0, lat0)),
        feature({"id": "glen", "name": "Glen Ardra"}, square(15, 0, 7, 9, lon0, lat0)),
        feature({"id": "sound", "name": "Inner Sound"}, square(-10, -10, 10, 4, lon0, lat0))])
    used = TOWN_STATUSES[:statuses]
    modalities = ["reported", "reported", "plan", "reported", "projection", "denial"]
    rows = []
    for k in range(claims):
        key, label = used[k % len(used)]
        modality = modalities[k % len(modalities)] if k >= len(used) else "reported"
        rows.append(("town", key, modality, k % sources, f"Report {k + 1} said the town was {label.lower()} on day {k + 1}."))
    rows += [("moor", used[1][0], "reported", 0, "The moor road was shut all week."),
             ("glen", used[-1][0], "reported", 0, "The glen was quiet."),
             ("sound", used[2][0], "reported", 0, "Boats crossed the sound under escort.")]
    out = ['title = "Port Calder under strike and storm (generated)"']
    for s in range(sources):
        open(os.path.join(path, f"s{s}.txt"), "w", encoding="utf-8").write(
            " ".join(r[4] for r in rows if r[3] == s) + "\n")
        out += ['[[source]]', f'id = "s{s}"', f'file = "s{s}.txt"', f'title = "Report {s + 1}"',
                f'publisher = "Paper {s + 1}"', f'published = "2027-01-{20 + s}"']
    out += ['[zones]', 'file = "zones.geojson"',
            '[[layer]]', 'file = "land.geojson"', 'role = "outline"', 'name = "Ardra peninsula"']
    for key, label in used:
        out += [f"[status.{key}]", f'label = "{label}"']
    for zone, key, modality, s, sentence in rows:
        out += ["[[claim]]", f'zone = "{zone}"', f'status = "{key}"', f'modality = "{modality}"',
                'attributed_to = "the paper"', f'cite = [{{ source = "s{s}", quote = "{sentence}" }}]']
    open(os.path.join(path, "map.toml"), "w", encoding="utf-8").write("\n".join(out + [extra]) + "\n")
    return path


def sierra_towns(path, seed=19):
    """A state about 230 by 200 km with 24 municipalities in a grid, each 10-26 km across with unclaimed
    land between them and its seat (a town of the same name) at its middle; three claims on each of the
    first twelve and two on the rest, of alternating statuses (contested, hatched): 60 claims, a dense map
    (after audit s19's t-poster)."""
    os.makedirs(path, exist_ok=True)
    lon0, lat0 = -96.5, 17.0
    rnd = random.Random(seed)
    write(path, "state.geojson", [feature({"name": "Sierra"}, ring([(-115, -100), (115, -105), (120, 100), (-110, 105)],
                                                                   lon0, lat0))])
    feats, towns, claims = [], [], []
    for k in range(24):
        x, y = -90 + (k % 6) * 38 + rnd.uniform(-5, 5), -75 + (k // 6) * 46 + rnd.uniform(-5, 5)
        rx, ry, rot = rnd.uniform(6, 13), rnd.uniform(5, 12), rnd.uniform(0, 3)
        pts = [(x + px * math.cos(rot) - py * math.sin(rot), y + px * math.sin(rot) + py * math.cos(rot))
               for px, py in ellipse(0, 0, rx, ry, 30)]
        name = name_of(k, seed)
        feats.append(feature({"id": f"m{k}", "name": name}, ring(pts, lon0, lat0)))
        towns.append((name, x + 1, y + 1, 2 if k % 3 else 1))
        for c in range(3 if k < 12 else 2):
            status = STATUSES[(k + c) % len(STATUSES)][0]
            claims.append((f"m{k}", status, "reported", f"Witnesses said {name} was {status} on {c + 3} May, claim {k}-{c}."))
    write(path, "zones.geojson", feats)
    write_towns(path, towns, lon0, lat0)
    return toml_project(path, "Roadblocks in the Sierra (generated)", STATUSES, claims,
                        [("state.geojson", "outline", "Sierra"), ("towns.geojson", "localities", "Seats")])

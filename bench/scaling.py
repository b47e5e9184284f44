#!/usr/bin/env python3
"""How citemap's cost grows with the input: generated projects of 10 ... 1000 zones (one claim each)
and of an outline layer of 10 k ... 1 M vertices with one zone; wall time and peak memory of `render` (svg+png+pdf and the
companions, one page at 300 dpi) and of `check`, as whole processes (/usr/bin/time). The page is A4
landscape up to 300 zones; 1000 markers and their citations do not fit A4 legibly (the layout-quality
check rightly refuses it; A2 fails too), so larger projects get an A1 landscape page (841 x 594 mm).
Then, when ../shared/bench/compare.sh exists and python3-mapnik is installed, the side-by-side
comparison with Mapnik. Prints Markdown tables, ready for the README.

Usage: bench/scaling.py [build/src/citemap] [--runs N] [--zones 10,30,...] [--vertices 10000,...] [--shore 41000,...]
       [--coast 41000,...]
       [--no-compare]  (an empty list skips its series)
"""
import argparse, json, math, os, platform, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def zone_page(n):
    """The page a project of n zones is drawn on: A4 landscape while its markers fit, else A1."""
    return "a4-landscape" if n <= 300 else "841x594mm"


def zone_project(folder, n):
    """n square zones on a grid over a 60 x 40 km area (EPSG:3035), one claim and one sentence each."""
    os.makedirs(folder, exist_ok=True)
    cols = math.ceil(math.sqrt(n * 1.5))
    rows = math.ceil(n / cols)
    dx, dy = 0.8 / cols, 0.36 / rows
    feats, text, claims = [], [], []
    statuses = ["held", "contested", "planned"]
    for i in range(n):
        x0, y0 = 10.0 + (i % cols) * dx, 50.0 + (i // cols) * dy
        s = 0.38 if i % 5 else 0.22  # some smaller zones
        ring = [[x0 + dx * (0.5 - s), y0 + dy * (0.5 - s)], [x0 + dx * (0.5 + s), y0 + dy * (0.5 - s)],
                [x0 + dx * (0.5 + s), y0 + dy * (0.5 + s)], [x0 + dx * (0.5 - s), y0 + dy * (0.5 + s)]]
        ring.append(ring[0])
        feats.append({"type": "Feature", "properties": {"id": f"z{i}", "name": f"District {i}"},
                      "geometry": {"type": "Polygon", "coordinates": [ring]}})
        text.append(f"District {i} was reported to be in state number {i * 7 + 3} on that day.")
        claims.append(f'[[claim]]\nzone = "z{i}"\nstatus = "{statuses[i % 3]}"\nmodality = "reported"\n'
                      f'attributed_to = "the text"\n'
                      f'cite = [{{ source = "t", quote = "state number {i * 7 + 3} on that day" }}]\n')
    json.dump({"type": "FeatureCollection", "features": feats}, open(os.path.join(folder, "zones.geojson"), "w"))
    open(os.path.join(folder, "text.txt"), "w").write("\n\n".join(text) + "\n")
    toml = ('title = "Generated districts"\ncrs = "EPSG:3035"\n'
            '[[source]]\nid = "t"\nfile = "text.txt"\ntitle = "Generated text"\npublished = "2025-11-12"\n'
            '[zones]\nfile = "zones.geojson"\n'
            '[status.held]\nlabel = "Held"\n[status.contested]\nlabel = "Contested"\n[status.planned]\nlabel = "Planned"\n'
            + "\n".join(claims) + f'[[output]]\nname = "map"\npage = "{zone_page(n)}"\n')
    open(os.path.join(folder, "map.toml"), "w").write(toml)


def vertex_project(folder, vertices, shore=False):
    """A wavy outline of `vertices` points around Gaza's latitude, with one zone inside it, cited once.
    The big ring is the outline layer, not the zone: zones are capped at 20 000 vertices (a map page
    cannot show more; citemap refuses them), while base layers of any size are drawn generalised to
    the page. The zone is clipped to the outline, so the big ring goes through every stage. With
    `shore`, a second zone is a 2 km buffer of a line along the coast, clipped to the outline (the
    audit's Nordøy "Isfjord shore"): a zone with the ring's own vertices, and a coast under the
    corners where the furniture looks for room (audit-8-s10 defect 17: 38 s for one page at 164 k)."""
    os.makedirs(folder, exist_ok=True)
    ring = []
    for k in range(vertices):
        a = 2 * math.pi * k / vertices
        r = 0.1 * (1 + 0.2 * math.sin(40 * a) + 0.05 * math.sin(997 * a))
        ring.append([round(34.4 + r * math.cos(a), 7), round(31.4 + 0.85 * r * math.sin(a), 7)])
    ring.append(ring[0])
    json.dump({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "The big land"},
         "geometry": {"type": "Polygon", "coordinates": [ring]}}]}, open(os.path.join(folder, "land.geojson"), "w"))
    zone = [[34.35, 31.36], [34.45, 31.36], [34.45, 31.44], [34.35, 31.44], [34.35, 31.36]]
    json.dump({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"id": "big", "name": "The zone"},
         "geometry": {"type": "Polygon", "coordinates": [zone]}}]}, open(os.path.join(folder, "zones.geojson"), "w"))
    open(os.path.join(folder, "text.txt"), "w").write("The zone was reported held on that day.\n")
    open(os.path.join(folder, "map.toml"), "w").write(
        'title = "One big outline"\n[[source]]\nid = "t"\nfile = "text.txt"\ntitle = "Generated"\npublished = "2025-11-12"\n'
        '[zones]\nfile = "zones.geojson"\n[[layer]]\nfile = "land.geojson"\nrole = "outline"\ncredit = "generated"\n'
        '[status.held]\nlabel = "Held"\n'
        '[[claim]]\nzone = "big"\nstatus = "held"\nmodality = "reported"\nattributed_to = "the text"\n'
        'cite = [{ source = "t", quote = "reported held" }]\n[[output]]\nname = "map"\npage = "a4-landscape"\n' +
        (shore_toml() if shore else ""))


def shore_toml():
    line = [[round(34.4 + 0.1 * math.cos(a / 8 * math.pi), 5), round(31.4 + 0.085 * math.sin(a / 8 * math.pi), 5)]
            for a in range(0, 9)]
    return ('[[line]]\nid = "coastline"\nname = "The coast"\ncoordinates = ' + json.dumps(line) +
            '\nclip = "outline"\n[[zone]]\nid = "shore"\nname = "The shore"\nbuffer = { of = "coastline", km = 2 }\n'
            '[[claim]]\nzone = "shore"\nstatus = "held"\nmodality = "reported"\nattributed_to = "the text"\n'
            'cite = [{ source = "t", quote = "reported held" }]\n')


def coast_project(folder, vertices):
    """The audit's Nordøy project in outline (audit-8-s10 defect 17: 20 s and 1.8 GB a page at 164 k): the
    wavy ring as an island read twice, as the outline and as a named land layer, a named sea around it,
    three towns, and a shore zone that is the 2 km band along the whole coast. The costs it exposed: the
    band of a detailed line, the coast's ring overlaid with itself (land and sea names, the legend's
    outline row, the land union)."""
    vertex_project(folder, vertices)
    land = json.load(open(os.path.join(folder, "land.geojson")))
    land["features"][0]["properties"]["name"] = "Nordoy"
    json.dump(land, open(os.path.join(folder, "island.geojson"), "w"))
    sea = [[34.2, 31.22], [34.6, 31.22], [34.6, 31.58], [34.2, 31.58], [34.2, 31.22]]
    json.dump({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "Isfjord"}, "geometry": {"type": "Polygon", "coordinates": [sea]}}]},
        open(os.path.join(folder, "sea.geojson"), "w"))
    towns = [("Nordby", 1, [34.40, 31.40]), ("Sorvik", 2, [34.36, 31.43]), ("Vestvag", 2, [34.45, 31.37])]
    json.dump({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": n, "label_rank": str(r)}, "geometry": {"type": "Point", "coordinates": c}}
        for n, r, c in towns]}, open(os.path.join(folder, "towns.geojson"), "w"))
    toml = open(os.path.join(folder, "map.toml")).read()
    layers = "".join(f'[[layer]]\nfile = "{f}"\nrole = "{r}"\nname = "{n}"\ncredit = "generated"\n'
                     for f, r, n in [("island.geojson", "land", "Land"), ("sea.geojson", "sea", "Sea"),
                                     ("towns.geojson", "localities", "Towns")])
    toml = toml.replace("[status.held]", layers + "[status.held]")
    toml += ('[[zone]]\nid = "shore"\nname = "Isfjord shore"\nbuffer = { of = "Nordoy", km = 2 }\n'
             '[[claim]]\nzone = "shore"\nstatus = "held"\nmodality = "reported"\nattributed_to = "the text"\n'
             'cite = [{ source = "t", quote = "reported held" }]\n')
    open(os.path.join(folder, "map.toml"), "w").write(toml)


def timed(cmd, runs):
    """Median wall seconds and median peak RSS (MiB) of `cmd` over `runs` runs."""
    walls, peaks = [], []
    env = dict(os.environ, SOURCE_DATE_EPOCH="1762905600")
    for _ in range(runs):
        with tempfile.NamedTemporaryFile("r") as t:
            subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", t.name, *cmd], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
            wall, kib = t.read().split()[-2:]
        walls.append(float(wall))
        peaks.append(int(kib) / 1024)
    return statistics.median(walls), statistics.median(peaks)


def series(title, label, sizes, make, citemap, runs, tmp, page=lambda n: "a4-landscape"):
    print(f"\n{title}\n")
    print(f"| {label} | page | render s | render MiB | check s | check MiB | time / previous | size / previous |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    prev = None
    for n in sizes:
        folder = os.path.join(tmp, f"{label}-{n}")
        make(folder, n)
        rt, rm = timed([citemap, "render", folder, "-o", os.path.join(folder, "out"), "-q"], runs)
        ct, cm = timed([citemap, "check", folder], runs)
        ratio = f"{rt / prev[1]:.1f}x | {n / prev[0]:.1f}x" if prev else "| "
        print(f"| {n:,} | {page(n)} | {rt:.2f} | {rm:.0f} | {ct:.3f} | {cm:.0f} | {ratio} |", flush=True)
        prev = (n, rt)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("citemap", nargs="?", default=os.path.join(ROOT, "build/src/citemap"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--zones", default="10,30,100,300,1000")
    ap.add_argument("--vertices", default="10000,100000,1000000")
    ap.add_argument("--shore", default="41000,82000,164000")
    ap.add_argument("--coast", default="41000,82000,164000")
    ap.add_argument("--no-compare", action="store_true")
    a = ap.parse_args()
    citemap = os.path.abspath(a.citemap)
    print(f"{platform.node()}: {os.cpu_count()} CPUs, {platform.platform()}, "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; median of {a.runs} runs")
    with tempfile.TemporaryDirectory() as tmp:
        if a.zones:
            series("Zone count (one claim each)", "zones", [int(x) for x in a.zones.split(",")], zone_project,
                   citemap, a.runs, tmp, zone_page)
        if a.vertices:
            series("Vertices in the outline layer (one zone inside)", "vertices", [int(x) for x in a.vertices.split(",")], vertex_project,
                   citemap, a.runs, tmp)
        if a.shore:
            series("Vertices in the outline layer, a shore zone along it", "shore", [int(x) for x in a.shore.split(",")],
                   lambda folder, n: vertex_project(folder, n, shore=True), citemap, a.runs, tmp)
        if a.coast:
            series("An island's detailed coast as outline and land, a named sea, the band along the whole coast",
                   "coast", [int(x) for x in a.coast.split(",")], coast_project, citemap, a.runs, tmp)
    compare = os.path.join(ROOT, "..", "shared", "bench", "compare.sh")
    if not a.no_compare and os.path.exists(compare):
        print("\nSide by side with Mapnik (../shared/bench/compare.sh):\n")
        sys.stdout.flush()
        subprocess.run([compare, citemap, str(a.runs)], check=True, cwd=ROOT)


if __name__ == "__main__":
    main()

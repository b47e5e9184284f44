"""What a newcomer's base layers come out as (audit s18): the ground where no layer covers the frame, borders
over zones, zones clipped to the water, invalid layer polygons. Read from the PNG and SVG."""
import os, sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(__file__))
import generated_projects as gen
import png
from harness import main, run, test
from svg_read import SVG, group, inside, rings

EPOCH = {"SOURCE_DATE_EPOCH": "1762905600"}
SEA = (0xdc, 0xeb, 0xf5)  # theme.cpp, Theme::sea
LON0, LAT0 = 30.0, -14.0


def render(proj, out, page, fmt="png"):
    p = run("render", proj, "-o", out, "-j", "1", "--format", fmt, "--page", page, env=EPOCH)
    assert p.returncode == 0, p.stderr
    return os.path.join(out, f"map-{page}.{fmt}"), p.stderr


def sea_pixels(path):
    width, height, bpp, rows = png.read(path)
    return sum(1 for row in rows for x in range(width) if tuple(row[x * bpp:x * bpp + 3]) == SEA)


def landlocked(path, land_layer, border=False):
    """A country 96 x 56 km inside a box of neighbouring land 104 x 64 km, with no sea layer, its two districts
    spanning it (so a tall or square frame reaches past the box); `land_layer` False: a round island as the
    land layer instead of the box; `border`: an international border line down the middle of the West district."""
    os.makedirs(path, exist_ok=True)
    gen.write(path, "country.geojson", [gen.feature({"name": "Lirande"}, gen.square(0, 0, 96, 56, LON0, LAT0))])
    if land_layer:
        gen.write(path, "neighbours.geojson", [gen.feature({"name": "Neighbours"}, gen.square(0, 0, 104, 64, LON0, LAT0))])
    else:
        gen.write(path, "neighbours.geojson", [gen.feature({"name": "Isle"}, gen.ring(gen.ellipse(60, 30, 8, 6), LON0, LAT0))])
    gen.write(path, "zones.geojson", [gen.feature({"id": "w", "name": "West district"}, gen.square(-22, 0, 42, 46, LON0, LAT0)),
                                      gen.feature({"id": "e", "name": "East district"}, gen.square(22, 0, 42, 46, LON0, LAT0))])
    claims = [("w", "held", "reported", "Observers said the West district was held on 3 March."),
              ("e", "calm", "reported", "Observers said the East district was calm on 4 March.")]
    layers = [("neighbours.geojson", "land", "Neighbouring countries"), ("country.geojson", "outline", "Lirande")]
    if border:
        gen.write(path, "border.geojson", [{"type": "Feature", "properties": {"name": "Lirande - Tovia"}, "geometry": {
            "type": "LineString", "coordinates": [gen.lonlat(-22, y, LON0, LAT0) for y in (-32, 0, 32)]}}])
        layers.append(("border.geojson", "boundary", "International border"))
    return gen.toml_project(path, "Districts of Lirande", gen.STATUSES[:1] + gen.STATUSES[3:], claims, layers)


@test
def a_landlocked_country_stands_on_no_sea(tmp):
    # audit s18 D5: past the box of neighbouring land the frame was painted sea-blue (n-dodeca 250x250mm).
    proj = landlocked(os.path.join(tmp, "landlocked"), True)
    for page in ("a4-portrait", "250x250mm"):
        path, _ = render(proj, os.path.join(tmp, "out"), page)
        assert sea_pixels(path) == 0, (page, sea_pixels(path))


@test
def islands_with_no_sea_layer_still_stand_in_the_sea(tmp):
    # The land layer's coasts say where the sea is: round islands keep the sea around them.
    proj = landlocked(os.path.join(tmp, "islands"), False)
    path, _ = render(proj, os.path.join(tmp, "out"), "a4-portrait")
    assert sea_pixels(path) > 100000, sea_pixels(path)


@test
def a_border_through_a_zone_is_drawn_over_it(tmp):
    # audit s18 D4: a zone across a national border hid the border under its fill and hatch (o-enclave).
    proj = landlocked(os.path.join(tmp, "border"), True, border=True)
    path, _ = render(proj, os.path.join(tmp, "out"), "a4-portrait", "svg")
    root = ET.parse(path).getroot()
    order = [g.get("id") for g in root.iter(SVG + "g") if (g.get("id") or "").startswith("layer-")]
    assert "layer-borders" in order, order
    assert order.index("layer-borders") > order.index("layer-zones"), order
    zone = rings(group(root, "zone-w").find(SVG + "path"))
    drawn = [pt for p in group(root, "layer-borders").iter(SVG + "path") for r in rings(p) for pt in r]
    assert drawn and all(inside(zone, x, y) for x, y in drawn), drawn
    # Along a zone's edge the zone's outline draws the border: only the part inside the zone is redrawn.
    ys = [y for _, y in drawn]
    xs, zys = zip(*[pt for r in zone for pt in r])
    assert min(zys) < min(ys) and max(ys) < max(zys), (min(ys), max(ys), min(zys), max(zys))


def three_countries(path, one=False):
    """Three countries 60 x 70 km side by side in one outline layer, each with its name in English and Greek,
    a district claimed in each (`one`: the first country alone, as wide as the three)."""
    os.makedirs(path, exist_ok=True)
    countries = [("Arvenia", "Αρβενία", 0, 180)] if one else \
        [("Arvenia", "Αρβενία", -60, 60), ("Belosia", "Βελοσία", 0, 60), ("Kalos", "Κάλος", 60, 60)]
    gen.write(path, "countries.geojson", [gen.feature({"name": n, "name_el": el}, gen.square(x, 0, w, 70, LON0, LAT0))
                                          for n, el, x, w in countries])
    gen.write(path, "zones.geojson", [gen.feature({"id": "w", "name": "Tirna valley"}, gen.square(-60, 15, 24, 18, LON0, LAT0)),
                                      gen.feature({"id": "e", "name": "Soria camp"}, gen.square(0, -15, 20, 16, LON0, LAT0)),
                                      gen.feature({"id": "k", "name": "Akra coast"}, gen.square(75, -25, 22, 14, LON0, LAT0))])
    claims = [("w", "held", "reported", "Observers said the Tirna valley was held on 3 March."),
              ("e", "calm", "reported", "Observers said the Soria camp was calm on 4 March."),
              ("k", "calm", "reported", "Observers said the Akra coast was calm on 5 March.")]
    return gen.toml_project(path, "Three borders", gen.STATUSES[:1] + gen.STATUSES[3:], claims,
                            [("countries.geojson", "outline", "Three countries")], extra='labels = "en+el"')


@test
def each_country_of_an_outline_of_several_is_named_inside_it_in_both_scripts(tmp):
    # audit s19 D4: three countries in one outline layer, each with name and name_el, went unnamed; only land
    # and sea features had area names. In capitals, as land names are, the Greek without its accents.
    proj = three_countries(os.path.join(tmp, "three"))
    for page in ("a4-landscape", "170mm"):
        path, _ = render(proj, os.path.join(tmp, "out"), page, "svg")
        root = ET.parse(path).getroot()
        outlines = [rings(p) for p in group(root, "layer-outline").iter(SVG + "path")]
        assert len(outlines) == 3, len(outlines)
        for k, (latin, greek) in enumerate([("ARVENIA", "ΑΡΒΕΝΙΑ"), ("BELOSIA", "ΒΕΛΟΣΙΑ"), ("KALOS", "ΚΑΛΟΣ")]):
            name = group(root, "area-" + latin)
            assert name is not None, (page, latin)
            texts = [t for t in name.iter(SVG + "text") if t.get("aria-hidden") != "true"]
            assert ["".join(t.itertext()) for t in texts] == [latin, greek], (page, ["".join(t.itertext()) for t in texts])
            for t in texts:  # each line's middle in its own country, in none of the others
                x, y = float(t.get("x")), float(t.get("y")) - 0.3 * float(t.get("font-size"))
                assert [inside(o, x, y) for o in outlines] == [j == k for j in range(3)], (page, latin, x, y)
    # One country is the map's subject, named by the title: not printed across it.
    proj = three_countries(os.path.join(tmp, "one"), one=True)
    path, _ = render(proj, os.path.join(tmp, "out1"), "a4-landscape", "svg")
    assert group(ET.parse(path).getroot(), "area-ARVENIA") is None
    # Fourteen are a layer of subdivisions (municipalities): not each named in capitals over the zones.
    gen.write(proj, "countries.geojson", [gen.feature({"name": f"Commune {k}"}, gen.square(-78 + 12 * k, 0, 12, 70, LON0, LAT0))
                                          for k in range(14)])
    path, _ = render(proj, os.path.join(tmp, "out14"), "a4-landscape", "svg")
    assert not [g.get("id") for g in ET.parse(path).getroot().iter(SVG + "g") if (g.get("id") or "").startswith("area-COMMUNE")]


def peninsula(path):
    """A country 100 x 60 km on the sea with a peninsula inside it given as a `land` layer listed after the
    outline, needed only for a derived zone's recipe (its rim: buffer of it, within it), as s-drei has."""
    os.makedirs(path, exist_ok=True)
    gen.write(path, "sea.geojson", [gen.feature({"name": "Sea"}, gen.square(0, 0, 140, 100, LON0, LAT0))])
    gen.write(path, "country.geojson", [gen.feature({"name": "Kalos"}, gen.square(0, 0, 100, 60, LON0, LAT0))])
    gen.write(path, "peninsula.geojson", [gen.feature({"name": "Akra"}, gen.square(30, -10, 24, 30, LON0, LAT0))])
    gen.write(path, "zones.geojson", [gen.feature({"id": "w", "name": "Tirna valley"}, gen.square(-30, 10, 24, 18, LON0, LAT0))])
    claims = [("w", "held", "reported", "Observers said the Tirna valley was held on 3 March."),
              ("rim", "calm", "reported", "Observers said the peninsula's rim was calm on 4 March.")]
    rim = '[[zone]]\nid = "rim"\nname = "Peninsula rim"\nbuffer = { of = "Akra peninsula", km = 2 }\n' \
          'intersect = ["Akra peninsula"]'
    return gen.toml_project(path, "Kalos", gen.STATUSES[:1] + gen.STATUSES[3:], claims,
                            [("sea.geojson", "sea", "Sea"), ("country.geojson", "outline", "Kalos"),
                             ("peninsula.geojson", "land", "Akra peninsula")], extra=rim)


@test
def a_land_layer_inside_the_outline_is_drawn_under_it_as_part_of_the_country(tmp):
    # audit s19 D10: the peninsula, listed after the outline for a zone's recipe, was painted in the
    # neighbours' grey over its own country, with no legend row. Land lies under the outline.
    proj = peninsula(os.path.join(tmp, "akra"))
    path, _ = render(proj, os.path.join(tmp, "out"), "a4-landscape", "svg")
    root = ET.parse(path).getroot()
    order = [g.get("id") for g in root.iter(SVG + "g") if (g.get("id") or "").startswith("layer-")]
    assert order.index("layer-base-Akra-peninsula") < order.index("layer-base-Kalos"), order
    # In the PNG the peninsula's inside (a grid over its middle half, where a name may stand on a few points)
    # has the country's colour, sampled halfway between the outline's west edge and the peninsula.
    box = lambda gid: [f(v) for f in (min, max) for v in zip(*rings(next(group(root, gid).iter(SVG + "path")))[0])]
    (x0, y0, x1, y1), (ox0, _, _, _) = box("layer-base-Akra-peninsula"), box("layer-base-Kalos")
    png_path, _ = render(proj, os.path.join(tmp, "out"), "a4-landscape", "png")
    width, height, bpp, rows = png.read(png_path)
    at = lambda x, y: bytes(rows[round(y * 300 / 72)][round(x * 300 / 72) * bpp:(round(x * 300 / 72) + 1) * bpp])
    country = at((ox0 + x0) / 2, (y0 + y1) / 2)
    inside_pen = [at(x0 + (x1 - x0) * (0.25 + i / 8), y0 + (y1 - y0) * (0.25 + j / 8)) for i in range(5) for j in range(5)]
    assert inside_pen.count(country) >= 20, (country, inside_pen)


def lake(path, layers):
    """A province 60 x 40 km with a lake 20 x 20 km in it, and a zone 30 x 10 km across the lake drawn loosely
    over both shores with "clip": "sea". `layers`: "sea" (the lake as a sea layer, the province holed),
    "box" (a sea layer drawn as a box under the whole province, the province holed over it), "land" (the
    holed province as a land layer alone) or "none"."""
    os.makedirs(path, exist_ok=True)
    gen.write(path, "province.geojson", [gen.feature({"name": "Vessano"}, gen.square(0, 0, 60, 40, LON0, LAT0) +
                                                     gen.square(0, 0, 20, 20, LON0, LAT0))])
    gen.write(path, "lake.geojson", [gen.feature({"name": "Lago"}, gen.square(0, 0, 20, 20, LON0, LAT0))])
    gen.write(path, "water.geojson", [gen.feature({"name": "Water"}, gen.square(0, 0, 80, 60, LON0, LAT0))])
    gen.write(path, "zones.geojson", [gen.feature({"id": "nav", "name": "Upper lake", "clip": "sea"},
                                                  gen.square(0, 0, 30, 10, LON0, LAT0)),
                                      gen.feature({"id": "camp", "name": "Campsites"}, gen.square(-18, 0, 16, 10, LON0, LAT0))])
    claims = [("nav", "held", "reported", "The prefecture closed the upper lake to boats on 3 June."),
              ("camp", "calm", "reported", "The campsites on the west shore stayed open on 4 June.")]
    layers = {"sea": [("lake.geojson", "sea", "Lake"), ("province.geojson", "outline", "Vessano")],
              "box": [("water.geojson", "sea", "Water"), ("province.geojson", "outline", "Vessano")],
              "land": [("province.geojson", "land", "Vessano")], "none": []}[layers]
    return gen.toml_project(path, "Lake Vessano", gen.STATUSES[:1] + gen.STATUSES[3:], claims, layers)


def zone_km2(proj, zone):
    p = run("stats", proj)
    assert p.returncode == 0, p.stderr
    line = next(l for l in p.stdout.splitlines() if l.split()[:1] == [zone])
    return float(line.split()[1]), p.stderr


@test
def a_zone_on_a_lake_is_clipped_to_the_water(tmp):
    # audit s18 D6: a zone on a lake could only be clipped to the land or left as drawn, over the shore
    # and the campsites beside it (a claims conflict of 11.79 km2 in m-lago).
    for layers in ("sea", "box", "land"):
        proj = lake(os.path.join(tmp, layers), layers)
        km2, err = zone_km2(proj, "nav")
        assert abs(km2 - 200) < 2, (layers, km2, err)  # the lake's 20 x 10 km, not the drawn 30 x 10
        p = run("check", proj)
        assert p.returncode == 0 and "overlap" not in p.stderr, (layers, p.stderr)


@test
def clipping_to_the_water_with_no_layer_to_tell_it_by_is_an_error(tmp):
    proj = lake(os.path.join(tmp, "none"), "none")
    p = run("check", proj)
    assert p.returncode != 0, p.stderr
    assert "zones.geojson:1:" in p.stderr and "'nav'" in p.stderr and 'role = \"sea\"' in p.stderr, p.stderr


def bow_tie(cx, cy, name):
    """A ring drawn in the wrong order: two triangles that cross at (cx, cy)."""
    return gen.feature({"name": name}, gen.ring([(cx - 10, cy + 8), (cx + 10, cy - 8), (cx + 10, cy + 8), (cx - 10, cy - 8)],
                                                LON0, LAT0))


@test
def an_invalid_land_polygon_is_repaired_with_a_warning_naming_it(tmp):
    # audit s18 D11: a bow-tie land polygon was drawn as two triangles with no word, where a zone gets one.
    proj = landlocked(os.path.join(tmp, "bowtie"), True)
    gen.write(proj, "neighbours.geojson", [bow_tie(70, 0, "Tovia")])
    p = run("check", proj, "-j", "1")
    assert p.returncode == 0, p.stderr
    warned = [l for l in p.stderr.splitlines() if "not a valid polygon" in l]
    assert len(warned) == 1 and "neighbours.geojson:1:" in warned[0] and "land layer" in warned[0], p.stderr
    assert "feature 'Tovia'" in warned[0] and "its edges cross near" in warned[0], warned
    # Five of them: three named, the rest counted in one more warning.
    gen.write(proj, "neighbours.geojson", [bow_tie(70, 30 * k - 60, f"Isle {k}") for k in range(5)])
    p = run("check", proj, "-j", "1")
    warned = [l for l in p.stderr.splitlines() if "not a valid polygon" in l or "not valid polygons" in l]
    assert len(warned) == 4 and "2 more features of layer 'neighbours.geojson'" in warned[3], p.stderr


if __name__ == "__main__":
    main()

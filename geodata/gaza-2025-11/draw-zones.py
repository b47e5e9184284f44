#!/usr/bin/env python3
"""Writes zones.geojson from the hand-placed vertices below, clipped to the strip outline.

The vertices were placed by hand against ../base/gaza-strip.geojson and the published sketch maps
of the October 2025 withdrawal line ("yellow line": 1.5-6.5 km inside the eastern border, east of
it about 53-58 % of the strip, Rafah east of it). No openly licensed geometry of the line exists
(see ../../docs/data.md), so every zone is an approximation and the map says so.

Run from this folder: python3 draw-zones.py  (needs ogr2ogr with the SQLite dialect; GDAL >= 3.6)
"""
import json, subprocess, tempfile, os

# The withdrawal line, north to south, with both ends beyond the outline so the cut is clean.
YELLOW_LINE = [
    (34.5000, 31.6050), (34.4850, 31.5840), (34.4835, 31.5650), (34.4935, 31.5450), (34.4865, 31.5250),
    (34.4775, 31.5080), (34.4665, 31.4900), (34.4505, 31.4750), (34.4325, 31.4600), (34.4125, 31.4440),
    (34.3905, 31.4230), (34.3695, 31.4000), (34.3505, 31.3750), (34.3325, 31.3530), (34.3125, 31.3330),
    (34.2950, 31.3230), (34.2700, 31.3200), (34.2450, 31.3230), (34.2300, 31.3190), (34.2200, 31.3150),
    (34.2050, 31.3080),
]
EAST_OF_LINE = YELLOW_LINE + [(34.2050, 31.1900), (34.6200, 31.1900), (34.6200, 31.6300), (34.5000, 31.6300)]
WEST_OF_LINE = YELLOW_LINE + [(34.2050, 31.3080), (34.1500, 31.3500), (34.4500, 31.6500), (34.5000, 31.6300)]

RAFAH = [(34.2240, 31.3180), (34.2620, 31.3230), (34.2850, 31.3100), (34.2920, 31.2850), (34.2780, 31.2520),
         (34.2480, 31.2450), (34.2200, 31.2750), (34.2100, 31.3000)]
GAZA_CITY_EAST = [(34.4660, 31.5320), (34.5020, 31.5300), (34.5120, 31.5000), (34.4920, 31.4680),
                  (34.4580, 31.4600), (34.4420, 31.4740), (34.4620, 31.5000)]
# The farmland belt along the eastern fence, from Beit Hanoun to Rafah, about 1.5-2.5 km wide.
FARMLAND_INNER = [(34.5380, 31.5700), (34.5300, 31.5450), (34.5180, 31.5250), (34.4950, 31.5080),
                  (34.4650, 31.4880), (34.4450, 31.4700), (34.4250, 31.4520), (34.4030, 31.4330),
                  (34.3850, 31.4160), (34.3680, 31.3980), (34.3560, 31.3780), (34.3500, 31.3600),
                  (34.3520, 31.3200), (34.3320, 31.2950), (34.3150, 31.2780), (34.2950, 31.2650),
                  (34.2700, 31.2500)]
FARMLAND = FARMLAND_INNER + [(34.2700, 31.2000), (34.6200, 31.2000), (34.6200, 31.5800)]

def polygon(coords):
    ring = list(coords) + [coords[0]]
    return {"type": "Polygon", "coordinates": [[list(p) for p in ring]]}

sketch = {"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"id": i, "name": n, "clip": c}, "geometry": polygon(g)}
    for i, n, c, g in [
        ("israeli-held", "Israeli-held area (east of the withdrawal line)", "strip", EAST_OF_LINE),
        ("rafah", "Rafah", "held", RAFAH),
        ("gaza-city-east", "Eastern Gaza City", "held", GAZA_CITY_EAST),
        ("farmland", "Agricultural land", "held", FARMLAND),
        ("west-of-line", "West of the withdrawal line", "strip", WEST_OF_LINE),
    ]]}

here = os.path.dirname(os.path.abspath(__file__))
with tempfile.TemporaryDirectory() as tmp:
    src = os.path.join(tmp, "sketch.geojson")
    json.dump(sketch, open(src, "w"))
    gpkg = os.path.join(tmp, "work.gpkg")
    subprocess.run(["ogr2ogr", "-f", "GPKG", gpkg, src, "-nln", "sketch"], check=True)
    subprocess.run(["ogr2ogr", "-f", "GPKG", "-update", gpkg, os.path.join(here, "../base/gaza-strip.geojson"), "-nln", "strip"], check=True)
    sql = """
      with held as (select ST_Intersection(k.geom, s.geom) g from sketch k, strip s where k.id = 'israeli-held')
      select k.id, k.name,
        case k.clip when 'strip' then ST_Intersection(k.geom, s.geom)
                    else ST_Intersection(ST_Intersection(k.geom, s.geom), (select g from held)) end as geom
      from sketch k, strip s order by k.rowid"""
    out = os.path.join(here, "zones.geojson")
    if os.path.exists(out): os.remove(out)
    subprocess.run(["ogr2ogr", "-f", "GeoJSON", "-lco", "RFC7946=YES", "-lco", "COORDINATE_PRECISION=5",
                    "-nln", "zones", out, gpkg, "-dialect", "sqlite", "-sql", sql], check=True)
print("wrote zones.geojson")

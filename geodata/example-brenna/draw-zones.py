#!/usr/bin/env python3
"""Writes the fictional Brenna island's base layers and zones from the hand-placed vertices below.

Everything here is invented: a worked example that citemap is not tied to one place. The zones are
written in EPSG:3857 (a GeoJSON "crs" member, which OGR honours) to exercise reprojection; the map
itself is drawn in Web Mercator too (crs in map.toml), where the scale bar must correct for the
1/cos(latitude) stretch.
Run from this folder: python3 draw-zones.py   (needs ogr2ogr, from gdal-bin)
"""
import json, os, subprocess, tempfile

ISLAND = [(-35.26, 49.93), (-35.20, 49.90), (-35.12, 49.905), (-35.05, 49.89), (-34.98, 49.90), (-34.90, 49.915),
          (-34.83, 49.93), (-34.77, 49.955), (-34.74, 49.99), (-34.75, 50.03), (-34.78, 50.06), (-34.84, 50.085),
          (-34.90, 50.095), (-34.97, 50.10), (-35.03, 50.115), (-35.09, 50.11), (-35.15, 50.095), (-35.20, 50.07),
          (-35.25, 50.045), (-35.28, 50.01), (-35.29, 49.97)]
SKERRY = [(-34.70, 50.10), (-34.67, 50.095), (-34.655, 50.112), (-34.69, 50.125)]

ZONES = [
    ("east-coast", "East coast", [(-34.86, 49.92), (-34.76, 49.94), (-34.73, 49.99), (-34.755, 50.04), (-34.83, 50.035), (-34.845, 49.97)]),
    ("harbour", "Harbour district", [(-34.806, 49.955), (-34.794, 49.952), (-34.790, 49.961), (-34.801, 49.965)]),
    ("tolvey-valley", "Tolvey valley", [(-35.215, 49.962), (-35.12, 49.955), (-35.02, 49.95), (-34.92, 49.965), (-34.89, 49.995), (-35.00, 50.00), (-35.10, 50.01), (-35.20, 49.995)]),
    ("kellan", "Kellan and its farms", [(-35.245, 50.03), (-35.14, 50.025), (-35.13, 50.09), (-35.21, 50.085)]),
    ("greyhaven", "Greyhaven", [(-34.93, 50.02), (-34.85, 50.02), (-34.84, 50.07), (-34.92, 50.08)]),
    ("west-moor", "Western moor", [(-35.285, 49.95), (-35.20, 49.915), (-35.15, 49.95), (-35.18, 50.00), (-35.27, 50.01)]),
    ("south-coast", "South coast", [(-35.10, 49.897), (-34.95, 49.897), (-34.88, 49.92), (-35.00, 49.935), (-35.10, 49.93)]),
    ("skerry", "Skerry", SKERRY),
]
PLACES = [("Port Brenna", -34.80, 49.958, 1), ("Kellan", -35.18, 50.06, 1), ("Greyhaven", -34.885, 50.05, 1),
          ("Ardmore", -35.00, 50.09, 2), ("Lisk", -35.235, 49.955, 2), ("Dunmory", -34.95, 49.925, 2),
          ("Tolvey", -35.06, 49.985, 3), ("Skerry", -34.676, 50.108, 2)]


def ring(coords):
    return [list(p) for p in coords] + [list(coords[0])]


def fc(features, **extra):
    return {"type": "FeatureCollection", **extra, "features": features}


def write(name, obj):
    with open(name, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=1)
        f.write("\n")


write("island.geojson", fc([{"type": "Feature", "properties": {"name": "Brenna"},
                             "geometry": {"type": "MultiPolygon", "coordinates": [[ring(ISLAND)], [ring(SKERRY)]]}}]))
write("sea.geojson", fc([{"type": "Feature", "properties": {"name": "North Atlantic (fictional)"},
                          "geometry": {"type": "Polygon", "coordinates": [ring([(-35.6, 49.7), (-34.4, 49.7), (-34.4, 50.3), (-35.6, 50.3)])]}}]))
write("places.geojson", fc([{"type": "Feature", "properties": {"name": n, "label_rank": r},
                             "geometry": {"type": "Point", "coordinates": [x, y]}} for n, x, y, r in PLACES]))
# Zones are sketched over the coast and clipped to the island here, as a cartographer would, then
# written in Web Mercator.
with tempfile.TemporaryDirectory() as tmp:
    sketch = os.path.join(tmp, "sketch.geojson")
    write(sketch, fc([{"type": "Feature", "properties": {"id": i, "name": n},
                       "geometry": {"type": "Polygon", "coordinates": [ring(c)]}} for i, n, c in ZONES]))
    if os.path.exists("zones.geojson"):
        os.remove("zones.geojson")
    subprocess.run(["ogr2ogr", "-f", "GeoJSON", "-lco", "RFC7946=NO", "-lco", "COORDINATE_PRECISION=2",
                    "-t_srs", "EPSG:3857", "-clipsrc", "island.geojson", "-nln", "zones", "zones.geojson", sketch],
                   check=True)
print("wrote island, sea, places and zones")

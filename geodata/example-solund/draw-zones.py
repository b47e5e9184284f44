#!/usr/bin/env python3
"""Writes the fictional Solund mainland's base layers and zones.

Everything here is invented, to test citemap on data nobody tuned it for: a wide landmass (about
300 x 180 km), a buffer zone about 2 km wide and 150 km long, and a cluster of tiny nested zones of
1-10 km2 near Aske. The coordinates lie in the open Southern Ocean, so nothing real is drawn.
Run from this folder: python3 draw-zones.py   (standard library only)
"""
import json, math

LAT0 = -52.2
KM_LON = 111.32 * math.cos(math.radians(LAT0))  # km per degree of longitude here
KM_LAT = 110.57


def deg(x_km, y_km):
    """Local km east/north of (52.2 E, 52.2 S) -> lon/lat."""
    return (round(52.2 + x_km / KM_LON, 5), round(LAT0 + y_km / KM_LAT, 5))


def ring_km(pts):
    r = [deg(x, y) for x, y in pts]
    return [list(p) for p in r] + [list(r[0])]


def box_km(cx, cy, w, h):
    return ring_km([(cx - w / 2, cy - h / 2), (cx + w / 2, cy - h / 2), (cx + w / 2, cy + h / 2), (cx - w / 2, cy + h / 2)])


def band_km(path, half):
    """A polygon `2*half` km wide along the polyline `path` (mitred joins)."""
    left, right = [], []
    for i, (x, y) in enumerate(path):
        a = path[max(i - 1, 0)]
        b = path[min(i + 1, len(path) - 1)]
        dx, dy = b[0] - a[0], b[1] - a[1]
        n = math.hypot(dx, dy)
        nx, ny = -dy / n, dx / n
        left.append((x + nx * half, y + ny * half))
        right.append((x - nx * half, y - ny * half))
    return ring_km(left + right[::-1])


# The mainland: wide and ragged, with a bay on the south coast.
MAINLAND = [(-150, -62), (-120, -80), (-80, -88), (-40, -84), (-10, -70), (10, -88), (50, -92), (95, -82),
            (130, -70), (152, -40), (148, 0), (155, 40), (140, 70), (100, 86), (60, 90), (20, 82),
            (-20, 88), (-60, 84), (-100, 78), (-135, 60), (-152, 20), (-146, -20)]
ISLET = [(160, -70), (172, -74), (176, -62), (165, -58)]

# The buffer zone runs from the south-west coast to the north-east coast, about 2 km wide.
RIDGEWAY = [(-118, -70), (-95, -52), (-70, -40), (-45, -22), (-20, -14), (5, 2), (28, 14), (50, 30), (72, 52)]

ZONES = [
    ("ridgeway", "Buffer zone", band_km(RIDGEWAY, 1.0)),
    ("harl-post", "Harl post", box_km(-45.2, -22.3, 1.1, 1.1)),          # ~1.2 km2, inside the buffer zone
    ("aske-base", "Aske base", box_km(-30, -35, 3.2, 2.5)),               # ~8 km2
    ("tarn-crossing", "Tarn crossing", box_km(-37, -27, 1.5, 1.4)),       # ~2 km2
    ("kilby", "Kilby", box_km(-24, -29, 2.2, 2.0)),                       # ~4.4 km2
    ("northern-uplands", "Northern uplands", ring_km([(-100, 60), (-60, 78), (0, 80), (60, 84), (120, 60),
                                                      (90, 50), (60, 44), (30, 30), (0, 22), (-40, 6),
                                                      (-80, 0), (-110, 20)])),
    ("southern-plain", "Southern plain", ring_km([(-110, -60), (-60, -75), (-20, -70), (20, -80), (80, -75),
                                                   (120, -55), (100, -30), (60, -20), (20, -24),
                                                   (-10, -40), (-60, -50)])),
    ("lake-district", "Lake district", ring_km([(95, -10), (135, -20), (140, 20), (110, 30), (92, 10)])),
]
# Rank 1: cities, 2: towns, 3: villages. Kilby shares its name with a zone (the label must not repeat).
PLACES = [("Marrow", -120, 30, 1), ("Aske", -31, -31, 1), ("Vell", 70, -40, 1), ("Oster", 120, 40, 1),
          ("Kilby", -24, -29.2, 2), ("Tarnby", 20, 60, 2), ("Holm", -80, -70, 2), ("Brisk", 30, -55, 2),
          ("Fenn", 100, 0, 3), ("Lute", -60, 40, 3), ("Corrie", 130, -50, 3), ("Dail", -5, -20, 3)]
# The provincial boundary is drawn as a straight line past the coast, as old surveys did; the layer asks
# to be clipped to land.
PROVINCES = [[deg(-10, -110), deg(-2, -40), deg(8, 20), deg(20, 110)], [deg(-180, 10), deg(-90, 5), deg(-40, 8)]]


def fc(features):
    return {"type": "FeatureCollection", "features": features}


def write(name, obj):
    with open(name, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=1)
        f.write("\n")


write("mainland.geojson", fc([{"type": "Feature", "properties": {"name": "Solund"},
                               "geometry": {"type": "MultiPolygon",
                                            "coordinates": [[ring_km(MAINLAND)], [ring_km(ISLET)]]}}]))
write("sea.geojson", fc([{"type": "Feature", "properties": {"name": "Southern Ocean (fictional coast)"},
                          "geometry": {"type": "Polygon", "coordinates": [box_km(0, 0, 420, 260)]}}]))
write("places.geojson", fc([{"type": "Feature", "properties": {"name": n, "label_rank": r},
                             "geometry": {"type": "Point", "coordinates": list(deg(x, y))}} for n, x, y, r in PLACES]))
write("provinces.geojson", fc([{"type": "Feature", "properties": {"name": "Provincial boundary"},
                                "geometry": {"type": "MultiLineString", "coordinates": [[list(p) for p in l] for l in PROVINCES]}}]))
write("zones.geojson", fc([{"type": "Feature", "properties": {"id": i, "name": n},
                            "geometry": {"type": "Polygon", "coordinates": [c]}} for i, n, c in ZONES]))
print("wrote mainland, sea, places, provinces and zones")

"""A tiny test harness for the end-to-end tests: named checks, a summary line, a non-zero exit on failure."""
import json, os, shutil, subprocess, sys, tempfile, traceback

CITEMAP = os.environ.get("CITEMAP", "build/src/citemap")
ROOT = os.environ.get("CITEMAP_SOURCE_ROOT", os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
GAZA = os.path.join(ROOT, "geodata", "gaza-2025-11")
BRENNA = os.path.join(ROOT, "geodata", "example-brenna")  # keeps a hand-drawn zones.geojson

_tests = []


def test(fn):
    _tests.append(fn)
    return fn


def run(*args, env=None, check=None):
    e = dict(os.environ)
    e.update(env or {})
    p = subprocess.run([CITEMAP, *args], capture_output=True, text=True, env=e, stdin=subprocess.DEVNULL)
    if check is not None:
        assert p.returncode == check, f"citemap {' '.join(args)} exited {p.returncode}, wanted {check}\n{p.stderr}"
    return p


def render_generated_svg(tmp, name, write_project, *args, **kw):
    """Writes a generated project with `write_project(path, *args, **kw)`, renders its SVG pages, and
    returns the first page's parsed SVG root."""
    import xml.etree.ElementTree as ET
    proj = write_project(os.path.join(tmp, name), *args, **kw)
    out = os.path.join(tmp, name + "-out")
    run("render", proj, "-o", out, "-q", "--format", "svg", env={"SOURCE_DATE_EPOCH": "1762905600"}, check=0)
    return ET.parse(os.path.join(out, "map.svg")).getroot()


# A square polygon's coordinates (lon/lat degrees), centred on (cx, cy), for projects written by tests.
def square(cx, cy, half):
    return [[[cx - half, cy - half], [cx + half, cy - half], [cx + half, cy + half], [cx - half, cy + half],
             [cx - half, cy - half]]]


# A project's zones.geojson in `folder`: one Polygon feature per (id, name, coordinates from square()).
def write_polygon_zones(folder, zones):
    with open(os.path.join(folder, "zones.geojson"), "w") as f:
        json.dump({"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"id": i, "name": n}, "geometry": {"type": "Polygon", "coordinates": g}}
            for i, n, g in zones]}, f)

def copy_project(src, tmp):
    """A copy of a project beside a copy of ../base, so relative base-layer paths still resolve."""
    shutil.copytree(os.path.join(ROOT, "geodata", "base"), os.path.join(tmp, "base"))
    dst = os.path.join(tmp, os.path.basename(src))
    shutil.copytree(src, dst)
    return dst


def main():
    passed = failed = 0
    for fn in _tests:
        with tempfile.TemporaryDirectory(prefix="citemap-e2e-") as tmp:
            try:
                fn(tmp)
                passed += 1
                print(f"ok   {fn.__name__}")
            except Exception:
                failed += 1
                print(f"FAIL {fn.__name__}\n{traceback.format_exc()}")
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)

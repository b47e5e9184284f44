"""How much of a map its names take, and how much of a page the map takes (audit s13 D10), on generated
projects: a narrow figure sets its map's town and sea names at the least legible size and shows the sea around a
wide archipelago, so the names take a sane share of the frame and its main towns keep theirs; a list
that continues on a further sheet leaves the map its natural height; a map of a few large zones sets
their names as large as the panels' text. Read from the SVG."""
import os, re, sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(__file__))
import generated_projects as gen
from harness import BRENNA, main, run, test
from svg_read import SVG, group, rings

EPOCH = {"SOURCE_DATE_EPOCH": "1762905600"}
LEAST_TYPE_PT = 5.5  # theme.hpp, Theme::least_type_pt


def render_svg(proj, out, page):
    p = run("render", proj, "-o", out, "-j", "1", "--format", "svg", "--page", page, env=EPOCH, check=None)
    assert p.returncode == 0, p.stderr
    return ET.parse(os.path.join(out, f"map-{page}.svg")).getroot(), p.stderr


def frame_of(root):
    xs, ys = zip(*rings(group(root, "map-frame").find(SVG + "path"))[0])
    return min(xs), min(ys), max(xs), max(ys)


def zones_box(root, frame):
    """The box of the zones as drawn, within the frame."""
    pts = [pt for p in group(root, "layer-zones").iter(SVG + "path") for r in rings(p) for pt in r]
    xs, ys = zip(*pts)
    return max(min(xs), frame[0]), max(min(ys), frame[1]), min(max(xs), frame[2]), min(max(ys), frame[3])


def area(box):
    return (box[2] - box[0]) * (box[3] - box[1])


def map_texts(root):
    """(id, size, box) of every name and claim number on the map: its line's box from the type size, about
    0.55 em a letter, from 0.75 em above the baseline to 0.25 em below."""
    out = []
    for layer in ("layer-labels", "layer-markers"):
        for g in group(root, layer).iter(SVG + "g"):
            for t in g.findall(SVG + "text"):
                if t.get("aria-hidden"):
                    continue  # the halo's copy
                size, x, y = float(t.get("font-size")), float(t.get("x")), float(t.get("y"))
                w = 0.55 * size * len("".join(t.itertext()))
                x0 = x - w / 2 if t.get("text-anchor") == "middle" else x - w if t.get("text-anchor") == "end" else x
                out.append((g.get("id"), size, (x0, y - 0.75 * size, x0 + w, y + 0.25 * size)))
    return out


def text_cover(root, frame, cell=0.5):
    """The share of the frame's area under the map's text boxes (their union, on a grid of `cell` pt)."""
    nx, ny = int((frame[2] - frame[0]) / cell), int((frame[3] - frame[1]) / cell)
    covered = set()
    for _, _, (x0, y0, x1, y1) in map_texts(root):
        for j in range(max(0, int((y0 - frame[1]) / cell)), min(ny, int((y1 - frame[1]) / cell) + 1)):
            for i in range(max(0, int((x0 - frame[0]) / cell)), min(nx, int((x1 - frame[0]) / cell) + 1)):
                covered.add((i, j))
    return len(covered) / (nx * ny)


@test
def a_narrow_figure_sets_its_town_names_at_the_least_legible_size_and_keeps_its_main_towns(tmp):
    # audit s13 D10 (a-tavua at 90 mm): names were set as on an A5 page in a map frame 83 x 25 mm; a
    # quarter of the frame lay under names and Levuka Tasi (label_rank 1) lost its name.
    proj = gen.archipelago(os.path.join(tmp, "archipelago"))
    root, err = render_svg(proj, os.path.join(tmp, "out-90"), "90mm")
    assert "label_rank 1" not in err, err
    for town in ("Savu", "Levuka-Tasi", "Tubou"):
        assert group(root, "locality-" + town) is not None, town
    texts = map_texts(root)
    names = [size for ident, size, _ in texts if ident.startswith("label-")]
    towns = [size for ident, size, _ in texts if ident.startswith("locality-")]
    assert names and all(s <= 7 for s in names), names  # the A5 page's size, as on main
    assert towns and all(s < 6 for s in towns), towns  # main: 6 pt, an A5 page's
    assert all(s >= LEAST_TYPE_PT for _, s, _ in texts), sorted({s for _, s, _ in texts})
    frame = frame_of(root)
    w, h = frame[2] - frame[0], frame[3] - frame[1]
    cover = text_cover(root, frame)
    # The sea above and below the islands gives their names room; the zones still fill 60 % of it.
    assert h >= 0.38 * w, (w, h)
    assert area(zones_box(root, frame)) >= 0.6 * area(frame), (zones_box(root, frame), frame)
    assert cover <= 0.14, cover  # 0.16 in the 25 mm strip
    print(f"  90 mm: frame {w / 72 * 25.4:.1f} x {h / 72 * 25.4:.1f} mm, names {sorted(set(names))} pt, "
          f"{100 * cover:.1f} % of it under names and numbers")


@test
def a_list_continued_on_a_further_sheet_leaves_the_map_its_natural_height(tmp):
    # audit s13 D10 (d-zarechye on A4 portrait): sixty claims took 60 % of the page's height under the map
    # and continued on sheet 2 anyway; the map, as wide as the page and 103 mm high, showed 31 mm of bare
    # neighbouring land either side of the zones, which filled 64 % of it.
    proj = gen.dense_grid(os.path.join(tmp, "dense"))
    out = os.path.join(tmp, "out-a4p")
    root, _ = render_svg(proj, out, "a4-portrait")
    sheets = sorted(f for f in os.listdir(out) if re.fullmatch(r"map-a4-portrait(-\d+)?\.svg", f))
    assert sheets == ["map-a4-portrait-2.svg", "map-a4-portrait.svg"], sheets  # no sheet more for it
    frame = frame_of(root)
    zones = zones_box(root, frame)
    assert area(zones) >= 0.8 * area(frame), (zones, frame)
    # The zones as wide as the frame, less its margin: drawn as large as the page's width allows.
    assert zones[2] - zones[0] >= 0.9 * (frame[2] - frame[0]), (zones, frame)
    continued = "".join(group(root, "citations-continue").itertext())
    assert "continue on sheet 2" in continued, continued


@test
def a_map_of_two_large_zones_sets_their_names_as_large_as_the_panels_text(tmp):
    # audit s13 D10 (e1, two zones 80 mm across on A4 landscape): 8.2 pt names and 5.8 pt claim numbers
    # under a 20 pt title and 9.6 pt citations. Towns and seas keep their size.
    proj = gen.regions(os.path.join(tmp, "two"), 2)
    root, _ = render_svg(proj, os.path.join(tmp, "out-two"), "a4-landscape")
    title = float(group(root, "title-block").find(SVG + "text").get("font-size"))
    scale = title / 14  # make_fonts: the title is 14 pt at the page's text scale 1
    assert scale > 1.1, title
    texts = map_texts(root)
    names = [size for ident, size, _ in texts if ident.startswith("label-")]
    numbers = [size for ident, size, _ in texts if ident.startswith("marker-")]
    assert len(names) == 2 and all(abs(s - 8.2 * scale) < 0.05 for s in names), (names, scale)
    assert numbers and all(abs(s - 5.8 * scale) < 0.05 for s in numbers), (numbers, scale)
    # A map with a small zone keeps its type: Brenna's names stay at 8.2 pt at most (its islet, Skerry,
    # has no room for larger ones).
    root, _ = render_svg(BRENNA, os.path.join(tmp, "out-brenna"), "a4-landscape")
    names = [size for ident, size, _ in map_texts(root) if ident.startswith("label-")]
    assert names and max(names) <= 8.2, names


if __name__ == "__main__":
    main()

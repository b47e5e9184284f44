"""Reading citemap's SVG as a reader reads the page: a group by its id, a path's rings in page points."""
import math, re

SVG = "{http://www.w3.org/2000/svg}"


def group(root, gid):
    return next((g for g in root.iter(SVG + "g") if g.get("id") == gid), None)


def rings(el):
    """The rings of a path, as lists of points."""
    out = []
    for part in el.get("d").split("M")[1:]:
        nums = [float(v) for v in part.replace("L", " ").replace("Z", " ").split()]
        out.append(list(zip(nums[0::2], nums[1::2])))
    return out


def inside(rs, x, y):
    """Even-odd: whether (x, y) lies inside the rings."""
    odd = False
    for r in rs:
        for (x0, y0), (x1, y1) in zip(r, r[1:] + r[:1]):
            if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
                odd = not odd
    return odd


def distance(rs, x, y):
    """From (x, y) to the nearest edge of the rings."""
    best = math.inf
    for r in rs:
        for (x0, y0), (x1, y1) in zip(r, r[1:] + r[:1]):
            dx, dy = x1 - x0, y1 - y0
            t = max(0, min(1, ((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy))) if dx or dy else 0
            best = min(best, math.hypot(x - x0 - t * dx, y - y0 - t * dy))
    return best


def label_points(root, gid):
    """Points along each text line of a label (its width from the type size, about 0.55 em a letter in
    bold), turned as the SVG turns it."""
    g = group(root, gid)
    pts = []
    for holder in g.iter(SVG + "g"):
        m = re.match(r"rotate\(([-\d.]+) ([-\d.]+) ([-\d.]+)\)", holder.get("transform") or "")
        turn = (math.radians(float(m[1])), float(m[2]), float(m[3])) if m else None
        for t in holder.findall(SVG + "text"):
            size, words = float(t.get("font-size")), "".join(t.itertext())
            x, y, w = float(t.get("x")), float(t.get("y")) - 0.3 * size, 0.55 * size * len(words)
            if t.get("text-anchor") == "middle":
                x -= w / 2
            for k in range(11):
                px, py = x + w * k / 10, y
                if turn:
                    a, cx, cy = turn
                    px, py = (cx + (px - cx) * math.cos(a) - (py - cy) * math.sin(a),
                              cy + (px - cx) * math.sin(a) + (py - cy) * math.cos(a))
                pts.append((px, py))
    return pts

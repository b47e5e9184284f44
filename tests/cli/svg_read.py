"""Reading citemap's SVG as a reader reads the page: a group by its id, a path's rings in page points."""

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

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

"""A small PNG decoder (8-bit RGB/RGBA/palette, non-interlaced) on the standard library, so tests can read
pixels without an imaging package."""
import struct, zlib


def read(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    i, idat, palette = 8, b"", None
    while i < len(data):
        n = struct.unpack(">I", data[i:i + 4])[0]
        kind, body = data[i + 4:i + 8], data[i + 8:i + 8 + n]
        i += 12 + n
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and colour in (2, 3, 6) and interlace == 0, (depth, colour, interlace)
        elif kind == b"PLTE":
            palette = body
        elif kind == b"IDAT":
            idat += body
    bpp = {2: 3, 3: 1, 6: 4}[colour]
    raw, stride = zlib.decompress(idat), width * bpp
    rows, prev, p = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[p], bytearray(raw[p + 1:p + 1 + stride])
        p += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    if colour == 3:  # palette indices -> RGB, so callers see one layout
        rows = [b"".join(palette[3 * i:3 * i + 3] for i in row) for row in rows]
        bpp = 3
    return width, height, bpp, rows


def dark_centroid(image, x0, y0, x1, y1, threshold=110):
    """Mean row of the dark pixels (text ink) inside a box, or None when there are none."""
    width, height, bpp, rows = image
    total = count = 0
    for y in range(max(0, int(y0)), min(height, int(y1))):
        row = rows[y]
        for x in range(max(0, int(x0)), min(width, int(x1))):
            r, g, b = row[x * bpp], row[x * bpp + 1], row[x * bpp + 2]
            if (r * 299 + g * 587 + b * 114) // 1000 < threshold:
                total += y
                count += 1
    return total / count if count else None

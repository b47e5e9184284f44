"""The maps in the document clients a report writer uses, driven headless: pandoc (docx), LibreOffice
(Writer and Draw, one soffice call for every conversion), pdfLaTeX, Inkscape, GDAL and the XMP parsers.
Each check compares what the client made of a file with what citemap drew."""
import atexit, hashlib, math, os, re, shutil, struct, subprocess, sys, tempfile, zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import CITEMAP, GAZA, copy_project, main, run, test  # noqa: E402

MM_PER_PT = 25.4 / 72
_outputs = {}


def sh(*args, **kw):
    p = subprocess.run(list(args), capture_output=True, text=True, stdin=subprocess.DEVNULL, **kw)
    assert p.returncode == 0, f"{' '.join(args)} exited {p.returncode}\n{p.stdout[-2000:]}\n{p.stderr[-2000:]}"
    return p.stdout


def outputs():
    """One render of the Gaza project (figure, A3 with Arabic labels) and one soffice run converting the
    docx, the SVG and the PDF: LibreOffice takes seconds to start, so every test shares this."""
    if _outputs:
        assert "error" not in _outputs, _outputs.get("error")
        return _outputs
    try:
        return make_outputs()
    except Exception as e:
        _outputs["error"] = f"preparing the outputs failed: {e}"
        raise


def make_outputs():
    d = tempfile.mkdtemp(prefix="citemap-clients-")
    atexit.register(shutil.rmtree, d, True)
    run("render", GAZA, "-o", d, "-q", "--format", "svg,png,pdf", check=0)
    # An A4 report with 18 mm margins (a 174 mm text block): pandoc 2.17 shrinks any image wider than
    # about 169.7 mm on a 170 mm block, so the block leaves it room to show the PNG's own size.
    ref = os.path.join(d, "reference.docx")
    with open(ref, "wb") as f:
        f.write(subprocess.run(["pandoc", "--print-default-data-file", "reference.docx"], capture_output=True,
                               check=True).stdout)
    a4_reference(ref)
    with open(os.path.join(d, "report.md"), "w") as f:
        f.write("![Figure 1](figure-170mm.png)\n\n")
        f.write(open(os.path.join(d, "figure-170mm.caption.md"), encoding="utf-8").read())
    sh("pandoc", "report.md", "--reference-doc", ref, "-o", "report.docx", cwd=d)
    shutil.copy(os.path.join(d, "figure-170mm.pdf"), os.path.join(d, "draw-import.pdf"))
    lo = os.path.join(d, "lo")
    profile = "file://" + os.path.join(d, "lo-profile")
    sh("soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", lo,
       "report.docx", "map-a3-arabic.svg", "draw-import.pdf", cwd=d)
    _outputs.update(dir=d, lo=lo)
    return _outputs


def a4_reference(path):
    """pandoc's reference.docx with an A4 page and 18 mm margins (1020 twips)."""
    tmp = path + ".tmp"
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                xml = data.decode("utf-8")
                page = ('<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1020" w:right="1020" w:bottom="1020" '
                        'w:left="1020" w:header="0" w:footer="0" w:gutter="0"/>')
                xml = re.sub(r"<w:pgSz[^>]*/>|<w:pgMar[^>]*/>", "", xml)
                xml = re.sub(r"<w:sectPr\s*/>", "<w:sectPr></w:sectPr>", xml)
                if "<w:sectPr" in xml:
                    xml = re.sub(r"(<w:sectPr[^>]*>)", r"\1" + page, xml, count=1)
                else:
                    xml = xml.replace("</w:body>", "<w:sectPr>" + page + "</w:sectPr></w:body>")
                assert "<w:pgSz" in xml, "pandoc's reference.docx: no place for the page size"
                data = xml.encode("utf-8")
            zout.writestr(item, data)
    os.replace(tmp, path)


def svg_size_mm(path):
    s = open(path, encoding="utf-8").read()
    m = re.search(r'<svg[^>]* width="([0-9.]+)mm" height="([0-9.]+)mm"', s)
    return float(m.group(1)), float(m.group(2))


def ppm(path, *extra):
    """Pixels of a PNG or PDF page as raw RGB bytes (through GDAL or poppler, no imaging package)."""
    out = tempfile.mktemp(suffix=".ppm")
    if path.endswith(".pdf"):
        sh("pdftoppm", "-singlefile", *extra, path, out[:-4])
    else:
        sh("gdal_translate", "-q", "-of", "PNM", "-b", "1", "-b", "2", "-b", "3", path, out)
    data = open(out, "rb").read()
    for f in (out, out + ".aux.xml"):
        if os.path.exists(f):
            os.remove(f)
    magic, w, h, _, body = data.split(maxsplit=4)
    w, h = int(w), int(h)
    return w, h, body[len(body) - w * h * 3:]


def differing_share(a, b, level=64):
    """Share of pixels whose colour differs by more than `level` in some channel."""
    (wa, ha, da), (wb, hb, db) = a, b
    assert (wa, ha) == (wb, hb), f"sizes differ: {wa}x{ha} vs {wb}x{hb}"

    def close(i, j):
        return abs(da[i] - db[j]) <= level and abs(da[i + 1] - db[j + 1]) <= level and abs(da[i + 2] - db[j + 2]) <= level

    bad = 0
    for i in range(0, len(da), 3):
        if da[i:i + 3] != db[i:i + 3] and not close(i, i):
            bad += 1
    return bad / (wa * ha)


@test
def pandoc_docx_sets_the_png_at_its_physical_size(_tmp):
    o = outputs()
    w_mm, h_mm = svg_size_mm(os.path.join(o["dir"], "figure-170mm.svg"))
    assert h_mm <= 240.05 and abs(w_mm - 170) < 0.05, (w_mm, h_mm)
    with zipfile.ZipFile(os.path.join(o["dir"], "report.docx")) as z:
        xml = z.read("word/document.xml").decode("utf-8")
        media = [n for n in z.namelist() if n.startswith("word/media/")]
        embedded = z.read(media[0])
    cx, cy = map(int, re.search(r'<wp:extent cx="(\d+)" cy="(\d+)"', xml).groups())
    # 36000 EMU per millimetre.
    assert abs(cx / 36000 - w_mm) <= 0.1 and abs(cy / 36000 - h_mm) <= 0.1, (cx / 36000, cy / 36000, w_mm, h_mm)
    # Full resolution: the embedded file is citemap's PNG itself, 300 dpi, sRGB.
    assert embedded == open(os.path.join(o["dir"], "figure-170mm.png"), "rb").read()
    assert b"sRGB" in embedded[:200]


@test
def libreoffice_writer_keeps_the_figure_whole_at_full_resolution(_tmp):
    o = outputs()
    w_mm, h_mm = svg_size_mm(os.path.join(o["dir"], "figure-170mm.svg"))
    listing = sh("pdfimages", "-list", os.path.join(o["lo"], "report.pdf")).splitlines()[2:]
    assert listing, "no image in LibreOffice's PDF of the docx"
    cols = listing[0].split()
    width, height, xppi, yppi = int(cols[3]), int(cols[4]), float(cols[12]), float(cols[13])
    assert abs(width / xppi * 25.4 - w_mm) < 0.5 and abs(height / yppi * 25.4 - h_mm) < 0.5, (width, height, xppi)
    assert xppi >= 295, xppi


def words(pdf):
    out = sh("pdftotext", "-bbox", pdf, "-")
    return [(float(a), float(b), float(c), float(d), html_unescape(t)) for a, b, c, d, t in
            re.findall(r'<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>', out)]


def html_unescape(s):
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")


def is_arabic(s):
    return any("\u0600" <= ch <= "\u06ff" for ch in s)


@test
def libreoffice_anchors_arabic_labels_where_citemap_draws_them(_tmp):
    o = outputs()
    svg = open(os.path.join(o["dir"], "map-a3-arabic.svg"), encoding="utf-8").read()
    labels = [(float(x), float(y), t) for x, y, t in
              re.findall(r'<text x="([0-9.]+)" y="([0-9.]+)"[^>]*xml:lang="ar" fill="#[0-9a-f]{6}"[^>]*>([^<]*)</text>', svg)]
    assert len(labels) >= 10, len(labels)
    # LibreOffice splits a label into words: join the Arabic words of one line that touch each other.
    groups = []
    for x0, y0, x1, y1, t in sorted((w for w in words(os.path.join(o["lo"], "map-a3-arabic.pdf")) if is_arabic(w[4])),
                                    key=lambda w: (round(w[1], 1), w[0])):
        g = groups[-1] if groups else None
        # Only a word that starts at or just after the group's end: one far to its left on the same line
        # is another label (two towns' names side by side, or a band's turned name).
        if g and abs(g[1] - y0) < 0.5 and -2 < x0 - g[2] < 8:
            g[2] = max(g[2], x1)
        else:
            groups.append([x0, y0, x1, y1])
    misplaced = []
    for x, y, t in labels:
        near = [g for g in groups if g[1] - 2 <= y <= g[3] + 2]
        best = min((abs((g[0] + g[2]) / 2 - x) for g in near), default=math.inf)
        if best > 3:
            misplaced.append((t, x, y, best))
    assert not misplaced, f"{len(misplaced)} of {len(labels)} Arabic labels are off their anchor: {misplaced[:5]}"


@test
def libreoffice_draws_halos_under_dark_text(_tmp):
    o = outputs()
    pdf = os.path.join(o["lo"], "map-a3-arabic.pdf")
    svg = open(os.path.join(o["dir"], "map-a3-arabic.svg"), encoding="utf-8").read()
    # Words set in dark ink (the text colour, not the muted grey of places outside the mapped area,
    # #5a5a5a, which no rendering darkens below 90) that have a halo copy under them.
    dark = set(re.findall(r'fill="#[0-3][0-9a-f][0-3][0-9a-f][0-3][0-9a-f]">([A-Za-z][A-Za-z -]+)</text>', svg))
    haloed = set(re.findall(r'aria-hidden="true">([A-Za-z][A-Za-z -]+)</text>', svg)) & dark
    checked = 0
    for x0, y0, x1, y1, t in words(pdf):
        if t not in {w for h in haloed for w in h.split()} or len(t) < 4:
            continue
        # The darkest pixel of the word at 150 dpi: the letters, not a white halo painted over them.
        s = 150 / 72
        w, h, px = ppm(pdf, "-r", "150", "-x", str(int(x0 * s)), "-y", str(int(y0 * s)),
                       "-W", str(max(1, int((x1 - x0) * s))), "-H", str(max(1, int((y1 - y0) * s))))
        darkest = min(px[i] * 299 + px[i + 1] * 587 + px[i + 2] * 114 for i in range(0, len(px), 3)) / 1000
        assert darkest < 90, f"'{t}' has no dark ink in LibreOffice's rendering (darkest {darkest:.0f})"
        checked += 1
        if checked >= 8:
            break
    assert checked >= 5, checked


@test
def libreoffice_draw_imports_the_pdf_patterns_clipped(_tmp):
    o = outputs()
    ours = ppm(os.path.join(o["dir"], "figure-170mm.pdf"), "-r", "40")
    theirs = ppm(os.path.join(o["lo"], "draw-import.pdf"), "-r", "40")
    if (ours[0], ours[1]) != (theirs[0], theirs[1]):  # Draw rounds the page size to 0.01 mm
        theirs = ppm(os.path.join(o["lo"], "draw-import.pdf"), "-r", "40", "-scale-to-x", str(ours[0]),
                     "-scale-to-y", str(ours[1]))
    share = differing_share(ours, theirs)
    print(f"   LibreOffice Draw import of the PDF: {100 * share:.2f}% of pixels differ by > 64 levels")
    assert share < 0.03, share


@test
def pdflatex_sets_the_figure_without_an_overfull_box(_tmp):
    o = outputs()
    d = o["dir"]
    with open(os.path.join(d, "report.tex"), "w") as f:
        f.write("\\documentclass[a4paper]{article}\n\\usepackage[margin=20mm]{geometry}\n"
                "\\usepackage[T1]{fontenc}\n\\usepackage{graphicx}\n\\begin{document}\n"
                "\\begin{figure}[p]\\centering\\includegraphics{figure-170mm.pdf}\\end{figure}\n"
                "\\input{figure-170mm.caption.tex}\n\\end{document}\n")
    sh("pdflatex", "-interaction=nonstopmode", "-halt-on-error", "report.tex", cwd=d)
    log = open(os.path.join(d, "report.log"), encoding="latin-1").read()
    assert "Overfull" not in log and "Float too large" not in log, re.findall(r"(Overfull.*|Float too large.*)", log)


@test
def pdflatex_prints_a_caption_quote_verbatim_in_ot1_and_t1(tmp):
    # LaTeX reads < > | " ' ` and -- ,, as other characters or ligatures: a caption must escape them all.
    quote = 'He said "<rumours> & |x| -- it\'s `odd`, ,,z" at 5% (#1_a ~b ^c {d} \\e)'
    proj = copy_project(GAZA, tmp)
    with open(os.path.join(proj, "article.txt"), "a", encoding="utf-8") as f:
        f.write("\n\nA late line: " + quote + " ends here.\n")
    toml = os.path.join(proj, "map.toml")
    text = open(toml, encoding="utf-8").read()
    toml_quote = quote.replace("\\", "\\\\").replace('"', '\\"')
    assert 'quote = "Rafah in the south"' in text
    open(toml, "w", encoding="utf-8").write(text.replace('quote = "Rafah in the south"', f'quote = "{toml_quote}"', 1))
    out = os.path.join(tmp, "out")
    run("render", proj, "-o", out, "-q", "--page", "170mm", "--format", "pdf", check=0)
    for enc in ("", "\\usepackage[T1]{fontenc}\n"):
        with open(os.path.join(out, "doc.tex"), "w") as f:
            f.write("\\documentclass{article}\n" + enc + "\\begin{document}\n\\input{map-170mm.caption.tex}\n"
                    "\\end{document}\n")
        sh("pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex", cwd=out)
        printed = " ".join(subprocess.run(["pdftotext", os.path.join(out, "doc.pdf"), "-"], capture_output=True,
                                          text=True, check=True).stdout.split())
        # Verbatim but for the quote's own quotation marks, set as the single curly ones a quote within a
        # quote takes (LaTeX's ` and ', which pdftotext reads back as such from a T1 font).
        inner = quote.split('"')
        nested = re.escape(inner[0]) + "[\u2018`]" + re.escape(inner[1]) + "[\u2019']" + re.escape(inner[2])
        assert re.search(nested, printed), (enc or "OT1", printed[printed.find("He said") - 5:][:120])


@test
def inkscape_draws_the_svg_like_citemaps_png(_tmp):
    o = outputs()
    d = o["dir"]
    # The same figure at 150 dpi: citemap's PNG, its SVG with text, and its SVG with text as outlines.
    run("render", GAZA, "-o", os.path.join(d, "150"), "-q", "--format", "png", "--dpi", "150", "--page", "170mm",
        check=0)
    run("render", GAZA, "-o", os.path.join(d, "outlines"), "-q", "--format", "svg", "--page", "170mm",
        "--svg-text", "outlines", check=0)
    # --page X writes map-X.* (never over the project's own map.*).
    ours = ppm(os.path.join(d, "150", "map-170mm.png"))
    for name, svg in (("text", os.path.join(d, "figure-170mm.svg")),
                      ("outlines", os.path.join(d, "outlines", "map-170mm.svg"))):
        png = os.path.join(d, f"ink-{name}.png")
        sh("inkscape", "--export-type=png", "--export-dpi=150", "--export-filename=" + png, svg)
        theirs = ppm(png)
        strict = differing_share(theirs, ours)
        print(f"   Inkscape ({name}) vs citemap PNG: {100 * strict:.2f}% of pixels differ by > 64 levels")
        assert strict < 0.01, (name, strict)


def corners(info):
    return {k: (float(x), float(y)) for k, x, y in
            re.findall(r"(Upper Left|Lower Left|Upper Right|Lower Right)\s+\(\s*([-0-9.]+),\s*([-0-9.]+)\)", info)}


@test
def gdal_opens_the_png_and_the_pdf_in_place(_tmp):
    o = outputs()
    svg = open(os.path.join(o["dir"], "figure-170mm.svg"), encoding="utf-8").read()
    for name in ("figure-170mm.png", "figure-170mm.pdf"):
        info = sh("gdalinfo", os.path.join(o["dir"], name))
        assert 'ID["EPSG",32636]' in info, name
        gt = [float(v) for v in re.search(r"Origin = \(([-0-9.]+),([-0-9.]+)\)", info).groups()]
        px = [float(v) for v in re.search(r"Pixel Size = \(([-0-9.]+),([-0-9.]+)\)", info).groups()]
        size = [int(v) for v in re.search(r"Size is (\d+), (\d+)", info).groups()]
        # The map frame on the page and the CRS box it shows, from the SVG's frame and citemap's own numbers.
        frame = [float(v) for v in re.search(r'<g id="map-frame"><path d="M([0-9.]+) ([0-9.]+)L([0-9.]+) [0-9.]+L[0-9.]+ ([0-9.]+)', svg).groups()]
        page_w = float(re.search(r'viewBox="0 0 ([0-9.]+)', svg).group(1))
        scale = size[0] / page_w  # pixels per point as GDAL sees the page
        # Where GDAL puts the frame's corners, in map units; they must fall on the frame within a pixel.
        ul = (gt[0] + frame[0] * scale * px[0], gt[1] + frame[1] * scale * px[1])
        lr = (gt[0] + frame[2] * scale * px[0], gt[1] + frame[3] * scale * px[1])
        world = world_box(o["dir"])
        for got, want in ((ul, (world[0], world[3])), (lr, (world[2], world[1]))):
            assert abs(got[0] - want[0]) <= abs(px[0]) * 1.01 + 0.01 * abs(px[0]) and \
                abs(got[1] - want[1]) <= abs(px[1]) * 1.01, (name, got, want, px)
        print(f"   {name}: {size[0]}x{size[1]} px, {corners(info)['Upper Left']} .. {corners(info)['Lower Right']}")


def world_box(d):
    """The map CRS box of the frame, from the PNG's .aux.xml written beside it: origin + frame offset."""
    aux = open(os.path.join(d, "figure-170mm.png.aux.xml"), encoding="utf-8").read()
    gt = [float(v) for v in re.search(r"<GeoTransform>([^<]*)</GeoTransform>", aux).group(1).split(",")]
    svg = open(os.path.join(d, "figure-170mm.svg"), encoding="utf-8").read()
    f = [float(v) for v in re.search(r'<g id="map-frame"><path d="M([0-9.]+) ([0-9.]+)L([0-9.]+) [0-9.]+L[0-9.]+ ([0-9.]+)', svg).groups()]
    s = 300 / 72  # the PNG's pixels per point
    return (gt[0] + f[0] * s * gt[1], gt[3] + f[3] * s * gt[5], gt[0] + f[2] * s * gt[1], gt[3] + f[1] * s * gt[5])


@test
def xmp_provenance_parses_in_exiftool_and_exempi(_tmp):
    o = outputs()
    d = o["dir"]
    pdf, png = os.path.join(d, "figure-170mm.pdf"), os.path.join(d, "figure-170mm.png")
    assert sh("exempi", "-g", "xmp:CreatorTool", pdf).strip().startswith("citemap ")
    data = open(png, "rb").read()
    i = data.index(b"iTXtXML:com.adobe.xmp\x00")
    n = struct.unpack(">I", data[i - 4:i])[0]
    packet = os.path.join(d, "png.xmp")
    open(packet, "wb").write(data[i + 4 + len(b"XML:com.adobe.xmp") + 5:i + 4 + n])
    assert sh("exempi", "-X", "-g", "xmp:CreatorTool", packet).strip().startswith("citemap ")
    for f in (pdf, png):
        out = sh("exiftool", "-validate", "-warning", "-error", "-a", "-struct", "-j", "-xmp:all", f)
        assert "Error" not in out, out[:2000]
        assert "Rafah in the south" in out and "sha256" in out.lower() or "Sha256" in out, f
    toml = open(os.path.join(GAZA, "map.toml"), "rb").read()
    assert hashlib.sha256(toml).hexdigest() in sh("exiftool", "-xmp:all", "-struct", pdf)


if __name__ == "__main__":
    main()

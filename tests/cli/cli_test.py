"""End-to-end tests of the citemap command: exit codes, messages, and the files it writes, opened the
way a reader's tools open them (an XML parser, rsvg-convert, pdfinfo, pdftotext)."""
import concurrent.futures, json, os, re, shutil, signal, struct, subprocess, sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(__file__))
import png
from harness import BRENNA, GAZA, ROOT, copy_project, main, run, test

SVG = "{http://www.w3.org/2000/svg}"
ARTICLE = open(os.path.join(GAZA, "article.txt"), encoding="utf-8").read()


def render_gaza(tmp, *extra):
    out = os.path.join(tmp, "out")
    run("render", GAZA, "-o", out, "-q", *extra, env={"SOURCE_DATE_EPOCH": "1762905600"}, check=0)
    return out


@test
def check_passes_on_the_gaza_project(tmp):
    p = run("check", GAZA, check=0)
    assert "8 claims" in p.stdout and "quotes verified" in p.stdout, p.stdout
    # Each [[check]] is named by its map.toml line and quote, with the drawn share beside the text's.
    line = next(i for i, l in enumerate(open(os.path.join(GAZA, "map.toml"), encoding="utf-8"), 1) if l.startswith("[[check]]"))
    assert re.search(rf"check \S*map\.toml:{line} \u201Cover half of Gaza\u2019s coastal territory\u201D: passed, "
                     r"drawn 56\.\d % of 'Gaza Strip' \(204\.\d of 363\.\d km\u00B2\); the text: at least 50\.0 %", p.stdout), p.stdout


@test
def a_misquote_fails_check_with_line_column_and_the_closest_passage(tmp):
    proj = copy_project(GAZA, tmp)
    toml = os.path.join(proj, "map.toml")
    text = open(toml, encoding="utf-8").read()
    line = next(i for i, l in enumerate(text.splitlines(), 1) if "Rafah in the south" in l)
    open(toml, "w", encoding="utf-8").write(text.replace("Rafah in the south", "Rafah in the South"))
    p = run("check", proj, check=1)
    assert re.search(rf"map\.toml:{line}:\d+: error: quote not found", p.stderr), p.stderr
    assert 'source: "Rafah in the south"' in p.stderr, p.stderr
    assert "first difference" in p.stderr
    assert p.stderr.count("error:") == 1, p.stderr


@test
def an_ambiguous_quote_and_a_missing_source_each_give_one_clear_error(tmp):
    proj = copy_project(GAZA, tmp)
    toml = os.path.join(proj, "map.toml")
    text = open(toml, encoding="utf-8").read()
    open(toml, "w", encoding="utf-8").write(text.replace('quote = "Rafah in the south"', 'quote = "Hamas"'))
    p = run("check", proj, check=1)
    assert "occurs 3 times" in p.stderr and "prefix" in p.stderr, p.stderr
    assert p.stderr.count("error:") == 1, p.stderr
    open(toml, "w", encoding="utf-8").write(text.replace('file      = "article.txt"', 'file      = "missing.txt"'))
    p = run("check", proj, check=1)
    assert "cannot read source 'article'" in p.stderr, p.stderr
    assert "Traceback" not in p.stderr and "ERROR 4" not in p.stderr


@test
def usage_errors_exit_2(tmp):
    assert run("render").returncode == 2
    assert run("render", GAZA, "--page", "a4-sideways", "-o", tmp).returncode == 2
    assert run("frobnicate").returncode == 2


@test
def a_page_size_out_of_bounds_says_which_side_and_the_bound_not_unknown_page(tmp):
    # "--page 100x40mm" was "unknown page", the 50 mm minimum only in the general hint.
    for page, said in [("100x40mm", "is 40 mm high: a page must be at least 50 mm high"),
                       ("2500x300mm", "is 2500 mm wide: a page must be at most 2000 mm wide"),
                       ("40mm", "is a figure 40 mm wide: a figure must be at least 60 mm wide"),
                       ("170mm-max30mm", "lets a figure be 30 mm high: its height limit must be at least 60 mm")]:
        p = run("render", GAZA, "--page", page, "-o", os.path.join(tmp, "never"), check=2)
        assert f"error: page '{page}' {said}" in p.stderr, p.stderr
        assert "unknown page" not in p.stderr, p.stderr
        assert not os.path.exists(os.path.join(tmp, "never"))
    # In map.toml, with its line.
    proj = copy_project(GAZA, os.path.join(tmp, "copy"))
    toml = os.path.join(proj, "map.toml")
    text = open(toml, encoding="utf-8").read()
    assert 'page = "a4-landscape"' in text
    open(toml, "w", encoding="utf-8").write(text.replace('page = "a4-landscape"', 'page = "100x40mm"', 1))
    line = 1 + text[:text.index('page = "a4-landscape"')].count("\n")
    p = run("check", proj, check=1)
    assert re.search(rf"map\.toml:{line}:\d+: error: page '100x40mm' is 40 mm high: a page must be at least 50 mm high", p.stderr), p.stderr
    # A name that is no page at all is still unknown.
    p = run("render", GAZA, "--page", "a4-sideways", "-o", os.path.join(tmp, "never"), check=2)
    assert "unknown page 'a4-sideways'" in p.stderr, p.stderr


@test
def a_broken_zone_file_is_reported_without_library_noise(tmp):
    proj = copy_project(os.path.join(ROOT, "geodata", "example-brenna"), tmp)
    open(os.path.join(proj, "zones.geojson"), "w").write('{"type": "FeatureCollection",\n "features": [\n {"type" "Feature"}]}')
    p = run("check", proj, check=1)
    assert re.search(r"zones\.geojson:3:\d+: error: invalid JSON", p.stderr), p.stderr
    assert len(p.stderr.strip().splitlines()) <= 4, p.stderr
    os.remove(os.path.join(proj, "zones.geojson"))
    p = run("check", proj, check=1)
    assert "cannot open 'zones.geojson' as vector data" in p.stderr, p.stderr
    assert "ERROR 1" not in p.stderr and len(p.stderr.strip().splitlines()) <= 4, p.stderr


@test
def a_failed_render_leaves_earlier_maps_untouched(tmp):
    out = render_gaza(tmp)
    before = open(os.path.join(out, "map.svg"), "rb").read()
    proj = copy_project(GAZA, os.path.join(tmp, "copy"))
    toml = os.path.join(proj, "map.toml")
    text = open(toml, encoding="utf-8").read()
    open(toml, "w", encoding="utf-8").write(text.replace("large swaths of Gaza City", "large swathes of Gaza City"))
    run("render", proj, "-o", out, check=1)
    assert open(os.path.join(out, "map.svg"), "rb").read() == before
    assert not [f for f in os.listdir(out) if ".tmp-" in f]


@test
def every_zone_in_the_svg_has_an_id_a_title_and_verbatim_citations(tmp):
    out = render_gaza(tmp)
    root = ET.parse(os.path.join(out, "map.svg")).getroot()
    assert root.get("role") == "img" and root.find(SVG + "title").text
    layers = [g.get("{http://www.inkscape.org/namespaces/inkscape}label") for g in root.findall(SVG + "g")]
    assert {"Zones", "Labels", "Footnote markers", "Citations"} <= set(layers), layers
    cite = json.loads(run("cite", GAZA, "--json", check=0).stdout)
    quotes_of = {}
    for c in cite["citations"]:
        quotes_of.setdefault(str(c["claim"]), []).append(c["exact"])
    zones = [g for g in root.iter(SVG + "g") if (g.get("id") or "").startswith("zone-")]
    assert len(zones) == 5
    for z in zones:
        assert z.find(SVG + "title") is not None and z.find(SVG + "title").text
        nums = z.get("data-citations").split()
        assert nums
        for n in nums:
            for q in quotes_of[n]:
                assert q in ARTICLE, q
    texts = [t.text for t in root.iter(SVG + "text")]
    assert "Rafah" in texts and any("Rafah in the south" in (t or "") for t in texts)
    links = [a.get("href") for a in root.iter(SVG + "a")]
    assert "article.html#cite-2" in links, links


@test
def the_png_is_a4_at_300_dpi_and_the_pdf_one_a4_page_with_the_quotes_as_text(tmp):
    out = render_gaza(tmp)
    png = open(os.path.join(out, "map.png"), "rb").read()
    assert struct.unpack(">II", png[16:24]) == (3508, 2480)
    i = png.index(b"pHYs")
    assert struct.unpack(">IIB", png[i + 4:i + 13]) == (11812, 11812, 1)
    info = subprocess.run(["pdfinfo", os.path.join(out, "map.pdf")], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+1\b", info), info
    assert re.search(r"Page size:\s+841\.89 x 595\.2", info), info
    dests = subprocess.run(["pdfinfo", "-dests", os.path.join(out, "map.pdf")], capture_output=True, text=True, check=True).stdout
    for n in range(1, 8):
        assert f'"cite-{n}"' in dests, dests
    text = subprocess.run(["pdftotext", "-layout", os.path.join(out, "map.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    for q in ["Rafah in the south", "large swaths of Gaza City", "Held by the Israeli military"]:
        assert q in flat, q


@test
def the_svg_renders_in_rsvg_convert_like_the_png(tmp):
    out = os.path.join(tmp, "out")
    run("render", GAZA, "-o", out, "-q", "--format", "svg,png", "--dpi", "96", check=0)
    rsvg = os.path.join(tmp, "rsvg.png")
    subprocess.run(["rsvg-convert", "-d", "96", "-p", "96", "-o", rsvg, os.path.join(out, "map.svg")], check=True)
    ours, theirs = png.read(os.path.join(out, "map.png")), png.read(rsvg)
    assert ours[0] == theirs[0] and abs(ours[1] - theirs[1]) <= 1, (ours[:2], theirs[:2])
    # Text lands on the same baselines in both renderers: compare where the ink of each citation line
    # sits (the citation panel is dark text on white, nothing else in its boxes).
    root = ET.parse(os.path.join(out, "map.svg")).getroot()
    panel = next(g for g in root.findall(SVG + "g") if g.get("id") == "layer-citations")
    scale = 96 / 72
    shifts = []
    for t in list(panel.iter(SVG + "text"))[:25]:
        x, y, size = float(t.get("x")), float(t.get("y")), float(t.get("font-size"))
        # Dark, upright text only: grey and italic lines sit on the ink threshold and measure noisily.
        if t.get("fill") != "#222222" or t.get("font-style") or not t.text or len(t.text) < 8:
            continue
        box = ((x) * scale, (y - size) * scale, (x + 4 * size) * scale, (y + 0.3 * size) * scale)
        a, b = png.dark_centroid(ours, *box), png.dark_centroid(theirs, *box)
        if a is not None and b is not None:
            shifts.append(abs(a - b) / scale / size)
    assert len(shifts) >= 10, shifts
    # The bug this guards against moved every line by 0.14 em; one line's ink centroid alone can
    # move ~0.13 em with its sub-pixel position (a curly quote at 96 dpi), so judge the median too.
    shifts.sort()
    assert shifts[len(shifts) // 2] < 0.05, f"text baselines differ by {shifts} em between Cairo and rsvg"
    assert max(shifts) < 0.15, f"text baselines differ by up to {max(shifts):.2f} em between Cairo and rsvg"


@test
def svg_text_can_be_glyph_outlines_that_keep_their_words(tmp):
    out = os.path.join(tmp, "out")
    run("render", GAZA, "-o", out, "-q", "--format", "svg", "--svg-text", "outlines", check=0)
    root = ET.parse(os.path.join(out, "map.svg")).getroot()
    assert not list(root.iter(SVG + "text"))
    labels = [g.get("aria-label") for g in root.iter(SVG + "g") if g.get("aria-label")]
    assert "Rafah" in labels and any("Rafah in the south" in l for l in labels), labels[:20]
    subprocess.run(["rsvg-convert", "-o", os.path.join(tmp, "o.png"), os.path.join(out, "map.svg")], check=True)
    assert run("render", GAZA, "-o", out, "--svg-text", "curves").returncode == 2


@test
def cite_json_offsets_slice_the_article_by_code_points(tmp):
    data = json.loads(run("cite", GAZA, "--json", check=0).stdout)
    assert len(data["citations"]) == 11
    paragraphs = ARTICLE.split("\n")
    for c in data["citations"]:
        assert ARTICLE[c["start"]:c["end"]] == c["exact"], c
        assert c["exact"] in paragraphs[c["paragraph"] - 1]
    assert [u["paragraph"] for u in data["uncited_paragraphs"]] == [1, 2, 3, 4, 5, 6, 7, 8, 12]


@test
def rendering_is_byte_identical_across_runs(tmp):
    a = render_gaza(os.path.join(tmp, "a"))
    b = render_gaza(os.path.join(tmp, "b"))
    for f in sorted(os.listdir(a)):
        assert open(os.path.join(a, f), "rb").read() == open(os.path.join(b, f), "rb").read(), f


@test
def several_projects_render_the_same_bytes_on_one_thread_and_on_many(tmp):
    brenna = os.path.join(ROOT, "geodata", "example-brenna")
    outs = {}
    for jobs in ("1", "4"):
        out = os.path.join(tmp, "j" + jobs)
        run("render", GAZA, brenna, "-o", out, "-q", "-j", jobs, env={"SOURCE_DATE_EPOCH": "1762905600"}, check=0)
        outs[jobs] = {os.path.relpath(os.path.join(d, f), out): open(os.path.join(d, f), "rb").read()
                      for d, _, files in os.walk(out) for f in files}
    # Each project in its own subfolder, every page in three formats, plus the companions.
    assert "gaza-2025-11/map.png" in outs["1"] and "example-brenna/map-print.pdf" in outs["1"], sorted(outs["1"])
    assert "gaza-2025-11/article.html" in outs["1"] and "example-brenna/article.html" in outs["1"]
    assert sorted(outs["1"]) == sorted(outs["4"])
    differing = [f for f in outs["1"] if outs["1"][f] != outs["4"][f]]
    assert not differing, differing
    # article.html inlines the first page's SVG as it is, without the XML declaration.
    svg = outs["1"]["gaza-2025-11/map.svg"].decode()
    assert svg.startswith("<?xml") and svg.split("\n", 1)[1] in outs["1"]["gaza-2025-11/article.html"].decode()


@test
def pages_laid_out_in_parallel_report_in_page_order_on_one_thread_and_on_many(tmp):
    # Two pages too small for the map, between the project's own: check and render name both, in page
    # order, so one run shows everything to change; render writes nothing (all pages or none).
    proj = copy_project(GAZA, tmp)
    toml = os.path.join(proj, "map.toml")
    text = open(toml, encoding="utf-8").read()
    small = '[[output]]\nname = "small-a"\npage = "80x60mm"\n\n[[output]]\nname = "small-b"\npage = "90x70mm"\n\n'
    open(toml, "w", encoding="utf-8").write(text.replace("[[output]]\nname = \"figure-170mm\"", small + "[[output]]\nname = \"figure-170mm\"", 1))
    seen = {}
    for jobs in ("1", "3"):
        c = run("check", proj, "-j", jobs, check=1)
        out = os.path.join(tmp, "out" + jobs)
        r = run("render", proj, "-o", out, "-q", "-j", jobs, env={"SOURCE_DATE_EPOCH": "1762905600"}, check=1)
        assert not os.path.exists(out), os.listdir(out)
        seen[jobs] = (c.stdout, c.stderr, r.stdout, r.stderr)
    assert seen["1"] == seen["3"], seen
    check_err, render_err = seen["1"][1], seen["1"][3]
    assert check_err.count("error:") == 2 and check_err.index("'80x60mm'") < check_err.index("'90x70mm'"), check_err
    assert render_err.index("'80x60mm'") < render_err.index("'90x70mm'"), render_err
    assert "2 of 5 pages cannot be laid out" in render_err, render_err
    # Without them the same project checks clean on any thread count.
    open(toml, "w", encoding="utf-8").write(text)
    assert run("check", proj, "-j", "1", check=0).stdout == run("check", proj, "-j", "3", check=0).stdout


@test
def a_check_timed_with_citemap_timeline_names_each_pages_search_and_drawing_and_unset_prints_none(tmp):
    # CITEMAP_TIMELINE says where a check's time went (core/timeline.hpp): the load, each page's search
    # and drawing, on the thread that ran it, after the check's own words, which stay the same; on one
    # thread and on more pages than threads alike. Unset, not a line of it.
    for jobs in ("1", "2"):
        timed = run("check", GAZA, "-j", jobs, env={"CITEMAP_TIMELINE": "1"}, check=0)
        lines = [l for l in timed.stderr.splitlines() if l.startswith("timeline: thread ")]
        for stage in ("check", "load", "search page 1", "search page 3", "draw page 1", "draw page 3"):
            assert sum(bool(re.search(r" ms  cpu +[\d.]+ ms  " + stage + "$", l)) for l in lines) == 1, (stage, lines)
        plain = run("check", GAZA, "-j", jobs, check=0)
        assert "timeline:" not in plain.stderr and plain.stdout == timed.stdout, plain.stderr
        assert timed.stderr.replace("".join(l + "\n" for l in lines), "") == plain.stderr, timed.stderr


@test
def runs_that_end_early_or_late_exit_with_their_status_while_other_threads_are_alive(tmp):
    # Commands that stop at once (--version, a usage error while fontconfig is still being set up on
    # its thread), after the workers built their text engines (a misquote, a page too small), or after
    # writing everything, three at a time: each ends with its own status and words, never a signal.
    proj = copy_project(BRENNA, tmp)
    toml = os.path.join(proj, "map.toml")
    text = open(toml, encoding="utf-8").read()
    small = os.path.join(tmp, "small")
    shutil.copytree(proj, small)
    open(os.path.join(small, "map.toml"), "w", encoding="utf-8").write(
        text.replace('[[output]]\nname = "map"\n', '[[output]]\nname = "small"\npage = "80x60mm"\n\n[[output]]\nname = "map"\n', 1))
    misquoted = os.path.join(tmp, "misquoted")
    shutil.copytree(proj, misquoted)
    open(os.path.join(misquoted, "map.toml"), "w", encoding="utf-8").write(text.replace("since the early hours", "since the earliest hours", 1))
    env = {"SOURCE_DATE_EPOCH": "1762905600"}
    runs = [(("--version",), 0)] * 6 + [(("render", proj, "--page", "a4-sideways", "-o", os.path.join(tmp, "never")), 2)] * 6 \
        + [(("render", proj, "--format", "svg,gif", "-o", os.path.join(tmp, "never")), 2)] * 3 \
        + [(("check", misquoted, "-j", "3"), 1)] * 3 + [(("render", small, "-j", "3", "-o", os.path.join(tmp, "never")), 1)] * 3 \
        + [(("render", proj, "-j", "3", "--format", "svg", "-q", "-o", os.path.join(tmp, f"out{i}")), 0) for i in range(2)]
    with concurrent.futures.ThreadPoolExecutor(3) as pool:
        done = list(pool.map(lambda r: (r, run(*r[0], env=env)), runs))
    said = {}
    for (args, status), p in done:
        assert p.returncode >= 0, f"citemap {' '.join(args)} was killed by {signal.Signals(-p.returncode).name}\n{p.stderr}"
        assert p.returncode == status, f"citemap {' '.join(args)} exited {p.returncode}, wanted {status}\n{p.stderr}"
        key = tuple(a for a in args if not a.startswith(tmp + os.sep + "out"))
        assert said.setdefault(key, (p.stdout, p.stderr)) == (p.stdout, p.stderr), (args, p.stderr)
    assert said[("--version",)][0] == "citemap 0.1.0\n"
    assert "unknown page 'a4-sideways'" in said[("render", proj, "--page", "a4-sideways", "-o", os.path.join(tmp, "never"))][1]
    assert "quote not found" in said[("check", misquoted, "-j", "3")][1]
    assert "do not fit on page '80x60mm'" in said[("render", small, "-j", "3", "-o", os.path.join(tmp, "never"))][1]
    assert not os.path.exists(os.path.join(tmp, "never"))
    svgs = [open(os.path.join(tmp, f"out{i}", "map.svg"), "rb").read() for i in range(2)]
    assert svgs[0] == svgs[1] and b"</svg>" in svgs[0]


@test
def annotations_are_w3c_web_annotations_with_both_selectors(tmp):
    out = render_gaza(tmp)
    doc = json.load(open(os.path.join(out, "annotations.jsonld"), encoding="utf-8"))
    assert "http://www.w3.org/ns/anno.jsonld" in doc["@context"]
    items = doc["first"]["items"]
    assert len(items) == 8
    for a in items:
        assert a["type"] == "Annotation"
        targets = a["target"] if isinstance(a["target"], list) else [a["target"]]
        for t in targets:
            kinds = {s["type"]: s for s in t["selector"]}
            q, pos = kinds["TextQuoteSelector"], kinds["TextPositionSelector"]
            assert ARTICLE[pos["start"]:pos["end"]] == q["exact"]
            assert ARTICLE[:pos["start"]].endswith(q["prefix"]) and ARTICLE[pos["end"]:].startswith(q["suffix"])


@test
def citations_md_lists_each_quote_inside_its_sentence(tmp):
    out = render_gaza(tmp)
    md = open(os.path.join(out, "citations.md"), encoding="utf-8").read()
    assert "2. **Rafah: Held by the Israeli military**" in md  # the panel's claim title (claim_title)
    assert "including most agricultural land, **Rafah in the south**, and large swaths of Gaza City." in md
    alt = open(os.path.join(out, "alt-text.txt"), encoding="utf-8").read()
    for name in ["Rafah", "Eastern Gaza City", "Agricultural land", "West of the withdrawal line",
                 "Withdrawal line: Held by the Israeli military"]:
        assert name in alt, name
    # Every claim once, the line's too, in the citation list's order.
    numbers = [int(n) for n in re.findall(r"claim (\d+)\)", alt)]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) == 8, alt


@test
def stats_measures_the_drawing_in_an_equal_area_crs(tmp):
    data = json.loads(run("stats", GAZA, "--json", check=0).stdout)
    zones = {z["id"]: z for z in data["zones"]}
    # The held area and the rest tile the strip: their shares add up to one.
    assert abs(zones["israeli-held"]["share_of_outline"] + zones["west-of-line"]["share_of_outline"] - 1) < 1e-3
    assert 363 < data["outline_km2"] < 365  # the strip is 365 km² by the usual figure
    assert data["checks"][0]["passed"] and data["checks"][0]["share"] > 0.5
    brenna = json.loads(run("stats", os.path.join(ROOT, "geodata", "example-brenna"), "--json", check=0).stdout)
    assert [c["zones"] for c in brenna["conflicts"]] == [["tolvey-valley", "west-moor"]]


@test
def hostile_text_in_inputs_is_escaped_in_svg_and_html(tmp):
    proj = copy_project(GAZA, tmp)
    toml = os.path.join(proj, "map.toml")
    text = open(toml, encoding="utf-8").read()
    text = text.replace('title    = "Gaza after the 10 October ceasefire"', 'title    = "Gaza <script>alert(1)</script> & \\"co\\""')
    open(toml, "w", encoding="utf-8").write(text)
    out = os.path.join(tmp, "out")
    run("render", proj, "-o", out, "-q", check=0)
    for f in ["map.svg", "article.html"]:
        body = open(os.path.join(out, f), encoding="utf-8").read()
        assert "<script>alert(1)" not in body, f
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp;" in body, f
    ET.parse(os.path.join(out, "map.svg"))


@test
def a_reported_claim_fills_its_zone_and_a_denial_never_paints_the_status_it_denies(tmp):
    """The fill follows what the text reports, not the claims' order in map.toml."""
    import math
    d = os.path.join(tmp, "p")
    os.makedirs(d)
    def circle(lon, lat, km):
        pts = [[lon + km / 90 * math.cos(2 * math.pi * i / 24), lat + km / 111 * math.sin(2 * math.pi * i / 24)] for i in range(24)]
        return {"type": "Polygon", "coordinates": [pts + [pts[0]]]}
    zones = [("east", "Eastmarch", circle(30.0, -9.5, 20)), ("valley", "Emek Valley", circle(30.5, -9.5, 15))]
    json.dump({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"id": i, "name": n}, "geometry": g} for i, n, g in zones]},
        open(os.path.join(d, "zones.geojson"), "w"))
    article = ("The governor said Eastmarch is not under army control. "
               "Civil authorities remain responsible for Eastmarch. "
               "The council head said there is no danger to the valley.")
    open(os.path.join(d, "article.txt"), "w").write(article + "\n")
    claims = [("east", "army", "denial", "the governor", "Eastmarch is not under army control"),
              ("east", "civil", "reported", "the report", "Civil authorities remain responsible for Eastmarch"),
              ("valley", "evac", "denial", "the council head", "there is no danger to the valley")]
    toml = ['title = "Order"', "", "[[source]]", 'id = "a"', 'file = "article.txt"', 'title = "Report"',
            'published = "2027-01-01"', "", "[zones]", 'file = "zones.geojson"', "",
            '[status.army]', 'label = "Run by the army"', '[status.civil]', 'label = "Civil authority"',
            '[status.evac]', 'label = "Evacuation ordered"']
    for zone, status, modality, who, quote in claims:
        toml += ["", "[[claim]]", f'zone = "{zone}"', f'status = "{status}"', f'modality = "{modality}"',
                 f'attributed_to = "{who}"', f'cite = [{{ source = "a", quote = "{quote}" }}]']
    open(os.path.join(d, "map.toml"), "w").write("\n".join(toml) + "\n")
    out = os.path.join(tmp, "out")
    run("render", d, "-o", out, "--format", "svg", "-q", check=0)
    root = ET.parse(os.path.join(out, "map.svg")).getroot()
    east = root.find(".//*[@id='zone-east']")
    assert east.get("data-status") == "civil" and east.get("data-modality") == "reported", east.attrib
    assert east.get("data-bands") == "1", east.attrib  # the denial is a band inside the edge
    valley = root.find(".//*[@id='zone-valley']")
    assert valley.get("data-modality") == "denial", valley.attrib
    # The denied status is an outline: no path of the valley is filled.
    fills = [p.get("fill") for p in valley.iter(SVG + "path")]
    assert fills and all(f in (None, "none") for f in fills), fills
    legend = " ".join("".join(t.itertext()) for t in root.find(".//*[@id='legend']").iter(SVG + "text"))
    assert "Civil authority" in legend and "Run by the army (edge band)" in legend, legend


@test
def panel_on_the_command_line_places_the_panels_of_a_page_from_page(tmp):
    # The layout's advice names `panel = "below"`, which a page from --page had no way to take.
    corners = {}
    for where in ("beside", "below"):
        out = os.path.join(tmp, where)
        run("render", GAZA, "-o", out, "-q", "--page", "a4-landscape", "--panel", where, "--format", "svg", check=0)
        root = ET.parse(os.path.join(out, "map-a4-landscape.svg")).getroot()
        panel = next(g for g in root.iter(SVG + "g") if g.get("id") == "layer-citations")
        xs = [float(t.get("x")) for t in panel.iter(SVG + "text")]
        ys = [float(t.get("y")) for t in panel.iter(SVG + "text")]
        corners[where] = (min(xs), min(ys))
    assert corners["beside"][0] > corners["below"][0] + 150, corners
    assert corners["below"][1] > corners["beside"][1] + 80, corners
    p = run("render", GAZA, "-o", os.path.join(tmp, "x"), "--panel", "left", check=None)
    assert p.returncode == 2, p.stderr


@test
def a_hyphenated_word_in_a_quote_comes_out_of_the_pdf_whole(tmp):
    # pdftotext drops a hyphen at a line's end ("south-west" came out as "southwest", "Israeli-
    # occupied" as "Israelioccupied"): quotes copied out of the PDF no longer matched their sources.
    # Solund on A5 portrait also lost 5 of its 12 quotes to pdftotext reading across citation columns
    # set 4 pt apart under a list of sources as wide as the columns (probe #29).
    import tomllib
    solund = os.path.join(ROOT, "geodata", "example-solund")
    for proj, pages in ((solund, ("a4-portrait", "a3-portrait", "a5-portrait")), (GAZA, ("a5-portrait", "a3-portrait"))):
        spec = tomllib.load(open(os.path.join(proj, "map.toml"), "rb"))
        quotes = [c["quote"] for claim in spec["claim"] for c in claim["cite"]]
        for page in pages:
            out = os.path.join(tmp, os.path.basename(proj) + page)
            run("render", proj, "-o", out, "-q", "--format", "pdf", "--page", page, check=0)
            text = subprocess.run(["pdftotext", os.path.join(out, f"map-{page}.pdf"), "-"], capture_output=True, text=True,
                                  check=True).stdout
            flat = re.sub(r"\s+", "", text)
            missing = [q for q in quotes if re.sub(r"\s+", "", q) not in flat]
            assert not missing, (proj, page, missing)



def loaded_objects(p):
    """The shared objects the dynamic linker opened, from LD_DEBUG=files on stderr."""
    return re.findall(r"file=(\S+)\s+\[\d+\];\s+(?:needed|dynamically loaded)", p.stderr)


@test
def plain_geojson_projects_never_load_gdal(tmp):
    # GDAL (and PROJ with it) is a module opened on first need (docs/architecture.md, "Start-up"): the
    # Gaza project's inputs are all plain GeoJSON and its CRS a UTM zone citemap picks, so neither check
    # nor a render of every format opens it; brenna names EPSG:3857 in map.toml, which only GDAL knows.
    env = {"LD_DEBUG": "files", "SOURCE_DATE_EPOCH": "1762905600"}
    for args in (("check", GAZA), ("render", GAZA, "-o", os.path.join(tmp, "out"), "-q", "--page", "a4-landscape")):
        p = run(*args, env=env, check=0)
        files = loaded_objects(p)
        assert any("libgeos_c" in f for f in files), p.stderr[:2000]  # LD_DEBUG did report
        assert not [f for f in files if re.search(r"libgdal|libproj|citemap-gdal", f)], (args[0], files)
        # Nor the preview server of `citemap watch` (libsoup and the libraries only it needs).
        assert not [f for f in files if re.search(r"libsoup|libsqlite3|citemap-preview", f)], (args[0], files)
    assert os.path.exists(os.path.join(tmp, "out", "map-a4-landscape.pdf"))
    p = run("check", os.path.join(ROOT, "geodata", "example-brenna"), env=env, check=0)
    files = loaded_objects(p)
    assert any(f.endswith("citemap-gdal.so") for f in files), files
    assert any("libgdal" in f for f in files), files



@test
def check_reads_no_fontconfig_configuration_when_the_noto_folder_has_its_cache(tmp):
    # The text engine takes Noto Sans and Noto Sans Arabic from fontconfig's cache of fonts-noto-core's
    # folder (text/font_folder.cpp): fontconfig's whole configuration (fonts.conf, conf.d and every font
    # cache, a quarter of a small check) is read only where a text needs the system's other fonts, as a
    # Hebrew title does. FC_DEBUG=1024 makes fontconfig print each configuration file it loads.
    if not os.path.isdir("/usr/share/fonts/truetype/noto"):
        return
    env = {"FC_DEBUG": "1024", "SOURCE_DATE_EPOCH": "1762905600"}
    p = run("check", GAZA, env=env, check=0)
    assert p.returncode == 0, p.stderr
    assert "Loading config file" not in p.stdout + p.stderr, p.stdout[:500]
    proj = copy_project(GAZA, tmp)
    toml = os.path.join(proj, "map.toml")
    text = open(toml, encoding="utf-8").read()
    title = re.search(r'(?m)^title\s*=\s*"', text)
    assert title, text[:300]
    open(toml, "w", encoding="utf-8").write(text[:title.end()] + "\u05E2\u05D6\u05D4 " + text[title.end():])
    out = os.path.join(tmp, "out")
    p = run("render", proj, "-o", out, "-q", "--format", "svg", "--page", "a4-landscape", env=env, check=0)
    assert p.returncode == 0, p.stderr
    assert "Loading config file" in p.stdout, p.stdout[:500]
    assert "\u05E2\u05D6\u05D4" in open(os.path.join(out, "map-a4-landscape.svg"), encoding="utf-8").read()


@test
def a_project_read_through_gdal_draws_the_map_plain_geojson_draws(tmp):
    # The same layers as FlatGeobuf go through the GDAL module (OGR's reader, then LonLatGeometry)
    # instead of the plain reader: the same features, coordinates and properties give the same SVG.
    proj = copy_project(GAZA, tmp)
    base = os.path.join(tmp, "base")
    for folder in (base, proj):
        for name in os.listdir(folder):
            if name.endswith(".geojson"):
                src = os.path.join(folder, name)
                # No spatial index: it would store the features in Hilbert order, not the file's.
                subprocess.run(["ogr2ogr", "-f", "FlatGeobuf", "-lco", "SPATIAL_INDEX=NO", src[:-8] + ".fgb", src],
                               check=True, capture_output=True)
                os.remove(src)
    toml = os.path.join(proj, "map.toml")
    text = open(toml, encoding="utf-8").read()
    assert text.count('.geojson"') >= 8, text
    open(toml, "w", encoding="utf-8").write(text.replace('.geojson"', '.fgb"'))
    env = {"LD_DEBUG": "files", "SOURCE_DATE_EPOCH": "1762905600"}
    outs = {}
    for name, project in (("json", GAZA), ("fgb", proj)):
        out = os.path.join(tmp, "out-" + name)
        p = run("render", project, "-o", out, "-q", "--format", "svg", "--page", "a4-landscape", env=env, check=0)
        assert any(f.endswith("citemap-gdal.so") for f in loaded_objects(p)) == (name == "fgb"), name
        outs[name] = open(os.path.join(out, "map-a4-landscape.svg"), "rb").read()
    assert b"<path" in outs["json"] and outs["fgb"] == outs["json"]


@test
def a_crs_named_in_map_toml_that_citemap_computes_draws_what_gdal_draws(tmp):
    # EPSG:3035 (ETRS89-LAEA Europe) and the UTM codes are computed natively (geo/native_crs.hpp), with
    # no GDAL opened; written as a URN, the same CRS goes through GDAL and PROJ. The map, its georeference
    # (the WKT in the PNG's .aux.xml, the world file) and every companion come out the same bytes; only
    # map.toml's own checksum in the PNG's and PDF's metadata differs.
    sys.path.insert(0, os.path.join(ROOT, "bench"))
    import scaling
    env = {"LD_DEBUG": "files", "SOURCE_DATE_EPOCH": "1762905600"}
    for code, urn in (("EPSG:3035", "urn:ogc:def:crs:EPSG::3035"), ("EPSG:32632", "urn:ogc:def:crs:EPSG::32632")):
        outs = {}
        for name, crs in (("native", code), ("gdal", urn)):
            proj = os.path.join(tmp, code[5:] + name)
            scaling.zone_project(proj, 12)
            toml = os.path.join(proj, "map.toml")
            text = open(toml, encoding="utf-8").read()
            assert 'crs = "EPSG:3035"' in text
            open(toml, "w", encoding="utf-8").write(text.replace('crs = "EPSG:3035"', f'crs = "{crs}"'))
            out = os.path.join(tmp, "out-" + code[5:] + name)
            p = run("render", proj, "-o", out, "-q", "--format", "svg,png", "--dpi", "72", env=env, check=0)
            assert any(f.endswith("citemap-gdal.so") for f in loaded_objects(p)) == (name == "gdal"), (code, name)
            outs[name] = {f: open(os.path.join(out, f), "rb").read() for f in os.listdir(out) if not f.endswith(".png")}
        assert sorted(outs["native"]) == sorted(outs["gdal"]), outs["native"].keys()
        assert "map.svg" in outs["native"] and "map.png.aux.xml" in outs["native"], sorted(outs["native"])
        assert code[5:].encode() in outs["native"]["map.png.aux.xml"], code
        for f in outs["native"]:
            assert outs["native"][f] == outs["gdal"][f], (code, f)


if __name__ == "__main__":
    main()

"""Hostile projects end to end: no hang, no file outside the project, nothing raw passed through, one
message per cause, and an output folder that holds a whole set even when a render is killed."""
import hashlib, html.parser, json, os, random, re, shutil, signal, socket, stat, struct, subprocess, sys, time, zlib
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(__file__))
from harness import BRENNA, CITEMAP, GAZA, ROOT, copy_project, main, run, test

EPOCH = {"SOURCE_DATE_EPOCH": "1762905600"}  # 2025-11-12T00:00:00Z


def edit(proj, old, new, name="map.toml", count=1):
    path = os.path.join(proj, name)
    text = open(path, encoding="utf-8").read()
    assert old in text, old
    open(path, "w", encoding="utf-8").write(text.replace(old, new, count))


def line_of(proj, needle, name="map.toml"):
    text = open(os.path.join(proj, name), encoding="utf-8").read()
    return next(i for i, l in enumerate(text.splitlines(), 1) if needle in l)


def errors(stderr):
    return [l for l in stderr.splitlines() if ": error: " in l]


def run_timed(*args, timeout=120, env=None):
    e = dict(os.environ)
    e.update(env or {})
    return subprocess.run([CITEMAP, *args], capture_output=True, text=True, env=e, timeout=timeout,
                          stdin=subprocess.DEVNULL)


# --- 2: every failure names file:line and what to do -------------------------------------------------

@test
def an_absurd_page_size_is_an_error_with_its_line_not_a_raw_exception(tmp):
    proj = copy_project(GAZA, tmp)
    for page in ["1e999mm", "9" * 400 + "mm", "9" * 400 + "x10mm", "a" * 100000]:
        edit(proj, 'page = "a4-landscape"', f'page = "{page}"')
        line = line_of(proj, "page = ")
        p = run("check", proj)
        assert p.returncode == 1, p.stderr
        assert "stod" not in p.stderr and "std::" not in p.stderr, p.stderr
        assert re.search(rf"map\.toml:{line}:\d+: error: unknown page", p.stderr), p.stderr
        assert "a4, a3" in p.stderr
        edit(proj, f'page = "{page}"', 'page = "a4-landscape"')


# --- 3: no hang, linear loaders, caps with a message --------------------------------------------------

@test
def a_fifo_named_as_a_layer_or_source_is_refused_without_blocking(tmp):
    proj = copy_project(BRENNA, tmp)
    os.mkfifo(os.path.join(proj, "pipe.geojson"))
    os.mkfifo(os.path.join(proj, "pipe.txt"))
    edit(proj, 'file = "zones.geojson"', 'file = "pipe.geojson"')
    p = run_timed("check", proj, timeout=60)
    assert p.returncode == 1 and "not a regular file" in p.stderr, p.stderr
    edit(proj, 'file = "pipe.geojson"', 'file = "zones.geojson"')
    # A sidecar GDAL would open beside the named file (zones.prj, zones.dbf) is checked too.
    os.mkfifo(os.path.join(proj, "zones.prj"))
    p = run_timed("check", proj, timeout=60)
    assert p.returncode == 1 and "zones.prj" in p.stderr and "not a regular file" in p.stderr, p.stderr
    os.unlink(os.path.join(proj, "zones.prj"))
    edit(proj, 'file      = "report.txt"', 'file      = "pipe.txt"')
    p = run_timed("check", proj, timeout=60)
    assert p.returncode == 1 and "not a regular file" in p.stderr, p.stderr
    # map.toml itself.
    os.unlink(os.path.join(proj, "map.toml"))
    os.mkfifo(os.path.join(proj, "map.toml"))
    p = run_timed("check", proj, timeout=60)
    assert p.returncode == 1 and "not a regular file" in p.stderr, p.stderr


@test
def thousands_of_statuses_are_refused_as_no_legend_can_show_them(tmp):
    proj = copy_project(GAZA, tmp)
    extra = "".join(f'\n[status.s{i}]\nlabel = "Status {i}"\ncolor = "#{i % 256:02x}{(i * 7) % 256:02x}{(i * 13) % 256:02x}"\n'
                    for i in range(3000))
    with open(os.path.join(proj, "map.toml"), "a", encoding="utf-8") as f:
        f.write(extra)
    p = run_timed("check", proj, timeout=120)
    assert p.returncode == 1 and "more than 40 statuses (3003)" in p.stderr, p.stderr
    assert len(errors(p.stderr)) == 1, p.stderr


@test
def a_zone_with_200000_vertices_is_refused_with_a_way_to_simplify_it(tmp):
    import math
    proj = copy_project(BRENNA, tmp)
    zones = json.load(open(os.path.join(proj, "zones.geojson"), encoding="utf-8"))
    f = zones["features"][0]
    ring = [[34.3 + 0.02 * math.cos(2 * math.pi * k / 200000), 31.3 + 0.02 * math.sin(2 * math.pi * k / 200000)]
            for k in range(200000)]
    f["geometry"] = {"type": "Polygon", "coordinates": [ring + [ring[0]]]}
    json.dump(zones, open(os.path.join(proj, "zones.geojson"), "w"))
    p = run_timed("check", proj, timeout=120)
    assert p.returncode == 1, p.stderr
    assert f"zone '{f['properties']['id']}' has about" in p.stderr and "simplify" in p.stderr, p.stderr
    # The claims on it say nothing more: one cause, one message.
    assert len(errors(p.stderr)) == 1, p.stderr


@test
def a_100_kB_status_label_is_refused_at_its_line(tmp):
    proj = copy_project(GAZA, tmp)
    text = open(os.path.join(proj, "map.toml"), encoding="utf-8").read()
    label = re.search(r'label = "([^"]+)"', text).group(1)
    edit(proj, f'label = "{label}"', 'label = "' + "L" * 100000 + '"')
    line = line_of(proj, 'label = "LLLL')
    p = run_timed("check", proj, timeout=120)
    assert p.returncode == 1 and re.search(rf"map\.toml:{line}:\d+: error: 'label' is 100000 characters long", p.stderr), p.stderr


# --- 4: check refuses what render would; render refuses before writing ---------------------------------

@test
def a_100_kB_layer_name_fails_check_and_render_writes_nothing(tmp):
    proj = copy_project(GAZA, tmp)
    edit(proj, 'name   = "Mediterranean Sea"', 'name = "' + "N" * 100000 + '"')
    line = line_of(proj, 'name = "NNN')
    p = run_timed("check", proj)
    assert p.returncode == 1 and re.search(rf"map\.toml:{line}:\d+: error: 'name' is 100000", p.stderr), p.stderr
    out = os.path.join(tmp, "out")
    p = run_timed("render", proj, "-o", out)
    assert p.returncode == 1, p.stderr
    assert not os.path.exists(out), os.listdir(out)


@test
def nan_or_inf_in_map_toml_is_an_error_at_its_line_not_a_crash(tmp):
    # TOML reads nan and inf as numbers, and every comparison with NaN is false: a buffer of km = nan
    # passed "more than 0 and at most 1000" and GEOS's buffer of Brenna's harbour point crashed (SIGSEGV).
    proj = copy_project(BRENNA, tmp)
    out = os.path.join(tmp, "out")
    for value in ["nan", "-nan", "inf"]:
        edit(proj, "km = 0.55", f"km = {value}")
        line = line_of(proj, f"km = {value}")
        for args in (["check", proj], ["render", proj, "-o", out]):
            p = run_timed(*args)
            assert p.returncode == 1, (value, args[0], p.returncode, p.stderr)
            assert len(errors(p.stderr)) == 1, p.stderr
            assert re.search(rf"map\.toml:{line}:\d+: error: 'km' is (nan|infinite), not a number", p.stderr), p.stderr
            assert not os.path.exists(out), os.listdir(out)
        edit(proj, f"km = {value}", "km = 0.55")


@test
def a_page_too_large_to_rasterise_is_refused_before_anything_is_written(tmp):
    proj = copy_project(GAZA, tmp)
    edit(proj, 'page = "a4-landscape"', 'page = "2000x2000mm"')
    out = os.path.join(tmp, "out")
    p = run_timed("render", proj, "-o", out, "--dpi", "1200")
    assert p.returncode == 1 and "32767-pixel limit" in p.stderr, p.stderr
    assert not os.path.exists(out)


# --- 5: only the project folder and its declared shared folders ----------------------------------------

@test
def a_crs_naming_a_file_an_address_or_stdin_reads_none_of_them(tmp):
    # GDAL's SetFromUserInput opens a path and fetches a URL: a .prj beside the project was read past the
    # path policy, an http address was dialled, and crs = "/dev/stdin" waited forever on a pipe.
    proj = copy_project(BRENNA, tmp)
    prj = os.path.join(tmp, "outside.prj")
    open(prj, "w").write('PROJCS["UTM 30N",GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],'
                         'PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],'
                         'PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",-3],PARAMETER["scale_factor",0.9996],'
                         'PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1]]')
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.settimeout(0.2)
    written = 'crs      = "EPSG:3857"'
    line = line_of(proj, written)
    stdin_read, stdin_write = os.pipe()  # held open: a read of stdin would wait for ever
    try:
        for crs in [prj, f"http://127.0.0.1:{server.getsockname()[1]}/crs.prj", "/dev/stdin"]:
            edit(proj, written, f'crs      = "{crs}"')
            p = subprocess.run([CITEMAP, "check", proj], capture_output=True, text=True, timeout=60, stdin=stdin_read)
            assert p.returncode == 1 and len(errors(p.stderr)) == 1, (crs, p.stderr)
            assert re.search(rf"map\.toml:{line}:\d+: error: unknown CRS .*: crs is read as a name, not a file or an address",
                             p.stderr), p.stderr
            try:
                server.accept()
                assert False, f"citemap connected to {crs}"
            except socket.timeout:
                pass
            edit(proj, f'crs      = "{crs}"', written)
    finally:
        os.close(stdin_read)
        os.close(stdin_write)
        server.close()
    # A CRS named by an OGC URL is parsed, not fetched.
    edit(proj, written, 'crs      = "http://www.opengis.net/def/crs/EPSG/0/32630"')
    p = run_timed("check", proj)
    assert p.returncode == 0 and not errors(p.stderr), p.stderr


@test
def a_key_in_a_hidden_folder_beside_the_project_is_never_read_or_published(tmp):
    proj = copy_project(GAZA, tmp)
    os.makedirs(os.path.join(tmp, ".ssh"))
    open(os.path.join(tmp, ".ssh", "id_rsa"), "w").write("-----BEGIN OPENSSH PRIVATE KEY-----\nsecret\n")
    edit(proj, 'file      = "article.txt"', 'file      = "../.ssh/id_rsa"')
    line = line_of(proj, "id_rsa")
    p = run("check", proj)
    assert p.returncode == 1 and re.search(rf"map\.toml:{line}:\d+: error: .*hidden", p.stderr), p.stderr
    out = os.path.join(tmp, "out")
    p = run("render", proj, "-o", out)
    assert p.returncode == 1 and not os.path.exists(out)
    # An undeclared sibling is refused too, naming the line to add.
    os.makedirs(os.path.join(tmp, "home"))
    shutil.copy(os.path.join(proj, "article.txt"), os.path.join(tmp, "home", "article.txt"))
    edit(proj, "../.ssh/id_rsa", "../home/article.txt")
    p = run("check", proj)
    assert p.returncode == 1 and 'shared = ["../home"]' in p.stderr, p.stderr


@test
def the_readme_says_which_folders_a_project_may_read(tmp):
    readme = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    assert "shared = [" in readme and "hidden" in readme, "README must state the path policy"


# --- 6, 7: escaped for every target format; only http(s)/doi links ---------------------------------------

INJECT = '<script>alert(1)</script><img src=x onerror=alert(2)> *bold* [l](javascript:x) ) \\ ('


class Tags(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [a for a, _ in attrs]


def png_text(path):
    data, i, out = open(path, "rb").read(), 8, {}
    while i < len(data):
        n = struct.unpack(">I", data[i:i + 4])[0]
        kind, body = data[i + 4:i + 8], data[i + 8:i + 8 + n]
        i += 12 + n
        if kind == b"iTXt":
            key, rest = body.split(b"\0", 1)
            rest = rest[2:]  # compression flag and method
            _lang, rest = rest.split(b"\0", 1)
            _tkey, text = rest.split(b"\0", 1)
            out[key.decode()] = text.decode("utf-8")
        elif kind == b"tEXt":
            key, text = body.split(b"\0", 1)
            out[key.decode()] = text.decode("latin-1")
    return out


@test
def markup_in_titles_and_quotes_is_escaped_in_every_companion(tmp):
    proj = copy_project(GAZA, tmp)
    text = open(os.path.join(proj, "map.toml"), encoding="utf-8").read()
    title = re.search(r'^title\s*=\s*"([^"]+)"', text, re.M).group(1)
    toml_inject = INJECT.replace("\\", "\\\\")
    edit(proj, f'"{title}"', f'"{toml_inject}"')
    edit(proj, 'attributed_to = "the article"', f'attributed_to = "{toml_inject}"')
    # The quote must be in the source: put the markup into the article and cite it.
    with open(os.path.join(proj, "article.txt"), "a", encoding="utf-8") as f:
        f.write("\n\nA hostile line: " + INJECT + " ends here.\n")
    edit(proj, 'quote = "Rafah in the south"', f'quote = "{toml_inject}"')
    out = os.path.join(tmp, "out")
    run("render", proj, "-o", out, "-q", "--page", "a4-landscape", env=EPOCH, check=0)

    md = open(os.path.join(out, "citations.md"), encoding="utf-8").read()
    assert not re.search(r"(?<!\\)<(script|img|/script)", md), md[:500]
    html_md = subprocess.run(["pandoc", "-f", "markdown", "-t", "html"], input=md, capture_output=True,
                             text=True, check=True).stdout
    t = Tags()
    t.feed(html_md)
    assert "script" not in t.tags and "img" not in t.tags and "onerror" not in t.attrs, t.tags
    assert "alert(1)" in html_md, "the text itself must survive, escaped"
    assert 'href="javascript' not in html_md

    page = open(os.path.join(out, "article.html"), encoding="utf-8").read()
    t = Tags()
    t.feed(page)
    assert t.tags.count("script") == 1 and "img" not in t.tags and "onerror" not in t.attrs, t.tags

    raw = open(os.path.join(out, "annotations.jsonld"), encoding="utf-8").read()
    assert "<" not in raw and ">" not in raw, "JSON-LD must be safe inside a <script> element"
    ld = json.loads(raw)
    assert ld["label"] == INJECT

    svg = ET.parse(os.path.join(out, "map-a4-landscape.svg")).getroot()
    titles = [e.text for e in svg.iter("{http://www.w3.org/2000/svg}title")]
    assert INJECT in titles, titles[:3]

    assert png_text(os.path.join(out, "map-a4-landscape.png"))["Title"] == INJECT
    info = subprocess.run(["pdfinfo", os.path.join(out, "map-a4-landscape.pdf")], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Title:\s+" + re.escape(INJECT) + "$", info, re.M), info


@test
def control_characters_never_reach_metadata_fields(tmp):
    proj = copy_project(GAZA, tmp)
    text = open(os.path.join(proj, "map.toml"), encoding="utf-8").read()
    title = re.search(r'^title\s*=\s*"([^"]+)"', text, re.M).group(1)
    edit(proj, f'"{title}"', '"Before\\u0000after\\u0007 bell"')
    out = os.path.join(tmp, "out")
    run("render", proj, "-o", out, "-q", "--page", "a4-landscape", "--format", "png,pdf", env=EPOCH, check=0)
    assert png_text(os.path.join(out, "map-a4-landscape.png"))["Title"] == "Beforeafter bell"
    info = subprocess.run(["pdfinfo", os.path.join(out, "map-a4-landscape.pdf")], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Title:\s+Beforeafter bell$", info, re.M), info


@test
def a_javascript_source_url_is_refused(tmp):
    proj = copy_project(GAZA, tmp)
    edit(proj, 'published = "2025-11-12"', 'published = "2025-11-12"\nurl = "javascript:alert(document.cookie)"')
    line = line_of(proj, "javascript:")
    p = run("check", proj)
    assert p.returncode == 1 and re.search(rf"map\.toml:{line}:\d+: error: url .* refused", p.stderr), p.stderr
    edit(proj, "javascript:alert(document.cookie)", "https://example.org/article?id=1")
    out = os.path.join(tmp, "out")
    run("render", proj, "-o", out, "-q", "--page", "a4-landscape", "--format", "svg", env=EPOCH, check=0)
    ld = json.load(open(os.path.join(out, "annotations.jsonld"), encoding="utf-8"))
    assert "https://example.org/article?id=1" in json.dumps(ld)


# --- 8: terminal injection -------------------------------------------------------------------------------

@test
def control_and_bidi_characters_in_messages_are_shown_escaped(tmp):
    proj = copy_project(GAZA, tmp)
    evil = "\u202Eevil\u0001\x1b]0;pwned\x07\x1b[2J"
    toml_evil = "\\u202Eevil\\u0001\\u001b]0;pwned\\u0007\\u001b[2J"
    edit(proj, 'status        = "israeli-control"', f'status        = "{toml_evil}"')
    p = run("check", proj)
    assert p.returncode == 1, p.stderr
    assert "\x1b" not in p.stderr and "\u202e" not in p.stderr and "\x01" not in p.stderr and "\x07" not in p.stderr
    assert "\\u202E" in p.stderr and "\\x1b" in p.stderr and "\\x01" in p.stderr, p.stderr


# --- 9: one cause, one message ---------------------------------------------------------------------------

@test
def a_refused_source_is_reported_once_without_follow_on_errors(tmp):
    proj = copy_project(GAZA, tmp)
    edit(proj, 'file      = "article.txt"', 'file      = "/etc/passwd"')
    p = run("check", proj)
    assert p.returncode == 1
    assert len(errors(p.stderr)) == 1, p.stderr
    assert "unknown source" not in p.stderr


@test
def a_refused_layer_is_reported_once(tmp):
    proj = copy_project(GAZA, tmp)
    edit(proj, 'file   = "../base/region-sea.geojson"', 'file   = "../../etc/region-sea.geojson"')
    p = run("check", proj)
    assert p.returncode == 1
    assert len(errors(p.stderr)) == 1, p.stderr
    assert "cannot open" not in p.stderr, p.stderr


# --- 12: a killed render leaves the old set or the new set --------------------------------------------

def snapshot(folder):
    if not os.path.isdir(folder):
        return None
    return {n: hashlib.sha256(open(os.path.join(folder, n), "rb").read()).hexdigest()
            for n in sorted(os.listdir(folder))}


@test
def a_render_killed_at_any_moment_leaves_a_whole_set_and_the_next_run_cleans_up(tmp):
    proj = copy_project(GAZA, tmp)
    out = os.path.join(tmp, "out")
    args = ["render", proj, "-o", out, "-q", "--dpi", "60"]
    sets = []
    for epoch in ("1762905600", "1762992000"):
        shutil.rmtree(out, ignore_errors=True)
        t0 = time.time()
        run(*args, env={"SOURCE_DATE_EPOCH": epoch}, check=0)
        duration = time.time() - t0
        sets.append(snapshot(out))
    assert sets[0] != sets[1]
    # Litter from older, killed runs: a single-file temporary and a staging folder of a dead process.
    open(os.path.join(out, ".map.png.tmp-999999999"), "w").write("partial")
    os.makedirs(os.path.join(tmp, ".out.citemap-new-999999998"))
    rng = random.Random(11)
    env = dict(os.environ)
    for k in range(8):
        env["SOURCE_DATE_EPOCH"] = ("1762905600", "1762992000")[k % 2]
        proc = subprocess.Popen([CITEMAP, *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, duration * 1.1))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        state = snapshot(out)
        visible = {n: h for n, h in state.items() if not n.startswith(".")}
        differs = [sorted(n for n in set(visible) | set(s) if visible.get(n) != s.get(n)) for s in sets]
        assert visible in sets, f"kill {k}: a mixed set; files differing from each whole set: {differs}"
    run(*args, env=EPOCH, check=0)
    assert snapshot(out) == sets[0]
    litter = [n for n in os.listdir(tmp) if ".citemap-" in n] + [n for n in os.listdir(out) if n.startswith(".")]
    assert not litter, litter


@test
def files_the_render_did_not_write_stay_and_sub_folders_are_not_swapped_away(tmp):
    out = os.path.join(tmp, "out")
    os.makedirs(out)
    open(os.path.join(out, "notes.txt"), "w").write("mine")
    run("render", GAZA, "-o", out, "-q", "--page", "a4-landscape", "--format", "svg", env=EPOCH, check=0)
    assert open(os.path.join(out, "notes.txt")).read() == "mine"
    assert os.path.exists(os.path.join(out, "map-a4-landscape.svg"))
    os.makedirs(os.path.join(out, "keep"))
    p = run("render", GAZA, "-o", out, "-q", "--format", "svg", env=EPOCH)
    assert p.returncode == 1 and "sub-folder" in p.stderr, p.stderr
    assert os.path.isdir(os.path.join(out, "keep"))


@test
def a_render_from_inside_the_output_folder_updates_it_in_place(tmp):
    # "-o ." failed with "cannot replace the output folder", and a render run from inside the folder
    # swapped it away from under the shell (its next relative path no longer resolved).
    out = os.path.join(tmp, "out")
    os.makedirs(out)
    before = os.stat(out).st_ino
    e = dict(os.environ, **EPOCH)
    for args in (["-o", "."], ["-o", out], ["-o", "../out"]):
        p = subprocess.run([CITEMAP, "render", GAZA, *args, "-q", "--page", "a4-portrait", "--format", "svg"], cwd=out,
                           capture_output=True, text=True, env=e)
        assert p.returncode == 0, (args, p.stderr)
        assert os.stat(out).st_ino == before, args  # the same folder, not a swapped-in copy
        assert os.path.getsize(os.path.join(out, "map-a4-portrait.svg")) > 1000, args
        assert not [n for n in os.listdir(tmp) if ".citemap-" in n], os.listdir(tmp)
    # The files are those a render elsewhere writes.
    elsewhere = os.path.join(tmp, "elsewhere")
    run("render", GAZA, "-o", elsewhere, "-q", "--page", "a4-portrait", "--format", "svg", env=EPOCH, check=0)
    assert snapshot(elsewhere) == snapshot(out)
    # From outside, the folder is still swapped as a whole.
    run("render", GAZA, "-o", out, "-q", "--page", "a4-portrait", "--format", "svg", env=EPOCH, check=0)
    assert os.stat(out).st_ino != before


# --- 13: one date form ---------------------------------------------------------------------------------

@test
def every_output_writes_the_same_iso_8601_date(tmp):
    out = os.path.join(tmp, "out")
    run("render", GAZA, "-o", out, "-q", "--page", "a4-landscape", "--dpi", "60", env=EPOCH, check=0)
    want = "2025-11-12T00:00:00Z"
    svg = open(os.path.join(out, "map-a4-landscape.svg"), encoding="utf-8").read()
    assert f"<dc:date>{want}</dc:date>" in svg, re.findall(r"<dc:date>[^<]*", svg)
    assert png_text(os.path.join(out, "map-a4-landscape.png"))["Creation Time"] == want
    ld = json.load(open(os.path.join(out, "annotations.jsonld"), encoding="utf-8"))
    assert {i["created"] for i in ld["first"]["items"]} == {want}
    info = subprocess.run(["pdfinfo", "-isodates", os.path.join(out, "map-a4-landscape.pdf")], capture_output=True, text=True,
                          check=True).stdout
    assert re.search(r"^CreationDate:\s+2025-11-12T00:00:00(Z|\+00(:00)?)$", info, re.M), info


if __name__ == "__main__":
    main()

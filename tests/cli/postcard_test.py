"""Small pages and honest refusals (issue 8, audit s16 D2, D6, D11): a postcard whose legend, citations
and credits go to its back sheet, refusals worded alike by check and render (map.toml and the
[[output]] first), and advice that can be followed: each piece was tried before it is given."""
import json, os, re, subprocess, sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import main, run, test

EPOCH = {"SOURCE_DATE_EPOCH": "1762905600"}
STATUSES = ["closed", "strike", "curfew", "flood", "power", "blockade", "shelter", "open", "evac"]


def square(lon, lat, d):
    return {"type": "Polygon", "coordinates": [[[lon, lat], [lon + d, lat], [lon + d, lat + d * 0.6], [lon, lat + d * 0.6],
                                                 [lon, lat]]]}


def harbour(tmp, outputs, town_statuses=STATUSES):
    """A harbour town with a claim for each of `town_statuses` and three zones around it with one claim
    each (the audit's f-calder, written from scratch), and the [[output]]s given."""
    d = os.path.join(tmp, "harbour")
    os.makedirs(d, exist_ok=True)
    zones = [("town", "Port Calder", square(-5.80, 57.10, 0.04)), ("moor", "North Moor", square(-5.85, 57.18, 0.12)),
             ("glen", "Glen Ardra", square(-5.92, 57.02, 0.10)), ("bay", "Outer Bay", square(-5.70, 57.05, 0.08))]
    json.dump({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"id": i, "name": n}, "geometry": g} for i, n, g in zones]},
        open(os.path.join(d, "zones.geojson"), "w"))
    json.dump({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"id": "land", "name": "Land"},
                                                          "geometry": square(-6.0, 56.95, 0.55)}]},
              open(os.path.join(d, "land.geojson"), "w"))
    claims = [("town", s) for s in town_statuses] + [("moor", "closed"), ("glen", "power"), ("bay", "flood")]
    sentences = [f"Claim {k}: {z} is {s} according to the herald." for k, (z, s) in enumerate(claims)]
    open(os.path.join(d, "herald.txt"), "w").write(" ".join(sentences) + "\n")
    toml = ['title = "Port Calder under strike, storm and blockade"', "", "[[source]]", 'id = "herald"',
            'file = "herald.txt"', 'title = "Strike and storm close Port Calder"', 'publisher = "Calder Herald"',
            'published = "2027-01-20"', "", "[zones]", 'file = "zones.geojson"', "", "[[layer]]", 'file = "land.geojson"',
            'role = "outline"', 'name = "Ardra peninsula"', 'credit = "Invented coastline"', ""]
    toml += [f'[status.{s}]\nlabel = "{s.capitalize()}"\ncompatible_with = {json.dumps(STATUSES)}\n' for s in STATUSES]
    toml += [outputs]
    for (z, s), sentence in zip(claims, sentences):
        toml += ["[[claim]]", f'zone = "{z}"', f'status = "{s}"', 'modality = "reported"', 'attributed_to = "the herald"',
                 f'cite = [{{ source = "herald", quote = "{sentence[:-1]}" }}]', ""]
    open(os.path.join(d, "map.toml"), "w").write("\n".join(toml))
    return d


def errors(stderr):
    """Each error's first line and hint, joined."""
    lines = stderr.splitlines()
    return [l + "\n" + (lines[i + 1] if i + 1 < len(lines) else "") for i, l in enumerate(lines) if ": error: " in l]


@test
def check_words_a_refused_output_as_render_does_with_map_toml_and_the_output_first(tmp):
    # check said "citemap: page letter-portrait: error: ...": no file, no output (two outputs may share
    # a page size); render said "citemap: DIR/map.toml: [[output]] print: error: ...".
    proj = harbour(tmp, '[[output]]\nname = "map"\npage = "a4-landscape"\n\n'
                        '[[output]]\nname = "print"\npage = "letter-portrait"\ntheme = "print"\n')
    c = run("check", proj, check=1)
    r = run("render", proj, "-o", os.path.join(tmp, "out"), check=1)
    toml = os.path.join(proj, "map.toml")
    want = f"citemap: {toml}: [[output]] print: error: the print theme's claim badges tell 8 statuses apart"
    assert [e for e in errors(c.stderr) if e.startswith(want)], c.stderr
    assert errors(c.stderr) == [e for e in errors(r.stderr) if "pages cannot be laid out" not in e], (c.stderr, r.stderr)


@test
def the_print_theme_does_not_advise_splitting_the_zones_when_one_zone_alone_carries_too_many_statuses(tmp):
    # One town with nine statuses: no [[output]]'s zones = [...] shows fewer than its nine, so the
    # advice is to merge statuses or to take the default theme (audit s16 D11).
    proj = harbour(tmp, '[[output]]\nname = "print"\npage = "a4-landscape"\ntheme = "print"\n')
    c = run("check", proj, check=1)
    assert "'town' alone carries 9 of them" in c.stderr and "zones = [...] (each page" not in c.stderr, c.stderr
    assert 'theme = "default"' in c.stderr, c.stderr
    # The advice followed: the default theme passes.
    ok = harbour(os.path.join(tmp, "ok"), '[[output]]\nname = "print"\npage = "a4-landscape"\ntheme = "default"\n')
    run("check", ok, check=0)
    # With eight statuses on the town and a ninth elsewhere, splitting the zones is advised, and works.
    eight = harbour(os.path.join(tmp, "eight"), '[[output]]\nname = "print"\npage = "a4-landscape"\ntheme = "print"\n',
                    STATUSES[1:])
    c = run("check", eight, check=1)
    assert "show at most 8 on a page: [[output]]s with zones = [...]" in c.stderr and "alone carries" not in c.stderr, c.stderr
    split = harbour(os.path.join(tmp, "split"), '[[output]]\nname = "print"\npage = "a4-landscape"\ntheme = "print"\n'
                    'zones = ["town"]\n', STATUSES[1:])
    run("check", split, check=0)


def pdf_pages(pdf):
    n = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout)[1])
    return [re.sub(r"\s+", " ", subprocess.run(["pdftotext", "-f", str(k), "-l", str(k), pdf, "-"], capture_output=True,
                                               text=True, check=True).stdout) for k in range(1, n + 1)]


@test
def a_postcard_of_one_or_two_claims_renders_with_its_citations_and_credits_on_the_back(tmp):
    # 100 x 70 mm was refused even for one claim, with advice for a page twice its size (audit s16 D2):
    # now its front holds the title, the map and its legend, and says the sources are overleaf; the back
    # sheet (postcard-2.svg, the PDF's second page) holds the citations and the credits.
    for zones, claims in ((["glen"], ["Glen Ardra: Power"]), (["glen", "moor"], ["Glen Ardra: Power", "North Moor: Closed"])):
        proj = harbour(os.path.join(tmp, str(len(zones))),
                       f'[[output]]\nname = "postcard"\npage = "100x70mm"\nzones = {json.dumps(zones)}\n')
        out = os.path.join(tmp, f"out{len(zones)}")
        r = run("render", proj, "-o", out, env=EPOCH, check=0)
        assert "postcard.{pdf,png,svg} (100x70mm, 2 sheets)" in r.stderr, r.stderr
        front, back = pdf_pages(os.path.join(out, "postcard.pdf"))
        assert "Port Calder under strike" in front and "Sources overleaf." in front, front
        assert "Calder Herald" not in front and "according to the herald" not in front, front
        # One claim: no row for its number (its one badge is beside its citation); two: the row says where.
        assert ("Claim number" in front) == (len(zones) > 1), front
        if len(zones) > 1:
            assert "its citation is listed overleaf" in front, front
        assert "sheet 2 of 2" in back and "citations continued" not in back, back
        assert all(c in back for c in claims) and "Calder Herald" in back and "Invented coastline" in back, back
        svg = open(os.path.join(out, "postcard-2.svg"), encoding="utf-8").read()
        assert len(re.findall(r'id="citation-\d+"', svg)) == len(zones), svg[:2000]
        assert os.path.exists(os.path.join(out, "postcard-2.png"))
        # check passes it as render does.
        run("check", proj, check=0)


@test
def a_refused_postcard_is_advised_only_what_was_laid_out_and_each_piece_of_advice_renders(tmp):
    # Fewer claims per page was advised even when one zone alone could not fit (audit s16 D2): now the
    # zone with the most claims is laid out alone first. check and render say the same, file and output
    # first (audit s16 D11).
    postcard = '[[output]]\nname = "postcard"\npage = "100x70mm"\n'
    proj = harbour(os.path.join(tmp, "four"), postcard, STATUSES[:4])
    c, r = run("check", proj, check=1), run("render", proj, "-o", os.path.join(tmp, "never"), check=1)
    toml = os.path.join(proj, "map.toml")
    said = [e for e in errors(c.stderr) if e.startswith(f"citemap: {toml}: [[output]] postcard: error: ")]
    assert len(said) == 1 and said == [e for e in errors(r.stderr) if "[[output]] postcard" in e], (c.stderr, r.stderr)
    assert 'zones = ["town"] alone, 4 claims, was laid out and passes' in said[0], said[0]
    page = re.search(r'use `page = "(\S+)"` in this \[\[output\]\] \(laid out and checked', said[0])
    assert page, said[0]
    # Each piece followed renders: the page advised, and the town's claims alone on the postcard.
    for name, outputs in (("page", postcard.replace("100x70mm", page[1])), ("town", postcard + 'zones = ["town"]\n')):
        followed = harbour(os.path.join(tmp, name), outputs, STATUSES[:4])
        run("render", followed, "-o", os.path.join(tmp, name + "-out"), "-q", env=EPOCH, check=0)
    # Nine claims on the town: alone it is refused too, so fewer claims per page is not advised.
    nine = harbour(os.path.join(tmp, "nine"), postcard)
    c = run("check", nine, check=1)
    assert "postcard: error:" in c.stderr and "fewer" not in c.stderr and "zones = [...]" not in c.stderr, c.stderr


if __name__ == "__main__":
    main()

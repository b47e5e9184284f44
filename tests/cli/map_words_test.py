"""map.toml's `lang` on the map itself, not only its panel: graticule labels, the scale bar's words, the
SVG's titles (tooltips a screen reader reads), the alt text and a continuation sheet's title are in the
project's language; neighbour names are in capitals whatever their script; the legend's colour keys are
blank discs; warnings name a town's real rank (audit s17 D5, D6, D10, D11, D15)."""
import glob, json, os, re, sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(__file__))
import harness
from harness import BRENNA, GAZA, ROOT, copy_project, main, run, test
# Project builders of two other suites; importing them registers their tests too, which the end of
# this file drops again.
import contested_test, panel_language_test

SVG = "{http://www.w3.org/2000/svg}"
EPOCH = {"SOURCE_DATE_EPOCH": "1800000000"}
SOLUND = os.path.join(ROOT, "geodata", "example-solund")
# What citemap says itself in English and a project's own words do not: the projects below are
# English-language projects set to another `lang`, so their names, statuses and quotes stay English.
ENGLISH = ["Map: ", "see the citation list", "Scale bar", "North arrow", "Locator:", "Detail: the framed",
           "magnified", "Claims conflict", "Contested between sources", "citations continued", "sheet 2 of",
           "true at", "claim 1)", "(reported,", "(denied,", "Claims cited from"]


def with_lang(proj, lang):
    toml = os.path.join(proj, "map.toml")
    text = open(toml, encoding="utf-8").read()
    open(toml, "w", encoding="utf-8").write(re.sub(r"^(title\s*=.*)$", rf'\1\nlang = "{lang}"', text, count=1, flags=re.M))
    return proj


def render(proj, out, *args):
    p = run("render", proj, "-o", out, "-j", "1", "--format", "svg", *args, env=EPOCH, check=0)
    return p.stderr


def every_word(out):
    """Each SVG's text, titles and description included, and the alt text, by file name."""
    words = {os.path.basename(f): " ".join("".join(ET.parse(f).getroot().itertext()).split())
             for f in glob.glob(os.path.join(out, "*.svg"))}
    words["alt-text.txt"] = open(os.path.join(out, "alt-text.txt"), encoding="utf-8").read()
    return words


def titles(out, name):
    return [t.text or "" for t in ET.parse(os.path.join(out, name)).getroot().iter(SVG + "title")]


def group_texts(root, gid):
    g = next((g for g in root.iter(SVG + "g") if g.get("id") == gid), None)
    return [] if g is None else ["".join(t.itertext()) for t in g.iter(SVG + "text")]


def no_english(words):
    for name, text in words.items():
        for phrase in ENGLISH:
            assert phrase not in text, (name, phrase, text[max(0, text.find(phrase) - 150):text.find(phrase) + 150])


def rendered_words(proj, out, *args):
    """Every word of the SVG pages and alt text `proj` renders to `out`, none of them English."""
    render(proj, out, *args)
    words = every_word(out)
    no_english(words)
    return words


@test
def a_german_map_titles_ticks_and_describes_itself_in_german(tmp):
    out = os.path.join(tmp, "gaza")
    words = rendered_words(with_lang(copy_project(GAZA, tmp), "de"), out, "--page", "a4-landscape")
    svg = next(f for f in words if f.endswith(".svg"))
    assert words["alt-text.txt"].startswith("Karte: Gaza after"), words["alt-text.txt"][:80]
    assert re.search(r"\(the article, Angabe 1\)\. ", words["alt-text.txt"]), words["alt-text.txt"]
    said = titles(out, svg)
    for title in ["Angabe 1: siehe Zitatliste", "Nordpfeil (geografisch Nord)",
                  "\u00DCbersichtskarte: der Kartenausschnitt in seiner Region"]:
        assert title in said, (title, said)
    assert any(t.startswith("Ma\u00DFstabsleiste, gilt") for t in said), said
    # The zones' tooltips: "[1] Status (berichtet, the article)".
    assert any("(berichtet, the article)" in t for t in said), said
    # Ticks: "34,45° O", a decimal comma and Ost; none in English's "34.45°E".
    root = ET.parse(os.path.join(out, svg)).getroot()
    # Screen readers read the titles and description in the document's language.
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "de", root.attrib
    ticks = group_texts(root, "layer-graticule")
    assert ticks and all(re.fullmatch(r"\d+(,\d+)?\u00B0(\u00A0[NOSW])?", t) for t in ticks), ticks
    assert any(t.endswith("\u00A0O") for t in ticks) and any("," in t for t in ticks), ticks


@test
def a_pdf_names_its_language_for_screen_readers(tmp):
    # PDF/UA and WCAG ask for the catalog's /Lang; XMP's dc:language carries it in the PNG too.
    for lang in ("en", "de"):
        proj = copy_project(BRENNA, os.path.join(tmp, lang))
        if lang != "en":
            with_lang(proj, lang)
        out = os.path.join(tmp, "out-" + lang)
        run("render", proj, "-o", out, "-j", "1", "-q", "--format", "pdf,png", env=EPOCH, check=0)
        pdfs = glob.glob(os.path.join(out, "*.pdf"))
        assert pdfs, os.listdir(out)
        for pdf in pdfs:
            data = open(pdf, "rb").read()
            catalog = data[data.rindex(b"/Type /Catalog"):]
            catalog = catalog[:catalog.index(b">>")]
            assert b"/Lang (" + lang.encode() + b")" in catalog, (pdf, catalog)
        for png in glob.glob(os.path.join(out, "*.png")):
            data = open(png, "rb").read()
            assert b"<dc:language><rdf:Bag><rdf:li>" + lang.encode() + b"</rdf:li>" in data, png


@test
def insets_conflicts_and_contests_are_titled_in_the_maps_language(tmp):
    out = os.path.join(tmp, "solund")
    words = rendered_words(with_lang(copy_project(SOLUND, tmp), "de"), out, "--page", "a4-landscape")
    said = [t for f in words if f.endswith(".svg") for t in titles(out, f)]
    assert any(re.fullmatch(r"Ausschnitt: der umrahmte Bereich, \d+-fach vergr\u00F6\u00DFert", t) for t in said), said
    assert any(t.startswith("Widerspr\u00FCchliche Angaben: ") for t in said), said
    assert "Widerspr\u00FCchliche Angaben, wo sich " in words["alt-text.txt"], words["alt-text.txt"]
    proj, _ = contested_test.country(os.path.join(tmp, "ostland"))
    out = os.path.join(tmp, "ostland-out")
    rendered_words(with_lang(proj, "es"), out)
    assert "Disputada entre fuentes: River farms" in titles(out, "map.svg"), titles(out, "map.svg")


@test
def a_continuation_sheet_is_titled_in_the_maps_language(tmp):
    sys.path.insert(0, os.path.join(ROOT, "bench"))
    import scaling
    proj = os.path.join(tmp, "districts")
    scaling.zone_project(proj, 45)
    with_lang(proj, "es")
    words = rendered_words(proj, os.path.join(tmp, "out"), "--page", "a5-landscape")
    assert len([f for f in words if f.endswith(".svg")]) >= 2, sorted(words)
    sheet2 = next(f for f in words if f.endswith("-2.svg"))
    assert re.search(r"Generated districts \u2014 (citas \(continuaci\u00F3n\), )?hoja 2 de \d", words[sheet2]), words[sheet2][:300]


@test
def neighbour_names_are_in_capitals_whatever_their_script(tmp):
    # std::toupper byte by byte left every letter outside ASCII as it was: "SüDMARK" (audit s17 D6).
    gaza = copy_project(GAZA, tmp)
    land = os.path.join(tmp, "base", "region-land.geojson")
    data = json.load(open(land, encoding="utf-8"))
    names = {"Egypt": "S\u00FCd\u00E4gypten", "Israel": "\u0418\u0437\u0440\u0430\u0438\u043B\u044C"}
    for f in data["features"]:
        f["properties"]["name"] = names.get(f["properties"]["name"], f["properties"]["name"])
    json.dump(data, open(land, "w", encoding="utf-8"), ensure_ascii=False)
    out = os.path.join(tmp, "out")
    render(gaza, out, "--page", "a4-landscape")
    text = next(t for f, t in every_word(out).items() if f.endswith(".svg"))
    assert "S\u00DCD\u00C4GYPTEN" in text, re.findall(r"S\S*GYPTEN", text, re.I)
    assert "\u0418\u0417\u0420\u0410\u0418\u041B\u042C" in text, re.findall("[\u0400-\u04FF]+", text)


@test
def a_legend_keys_badge_styles_with_blank_discs_and_names_a_nested_zone_a_zone(tmp):
    # Each status's badge style keyed with a "1" read as claim 1 having every status (audit s17 D10);
    # the claim number's own row keeps its number. The nested zone is a zone, not "a place" (D16).
    out = os.path.join(tmp, "out")
    render(BRENNA, out)
    root = ET.parse(os.path.join(out, "map-print.svg")).getroot()
    legend = group_texts(root, "legend")
    assert legend.count("1") == 1, legend
    assert any(t.startswith("Claim number") for t in legend), legend
    assert "A zone inside a larger zone of the same status (dashed outline)" in legend, legend


@test
def german_claims_say_who_with_laut_and_without_the_article(tmp):
    # "Dementiert (die Gemeinde Leis): …" and "Berichtet, zugeschrieben: die Kantonsregierung" read as a
    # form (audit s17 D15): "laut" takes the name without its article, as German news write it.
    proj = panel_language_test.write_project(tmp, 'lang = "de"')
    toml = os.path.join(proj, "map.toml")
    text = open(toml, encoding="utf-8").read()
    for fr, de in [("le pr\u00E9fet", "die Kantonsregierung"), ("la pr\u00E9fecture", "Das Bauamt"),
                   ("la police", "die Gemeinde Leis")]:
        text = text.replace(f'attributed_to = "{fr}"', f'attributed_to = "{de}"')
    open(toml, "w", encoding="utf-8").write(text)
    out = os.path.join(tmp, "out")
    render(proj, out)
    joined = "\n".join(panel_language_test.svg_texts(out))
    for words in ["Berichtet, laut Kantonsregierung", "Plan, laut Bauamt", "Dementi laut Gemeinde Leis: Bourg \u2014 \u00C9vacuation",
                  "Dementi laut Gemeinde Leis: \u00C9vacuation"]:
        assert words in joined, (words, joined)
    for form in ["zugeschrieben", "Dementiert (", "laut die ", "laut Das "]:
        assert form not in joined, (form, joined)
    alt = open(os.path.join(out, "alt-text.txt"), encoding="utf-8").read()
    assert "(die Gemeinde Leis, Angabe 3)" in alt, alt


@test
def a_rank_two_town_without_room_for_its_name_is_warned_of_once_and_not_as_rank_one(tmp):
    # Strada (label_rank 2), its dot kept on a roomy zone, was reported as "label_rank 1" and then again
    # in the list of towns drawn unnamed (audit s17 D11). Eight rank-1 villages 1.2 km round it take
    # every spot for its name.
    import math
    ct = contested_test
    proj, _ = ct.country(os.path.join(tmp, "ostland"))
    towns = [("Strada", 30, 20, 2)] + [(f"Longnamed Village {k}", 30 + 1.2 * math.cos(k * math.pi / 4),
                                         20 + 1.2 * math.sin(k * math.pi / 4), 1) for k in range(8)]
    ct.dump(proj, "towns.geojson", [ct.feature({"name": n, "label_rank": r}, {"type": "Point", "coordinates": ct.lonlat(x, y)})
                                    for n, x, y, r in towns])
    toml = os.path.join(proj, "map.toml")
    text = open(toml, encoding="utf-8").read()
    open(toml, "w", encoding="utf-8").write(text + '[[layer]]\nfile = "towns.geojson"\nrole = "localities"\n')
    warnings = render(proj, os.path.join(tmp, "out"))
    assert "Strada (label_rank 1)" not in warnings, warnings
    assert warnings.count("Strada") == 1 and "its dot is drawn unnamed: Strada" in warnings, warnings


if __name__ == "__main__":
    harness._tests[:] = [t for t in harness._tests if t.__module__ == "__main__"]
    main()

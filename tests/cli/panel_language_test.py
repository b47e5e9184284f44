"""map.toml's `lang`: the words citemap prints itself (legend, claim titles, citations, credits,
companions) in the project's language, with its typography; English stays the default."""
import json, os, re, subprocess, sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(__file__))
from harness import main, run, square, test, write_polygon_zones

SVG = "{http://www.w3.org/2000/svg}"
NNBSP = "\u202F"
ARTICLE = ("Le Val coupé en deux\n\n"
           "« La route du Col est fermée jusqu’à nouvel ordre », a déclaré le préfet. "
           "La préfecture prévoit d’évacuer le Hameau si la pluie continue. "
           "La police dément que le Bourg soit évacué.\n")


def write_project(tmp, lang_line):
    d = os.path.join(tmp, "val")
    os.makedirs(d)
    open(os.path.join(d, "article.txt"), "w", encoding="utf-8").write(ARTICLE)
    zones = [("col", "Col", square(6.6, 45.45, 0.04)), ("hameau", "Hameau", square(6.75, 45.45, 0.04)),
             ("bourg", "Bourg", square(6.7, 45.55, 0.04))]
    write_polygon_zones(d, zones)
    toml = f'''title = "Le Val"
{lang_line}

[[source]]
id = "dauphine"
file = "article.txt"
title = "Le Val coupé en deux"
published = "2027-03-01"

[zones]
file = "zones.geojson"

[status.fermee]
label = "Route fermée"
[status.evacuation]
label = "Évacuation"

[[claim]]
zone = "col"
status = "fermee"
modality = "reported"
attributed_to = "le préfet"
cite = [{{ source = "dauphine", quote = "« La route du Col est fermée jusqu’à nouvel ordre »" }}]

[[claim]]
zone = "hameau"
status = "evacuation"
modality = "plan"
attributed_to = "la préfecture"
since = "2027-03-01"
cite = [{{ source = "dauphine", quote = "La préfecture prévoit d’évacuer le Hameau si la pluie continue" }}]

[[claim]]
zone = "bourg"
status = "evacuation"
modality = "denial"
attributed_to = "la police"
cite = [{{ source = "dauphine", quote = "La police dément que le Bourg soit évacué" }}]
'''
    open(os.path.join(d, "map.toml"), "w", encoding="utf-8").write(toml)
    return d


def render(tmp, lang_line, *args):
    proj = write_project(tmp, lang_line)
    out = os.path.join(tmp, "out")
    run("render", proj, "-o", out, "-q", "-j", "1", "--format", "svg,pdf", *args,
        env={"SOURCE_DATE_EPOCH": "1800000000"}, check=0)
    return out


def svg_texts(out):
    """The texts of the SVG, a paragraph's lines joined: each wrapped line is a text of its own."""
    root = ET.parse(os.path.join(out, "map.svg")).getroot()
    texts = []
    for g in root.iter(SVG + "g"):
        lines = [re.sub("[\u200e\u2066-\u2069]", "", "".join(t.itertext())) for t in g.findall(SVG + "text")]
        if lines and (g.get("id") or "").startswith(("legend", "credits", "citation")):
            texts.append(" ".join(lines).replace("\u00A0", " ").replace(NNBSP + "(", " \u2009("))
        else:
            texts += lines
    return texts


def pdf_text(out):
    return subprocess.run(["pdftotext", "-enc", "UTF-8", os.path.join(out, "map.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout


@test
def a_french_map_prints_its_panel_and_companions_in_french(tmp):
    out = render(tmp, 'lang = "fr"')
    texts = svg_texts(out)
    joined = "\n".join(texts)
    for words in ["Légende", "Affirmations et citations", "Signalé, selon le préfet",
                  "Plan, selon la préfecture" + NNBSP + "; depuis le 1er mars 2027",
                  "Démenti par la police" + NNBSP + ": Bourg \u2014 Évacuation",
                  "Plan" + NNBSP + ": Hameau \u2014 Évacuation", "Col" + NNBSP + ": Route fermée",
                  "Source" + NNBSP + ": «" + NNBSP + "Le Val coupé en deux" + NNBSP + "», 1er mars 2027",
                  "Réalisé avec citemap."]:
        assert words in joined, (words, texts)
    # Not a word of the English panel is left.
    for english in ["Legend", "Claims and citations", "attributed to", "Denied by", "Source:", "Made with",
                    "Claim number", "Mar 2027"]:
        assert english not in joined, (english, texts)
    # The source's « » inside a quote become its inner marks (« « … » » read as a slip, “« … »” mixed two
    # languages' marks, audit s15 D4); the others are in « ».
    assert "selon le préfet «" + NNBSP + "\u201CLa route du Col" in joined and "ordre\u201D" + NNBSP + "»" in joined, texts
    assert not any("««" in t.replace(NNBSP, "") or "“«" in t for t in texts), texts
    assert "«" + NNBSP + "La préfecture prévoit" in joined, texts
    assert "ordre\u201D" + NNBSP + "» \u2009(¶2 ph1)" in joined, texts
    # The PDF says the same words (its text is what a reader copies).
    assert "Légende" in pdf_text(out) and "Réalisé avec citemap." in pdf_text(out)
    md = open(os.path.join(out, "citations.md"), encoding="utf-8").read()
    assert md.startswith("# Citations" + NNBSP + ": Le Val\n") and "(signalé, selon le préfet)" in md, md
    assert "paragraphe 2, phrase 1" in md and "## Sources" in md and "1er mars 2027" in md, md
    html = open(os.path.join(out, "article.html"), encoding="utf-8").read()
    assert '<html lang="fr">' in html and "<h2>Affirmations</h2>" in html and "Réalisé avec citemap." in html
    assert "(démenti, selon la police)" in html, re.findall(r"<em>\(.*?\)</em>", html)


@test
def a_french_figure_caption_sets_in_latex_in_ot1_and_t1(tmp):
    # The narrow no-break space before a French colon and the guillemets stopped pdflatex (no definition
    # for U+202F; no guillemets in OT1).
    proj = write_project(tmp, 'lang = "fr"')
    out = os.path.join(tmp, "out")
    run("render", proj, "-o", out, "-q", "--page", "170mm", "--format", "pdf", check=0)
    for enc in ("", "\\usepackage[T1]{fontenc}\n"):
        with open(os.path.join(out, "doc.tex"), "w") as f:
            f.write("\\documentclass{article}\n" + enc + "\\begin{document}\n\\input{map-170mm.caption.tex}\n"
                    "\\end{document}\n")
        p = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"], cwd=out,
                           capture_output=True, text=True, errors="replace")
        assert p.returncode == 0, (enc, p.stdout[-800:])
        printed = " ".join(subprocess.run(["pdftotext", os.path.join(out, "doc.pdf"), "-"], capture_output=True,
                                          text=True, check=True).stdout.split())
        # (OT1 sets é as an accent over e, which pdftotext gives back as two characters.)
        assert "par la police" in printed and ", la police)" in printed and "nouvel ordre" in printed, printed


@test
def german_and_spanish_maps_date_and_quote_in_their_own_way(tmp):
    for lang, words in [("de", ["Legende", "Angaben und Zitate", "Dementi laut la police: Bourg",
                                "Quelle: \u201ELe Val coupé en deux\u201C, 1. März 2027", "Erstellt mit citemap."]),
                        ("es", ["Leyenda", "Afirmaciones y citas", "Desmentido por la police: Bourg",
                                "Fuente: «Le Val coupé en deux», 1 de marzo de 2027", "Hecho con citemap."])]:
        sub = os.path.join(tmp, lang)
        os.makedirs(sub)
        joined = "\n".join(svg_texts(render(sub, f'lang = "{lang}"')))
        for w in words:
            assert w in joined, (lang, w, joined)


@test
def english_is_the_default_and_an_unknown_language_is_an_error_naming_the_known_ones(tmp):
    os.makedirs(os.path.join(tmp, "a"))
    os.makedirs(os.path.join(tmp, "b"))
    plain = open(os.path.join(render(os.path.join(tmp, "a"), ""), "map.svg"), "rb").read()
    english = open(os.path.join(render(os.path.join(tmp, "b"), 'lang = "en"'), "map.svg"), "rb").read()
    assert plain == english and b"Claims and citations" in plain
    proj = write_project(os.path.join(tmp, "c"), 'lang = "fr-CA"')
    p = run("check", proj, check=1)
    assert re.search(r'map\.toml:2:8: error: lang "fr-CA" is not a language', p.stderr), p.stderr
    assert "en (English), fr (French), de (German), es (Spanish)" in p.stderr, p.stderr


if __name__ == "__main__":
    main()

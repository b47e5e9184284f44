"""German and Spanish projects (audit s19 D5, D11): a quote holding its source's marks is printed with
them nested as the language nests quotes, on the map, in the PDF, article.html and the figure caption
(citations.md keeps the source's characters, for checking); German sentences with „…“, ordinal dates and
"z. B." are located where a reader counts them; the alt text's compass words agree with their gender."""
import json, os, re, subprocess, sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(__file__))
from harness import main, run, square, test, write_polygon_zones

SVG = "{http://www.w3.org/2000/svg}"

# ¶ and sentence of each quote, counted by hand: ¶1 is the headline.
GERMAN = ("Sperren im Kaiserviertel\n\n"
          "Seit dem 4. M\u00e4rz ist die Kaiserstra\u00dfe f\u00fcr den Verkehr gesperrt. Die Baustelle soll bis "
          "Ende 2029 bleiben.\n\n"
          "Bezirksvorsteher Reiter sagte: \u201eDie Sperre bleibt \u2026 bis die Station fertig ist.\u201c Anrainer "
          "berichten, dass der Innenhof z. B. als Lagerplatz dient. Die Volksschule bleibt bis 30. April "
          "geschlossen.\n\n"
          "\u201eDie Kirche bleibt offen\u201c, sagte der Pfarrer. Die Lindengasse ist ab 1. Mai eine Einbahn.\n")
GERMAN_CLAIMS = [  # zone, status, modality, who, quote, (paragraph, sentence)
    ("west", "zu", "reported", "der Artikel",
     "Seit dem 4. M\u00e4rz ist die Kaiserstra\u00dfe f\u00fcr den Verkehr gesperrt", (2, 1)),
    ("mitte", "lager", "reported", "Anrainer", "der Innenhof z. B. als Lagerplatz dient", (3, 2)),
    ("ost", "zu", "reported", "die Schule", "Die Volksschule bleibt bis 30. April geschlossen", (3, 3)),
    ("west", "zu", "plan", "Bezirksvorsteher Reiter",
     "\u201eDie Sperre bleibt \u2026 bis die Station fertig ist.\u201c", (3, 1)),
    ("ost", "zu", "plan", "der Pfarrer", "\u201eDie Kirche bleibt offen\u201c, sagte der Pfarrer", (4, 1)),
    ("west", "zu", "plan", "der Artikel", "Die Lindengasse ist ab 1. Mai eine Einbahn", (4, 2)),
]
GERMAN_STATUSES = {"zu": "Gesperrt", "lager": "Lagerplatz"}

SPANISH = ("La sierra bajo sospecha\n\n"
           "Seg\u00fan testigos, San Andr\u00e9s tiene la carretera bloqueada desde el \u201clunes negro\u201d\u2026 y "
           "nadie lo explica. El alcalde dijo: \u00abNo hay \u201cplan B\u201d para la sierra\u00bb. La empresa Obras "
           "S.A. cerr\u00f3 el paso el 1.\u00ba de mayo. Hoy sigue cerrado.\n")
SPANISH_CLAIMS = [
    ("west", "cerrado", "reported", "testigos",
     "San Andr\u00e9s tiene la carretera bloqueada desde el \u201clunes negro\u201d\u2026 y nadie lo explica", (2, 1)),
    ("mitte", "cerrado", "plan", "el alcalde", "\u00abNo hay \u201cplan B\u201d para la sierra\u00bb", (2, 2)),
    ("ost", "cerrado", "reported", "Obras S.A.", "La empresa Obras S.A. cerr\u00f3 el paso el 1.\u00ba de mayo", (2, 3)),
]


def write_project(tmp, lang, article, claims, statuses):
    d = os.path.join(tmp, lang)
    os.makedirs(d)
    open(os.path.join(d, "artikel.txt"), "w", encoding="utf-8").write(article)
    # West, middle and east in a row: the middle one lies in the extent's centre.
    zones = [("west", "Westhof", square(16.30, 48.2, 0.03)), ("mitte", "Innenhof", square(16.40, 48.2, 0.03)),
             ("ost", "Osthof", square(16.50, 48.2, 0.03))]
    write_polygon_zones(d, zones)
    toml = f'title = "Karte"\nlang = "{lang}"\n\n[[source]]\nid = "artikel"\nfile = "artikel.txt"\ntitle = "T"\n\n'
    toml += '[zones]\nfile = "zones.geojson"\n\n'
    for key, label in statuses.items():
        toml += f'[status.{key}]\nlabel = "{label}"\n'
    for zone, status, modality, who, quote, _ in claims:
        quote = quote.replace('"', '\\"')
        toml += (f'\n[[claim]]\nzone = "{zone}"\nstatus = "{status}"\nmodality = "{modality}"\n'
                 f'attributed_to = "{who}"\ncite = [{{ source = "artikel", quote = "{quote}" }}]\n')
    open(os.path.join(d, "map.toml"), "w", encoding="utf-8").write(toml)
    return d


def render(tmp, lang, article, claims, statuses):
    proj = write_project(tmp, lang, article, claims, statuses)
    out = os.path.join(tmp, lang + "-out")
    run("render", proj, "-o", out, "-q", "-j", "1", "--format", "svg,pdf", env={"SOURCE_DATE_EPOCH": "1800000000"},
        check=0)
    return proj, out


def citation_texts(out):
    """Each citation of the SVG panel as one line of text, its wrapped lines joined."""
    root = ET.parse(os.path.join(out, "map.svg")).getroot()
    texts = []
    for g in root.iter(SVG + "g"):
        if (g.get("id") or "").startswith("citation"):
            lines = [re.sub("[\u200e\u2066-\u2069]", "", "".join(t.itertext())) for t in g.findall(SVG + "text")]
            texts.append(" ".join(lines).replace("\u00a0", " "))
    return "\n".join(texts)


def assert_quotes_printed(out, printed, slips):
    """Each of `printed` is on the map (SVG and PDF) and in article.html; none of `slips` is there or in
    the other companions but citations.md, which prints the source's characters for checking."""
    pdf = subprocess.run(["pdftotext", "-enc", "UTF-8", os.path.join(out, "map.pdf"), "-"], capture_output=True,
                         text=True, check=True).stdout
    texts = {"svg": citation_texts(out), "pdf": " ".join(pdf.split()),
             **{name: open(os.path.join(out, name), encoding="utf-8").read()
                for name in ("article.html", "alt-text.txt") if os.path.exists(os.path.join(out, name))}}
    for name in ("svg", "pdf", "article.html"):
        for quote in printed:
            assert quote in texts[name], (name, quote, texts[name][:3000])
    for name, text in texts.items():
        for slip in slips:
            assert slip not in text, (name, slip, text[:3000])


@test
def a_german_quote_with_its_sources_marks_prints_them_nested_everywhere(tmp):
    _, out = render(tmp, "de", GERMAN, GERMAN_CLAIMS, GERMAN_STATUSES)
    # „„ (the source's mark doubled on the map's) and a German closing “ turned into ’ are slips.
    assert_quotes_printed(out, ["\u201e\u201aDie Sperre bleibt \u2026 bis die Station fertig ist.\u2018\u201c",
                                "\u201e\u201aDie Kirche bleibt offen\u2018, sagte der Pfarrer\u201c"],
                          ["\u201e\u201e", "\u2019\u201c"])
    # citations.md prints the quote's sentence, with the quote in bold, as the source has it (for checking).
    md = open(os.path.join(out, "citations.md"), encoding="utf-8").read()
    assert "\u201eBezirksvorsteher Reiter sagte: **\u201eDie Sperre bleibt \u2026 bis die Station fertig " \
           "ist.\u201c**\u201c" in md, md


@test
def a_german_figure_caption_sets_its_low_marks_in_latex_in_ot1_and_t1(tmp):
    # „ and ‚ stopped pdflatex in OT1 ("Command \\quotedblbase unavailable"), and ``…'' set English marks
    # around the German inner ones.
    proj = write_project(tmp, "de", GERMAN, GERMAN_CLAIMS, GERMAN_STATUSES)
    out = os.path.join(tmp, "out")
    run("render", proj, "-o", out, "-q", "--page", "170mm", "--format", "pdf", check=0)
    tex = open(os.path.join(out, "map-170mm.caption.tex"), encoding="utf-8").read()
    assert "\\citemapchar{18}{\\quotedblbase}\\citemapchar{13}{\\quotesinglbase}Die Sperre" in tex, tex
    assert "``" not in tex, tex
    for enc in ("", "\\usepackage[T1]{fontenc}\n"):
        with open(os.path.join(out, "doc.tex"), "w") as f:
            f.write("\\documentclass{article}\n" + enc + "\\begin{document}\n\\input{map-170mm.caption.tex}\n"
                    "\\end{document}\n")
        p = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"], cwd=out,
                           capture_output=True, text=True, errors="replace")
        assert p.returncode == 0, (enc, p.stdout[-800:])


@test
def german_quotes_are_located_in_the_paragraph_and_sentence_a_reader_counts(tmp):
    proj, out = render(tmp, "de", GERMAN, GERMAN_CLAIMS, GERMAN_STATUSES)
    md = open(os.path.join(out, "citations.md"), encoding="utf-8").read()
    svg = citation_texts(out)
    for _, _, _, _, quote, (para, sentence) in GERMAN_CLAIMS:
        line = next(l for l in md.splitlines() if quote.strip("\u201e\u201c")[:20] in l)
        assert line.endswith(f", Absatz {para}, Satz {sentence}"), (quote, line)
        assert f"(\u00b6{para} S{sentence})" in svg, (quote, svg)
    # citemap cite, which an author runs to see what each claim cites.
    cites = json.loads(run("cite", proj, "--json", check=0).stdout)["citations"]
    assert [(c["paragraph"], c["sentence"], c["end_paragraph"], c["end_sentence"]) for c in cites] == \
           [(p, s, p, s) for *_, (p, s) in GERMAN_CLAIMS], cites
    listing = run("cite", proj, check=0).stdout
    assert "artikel para 3 sentence 2 [" in listing and " to para" not in listing, listing
    # The context printed around a quote is its own sentence, not the next one run on.
    assert "**Die Volksschule bleibt bis 30. April geschlossen**.\u201c" in md, md


@test
def the_german_alt_text_says_das_zentrum_and_der_westen(tmp):
    _, out = render(tmp, "de", GERMAN, GERMAN_CLAIMS, GERMAN_STATUSES)
    alt = open(os.path.join(out, "map.svg"), encoding="utf-8").read()
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", alt, re.S).group(1)
    assert "Lagerplatz: das Zentrum (Innenhof)" in desc and "der Westen" in desc and "der Osten" in desc, desc
    assert "der Zentrum" not in desc, desc


@test
def a_spanish_quote_keeps_its_second_level_marks_and_nests_guillemets(tmp):
    proj, out = render(tmp, "es", SPANISH, SPANISH_CLAIMS, {"cerrado": "Cerrado"})
    assert_quotes_printed(out, ["\u00abSan Andr\u00e9s tiene la carretera bloqueada desde el \u201clunes negro\u201d\u2026 y "
                                "nadie lo explica\u00bb", "\u00ab\u201cNo hay \u2018plan B\u2019 para la sierra\u201d\u00bb"],
                          ["\u2018lunes negro\u2019", "\u00ab\u00ab"])
    cites = json.loads(run("cite", proj, "--json", check=0).stdout)["citations"]
    assert [(c["paragraph"], c["sentence"], c["end_sentence"]) for c in cites] == \
           [(p, s, s) for *_, (p, s) in SPANISH_CLAIMS], cites


if __name__ == "__main__":
    main()

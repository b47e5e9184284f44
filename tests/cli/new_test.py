"""`citemap new DIR --source TEXT`: the scaffold checks and renders as written, quotes the article
verbatim, and never overwrites a project."""
import json, os, re, sys, tomllib
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(__file__))
from harness import main, run, test

# Articles a new author might bring: quotes and backslashes in the first sentence, a first sentence
# that repeats later (so it alone is ambiguous), non-Latin scripts, Windows line ends.
ARTICLES = {
    "plain": "Ceasefire holds in the valley\n\nTroops withdrew from the northern villages on Sunday, officials said. "
             "Residents returned.\n",
    "quotes": 'Talks resume\n\nThe minister said "we hold the ridge" and C:\\maps was cited twice. Nothing else.\n',
    "repeated": "Headline\n\nThe army holds the town. The army holds the town. The army holds the town and the "
                "bridge over the river.\n",
    "scripts": "Ελληνικά νέα σήμερα\n\nΟ στρατός κατέλαβε την πόλη της Καλαμάτας το πρωί. "
               "Жители покинули город. السكان غادروا المدينة.\n",
    "crlf": "Title line\r\n\r\nA long sentence about the front line near the river crossing at dawn.\r\n",
    # A headline of ten words, without a full stop: still a headline (audit s13 D10).
    "headline": "Rebels hold Tasi as the date line divides the islands\n\nRebel fighters have held Tasi island "
                "since Saturday, officials in Savu said. The island lies across the date line.\n",
}

# The sentence each scaffold should quote from (the first prose sentence that can be quoted uniquely).
PROSE = {
    "plain": "Troops withdrew from the northern villages on Sunday, officials said.",
    "quotes": 'The minister said "we hold the ridge" and C:\\maps was cited twice.',
    "repeated": "The army holds the town and the bridge over the river.",
    "scripts": "Ο στρατός κατέλαβε την πόλη της Καλαμάτας το πρωί.",
    "crlf": "A long sentence about the front line near the river crossing at dawn.",
    "headline": "Rebel fighters have held Tasi island since Saturday, officials in Savu said.",
}


def scaffold(tmp, name, text):
    art = os.path.join(tmp, f"{name}.txt")
    with open(art, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    proj = os.path.join(tmp, "projects", name)
    p = run("new", proj, "--source", art, check=0)
    return proj, p


@test
def each_scaffold_checks_and_renders_with_a_quote_from_its_article(tmp):
    for name, text in ARTICLES.items():
        proj, _ = scaffold(tmp, name, text)
        spec = tomllib.load(open(os.path.join(proj, "map.toml"), "rb"))
        quote = spec["claim"][0]["cite"][0]["quote"]
        assert len(quote) >= 10 and text.count(quote) == 1, (name, quote)
        assert quote in PROSE[name], (name, quote)  # a statement of the text, not its headline
        # Whole words up to the end of a clause: "... Tasi island since" read as cut mid-phrase.
        rest = PROSE[name][PROSE[name].index(quote) + len(quote):]
        assert rest == "" or rest[0] in ",;:.!?", (name, quote, rest)
        assert open(os.path.join(proj, f"{name}.txt"), "rb").read() == text.encode(), name
        p = run("check", proj, check=0)
        assert "1 claims" in p.stdout or "1 claim" in p.stdout, p.stdout
        out = os.path.join(tmp, "out", name)
        run("render", proj, "-o", out, "-q", "--format", "svg", check=0)
        svg = ET.parse(os.path.join(out, "map.svg")).getroot()
        words = " ".join("".join(t.itertext()) for t in svg.iter("{http://www.w3.org/2000/svg}text"))
        first_word = quote.split()[0]
        assert first_word in words, (name, first_word, words[:300])
        assert "Example zone" in words, words[:300]


@test
def the_scaffold_points_at_the_reference_and_names_every_section(tmp):
    proj, p = scaffold(tmp, "plain", ARTICLES["plain"])
    text = open(os.path.join(proj, "map.toml"), encoding="utf-8").read()
    assert "docs/map-toml.md" in text
    for section in ("[[source]]", "[zones]", "[status.", "[[claim]]"):
        assert section in text, section
    assert "citemap render" in p.stderr, p.stderr


@test
def a_title_in_another_script_is_not_prefixed_with_english(tmp):
    # "Map: القتال يمتد ..." set an English word before an Arabic title (audit s12 D10).
    for name, text, title in [
            ("arabic", "القتال يمتد في وادي الحمراء\n\nقالت الحكومة إن القوات سيطرت على القرى الشرقية صباح الاثنين.\n",
             "القتال يمتد في وادي الحمراء"),
            ("greek", ARTICLES["scripts"], "Ελληνικά νέα σήμερα"),
            ("latin", "Élan at the border\n\nTroops withdrew from the northern villages on Sunday, officials said.\n",
             "Map: Élan at the border")]:
        proj, _ = scaffold(tmp, name, text)
        spec = tomllib.load(open(os.path.join(proj, "map.toml"), "rb"))
        assert spec["title"] == title, (name, spec["title"])
        run("check", proj, check=0)


@test
def the_scaffold_is_titled_by_the_headline_and_its_zone_goes_where_asked(tmp):
    # The probe's first line ran on into a second sentence, and the whole line became the title.
    text = ("Army takes the ridge. Residents flee the valley towns\n\nThe army took the ridge above Tolvey on "
            "Monday, residents said.\n")
    proj, p = scaffold(tmp, "lead", text)
    spec = tomllib.load(open(os.path.join(proj, "map.toml"), "rb"))
    assert spec["title"] == "Map: Army takes the ridge", spec["title"]
    assert spec["source"][0]["title"] == "Army takes the ridge", spec["source"][0]
    # Without --at the placeholder's place is said in map.toml; with it, the square is there.
    assert "--at LON,LAT" in open(os.path.join(proj, "map.toml"), encoding="utf-8").read()
    art = os.path.join(tmp, "lead.txt")
    there = os.path.join(tmp, "projects", "there")
    run("new", there, "--source", art, "--at", "34.45,31.5", check=0)
    ring = json.load(open(os.path.join(there, "zones.geojson")))["features"][0]["geometry"]["coordinates"][0]
    lons, lats = [x for x, _ in ring], [y for _, y in ring]
    assert min(lons) < 34.45 < max(lons) and min(lats) < 31.5 < max(lats), ring
    assert max(lons) - min(lons) < 0.2, ring
    run("check", there, check=0)
    p = run("new", os.path.join(tmp, "projects", "swapped"), "--source", art, "--at", "31.5,134.45", check=2)
    assert "longitude first" in p.stderr, p.stderr


@test
def a_hard_wrapped_lead_titles_the_scaffold_by_its_first_sentence(tmp):
    # audit s11: the first line of a paragraph wrapped at 72 columns, "... Troops withdrew overnight
    # from a", became the title. The sentence's lines are joined, and a long one is cut at a word.
    text = ("VARNA NOVA, 3 May (Wire) - Troops withdrew overnight from a\n"
            "demilitarised strip about two kilometres wide that runs for some 150 km\n"
            "across the country, officials said.\n\nThe village of Lesno was shelled.\n")
    proj, _ = scaffold(tmp, "wire", text)
    spec = tomllib.load(open(os.path.join(proj, "map.toml"), "rb"))
    title = spec["source"][0]["title"]
    assert "\n" not in title and title.endswith("\u2026"), title
    assert title.startswith("VARNA NOVA, 3 May (Wire) - Troops withdrew overnight from a demilitarised"), title
    assert len(title) <= 80 and title[:-1] in " ".join(text.split()), title
    assert spec["title"] == "Map: " + title, spec["title"]
    # A short wrapped sentence is whole, without its full stop.
    proj, _ = scaffold(tmp, "short", "Troops leave the\nVarno strip.\n\nThey left at dawn, officials said.\n")
    assert tomllib.load(open(os.path.join(proj, "map.toml"), "rb"))["title"] == "Map: Troops leave the Varno strip"


@test
def new_refuses_to_overwrite_an_existing_project(tmp):
    proj, _ = scaffold(tmp, "plain", ARTICLES["plain"])
    toml = os.path.join(proj, "map.toml")
    with open(toml, "a", encoding="utf-8") as f:
        f.write("# my own edits\n")
    before = open(toml, "rb").read()
    art = os.path.join(tmp, "plain.txt")
    p = run("new", proj, "--source", art, check=1)
    assert re.search(r"map\.toml: error: already exists", p.stderr), p.stderr
    assert open(toml, "rb").read() == before
    # A folder with only a zones file of its own is refused too, and nothing is written into it.
    other = os.path.join(tmp, "other")
    os.makedirs(other)
    open(os.path.join(other, "zones.geojson"), "w").write("{}")
    p = run("new", other, "--source", art, check=1)
    assert "zones.geojson" in p.stderr and not os.path.exists(os.path.join(other, "map.toml")), p.stderr


@test
def a_source_that_is_missing_or_not_utf8_is_an_error_and_nothing_is_written(tmp):
    proj = os.path.join(tmp, "p")
    p = run("new", proj, "--source", os.path.join(tmp, "nope.txt"), check=1)
    assert "cannot read the source text" in p.stderr, p.stderr
    bad = os.path.join(tmp, "bad.txt")
    open(bad, "wb").write(b"Fine first line\n\nThen a broken \xff byte in a sentence here.\n")
    p = run("new", proj, "--source", bad, check=1)
    assert re.search(r"bad\.txt:3:\d+", p.stderr), p.stderr
    assert not os.path.exists(proj)
    assert run("new", proj).returncode == 2  # --source is required



@test
def the_scaffold_shows_where_the_panels_language_is_set(tmp):
    # Session 16: map.toml's `lang` was missing from the template. Uncommented, it gives a French legend.
    proj, _ = scaffold(tmp, "plain", ARTICLES["plain"])
    toml = os.path.join(proj, "map.toml")
    text = open(toml, encoding="utf-8").read()
    assert re.search(r'^# lang += "fr" +# ', text, re.M), text
    open(toml, "w", encoding="utf-8").write(re.sub(r'^# (lang +=)', r"\1", text, flags=re.M))
    out = os.path.join(tmp, "out")
    run("render", proj, "-o", out, "-q", "--format", "svg", check=0)
    svg = open(os.path.join(out, "map.svg"), encoding="utf-8").read()
    assert "L\u00e9gende" in svg, "no French legend"


@test
def an_article_in_spanish_german_or_french_gets_a_scaffold_in_its_language(tmp):
    # "Map: <a Spanish headline>" and "Zones as claimed in one text" over a Spanish article (audit s17 D16).
    for name, text, title, subtitle, lang in [
            ("es", "La meseta de Arenal\n\nLa provincia cerró la reserva costera a la actividad extractiva, según el "
                   "diario. Los productores de Los Altares cortaron el paso del arroyo por la sequía y se "
                   "quejaron del gobierno provincial.\n",
             "Mapa: La meseta de Arenal", "Zonas tal como las describe un texto", "es"),
            ("de", "Lawinengefahr im Hochtal\n\nDie Kantonsregierung hat das Dorf Leis zur Gefahrenzone erklärt. Die "
                   "Gemeinde bestreitet das und sagt, die Straße auf den Pass sei nicht gesperrt.\n",
             "Karte: Lawinengefahr im Hochtal", "Zonen, wie ein Text sie beschreibt", "de"),
            ("fr", "Le Val coupé en deux\n\nLa route du Col est fermée, a déclaré le préfet. La préfecture prévoit "
                   "d’évacuer le Hameau si la pluie continue et les habitants sont inquiets pour leurs maisons.\n",
             "Carte\u202F: Le Val coupé en deux", "Zones telles qu\u2019un texte les décrit", "fr")]:
        proj, _ = scaffold(tmp, name, text)
        spec = tomllib.load(open(os.path.join(proj, "map.toml"), "rb"))
        assert (spec["title"], spec["subtitle"], spec.get("lang")) == (title, subtitle, lang), (name, spec)
        run("check", proj, check=0)
    # An English article keeps English and the commented hint; --lang says it outright.
    proj, _ = scaffold(tmp, "plain", ARTICLES["plain"])
    assert "lang" not in tomllib.load(open(os.path.join(proj, "map.toml"), "rb"))
    art = os.path.join(tmp, "plain.txt")
    run("new", os.path.join(tmp, "p2"), "--source", art, "--lang", "es", check=0)
    spec = tomllib.load(open(os.path.join(tmp, "p2", "map.toml"), "rb"))
    assert (spec["title"], spec["lang"]) == ("Mapa: Ceasefire holds in the valley", "es"), spec
    p = run("new", os.path.join(tmp, "p3"), "--source", art, "--lang", "pt", check=1)
    assert "en (English), fr (French)" in p.stderr and not os.path.exists(os.path.join(tmp, "p3")), p.stderr


@test
def a_headline_and_a_two_sentence_lede_are_enough_to_tell_german_and_spanish(tmp):
    # audit s19 D12: a short article, the common first try, was titled "Map: ..." in English, no word said.
    for name, text, title, lang in [
            ("de", "Sperre in der Kaiserstra\u00dfe\n\nDie Kaiserstra\u00dfe bleibt bis Mai gesperrt. Anrainer "
                   "klagen \u00fcber L\u00e4rm.\n", "Karte: Sperre in der Kaiserstra\u00dfe", "de"),
            ("es", "Cortes en la sierra\n\nSan Andr\u00e9s tiene la carretera bloqueada desde el lunes. Nadie lo "
                   "explica.\n", "Mapa: Cortes en la sierra", "es")]:
        proj, p = scaffold(tmp, name, text)
        spec = tomllib.load(open(os.path.join(proj, "map.toml"), "rb"))
        assert (spec["title"], spec.get("lang")) == (title, lang), (name, spec)
        assert "cannot tell" not in p.stderr, p.stderr
        run("check", proj, check=0)
    # Too little to tell: English words, and stderr says so and how to choose.
    proj, p = scaffold(tmp, "short", "Cortes en Oaxaca\n\nSan Andr\u00e9s sin agua. Nadie explica.\n")
    assert "cannot tell the article's language" in p.stderr and "--lang" in p.stderr, p.stderr
    assert "lang" not in tomllib.load(open(os.path.join(proj, "map.toml"), "rb"))
    # An English lede of the same length is told without a word.
    _, p = scaffold(tmp, "plain", ARTICLES["plain"])
    assert "cannot tell" not in p.stderr and "looks" not in p.stderr, p.stderr


@test
def an_article_in_a_language_without_words_is_told_so_and_titled_without_english(tmp):
    # audit s18 D7: an Italian article got no word about its language and the title "Map: Sul Lago...".
    for name, text, language in [
            ("it", "Sul Lago Vessano chiusa la navigazione\n\nDal 3 giugno la prefettura ha chiuso alla navigazione "
                   "tutta la parte alta del lago, che non sono gli unici a temere la frana. I pescatori della "
                   "riva nord dicono che il divieto non ha senso e che nel porto le barche sono ferme.\n", "Italian (it)"),
            ("pt", "A zona vermelha do Fogo\n\nA prote\u00e7\u00e3o civil evacuou a zona vermelha, num raio de quatro "
                   "quil\u00f3metros da cratera. Os moradores de Cova Figueira n\u00e3o foram avisados pela c\u00e2mara e "
                   "dizem que a estrada do norte foi cortada ao meio-dia.\n", "Portuguese (pt)")]:
        proj, p = scaffold(tmp, name, text)
        assert f"the article looks {language}" in p.stderr, p.stderr
        assert "en (English), fr (French)" in p.stderr and "will be English" in p.stderr, p.stderr
        assert "panel_words.cpp" in p.stderr, p.stderr  # how a language is added
        spec = tomllib.load(open(os.path.join(proj, "map.toml"), "rb"))
        assert spec["title"] == text.split("\n")[0] and "lang" not in spec, spec
        run("check", proj, check=0)
    # An English article is not told anything about its language.
    _, p = scaffold(tmp, "plain", ARTICLES["plain"])
    assert "looks" not in p.stderr, p.stderr


if __name__ == "__main__":
    main()

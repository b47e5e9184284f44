"""What the map, its panel and its companions say about the cited text, on a project written here: a
quote that runs from one paragraph into the next, Arabic titles and quotes in an English panel, a zone
in two parts at opposite ends of the map."""
import json, os, re, subprocess, sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(__file__))
from harness import main, run, square, test

SVG = "{http://www.w3.org/2000/svg}"

EN = ("Harbour report\n\n"
      "Fighting stopped on Monday. The western district is held by the militia. Boats wait in the bay.\n\n"
      "The fishing grounds at both tips are closed. Nobody knows for how long.\n\n"
      "Ferries still run to the islands.\n")
AR_QUOTE = "القوات الحكومية سيطرت على القرى الزراعية الشرقية في حوض الوادي منذ صباح يوم الاثنين الماضي"
AR_TITLE, AR_PUBLISHER = "تقرير الميناء الأسبوعي", "صحيفة متخيلة"
AR = "تقرير الميناء\n\n" + AR_QUOTE + ". وقال السكان إن الطرق مغلقة.\n"
SPANNING = "Boats wait in the bay.\\n\\nThe fishing grounds at both tips are closed."


def write_project(tmp):
    d = os.path.join(tmp, "harbour")
    os.makedirs(d)
    open(os.path.join(d, "en.txt"), "w", encoding="utf-8").write(EN)
    open(os.path.join(d, "ar.txt"), "w", encoding="utf-8").write(AR)
    zones = [
        {"type": "Feature", "properties": {"id": "west", "name": "Western district"},
         "geometry": {"type": "Polygon", "coordinates": square(20.0, 40.0, 0.15)}},
        # Two small squares at the north-east and south-east corners, 50 km apart.
        {"type": "Feature", "properties": {"id": "tips", "name": "Fishing grounds"},
         "geometry": {"type": "MultiPolygon",
                      "coordinates": [square(20.9, 40.25, 0.05), square(20.9, 39.75, 0.05)]}},
    ]
    json.dump({"type": "FeatureCollection", "features": zones}, open(os.path.join(d, "zones.geojson"), "w"))
    open(os.path.join(d, "map.toml"), "w", encoding="utf-8").write(f'''title = "Harbour"

[[source]]
id = "en"
file = "en.txt"
title = "Harbour report"
publisher = "Invented Post"
published = "2027-05-03"

[[source]]
id = "ar"
file = "ar.txt"
title = "{AR_TITLE}"
publisher = "{AR_PUBLISHER}"
published = "2027-05-04"

[zones]
file = "zones.geojson"

[status.militia]
label = "Held by the militia"

[status.closed]
label = "Closed"

[status.army]
label = "Held by the army"

[[claim]]
zone = "west"
status = "militia"
modality = "reported"
attributed_to = "the Post"
cite = [{{ source = "en", quote = "The western district is held by the militia" }}]

[[claim]]
zone = "tips"
status = "closed"
modality = "reported"
attributed_to = "the Post"
cite = [{{ source = "en", quote = "{SPANNING}" }}]

[[claim]]
zone = "west"
status = "army"
modality = "plan"
attributed_to = "the government"
cite = [{{ source = "ar", quote = "{AR_QUOTE}" }}]

[[output]]
name = "map"
page = "a4-portrait"
''')
    return d


def render(tmp):
    proj = write_project(tmp)
    out = os.path.join(tmp, "out")
    run("render", proj, "-o", out, "-q", "-j", "1", env={"SOURCE_DATE_EPOCH": "1800000000"}, check=0)
    return proj, out


def pdf_text(out):
    return subprocess.run(["pdftotext", "-enc", "UTF-8", os.path.join(out, "map.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout


@test
def a_quote_across_a_paragraph_break_is_located_from_start_to_end_with_its_sentences(tmp):
    proj, out = render(tmp)
    md = open(os.path.join(out, "citations.md"), encoding="utf-8").read()
    line = next(l for l in md.splitlines() if "Boats wait" in l)
    # The sentences the quote touches, its paragraph break marked, and nothing after them (the rest of
    # the article was printed as the quote's "sentence").
    assert "**Boats wait in the bay. \u00B6 The fishing grounds at both tips are closed.**\u201D" in line, line
    assert "Nobody knows" not in line and "Ferries" not in line, line
    assert line.endswith("paragraph 2, sentence 3 to paragraph 3, sentence 1"), line
    text = pdf_text(out)
    flat = " ".join(text.split())
    assert "\u00B62 s3\u2013\u00B63 s1" in flat, flat          # the panel's locator
    assert "in the bay. \u00B6 The fishing" in flat, flat      # the panel marks the paragraph break
    html = open(os.path.join(out, "article.html"), encoding="utf-8").read()
    assert "(en, \u00B62 s3\u2013\u00B63 s1)" in html  # the article page's claim list, likewise
    cited = json.loads(run("cite", proj, "--json", check=0).stdout)
    uncited = [(u["source"], u["paragraph"]) for u in cited["uncited_paragraphs"]]
    assert ("en", 3) not in uncited and ("en", 4) in uncited, uncited  # ¶3 is cited by the quote's end


@test
def a_zone_in_two_parts_is_described_at_both(tmp):
    _, out = render(tmp)
    alt = open(os.path.join(out, "alt-text.txt"), encoding="utf-8").read()
    assert "Fishing grounds in parts, in the north-east and the south-east" in alt, alt


def svg_lines(out, item_id):
    root = ET.parse(os.path.join(out, "map.svg")).getroot()
    item = root.find(f".//*[@id='{item_id}']")
    assert item is not None, item_id
    # Halos are a stroked copy of each line: keep the filled ones.
    return [t for t in item.iter(SVG + "text") if t.get("aria-hidden") != "true"]


def without_bidi_controls(s):
    return re.sub("[\u200e\u200f\u2066-\u2069]", "", s)


@test
def an_arabic_quote_reads_from_the_right_with_its_opening_mark_beside_its_first_word(tmp):
    _, out = render(tmp)
    # Glyph boxes as drawn: the quote's lines lie between claim 3's "attributed to the government" line
    # and the credits.
    bbox = subprocess.run(["pdftotext", "-bbox", os.path.join(out, "map.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    words = [(float(x0), float(y0), float(x1), w) for x0, y0, x1, w in
             re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', bbox)]
    top = max(y for _, y, _, w in words if w == "government")
    bottom = min(y for _, y, _, w in words if w == "Sources:")
    lines = []
    for word in sorted((w for w in words if top + 5 < w[1] < bottom - 5), key=lambda w: w[1]):
        if lines and abs(word[1] - lines[-1][0][1]) < 5:  # Arabic glyphs sit a few points off the Latin ones
            lines[-1].append(word)
        else:
            lines.append([word])
    assert len(lines) >= 2, lines  # the quote wraps
    first, last = sorted(lines[0]), sorted(lines[-1])
    # Arabic's opening mark (\u201D) ends the first line's quote on the right, beside the quote's first
    # word; an English \u201C stood at that line's left, beside the line's last word (audit s12 D6).
    assert first[-1][3] == "\u201D", [w[3] for w in first]
    assert "\u201C" not in "".join(w[3] for w in first), [w[3] for w in first]
    # The closing mark (\u201C) ends the quote on the last line, the locator after it to its right: the
    # paragraph is left to right like every other citation, the quote an isolate in it (audit s15 D3).
    texts = [w[3] for w in last]
    assert "\u201C" in texts and texts.index("(ar") > texts.index("\u201C"), texts
    # Every line starts at the citation's left edge, and together they are the quote, word for word.
    cite = svg_lines(out, "citation-3")[1:]  # after the badge's number
    assert all(t.get("direction") != "rtl" and t.get("x") == cite[0].get("x") for t in cite), [t.attrib for t in cite]
    joined = without_bidi_controls(" ".join("".join(t.itertext()) for t in cite[2:]))
    assert joined.startswith("\u201D" + AR_QUOTE + "\u201C"), joined


@test
def an_arabic_title_in_the_credits_keeps_its_marks_in_its_own_run(tmp):
    _, out = render(tmp)
    credits = without_bidi_controls(" ".join("".join(t.itertext()) for t in svg_lines(out, "credits")))
    # Title and publisher in that order, each whole, the title between Arabic's marks (read from the
    # right: \u201D opens beside its first word) and the comma after it in the English line.
    assert "ar = \u201D" + AR_TITLE + "\u201C, " + AR_PUBLISHER + ", 4 May 2027" in credits, credits


if __name__ == "__main__":
    main()

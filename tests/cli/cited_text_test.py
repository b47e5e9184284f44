"""What the map, its panel and its companions say about the cited text, on a project written here: a
quote that runs from one paragraph into the next, Arabic titles and quotes in an English panel, a zone
in two parts at opposite ends of the map."""
import json, os, re, subprocess, sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(__file__))
from harness import main, run, test

EN = ("Harbour report\n\n"
      "Fighting stopped on Monday. The western district is held by the militia. Boats wait in the bay.\n\n"
      "The fishing grounds at both tips are closed. Nobody knows for how long.\n\n"
      "Ferries still run to the islands.\n")
AR_QUOTE = "القوات الحكومية سيطرت على القرى الزراعية الشرقية في حوض الوادي منذ صباح يوم الاثنين الماضي"
AR = "تقرير الميناء\n\n" + AR_QUOTE + ". وقال السكان إن الطرق مغلقة.\n"
SPANNING = "Boats wait in the bay.\\n\\nThe fishing grounds at both tips are closed."


def square(cx, cy, half):
    return [[[cx - half, cy - half], [cx + half, cy - half], [cx + half, cy + half], [cx - half, cy + half],
             [cx - half, cy - half]]]


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
title = "تقرير الميناء الأسبوعي"
publisher = "صحيفة متخيلة"
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
    cited = json.loads(run("cite", proj, "--json", check=0).stdout)
    uncited = [(u["source"], u["paragraph"]) for u in cited["uncited_paragraphs"]]
    assert ("en", 3) not in uncited and ("en", 4) in uncited, uncited  # ¶3 is cited by the quote's end


@test
def a_zone_in_two_parts_is_described_at_both(tmp):
    _, out = render(tmp)
    alt = open(os.path.join(out, "alt-text.txt"), encoding="utf-8").read()
    assert "Fishing grounds in parts, in the north-east and the south-east" in alt, alt


if __name__ == "__main__":
    main()

"""Place names in any script: `labels = "en+TAG"` prints each feature's name_TAG under its name, shaped
by Pango with a real Noto face (no .notdef boxes: the PDF carries the glyphs and their Unicode text),
written right to left where the script is; a script no installed font covers is an error that names
the Debian package to install."""
import os, re, subprocess, sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(__file__))
from harness import main, run, test

SVG = "{http://www.w3.org/2000/svg}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ARTICLE = ("Valley report\n\nTroops withdrew from the northern villages on Sunday, officials said. "
           "Residents began to return to the market town.\n")
# tag -> (name in that script, font family expected in the PDF, right to left)
SAMPLES = {
    "el": ("Καλαμάτα", "NotoSans", False),
    "ru": ("Москва", "NotoSans", False),
    "he": ("ירושלים", "NotoSansHebrew", True),
    "ar": ("القدس", "NotoSansArabic", True),
    "hi": ("दिल्ली", "NotoSansDevanagari", False),
    "ja": ("東京都", "NotoSansCJK", False),
    "zh-Hant": ("臺北市", "NotoSansCJK", False),
}


def project(tmp, tag, name):
    """A scaffolded project whose one zone also has name_<tag>, labelled in `en+<tag>`."""
    art = os.path.join(tmp, "article.txt")
    open(art, "w", encoding="utf-8").write(ARTICLE)
    proj = os.path.join(tmp, f"p-{tag}")
    run("new", proj, "--source", art, check=0)
    zones_path = os.path.join(proj, "zones.geojson")
    zones = open(zones_path, encoding="utf-8").read()
    open(zones_path, "w", encoding="utf-8").write(zones.replace('"name": "Example zone"',
                                                                f'"name": "Example zone", "name_{tag}": "{name}"'))
    toml_path = os.path.join(proj, "map.toml")
    toml = open(toml_path, encoding="utf-8").read()
    open(toml_path, "w", encoding="utf-8").write(toml.replace('# labels = "en+ar"', f'labels = "en+{tag}"', 1))
    return proj


@test
def names_in_seven_scripts_are_shaped_with_real_glyphs(tmp):
    for tag, (name, family, rtl) in SAMPLES.items():
        proj = project(tmp, tag, name)
        out = os.path.join(tmp, "out", tag)
        run("render", proj, "-o", out, "-q", "--format", "svg,pdf", check=0)
        svg = ET.parse(os.path.join(out, "map.svg")).getroot()
        texts = [t for t in svg.iter(SVG + "text") if "".join(t.itertext()) == name]
        # The label and the stroked copy under it that draws its halo.
        assert texts, (tag, [("".join(t.itertext())) for t in svg.iter(SVG + "text")][:20])
        for t in texts:
            assert t.get(XML_LANG) == tag, (tag, t.attrib)
            assert (t.get("direction") == "rtl") == rtl, (tag, t.attrib)
        pdf = os.path.join(out, "map.pdf")
        fonts = subprocess.run(["pdffonts", pdf], capture_output=True, text=True, check=True).stdout
        assert family in fonts, (tag, fonts)
        # Every character came from a font glyph with its Unicode mapping: a tofu box has neither.
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], capture_output=True, text=True,
                              check=True).stdout
        missing = [c for c in name if c not in text]
        assert not missing, (tag, missing)


def restricted_fonts(tmp):
    """A fontconfig set-up with only Noto Sans and Noto Sans Arabic: Hebrew and CJK have no font."""
    fonts = os.path.join(tmp, "fonts")
    os.makedirs(fonts)
    files = subprocess.run(["fc-list", "-f", "%{file}\n", ":family=Noto Sans"], capture_output=True, text=True,
                           check=True).stdout.split()
    files += subprocess.run(["fc-list", "-f", "%{file}\n", ":family=Noto Sans Arabic"], capture_output=True,
                            text=True, check=True).stdout.split()
    for f in set(files):
        os.symlink(f, os.path.join(fonts, os.path.basename(f)))
    conf = os.path.join(tmp, "fonts.conf")
    open(conf, "w").write(f"""<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>{fonts}</dir><cachedir>{os.path.join(tmp, "fc-cache")}</cachedir></fontconfig>
""")
    return {"FONTCONFIG_FILE": conf}


@test
def a_script_without_a_font_is_an_error_naming_the_package(tmp):
    env = restricted_fonts(tmp)
    for tag, package in (("he", "fonts-noto-core"), ("ja", "fonts-noto-cjk")):
        name = SAMPLES[tag][0]
        proj = project(tmp, tag, name)
        out = os.path.join(tmp, "out", tag)
        p = run("render", proj, "-o", out, "-q", "--format", "svg", env=env, check=1)
        assert f"install the Debian package {package}" in p.stderr, (tag, p.stderr)
        assert re.search(r"U\+[0-9A-F]{4}", p.stderr) and name in p.stderr, p.stderr
        assert not os.path.exists(os.path.join(out, "map.svg")), tag
    # Greek is in Noto Sans itself: the same restricted set renders it.
    proj = project(tmp, "el", SAMPLES["el"][0])
    run("render", proj, "-o", os.path.join(tmp, "out", "el"), "-q", "--format", "svg", env=env, check=0)


@test
def a_label_language_that_is_not_a_tag_is_an_error(tmp):
    proj = project(tmp, "el", SAMPLES["el"][0])
    toml_path = os.path.join(proj, "map.toml")
    toml = open(toml_path, encoding="utf-8").read()
    line = next(i for i, l in enumerate(toml.splitlines(), 1) if l.startswith("labels"))
    open(toml_path, "w", encoding="utf-8").write(toml.replace('labels = "en+el"', 'labels = "english+greek"'))
    p = run("check", proj, check=1)
    assert re.search(rf"map\.toml:{line}:\d+: error: labels must be a language tag", p.stderr), p.stderr


if __name__ == "__main__":
    main()

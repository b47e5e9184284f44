"""article.html in headless Chromium: the page loads offline, clicking each zone highlights and
scrolls to exactly that zone's quotes, and a quote's click leads back to its zone."""
import json, os, shutil, sys

sys.path.insert(0, os.path.dirname(__file__))
from cdp import Browser
from harness import GAZA, ROOT, main, run, test


@test
def clicking_each_zone_highlights_its_quotes(tmp):
    out = os.path.join(tmp, "out")
    run("render", GAZA, "-o", out, "-q", "--format", "svg", check=0)
    html = open(os.path.join(out, "article.html"), encoding="utf-8").read()
    assert "http://" not in html.replace("http://www.w3.org", "").replace("http://www.inkscape.org", "").replace("http://purl.org", "")
    cite = json.loads(run("cite", GAZA, "--json", check=0).stdout)
    browser = Browser()
    try:
        browser.send("Page.enable")
        browser.send("Emulation.setDeviceMetricsOverride", width=1400, height=1000, deviceScaleFactor=1, mobile=False)
        browser.send("Page.navigate", url="file://" + os.path.join(out, "article.html"))
        browser.wait_event("Page.loadEventFired")
        zones = browser.eval("Array.from(document.querySelectorAll('#map g[id^=\"zone-\"]')).map(g => g.id)")
        assert len(zones) == 5, zones
        for zone_id in zones:
            zone = zone_id[len("zone-"):]
            browser.eval("window.scrollTo(0, 0)")
            # A point where this zone is the topmost element (smaller zones lie over larger ones).
            point = browser.eval(f"""(() => {{
                const g = document.getElementById('{zone_id}'); const r = g.getBoundingClientRect();
                for (let fy = 0.05; fy < 1; fy += 0.05) for (let fx = 0.05; fx < 1; fx += 0.05) {{
                  const x = r.left + fx * r.width, y = r.top + fy * r.height;
                  const hit = document.elementFromPoint(x, y);
                  if (hit && hit.closest('g[id^="zone-"]') === g) return [x, y];
                }}
                return null; }})()""")
            assert point, f"no clickable point on {zone_id}"
            browser.click(*point)
            active = browser.eval("""Array.from(document.querySelectorAll('mark.active')).map(m => {
                const r = m.getBoundingClientRect();
                return {text: m.textContent, visible: r.bottom > 0 && r.top < window.innerHeight}; })""")
            expected = [c["exact"] for c in cite["citations"] if c["zone"] == zone]
            highlighted = " ".join(a["text"] for a in active)
            for q in expected:
                assert q.split()[0] in highlighted and q.split()[-1] in highlighted, (zone, q, highlighted)
            assert any(a["visible"] for a in active), (zone, "highlighted quote scrolled out of view")
            others = [c["exact"] for c in cite["citations"] if c["zone"] != zone and
                      not any(c["exact"] in e or e in c["exact"] for e in expected)]
            for q in others:
                assert q not in highlighted, (zone, "also highlighted", q)
            if zone == "rafah" and os.environ.get("CITEMAP_SCREENSHOT"):
                browser.screenshot(os.environ["CITEMAP_SCREENSHOT"])
        # A footnote marker stands for one claim: only that claim's quotes light up.
        for marker, claim in (("marker-israeli-held-5", 5), ("marker-rafah-2", 2)):
            browser.eval("window.scrollTo(0, 0)")
            x, y = browser.eval(f"""(() => {{ const r = document.getElementById('{marker}').getBoundingClientRect();
                return [r.left + r.width / 2, r.top + r.height / 2]; }})()""")
            browser.click(x, y)
            active = browser.eval("Array.from(document.querySelectorAll('mark.active')).map(m => m.textContent).join('')")
            for c in cite["citations"]:
                assert (c["exact"] in active) == (c["claim"] == claim), (marker, c["exact"], active)
            assert browser.eval(f"document.getElementById('cite-{claim}').classList.contains('active')")
        # A quote leads back to its zone.
        browser.eval("document.querySelector('mark[data-claims=\"2\"]').click()")
        assert browser.eval("document.getElementById('zone-rafah').classList.contains('active')")
    finally:
        browser.close()


if __name__ == "__main__":
    main()

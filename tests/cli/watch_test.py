"""`citemap watch` end to end in headless Chromium: the preview page follows every save of map.toml,
of the zones file and of a layer in a shared folder, shows an input error with its file:line above the last good map, and returns
to the map once the input is fixed; the watch process survives all of it."""
import os, re, subprocess, sys, time

sys.path.insert(0, os.path.dirname(__file__))
from cdp import Browser
from harness import CITEMAP, main, run, test

ARTICLE = ("Valley report\n\nTroops withdrew from the northern villages on Sunday, officials said. "
           "Residents began to return to the market town.\n")


def save(path, text, atomic):
    """Save as editors do: in place, or through a temporary file renamed over the original."""
    if atomic:
        tmp = os.path.join(os.path.dirname(path), ".#save-" + os.path.basename(path))
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    else:
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)


def wait_for(browser, expression, what, timeout=30):
    deadline = time.time() + timeout
    value = None
    while time.time() < deadline:
        value = browser.eval(expression)
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"page never showed {what}; last value {value!r}; page: "
                         + str(browser.eval("document.body.innerText.slice(0, 600)")))


MAP_TEXT = "Array.from(document.querySelectorAll('#citemap-watch-map svg text')).map(t => t.textContent).join(' ')"
ERROR = "(() => { const e = document.getElementById('citemap-watch-error'); return e.hidden ? '' : e.textContent; })()"


@test
def the_preview_follows_edits_shows_errors_and_recovers(tmp):
    art = os.path.join(tmp, "article.txt")
    open(art, "w", encoding="utf-8").write(ARTICLE)
    proj = os.path.join(tmp, "valley")
    run("new", proj, "--source", art, check=0)
    toml_path = os.path.join(proj, "map.toml")
    zones_path = os.path.join(proj, "zones.geojson")
    toml = open(toml_path, encoding="utf-8").read()
    toml = re.sub(r'(?m)^title    = .*$', 'title    = "First title"', toml)
    save(toml_path, toml, atomic=False)

    watch = subprocess.Popen([CITEMAP, "watch", proj, "--port", "0", "-o", os.path.join(tmp, "out")],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    browser = None
    try:
        line = watch.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert m, (line, watch.poll())
        url = m.group(0)
        browser = Browser()
        browser.send("Page.enable")
        browser.send("Page.navigate", url=url)
        wait_for(browser, f"{MAP_TEXT}.includes('First title')", "the first map")

        # An edit of map.toml in place: the new title appears without reloading by hand.
        save(toml_path, toml.replace("First title", "Second title"), atomic=False)
        wait_for(browser, f"{MAP_TEXT}.includes('Second title')", "the edited title")
        assert "First title" not in browser.eval(MAP_TEXT)

        # An edit of another input, saved through a rename: the zone's new name appears.
        zones = open(zones_path, encoding="utf-8").read()
        save(zones_path, zones.replace('"Example zone"', '"Renamed zone"'), atomic=True)
        wait_for(browser, f"{MAP_TEXT}.includes('Renamed zone')", "the renamed zone")

        # An input in a shared folder beside the project (a localities layer) is watched too.
        import json
        ring = json.loads(open(zones_path, encoding="utf-8").read())["features"][0]["geometry"]["coordinates"][0]
        xs, ys = [c[0] for c in ring], [c[1] for c in ring]
        # Inside the zone's extent, off its centre where the zone's own label goes.
        centre = [min(xs) + 0.2 * (max(xs) - min(xs)), min(ys) + 0.2 * (max(ys) - min(ys))]
        base = os.path.join(tmp, "base")
        os.makedirs(base)
        towns_path = os.path.join(base, "towns.geojson")
        towns = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "Oldbury"},
                                                            "geometry": {"type": "Point", "coordinates": centre}}]}
        save(towns_path, json.dumps(towns), atomic=False)
        shared = ('shared = ["../base"]\n' + toml.replace("First title", "Second title") +
                  '\n[[layer]]\nfile = "../base/towns.geojson"\nrole = "localities"\nname = "Towns"\n')
        save(toml_path, shared, atomic=False)
        wait_for(browser, f"{MAP_TEXT}.includes('Oldbury')", "the shared layer's town")
        save(towns_path, json.dumps(towns).replace("Oldbury", "Newbury"), atomic=True)
        wait_for(browser, f"{MAP_TEXT}.includes('Newbury')", "the town renamed in the shared folder")

        # A misquote: the page shows the error with map.toml:line, the last good map stays.
        broken = toml.replace("First title", "Second title")
        quote_line = next(i for i, l in enumerate(broken.splitlines(), 1) if "quote =" in l)
        broken = re.sub(r'quote = "[^"]*"', 'quote = "words the article never says"', broken)
        save(toml_path, broken, atomic=True)
        err = wait_for(browser, ERROR, "the quote error")
        assert re.search(rf"map\.toml:{quote_line}:\d+: error: quote not found", err), err
        assert "Second title" in browser.eval(MAP_TEXT) and "Renamed zone" in browser.eval(MAP_TEXT)

        # Broken TOML syntax: another error with its line, the loop keeps running.
        save(toml_path, "title = \"unterminated\n", atomic=False)
        err = wait_for(browser, f"(() => {{ const e = {ERROR}; return e.includes('invalid TOML') ? e : ''; }})()",
                       "the syntax error")
        assert re.search(r"map\.toml:1:\d+: error: invalid TOML", err), err
        assert watch.poll() is None, "watch exited on bad input"

        # Fixed: the error goes away and the map returns with the newest title.
        save(toml_path, toml.replace("First title", "Third title"), atomic=False)
        wait_for(browser, f"{MAP_TEXT}.includes('Third title')", "the map after the fix")
        assert browser.eval(ERROR) == ""
        assert os.path.exists(os.path.join(tmp, "out", "map.svg"))
    finally:
        if browser:
            browser.close()
        watch.terminate()
        try:
            _, err = watch.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            watch.kill()
            raise
    assert watch.returncode == 0, (watch.returncode, err)
    assert "watch stopped" in err, err


@test
def a_port_in_use_is_a_clear_error(tmp):
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen(1)
    port = s.getsockname()[1]
    try:
        art = os.path.join(tmp, "article.txt")
        open(art, "w", encoding="utf-8").write(ARTICLE)
        run("new", os.path.join(tmp, "p"), "--source", art, check=0)
        p = run("watch", os.path.join(tmp, "p"), "--port", str(port), "-o", os.path.join(tmp, "out"), check=1)
        assert f"127.0.0.1:{port}: error: cannot listen" in p.stderr and "--port 0" in p.stderr, p.stderr
    finally:
        s.close()


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Times citemap's stages on the bundled projects and prints the figures (median of N runs) and the
ratios between them, which are what to compare across commits on a shared, noisy machine.

Usage: bench/render_bench.py [build/src/citemap] [runs]    (also: meson test -C build --benchmark)
"""
import os, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CITEMAP = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("CITEMAP", os.path.join(ROOT, "build/src/citemap"))
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 5


def timed(*args):
    samples = []
    for _ in range(RUNS):
        t = time.perf_counter()
        subprocess.run([CITEMAP, *args], check=True, capture_output=True)
        samples.append(time.perf_counter() - t)
    return statistics.median(samples)


with tempfile.TemporaryDirectory() as out:
    rows = []
    for project in ("gaza-2025-11", "example-brenna"):
        path = os.path.join(ROOT, "geodata", project)
        check = timed("check", path)
        svg = timed("render", path, "-o", out, "--page", "a4-landscape", "--format", "svg", "-q")
        png = timed("render", path, "-o", out, "--page", "a4-landscape", "--format", "png", "-q")
        pdf = timed("render", path, "-o", out, "--page", "a4-landscape", "--format", "pdf", "-q")
        rows.append((project, check, svg, png, pdf))
    print(f"median of {RUNS} runs, seconds")
    print(f"{'project':<16}{'check':>8}{'svg':>8}{'png 300dpi':>12}{'pdf':>8}{'png/svg':>9}{'svg/check':>11}")
    for p, c, s, g, d in rows:
        print(f"{p:<16}{c:>8.3f}{s:>8.3f}{g:>12.3f}{d:>8.3f}{g / s:>9.2f}{s / c:>11.2f}")

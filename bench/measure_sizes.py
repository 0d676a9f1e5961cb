"""Measure how wide Material for MkDocs really draws the chapter banner, viewport by viewport.

The `sizes` attribute tells the browser how wide a picture will be drawn before the CSS is
known, so it can pick the smallest sufficient file from `srcset`. This script serves a built
site, opens the chapter page in headless Chromium (Debian's, never a downloaded one) at
viewport widths from 320 to 2560 CSS px, with fine steps around Material's breakpoints, and
prints the banner's drawn width beside the width `hugomat.pictures.BANNER_SIZES` announces.
The check fails (exit 1) if `sizes` is ever below the drawn width, or more than SLACK px above.

    .venv/bin/hugomat build   # if site/ is missing
    .venv/bin/python bench/measure_sizes.py [--site site] [--page docs/13_flames_on/]

Not a test: it needs Chromium and a built site, and it is run by hand when the theme or the
stylesheet changes.
"""

from __future__ import annotations

import argparse
import contextlib
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from hugomat.pictures import BANNER_SIZES, BANNER_SIZES_NO_TOC

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
# Material's breakpoints in em of the browser's initial 16 px (media queries ignore the root
# font-size, which Material itself raises at 100em and 125em).
BREAKPOINTS_EM = (30, 45, 60, 76.25, 100, 125)
# How far above the drawn width `sizes` may be: a few px of scrollbar on desktop browsers.
SLACK = 24


# Common phone and laptop widths besides the even steps.
DEVICES = (360, 375, 390, 412, 414, 430, 768, 820, 1024, 1280, 1366, 1440, 1536, 1920)


def viewports() -> list[int]:
    widths = set(range(320, 2561, 40)) | set(DEVICES)
    for em in BREAKPOINTS_EM:
        px = round(em * 16)
        widths.update(range(px - 3, px + 4))
    return sorted(w for w in widths if 320 <= w <= 2560)


@contextlib.contextmanager
def served(site: Path) -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
         "--directory", str(site)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
                break
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait()


# Which entry of a `sizes` list applies, and how many px its length is, as the browser works it
# out: the first media condition that matches, its length evaluated by a fixed-position probe
# (lengths use px and vw only, so the probe's own font-size does not matter).
EVALUATE_SIZES = """(sizes) => {
  const probe = document.createElement('div');
  probe.style.position = 'fixed';
  probe.style.visibility = 'hidden';
  document.body.appendChild(probe);
  let length = null;
  for (const entry of sizes.split(',').map((s) => s.trim())) {
    const match = entry.match(/^(\\(.*\\))\\s+(\\S.*)$/);
    if (match === null) { length = entry; break; }
    if (window.matchMedia(match[1]).matches) { length = match[2]; break; }
  }
  probe.style.width = length;
  const px = probe.getBoundingClientRect().width;
  probe.remove();
  return px;
}"""

# Measured after two animation frames, so the layout has caught up with the new viewport.
DRAWN = """async () => {
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  const img = document.querySelector('figure.hugomat-banner img');
  return {drawn: img.getBoundingClientRect().width,
          client: document.documentElement.clientWidth,
          rootFont: parseFloat(getComputedStyle(document.documentElement).fontSize)};
}"""

HIDE_TOC = """() => { document.querySelector('.md-sidebar--secondary').hidden = true; }"""


def measure(url: str, *, hide_toc: bool) -> list[dict[str, float]]:
    from playwright.sync_api import sync_playwright

    sizes = BANNER_SIZES_NO_TOC if hide_toc else BANNER_SIZES
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url)
        page.wait_for_selector("figure.hugomat-banner img")
        if hide_toc:
            page.evaluate(HIDE_TOC)
        for width in viewports():
            page.set_viewport_size({"width": width, "height": 900})
            found = page.evaluate(DRAWN)
            found["viewport"] = width
            found["sizes"] = page.evaluate(EVALUATE_SIZES, sizes)
            rows.append(found)
        browser.close()
    return rows


def report(rows: list[dict[str, float]], *, every: bool) -> list[str]:
    problems = []
    overs = [row["sizes"] - row["drawn"] for row in rows]
    print(f"{len(rows)} viewports from {rows[0]['viewport']} to {rows[-1]['viewport']} px: "
          f"sizes minus drawn width from {min(overs):+.1f} to {max(overs):+.1f} px\n")
    print("| viewport px | root font px | client px | drawn px | sizes px | over by |")
    print("|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        over = row["sizes"] - row["drawn"]
        if over < -0.5 or over > SLACK:
            problems.append(f"viewport {row['viewport']}: drawn {row['drawn']:.1f}, "
                            f"sizes {row['sizes']:.1f}")
        if every or row["viewport"] in DEVICES or _near_breakpoint(row["viewport"]):
            print(f"| {row['viewport']} | {row['rootFont']:g} | {row['client']} | "
                  f"{row['drawn']:.1f} | {row['sizes']:.1f} | {over:+.1f} |")
    return problems


def _near_breakpoint(width: int) -> bool:
    return any(abs(width - em * 16) <= 1 for em in BREAKPOINTS_EM)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=Path(__file__).parent.parent / "site")
    parser.add_argument("--page", default="docs/13_flames_on/")
    parser.add_argument("--every", action="store_true", help="print every viewport measured")
    args = parser.parse_args(argv)
    problems = []
    with served(args.site) as base:
        for hide_toc in (False, True):
            print(f"\n### {'without' if hide_toc else 'with'} the table of contents "
                  f"(sizes = {'BANNER_SIZES_NO_TOC' if hide_toc else 'BANNER_SIZES'})\n")
            problems += report(measure(base + args.page, hide_toc=hide_toc), every=args.every)
    print(f"\n{len(problems)} mismatches (sizes below the drawn width, or over by more than "
          f"{SLACK} px)")
    for problem in problems:
        print("MISMATCH", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

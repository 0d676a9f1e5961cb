"""Largest contentful paint of a chapter with picture sets against the same chapter without,
on a throttled phone (1.6 Mbps down, 750 kbps up, 150 ms round trip, CPU 4x slower).

Two books are written from the seed chapter and the book's three real banners (read from
../shared, never copied into the repository): one names the banner through `_din_style/` and
a `path_map` list of the three sets, the other names style_1's banner directly. Both are built
with `hugomat build`, served on 127.0.0.1, and opened in turns (A B, B A, ...) in a fresh
headless Chromium context each time (empty cache, empty localStorage: a first visit), with a
phone viewport. Reported: the median LCP and CLS of each, and the median of the pairs' ratios.

    .venv/bin/python bench/lcp_sets.py --runs 9 --out bench/LCP-SETS.md
"""

from __future__ import annotations

import argparse
import functools
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CHROMIUM = Path(os.environ.get("HUGOMAT_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                 "--proxy-server=http://127.0.0.1:9"]
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3,
         "is_mobile": True, "has_touch": True}
NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8,
           "uploadThroughput": 750_000 / 8}
CPU_SLOWDOWN = 4
CONFIG = """\
site_name: LCP
docs_dir: content
theme:
  name: material
  font: false
  features: [navigation.instant]
plugins:
  - search
  - hugomat:
      asset_dirs: [static]
      book_section: docs
      pictures:
        path_map: {PATH_MAP}
"""
# LCP and CLS as the page reports them once it has loaded and settled.
MEASURE = """() => new Promise(resolve => {
  let lcp = null, cls = 0;
  new PerformanceObserver(list => { for (const e of list.getEntries()) lcp = e; })
    .observe({type: 'largest-contentful-paint', buffered: true});
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) cls += e.value;
  }).observe({type: 'layout-shift', buffered: true});
  const holder = document.querySelector('[data-hugomat-shown]');
  setTimeout(() => resolve({lcp: lcp && lcp.startTime,
                            element: lcp && lcp.element && lcp.element.tagName,
                            set: holder ? Number(holder.dataset.hugomatShown) : null,
                            cls: cls}), 1500);
})"""


class Quiet(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map,  # noqa: RUF012
                      ".avif": "image/avif", ".webp": "image/webp"}

    def log_message(self, format: str, *args: Any) -> None:
        pass


def write_book(folder: Path, path_map: str, images: dict[str, str]) -> Path:
    """A book with the chapter once per entry of `images` (page name: the banner it names)."""
    chapter = (SHARED / "seed" / "13_flames_on.md").read_text(encoding="utf-8")
    (folder / "content" / "docs").mkdir(parents=True)
    for name, image in images.items():
        text = chapter.replace("image: _din_style/banner_images/13_fo.webp", f"image: {image}")
        (folder / "content" / "docs" / f"{name}.md").write_text(text, encoding="utf-8")
    (folder / "content" / "_index.md").write_text("---\ntitle: Home\n---\nHome.\n")
    for style in (1, 2, 3):
        target = folder / "static" / f"style_{style}" / "banner_images"
        target.mkdir(parents=True)
        shutil.copyfile(SHARED / "book-assets" / f"style_{style}" / "banner_images" /
                        "13_fo.webp", target / "13_fo.webp")
    (folder / "mkdocs.yml").write_text(CONFIG.replace("{PATH_MAP}", path_map))
    return folder


def build(folder: Path, cache: Path) -> Path:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # One picture cache for both books: the variants are encoded once.
    (folder / ".cache").symlink_to(cache, target_is_directory=True)
    subprocess.run([str(ROOT / ".venv" / "bin" / "hugomat"), "build", "-q", "-f",
                    str(folder / "mkdocs.yml")], check=True, env=env)
    return folder / "site"


def serve(site: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/docs/"


def measure(browser: Any, url: str) -> dict[str, Any]:
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", NETWORK)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        page.goto(url, wait_until="load", timeout=120_000)
        return page.evaluate(MEASURE)
    finally:
        context.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    started = time.time()
    with tempfile.TemporaryDirectory(prefix="hugomat-lcp-") as work_name:
        work = Path(work_name)
        cache = work / "cache"
        cache.mkdir()
        sets = write_book(work / "sets", "{_din_style: [style_1, style_2, style_3]}",
                          {"chapter": "_din_style/banner_images/13_fo.webp"})
        plain = write_book(work / "plain", "{}", {
            f"chapter-{index}": f"style_{index + 1}/banner_images/13_fo.webp"
            for index in range(3)})
        (sets_server, sets_url), (plain_server, plain_url) = (
            serve(build(sets, cache)), serve(build(plain, cache)))
        results: dict[str, list[dict[str, Any]]] = {"with sets": [], "without sets": []}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                                 args=CHROMIUM_ARGS)
            for _ in range(args.runs):
                # Each first visit draws a random set; its pair is the plain page of that
                # set's banner, measured right after.
                with_sets = measure(browser, sets_url + "chapter/")
                results["with sets"].append(with_sets)
                results["without sets"].append(
                    measure(browser, plain_url + f"chapter-{with_sets['set']}/"))
            browser.close()
        servers = {"sets": (sets_server, sets_url), "plain": (plain_server, plain_url)}
        for server, _ in servers.values():
            server.shutdown()
    report = render(results, args.runs, time.time() - started)
    print(report)
    if args.out:
        args.out.write_text(report, encoding="utf-8")
    return 0


def render(results: dict[str, list[dict[str, Any]]], runs: int, seconds: float) -> str:
    sets, plain = results["with sets"], results["without sets"]
    ratios = [a["lcp"] / b["lcp"] for a, b in zip(sets, plain, strict=True)]
    load = os.getloadavg()
    rows = []
    for name, measured in results.items():
        lcps = [m["lcp"] for m in measured]
        rows.append(f"| {name} | {statistics.median(lcps):.0f} ms | "
                    f"{min(lcps):.0f}-{max(lcps):.0f} ms | "
                    f"{max(m['cls'] for m in measured):.3f} | "
                    f"{', '.join(sorted({str(m['element']) for m in measured}))} |")
    ratio = statistics.median(ratios)
    return "\n".join([
        "# Largest contentful paint with picture sets",
        "",
        f"Written by `bench/lcp_sets.py --runs {runs}` on {time.strftime('%Y-%m-%d %H:%M')} "
        f"({seconds / 60:.0f} minutes), Python {platform.python_version()}, "
        f"load average {load[0]:.1f} at the end. Phone viewport 390x844 at 3x, "
        f"network 1.6 Mbps / 750 kbps / 150 ms, CPU {CPU_SLOWDOWN}x slower (Chrome DevTools "
        "throttling), each visit a fresh context (first visit, empty cache). The chapter is "
        "\"Flames On\" with its real banners; \"with sets\" names its banner through "
        "`_din_style/` and three sets (each first visit draws one at random); its pair, "
        "measured right after it, is \"without sets\": the same chapter naming that set's "
        "banner directly (so both fetch the same picture).",
        "",
        "| page | median LCP | range | worst CLS | LCP element |",
        "| --- | --- | --- | --- | --- |",
        *rows,
        "",
        f"Median of the {runs} pairs' ratios, with sets / without: **{ratio:.2f}x** "
        f"(target ≤ 1.1x: {'met' if ratio <= 1.1 else 'not met'}).",
        "",
    ])


if __name__ == "__main__":
    sys.exit(main())

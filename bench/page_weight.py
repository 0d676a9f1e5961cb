"""Page weight of the chapter page (a report, not a test): the bytes a reader's browser fetches
on a first visit, by kind, at the phone and desktop viewports of the browser tests, against the
same page serving the original full-size banner.

    .venv/bin/python bench/page_weight.py --out bench/PAGE-WEIGHT.md
    .venv/bin/python bench/page_weight.py --site site          # an existing build, to stdout

Builds the book into a temporary folder (or takes --site), adds a copy of the chapter page
whose banner is a plain <img> of the original picture (the first style's,
static/style_1/banner_images/13_fo.webp), serves both from 127.0.0.1 and loads each in a fresh
headless Chromium context (Debian's, /usr/bin/chromium; nothing is downloaded), waiting
until the banner has loaded and the network is idle (Material's search worker fetches its index
on page load). Every response is counted: body bytes as served (this server does not
compress), with a gzip estimate for the text, which a real host would compress.
"""

from __future__ import annotations

import argparse
import datetime
import functools
import gzip
import os
import platform
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from importlib import metadata
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    "--proxy-server=http://127.0.0.1:9",
]
VIEWPORTS: dict[str, dict[str, Any]] = {
    "phone 390x844 @3x": {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3,
                          "is_mobile": True, "has_touch": True},
    "desktop 1440x900 @1x": {"viewport": {"width": 1440, "height": 900},
                             "device_scale_factor": 1},
    "desktop 1440x900 @2x": {"viewport": {"width": 1440, "height": 900},
                             "device_scale_factor": 2},
}
CHAPTER = "docs/13_flames_on/"
ORIGINAL_PAGE = "docs/13_flames_on/original-banner.html"
ORIGINAL = ROOT / "static" / "style_1" / "banner_images" / "13_fo.webp"
ORIGINAL_URL = "/_page_weight/13_fo.webp"
KINDS = ("HTML", "CSS", "JavaScript", "fonts", "pictures", "other")
TEXT_KINDS = ("HTML", "CSS", "JavaScript", "other")
BANNER = re.compile(r'(<figure class="hugomat-banner">)(.*?)(</figure>)', re.S)
# With picture sets, <head> asks for the chosen set's banner before the page is parsed.
PRELOAD = re.compile(r"<script>hugomatPreload\(.*?\)</script>", re.S)


@dataclass
class Load:
    """What one page load fetched."""

    bytes_by_kind: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    gzip_by_kind: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    requests: int = 0
    banner: str = ""

    @property
    def total(self) -> int:
        return sum(self.bytes_by_kind.values())

    @property
    def total_gzip(self) -> int:
        return sum(self.gzip_by_kind.values())


def kind_of(url: str, content_type: str) -> str:
    content_type = content_type.split(";")[0].strip().lower()
    path = urlsplit(url).path.lower()
    if content_type == "text/html" or path.endswith((".html", "/")):
        return "HTML"
    if content_type == "text/css" or path.endswith(".css"):
        return "CSS"
    if "javascript" in content_type or path.endswith((".js", ".mjs")):
        return "JavaScript"
    if content_type.startswith("font/") or path.endswith((".woff", ".woff2", ".ttf", ".otf")):
        return "fonts"
    if content_type.startswith("image/") or path.endswith(
            (".avif", ".webp", ".jpg", ".jpeg", ".png", ".gif", ".svg", ".ico")):
        return "pictures"
    return "other"


def build_site(into: Path) -> Path:
    from hugomat.adapter import build as builder

    config = builder.load(str(ROOT / "mkdocs.yml"), site_dir=str(into / "site"))
    return builder.build(config)


def add_original_banner_page(site: Path) -> bool:
    """Writes ORIGINAL_PAGE: the chapter page with its banner as a plain <img> of the original
    file, and without the preload of the built one. True when the built banner is a <picture>
    (else both pages serve the same)."""
    page = (site / CHAPTER / "index.html").read_text(encoding="utf-8")
    match = BANNER.search(page)
    if match is None:
        raise SystemExit(f"no <figure class=\"hugomat-banner\"> in {CHAPTER}index.html")
    alt = re.search(r'alt="([^"]*)"', match[2])
    original = (f'<img src="{ORIGINAL_URL}" alt="{alt[1] if alt else ""}" width="2464" '
                f'height="1856" decoding="async" fetchpriority="high">')
    copy = BANNER.sub(lambda m: m[1] + original + m[3], page, count=1)
    copy = PRELOAD.sub("", copy)
    (site / ORIGINAL_PAGE).write_text(copy, encoding="utf-8")
    target = site / ORIGINAL_URL.lstrip("/")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ORIGINAL, target)
    return "<picture" in match[2]


class QuietHandler(SimpleHTTPRequestHandler):
    # Python 3.11's own table lacks AVIF where the system has no mime.types.
    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map, ".avif": "image/avif",
        ".webp": "image/webp"}

    def log_message(self, format: str, *args: Any) -> None:
        pass


def measure(browser: Any, url: str, viewport: dict[str, Any]) -> Load:
    context = browser.new_context(**viewport)
    responses = []
    context.on("response", lambda response: responses.append(response))
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.wait_for_function("""() => {
        const img = document.querySelector('.hugomat-banner img');
        return img !== null && img.complete && img.naturalWidth > 0;
    }""")
    page.wait_for_load_state("networkidle")
    load = Load(banner=page.eval_on_selector(".hugomat-banner img", "(img) => img.currentSrc"))
    for response in responses:
        host = urlsplit(response.url).hostname
        if urlsplit(response.url).scheme == "data":
            continue
        if host != "127.0.0.1":
            raise SystemExit(f"the page fetched {response.url}, outside 127.0.0.1")
        body = response.body()
        kind = kind_of(response.url, response.headers.get("content-type", ""))
        load.requests += 1
        load.bytes_by_kind[kind] += len(body)
        load.gzip_by_kind[kind] += (len(gzip.compress(body, 6)) if kind in TEXT_KINDS
                                    else len(body))
    context.close()
    return load


def kb(n: int) -> str:
    return f"{n / 1000:,.1f} kB"


def report(results: dict[str, dict[str, Load]], responsive: bool, machine: dict[str, str],
           command: str) -> str:
    lines = [
        "# Page weight of the chapter page",
        "",
        "What a reader's browser fetches on a first visit (empty cache) of "
        f"`/{CHAPTER}`, by kind, against the same page serving the original full-size "
        "banner as a plain `<img>` (`static/style_1/banner_images/13_fo.webp`, "
        f"{ORIGINAL.stat().st_size:,} bytes). Bytes are response bodies as served by a "
        "plain `http.server` (no compression); the last column estimates the total with the "
        "text (HTML, CSS, JavaScript, search index) gzipped at level 6, as a real host would "
        "serve it. Pictures are never recompressed in transit. Written by "
        "`bench/page_weight.py`; these are bytes, not times: they depend on the build and on "
        "which file Chromium picks, not on the machine's speed.",
        "",
    ]
    if not responsive:
        lines += [
            "**The built banner is not a `<picture>` yet** (the picture pipeline has not "
            "landed): both rows of each viewport serve the same file. Run the command below "
            "again once it has.",
            "",
        ]
    header = ("| viewport | page | " + " | ".join(KINDS) + " | total | total, text gzipped "
              "| requests | banner file |")
    lines += [header, "|" + " --- |" * (len(KINDS) + 6)]
    for viewport, loads in results.items():
        for name, load in loads.items():
            cells = [viewport, name, *(kb(load.bytes_by_kind[k]) for k in KINDS),
                     f"**{kb(load.total)}**", kb(load.total_gzip), str(load.requests),
                     f"`{Path(urlsplit(load.banner).path).name}`"]
            lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "The chapter's banner is a picture set of three (one per visual style of the "
              "book): each new visitor is shown one at random, so the banner file, and its "
              "size, differ between the rows as built; the original is always the first "
              "style's.", "", "Saved by the built banner, per viewport:", ""]
    for viewport, loads in results.items():
        built, original = loads["as built"], loads["original banner"]
        saved = original.total - built.total
        share = saved / original.total if original.total else 0
        change = (f"{kb(saved)} less ({share:.0%})" if saved >= 0
                  else f"{kb(-saved)} more ({-share:.0%})")
        lines.append(f"- {viewport}: {kb(built.total)} instead of {kb(original.total)}, "
                     f"{change}; pictures {kb(built.bytes_by_kind['pictures'])} instead of "
                     f"{kb(original.bytes_by_kind['pictures'])}.")
    lines += ["", "## Machine", ""]
    lines += [f"- {key}: {value}" for key, value in machine.items()]
    lines += ["", "## Reproduce", "", "```sh", command, "```", ""]
    return "\n".join(lines)


def machine_info(browser_version: str) -> dict[str, str]:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass

    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "not installed"

    return {
        "date": datetime.date.today().isoformat(),
        "system": platform.platform(),
        "processor": f"{cpu}, {os.cpu_count()} cores",
        "Python": platform.python_version(),
        "Chromium": f"{browser_version} ({CHROMIUM})",
        "Playwright": version("playwright"),
        "MkDocs / Material": f"{version('mkdocs')} / {version('mkdocs-material')}",
        "hugomat": f"{version('hugomat')}, {source_revision()}",
    }


def source_revision() -> str:
    """The commit the site was built from, and whether the work tree differed from it."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, text=True,
                                capture_output=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "src", "content",
                                "assets", "static", "mkdocs.yml"], cwd=ROOT, text=True,
                               capture_output=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "not a git checkout"
    return f"commit {commit}" + (" with uncommitted changes to the site's sources" if dirty
                                 else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="measure this built site (default: build "
                        "the book into a temporary folder)")
    parser.add_argument("--out", type=Path, help="write the Markdown report here (default: "
                        "print it)")
    args = parser.parse_args(argv)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise SystemExit("Playwright for Python is needed: pip install -e '.[test]'") from None
    if not Path(CHROMIUM).is_file():
        raise SystemExit(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    with tempfile.TemporaryDirectory(prefix="page-weight-") as temp:
        site = Path(temp) / "site"
        if args.site:
            shutil.copytree(args.site, site)
        else:
            site = build_site(Path(temp))
        responsive = add_original_banner_page(site)
        server = ThreadingHTTPServer(("127.0.0.1", 0),
                                     functools.partial(QuietHandler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_port}/"
        results: dict[str, dict[str, Load]] = defaultdict(dict)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                     args=CHROMIUM_ARGS)
                for name, viewport in VIEWPORTS.items():
                    results[name]["as built"] = measure(browser, base + CHAPTER, viewport)
                    results[name]["original banner"] = measure(browser, base + ORIGINAL_PAGE,
                                                               viewport)
                machine = machine_info(browser.version)
                browser.close()
        finally:
            server.shutdown()
            server.server_close()
    command = shlex.join([".venv/bin/python", "bench/page_weight.py",
                          *(argv if argv is not None else sys.argv[1:])])
    text = report(results, responsive, machine, command.strip())
    if args.out:
        args.out.write_text(text, encoding="utf-8")
        print(f"wrote {args.out}")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

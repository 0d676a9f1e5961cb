"""Build-speed benchmark of hugomat (not a test: it measures time, and takes 10-25 minutes).

Writes synthetic hugo-book books of 50, 200 and 1000 chapters (bench/synthetic_book.py) in one
language and in two, warms the picture cache once, ejects each book (`hugomat eject`), then
measures, always as subprocesses timed by the wall clock, with the things compared run side by
side in turns (A B C, B C A, ...) so that a noisy shared machine slows them alike:

  1 overhead    `hugomat build` against stock `mkdocs build` of the same book ejected; in two
                languages the two ejected builds run at the same time, as hugomat's do; and
                `hugomat build` with no converted page cached from the builds before
  2 scaling     seconds per chapter at 1000 chapters against 50, as hugomat builds by default
                (Material's `navigation.prune` above `prune_navigation_above` pages) and with
                the menu never pruned (every page then renders the whole menu)
  3 languages   two languages in one `hugomat build` (the second in a parallel process)
                against the same two languages built one after the other
  4 reader      MB/s of Markdown through hugomat.read.book.load +
                hugomat.render.convert.convert_book
                (in this process; pictures planned, not encoded), with original pictures,
                and with the converted pages of an earlier conversion cached
  5 reload      `hugomat serve` of the 200-chapter book: seconds from saving an edited chapter
                until the server serves the new page, against a full `hugomat build`
  6 memory      peak resident memory of the 1000-chapter builds
  profile       where a 1000-chapter build spends its time (cProfile), by component

    .venv/bin/python bench/bench_build.py --out bench/BUILD-SPEED.md           # full
    .venv/bin/python bench/bench_build.py --quick --out bench/BUILD-SPEED.md   # fewer runs
    .venv/bin/python bench/bench_build.py --quick --only reader,reload         # a part
    .venv/bin/python bench/bench_build.py --report-only --out bench/BUILD-SPEED.md  # again

The report's "Findings" section is written by hand between its markers and kept when the
report is written again; everything else is generated.

Books, banners, the picture cache, ejected sources and sites live in --work (default
$TMPDIR/hugomat-bench-build), kept between runs; the banners and the cache are reused.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import json
import os
import platform
import pstats
import re
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from proc_measure import Measured, run
from synthetic_book import Book, banners, edit_marker, write_book

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
HUGOMAT = str(BIN / "hugomat")
MKDOCS = str(BIN / "mkdocs")
PYTHON = str(BIN / "python")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
# Bytecode is cached as in a normal installation (set_bytecode_cache): with
# PYTHONDONTWRITEBYTECODE, hugomat's own modules (an editable install) would be compiled again
# by every build, and site-packages' would not, which charges hugomat ~0.05 s a build.
ENV.pop("PYTHONDONTWRITEBYTECODE", None)
SIZES = (50, 200, 1000)
RELOAD_SIZE = 200
MODES = {
    # rounds per book size, edits under serve, reader runs, memory runs
    "full": {"rounds": {50: 7, 200: 5, 1000: 3}, "edits": 7, "reader": 7, "memory": 2},
    "quick": {"rounds": {50: 3, 200: 3, 1000: 2}, "edits": 4, "reader": 3, "memory": 1},
}
PARTS = ("overhead", "languages", "reader", "reload", "memory", "profile")

TARGETS = {
    "overhead": 1.25, "scaling": 1.3, "languages": 1.6, "reader": 5.0, "reload": 0.40,
    "memory": 500.0,
}


@dataclass
class Results:
    mode: str
    sizes: tuple[int, ...]
    started: str = ""
    seconds: float = 0.0
    load: list[tuple[float, float, float]] = field(default_factory=list)
    markdown_mb: dict[int, float] = field(default_factory=dict)
    builds: dict[str, list[float]] = field(default_factory=dict)
    """'<what>-<size>' -> seconds of each round, e.g. 'hugomat-1-200', 'mkdocs-2-1000'."""
    rss: dict[str, list[int]] = field(default_factory=dict)
    """Same keys -> max RSS (KB) of the largest process of each run."""
    cpu: dict[str, list[float]] = field(default_factory=dict)
    """Same keys -> CPU seconds (user + system) of the whole process tree."""
    others: dict[str, list[float]] = field(default_factory=dict)
    """Same keys -> share of all cores busy with other processes during the run (noise)."""
    tree: dict[str, list[int]] = field(default_factory=dict)
    """Memory runs: '<what>-<size>' -> peak of the process tree's summed RSS (KB)."""
    reader: dict[str, list[float]] = field(default_factory=dict)
    reload: dict[str, list[float]] = field(default_factory=dict)
    profile: dict[str, dict[str, float]] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)
    """Parts that could not be measured -> why (the code under test is changing)."""
    machine: dict[str, str] = field(default_factory=dict)
    """The machine and the versions, as they were when measuring."""

    def add(self, key: str, measured: Measured) -> None:
        self.builds.setdefault(key, []).append(measured.seconds)
        self.rss.setdefault(key, []).append(measured.max_rss_kb)
        self.cpu.setdefault(key, []).append(measured.cpu_seconds)
        self.others.setdefault(key, []).append(measured.others)


# -- the books ------------------------------------------------------------------------------


@dataclass
class Prepared:
    book: Book
    ejected_one: Path
    """The one-language book ejected: a folder with mkdocs.yml."""
    ejected_two: Path
    """The two-language book ejected: en/ and es/, each with mkdocs.yml."""


def set_bytecode_cache(work: Path) -> None:
    """Compiled modules in WORK/pycache, outside the repository (PYTHONPYCACHEPREFIX)."""
    ENV["PYTHONPYCACHEPREFIX"] = str(work / "pycache")


def prepare(work: Path, sizes: Sequence[int], log: Callable[[str], None]) -> dict[int, Prepared]:
    painted = banners(work / "banners")
    cache = work / "picture-cache"
    prepared: dict[int, Prepared] = {}
    for size in sizes:
        book = write_book(work / f"book-{size}", size, painted, cache)
        prepared[size] = Prepared(book, work / f"ejected-{size}", work / f"ejected-{size}-2")
    # The warm-up: the banners' variants are encoded once (shared by every book and run).
    smallest = prepared[min(sizes)].book
    log("warm-up build (encodes the banners' variants once; minutes on a cold cache)")
    run([HUGOMAT, "build", "-q", "-f", str(smallest.config("two")), "-d",
         str(work / "sites" / "warm-up")], env=ENV)
    for size in sizes:
        item = prepared[size]
        # And each book once, so that its converted pages are cached as after any build.
        run([HUGOMAT, "build", "-q", "-f", str(item.book.config("two")), "-d",
             str(work / "sites" / f"warm-up-{size}")], env=ENV)
        log(f"eject {size} chapters")
        for config, out in ((item.book.config("one"), item.ejected_one),
                            (item.book.config("two"), item.ejected_two)):
            shutil.rmtree(out, ignore_errors=True)
            run([HUGOMAT, "eject", "-f", str(config), "--out", str(out)], env=ENV)
    # And stock MkDocs' own command once, so that its modules are compiled before timing too.
    run([MKDOCS, "build", "-q", "-f", str(prepared[min(sizes)].ejected_one / "mkdocs.yml"),
         "-d", str(work / "sites" / "warm-up-mkdocs")], env=ENV)
    shutil.rmtree(work / "sites", ignore_errors=True)
    return prepared


# -- 1, 2, 3: builds side by side -----------------------------------------------------------


def _site(work: Path, name: str) -> Path:
    """A site folder that does not exist yet: every build starts from nothing."""
    site = work / "sites" / name
    shutil.rmtree(site, ignore_errors=True)
    return site


def hugomat_build(work: Path, config: Path, name: str, *,
                  sample: float | None = None) -> Measured:
    site = _site(work, name)
    return run([HUGOMAT, "build", "-q", "-f", str(config), "-d", str(site)], env=ENV,
               sample=sample)


def cold_build(work: Path, book: Book, name: str) -> Measured:
    """`hugomat build` of the one-language book with no converted page kept from the builds
    before: a configuration of its own whose cache folder holds the shared picture variants
    (as every build measured here finds them) and no converted pages."""
    cache = work / "cold-cache"
    shutil.rmtree(cache, ignore_errors=True)
    cache.mkdir(parents=True)
    (cache / "pictures").symlink_to(work / "picture-cache" / "pictures")
    config = book.root / "mkdocs-cold.yml"
    text = book.config("one").read_text("utf-8")
    config.write_text(re.sub(r"cache_dir: .*", f"cache_dir: {cache}", text), "utf-8")
    return hugomat_build(work, config, name)


def mkdocs_builds(work: Path, folders: list[Path], name: str, *,
                  sample: float | None = None) -> Measured:
    """Stock MkDocs on ejected sources: several folders build at the same time."""
    commands = []
    for folder in folders:
        site = _site(work, f"{name}-{folder.name}")
        commands.append([MKDOCS, "build", "-q", "-f", str(folder / "mkdocs.yml"), "-d",
                         str(site)])
    return run(*commands, env=ENV, sample=sample)


def _rotate(items: list[tuple[str, Callable[[], Measured]]], round_: int) -> list[
        tuple[str, Callable[[], Measured]]]:
    """The round's order: each thing goes first in turn, so none always runs on a warmer or
    a cooler machine."""
    shift = round_ % len(items)
    return items[shift:] + items[:shift]


def measure_builds(results: Results, work: Path, prepared: dict[int, Prepared],
                   rounds: dict[int, int], parts: set[str], log: Callable[[str], None]) -> None:
    for size in results.sizes:
        item = prepared[size]
        book = item.book
        one: list[tuple[str, Callable[[], Measured]]] = []
        two: list[tuple[str, Callable[[], Measured]]] = []
        if "overhead" in parts:
            one += [
                (f"hugomat-1-{size}", lambda b=book: hugomat_build(work, b.config("one"), "h1")),
                (f"mkdocs-1-{size}", lambda i=item: mkdocs_builds(work, [i.ejected_one], "m1")),
                (f"noprune-1-{size}",
                 lambda b=book: hugomat_build(work, b.config("noprune"), "p1")),
                (f"cold-1-{size}", lambda b=book: cold_build(work, b, "c1")),
            ]
            two += [
                (f"mkdocs-2-{size}", lambda i=item: mkdocs_builds(
                    work, [i.ejected_two / "en", i.ejected_two / "es"], "m2")),
            ]
        if "overhead" in parts or "languages" in parts:
            two.insert(0, (f"hugomat-2-{size}",
                           lambda b=book: hugomat_build(work, b.config("two"), "h2")))
        if "languages" in parts:
            two.append((f"sequential-2-{size}", lambda b=book: _one_after_the_other(work, b)))
        for round_ in range(rounds[size]):
            for group in (one, two):
                for key, build in _rotate(group, round_):
                    measured = build()
                    results.add(key, measured)
                    log(f"  {key}: {measured.seconds:.2f} s, CPU {measured.cpu_seconds:.2f} s, "
                        f"{measured.max_rss_kb / 1024:.0f} MB, others {measured.others:.0%}")
            results.load.append(os.getloadavg())


def _one_after_the_other(work: Path, book: Book) -> Measured:
    first = hugomat_build(work, book.config("one"), "s-en")
    second = hugomat_build(work, book.config("es"), "s-es")
    seconds = first.seconds + second.seconds
    return Measured(seconds, max(first.max_rss_kb, second.max_rss_kb),
                    cpu_seconds=first.cpu_seconds + second.cpu_seconds,
                    others=(first.others * first.seconds + second.others * second.seconds)
                    / seconds)


# -- 4: the reader --------------------------------------------------------------------------


def measure_reader(results: Results, book: Book, runs: int, cache: Path,
                   log: Callable[[str], None]) -> None:
    """load + convert_book in this process, pictures planned (not encoded), and the same with
    the original pictures (OriginalPictures: looked up and measured, never planned)."""
    from hugomat.pictures import PictureSettings, VariantCache, lookup
    from hugomat.pictures.drawn import OriginalPictures, ResponsivePictures
    from hugomat.read import book as book_model
    from hugomat.read.source import SiteSource
    from hugomat.render.conversion_cache import ConversionCache
    from hugomat.render.convert import convert_book

    source = SiteSource(root=book.root, content_dir=book.root / "content.en",
                        asset_dirs=(book.root / "assets", book.root / "static"),
                        book_section="docs")
    # Converted pages cached as after a build (the reader's own cache, in the work folder).
    markdown_cache = cache / "markdown-reader"
    shutil.rmtree(markdown_cache, ignore_errors=True)
    convert_book(book_model.load(source), cache=ConversionCache(markdown_cache),
                 pictures=ResponsivePictures(source.picture_roots,
                                             VariantCache(cache / "pictures"),
                                             PictureSettings(), source.display))
    for round_ in range(runs):
        for kind in _rotate_names(["planned", "originals", "cached"], round_):
            # Each build is a new process: start from hugomat's per-process memos too.
            sizes = getattr(lookup, "_SIZES", None)
            if isinstance(sizes, dict):
                sizes.clear()
            if hasattr(book_model.relative_url, "cache_clear"):
                book_model.relative_url.cache_clear()
            gc.collect()
            start = time.perf_counter()
            loaded = book_model.load(source)
            read = time.perf_counter()
            if kind in ("planned", "cached"):
                pictures: OriginalPictures = ResponsivePictures(
                    source.picture_roots, VariantCache(cache / "pictures"), PictureSettings(),
                    source.display)
            else:
                pictures = OriginalPictures(source.picture_roots, source.display)
            convert_book(loaded, pictures=pictures,
                         cache=ConversionCache(markdown_cache) if kind == "cached" else None)
            done = time.perf_counter()
            results.reader.setdefault(f"{kind}-total", []).append(done - start)
            results.reader.setdefault(f"{kind}-load", []).append(read - start)
            results.reader.setdefault(f"{kind}-convert", []).append(done - read)
        log(f"  reader round {round_ + 1}: {results.reader['planned-total'][-1]:.2f} s planned, "
            f"{results.reader['originals-total'][-1]:.2f} s originals, "
            f"{results.reader['cached-total'][-1]:.2f} s cached")


def _rotate_names(names: list[str], round_: int) -> list[str]:
    shift = round_ % len(names)
    return names[shift:] + names[:shift]


# -- 5: live reload -------------------------------------------------------------------------


def measure_reload(results: Results, work: Path, book: Book, edits: int,
                   log: Callable[[str], None]) -> None:
    """Edit a chapter under `hugomat serve`, poll the page until the edit shows; between two
    edits, a full `hugomat build` of the same book (the comparison, measured in turns)."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}/book/"  # site_url's path is the mount point
    number = 1
    chapter = book.chapter_path(number)
    original = chapter.read_text(encoding="utf-8")
    url = base + book.chapter_url(number)
    server_log = work / "serve.log"
    with server_log.open("wb") as out:
        server = subprocess.Popen(
            [HUGOMAT, "serve", "-f", str(book.config("one")), "-a", f"127.0.0.1:{port}"],
            env=ENV, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
    try:
        start = time.perf_counter()
        first = _poll(url, lambda page: True, timeout=300, server=server)
        if first is None:
            raise RuntimeError(f"hugomat serve never served {url}; see {server_log}")
        log(f"  serve: first build served after {time.perf_counter() - start:.1f} s")
        time.sleep(2.0)
        done = len(_built_in(server_log))
        for edit in range(edits):
            marker = f"hugomat-bench-edit-{os.getpid()}-{edit}-{time.time_ns()}"
            start = time.perf_counter()
            edit_marker(chapter, marker)
            served = _poll(url, lambda page, m=marker: m in page, timeout=300, server=server)
            if served is None:
                raise RuntimeError(f"the edit never showed at {url}; see {server_log}")
            results.reload.setdefault("reload", []).append(served - start)
            # Let the server finish (it may rebuild once more for the same save) and settle.
            time.sleep(2.0)
            rebuilds = _built_in(server_log)[done:]
            done += len(rebuilds)
            if rebuilds:
                results.reload.setdefault("rebuild", []).append(rebuilds[0])
            full = hugomat_build(work, book.config("one"), "reload-full")
            results.reload.setdefault("full", []).append(full.seconds)
            log(f"  edit {edit + 1}: served after {served - start:.2f} s; full build "
                f"{full.seconds:.2f} s")
            time.sleep(1.0)
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        chapter.write_text(original, encoding="utf-8")


def _built_in(server_log: Path) -> list[float]:
    """The seconds of each build the server has logged ("Documentation built in 3.21 seconds":
    MkDocs' own count, from plugins' on_config to the end, without loading mkdocs.yml)."""
    text = server_log.read_text(encoding="utf-8", errors="replace")
    return [float(m) for m in re.findall(r"Documentation built in ([0-9.]+) seconds", text)]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _poll(url: str, ready: Callable[[str], bool], *, timeout: float,
          server: subprocess.Popen[bytes], interval: float = 0.02) -> float | None:
    """perf_counter() when `url` first answers 200 with a page `ready` accepts, or None."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"hugomat serve exited with {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                page = response.read().decode("utf-8", "replace")
                at = time.perf_counter()
                if response.status == 200 and ready(page):
                    return at
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(interval)
    return None


# -- 6: memory ------------------------------------------------------------------------------


def measure_memory(results: Results, work: Path, item: Prepared, runs: int,
                   log: Callable[[str], None]) -> None:
    size = item.book.chapters
    things: list[tuple[str, Callable[[], Measured]]] = [
        (f"hugomat-1-{size}", lambda: hugomat_build(work, item.book.config("one"), "mem-h1",
                                                    sample=0.1)),
        (f"hugomat-2-{size}", lambda: hugomat_build(work, item.book.config("two"), "mem-h2",
                                                    sample=0.1)),
        (f"mkdocs-1-{size}", lambda: mkdocs_builds(work, [item.ejected_one], "mem-m1",
                                                   sample=0.1)),
    ]
    for round_ in range(runs):
        for key, build in _rotate(things, round_):
            measured = build()
            results.tree.setdefault(key, []).append(measured.tree_kb or 0)
            results.rss.setdefault(f"memory:{key}", []).append(measured.max_rss_kb)
            log(f"  memory {key}: largest process {measured.max_rss_kb / 1024:.0f} MB, "
                f"tree {(measured.tree_kb or 0) / 1024:.0f} MB")


# -- profile --------------------------------------------------------------------------------

COMPONENTS = (
    ("Material: the navigation (partials/nav.html, every page)", "nav"),
    ("Material: the rest of the page templates", "templates"),
    ("Markdown to HTML (Python-Markdown, pymdown-extensions)", "markdown"),
    ("search index (Material's search plugin)", "search"),
    ("hugomat: reading, converting, plugin events", "hugomat"),
    ("MkDocs itself, writing files, start-up", "rest"),
)


def measure_profile(results: Results, work: Path, item: Prepared,
                    log: Callable[[str], None]) -> None:
    """cProfile of a 1000-chapter build: hugomat, hugomat with the menu never pruned, and
    stock MkDocs on the ejected book, each split into components by entry point."""
    book = item.book
    runs = {
        "hugomat build": [HUGOMAT, "build", "-q", "-f", str(book.config("one")), "-d",
                          str(_site(work, "profile"))],
        "hugomat build, menu never pruned": [
            HUGOMAT, "build", "-q", "-f", str(book.config("noprune")), "-d",
            str(_site(work, "profile"))],
        "mkdocs build (ejected)": [MKDOCS, "build", "-q", "-f",
                                   str(item.ejected_one / "mkdocs.yml"), "-d",
                                   str(_site(work, "profile"))],
    }
    for name, command in runs.items():
        stats_file = work / "profile.prof"
        run([PYTHON, "-m", "cProfile", "-o", str(stats_file), *command], env=ENV)
        results.profile[name] = split_profile(pstats.Stats(str(stats_file)))
        shutil.rmtree(work / "sites" / "profile", ignore_errors=True)
        log(f"  profile {name}: {results.profile[name]['total']:.1f} s under cProfile")


def split_profile(stats: pstats.Stats) -> dict[str, float]:
    """Seconds by component, from the cumulative times of the components' entry points."""
    raw = stats.stats  # type: ignore[attr-defined]
    total = max(cum for (_, _, _, cum, _) in raw.values())

    def cumulative(match: Callable[[str, str], bool]) -> float:
        return sum(cum for (path, _, name), (_, _, _, cum, _) in raw.items()
                   if match(path.replace(os.sep, "/"), name))

    nav = cumulative(lambda p, n: p.endswith("material/templates/partials/nav.html")
                     and n == "root")
    templates = cumulative(lambda p, n: p.endswith("jinja2/environment.py") and n == "render")
    markdown = cumulative(lambda p, n: p.endswith("markdown/core.py") and n == "convert")
    search = cumulative(lambda p, n: p.endswith("material/plugins/search/plugin.py")
                        and n in ("on_page_context", "on_post_build"))
    hugomat = cumulative(lambda p, n: p.endswith("hugomat/adapter/plugin.py") and n in (
        "on_config", "on_files", "on_nav", "on_page_context", "on_post_page", "on_post_build",
        "on_serve")) + cumulative(lambda p, n: p.endswith("hugomat/adapter/atomic.py")
                                  and n == "replace_dir")
    parts = {"nav": nav, "templates": templates - nav, "markdown": markdown, "search": search,
             "hugomat": hugomat}
    parts["rest"] = total - sum(parts.values())
    parts["total"] = total
    return parts


# -- the report -----------------------------------------------------------------------------


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def _ratios(results: Results, top: str, bottom: str) -> list[float]:
    """Round by round ratios of two things measured side by side."""
    a, b = results.builds.get(top, []), results.builds.get(bottom, [])
    return [x / y for x, y in zip(a, b, strict=False)]


def _spread(values: Sequence[float]) -> str:
    return f"{median(values):.2f} ({min(values):.2f}–{max(values):.2f})"


def _met(ok: bool) -> str:
    return "**yes**" if ok else "**no**"


def machine() -> dict[str, str]:
    cpu = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo", encoding="utf-8") as info:
        total_kb = int(next(line for line in info if line.startswith("MemTotal")).split()[1])

    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "not installed"

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, text=True,
                            capture_output=True).stdout.strip() or "unknown"
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "src", "pyproject.toml"],
                           cwd=ROOT, text=True, capture_output=True).stdout.strip()
    return {
        "cores (nproc)": str(os.cpu_count()),
        "usable cores": str(len(os.sched_getaffinity(0))),
        "CPU": cpu,
        "memory": f"{total_kb / 1024 / 1024:.1f} GiB",
        "system": platform.platform(),
        "Python": platform.python_version(),
        "mkdocs": version("mkdocs"),
        "mkdocs-material": version("mkdocs-material"),
        "pymdown-extensions": version("pymdown-extensions"),
        "Markdown": version("Markdown"),
        "Jinja2": version("Jinja2"),
        "pillow": version("pillow"),
        "hugomat": f"{version('hugomat')}, commit {commit}"
                   + (" with uncommitted changes to src/" if dirty else ""),
    }


FINDINGS_START = "<!-- findings: written by hand, kept when the report is written again -->"
FINDINGS_END = "<!-- /findings -->"


def kept_findings(previous: str) -> str:
    """The hand-written findings of an earlier report, markers included, or a placeholder."""
    start, end = previous.find(FINDINGS_START), previous.find(FINDINGS_END)
    if start >= 0 and end > start:
        return previous[start:end + len(FINDINGS_END)] + "\n"
    return (f"{FINDINGS_START}\n## Findings\n\n(Misses, their causes and remedies: to be "
            f"written from the tables and the profile below.)\n{FINDINGS_END}\n")


def report(results: Results, command: str, findings: str = "") -> str:
    r = results
    lines: list[str] = []
    add = lines.append
    mode = "full" if r.mode == "full" else "quick (--quick: fewer runs)"
    rounds = MODES[r.mode]["rounds"]
    add("# Build speed\n")
    add(f"Written by `bench/bench_build.py` in **{mode}** mode on {r.started}, "
        f"{r.seconds / 60:.0f} minutes. Every figure is the **median** of several runs "
        f"(runs per size: {', '.join(f'{s} chapters: {rounds[s]}' for s in r.sizes)}); "
        "times are wall clock of a subprocess, from its start to its exit, into a site folder "
        "that does not exist yet. Things compared ran side by side, in turns within each round "
        "(A B C, B C A, C A B, ...), and their ratio is the median of the rounds' ratios. "
        "The machine is shared and noisy: the load average while measuring was "
        f"{_load_summary(r)} on its cores, so absolute times move by 10-30% between runs; "
        "the ratios are steadier than the times.\n")
    add(_summary(r))
    add(findings or kept_findings(""))
    add(_books(r))
    if any(k.startswith("hugomat-1-") for k in r.builds):
        add(_overhead(r))
        add(_scaling(r))
    if any(k.startswith("sequential-2-") for k in r.builds):
        add(_languages(r))
    if r.reader:
        add(_reader(r))
    if r.reload:
        add(_reload(r))
    if r.tree:
        add(_memory(r))
    if r.profile:
        add(_profile(r))
    if r.failures:
        add("## Not measured\n")
        for name, why in r.failures.items():
            add(f"- {name}: `{why.splitlines()[0] if why else ''}`")
        add("")
    add("## Machine and versions\n")
    for key, value in (r.machine or machine()).items():
        add(f"- {key}: {value}")
    add("\n## Reproduce\n")
    add(f"```sh\n{command}\n```\n")
    add("`--quick` runs fewer rounds (3, 3 and 2 per size) and takes about half the time; "
        "`--only overhead,languages,reader,reload,memory,profile` runs some parts; `--work "
        "DIR` keeps the books, the banners and the picture cache elsewhere (default "
        "`$TMPDIR/hugomat-bench-build`, reused between runs: the first run paints the banners "
        "and encodes their variants once, a few minutes).\n")
    return "\n".join(lines)


def _load_summary(r: Results) -> str:
    if not r.load:
        return "not recorded"
    ones = [one for one, _, _ in r.load]
    return f"{min(ones):.1f}–{max(ones):.1f} (1-minute average)"


def _summary(r: Results) -> str:
    rows = []
    biggest = max(r.sizes)
    smallest = min(r.sizes)
    overhead = [median(_ratios(r, f"hugomat-{n}-{s}", f"mkdocs-{n}-{s}")) for s in r.sizes
                for n in (1, 2) if f"mkdocs-{n}-{s}" in r.builds]
    if overhead:
        worst = max(overhead)
        rows.append(("`hugomat build` / `mkdocs build` of the ejected book, worst of the sizes "
                     "in one and two languages", f"≤ {TARGETS['overhead']:.2f}", f"{worst:.2f}",
                     worst <= TARGETS["overhead"]))
        cold = [median(_ratios(r, f"cold-1-{s}", f"mkdocs-1-{s}")) for s in r.sizes
                if f"cold-1-{s}" in r.builds]
        if cold:
            rows.append(("the same with no converted page cached (one language), worst size",
                         f"≤ {TARGETS['overhead']:.2f}", f"{max(cold):.2f}",
                         max(cold) <= TARGETS["overhead"]))
        scaling = _per_chapter_ratio(r, "hugomat-1", smallest, biggest)
        if scaling is not None:
            rows.append((f"seconds per chapter, {biggest} chapters / {smallest}",
                         f"≤ {TARGETS['scaling']}", f"{scaling:.2f}",
                         scaling <= TARGETS["scaling"]))
        pruned = _per_chapter_ratio(r, "noprune-1", smallest, biggest)
        if pruned is not None:
            rows.append(("the same with the menu never pruned (`prune_navigation_above: 0`)",
                         f"≤ {TARGETS['scaling']}", f"{pruned:.2f}",
                         pruned <= TARGETS["scaling"]))
    speedups = [median(_ratios(r, f"sequential-2-{s}", f"hugomat-2-{s}")) for s in r.sizes
                if f"sequential-2-{s}" in r.builds]
    if speedups:
        worst = min(speedups)
        rows.append(("two languages: one after the other / `hugomat build`, worst size",
                     f"≥ {TARGETS['languages']}", f"{worst:.2f}x",
                     worst >= TARGETS["languages"]))
    if r.reader:
        for kind, what in (("planned", "nothing cached"),
                           ("cached", "converted pages cached, as after a build")):
            rate = r.markdown_mb[max(r.markdown_mb)] / median(r.reader[f"{kind}-total"])
            rows.append((f"reader: MB/s of Markdown through load + convert_book, pictures "
                         f"planned, {what}", f"≥ {TARGETS['reader']:.0f} MB/s",
                         f"{rate:.1f} MB/s", rate >= TARGETS["reader"]))
    if r.reload:
        share = median([a / b for a, b in zip(r.reload["reload"], r.reload["full"],
                                              strict=False)])
        rows.append((f"live reload after an edit / full build, {RELOAD_SIZE} chapters",
                     f"≤ {TARGETS['reload']:.0%}", f"{share:.0%}", share <= TARGETS["reload"]))
    if r.tree:
        peak = max(max(v) for k, v in r.tree.items() if k.startswith("hugomat")) / 1024
        rows.append((f"peak memory, {biggest} chapters (whole process tree)",
                     f"≤ {TARGETS['memory']:.0f} MB", f"{peak:.0f} MB",
                     peak <= TARGETS["memory"]))
    out = ["## Summary\n", "| measurement | target | measured | met |", "| --- | --- | --- | --- |"]
    out += [f"| {a} | {b} | {c} | {_met(d)} |" for a, b, c, d in rows]
    return "\n".join(out) + "\n"


def _books(r: Results) -> str:
    sizes = ", ".join(f"{s} chapters: {r.markdown_mb[s]:.2f} MB" for s in r.sizes
                      if s in r.markdown_mb)
    return (
        "## The books\n\n"
        "Written by `bench/synthetic_book.py`: a home page and, under `docs/`, parts of 20 "
        "chapters (`docs/part-07/chapter-0123.md`, each part with its `_index.md`), so the "
        "menu is a tree of parts as in a real long book. A chapter is about 5 KB: front matter "
        "(title, weight, description, `image:`), an H1, three H2 and an H3, paragraphs of "
        "prose, a list, a Python code block, a table, a `hint`, a `details` block and a "
        "`relref` to another chapter. All chapters share 5 banners (2464x1856 lossy WebP "
        "painted by `bench/banner_painter.py`), whose variants a warm-up build encodes once: "
        "every timed build finds them in the cache (`hugomat build`), or in the ejected sources "
        "(`mkdocs build`). The second language (`content.es/`) has the same chapters in other "
        f"words. Markdown per language: {sizes}. Pages built per language: chapters + parts + "
        "2.\n\n"
        "Builds run as `.venv/bin/hugomat build -q -f BOOK/mkdocs.yml -d SITE` and "
        "`.venv/bin/mkdocs build -q -f EJECTED/mkdocs.yml -d SITE` (with "
        "`NO_MKDOCS_2_WARNING=1`), where EJECTED was written by `hugomat eject` from the same "
        "configuration (so it has the theme features hugomat turned on, `navigation.prune` "
        "included). Python's bytecode is cached as in a normal installation "
        "(`PYTHONPYCACHEPREFIX=WORK/pycache`, `PYTHONDONTWRITEBYTECODE` removed: with it, "
        "every build would compile hugomat's modules again, an editable install, and not "
        "MkDocs').\n")


def _overhead(r: Results) -> str:
    out = ["## 1. hugomat against stock MkDocs on the ejected book\n",
           f"Target: `hugomat build` takes at most {TARGETS['overhead']:.2f} times as long as "
           "`mkdocs build` of the same book ejected, at every size. Seconds: median (fastest–"
           "slowest). In two languages hugomat builds the second language in a parallel "
           "process, so the two ejected folders (`en/`, `es/`) are built by two `mkdocs build` "
           "started together, and the time is until both have finished.\n",
           "| chapters | languages | `hugomat build` s | `mkdocs build` s (ejected) | ratio "
           "| target | met | CPU s, hugomat / mkdocs | others' load |",
           "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for languages in (1, 2, 0):
        for s in r.sizes:
            h = f"hugomat-{languages}-{s}" if languages else f"cold-1-{s}"
            m = f"mkdocs-{languages or 1}-{s}"
            if h not in r.builds or m not in r.builds:
                continue
            ratio = median(_ratios(r, h, m))
            label = str(languages) if languages else "1, nothing cached"
            out.append(f"| {s} | {label} | {_spread(r.builds[h])} | {_spread(r.builds[m])} "
                       f"| {ratio:.2f} | ≤ {TARGETS['overhead']:.2f} | "
                       f"{_met(ratio <= TARGETS['overhead'])} | {_cpu(r, h)} / {_cpu(r, m)} | "
                       f"{_others(r, h, m)} |")
    out.append("\n*Nothing cached*: `hugomat build` with the converted pages of earlier builds "
               "thrown away (`.cache/hugomat/markdown`), so every page is parsed and written "
               "again; the other rows find them cached, as every build after the first does.")
    out.append("\n*CPU s*: user + system seconds of the whole process tree (median), which a "
               "busy machine disturbs less than the wall clock. *Others' load*: the share of "
               "all cores that other processes of the machine kept busy during these runs "
               "(median, from /proc/stat); above about 25% the wall clock of a parallel build "
               "is not to be trusted.")
    return "\n".join(out) + "\n"


QUIET = 0.2


def _quiet_ratio(r: Results, top: str, bottom: str) -> str:
    pairs = zip(r.builds.get(top, []), r.builds.get(bottom, []), r.others.get(top, []),
                r.others.get(bottom, []), strict=False)
    quiet = [a / b for a, b, x, y in pairs if x < QUIET and y < QUIET]
    return f"{median(quiet):.2f}x (n={len(quiet)})" if quiet else "– (n=0)"


def _cpu(r: Results, key: str) -> str:
    values = r.cpu.get(key)
    return f"{median(values):.1f}" if values else "–"


def _others(r: Results, *keys: str) -> str:
    values = [v for key in keys for v in r.others.get(key, [])]
    return f"{median(values):.0%}" if values else "–"


def _per_chapter(r: Results, what: str, size: int) -> float | None:
    times = r.builds.get(f"{what}-{size}")
    return median(times) / size if times else None


def _per_chapter_ratio(r: Results, what: str, small: int, big: int) -> float | None:
    a, b = _per_chapter(r, what, big), _per_chapter(r, what, small)
    return None if a is None or b is None else a / b


def _marginal(r: Results, what: str) -> tuple[float | None, float | None]:
    """Seconds per added chapter between consecutive sizes: (small to middle, middle to big)."""
    sizes = sorted(s for s in r.sizes if f"{what}-{s}" in r.builds)
    if len(sizes) < 3:
        return None, None
    t = {s: median(r.builds[f"{what}-{s}"]) for s in sizes}
    a, b, c = sizes[0], sizes[len(sizes) // 2], sizes[-1]
    return (t[b] - t[a]) / (b - a), (t[c] - t[b]) / (c - b)


def _scaling(r: Results) -> str:
    small, big = min(r.sizes), max(r.sizes)
    out = ["## 2. Scaling\n",
           f"Target: the seconds per chapter at {big} chapters are at most "
           f"{TARGETS['scaling']} times those at {small}. The ratio of whole-build times per "
           "chapter includes the fixed cost of a build (starting Python, importing MkDocs, "
           "Material and hugomat, copying the theme's assets: about a second), which flatters "
           "the big book; the *marginal* cost, seconds per chapter added between two sizes, "
           "shows how the work per page grows with the book.\n",
           f"| build | s/chapter at {small} | s/chapter at {big} | ratio | target | met "
           f"| marginal s/chapter {small}→{sorted(r.sizes)[len(r.sizes) // 2]} | marginal "
           f"{sorted(r.sizes)[len(r.sizes) // 2]}→{big} | marginal ratio |",
           "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    rows = (("`hugomat build`, one language (default: pruned above 150 pages)", "hugomat-1"),
            ("`hugomat build`, menu never pruned", "noprune-1"),
            ("`mkdocs build`, ejected (for comparison)", "mkdocs-1"),
            ("`hugomat build`, two languages", "hugomat-2"))
    for label, what in rows:
        a, b = _per_chapter(r, what, small), _per_chapter(r, what, big)
        if a is None or b is None:
            continue
        m1, m2 = _marginal(r, what)
        marginal = (f"{m1 * 1000:.1f} ms | {m2 * 1000:.1f} ms | {m2 / m1:.2f}"
                    if m1 and m2 else "– | – | –")
        out.append(f"| {label} | {a * 1000:.1f} ms | {b * 1000:.1f} ms | {b / a:.2f} | ≤ "
                   f"{TARGETS['scaling']} | {_met(b / a <= TARGETS['scaling'])} | {marginal} |")
    prune = [(s, median(_ratios(r, f"noprune-1-{s}", f"hugomat-1-{s}"))) for s in r.sizes
             if f"noprune-1-{s}" in r.builds]
    if prune:
        out.append("\nMenu never pruned / hugomat's default, side by side (the default prunes "
                   "above 150 pages, so the books of 200 and 1000 chapters): " + ", ".join(
                       f"{s} chapters {x:.2f}x" for s, x in prune) + ".\n")
    return "\n".join(out) + "\n"


def _languages(r: Results) -> str:
    out = ["## 3. Two languages in parallel\n",
           f"Target: on {os.cpu_count()} cores, one `hugomat build` of the two-language book "
           f"is at least {TARGETS['languages']} times as fast as the same two languages built "
           "one after the other (`hugomat build` of a configuration with English alone, then "
           "one with Spanish alone; the sum of the two).\n",
           "| chapters | two languages, one build s | one after the other s | speed-up | target "
           "| met | CPU s, one build / one after the other | others' load | speed-up, quiet "
           "rounds |",
           "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for s in r.sizes:
        h, q = f"hugomat-2-{s}", f"sequential-2-{s}"
        if q not in r.builds:
            continue
        speedup = median(_ratios(r, q, h))
        out.append(f"| {s} | {_spread(r.builds[h])} | {_spread(r.builds[q])} | "
                   f"{speedup:.2f}x | ≥ {TARGETS['languages']} | "
                   f"{_met(speedup >= TARGETS['languages'])} | {_cpu(r, h)} / {_cpu(r, q)} | "
                   f"{_others(r, h, q)} | {_quiet_ratio(r, q, h)} |")
    out.append(f"\n*Speed-up, quiet rounds*: the same median over only the rounds in which other "
               f"processes kept less than {QUIET:.0%} of the cores busy during both runs (n: "
               "how many); a parallel build needs a free core, which a shared machine does not "
               "always have.")
    return "\n".join(out) + "\n"


def _reader(r: Results) -> str:
    size = max(r.markdown_mb)
    mb = r.markdown_mb[size]
    out = ["## 4. Reader throughput\n",
           f"Target: at least {TARGETS['reader']:.0f} MB/s of Markdown through the reader. "
           f"Measured in one process on the {size}-chapter book in English ({mb:.2f} MB of "
           "Markdown files, front matter included): `hugomat.read.book.load` (front matter, "
           "sections, menu order) then `hugomat.render.convert.convert_book` (shortcodes parsed "
           "and rendered to Markdown, links resolved, pictures drawn). *Planned*: pictures as a "
           "build draws them (`ResponsivePictures`: each page's banner looked up and planned, "
           "the 5 sources hashed once; nothing encoded). *Originals*: `OriginalPictures`, the "
           "banner drawn as it is (looked up, its size read). *Cached*: as planned, with the "
           "converted pages of an earlier conversion kept (`ConversionCache`), as every build "
           "but the first finds them: each page's text is still read and its shortcodes "
           "parsed, and every link, picture, shortcode and heading id of the page asked again, "
           "but nothing is parsed as Markdown or written. Markdown to HTML is MkDocs' "
           "work and is not included.\n",
           "| pictures | load s | convert s | total s | MB/s | target | met |",
           "| --- | --- | --- | --- | --- | --- | --- |"]
    for kind in ("planned", "originals", "cached"):
        total = median(r.reader[f"{kind}-total"])
        rate = mb / total
        out.append(f"| {kind} | {median(r.reader[f'{kind}-load']):.3f} | "
                   f"{median(r.reader[f'{kind}-convert']):.3f} | {total:.3f} | {rate:.1f} | "
                   f"≥ {TARGETS['reader']:.0f} | {_met(rate >= TARGETS['reader'])} |")
    return "\n".join(out) + "\n"


def _reload(r: Results) -> str:
    reload, full = r.reload["reload"], r.reload["full"]
    share = median([a / b for a, b in zip(reload, full, strict=False)])
    rebuild = r.reload.get("rebuild", [])
    lines = [
        "## 5. Live reload\n",
        f"Target: under `hugomat serve`, an edited chapter of the {RELOAD_SIZE}-chapter book is "
        f"served at most {TARGETS['reload']:.0%} of a full build's time after it is saved. "
        "`hugomat serve -f BOOK/mkdocs.yml -a 127.0.0.1:PORT` runs as a subprocess; each edit "
        "appends a paragraph with a unique marker to chapter 1, and the page is fetched over "
        "HTTP every 20 ms until the marker shows. Between two edits a full `hugomat build` of "
        "the same book runs (after the server has settled), so both are measured in turns. "
        "*Rebuild in the server* is what the server logged for that rebuild (MkDocs' "
        "\"Documentation built in\", which leaves out reading mkdocs.yml and swapping the "
        "folder in); the rest of the wait is noticing the change and serving the page.\n",
        "| edit to served s | rebuild in the server s | full `hugomat build` s | share | target "
        "| met |",
        "| --- | --- | --- | --- | --- | --- |",
        f"| {_spread(reload)} | {_spread(rebuild) if rebuild else '–'} | {_spread(full)} | "
        f"{share:.0%} | ≤ {TARGETS['reload']:.0%} | {_met(share <= TARGETS['reload'])} |",
    ]
    return "\n".join(lines) + "\n"


def _memory(r: Results) -> str:
    out = ["## 6. Peak memory\n",
           f"Target: at most {TARGETS['memory']:.0f} MB at {max(r.sizes)} chapters. *Largest "
           "process*: the largest maximum resident set of any process of the build (wait4's "
           "rusage, which covers the children it waited for). *Whole tree*: the peak of the "
           "resident sets of the build and all its child processes added up, sampled every "
           "0.1 s from /proc (a two-language build has two MkDocs builds in memory at once). "
           "Dedicated runs, not the timed ones.\n",
           "| build | largest process MB | whole tree MB | target | met |",
           "| --- | --- | --- | --- | --- |"]
    labels = {"hugomat-1": "`hugomat build`, one language",
              "hugomat-2": "`hugomat build`, two languages",
              "mkdocs-1": "`mkdocs build`, ejected (for comparison)"}
    for key, values in r.tree.items():
        what = key.rsplit("-", 1)[0]
        tree = max(values) / 1024
        largest = max(r.rss[f"memory:{key}"]) / 1024
        ok = tree <= TARGETS["memory"]
        out.append(f"| {labels.get(what, what)} | {largest:.0f} | {tree:.0f} | ≤ "
                   f"{TARGETS['memory']:.0f} | {_met(ok) if what != 'mkdocs-1' else '–'} |")
    return "\n".join(out) + "\n"


def _profile(r: Results) -> str:
    names = list(r.profile)
    out = ["## Where the time goes\n",
           f"cProfile of one {max(r.sizes)}-chapter build in one language each (cProfile "
           "slows Python code about 2-3x, so these are proportions, not times). Each component "
           "is the cumulative time of its entry points: Jinja's `Template.render` for the "
           "templates, of which Material's `partials/nav.html` (the menu, drawn whole on every "
           "page) is shown apart; Python-Markdown's `Markdown.convert`; the search plugin's "
           "`on_page_context` and `on_post_build`; hugomat's plugin events and its swap of "
           "the site folder; the rest is MkDocs' own work, copying the theme's files, "
           "writing pages and starting up.\n",
           "| component | " + " | ".join(names) + " |",
           "| --- |" + " --- |" * len(names)]
    for label, key in COMPONENTS:
        cells = []
        for name in names:
            part, total = r.profile[name][key], r.profile[name]["total"]
            cells.append(f"{part:.1f} s ({part / total:.0%})")
        out.append(f"| {label} | " + " | ".join(cells) + " |")
    out.append("| **total** | " + " | ".join(f"{r.profile[n]['total']:.1f} s" for n in names)
               + " |")
    return "\n".join(out) + "\n"


# -- main -----------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    # Started in the background by a shell, this process and its children would ignore
    # SIGINT: `hugomat serve` could then not be stopped the way a person stops it (Ctrl-C).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs (3, 3, 2 per size)")
    parser.add_argument("--only", default=",".join(PARTS),
                        help=f"comma-separated parts to run (default: all of {','.join(PARTS)})")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)),
                        help="book sizes in chapters (default: 50,200,1000)")
    parser.add_argument("--work", type=Path,
                        default=Path(tempfile.gettempdir()) / "hugomat-bench-build")
    parser.add_argument("--out", type=Path, default=None,
                        help="write the Markdown report here (default: stdout)")
    parser.add_argument("--merge", action="store_true",
                        help="keep, from WORK/results.json, what the parts run now do not "
                             "measure (with --only: one part measured again, the report whole)")
    parser.add_argument("--report-only", action="store_true",
                        help="measure nothing: write the report of the last run's "
                             "WORK/results.json again")
    args = parser.parse_args(argv)
    parts = {p.strip() for p in args.only.split(",") if p.strip()}
    unknown = parts - set(PARTS)
    if unknown:
        parser.error(f"unknown parts: {', '.join(sorted(unknown))}")
    sizes = tuple(sorted(int(s) for s in args.sizes.split(",")))
    mode = "quick" if args.quick else "full"
    settings = MODES[mode]
    rounds = {s: settings["rounds"].get(s, 3) for s in sizes}
    settings["rounds"] = rounds
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    set_bytecode_cache(work)
    if args.report_only:
        saved = json.loads((work / "results.json").read_text(encoding="utf-8"))
        command = saved.pop("command", "") or (
            "NO_MKDOCS_2_WARNING=1 .venv/bin/python bench/bench_build.py "
            + ("--quick " if saved["mode"] == "quick" else "") + "--out bench/BUILD-SPEED.md")
        results = Results(**{**saved, "sizes": tuple(saved["sizes"]),
                             "markdown_mb": {int(k): v for k, v in saved["markdown_mb"].items()},
                             "load": [tuple(x) for x in saved["load"]]})
        MODES[results.mode]["rounds"] = {s: MODES[results.mode]["rounds"].get(s, 3)
                                         for s in results.sizes}
        _write_report(args.out, results, command)
        return 0
    began = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - began:6.0f} s] {message}", file=sys.stderr, flush=True)

    results = Results(mode=mode, sizes=sizes,
                      started=datetime.datetime.now().strftime("%Y-%m-%d %H:%M"))
    prepared = prepare(work, sizes, log)
    results.markdown_mb = {s: p.book.markdown_bytes() / 1e6 for s, p in prepared.items()}
    reload_size = RELOAD_SIZE if RELOAD_SIZE in prepared else sorted(sizes)[len(sizes) // 2]
    steps: list[tuple[str, bool, Callable[[], None]]] = [
        ("builds side by side", bool(parts & {"overhead", "languages"}),
         lambda: measure_builds(results, work, prepared, rounds, parts, log)),
        ("reader throughput", "reader" in parts,
         lambda: measure_reader(results, prepared[max(sizes)].book, settings["reader"],
                                work / "picture-cache", log)),
        ("live reload", "reload" in parts,
         lambda: measure_reload(results, work, prepared[reload_size].book, settings["edits"],
                                log)),
        ("peak memory", "memory" in parts,
         lambda: measure_memory(results, work, prepared[max(sizes)], settings["memory"], log)),
        ("profile", "profile" in parts,
         lambda: measure_profile(results, work, prepared[max(sizes)], log)),
    ]
    for name, wanted, step in steps:
        if not wanted:
            continue
        log(name)
        try:
            step()
        except Exception as error:  # one broken part must not lose the others
            results.failures[name] = f"{type(error).__name__}: {error}"[:2000]
            log(f"  {name} failed: {results.failures[name]}")
        results.load.append(os.getloadavg())
    results.seconds = time.perf_counter() - began
    results.machine = machine()
    if args.merge and (work / "results.json").is_file():
        _merge_earlier(results, json.loads((work / "results.json").read_text("utf-8")))
    command = " ".join(["NO_MKDOCS_2_WARNING=1", ".venv/bin/python", "bench/bench_build.py",
                        *(shlex.quote(a) for a in (argv if argv is not None else sys.argv[1:]))])
    (work / "results.json").write_text(json.dumps({**results.__dict__, "command": command},
                                                  indent=1), encoding="utf-8")
    _write_report(args.out, results, command)
    shutil.rmtree(work / "sites", ignore_errors=True)
    return 0


def _merge_earlier(results: Results, saved: dict[str, Any]) -> None:
    """What this run did not measure, taken from the run before."""
    for name in ("builds", "rss", "cpu", "others", "tree", "reader", "reload", "profile"):
        measured = getattr(results, name)
        for key, value in (saved.get(name) or {}).items():
            measured.setdefault(key, value)


def _write_report(out: Path | None, results: Results, command: str) -> None:
    previous = out.read_text(encoding="utf-8") if out and out.exists() else ""
    text = report(results, command, kept_findings(previous))
    if out:
        out.write_text(text, encoding="utf-8")
        print(f"wrote {out}", file=sys.stderr)
    else:
        print(text)


if __name__ == "__main__":
    sys.exit(main())

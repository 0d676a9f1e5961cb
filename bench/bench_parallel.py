"""Pages rendered in parallel: `hugomat build` with one worker and with workers, against stock
`mkdocs build` of the same book ejected (not a test: it measures time).

Writes synthetic books (bench/synthetic_book.py) in one language, warms the picture cache and
the converted pages once, ejects each book, then times the three builds as subprocesses, side
by side in turns (A B C, B C A, ...), and reports medians and the medians of each round's
ratios in a Markdown report. Small books are timed with one and with two workers forced, to
find the size below which workers cost more than they save (adapter.parallel.MIN_PAGES).

    .venv/bin/python bench/bench_parallel.py --out bench/PARALLEL.md
    .venv/bin/python bench/bench_parallel.py --sizes 200 --rounds 3 --small 10,20,40

--src runs hugomat from a copy of its sources (e.g. `git archive HEAD src | tar -x -C DIR`,
then --src DIR/src), so that edits to the working tree meanwhile do not change what is timed.
"""

from __future__ import annotations

import argparse
import datetime
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from proc_measure import Measured, run
from synthetic_book import Book, banners, write_book

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
ENV.pop("PYTHONDONTWRITEBYTECODE", None)
WORKERS = "HUGOMAT_PAGE_WORKERS"


def pages_of(book: Book) -> int:
    """Pages MkDocs renders: chapters, their parts' index pages, the home and docs/."""
    return book.chapters + (book.chapters - 1) // 20 + 1 + 2


def hugomat(work: Path, book: Book, workers: int | None, sample: float | None = None
            ) -> Measured:
    site = work / "sites" / "hugomat"
    shutil.rmtree(site, ignore_errors=True)
    env = dict(ENV)
    env.pop(WORKERS, None)
    if workers is not None:
        env[WORKERS] = str(workers)
    return run([str(BIN / "hugomat"), "build", "-q", "-f", str(book.config("one")), "-d",
                str(site)], env=env, sample=sample)


def mkdocs(work: Path, ejected: Path) -> Measured:
    site = work / "sites" / "mkdocs"
    shutil.rmtree(site, ignore_errors=True)
    return run([str(BIN / "mkdocs"), "build", "-q", "-f", str(ejected / "mkdocs.yml"), "-d",
                str(site)], env=ENV)


def prepare(work: Path, chapters: int) -> tuple[Book, Path]:
    book = write_book(work / f"book-{chapters}", chapters, banners(work / "banners"),
                      work / "picture-cache", languages=("en",))
    ejected = work / f"ejected-{chapters}"
    shutil.rmtree(ejected, ignore_errors=True)
    hugomat(work, book, 1)  # pictures encoded, pages converted, as every later build finds
    run([str(BIN / "hugomat"), "eject", "-f", str(book.config("one")), "--out", str(ejected)],
        env=ENV)
    mkdocs(work, ejected)
    return book, ejected


def rotate(items: list[tuple[str, Callable[[], Measured]]], round_: int
           ) -> list[tuple[str, Callable[[], Measured]]]:
    shift = round_ % len(items)
    return items[shift:] + items[:shift]


def measure(work: Path, chapters: int, rounds: int, log: Callable[[str], None]) -> dict:
    book, ejected = prepare(work, chapters)
    runs: list[tuple[str, Callable[[], Measured]]] = [
        ("hugomat, 1 worker", lambda: hugomat(work, book, 1)),
        ("hugomat, workers", lambda: hugomat(work, book, None)),
        ("mkdocs", lambda: mkdocs(work, ejected)),
    ]
    times: dict[str, list[float]] = {name: [] for name, _ in runs}
    cpu: dict[str, list[float]] = {name: [] for name, _ in runs}
    loads = []
    for round_ in range(rounds):
        for name, build in rotate(runs, round_):
            measured = build()
            times[name].append(measured.seconds)
            cpu[name].append(measured.cpu_seconds)
            log(f"  {chapters} chapters, {name}: {measured.seconds:.2f} s "
                f"(CPU {measured.cpu_seconds:.2f} s)")
        loads.append(os.getloadavg()[0])
    return {"chapters": chapters, "pages": pages_of(book), "times": times, "cpu": cpu,
            "loads": loads}


def measure_small(work: Path, sizes: list[int], rounds: int, log: Callable[[str], None]
                  ) -> list[dict]:
    rows = []
    for chapters in sizes:
        book, _ = prepare(work, chapters)
        times: dict[int, list[float]] = {1: [], 2: []}
        for round_ in range(rounds):
            for workers in (1, 2) if round_ % 2 == 0 else (2, 1):
                times[workers].append(hugomat(work, book, workers).seconds)
        log(f"  {chapters} chapters: 1 worker {statistics.median(times[1]):.2f} s, "
            f"2 workers {statistics.median(times[2]):.2f} s")
        rows.append({"chapters": chapters, "pages": pages_of(book), "times": times,
                     "load": os.getloadavg()[0]})
    return rows


def memory(work: Path, chapters: int) -> dict[str, int]:
    book = Book(work / f"book-{chapters}", chapters, ("en",))
    return {name: (hugomat(work, book, workers, sample=0.1).tree_kb or 0) // 1024
            for name, workers in (("hugomat, 1 worker", 1), ("hugomat, workers", None))}


# Runs `hugomat build` and prints the CPU seconds of the build process itself and of the
# processes it started: with workers, the build process's share is the critical path that
# bounds the wall clock on idle cores.
_CPU_SPLIT = (
    "import atexit, resource, sys\n"
    "def report():\n"
    "    own = resource.getrusage(resource.RUSAGE_SELF)\n"
    "    kids = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "    print('cpu-split', own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime,\n"
    "          file=sys.stderr)\n"
    "atexit.register(report)\n"
    "from hugomat.cli import main\n"
    "sys.argv[0] = 'hugomat'\n"
    "main()\n"
)


def cpu_split(work: Path, chapters: int, workers: int) -> tuple[float, float]:
    """CPU seconds of the build process and of its children, one build."""
    book = Book(work / f"book-{chapters}", chapters, ("en",))
    site = work / "sites" / "cpu-split"
    shutil.rmtree(site, ignore_errors=True)
    env = {**ENV, WORKERS: str(workers)}
    done = subprocess.run([str(BIN / "python"), "-c", _CPU_SPLIT, "build", "-q", "-f",
                           str(book.config("one")), "-d", str(site)], env=env,
                          capture_output=True, text=True, check=True)
    fields = [line for line in done.stderr.splitlines() if line.startswith("cpu-split")]
    _, own, children = fields[-1].split()
    return float(own), float(children)


def ratio(a: list[float], b: list[float]) -> float:
    return statistics.median(x / y for x, y in zip(a, b, strict=True))


def report(results: list[dict], small: list[dict], peak: dict[str, int], rounds: int,
           started: str) -> str:
    lines = [
        "# Pages rendered in parallel", "",
        f"Written by `bench/bench_parallel.py` on {started} (UTC); {os.cpu_count()} cores. "
        f"Each figure is the median of {rounds} rounds; in each round the three builds ran "
        "one after the other in turns (A B C, B C A, C A B), and a ratio is the median of the "
        "rounds' ratios. Times are the wall clock of a subprocess into a site folder that does "
        "not exist yet, with picture variants and converted pages cached as after any first "
        "build. *hugomat, workers* is the default (as many processes as cores); *1 worker* "
        f"sets {WORKERS}=1. *mkdocs* is stock `mkdocs build` of the book ejected by "
        "`hugomat eject`. The machine is shared: the 1-minute load average after each round "
        "is given, and with a load above the core count, workers share the cores with other "
        "people's processes.", "",
        "| chapters | pages | hugomat, 1 worker (s) | hugomat, workers (s) | mkdocs (s) | "
        "1 worker / mkdocs | workers / mkdocs | workers / 1 worker | CPU s (1 / workers / "
        "mkdocs) | load averages |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in results:
        t, c = row["times"], row["cpu"]
        one, many, stock = t["hugomat, 1 worker"], t["hugomat, workers"], t["mkdocs"]
        lines.append(
            f"| {row['chapters']} | {row['pages']} | {statistics.median(one):.2f} | "
            f"{statistics.median(many):.2f} | {statistics.median(stock):.2f} | "
            f"{ratio(one, stock):.2f} | **{ratio(many, stock):.2f}** | {ratio(many, one):.2f} | "
            f"{statistics.median(c['hugomat, 1 worker']):.1f} / "
            f"{statistics.median(c['hugomat, workers']):.1f} / "
            f"{statistics.median(c['mkdocs']):.1f} | "
            f"{', '.join(f'{x:.1f}' for x in row['loads'])} |")
    if small:
        lines += ["", "## Small books: where workers start to pay", "",
                  "`hugomat build` with one worker and with two forced "
                  f"({WORKERS}=2), in alternate order.", "",
                  "| chapters | pages | 1 worker (s) | 2 workers (s) | 2 / 1 | load |",
                  "| --- | --- | --- | --- | --- | --- |"]
        for row in small:
            one, two = row["times"][1], row["times"][2]
            lines.append(f"| {row['chapters']} | {row['pages']} | "
                         f"{statistics.median(one):.2f} | {statistics.median(two):.2f} | "
                         f"{ratio(two, one):.2f} | {row['load']:.1f} |")
    if peak:
        lines += ["", "## Peak memory", "",
                  "The peak of the resident sets of the build and all its processes added "
                  "up, sampled every 0.1 s from /proc, one dedicated run each at "
                  f"{max(r['chapters'] for r in results)} chapters.", "",
                  "| build | whole process tree (MB) |", "| --- | --- |"]
        lines += [f"| {name} | {mb} |" for name, mb in peak.items()]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path,
                        default=Path(tempfile.gettempdir()) / "hugomat-bench-parallel")
    parser.add_argument("--sizes", default="200,1000")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--small", default="", help="chapters of small books, e.g. 10,20,40")
    parser.add_argument("--small-rounds", type=int, default=5)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--cpu-split", type=int, default=0, metavar="CHAPTERS",
                        help="only: CPU seconds of the build process and of its workers, "
                        "one build of an already written book with 1 and with 2 workers")
    parser.add_argument("--src", type=Path, default=None,
                        help="import hugomat from this folder (a copy of src/)")
    args = parser.parse_args(argv)
    if args.src:
        ENV["PYTHONPATH"] = str(args.src.resolve())
    args.work.mkdir(parents=True, exist_ok=True)
    started = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M")

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    if args.cpu_split:
        for workers in (1, 2):
            own, children = cpu_split(args.work, args.cpu_split, workers)
            print(f"| {args.cpu_split} | {workers} | {own:.1f} | {children:.1f} |")
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s]
    small = measure_small(args.work, [int(s) for s in args.small.split(",") if s],
                          args.small_rounds, log)
    results = [measure(args.work, chapters, args.rounds, log) for chapters in sizes]
    peak = memory(args.work, max(sizes)) if sizes else {}
    text = report(results, small, peak, args.rounds, started)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

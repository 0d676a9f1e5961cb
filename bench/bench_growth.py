"""Growth benchmark of hugomat: work that must grow with the input, never faster (not a test:
it measures time, and takes about ten minutes).

Each case of work that once grew faster than the input is a page generated at
1x, 10x and 100x its base size and read in a subprocess of its own, timed in that process
from reading the book to the end (interpreter start and imports left out), in two stages:

  check    hugomat.read.book.load + hugomat.render.convert.convert_book: what `hugomat check`
           does, and the first half of `hugomat build`
  build    check, then every converted page rendered by Python-Markdown with the extensions
           the plugin turns on: what MkDocs then does with each page (its templates, the same
           for every page, left out)

Every figure is the median of several rounds; within a round the three sizes of a case run
side by side in turns (1x 10x 100x, 10x 100x 1x, ...), so that a noisy shared machine slows
them alike. Peak memory is the worker's largest resident set, less that of a worker reading
an empty page. The growth ratio is the time from 10x to 100x divided by 10 (1.00 is
linear; the aim is at most 1.3): the step from 1x is left out, as fixed costs dominate 1x.

    .venv/bin/python bench/bench_growth.py --out bench/GROWTH.md
    .venv/bin/python bench/bench_growth.py --rounds 1 --only badges-one-line,brackets

The report's "Findings" section is written by hand between its markers and kept when the
report is written again; everything else is generated.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
BADGE = '{{< badge "x" >}}'
PARAGRAPH = ('A *sentence* with [a link](https://example.org/) and "quotes" -- here, '
             "`code` and **strong** text.\n")


@dataclass(frozen=True)
class Case:
    name: str
    what: str
    page: Callable[[int], str]
    """The page's body at size n."""
    sizes: tuple[int, int, int]
    """n at 1x, 10x and 100x the input."""
    unit: str


def _nested_list(depth: int) -> str:
    # Each level one more indented line: the file grows as depth squared (3,000 levels: 9 MB).
    return "".join(" " * (2 * level) + "- item\n" for level in range(depth))


def _nested_shortcodes(depth: int) -> str:
    return "{{< hint info >}}\n" * depth + "x\n" + "{{< /hint >}}\n" * depth


CASES = [
    Case("badges-one-line", "`{{< badge \"x\" >}}` n times on one line",
         lambda n: " ".join([BADGE] * n) + "\n", (1_000, 10_000, 100_000), "badges"),
    Case("badges-per-line", "`{{< badge \"x\" >}}` n times, one a line (one paragraph)",
         lambda n: "".join(BADGE + "\n" for _ in range(n)), (300, 3_000, 30_000), "badges"),
    Case("hint-pairs", "n `hint` blocks, each with a line of text",
         lambda n: "".join("{{< hint info >}}\nx\n{{< /hint >}}\n\n" for _ in range(n)),
         (20, 200, 2_000), "hints"),
    Case("links-one-line", "`[a](https://example.org/)` n times on one line",
         lambda n: " ".join(["[a](https://example.org/)"] * n) + "\n", (300, 3_000, 30_000),
         "links"),
    Case("brackets", "`[` n times, then `]` n times", lambda n: "[" * n + "]" * n + "\n",
         (500, 5_000, 50_000), "brackets"),
    Case("nested-list", "a list nested n levels, one more indented line a level "
         "(bytes grow as n squared)", _nested_list, (300, 949, 3_000), "levels"),
    Case("large-page", "n paragraphs of dense Markdown (links, emphasis, code, quotes; "
         "0.6 KB each)", lambda n: (PARAGRAPH * 6 + "\n") * n, (20, 200, 2_000),
         "paragraphs"),
    Case("nested-shortcodes", "`hint` shortcodes nested n deep", _nested_shortcodes,
         (2, 20, 200), "levels"),
]
# The cases at the sizes first reported that the growth table does not reach, and
# what they took then.
AS_FILED = [
    ("badges-per-line", 32_000, "`build` 98 s"),
    ("hint-pairs", 100_000, "over 150 s"),
    ("large-page", 84_000, "50 MB: `build` 520 s and 1.9 GB, `check` 9 s"),
    ("nested-shortcodes", 5_000, "a traceback (200 deep already)"),
]
BEFORE = {
    "badges-one-line": "100,000: `build` past 600 s, `check` past 300 s",
    "nested-list": "3,000 levels (9 MB): past 600 s, 6.2 GB",
    "brackets": "50,000: 409 s",
    "nested-shortcodes": "200 deep: a traceback",
}
SCALES = (1, 10, 100)
STAGES = ("check", "build")


# -- the worker: one page, one stage, in a process of its own --------------------------------

def worker(case_name: str, n: int, stage: str) -> dict[str, object]:
    """Measure one stage on one generated page; the figures as a dict."""
    case = next(c for c in CASES if c.name == case_name) if case_name != "empty" else None
    body = case.page(n) if case else ""
    root = Path(tempfile.mkdtemp(prefix="hugomat-growth-"))
    try:
        (root / "content" / "docs").mkdir(parents=True)
        (root / "content" / "docs" / "a.md").write_text("---\ntitle: A\n---\n" + body,
                                                        encoding="utf-8")
        import markdown

        from hugomat.adapter.site_config import MARKDOWN_EXTENSIONS
        from hugomat.errors import ContentErrors
        from hugomat.read import book
        from hugomat.read.source import SiteSource
        from hugomat.render.convert import convert_book

        configs = {name: options for name, options in MARKDOWN_EXTENSIONS.items() if options}
        start = time.perf_counter()
        outcome = "converted"
        try:
            pages = convert_book(book.load(SiteSource(root=root,
                                                      content_dir=root / "content")))
            if stage == "build":
                for page in pages:
                    markdown.markdown(page.markdown, extensions=list(MARKDOWN_EXTENSIONS),
                                      extension_configs=configs)
                outcome = "rendered"
        except ContentErrors as errors:
            first = errors.errors[0]
            outcome = f"{first.location.line}:{first.location.column}: {first.message}"
        seconds = time.perf_counter() - start
    finally:
        shutil.rmtree(root, ignore_errors=True)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"seconds": seconds, "peak_kb": peak_kb, "bytes": len(body.encode()),
            "outcome": outcome}


def measure(case: str, n: int, stage: str, timeout: float) -> dict[str, object]:
    command = [PYTHON, __file__, "--worker", case, str(n), stage]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    except subprocess.TimeoutExpired:
        return {"seconds": timeout, "peak_kb": 0, "bytes": 0,
                "outcome": f"stopped after {timeout:.0f} s"}
    if done.returncode != 0:
        return {"seconds": float("nan"), "peak_kb": 0, "bytes": 0,
                "outcome": "failed: " + (done.stderr.strip().splitlines() or ["?"])[-1]}
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- the driver -----------------------------------------------------------------------------

@dataclass
class Results:
    started: str
    rounds: int
    runs: dict[str, list[dict[str, object]]] = field(default_factory=dict)
    """'case/stage/scale' -> one measurement a round."""
    baseline_kb: int = 0
    seconds: float = 0.0


def run(cases: list[Case], rounds: int, timeout: float, log: Callable[[str], None]
        ) -> Results:
    results = Results(started=datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
                      rounds=rounds)
    results.baseline_kb = int(measure("empty", 0, "build", timeout)["peak_kb"])  # type: ignore[call-overload]
    for round_ in range(rounds):
        for case in cases:
            for stage in STAGES:
                order = SCALES[round_ % 3:] + SCALES[:round_ % 3]
                for scale in order:
                    figures = measure(case.name, case.sizes[SCALES.index(scale)], stage,
                                      timeout)
                    results.runs.setdefault(f"{case.name}/{stage}/{scale}", []).append(figures)
                    log(f"round {round_ + 1}: {case.name} {stage} {scale}x: "
                        f"{figures['seconds']:.2f} s, {figures['outcome']}")
    names = {case.name for case in cases}
    for name, n, _ in AS_FILED:
        if name in names:
            figures = measure(name, n, "build", timeout)
            results.runs[f"{name}/filed/{n}"] = [figures]
            log(f"as filed: {name} {n}: {figures['seconds']:.2f} s, {figures['outcome']}")
    return results


def _median(results: Results, key: str, field_: str) -> float:
    return statistics.median(float(r[field_]) for r in results.runs[key])  # type: ignore[arg-type]


def report(results: Results, cases: list[Case], command: str, findings: str) -> str:
    lines = ["# Growth with the input\n",
             f"Written by `bench/bench_growth.py` on {results.started}, "
             f"{results.seconds / 60:.0f} minutes; every figure is the **median** of "
             f"{results.rounds} rounds, the sizes of a case run side by side in turns. Times "
             "are seconds inside one process per run, from reading the book to the end: "
             "*check* is `book.load` + `convert_book` (what `hugomat check` does), *build* "
             "adds Python-Markdown rendering each converted page with the plugin's extensions "
             "(what MkDocs does with it; its templates, the same for every page, left out). "
             "*Peak* is the resident set above that of a run on an empty page "
             f"({results.baseline_kb / 1024:.0f} MB). *Growth* is the time from 10x to 100x "
             "divided by 10: 1.00 is linear, the aim at most 1.30.\n",
             findings,
             "## Cases\n",
             "| case | page at 1x | sizes (1x, 10x, 100x) | input at 100x |",
             "| --- | --- | --- | --- |"]
    for case in cases:
        sizes = ", ".join(f"{n:,}" for n in case.sizes)
        big = _median(results, f"{case.name}/check/100", "bytes")
        lines.append(f"| {case.name} | {case.what} | {sizes} {case.unit} | "
                     f"{big / 1e6:.2f} MB |")
    lines += ["", "## Time and memory\n",
              "| case | stage | 1x s | 10x s | 100x s | peak at 100x | growth | linear "
              "(≤ 1.3) | outcome at 100x |",
              "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |"]
    for case in cases:
        for stage in STAGES:
            keys = [f"{case.name}/{stage}/{s}" for s in SCALES]
            times = [_median(results, key, "seconds") for key in keys]
            peak = max(0.0, _median(results, keys[-1], "peak_kb") - results.baseline_kb)
            bytes_ = [_median(results, key, "bytes") for key in keys]
            # Growth against the input's bytes (a nested list's bytes grow as its depth
            # squared), from 10x to 100x.
            input_ratio = bytes_[2] / bytes_[1] if bytes_[1] else 10.0
            growth = (times[2] / times[1]) / input_ratio if times[1] > 0 else float("nan")
            outcome = str(results.runs[keys[-1]][-1]["outcome"]).replace("|", "\\|")
            lines.append(f"| {case.name} | {stage} | {times[0]:.2f} | {times[1]:.2f} | "
                         f"{times[2]:.2f} | {peak / 1024:.0f} MB | {growth:.2f} | "
                         f"{'yes' if growth <= 1.3 else '**no**'} | {outcome} |")
    lines += ["", "*Growth* divides by the growth of the input's bytes, which for all but "
              "`nested-list` is 10 from 10x to 100x (a nested list's bytes grow as its "
              "depth squared). Times under about 0.05 s are mostly noise, and their growth "
              "ratios with them.\n",
              *_as_filed(results, cases),
              "## Machine and versions\n",
              f"- cores: {os.cpu_count()}, usable {len(os.sched_getaffinity(0))}",
              f"- system: {platform.platform()}",
              f"- Python: {platform.python_version()}",
              f"- load average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}",
              "\n## Reproduce\n", f"```sh\n{command}\n```\n"]
    return "\n".join(lines)


def _as_filed(results: Results, cases: list[Case]) -> list[str]:
    """The cases at the sizes first reported, before and now (build stage, one run)."""
    names = {case.name for case in cases}
    lines = ["## At the sizes first reported\n",
             "One run each of the *build* stage; the growth table's 100x is the reported size "
             "for the other cases.\n",
             "| case | n | before (as reported) | now s | peak | outcome |",
             "| --- | ---: | --- | ---: | ---: | --- |"]
    for name, n, before in AS_FILED:
        if name not in names:
            continue
        figures = results.runs[f"{name}/filed/{n}"][0]
        peak = max(0.0, float(figures["peak_kb"]) - results.baseline_kb)  # type: ignore[arg-type]
        outcome = str(figures["outcome"]).replace("|", "\\|")
        lines.append(f"| {name} | {n:,} | {before} | {float(figures['seconds']):.2f} | "  # type: ignore[arg-type]
                     f"{peak / 1024:.0f} MB | {outcome} |")
    for name, before in BEFORE.items():
        case = next((c for c in cases if c.name == name), None)
        if case is None:
            continue
        key = f"{name}/build/100"
        peak = max(0.0, _median(results, key, "peak_kb") - results.baseline_kb)
        outcome = str(results.runs[key][-1]["outcome"]).replace("|", "\\|")
        lines.append(f"| {name} | {case.sizes[-1]:,} | {before} | "
                     f"{_median(results, key, 'seconds'):.2f} | {peak / 1024:.0f} MB | "
                     f"{outcome} |")
    return [*lines, ""]


FINDINGS_START = "<!-- findings: written by hand, kept when the report is written again -->"
FINDINGS_END = "<!-- /findings -->"


def kept_findings(previous: str) -> str:
    start, end = previous.find(FINDINGS_START), previous.find(FINDINGS_END)
    if start >= 0 and end > start:
        return previous[start:end + len(FINDINGS_END)] + "\n"
    return f"{FINDINGS_START}\n## Findings\n\n(To be written from the tables.)\n{FINDINGS_END}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--worker", nargs=3, metavar=("CASE", "N", "STAGE"),
                        help=argparse.SUPPRESS)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", default="", help="comma-separated case names")
    parser.add_argument("--timeout", type=float, default=120.0,
                        help="seconds after which one run is stopped (default 120)")
    parser.add_argument("--out", type=Path, default=None,
                        help="write the Markdown report here (default: stdout)")
    args = parser.parse_args(argv)
    if args.worker:
        case, n, stage = args.worker
        print(json.dumps(worker(case, int(n), stage)))
        return 0
    wanted = {name.strip() for name in args.only.split(",") if name.strip()}
    cases = [case for case in CASES if not wanted or case.name in wanted]
    began = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - began:6.0f} s] {message}", file=sys.stderr, flush=True)

    results = run(cases, args.rounds, args.timeout, log)
    results.seconds = time.perf_counter() - began
    command = " ".join([".venv/bin/python", "bench/bench_growth.py",
                        *(argv if argv is not None else sys.argv[1:])])
    previous = args.out.read_text(encoding="utf-8") if args.out and args.out.exists() else ""
    text = report(results, cases, command, kept_findings(previous))
    if args.out:
        args.out.write_text(text, encoding="utf-8")
        print(f"wrote {args.out}", file=sys.stderr)
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

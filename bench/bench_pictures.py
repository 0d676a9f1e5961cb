"""Benchmark of hugomat's picture pipeline (not a test: it measures time, and takes minutes).

Paints photo-like 2464x1856 WebP banners (bench/banner_painter.py; kept between runs in
--banners) and measures:

  quality      bytes, PSNR and SSIM of AVIF/WebP/JPEG at several qualities, and the AVIF speed
               and WebP method trade-offs: the measurement behind PictureSettings' defaults
  pipeline     default settings, N banners: seconds cold and warm, encodes warm (must be 0),
               and cold time over the ideal (single-process decode+resize+encode / cores)
  granularity  cold time of one task per source against a source's AVIF apart from the rest,
               for a few banners
  bytes        what a phone and a desktop download per banner with BANNER_SIZES, against the
               source file

    .venv/bin/python bench/bench_pictures.py all > /tmp/bench.md      # everything, ~15 min
    .venv/bin/python bench/bench_pictures.py pipeline --n 10 --repeat 3

Prints Markdown for bench/PICTURES.md. The metric is computed with Pillow alone: PSNR of the
luma, and SSIM of the luma over 8x8 blocks (the mean of per-block SSIM, Wang et al. 2004's
constants), both against the source resized to the same width with the pipeline's filter.
"""

from __future__ import annotations

import argparse
import io
import itertools
import math
import os
import platform
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import PIL
from PIL import Image, ImageChops, ImageMath, ImageStat, features

sys.path.insert(0, str(Path(__file__).resolve().parent))

from banner_painter import painted
from hugomat.errors import Location
from hugomat.pictures import (
    PictureSettings,
    VariantCache,
    lookup,
    plan,
    plan_social_card,
)
from hugomat.pictures import cache as cache_module
from hugomat.pictures.encode import Task, run_task
from hugomat.pictures.sizes import WITH_TOC

LAST_BUSY = [0.0]  # share of all cores' time busy during the last cold run (any process)
LAST_OTHERS = [0.0]  # share of it used by other processes than this benchmark
DEFAULT_BANNERS = Path(tempfile.gettempdir()) / "hugomat-bench-banners"
LANCZOS = Image.Resampling.LANCZOS


# -- banners ----------------------------------------------------------------------------------


def banners(n: int, folder: Path) -> list[Path]:
    """N painted banners (seeds 1..N), painted once and kept in `folder`."""
    return painted(folder, range(1, n + 1), "banner_{seed:03d}.webp")


def plans_of(paths: list[Path], settings: PictureSettings):
    plans = []
    for path in paths:
        picture = lookup.find(path.name, (path.parent,), Location(path.name))
        plans.append(plan(picture, settings))
        card = plan_social_card(picture, settings)
        if card is not None:
            plans.append(card)
    return plans


# -- quality ----------------------------------------------------------------------------------


def psnr(a: Image.Image, b: Image.Image) -> float:
    rms = ImageStat.Stat(ImageChops.difference(a.convert("L"), b.convert("L"))).rms[0]
    return math.inf if rms == 0 else 20 * math.log10(255 / rms)


def ssim(a: Image.Image, b: Image.Image, block: int = 8) -> float:
    """Mean SSIM of the luma over non-overlapping blocks (block means by a BOX resize)."""
    w, h = (a.width // block) * block, (a.height // block) * block
    x = a.convert("L").crop((0, 0, w, h)).convert("F")
    y = b.convert("L").crop((0, 0, w, h)).convert("F")

    def mean(image: Image.Image) -> Image.Image:
        return image.resize((w // block, h // block), Image.Resampling.BOX)

    def product(p: Image.Image, q: Image.Image) -> Image.Image:
        return ImageMath.lambda_eval(lambda v: v["p"] * v["q"], p=p, q=q)

    mx, my = mean(x), mean(y)
    xx, yy, xy = mean(product(x, x)), mean(product(y, y)), mean(product(x, y))
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    index = ImageMath.lambda_eval(
        lambda v: ((2 * v["mx"] * v["my"] + c1) * (2 * (v["xy"] - v["mx"] * v["my"]) + c2))
        / ((v["mx"] * v["mx"] + v["my"] * v["my"] + c1)
           * (v["xx"] - v["mx"] * v["mx"] + v["yy"] - v["my"] * v["my"] + c2)),
        mx=mx, my=my, xx=xx, yy=yy, xy=xy)
    # ImageStat bins "F" pixels into a histogram; the mean is taken exactly instead.
    flat = getattr(index, "get_flattened_data", None) or index.getdata
    values = list(flat())
    return sum(values) / len(values)


def encode(image: Image.Image, fmt: str, **options) -> tuple[bytes, float]:
    out = io.BytesIO()
    started = time.perf_counter()
    if fmt == "AVIF":
        image.save(out, fmt, max_threads=1, subsampling="4:2:0", **options)
    elif fmt == "JPEG":
        image.save(out, fmt, optimize=True, progressive=True, subsampling="4:2:0", **options)
    else:
        image.save(out, fmt, **options)
    return out.getvalue(), time.perf_counter() - started


def measure(references: list[Image.Image], fmt: str, options: dict) -> dict[str, float]:
    rows = []
    for reference in references:
        data, seconds = encode(reference, fmt, **options)
        with Image.open(io.BytesIO(data)) as decoded:
            decoded = decoded.convert("RGB")
        rows.append((len(data), seconds, psnr(reference, decoded), ssim(reference, decoded)))
    return {"bytes": statistics.median(r[0] for r in rows),
            "seconds": statistics.median(r[1] for r in rows),
            "psnr": statistics.median(r[2] for r in rows),
            "ssim": statistics.median(r[3] for r in rows)}


# Setting families swept: (format, label, fixed options, qualities).
FAMILIES = (
    ("JPEG", "JPEG", {}, (70, 75, 80, 85, 90)),
    ("WEBP", "WebP m6", {"method": 6}, (70, 75, 80, 85, 90)),
    ("WEBP", "WebP m4", {"method": 4}, (75, 80, 85, 90)),
    ("AVIF", "AVIF s6", {"speed": 6}, (40, 50, 55, 60, 65, 70, 80)),
    ("AVIF", "AVIF s5", {"speed": 5}, (55, 60, 65)),
    ("AVIF", "AVIF s9", {"speed": 9}, (55, 60, 65, 70)),
)
# The web's usual "looks right" JPEG; other formats must come within TOLERANCE of its SSIM.
BASELINE = ("JPEG", 80)
TOLERANCE = 0.01


def quality(paths: list[Path], widths: tuple[int, ...] = (960, 1600)) -> None:
    sources = []
    for path in paths:
        with Image.open(path) as opened:
            sources.append(opened.convert("RGB"))
    results: dict[tuple[int, str, int], dict[str, float]] = {}
    for width in widths:
        references = [s.resize((width, round(s.height * width / s.width)), LANCZOS)
                      for s in sources]
        print(f"\n#### {width} px wide, median of {len(references)} banners\n")
        print("| setting | quality | bytes | PSNR-Y dB | SSIM-Y | encode s |")
        print("|---|---:|---:|---:|---:|---:|")
        for fmt, label, fixed, qualities in FAMILIES:
            for q in qualities:
                m = measure(references, fmt, {"quality": q, **fixed})
                results[(width, label, q)] = m
                print(f"| {label} | {q} | {m['bytes']:,.0f} | {m['psnr']:.2f} | "
                      f"{m['ssim']:.4f} | {m['seconds']:.3f} |", flush=True)
    print(f"\n#### At the SSIM of JPEG q{BASELINE[1]} (interpolated between qualities)\n")
    print("| setting | " + " | ".join(f"{w} px: bytes, encode s" for w in widths)
          + f" | lowest quality within {TOLERANCE} SSIM at every width |")
    print("|---|" + "---:|" * len(widths) + "---:|")
    for _, label, _, qualities in FAMILIES:
        cells, lowest = [], []
        for width in widths:
            target = results[(width, BASELINE[0], BASELINE[1])]["ssim"]
            points = [results[(width, label, q)] for q in qualities]
            cells.append(_at_ssim(points, target))
            lowest.append(next((q for q, p in zip(qualities, points, strict=True)
                                if p["ssim"] >= target - TOLERANCE), None))
        chosen = "none" if None in lowest else str(max(lowest))
        if label == BASELINE[0]:
            chosen = f"{BASELINE[1]} (the baseline)"
        print(f"| {label} | " + " | ".join(cells) + f" | {chosen} |")


def _at_ssim(points: list[dict[str, float]], target: float) -> str:
    for low, high in itertools.pairwise(points):
        if low["ssim"] <= target <= high["ssim"] and high["ssim"] > low["ssim"]:
            t = (target - low["ssim"]) / (high["ssim"] - low["ssim"])
            size = math.exp(math.log(low["bytes"]) + t * (math.log(high["bytes"])
                                                           - math.log(low["bytes"])))
            seconds = low["seconds"] + t * (high["seconds"] - low["seconds"])
            return f"{size:,.0f}, {seconds:.3f}"
    return "out of range"


# -- pipeline ---------------------------------------------------------------------------------


def ideal_seconds(plans, scratch: Path) -> float:
    """Single-process decode + resize + encode of the same variants, one task per source."""
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    by_source: dict[tuple[Path, str], list] = {}
    for p in plans:
        by_source.setdefault((p.source, p.digest), []).extend(p.all_variants)
    total = 0.0
    busy_before, total_before = cpu_times()
    cpu_before = own_cpu()
    for (source, digest), variants in by_source.items():
        task = Task(source, digest, tuple(variants), scratch, Image.MAX_IMAGE_PIXELS)
        started = time.perf_counter()
        result = run_task(task)
        total += time.perf_counter() - started
        assert result.error is None, result.error
    busy_after, total_after = cpu_times()
    LAST_OTHERS[0] = others_share(busy_after - busy_before, total_after - total_before,
                                  own_cpu() - cpu_before)
    return total


def own_cpu() -> float:
    """CPU seconds of this process and its reaped children (the pool's workers, see main)."""
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(
        resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def others_share(busy: int, total: int, own_seconds: float) -> float:
    """Share of all cores' time that other processes used, from /proc/stat deltas."""
    tick = os.sysconf("SC_CLK_TCK")
    return max(0.0, (busy - own_seconds * tick) / max(1, total))


def cold_and_warm(plans, folder: Path, granularity: str = "auto") -> tuple[float, float, int]:
    shutil.rmtree(folder, ignore_errors=True)
    cache = VariantCache(folder)
    busy_before, total_before = cpu_times()
    cpu_before = own_cpu()
    started = time.perf_counter()
    cold = cache.ensure(plans, progress="log", granularity=granularity)
    cold_seconds = time.perf_counter() - started
    busy_after, total_after = cpu_times()
    LAST_BUSY[0] = (busy_after - busy_before) / max(1, total_after - total_before)
    LAST_OTHERS[0] = others_share(busy_after - busy_before, total_after - total_before,
                                  own_cpu() - cpu_before)
    started = time.perf_counter()
    warm = cache.ensure(plans, progress="log", granularity=granularity)
    warm_seconds = time.perf_counter() - started
    assert cold.encoded == sum(len(p.all_variants) for p in plans) - cold.reused
    return cold_seconds, warm_seconds, warm.encoded


def cores() -> int:
    return cache_module._usable_cores()


def pipeline(paths: list[Path], repeat: int, work: Path) -> None:
    settings = PictureSettings()
    started = time.perf_counter()
    plans = plans_of(paths, settings)
    plan_seconds = time.perf_counter() - started
    variants = sum(len(p.all_variants) for p in plans)
    rows = []
    for _ in range(repeat):
        # Interleaved, so a noisy neighbour slows both sides of the ratio alike.
        wait_for_quiet()
        ideal = ideal_seconds(plans, work / "ideal")
        others_ideal = LAST_OTHERS[0]
        wait_for_quiet()
        cold, warm, warm_encodes = cold_and_warm(plans, work / "cache")
        # The ideal again, on the share of the cores other processes left to this run.
        left = cores() * max(0.05, 1 - LAST_OTHERS[0])
        rows.append((cold, warm, warm_encodes, ideal, cold / (ideal / cores()), LAST_BUSY[0],
                     max(others_ideal, LAST_OTHERS[0]), cold / (ideal / left)))
        print(f"<!-- N={len(paths)} run: cold {cold:.2f} s, warm {warm:.3f} s, "
              f"ideal serial {ideal:.2f} s, ratio {rows[-1][4]:.3f}, "
              f"cores busy {LAST_BUSY[0]:.0%}; other processes used {others_ideal:.0%} of "
              f"the cores during the ideal run, {LAST_OTHERS[0]:.0%} during the cold run; "
              f"ratio on the cores left {rows[-1][7]:.3f} -->",
              flush=True)
    med = [statistics.median(r[i] for r in rows) for i in range(8)]
    quiet = [r[4] for r in rows if r[6] < QUIET_RUN]
    quiet_ratio = f"{statistics.median(quiet):.3f} ({len(quiet)})" if quiet else "none"
    print(f"| {len(paths)} | {variants} | {repeat} | {med[0]:.2f} | {med[1]:.3f} | "
          f"{max(r[2] for r in rows)} | {med[3]:.2f} | {med[3] / cores():.2f} | "
          f"{med[4]:.3f} | {quiet_ratio} | {min(r[4] for r in rows):.3f} | {med[5]:.0%} | "
          f"{med[6]:.0%} | {med[7]:.3f} | {plan_seconds:.2f} |", flush=True)


def granularity(paths: list[Path], counts: list[int], repeat: int, work: Path) -> None:
    settings = PictureSettings()
    print("| banners | tasks | cold s (median) | cold s (best) | ideal / cores s (best) | "
          "ratio (median) | ratio (best) | others' share |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    for n in counts:
        plans = plans_of(paths[:n], settings)
        results: dict[str, list[float]] = {"source": [], "split": [], "auto": []}
        busy: dict[str, list[float]] = {"source": [], "split": [], "auto": []}
        ideals = []
        for _ in range(repeat):
            wait_for_quiet()
            ideals.append(ideal_seconds(plans, work / "ideal"))
            for mode in results:
                wait_for_quiet()
                results[mode].append(cold_and_warm(plans, work / "cache", mode)[0])
                busy[mode].append(LAST_OTHERS[0])
        # Noise only ever adds time, so the best run is the truest; the median is shown too.
        ideal, best_ideal = statistics.median(ideals) / cores(), min(ideals) / cores()
        for mode, seconds in results.items():
            cold, best = statistics.median(seconds), min(seconds)
            missing: dict = {}
            for p in plans:
                missing.setdefault((p.source, p.digest), {}).update(
                    {v.name: v for v in p.all_variants})
            tasks = cache_module._tasks(missing, {(p.source, p.digest): p for p in plans},
                                        work, cores(), mode)
            label = {"source": "source: 1 each", "split": "split: 2 each (AVIF | rest)",
                     "auto": "auto"}[mode] + f", {len(tasks)} tasks"
            print(f"| {n} | {label} | {cold:.2f} | {best:.2f} | {best_ideal:.2f} | "
                  f"{cold / ideal:.3f} | {best / best_ideal:.3f} | "
                  f"{statistics.median(busy[mode]):.0%} |", flush=True)


# -- bytes per viewport -----------------------------------------------------------------------


def drawn_width(viewport: int) -> float:
    """The banner's drawn width in CSS px, from the measured column (sizes.WITH_TOC)."""
    for step in WITH_TOC:
        if viewport >= step.min_px:
            return step.fixed if step.fixed is not None else viewport - step.minus
    raise AssertionError


def downloads(paths: list[Path], work: Path) -> None:
    settings = PictureSettings()
    plans = [p for p in plans_of(paths, settings) if p.fallback and p.fallback.role != "social"]
    cache = VariantCache(work / "cache")
    cache.ensure(plans, progress="log")
    screens = [("phone 390 px, DPR 3", 390, 3), ("desktop 1440 px, DPR 1", 1440, 1),
               ("desktop 1440 px, DPR 2", 1440, 2), ("desktop 2560 px, DPR 1", 2560, 1)]
    print("| screen | drawn CSS px | needs px | picks | AVIF bytes | WebP bytes | source bytes "
          "| AVIF / source |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for label, viewport, dpr in screens:
        drawn = drawn_width(viewport)
        need = drawn * dpr
        per_format: dict[str, list[int]] = {"avif": [], "webp": []}
        sources, picks = [], set()
        for p in plans:
            sources.append(p.source.stat().st_size)
            for fmt in per_format:
                candidates = p.of_format(fmt)
                pick = next((v for v in candidates if v.width >= need), candidates[-1])
                picks.add(pick.width)
                per_format[fmt].append(cache.path_of(pick).stat().st_size)
        avif, webp = (statistics.median(per_format[f]) for f in ("avif", "webp"))
        source = statistics.median(sources)
        print(f"| {label} | {drawn:g} | {need:g} | {'/'.join(map(str, sorted(picks)))} | "
              f"{avif:,.0f} | {webp:,.0f} | {source:,.0f} | {avif / source:.1%} |")
    fallback = statistics.median(cache.path_of(p.fallback).stat().st_size for p in plans)
    print(f"\nJPEG fallback ({plans[0].fallback.width} px, for browsers without AVIF or WebP): "
          f"median {fallback:,.0f} bytes.")
    placeholder = statistics.median(len(cache.placeholder(p) or "") for p in plans)
    print(f"Placeholder data URI: median {placeholder:,.0f} characters.")


# -- the machine ------------------------------------------------------------------------------


def machine() -> None:
    model = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    from PIL import _avif

    print(f"- nproc: {os.cpu_count()} (usable: {cores()}); CPU: {model}")
    print(f"- Python {platform.python_version()}, Pillow {PIL.__version__}, "
          f"libavif {features.version('avif')} ({_avif.codec_versions()}), "
          f"libwebp {features.version('webp')}, libjpeg-turbo "
          f"{features.version_feature('libjpeg_turbo')}")


def _encode_once(path: str) -> float:
    with Image.open(path) as opened:
        image = opened.convert("RGB").resize((1600, 1205), LANCZOS)
    started = time.perf_counter()
    for _ in range(3):
        encode(image, "AVIF", quality=60, speed=6)
    return time.perf_counter() - started


def scaling(paths: list[Path], repeat: int) -> None:
    """How much slower one encode runs when every core encodes at once: on a machine whose
    cores are shared (SMT siblings, a busy host), no pipeline can reach the ideal."""
    import multiprocessing

    alone, together = [], []
    context = multiprocessing.get_context("forkserver")
    with context.Pool(cores()) as pool:
        for _ in range(repeat):
            wait_for_quiet()
            alone.append(pool.apply(_encode_once, (str(paths[0]),)))
            together.append(statistics.mean(
                pool.map(_encode_once, [str(paths[0])] * cores(), chunksize=1)))
    print(f"- one AVIF encode loop alone: {statistics.median(alone):.2f} s; with all "
          f"{cores()} cores encoding at once: {statistics.median(together):.2f} s each "
          f"(x{statistics.median(together) / statistics.median(alone):.2f}; "
          f"median of {repeat})")


QUIET = {"threshold": 0.15, "max_wait": 180.0}
# A run counts as quiet when other processes used less than this share of the cores.
QUIET_RUN = 0.05


def wait_for_quiet() -> float:
    """Wait (up to QUIET["max_wait"] s) until other processes use less than QUIET["threshold"]
    of the cores over 2 s, so a timed run does not share them; returns the share last seen.
    The machine is shared: this keeps runs comparable, and the share is reported."""
    deadline = time.monotonic() + QUIET["max_wait"]
    while True:
        busy_before, total_before = cpu_times()
        time.sleep(2)
        busy_after, total_after = cpu_times()
        share = (busy_after - busy_before) / max(1, total_after - total_before)
        if share < QUIET["threshold"] or time.monotonic() > deadline:
            return share


def cpu_times() -> tuple[int, int]:
    """(busy, total) jiffies of all cores, from /proc/stat."""
    with open("/proc/stat", encoding="utf-8") as stat:
        fields = [int(v) for v in stat.readline().split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["machine", "quality", "pipeline", "granularity",
                                         "bytes", "all"])
    parser.add_argument("--n", type=int, nargs="+", default=[10])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--banners", type=Path, default=DEFAULT_BANNERS)
    parser.add_argument("--quiet", type=float, default=QUIET["threshold"],
                        help="wait before each timed run until others use less than this "
                             "share of the cores (0..1; 1 = never wait)")
    parser.add_argument("--max-wait", type=float, default=QUIET["max_wait"])
    args = parser.parse_args(argv)
    QUIET.update(threshold=args.quiet, max_wait=args.max_wait)
    # Workers as this process's own children (not the forkserver's), so that their CPU time
    # is counted in RUSAGE_CHILDREN and other processes' share of the machine can be told.
    import multiprocessing

    cache_module._context = lambda: multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory(prefix="hugomat-bench-") as temp:
        work = Path(temp)
        steps: dict[str, Callable[[], None]] = {
            "machine": lambda: (machine(), scaling(banners(1, args.banners), args.repeat)),
            "quality": lambda: quality(banners(3, args.banners)),
            "pipeline": lambda: _pipelines(args, work),
            "granularity": lambda: granularity(banners(max(args.n), args.banners), args.n,
                                               args.repeat, work),
            "bytes": lambda: downloads(banners(max(args.n), args.banners), work),
        }
        for name, step in steps.items():
            if args.what in (name, "all"):
                print(f"\n### {name}\n", flush=True)
                step()
    return 0


def _pipelines(args: argparse.Namespace, work: Path) -> None:
    print("| N | variants | runs | cold s | warm s | warm encodes | ideal serial s | "
          "ideal / cores s | cold / ideal | cold / ideal, quiet runs (count) | best | "
          "cores busy (cold) | others' share | cold / ideal on the cores left | planning s |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in args.n:
        pipeline(banners(n, args.banners), args.repeat, work)


if __name__ == "__main__":
    sys.exit(main())

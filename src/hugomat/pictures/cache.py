"""The folder of encoded variants, and making the missing ones on every core.

A variant's name is a hash of everything its bytes depend on (see planning.py), so a file of
that name in the cache is the variant, once its size and digest match the record written with
it (records.py): a rebuild checks names and records, and encodes only what is new or damaged.
"""

from __future__ import annotations

import base64
import concurrent.futures as futures
import functools
import multiprocessing
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from hugomat.errors import ContentError, ContentErrors
from hugomat.pictures import records
from hugomat.pictures.encode import (
    TEMP_PREFIX,
    Task,
    TaskResult,
    decoded_source,
    run_task,
    start_worker,
)
from hugomat.pictures.planning import MIME_TYPES, PicturePlan, Variant
from hugomat.pictures.progress import Progress, ProgressMode
from hugomat.processes import alive

# Seconds per megapixel at the default settings on the benchmark machine (bench/PICTURES.md):
# reading, decoding and resizing a source, and encoding each format. Only their proportions
# matter: they decide which tasks go first and whether a source is worth splitting.
_DECODE_COST_PER_MPX = 0.06
_COST_PER_MPX = {"avif": 0.174, "webp": 0.084, "jpeg": 0.008}


class CacheError(Exception):
    """The cache folder cannot be used (a file in its place, no permission); the message
    says what is in the way."""


@dataclass(frozen=True)
class EncodeStats:
    encoded: int
    reused: int
    seconds: float
    damaged: tuple[str, ...] = ()
    """Cached variants that were not what the cache wrote, each `name problem`; they are
    counted in `encoded`, made again."""
    unrecorded: int = 0
    """Cached variants without a record (an older hugomat's cache, or put there by hand),
    made again too: nothing unverified is published."""


class VariantCache:
    """Encoded variants under `cache_dir`, one flat folder of content-named files."""

    def __init__(self, cache_dir: Path) -> None:
        self.cache_dir = Path(cache_dir)

    def path_of(self, variant: Variant) -> Path:
        return self.cache_dir / variant.name

    def ensure(self, plans: Iterable[PicturePlan], workers: int | None = None,
               progress: ProgressMode = "auto", granularity: str = "auto") -> EncodeStats:
        """Encode every variant of `plans` that the cache lacks, in `workers` processes (all
        usable cores by default). Raises ContentErrors naming each plan's location and picture
        for the sources that cannot be decoded (damaged, truncated, decompression bombs); the
        other sources' variants are still made. Nothing half-written is ever left behind.

        granularity: "source" (one task per source), "split" (a source's AVIF variants apart
        from its others) or "auto" (split the sources whose splitting ends the run sooner).
        """
        plans = list(plans)
        self._make_folder()
        self._remove_orphans()
        missing: dict[tuple[Path, str], dict[str, Variant]] = {}
        seen: set[str] = set()
        reused = 0
        damaged: list[str] = []
        unrecorded = 0
        for plan in plans:
            for variant in plan.all_variants:
                if variant.name in seen:
                    continue
                seen.add(variant.name)
                path = self.path_of(variant)
                if path.exists():
                    problem = records.problem(path)
                    if problem is None:
                        reused += 1
                        continue
                    if problem == records.NO_RECORD:
                        unrecorded += 1
                    else:
                        damaged.append(f"{variant.name} {problem}")
                missing.setdefault((plan.source, plan.digest), {})[variant.name] = variant
        total = sum(len(v) for v in missing.values())
        if not total:
            return EncodeStats(encoded=0, reused=reused, seconds=0.0)
        workers = max(1, workers or _usable_cores())
        by_source = {(p.source, p.digest): p for p in plans}
        tasks = _tasks(missing, by_source, self.cache_dir, workers, granularity)
        workers = min(workers, len(tasks))
        report = Progress(total, workers, progress)
        failed: dict[tuple[Path, str], str] = {}
        for task, result in _run(tasks, workers):
            if result.error is not None:
                failed[(task.source, task.digest)] = result.error
            report.advance(len(result.written), task.source.name)
        seconds = report.finish()
        if failed:
            raise ContentErrors(_errors(plans, failed))
        return EncodeStats(encoded=total, reused=reused, seconds=seconds,
                           damaged=tuple(damaged), unrecorded=unrecorded)

    def decode_problems(self, plans: Iterable[PicturePlan]) -> list[ContentError]:
        """What encoding `plans` would stop on, found without encoding: each source the cache
        lacks variants of is read and decoded, one after the other (`hugomat check`; a build
        finds the same while encoding)."""
        plans = list(plans)
        failed: dict[tuple[Path, str], str] = {}
        checked: set[tuple[Path, str]] = set()
        for plan in plans:
            key = (plan.source, plan.digest)
            if key in checked or all(self.path_of(v).is_file() for v in plan.all_variants):
                continue
            checked.add(key)
            decoded = decoded_source(plan.source, plan.digest, plan.max_pixels)
            if isinstance(decoded, str):
                failed[key] = decoded
        return _errors(plans, failed)

    def site_files(self, plans: Iterable[PicturePlan]) -> dict[str, Path]:
        """What to publish: site path -> cached file, for every variant with a site path."""
        return {v.site_path: self.path_of(v) for p in plans for v in p.variants if v.site_path}

    def placeholder(self, plan: PicturePlan) -> str | None:
        """The plan's placeholder as a data URI (after ensure()), or None if it has none."""
        if plan.placeholder is None:
            return None
        data = self.path_of(plan.placeholder).read_bytes()
        return data_uri(data, plan.placeholder.format)

    def _make_folder(self) -> None:
        try:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
        except (FileExistsError, NotADirectoryError):
            # A file where the folder or one of its parents should be.
            blocking = next((p for p in (self.cache_dir, *self.cache_dir.parents)
                             if p.exists() and not p.is_dir()), self.cache_dir)
            raise CacheError(f"the picture cache {_shown(self.cache_dir)} cannot be made: "
                             f"{_shown(blocking)} is a file, not a folder; remove it, or set "
                             f"cache_dir in mkdocs.yml") from None
        except OSError as error:
            raise CacheError(f"the picture cache {_shown(self.cache_dir)} cannot be made: "
                             f"{error.strerror or error}") from None

    def _remove_orphans(self) -> None:
        # Temporary files whose writer died (a build killed mid-encode); a live writer's are
        # left alone, another build may share this cache.
        for temp in self.cache_dir.glob(f"{TEMP_PREFIX}*"):
            match = re.match(re.escape(TEMP_PREFIX) + r"(\d+)-", temp.name)
            if match is None or not alive(int(match.group(1))):
                temp.unlink(missing_ok=True)


def _shown(path: Path) -> str:
    """`path` as a person in the current folder would type it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def data_uri(data: bytes, fmt: str) -> str:
    return f"data:{MIME_TYPES[fmt]};base64,{base64.b64encode(data).decode('ascii')}"


def _tasks(missing: dict[tuple[Path, str], dict[str, Variant]],
           plans: dict[tuple[Path, str], PicturePlan], cache_dir: Path, workers: int,
           granularity: str) -> list[Task]:
    """The tasks, longest first: one per source (decoded once), or two (its AVIF variants,
    the rest) for the sources where splitting lets all `workers` finish closer together.

    Splitting decodes and resizes the source twice (~13% more work for a banner), so it only
    pays at the end of a run, when a worker would otherwise wait: "auto" simulates the run
    (longest task first to the first free worker) with and without splitting the k cheapest
    sources, k up to 2 x workers, and keeps the shortest. "source" and "split" force one way.
    """
    if granularity not in ("auto", "source", "split"):
        raise ValueError(f"granularity must be auto, source or split, not {granularity!r}")
    wholes, halves = [], []
    for key, named in missing.items():
        source, digest = key
        variants = tuple(named.values())
        task = functools.partial(Task, source, digest, cache_dir=cache_dir,
                                 max_pixels=plans[key].max_pixels)
        pixels = plans[key].width * plans[key].height
        wholes.append((_cost(variants, pixels), task(variants)))
        avif = tuple(v for v in variants if v.format == "avif" and v.role == "picture")
        rest = tuple(v for v in variants if v not in avif)
        halves.append([(_cost(part, pixels), task(part)) for part in (avif, rest) if part])
    order = sorted(range(len(wholes)), key=lambda i: wholes[i][0])  # cheapest first
    if granularity == "source":
        split = 0
    elif granularity == "split":
        split = len(order)
    else:
        def makespan(k: int) -> float:
            costs = [c for i in order[:k] for c, _ in halves[i]]
            return _makespan(costs + [wholes[i][0] for i in order[k:]], workers)

        split = min(range(min(len(order), 2 * workers) + 1), key=lambda k: (makespan(k), k))
    chosen = [t for i in order[:split] for t in halves[i]] + [wholes[i] for i in order[split:]]
    return [task for _, task in sorted(chosen, key=lambda ct: ct[0], reverse=True)]


def _cost(variants: tuple[Variant, ...], source_pixels: int) -> float:
    return (source_pixels * _DECODE_COST_PER_MPX
            + sum(v.width * v.height * _COST_PER_MPX[v.format] for v in variants)) / 1e6


def _makespan(costs: list[float], workers: int) -> float:
    """When the last worker finishes if each free worker takes the longest task left."""
    loads = [0.0] * workers
    for cost in sorted(costs, reverse=True):
        loads[loads.index(min(loads))] += cost
    return max(loads)


def _run(tasks: list[Task], workers: int) -> Iterator[tuple[Task, TaskResult]]:
    if workers == 1:
        for task in tasks:
            yield task, run_task(task)
        return
    with futures.ProcessPoolExecutor(max_workers=workers, mp_context=_context(),
                                     initializer=start_worker,
                                     initargs=(os.getpid(),)) as pool:
        pending = {pool.submit(run_task, task): task for task in tasks}
        try:
            for done in futures.as_completed(pending):
                yield pending[done], done.result()
        except BaseException:
            for future in pending:
                future.cancel()
            # Leaving the pool waits for the running tasks, which ignore Ctrl-C: after an
            # interruption or an error nobody wants their variants, so stop them now.
            # (_processes is private, but the pool offers no other handle on its workers.)
            for process in list(getattr(pool, "_processes", {}).values()):
                process.terminate()
            raise


def _context() -> multiprocessing.context.BaseContext:
    # Not fork: MkDocs' server runs threads, and forking a threaded process can deadlock. Not
    # the fork server in a forked worker (another language's build): it inherits the record of
    # its parent's fork server, which is not its child, and fails on it (ECHILD) from the
    # second build of a process on (every rebuild of `serve`).
    methods = multiprocessing.get_all_start_methods()
    forked = multiprocessing.parent_process() is not None
    return multiprocessing.get_context(
        "forkserver" if "forkserver" in methods and not forked else "spawn")


def _errors(plans: list[PicturePlan], failed: dict[tuple[Path, str], str]) -> list[ContentError]:
    errors: dict[tuple[str, str], ContentError] = {}
    for plan in plans:
        message = failed.get((plan.source, plan.digest))
        if message is not None:
            error = ContentError(plan.at, f"picture '{plan.site_path}' {message}")
            errors.setdefault((str(plan.at), error.message), error)
    return list(errors.values())


def _usable_cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1

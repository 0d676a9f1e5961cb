"""Pages rendered in forked worker processes, merged in page order.

MkDocs renders a site's pages one at a time: every page's Markdown to HTML (populate), then
every page through the theme's templates (build). During `hugomat build`, each of those two
loops is handed over whole (adapter.mkdocs_pages.deferred) and split into contiguous slices:
the build process renders the first page, forks the workers, and renders the first slice
itself while they render the others from the same state. A worker sends back, page by page,
what the build process keeps of a page: its populated fields (the HTML, table of contents,
anchors), its search index entries and the log records it made. The build process applies
them in page order, so the site, the search index and the log are those of a one-process
build. Workers write the pages' HTML files themselves.

A page a worker could not render (a content mistake, anything raised) is rendered again by
the build process, with the pages of that slice after it: the mistake is then raised and
logged exactly as in a one-process build, and the build stops there as one would.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from hugomat.adapter import mkdocs_pages
from hugomat.adapter.compat import search_entries, search_indexes
from hugomat.processes import die_with_parent

WORKERS_VARIABLE = "HUGOMAT_PAGE_WORKERS"
# Below this many pages one process: on a busy 2-core machine, books of up to 86 pages were
# no faster with a worker, and little is lost below this either way (bench/PARALLEL.md).
MIN_PAGES = 100
# Plugins whose per-page work is either local to the page or the search entries collected
# here; with any other plugin the pages are rendered in one process.
SAFE_PLUGINS = frozenset({
    "hugomat.adapter.plugin.HugomatPlugin",
    "material.plugins.search.plugin.SearchPlugin",
    "mkdocs.contrib.search.SearchPlugin",
})

log = logging.getLogger("mkdocs.plugins.hugomat.parallel")
STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}

T = TypeVar("T")
R = TypeVar("R")


class WorkerSettingError(ValueError):
    """HUGOMAT_PAGE_WORKERS is not a whole number of at least 1."""


def requested_workers(environ: dict[str, str] | os._Environ[str]) -> int | None:
    value = environ.get(WORKERS_VARIABLE, "").strip()
    if not value:
        return None
    if not value.isdigit() or int(value) < 1:
        raise WorkerSettingError(f"{WORKERS_VARIABLE} must be a whole number of at least 1, "
                                 f"not {value!r}")
    return int(value)


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def fork_is_safe() -> bool:
    """Whether a forked worker can run: the only other threads are those of a process pool
    (the other languages' builds), which wait on pipes and hold no lock a worker needs. With
    any other thread (the preview server's), a forked child could deadlock."""
    if not hasattr(os, "fork"):
        return False
    return all(thread is threading.main_thread() or _pool_thread(thread)
               for thread in threading.enumerate())


def _pool_thread(thread: threading.Thread) -> bool:
    return (type(thread).__module__ == "concurrent.futures.process"
            or thread.name == "QueueFeederThread")


@dataclass
class Split(Generic[T, R]):
    """One loop of MkDocs' build, split across processes."""

    work: Callable[[T], R]
    """Runs in a worker: render one item, return what the build process must keep of it."""
    apply: Callable[[T, R], None]
    """Runs in the build process, in item order: take over a worker's result."""
    direct: Callable[[T], None]
    """Runs in the build process: render one item there (its own slice, a failed one)."""


@dataclass
class _Worker:
    pid: int
    read_fd: int
    reaped: bool = False


def run_split(items: Sequence[T], workers: int, split: Split[T, R]) -> None:
    """Render `items` with `workers` processes (this one included), merged in item order."""
    slices = _slices(items[1:], workers)
    if workers <= 1 or len(slices) <= 1:
        for item in items:
            split.direct(item)
        return
    # The first page here, before forking: the templates it loads and compiles and the
    # modules it imports (lexers, extensions) are then ready in every worker.
    split.direct(items[0])
    log.debug(f"{len(items)} pages rendered by {len(slices)} processes")
    started: list[_Worker] = []
    try:
        sys.stdout.flush()
        sys.stderr.flush()
        # Objects that exist now are never touched by a worker's garbage collector: fewer
        # of the build process's memory pages are copied into each worker.
        gc.freeze()
        # Ctrl-C and SIGTERM held back until every worker is known: a KeyboardInterrupt
        # raised in os.fork's own after-fork handlers is printed and dropped, and the build
        # would go on.
        held = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
        try:
            for part in slices[1:]:
                started.append(_fork(part, split.work))
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
            gc.unfreeze()
        for item in slices[0]:
            split.direct(item)
        for worker, part in zip(started, slices[1:], strict=True):
            results, failed_at = _collect(worker)
            for item, blob in zip(part, results, strict=False):
                records, value = pickle.loads(blob)
                _replay(records)
                split.apply(item, value)
            if failed_at is not None:
                for item in part[len(results):]:
                    split.direct(item)
    finally:
        for worker in started:
            _stop(worker)


def _slices(items: Sequence[T], workers: int) -> list[Sequence[T]]:
    count = max(1, min(workers, len(items)))
    size, extra = divmod(len(items), count)
    slices, start = [], 0
    for index in range(count):
        end = start + size + (1 if index < extra else 0)
        slices.append(items[start:end])
        start = end
    return [part for part in slices if part]


def _fork(part: Sequence[T], work: Callable[[T], R]) -> _Worker:
    parent = os.getpid()
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker: never returns
        status = 1
        try:
            os.close(read_fd)
            _worker_main(parent, part, work, write_fd)
            status = 0
        finally:
            os._exit(status)
    os.close(write_fd)
    return _Worker(pid, read_fd)


def _worker_main(parent: int, part: Sequence[T], work: Callable[[T], R], write_fd: int) -> None:
    # Ctrl-C reaches the whole process group: the build process stops its workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
    die_with_parent(parent)
    collector = _Records()
    logger = logging.getLogger("mkdocs")
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    logger.addHandler(collector)
    logger.propagate = False
    results: list[bytes] = []
    failed_at: int | None = None
    for index, item in enumerate(part):
        collector.records.clear()
        try:
            value = work(item)
            results.append(pickle.dumps((list(collector.records), value),
                                        protocol=pickle.HIGHEST_PROTOCOL))
        except BaseException:
            # The build process renders this page again and reports what went wrong.
            failed_at = index
            break
    data = pickle.dumps((results, failed_at), protocol=pickle.HIGHEST_PROTOCOL)
    with os.fdopen(write_fd, "wb") as pipe:
        pipe.write(data)


class _Records(logging.Handler):
    """What a worker logs, kept to be logged again by the build process."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def _replay(records: list[tuple[str, int, str]]) -> None:
    for name, level, message in records:
        logging.getLogger(name).log(level, message)


def _collect(worker: _Worker) -> tuple[list[bytes], int | None]:
    """The worker's results; a worker that died sent nothing (all its pages failed)."""
    chunks = []
    with os.fdopen(worker.read_fd, "rb", closefd=True) as pipe:
        worker.read_fd = -1
        while chunk := pipe.read(1 << 20):
            chunks.append(chunk)
    os.waitpid(worker.pid, 0)
    worker.reaped = True
    try:
        results, failed_at = pickle.loads(b"".join(chunks))
    except Exception:
        return [], 0
    return results, failed_at


def _stop(worker: _Worker) -> None:
    if worker.read_fd >= 0:
        os.close(worker.read_fd)
        worker.read_fd = -1
    if not worker.reaped:
        with contextlib.suppress(ProcessLookupError):
            os.kill(worker.pid, signal.SIGKILL)
        os.waitpid(worker.pid, 0)
        worker.reaped = True


# -- MkDocs' two page loops ---------------------------------------------------------------


@dataclass(frozen=True)
class _Populate:
    page: Any
    config: Any
    files: Any


@dataclass(frozen=True)
class _Build:
    page: Any
    config: Any
    doc_files: Any
    nav: Any
    env: Any
    excluded: bool


class ParallelPages:
    """The stand-ins for MkDocs' page functions during one build (see the module's doc)."""

    def __init__(self, workers: int | None = None) -> None:
        self.requested = workers
        """None: as many as the machine has cores to spare, one below MIN_PAGES."""
        self.populating: list[_Populate] = []
        self.building: list[_Build] = []
        self.populated = False
        self.built = False
        # A process forked from this one (another language's build) inherits the stand-ins:
        # it renders its pages itself, one by one.
        self.owner = os.getpid()

    def populate(self, page: Any, config: Any, files: Any, dirty: bool = False) -> None:
        if self.populated or dirty or os.getpid() != self.owner:
            mkdocs_pages.populate_page(page, config, files, dirty)
            return
        self.populating.append(_Populate(page, config, files))
        expected = mkdocs_pages.page_files(files)
        position = len(self.populating) - 1
        if position >= len(expected) or expected[position].page is not page:
            # Not the loop this was written for: render what waits, and the rest as it comes.
            self._run_populate(1)
        elif len(self.populating) == len(expected):
            self._run_populate(self.workers(len(expected), config))

    def build(self, page: Any, config: Any, doc_files: Sequence[Any], nav: Any, env: Any,
              dirty: bool = False, excluded: bool = False) -> None:
        if self.built or dirty or os.getpid() != self.owner:
            mkdocs_pages.build_page(page, config, doc_files, nav, env, dirty, excluded)
            return
        self.building.append(_Build(page, config, doc_files, nav, env, excluded))
        position = len(self.building) - 1
        if position >= len(doc_files) or doc_files[position].page is not page:
            self._run_build(1)
        elif len(self.building) == len(doc_files):
            self._run_build(self.workers(len(doc_files), config))

    def workers(self, pages: int, config: Any) -> int:
        if not fork_is_safe() or not all(_is_safe(plugin) for plugin in config.plugins.values()):
            return 1
        if self.requested is not None:
            return self.requested
        if pages < MIN_PAGES:
            return 1
        cores = usable_cores()
        return max(1, cores - _other_builds(config, cores))

    def _run_populate(self, workers: int) -> None:
        items, self.populating, self.populated = self.populating, [], True

        def work(item: _Populate) -> dict[str, Any]:
            mkdocs_pages.populate_page(item.page, item.config, item.files)
            return mkdocs_pages.populated_state(item.page)

        def apply(item: _Populate, state: dict[str, Any]) -> None:
            mkdocs_pages.apply_populated_state(item.page, state, item.files)

        def direct(item: _Populate) -> None:
            mkdocs_pages.populate_page(item.page, item.config, item.files)

        run_split(items, workers, Split(work, apply, direct))

    def _run_build(self, workers: int) -> None:
        items, self.building, self.built = self.building, [], True
        if not items:
            return
        entry_lists = _search_entries(items[0].config)

        def work(item: _Build) -> list[list[Any]]:
            before = [len(entries) for entries in entry_lists]
            direct(item)
            return [entries[start:] for entries, start in zip(entry_lists, before, strict=True)]

        def apply(item: _Build, added: list[list[Any]]) -> None:
            for entries, new in zip(entry_lists, added, strict=True):
                entries.extend(new)

        def direct(item: _Build) -> None:
            mkdocs_pages.build_page(item.page, item.config, item.doc_files, item.nav, item.env,
                                    False, item.excluded)

        run_split(items, workers, Split(work, apply, direct))


def _is_safe(plugin: Any) -> bool:
    kind = type(plugin)
    return f"{kind.__module__}.{kind.__qualname__}" in SAFE_PLUGINS


def _search_entries(config: Any) -> list[list[Any]]:
    """The lists the search plugins add a page's entries to while it is built."""
    return [entries for _, index in search_indexes(config)
            if (entries := search_entries(index)) is not None]


def _other_builds(config: Any, cores: int) -> int:
    """How many processes build the book's other languages meanwhile (adapter.languages)."""
    plugin = config.plugins.get("hugomat")
    builds = getattr(plugin, "builds", None)
    jobs = getattr(builds, "jobs", None)
    if not jobs:
        return 0
    return max(1, min(len(jobs), cores - 1))


def parallel_pages(workers: int | None = None) -> Any:
    """A context for one `mkdocs build`: its pages rendered by `workers` processes."""
    pages = ParallelPages(workers)
    return mkdocs_pages.deferred(pages.populate, pages.build)

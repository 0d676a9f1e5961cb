"""A multilingual book: one MkDocs build per language, the other languages in parallel processes.

The default language is built by the build MkDocs was asked for, at the site's root; while it
runs, the others are built in worker processes into folders of their own, which are moved to
`site/<code>/` when every build has succeeded.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import tempfile
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from hugomat.adapter.atomic import LANGUAGE_STAGING


@dataclass(frozen=True)
class LanguageJob:
    config_file: str
    language: str
    site_dir: str
    site_url: str | None
    strict: bool
    drafts: bool


@dataclass
class LanguageResult:
    language: str
    site_dir: str
    ok: bool
    messages: list[tuple[int, str]] = field(default_factory=list)
    """What the build logged at warning level and above: (level, message)."""
    root_pictures: dict[str, str] = field(default_factory=dict)
    """The picture variants its pages draw from the site's root: site path -> cached file."""
    root_static: dict[str, str] = field(default_factory=dict)
    """Its static files, left for the parent to link in: site path -> source file."""


def build_language(job: LanguageJob) -> LanguageResult:
    """Build one language into job.site_dir; runs in a worker process."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import Abort, BuildError

    from hugomat.adapter import logs
    from hugomat.adapter.failures import UsageError
    from hugomat.adapter.loading import load

    # What this build logs goes back to the parent, which prints it: a forked worker must not
    # print it a second time through the handlers it inherited.
    logger = logging.getLogger("mkdocs")
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    logger.propagate = False
    with logs.collected() as messages:
        try:
            config = load(job.config_file, strict=job.strict, drafts=job.drafts,
                          site_dir=job.site_dir)
            plugin = config.plugins["hugomat"]
            plugin.language = job.language
            # One set of picture files for every language: the default language's.
            plugin.pictures_at_root = True
            if job.site_url is not None:
                config.site_url = job.site_url
            mkdocs_build(config)
        except (Abort, BuildError, UsageError) as error:
            failure = (logging.ERROR, f"{job.language}: {error}")
            return LanguageResult(job.language, job.site_dir, False, [*messages, failure])
    return LanguageResult(job.language, job.site_dir, True, list(messages),
                          dict(plugin.root_pictures), dict(plugin.root_static))


class LanguageBuilds:
    """The other languages' builds, started together and collected at the end."""

    def __init__(self, jobs: list[LanguageJob]) -> None:
        self.jobs = jobs
        # One core stays with the build of the default language.
        workers = max(1, min(len(jobs), (os.cpu_count() or 1) - 1))
        self.pool = ProcessPoolExecutor(workers, mp_context=_context())
        self.futures: list[Future[LanguageResult]] = [
            self.pool.submit(build_language, job) for job in jobs]

    def results(self) -> list[LanguageResult]:
        try:
            return [future.result() for future in self.futures]
        finally:
            self.pool.shutdown()

    def cancel(self) -> None:
        for future in self.futures:
            future.cancel()
        self.pool.shutdown(wait=True, cancel_futures=True)
        for job in self.jobs:
            shutil.rmtree(job.site_dir, ignore_errors=True)


def _context() -> multiprocessing.context.BaseContext:
    """'fork' when this process runs no other thread: the worker starts at once, with MkDocs,
    Material and hugomat already imported. 'spawn' otherwise (the preview server runs threads,
    and a forked child of a threaded process can deadlock)."""
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def staging_for(site_dir: str, language: str) -> str:
    """A fresh folder beside the site for one language's build; the pid in its name tells
    a later build whether the build that made it still runs (atomic.remove_stale)."""
    parent = Path(site_dir).resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    return tempfile.mkdtemp(prefix=f"{LANGUAGE_STAGING}{language}-{os.getpid()}-", dir=parent)


# Codes sites use that name a language Material knows under another code.
INTERFACE_ALIASES = {"cn": "zh", "zh-cn": "zh", "zh-hans": "zh", "zh-sg": "zh",
                     "zh-hk": "zh-Hant", "zh-mo": "zh-Hant", "jp": "ja", "kr": "ko",
                     "ua": "uk", "se": "sv", "dk": "da", "gr": "el", "iw": "he", "in": "id",
                     "no": "nb"}


def interface_languages(theme_dirs: list[str]) -> dict[str, str]:
    """The languages the theme has interface strings for (its partials/languages/*.html, in
    Material and in any override folder): lower-cased code -> code as the theme spells it."""
    found: dict[str, str] = {}
    for folder in theme_dirs:
        languages = Path(folder) / "partials" / "languages"
        try:
            names = [entry.name for entry in languages.iterdir()]
        except OSError:
            continue
        for name in names:
            if name.endswith(".html"):
                found.setdefault(name[: -len(".html")].lower(), name[: -len(".html")])
    return found


def interface_language(code: str, available: dict[str, str]) -> str:
    """The language of the theme's interface for a site in `code`: `code` itself when the
    theme has it (in any case: pt-br is pt-BR), else the nearest one it has (an alias, then
    the language without its region), else English."""
    wanted = code.strip().lower().replace("_", "-")
    for candidate in (wanted, INTERFACE_ALIASES.get(wanted, ""), wanted.split("-")[0],
                      INTERFACE_ALIASES.get(wanted.split("-")[0], "")):
        if candidate and candidate.lower() in available:
            return available[candidate.lower()]
    return "en"

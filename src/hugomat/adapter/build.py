"""Running a MkDocs build of the book into a folder, atomically.

UsageError, BuildFailed (hugomat.adapter.failures) and load (hugomat.adapter.loading) are
here too, for the commands."""

from __future__ import annotations

import logging
import os
import shutil
import traceback
from pathlib import Path

from jinja2 import TemplateError, TemplateSyntaxError
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError

from hugomat.adapter import logs
from hugomat.adapter.atomic import NotReplaceable, check_replaceable, replace_dir, staging_dir
from hugomat.adapter.failures import BuildFailed, UsageError
from hugomat.adapter.loading import load
from hugomat.adapter.out_folder import Kind, mark
from hugomat.adapter.parallel import WorkerSettingError, parallel_pages, requested_workers
from hugomat.adapter.preview import QuietDirtyWarning
from hugomat.adapter.site_options import site_options
from hugomat.read.source import display

__all__ = ["BuildFailed", "UsageError", "build", "build_changes", "load", "template_problem"]


def template_problem(error: TemplateError) -> str:
    """A template's mistake at its place: the file and line Jinja names for a syntax error,
    else the innermost template frame of the traceback (where Jinja puts the template's own
    file and line)."""
    where = ""
    if isinstance(error, TemplateSyntaxError) and error.filename:
        where = f"{display(error.filename)}:{error.lineno}: "
    else:
        frames = [frame for frame in traceback.extract_tb(error.__traceback__)
                  if frame.filename.endswith((".html", ".xml", ".j2", ".jinja"))]
        if frames:
            where = f"{display(frames[-1].filename)}:{frames[-1].lineno}: "
    return f"{where}template: {error.message or type(error).__name__}"


def build_changes(config: MkDocsConfig, serve_url: str) -> None:
    """A dirty build into the served folder itself: only the pages the plugin says changed
    are rendered (see adapter.preview). For the preview server, which serves nothing while a
    build runs."""
    quiet = QuietDirtyWarning()
    logging.getLogger("mkdocs.commands.build").addFilter(quiet)
    config.plugins.on_startup(command="serve", dirty=True)
    try:
        with logs.collected() as problems:
            mkdocs_build(config, serve_url=serve_url, dirty=True)
    except (Abort, BuildError) as error:
        lines = [message for _, message in problems] or [str(error)]
        raise BuildFailed("\n".join(lines)) from None
    finally:
        config.plugins.on_shutdown()
        logging.getLogger("mkdocs.commands.build").removeFilter(quiet)


def build(config: MkDocsConfig, *, clean_cache: bool = False,
          workers: int | None = None) -> Path:
    """Build into a folder beside site_dir and swap it in only when the build succeeded.
    The pages are rendered by `workers` processes (adapter.parallel; None: HUGOMAT_PAGE_WORKERS
    or as many as there are cores to spare)."""
    if workers is None:
        try:
            workers = requested_workers(os.environ)
        except WorkerSettingError as error:
            raise UsageError(str(error)) from None

    target = Path(config.site_dir)
    try:
        check_replaceable(target)
    except NotReplaceable as error:
        raise UsageError(f"cannot write the site to {target}: {error}") from None
    if clean_cache:
        shutil.rmtree(site_options(config).cache_dir, ignore_errors=True)
    with staging_dir(target) as staging:
        config.site_dir = str(staging)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            with logs.collected() as problems, parallel_pages(workers):
                mkdocs_build(config)
        except (Abort, BuildError) as error:
            # What was logged says what went wrong; MkDocs' own "Aborted with ..." only if not.
            lines = [message for _, message in problems] or [str(error)]
            raise BuildFailed("\n".join(lines)) from None
        except TemplateError as error:
            # A template override of the site (theme.custom_dir) is the site's configuration.
            raise UsageError(template_problem(error)) from None
        finally:
            config.plugins.on_shutdown()
            config.site_dir = str(target)
        mark(staging, Kind.SITE)
        replace_dir(staging, target)
    return target

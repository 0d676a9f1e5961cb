"""Running a MkDocs build of the book into a folder, atomically."""

from __future__ import annotations

import logging
import os
import shutil
import traceback
from pathlib import Path

from jinja2 import TemplateError, TemplateSyntaxError
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError, ConfigurationError

from hugomat.adapter import logs
from hugomat.adapter.atomic import NotReplaceable, check_replaceable, replace_dir, staging_dir
from hugomat.adapter.config import options_problem
from hugomat.adapter.config_file import config_file_problem
from hugomat.adapter.parallel import WorkerSettingError, parallel_pages, requested_workers
from hugomat.adapter.plugin import HugomatPlugin
from hugomat.adapter.preview import QuietDirtyWarning


class UsageError(Exception):
    """The command or mkdocs.yml is wrong, not the content (exit code 2)."""


class BuildFailed(Exception):
    """The build stopped; what went wrong has been logged (exit code 1)."""


def template_problem(error: TemplateError) -> str:
    """A template's mistake at its place: the file and line Jinja names for a syntax error,
    else the innermost template frame of the traceback (where Jinja puts the template's own
    file and line)."""
    where = ""
    if isinstance(error, TemplateSyntaxError) and error.filename:
        where = f"{_shown(error.filename)}:{error.lineno}: "
    else:
        frames = [frame for frame in traceback.extract_tb(error.__traceback__)
                  if frame.filename.endswith((".html", ".xml", ".j2", ".jinja"))]
        if frames:
            where = f"{_shown(frames[-1].filename)}:{frames[-1].lineno}: "
    return f"{where}template: {error.message or type(error).__name__}"


def _shown(path: str) -> str:
    """A path as the person running hugomat names it: from the working folder when inside it."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def load(config_file: str | None, *, strict: bool = False, drafts: bool = False,
         site_dir: str | None = None, dev_addr: str | None = None,
         site_url: str | None = None) -> MkDocsConfig:
    """mkdocs.yml with the command line's choices applied to MkDocs and to the plugin."""
    overrides: dict[str, object] = {"strict": strict}
    if site_dir is not None:
        overrides["site_dir"] = site_dir
    if site_url is not None:
        overrides["site_url"] = site_url
    if dev_addr is not None:
        overrides["dev_addr"] = dev_addr
    # The plugin's options first: one located line (MkDocs would say it in two, unlocated).
    problem = config_file_problem(config_file) or options_problem(config_file)
    if problem is not None:
        raise UsageError(problem)
    try:
        config = load_config(config_file, **overrides)
    except (Abort, ConfigurationError) as error:
        raise UsageError(str(error)) from None
    except OSError as error:  # a file it INHERITs from, say
        raise UsageError(f"{error.filename}: cannot be read: {error.strerror}") from None
    plugin = config.plugins.get("hugomat")
    if not isinstance(plugin, HugomatPlugin):
        raise UsageError(f"{config.config_file_path}: the 'hugomat' plugin is not listed "
                         f"under plugins:")
    plugin.config.strict = plugin.config.strict or strict
    plugin.config.drafts = plugin.config.drafts or drafts
    return config


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
    from hugomat.adapter.out_folder import Kind, mark  # it imports this module's UsageError

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
        plugin = config.plugins["hugomat"]
        cache = Path(config.config_file_path).parent / plugin.config.cache_dir
        shutil.rmtree(cache, ignore_errors=True)
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

"""Python-Markdown's rendering of each page kept on disk, so that a rebuild renders only the
pages whose rendering could differ.

MkDocs renders a page's Markdown with a new Python-Markdown instance (`Page.render`): its
HTML, table of contents, title and anchors are a function of the Markdown, of where the page
and every other file of the site stand (links are made relative and checked against them),
and of the Markdown extensions and their options. An entry is named after a hash of all of
those, so a changed page, a moved file or another option is never missed; entries are kept in
a folder named after hugomat's code and the versions of the packages that render, and the
folders of other versions are removed when the cache is opened (as hugomat.render.conversion_cache).

Not cached, so rendered every time: pages whose rendering logged anything (a broken link is
reported at every build), and every page of a site using a Markdown extension outside
`PURE_EXTENSIONS` (one that may read other files, such as `pymdownx.snippets`) or options
that cannot be written down exactly.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
import shutil
import tempfile
from collections.abc import Callable, Iterator
from functools import cache
from importlib import metadata
from pathlib import Path
from types import CodeType
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from hugomat.adapter.mkdocs_pages import apply_populated_state, populated_state
from hugomat.render.conversion_cache import code_version

# What renders a page besides hugomat's own code.
RENDER_PACKAGES = ("mkdocs", "Markdown", "pymdown-extensions", "Pygments", "mkdocs-material")
# Extensions whose output depends only on the page's Markdown and their options. Any other
# turns the cache off: it could read a file the key does not name.
PURE_EXTENSIONS = frozenset({
    "abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables",
    "toc", "sane_lists", "smarty", "nl2br", "meta", "fenced_code", "codehilite", "wikilinks",
    "legacy_attrs", "legacy_em",
    "pymdownx.arithmatex", "pymdownx.betterem", "pymdownx.blocks.admonition",
    "pymdownx.blocks.details", "pymdownx.blocks.html", "pymdownx.blocks.tab",
    "pymdownx.blocks.definition", "pymdownx.caret", "pymdownx.critic", "pymdownx.details",
    "pymdownx.emoji", "pymdownx.escapeall", "pymdownx.fancylists", "pymdownx.highlight",
    "pymdownx.inlinehilite", "pymdownx.keys", "pymdownx.magiclink", "pymdownx.mark",
    "pymdownx.progressbar", "pymdownx.saneheaders", "pymdownx.smartsymbols",
    "pymdownx.superfences", "pymdownx.tabbed", "pymdownx.tasklist", "pymdownx.tilde",
    "material.extensions.emoji",
})
# The loggers a page's rendering may speak through.
RENDER_LOGGERS = ("mkdocs", "MARKDOWN")
_RENDERED = ("content", "toc", "_title_from_render", "present_anchor_ids", "links_to_anchors")


class Unwritable(Exception):
    """An option value whose exact meaning cannot be written into a key."""


class EntryStore:
    """Pickled entries under `folder`, named by key, in a subfolder for this hugomat and these
    packages (the subfolders of other versions are removed when the store is opened)."""

    def __init__(self, folder: Path) -> None:
        version = _render_version()
        self.folder = folder / version
        if folder.is_dir():
            for other in folder.iterdir():
                if other.is_dir() and other.name != version:
                    shutil.rmtree(other, ignore_errors=True)

    def get(self, key: str) -> Any:
        try:
            with open(os.path.join(self.folder, key[:2], key), "rb") as entry:
                return pickle.load(entry)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError,
                TypeError, ImportError):
            return None  # missing or unreadable: made again

    def put(self, key: str, value: Any) -> None:
        target = self.folder / key[:2] / key
        try:
            data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, target)
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            with contextlib.suppress(OSError, UnboundLocalError):
                os.unlink(temporary)  # not kept, no harm: made again next time


class RenderedPages:
    """Rendered pages under `folder`, for this hugomat and these packages."""

    def __init__(self, folder: Path, config: MkDocsConfig) -> None:
        self.store = EntryStore(folder)
        self.folder = self.store.folder
        self.reused = 0
        self.rendered = 0
        self.options = _options_key(config)
        """None: the site's extensions may read what a key cannot name; nothing is cached."""
        self._files_keys: dict[int, tuple[Files, str]] = {}

    def wrap(self, page: Page) -> None:
        """From now on `page.render` takes its result from here when it can."""
        if self.options is None:
            return
        render = page.render

        def cached_render(config: MkDocsConfig, files: Files) -> None:
            self.render(page, render, config, files)

        page.render = cached_render  # type: ignore[method-assign]

    def render(self, page: Page, render: Callable[[MkDocsConfig, Files], None],
               config: MkDocsConfig, files: Files) -> None:
        key = self.key(page, files)
        state = self.store.get(key)
        if isinstance(state, dict):
            apply_populated_state(page, state, files)
            self.reused += 1
            return
        with _logged() as said:
            render(config, files)
        self.rendered += 1
        if not said:
            state = populated_state(page)
            self.store.put(key, {name: state[name] for name in _RENDERED})

    def key(self, page: Page, files: Files) -> str:
        digest = hashlib.sha256((page.markdown or "").encode("utf-8", "surrogatepass"))
        file = page.file
        digest.update(repr((file.src_uri, file.dest_uri, file.url, self.options,
                            self._files_key(files))).encode())
        return digest.hexdigest()

    def _files_key(self, files: Files) -> str:
        """Every file a link could lead to, where it is published, and whether it is."""
        known = self._files_keys.get(id(files))
        if known is not None and known[0] is files:
            return known[1]
        digest = hashlib.sha256()
        for file in sorted(files, key=lambda f: f.src_uri):
            digest.update(f"{file.src_uri}\0{file.dest_uri}\0{file.url}\0{file.inclusion.name}"
                          f"\0{file.is_documentation_page()}\n".encode())
        value = digest.hexdigest()
        self._files_keys = {id(files): (files, value)}
        return value


@cache
def _render_version() -> str:
    digest = hashlib.sha256(code_version().encode())
    for name in RENDER_PACKAGES:
        with contextlib.suppress(metadata.PackageNotFoundError):
            digest.update(f"{name}={metadata.version(name)}".encode())
    return digest.hexdigest()[:16]


def _options_key(config: MkDocsConfig) -> str | None:
    """The extensions, their options and MkDocs' own settings that shape a rendering; None
    when one of them is outside what the cache can vouch for."""
    names = config.markdown_extensions
    if not all(isinstance(name, str) and name in PURE_EXTENSIONS for name in names):
        return None
    try:
        options = _written(dict(config.mdx_configs))
    except Unwritable:
        return None
    return repr((list(names), options, config.use_directory_urls,
                 _written(dict(config.validation))))


def _written(value: Any) -> Any:
    """`value` as plain data that says exactly what it is (functions by their code)."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, dict):
        return sorted((str(k), _written(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return [_written(item) for item in value]
    if callable(value) and hasattr(value, "__code__"):
        cells = [_written(cell.cell_contents) for cell in value.__closure__ or ()]
        defaults = _written(list(value.__defaults__ or ()))
        return (value.__module__, value.__qualname__, _code_digest(value.__code__), cells,
                defaults)
    if hasattr(value, "items") and callable(value.items):  # MkDocs' config sections
        return _written(dict(value.items()))
    raise Unwritable(repr(value))


def _code_digest(code: CodeType) -> str:
    """What a function does: its bytecode and constants, nested functions' included (their
    repr holds an address that changes from run to run)."""
    digest = hashlib.sha256(code.co_code)
    for constant in code.co_consts:
        if isinstance(constant, CodeType):
            digest.update(_code_digest(constant).encode())
        else:
            digest.update(repr(constant).encode())
    digest.update(repr(code.co_names).encode())
    return digest.hexdigest()


@contextlib.contextmanager
def _logged() -> Iterator[list[str]]:
    """What the rendering inside the block logged, at any level."""
    said: list[str] = []

    class Listener(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            said.append(record.getMessage())

    listener = Listener(level=logging.NOTSET)
    loggers = [logging.getLogger(name) for name in RENDER_LOGGERS]
    for logger in loggers:
        logger.addHandler(listener)
    try:
        yield said
    finally:
        for logger in loggers:
            logger.removeHandler(listener)

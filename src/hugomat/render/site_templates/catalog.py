"""A site's own Go templates: where its shortcodes and partials are, each parsed once.

One SiteTemplates per site folder and set of layout files (kept between builds, so that
`serve` parses a template again only when its file changed: cached by path and mtime). The
page being rendered is set around each run (`rendering`), which is how relref, warnf and
resources.Get know where they are called from.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hugomat.errors import ContentError, Location
from hugomat.gotemplate import Environment, Template, TemplateError
from hugomat.read.book import Book
from hugomat.render.site_templates import site_data
from hugomat.render.site_templates.hugo_context import HugoInfo, LanguageInfo, SiteInfo
from hugomat.render.site_templates.layouts import (
    PARTIAL_FOLDERS,
    SHORTCODE_FOLDERS,
    layout_dirs,
    layout_files,
)

if TYPE_CHECKING:
    from hugomat.render.context import RenderContext

@dataclass(frozen=True)
class TemplateFile:
    path: Path
    shown: str
    """As messages print it: 'layouts/shortcodes/x.html'."""


class SiteTemplates:
    """The shortcodes and partials of a site's layouts/ (and of its other themes')."""

    def __init__(self, root: Path, layout_dirs: tuple[Path, ...]) -> None:
        from hugomat.render.site_templates.functions import site_functions

        self.root = root
        self.layout_dirs = layout_dirs
        self.shortcodes = self._find(SHORTCODE_FOLDERS)
        self.partials = self._find(PARTIAL_FOLDERS)
        functions, context_functions = site_functions(self)
        self.env = Environment(functions, context_functions=context_functions,
                               loader=self._load)
        self._parsed: dict[Path, tuple[int, Template | TemplateError]] = {}
        self._inner: dict[Path, tuple[int, bool]] = {}
        self._stack: list[RenderContext] = []
        self._info: SiteInfo | None = None
        self._strings: dict[str, str] | None = None
        self.reported: set[str] = set()
        """Template mistakes already reported in this build (said once, not per page)."""
        self.failures: list[ContentError] = []
        """errorf calls of the run under way, to report as errors."""
        params, self.base_url, self.title = site_data.site_params(root)
        self.params = params
        self._data_problems: list[site_data.DataFileError] = []
        self._i18n_problems: list[site_data.DataFileError] = []
        self.data = site_data.data_tree(root / "data", self._data_problems)

    # -- finding and parsing -----------------------------------------------------------------
    def _find(self, folders: tuple[str, ...]) -> dict[str, TemplateFile]:
        """name -> file; the site's own before a theme's, as Hugo looks them up."""
        found: dict[str, TemplateFile] = {}
        for layouts in self.layout_dirs:
            for folder in folders:
                base = layouts / folder
                if not base.is_dir():
                    continue
                for path in sorted(base.rglob("*.html")):
                    if not path.is_file():
                        continue
                    name = path.relative_to(base).as_posix().removesuffix(".html")
                    found.setdefault(name, TemplateFile(path, self.shown(path)))
        return found

    def shown(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def template(self, file: TemplateFile, name: str) -> Template:
        """The parsed template of `file` (raises TemplateError); parsed again only when the
        file changed."""
        try:
            mtime = file.path.stat().st_mtime_ns
        except OSError as error:
            raise TemplateError(file.shown, 1, 1, f"cannot read: {error.strerror}") from None
        cached = self._parsed.get(file.path)
        if cached is None or cached[0] != mtime:
            try:
                text = file.path.read_text(encoding="utf-8")
                cached = (mtime, self.env.parse(name, text, path=file.shown))
            except TemplateError as error:
                cached = (mtime, error)
            except (OSError, UnicodeDecodeError) as error:
                cached = (mtime, TemplateError(file.shown, 1, 1, f"cannot read: {error}"))
            self._parsed[file.path] = cached
        if isinstance(cached[1], TemplateError):
            raise cached[1]
        return cached[1]

    def shortcode(self, name: str) -> Template:
        return self.template(self.shortcodes[name], "shortcodes/" + name)

    def partial(self, name: str) -> Template | None:
        name = name.removeprefix("/")
        file = self.partials.get(name) or self.partials.get(name.removesuffix(".html"))
        if file is None:
            return None
        return self.template(file, "partials/" + name.removesuffix(".html"))

    def _load(self, name: str) -> tuple[str, str] | None:
        """`{{ template "partials/x.html" }}` and the like: a partial by its name."""
        for prefix in ("partials/", "_partials/"):
            if name.startswith(prefix):
                file = self.partials.get(name.removeprefix(prefix).removesuffix(".html"))
                if file is not None:
                    return file.shown, file.path.read_text(encoding="utf-8")
        return None

    def uses_inner(self, name: str) -> bool:
        """Whether the shortcode takes a body: Hugo decides so by `.Inner` in its template."""
        file = self.shortcodes.get(name)
        if file is None:
            return False
        try:
            mtime = file.path.stat().st_mtime_ns
            known = self._inner.get(file.path)
            if known is None or known[0] != mtime:
                known = (mtime, ".Inner" in file.path.read_text(encoding="utf-8"))
                self._inner[file.path] = known
        except (OSError, UnicodeDecodeError):
            return False
        return known[1]

    # -- what templates read -----------------------------------------------------------------
    def bind(self, book: Book, language: str) -> None:
        """The book (one language) the next pages belong to."""
        self._info = SiteInfo(Params=self.params, Data=self.data, BaseURL=self.base_url,
                              Title=self.title, Language=LanguageInfo(language),
                              book=book)
        self._strings = None
        self._i18n_problems = []
        self.reported = set()

    def info(self) -> SiteInfo:
        assert self._info is not None, "bind() before rendering"
        return self._info

    def hugo(self) -> HugoInfo:
        return HugoInfo()

    def translations(self) -> dict[str, str]:
        if self._strings is None:
            self._strings = site_data.translations(self.root / "i18n",
                                                   self.info().Language.Lang,
                                                   self._i18n_problems)
        return self._strings

    # -- the page being rendered ------------------------------------------------------------
    @contextlib.contextmanager
    def rendering(self, ctx: RenderContext) -> Iterator[None]:
        self._stack.append(ctx)
        try:
            yield
        finally:
            self._stack.pop()

    def current_ctx(self) -> RenderContext:
        if not self._stack:
            raise RuntimeError("no page is being rendered")
        return self._stack[-1]

    def _page_at(self) -> Location | None:
        if not self._stack:
            return None
        ctx = self._stack[-1]
        node = ctx.parents[-1] if ctx.parents else None
        return ctx.at(node) if node is not None else Location(ctx.page.display_path)

    def warn(self, where: tuple[str, int, int], message: str) -> None:
        """warnf: a warning at the page's place, naming the template's."""
        at = self._page_at()
        if at is None:
            return
        self._stack[-1].warnings.append(ContentError(at, f"{_where(where)}: {message}"))

    def fail(self, where: tuple[str, int, int], message: str) -> None:
        """errorf: an error at the page's place, naming the template's."""
        at = self._page_at()
        if at is not None:
            self.failures.append(ContentError(at, f"{_where(where)}: {message}"))

    def problems(self) -> list[ContentError]:
        """Data and i18n files that could not be read, each at its place."""
        return [ContentError(Location(self.shown(p.path), p.line, p.column), p.message)
                for p in [*self._data_problems, *self._i18n_problems]]


def _where(where: tuple[str, int, int]) -> str:
    return f"{where[0]}:{where[1]}:{where[2]}"


_SITES: dict[tuple[Path, tuple[Path, ...]], tuple[Any, SiteTemplates]] = {}


def site_templates(root: Path, dirs: tuple[Path, ...] | None = None,
                   files: tuple[str, ...] | None = None) -> SiteTemplates | None:
    """The site's templates, or None when it has no shortcode nor partial of its own. Kept
    while the set of layout files is the same (a template that changed is parsed again).
    `dirs` and `files`: layout_dirs and layout_files of `root`, when already known."""
    dirs = layout_dirs(root) if dirs is None else dirs
    files = layout_files(dirs) if files is None else files
    if not files:
        return None
    key = (root, dirs)
    cached = _SITES.get(key)
    signature = (files, _data_signature(root))
    if cached is not None and cached[0] == signature:
        return cached[1]
    site = SiteTemplates(root, dirs)
    _SITES[key] = (signature, site)
    return site


def _data_signature(root: Path) -> tuple[tuple[str, int], ...]:
    from hugomat.read import hugo_config

    config = hugo_config.find(root)
    found = [(str(config), config.stat().st_mtime_ns)] if config is not None else []
    for folder in (root / "data", root / "i18n"):
        if folder.is_dir():
            found += [(str(p), p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()]
    return tuple(sorted(found))


def unsupported_checker(root: Path) -> Callable[[str], list[str]]:
    """For `hugomat import`: path of a layout file under `root` -> the Hugo functions it
    uses that hugomat does not have (a template that does not parse says so instead)."""
    templates = SiteTemplates(root, layout_dirs(root))

    def check(rel: str) -> list[str]:
        try:
            text = (root / rel).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return []
        try:
            found = templates.env.unsupported_functions(text, path=rel)
        except TemplateError as error:
            return [f"none, but it does not parse ({error})"]
        return list(dict.fromkeys(e.unsupported_function or e.message for e in found))

    return check

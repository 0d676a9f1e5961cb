"""The objects a site's templates see as `.Page`, `.Site`, `hugo` and a shortcode's dot.

Each exposes Go's member names (Title, Params, RelPermalink...) as Python attributes or
methods, which is how hugomat.gotemplate looks members up. They are built from the Book and
the Page hugomat already read; nothing here renders Markdown (the callbacks given do).
"""

from __future__ import annotations

import mimetypes
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hugomat.gotemplate import MISSING, SafeHTML, Scratch
from hugomat.read.book import Book, Page, page_url
from hugomat.read.shortcode_parser import Shortcode

HUGO_VERSION = "0.168.0"


class HugoInfo:
    """The `hugo` global: the Hugo version hugomat renders as, and the environment."""

    Version = HUGO_VERSION
    Environment = "production"
    IsProduction = True
    IsDevelopment = False
    IsServer = False
    IsExtended = True
    Generator = SafeHTML(f'<meta name="generator" content="Hugo {HUGO_VERSION}">')


@dataclass
class LanguageInfo:
    Lang: str
    LanguageName: str = ""
    LanguageDirection: str = "ltr"
    Weight: int = 0

    @property
    def LanguageCode(self) -> str:
        return self.Lang


@dataclass
class SiteInfo:
    """`.Site` / `site`: the site's params, language, base URL and data files."""

    Params: dict[str, Any]
    Data: dict[str, Any]
    BaseURL: str
    Title: str
    Language: LanguageInfo
    book: Book = field(repr=False)

    @property
    def LanguageCode(self) -> str:
        return self.Language.Lang

    @property
    def Home(self) -> PageInfo | None:
        home = self.book.home
        return None if home is None else self.page(home)

    def GetPage(self, ref: Any) -> PageInfo | None:
        found = self.book.find(str(ref))
        return None if found is None else self.page(found)

    def page(self, page: Page) -> PageInfo:
        return PageInfo(page, self)


@dataclass
class FileInfo:
    """`.Page.File`: the page's file under the content folder."""

    rel_path: str

    @property
    def Path(self) -> str:
        return self.rel_path

    @property
    def Dir(self) -> str:
        folder = posixpath.dirname(self.rel_path)
        return folder + "/" if folder else ""

    @property
    def BaseFileName(self) -> str:
        return posixpath.splitext(posixpath.basename(self.rel_path))[0]

    @property
    def ContentBaseName(self) -> str:
        name = self.BaseFileName
        return posixpath.basename(posixpath.dirname(self.rel_path)) if name in (
            "index", "_index") else name

    @property
    def LogicalName(self) -> str:
        return posixpath.basename(self.rel_path)

    @property
    def Ext(self) -> str:
        return posixpath.splitext(self.rel_path)[1].lstrip(".")

    @property
    def Filename(self) -> str:
        return self.rel_path


@dataclass
class Resource:
    """A file of a page bundle, or of assets/ (resources.Get)."""

    path: Path
    name: str
    """Its name within the bundle ('images/a.png')."""
    url: str
    """Its site-absolute URL ('/docs/x/images/a.png')."""

    @property
    def Name(self) -> str:
        return self.name

    @property
    def Title(self) -> str:
        return self.name

    @property
    def RelPermalink(self) -> str:
        return self.url

    @property
    def Permalink(self) -> str:
        return self.url

    @property
    def MediaType(self) -> str:
        return mimetypes.guess_type(self.name)[0] or "application/octet-stream"

    @property
    def ResourceType(self) -> str:
        return self.MediaType.split("/")[0]

    @property
    def Content(self) -> str:
        return self.path.read_text(encoding="utf-8", errors="replace")


@dataclass
class Resources:
    """`.Page.Resources`: the files beside a page bundle's index (not its pages)."""

    items: list[Resource]

    def GetMatch(self, pattern: Any) -> Resource | None:
        return next(iter(self.Match(pattern)), None)

    def Get(self, name: Any) -> Resource | None:
        return next((r for r in self.items if r.name == str(name)), None)

    def Match(self, pattern: Any) -> Resources:
        # Hugo's globs: `*` stays within a folder, `**` crosses folders; case does not matter.
        wanted = _glob(str(pattern).lower())
        return Resources([r for r in self.items if wanted.fullmatch(r.name.lower())])

    def ByType(self, kind: Any) -> Resources:
        return Resources([r for r in self.items if r.ResourceType == str(kind)])

    def __iter__(self) -> Any:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, index: int) -> Resource:
        return self.items[index]


def _glob(pattern: str) -> re.Pattern[str]:
    parts = re.split(r"(\*\*/?|\*|\?)", pattern)
    wild = {"**/": "(?:.*/)?", "**": ".*", "*": "[^/]*", "?": "[^/]"}
    return re.compile("".join(wild.get(part, re.escape(part)) for part in parts))


# A page's content folder files that are pages, not resources.
_PAGE_SUFFIXES = (".md", ".markdown", ".html", ".htm")


class PageInfo:
    """`.Page`: a page as Hugo's templates see it."""

    def __init__(self, page: Page, site: SiteInfo, *,
                 render_string: Callable[[str], str] | None = None) -> None:
        self._page = page
        self.Site = site
        self._render_string = render_string
        self.Scratch = Scratch()
        self.Store = self.Scratch

    @property
    def Title(self) -> str:
        return self._page.title

    @property
    def LinkTitle(self) -> str:
        return self._page.label

    @property
    def Params(self) -> dict[str, Any]:
        data = dict(self._page.data)
        nested = data.get("params")
        if isinstance(nested, dict):
            data.update(nested)
        return data

    def Param(self, key: Any) -> Any:
        value = self.Params.get(str(key).lower(), MISSING)
        if value is MISSING or value is None:
            return self.Site.Params.get(str(key).lower())
        return value

    @property
    def Description(self) -> str:
        return self._page.description or ""

    @property
    def Draft(self) -> bool:
        return self._page.draft

    @property
    def Weight(self) -> Any:
        return self._page.weight

    @property
    def RelPermalink(self) -> str:
        book = self.Site.book
        return "/" + book.prefix + page_url(self._page.src_uri, True)

    @property
    def Permalink(self) -> str:
        return self.Site.BaseURL.rstrip("/") + self.RelPermalink

    @property
    def File(self) -> FileInfo:
        return FileInfo(self._page.rel_path)

    @property
    def Section(self) -> str:
        first = self._page.rel_path.split("/", 1)
        return first[0] if len(first) > 1 else ""

    @property
    def Kind(self) -> str:
        if self._page.is_section_index:
            return "home" if "/" not in self._page.rel_path else "section"
        return "page"

    @property
    def Type(self) -> str:
        return str(self._page.data.get("type") or self.Section or "page")

    def IsHome(self) -> bool:
        return self.Kind == "home"

    def IsSection(self) -> bool:
        return self.Kind == "section"

    def IsPage(self) -> bool:
        return self.Kind == "page"

    @property
    def Language(self) -> LanguageInfo:
        return self.Site.Language

    @property
    def Lang(self) -> str:
        return self.Site.Language.Lang

    @property
    def Resources(self) -> Resources:
        return Resources(bundle_resources(self._page, self.Site.book))

    @property
    def Content(self) -> SafeHTML:
        """The page's text rendered (its shortcodes as written, not run: a page cannot hold
        itself)."""
        return SafeHTML(self.RenderString(self._page.front.body))

    def RenderString(self, *args: Any) -> SafeHTML:
        text = str(args[-1]) if args else ""
        return SafeHTML(self._render_string(text) if self._render_string else text)

    def __repr__(self) -> str:
        return f"Page({self._page.rel_path})"


def source_page(info: PageInfo) -> Page:
    """The Page behind a template's `.Page` (hidden from templates: a `_` member)."""
    return info._page


def bundle_resources(page: Page, book: Book) -> list[Resource]:
    """The files of a leaf bundle (a page that is its folder's index.md), or a section's
    own files: what Hugo lists as the page's resources."""
    if posixpath.splitext(posixpath.basename(page.rel_path))[0] not in ("index", "_index"):
        return []
    folder = page.path.parent
    base = "/" + book.prefix + page_url(page.src_uri, True)
    found: list[Resource] = []
    leaf = not page.is_section_index
    try:
        paths = sorted(folder.rglob("*") if leaf else folder.glob("*"))
    except OSError:
        return []
    for path in paths:
        if not path.is_file() or path == page.path or path.suffix.lower() in _PAGE_SUFFIXES:
            continue
        name = path.relative_to(folder).as_posix()
        found.append(Resource(path, name, base + name))
    return found


class ShortcodeInfo:
    """A shortcode's dot: its arguments, body, place and page."""

    def __init__(self, node: Shortcode, page: PageInfo, *, inner: str, ordinal: int,
                 parent: ShortcodeInfo | None, position: str) -> None:
        self._node = node
        self.Page = page
        self.Site = page.Site
        self.Name = node.name
        self.Ordinal = ordinal
        self.Parent = parent
        self.Position = position
        self.Inner = SafeHTML(inner) if node.delimiter == "<" else inner
        self.Scratch = Scratch()
        self.Store = self.Scratch

    def set_inner(self, inner: str) -> None:
        self.Inner = SafeHTML(inner) if self._node.delimiter == "<" else inner

    @property
    def Params(self) -> Any:
        node = self._node
        if node.named:
            return dict(node.named)
        return list(node.positional)

    @property
    def IsNamedParams(self) -> bool:
        return bool(self._node.named)

    @property
    def InnerDeindent(self) -> Any:
        lines = str(self.Inner).split("\n")
        widths = [len(line) - len(line.lstrip(" \t")) for line in lines if line.strip()]
        cut = min(widths, default=0)
        text = "\n".join(line[cut:] for line in lines)
        return SafeHTML(text) if isinstance(self.Inner, SafeHTML) else text

    def Get(self, key: Any) -> Any:
        node = self._node
        if isinstance(key, int) and not isinstance(key, bool):
            if 0 <= key < len(node.positional):
                return node.positional[key]
            return None
        return node.named.get(str(key))

    def Param(self, key: Any) -> Any:
        return self.Page.Param(key)

    def __repr__(self) -> str:
        return f"Shortcode({self.Name})"

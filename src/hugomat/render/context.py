"""What a shortcode renderer is handed: the page it draws for, where it reports problems,
and the conversion to draw a block's body with.

The renderers (hugomat.render.renderers), the writer's hooks (hugomat.render.page_hooks)
and a site's templates (hugomat.render.site_templates) sit below the converter
(hugomat.render.documents) that calls them; they reach it back only through the
`Conversion` the context carries, so none imports it.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from hugomat.errors import ContentError, Location
from hugomat.markdown.heading_ids import HeadingIds
from hugomat.markdown.references import Reference
from hugomat.pictures.made import PictureMaker
from hugomat.read.book import Book, Page, page_url, relative_url
from hugomat.read.shortcode_parser import Node, Shortcode, Text
from hugomat.render.renderers.base import Block
from hugomat.render.shortcode_declarations import Registry

if TYPE_CHECKING:
    from hugomat.render.conversion_cache import ConversionCache
    from hugomat.render.site_templates.catalog import SiteTemplates


@dataclass
class RenderContext:
    """What a shortcode renderer may look at, and where it reports problems."""

    page: Page
    book: Book
    directory_urls: bool = True
    strict: bool = False
    site_toc: bool = True
    """False when the site hides every table of contents: pictures are drawn wider then."""
    pictures: PictureMaker | None = None
    static_dirs: tuple[Path, ...] = ()
    """The folders copied into the site as they are (Hugo's static/)."""
    maths: bool = False
    """The page uses KaTeX: the maths in its text is drawn too."""
    cache: ConversionCache | None = None
    """Where converted documents are kept between builds (None: nowhere)."""
    site_params: dict[str, Any] = field(default_factory=dict)
    """The site's `params`, which the `param` shortcode falls back on."""
    errors: list[ContentError] = field(default_factory=list)
    warnings: list[ContentError] = field(default_factory=list)
    files: dict[str, Path] = field(default_factory=dict)
    """Files the page needs in the site: site path -> source file."""
    needs: set[str] = field(default_factory=set)
    """Page-wide features the rendered text asks for ('mermaid', 'katex', 'asciinema')."""
    references: list[Reference] = field(default_factory=list)
    """The links and pictures of the page, where they were written."""
    anchors: dict[str, None] = field(default_factory=dict)
    """Every id on the page an anchor can name (headings, HTML ids, footnotes), in order."""
    heading_ids: HeadingIds = field(default_factory=HeadingIds)
    parents: list[Shortcode] = field(default_factory=list)
    """The shortcodes whose body is being rendered, innermost last."""
    indents: list[str] = field(default_factory=list)
    """The indentation of the line each shortcode being rendered stands on, innermost last."""
    tab_starts: set[int] = field(default_factory=set)
    """The `tab` shortcodes (by id) that begin a set of tabs."""
    renderers: Registry = field(kw_only=True)
    """The shortcodes' declarations, name -> renderer: hugomat's own, then the site's
    (hugomat.render.documents.site_shortcode_renderers)."""
    conversion: Conversion = field(kw_only=True)
    """How the page's text is converted (hugomat.render.documents.CONVERSION)."""
    site_templates: SiteTemplates | None = None
    """The site's own Go templates, when it has any (hugomat.render.site_templates)."""
    template_state: dict[str, Any] = field(default_factory=dict)
    """What the site's templates keep for the page while it renders (its .Page, .Scratch)."""
    _counters: dict[str, int] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return page_url(self.page.src_uri, self.directory_urls)

    def picture(self, ref: str, at: Location, *, alt: str, title: str | None = None,
                priority: bool = False, css_class: str | None = None) -> str:
        """HTML drawing the picture `ref` on this page; raises ContentError when it is bad."""
        if self.pictures is None:
            raise ContentError(at, "pictures are not available here")
        made = self.pictures.html(ref, at, page_url=self.url, alt=alt, title=title,
                                  priority=priority, css_class=css_class,
                                  toc=self.page.toc and self.site_toc)
        self.files.update(made.files)
        return made.html

    def site_file(self, site_path: str, source: Path) -> str:
        """Put `source` into the site at `site_path`; the URL of it from this page."""
        self.files.setdefault(site_path, source)
        return relative_url(site_path, self.url)

    def is_site_file(self, site_path: str) -> bool:
        """Whether the site carries a file at `site_path` besides pages (static folders,
        the content folder's own files)."""
        roots = (*self.static_dirs, self.book.source.content_dir)
        return any(_is_file(root / site_path) for root in roots)

    def link_to(self, target: Page) -> str:
        return relative_url(page_url(target.src_uri, self.directory_urls), self.url)

    def page_dir(self) -> str:
        """The page's folder under the content folder ('' at the top)."""
        return posixpath.dirname(self.page.rel_path)

    def unique(self, prefix: str) -> str:
        """An id unique on this page, the same on every build: prefix-1, prefix-2, ..."""
        count = self._counters.get(prefix, 0) + 1
        self._counters[prefix] = count
        return f"{prefix}-{count}"

    def at(self, node: Shortcode) -> Location:
        return Location(self.page.display_path, node.line, node.column)

    def error(self, node: Shortcode, message: str) -> None:
        self.errors.append(ContentError(self.at(node), message))

    def problem(self, node: Shortcode, message: str) -> None:
        """A mistake that only --strict makes fatal."""
        self.problem_at(self.at(node), message)

    def problem_at(self, where: Location, message: str) -> None:
        (self.errors if self.strict else self.warnings).append(ContentError(where, message))

    def body(self, node: Shortcode) -> str:
        """The Markdown of a block's body: a document of its own, at the indentation of the
        line the shortcode stands on (the block gets that back as a whole)."""
        return self.body_document(node).markdown.strip("\n")

    def body_document(self, node: Shortcode | list[Node]) -> Document:
        """A block's body (or a part of it) converted, with its top-level blocks."""
        indent = self.indents[-1] if self.indents else ""
        children = node if isinstance(node, list) else node.children or []
        return self.conversion.document(children, self, indent=indent)

    def raw_body(self, node: Shortcode | list[Node]) -> str:
        """A body (or a part of it) that is not Markdown (raw HTML), as written; shortcodes
        inside still run."""
        parts: list[str] = []
        for child in node if isinstance(node, list) else node.children or []:
            if isinstance(child, Text):
                parts.append(child.text)
                continue
            self.parents.append(child)
            try:
                rendered = self.render_shortcode(child)
            finally:
                self.parents.pop()
            parts.append(rendered.text if isinstance(rendered, Block) else rendered)
        return "".join(parts)

    def render_shortcode(self, node: Shortcode) -> str | Block:
        """What a shortcode of this page becomes, by its declaration (and the body of a
        block shortcode, converted)."""
        return self.conversion.shortcode(node, self)

    def markdown(self, text: str, at: Shortcode) -> str:
        """Markdown a renderer made, written as Hugo Markdown (CommonMark, Hugo's fence
        attributes...), converted as a page's text is; mistakes in it are placed at `at`."""
        text_node = Text(text, at.line, at.column)
        return self.conversion.document([text_node], self).markdown.strip("\n")

    def checkpoint(self) -> _Checkpoint:
        """What the page has gathered so far, to go back to (see restore)."""
        return _Checkpoint(len(self.errors), len(self.warnings), len(self.references),
                           dict(self.files), set(self.needs), dict(self.anchors),
                           self.heading_ids.copy(), dict(self._counters),
                           set(self.tab_starts))

    def restore(self, saved: _Checkpoint) -> None:
        del self.errors[saved.errors:], self.warnings[saved.warnings:]
        del self.references[saved.references:]
        self.files, self.needs, self.anchors = saved.files, saved.needs, saved.anchors
        self.heading_ids, self._counters = saved.heading_ids, saved.counters
        self.tab_starts = saved.tab_starts

    @property
    def parent(self) -> Shortcode | None:
        """The shortcode whose body holds the one being rendered."""
        return self.parents[-2] if len(self.parents) > 1 else None


@dataclass(frozen=True)
class _Checkpoint:
    errors: int
    warnings: int
    references: int
    files: dict[str, Path]
    needs: set[str]
    anchors: dict[str, None]
    heading_ids: HeadingIds
    counters: dict[str, int]
    tab_starts: set[int]


Renderer = Callable[[Shortcode, RenderContext], "str | Block"]


@dataclass(frozen=True)
class Document:
    """A document converted: its Markdown, and what its top-level blocks are."""

    markdown: str
    blocks: list[TopBlock]


@dataclass(frozen=True)
class TopBlock:
    kind: str
    """The parser's name for it: 'paragraph', 'bullet_list', 'fence'..."""
    first_line: str
    """Its first line as written."""


class DocumentConversion(Protocol):
    """Converts a document (a page's body, a block's body) to Markdown, with its top-level
    blocks (hugomat.render.documents.render_document)."""

    def __call__(self, nodes: list[Node], ctx: RenderContext, *,
                 indent: str = "") -> Document: ...


@dataclass(frozen=True)
class Conversion:
    """What a renderer calls to have text converted, handed down in the context."""

    document: DocumentConversion
    shortcode: Renderer
    """Draws a shortcode by its declaration in the context's registry."""


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):  # a name the file system refuses: no file
        return False

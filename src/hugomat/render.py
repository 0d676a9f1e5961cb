"""A page's body to the Markdown that Python-Markdown, pymdown-extensions and Material render.

The body's shortcodes become placeholders, the text is parsed once the way Goldmark reads
it (hugomat.markdown), and the token stream is written out; each placeholder becomes what
its shortcode's renderer makes (hugomat.renderers: one module per family), a block's body
being converted the same way, as a document of its own, as Hugo renders it. Links and
pictures are resolved and recorded, with where they were written, as they are met.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from markdown_it.token import Token

from hugomat.book import Book, Page, page_url, relative_url
from hugomat.conversion_cache import ConversionCache, Entry, document_key
from hugomat.errors import ContentError, Location
from hugomat.markdown.heading_ids import DEFER, HeadingIds
from hugomat.markdown.parser import NestedTooDeep, parse
from hugomat.markdown.placeholders import PlaceholderDocument
from hugomat.markdown.references import Reference, html_ids
from hugomat.markdown.writer import MarkdownWriter
from hugomat.page_hooks import PageAnswers, WriterHooks, replay
from hugomat.renderers.base import Block, fence
from hugomat.renderers.registry import REGISTRY
from hugomat.shortcode_declarations import Registry
from hugomat.shortcodes import Node, Shortcode, Text

if TYPE_CHECKING:
    from hugomat.site_templates.site import SiteTemplates

__all__ = [
    "RENDERERS", "Block", "MadePicture", "PictureMaker", "RenderContext", "Renderer",
    "SocialCard", "fence", "render_document", "render_markdown", "render_shortcode",
    "site_shortcode_renderers",
]  # fmt: skip


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
    renderers: Registry = field(default_factory=lambda: RENDERERS)
    """The shortcodes' declarations, name -> renderer: hugomat's own, then the site's
    (site_shortcode_renderers)."""
    site_templates: SiteTemplates | None = None
    """The site's own Go templates, when it has any (hugomat.site_templates)."""
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
        return render_document(children, self, indent=indent)

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
        """What a shortcode of this page becomes, by its declaration: how the modules below
        this one (the writer's hooks, a site's templates) have a shortcode drawn."""
        return render_shortcode(node, self)

    def markdown(self, text: str, at: Shortcode) -> str:
        """Markdown a renderer made, written as Hugo Markdown (CommonMark, Hugo's fence
        attributes...), converted as a page's text is; mistakes in it are placed at `at`."""
        return render_markdown([Text(text, at.line, at.column)], self).strip("\n")

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


@dataclass(frozen=True)
class MadePicture:
    html: str
    files: dict[str, Path]
    """Files the picture needs in the site: site path -> file on disk."""


@dataclass(frozen=True)
class SocialCard:
    """A page's link preview (og:image): the card's site path and size."""

    site_path: str
    width: int
    height: int
    alt: str


class PictureMaker(Protocol):
    """Turns a picture reference into HTML for a page (see hugomat.figures)."""

    def html(self, ref: str, at: Location, *, page_url: str, alt: str, title: str | None,
             priority: bool, css_class: str | None, toc: bool) -> MadePicture: ...

    def social_card(self, ref: str, at: Location, alt: str) -> SocialCard | None: ...


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


def render_markdown(nodes: list[Node], ctx: RenderContext, *, indent: str = "") -> str:
    """The Markdown for a document: a page's body, or a block shortcode's."""
    return render_document(nodes, ctx, indent=indent).markdown


def render_document(nodes: list[Node], ctx: RenderContext, *, indent: str = "") -> Document:
    """A document converted, with its top-level blocks (for shortcodes whose body must be,
    say, one list). A document converted before, whose page answers its questions as it
    did then, is taken from the cache (hugomat.conversion_cache)."""
    document = PlaceholderDocument(nodes, indent=indent)
    answers = PageAnswers(ctx, document)
    emoji = ctx.book.source.emoji
    key = None
    if ctx.cache is not None:
        key = document_key(document.text, document.positions(), ctx.maths, emoji)
        entry = ctx.cache.get(key)
        if entry is not None:
            saved = ctx.checkpoint()
            if replay(entry.trace, answers):
                ctx.cache.reused += 1
                return _gathered(ctx, entry)
            ctx.restore(saved)
            answers = PageAnswers(ctx, document)
        ctx.cache.converted += 1
    try:
        tokens = parse(document.text, with_maths=ctx.maths, with_emoji=emoji, env={DEFER: True})
    except NestedTooDeep as error:
        line, column = document.position(document.offset_of_line(error.line))
        ctx.errors.append(ContentError(Location(ctx.page.display_path, line, column),
                                       str(error)))
        return Document("", [])
    hooks = WriterHooks(answers)
    writer = MarkdownWriter(hooks)
    try:
        markdown = writer.write(tokens)
    except RecursionError:
        # A structure deeper than the parse's limits catch; reported, never a traceback.
        line, column = document.position(0)
        ctx.errors.append(ContentError(Location(ctx.page.display_path, line, column),
                                       "this text is nested too deeply to be written"))
        return Document("", [])
    entry = Entry(markdown=markdown,
                  blocks=[(token.type.removesuffix("_open"),
                           document.line_text(token.map[0]).strip() if token.map else "")
                          for token in tokens
                          if token.level == 0 and token.nesting >= 0 and token.block],
                  html_ids=_html_anchors(tokens), footnotes=writer.footnotes_written,
                  trace=hooks.trace)
    if key is not None and ctx.cache is not None:
        ctx.cache.put(key, entry)
    return _gathered(ctx, entry)


def _gathered(ctx: RenderContext, entry: Entry) -> Document:
    """A converted document, its ids added to the page's."""
    ctx.anchors.update(dict.fromkeys(entry.html_ids))
    ctx.anchors.update(dict.fromkeys(f"{kind}:{number}" for number in entry.footnotes
                                     for kind in ("fn", "fnref")))
    return Document(entry.markdown, [TopBlock(kind, line) for kind, line in entry.blocks])


def render_shortcode(node: Shortcode, ctx: RenderContext) -> str | Block:
    declaration = ctx.renderers.declaration(node.name)
    if declaration is None:
        return _unknown(node, ctx)
    for problem in declaration.argument_problems(node):
        ctx.problem_at(Location(ctx.page.display_path, problem.line, problem.column),
                       problem.message)
    return declaration.renderer(node, ctx)


def site_shortcode_renderers(site: SiteTemplates | None) -> Registry:
    """hugomat's shortcodes, the site's own replacing those of the same name."""
    if site is None:
        return RENDERERS
    from hugomat.site_templates.shortcodes import site_registry

    return site_registry(site)


def _unknown(node: Shortcode, ctx: RenderContext) -> str | Block:
    known = ctx.renderers.known()
    ctx.problem(node, f"unknown shortcode '{node.name}' (known: {known})")
    # Shown to the reader as a marked box or code span: never dropped, never raw `{{`.
    if node.children is None:
        return f"`[{node.name}]`"
    return fence(f"admonition | Unsupported shortcode: {node.name}", ctx.body(node),
                 {"type": "warning"})


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):  # a name the file system refuses: no file
        return False


def _html_anchors(tokens: list[Token]) -> list[str]:
    """The ids of a document's raw HTML, in order."""
    found: list[str] = []
    for token in tokens:
        if token.type == "html_block":
            found += html_ids(token.content)
        elif token.type == "inline" and token.children:
            for child in token.children:
                if child.type == "html_inline":
                    found += html_ids(child.content)
    return found


RENDERERS: Registry = REGISTRY
"""hugomat's own shortcodes (hugomat.renderers.registry), name -> renderer."""

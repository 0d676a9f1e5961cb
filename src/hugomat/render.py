"""A page's body to the Markdown that Python-Markdown, pymdown-extensions and Material render.

The body's shortcodes become placeholders, the text is parsed once the way Goldmark reads
it (hugomat.markdown), and the token stream is written out; each placeholder becomes what
its shortcode's renderer makes (hugomat.renderers: one module per family), a block's body
being converted the same way, as a document of its own, as Hugo renders it. Links and
pictures are resolved and recorded, with where they were written, as they are met.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from markdown_it.token import Token

from hugomat import links
from hugomat.book import Book, Page, page_url, relative_url
from hugomat.errors import ContentError, Location

try:  # TEMPORARY until heading ids land
    from hugomat.markdown.heading_ids import HeadingIds
except ImportError:
    class HeadingIds:  # type: ignore[no-redef]
        pass
from hugomat.markdown.heading_ids import DEFER, HeadingIds, assign_id
from hugomat.markdown.parser import NestedTooDeep, origin, parse
from hugomat.markdown.placeholders import PlaceholderDocument
from hugomat.markdown.references import Reference, html_ids
from hugomat.markdown.writer import MarkdownWriter, Placed
from hugomat.renderers.base import Block, fence, line_indent
from hugomat.renderers.code import code_fence_options, special_fence
from hugomat.renderers.registry import REGISTRY
from hugomat.shortcodes import Node, Shortcode, Text

__all__ = [
    "RENDERERS", "Block", "MadePicture", "PictureMaker", "RenderContext", "Renderer",
    "SocialCard", "fence", "render_document", "render_markdown", "render_shortcode",
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

    def raw_body(self, node: Shortcode) -> str:
        """A body that is not Markdown (raw HTML), as written; shortcodes inside still run."""
        parts: list[str] = []
        for child in node.children or []:
            if isinstance(child, Text):
                parts.append(child.text)
                continue
            self.parents.append(child)
            try:
                rendered = render_shortcode(child, self)
            finally:
                self.parents.pop()
            parts.append(rendered.text if isinstance(rendered, Block) else rendered)
        return "".join(parts)

    def markdown(self, text: str, at: Shortcode) -> str:
        """Markdown a renderer made, written as Hugo Markdown (CommonMark, Hugo's fence
        attributes...), converted as a page's text is; mistakes in it are placed at `at`."""
        return render_markdown([Text(text, at.line, at.column)], self).strip("\n")

    @property
    def parent(self) -> Shortcode | None:
        """The shortcode whose body holds the one being rendered."""
        return self.parents[-2] if len(self.parents) > 1 else None


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
    say, one list)."""
    document = PlaceholderDocument(nodes, indent=indent)
    try:
        tokens = parse(document.text, with_maths=ctx.maths, env={DEFER: True})
    except NestedTooDeep as error:
        line, column = document.position(document.offset_of_line(error.line))
        ctx.errors.append(ContentError(Location(ctx.page.display_path, line, column),
                                       str(error)))
        return Document("", [])
    hooks = PageHooks(ctx, document)
    writer = MarkdownWriter(hooks)
    markdown = writer.write(tokens)
    ctx.anchors.update(dict.fromkeys(_html_anchors(tokens)))
    ctx.anchors.update(dict.fromkeys(f"{kind}:{number}" for number in writer.footnotes_written
                                     for kind in ("fn", "fnref")))
    blocks = [TopBlock(token.type.removesuffix("_open"),
                       document.line_text(token.map[0]).strip() if token.map else "")
              for token in tokens if token.level == 0 and token.nesting >= 0 and token.block]
    return Document(markdown, blocks)


def render_shortcode(node: Shortcode, ctx: RenderContext) -> str | Block:
    renderer = RENDERERS.get(node.name)
    if renderer is None:
        return _unknown(node, ctx)
    return renderer(node, ctx)


def _unknown(node: Shortcode, ctx: RenderContext) -> str | Block:
    known = ", ".join(sorted(RENDERERS))
    ctx.problem(node, f"unknown shortcode '{node.name}' (known: {known})")
    # Shown to the reader as a marked box or code span: never dropped, never raw `{{`.
    if node.children is None:
        return f"`[{node.name}]`"
    return fence(f"admonition | Unsupported shortcode: {node.name}", ctx.body(node),
                 {"type": "warning"})


class PageHooks:
    """What the writer asks of one document of a page (see hugomat.markdown.writer.Hooks)."""

    def __init__(self, ctx: RenderContext, document: PlaceholderDocument) -> None:
        self.ctx = ctx
        self.document = document
        self.placeholder = document.placeholder
        self._placed: dict[str, Placed] = {}
        self._recorded: set[int] = set()

    def shortcode(self, key: str) -> Placed:
        placed = self._placed.get(key)
        if placed is None:
            placed = self._render(key)
            self._placed[key] = placed
        return placed

    def _render(self, key: str) -> Placed:
        node = self.document.shortcodes[key]
        ctx = self.ctx
        offset = self.document.offsets[key]
        line_start = self.document.text.rfind("\n", 0, offset) + 1
        indent, _ = line_indent(self.document.text[line_start:offset])
        ctx.indents.append(indent)
        ctx.parents.append(node)
        try:
            rendered = render_shortcode(node, ctx)
        finally:
            ctx.parents.pop()
            ctx.indents.pop()
        if isinstance(rendered, Block):
            return Placed(rendered.text, block=True)
        return Placed(rendered)

    def substitute(self, text: str) -> str:
        if not self.placeholder.search(text):
            return text
        return self.placeholder.sub(lambda match: self.shortcode(match.group()).text, text)

    def location(self, token: Token) -> Location:
        """Where a link or picture was written in the file."""
        found = origin(token)
        line, column = 1, 1
        if found is not None:
            block, offset = found
            line, column = self.document.position(_document_offset(self.document, block,
                                                                   offset))
        elif token.map:
            line, column = self.document.position(self.document.offset_of_line(token.map[0]))
        return Location(self.ctx.page.display_path, line, column)

    def link(self, token: Token, href: str, *, in_html: bool) -> str:
        page, book = self.ctx.page, self.ctx.book
        written = str(token.attrs.get("href", ""))
        # An address a shortcode made (relref) is its renderer's to check.
        if id(token) not in self._recorded and not self.placeholder.search(written):
            self._recorded.add(id(token))
            self.ctx.references.append(Reference("link", href, self.location(token)))
        if in_html:
            return links.as_url(href, page, book, self.ctx.directory_urls)
        return links.as_source_path(href, page, book, self.ctx.directory_urls,
                                    self.ctx.is_site_file) or href

    def image(self, token: Token, src: str, alt: str, title: str | None) -> str | None:
        ctx = self.ctx
        if links.is_external(src):
            return None
        ref = links.picture_ref(src, ctx.page, ctx.book)
        at = self.location(token)
        try:
            drawn = ctx.picture(ref, at, alt=alt, title=title)
        except ContentError as error:
            if id(token) not in self._recorded:
                self._recorded.add(id(token))
                # Named as the author wrote it, not as found beside the page.
                ctx.errors.append(ContentError(error.location,
                                               error.message.replace(f"'{ref}'", f"'{src}'")))
            return None
        return _inline_safe(drawn)

    def fence(self, token: Token, language: str, attributes: str) -> list[str] | None:
        return special_fence(token, language, attributes, self.ctx, self._info_location(token))

    def fence_options(self, token: Token, attributes: str) -> str:
        return code_fence_options(attributes, self.ctx, self._info_location(token))

    def heading_id(self, token: Token) -> None:
        assign_id(token, self.ctx.heading_ids)
        if token.attrs.get("id"):
            self.ctx.anchors[str(token.attrs["id"])] = None

    def _info_location(self, token: Token) -> Location:
        """Where a fence's info string (language and attributes) was written."""
        if not token.map:
            return Location(self.ctx.page.display_path)
        start = self.document.offset_of_line(token.map[0])
        line = self.document.line_text(token.map[0])
        marker = line.find(token.markup)
        info = token.info.strip()
        column = line.find(info[:1], marker + len(token.markup)) if info and marker >= 0 else 0
        line_number, column_number = self.document.position(start + max(column, 0))
        return Location(self.ctx.page.display_path, line_number, column_number)

    def maths(self, token: Token) -> str:
        from hugomat.renderers.math import inline_maths

        return inline_maths(token.content, bool(token.meta.get("display")), self.ctx,
                            self.location(token))


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):  # a name the file system refuses: no file
        return False


def _document_offset(document: PlaceholderDocument, block: Token, offset: int) -> int:
    """The offset in the document of `offset` in a block token's text (its lines are the
    document's lines from the block's first, each without what stands before its text)."""
    if not block.map:
        return 0
    content = block.content
    line_index = content.count("\n", 0, offset)
    line_start = content.rfind("\n", 0, offset) + 1
    content_line = content[line_start:].split("\n", 1)[0].rstrip()
    source_line = document.line_text(block.map[0] + line_index)
    found = source_line.rfind(content_line) if content_line else -1
    column = found if found >= 0 else len(source_line) - len(source_line.lstrip())
    return document.offset_of_line(block.map[0] + line_index) + column + (offset - line_start)


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


# Characters that Python-Markdown would read as Markdown inside a tag (code, escapes, links).
_MARKDOWN_IN_TAGS = re.compile(r"[`\\\[\]]")


def _inline_safe(html: str) -> str:
    """A picture's HTML with nothing Python-Markdown reads inside its attributes: it is all
    tags, so the characters can be references."""
    return _MARKDOWN_IN_TAGS.sub(lambda m: f"&#{ord(m.group())};", html)


RENDERERS: dict[str, Renderer] = dict(REGISTRY)
"""Shortcode name -> renderer; the families in hugomat.renderers fill it."""

"""Shortcode trees to Markdown that Python-Markdown, pymdown-extensions and Material understand.

Every block becomes a pymdownx.blocks fence (`/// name | title` ... `///`): one syntax that nests
to any depth without indentation, which is what shortcodes do. A block that stands in an
indented list item keeps the item's indentation, so the list goes on around it.

The renderers themselves live in hugomat.renderers, one module per family of shortcodes.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from hugomat.book import Book, Page, page_url, relative_url
from hugomat.errors import ContentError, Location
from hugomat.renderers.base import Block, dedent, fence, indent_lines, line_indent
from hugomat.renderers.registry import REGISTRY
from hugomat.shortcodes import Node, Shortcode, Text

__all__ = [
    "RENDERERS", "Block", "MadePicture", "PictureMaker", "RenderContext", "Renderer", "body",
    "fence", "render", "render_shortcode",
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
    errors: list[ContentError] = field(default_factory=list)
    warnings: list[ContentError] = field(default_factory=list)
    files: dict[str, Path] = field(default_factory=dict)
    """Files the page needs in the site: site path -> source file."""
    needs: set[str] = field(default_factory=set)
    """Page-wide features the rendered text asks for ('mermaid', 'katex', 'asciinema')."""
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
        """The Markdown of a block's body (see `body`)."""
        return body(node, self)

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
    """Turns a picture reference into HTML for a page (see hugomat.images)."""

    def html(self, ref: str, at: Location, *, page_url: str, alt: str, title: str | None,
             priority: bool, css_class: str | None, toc: bool) -> MadePicture: ...

    def social_card(self, ref: str, at: Location, alt: str) -> SocialCard | None: ...


Renderer = Callable[[Shortcode, RenderContext], "str | Block"]


def render(nodes: list[Node], ctx: RenderContext) -> str:
    """The Markdown for a list of nodes: text as written, shortcodes through their renderer."""
    out: list[str] = []
    block_before = False
    for node in nodes:
        if isinstance(node, Text):
            text = node.text
            if block_before and text and not text.startswith("\n\n"):
                text = ("\n" if text.startswith("\n") else "\n\n") + text
            out.append(text)
            block_before = False
            continue
        prefix = _line_prefix(out)
        indent, starts_item = line_indent(prefix)
        ctx.indents.append(indent)
        ctx.parents.append(node)
        try:
            rendered = render_shortcode(node, ctx)
        finally:
            ctx.parents.pop()
            ctx.indents.pop()
        if isinstance(rendered, Block):
            _place_block(out, rendered.text, prefix, indent, starts_item)
            block_before = True
        else:
            out.append(rendered)
            block_before = False
    if block_before:
        out.append("\n")
    return "".join(out)


def _line_prefix(out: list[str]) -> str:
    """The text already written on the current line."""
    tail: list[str] = []
    for piece in reversed(out):
        cut = piece.rfind("\n")
        if cut >= 0:
            tail.append(piece[cut + 1 :])
            break
        tail.append(piece)
    return "".join(reversed(tail))


def _place_block(out: list[str], text: str, prefix: str, indent: str, starts_item: bool) -> None:
    """Append a block so that it stands alone, at the indentation of the line it was on."""
    if starts_item:
        # `- {{< hint >}}`: the block is the item's first content, right after its marker.
        out.append(indent_lines(text, indent, first=False))
        return
    if prefix and not prefix.strip():
        # The shortcode stood alone on an indented line: that indentation moves to every line.
        _drop_tail(out, len(prefix))
    tail = "".join(out[-2:])
    if out and tail and not tail.endswith("\n\n"):
        out.append("\n" if tail.endswith("\n") else "\n\n")
    out.append(indent_lines(text, indent))


def _drop_tail(out: list[str], count: int) -> None:
    """Remove the last `count` characters written (the whitespace before a block)."""
    while count and out:
        last = out.pop()
        if len(last) > count:
            out.append(last[:-count])
            return
        count -= len(last)


def render_shortcode(node: Shortcode, ctx: RenderContext) -> str | Block:
    renderer = RENDERERS.get(node.name)
    if renderer is None:
        return _unknown(node, ctx)
    return renderer(node, ctx)


def body(node: Shortcode, ctx: RenderContext) -> str:
    """A block's children as Markdown, without the blank lines around them, and without the
    indentation of the line the shortcode stands on (the block gets that back as a whole)."""
    indent = ctx.indents[-1] if ctx.indents else ""
    return dedent(render(node.children or [], ctx), indent).strip("\n")


def _unknown(node: Shortcode, ctx: RenderContext) -> str | Block:
    known = ", ".join(sorted(RENDERERS))
    ctx.problem(node, f"unknown shortcode '{node.name}' (known: {known})")
    # Shown to the reader as a marked box or code span: never dropped, never raw `{{`.
    if node.children is None:
        return f"`[{node.name}]`"
    return fence(f"admonition | Unsupported shortcode: {node.name}", body(node, ctx),
                 {"type": "warning"})


RENDERERS: dict[str, Renderer] = dict(REGISTRY)
"""Shortcode name -> renderer; the families in hugomat.renderers fill it."""

"""Shortcode trees to Markdown that Python-Markdown, pymdown-extensions and Material understand.

Every block becomes a pymdownx.blocks fence (`/// name | title` ... `///`): one syntax that nests
to any depth without indentation, which is what shortcodes do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from hugomat.book import Book, Page, page_url, relative_url
from hugomat.errors import ContentError, Location
from hugomat.shortcodes import Node, Shortcode, Text

HINT_TYPES = ("info", "success", "warning", "danger")


@dataclass
class RenderContext:
    """What a shortcode renderer may look at, and where it reports problems."""

    page: Page
    book: Book
    directory_urls: bool = True
    strict: bool = False
    pictures: PictureMaker | None = None
    errors: list[ContentError] = field(default_factory=list)
    warnings: list[ContentError] = field(default_factory=list)
    files: dict[str, Path] = field(default_factory=dict)
    """Files the page needs in the site: site path -> source file."""

    @property
    def url(self) -> str:
        return page_url(self.page.src_uri, self.directory_urls)

    def picture(self, ref: str, at: Location, *, alt: str, title: str | None = None,
                priority: bool = False, css_class: str | None = None) -> str:
        """HTML drawing the picture `ref` on this page; raises ContentError when it is bad."""
        if self.pictures is None:
            raise ContentError(at, "pictures are not available here")
        made = self.pictures.html(ref, at, page_url=self.url, alt=alt, title=title,
                                  priority=priority, css_class=css_class)
        self.files.update(made.files)
        return made.html

    def at(self, node: Shortcode) -> Location:
        return Location(self.page.display_path, node.line, node.column)

    def error(self, node: Shortcode, message: str) -> None:
        self.errors.append(ContentError(self.at(node), message))

    def problem(self, node: Shortcode, message: str) -> None:
        """A mistake that only --strict makes fatal."""
        (self.errors if self.strict else self.warnings).append(ContentError(self.at(node), message))


@dataclass(frozen=True)
class MadePicture:
    html: str
    files: dict[str, Path]
    """Files the picture needs in the site: site path -> file on disk."""


class PictureMaker(Protocol):
    """Turns a picture reference into HTML for a page (see hugomat.images)."""

    def html(self, ref: str, at: Location, *, page_url: str, alt: str, title: str | None,
             priority: bool, css_class: str | None) -> MadePicture: ...


Renderer = Callable[[Shortcode, RenderContext], "str | Block"]


@dataclass(frozen=True)
class Block:
    """Rendered output that must stand alone between blank lines."""

    text: str


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
        rendered = render_shortcode(node, ctx)
        if isinstance(rendered, Block):
            tail = "".join(out[-2:])
            if out and not tail.endswith("\n\n"):
                out.append("\n" if tail.endswith("\n") else "\n\n")
            out.append(rendered.text)
            block_before = True
        else:
            out.append(rendered)
            block_before = False
    if block_before:
        out.append("\n")
    return "".join(out)


def render_shortcode(node: Shortcode, ctx: RenderContext) -> str | Block:
    renderer = RENDERERS.get(node.name)
    if renderer is None:
        return _unknown(node, ctx)
    return renderer(node, ctx)


def body(node: Shortcode, ctx: RenderContext) -> str:
    """A block's children as Markdown, without the blank lines around them."""
    return render(node.children or [], ctx).strip("\n")


def fence(header: str, content: str, options: dict[str, str] | None = None) -> Block:
    lines = [f"/// {header}"]
    lines += [f"    {key}: {value}" for key, value in (options or {}).items()]
    return Block("\n".join(lines) + "\n\n" + content + "\n///\n")


def _title(text: str) -> str:
    # A block header is one line; a title spanning lines would end it early.
    return " ".join(str(text).split())


def render_details(node: Shortcode, ctx: RenderContext) -> Block:
    title = node.named.get("title")
    rest = node.positional
    if title is None and rest:
        title, rest = rest[0], rest[1:]
    open_value = node.named.get("open", False)
    is_open = "open" in rest or open_value is True or str(open_value).lower() == "true"
    options = {"open": "true"} if is_open else None
    return fence(f"details | {_title(title if title is not None else 'Details')}",
                 body(node, ctx), options)


def render_hint(node: Shortcode, ctx: RenderContext) -> Block:
    kind = node.arg("type", 0)
    if kind is None or kind == "":
        return fence("admonition |", body(node, ctx))
    kind = str(kind)
    if kind not in HINT_TYPES:
        ctx.problem(node, f"hint type '{kind}' does not exist; expected one of "
                          f"{', '.join(HINT_TYPES)}, or none")
        return fence("admonition |", body(node, ctx))
    return fence("admonition |", body(node, ctx), {"type": kind})


def render_relref(node: Shortcode, ctx: RenderContext) -> str:
    target = node.arg("path", 0)
    if not isinstance(target, str) or not target.strip():
        ctx.error(node, f"{node.name} needs the path of a page, e.g. "
                        f'{{{{< {node.name} "/docs/x" >}}}}')
        return "#"
    path, _, anchor = target.partition("#")
    if not path.strip():
        return f"#{anchor}"
    page = ctx.book.find(path, ctx.page)
    if page is None:
        ctx.error(node, f"{node.name} target '{target}' does not exist")
        return "#"
    url = relative_url(page_url(page.src_uri, ctx.directory_urls), ctx.url)
    return url + (f"#{anchor}" if anchor else "")


def _unknown(node: Shortcode, ctx: RenderContext) -> str | Block:
    known = ", ".join(sorted(RENDERERS))
    ctx.problem(node, f"unknown shortcode '{node.name}' (known: {known})")
    # Shown to the reader as a marked box or code span: never dropped, never raw `{{`.
    if node.children is None:
        return f"`[{node.name}]`"
    return fence(f"admonition | Unsupported shortcode: {node.name}", body(node, ctx),
                 {"type": "warning"})


RENDERERS: dict[str, Renderer] = {
    "details": render_details,
    "hint": render_hint,
    "relref": render_relref,
    "ref": render_relref,
}

"""Layout shortcodes: `columns` (a responsive grid), `card`, and `steps`."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from hugomat.errors import ContentError, Location
from hugomat.markdown.raw import raw_fence
from hugomat.read.shortcode_parser import Node, Shortcode, Text
from hugomat.render.renderers.base import Block, attr, css_classes, html_block, one_line, quoted
from hugomat.render.renderers.page_links import resolve_href

if TYPE_CHECKING:
    from hugomat.render.context import Document, RenderContext

# The old form of columns: parts split where the body holds `<--->` (hugo-book looks for the
# string anywhere in the body, before Markdown reads it).
SEPARATOR = "<--->"
_COLUMN = '<div class="hugomat-column">'
_LISTS = ("bullet_list", "ordered_list")
_RATIO = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:[ \t]*:[ \t]*[0-9]+(?:\.[0-9]+)?)*")


def render_columns(node: Shortcode, ctx: RenderContext) -> Block:
    """A grid of columns: each top-level list item is one (any number), or each part between
    `<--->` lines in the old form. The grid stacks into one column on narrow screens."""
    classes = ["hugomat-columns", *css_classes(node.named.get("class"))]
    selector = "div" + "".join(f".{name}" for name in classes)
    template = _template(node, ctx)
    if template:
        # A custom property, so the stylesheet decides where it applies (not on phones).
        selector += f"[style={quoted('--hugomat-columns: ' + template)}]"
    parts = split_nodes(node.children or [], SEPARATOR)
    if len(parts) > 1:
        return _separated_columns(node, parts, classes, template, ctx)
    body = ctx.body_document(node)
    stray = _stray(body)
    if stray is not None:
        ctx.error(node, "columns expects a Markdown list whose top-level items are the "
                        "columns ('- first column', '- second column'), or columns separated "
                        f"by lines of <--->; {stray}")
    return html_block(selector, body.markdown.strip("\n"))


def _separated_columns(node: Shortcode, parts: list[list[Node]], classes: list[str],
                       template: str | None, ctx: RenderContext) -> Block:
    """The old form as hugo-book draws it: each part, as written, between `<div>`s. In the
    `{{% %}}` form that output is Markdown, so Goldmark reads the `<div>` lines as HTML
    blocks (raw text up to the next blank line, Markdown after it); in the `{{< >}}` form
    it is HTML, and the parts' Markdown stays raw text."""
    line, column = _first_separator(node.children or [])
    raw = node.delimiter == "<"
    ctx.problem_at(
        Location(ctx.page.display_path, line, column),
        f"columns: '{SEPARATOR}' is hugo-book's old separator (deprecated); write the columns "
        "as a Markdown list ('- first column')"
        + ("; as in Hugo, the parts of {{< columns >}} are not read as Markdown" if raw
           else ""))
    style = f' style="--hugomat-columns: {attr(template)}"' if template else ""
    opening = (f'<div class="{attr(" ".join([*classes, "hugomat-columns--parts"]))}"{style}>'
               f"{_COLUMN}")
    if raw:
        html = opening + f"</div>{_COLUMN}".join(ctx.raw_body(part) for part in parts)
        return Block("\n".join(raw_fence(html + "</div></div>")))
    # One document of the parts and hugo-book's tags, read as Goldmark reads Hugo's output.
    nodes: list[Node] = [Text(opening, node.line, node.column)]
    for index, part in enumerate(parts):
        if index:
            nodes.append(Text(f"</div>{_COLUMN}", node.line, node.column))
        nodes += part
    nodes.append(Text("</div></div>", node.line, node.column))
    return Block(ctx.body_document(nodes).markdown.strip("\n"))


def _first_separator(nodes: list[Node]) -> tuple[int, int]:
    """The file line and column of the body's first `<--->`."""
    for node in nodes:
        if isinstance(node, Text) and SEPARATOR in node.text:
            before = node.text[:node.text.index(SEPARATOR)]
            newlines = before.count("\n")
            if not newlines:
                return node.line, node.column + len(before)
            return node.line + newlines, len(before) - before.rfind("\n")
    return 1, 1


def _stray(body: Document) -> str | None:
    """What stands in a body that should be only a list, or None when it is one."""
    if not body.blocks:
        return "the body is empty"
    stray = next((block for block in body.blocks if block.kind not in _LISTS), None)
    return None if stray is None else f"found '{_clip(stray.first_line)}' outside any item"


def split_nodes(nodes: list[Node], separator: str) -> list[list[Node]]:
    """A body cut where its text holds `separator`; each part keeps its place in the file."""
    parts: list[list[Node]] = [[]]
    for node in nodes:
        if not isinstance(node, Text) or separator not in node.text:
            parts[-1].append(node)
            continue
        line, column = node.line, node.column
        for index, piece in enumerate(node.text.split(separator)):
            if index:
                parts.append([])
            if piece:
                parts[-1].append(Text(piece, line, column))
            consumed = piece + separator
            newlines = consumed.count("\n")
            line += newlines
            column = (len(consumed) - consumed.rfind("\n")) if newlines else column + len(
                consumed)
    return parts


def _template(node: Shortcode, ctx: RenderContext) -> str | None:
    """`ratio="1:2"` as grid columns `1fr 2fr`."""
    ratio = node.named.get("ratio")
    if ratio is None:
        return None
    if not _RATIO.fullmatch(str(ratio).strip()):
        ctx.problem(node, f"columns ratio '{ratio}' is not like \"1:2\" or \"2:1:1\" "
                          "(relative widths separated by ':'); columns are drawn equal")
        return None
    return " ".join(f"{part.strip()}fr" for part in str(ratio).split(":"))


def render_card(node: Shortcode, ctx: RenderContext) -> Block:
    """A bordered card (Material's grid-card look), optionally with a picture on top, and with
    `href` a link as large as the card. Cards in columns make a grid of cards.

    The link is laid over the card rather than around it: a card holds headings, whose
    permalinks are links too, and a link cannot hold another.
    """
    classes = ["hugomat-card", *css_classes(node.named.get("class"))]
    body = ctx.body_document(node)
    text = body.markdown.strip("\n")
    parts: list[str] = []
    href = node.named.get("href")
    if href not in (None, ""):
        url, external = resolve_href(str(href), node, ctx)
        first = _first_words(body.blocks[0].first_line) if body.blocks else ""
        name = f"Open: {first}" if first else "Open card"
        target = ' target="_blank" rel="noopener"' if external else ""
        # Raw HTML, which MkDocs leaves alone: it would read the href of a Markdown-made link
        # as a path from the source file, not from the page.
        link = (f'<a class="hugomat-card__link" href="{attr(url)}" aria-label="{attr(name)}"'
                f"{target}></a>")
        parts.append(html_block("div.hugomat-card__cover", link, mode="html").text)
        classes.append("hugomat-card--link")
    image = node.named.get("image")
    if image not in (None, ""):
        alt = one_line(node.named.get("alt", ""))
        try:
            picture = ctx.picture(str(image), ctx.at(node), alt=alt)
        except ContentError as error:
            ctx.errors.append(error)
        else:
            parts.append(html_block("div.hugomat-card__image", picture, mode="html").text)
    parts.append(text)
    selector = "div" + "".join(f".{name}" for name in classes)
    return html_block(selector, "\n\n".join(part for part in parts if part))


def _first_words(line: str) -> str:
    """The card's first line of text, as written, without Markdown marks: its link's name."""
    return _clip(one_line(re.sub(r"[#*_`>\[\]!]|\(.*?\)|<[^>]*>", " ", line)), 60)


def render_steps(node: Shortcode, ctx: RenderContext) -> Block:
    """The body's numbered list drawn as steps: numbered circles joined by a line (CSS only)."""
    body = ctx.body_document(node)
    stray = _stray(body)
    if stray is not None:
        ctx.error(node, "steps expects a numbered Markdown list, one item per step "
                        f"('1. First step', '2. Second step'); "
                        f"{stray.replace('outside any item', 'outside any step')}")
    return html_block("div.hugomat-steps", body.markdown.strip("\n"))


def _clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"

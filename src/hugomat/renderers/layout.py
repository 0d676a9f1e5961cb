"""Layout shortcodes: `columns` (a responsive grid), `card`, and `steps`."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from hugomat.errors import ContentError
from hugomat.renderers.base import Block, attr, css_classes, html_block, one_line, quoted
from hugomat.renderers.links import resolve_href
from hugomat.renderers.lists import stray_line
from hugomat.shortcodes import Shortcode

if TYPE_CHECKING:
    from hugomat.render import RenderContext

# The old form of columns: parts split by a line holding only `<--->`.
_SEPARATOR = re.compile(r"^[ \t]*<--->[ \t]*$", re.MULTILINE)
_RATIO = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:[ \t]*:[ \t]*[0-9]+(?:\.[0-9]+)?)*")


def render_columns(node: Shortcode, ctx: RenderContext) -> Block:
    """A grid of columns: each top-level list item is one (any number), or each part between
    `<--->` lines in the old form. The grid stacks into one column on narrow screens."""
    text = ctx.body(node)
    classes = ["hugomat-columns", *css_classes(node.named.get("class"))]
    selector = "div" + "".join(f".{name}" for name in classes)
    template = _template(node, ctx)
    if template:
        # A custom property, so the stylesheet decides where it applies (not on phones).
        selector += f"[style={quoted('--hugomat-columns: ' + template)}]"
    if _SEPARATOR.search(text):
        parts = [part.strip("\n") for part in _SEPARATOR.split(text)]
        content = "\n".join(html_block("div.hugomat-column", part).text for part in parts)
        return html_block(selector + ".hugomat-columns--parts", content)
    stray = stray_line(text)
    if stray is not None:
        found = f"found '{_clip(stray)}' outside any item" if stray else "the body is empty"
        ctx.error(node, "columns expects a Markdown list whose top-level items are the "
                        "columns ('- first column', '- second column'), or columns separated "
                        f"by lines of <--->; {found}")
    return html_block(selector, text)


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
    text = ctx.body(node)
    parts: list[str] = []
    href = node.named.get("href")
    if href not in (None, ""):
        url, external = resolve_href(str(href), node, ctx)
        name = f"Open: {_first_words(text)}" if _first_words(text) else "Open card"
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


def _first_words(text: str) -> str:
    """The card's first line of text without Markdown marks, to name its link."""
    for line in text.split("\n"):
        words = one_line(re.sub(r"[#*_`>\[\]!]|\(.*?\)|<[^>]*>", " ", line))
        if words:
            return _clip(words, 60)
    return ""


def render_steps(node: Shortcode, ctx: RenderContext) -> Block:
    """The body's numbered list drawn as steps: numbered circles joined by a line (CSS only)."""
    text = ctx.body(node)
    stray = stray_line(text)
    if stray is not None:
        found = f"found '{_clip(stray)}' outside any step" if stray else "the body is empty"
        ctx.error(node, "steps expects a numbered Markdown list, one item per step "
                        f"('1. First step', '2. Second step'); {found}")
    return html_block("div.hugomat-steps", text)


def _clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"

"""Boxes around Markdown: `details` and its old name `expand`, and `hint` callouts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hugomat.errors import ContentError
from hugomat.read.shortcode_parser import Shortcode
from hugomat.render.renderers.base import Block, css_classes, fence, one_line, quoted, truthy

if TYPE_CHECKING:
    from hugomat.render.context import RenderContext

HINT_TYPES = ("info", "success", "warning", "danger")
# Attributes hugo-book (and Hugo) put on the <details> element.
_DETAILS_ATTRIBUTES = ("class", "name", "id")


def render_details(node: Shortcode, ctx: RenderContext) -> Block:
    """hugo-book's `details`, which replaces Hugo's own: the summary is `title=` or the first
    positional word, `open` a positional word or `open=true`, any other named argument an
    attribute of the element. Hugo's own form names the summary `summary=`; hugo-book leaves
    it empty then, but hugomat shows it rather than drop it."""
    title = node.named.get("title")
    rest = node.positional
    if title is None and rest:
        title, rest = rest[0], rest[1:]
    if title is None:
        title = node.named.get("summary")
    is_open = "open" in rest or truthy(node.named.get("open", False))
    options = {"open": "true"} if is_open else {}
    attributes = {name: value for name, value in node.named.items()
                  if name in _DETAILS_ATTRIBUTES and value not in (None, "", True, False)}
    if attributes:
        options["attrs"] = "{" + ", ".join(f"{name}: {quoted(str(value))}"
                                           for name, value in attributes.items()) + "}"
    return fence(f"details | {one_line(title if title is not None else 'Details')}",
                 ctx.body(node), options or None)


def render_expand(node: Shortcode, ctx: RenderContext) -> Block:
    """hugo-book's old collapsible block: `{{< expand "Label" "⇩" >}}`; the symbol was only
    decoration, which Material's own marker replaces."""
    label = node.arg("label", 0, "Expand")
    return fence(f"details | {one_line(label) or 'Expand'}", ctx.body(node))


def render_hint(node: Shortcode, ctx: RenderContext) -> Block:
    kind = node.arg("type", 0)
    if kind is None or kind == "":
        return fence("admonition |", ctx.body(node))
    kind = str(kind)
    if kind in HINT_TYPES:
        return fence("admonition |", ctx.body(node), {"type": kind})
    # hugo-book draws any other kind as a plain hint carrying the kind as a class.
    # Hugo builds it without a word: only --strict mentions it, and as a warning, not a failure.
    if ctx.strict:
        ctx.warnings.append(ContentError(ctx.at(node), f"hint type '{kind}' is not styled by "
                                         f"hugo-book ({', '.join(HINT_TYPES)}); it is drawn "
                                         "as a plain hint"))
    names = css_classes(kind)
    options = {"attrs": "{class: " + quoted(" ".join(names)) + "}"} if names else None
    return fence("admonition |", ctx.body(node), options)

"""Boxes around Markdown: `details` and its old name `expand`, and `hint` callouts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hugomat.renderers.base import Block, fence, one_line, truthy
from hugomat.shortcodes import Shortcode

if TYPE_CHECKING:
    from hugomat.render import RenderContext

HINT_TYPES = ("info", "success", "warning", "danger")


def render_details(node: Shortcode, ctx: RenderContext) -> Block:
    title = node.named.get("title")
    rest = node.positional
    if title is None and rest:
        title, rest = rest[0], rest[1:]
    is_open = "open" in rest or truthy(node.named.get("open", False))
    options = {"open": "true"} if is_open else None
    return fence(f"details | {one_line(title if title is not None else 'Details')}",
                 ctx.body(node), options)


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
    if kind not in HINT_TYPES:
        ctx.problem(node, f"hint type '{kind}' does not exist; expected one of "
                          f"{', '.join(HINT_TYPES)}, or none")
        return fence("admonition |", ctx.body(node))
    return fence("admonition |", ctx.body(node), {"type": kind})

"""Small inline and pass-through shortcodes: `badge` and `html`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hugomat.read.shortcode_parser import Shortcode
from hugomat.render.renderers.base import Block, attr, css_classes, html_block, one_line

if TYPE_CHECKING:
    from hugomat.render.context import RenderContext

BADGE_STYLES = ("default", "info", "success", "warning", "danger")


def render_badge(node: Shortcode, ctx: RenderContext) -> str:
    """A small label of a title and a value, as hugo-book's older `badge` drew it."""
    style = str(node.named.get("style", "default")).strip() or "default"
    if style not in BADGE_STYLES:
        ctx.problem(node, f"badge style '{style}' does not exist; expected one of "
                          f"{', '.join(BADGE_STYLES)}")
        style = "default"
    title = one_line(node.arg("title", 0, ""))
    value = one_line(node.arg("value", 1, ""))
    if not title and not value:
        ctx.problem(node, 'badge has neither title nor value, e.g. '
                          '{{< badge style="info" title="Hugo" value="0.158" >}}')
    classes = " ".join(["hugomat-badge", f"hugomat-badge--{style}",
                        *css_classes(node.named.get("class"))])
    parts = [f'<span class="hugomat-badge__{part}">{attr(text)}</span>'
             for part, text in (("title", title), ("value", value)) if text]
    return f'<span class="{attr(classes)}">{"".join(parts)}</span>'


def render_html(node: Shortcode, ctx: RenderContext) -> Block:
    """Raw HTML, passed through as written (shortcodes inside it still run)."""
    return html_block("div.hugomat-html", ctx.raw_body(node).strip("\n"), mode="html")

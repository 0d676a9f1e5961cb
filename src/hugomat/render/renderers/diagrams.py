"""`mermaid`: a diagram drawn in the reader's browser by Mermaid, served from the site itself.

The shortcode becomes a ```` ```mermaid ```` fence, the same as one written in Markdown;
pymdownx.superfences turns that into `<div class="hugomat-mermaid">` holding the source
(readable as it is without JavaScript), and the page's script draws it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from pymdownx.superfences import fence_div_format

from hugomat.read.shortcode_parser import Shortcode
from hugomat.render.placeholders import dedent
from hugomat.render.renderers.base import Block, css_classes, raw_text

if TYPE_CHECKING:
    from hugomat.render.context import RenderContext

_BACKTICKS = re.compile(r"`{3,}")


def render_mermaid(node: Shortcode, ctx: RenderContext) -> Block:
    indent = ctx.indents[-1] if ctx.indents else ""
    source = dedent(raw_text(node.children), indent).strip("\n")
    if not source.strip():
        ctx.problem(node, "mermaid holds no diagram; expected the diagram's source, e.g. "
                          "{{< mermaid >}}graph LR; A --> B{{< /mermaid >}}")
    ctx.needs.add("mermaid")
    return Block(mermaid_fence(source, css_classes(node.named.get("class"))))


def mermaid_fence(source: str, classes: list[str]) -> str:
    """A fence longer than any run of backticks in the source, so the source cannot end it."""
    longest = max((len(run) for run in _BACKTICKS.findall(source)), default=2)
    ticks = "`" * max(3, longest + 1)
    header = "mermaid" if not classes else "{.mermaid " + " ".join(f".{c}" for c in classes) + "}"
    return f"{ticks}{header}\n{source}\n{ticks}\n"


# The Markdown side: pymdownx.superfences draws ```mermaid fences as a div holding the source,
# for the page's own script. Never Material's class `mermaid`: Material would fetch Mermaid
# from a CDN for it.
MERMAID_FENCE: dict[str, Any] = {
    "name": "mermaid",
    "class": "hugomat-mermaid",
    "format": fence_div_format,
}

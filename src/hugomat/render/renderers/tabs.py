"""`tabs` / `tab`: Material's content tabs (pymdownx.blocks.tab, alternate style)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hugomat.errors import Location
from hugomat.read.shortcode_parser import Shortcode, Text
from hugomat.render.renderers.base import Block, fence, is_shortcode, one_line

if TYPE_CHECKING:
    from hugomat.render.context import RenderContext

_EXAMPLE = '{{< tabs >}} {{% tab "Linux" %}} ... {{% /tab %}} {{< /tabs >}}'


def render_tabs(node: Shortcode, ctx: RenderContext) -> Block:
    """The tabs of one set. Each set starts with `new: true`, or Markdown would merge two
    adjacent sets into one; text between tabs is kept but splits the set, with a warning."""
    children = node.children or []
    starts_set = True
    tabs = 0
    for child in children:
        if is_shortcode(child, "tab"):
            assert isinstance(child, Shortcode)
            if starts_set:
                ctx.tab_starts.add(id(child))
            starts_set = False
            tabs += 1
        elif isinstance(child, Text):
            if child.text.strip():
                ctx.problem_at(_first_text(child, ctx),
                               f"text inside tabs but outside any tab is shown between the "
                               f"tabs; expected only tabs: {_EXAMPLE}")
                starts_set = True
        else:
            starts_set = True
    if not tabs:
        ctx.problem(node, f"tabs holds no tab; expected {_EXAMPLE}")
    # A Block of its own so the set stands between blank lines; the tabs are its lines.
    return Block(ctx.body(node) + "\n")


def render_tab(node: Shortcode, ctx: RenderContext) -> Block:
    parent = ctx.parent
    label = node.arg("title", 0)
    if label is None:
        label = node.named.get("name")
    if label is None or not one_line(label):
        ctx.error(node, f'tab needs a label, e.g. {{{{% tab "Linux" %}}}}; expected {_EXAMPLE}')
        label = "Tab"
    if parent is None or parent.name != "tabs":
        where = f"inside '{parent.name}'" if parent is not None else "on its own"
        ctx.error(node, f"tab must stand directly inside tabs, not {where}; expected {_EXAMPLE}")
    new = id(node) in ctx.tab_starts or parent is None or parent.name != "tabs"
    return fence(f"tab | {one_line(label)}", ctx.body(node), {"new": "true"} if new else None)


def _first_text(text: Text, ctx: RenderContext) -> Location:
    """Where the first non-blank character of a text node is."""
    before = text.text[: len(text.text) - len(text.text.lstrip())]
    newlines = before.count("\n")
    column = len(before) - before.rfind("\n") if newlines else text.column + len(before)
    return Location(ctx.page.display_path, text.line + newlines, column)

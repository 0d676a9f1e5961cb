"""A block written as HTML, where Python-Markdown has no Markdown that reads alike.

markdown-it's own renderer writes the block, with hugomat's links, pictures, shortcodes and
footnote numbers, so that it reads as the Markdown around it does. A block shortcode inside
it stays Markdown (its pymdownx block): the HTML is cut around it into segments, and
the writer puts each HTML segment in a raw-HTML fence; the browser joins them again.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode
from markdown_it.utils import EnvType, OptionsDict

from hugomat.markdown.extensions import task_checkbox

if TYPE_CHECKING:
    from hugomat.markdown.writer import Hooks

_OPTIONS = OptionsDict({"html": True, "xhtmlOut": False, "breaks": False,
                        "langPrefix": "language-", "highlight": None, "maxNesting": 100,
                        "linkify": False, "typographer": False, "quotes": "“”‘’"})
# Stands in the HTML where a block shortcode's Markdown goes.
_HOLE = re.compile("\x00([0-9]+)\x00")


def heading_attributes(attrs: dict[str, str | int | float]) -> dict[str, str]:
    """A heading's attributes as the page draws them: hugo-book's `anchor=false` (no `#`
    link beside the heading) becomes a class the style sheet reads."""
    drawn: dict[str, str] = {}
    for key, value in attrs.items():
        if key == "anchor":
            if str(value).lower() == "false":
                drawn["class"] = " ".join([*str(drawn.get("class", "")).split(),
                                           "hugomat-no-anchor"])
        elif key == "class":
            drawn["class"] = " ".join([*str(value).split(), *drawn.get("class", "").split()])
        else:
            drawn[key] = str(value)
    return drawn


@dataclass(frozen=True)
class MarkdownHole:
    """A block shortcode's Markdown between two pieces of HTML."""

    text: str


def render_html(node: SyntaxTreeNode, hooks: Hooks) -> list[str | MarkdownHole]:
    """The HTML of one block (and what it holds), cut around block shortcodes."""
    renderer = _Renderer(hooks)
    rendered = renderer.render(node.to_tokens(), _OPTIONS, {}).rstrip("\n")
    segments: list[str | MarkdownHole] = []
    position = 0
    for match in _HOLE.finditer(rendered):
        if rendered[position:match.start()].strip():
            segments.append(rendered[position:match.start()].strip("\n"))
        segments.append(renderer.holes[int(match.group(1))])
        position = match.end()
    if rendered[position:].strip() or not segments:
        segments.append(rendered[position:].strip("\n"))
    return segments


class _Renderer(RendererHTML):
    def __init__(self, hooks: Hooks) -> None:
        super().__init__()
        self.hooks = hooks
        self.holes: list[MarkdownHole] = []

    def renderInline(self, tokens: Sequence[Token], options: OptionsDict,
                     env: EnvType) -> str:
        out = []
        for index, token in enumerate(tokens):
            special = getattr(self, f"_{token.type}", None)
            if special is not None:
                out.append(special(tokens, index))
            elif token.type in self.rules:
                out.append(self.rules[token.type](tokens, index, options, env))
            else:
                out.append(self.renderToken(tokens, index, options, env))
        return "".join(out)

    def _text(self, tokens: Sequence[Token], index: int) -> str:
        content = tokens[index].content
        pieces: list[str] = []
        position = 0
        for match in self.hooks.placeholder.finditer(content):
            pieces.append(html.escape(content[position:match.start()], quote=False))
            placed = self.hooks.shortcode(match.group())
            if placed.block:
                self.holes.append(MarkdownHole(placed.text))
                pieces.append(f"\x00{len(self.holes) - 1}\x00")
            else:
                pieces.append(placed.text)
            position = match.end()
        pieces.append(html.escape(content[position:], quote=False))
        return "".join(pieces)

    def _link_open(self, tokens: Sequence[Token], index: int) -> str:
        token = tokens[index]
        href = self.hooks.link(token, self.hooks.substitute(str(token.attrs.get("href", ""))),
                               in_html=True)
        return f'<a href="{html.escape(href)}"{_title(token)}>'

    def _image(self, tokens: Sequence[Token], index: int) -> str:
        token = tokens[index]
        src = self.hooks.substitute(str(token.attrs.get("src", "")))
        alt = self.renderInlineAsText(token.children or [], _OPTIONS, {})
        title = token.attrs.get("title")
        drawn = self.hooks.image(token, src, alt, str(title) if title else None)
        if drawn is not None:
            return drawn
        return f'<img src="{html.escape(src)}" alt="{html.escape(alt)}"{_title(token)}>'

    def _html_inline(self, tokens: Sequence[Token], index: int) -> str:
        return self.hooks.substitute(tokens[index].content)

    def _code_inline(self, tokens: Sequence[Token], index: int) -> str:
        code = self.hooks.substitute(tokens[index].content)
        return f"<code>{html.escape(code, quote=False)}</code>"

    def _math(self, tokens: Sequence[Token], index: int) -> str:
        return self.hooks.maths(tokens[index])

    def _footnote_ref(self, tokens: Sequence[Token], index: int) -> str:
        number = int(tokens[index].meta["id"]) + 1
        return (f'<sup id="fnref:{number}"><a class="footnote-ref" href="#fn:{number}">'
                f"{number}</a></sup>")

    def heading_open(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
                     env: EnvType) -> str:
        token = tokens[idx]
        self.hooks.heading_id(token)
        # hugo-book writes an id on every heading, an empty one on a heading without text.
        drawn = {"id": "", **heading_attributes(token.attrs)}
        attributes = "".join(f' {key}="{html.escape(value)}"' for key, value in drawn.items())
        return f"<{token.tag}{attributes}>{task_checkbox(tokens, idx)}"

    def paragraph_open(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
                       env: EnvType) -> str:
        return self.renderToken(tokens, idx, options, env) + task_checkbox(tokens, idx)

    def list_item_open(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
                       env: EnvType) -> str:
        # markdown-it's own rule puts a task's checkbox here; Goldmark puts it in the item's
        # first block (paragraph_open, heading_open).
        return self.renderToken(tokens, idx, options, env)

    def html_block(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
                   env: EnvType) -> str:
        return self.hooks.substitute(tokens[idx].content)

    def fence(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
              env: EnvType) -> str:
        token = tokens[idx]
        language = token.info.strip().split(" ")[0].split("{")[0]
        code = html.escape(self.hooks.substitute(token.content), quote=False)
        css = f' class="language-{html.escape(language)}"' if language else ""
        return f"<pre><code{css}>{code}</code></pre>\n"

    def code_block(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
                   env: EnvType) -> str:
        code = html.escape(self.hooks.substitute(tokens[idx].content), quote=False)
        return f"<pre><code>{code}</code></pre>\n"


def _title(token: Token) -> str:
    title = token.attrs.get("title")
    return f' title="{html.escape(str(title))}"' if title else ""

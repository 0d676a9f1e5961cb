"""The one Markdown parser: markdown-it-py set up as Hugo 0.168 sets up Goldmark.

CommonMark, with Hugo's default extensions (typographer, linkify, strikethrough, tables, task
lists, footnotes, definition lists, heading attributes, heading ids), raw HTML kept (hugo-book
sites set `unsafe = true`), GitHub alerts on quotes, and, on pages that use KaTeX, the maths
KaTeX finds in text. Links and pictures remember where they were written.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from hugomat.markdown import (
    alerts,
    attributes,
    emoji,
    extensions,
    heading_ids,
    linkify,
    maths,
    strikethrough,
    typographer,
)

# The env key under which the inline rules find the block token being read.
_BLOCK = "hugomat.block"
# Blocks nested deeper (lists, quotes: two levels a list) would be dropped by the parser;
# Python-Markdown reads 60 levels of lists or quotes without trouble.
MAX_NESTING = 64


class NestedTooDeep(ValueError):
    """Blocks (lists, quotes) nested deeper than the parser reads, or emphasis and links
    nested deeper than a page can be written; `line` is where (0-based)."""

    def __init__(self, line: int, what: str = "lists and quotes (a list takes two levels, a "
                 "quote one)") -> None:
        super().__init__(f"{what} are nested deeper than the {MAX_NESTING} levels hugomat "
                         "reads")
        self.line = line


@cache
def goldmark(*, with_maths: bool = False, with_emoji: bool = False) -> MarkdownIt:
    """A parser reading Markdown as Hugo's Goldmark does; `with_maths` for a page on which
    KaTeX draws `$$...$$`, `\\(...\\)` and `\\[...\\]`; `with_emoji` for a site that sets
    `enableEmoji`."""
    md = MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING})
    md.enable("table")
    _keep_unicode_spaces(md)
    typographer.install(md)
    linkify.install(md)
    strikethrough.install(md)
    extensions.install(md)
    attributes.install(md)
    heading_ids.install(md)
    alerts.install(md)
    if with_maths:
        maths.install(md)
    if with_emoji:
        emoji.install(md)
    _remember_origins(md)
    # Goldmark reads `[x](javascript:...)` as a link; markdown-it would leave it as text, so
    # no mistake could be reported. Every link is kept, and hugomat.render.link_check refuses the
    # schemes the site does not link to, at the link.
    md.validateLink = _every_link  # type: ignore[method-assign]
    return md


def _every_link(url: str) -> bool:
    return True


def _keep_unicode_spaces(md: MarkdownIt) -> None:
    """A paragraph loses only spaces and tabs at its ends, as in CommonMark and Goldmark;
    markdown-it-py also takes no-break spaces and the like."""
    paragraph = md.block.ruler.__rules__[md.block.ruler.__find__("paragraph")].fn

    def keeping(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        if not paragraph(state, start, end, silent):
            return False
        if not silent:
            inline = state.tokens[-2]
            lines = state.getLines(start, state.line, state.blkIndent, False)
            inline.content = lines.strip(" \t\n\r")
        return True

    md.block.ruler.at("paragraph", keeping)


def parse(text: str, *, with_maths: bool = False, with_emoji: bool = False,
          env: dict[str, Any] | None = None) -> list[Token]:
    """The token stream of a document; raises NestedTooDeep rather than lose what lies
    deeper than the parser goes."""
    tokens = goldmark(with_maths=with_maths, with_emoji=with_emoji).parse(
        text, env if env is not None else {})
    for token in tokens:
        if token.level >= MAX_NESTING - 1:
            raise NestedTooDeep(token.map[0] if token.map else 0)
        if token.children and _inline_depth(token.children) > MAX_NESTING:
            raise NestedTooDeep(token.map[0] if token.map else 0, "emphasis and links")
    return tokens


def _inline_depth(children: list[Token]) -> int:
    depth = deepest = 0
    for child in children:
        depth += child.nesting
        deepest = max(deepest, depth)
    return deepest


def origin(token: Token) -> tuple[Token, int] | None:
    """For a link or picture token: the block token whose text holds it, and the offset in
    that text where it starts."""
    block = token.meta.get("block")
    offset = token.meta.get("offset")
    if isinstance(block, Token) and isinstance(offset, int):
        return block, offset
    return None


# -- where links and pictures were written ---------------------------------------------------

_REMEMBERED = ("link_open", "image", "math")


def _remember_origins(md: MarkdownIt) -> None:
    """Links and pictures get meta `block` (their inline token) and `offset` (in its text)."""
    md.core.ruler.at("inline", _inline_with_block)
    for name in ("link", "image", "autolink", "goldmark_linkify", "hugomat_maths"):
        if name in md.inline.ruler.get_all_rules():
            rule = md.inline.ruler.__rules__[md.inline.ruler.__find__(name)]
            md.inline.ruler.at(name, _with_origin(rule.fn))


def _inline_with_block(state: StateCore) -> None:
    for token in state.tokens:
        if token.type == "inline":
            state.env[_BLOCK] = token
            token.children = token.children or []
            state.md.inline.parse(token.content, state.md, state.env, token.children)
    state.env.pop(_BLOCK, None)


def _with_origin(rule: Callable[[StateInline, bool], bool]
                 ) -> Callable[[StateInline, bool], bool]:
    def remembering(state: StateInline, silent: bool) -> bool:
        start = state.pos
        count = len(state.tokens)
        found = rule(state, silent)
        if found and not silent:
            block = state.env.get(_BLOCK)
            for token in state.tokens[count:]:
                if token.type in _REMEMBERED and "offset" not in token.meta:
                    token.meta["offset"] = _destination(state.src, start, state.pos, token)
                    token.meta["block"] = block
        return found

    return remembering


def _destination(src: str, start: int, end: int, token: Token) -> int:
    """Where an inline link's address starts (`[text](here)`), which is what a message about
    it points at; the link's start for other links."""
    if token.type in ("link_open", "image") and src.startswith(("[", "!["), start):
        close = src.rfind("](", start, end)
        if close >= 0:
            position = close + 2
            while position < end and src[position] in " \t\n<":
                position += 1
            return position
    if token.markup == "autolink":
        return start + 1
    return start

"""Heading ids exactly as Hugo makes them (``autoHeadingIDType = "github"``).

Hugo computes a heading's id from a plain-text rendering of its inline content, then
keeps Unicode letters, decimal digits and ``_`` (lowercased), turns spaces and ``-``
into ``-`` and drops everything else. An id that is empty after that becomes
``heading``; a heading whose plain text is empty gets no id at all. Ids are unique
per page: a generated id that is taken gets ``-1``, ``-2``… (the first number not
taken), while an explicit ``{#id}`` is kept as written, even when it repeats one.

The plain text follows Hugo's walk of the Goldmark tree, quirks included: every
top-level piece of the heading counts, but of an emphasis, link, image or
strikethrough only its *first* child does (``**foo *bar* baz** end`` gives
``foo--end``), autolinks and footnote references count for nothing, raw HTML is
stripped, named entities are resolved (numeric ones stay as written), and a setext
heading of several lines keeps only its last line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html.entities import html5

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from hugomat.markdown import emoji
from hugomat.markdown.extensions import matching_close

# Go's unicode.IsSpace: what bytes.TrimSpace trims around the text.
_GO_SPACE = (
    "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)

# What Goldmark's typographer writes: each is a node of its own in Goldmark's tree.
_TYPOGRAPHIC = "‘’“”–—…«»"
# Delimiter runs Goldmark leaves as text: the run ends the text node it follows.
_DELIMITERS = "*_~"
# Unmatched openers Goldmark keeps as separate text nodes.
_SEPARATE_OPENERS = "`["

_NAMED_ENTITY = re.compile(r"&([A-Za-z0-9]+);")
_ENV_KEY = "heading_ids"
# With this env key true, the parse only reads each heading's text; `assign_id` hands the
# ids out later, in the page's order (a page's shortcode bodies are parsed apart, but Hugo
# numbers their headings where they stand).
DEFER = "heading_ids_later"


def anchor(text: str) -> str:
    """Hugo's ``anchorize`` for the github id type: no fallback, no uniqueness."""
    return text.strip(_GO_SPACE).translate(_ANCHOR_CHARS)


def _anchor_char(char: str) -> str | None:
    """What a character becomes in an id; None drops it."""
    if char == " " or char == "-":
        return "-"
    if char == "_" or char.isalpha() or char.isdecimal():
        lower = char.lower()
        # Go lowercases rune by rune: "İ" is "i", not "i̇".
        return lower if len(lower) == 1 else lower[0]
    return None


class _AnchorChars(dict[int, str | None]):
    """``str.translate`` table filled on first sight of each character."""

    def __missing__(self, code: int) -> str | None:
        value = self[code] = _anchor_char(chr(code))
        return value


_ANCHOR_CHARS = _AnchorChars()


class HeadingIds:
    """The ids of one page, handed out as Hugo's Goldmark id factory does."""

    def __init__(self) -> None:
        self._taken: set[str] = set()
        # Last suffix handed out per base: every smaller one is taken already.
        self._last_suffix: dict[str, int] = {}

    def copy(self) -> HeadingIds:
        """The ids handed out so far, apart from this object's future ones."""
        other = HeadingIds()
        other._taken = set(self._taken)
        other._last_suffix = dict(self._last_suffix)
        return other

    def __contains__(self, heading_id: str) -> bool:
        return heading_id in self._taken

    def take(self, text: str) -> str:
        """A new unique id for a heading whose plain text is ``text`` (Hugo gives a
        heading with no plain text at all no id: callers skip those)."""
        base = anchor(text) or "heading"
        if base not in self._taken:
            self._taken.add(base)
            return base
        suffix = self._last_suffix.get(base, 0) + 1
        while f"{base}-{suffix}" in self._taken:
            suffix += 1
        self._last_suffix[base] = suffix
        heading_id = f"{base}-{suffix}"
        self._taken.add(heading_id)
        return heading_id

    def claim(self, explicit_id: str) -> str:
        """Record an explicit id; it is kept as written, even when already taken."""
        self._taken.add(explicit_id)
        return explicit_id


def install(md: MarkdownIt) -> None:
    """Set ``id`` on every ``heading_open`` token, once the inline content is parsed.

    The rule runs before ``text_join``, while escapes and entities are still tokens
    of their own (Hugo reads entities as written). The ids come from
    ``env["heading_ids"]`` when it holds a :class:`HeadingIds` (several parses of one
    page share it, as Hugo reads a page and its ``{{% %}}`` shortcode bodies as one
    document: parse them in the page's order), else from a fresh one per document.
    """
    rules = md.core.ruler.get_all_rules()
    if "heading_ids" in rules:
        return
    if "text_join" in rules:
        md.core.ruler.before("text_join", "heading_ids", _assign_heading_ids)
    else:
        md.core.ruler.push("heading_ids", _assign_heading_ids)


def _assign_heading_ids(state: StateCore) -> None:
    ids = state.env.get(_ENV_KEY) if isinstance(state.env, dict) else None
    if not isinstance(ids, HeadingIds):
        ids = HeadingIds()
    defer = isinstance(state.env, dict) and state.env.get(DEFER) is True
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        explicit = token.attrs.get("id")
        text = heading_text(tokens[index + 1]) if explicit is None else ""
        if defer:
            token.meta["heading_text"] = text
            continue
        if explicit is not None:
            ids.claim(str(explicit))
        elif text:
            token.attrs["id"] = ids.take(text)


def assign_id(heading_open: Token, ids: HeadingIds) -> None:
    """For a heading read with ids deferred: its id, handed out now (once)."""
    text = heading_open.meta.pop("heading_text", None)
    if text is None:
        return
    explicit = heading_open.attrs.get("id")
    if explicit is not None:
        ids.claim(str(explicit))
    elif text:
        heading_open.attrs["id"] = ids.take(text)


def heading_text(inline: Token) -> str:
    """The plain text Hugo derives a heading's id from (before sanitizing).

    A curly quote, dash, ellipsis or angle quote that the source does not hold was
    written by the typographer: in Goldmark it is a node of its own, which ends the
    first child of an emphasis or link.
    """
    produced = "".join(char for char in _TYPOGRAPHIC if char not in inline.content)
    text = _resolve_named_entities(_all_children_text(inline.children or [], produced))
    # A setext heading of several lines: only its last line counts.
    return text.rsplit("\n", 1)[-1]


def _resolve_named_entities(text: str) -> str:
    if "&" not in text:
        return text
    return _NAMED_ENTITY.sub(_named_entity, text)


def _named_entity(match: re.Match[str]) -> str:
    return html5.get(match.group(1) + ";", match.group(0))


def _all_children_text(children: Sequence[Token], produced: str) -> str:
    """Every child in turn: what Hugo does for the heading's direct children."""
    parts: list[str] = []
    index = 0
    while index < len(children):
        token = children[index]
        if token.nesting == 1:
            close = matching_close(children, index)
            parts.append(_container_text(token, children[index + 1 : close], produced))
            index = close + 1
            continue
        parts.append(_leaf_text(token, produced))
        index += 1
    return "".join(parts)


def _leaf_text(token: Token, produced: str) -> str:
    kind = token.type
    if kind == "text_special":
        return _special_text(token)
    if kind in ("text", "code_inline"):
        return token.content
    if kind in ("softbreak", "hardbreak"):
        return "\n"
    if kind == "image":
        return _first_child_text(token.children or [], produced)
    # Raw HTML is stripped of its tags (one tag per token: nothing is left);
    # footnote references and other atoms carry no text.
    return ""


def _special_text(token: Token) -> str:
    """An entity as written (Hugo resolves named ones only), an escape as its character."""
    return token.markup if token.info in ("entity", emoji.INFO) else token.content


def _container_text(opener: Token, inner: Sequence[Token], produced: str) -> str:
    if opener.type == "link_open" and _is_autolink(opener):
        return ""
    return _first_child_text(inner, produced)


def _is_autolink(link_open: Token) -> bool:
    return link_open.markup in ("autolink", "linkify") or link_open.info == "auto"


def _first_child_text(children: Sequence[Token], produced: str) -> str:
    """Hugo reads only the first child of a nested node (and of that one's, …)."""
    # markdown-it leaves empty text where delimiters were; Goldmark has no such node.
    start = 0
    while start < len(children) and children[start].type == "text" and not children[start].content:
        start += 1
    if start == len(children):
        return ""
    first = children[start]
    if first.nesting == 1:
        close = matching_close(children, start)
        return _container_text(first, children[start + 1 : close], produced)
    if first.type in ("text", "text_special"):
        return _first_text_node(children[start:], produced)
    if first.type in ("softbreak", "hardbreak"):
        return ""
    return _leaf_text(first, produced)


def _first_text_node(children: Sequence[Token], produced: str) -> str:
    """The text of the node Goldmark makes of the leading text, where it would end."""
    pieces: list[str] = []
    for token in children:
        if token.type == "text_special":
            # Escapes and entities never end a Goldmark text node.
            pieces.append(_special_text(token))
            continue
        if token.type != "text":
            if token.type in ("softbreak", "hardbreak"):
                pieces.append("\n")
            break
        cut = _text_node_end(token.content, produced, at_start=not pieces)
        if cut is not None:
            pieces.append(token.content[:cut])
            break
        pieces.append(token.content)
    return "".join(pieces)


def _text_node_end(text: str, produced: str, *, at_start: bool) -> int | None:
    """Where Goldmark ends a text node inside ``text``, or None when it runs on."""
    for position, char in enumerate(text):
        if char in _DELIMITERS:
            end = position
            while end < len(text) and text[end] == char:
                end += 1
            return end
        if char in _SEPARATE_OPENERS or char in produced:
            # Leading, the typographer's character (or the opener) is the node itself.
            return 1 if position == 0 and at_start else position
    return None

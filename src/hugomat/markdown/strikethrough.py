"""Goldmark's strikethrough as markdown-it-py rules: ``~~text~~`` and ``~text~`` give ``<del>``.

A run of one or two tildes is a delimiter, with the same flanking rules as ``*``; a longer run,
or a tilde right after another tilde, is plain text. Tildes pair with tildes in the one
delimiter pass that also pairs ``*`` and ``_`` (so the "rule of 3" applies to them too): two
against two make one ``<del>``, otherwise a single tilde is used from each side and the rest
stays text (``~~a~`` gives ``~<del>a</del>``).
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.state_inline import Delimiter

from .typographer import ensure_alt_text_source, flanking, source_of

_TILDE = 0x7E


def _tilde_run(src: str, pos: int) -> int:
    end = pos
    while end < len(src) and src[end] == "~":
        end += 1
    return end - pos


def tokenize(state: StateInline, silent: bool) -> bool:
    """Push each tilde of a one- or two-tilde run as a text token and a delimiter."""
    if silent or state.src[state.pos] != "~":
        return False
    src, offset = source_of(state)
    pos = offset + state.pos
    before = src[pos - 1] if pos > 0 else "\n"
    length = _tilde_run(src, pos)
    if length > 2 or before == "~":
        return False
    after = src[pos + length] if pos + length < len(src) else " "
    can_open, can_close = flanking(before, after)
    for _ in range(length):
        token = state.push("text", "", 0)
        token.content = "~"
        state.delimiters.append(
            Delimiter(
                marker=_TILDE,
                length=length,
                token=len(state.tokens) - 1,
                end=-1,
                open=can_open,
                close=can_close,
            )
        )
    state.pos += length
    return True


def _turn_into_del(state: StateInline, delimiters: list[Delimiter]) -> None:
    """Make ``<del>`` of matched tildes; two nested pairs of adjacent tildes make one."""
    tokens = state.tokens
    i = len(delimiters) - 1
    while i >= 0:
        opener = delimiters[i]
        if opener.marker != _TILDE or opener.end == -1:
            i -= 1
            continue
        closer = delimiters[opener.end]
        double = (
            i > 0
            and delimiters[i - 1].end == opener.end + 1
            and delimiters[i - 1].marker == _TILDE
            and delimiters[i - 1].token == opener.token - 1
            and delimiters[opener.end + 1].token == closer.token + 1
        )
        markup = "~~" if double else "~"
        for index, kind, nesting in (
            (opener.token, "s_open", 1),
            (closer.token, "s_close", -1),
        ):
            token = tokens[index]
            token.type = kind
            token.tag = "del"
            token.nesting = nesting
            token.markup = markup
            token.content = ""
        if double:
            tokens[delimiters[i - 1].token].content = ""
            tokens[delimiters[opener.end + 1].token].content = ""
            i -= 1
        i -= 1


def post_process(state: StateInline) -> None:
    _turn_into_del(state, state.delimiters)
    for meta in state.tokens_meta:
        if meta and "delimiters" in meta:
            _turn_into_del(state, meta["delimiters"])


def install(md: MarkdownIt) -> None:
    """Replace markdown-it's strikethrough by Goldmark's and turn it on."""
    ensure_alt_text_source(md)
    md.inline.ruler.at("strikethrough", tokenize)
    md.inline.ruler2.at("strikethrough", post_process)
    md.inline.ruler.enable("strikethrough")
    md.inline.ruler2.enable("strikethrough")

"""Emoji codes in text (`:smile:`), as Hugo draws them when the site sets `enableEmoji`
(Goldmark's emoji extension).

A code is a `:`, a name of letters, digits, `_`, `+` and `-`, and a `:`, anywhere in text
(`a:smile:b` too), with the name written in its case; a name that is no emoji stays as
written, and so does code, a URL or an autolink. The names and characters are GitHub's
(pymdown-extensions' copy of them, aliases included), each drawn in its fully qualified form
(`:heart:` is U+2764 U+FE0F), as Hugo 0.168 draws all 1,913 of them.

The character is a `text_special` token that remembers its code: a heading's id is made from
the code, as Hugo makes it (`# Hi :smile:` is `hi-smile`).
"""

from __future__ import annotations

import re
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

_CODE = re.compile(r":([A-Za-z0-9_+\-]+):")
INFO = "emoji"


@cache
def characters() -> dict[str, str]:
    """Each emoji name (without colons) and what it draws."""
    from pymdownx import gemoji_db

    table = {}
    for code, entry in gemoji_db.emoji.items():
        points = entry.get("unicode_alt", entry["unicode"])
        table[code.strip(":")] = "".join(chr(int(point, 16)) for point in points.split("-"))
    for alias, code in gemoji_db.aliases.items():
        table[alias.strip(":")] = table[code.strip(":")]
    return table


def emoji(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != ":":
        return False
    found = _CODE.match(state.src, state.pos, state.posMax)
    if found is None:
        return False
    drawn = characters().get(found.group(1))
    if drawn is None:
        return False
    if not silent:
        token = state.push("text_special", "", 0)
        token.content = drawn
        token.markup = found.group()
        token.info = INFO
    state.pos = found.end()
    return True


def install(md: MarkdownIt) -> None:
    # Before the text rule, which stops at `:`; after linkify, whose URLs keep their codes.
    md.inline.ruler.before("text", "hugomat_emoji", emoji)

"""Text written so that Python-Markdown reads it back as the same text.

CommonMark escapes every ASCII punctuation mark; Python-Markdown only some (`\\` before `$`
stays a backslash). So text is written with the escapes Python-Markdown knows where a mark
would otherwise start something, and with a character reference (`&#61;`) where it knows
none. Marks that start nothing where they stand are written as they are, so the Markdown
stays readable.
"""

from __future__ import annotations

import re

# Anywhere in text: emphasis, code, links, attribute lists, raw HTML, table cells, tildes
# (pymdownx.tilde), and `&` where it would read as a character reference.
# Newlines, tabs and carriage returns come from character references (`&#10;`): written as
# they are, they would end the line, or indent it into code.
_ANYWHERE = re.compile(r"[\\`*\[\]{}|~<\n\t\r]|&(?=#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z0-9]+;)")
_ANYWHERE_WRITTEN = {"<": "&lt;", "&": "&amp;", "\n": "&#10;", "\t": "&#9;", "\r": "&#13;"}

# At the start of a line, what Python-Markdown (and the extensions a site may use) reads as
# the start of a block: headings, quotes, list items, setext underlines, rules, definition
# lists, admonitions, pymdownx blocks, details.
_LINE_START = re.compile(
    r"[#>+\-]|=|[0-9]+(?=\.)|:(?=[ \t]|$)|!(?=!!)|/(?=//)|\?(?=\?\?)|%(?=%%)| ")
_LINE_START_WRITTEN = {"=": "&#61;", ":": "&#58;", "/": "&#47;", "?": "&#63;", "%": "&#37;",
                       " ": "&#32;"}

# An underscore emphasises only at a word's edge; inside a word it is a letter.
_WORD = re.compile(r"\w")


def escape(text: str, *, line_start: bool = False, before: str = "", after: str = "") -> str:
    """`text` written for Python-Markdown. `line_start`: it begins a line of the block;
    `before` and `after`: the characters written around it, which decide underscores."""
    if not text:
        return text
    out = _ANYWHERE.sub(_escape_mark, text)
    if "_" in out:
        out = _underscores(out, before, after)
    if line_start:
        out = _escape_line_start(out)
    return out


def _escape_mark(match: re.Match[str]) -> str:
    mark = match.group()
    return _ANYWHERE_WRITTEN.get(mark) or "\\" + mark


def _underscores(text: str, before: str, after: str) -> str:
    pieces: list[str] = []
    last = 0
    for index in _indexes(text, "_"):
        left = text[index - 1] if index else before[-1:]
        right = text[index + 1] if index + 1 < len(text) else after[:1]
        if _WORD.match(left or " ") and _WORD.match(right or " "):
            continue
        pieces.append(text[last:index])
        pieces.append("\\_")
        last = index + 1
    pieces.append(text[last:])
    return "".join(pieces)


def _indexes(text: str, char: str) -> list[int]:
    found = []
    index = text.find(char)
    while index >= 0:
        found.append(index)
        index = text.find(char, index + 1)
    return found


def _escape_line_start(text: str) -> str:
    match = _LINE_START.match(text)
    if match is None:
        return text
    mark = match.group()
    if mark[0].isdigit():
        # `1.` starts a list item only when a space follows the dot.
        rest = text[match.end() + 1 :]
        return text if rest[:1] not in ("", " ", "\t") else mark + "\\." + rest
    written = _LINE_START_WRITTEN.get(mark) or "\\" + mark
    return written + text[match.end() :]

"""The maths KaTeX's auto-render finds in a page's text, as hugo-book configures it:
`$$...$$` and `\\[...\\]` displayed, `\\(...\\)` inline, inside one paragraph.

KaTeX reads the rendered text, in which Markdown's escapes are gone: the brackets are written
`\\\\(` in Markdown, and the TeX is what the text shows (escapes and references resolved).
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.common.utils import unescapeAll
from markdown_it.rules_inline import StateInline

# Opening delimiter (as written in Markdown) -> closing delimiter, and whether it displays.
_DELIMITERS = {"$$": ("$$", True), "\\\\(": ("\\\\)", False), "\\\\[": ("\\\\]", True)}


def install(md: MarkdownIt) -> None:
    md.inline.ruler.before("escape", "hugomat_maths", _maths)


def _maths(state: StateInline, silent: bool) -> bool:
    src = state.src
    start = state.pos
    for opening, (closing, display) in _DELIMITERS.items():
        if not src.startswith(opening, start):
            continue
        end = src.find(closing, start + len(opening))
        if end < 0:
            return False
        tex = unescapeAll(src[start + len(opening):end])
        if not tex.strip():
            return False
        if not silent:
            token = state.push("math", "", 0)
            token.content = tex
            token.markup = opening
            token.meta["display"] = display
        state.pos = end + len(closing)
        return True
    return False


"""GitHub alerts: a quote whose first line is `[!NOTE]` (any word: Hugo takes `[!FOO]` too),
optionally folding (`[!TIP]-`, `[!TIP]+`) and titled (`[!NOTE] Title`).

The parser marks the quote (meta `alert`) and takes the marker's line out of its first
paragraph, before that paragraph's inline text is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore


@dataclass(frozen=True)
class Alert:
    """An alert as the parser found it on a quote (meta `alert` of its blockquote_open)."""

    kind: str
    """Lowercase: note, tip, important, warning, caution, or the author's own word."""
    title: str
    fold: str
    """'' (not foldable), '-' (folded) or '+' (open)."""


_MARKER = re.compile(r"\[!([A-Za-z]+)\]([-+]?)(?:[ \t]+(.*))?$")


def install(md: MarkdownIt) -> None:
    md.core.ruler.after("block", "hugomat_alerts", _mark_alerts)


def _mark_alerts(state: StateCore) -> None:
    tokens = state.tokens
    index = 0
    while index < len(tokens) - 2:
        quote, opening, inline = tokens[index], tokens[index + 1], tokens[index + 2]
        index += 1
        if not (quote.type == "blockquote_open" and opening.type == "paragraph_open"
                and inline.type == "inline"):
            continue
        first, _, rest = inline.content.partition("\n")
        match = _MARKER.match(first)
        if match is None:
            continue
        quote.meta["alert"] = Alert(kind=match.group(1).lower(), title=match.group(3) or "",
                                    fold=match.group(2))
        if rest.strip():
            inline.content = rest
            for token in (opening, inline):
                if token.map:
                    token.map = [token.map[0] + 1, token.map[1]]
        else:
            del tokens[index:index + 3]  # the marker was the paragraph's only line

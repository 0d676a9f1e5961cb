"""Raw HTML that Python-Markdown passes on exactly as written.

Python-Markdown reads an HTML block only at the top of a page, and only until the element
that opened it closes: a `<div>` left open (CommonMark ends an HTML block at a blank line,
and Markdown follows) would swallow the rest of the page, and inside a list item HTML is
read as text. Such HTML is written in a raw-HTML fence (hugomat.markdown.raw_html_fence).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from markdown.util import BLOCK_LEVEL_ELEMENTS

from hugomat.markdown.raw_html_fence import RAW_FENCE

# Elements Python-Markdown treats as blocks: only HTML that starts with one of them is left
# out of a paragraph, and a line that starts with one starts an HTML block.
BLOCK_LEVEL = frozenset(BLOCK_LEVEL_ELEMENTS)
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "param", "source", "track", "wbr"})


def raw_fence(content: str) -> list[str]:
    """The lines of a raw-HTML fence holding `content`."""
    ticks = "`" * max(3, _longest_backticks(content) + 1)
    return [ticks + RAW_FENCE, *content.split("\n"), ticks]


def block_html_is_safe(content: str) -> bool:
    """Whether Python-Markdown, at the top of a page, passes this HTML block on as it is: it
    starts with a block-level element, and every element it opens closes inside it, with
    nothing after the last one closes. (`markdown="1"` would make md_in_html read Markdown.)"""
    if not _first_tag_on_first_line(content) or "markdown" in content.lower():
        return False
    checker = _Balance()
    try:
        checker.feed(content)
        checker.close()
    except Exception:
        return False
    return checker.balanced and checker.closed_all and not checker.trailing


def starts_html_block(content: str) -> bool:
    """Whether Python-Markdown starts an HTML block at a line beginning with `content`."""
    if content.startswith(("<!", "<?")):
        return True
    match = re.match(r"</?([A-Za-z][A-Za-z0-9-]*)", content)
    return bool(match) and match.group(1).lower() in BLOCK_LEVEL


def _first_tag_on_first_line(content: str) -> bool:
    """A block-level start tag opens the block, and ends on its first line."""
    first_line = content.split("\n", 1)[0]
    match = re.match(r"<([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?/?>", first_line)
    return bool(match) and match.group(1).lower() in BLOCK_LEVEL


def _longest_backticks(text: str) -> int:
    runs = re.findall(r"`+", text)
    return max((len(run) for run in runs), default=0)


class _Balance(HTMLParser):
    """Follows the open elements of an HTML block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []
        self.balanced = True
        self.closed_all = False
        self.trailing = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._after_close()
        if tag not in VOID:
            self.stack.append(tag)
        elif not self.stack:
            self.closed_all = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.balanced = False
            return
        self.stack.pop()
        if not self.stack:
            self.closed_all = True

    def handle_data(self, data: str) -> None:
        # Only ASCII white space is blank to Markdown: a no-break space is text.
        if self.closed_all and data.strip(" \t\n\r\f\v"):
            self.trailing = True

    # Text after the last element closes is trailing, entities too (`&amp;` comes apart
    # from the text around it, since references are not converted).
    def handle_entityref(self, name: str) -> None:
        self.handle_data("&" + name + ";")

    def handle_charref(self, name: str) -> None:
        self.handle_data("&#" + name + ";")

    def handle_comment(self, data: str) -> None:
        self.balanced = False

    def handle_decl(self, decl: str) -> None:
        self.balanced = False

    def handle_pi(self, data: str) -> None:
        self.balanced = False

    def unknown_decl(self, data: str) -> None:
        self.balanced = False

    def _after_close(self) -> None:
        if self.closed_all and not self.stack:
            # A second element after the first closed: Python-Markdown starts another block
            # only at a line's start; keep it simple and call it unsafe.
            self.trailing = True

    def close(self) -> None:
        super().close()
        if self.stack:
            self.balanced = False


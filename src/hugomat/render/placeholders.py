"""A page body (or a shortcode's body) as the text the parser reads: shortcodes replaced by
placeholders, as Hugo does before Goldmark reads a page, and a map back to the file.

A placeholder is ASCII letters and digits, so that no Markdown rule changes it, wherever it
stands: in a paragraph, a link's address, a code span. What stands alone in a paragraph is
a block shortcode's place; what stands in a line is an inline one's.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from hugomat.read.shortcode_parser import Node, Shortcode, Text
from hugomat.render.renderers.base import LIST_MARKER

_LEADING = re.compile(r"[ \t]*")


@dataclass(frozen=True)
class _Segment:
    start: int
    """Offset of the segment in the document."""
    line: int
    column: int
    """File line and column of its first character."""
    indent: int
    """Columns taken off the start of each later line (a shortcode body's indentation)."""


class PlaceholderDocument:
    """The text to parse, the shortcode behind each placeholder, and where each offset of the
    text was written in the file."""

    def __init__(self, nodes: list[Node], *, indent: str = "", prefix: str = "HugomatSc") -> None:
        self.shortcodes: dict[str, Shortcode] = {}
        self.offsets: dict[str, int] = {}
        """Where each placeholder stands in the text."""
        sources = "".join(n.text for n in nodes if isinstance(n, Text))
        while prefix in sources:
            prefix += "q"  # never a word the author wrote
        self.placeholder = re.compile(re.escape(prefix) + r"[0-9]+Z")
        self._segments: list[_Segment] = []
        pieces: list[str] = []
        offset = 0
        for node in nodes:
            if isinstance(node, Text):
                text = _dedent_after_first(node.text, indent)
                self._segments.append(_Segment(offset, node.line, node.column, len(indent)))
            else:
                text = f"{prefix}{len(self.shortcodes)}Z"
                self.shortcodes[text] = node
                self.offsets[text] = offset
                self._segments.append(_Segment(offset, node.line, node.column, 0))
            pieces.append(text)
            offset += len(text)
        self.text = "".join(pieces)
        self._starts = [segment.start for segment in self._segments]

    @functools.cached_property
    def _line_starts(self) -> list[int]:
        return [0] + [m.end() for m in re.finditer("\n", self.text)]

    def positions(self) -> list[tuple[int, int, int]]:
        """Where each part of the text stands in the file (line, column, indentation)."""
        return [(segment.line, segment.column, segment.indent) for segment in self._segments]

    def offset_of_line(self, line: int) -> int:
        """The offset where a line of the text (0-based, as token maps count) starts."""
        if line >= len(self._line_starts):
            return len(self.text)
        return self._line_starts[line]

    def line_text(self, line: int) -> str:
        start = self.offset_of_line(line)
        end = self.text.find("\n", start)
        return self.text[start:] if end < 0 else self.text[start:end]

    def position(self, offset: int) -> tuple[int, int]:
        """The file line and column (1-based) of an offset of the text."""
        if not self._segments:
            return 1, 1
        index = max(bisect.bisect_right(self._starts, offset) - 1, 0)
        segment = self._segments[index]
        # Line numbers by bisection, never by counting: a page asks this for every link.
        line = self._line_of(offset)
        newlines = line - self._line_of(segment.start)
        if not newlines:
            return segment.line, segment.column + offset - segment.start
        column = offset - self._line_starts[line] + 1 + segment.indent
        return segment.line + newlines, column

    def _line_of(self, offset: int) -> int:
        """The line (0-based) of the text that holds `offset`."""
        return bisect.bisect_right(self._line_starts, offset) - 1

    def line_prefix(self, offset: int) -> str:
        """The text before `offset` on its line, as far as a block standing there cares
        (render.renderers.base.line_indent): all of it when it is blank or a list marker, else
        only its indentation. Never the whole line: a line of many shortcodes would
        then cost its length for each of them."""
        text = self.text
        start = self._line_starts[self._line_of(offset)]
        leading = _LEADING.match(text, start, offset)
        indent_end = leading.end() if leading else start
        marker = LIST_MARKER.match(text, start, offset)
        if indent_end == offset or (marker is not None and marker.end() == offset):
            return text[start:offset]
        return text[start:indent_end]


def dedent(text: str, indent: str) -> str:
    """Each line without `indent`, the indentation of the line a shortcode stands on: its
    body is Markdown at that depth (inside a list item, say). A less indented line loses the
    indentation it has, never its text."""
    if not indent:
        return text
    width = len(indent)
    lines = []
    for line in text.split("\n"):
        if line.startswith(indent):
            lines.append(line[width:])
        else:
            lines.append(line[min(width, len(line) - len(line.lstrip(" \t"))):])
    return "\n".join(lines)


def _dedent_after_first(text: str, indent: str) -> str:
    """`dedent` of every line but the first, which follows the shortcode's own tag."""
    if not indent or "\n" not in text:
        return text
    first, rest = text.split("\n", 1)
    return first + "\n" + dedent(rest, indent)

"""Markdown to HTML for `markdownify` and `.Page.RenderString`, as Hugo's Goldmark does it
for a snippet: CommonMark with tables, strikethrough, task lists, footnotes and raw HTML kept,
and a lone paragraph given without its `<p>` (Hugo strips it for inline use)."""

from __future__ import annotations

import functools
import re

from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

_LONE_PARAGRAPH = re.compile(r"<p>((?:(?!<p>|</p>).)*)</p>\n?", re.DOTALL)


@functools.cache
def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": True, "typographer": True})
    parser.enable(["table", "strikethrough", "replacements", "smartquotes"])
    return parser.use(footnote_plugin).use(tasklists_plugin)


def markdown_html(text: str, *, block: bool = False) -> str:
    """The HTML of Markdown `text`; unless `block`, one paragraph comes without `<p>`."""
    html = _parser().render(text)
    if not block:
        lone = _LONE_PARAGRAPH.fullmatch(html)
        if lone is not None:
            return lone.group(1)
    return html

"""`section`: the child pages of the current section, each a link with what it is about."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from markdown_it.token import Token

from hugomat.errors import ContentError
from hugomat.markdown.escape import escape
from hugomat.markdown.parser import NestedTooDeep
from hugomat.markdown.parser import parse as markdown_parse
from hugomat.read.book import Page, Section
from hugomat.read.shortcode_parser import Shortcode, parse
from hugomat.render.page_size import too_large_error
from hugomat.render.placeholders import PlaceholderDocument
from hugomat.render.renderers.base import Block, html_block, one_line, truthy

if TYPE_CHECKING:
    from hugomat.render.context import RenderContext

SUMMARY_WORDS = 70
"""Hugo's default summaryLength."""
_MORE = re.compile(r"<!--\s*more\s*-->", re.IGNORECASE)


def render_section(node: Shortcode, ctx: RenderContext) -> Block:
    """A definition list: each visible child page (or child section's page) is a linked title,
    with its front matter `description`, else, when `summary` is asked for, the beginning of
    its text. Hidden pages and drafts are left out, as in the menu."""
    wants_summary = "summary" in node.positional or truthy(node.named.get("summary", False))
    section = ctx.page.section if ctx.page.is_section_index else None
    if section is None:
        ctx.problem(node, "section lists the pages of a section, so it belongs in a section's "
                          "_index.md; this page has no child pages")
        return Block("")
    entries: list[str] = []
    for child in section.children:
        page = child.index if isinstance(child, Section) else child
        # A folder without an _index.md has no page to link to.
        if page is None or page.hidden or page.draft:
            continue
        title = f"[{escape(one_line(page.label))}]({ctx.link_to(page)})"
        about = (escape(one_line(page.description)) if page.description else
                 summary(page, emoji=ctx.book.source.emoji,
                         shortcode_names=ctx.renderers.parser_names())
                 if wants_summary else "")
        entry = html_block("dt", title, mode="inline").text
        if about:
            entry += "\n" + html_block("dd", about, mode="inline").text
        entries.append(entry)
    if not entries:
        return Block("")
    return html_block("dl.hugomat-section", "\n".join(entries))


def summary(page: Page, *, emoji: bool = False,
            shortcode_names: Mapping[str, frozenset[str]] | None = None) -> str:
    """Hugo's summary of a page, as one line of Markdown: its paragraphs before `<!--more-->`,
    else its first paragraph, cut to SUMMARY_WORDS words (read by the one parse: headings,
    code, HTML and tables are not prose). Emphasis and code stay; links become their text
    (the summary stands beside a link to the page); a summary that is cut is plain text.
    `emoji`: the site's emoji codes are drawn (Hugo's enableEmoji); `shortcode_names`:
    the shortcode parser's name sets (a Registry's parser_names), as the page is read."""
    if too_large_error(page) is not None:
        return ""  # too large to read; its own conversion says so
    try:
        nodes = parse(page.front.body, page.display_path, page.front.body_line,
                      **(shortcode_names or {}))
        document = PlaceholderDocument(nodes)
        tokens = markdown_parse(document.text, with_emoji=emoji, env={})
    except (ContentError, NestedTooDeep):
        return ""  # the page's own conversion reports the mistake
    paragraphs: list[list[Token]] = []
    manual = False
    for index, token in enumerate(tokens):
        if token.type in ("html_block", "inline") and _MORE.search(token.content):
            manual = True
            if token.type == "inline" and tokens[index - 1].type == "paragraph_open":
                paragraphs.append(_before_more(token.children or []))
            break
        if token.type == "inline" and token.level == 1 and tokens[index - 1].type == (
                "paragraph_open"):
            paragraphs.append(token.children or [])
    chosen = paragraphs if manual else paragraphs[:1]
    words = " ".join(_plain(children, document) for children in chosen).split()
    if len(words) > SUMMARY_WORDS:
        return escape(" ".join(words[:SUMMARY_WORDS])) + " …"
    return " ".join(_marked(children, document) for children in chosen)


def _before_more(children: list[Token]) -> list[Token]:
    for index, child in enumerate(children):
        if child.type == "html_inline" and _MORE.search(child.content):
            return children[:index]
    return children


_MARKS = {"em_open": "*", "em_close": "*", "strong_open": "**", "strong_close": "**"}


def _plain(children: list[Token], document: PlaceholderDocument) -> str:
    """A paragraph's words, without its shortcodes."""
    words = [" " if child.type in ("softbreak", "hardbreak") else child.content
             for child in children if child.type in ("text", "code_inline", "softbreak",
                                                     "hardbreak")]
    return document.placeholder.sub("", "".join(words))


def _marked(children: list[Token], document: PlaceholderDocument) -> str:
    """A paragraph as one line of Markdown: its text, emphasis and code."""
    parts: list[str] = []
    for child in children:
        if child.type == "text":
            parts.append(escape(document.placeholder.sub("", child.content)))
        elif child.type == "code_inline" and "`" not in child.content:
            parts.append(f"`{child.content}`")
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        else:
            parts.append(_MARKS.get(child.type, ""))
    return one_line("".join(parts))

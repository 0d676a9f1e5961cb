"""`section`: the child pages of the current section, each a link with what it is about."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from hugomat.book import Page, Section
from hugomat.errors import ContentError
from hugomat.renderers.base import Block, html_block, one_line, truthy
from hugomat.shortcodes import Shortcode, Text, parse

if TYPE_CHECKING:
    from hugomat.render import RenderContext

SUMMARY_WORDS = 70
"""Hugo's default summaryLength."""
_MORE = re.compile(r"<!--\s*more\s*-->", re.IGNORECASE)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_FENCE = re.compile(r"[ \t]*(```|~~~)")


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
        title = f"[{_inline(page.label)}]({ctx.link_to(page)})"
        about = page.description or (summary(page) if wants_summary else "")
        entry = html_block("dt", title, mode="inline").text
        if about:
            entry += "\n" + html_block("dd", _inline(about), mode="inline").text
        entries.append(entry)
    if not entries:
        return Block("")
    return html_block("dl.hugomat-section", "\n".join(entries))


def _inline(text: str) -> str:
    """Text as one line of Markdown, its square brackets not read as links."""
    return one_line(text).replace("[", "\\[").replace("]", "\\]")


def summary(page: Page) -> str:
    """Hugo's summary of a page as plain text: what stands before `<!--more-->`, else its first
    paragraph of prose, cut to SUMMARY_WORDS words."""
    try:
        nodes = parse(page.front.body, page.display_path, page.front.body_line)
    except ContentError:
        return ""  # the page's own conversion reports the mistake
    text = "".join(n.text for n in nodes if isinstance(n, Text))
    manual = _MORE.split(text, maxsplit=1)
    paragraphs = _prose(manual[0])
    words = " ".join(paragraphs if len(manual) > 1 else paragraphs[:1]).split()
    cut = words[:SUMMARY_WORDS]
    return " ".join(cut) + (" …" if len(words) > SUMMARY_WORDS else "")


def _prose(text: str) -> list[str]:
    """The paragraphs of plain prose in Markdown: no headings, code, HTML or tables."""
    paragraphs: list[str] = []
    current: list[str] = []
    in_fence = False
    for line in text.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        stripped = line.strip()
        if in_fence or not stripped or stripped.startswith(("#", "<", "|", ">", "---")):
            if current:
                paragraphs.append(_LINK.sub(r"\1", " ".join(current)))
                current = []
            continue
        current.append(stripped)
    if current:
        paragraphs.append(_LINK.sub(r"\1", " ".join(current)))
    return paragraphs

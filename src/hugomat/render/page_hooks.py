"""What the writer asks of a page while it writes one of its documents.

`PageAnswers` answers from plain values (an address and where it was written, a picture's
source...): it resolves links and records them, draws pictures, renders shortcodes, hands
out heading ids. `WriterHooks` is what the writer calls (hugomat.markdown.writer.Hooks): it
reads those values off the tokens and keeps a trace of every question and answer, so that
a document whose conversion is cached can ask the same questions again, in the same order,
and reuse its Markdown when every answer is the same (hugomat.render.conversion_cache).
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, Any

from markdown_it.token import Token

from hugomat.errors import ContentError, Location
from hugomat.markdown.parser import origin
from hugomat.markdown.references import Reference
from hugomat.markdown.writer import Placed
from hugomat.render import links
from hugomat.render.placeholders import PlaceholderDocument
from hugomat.render.renderers.base import Block, line_indent
from hugomat.render.renderers.code import code_fence_options, special_fence
from hugomat.render.url_policy import refusal, refused_scheme

if TYPE_CHECKING:
    from hugomat.render.context import RenderContext

_NEWLINE = re.compile("\n")

Position = tuple[int, int]
"""A line and a column of the page's file."""
Trace = list[tuple[str, tuple[Any, ...], Any]]
"""Each question the writer asked (a PageAnswers method and its arguments), and the answer."""


class PageAnswers:
    """The answers for one document of a page, from plain values."""

    def __init__(self, ctx: RenderContext, document: PlaceholderDocument) -> None:
        self.ctx = ctx
        self.document = document
        self._placed: dict[str, Placed] = {}

    def at(self, position: Position) -> Location:
        return Location(self.ctx.page.display_path, *position)

    def shortcode(self, key: str) -> tuple[str, bool]:
        """What the shortcode behind a placeholder becomes: its Markdown, and whether it is
        a block."""
        placed = self._placed.get(key)
        if placed is None:
            placed = self._render(key)
            self._placed[key] = placed
        return placed.text, placed.block

    def _render(self, key: str) -> Placed:
        node = self.document.shortcodes[key]
        ctx = self.ctx
        indent, _ = line_indent(self.document.line_prefix(self.document.offsets[key]))
        ctx.indents.append(indent)
        ctx.parents.append(node)
        try:
            rendered = ctx.render_shortcode(node)
        finally:
            ctx.parents.pop()
            ctx.indents.pop()
        if isinstance(rendered, Block):
            return Placed(rendered.text, block=True)
        return Placed(rendered)

    def link(self, href: str, position: Position, in_html: bool, record: bool) -> str:
        """The href to write for a link written at `position` (recorded for link_check
        when `record`)."""
        ctx = self.ctx
        if record:
            ctx.references.append(Reference("link", href, self.at(position)))
        if in_html:
            return links.as_url(href, ctx.page, ctx.book, ctx.directory_urls)
        return links.as_source_path(href, ctx.page, ctx.book, ctx.directory_urls,
                                    ctx.is_site_file) or href

    def image(self, src: str, alt: str, title: str | None, position: Position,
              record: bool) -> str | None:
        """The HTML of a picture of the site, or None for one on another site (and for one
        that is missing, the mistake recorded when `record`)."""
        ctx = self.ctx
        scheme = refused_scheme(src, picture=True)
        if scheme is not None:
            if record:
                ctx.errors.append(ContentError(self.at(position),
                                               refusal("picture", src, scheme)))
            return None
        if links.is_external(src):
            return None
        ref = links.picture_ref(src, ctx.page, ctx.book, ctx.directory_urls)
        try:
            drawn = ctx.picture(ref, self.at(position), alt=alt, title=title)
        except ContentError as error:
            if record:
                # Named as the author wrote it, not as found beside the page.
                message = error.message.replace(f"'{ref}'", f"'{src}'")
                if ref != src and ref == links.served_path(src, ctx.page, ctx.directory_urls):
                    message += f"; from the page's URL /{ctx.url} it names /{ref}"
                ctx.errors.append(ContentError(error.location, message))
            return None
        return _inline_safe(drawn)

    def fence(self, language: str, attributes: str, code: str,
              position: Position) -> list[str] | None:
        return special_fence(language, attributes, code, self.ctx, self.at(position))

    def fence_options(self, attributes: str, position: Position) -> str:
        return code_fence_options(attributes, self.ctx, self.at(position))

    def heading_id(self, text: str | None, explicit: str | None) -> str | None:
        """The id of a heading with this plain text (None: already given) or this explicit
        id, handed out in the page's order."""
        ids = self.ctx.heading_ids
        if explicit is not None:
            given: str | None = ids.claim(explicit)
        else:
            given = ids.take(text) if text else None
        if given:
            self.ctx.anchors[given] = None
        return given

    def maths(self, tex: str, display: bool, position: Position) -> str:
        from hugomat.render.renderers.math import inline_maths

        return inline_maths(tex, display, self.ctx, self.at(position))


class WriterHooks:
    """The writer's hooks for one document: values read off tokens, answers from
    PageAnswers, every question and answer kept in `trace`."""

    def __init__(self, answers: PageAnswers) -> None:
        self.answers = answers
        self.document = answers.document
        self.placeholder = answers.document.placeholder
        self.trace: Trace = []
        self._recorded: set[int] = set()
        # Per block token (by id): where the newlines of its text are, and where each of
        # its lines starts in the document (see _block_offset).
        self._newlines: dict[int, list[int]] = {}
        self._line_offsets: dict[tuple[int, int], int] = {}

    def _ask(self, name: str, *args: Any) -> Any:
        answer = getattr(self.answers, name)(*args)
        self.trace.append((name, args, answer))
        return answer

    def _first_time(self, token: Token) -> bool:
        """Whether a token is met for the first time (a block written as HTML after all
        asks again about what it holds)."""
        if id(token) in self._recorded:
            return False
        self._recorded.add(id(token))
        return True

    def shortcode(self, key: str) -> Placed:
        text, block = self._ask("shortcode", key)
        return Placed(text, block)

    def substitute(self, text: str) -> str:
        if not self.placeholder.search(text):
            return text
        return self.placeholder.sub(lambda match: self.shortcode(match.group()).text, text)

    def link(self, token: Token, href: str, *, in_html: bool) -> str:
        # An address a shortcode made (relref) is its renderer's to check.
        made = bool(self.placeholder.search(str(token.attrs.get("href", ""))))
        record = self._first_time(token) and not made
        return self._ask("link", href, self.position(token), in_html, record)

    def image(self, token: Token, src: str, alt: str, title: str | None) -> str | None:
        return self._ask("image", src, alt, title, self.position(token),
                         self._first_time(token))

    def fence(self, token: Token, language: str, attributes: str) -> list[str] | None:
        return self._ask("fence", language, attributes, token.content,
                         self.info_position(token))

    def fence_options(self, token: Token, attributes: str) -> str:
        return self._ask("fence_options", attributes, self.info_position(token))

    def heading_id(self, token: Token) -> None:
        if "heading_text" not in token.meta:
            return  # given already (or read with ids handed out at once)
        text = token.meta.pop("heading_text")
        explicit = token.attrs.get("id")
        given = self._ask("heading_id", text, None if explicit is None else str(explicit))
        if given and explicit is None:
            token.attrs["id"] = given

    def maths(self, token: Token) -> str:
        return self._ask("maths", token.content, bool(token.meta.get("display")),
                         self.position(token))

    # -- where things were written ------------------------------------------------------------

    def position(self, token: Token) -> Position:
        """Where a link, picture or maths was written in the file."""
        document = self.document
        found = origin(token)
        if found is not None:
            block, offset = found
            return document.position(self._block_offset(block, offset))
        if token.map:
            return document.position(document.offset_of_line(token.map[0]))
        return 1, 1

    def _block_offset(self, block: Token, offset: int) -> int:
        """The offset in the document of `offset` in a block token's text (its lines are
        the document's lines from the block's first, each without what stands before its
        text). Each line of a block is matched to the document once: a paragraph of many
        links costs its length, not its length for every link."""
        if not block.map:
            return 0
        content = block.content
        newlines = self._newlines.get(id(block))
        if newlines is None:
            newlines = self._newlines[id(block)] = [
                match.start() for match in _NEWLINE.finditer(content)]
        line_index = bisect.bisect_left(newlines, offset)
        line_start = newlines[line_index - 1] + 1 if line_index else 0
        key = (id(block), line_index)
        start = self._line_offsets.get(key)
        if start is None:
            end = newlines[line_index] if line_index < len(newlines) else len(content)
            start = self._line_offsets[key] = _line_offset(
                self.document, block.map[0] + line_index, content[line_start:end].rstrip())
        return start + (offset - line_start)

    def info_position(self, token: Token) -> Position:
        """Where a fence's info string (language and attributes) was written."""
        document = self.document
        if not token.map:
            return 1, 1
        start = document.offset_of_line(token.map[0])
        line = document.line_text(token.map[0])
        marker = line.find(token.markup)
        info = token.info.strip()
        column = line.find(info[:1], marker + len(token.markup)) if info and marker >= 0 else 0
        return document.position(start + max(column, 0))


def replay(trace: Trace, answers: PageAnswers) -> bool:
    """Ask the questions of a trace again; whether every answer is the same."""
    return all(getattr(answers, name)(*args) == answer for name, args, answer in trace)


def _line_offset(document: PlaceholderDocument, line: int, content_line: str) -> int:
    """The offset in the document where a block's line of text, `content_line`, starts:
    line `line` of the document holds it after its indentation or markers."""
    source_line = document.line_text(line)
    found = source_line.rfind(content_line) if content_line else -1
    column = found if found >= 0 else len(source_line) - len(source_line.lstrip())
    return document.offset_of_line(line) + column


def _inline_safe(html: str) -> str:
    """A picture's HTML with nothing Python-Markdown reads inside its attributes: it is all
    tags, so these characters can be references."""
    return html.translate(_REFERENCES)


_REFERENCES = {ord(c): f"&#{ord(c)};" for c in "`\\[]"}

"""The token stream of the one parse, written as the Markdown Python-Markdown renders alike.

Every construct is written in the plainest Markdown that Python-Markdown, with the extensions
the plugin turns on (attr_list, def_list, footnotes, tables, sane_lists, pymdownx.superfences,
tilde, tasklist, blocks), reads back as the HTML Goldmark makes of the source. Where
Python-Markdown has no such Markdown (raw HTML inside a list, an unbalanced HTML block, a
tight list whose items hold quotes...), the smallest block around it is written as HTML in
raw-HTML fences (hugomat.markdown.raw), with the Markdown of block shortcodes between them.

Shortcodes are placeholders in the token stream; the writer asks its `Hooks` what each one
becomes, and what links, pictures and special code blocks become, so that the page records
its references where they are met.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode

from hugomat.markdown.alerts import Alert
from hugomat.markdown.escape import escape
from hugomat.markdown.html import MarkdownHole, heading_attributes, render_html
from hugomat.markdown.raw import block_html_is_safe, raw_fence, starts_html_block

INDENT = "    "
# Between two lists (or quotes) that CommonMark keeps apart and Python-Markdown would join;
# also what stands on a list marker's line when the item starts with a fence.
SEPARATOR = "<!-- -->"
# A blank line inside code: unlike a blank line between blocks, it says nothing of how
# tight a list is (code is set aside before Python-Markdown reads the blocks).
CODE_BLANK = "\x00"


class Unwritable(Exception):
    """A construct Python-Markdown cannot be made to read alike; its block is written as HTML."""


@dataclass(frozen=True)
class Placed:
    """What a placeholder becomes: Markdown standing alone as a block, or inside a line."""

    text: str
    block: bool = False


class Hooks(Protocol):
    """What the writer asks of the page it writes (see hugomat.render.page_hooks)."""

    placeholder: re.Pattern[str]
    """Matches a shortcode's placeholder in the parsed text."""

    def shortcode(self, key: str) -> Placed:
        """What the shortcode behind a placeholder becomes."""
        ...

    def substitute(self, text: str) -> str:
        """`text` (a URL, code, raw HTML) with each placeholder replaced by its output as is."""
        ...

    def link(self, token: Token, href: str, *, in_html: bool) -> str:
        """The href to write for a link (a page's source path in Markdown, a URL in HTML)."""
        ...

    def image(self, token: Token, src: str, alt: str, title: str | None) -> str | None:
        """HTML drawing a picture, or None to write it as a Markdown image."""
        ...

    def fence(self, token: Token, language: str, attributes: str) -> list[str] | None:
        """Lines replacing a fenced code block (maths, diagrams), or None to write it as
        code; `attributes` is Hugo's `{...}` after the language."""
        ...

    def fence_options(self, token: Token, attributes: str) -> str:
        """Hugo's `{filename=... linenos=...}` as pymdownx.highlight options."""
        ...

    def heading_id(self, token: Token) -> None:
        """Give a heading its id where ids are handed out in writing order."""
        ...

    def maths(self, token: Token) -> str:
        """TeX found in the text of a page that uses KaTeX, as HTML."""
        ...


class MarkdownWriter:
    def __init__(self, hooks: Hooks) -> None:
        self.hooks = hooks
        self.footnotes_written: list[int] = []
        """The numbers of the footnotes written (their ids on the page: fn:N, fnref:N)."""

    def write(self, tokens: Sequence[Token]) -> str:
        """The Markdown for a whole token stream."""
        lines = self.blocks(SyntaxTreeNode(list(tokens)).children, top=True)
        text = "\n".join(lines).replace(CODE_BLANK, "")
        return text.strip("\n") + "\n" if text.strip() else ""

    # -- blocks ------------------------------------------------------------------------------

    def blocks(self, nodes: Sequence[SyntaxTreeNode], *, top: bool,
               tight: bool = False) -> list[str]:
        """The lines of a sequence of blocks, with a blank line between them, or, in a tight
        list item, none (`_writable_tight_item` decided that Python-Markdown reads that
        alike)."""
        out: list[str] = []
        previous: SyntaxTreeNode | None = None
        for node in nodes:
            lines = self.block_or_html(node, top=top)
            if not lines:
                continue
            if out:
                if previous is not None and _kept_apart(previous, node):
                    out += ["", SEPARATOR, ""]
                elif not tight:
                    out.append("")
            out += lines
            previous = node
        return out

    def block_or_html(self, node: SyntaxTreeNode, *, top: bool) -> list[str]:
        try:
            return self.block(node, top=top)
        except Unwritable:
            return self.as_html(node, top=top)

    def block(self, node: SyntaxTreeNode, *, top: bool) -> list[str]:
        kind = node.type
        if kind == "paragraph":
            return self.paragraph(node)
        if kind == "heading":
            return self.heading(node)
        if kind in ("bullet_list", "ordered_list"):
            return self.list(node)
        if kind == "blockquote":
            return self.blockquote(node)
        if kind in ("fence", "code_block"):
            return self.code_block(node)
        if kind == "html_block":
            return self.html_block(node, top=top)
        if kind == "hr":
            return ["***"]
        if kind == "table":
            return self.table(node)
        if kind == "dl":
            return self.definition_list(node)
        if kind == "footnote_block":
            return self.footnotes(node)
        raise Unwritable(kind)

    def paragraph(self, node: SyntaxTreeNode) -> list[str]:
        """A paragraph; a block shortcode inside it splits it, as a browser splits a `<p>`
        around the block that Hugo puts inside it."""
        children = node.children[0].children if node.children else []
        out: list[str] = []
        run: list[SyntaxTreeNode] = []
        for child in children:
            block = self._block_shortcode(child)
            if block is None:
                run.append(child)
                continue
            before, key, after = block
            if before:
                run.append(_text_like(child, before))
            self._flush_run(run, out)
            run = []
            text = self.hooks.shortcode(key).text.strip("\n")
            if text:
                if out:
                    out.append("")
                out += text.split("\n")
            if after.strip(" \t\n"):
                run.append(_text_like(child, after.lstrip(" \t\n")))
        self._flush_run(run, out)
        return out

    def _flush_run(self, run: list[SyntaxTreeNode], out: list[str]) -> None:
        while run and run[0].type in ("softbreak", "hardbreak"):
            run.pop(0)
        while run and run[-1].type in ("softbreak", "hardbreak"):
            run.pop()
        if not run or all(n.type == "text" and not n.content.strip(" \t\n") for n in run):
            return
        text = _edges_kept(self.inline(run))
        if _slow_to_read(text):
            raise Unwritable("a paragraph Python-Markdown would read in quadratic time")
        if out:
            out.append("")
        out += text.split("\n")

    def _block_shortcode(self, node: SyntaxTreeNode) -> tuple[str, str, str] | None:
        """For a text node holding a block shortcode's placeholder: the text before it, the
        placeholder, and the text after it."""
        if node.type != "text":
            return None
        for match in self.hooks.placeholder.finditer(node.content):
            if self.hooks.shortcode(match.group()).block:
                return (node.content[:match.start()], match.group(),
                        node.content[match.end():])
        return None

    def heading(self, node: SyntaxTreeNode) -> list[str]:
        self.hooks.heading_id(node.nester_tokens.opening)
        if "id" not in node.attrs:
            # Hugo gives a heading with no text no id; Python-Markdown would make one up.
            raise Unwritable("a heading without an id")
        level = int(node.tag[1])
        text = self.inline(node.children[0].children, heading=True) if node.children else ""
        text = _edges_kept(text)
        attributes = _attribute_list(node.attrs)
        return ["#" * level + (" " + text if text else "")
                + (f" {{: {attributes} }}" if attributes else "")]

    def code_block(self, node: SyntaxTreeNode) -> list[str]:
        token = node.token
        assert token is not None
        language, attributes = _info(self.hooks.substitute(token.info)) if (
            node.type == "fence") else ("", "")
        special = self.hooks.fence(token, language, attributes)
        if special is not None:
            return special
        if not re.fullmatch(r"[\w#.+\-]*", language) or language.startswith("hugomat-"):
            raise Unwritable("a code language Python-Markdown cannot name")
        content = self.hooks.substitute(token.content)
        options = self.hooks.fence_options(token, attributes) if attributes else ""
        ticks = "`" * max(3, _longest_run(content, "`") + 1)
        body = content[:-1] if content.endswith("\n") else content
        lines = [line or CODE_BLANK for line in body.split("\n")] if body else []
        return [ticks + language + (" " + options if options else ""), *lines, ticks]

    def html_block(self, node: SyntaxTreeNode, *, top: bool) -> list[str]:
        assert node.token is not None
        content = self.hooks.substitute(node.token.content).rstrip("\n")
        if top and block_html_is_safe(content):
            return content.split("\n")
        return _code_lines(raw_fence(content))

    def blockquote(self, node: SyntaxTreeNode) -> list[str]:
        alert = node.meta.get("alert")
        if isinstance(alert, Alert):
            return self.alert(node, alert)
        lines = self.blocks(node.children, top=False)
        return [("> " + line) if line and line != CODE_BLANK else ">" for line in lines] or [">"]

    def alert(self, node: SyntaxTreeNode, alert: Alert) -> list[str]:
        """An alert as an admonition of its kind (folding ones as details)."""
        title = " ".join(alert.title.split()) or alert.kind.capitalize()
        kind = "details" if alert.fold else "admonition"
        header = [f"/// {kind} | {title}", f"    type: {alert.kind}"]
        if alert.fold == "+":
            header.append("    open: true")
        return [*header, "", *self.blocks(node.children, top=False), "///"]

    def list(self, node: SyntaxTreeNode) -> list[str]:
        ordered = node.type == "ordered_list"
        number = int(node.attrs.get("start", 1)) if ordered else 0
        tight = _is_tight(node)
        out: list[str] = []
        for item in node.children:
            marker = f"{number}. " if ordered else "- "
            number += 1
            lines = self.list_item(item, tight=tight)
            if out and not tight:
                out.append("")
            out.append(marker + lines[0])
            out += [INDENT + line if line and line != CODE_BLANK else line for line in lines[1:]]
        return out

    def list_item(self, item: SyntaxTreeNode, *, tight: bool) -> list[str]:
        task = _task_marker(item)
        children = item.children
        if tight and not _writable_tight_item(children):
            raise Unwritable("a tight list item Python-Markdown would read as a loose one")
        lines = self.blocks(children, top=False, tight=tight)
        if tight and "" in lines:
            raise Unwritable("a tight list item holding blank lines")
        if not lines:
            return [task or SEPARATOR]
        first = children[0].type
        if task:
            lines[0] = task + lines[0]
        elif first == "blockquote" and len(lines) > 1:
            raise Unwritable("a quote of several lines on a list marker's line")
        elif lines[0].startswith("```") or first in ("table", "dl"):
            # Python-Markdown reads no fence (code, or raw HTML), table or definition on the
            # marker's line: an invisible comment stands there and the block follows.
            lines = [SEPARATOR, *lines] if tight else [SEPARATOR, "", *lines]
        return lines

    def table(self, node: SyntaxTreeNode) -> list[str]:
        rows: list[list[str]] = []
        aligns: list[str] = []
        for section in node.children:
            for row in section.children:
                cells = []
                for cell in row.children:
                    inline = cell.children[0].children if cell.children else []
                    cells.append(self.inline(inline, table=True))
                    if section.type == "thead":
                        aligns.append(str(cell.attrs.get("style", "")))
                rows.append(cells)
        header, *body = rows
        return ["| " + " | ".join(header) + " |",
                "| " + " | ".join(_alignment(style) for style in aligns) + " |",
                *("| " + " | ".join(cells) + " |" for cells in body)]

    def definition_list(self, node: SyntaxTreeNode) -> list[str]:
        """Terms and descriptions. Python-Markdown makes all descriptions of a term loose (in
        `<p>`) or none, by the blank line after the term; Goldmark decides each by the blank
        line before its `:`. Only what both read alike is written as Markdown: descriptions
        of one paragraph, those of a term all loose or all tight."""
        out: list[str] = []
        for terms, descriptions in _term_groups(node.children):
            looseness = {_loose_description(d) for d in descriptions}
            if len(looseness) > 1:
                raise Unwritable("tight and loose descriptions of one term")
            loose = looseness == {True}
            if out:
                out.append("")
            out += [self.inline(t.children[0].children) if t.children else "" for t in terms]
            for description in descriptions:
                lines = self.blocks(description.children, top=False)
                if loose:
                    out.append("")
                out.append(":   " + (lines[0] if lines else ""))
                out += [INDENT + line if line and line != CODE_BLANK else line
                        for line in lines[1:]]
        return out

    def footnotes(self, node: SyntaxTreeNode) -> list[str]:
        """The notes the text refers to, numbered as the parser numbered them (in the order
        of first reference, as Goldmark does), under those numbers as labels."""
        out: list[str] = []
        for footnote in node.children:
            number = _footnote_number(footnote)
            self.footnotes_written.append(number)
            body = [c for c in footnote.children if c.type != "footnote_anchor"]
            lines = self.blocks(body, top=False) or [""]
            if out:
                out.append("")
            out.append(f"[^{number}]: " + lines[0])
            out += [INDENT + line if line and line != CODE_BLANK else line for line in lines[1:]]
        return out

    # -- inline ------------------------------------------------------------------------------

    def inline(self, nodes: Sequence[SyntaxTreeNode], *, heading: bool = False,
               table: bool = False) -> str:
        written = _Inline(self, heading=heading, table=table)
        # A heading's or cell's text does not start a line of Markdown.
        written.line_start = not (heading or table)
        written.nodes(nodes)
        text = written.result()
        if heading and text.endswith("#") and _unescaped_end(text):
            text = text[:-1] + "\\#"  # Python-Markdown takes closing #s off a heading
        return text

    # -- HTML, where no Markdown reads alike -------------------------------------------------

    def as_html(self, node: SyntaxTreeNode, *, top: bool) -> list[str]:
        """The block as HTML: raw fences, with the Markdown of block shortcodes between."""
        segments = render_html(node, self.hooks)
        if top and len(segments) == 1 and isinstance(segments[0], str) and (
                block_html_is_safe(segments[0])):
            return segments[0].split("\n")
        lines: list[str] = []
        for segment in segments:
            if lines:
                lines.append("")
            if isinstance(segment, MarkdownHole):
                lines += segment.text.strip("\n").split("\n")
            else:
                lines += _code_lines(raw_fence(segment))
        return lines


class _Inline:
    """Writes one block's inline content, knowing what it has written so far."""

    def __init__(self, writer: MarkdownWriter, *, heading: bool, table: bool,
                 nested: bool = False, in_link: bool = False) -> None:
        self.writer = writer
        self.hooks = writer.hooks
        self.heading = heading
        self.table = table
        self.nested = nested
        """Inside emphasis: emphasis inside it is written as HTML, which Python-Markdown
        never pairs with the marks around it."""
        self.in_link = in_link
        """Inside a link's text, where Python-Markdown reads no other link (markdown-it
        nests an autolink there)."""
        self.out: list[str] = []
        self.line_start = True
        self.before = ""
        """What was written just before this run, outside it."""

    def result(self) -> str:
        return "".join(self.out)

    def put(self, text: str) -> None:
        if text:
            self.out.append(text)
            self.line_start = text.endswith("\n")

    def last_char(self) -> str:
        for piece in reversed(self.out):
            if piece:
                return piece[-1]
        return self.before

    def child(self, nodes: Sequence[SyntaxTreeNode], *, nested: bool,
              in_link: bool = False) -> str:
        inner = _Inline(self.writer, heading=self.heading, table=self.table, nested=nested,
                        in_link=in_link or self.in_link)
        inner.line_start = self.line_start
        inner.before = self.last_char()
        inner.nodes(nodes)
        return inner.result()

    def nodes(self, nodes: Sequence[SyntaxTreeNode]) -> None:
        for index, node in enumerate(nodes):
            after = _first_char(nodes[index + 1]) if index + 1 < len(nodes) else ""
            self.node(node, after)

    def node(self, node: SyntaxTreeNode, after: str) -> None:
        kind = node.type
        if kind == "text":
            self.text(node.content, after)
        elif kind == "softbreak":
            self.put(" " if self.heading or self.table else "\n")
        elif kind == "hardbreak":
            if self.heading or self.table:
                raise Unwritable("a line break in a heading or table cell")
            self.put("  \n")
        elif kind == "code_inline":
            self.code(node.content)
        elif kind in ("em", "strong", "s"):
            self.emphasis(node, after)
        elif kind == "link":
            self.link(node)
        elif kind == "image":
            self.image(node)
        elif kind == "html_inline":
            self.raw_html(node.content)
        elif kind == "footnote_ref":
            self.put(f"[^{_footnote_number(node)}]")
        elif kind == "math":
            assert node.token is not None
            self.raw_html(self.hooks.maths(node.token))
        else:
            raise Unwritable(kind)

    def text(self, content: str, after: str) -> None:
        position = 0
        for match in self.hooks.placeholder.finditer(content):
            self.plain(content[position:match.start()], after=match.group()[:1])
            placed = self.hooks.shortcode(match.group())
            if placed.block:
                raise Unwritable("a block shortcode inside a line")
            self.put(placed.text)
            position = match.end()
        self.plain(content[position:], after=after)

    def plain(self, text: str, *, after: str) -> None:
        if not text:
            return
        written = escape(text, line_start=self.line_start, before=self.last_char(),
                         after=after)
        if written.endswith("!") and after == "[":
            written = written[:-1] + "\\!"  # not a picture with the link that follows
        if self.table and "|" in written:
            written = re.sub(r"(?<!\\)\|", r"\\|", written)
        self.put(written)

    def code(self, content: str) -> None:
        content = self.hooks.substitute(content)
        if (not content.strip() or content != content.strip() or "\n" in content
                or content.startswith(("#!", ":::")) or (self.table and "|" in content)):
            self.put("<code>" + _references(content) + "</code>")
            return
        ticks = "`" * (_longest_run(content, "`") + 1)
        pad = " " if content.startswith("`") or content.endswith("`") else ""
        self.put(ticks + pad + content + pad + ticks)

    def emphasis(self, node: SyntaxTreeNode, after: str) -> None:
        mark = {"em": "*", "strong": "**", "s": "~~"}[node.type]
        text = self.child(node.children, nested=True)
        safe = (not self.nested and text and not text[0].isspace() and not text[-1].isspace()
                and text[0] not in "*~_" and text[-1] not in "*~_\\"
                and self.last_char() not in ("*", "~", "\\") and after not in ("*", "~"))
        if safe:
            self.put(mark + text + mark)
            return
        if node.type == "s" and self.line_start:
            raise Unwritable("struck text Python-Markdown would read as an HTML block")
        tag = {"em": "em", "strong": "strong", "s": "del"}[node.type]
        self.put(f"<{tag}>" + text + f"</{tag}>")

    def link(self, node: SyntaxTreeNode) -> None:
        token = node.nester_tokens.opening
        href = self.hooks.link(token, self.hooks.substitute(str(node.attrs.get("href", ""))),
                               in_html=self.in_link)
        title = node.attrs.get("title")
        text = self.child(node.children, nested=self.nested, in_link=True)
        if self.in_link:
            title_attr = f' title="{html.escape(str(title))}"' if title else ""
            self.put(f'<a href="{html.escape(href)}"{title_attr}>{text}</a>')
            return
        destination = _destination(href)
        written_title = _title(title)
        if destination is None or written_title is None or not text or text.startswith("^"):
            raise Unwritable("a link Python-Markdown cannot read back")
        self.put(f"[{text}]({destination}{written_title})")

    def image(self, node: SyntaxTreeNode) -> None:
        token = node.token
        assert token is not None
        src = self.hooks.substitute(str(node.attrs.get("src", "")))
        alt = _plain_text(node.children)
        title = node.attrs.get("title")
        drawn = self.hooks.image(token, src, alt, str(title) if title else None)
        if drawn is not None:
            self.raw_html(drawn)
            return
        destination = _destination(src)
        written_title = _title(title)
        if destination is None or written_title is None or "\n" in alt:
            raise Unwritable("a picture Python-Markdown cannot read back")
        self.put(f"![{escape(alt, before='[', after=']')}]({destination}{written_title})")

    def raw_html(self, content: str) -> None:
        content = self.hooks.substitute(content)
        if not _reads_as_html(content):
            raise Unwritable("inline HTML Python-Markdown does not read as HTML")
        if self.line_start and starts_html_block(content):
            # Python-Markdown would read an HTML block there.
            raise Unwritable("a line of a paragraph starting with a block-level HTML tag")
        self.put(content)

# -- helpers ---------------------------------------------------------------------------------

# One tag as Python-Markdown's inline HTML pattern reads it.
_INLINE_HTML = re.compile(r"<(/?[a-zA-Z][^<>@ ]*( [^<>]*)?|!--(?:(?!<!--|-->).)*--)>", re.DOTALL)


# Text between tags that Python-Markdown leaves as it is.
_PLAIN_BETWEEN_TAGS = re.compile(r"[^<>`\\\[\]*_~|{}\n]*")


def _reads_as_html(content: str) -> bool:
    """Whether Python-Markdown passes inline HTML on as it is: tags it reads as tags, with no
    code span, escape or link inside them (it reads those first), and plain text between."""
    if "\n" in content or "`" in content or "\\" in content or "[" in content:
        return False
    position = 0
    for match in _INLINE_HTML.finditer(content):
        if not _PLAIN_BETWEEN_TAGS.fullmatch(content, position, match.start()):
            return False
        position = match.end()
    return position > 0 and bool(_PLAIN_BETWEEN_TAGS.fullmatch(content, position))


# Python-Markdown copies a paragraph's whole text for each inline match in it (escapes, tags,
# emphasis, code, links, entities): its time grows as matches x length. Past this many
# character copies (some 15 ms) the paragraph is written as HTML, which it passes on whole
# (32,000 badges, one a line: a minute and a half before). Real paragraphs stay far below
# it (5 KB with 300 marks: 1.5 million).
_QUADRATIC_BUDGET = 100_000_000
_MATCH_STARTS = "\\`*_[<&~"


def _slow_to_read(text: str) -> bool:
    """Whether Python-Markdown would take more than _QUADRATIC_BUDGET to read a paragraph."""
    if len(text) * len(text) <= _QUADRATIC_BUDGET:
        return False
    return sum(text.count(mark) for mark in _MATCH_STARTS) * len(text) > _QUADRATIC_BUDGET


def _kept_apart(previous: SyntaxTreeNode, node: SyntaxTreeNode) -> bool:
    """Two blocks CommonMark keeps apart that Python-Markdown would read as one."""
    lists = ("bullet_list", "ordered_list")
    if previous.type in lists and node.type in lists:
        return previous.type == node.type
    return previous.type == node.type == "blockquote"


def _writable_tight_item(children: Sequence[SyntaxTreeNode]) -> bool:
    """Whether Python-Markdown reads these blocks, with no blank line between them, as the
    blocks of a tight list item: text, then lists and fences."""
    if not children:
        return True
    first, rest = children[0], children[1:]
    if first.type in ("blockquote", "heading", "hr") and not rest:
        return first.type != "blockquote" or len(first.children) <= 1
    if first.type not in ("paragraph", "bullet_list", "ordered_list", "fence", "code_block"):
        return False
    lists = ("bullet_list", "ordered_list")
    # Two lists in a row, with no blank line to part them, are one list to Python-Markdown
    # (or the second one's first item text of the first one's last).
    if any(a.type in lists and b.type in lists for a, b in zip(children, rest, strict=False)):
        return False
    return all(c.type in (*lists, "fence", "code_block") for c in rest)


def _is_tight(node: SyntaxTreeNode) -> bool:
    return all(child.hidden for item in node.children for child in item.children
               if child.type == "paragraph")


def _task_marker(item: SyntaxTreeNode) -> str | None:
    """`[ ] ` or `[x] ` for a task list item (the parser took the box out of its text)."""
    checked = item.meta.get("checked")
    if checked is None:
        return None
    first = item.children[0] if item.children else None
    if first is None or first.type != "paragraph" or not (first.children and
                                                          first.children[0].children):
        raise Unwritable("a task box pymdownx.tasklist does not read (on a heading, alone)")
    return "[x] " if checked else "[ ] "


def _attribute_list(attrs: dict[str, str | int | float]) -> str:
    """Heading attributes as attr_list writes them. attr_list reads them after the inline
    Markdown of the heading's line is read, so a value that would read as Markdown
    (`_x_`, `a*b`) cannot be written."""
    parts = []
    for key, value in heading_attributes(attrs).items():
        if not _PLAIN_VALUE.fullmatch(value) or _EMPHASIS_EDGE.search(value):
            raise Unwritable("a heading attribute that attr_list would read as Markdown")
        if key == "id":
            parts.append(f"#{value}")
        elif key == "class":
            parts += [f".{name}" for name in value.split()]
        else:
            parts.append(f'{key}="{value}"')
    return " ".join(parts)


# Attribute values attr_list takes as written: no quotes, braces, Markdown marks or spaces
# (but between class names).
_PLAIN_VALUE = re.compile(r"[^\s{}\"'#=*`\\\[\]<>&~|!]+(?: [^\s{}\"'#=*`\\\[\]<>&~|!]+)*")
# An underscore that is not inside a word: Python-Markdown would read emphasis there.
_EMPHASIS_EDGE = re.compile(r"(?<!\w)_|_(?!\w)")


def _info(info: str) -> tuple[str, str]:
    """A fence's language (its first word) and Hugo's `{...}` attributes after it."""
    info = info.strip()
    brace = info.find("{")
    head = info[:brace] if brace >= 0 else info
    language = head.split()[0] if head.split() else ""
    attributes = info[brace:].strip() if brace >= 0 else ""
    return language, attributes


def _term_groups(children: Sequence[SyntaxTreeNode]
                 ) -> list[tuple[list[SyntaxTreeNode], list[SyntaxTreeNode]]]:
    """A definition list's terms, each run of them with the descriptions that follow."""
    groups: list[tuple[list[SyntaxTreeNode], list[SyntaxTreeNode]]] = []
    for child in children:
        if child.type == "dt" and (not groups or groups[-1][1]):
            groups.append(([child], []))
        elif child.type == "dt":
            groups[-1][0].append(child)
        elif groups:
            groups[-1][1].append(child)
        else:
            raise Unwritable("a description without a term")
    return groups


def _loose_description(description: SyntaxTreeNode) -> bool:
    children = description.children
    if len(children) != 1 or children[0].type != "paragraph":
        raise Unwritable("a description that is not one paragraph")
    return not children[0].hidden


def _unescaped_end(text: str) -> bool:
    """Whether the last character of written text is not escaped by a backslash."""
    backslashes = len(text[:-1]) - len(text[:-1].rstrip("\\"))
    return backslashes % 2 == 0


def _footnote_number(node: SyntaxTreeNode) -> int:
    return int(node.meta["id"]) + 1


def _edges_kept(text: str) -> str:
    """A paragraph's text with the spaces at its ends that Python-Markdown would strip (a
    no-break space: CommonMark keeps it) written as references."""
    if text[:1].isspace():
        text = f"&#{ord(text[0])};" + text[1:]
    if len(text) > 1 and text[-1].isspace() and text[-2:] != "  ":
        text = text[:-1] + f"&#{ord(text[-1])};"
    return text


def _alignment(style: str) -> str:
    if "left" in style:
        return ":---"
    if "right" in style:
        return "---:"
    if "center" in style:
        return ":---:"
    return "---"


def _longest_run(text: str, char: str) -> int:
    runs = re.findall(re.escape(char) + "+", text)
    return max((len(run) for run in runs), default=0)


def _code_lines(lines: list[str]) -> list[str]:
    return [line or CODE_BLANK for line in lines]


def _destination(url: str) -> str | None:
    """A link destination Python-Markdown reads back as `url`, or None."""
    if not url:
        return "<>"
    if any(c in url for c in " <>\n\\\"'") or url.count("(") != url.count(")"):
        return None
    return url


def _title(title: object) -> str | None:
    """A link title Python-Markdown reads back, or None."""
    if not title:
        return ""
    text = str(title)
    if "\n" in text or ('"' in text and "'" in text):
        return None
    return f' "{text}"' if '"' not in text else f" '{text}'"


def _references(text: str) -> str:
    """Text as character references where Python-Markdown would read Markdown."""
    return re.sub(r"[^\w ]", lambda m: f"&#{ord(m.group())};", text)


def _first_char(node: SyntaxTreeNode) -> str:
    if node.type == "text":
        return node.content[:1]
    return {"code_inline": "`", "em": "*", "strong": "*", "s": "~", "link": "[",
            "image": "!", "html_inline": "<", "footnote_ref": "["}.get(node.type, " ")


def _text_like(node: SyntaxTreeNode, content: str) -> SyntaxTreeNode:
    token = Token("text", "", 0, content=content)
    return SyntaxTreeNode([token]).children[0]


def _plain_text(nodes: Sequence[SyntaxTreeNode]) -> str:
    """The text of inline nodes, as an image's alt text is made of them."""
    parts: list[str] = []
    for node in nodes:
        if node.type in ("text", "code_inline"):
            parts.append(node.content)
        elif node.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        else:
            parts.append(_plain_text(node.children))
    return "".join(parts)

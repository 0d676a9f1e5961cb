"""Rewrites of a page's rendered Markdown: what Hugo's Markdown (Goldmark, CommonMark) reads
that Python-Markdown does not, or reads differently.

- GitHub alerts (`> [!NOTE]`) become admonitions.
- Heading attributes (`## Title {#id anchor=false}`) become attr_list attributes.
- Fence attributes (```` ```py {filename="x.py"} ````) become pymdownx.highlight options.
- ```` ```katex ```` fences, and on pages with maths `$$...$$`, `\\(...\\)`, `\\[...\\]`,
  become MathML; ```` ```mermaid ```` fences ask for the page's diagram script.
- Lists are re-indented: CommonMark indents an item's content to its text (2 or 3 spaces),
  Python-Markdown wants 4; and a list, fence or block that interrupts a paragraph gets the
  blank line Python-Markdown needs.

Fenced code is never rewritten inside (only its opening line's attributes), nor are code spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hugomat.errors import Location
from hugomat.renderers.math import TexError, tex_as_code, tex_to_mathml
from hugomat.renderers.page_assets import page_assets

if TYPE_CHECKING:
    from hugomat.render import RenderContext

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
# A fence may open on a list item's first line, after its marker: `- ```mermaid`.
_FENCE_OPEN = re.compile(
    r"^(?P<indent>[ \t]*(?:(?:[-*+]|[0-9]{1,9}[.)])[ \t]+)?)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")


def finish(markdown: str, ctx: RenderContext) -> str:
    """The page's Markdown with every rewrite applied, and the page's scripts at its end."""
    lines = markdown.split("\n")
    lines = _alerts(lines)
    lines = _heading_attributes(lines)
    lines = _fences(lines, ctx)
    text = "\n".join(lines)
    if "katex" in ctx.needs:
        text = _maths(text, ctx)
    text = normalise_lists(text)
    return text.rstrip("\n") + "\n" + page_assets(ctx)


# -- fenced code ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Fence:
    """A fenced code block: the lines of its opening and closing fences (close may be None)."""

    start: int
    end: int | None
    indent: str
    marker: str
    info: str


def fences(lines: list[str]) -> list[Fence]:
    """The fenced code blocks of a page, outermost only (a fence inside one is its text)."""
    found: list[Fence] = []
    index = 0
    while index < len(lines):
        opener = _FENCE_OPEN.match(lines[index])
        if opener is None or (opener["fence"][0] == "`" and "`" in opener["info"]):
            index += 1
            continue
        marker = opener["fence"]
        end = None
        for after in range(index + 1, len(lines)):
            closer = _FENCE.match(lines[after])
            if (closer and closer["fence"][0] == marker[0] and len(closer["fence"]) >= len(marker)
                    and not closer["info"].strip()):
                end = after
                break
        found.append(Fence(index, end, opener["indent"], marker, opener["info"].strip()))
        index = (end if end is not None else len(lines)) + 1
    return found


def code_lines(lines: list[str]) -> list[bool]:
    """For each line, whether it belongs to fenced code (its fences included)."""
    marks = [False] * len(lines)
    for block in fences(lines):
        end = block.end if block.end is not None else len(lines) - 1
        for number in range(block.start, end + 1):
            marks[number] = True
    return marks


# -- GitHub alerts ---------------------------------------------------------------------------

ALERTS = {"note": "Note", "tip": "Tip", "important": "Important", "warning": "Warning",
          "caution": "Caution"}
_ALERT = re.compile(
    r"^(?P<indent>[ \t]*)>[ \t]?\[!(?P<kind>[A-Za-z]+)\](?P<fold>[+-]?)[ \t]*(?P<title>.*)$")
_QUOTED = re.compile(r"^(?P<indent>[ \t]*)>[ \t]?(?P<text>.*)$")


def _alerts(lines: list[str]) -> list[str]:
    """`> [!NOTE]` quotes as admonitions of that type; `[!NOTE]- Title` (Obsidian's form, which
    Hugo reads too) folds it away, `+` folds it open."""
    code = code_lines(lines)
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        match = None if code[index] else _ALERT.match(line)
        if match is None or match["kind"].lower() not in ALERTS:
            out.append(line)
            index += 1
            continue
        indent = match["indent"]
        quoted: list[str] = []
        index += 1
        while index < len(lines):
            inner = _QUOTED.match(lines[index])
            if inner and inner["indent"] == indent:
                quoted.append(inner["text"])
            elif lines[index].strip() and quoted and quoted[-1].strip() and not _starts_block(
                    lines[index]):
                quoted.append(lines[index].strip())  # a lazy line continues the paragraph
            else:
                break
            index += 1
        kind = match["kind"].lower()
        title = match["title"].strip() or ALERTS[kind]
        body = "\n".join(_alerts(quoted)).strip("\n")
        if match["fold"]:
            header = [f"/// details | {title}", f"    type: {kind}"]
            if match["fold"] == "+":
                header.append("    open: true")
        else:
            header = [f"/// {kind} | {title}"]
        if out and out[-1].strip():
            out.append("")
        block = [*header, "", *body.split("\n"), "///", ""]
        out += [indent + part if part.strip() else "" for part in block]
    return out


def _starts_block(line: str) -> bool:
    stripped = line.lstrip()
    return bool(stripped.startswith(("#", ">", "///", "```", "~~~", "<", "|"))
                or _ITEM.match(line))


# -- heading attributes ------------------------------------------------------------------------

_HEADING = re.compile(
    r"^(?P<lead>[ \t]*(?:(?:[-*+]|[0-9]{1,9}[.)])[ \t]+)?#{1,6}[ \t]+.*?)[ \t]*"
    r"\{(?P<attrs>[^{}\n]*)\}[ \t]*$")
_ATTRIBUTE = re.compile(
    r"""[ \t]*(?:(?P<id>\#[\w\-:.]+)|(?P<cls>\.[\w\-]+)|"""
    r"""(?P<key>[A-Za-z_][\w\-]*)=(?P<value>"[^"]*"|'[^']*'|[^\s"'}]+))""")


def _heading_attributes(lines: list[str]) -> list[str]:
    """Hugo's `{#id .class key=value}` after a heading, as attr_list reads it. `anchor=false`
    (hugo-book: no `#` link beside the heading) becomes a class the style sheet reads."""
    code = code_lines(lines)
    out = []
    for number, line in enumerate(lines):
        match = None if code[number] else _HEADING.match(line)
        parts = _attribute_list(match["attrs"]) if match else None
        if match is None:
            out.append(line)
            continue
        if parts is None:
            # Not attributes to Hugo, so text; escaped so attr_list does not read them either.
            brace = line.rindex("{")
            out.append(line[:brace] + "\\" + line[brace:])
            continue
        out.append(f"{match['lead']} {{: {' '.join(parts)} }}" if parts else match["lead"])
    return out


def _attribute_list(text: str) -> list[str] | None:
    """The attr_list form of Hugo's attributes, or None when the braces hold something else."""
    parts: list[str] = []
    position = 0
    text = text.strip()
    while position < len(text):
        match = _ATTRIBUTE.match(text, position)
        if match is None:
            return None
        position = match.end()
        if match["id"] or match["cls"]:
            parts.append(match["id"] or match["cls"])
            continue
        key, value = match["key"], match["value"].strip("\"'")
        if key.lower() == "anchor":
            if value.lower() == "false":
                parts.append(".hugomat-no-anchor")
            continue
        parts.append(f'{key}="{value}"')
    return parts


# -- fence attributes, katex and mermaid fences -------------------------------------------------

_FENCE_ATTRS = re.compile(r"^(?P<lang>[^\s{]*)[ \t]*\{(?P<attrs>.*)\}[ \t]*$")
_HUGO_ATTR = re.compile(r"""[ \t,]*(?P<key>[A-Za-z_][\w\-]*)[ \t]*=[ \t]*"""
                        r"""(?P<value>"[^"]*"|'[^']*'|\[[^\]]*\]|[^\s,"'\]]+)""")
# Options of Hugo's highlighter that only change how code looks, which the theme decides here.
_PRESENTATION = {"style", "noclasses", "guesssyntax", "codefences", "tabwidth", "hl_inline",
                 "linenumbersintable", "anchorlinenos", "lineanchors", "wrapperclass"}


def _fences(lines: list[str], ctx: RenderContext) -> list[str]:
    out = list(lines)
    # From the last fence up, so replacing one does not move the ones still to do.
    for block in reversed(fences(lines)):
        language = block.info.split("{")[0].strip().lower()
        if language == "mermaid" or block.info.replace(" ", "").startswith("{.mermaid"):
            ctx.needs.add("mermaid")
        elif language == "katex" and block.end is not None:
            ctx.needs.add("katex")
            tex = "\n".join(lines[block.start + 1 : block.end])
            out[block.start : block.end + 1] = [block.indent + _tex(tex, True, ctx)]
            continue
        # `{.lang ...}` is superfences' own form; Hugo writes the language, then the braces.
        attributes = None if block.info.startswith("{.") else _FENCE_ATTRS.match(block.info)
        if attributes:
            options = _fence_options(attributes["attrs"], block, ctx)
            lang = attributes["lang"] or "text"
            out[block.start] = f"{block.indent}{block.marker}{lang} {options}".rstrip()
    return out


def _fence_options(text: str, block: Fence, ctx: RenderContext) -> str:
    """Hugo's `{filename="x.py" linenos=table hl_lines=[2,3]}` as pymdownx.highlight options."""
    options: dict[str, str] = {}
    start = "1"
    numbered = False
    for match in _HUGO_ATTR.finditer(text):
        key = match["key"].lower()
        value = match["value"].strip("\"'")
        if key in ("filename", "title"):
            options["title"] = value.replace('"', "'")
        elif key == "linenos":
            numbered = value.lower() not in ("false", "none")
        elif key == "linenostart":
            start = value if value.isdigit() else "1"
        elif key == "hl_lines":
            options["hl_lines"] = " ".join(re.findall(r"[0-9]+(?:-[0-9]+)?", value))
        elif key not in _PRESENTATION:
            ctx.problem_at(_locate(ctx, block.info), f"code fence attribute '{match['key']}' "
                           "is not known; known: filename, linenos, linenostart, hl_lines")
    if numbered:
        options["linenums"] = start
    return " ".join(f'{key}="{value}"' for key, value in options.items())


# -- maths -------------------------------------------------------------------------------------

_CODE_SPAN = re.compile(r"(`+)(?:.|\n)*?(?<!`)\1(?!`)")
# Maths never spans a blank line: KaTeX looks for it inside one paragraph's text.
_IN_PARAGRAPH = r"(?:(?!\n[ \t]*\n).)+?"
_MATH = re.compile(rf"\$\$(?P<dollars>{_IN_PARAGRAPH})\$\$|\\\\\((?P<inline>{_IN_PARAGRAPH})\\\\\)"
                   rf"|\\\\\[(?P<display>{_IN_PARAGRAPH})\\\\\]", re.DOTALL)


def _maths(text: str, ctx: RenderContext) -> str:
    """`$$...$$` and `\\[...\\]` as display maths, `\\(...\\)` inline, as KaTeX's auto-render
    finds them on a hugo-book page. In Markdown source the round and square brackets are
    written `\\\\(`: one backslash is Markdown's escape, which Hugo's page also had."""
    lines = text.split("\n")
    code = code_lines(lines)
    out: list[str] = []
    prose: list[str] = []
    for line, is_code in zip(lines, code, strict=True):
        if is_code:
            if prose:
                out.append(_maths_in_prose("\n".join(prose), ctx))
                prose = []
            out.append(line)
        else:
            prose.append(line)
    if prose:
        out.append(_maths_in_prose("\n".join(prose), ctx))
    return "\n".join(out)


def _maths_in_prose(text: str, ctx: RenderContext) -> str:
    out: list[str] = []
    position = 0
    # Code spans are skipped: maths is looked for only between them.
    for span in [*_CODE_SPAN.finditer(text), None]:
        end = span.start() if span else len(text)
        out.append(_MATH.sub(lambda m: _replace_maths(m, ctx), text[position:end]))
        if span:
            out.append(span.group())
            position = span.end()
    return "".join(out)


def _replace_maths(match: re.Match[str], ctx: RenderContext) -> str:
    tex = match["dollars"] or match["display"] or match["inline"]
    if not tex.strip():
        return match.group()
    return _tex(tex, match["inline"] is None, ctx)


def _tex(tex: str, display: bool, ctx: RenderContext) -> str:
    try:
        maths = tex_to_mathml(tex.strip(), display=display)
    except TexError as error:
        ctx.problem_at(_locate(ctx, tex), f"TeX cannot be drawn ({error}); it is shown as written")
        return tex_as_code(tex.strip(), display=display)
    if maths.unknown:
        ctx.problem_at(_locate(ctx, tex), f"TeX command {', '.join(maths.unknown)} is not "
                                          "known; it is shown as text")
    return maths.mathml


def _locate(ctx: RenderContext, snippet: str) -> Location:
    """Where `snippet` (text of the rendered page) stands in the page's source: the first
    occurrence of its first line. Rewrites here work on the rendered text, which no longer
    knows its positions; the page itself is the place to look."""
    page = ctx.page
    body = page.front.body
    first = next((line.strip() for line in snippet.split("\n") if line.strip()), "")
    offset = body.find(first) if first else -1
    if offset < 0:
        return Location(page.display_path, page.front.body_line, 1)
    line_start = body.rfind("\n", 0, offset) + 1
    return Location(page.display_path, page.front.body_line + body.count("\n", 0, offset),
                    offset - line_start + 1)


# -- lists: CommonMark indentation to Python-Markdown's ------------------------------------------

_ITEM = re.compile(r"^(?P<indent> *)(?P<marker>[-*+]|[0-9]{1,9}[.)])(?P<space> +|$)")
_BREAK = re.compile(r"^ *([-*_])( *\1){2,} *$")
_BLOCK_HTML = re.compile(r"^ *</?(?:div|details|table|pre|p|ul|ol|dl|figure|section|blockquote|"
                         r"script|style|hr|h[1-6])\b", re.IGNORECASE)
TAB = 4


@dataclass
class _Item:
    marker: int
    """The column of the item's marker in the output."""
    old: int
    """The column the item's content starts at in the source (CommonMark's rule)."""
    new: int
    """The column it starts at in the output: 4 spaces per level, Python-Markdown's rule."""
    loose: bool = False
    """Whether it holds more than one block (a blank line inside it)."""


def normalise_lists(text: str) -> str:
    """Re-indent list items to Python-Markdown's 4 spaces, and put a blank line before a list,
    fence or block that interrupts a paragraph (CommonMark allows it, Python-Markdown does not).
    """
    out: list[str] = []
    stack: list[_Item] = []
    fence: tuple[str, int, int] | None = None  # marker, shift, item depth
    lazy_allowed = False
    blank_needed = False
    for raw in text.split("\n"):
        line = _expand_indent(raw)
        indent = len(line) - len(line.lstrip(" "))
        if fence is not None:
            marker, shift, depth = fence
            closing = _FENCE.match(line)
            ended_by_item = line.strip() and depth and indent < stack[depth - 1].old
            if not ended_by_item:
                out.append(_shift(line, shift))
                if closing and closing["fence"][0] == marker[0] and len(
                        closing["fence"]) >= len(marker) and not closing["info"].strip():
                    fence = None
                    blank_needed = True
                continue
            fence = None  # CommonMark: a less indented line ends the item and its fence
        if not line.strip():
            out.append("")
            if stack:
                stack[-1].loose = True
            lazy_allowed = False
            blank_needed = False
            continue
        item = _ITEM.match(line)
        if item and _BREAK.match(line):
            item = None
        is_block_start = bool(item) or _starts_block(line) or bool(_BLOCK_HTML.match(line))
        if stack and indent < stack[-1].old and lazy_allowed and not is_block_start:
            out.append(" " * stack[-1].new + line.strip())  # a lazy paragraph line
            continue
        popped: _Item | None = None
        loose = False
        while stack and indent < stack[-1].old:
            popped = stack.pop()
            loose = loose or popped.loose
        container_old = stack[-1].old if stack else 0
        container_new = stack[-1].new if stack else 0
        if item and indent - container_old >= TAB:
            item = None  # indented code, not a list item
        continues_list = popped is not None and popped.marker == container_new
        if (item and not continues_list and lazy_allowed and item["marker"][0].isdigit()
                and item["marker"][:-1] != "1"):
            item = None  # only a list starting at 1 may interrupt a paragraph
        if item:
            new_marker = container_new
            spaces = len(item["space"])
            width = len(item["marker"]) + (spaces if 1 <= spaces <= 4 else 1)
            content = line[item.end():]
            # A new list needs a blank line above it, and so does the item after one that
            # holds several blocks, or Python-Markdown reads it as that item's text.
            sibling = popped is not None and popped.marker == new_marker
            if out and out[-1].strip() and (loose or not sibling) and not _follows_own_item(
                    out, stack):
                out.append("")
            stack.append(_Item(marker=new_marker, old=indent + width, new=new_marker + TAB))
            if _FENCE.match(content) or _opens_block(content):
                # Python-Markdown reads neither on the marker's line: the item starts empty
                # ("- " and a blank line) and its first block follows at the item's text.
                out += [" " * new_marker + item["marker"] + " ", ""]
                rendered = " " * (new_marker + TAB) + content
                lazy_allowed = False
            else:
                rendered = " " * new_marker + item["marker"] + " " + content
                lazy_allowed = bool(content.strip())
        else:
            if stack:
                rendered = " " * (container_new + indent - container_old) + line.lstrip(" ")
            else:
                rendered = line
            lazy_allowed = not is_block_start or line.lstrip().startswith(">")
            opens = _FENCE.match(line) or _opens_block(line)
            if (opens or blank_needed) and out and out[-1].strip() and not _is_block_header(
                    out[-1]):
                out.append("")
        blank_needed = False
        out.append(rendered)
        opener = _FENCE.match(rendered)
        if opener and not (opener["fence"][0] == "`" and "`" in opener["info"]):
            depth = len(stack)
            shift = (stack[-1].new - stack[-1].old) if stack else 0
            fence = (opener["fence"], shift, depth)
            lazy_allowed = False
    return "\n".join(out)


def _expand_indent(line: str) -> str:
    stripped = line.lstrip(" \t")
    lead = line[: len(line) - len(stripped)]
    return lead.expandtabs(TAB) + stripped if "\t" in lead else line


def _shift(line: str, shift: int) -> str:
    if shift >= 0:
        return " " * shift + line if line.strip() else ""
    lead = len(line) - len(line.lstrip(" "))
    return line[min(lead, -shift):]


def _follows_own_item(out: list[str], stack: list[_Item]) -> bool:
    """Whether the line above is the text of the item a nested list goes in (no blank needed)."""
    if not stack:
        return False
    match = _ITEM.match(out[-1])
    return bool(match) and len(match["indent"]) + TAB == stack[-1].new


def _opens_block(line: str) -> bool:
    stripped = line.strip()
    return stripped.startswith("///") and stripped.strip("/").strip() != ""


def _is_block_header(line: str) -> bool:
    """A block's option lines follow its header without a blank line."""
    return _opens_block(line) or bool(re.match(r"^ +[a-z_]+: ", line))

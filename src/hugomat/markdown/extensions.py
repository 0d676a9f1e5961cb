"""Goldmark's block extensions as Hugo enables them: tables, task lists, footnotes and
definition lists, on markdown-it-py.

Each follows Goldmark's own algorithm rather than a markdown-it plugin's, because they
differ where Hugo books notice:

* Tables are made from a paragraph once it is read (Goldmark's paragraph transformer):
  the first line that is a delimiter row, with the line above as header, turns the rest
  of the paragraph into rows, even lines without a pipe; lines above the header stay a
  paragraph. The header must have exactly as many cells as the delimiter row, else
  there is no table; a body row is cut to that many cells or padded with cells that
  have no alignment. ``\\|`` never splits a cell, and loses its backslash in code
  spans; an unescaped ``|`` splits even inside code. A row of dashes alone is a
  delimiter row when a newline follows it (so ``- a\\n--`` is a table). A paragraph
  wholly turned into a table cannot become a setext heading: its underline is read
  again (``---`` is then a rule); with lines left above the table, those become a
  heading placed after the table.
* A task checkbox is ``[ ]``, ``[x]``, ``[X]`` (or a tab inside) at the very start of
  the first paragraph or heading of a list item, followed by any spaces, even none:
  ``- [x]done`` is a done task, ``- [x]`` alone too.
* Footnote labels match exactly (case and all) and may hold spaces; the first
  definition of a label wins; notes are numbered by first reference, reading the notes
  themselves where the first definition stands; unreferenced notes are dropped; every
  reference gets its own back link (``fnref:1``, ``fnref1:1``…).
* A definition list starts at a ``:`` line (``~`` is not Goldmark's) at the block's own
  indent, followed by a space or tab; every line of the paragraph above is a term of
  its own, and a paragraph right after a list adds terms to it. A description is tight
  unless a blank line precedes its ``:``, and then only its first paragraph loses its
  ``<p>`` (Goldmark's loop stops after one).
* Goldmark judges a list tight without the footnote definitions in its items, never
  counts a blank line before a table, and for a definition list counts the one before
  its last ``:``.

Tokens keep markdown-it's names (``table_open``…, ``dl_open``…, ``footnote_ref``…,
``list_item_open`` with ``meta["checked"]``) and their ``map``; the HTML rendering
matches Hugo's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.common.utils import mdTrim
from markdown_it.parser_block import RuleFuncBlockType as BlockRule
from markdown_it.renderer import RendererHTML
from markdown_it.ruler import Ruler
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

# Goldmark's util.IsSpace, on ASCII.
_SPACE = " \t\n\v\f\r"
_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
# What one parse learns as it goes (footnote labels, numbers…), kept in env meanwhile.
_READING = "goldmark_block_extensions"
# Indents of the blocks holding the definition lists we are inside (a `:` there may
# reopen one); kept on the block state while descriptions are read.
_DL_INDENTS = "goldmark_dl_indents"


def install(md: MarkdownIt) -> None:
    """Turn markdown-it-py's table, task list, footnote and definition list handling into
    Goldmark's (as Hugo 0.168 configures it)."""
    block = md.block.ruler
    if "goldmark_definition_list" in block.get_all_rules():
        return
    md.options["tasklists"] = False
    if "table" in block.get_all_rules():
        block.disable("table")  # tables come from paragraphs, as in Goldmark
    block.at("paragraph", _paragraph_or_table(_installed(block, "paragraph")))
    block.at("lheading", _setext_heading_or_table(_installed(block, "lheading")))
    block.before("lheading", "goldmark_definition_list", _definition_list,
                 {"alt": ["paragraph"]})
    block.before("reference", "goldmark_footnote_definition", _footnote_definition,
                 {"alt": ["paragraph", "reference", "blockquote"]})
    md.inline.ruler.before("link", "goldmark_footnote_reference", _footnote_reference)
    md.core.ruler.before("block", "goldmark_reading", _start_reading)
    md.core.ruler.after("block", "goldmark_task_lists", _task_lists)
    md.core.ruler.after("block", "goldmark_block_tree", _settle_blocks)
    md.core.ruler.after("inline", "goldmark_table_code_pipes", _unescape_code_pipes)
    md.core.ruler.push("goldmark_footnote_tail", _footnote_tail)
    _install_renderers(md)


def _installed(ruler: Ruler[BlockRule], name: str) -> BlockRule:
    """The rule now under ``name``, which a wrapper calls on."""
    return ruler.__rules__[ruler.__find__(name)].fn


# -- what one parse learns --------------------------------------------------------------------


@dataclass(slots=True)
class _Reading:
    """What one parse learns as it goes."""

    labels: set[str] = field(default_factory=set)
    # Goldmark leaves its footnote list where the first definition was, until the end:
    # that one still separates the blocks around it; later ones vanish.
    first: Token | None = None
    # Number (from 1) of each label referenced so far, and references per number.
    numbers: dict[str, int] = field(default_factory=dict)
    references: dict[int, int] = field(default_factory=dict)
    # A table, definition list or footnote definition was read inside a list.
    lists_to_judge: bool = False
    # Table cells (ids of their inline tokens) with an escaped pipe after a backtick.
    code_pipe_cells: set[int] = field(default_factory=set)


def _start_reading(state: StateCore) -> None:
    state.env[_READING] = _Reading()


def _reading(env: EnvType) -> _Reading:
    data = env.get(_READING)
    if not isinstance(data, _Reading):
        data = env[_READING] = _Reading()
    return data


# -- tables ------------------------------------------------------------------------------------

_DELIMITER_ROW_CHARS = frozenset(" \t\n\v\f\r-|:")
_DELIMITER_CELL = re.compile(r"[\t\n\f\r ]*(:?)-+(:?)[\t\n\f\r ]*\Z")
_DASH_LINE = re.compile(r"\n[ \t]*-")
_ALIGNMENTS = {("", ""): "", (":", ""): "left", ("", ":"): "right", (":", ":"): "center"}


@dataclass(frozen=True, slots=True)
class _Cell:
    text: str
    # An escaped pipe after a backtick: inside a code span it loses its backslash.
    code_pipe: bool
    align: str


def _paragraph_or_table(paragraph: BlockRule) -> BlockRule:
    """The paragraph rule, then Goldmark's table transformer on the paragraph read."""

    def paragraph_or_table(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        if not paragraph(state, start, end, silent):
            return False
        if not silent and state.tokens[-1].type == "paragraph_close":
            _table_from_paragraph(state, start)
        return True

    return paragraph_or_table


def _table_from_paragraph(state: StateBlock, start: int) -> None:
    if not _may_hold_table(state.tokens[-2].content):
        return
    trimmed = False
    if _description_follows(state, state.line):
        if _follows_list(state, len(state.tokens) - 3):
            return  # Goldmark makes every line a term, table or not
        # Goldmark closes the paragraph (trimming its lines) before looking for a table.
        trimmed = True
    found = _find_table(state, start, state.line, trimmed=trimmed)
    if found is not None:
        del state.tokens[-3:]
        delimiter, alignments = found
        if delimiter - 1 > start:
            _push_paragraph(state, start, delimiter - 1)
        _push_table(state, delimiter, state.line, alignments)


def _setext_heading_or_table(setext_heading: BlockRule) -> BlockRule:
    """The setext heading rule, after Goldmark's table transformer on its lines."""

    def setext_heading_or_table(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        if not setext_heading(state, start, end, silent):
            return False
        if not silent and state.tokens[-1].type == "heading_close":
            _table_from_heading(state, start)
        return True

    return setext_heading_or_table


def _table_from_heading(state: StateBlock, start: int) -> None:
    heading_open, inline = state.tokens[-3], state.tokens[-2]
    if not _may_hold_table(inline.content):
        return
    underline = state.line - 1
    found = _find_table(state, start, underline, trimmed=True)
    if found is None:
        return
    del state.tokens[-3:]
    delimiter, alignments = found
    _push_table(state, delimiter, underline, alignments)
    if delimiter - 1 == start:
        # Nothing is left of the paragraph: Goldmark reads the underline again.
        state.line = underline
        return
    # Lines above the table stay the heading's, which Goldmark puts after the table.
    content = mdTrim(state.getLines(start, delimiter - 1, state.blkIndent, False))
    _push_heading(state, heading_open, content, start, underline)


def _may_hold_table(content: str) -> bool:
    # A delimiter row needs a dash, and a pipe or a colon unless it is dashes alone.
    return "-" in content and (
        "|" in content or ":" in content or _DASH_LINE.search(content) is not None)


def _indent(state: StateBlock, line: int) -> int:
    """The line's indent in its block; a lazy line of a quote (sCount -1) counts its own."""
    if state.sCount[line] >= 0:
        return state.sCount[line] - state.blkIndent
    line_start = state.src.rfind("\n", 0, state.bMarks[line]) + 1
    columns = 0
    for char in state.src[line_start : state.eMarks[line]]:
        if char == " ":
            columns += 1
        elif char == "\t":
            columns += 4 - columns % 4
        else:
            break
    return columns


def _line_text(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def _find_table(state: StateBlock, start: int, end: int, *, trimmed: bool
                ) -> tuple[int, list[str]] | None:
    """The first delimiter row of the paragraph's lines, if its header fits it.

    ``trimmed``: Goldmark has already stripped the lines' indentation, and the
    newline after the last one (a closed paragraph, as setext headings and
    definition lists leave it).
    """
    for line in range(start + 1, end):
        if not trimmed and _indent(state, line) > 3:
            continue
        # A row of dashes only is a delimiter row when a newline follows it.
        newline = state.eMarks[line] < len(state.src) and not (trimmed and line == end - 1)
        alignments = _delimiter_row(_line_text(state, line), newline)
        if alignments is None:
            continue
        header = _row_cells(_line_text(state, line - 1), alignments, is_header=True)
        return (line, alignments) if len(header) == len(alignments) else None
    return None


def _delimiter_row(text: str, newline: bool) -> list[str] | None:
    if not text or not _DELIMITER_ROW_CHARS.issuperset(text):
        return None
    if not newline and not text.strip("-"):
        return None
    columns = text.split("|")
    if not columns[0].strip(_SPACE):
        columns = columns[1:]
    if columns and not columns[-1].strip(_SPACE):
        columns = columns[:-1]
    alignments = []
    for column in columns:
        match = _DELIMITER_CELL.match(column)
        if match is None:
            return None
        alignments.append(_ALIGNMENTS[match.groups()])
    return alignments or None


def _row_cells(text: str, alignments: list[str], *, is_header: bool) -> list[_Cell]:
    """Goldmark's split of a row: on pipes not preceded by a backslash, code or not."""
    line = text.strip(_SPACE)
    position, limit = 0, len(line)
    if line.startswith("|"):
        position = 1
    if line.endswith("|"):
        limit -= 1
    cells: list[_Cell] = []
    while position < limit:
        if len(cells) >= len(alignments) and not is_header:
            break
        end, code_pipe = _cell_end(line, position, limit)
        align = alignments[len(cells)] if len(cells) < len(alignments) else ""
        cells.append(_Cell(line[position:end].strip(_SPACE), code_pipe, align))
        position = end + 1
    # Missing cells come without alignment.
    cells.extend(_Cell("", False, "") for _ in range(len(cells), len(alignments)))
    return cells


def _cell_end(line: str, position: int, limit: int) -> tuple[int, bool]:
    seen_backtick = code_pipe = False
    while position < limit:
        char = line[position]
        if char == "`":
            seen_backtick = True
        elif char == "|":
            if position == 0 or line[position - 1] != "\\":
                break
            code_pipe = code_pipe or seen_backtick
        position += 1
    return position, code_pipe


def _push_paragraph(state: StateBlock, start: int, end: int) -> None:
    token = state.push("paragraph_open", "p", 1)
    token.map = [start, end]
    token = state.push("inline", "", 0)
    token.content = mdTrim(state.getLines(start, end, state.blkIndent, False))
    token.map = [start, end]
    token.children = []
    state.push("paragraph_close", "p", -1)


def _push_heading(state: StateBlock, like: Token, content: str, start: int, underline: int
                  ) -> None:
    token = state.push("heading_open", like.tag, 1)
    token.markup = like.markup
    token.map = [start, underline + 1]
    token = state.push("inline", "", 0)
    token.content = content
    token.map = [start, underline]
    token.children = []
    token = state.push("heading_close", like.tag, -1)
    token.markup = like.markup


def _push_table(state: StateBlock, delimiter: int, end: int, alignments: list[str]) -> None:
    if state.listIndent >= 0:
        _reading(state.env).lists_to_judge = True
    header = delimiter - 1
    token = state.push("table_open", "table", 1)
    token.map = [header, end]
    token = state.push("thead_open", "thead", 1)
    token.map = [header, delimiter]
    _push_row(state, header, _row_cells(_line_text(state, header), alignments, is_header=True))
    state.push("thead_close", "thead", -1)
    if delimiter + 1 < end:
        token = state.push("tbody_open", "tbody", 1)
        token.map = [delimiter + 1, end]
        for line in range(delimiter + 1, end):
            cells = _row_cells(_line_text(state, line), alignments, is_header=False)
            _push_row(state, line, cells)
        state.push("tbody_close", "tbody", -1)
    state.push("table_close", "table", -1)


def _push_row(state: StateBlock, line: int, cells: list[_Cell]) -> None:
    tag = "th" if state.tokens[-1].type == "thead_open" else "td"
    token = state.push("tr_open", "tr", 1)
    token.map = [line, line + 1]
    for cell in cells:
        token = state.push(f"{tag}_open", tag, 1)
        token.map = [line, line + 1]
        if cell.align:
            token.attrs["style"] = f"text-align:{cell.align}"
        token = state.push("inline", "", 0)
        token.content = cell.text
        token.map = [line, line + 1]
        token.children = []
        if cell.code_pipe:
            _reading(state.env).code_pipe_cells.add(id(token))
        state.push(f"{tag}_close", tag, -1)
    state.push("tr_close", "tr", -1)


def _unescape_code_pipes(state: StateCore) -> None:
    cells = _reading(state.env).code_pipe_cells
    if not cells:
        return
    for token in state.tokens:
        if id(token) in cells:
            for child in token.children or []:
                if child.type == "code_inline":
                    child.content = child.content.replace("\\|", "|")


# -- task lists --------------------------------------------------------------------------------

# Go's \s is [\t\n\f\r ]; Goldmark looks at one line, so at most its newline goes.
_TASK = re.compile(r"\[([\t\f\r xX])\][\t\f\r ]*\n?")


def _task_lists(state: StateCore) -> None:
    tokens = state.tokens
    for index in range(len(tokens) - 2):
        item = tokens[index]
        if item.type != "list_item_open":
            continue
        if tokens[index + 1].type not in ("paragraph_open", "heading_open"):
            continue
        inline = tokens[index + 2]
        match = _TASK.match(inline.content)
        if match is None:
            continue
        item.meta["checked"] = match.group(1) in "xX"
        inline.content = inline.content[match.end() :].lstrip(" \t")


# -- definition lists --------------------------------------------------------------------------


def _definition_list(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    content_column = _description_column(state, start)
    if content_column is None:
        return False
    indent = state.sCount[start]
    if silent:
        # Ending a paragraph: the `:` may open a description here or in a list around.
        return indent == state.blkIndent or indent in getattr(state, _DL_INDENTS, ())
    if indent != state.blkIndent:
        return False
    dl_open = _open_or_reopen_list(state, start)
    if state.listIndent >= 0:
        _reading(state.env).lists_to_judge = True
    if dl_open is None:
        return False
    _push_description(state, start, end, content_column)
    state.push("dl_close", "dl", -1)
    dl_open.map = [dl_open.map[0] if dl_open.map else start, state.line]
    return True


def _description_column(state: StateBlock, line: int) -> tuple[int, int] | None:
    """For a `:` line: where its content starts and how wide the space after `:` is."""
    marker = state.bMarks[line] + state.tShift[line]
    maximum = state.eMarks[line]
    if marker >= maximum or state.src[marker] != ":":
        return None
    column = state.sCount[line] + 1
    position = marker + 1
    while position < maximum and state.src[position] in " \t":
        column += 4 - (column + state.bsCount[line]) % 4 if state.src[position] == "\t" else 1
        position += 1
    width = column - state.sCount[line] - 1
    return (position, width) if width >= 1 else None


def _open_or_reopen_list(state: StateBlock, start: int) -> Token | None:
    """The ``dl_open`` the description goes into, after the terms the paragraph gives."""
    tokens = state.tokens
    last = _last_block_end(state, len(tokens))
    if last >= 2 and tokens[last].type == "paragraph_close":
        paragraph_open, inline = tokens[last - 2], tokens[last - 1]
        del tokens[last - 2 : last + 1]
        dl_open = _reopen_list(state) or _new_list(state, paragraph_open)
        _push_terms(state, paragraph_open, inline)
        return dl_open
    if last >= 0 and tokens[last].type == "table_close":
        return _list_after_table(state, start, last)
    return _reopen_list(state)


def _last_block_end(state: StateBlock, end: int) -> int:
    """Index of the last token of the last block before ``end`` (at the current level),
    -1 if none. Footnote definitions but the first do not count: Goldmark has taken
    them out of the tree."""
    tokens = state.tokens
    first = _reading(state.env).first
    index = end - 1
    while index >= 0 and tokens[index].type == "footnote_reference_close" and (
            tokens[index].level == state.level):
        opener = _matching_open(tokens, index)
        if tokens[opener] is first:
            break
        index = opener - 1
    return index if index >= 0 and tokens[index].level == state.level else -1


def _matching_open(tokens: Sequence[Token], close_index: int) -> int:
    depth = 0
    for index in range(close_index, -1, -1):
        depth += tokens[index].nesting
        if depth == 0:
            return index
    return 0


def _list_after_table(state: StateBlock, start: int, table_close: int) -> Token | None:
    """Goldmark opens the list on the whole paragraph, then finds the table in it: what
    is left above the table becomes the terms, of a list that follows the table."""
    tokens = state.tokens
    table_at = _matching_open(tokens, table_close)
    table_map = tokens[table_at].map
    intro_at = table_at - 3
    if not table_map or table_map[1] != start or intro_at < 0:
        return None
    paragraph_open, inline = tokens[intro_at], tokens[intro_at + 1]
    if paragraph_open.type != "paragraph_open" or paragraph_open.level != state.level or (
            not paragraph_open.map or paragraph_open.map[1] != table_map[0]):
        return None
    del tokens[intro_at:table_at]
    dl_open = _new_list(state, paragraph_open)
    _push_terms(state, paragraph_open, inline)
    return dl_open


def _push_terms(state: StateBlock, paragraph_open: Token, inline: Token) -> None:
    first_line = paragraph_open.map[0] if paragraph_open.map else 0
    for offset, term in enumerate(inline.content.split("\n")):
        _push_term(state, term.strip(_SPACE), first_line + offset)


def _follows_list(state: StateBlock, index: int) -> bool:
    """Whether the block starting at token ``index`` comes right after a definition list."""
    before = _last_block_end(state, index)
    return before >= 0 and state.tokens[before].type == "dl_close"


def _description_follows(state: StateBlock, line: int) -> bool:
    return (line < state.lineMax and state.sCount[line] == state.blkIndent
            and _description_column(state, line) is not None)


def _reopen_list(state: StateBlock) -> Token | None:
    tokens = state.tokens
    last = _last_block_end(state, len(tokens))
    if last < 0 or tokens[last].type != "dl_close":
        return None
    # Footnote definitions after it end up inside; they are taken out later.
    del tokens[last]
    state.level += 1
    return tokens[_matching_open_of_list(tokens, last - 1, state.level - 1)]


def _matching_open_of_list(tokens: Sequence[Token], before: int, level: int) -> int:
    for index in range(before, -1, -1):
        if tokens[index].type == "dl_open" and tokens[index].level == level:
            return index
    raise ValueError("a dl_close without its dl_open")


def _new_list(state: StateBlock, paragraph_open: Token) -> Token:
    token = state.push("dl_open", "dl", 1)
    token.map = list(paragraph_open.map) if paragraph_open.map else None
    return token


def _push_term(state: StateBlock, text: str, line: int) -> None:
    token = state.push("dt_open", "dt", 1)
    token.map = [line, line + 1]
    token = state.push("inline", "", 0)
    token.content = text
    token.map = [line, line + 1]
    token.children = []
    state.push("dt_close", "dt", -1)


def _push_description(state: StateBlock, start: int, end: int, column: tuple[int, int]
                      ) -> None:
    content_start, width = column
    outer_indent = state.blkIndent
    tight = start == 0 or not state.isEmpty(start - 1)
    dd_open = state.push("dd_open", "dd", 1)
    first_child = len(state.tokens)

    saved = (state.bMarks[start], state.tShift[start], state.sCount[start], state.parentType,
             state.tight)
    state.tShift[start] = content_start - state.bMarks[start]
    state.sCount[start] = outer_indent + 1 + width
    # Goldmark's quirk: eight spaces or more count as five, the rest is indentation.
    state.blkIndent = outer_indent + 1 + (5 if width >= 8 else width)
    state.parentType = "deflist"
    indents = getattr(state, _DL_INDENTS, ())
    setattr(state, _DL_INDENTS, (*indents, outer_indent))
    state.md.block.tokenize(state, start, end)
    setattr(state, _DL_INDENTS, indents)
    (state.bMarks[start], state.tShift[start], state.sCount[start], state.parentType,
     state.tight) = saved
    state.blkIndent = outer_indent

    dd_open.map = [start, state.line]
    if tight:
        _hide_first_paragraph(state.tokens, first_child, dd_open.level + 1)
    state.push("dd_close", "dd", -1)


def _hide_first_paragraph(tokens: list[Token], first: int, level: int) -> None:
    for index in range(first, len(tokens)):
        token = tokens[index]
        if token.type == "paragraph_open" and token.level == level:
            token.hidden = True
            tokens[index + 2].hidden = True
            return


# -- footnotes ---------------------------------------------------------------------------------


def _label_end(src: str, start: int, maximum: int) -> int:
    """Goldmark's FindClosure for ``]``: escapes skipped, a ``[`` fails; -1 if none."""
    position = start
    while position < maximum:
        char = src[position]
        if char == "\\" and position + 1 < maximum and src[position + 1] in _PUNCT:
            position += 2
            continue
        if char == "]":
            return position
        if char == "[":
            return -1
        position += 1
    return -1


def _footnote_definition(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if state.sCount[start] - state.blkIndent > 3:
        return False
    begin = state.bMarks[start] + state.tShift[start]
    maximum = state.eMarks[start]
    if not state.src.startswith("[^", begin):
        return False
    close = _label_end(state.src, begin + 2, maximum)
    if close < 0 or close + 1 >= maximum or state.src[close + 1] != ":":
        return False
    label = state.src[begin + 2 : close]
    if not label.strip(_SPACE):
        return False
    if silent:
        return True
    data = _reading(state.env)
    data.labels.add(label)
    data.lists_to_judge = data.lists_to_judge or state.listIndent >= 0
    token = state.push("footnote_reference_open", "", 1)
    token.meta = {"label": label}
    if data.first is None:
        data.first = token
    _read_footnote_body(state, start, end, close + 2)
    token.map = [start, state.line]
    state.push("footnote_reference_close", "", -1)
    return True


def _read_footnote_body(state: StateBlock, start: int, end: int, content_start: int) -> None:
    """Read the note's blocks: the rest of the line, then lines indented by four."""
    maximum = state.eMarks[start]
    # Tabs after `:` reach the next tab stop of the line as written.
    first_column = state.sCount[start] + content_start - (state.bMarks[start] + state.tShift[start])
    position, column = content_start, first_column
    while position < maximum and state.src[position] in " \t":
        column += 4 - (column + state.bsCount[start]) % 4 if state.src[position] == "\t" else 1
        position += 1
    saved = (state.bMarks[start], state.tShift[start], state.sCount[start], state.parentType)
    outer_indent = state.blkIndent
    state.blkIndent = outer_indent + 4
    # Goldmark reads the rest of the line as if it stood at the note's indent, so
    # four spaces after `:` make code. markdown-it counts the marker characters
    # before the content as one column each: start the line that many before.
    state.bMarks[start] = max(saved[0], content_start - state.blkIndent)
    state.tShift[start] = position - state.bMarks[start]
    state.sCount[start] = state.blkIndent + column - first_column
    state.parentType = "footnote"
    state.md.block.tokenize(state, start, end)
    state.bMarks[start], state.tShift[start], state.sCount[start], state.parentType = saved
    state.blkIndent = outer_indent


def _footnote_reference(state: StateInline, silent: bool) -> bool:
    if silent:
        # Only link labels look ahead; seen as text, the brackets still pair up, and
        # Goldmark allows a reference in a link's text, which markdown-it's label
        # parser refuses for any token starting with `[`.
        return False
    src, position = state.src, state.pos
    bang = src[position] == "!"
    begin = position + 1 if bang else position
    if not src.startswith("[^", begin):
        return False
    data = state.env.get(_READING)
    if not isinstance(data, _Reading) or not data.labels:
        return False
    line_end = src.find("\n", begin)
    maximum = state.posMax if line_end < 0 else min(line_end, state.posMax)
    close = _label_end(src, begin + 2, maximum)
    if close < 0 or src[begin + 2 : close] not in data.labels:
        return False
    _push_reference(state, data, src[begin + 2 : close], bang)
    state.pos = close + 1
    return True


def _push_reference(state: StateInline, data: _Reading, label: str, bang: bool) -> None:
    if bang:
        state.push("text", "", 0).content = "!"
    number = data.numbers.get(label)
    if number is None:
        number = data.numbers[label] = len(data.numbers) + 1
    sub_id = data.references.get(number, 0)
    data.references[number] = sub_id + 1
    token = state.push("footnote_ref", "", 0)
    token.meta = {"id": number - 1, "subId": sub_id, "label": label}


@dataclass(slots=True)
class _Definition:
    opener: Token
    body: list[Token]


def _settle_blocks(state: StateCore) -> None:
    """What Goldmark does once all blocks are read: footnote definitions leave their
    place (all are read where the first one stands, so references inside notes are
    numbered in Goldmark's order), then lists are judged tight or loose."""
    data = _reading(state.env)
    tokens = state.tokens
    lists = _lists_to_judge(tokens) if data.lists_to_judge else set()
    if data.first is None:
        if lists:
            _judge_lists(tokens, lists, state.src.split("\n"))
        return
    first = next(i for i, token in enumerate(tokens) if token is data.first)
    rest, definitions = _take_definitions(tokens)
    if lists:
        _judge_lists(rest, lists, state.src.split("\n"))
    gathered: list[Token] = []
    for definition in definitions:
        gathered.append(definition.opener)
        gathered.extend(definition.body)
        gathered.append(Token("footnote_reference_close", "", -1))
    # Nothing before the first definition was taken out.
    state.tokens = rest[:first] + gathered + rest[first:]


# Blocks whose blank line before counts otherwise in Goldmark than in markdown-it.
_RETHOUGHT_IN_ITEMS = frozenset(("table_open", "dl_open", "footnote_reference_open"))


def _lists_to_judge(tokens: Sequence[Token]) -> set[int]:
    """Lists (ids of their open tokens) with a table, a definition list or a footnote
    definition right in one of their items."""
    lists: set[int] = set()
    open_blocks: list[Token] = []
    for token in tokens:
        if token.type in _RETHOUGHT_IN_ITEMS and len(open_blocks) > 1 and (
                open_blocks[-1].type == "list_item_open"):
            lists.add(id(open_blocks[-2]))
        if token.nesting == 1:
            open_blocks.append(token)
        elif token.nesting == -1:
            open_blocks.pop()
    return lists


def _judge_lists(tokens: list[Token], lists: set[int], lines: list[str]) -> None:
    for index, token in enumerate(tokens):
        if id(token) not in lists:
            continue
        close = matching_close(tokens, index)
        tight = _is_tight(tokens, index, close, lines)
        for inner in tokens[index:close]:
            if inner.type in ("paragraph_open", "paragraph_close") and (
                    inner.level == token.level + 2):
                inner.hidden = tight


def _is_tight(tokens: list[Token], start: int, close: int, lines: list[str]) -> bool:
    """Goldmark's rule: loose when an item, or a block of an item after its first,
    follows a blank line."""
    item_level = tokens[start].level + 1
    items = children = 0
    for index in range(start + 1, close):
        token = tokens[index]
        if token.level == item_level and token.type == "list_item_open":
            items += 1
            children = 0
            if items > 1 and _blank_before(token.map, lines):
                return False
        elif token.level == item_level + 1 and token.nesting >= 0 and token.block:
            children += 1
            if children > 1 and _block_follows_blank(tokens, index, lines):
                return False
    return True


def _block_follows_blank(tokens: list[Token], index: int, lines: list[str]) -> bool:
    token = tokens[index]
    if token.type == "table_open":
        return False  # a table made from a paragraph starts with no blank line before
    if token.type == "dl_open":
        # Goldmark opens the list again at every `:` line; the last one counts.
        close = matching_close(tokens, index)
        last_description = next((t for t in reversed(tokens[index:close])
                                 if t.type == "dd_open" and t.level == token.level + 1), token)
        return _blank_before(last_description.map, lines)
    return _blank_before(token.map, lines)


def _blank_before(line_map: list[int] | None, lines: list[str]) -> bool:
    if not line_map or line_map[0] == 0:
        return False
    # Quote markers in front of a line do not make it less blank.
    return not lines[line_map[0] - 1].strip(" \t>")


def matching_close(tokens: Sequence[Token], open_index: int) -> int:
    """The index of the token that closes the one opened at `open_index`."""
    depth = 0
    for index in range(open_index, len(tokens)):
        depth += tokens[index].nesting
        if depth == 0:
            return index
    return len(tokens) - 1


def _take_definitions(tokens: Sequence[Token]) -> tuple[list[Token], list[_Definition]]:
    """The tokens without definitions, and the definitions (nested ones flattened)."""
    rest: list[Token] = []
    definitions: list[_Definition] = []
    stack: list[_Definition] = []
    for token in tokens:
        if token.type == "footnote_reference_open":
            definition = _Definition(token, [])
            definitions.append(definition)
            stack.append(definition)
        elif token.type == "footnote_reference_close":
            stack.pop()
        elif stack:
            stack[-1].body.append(token)
        else:
            rest.append(token)
    return rest, definitions


def _footnote_tail(state: StateCore) -> None:
    """Move the referenced notes, in number order, to a footnote block at the end."""
    data = state.env.pop(_READING, None)
    if not isinstance(data, _Reading) or data.first is None:
        return
    rest, definitions = _take_definitions(state.tokens)
    state.tokens = rest
    notes: dict[int, _Definition] = {}
    for definition in definitions:
        number = data.numbers.get(definition.opener.meta["label"])
        if number is not None and number not in notes:
            notes[number] = definition
    if notes:
        state.tokens.extend(_footnote_block(notes, data.references))


def _footnote_block(notes: dict[int, _Definition], references: dict[int, int]) -> list[Token]:
    block = [Token("footnote_block_open", "", 1)]
    for number in sorted(notes):
        definition = notes[number]
        label = definition.opener.meta["label"]
        opener = Token("footnote_open", "", 1)
        opener.meta = {"id": number - 1, "label": label}
        opener.map = definition.opener.map
        opener.level = 1
        block.append(opener)
        body = _relevelled(definition.body, 2)
        anchors = [_anchor(number, sub_id, label) for sub_id in range(references[number])]
        if body and body[-1].type == "paragraph_close":
            body[-1:-1] = anchors
        else:
            body.extend(anchors)
        block.extend(body)
        closer = Token("footnote_close", "", -1)
        closer.level = 1
        block.append(closer)
    block.append(Token("footnote_block_close", "", -1))
    return block


def _anchor(number: int, sub_id: int, label: str) -> Token:
    token = Token("footnote_anchor", "", 0)
    token.meta = {"id": number - 1, "subId": sub_id, "label": label}
    return token


def _relevelled(body: list[Token], level: int) -> list[Token]:
    if not body:
        return []
    shift = level - body[0].level
    for token in body:
        token.level += shift
    return body


# -- HTML as Hugo writes it --------------------------------------------------------------------


def _install_renderers(md: MarkdownIt) -> None:
    md.add_render_rule("list_item_open", _render_list_item_open)
    md.add_render_rule("paragraph_open", _render_block_with_checkbox)
    md.add_render_rule("heading_open", _render_block_with_checkbox)
    md.add_render_rule("footnote_ref", _render_footnote_ref)
    md.add_render_rule("footnote_anchor", _render_footnote_anchor)
    md.add_render_rule("footnote_block_open", _render_footnote_block_open)
    md.add_render_rule("footnote_block_close", _render_footnote_block_close)
    md.add_render_rule("footnote_open", _render_footnote_open)
    md.add_render_rule("footnote_close", _render_footnote_close)


def _render_list_item_open(self: RendererHTML, tokens: Sequence[Token], idx: int,
                           options: OptionsDict, env: EnvType) -> str:
    # markdown-it's own rule would add a checkbox here; Goldmark puts it in the paragraph.
    return self.renderToken(tokens, idx, options, env)


def _render_block_with_checkbox(self: RendererHTML, tokens: Sequence[Token], idx: int,
                                options: OptionsDict, env: EnvType) -> str:
    return self.renderToken(tokens, idx, options, env) + task_checkbox(tokens, idx)


def task_checkbox(tokens: Sequence[Token], idx: int) -> str:
    """The checkbox Goldmark writes at the start of a task item's first block (a paragraph,
    or a heading when the item's text became one), or nothing."""
    previous = tokens[idx - 1] if idx else None
    if previous is None or previous.type != "list_item_open" or "checked" not in previous.meta:
        return ""
    checked = 'checked="" ' if previous.meta["checked"] else ""
    return f'<input {checked}disabled="" type="checkbox"> '


def _note_number(token: Token) -> int:
    return int(token.meta["id"]) + 1


def _ref_suffix(token: Token) -> str:
    sub_id = int(token.meta.get("subId", 0))
    return str(sub_id) if sub_id > 0 else ""


def _render_footnote_ref(self: RendererHTML, tokens: Sequence[Token], idx: int,
                         options: OptionsDict, env: EnvType) -> str:
    number = _note_number(tokens[idx])
    return (f'<sup id="fnref{_ref_suffix(tokens[idx])}:{number}"><a href="#fn:{number}" '
            f'class="footnote-ref" role="doc-noteref">{number}</a></sup>')


def _render_footnote_anchor(self: RendererHTML, tokens: Sequence[Token], idx: int,
                            options: OptionsDict, env: EnvType) -> str:
    number = _note_number(tokens[idx])
    return (f'&#160;<a href="#fnref{_ref_suffix(tokens[idx])}:{number}" '
            'class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a>')


def _render_footnote_block_open(self: RendererHTML, tokens: Sequence[Token], idx: int,
                                options: OptionsDict, env: EnvType) -> str:
    return '<div class="footnotes" role="doc-endnotes">\n<hr>\n<ol>\n'


def _render_footnote_block_close(self: RendererHTML, tokens: Sequence[Token], idx: int,
                                 options: OptionsDict, env: EnvType) -> str:
    return "</ol>\n</div>\n"


def _render_footnote_open(self: RendererHTML, tokens: Sequence[Token], idx: int,
                          options: OptionsDict, env: EnvType) -> str:
    return f'<li id="fn:{_note_number(tokens[idx])}">\n'


def _render_footnote_close(self: RendererHTML, tokens: Sequence[Token], idx: int,
                           options: OptionsDict, env: EnvType) -> str:
    return "</li>\n"

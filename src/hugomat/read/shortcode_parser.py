"""Lexer and parser for Hugo shortcodes (`{{< name args >}}`, `{{% name args %}}`) in a page body.

The lexer turns the body into a flat list of items (text, opening tags, closing tags), each with
its position; the parser then folds the items into a tree of `Text` and `Shortcode` nodes.
Like Hugo, shortcodes are found anywhere in the body, including inside fenced code and code spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hugomat.errors import ContentError, Location

Value = str | int | float | bool


@dataclass
class Text:
    """Plain body text, positioned at its first character."""

    text: str
    line: int
    column: int


@dataclass
class Shortcode:
    """One shortcode call; `children` is None for a leaf, a list for a block with a closing tag."""

    name: str
    positional: list[Value]
    named: dict[str, Value]
    children: list[Node] | None
    delimiter: str
    line: int
    column: int
    source: str
    self_closing: bool = False
    argument_offsets: dict[str | int, int] = field(
        default_factory=dict, compare=False, repr=False)
    """Where each argument starts in `source`: named ones by name, the others by index."""

    def argument_position(self, key: str | int) -> tuple[int, int]:
        """The file line and column where argument `key` starts (the tag's, if not given)."""
        offset = self.argument_offsets.get(key)
        if offset is None:
            return self.line, self.column
        # Counted only when asked, within the tag (most are one line).
        newlines = self.source.count("\n", 0, offset)
        if not newlines:
            return self.line, self.column + offset
        return self.line + newlines, offset - self.source.rfind("\n", 0, offset)

    def arg(
        self, name: str, index: int | None = None, default: Value | None = None
    ) -> Value | None:
        """The named argument `name`, else `positional[index]` if present, else `default`."""
        if name in self.named:
            return self.named[name]
        if index is not None and -len(self.positional) <= index < len(self.positional):
            return self.positional[index]
        return default


Node = Text | Shortcode

# How deep shortcodes may nest: each level is a document converted inside its parent's, and
# far past any real book's few levels (hugomat.render.convert makes room for this many).
MAX_DEPTH = 200
# How many shortcodes with a body a page may hold: each becomes a pymdownx block, and
# pymdownx.blocks (13.1) maps the whole page's elements again for each block, so that its
# time grows as their number squared (2,000: a second; 100,000: hours).
MAX_BODIES = 2_000

# Only the spaces Hugo skips inside a tag; other Unicode spaces stay part of bare words.
_WS_CHARS = " \t\r\n"
_OPEN = re.compile(r"\{\{[<%]")
_WS = re.compile(r"[ \t\r\n]*")
# A `/` belongs to a name only when more name follows, so `{{< foo/>}}` is `foo`, self-closing.
_NAME = re.compile(r"\w(?:[\w.\-]|/(?=[\w.\-]))*")
# No spaces around `=`, as in Hugo: `k =v` and `k= v` are errors, not silently different args.
_KEY = re.compile(r"(\w[\w.\-]*)=")
# A bare word stops at whitespace, at either closing delimiter, before a self-closing `/>}}`,
# and before the next `{{<`/`{{%` (a tag that runs into the next one was left unclosed).
_BARE = re.compile(r"(?:[^ \t\r\n>%/{]|[>%](?!\}\})|/(?![ \t\r\n]*[>%]\}\})|\{(?!\{[<%]))+")
_SELF_CLOSE = re.compile(r"/[ \t\r\n]*([>%])\}\}")
# Quoted strings end at the line end, as in Hugo; a stray quote is then reported right away.
_QUOTED = re.compile(r'"((?:[^"\\\n]|\\[^\n])*)"')
_BACKSLASH = re.compile(r"\\(.)")
_UNESCAPES = {'"': '"', "\\": "\\", "n": "\n", "t": "\t"}
_INT = re.compile(r"-?[0-9]+")
_FLOAT = re.compile(r"-?[0-9]+\.[0-9]+")
# The closing delimiter that matches each opening one.
_RIGHT = {"<": ">}}", "%": "%}}"}
_ESCAPE_END = {
    "<": re.compile(r"\*/[ \t\r\n]*>\}\}"),
    "%": re.compile(r"\*/[ \t\r\n]*%\}\}"),
}


@dataclass(slots=True)
class _Close:
    """A closing tag `{{< /name >}}` as the lexer saw it."""

    name: str
    delimiter: str
    line: int
    column: int


def _tag_text(delimiter: str, inner: str) -> str:
    """Render a tag for messages, e.g. `{{% /details %}}`."""
    return f"{{{{{delimiter} {inner} {_RIGHT[delimiter]}"


def _typed(word: str) -> Value:
    """The value of an unquoted word: a bool, int or float when it reads as one, else the word."""
    if word == "true":
        return True
    if word == "false":
        return False
    if _INT.fullmatch(word):
        return int(word)
    if _FLOAT.fullmatch(word):
        return float(word)
    return word


def _unescape(raw: str) -> str:
    """Resolve `\\"`, `\\\\`, `\\n`, `\\t`; any other backslash pair is kept as written."""
    if "\\" not in raw:
        return raw
    return _BACKSLASH.sub(lambda m: _UNESCAPES.get(m[1], m[0]), raw)


class _Lexer:
    """Splits a body into Text, Shortcode (opening tag) and _Close items, in order."""

    def __init__(self, text: str, path: str, first_line: int) -> None:
        self.text = text
        self.path = path
        self.first_line = first_line
        # Line bookkeeping advances with the scan, so positions cost O(distance), not O(offset).
        self._pos = 0
        self._line = 1
        self._line_start = 0

    def loc(self, pos: int) -> tuple[int, int]:
        """File line and 1-based character column of offset `pos`."""
        if pos < self._pos:
            self._pos, self._line, self._line_start = 0, 1, 0
        newlines = self.text.count("\n", self._pos, pos)
        if newlines:
            self._line += newlines
            self._line_start = self.text.rfind("\n", self._pos, pos) + 1
        self._pos = pos
        return self.first_line + self._line - 1, pos - self._line_start + 1

    def error(self, pos: int, message: str) -> ContentError:
        line, column = self.loc(pos)
        return ContentError(Location(self.path, line, column), message)

    def run(self) -> list[Text | Shortcode | _Close]:
        text = self.text
        items: list[Text | Shortcode | _Close] = []
        pos = 0
        search = _OPEN.search
        while (m := search(text, pos)) is not None:
            start = m.start()
            if start > pos:
                # All the plain text up to the tag is one slice: no per-character work.
                items.append(Text(text[pos:start], *self.loc(pos)))
            item, pos = self._tag(start)
            items.append(item)
        if pos < len(text):
            items.append(Text(text[pos:], *self.loc(pos)))
        return items

    def _unterminated(self, start: int, next_open: int | None = None) -> ContentError:
        """The error for the tag at `start` that ends at end of text or runs into `next_open`."""
        delimiter = self.text[start + 2]
        where = ""
        if next_open is not None:
            where = f" before the next {{{{{self.text[next_open + 2]}"
        return self.error(
            start,
            f"shortcode tag {{{{{delimiter} is never closed (expected {_RIGHT[delimiter]}{where})",
        )

    def _tag(self, start: int) -> tuple[Text | Shortcode | _Close, int]:
        """Lex the tag whose `{{` is at `start`; return the item and the offset after it."""
        text = self.text
        end_of_text = len(text)
        delimiter = text[start + 2]
        right = _RIGHT[delimiter]
        pos = _WS.match(text, start + 3).end()
        if text.startswith("/*", pos):
            return self._escaped(start, pos, delimiter)
        closing = text.startswith("/", pos)
        if closing:
            pos = _WS.match(text, pos + 1).end()
        name_match = _NAME.match(text, pos)
        if name_match is None:
            raise self._bad_name(start, pos, closing)
        name = name_match.group()
        pos = name_match.end()
        if pos < end_of_text and text[pos] not in _WS_CHARS and not self._at_tag_end(pos):
            raise self._bad_name(start, name_match.start(), closing)

        positional: list[Value] = []
        named: dict[str, Value] = {}
        offsets: dict[str | int, int] = {}
        self_closing = False
        while True:
            pos = _WS.match(text, pos).end()
            if pos >= end_of_text:
                raise self._unterminated(start)
            if text.startswith(right, pos):
                pos += 3
                break
            if text.startswith("}}", pos + 1) and text[pos] in ">%":
                raise self.error(
                    pos,
                    f"shortcode opened with {{{{{delimiter} must end with {right}, "
                    f"not {text[pos : pos + 3]}",
                )
            self_close = _SELF_CLOSE.match(text, pos)
            if self_close:
                if self_close[1] != right[0]:
                    raise self.error(
                        self_close.start(1),
                        f"shortcode opened with {{{{{delimiter} must end with /{right}, "
                        f"not /{self_close[1]}}}}}",
                    )
                if closing:
                    raise self.error(
                        pos,
                        f"closing tag {_tag_text(delimiter, '/' + name)} cannot be self-closing",
                    )
                self_closing = True
                pos = self_close.end()
                break
            if _OPEN.match(text, pos):
                raise self._unterminated(start, pos)
            if closing:
                raise self.error(
                    pos, f"closing tag {_tag_text(delimiter, '/' + name)} cannot have arguments"
                )
            pos = self._argument(start, pos, positional, named, offsets)

        line, column = self.loc(start)
        if closing:
            return _Close(name, delimiter, line, column), pos
        shortcode = Shortcode(
            name=name,
            positional=positional,
            named=named,
            children=None,
            delimiter=delimiter,
            line=line,
            column=column,
            source=text[start:pos],
            self_closing=self_closing,
            argument_offsets=offsets,
        )
        return shortcode, pos

    def _at_tag_end(self, pos: int) -> bool:
        """Whether a closing delimiter (right or wrong), `/>}}` or a new tag starts at `pos`."""
        text = self.text
        return bool(
            (text.startswith("}}", pos + 1) and text[pos] in ">%")
            or _SELF_CLOSE.match(text, pos)
            or _OPEN.match(text, pos)
        )

    def _bad_name(self, start: int, pos: int, closing: bool) -> ContentError:
        """The error for a missing or malformed name at `pos` (or an unclosed tag at `start`)."""
        text = self.text
        delimiter = text[start + 2]
        if pos >= len(text):
            return self._unterminated(start)
        if _OPEN.match(text, pos):
            return self._unterminated(start, pos)
        opener = f"{{{{{delimiter} /" if closing else f"{{{{{delimiter}"
        if self._at_tag_end(pos):
            return self.error(pos, f"missing shortcode name after {opener}")
        bare = _BARE.match(text, pos)
        token = bare.group() if bare else text[pos]
        return self.error(
            pos,
            f"invalid shortcode name {token!r} after {opener}: a name starts with a letter, "
            "digit or underscore and holds only letters, digits, '_', '-', '.' and '/'",
        )

    def _argument(
        self,
        start: int,
        pos: int,
        positional: list[Value],
        named: dict[str, Value],
        offsets: dict[str | int, int],
    ) -> int:
        """Lex one argument at `pos` of the tag at `start` (noting where it starts, from
        `start`, in `offsets`); return the offset after it."""
        text = self.text
        at = pos - start
        if text[pos] in '"`':
            value, pos = self._string(pos)
            offsets[len(positional)] = at
            positional.append(value)
            return pos
        key = _KEY.match(text, pos)
        if key:
            equals = key.end() - 1
            pos = key.end()
            if pos >= len(text):
                raise self._unterminated(start)
            if text[pos] in '"`':
                value, pos = self._string(pos)
            else:
                bare = _BARE.match(text, pos)
                if bare is None:
                    raise self.error(equals, f"argument '{key[1]}=' has no value after '='")
                value, pos = _typed(bare.group()), bare.end()
            # Names are kept as written; a repeated name keeps its last value, as a map would.
            named[key[1]] = value
            offsets[key[1]] = at
            return pos
        bare = _BARE.match(text, pos)
        # The caller has ruled out whitespace, delimiters and tag starts, so a word is there.
        assert bare is not None
        word = bare.group()
        if word.startswith("="):
            raise self.error(pos, "'=' without an argument name before it")
        offsets[len(positional)] = at
        positional.append(_typed(word))
        return bare.end()

    def _string(self, pos: int) -> tuple[str, int]:
        """Lex a `"quoted"` or `` `raw` `` string at `pos`; return its value and the end offset."""
        text = self.text
        if text[pos] == '"':
            m = _QUOTED.match(text, pos)
            if m is None:
                raise self.error(pos, 'unterminated string: the " here is not closed on its line')
            return _unescape(m[1]), m.end()
        end = text.find("`", pos + 1)
        if end < 0:
            raise self.error(pos, "unterminated raw string: the ` here is never closed")
        return text[pos + 1 : end], end + 1

    def _escaped(self, start: int, comment: int, delimiter: str) -> tuple[Text, int]:
        """`{{</* ... */>}}` is literal text: the tag without its comment markers."""
        text = self.text
        m = _ESCAPE_END[delimiter].search(text, comment + 2)
        if m is None:
            raise self.error(
                start,
                f"escaped shortcode {{{{{delimiter}/* is never closed "
                f"(expected */{_RIGHT[delimiter]})",
            )
        close = m.start()
        literal = text[start:comment] + text[comment + 2 : close] + text[close + 2 : m.end()]
        return Text(literal, *self.loc(start)), m.end()


def _append(nodes: list[Node], node: Node) -> None:
    """Append `node`, merging it into a preceding Text so text is never split needlessly."""
    if isinstance(node, Text) and nodes and isinstance(nodes[-1], Text):
        nodes[-1].text += node.text
    else:
        nodes.append(node)


def _demote(stack: list[Shortcode], root: list[Node]) -> None:
    """Turn the innermost open unknown-name shortcode into a leaf; its body becomes siblings."""
    shortcode = stack.pop()
    body = shortcode.children or []
    shortcode.children = None
    # The leaf is still the parent's last node, so the body goes right after it.
    _body(stack, root).extend(body)


def _body(stack: list[Shortcode], root: list[Node]) -> list[Node]:
    """The list new nodes go into: the innermost open block's children, else the root."""
    if not stack:
        return root
    children = stack[-1].children
    assert children is not None  # open blocks always have a list
    return children


def _build(
    items: list[Text | Shortcode | _Close],
    path: str,
    block_names: frozenset[str],
    leaf_names: frozenset[str],
) -> list[Node]:
    """Fold lexed items into a tree, deciding for unknown names whether they are blocks."""
    root: list[Node] = []
    # Open blocks, innermost last; each is already in its parent's list, collecting its body.
    stack: list[Shortcode] = []
    current = root
    for item in items:
        if isinstance(item, Text):
            _append(current, item)
        elif isinstance(item, Shortcode):
            current.append(item)
            if item.self_closing or (item.name in leaf_names and item.name not in block_names):
                continue
            # Unknown names open a tentative block; if no closing tag comes, it is demoted.
            item.children = []
            stack.append(item)
            current = item.children
        else:
            _close(item, stack, root, path, block_names, leaf_names)
            current = _body(stack, root)
    while stack:
        top = stack[-1]
        if top.name in block_names:
            d = top.delimiter
            raise ContentError(
                Location(path, top.line, top.column),
                f"shortcode '{top.name}' is never closed (expected {_tag_text(d, '/' + top.name)})",
            )
        _demote(stack, root)
    return root


def _close(
    item: _Close,
    stack: list[Shortcode],
    root: list[Node],
    path: str,
    block_names: frozenset[str],
    leaf_names: frozenset[str],
) -> None:
    """Apply a closing tag to the open stack, or raise why it cannot close anything."""
    where = Location(path, item.line, item.column)
    closing_tag = _tag_text(item.delimiter, "/" + item.name)
    index = next((i for i in range(len(stack) - 1, -1, -1) if stack[i].name == item.name), None)
    if index is None:
        hint = f" ('{item.name}' never takes a body)" if item.name in leaf_names else ""
        opening_tag = _tag_text(item.delimiter, item.name)
        raise ContentError(where, f"closing tag {closing_tag} has no opening {opening_tag}{hint}")
    # Only unknown names may be skipped over: a known block in between was left open by mistake.
    for inner in reversed(stack[index + 1 :]):
        if inner.name in block_names:
            raise ContentError(
                where,
                f"{closing_tag} closes '{item.name}' but '{inner.name}' opened at "
                f"{inner.line}:{inner.column} is still open",
            )
    while len(stack) > index + 1:
        _demote(stack, root)
    stack.pop()


def parse(
    text: str,
    path: str,
    first_line: int = 1,
    *,
    block_names: frozenset[str] = frozenset(),
    leaf_names: frozenset[str] = frozenset(),
) -> list[Node]:
    """Parse the shortcodes of a page body starting at file line `first_line` into a node tree.

    `block_names` must be closed, `leaf_names` never take a body, other names may. The
    names come from the shortcodes' declarations (a Registry's parser_names, handed in by
    the caller: the parser knows no renderer); a name in neither set is undecided.
    Raises ContentError, positioned at the offending `{{` or token, for malformed input.
    """
    items = _Lexer(text, path, first_line).run()
    nodes = _build(items, path, block_names, leaf_names)
    _check_limits(nodes, path)
    return nodes


def _check_limits(nodes: list[Node], path: str) -> None:
    """Raise at the first shortcode nested deeper than MAX_DEPTH, or past MAX_BODIES (walked
    without recursion, so that any depth is read and reported)."""
    open_bodies = [iter(nodes)]  # the bodies being walked, innermost last
    bodies = 0
    while open_bodies:
        node = next(open_bodies[-1], None)
        if node is None:
            open_bodies.pop()
        elif isinstance(node, Shortcode) and node.children is not None:
            where = Location(path, node.line, node.column)
            if len(open_bodies) > MAX_DEPTH:
                raise ContentError(where, f"shortcode '{node.name}' is nested "
                                          f"{len(open_bodies)} deep; the limit is {MAX_DEPTH}")
            bodies += 1
            if bodies > MAX_BODIES:
                raise ContentError(where, f"more than {MAX_BODIES:,} shortcodes with a body "
                                          f"on one page; the limit is {MAX_BODIES:,}")
            open_bodies.append(iter(node.children))

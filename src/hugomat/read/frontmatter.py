"""Split a Hugo content file into front matter and body, the way Hugo does.

Every mistake is reported as a ContentError pointing at the line and column of
the original file, so positions inside the YAML/TOML/JSON text are shifted by
where that text starts.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from hugomat.errors import ContentError, Location

# libyaml is several times faster; PyYAML may have been built without it.
_YamlLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_NON_BLANK = re.compile(r"\S")
_OPENER = re.compile(r"(---|\+\+\+)[ \t]*(?:\n|\Z)")
_CLOSERS = {
    "---": re.compile(r"^---[ \t]*$", re.MULTILINE),
    "+++": re.compile(r"^\+\+\+[ \t]*$", re.MULTILINE),
}
_REST_OF_LINE = re.compile(r"[ \t]*(?:\n|\Z)")

_TOML_POSITION = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)\s*\Z")
# A top-level TOML key as written at the start of a line: `key =`, `"key" =`, `a.b =`,
# or the first part of a `[table]` / `[[array]]` header.
_TOML_KEY = re.compile(
    r"""^[ \t]*(?P<header>\[\[?)?[ \t]*
        (?:"(?P<dq>(?:[^"\\\n]|\\.)*)"|'(?P<sq>[^'\n]*)'|(?P<bare>[A-Za-z0-9_-]+))
        [ \t]*(?P<after>[=.\]])""",
    re.MULTILINE | re.VERBOSE,
)
# Multi-line strings can hold lines that look like keys; skip them.
_TOML_MULTILINE_STRING = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'')
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]]')
_JSON_COLON = re.compile(r"\s*:")

_YAML_STR_TAG = "tag:yaml.org,2002:str"

MAX_NESTING = 100
"""How deep lists and maps may nest in front matter. Python's parsers (and the code reading
their result) recurse once or more a level, so a deeper file would take them down; real front
matter nests a few levels."""
# What opens and closes a level in TOML, and the strings and comments to skip.
_TOML_NESTING = re.compile(
    r'#[^\n]*|"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|[{}\[\]]')


@dataclass
class FrontMatter:
    """A content file split into its front matter and its body."""

    data: dict[str, Any]
    format: str | None
    body: str
    body_line: int
    key_lines: dict[str, int]
    key_columns: dict[str, int] = field(default_factory=dict, compare=False)
    """The column each top-level key (lower-cased) is written at, on its line of key_lines."""


class _Text:
    """The normalised file text, turning offsets into file positions."""

    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.path = path

    def loc(self, offset: int) -> Location:
        line = self.text.count("\n", 0, offset) + 1
        column = offset - self.text.rfind("\n", 0, offset)
        return Location(self.path, line, column)

    def error(self, offset: int, message: str) -> ContentError:
        return ContentError(self.loc(offset), message)


class _KeyClash(Exception):
    def __init__(self, where: str, first: Any, second: Any) -> None:
        super().__init__(where)
        self.where = where
        self.first = first
        self.second = second


def _normalise_newlines(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def split(text: str, path: str) -> FrontMatter:
    """Split `text` (the content of the file shown as `path`) into front matter and body."""
    text = _normalise_newlines(text.removeprefix("\ufeff"))
    src = _Text(text, path)

    first = _NON_BLANK.search(text)
    if first is None:
        return FrontMatter({}, None, text, 1, {})
    start = first.start()

    if text[start] == "{":
        _check_brackets(src, _JSON_TOKEN, start, len(text), ends_at_zero=True)
        data, keys, body_start, body_line = _parse_json(src, start)
        fmt = "json"
    else:
        opener = _OPENER.match(text, start)
        # The delimiter must be the whole line; `  ---` or `---x` is body text.
        if opener is None or (start and text[start - 1] != "\n"):
            return FrontMatter({}, None, text, 1, {})
        delimiter = opener.group(1)
        closer = _CLOSERS[delimiter].search(text, opener.end())
        if closer is None:
            raise src.error(
                start,
                f"front matter opened here is never closed (expected a closing {delimiter!r})",
            )
        inner_start, inner_end = opener.end(), closer.start()
        inner = text[inner_start:inner_end]
        if delimiter == "---":
            data, keys = _parse_yaml(src, inner, inner_start, start)
            fmt = "yaml"
        else:
            _check_brackets(src, _TOML_NESTING, inner_start, inner_end)
            data, keys = _parse_toml(src, inner, inner_start)
            _check_dotted_depth(src, data, keys)
            fmt = "toml"
        body_start = closer.end() + 1 if closer.end() < len(text) else closer.end()
        # Counted from the closer so an empty body at end of file still starts on the next line.
        body_line = text.count("\n", 0, closer.start()) + 2

    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"a single {type(data).__name__} value"
        raise src.error(start, f"front matter must be a mapping of keys to values, not {kind}")

    _check_top_level_clashes(src, data, keys, start)
    try:
        folded = _fold_keys(data, "", {})
    except _KeyClash as clash:
        raise src.error(
            start,
            f"keys {clash.first!r} and {clash.second!r} under {clash.where!r} differ only in "
            "case, and front matter keys are case-insensitive",
        ) from None

    key_lines: dict[str, int] = {}
    key_columns: dict[str, int] = {}
    for key, offset in keys:
        if isinstance(key, str) and key.lower() not in key_lines:
            where = src.loc(offset)
            key_lines[key.lower()] = where.line
            key_columns[key.lower()] = where.column

    return FrontMatter(folded, fmt, text[body_start:], body_line, key_lines, key_columns)


def read(path: Path, display_path: str | None = None) -> FrontMatter:
    """Read a content file as UTF-8 and split it; errors name `display_path` (default: path)."""
    shown = str(path) if display_path is None else display_path
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        # Everything before the bad byte decoded fine, so it tells us the position.
        before = _normalise_newlines(raw[: exc.start].decode("utf-8").removeprefix("\ufeff"))
        line = before.count("\n") + 1
        column = len(before) - before.rfind("\n")
        raise ContentError(
            Location(shown, line, column),
            f"file is not valid UTF-8 ({exc.reason} 0x{raw[exc.start]:02x})",
        ) from exc
    return split(text, shown)


def _parse_yaml(
    src: _Text, inner: str, inner_start: int, open_at: int
) -> tuple[Any, list[tuple[Any, int]]]:
    loader = _YamlLoader(inner)
    try:
        try:
            node = loader.get_single_node()
        except yaml.YAMLError as exc:
            raise _yaml_error(src, exc, inner_start, open_at) from exc
        except RecursionError:
            # PyYAML's own composer (without libyaml) recurses a level at a time.
            raise src.error(open_at, f"front matter is nested too deep to read; the limit is "
                                     f"{MAX_NESTING}") from None
        if node is None:
            return {}, []
        deep = _too_deep(node, _yaml_children)
        if deep is not None:
            depth, where = deep
            raise src.error(inner_start + where.start_mark.index, _nested(depth))
        keys: list[tuple[Any, int]] = []
        if isinstance(node, yaml.MappingNode):
            # Read keys before constructing: merge keys (`<<`) rewrite node.value in place.
            seen: dict[str, int] = {}
            for key_node, _ in node.value:
                if not (isinstance(key_node, yaml.ScalarNode) and key_node.tag == _YAML_STR_TAG):
                    continue
                offset = inner_start + key_node.start_mark.index
                if key_node.value in seen:
                    # PyYAML keeps the last silently; Hugo's YAML library rejects it.
                    first_line = src.loc(seen[key_node.value]).line
                    raise src.error(
                        offset,
                        f"key {key_node.value!r} is set twice (first on line {first_line})",
                    )
                seen[key_node.value] = offset
                keys.append((key_node.value, offset))
        try:
            data = loader.construct_document(node)
        except yaml.YAMLError as exc:
            raise _yaml_error(src, exc, inner_start, open_at) from exc
        except ValueError as exc:
            # e.g. `date: 2024-13-01`: PyYAML raises a bare ValueError with no position.
            offset = _find_bad_scalar(loader, node)
            at = open_at if offset is None else inner_start + offset
            raise src.error(at, f"invalid YAML front matter: {exc}") from exc
        return (data if data is not None else {}), keys
    finally:
        loader.dispose()


def _yaml_error(src: _Text, exc: yaml.YAMLError, inner_start: int, open_at: int) -> ContentError:
    if not isinstance(exc, yaml.MarkedYAMLError) or exc.problem_mark is None:
        return src.error(open_at, f"invalid YAML front matter: {exc}")
    message = f"invalid YAML front matter: {exc.problem}"
    if exc.context:
        message += f" ({exc.context}"
        if exc.context_mark is not None:
            message += f" on line {src.loc(inner_start + exc.context_mark.index).line}"
        message += ")"
    # Mark.index counts characters, which stays right even where YAML sees line
    # breaks that the file does not (U+2028 and friends).
    return src.error(inner_start + exc.problem_mark.index, message)


def _find_bad_scalar(loader: Any, root: yaml.Node) -> int | None:
    """Offset (in the YAML text) of the first scalar whose value cannot be constructed."""
    stack = [root]
    visited: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in visited:
            continue
        visited.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            constructor = loader.yaml_constructors.get(node.tag)
            if constructor is None:
                continue
            try:
                constructor(loader, node)
            except ValueError:
                return node.start_mark.index
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                stack.extend((value, key))
    return None


def _nested(depth: int) -> str:
    return f"front matter is nested {depth} deep; the limit is {MAX_NESTING}"


def _check_brackets(src: _Text, tokens: re.Pattern[str], start: int, end: int, *,
                    ends_at_zero: bool = False) -> None:
    """Refuse lists and maps written nested deeper than MAX_NESTING, before a parser that
    recurses a level at a time reads them. `ends_at_zero`: the text ends where the first
    level closes (JSON front matter, with the body after it)."""
    depth = deepest = 0
    first_too_deep = -1
    for token in tokens.finditer(src.text, start, end):
        lexeme = token.group()
        if lexeme in ("{", "["):
            depth += 1
            deepest = max(deepest, depth)
            if depth > MAX_NESTING and first_too_deep < 0:
                first_too_deep = token.start()
        elif lexeme in ("}", "]"):
            depth -= 1
            if depth <= 0 and ends_at_zero:
                break
    if first_too_deep >= 0:
        raise src.error(first_too_deep, _nested(deepest))


def _check_dotted_depth(src: _Text, data: dict[str, Any], keys: list[tuple[Any, int]]) -> None:
    """TOML nests tables by dotted keys too (`a.b.c = 1`, `[a.b.c]`), which no bracket
    shows: measured on what was read, at the top-level key that holds it."""
    for key, value in data.items():
        deep = _too_deep(value, _data_children)
        if deep is not None:
            at = next((offset for name, offset in keys if name == key), None)
            raise src.error(at if at is not None else 0, _nested(deep[0] + 1))


def _data_children(value: Any) -> list[Any] | None:
    if isinstance(value, dict):
        return list(value.values())
    return value if isinstance(value, list) else None


def _yaml_children(node: Any) -> list[Any] | None:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return None


def _too_deep(root: Any, children: Callable[[Any], list[Any] | None]) -> tuple[int, Any] | None:
    """How deep lists and maps nest in `root` (1: a flat list), and the first one below
    MAX_NESTING levels, or None when they nest no deeper. Iterative, so any depth is
    measured; a YAML anchor used inside itself is followed once."""
    height: dict[int, int] = {}
    entered: set[int] = set()
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        kids = children(node)
        if kids is None:
            continue
        if leaving:
            height[id(node)] = 1 + max((height.get(id(kid), 0) for kid in kids), default=0)
        elif id(node) not in entered:
            entered.add(id(node))
            stack.append((node, True))
            stack.extend((kid, False) for kid in kids)
    depth = height.get(id(root), 0)
    if depth <= MAX_NESTING:
        return None
    node = root
    for _ in range(MAX_NESTING):
        node = max(children(node) or [], key=lambda kid: height.get(id(kid), 0))
    return depth, node


def _parse_toml(src: _Text, inner: str, inner_start: int) -> tuple[Any, list[tuple[Any, int]]]:
    try:
        data = tomllib.loads(inner)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _TOML_POSITION.search(message)
        if match is None:
            offset = inner_start
        else:
            message = message[: match.start()]
            if match.group(1) is None:
                offset = inner_start + len(inner)
            else:
                offset = _line_column_offset(
                    src.text, inner_start, int(match.group(1)), int(match.group(2))
                )
        raise src.error(offset, f"invalid TOML front matter: {message}") from exc
    return data, _toml_keys(inner, inner_start)


def _line_column_offset(text: str, start: int, line: int, column: int) -> int:
    """Offset of 1-based (line, column) within the part of `text` that begins at `start`."""
    offset = start
    for _ in range(line - 1):
        offset = text.index("\n", offset) + 1
    return offset + column - 1


def _toml_keys(inner: str, inner_start: int) -> list[tuple[Any, int]]:
    strings = [m.span() for m in _TOML_MULTILINE_STRING.finditer(inner)]
    keys: list[tuple[Any, int]] = []
    in_table = False
    for match in _TOML_KEY.finditer(inner):
        if any(a < match.start() < b for a, b in strings):
            continue
        header = match.group("header") is not None
        if header:
            in_table = True
        elif in_table or match.group("after") == "]":
            continue
        if match.group("bare") is not None:
            key, offset = match.group("bare"), match.start("bare")
        elif match.group("sq") is not None:
            key, offset = match.group("sq"), match.start("sq") - 1
        else:
            key, offset = _toml_basic_string(match.group("dq")), match.start("dq") - 1
        keys.append((key, inner_start + offset))
    return keys


def _toml_basic_string(escaped: str) -> str:
    # TOML and JSON escapes agree except \UXXXXXXXX; a key using that just keeps its raw text.
    try:
        return json.loads(f'"{escaped}"')
    except json.JSONDecodeError:
        return escaped


def _parse_json(src: _Text, start: int) -> tuple[Any, list[tuple[Any, int]], int, int]:
    try:
        data, end = json.JSONDecoder().raw_decode(src.text, start)
    except json.JSONDecodeError as exc:
        # Decoding the whole text from `start` makes exc.pos a file offset already.
        raise src.error(exc.pos, f"invalid JSON front matter: {exc.msg}") from exc
    keys: list[tuple[Any, int]] = []
    depth = 0
    for token in _JSON_TOKEN.finditer(src.text, start, end):
        lexeme = token.group()
        if lexeme == "{" or lexeme == "[":
            depth += 1
        elif lexeme == "}" or lexeme == "]":
            depth -= 1
        elif depth == 1 and _JSON_COLON.match(src.text, token.end()):
            keys.append((json.loads(lexeme), token.start()))
    closing_line = src.text.count("\n", 0, end) + 1
    rest = _REST_OF_LINE.match(src.text, end)
    if rest is None:
        # Anything else after the `}` on its line is body text, as in Hugo.
        return data, keys, end, closing_line
    return data, keys, rest.end(), closing_line + 1


def _check_top_level_clashes(
    src: _Text, data: dict[Any, Any], keys: list[tuple[Any, int]], open_at: int
) -> None:
    groups: dict[str, list[str]] = {}
    for key in data:
        if isinstance(key, str):
            groups.setdefault(key.lower(), []).append(key)
    clashing = {key for group in groups.values() if len(group) > 1 for key in group}
    if not clashing:
        return
    # The located key list is best effort, so only trust it for keys the parser really saw.
    first_seen: dict[str, tuple[str, int]] = {}
    for key, offset in keys:
        if key not in clashing:
            continue
        first, first_offset = first_seen.setdefault(key.lower(), (key, offset))
        if first != key:
            raise src.error(
                offset,
                f"key {key!r} clashes with {first!r} on line {src.loc(first_offset).line}: "
                "front matter keys are case-insensitive",
            )
    group = next(group for group in groups.values() if len(group) > 1)
    raise src.error(
        open_at,
        f"keys {group[0]!r} and {group[1]!r} differ only in case, "
        "and front matter keys are case-insensitive",
    )


def _fold_keys(value: Any, where: str, done: dict[int, Any]) -> Any:
    """Copy `value` with every mapping key lower-cased; `done` keeps YAML aliases shared."""
    if isinstance(value, dict):
        if id(value) in done:
            return done[id(value)]
        folded: dict[Any, Any] = {}
        done[id(value)] = folded
        originals: dict[Any, Any] = {}
        for key, item in value.items():
            lowered = key.lower() if isinstance(key, str) else key
            if lowered in originals:
                raise _KeyClash(where or "(top level)", originals[lowered], key)
            originals[lowered] = key
            child = f"{where}.{lowered}" if where else str(lowered)
            folded[lowered] = _fold_keys(item, child, done)
        return folded
    if isinstance(value, list):
        if id(value) in done:
            return done[id(value)]
        items: list[Any] = []
        done[id(value)] = items
        items.extend(_fold_keys(item, f"{where}[{i}]", done) for i, item in enumerate(value))
        return items
    return value

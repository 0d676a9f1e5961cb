"""Goldmark's attributes after headings: ``## Title {#id .class key=value key="v"}``.

Hugo enables them for headings only (``markup.goldmark.parser.attribute.title =
true``, ``block = false``). Goldmark scans the heading's last line from the left,
skipping backslash-escaped punctuation, and tries each ``{``: the first one that
parses as attributes *and* is followed by nothing but spaces wins; the text is cut
there and trimmed. Anything else (``{x}``, ``{#a} text``, ``\\{#a}``) stays text.
For ATX headings this happens before the closing ``#``s are removed, so
``## T ## {#a}`` is ``T`` with id ``a`` while ``## T {#a} ##`` keeps ``{#a}`` as text.

The grammar (Goldmark's ``parser.ParseAttributes``): ``#id`` and ``.class`` take
everything up to a space or an ASCII punctuation other than ``_ - : .``; ``key=value``
needs a key of ``[A-Za-z_:][A-Za-z0-9_:.-]*`` and a value that is a ``"string"``
(with JSON-like escapes), a number, ``true``/``false``/``null``, a bare word, an
array ``[…]`` or nested ``{…}``; items may be separated by commas. Classes add up,
any other repeated name keeps its first place and its last value.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import TypeAlias

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

# Goldmark's util.IsSpace and util.IsPunct work on ASCII bytes only.
_SPACE = " \t\n\v\f\r"
_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_NAME_START = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_:")
_NAME_CHAR = _NAME_START | frozenset("0123456789.-")
_ID_CLASS_PUNCT = frozenset("_-:.")
_DIGITS = frozenset("0123456789")
_STRING_ESCAPES = {'"': '"', "/": "/", "\\": "\\", "b": "\b", "f": "\f", "n": "\n",
                   "r": "\r", "t": "\t"}
_WORDS: dict[str, bool | None] = {"true": True, "false": False, "null": None}

Value: TypeAlias = str | float | bool | list["Value"] | dict[str, "Value"] | None
# A parsed value and the position right after it.
_Parsed: TypeAlias = tuple[Value, int]


def install(md: MarkdownIt) -> None:
    """Move trailing ``{…}`` attributes of headings onto their ``heading_open`` token,
    before the inline content is parsed."""
    if "heading_attributes" not in md.core.ruler.get_all_rules():
        md.core.ruler.after("block", "heading_attributes", _heading_attributes)


def _heading_attributes(state: StateCore) -> None:
    tokens = state.tokens
    source_lines: list[str] | None = None
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        inline = tokens[index + 1]
        if "{" not in inline.content:
            continue
        if token.markup.startswith("#"):
            if source_lines is None:
                source_lines = state.src.split("\n")
            _atx_attributes(token, inline, source_lines)
        else:
            _setext_attributes(token, inline)


def _atx_attributes(heading: Token, inline: Token, source_lines: list[str]) -> None:
    # A line that ends with a closing sequence cannot end with attributes.
    if heading.map is None or source_lines[heading.map[0]].rstrip(_SPACE).endswith("#"):
        return
    found = trailing_attributes(inline.content)
    if found is None:
        return
    text, attrs = found
    inline.content = _strip_closing_sequence(text)
    _set_attrs(heading, attrs)


def _setext_attributes(heading: Token, inline: Token) -> None:
    head, newline, last_line = inline.content.rpartition("\n")
    found = trailing_attributes(last_line)
    if found is None:
        return
    text, attrs = found
    inline.content = head + newline + text
    _set_attrs(heading, attrs)


def _set_attrs(heading: Token, attrs: dict[str, Value]) -> None:
    for name, value in attrs.items():
        heading.attrs[name] = attribute_text(value)


def _strip_closing_sequence(text: str) -> str:
    """Goldmark's ATX closing ``#``s, applied once attributes are cut off."""
    stripped = text.rstrip("#")
    if not stripped:
        return ""
    if stripped != text and stripped[-1] in _SPACE:
        return stripped.rstrip(_SPACE)
    return text


def trailing_attributes(line: str) -> tuple[str, dict[str, Value]] | None:
    """The line without its trailing ``{…}`` and the attributes, or None."""
    position = 0
    length = len(line)
    while position < length:
        char = line[position]
        if char == "\\":
            position += 2 if position + 1 < length and line[position + 1] in _PUNCT else 1
            continue
        if char == "{":
            parsed = parse_attributes(line, position)
            if parsed is not None and not line[parsed[1] :].strip(_SPACE):
                return line[:position].rstrip(_SPACE), parsed[0]
        position += 1
    return None


def attribute_text(value: Value) -> str:
    """How Hugo writes an attribute value into HTML."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return _go_float(value)
    return ""  # null, arrays and nested attributes


def _go_float(value: float) -> str:
    # Hugo writes the shortest digits that read back as the number, never an exponent.
    text = format(Decimal(repr(value)), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def parse_attributes(text: str, start: int) -> tuple[dict[str, Value], int] | None:
    """``{…}`` at ``start`` (after optional spaces): the attributes and the end."""
    position = _skip_spaces(text, start)
    if position >= len(text) or text[position] != "{":
        return None
    position += 1
    attrs: dict[str, Value] = {}
    while True:
        if position < len(text) and text[position] == "}":
            return attrs, position + 1
        parsed = _parse_attribute(text, position)
        if parsed is None:
            return None
        name, value, position = parsed
        _add_attribute(attrs, name, value)
        position = _skip_spaces(text, position)
        if position < len(text) and text[position] == ",":
            position = _skip_spaces(text, position + 1)


def _add_attribute(attrs: dict[str, Value], name: str, value: Value) -> None:
    if name == "class" and isinstance(attrs.get("class"), str):
        attrs["class"] = f"{attrs['class']} {value}"
    else:
        # A repeated name keeps its first place and takes the last value.
        attrs[name] = value


def _parse_attribute(text: str, start: int) -> tuple[str, Value, int] | None:
    position = _skip_spaces(text, start)
    if position < len(text) and text[position] in "#.":
        return _parse_id_or_class(text, position)
    name_end = _name_end(text, position)
    if name_end is None:
        return None
    name = text[position:name_end]
    position = _skip_spaces(text, name_end)
    if position >= len(text) or text[position] != "=":
        return None
    parsed = _parse_value(text, _skip_spaces(text, position + 1))
    if parsed is None or (name == "class" and not isinstance(parsed[0], str)):
        return None
    return name, parsed[0], parsed[1]


def _parse_id_or_class(text: str, position: int) -> tuple[str, Value, int]:
    name = "id" if text[position] == "#" else "class"
    end = position + 1
    while end < len(text) and text[end] not in _SPACE and (
        text[end] not in _PUNCT or text[end] in _ID_CLASS_PUNCT
    ):
        end += 1
    return name, text[position + 1 : end], end


def _name_end(text: str, position: int) -> int | None:
    if position >= len(text) or text[position] not in _NAME_START:
        return None
    end = position + 1
    while end < len(text) and text[end] in _NAME_CHAR:
        end += 1
    return end


def _parse_value(text: str, position: int) -> _Parsed | None:
    if position >= len(text):
        return None
    char = text[position]
    if char == "{":
        return parse_attributes(text, position)
    if char == "[":
        return _parse_array(text, position + 1)
    if char == '"':
        return _parse_string(text, position + 1)
    if char in "-+" or char in _DIGITS:
        return _parse_number(text, position)
    return _parse_word(text, position)


def _parse_array(text: str, position: int) -> _Parsed | None:
    items: list[Value] = []
    while True:
        char = text[position] if position < len(text) else ""
        # Goldmark skips one comma between items, then parses a value whatever follows.
        if items and char == ",":
            position += 1
        elif char == "]":
            return items, position + 1
        parsed = _parse_value(text, _skip_spaces(text, position))
        if parsed is None:
            return None
        items.append(parsed[0])
        position = _skip_spaces(text, parsed[1])


def _parse_string(text: str, position: int) -> _Parsed | None:
    chars: list[str] = []
    length = len(text)
    while position < length:
        char = text[position]
        if char == "\\" and position != length - 1:
            escaped = _STRING_ESCAPES.get(text[position + 1])
            if escaped is None:
                chars.append("\\")
                position += 1
            else:
                chars.append(escaped)
                position += 2
            continue
        if char == '"':
            return "".join(chars), position + 1
        chars.append(char)
        position += 1
    return None


def _parse_number(text: str, position: int) -> _Parsed | None:
    sign = -1.0 if text[position] == "-" else 1.0
    if text[position] in "-+":
        position += 1
    digits_start = position
    position = _skip_digits(text, position)
    if position == digits_start:
        return None
    if position < len(text) and text[position] == ".":
        position = _skip_digits(text, position + 1)
    if position < len(text) and text[position] in "eE":
        position += 1
        if position < len(text) and text[position] in "-+":
            position += 1
        position = _skip_digits(text, position)
    try:
        number = float(text[digits_start:position])
    except ValueError:
        return None
    # Go's ParseFloat reports an overflow as an error.
    return (sign * number, position) if math.isfinite(number) else None


def _skip_digits(text: str, position: int) -> int:
    while position < len(text) and text[position] in _DIGITS:
        position += 1
    return position


def _parse_word(text: str, position: int) -> _Parsed | None:
    end = _name_end(text, position)
    if end is None:
        return None
    word = text[position:end]
    return _WORDS.get(word, word), end


def _skip_spaces(text: str, position: int) -> int:
    while position < len(text) and text[position] in _SPACE:
        position += 1
    return position

"""Tokens of a Go template, each with its offset in the source (Go's text/template/parse lexer)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from .errors import Source

LEFT, RIGHT = "{{", "}}"
SPACES = " \t\r\n"
KEYWORDS = {"block", "break", "continue", "define", "else", "end", "if", "range", "template",
            "with"}


class Kind(Enum):
    TEXT = "text"
    LEFT = "{{"
    RIGHT = "}}"
    SPACE = "space"
    IDENT = "identifier"
    FIELD = "field"
    VARIABLE = "variable"
    DOT = "."
    NUMBER = "number"
    STRING = "string"
    RAW_STRING = "raw string"
    CHAR = "character constant"
    BOOL = "bool"
    NIL = "nil"
    PIPE = "|"
    LPAREN = "("
    RPAREN = ")"
    DECLARE = ":="
    ASSIGN = "="
    COMMA = ","
    KEYWORD = "keyword"
    EOF = "end of input"


@dataclass(frozen=True)
class Token:
    kind: Kind
    text: str
    pos: int

    def describe(self) -> str:
        if self.kind is Kind.EOF:
            return "end of input"
        if self.kind is Kind.TEXT:
            return "text"
        return f"{self.text!r}" if self.kind is not Kind.SPACE else "space"


def _is_alnum(char: str) -> bool:
    return char == "_" or char.isalnum()


class Lexer:
    """Splits a template into text and action tokens; raises TemplateError at the bad place."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.text = source.text
        self.tokens: list[Token] = []

    def run(self) -> list[Token]:
        pos = 0
        text = self.text
        while True:
            start = text.find(LEFT, pos)
            if start < 0:
                if pos < len(text):
                    self.tokens.append(Token(Kind.TEXT, text[pos:], pos))
                break
            inner = start + len(LEFT)
            trim_left = text.startswith("-", inner) and inner + 1 < len(text) \
                and text[inner + 1] in SPACES
            chunk = text[pos:start]
            if trim_left:
                chunk = chunk.rstrip(SPACES)
            if chunk:
                self.tokens.append(Token(Kind.TEXT, chunk, pos))
            if trim_left:
                inner += 1
            pos, trim_right = self._action(start, inner, trim_left)
            if trim_right:
                while pos < len(text) and text[pos] in SPACES:
                    pos += 1
        self.tokens.append(Token(Kind.EOF, "", len(text)))
        return self.tokens

    def _error(self, pos: int, message: str) -> Exception:
        return self.source.error(pos, message)

    def _comment(self, start: int, pos: int) -> tuple[int, bool]:
        text = self.text
        end = text.find("*/", pos + 2)
        if end < 0:
            raise self._error(start, "unclosed comment")
        pos = end + 2
        trim_right = False
        if pos + 1 < len(text) and text[pos] in SPACES and text.startswith("-" + RIGHT, pos + 1):
            trim_right = True
            pos += 2
        if not text.startswith(RIGHT, pos):
            raise self._error(start, "comment ends before closing delimiter")
        return pos + len(RIGHT), trim_right

    def _action(self, start: int, pos: int, trimmed: bool) -> tuple[int, bool]:
        """Lexes one action from its `{{` (at start); returns the offset after `}}`."""
        text = self.text
        comment_at = pos + 1 if trimmed else pos
        if text.startswith("/*", comment_at):
            return self._comment(start, comment_at)
        out = self.tokens
        out.append(Token(Kind.LEFT, LEFT, start))
        depth = 0
        n = len(text)
        while True:
            if pos >= n:
                raise self._error(start, "unclosed action")
            char = text[pos]
            if char in SPACES:
                begin = pos
                while pos < n and text[pos] in SPACES:
                    pos += 1
                if text.startswith("-" + RIGHT, pos):
                    if depth:
                        raise self._error(start, "unclosed left paren")
                    out.append(Token(Kind.RIGHT, RIGHT, pos))
                    return pos + 1 + len(RIGHT), True
                out.append(Token(Kind.SPACE, text[begin:pos], begin))
                continue
            if text.startswith(RIGHT, pos):
                if depth:
                    raise self._error(start, "unclosed left paren")
                out.append(Token(Kind.RIGHT, RIGHT, pos))
                return pos + len(RIGHT), False
            if char == "=":
                out.append(Token(Kind.ASSIGN, "=", pos))
                pos += 1
            elif char == ":":
                if not text.startswith(":=", pos):
                    raise self._error(pos, "expected :=")
                out.append(Token(Kind.DECLARE, ":=", pos))
                pos += 2
            elif char == "|":
                out.append(Token(Kind.PIPE, "|", pos))
                pos += 1
            elif char == ",":
                out.append(Token(Kind.COMMA, ",", pos))
                pos += 1
            elif char == "(":
                depth += 1
                out.append(Token(Kind.LPAREN, "(", pos))
                pos += 1
            elif char == ")":
                depth -= 1
                if depth < 0:
                    raise self._error(pos, "unexpected right paren")
                out.append(Token(Kind.RPAREN, ")", pos))
                pos += 1
            elif char == '"':
                pos = self._quoted(pos)
            elif char == "`":
                end = text.find("`", pos + 1)
                if end < 0:
                    raise self._error(pos, "unterminated raw quoted string")
                out.append(Token(Kind.RAW_STRING, text[pos:end + 1], pos))
                pos = end + 1
            elif char == "'":
                pos = self._char(pos)
            elif char == "$":
                end = pos + 1
                while end < n and _is_alnum(text[end]):
                    end += 1
                out.append(Token(Kind.VARIABLE, text[pos:end], pos))
                pos = self._check_end(end)
            elif char == "." and pos + 1 < n and text[pos + 1].isdigit():
                pos = self._number(pos)
            elif char == ".":
                end = pos + 1
                while end < n and _is_alnum(text[end]):
                    end += 1
                if end == pos + 1:
                    out.append(Token(Kind.DOT, ".", pos))
                else:
                    out.append(Token(Kind.FIELD, text[pos:end], pos))
                pos = self._check_end(end)
            elif char in "+-" or char.isdigit():
                pos = self._number(pos)
            elif _is_alnum(char):
                end = pos
                while end < n and _is_alnum(text[end]):
                    end += 1
                word = text[pos:end]
                if word in KEYWORDS:
                    kind = Kind.KEYWORD
                elif word in ("true", "false"):
                    kind = Kind.BOOL
                elif word == "nil":
                    kind = Kind.NIL
                else:
                    kind = Kind.IDENT
                out.append(Token(kind, word, pos))
                pos = self._check_end(end)
            else:
                raise self._error(pos, f"unrecognized character in action: {_describe(char)}")

    def _check_end(self, pos: int) -> int:
        """An identifier, field or variable must be followed by a separator (Go's atTerminator)."""
        text = self.text
        if pos >= len(text):
            return pos
        char = text[pos]
        if char in SPACES or char in ".,|:)(=" or text.startswith(RIGHT, pos):
            return pos
        raise self._error(pos, f"bad character {_describe(char)}")

    def _quoted(self, start: int) -> int:
        text = self.text
        pos = start + 1
        while True:
            if pos >= len(text) or text[pos] == "\n":
                raise self._error(start, "unterminated quoted string")
            if text[pos] == "\\":
                pos += 2
                continue
            if text[pos] == '"':
                break
            pos += 1
        self.tokens.append(Token(Kind.STRING, text[start:pos + 1], start))
        return pos + 1

    def _char(self, start: int) -> int:
        text = self.text
        pos = start + 1
        while True:
            if pos >= len(text) or text[pos] == "\n":
                raise self._error(start, "unterminated character constant")
            if text[pos] == "\\":
                pos += 2
                continue
            if text[pos] == "'":
                break
            pos += 1
        self.tokens.append(Token(Kind.CHAR, text[start:pos + 1], start))
        return pos + 1

    def _number(self, start: int) -> int:
        text = self.text
        n = len(text)
        pos = start
        if pos < n and text[pos] in "+-":
            pos += 1
        digits = "0123456789_"
        exponent = "eE"
        if text.startswith(("0x", "0X"), pos):
            pos += 2
            digits = "0123456789abcdefABCDEF_"
            exponent = "pP"
        elif text.startswith(("0o", "0O"), pos):
            pos += 2
            digits = "01234567_"
        elif text.startswith(("0b", "0B"), pos):
            pos += 2
            digits = "01_"
        while pos < n and text[pos] in digits:
            pos += 1
        if pos < n and text[pos] == ".":
            pos += 1
            while pos < n and text[pos] in digits:
                pos += 1
        if pos < n and text[pos] in exponent:
            pos += 1
            if pos < n and text[pos] in "+-":
                pos += 1
            while pos < n and text[pos] in "0123456789_":
                pos += 1
        if pos < n and text[pos] == "i":
            pos += 1
        if (pos < n and _is_alnum(text[pos])) or pos == start:
            end = pos + 1
            raise self._error(start, f"bad number syntax: {text[start:end]!r}")
        self.tokens.append(Token(Kind.NUMBER, text[start:pos], start))
        return pos


def _describe(char: str) -> str:
    return f"U+{ord(char):04X} {char!r}"


def lex(source: Source) -> list[Token]:
    return Lexer(source).run()

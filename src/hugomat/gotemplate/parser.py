"""Turns tokens into trees, with Go's checks: defined functions and variables, paired {{end}}."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from . import nodes as n
from .errors import Source, TemplateError
from .lexer import Kind, Token, lex

MAX_NESTING = 100
_OCTAL = re.compile(r"[+-]?0[0-7_]+")


@dataclass
class _End:
    pos: int


@dataclass
class _Else:
    pos: int
    chained: str | None  # "if" or "with" for `{{ else if }}` / `{{ else with }}`


@dataclass(frozen=True)
class FunctionCheck:
    """What the parser asks about function names: defined, or known but not supported."""

    defined: Callable[[str], bool]
    known: Callable[[str], bool] = lambda name: False
    namespace: Callable[[str], bool] = lambda name: False  # `strings` of `strings.Foo`


class Parser:
    def __init__(self, source: Source, functions: FunctionCheck) -> None:
        self.source = source
        self.functions = functions
        self.tokens = lex(source)
        self.index = 0
        self.vars: list[str] = ["$"]
        self.range_depth = 0
        self.nesting = 0
        self.defines: dict[str, n.Tree] = {}

    # -- tokens ---------------------------------------------------------------------------
    def error(self, pos: int, message: str, unsupported: str | None = None) -> TemplateError:
        return self.source.error(pos, message, unsupported)

    def next(self) -> Token:
        token = self.tokens[self.index]
        if token.kind is not Kind.EOF:
            self.index += 1
        return token

    def backup(self) -> None:
        self.index -= 1

    def peek(self) -> Token:
        return self.tokens[self.index]

    def next_non_space(self) -> Token:
        token = self.next()
        while token.kind is Kind.SPACE:
            token = self.next()
        return token

    def peek_non_space(self) -> Token:
        token = self.next_non_space()
        self.backup() if token.kind is not Kind.EOF else None
        return token

    def expect(self, kind: Kind, context: str) -> Token:
        token = self.next_non_space()
        if token.kind is not kind:
            raise self.unexpected(token, context)
        return token

    def unexpected(self, token: Token, context: str) -> TemplateError:
        if token.kind is Kind.EOF:
            return self.error(token.pos, f"unexpected end of input in {context}")
        return self.error(token.pos, f"unexpected {token.describe()} in {context}")

    # -- top level ------------------------------------------------------------------------
    def parse(self, name: str) -> dict[str, n.Tree]:
        root = n.ListNode(0)
        while self.peek().kind is not Kind.EOF:
            token = self.peek()
            if token.kind is Kind.LEFT:
                saved = self.index
                self.next()
                after = self.next_non_space()
                if after.kind is Kind.KEYWORD and after.text == "define":
                    self.definition(after)
                    continue
                self.index = saved
            node = self.text_or_action()
            if isinstance(node, _End):
                raise self.error(node.pos, "unexpected {{end}}")
            if isinstance(node, _Else):
                raise self.error(node.pos, "unexpected {{else}}")
            root.nodes.append(node)
        self.add(n.Tree(name, self.source, root), 0)
        return self.defines

    def add(self, tree: n.Tree, pos: int) -> None:
        old = self.defines.get(tree.name)
        if old is None or _is_empty(old.root):
            self.defines[tree.name] = tree
        elif not _is_empty(tree.root):
            raise self.error(pos, f'template: multiple definition of template "{tree.name}"')

    def definition(self, keyword: Token) -> None:
        name_token = self.next_non_space()
        name = self.string_value(name_token, "define clause")
        self.expect(Kind.RIGHT, "define clause")
        saved_vars, self.vars = self.vars, ["$"]
        body, end = self.item_list()
        if not isinstance(end, _End):
            raise self.error(end.pos, "unexpected {{else}} in define clause")
        self.vars = saved_vars
        self.add(n.Tree(name, self.source, body), keyword.pos)

    def string_value(self, token: Token, context: str) -> str:
        if token.kind in (Kind.STRING, Kind.RAW_STRING):
            return self.unquote(token)
        raise self.unexpected(token, context)

    def item_list(self) -> tuple[n.ListNode, _End | _Else]:
        body = n.ListNode(self.peek().pos)
        while True:
            token = self.peek_non_space()
            if token.kind is Kind.EOF:
                raise self.error(token.pos, "unexpected EOF: missing {{end}}")
            node = self.text_or_action()
            if isinstance(node, (_End, _Else)):
                return body, node
            body.nodes.append(node)

    def text_or_action(self) -> n.Node | _End | _Else:
        token = self.next_non_space()
        if token.kind is Kind.TEXT:
            return n.TextNode(token.pos, token.text)
        if token.kind is Kind.LEFT:
            return self.action(token)
        raise self.unexpected(token, "input")

    # -- actions --------------------------------------------------------------------------
    def action(self, left: Token) -> n.Node | _End | _Else:
        token = self.next_non_space()
        if token.kind is Kind.KEYWORD:
            word = token.text
            if word == "end":
                self.expect(Kind.RIGHT, "end")
                return _End(token.pos)
            if word == "else":
                after = self.peek_non_space()
                if after.kind is Kind.KEYWORD and after.text in ("if", "with"):
                    self.next_non_space()
                    return _Else(token.pos, after.text)
                self.expect(Kind.RIGHT, "else")
                return _Else(token.pos, None)
            if word in ("if", "with", "range"):
                return self.control(word, token.pos)
            if word in ("break", "continue"):
                if self.range_depth == 0:
                    raise self.error(token.pos, f"{{{{{word}}}}} outside {{{{range}}}}")
                self.expect(Kind.RIGHT, word)
                return n.BreakNode(token.pos) if word == "break" else n.ContinueNode(token.pos)
            if word == "template":
                return self.template_call(token)
            if word == "block":
                return self.block(token)
            raise self.error(token.pos, f"unexpected {{{{{word}}}}}")
        self.backup()
        return n.ActionNode(left.pos, self.pipeline("command", Kind.RIGHT))

    def control(self, context: str, pos: int) -> n.Node:
        self.nesting += 1
        if self.nesting > MAX_NESTING:
            raise self.error(pos, "template nested too deeply")
        mark = len(self.vars)
        pipe = self.pipeline(context, Kind.RIGHT)
        if context == "range":
            self.range_depth += 1
        body, stop = self.item_list()
        if context == "range":
            self.range_depth -= 1
        else_body: n.ListNode | None = None
        if isinstance(stop, _Else):
            if stop.chained is not None:
                if stop.chained != context or context == "range":
                    raise self.error(stop.pos,
                                     f"{{{{else {stop.chained}}}}} inside {{{{{context}}}}}")
                # `{{else if x}}` is `{{else}}{{if x}}...{{end}}` sharing the one {{end}}.
                else_body = n.ListNode(stop.pos, [self.control(context, stop.pos)])
            else:
                else_body, stop = self.item_list()
                if not isinstance(stop, _End):
                    raise self.error(stop.pos, "expected {{end}}; found {{else}}")
        del self.vars[mark:]
        self.nesting -= 1
        kind = {"if": n.IfNode, "with": n.WithNode, "range": n.RangeNode}[context]
        return kind(pos, pipe, body, else_body)

    def template_call(self, keyword: Token) -> n.Node:
        name = self.string_value(self.next_non_space(), "template clause")
        pipe = None
        if self.peek_non_space().kind is not Kind.RIGHT:
            pipe = self.pipeline("template clause", Kind.RIGHT)
        else:
            self.next_non_space()
        return n.TemplateNode(keyword.pos, name, pipe)

    def block(self, keyword: Token) -> n.Node:
        name = self.string_value(self.next_non_space(), "block clause")
        pipe = self.pipeline("block clause", Kind.RIGHT)
        saved_vars, saved_range = self.vars, self.range_depth
        self.vars, self.range_depth = ["$"], 0
        body, end = self.item_list()
        if not isinstance(end, _End):
            raise self.error(end.pos, "unexpected {{else}} in block clause")
        self.vars, self.range_depth = saved_vars, saved_range
        self.add(n.Tree(name, self.source, body), keyword.pos)
        return n.TemplateNode(keyword.pos, name, pipe)

    # -- pipelines ------------------------------------------------------------------------
    def pipeline(self, context: str, end: Kind) -> n.PipeNode:
        start = self.peek_non_space()
        pipe = n.PipeNode(start.pos)
        self.declarations(pipe, context)
        while True:
            token = self.next_non_space()
            if token.kind is end:
                if not pipe.cmds:
                    raise self.error(token.pos, f"missing value for {context}")
                for stage, cmd in enumerate(pipe.cmds[1:], start=2):
                    if isinstance(cmd.args[0], (n.BoolNode, n.DotNode, n.NilNode, n.NumberNode,
                                                n.StringNode)):
                        raise self.error(cmd.pos,
                                         f"non executable command in pipeline stage {stage}")
                return pipe
            if token.kind in (Kind.BOOL, Kind.CHAR, Kind.DOT, Kind.FIELD, Kind.IDENT,
                              Kind.NUMBER, Kind.NIL, Kind.RAW_STRING, Kind.STRING,
                              Kind.VARIABLE, Kind.LPAREN):
                self.backup()
                pipe.cmds.append(self.command())
            else:
                raise self.unexpected(token, context)

    def declarations(self, pipe: n.PipeNode, context: str) -> None:
        start = self.index
        first = self.next_non_space()
        if first.kind is not Kind.VARIABLE:
            self.index = start
            return
        after = self.next_non_space()
        if after.kind in (Kind.DECLARE, Kind.ASSIGN):
            pipe.is_assign = after.kind is Kind.ASSIGN
            if pipe.is_assign:
                self.use_variable(first)
            pipe.decl.append(first.text)
            if not pipe.is_assign:
                self.vars.append(first.text)
            return
        if after.kind is Kind.COMMA and context == "range":
            second = self.next_non_space()
            if second.kind is not Kind.VARIABLE:
                raise self.unexpected(second, "range declaration")
            op = self.next_non_space()
            if op.kind not in (Kind.DECLARE, Kind.ASSIGN):
                raise self.unexpected(op, "range declaration")
            pipe.is_assign = op.kind is Kind.ASSIGN
            for token in (first, second):
                if pipe.is_assign:
                    self.use_variable(token)
                else:
                    self.vars.append(token.text)
                pipe.decl.append(token.text)
            return
        if after.kind is Kind.COMMA:
            raise self.error(after.pos, f"too many declarations in {context}")
        self.index = start

    def command(self) -> n.CommandNode:
        cmd = n.CommandNode(self.peek_non_space().pos)
        while True:
            self.peek_non_space()
            operand = self.operand()
            if operand is not None:
                cmd.args.append(operand)
            token = self.next()
            if token.kind is Kind.SPACE:
                continue
            if token.kind in (Kind.RIGHT, Kind.RPAREN):
                self.backup()
            elif token.kind is not Kind.PIPE:
                raise self.unexpected(token, "operand")
            break
        if not cmd.args:
            raise self.error(cmd.pos, "empty command")
        return cmd

    def operand(self) -> n.Node | None:
        node = self.term()
        if node is None:
            return None
        if self.peek().kind is not Kind.FIELD:
            return node
        fields: list[str] = []
        while self.peek().kind is Kind.FIELD:
            fields.append(self.next().text[1:])
        if isinstance(node, n.FieldNode):
            return n.FieldNode(node.pos, node.names + fields)
        if isinstance(node, n.VariableNode):
            return n.VariableNode(node.pos, node.name, node.fields + fields)
        if isinstance(node, (n.BoolNode, n.StringNode, n.NumberNode, n.NilNode, n.DotNode)):
            raise self.error(node.pos, "unexpected . after term")
        return n.ChainNode(node.pos, node, fields)

    def term(self) -> n.Node | None:
        token = self.next_non_space()
        kind = token.kind
        if kind is Kind.IDENT:
            return self.function(token)
        if kind is Kind.DOT:
            return n.DotNode(token.pos)
        if kind is Kind.NIL:
            return n.NilNode(token.pos)
        if kind is Kind.VARIABLE:
            self.use_variable(token)
            return n.VariableNode(token.pos, token.text)
        if kind is Kind.FIELD:
            return n.FieldNode(token.pos, [token.text[1:]])
        if kind is Kind.BOOL:
            return n.BoolNode(token.pos, token.text == "true")
        if kind in (Kind.NUMBER, Kind.CHAR):
            return n.NumberNode(token.pos, self.number(token), token.text)
        if kind in (Kind.STRING, Kind.RAW_STRING):
            return n.StringNode(token.pos, self.unquote(token), token.text)
        if kind is Kind.LPAREN:
            self.nesting += 1
            if self.nesting > MAX_NESTING:
                raise self.error(token.pos, "template nested too deeply")
            pipe = self.pipeline("parenthesized pipeline", Kind.RPAREN)
            self.nesting -= 1
            return pipe
        self.backup()
        return None

    def function(self, token: Token) -> n.Node:
        """A function name; `strings.Contains` arrives as an identifier and a field."""
        name = token.text
        if self.peek().kind is Kind.FIELD:
            combined = name + self.peek().text
            if self.functions.defined(combined):
                self.next()
                return n.IdentifierNode(token.pos, combined)
            if self.functions.known(combined):
                raise self.error(token.pos, f'function "{combined}" is not supported', combined)
            if self.functions.namespace(name):
                raise self.error(token.pos, f'function "{combined}" not defined', combined)
        if self.functions.defined(name):
            return n.IdentifierNode(token.pos, name)
        if self.functions.known(name):
            raise self.error(token.pos, f'function "{name}" is not supported', name)
        raise self.error(token.pos, f'function "{name}" not defined', name)

    def use_variable(self, token: Token) -> None:
        if token.text not in self.vars:
            raise self.error(token.pos, f'undefined variable "{token.text}"')

    # -- constants ------------------------------------------------------------------------
    def number(self, token: Token) -> int | float:
        text = token.text
        if token.kind is Kind.CHAR:
            value = unquote_go(text[1:-1], "'",
                               lambda: self.error(token.pos, "bad character constant"))
            if len(value) != 1:
                raise self.error(token.pos, f"malformed character constant: {text}")
            return ord(value)
        try:
            if text.endswith("i"):
                raise ValueError
            if _OCTAL.fullmatch(text):
                return int(text.replace("_", ""), 8)
            lowered = text.lower()
            is_hex = lowered.lstrip("+-").startswith("0x")
            if is_hex and "p" in lowered:
                return float.fromhex(text.replace("_", ""))
            if not is_hex and any(c in lowered for c in ".e"):
                return float(text.replace("_", ""))
            return int(text.replace("_", ""), 0)
        except ValueError:
            raise self.error(token.pos, f"illegal number syntax: {text!r}") from None

    def unquote(self, token: Token) -> str:
        if token.kind is Kind.RAW_STRING:
            return token.text[1:-1].replace("\r", "")
        return unquote_go(token.text[1:-1], '"',
                          lambda: self.error(token.pos, f"bad string syntax: {token.text}"))


_SIMPLE_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v",
                   "\\": "\\"}


def unquote_go(body: str, quote: str, fail: Callable[[], TemplateError]) -> str:
    """Decodes the escapes of a Go string or rune literal."""
    out: list[str] = []
    i = 0
    while i < len(body):
        char = body[i]
        if char != "\\":
            out.append(char)
            i += 1
            continue
        if i + 1 >= len(body):
            raise fail()
        code = body[i + 1]
        if code in _SIMPLE_ESCAPES:
            out.append(_SIMPLE_ESCAPES[code])
            i += 2
        elif code == quote:
            out.append(quote)
            i += 2
        elif code in "xuU":
            size = {"x": 2, "u": 4, "U": 8}[code]
            digits = body[i + 2:i + 2 + size]
            if len(digits) != size or not all(c in "0123456789abcdefABCDEF" for c in digits):
                raise fail()
            value = int(digits, 16)
            if value > 0x10FFFF or 0xD800 <= value <= 0xDFFF:
                raise fail()
            out.append(chr(value))
            i += 2 + size
        elif code in "01234567":
            digits = body[i + 1:i + 4]
            if len(digits) != 3 or not all(c in "01234567" for c in digits) or int(digits, 8) > 255:
                raise fail()
            out.append(chr(int(digits, 8)))
            i += 4
        else:
            raise fail()
    return "".join(out)


def _is_empty(body: n.ListNode) -> bool:
    return all(isinstance(node, n.TextNode) and not node.text.strip() for node in body.nodes)


def parse(path: str, name: str, text: str, functions: FunctionCheck) -> dict[str, n.Tree]:
    """Parses a template file; returns its trees by name (the file's own under `name`)."""
    source = Source(path, text)
    try:
        return Parser(source, functions).parse(name)
    except RecursionError:
        raise source.error(0, "template nested too deeply") from None

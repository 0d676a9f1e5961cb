"""The parse tree of a template; every node keeps the offset it was written at."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .errors import Source


@dataclass(eq=False)
class Node:
    pos: int


@dataclass(eq=False)
class ListNode(Node):
    nodes: list[Node] = field(default_factory=list)


@dataclass(eq=False)
class TextNode(Node):
    text: str
    # What is written out: the text itself, or without HTML comments when escaping.
    output: str = ""

    def __post_init__(self) -> None:
        self.output = self.text


@dataclass(eq=False)
class DotNode(Node):
    pass


@dataclass(eq=False)
class NilNode(Node):
    pass


@dataclass(eq=False)
class BoolNode(Node):
    value: bool


@dataclass(eq=False)
class NumberNode(Node):
    value: int | float
    text: str


@dataclass(eq=False)
class StringNode(Node):
    value: str
    quoted: str


@dataclass(eq=False)
class IdentifierNode(Node):
    """A function name (namespaced names like `strings.Contains` are one identifier)."""

    name: str


@dataclass(eq=False)
class FieldNode(Node):
    names: list[str]


@dataclass(eq=False)
class VariableNode(Node):
    name: str
    fields: list[str] = field(default_factory=list)


@dataclass(eq=False)
class ChainNode(Node):
    node: Node
    fields: list[str]


@dataclass(eq=False)
class CommandNode(Node):
    args: list[Node] = field(default_factory=list)


@dataclass(eq=False)
class PipeNode(Node):
    decl: list[str] = field(default_factory=list)
    is_assign: bool = False
    cmds: list[CommandNode] = field(default_factory=list)


@dataclass(eq=False)
class ActionNode(Node):
    pipe: PipeNode
    # Set by the escaper: turns the value into text safe for where it lands in the HTML.
    escaper: Callable[[Any], str] | None = None


@dataclass(eq=False)
class BranchNode(Node):
    pipe: PipeNode
    body: ListNode
    else_body: ListNode | None


@dataclass(eq=False)
class IfNode(BranchNode):
    pass


@dataclass(eq=False)
class WithNode(BranchNode):
    pass


@dataclass(eq=False)
class RangeNode(BranchNode):
    pass


@dataclass(eq=False)
class BreakNode(Node):
    pass


@dataclass(eq=False)
class ContinueNode(Node):
    pass


@dataclass(eq=False)
class TemplateNode(Node):
    name: str
    pipe: PipeNode | None


@dataclass(eq=False)
class Tree:
    """One named template: its body and the source it was read from (for error positions)."""

    name: str
    source: Source
    root: ListNode

"""Runs a parsed template against data, with Go's rules for fields, variables and calls."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import nodes as n
from .errors import FunctionError, TemplateError
from .values import MISSING, SafeHTML, go_str, is_true, sort_key, type_name

if TYPE_CHECKING:
    from .environment import Environment, Template

_NO_FINAL = object()
_CHECK_CLOCK_EVERY = 256


@dataclass(frozen=True)
class Limits:
    """What one execution (with every template and partial it calls) may use."""

    max_depth: int = 40           # nested {{ template }} / partial calls
    max_steps: int = 500_000      # actions, commands and loop turns
    max_seconds: float = 1.0
    max_output: int = 10_000_000  # characters


class Budget:
    """Steps, time and output shared by an execution and the templates it calls."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.steps = 0
        self.output = 0
        self.deadline = time.monotonic() + limits.max_seconds


class _Break(Exception):
    pass


class PartialReturn(Exception):
    """Hugo's `{{ return VALUE }}`: ends a partial, which then gives VALUE instead of output."""

    def __init__(self, value: Any, where: tuple[n.Tree, n.Node] | None = None) -> None:
        super().__init__("return")
        self.value = value
        self.where = where


class _Continue(Exception):
    pass


_BUILTIN_VALUES = (str, bytes, int, float, bool, list, tuple, dict, set, frozenset, range)


class State:
    """One template's execution: its variables, where output goes, how deep the calls are."""

    def __init__(self, template: Template, tree: n.Tree, data: Any, budget: Budget,
                 depth: int, out: list[str]) -> None:
        self.template = template
        self.env: Environment = template.env
        self.tree = tree
        self.vars: list[tuple[str, Any]] = [("$", data)]
        self.budget = budget
        self.depth = depth
        self.out = out
        self.node: n.Node = tree.root

    # -- errors and limits ------------------------------------------------------------------
    def error(self, node: n.Node, message: str) -> TemplateError:
        return self.tree.source.error(node.pos, message)

    def step(self, node: n.Node) -> None:
        budget = self.budget
        budget.steps += 1
        if budget.steps > budget.limits.max_steps:
            raise self.error(node, f"template ran too long (more than {budget.limits.max_steps}"
                                   " steps)")
        if budget.steps % _CHECK_CLOCK_EVERY == 0 and time.monotonic() > budget.deadline:
            raise self.error(node, f"template ran too long (more than "
                                   f"{budget.limits.max_seconds:g} seconds)")

    def write(self, node: n.Node, text: str) -> None:
        if not text:
            return
        self.budget.output += len(text)
        if self.budget.output > self.budget.limits.max_output:
            raise self.error(node, f"template output too large (more than "
                                   f"{self.budget.limits.max_output} characters)")
        self.out.append(text)

    # -- variables --------------------------------------------------------------------------
    def push(self, name: str, value: Any) -> None:
        self.vars.append((name, value))

    def set_var(self, node: n.Node, name: str, value: Any) -> None:
        for index in range(len(self.vars) - 1, -1, -1):
            if self.vars[index][0] == name:
                self.vars[index] = (name, value)
                return
        raise self.error(node, f"undefined variable: {name}")

    def var_value(self, node: n.Node, name: str) -> Any:
        for index in range(len(self.vars) - 1, -1, -1):
            if self.vars[index][0] == name:
                return self.vars[index][1]
        raise self.error(node, f"undefined variable: {name}")

    # -- statements -------------------------------------------------------------------------
    def walk_list(self, dot: Any, body: n.ListNode) -> None:
        for node in body.nodes:
            self.walk(dot, node)

    def walk(self, dot: Any, node: n.Node) -> None:
        self.step(node)
        if isinstance(node, n.TextNode):
            self.write(node, node.output)
        elif isinstance(node, n.ActionNode):
            value = self.eval_pipeline(dot, node.pipe)
            if not node.pipe.decl:
                self.write(node, node.escaper(value) if node.escaper else go_str(value))
        elif isinstance(node, n.IfNode | n.WithNode):
            mark = len(self.vars)
            value = self.eval_pipeline(dot, node.pipe)
            if is_true(value):
                self.walk_list(value if isinstance(node, n.WithNode) else dot, node.body)
            elif node.else_body is not None:
                self.walk_list(dot, node.else_body)
            del self.vars[mark:]
        elif isinstance(node, n.RangeNode):
            self.walk_range(dot, node)
        elif isinstance(node, n.TemplateNode):
            self.walk_template(dot, node)
        elif isinstance(node, n.BreakNode):
            raise _Break()
        elif isinstance(node, n.ContinueNode):
            raise _Continue()
        elif isinstance(node, n.ListNode):
            self.walk_list(dot, node)
        else:  # pragma: no cover - the parser makes no other statements
            raise self.error(node, f"unknown node {type(node).__name__}")

    def walk_range(self, dot: Any, node: n.RangeNode) -> None:
        mark = len(self.vars)
        value = self.eval_pipeline(dot, node.pipe, declare=False)
        decl = node.pipe.decl
        if node.pipe.is_assign:
            def bind(key: Any, elem: Any) -> None:
                if len(decl) == 2:
                    self.set_var(node, decl[0], key)
                self.set_var(node, decl[-1], elem)
        else:
            for name in decl:
                self.push(name, value)

            def bind(key: Any, elem: Any) -> None:
                if len(decl) == 2:
                    self.vars[mark] = (decl[0], key)
                    self.vars[mark + 1] = (decl[1], elem)
                elif decl:
                    self.vars[mark] = (decl[0], elem)
        looped = False
        for key, elem in self.range_items(node, value, len(decl)):
            looped = True
            self.step(node)
            bind(key, elem)
            inner = len(self.vars)
            try:
                self.walk_list(elem, node.body)
            except _Continue:
                pass
            except _Break:
                break
            finally:
                del self.vars[inner:]
        if not looped and node.else_body is not None:
            self.walk_list(dot, node.else_body)
        del self.vars[mark:]

    def range_items(self, node: n.RangeNode, value: Any, nvars: int) -> Iterable[tuple[Any, Any]]:
        if value is None or value is MISSING:
            return ()
        if isinstance(value, (bool, float)):
            raise self.error(node, f"range can't iterate over {go_str(value)}")
        if isinstance(value, int):
            if nvars > 1:
                raise self.error(node, "can't use two variables when ranging over an int")
            return ((i, i) for i in range(value))
        if isinstance(value, Mapping):
            keys = sorted(value.keys(), key=sort_key)
            return ((key, value[key]) for key in keys)
        if isinstance(value, str):
            raise self.error(node, f"range can't iterate over {value}")
        if isinstance(value, Iterable):
            return enumerate(value)
        raise self.error(node, f"range can't iterate over {go_str(value)}")

    def walk_template(self, dot: Any, node: n.TemplateNode) -> None:
        found = self.template.lookup(node.name)
        if found is None:
            raise self.error(node, f'no such template "{node.name}"')
        data = self.eval_pipeline(dot, node.pipe) if node.pipe is not None else None
        self.call_tree(node, found[0], data, found[1])

    def call_tree(self, node: n.Node, tree: n.Tree, data: Any, template: Template) -> None:
        if self.depth >= self.budget.limits.max_depth:
            raise self.error(node, f'template "{tree.name}" nested too deeply (more than '
                                   f"{self.budget.limits.max_depth} calls)")
        state = State(template, tree, data, self.budget, self.depth + 1, self.out)
        try:
            state.walk_list(data, tree.root)
        except RecursionError:
            raise self.error(node, f'template "{tree.name}" nested too deeply') from None

    # -- expressions ------------------------------------------------------------------------
    def eval_pipeline(self, dot: Any, pipe: n.PipeNode, declare: bool = True) -> Any:
        value: Any = _NO_FINAL
        for cmd in pipe.cmds:
            value = self.eval_command(dot, cmd, value)
        if declare:
            for name in pipe.decl:
                if pipe.is_assign:
                    self.set_var(pipe, name, value)
                else:
                    self.push(name, value)
        return value

    def eval_command(self, dot: Any, cmd: n.CommandNode, final: Any) -> Any:
        self.step(cmd)
        first = cmd.args[0]
        if isinstance(first, n.FieldNode):
            return self.eval_fields(dot, dot, first, first.names, cmd.args, final)
        if isinstance(first, n.ChainNode):
            receiver = self.eval_arg(dot, first.node)
            return self.eval_fields(dot, receiver, first, first.fields, cmd.args, final)
        if isinstance(first, n.IdentifierNode):
            return self.eval_function(dot, first, cmd.args, final)
        if isinstance(first, n.VariableNode):
            receiver = self.var_value(first, first.name)
            if not first.fields:
                self.not_a_function(first, cmd.args, final)
                return receiver
            return self.eval_fields(dot, receiver, first, first.fields, cmd.args, final)
        self.not_a_function(first, cmd.args, final)
        if isinstance(first, n.NilNode):
            raise self.error(first, "nil is not a command")
        return self.eval_arg(dot, first)

    def not_a_function(self, node: n.Node, args: list[n.Node], final: Any) -> None:
        if len(args) > 1 or final is not _NO_FINAL:
            raise self.error(node, f"can't give argument to non-function {describe(node)}")

    def eval_arg(self, dot: Any, node: n.Node) -> Any:
        if isinstance(node, n.DotNode):
            return dot
        if isinstance(node, n.NilNode):
            return None
        if isinstance(node, (n.StringNode, n.NumberNode, n.BoolNode)):
            return node.value
        if isinstance(node, n.FieldNode):
            return self.eval_fields(dot, dot, node, node.names, [node], _NO_FINAL)
        if isinstance(node, n.VariableNode):
            value = self.var_value(node, node.name)
            if node.fields:
                return self.eval_fields(dot, value, node, node.fields, [node], _NO_FINAL)
            return value
        if isinstance(node, n.PipeNode):
            return self.eval_pipeline(dot, node)
        if isinstance(node, n.IdentifierNode):
            return self.eval_function(dot, node, [node], _NO_FINAL)
        if isinstance(node, n.ChainNode):
            receiver = self.eval_arg(dot, node.node)
            return self.eval_fields(dot, receiver, node, node.fields, [node], _NO_FINAL)
        raise self.error(node, f"can't handle {describe(node)} as an argument")

    def eval_fields(self, dot: Any, receiver: Any, node: n.Node, names: list[str],
                    args: list[n.Node], final: Any) -> Any:
        for name in names[:-1]:
            receiver = self.eval_field(dot, name, node, [], _NO_FINAL, receiver)
        return self.eval_field(dot, names[-1], node, args, final, receiver)

    def eval_field(self, dot: Any, name: str, node: n.Node, args: list[n.Node], final: Any,
                   receiver: Any) -> Any:
        if receiver is MISSING:
            return MISSING
        if receiver is None:
            raise self.error(node, f"nil pointer evaluating interface {{}}.{name}")
        has_args = len(args) > 1 or final is not _NO_FINAL
        if isinstance(receiver, Mapping):
            if has_args:
                raise self.error(node, f"{name} is not a method but has arguments")
            return lookup_key(receiver, name)
        member = _member(receiver, name)
        if member is _ABSENT:
            raise self.error(node, f"can't evaluate field {name} in type {type_name(receiver)}")
        if callable(member):
            values = [self.eval_arg(dot, arg) for arg in args[1:]]
            if final is not _NO_FINAL:
                values.append(final)
            return self.call(node, name, member, values)
        if has_args:
            raise self.error(node, f"{name} is not a method but has arguments")
        return member

    def eval_function(self, dot: Any, ident: n.IdentifierNode, args: list[n.Node],
                      final: Any) -> Any:
        name = ident.name
        function = self.env.function(name)
        if name in ("and", "or"):
            return self.eval_logic(dot, ident, args[1:], final)
        values = [self.eval_arg(dot, arg) for arg in args[1:]]
        if final is not _NO_FINAL:
            values.append(final)
        count = len(values)
        if count < function.min_args or (function.max_args is not None
                                          and count > function.max_args):
            want = str(function.min_args) if function.max_args == function.min_args else (
                f"at least {function.min_args}" if function.max_args is None
                else f"{function.min_args} to {function.max_args}")
            raise self.error(ident, f"wrong number of args for {name}: want {want} got {count}")
        if function.with_context:
            return self.call(ident, name, function.fn, [CallContext(self, ident, dot), *values])
        return self.call(ident, name, function.fn, values)

    def eval_logic(self, dot: Any, ident: n.IdentifierNode, args: list[n.Node],
                   final: Any) -> Any:
        """`and` and `or` stop at the first argument that decides, as Go's do."""
        if not args and final is _NO_FINAL:
            raise self.error(ident, f"wrong number of args for {ident.name}: want at least 1 got 0")
        value: Any = None
        thunks: list[Callable[[], Any]] = [lambda a=arg: self.eval_arg(dot, a) for arg in args]
        if final is not _NO_FINAL:
            thunks.append(lambda: final)
        for thunk in thunks:
            value = plain(thunk())
            if is_true(value) != (ident.name == "and"):
                return value
        return value

    def call(self, node: n.Node, name: str, fn: Callable[..., Any], values: list[Any]) -> Any:
        try:
            return fn(*[plain(v) for v in values])
        except PartialReturn as signal:
            if signal.where is None:
                signal.where = (self.tree, node)
            raise
        except (TemplateError, _Break, _Continue):
            raise
        except RecursionError:
            raise self.error(node, f"error calling {name}: nested too deeply") from None
        except FunctionError as error:
            raise self.error(node, f"error calling {name}: {error}") from None
        except Exception as error:  # a function's failure is the template's error at the call
            raise self.error(node, f"error calling {name}: {error}") from None


def plain(value: Any) -> Any:
    """A missing key is passed to functions as nil, as Go passes the zero value."""
    return None if value is MISSING else value


class _Absent:
    pass


_ABSENT = _Absent()


def _member(receiver: Any, name: str) -> Any:
    if name.startswith("_") or isinstance(receiver, _BUILTIN_VALUES):
        return _ABSENT
    return getattr(receiver, name, _ABSENT)


def lookup_key(mapping: Mapping[Any, Any], name: str) -> Any:
    """A map's key by field name; Hugo's parameter maps match keys without regard to case."""
    if name in mapping:
        return mapping[name]
    lowered = name.lower()
    for key in mapping:
        if isinstance(key, str) and key.lower() == lowered:
            return mapping[key]
    return MISSING


def field_path(value: Any, path: str) -> Any:
    """Follows `.A.b` through maps and objects, as `where` and `sort` name their keys."""
    names = [part for part in path.split(".") if part]
    if not names:
        return None  # Hugo's where does not match the element itself by "."
    for name in names:
        if value is None or value is MISSING:
            return None
        if isinstance(value, Mapping):
            value = lookup_key(value, name)
            continue
        member = _member(value, name)
        if member is _ABSENT:
            return None
        value = member() if callable(member) else member
    return plain(value)


def describe(node: n.Node) -> str:
    if isinstance(node, n.StringNode):
        return node.quoted
    if isinstance(node, n.NumberNode):
        return node.text
    if isinstance(node, n.BoolNode):
        return "true" if node.value else "false"
    if isinstance(node, n.DotNode):
        return "."
    if isinstance(node, n.NilNode):
        return "nil"
    if isinstance(node, n.FieldNode):
        return "." + ".".join(node.names)
    if isinstance(node, n.VariableNode):
        return ".".join([node.name, *node.fields])
    if isinstance(node, n.IdentifierNode):
        return node.name
    return type(node).__name__


class CallContext:
    """Given to functions registered with `with_context=True` (partial, apply, ...)."""

    def __init__(self, state: State, node: n.Node, dot: Any) -> None:
        self._state = state
        self._node = node
        self.dot = dot

    @property
    def env(self) -> Environment:
        return self._state.env

    @property
    def depth(self) -> int:
        return self._state.depth

    def location(self) -> tuple[str, int, int]:
        line, column = self._state.tree.source.line_col(self._node.pos)
        return self._state.tree.source.path, line, column

    def error(self, message: str) -> TemplateError:
        """A TemplateError at the call being made (for callbacks that want to raise one)."""
        return self._state.error(self._node, message)

    def execute(self, template: Template, data: Any) -> str:
        """Runs another template inside this execution (one depth further, the same budget)
        and gives its output; a `return` in it is an error, as outside Hugo's partials."""
        try:
            return self._run(template, data)
        except PartialReturn as signal:
            tree, node = signal.where or (template.tree, template.tree.root)
            raise tree.source.error(node.pos, "return outside a partial") from None

    def call_template(self, template: Template, data: Any) -> Any:
        """Runs a template as Hugo runs a partial: the value of its `{{ return }}`, if it
        returns one, otherwise its output as SafeHTML."""
        try:
            return SafeHTML(self._run(template, data))
        except PartialReturn as signal:
            return signal.value

    def _run(self, template: Template, data: Any) -> str:
        out: list[str] = []
        state = self._state
        nested = State(state.template, state.tree, None, state.budget, state.depth, out)
        nested.call_tree(self._node, template.tree, data, template)
        return "".join(out)

    def call(self, name: str, *args: Any) -> Any:
        """Calls a registered function by name (for `apply`)."""
        function = self.env.function(name)
        values = list(args)
        if function.with_context:
            values.insert(0, self)
        return self._state.call(self._node, name, function.fn, values)

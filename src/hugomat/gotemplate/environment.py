"""The public face: an Environment of functions and templates; Template.execute renders one."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from . import nodes as n
from .errors import TemplateError
from .escape import escape_tree
from .executor import Budget, Limits, PartialReturn, State
from .functions import HUGO_FUNCTIONS, builtin_context_functions, builtin_functions
from .parser import FunctionCheck, parse
from .values import SafeHTML

Loader = Callable[[str], "tuple[str, str] | None"]


@dataclass(frozen=True)
class Function:
    fn: Callable[..., Any]
    with_context: bool
    min_args: int
    max_args: int | None


def _arity(fn: Callable[..., Any], with_context: bool) -> tuple[int, int | None]:
    try:
        signature = inspect.signature(fn)
    except (TypeError, ValueError):
        return 0, None
    least, most = 0, 0
    variadic = False
    for parameter in signature.parameters.values():
        if parameter.kind is parameter.VAR_POSITIONAL:
            variadic = True
        elif parameter.kind in (parameter.POSITIONAL_ONLY, parameter.POSITIONAL_OR_KEYWORD):
            most += 1
            if parameter.default is parameter.empty:
                least += 1
    if with_context:
        least, most = max(least - 1, 0), most - 1
    return least, None if variadic else most


def _function(fn: Callable[..., Any], with_context: bool) -> Function:
    least, most = _arity(fn, with_context)
    return Function(fn, with_context, least, most)


@functools.cache
def _builtins() -> dict[str, Function]:
    table = {name: _function(fn, False) for name, fn in builtin_functions().items()}
    table.update({name: _function(fn, True) for name, fn in builtin_context_functions().items()})
    return table


class Environment:
    """Functions, limits and named templates shared by the templates of one site.

    functions: name -> callable, added to (or replacing) the built-in ones; `strings.Foo` names
    are namespaced functions. context_functions: the same, but each is called with a
    CallContext first (to run other templates within the same limits, or call functions).
    loader: name -> (path, text) or None, asked for `{{ template "name" }}` targets that are
    not defined in the template itself nor parsed into this environment.
    """

    def __init__(self, functions: Mapping[str, Callable[..., Any]] | None = None, *,
                 context_functions: Mapping[str, Callable[..., Any]] | None = None,
                 loader: Loader | None = None, limits: Limits | None = None,
                 escape: bool = True) -> None:
        self.limits = limits or Limits()
        self.escape = escape
        self.loader = loader
        self._functions: dict[str, Function] = dict(_builtins())
        self._templates: dict[str, Template] = {}
        self._check: FunctionCheck | None = None
        for name, fn in (functions or {}).items():
            self.register(name, fn)
        for name, fn in (context_functions or {}).items():
            self.register(name, fn, with_context=True)

    def register(self, name: str, fn: Callable[..., Any], *, with_context: bool = False) -> None:
        """Adds or replaces a function; with_context passes a CallContext as first argument."""
        self._functions[name] = _function(fn, with_context)
        self._check = None

    def has_function(self, name: str) -> bool:
        return name in self._functions

    def function(self, name: str) -> Function:
        return self._functions[name]

    def function_check(self) -> FunctionCheck:
        if self._check is None:
            namespaces = {name.split(".")[0] for name in [*self._functions, *HUGO_FUNCTIONS]
                          if "." in name}
            self._check = FunctionCheck(defined=self.has_function,
                                        known=HUGO_FUNCTIONS.__contains__,
                                        namespace=namespaces.__contains__)
        return self._check

    def parse(self, name: str, text: str, *, path: str | None = None,
              escape: bool | None = None) -> Template:
        """Parses `text` as template `name` (errors are reported at `path`, default the name)
        and keeps it, so `{{ template "name" }}` in other templates finds it."""
        template = Template(self, name, path or name, text,
                            self.escape if escape is None else escape)
        self._templates[name] = template
        return template

    def unsupported_functions(self, text: str, *, path: str = "template") -> list[TemplateError]:
        """Every use of a Hugo function that is not registered here, each as a located error
        (parsing stops at the first; this lists them all). A syntax error is raised."""
        check = self.function_check()
        lenient = FunctionCheck(defined=lambda name: check.defined(name) or check.known(name),
                                known=check.known, namespace=check.namespace)
        trees = parse(path, path, text, lenient)
        found: list[TemplateError] = []
        for tree in trees.values():
            for node in _identifiers(tree.root):
                if not self.has_function(node.name):
                    found.append(tree.source.error(
                        node.pos, f'function "{node.name}" is not supported', node.name))
        return sorted(found, key=lambda error: (error.line, error.column))

    def get(self, name: str) -> Template | None:
        """A template parsed here by name, or one the loader can give; None if neither."""
        template = self._templates.get(name)
        if template is None and self.loader is not None:
            found = self.loader(name)
            if found is not None:
                path, text = found
                template = self.parse(name, text, path=path)
        return template

    def find_tree(self, name: str) -> tuple[n.Tree, Template] | None:
        for template in list(self._templates.values()):
            if name in template.trees and template.name != name:
                return template.trees[name], template
        template = self.get(name)
        if template is not None:
            return template.tree, template
        return None


def _identifiers(node: object) -> list[n.IdentifierNode]:
    if isinstance(node, n.IdentifierNode):
        return [node]
    found: list[n.IdentifierNode] = []
    children = node if isinstance(node, list) else [
        getattr(node, name) for name in getattr(node, "__dataclass_fields__", {})]
    for child in children:
        if isinstance(child, (n.Node, list)):
            found.extend(_identifiers(child))
    return found


class Template:
    """One parsed template file with the templates it defines."""

    def __init__(self, env: Environment, name: str, path: str, text: str, escape: bool) -> None:
        self.env = env
        self.name = name
        self.path = path
        self.escape = escape
        self.trees = parse(path, name, text, env.function_check())
        if escape:
            for tree in self.trees.values():
                escape_tree(tree.root)

    @property
    def tree(self) -> n.Tree:
        return self.trees[self.name]

    @property
    def defined_templates(self) -> list[str]:
        return sorted(name for name in self.trees if name != self.name)

    def lookup(self, name: str) -> tuple[n.Tree, Template] | None:
        """The tree `{{ template name }}` runs: defined here, in the environment, or loaded."""
        if name in self.trees:
            return self.trees[name], self
        return self.env.find_tree(name)

    def execute(self, data: Any = None, *, limits: Limits | None = None) -> str:
        """Renders the template with `data` as dot; raises TemplateError, located.
        A `{{ return }}` is an error here, as it is outside Hugo's partials."""
        output, returned = self._run(data, limits)
        if returned is not None:
            tree, node = returned.where or (self.tree, self.tree.root)
            raise tree.source.error(node.pos, "return outside a partial")
        return output

    def call(self, data: Any = None, *, limits: Limits | None = None) -> Any:
        """Runs the template as Hugo runs a partial: the value of its `{{ return }}` if it
        returns one, otherwise its output as SafeHTML."""
        output, returned = self._run(data, limits)
        return returned.value if returned is not None else SafeHTML(output)

    def _run(self, data: Any, limits: Limits | None) -> tuple[str, PartialReturn | None]:
        budget = Budget(limits or self.env.limits)
        out: list[str] = []
        state = State(self, self.tree, data, budget, 0, out)
        try:
            state.walk_list(data, self.tree.root)
        except RecursionError:
            raise TemplateError(self.path, 1, 1, "template nested too deeply") from None
        except PartialReturn as signal:
            return "", signal
        return "".join(out), None

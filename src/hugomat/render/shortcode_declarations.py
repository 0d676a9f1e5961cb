"""What a shortcode is, declared once: its name, its body, its arguments and its renderer.

Everything else follows from the declarations gathered in a `Registry`: the parser's name
sets (which names are blocks that must be closed, which never take a body), the renderer a
name stands for, the warning for an unknown or mistyped argument (at the argument's own
line and column) and the "known:" list of the unknown-shortcode warning. hugomat's own
declarations are in hugomat.render.renderers.registry; a site's shortcodes are declared from its
templates (hugomat.render.site_templates.shortcodes) and replace those of the same name.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING

from hugomat.read.shortcode_parser import Shortcode, Value

if TYPE_CHECKING:
    from hugomat.render.context import Renderer


class Body(Enum):
    """What a shortcode's body is read as."""

    NONE = "none"
    """No body: a closing tag is a mistake the parser reports (unless `closing` says else)."""
    MARKDOWN = "markdown"
    """Markdown, converted as a document of its own."""
    RAW = "raw"
    """Text taken as written (TeX, a diagram, code, HTML)."""


class Closing(Enum):
    """Whether the parser expects a closing tag after the opening one."""

    NEVER = "never"
    """A leaf: a closing tag is reported as a mistake."""
    REQUIRED = "required"
    """A block: it must be closed (or self-closed, `/>}}`)."""
    OPTIONAL = "optional"
    """Undecided, as an unknown name: a block if a closing tag follows, else a leaf."""


class Kind(Enum):
    """The type of an argument's value."""

    TEXT = "text"
    FLAG = "true or false"
    WHOLE = "a whole number"
    NUMBER = "a number"

    def accepts(self, value: Value) -> bool:
        if self is Kind.TEXT:
            return True
        if self is Kind.FLAG:
            return isinstance(value, bool) or str(value).strip().lower() in _FLAG_WORDS
        if isinstance(value, bool):
            return False
        if self is Kind.WHOLE:
            return isinstance(value, int) or bool(_WHOLE.fullmatch(str(value).strip()))
        return isinstance(value, int | float) or bool(_NUMBER.fullmatch(str(value).strip()))


# The words hugomat's renderers read as a flag (base.truthy), and their opposites.
_FLAG_WORDS = frozenset({"true", "false", "yes", "no", "1", "0"})
_WHOLE = re.compile(r"[+-]?[0-9]+")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")


@dataclass(frozen=True)
class Argument:
    """One argument a shortcode reads."""

    name: str
    kind: Kind = Kind.TEXT
    default: Value | None = None
    """What the renderer uses when the argument is not given (None: nothing)."""
    named: bool = True
    """False for a word that may only be given by position (expand's decoration symbol)."""
    renderer_checks: bool = False
    """The renderer reports a bad value itself, at the shortcode: not reported twice."""


@dataclass(frozen=True)
class ArgumentProblem:
    """A mistake in one argument, at its own place in the file."""

    line: int
    column: int
    message: str


@dataclass(frozen=True)
class Declaration:
    """One shortcode, in the manner of a pymdownx Block: everything hugomat knows of it."""

    name: str
    renderer: Renderer
    body: Body = Body.NONE
    arguments: tuple[Argument, ...] = ()
    positional: tuple[str, ...] = ()
    """The arguments that may be given by position, in order."""
    words: tuple[str, ...] = ()
    """Bare words allowed after the positional arguments (details' `open`)."""
    closing: Closing | None = None
    """None: NEVER for a shortcode without a body, else REQUIRED."""
    any_named: bool = False
    """Named arguments besides those declared are used too (a site's template, asciinema's
    player options)."""
    any_positional: bool = False
    """Positional arguments besides those declared are used too (a site's template)."""
    _by_name: dict[str, Argument] = field(init=False, repr=False, compare=False,
                                          default_factory=dict)

    def __post_init__(self) -> None:
        # Looked up for every argument of every shortcode of a book: a dict, made once.
        self._by_name.update((argument.name, argument) for argument in self.arguments)
        stray = [name for name in self.positional if name not in self._by_name]
        if stray:
            raise ValueError(f"shortcode '{self.name}' declares positional {stray} "
                             "without an argument of that name")

    @property
    def closed(self) -> Closing:
        if self.closing is not None:
            return self.closing
        return Closing.NEVER if self.body is Body.NONE else Closing.REQUIRED

    def argument(self, name: str) -> Argument | None:
        return self._by_name.get(name)

    def argument_problems(self, node: Shortcode) -> list[ArgumentProblem]:
        """What is wrong with `node`'s arguments, each at its own place."""
        problems: list[ArgumentProblem] = []
        if not node.named and not node.positional:
            return problems

        def report(key: str | int, message: str) -> None:
            line, column = node.argument_position(key)
            problems.append(ArgumentProblem(line, column, message))

        for name, value in node.named.items():
            argument = self.argument(name)
            if argument is None or not argument.named:
                if not self.any_named:
                    report(name, self._unknown(name))
            elif not argument.renderer_checks and not argument.kind.accepts(value):
                report(name, self._mistyped(argument, value))
        for index, value in enumerate(node.positional):
            if index < len(self.positional):
                argument = self.argument(self.positional[index])
                assert argument is not None  # __post_init__ makes sure
                if not argument.renderer_checks and not argument.kind.accepts(value):
                    report(index, self._mistyped(argument, value))
            elif value not in self.words and not self.any_positional:
                report(index, self._extra_positional(value))
        return problems

    def _unknown(self, name: str) -> str:
        named = sorted(a.name for a in self.arguments if a.named)
        if not named:
            return f"{self.name} takes no named arguments; '{name}' is ignored"
        close = difflib.get_close_matches(name, named, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return (f"unknown argument '{name}' of {self.name} is ignored "
                f"(known: {', '.join(named)}){hint}")

    def _extra_positional(self, value: Value) -> str:
        if not self.positional:
            takes = "no positional arguments"
        else:
            count = len(self.positional)
            takes = (f"{count} positional argument{'s' if count > 1 else ''} "
                     f"({', '.join(self.positional)})")
        if self.words:
            takes += f" and the word{'s' if len(self.words) > 1 else ''} " + ", ".join(
                f"'{word}'" for word in self.words)
        return f"{self.name} takes {takes}; {_shown(value)} is ignored"

    def _mistyped(self, argument: Argument, value: Value) -> str:
        default = f" (default {_shown(argument.default)})" if argument.default is not None else ""
        return (f"argument '{argument.name}' of {self.name} must be {argument.kind.value}"
                f"{default}, not {_shown(value)}")


def _shown(value: Value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, str) else str(value)


class Registry(Mapping[str, "Renderer"]):
    """Shortcode declarations by name; as a mapping, name -> renderer.

    A later declaration of a name replaces an earlier one, as a site's shortcode replaces the
    theme's and the theme's replaces Hugo's own.
    """

    def __init__(self, declarations: Iterable[Declaration]) -> None:
        self._declarations: dict[str, Declaration] = {}
        for declaration in declarations:
            self._declarations[declaration.name] = declaration
        self._parser_names: dict[str, frozenset[str]] | None = None

    def with_declarations(self, declarations: Iterable[Declaration]) -> Registry:
        """This registry with `declarations` added, replacing those of the same name."""
        return Registry([*self._declarations.values(), *declarations])

    def declaration(self, name: str) -> Declaration | None:
        return self._declarations.get(name)

    def declarations(self) -> list[Declaration]:
        return list(self._declarations.values())

    def __getitem__(self, name: str) -> Renderer:
        return self._declarations[name].renderer

    def __iter__(self) -> Iterator[str]:
        return iter(self._declarations)

    def __len__(self) -> int:
        return len(self._declarations)

    def known(self) -> str:
        """The names, sorted, for messages: 'asciinema, badge, button, ...'."""
        return ", ".join(sorted(self._declarations))

    def parser_names(self) -> dict[str, frozenset[str]]:
        """The parser's name sets (`block_names`, `leaf_names` of
        hugomat.read.shortcode_parser.parse)."""
        if self._parser_names is None:  # asked for every page: made once
            closing = {d.name: d.closed for d in self._declarations.values()}
            self._parser_names = {
                "block_names": frozenset(n for n, c in closing.items() if c is Closing.REQUIRED),
                "leaf_names": frozenset(n for n, c in closing.items() if c is Closing.NEVER)}
        return self._parser_names

"""What every shortcode renderer builds on: the Block type, block fences and text helpers.

Nothing here knows the renderer registry, so the families can import it freely.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from hugomat.read.shortcode_parser import Node, Shortcode, Text, Value

# A list item's marker, its indentation and the spaces after it.
LIST_MARKER = re.compile(r"[ \t]*(?:[-*+]|[0-9]{1,9}[.)])[ \t]+")


@dataclass(frozen=True)
class Block:
    """Rendered output that must stand alone between blank lines."""

    text: str


def fence(header: str, content: str, options: dict[str, str] | None = None) -> Block:
    """A pymdownx.blocks fence: `/// header`, its options, a blank line, the content, `///`.

    One syntax that nests to any depth without indentation, which is what shortcodes do.
    """
    lines = [f"/// {header}"]
    lines += [f"    {key}: {value}" for key, value in (options or {}).items()]
    return Block("\n".join(lines) + "\n\n" + content + "\n///\n")


def html_block(selector: str, content: str, *, mode: str = "block") -> Block:
    """An element around Markdown (`mode` block) or around raw HTML (`mode` html).

    pymdownx.blocks.html rather than md_in_html's `<div markdown>`: it also works inside
    indented list items, where Python-Markdown does not see raw HTML blocks.
    """
    return fence(f"html | {selector}", content, {"markdown": mode})


def one_line(text: Value | None) -> str:
    """Text made into one line: block headers and labels cannot span lines."""
    return " ".join(str(text if text is not None else "").split())


def attr(text: Value | None) -> str:
    """A value for an HTML attribute between double quotes."""
    return html.escape(str(text if text is not None else ""), quote=True)


def quoted(text: str) -> str:
    """A quoted value for a pymdownx.blocks.html selector `[name=...]`, quotes included.

    The selector reader keeps backslashes as they are, so quotes are chosen, not escaped.
    """
    text = one_line(text)
    if '"' not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return '"' + text.replace('"', "%22") + '"'


def css_classes(value: Value | None) -> list[str]:
    """The class names of a `class="a b"` argument, kept to characters a selector allows."""
    if value is None or value is True:
        return []
    return [name for name in str(value).split() if re.fullmatch(r"-?[A-Za-z_][\w-]*", name)]


def truthy(value: Value | None) -> bool:
    """Hugo's reading of a flag argument: `x=true`, `x="true"`, or the bare word."""
    return value is True or str(value).strip().lower() in ("true", "yes", "1")


def raw_text(nodes: list[Node] | None) -> str:
    """The body exactly as written, for shortcodes whose body is not Markdown (TeX, diagrams).

    A shortcode inside such a body is kept as its source text: Hugo would run it, but none
    of those bodies has a use for one, and dropping it would lose text.
    """
    parts: list[str] = []
    for node in nodes or []:
        if isinstance(node, Text):
            parts.append(node.text)
        else:
            parts.append(node.source + raw_text(node.children))
            if node.children is not None:
                parts.append(f"{{{{{node.delimiter} /{node.name} "
                             f"{'>' if node.delimiter == '<' else '%'}}}}}")
    return "".join(parts)


def indent_lines(text: str, indent: str, *, first: bool = True) -> str:
    """Prefix every non-blank line with `indent` (the first line too unless `first` is False)."""
    lines = text.split("\n")
    out = []
    for number, line in enumerate(lines):
        if not line.strip() or (number == 0 and not first):
            out.append(line if line.strip() else "")
        else:
            out.append(indent + line)
    return "\n".join(out)


def line_indent(prefix: str) -> tuple[str, bool]:
    """The indentation a block standing after `prefix` (the text before it on its line) keeps.

    Returns (indent, starts_item): whitespace keeps its width; a list marker (`- `, `1. `)
    means the block is the item's first content, indented to the item's text.
    """
    if not prefix.strip():
        return prefix, False
    marker = LIST_MARKER.fullmatch(prefix)
    if marker:
        return " " * len(prefix.expandtabs(4)), True
    return prefix[: len(prefix) - len(prefix.lstrip(" \t"))], False


def is_shortcode(node: Node, name: str) -> bool:
    return isinstance(node, Shortcode) and node.name == name

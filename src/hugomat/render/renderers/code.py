"""Fenced code blocks with a meaning beyond code: ```` ```katex ```` (maths), ```` ```mermaid
```` (a diagram), and Hugo's attributes after the language (`{filename="x.py" linenos=true}`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from hugomat.errors import Location
from hugomat.markdown.raw import raw_fence
from hugomat.render.renderers.math import TexError, tex_as_code, tex_to_mathml

if TYPE_CHECKING:
    from hugomat.render.context import RenderContext

_HUGO_ATTRIBUTE = re.compile(r"""[ \t,]*(?P<key>[A-Za-z_][\w\-]*)[ \t]*=[ \t]*"""
                             r"""(?P<value>"[^"]*"|'[^']*'|\[[^\]]*\]|[^\s,"'\]}]+)""")
# Goldmark's `.class` and `#id`, which Hugo puts on the code's wrapper; nothing to read here.
_CLASS_OR_ID = re.compile(r"[ \t,]*[.#][^\s,{}]+")
_SEPARATORS = re.compile(r"[ \t,]*")


def special_fence(language: str, attributes: str, code: str, ctx: RenderContext,
                  at: Location) -> list[str] | None:
    """The lines replacing a katex fence (MathML); a mermaid fence stays a fence, which the
    page's diagram script draws. None for any other code."""
    name = language.lower()
    if name == "mermaid" or attributes.replace(" ", "").startswith("{.mermaid"):
        ctx.needs.add("mermaid")
        return None
    if name != "katex":
        return None
    ctx.needs.add("katex")
    tex = code.strip()
    try:
        maths = tex_to_mathml(tex, display=True)
    except TexError as error:
        ctx.problem_at(at, f"TeX cannot be drawn ({error}); it is shown as written")
        return raw_fence(tex_as_code(tex, display=True))
    if maths.unknown:
        ctx.problem_at(at, f"TeX command {', '.join(maths.unknown)} is not known; it is "
                           "shown as text")
    return raw_fence(maths.mathml)


def code_fence_options(attributes: str, ctx: RenderContext, at: Location) -> str:
    """Hugo's `{filename="x.py" linenos=table hl_lines=[2,3]}` as pymdownx.highlight options."""
    options: dict[str, str] = {}
    start = "1"
    numbered = False
    _report_unreadable(attributes, ctx, at)
    for match in _HUGO_ATTRIBUTE.finditer(attributes):
        key = match["key"].lower()
        value = match["value"].strip("\"'")
        if key in ("filename", "title"):
            options["title"] = value.replace('"', "'")
        elif key == "linenos":
            numbered = value.lower() not in ("false", "none")
        elif key == "linenostart":
            if not value.isdigit():
                ctx.problem_at(at, f"code fence attribute linenostart={value} is not a line "
                                   "number; the lines are numbered from 1")
            start = value if value.isdigit() else "1"
        elif key == "hl_lines":
            # Hugo ignores what holds no line number; pymdownx would not read the fence.
            lines = " ".join(re.findall(r"[0-9]+(?:-[0-9]+)?", value))
            if lines:
                options["hl_lines"] = lines
        # Any other key (style, height, ...) Hugo accepts and ignores here, and so
        # does hugomat: the theme decides how code looks.
    if numbered:
        options["linenums"] = start
    return " ".join(f'{key}="{value}"' for key, value in options.items())


def _report_unreadable(attributes: str, ctx: RenderContext, at: Location) -> None:
    """Text between the braces that is no `key=value`, `.class` or `#id`: a mistake Hugo
    would not read either (an unclosed brace, a bare word)."""
    inner = attributes.strip()
    if not inner.startswith("{") or not inner.endswith("}"):
        ctx.problem_at(at, f"code fence attributes '{attributes.strip()}' are not closed "
                           "by '}'; they are ignored")
        return
    inner = inner[1:-1]
    position = 0
    while position < len(inner):
        for pattern in (_HUGO_ATTRIBUTE, _CLASS_OR_ID, _SEPARATORS):
            match = pattern.match(inner, position)
            if match and match.end() > position:
                position = match.end()
                break
        else:
            word = inner[position:].split()[0]
            ctx.problem_at(at, f"code fence attribute '{word}' is not key=value; it is "
                               "ignored")
            return

"""Fenced code blocks with a meaning beyond code: ```` ```katex ```` (maths), ```` ```mermaid
```` (a diagram), and Hugo's attributes after the language (`{filename="x.py" linenos=true}`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from hugomat.errors import Location
from hugomat.markdown.raw import raw_fence
from hugomat.renderers.math import TexError, tex_as_code, tex_to_mathml

if TYPE_CHECKING:
    from hugomat.render import RenderContext

_HUGO_ATTRIBUTE = re.compile(r"""[ \t,]*(?P<key>[A-Za-z_][\w\-]*)[ \t]*=[ \t]*"""
                             r"""(?P<value>"[^"]*"|'[^']*'|\[[^\]]*\]|[^\s,"'\]}]+)""")
# Options of Hugo's highlighter that only change how code looks, which the theme decides here.
_PRESENTATION = {"style", "noclasses", "guesssyntax", "codefences", "tabwidth", "hl_inline",
                 "linenumbersintable", "anchorlinenos", "lineanchors", "wrapperclass"}


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
    for match in _HUGO_ATTRIBUTE.finditer(attributes):
        key = match["key"].lower()
        value = match["value"].strip("\"'")
        if key in ("filename", "title"):
            options["title"] = value.replace('"', "'")
        elif key == "linenos":
            numbered = value.lower() not in ("false", "none")
        elif key == "linenostart":
            start = value if value.isdigit() else "1"
        elif key == "hl_lines":
            # Hugo ignores what holds no line number; pymdownx would not read the fence.
            lines = " ".join(re.findall(r"[0-9]+(?:-[0-9]+)?", value))
            if lines:
                options["hl_lines"] = lines
        elif key not in _PRESENTATION:
            ctx.problem_at(at, f"code fence attribute '{match['key']}' is not known; known: "
                               "filename, linenos, linenostart, hl_lines")
    if numbered:
        options["linenums"] = start
    return " ".join(f'{key}="{value}"' for key, value in options.items())

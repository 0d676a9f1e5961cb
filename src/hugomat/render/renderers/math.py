"""`katex`: TeX maths turned into MathML when the site is built, which browsers draw natively:
no KaTeX, no script, nothing loaded from elsewhere.

The MathML is written so that Markdown leaves it alone wherever it lands (a paragraph, a
table cell, a list item): one line, and every character Markdown could read as syntax
written as a character reference.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hugomat.errors import Location
from hugomat.read.shortcode_parser import Shortcode
from hugomat.render.placeholders import dedent
from hugomat.render.renderers.base import Block, css_classes, raw_text, truthy

if TYPE_CHECKING:
    from hugomat.render.context import RenderContext

# Characters with a meaning to Markdown, tables or pymdownx; harmless as references in HTML.
_MARKDOWN_SPECIAL = re.compile(r"[\\`*_{}\[\]()#+\-.!|$~^<>:]")
_TEXT = re.compile(r">([^<]+)<")
_UNKNOWN_COMMAND = re.compile(r"\\[A-Za-z]+")


class TexError(ValueError):
    """TeX that cannot be turned into MathML."""


@dataclass(frozen=True)
class Maths:
    """TeX converted: the MathML, and the commands the converter did not know (drawn as text)."""

    mathml: str
    unknown: list[str]


def tex_to_mathml(tex: str, *, display: bool, css_class: str = "") -> Maths:
    # Imported on the first formula: reading its symbol tables costs every build ~20 ms.
    from latex2mathml.converter import convert

    try:
        mathml = convert(tex, display="block" if display else "inline")
    # latex2mathml raises its own errors, and plain Python ones on some malformed input; any
    # of them is a mistake in the TeX, which must not stop the build.
    except Exception as error:
        raise TexError(str(error) or _words(type(error).__name__)) from None
    unknown: list[str] = []
    for text in _TEXT.findall(mathml):
        unknown += [c for c in _UNKNOWN_COMMAND.findall(html.unescape(text)) if c not in unknown]
    mathml = _TEXT.sub(lambda m: ">" + _protect(m.group(1)) + "<", mathml)
    classes = " ".join(["hugomat-math", *css_class.split()])
    mathml = mathml.replace("<math ", f'<math class="{classes}" ', 1)
    return Maths(" ".join(mathml.split("\n")), unknown)


def _words(name: str) -> str:
    """`MissingSuperScriptOrSubscriptError` as 'missing superscript or subscript'."""
    words = re.findall(r"[A-Z][a-z]*|[a-z]+", name.removesuffix("Error"))
    return " ".join(words).lower().replace("super script", "superscript") or name


def _protect(text: str) -> str:
    """Character references for what Markdown would read as syntax (entities stay entities)."""
    text = html.unescape(text)
    escaped = html.escape(text, quote=False)
    return _MARKDOWN_SPECIAL.sub(lambda m: f"&#{ord(m.group())};", escaped).replace(
        "&#38;", "&amp;")


def tex_as_code(tex: str, *, display: bool) -> str:
    """TeX that could not be converted, shown as it was written."""
    css = "hugomat-math-error hugomat-math-error--display" if display else "hugomat-math-error"
    return f'<code class="{css}">{_protect(tex)}</code>'


def render_katex(node: Shortcode, ctx: RenderContext) -> str | Block:
    """Inline maths, or a display block with `display=true`. Once on a page, it also turns the
    page's `$$...$$`, `\\\\(...\\\\)` and `\\\\[...\\\\]` into maths, as hugo-book's KaTeX does."""
    ctx.needs.add("katex")
    indent = ctx.indents[-1] if ctx.indents else ""
    tex = dedent(raw_text(node.children), indent).strip()
    if not tex:
        # `{{< katex />}}` only switches the page's delimiters on.
        return ""
    display = truthy(node.named.get("display", False))
    css = " ".join(css_classes(node.named.get("class")))
    try:
        maths = tex_to_mathml(tex, display=display, css_class=css)
    except TexError as error:
        ctx.problem(node, f"TeX cannot be drawn ({error}); it is shown as written")
        out = tex_as_code(tex, display=display)
    else:
        if maths.unknown:
            ctx.problem(node, f"TeX command {', '.join(maths.unknown)} is not known; it is "
                              "shown as text")
        out = maths.mathml
    return Block(out + "\n") if display else out


def inline_maths(tex: str, display: bool, ctx: RenderContext, at: Location) -> str:
    """Maths found in a page's text (`$$...$$`, `\\(...\\)`, `\\[...\\]`) as MathML, or
    as the TeX it was when it cannot be drawn."""
    try:
        maths = tex_to_mathml(tex.strip(), display=display)
    except TexError as error:
        ctx.problem_at(at, f"TeX cannot be drawn ({error}); it is shown as written")
        return tex_as_code(tex.strip(), display=display)
    if maths.unknown:
        ctx.problem_at(at, f"TeX command {', '.join(maths.unknown)} is not known; it is "
                           "shown as text")
    return maths.mathml

"""The hugo-book theme's own templates (../shared/corpus) through the interpreter."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from hugomat.gotemplate import CallContext, Environment, SafeHTML, TemplateError
from hugomat.gotemplate.functions import HUGO_FUNCTIONS

CORPUS = Path(__file__).parents[2] / "shared" / "corpus"
THEME = CORPUS / "hugo-book-theme" / "layouts"
RENDER = CORPUS / "hugo-book-example-render"

pytestmark = pytest.mark.skipif(not THEME.is_dir(), reason="the shared corpus is not present")


def layouts() -> list[Path]:
    return sorted(THEME.rglob("*.html")) if THEME.is_dir() else []


def test_every_theme_template_parses_once_site_functions_are_registered() -> None:
    stubs = {name: (lambda *args: None) for name in HUGO_FUNCTIONS}
    env = Environment(functions=stubs)
    assert len(layouts()) > 40
    for path in layouts():
        env.parse(str(path), path.read_text(encoding="utf-8"), path=str(path))


def test_without_them_a_template_fails_only_by_naming_a_site_function() -> None:
    env = Environment()
    for path in layouts():
        try:
            env.parse(str(path), path.read_text(encoding="utf-8"), path=str(path))
        except TemplateError as error:
            assert error.unsupported_function in HUGO_FUNCTIONS, str(error)
            assert str(error).startswith(f"{path}:{error.line}:{error.column}: function ")


class Shortcode:
    """The few members of Hugo's shortcode context that hugo-book's hint uses."""

    def __init__(self, positional: list[str], inner: str) -> None:
        self.positional = positional
        self.Inner = SafeHTML(inner)
        self.IsNamedParams = False
        self.Params = positional

    def Get(self, key: Any) -> Any:
        if isinstance(key, int) and key < len(self.positional):
            return self.positional[key]
        return None


def theme_environment() -> Environment:
    def partial(ctx: CallContext, name: str, data: Any = None) -> Any:
        template = ctx.env.get("_partials/" + name + ("" if name.endswith(".html") else ".html"))
        if template is None:
            raise ctx.error(f'partial "{name}" not found')
        return ctx.call_template(template, data)

    def loader(name: str) -> tuple[str, str] | None:
        path = THEME / name
        return (str(path), path.read_text(encoding="utf-8")) if path.is_file() else None

    return Environment(functions={"warnf": lambda *args: ""},
                       context_functions={"partial": partial}, loader=loader)


def test_the_hint_shortcode_renders_as_hugo_rendered_it() -> None:
    inner = ("<p><strong>Info</strong><br>\n"
             "Use for supplementary information that helps the reader.</p>\n")
    hint = theme_environment().get("_shortcodes/hint.html")
    assert hint is not None
    output = hint.execute(Shortcode(["info"], inner))
    hugo = (RENDER / "docs__content__shortcodes__hints.html").read_text(encoding="utf-8")
    assert output.strip() in hugo
    assert output.startswith('<blockquote class="book-hint info" >\n<p><strong>Info')

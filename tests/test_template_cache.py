"""Compiled templates are kept between builds (Jinja's bytecode cache in hugomat's cache
folder), and a changed template is compiled again."""

from __future__ import annotations

from click.testing import CliRunner

from hugomat.cli import main

CONFIG = """\
site_name: Test Book
docs_dir: content
theme:
  name: material
  font: false
  custom_dir: overrides
plugins:
  - search
  - hugomat
"""
OVERRIDE = """{% extends "base.html" %}
{% block extrahead %}{{ super() }}<meta name="marker" content="MARK">{% endblock %}
"""


def build() -> None:
    result = CliRunner().invoke(main, ["build", "--strict"], catch_exceptions=False)
    assert result.exit_code == 0, result.output


def test_templates_compiled_once_are_reused_and_recompiled_when_changed(project):
    root = project({"_index.md": "---\ntitle: Home\n---\nHello\n",
                    "docs/a.md": "---\ntitle: A\n---\nText\n"}, config=CONFIG)
    (root / "overrides").mkdir()
    (root / "overrides" / "main.html").write_text(OVERRIDE.replace("MARK", "one"))
    build()
    cached = list((root / ".cache" / "hugomat" / "templates").iterdir())
    assert len(cached) > 10  # Material's templates, and the override
    first = (root / "site" / "docs" / "a" / "index.html").read_bytes()
    build()
    assert (root / "site" / "docs" / "a" / "index.html").read_bytes() == first
    (root / "overrides" / "main.html").write_text(OVERRIDE.replace("MARK", "two"))
    build()
    page = (root / "site" / "docs" / "a" / "index.html").read_text("utf-8")
    assert '<meta name="marker" content="two">' in page and "content=\"one\"" not in page

"""A mistake in a template override of the site is one located line and exit 2 (the site's
configuration), never a traceback; the previous site stays."""

from __future__ import annotations

import pytest
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


@pytest.mark.parametrize(("block", "message"), [
    ("{{ page.title | nosuchfilter }}", "template: No filter named 'nosuchfilter'."),
    ("{{ page.title {% endblock %}", "template: expected token 'end of print statement'"),
    ("{{ page.nope.deeper() }}", "template: 'mkdocs.structure.pages.Page object' has no "
                                 "attribute 'nope'"),
])
def test_a_broken_override_is_one_located_line_and_exit_2(project, block, message):
    root = project({"docs/a.md": "---\ntitle: A\n---\nText\n"}, config=CONFIG)
    (root / "overrides").mkdir()
    good = '{% extends "base.html" %}\n'
    (root / "overrides" / "main.html").write_text(good)
    assert CliRunner().invoke(main, ["build"], catch_exceptions=False).exit_code == 0
    before = (root / "site" / "docs" / "a" / "index.html").read_bytes()
    (root / "overrides" / "main.html").write_text(
        good + "{% block content %}" + block + "{% endblock %}\n")
    result = CliRunner().invoke(main, ["build"], catch_exceptions=False)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert f"error: overrides/main.html:2: {message}" in result.output
    assert (root / "site" / "docs" / "a" / "index.html").read_bytes() == before

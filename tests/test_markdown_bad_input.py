"""Bad Markdown gives a page or a located mistake: never a traceback, a hang or lost text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hugomat.read import book
from hugomat.read.source import SiteSource
from hugomat.render.convert import convert

FIRST = 4  # the body's first line, after three lines of front matter


def converted(project, body: str):
    root = project({"docs/a.md": "---\ntitle: A\n---\n" + body})
    loaded = book.load(SiteSource(root=root, content_dir=root / "content"))
    return convert(loaded.by_rel_path["docs/a.md"], loaded)


def where(line: int, column: int = 1) -> str:
    return f"{Path('content/docs/a.md')}:{line}:{column}: "


def test_an_unclosed_fence_runs_to_the_end(project):
    result = converted(project, "Text.\n\n```python\nprint(1)\n\nmore code\n")
    assert not result.errors
    assert result.markdown.startswith("Text.\n\n```python\nprint(1)\n\nmore code\n```\n")


def test_unclosed_html_blocks_keep_the_markdown_after_them(project):
    result = converted(project, '<div class="box">\n<table>\n\n*after* it\n')
    assert not result.errors
    assert "*after* it" in result.markdown


BLOCKS = "lists and quotes (a list takes two levels, a quote one) are nested deeper than"
INLINE = "emphasis and links are nested deeper than the 64 levels hugomat reads"


@pytest.mark.parametrize(("body", "line", "what"), [
    ("- " * 10_000 + "deep\n", 0, BLOCKS),
    ("> " * 10_000 + "deep\n", 0, BLOCKS),
    # One quote deeper each line: the mistake is where the 64 levels run out.
    ("".join("> " * depth + "line\n" for depth in range(1, 200)), 61, BLOCKS),
    ("*" * 20_000 + "x" + "*" * 20_000 + "\n", 0, INLINE),
])
def test_nesting_too_deep_to_write_is_a_located_mistake(project, body, line, what):
    result = converted(project, "Before.\n\n" + body)
    assert len(result.errors) == 1
    assert str(result.errors[0]).startswith(where(FIRST + 2 + line))
    assert what in result.errors[0].message


def test_deep_but_readable_nesting_is_written(project):
    result = converted(project, "> " * 20 + "deep\n\n" + "- " * 10 + "item\n")
    assert not result.errors
    assert "> " * 20 + "deep" in result.markdown


def test_a_large_page_is_converted_whole(project):
    paragraph = "A *sentence* with [a link](https://example.org/) and \"quotes\" -- here.\n"
    body = (paragraph * 6 + "\n") * 1_000  # 0.4 MB
    result = converted(project, body)
    assert not result.errors
    assert result.markdown.count("[a link](https://example.org/)") == 6_000


_PIECES = st.sampled_from([
    "text", "*em*", "`code`", "[a](b.md)", "- item", "1. one", "> quote", "# Heading", "\n",
    "\n\n", "  ", "```\ncode\n```", "<div>", "</div>", "| a | b |\n|---|---|\n| 1 | 2 |",
    '{{< hint info >}}', "{{< /hint >}}", '{{% details "D" %}}', "{{% /details %}}",
    '{{< relref "b" >}}', '{{< badge title="x" >}}', "{{< tabs >}}", '{{% tab "T" %}}',
    "{{% /tab %}}", "{{< /tabs >}}", "Term\n: def", "[^1]", "[^1]: note", "> [!NOTE]",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.lists(_PIECES, max_size=12).map(" ".join))
def test_any_mix_of_markdown_and_shortcodes_gives_a_page_or_located_mistakes(project, body):
    root = project({"docs/a.md": "---\ntitle: A\n---\n" + body,
                    "docs/b.md": "---\ntitle: B\n---\nB\n"})
    loaded = book.load(SiteSource(root=root, content_dir=root / "content"))
    result = convert(loaded.by_rel_path["docs/a.md"], loaded)
    for error in result.errors:
        assert str(error).startswith(f"{Path('content/docs/a.md')}:")
    if not result.errors:
        assert "{{<" not in result.markdown and "{{%" not in result.markdown

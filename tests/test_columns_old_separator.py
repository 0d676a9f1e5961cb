"""hugo-book's `columns` in its old form, parts split by `<--->`, read as Hugo reads them.

hugo-book cuts the body at each `<--->` and puts each part, as written, between `<div>`s. The
`{{% columns %}}` form's output is then Markdown, so Goldmark reads those `<div>` lines as
HTML blocks (a part's first lines, up to a blank line, stay raw text); the `{{< columns >}}`
form's is HTML, so every part's Markdown stays raw text. hugomat reads both the same way and
says at the separator that it is the old form. The list form (`- column`) is unaffected.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpus_text import blocks_of
from hugo_reference import HugoRender, hugo_render, page_source
from hugomat.cli import main
from hugomat_reference import HugomatRender, hugomat_render

CASES: dict[str, str] = {
    "angle-blank-lines": "{{< columns >}}\n## Left\n\nLeft *part*.\n\n<--->\n\n"
                         "Right **part**.\n{{< /columns >}}\n",
    "angle-tight": "{{< columns >}}\nLeft *part*.\n<--->\nRight **part**.\n<--->\nThird.\n"
                   "{{< /columns >}}\n",
    "angle-ratio-html": '{{< columns ratio="1:2" >}}\nA <b>bold</b> &amp; *not*\n<--->\n'
                        "B `code`\n{{< /columns >}}\n\nAfter *it*.\n",
    "percent-blank-lines": "{{% columns %}}\n## Left\n\nLeft *part*.\n\n<--->\n\n"
                           "Right **part**.\n\n- an item\n{{% /columns %}}\n",
    "percent-tight": "{{% columns %}}\nLeft *part*.\n<--->\nRight **part**.\n{{% /columns %}}\n",
    "percent-heading-after-blank": "{{% columns %}}\n\n### Left\n\nText *a*.\n<--->\n\n"
                                   "### Right\nText *b*.\n{{% /columns %}}\n",
    "list-percent": "{{% columns %}}\n- Left *part*.\n- Right **part**.\n{{% /columns %}}\n",
}


def page_name(name: str) -> str:
    return f"columns-{name}"


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return {page_name(name): page_source(f"Columns {name}", body)
            for name, body in CASES.items()}


@pytest.fixture(scope="module")
def hugo(pages: dict[str, str]) -> HugoRender:
    return hugo_render(pages)


@pytest.fixture(scope="module")
def ours(pages: dict[str, str], hugo: HugoRender,
         tmp_path_factory: pytest.TempPathFactory) -> HugomatRender:
    return hugomat_render(pages, tmp_path_factory.mktemp("columns") / "book", files=hugo.files)


def texts(article: str) -> list[str]:
    return [block.text for block in blocks_of(article)]


@pytest.mark.parametrize("name", list(CASES))
def test_columns_hold_the_text_blocks_hugo_renders(name: str, hugo: HugoRender,
                                                   ours: HugomatRender):
    page = page_name(name)
    assert page not in ours.refused, ours.refused.get(page)
    # The same blocks, in the same order: raw Markdown where Hugo leaves it raw, and nothing
    # rendered where Hugo renders nothing.
    assert texts(ours.articles[page]) == texts(hugo.articles[page])


MKDOCS_YML = """\
site_name: Columns
docs_dir: content
theme:
  name: material
  font: false
plugins:
  - hugomat
"""


def build_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, *,
               strict: bool = False) -> tuple[int, str, str]:
    root = tmp_path / "book"
    (root / "content" / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML, "utf-8")
    (root / "content" / "docs" / "page.md").write_text(f"---\ntitle: Page\n---\n{body}",
                                                      "utf-8")
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["build", *(["--strict"] if strict else [])],
                                catch_exceptions=False)
    page = root / "site" / "docs" / "page" / "index.html"
    return result.exit_code, result.output, page.read_text("utf-8") if page.is_file() else ""


@pytest.mark.parametrize("delimiter", ["<", "%"])
@pytest.mark.parametrize("strict", [False, True])
def test_the_old_separator_is_a_located_warning(tmp_path, monkeypatch, delimiter, strict):
    close = ">" if delimiter == "<" else "%"
    body = (f"Intro.\n\n{{{{{delimiter} columns {close}}}}}\nLeft.\n\n  <--->\nRight.\n"
            f"<--->\nThird.\n{{{{{delimiter} /columns {close}}}}}\n")
    code, output, _ = build_page(tmp_path, monkeypatch, body, strict=strict)
    # The first separator (file line 9, after two spaces), said once for the shortcode; like
    # every warning, an error under --strict.
    assert code == (1 if strict else 0), output
    said = re.findall(r"content/docs/page\.md:(\d+):(\d+): (?:warning: )?(.*<--->.*)", output)
    assert [(line, column) for line, column, _ in said] == [("9", "3")], output
    assert "old separator" in said[0][2], output


def test_angle_form_parts_stay_raw_markdown_as_hugo_leaves_them(tmp_path, monkeypatch):
    _, _, html = build_page(tmp_path, monkeypatch,
                         "{{< columns >}}\nLeft *part*.\n<--->\nRight **part**.\n"
                         "{{< /columns >}}\n")
    assert html.count('<div class="hugomat-column">') == 2
    assert "Left *part*." in html and "Right **part**." in html
    assert "<em>part</em>" not in html and "<strong>part</strong>" not in html
    assert "&lt;---&gt;" not in html

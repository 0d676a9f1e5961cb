"""Shortcodes to Markdown, and that Markdown through Python-Markdown as MkDocs renders it."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from hugomat.adapter.site_config import MARKDOWN_EXTENSIONS
from hugomat.errors import ContentErrors
from hugomat.read import book
from hugomat.read.source import SiteSource
from hugomat.render.convert import convert_page


def to_html(text: str) -> str:
    md = markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS),
                           extension_configs={k: v for k, v in MARKDOWN_EXTENSIONS.items() if v})
    return md.convert(text)


def convert(project, body: str, *, strict: bool = False, extra: dict[str, str] | None = None,
            path: str = "docs/page.md"):
    pages = {path: "---\ntitle: Page\n---\n" + body, "docs/other.md": "---\ntitle: O\n---\n# O\n"}
    pages.update(extra or {})
    root = project(pages)
    loaded = book.load(SiteSource(root=root, content_dir=root / "content"))
    return convert_page(loaded.by_rel_path[path], loaded, strict=strict)


@pytest.mark.parametrize(("tag", "summary", "is_open"), [
    ('{{% details title="What is it?" open=false %}}', "What is it?", False),
    ('{{% details title="What is it?" open=true %}}', "What is it?", True),
    ('{{% details title="What is it?" open="true" %}}', "What is it?", True),
    ('{{% details "What is it?" open %}}', "What is it?", True),
    ('{{% details "What is it?" %}}', "What is it?", False),
    ('{{< details title="What is it?" >}}', "What is it?", False),
])
def test_details_title_and_open(project, tag, summary, is_open):
    closer = "{{< /details >}}" if tag.startswith("{{<") else "{{% /details %}}"
    out = convert(project, f"Before.\n{tag}\nInside *text*.\n{closer}\nAfter.\n")
    html = to_html(out.markdown)
    opening = "<details open" if is_open else "<details>"
    assert opening in html
    assert f"<summary>{summary}</summary>" in html
    assert "<em>text</em>" in html
    assert html.index("Before.") < html.index("<details") < html.index("After.")
    assert "{{" not in html


@pytest.mark.parametrize("kind", ["info", "success", "warning", "danger"])
def test_hint_kinds_become_admonitions(project, kind):
    out = convert(project, f"{{{{< hint {kind} >}}}}\n**Note** this.\n{{{{< /hint >}}}}\n")
    html = to_html(out.markdown)
    assert f'<div class="admonition {kind}">' in html
    assert "<strong>Note</strong>" in html
    assert "admonition-title" not in html


def test_hint_without_kind_is_a_plain_box(project):
    html = to_html(convert(project, "{{< hint >}}\nPlain.\n{{< /hint >}}\n").markdown)
    assert '<div class="admonition">' in html and "<p>Plain.</p>" in html


def test_nested_blocks_render_nested(project):
    body = ("{{% details Outer %}}\nOuter text.\n{{% hint warning %}}\nInner text.\n"
            "{{% details Innermost open %}}\nDeep.\n{{% /details %}}\n{{% /hint %}}\n"
            "Outer again.\n{{% /details %}}\n")
    html = to_html(convert(project, body).markdown)
    outer = html.index("<summary>Outer</summary>")
    hint = html.index('<div class="admonition warning">')
    inner = html.index("<summary>Innermost</summary>")
    assert outer < hint < inner < html.index("Deep.") < html.index("Outer again.")
    assert html.count("</details>") == 2


@pytest.mark.parametrize(("ref", "href"), [
    ('"/docs/other"', "../other/"),
    ('"other.md"', "../other/"),
    ('"other#anchor"', "../other/#anchor"),
    ('"/"', "../../"),
    ('"#local"', "#local"),
    ('"../docs/other"', "../other/"),
    ('"./other.md#part"', "../other/#part"),
])
def test_relref_and_ref_are_relative_links(project, ref, href):
    for name in ("relref", "ref"):
        out = convert(project, f"[link]({{{{< {name} {ref} >}}}})\n",
                      extra={"_index.md": "---\ntitle: Home\n---\nHi\n"})
        assert f'<a href="{href}">link</a>' in to_html(out.markdown)


def test_relref_to_a_missing_page_is_an_error_naming_target_and_page(project):
    with pytest.raises(ContentErrors) as failure:
        convert(project, "Text\n\nSee [x]({{< relref \"nowhere\" >}}).\n")
    message = str(failure.value.errors[0])
    assert message.startswith(f"{Path('content/docs/page.md')}:6:9: ")
    assert "'nowhere'" in message and "page.md" in message


def test_unknown_shortcode_warns_and_is_shown_not_dropped(project):
    out = convert(project, "{{< mystery a=1 >}}\nHidden *body*.\n{{< /mystery >}}\n"
                           "Inline {{< leafy >}} here.\n")
    html = to_html(out.markdown)
    assert "Unsupported shortcode: mystery" in html
    assert "<em>body</em>" in html
    assert "leafy" in html
    assert "{{" not in html
    assert [w.location.line for w in out.warnings] == [4, 7]
    assert "unknown shortcode 'mystery'" in out.warnings[0].message
    assert "details" in out.warnings[0].message  # names the known ones


def test_unknown_shortcode_is_an_error_under_strict(project):
    with pytest.raises(ContentErrors) as failure:
        convert(project, "{{< mystery >}}\n", strict=True)
    assert str(failure.value.errors[0]).startswith(f"{Path('content/docs/page.md')}:4:1: ")


def test_escaped_shortcodes_print_literally(project):
    out = convert(project, "```\n{{</* hint info */>}}\n```\n")
    assert "{{< hint info >}}" in out.markdown


def test_shortcode_mistakes_are_content_errors_with_location(project):
    with pytest.raises(ContentErrors) as failure:
        convert(project, "Text\n{{% details title=\"x\" %}}\nnever closed\n")
    assert failure.value.errors[0].location.line == 5
    assert failure.value.errors[0].location.column == 1

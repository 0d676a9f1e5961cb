"""What Hugo's Markdown reads and Python-Markdown does not: alerts, heading and fence attributes,
CommonMark list indentation; and shortcodes nested in each other and in list items."""

from __future__ import annotations

import re

import pytest

from test_shortcodes_render import FIRST, at, convert, error_of, html_of, to_html

# -- GitHub alerts -------------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "title"), [
    ("NOTE", "Note"), ("TIP", "Tip"), ("IMPORTANT", "Important"), ("WARNING", "Warning"),
    ("CAUTION", "Caution"),
])
def test_github_alerts_become_admonitions(project, kind, title):
    html = html_of(project, f"Before.\n> [!{kind}]\n> Some *text*\n> more.\n\nAfter.\n")
    assert (f'<div class="admonition {kind.lower()}">\n<p class="admonition-title">{title}</p>\n'
            "<p>Some <em>text</em>\nmore.</p>\n</div>") in html
    assert html.index("Before.") < html.index("admonition") < html.index("After.")
    assert "[!" not in html


def test_alert_with_title_lazy_line_and_fold(project):
    html = html_of(project, "> [!TIP]- Read me\n> Folded\nlazy line\n\n> [!NOTE]+\n> Open\n")
    assert '<details class="tip">\n<summary>Read me</summary>\n<p>Folded\nlazy line</p>' in html
    assert '<details class="note" open="open">\n<summary>Note</summary>' in html


def test_alert_inside_a_list_item_stays_in_the_item(project):
    html = html_of(project, "- Item\n\n  > [!WARNING]\n  > Careful.\n- Next\n")
    item = re.findall(r"<li>(.*?)</li>", html, re.DOTALL)[0]
    assert '<div class="admonition warning">' in item and "Careful." in item


def test_plain_quotes_stay_quotes_and_any_word_makes_an_alert(project):
    # Hugo takes any word for an alert's kind, as hugo-book's style sheet does.
    html = html_of(project, "> Just a quote.\n\nBetween.\n\n> [!PURPLE]\n> An alert.\n")
    assert html.count("<blockquote>") == 1
    assert ('<div class="admonition purple">\n<p class="admonition-title">Purple</p>\n'
            "<p>An alert.</p>\n</div>") in html


def test_alerts_in_code_are_text(project):
    html = html_of(project, "```markdown\n> [!NOTE]\n> text\n```\n")
    assert "[!NOTE]" in html and "admonition" not in html


# -- heading attributes --------------------------------------------------------------------------


def test_heading_attributes(project):
    html = html_of(project, "# Main {anchor=false}\n\n## Part {#custom .wide}\n\n"
                            "- ### In a list {anchor=false}\n  text\n")
    assert re.search(r'<h1 class="hugomat-no-anchor" id="main">Main<a class="headerlink"', html)
    assert re.search(r'<h2 class="wide" id="custom">Part<a class="headerlink"', html)
    assert re.search(r'<h3 (class="hugomat-no-anchor" id="in-a-list"|id="in-a-list" '
                     r'class="hugomat-no-anchor")>In a list', html)
    assert "{" not in html


def test_braces_that_are_not_attributes_stay_text(project):
    html = html_of(project, "## Sets {a, b}\n\n```md\n## Code {#x}\n```\n")
    assert 'id="sets-a-b">Sets {a, b}' in html and "## Code {#x}" in html


# -- fence attributes ----------------------------------------------------------------------------


def test_fence_filename_becomes_a_title(project):
    html = html_of(project, '```py {filename="hello.py"}\nprint("hi")\n```\n')
    assert '<span class="filename">hello.py</span>' in html and "{filename" not in html


def test_fence_line_numbers_and_highlighted_lines(project):
    html = html_of(project, "```py {linenos=table, hl_lines=[2,3], linenostart=5}\na\nb\nc\n```\n")
    assert 'class="linenos"' in html and ">5</a>" in html and ">7</a>" in html
    assert html.count('<span class="hll">') == 2


def test_fence_options_hugo_cannot_read_leave_the_code_a_block(project):
    # Hugo numbers the lines for any linenos but false and ignores an hl_lines without numbers.
    html = html_of(project, "```go {linenos=maybe hl_lines=x}\nx := 1\n```\n")
    assert 'class="linenos"' in html and "<pre" in html and "x := 1" not in html
    assert "hl_lines" not in html and '<span class="hll">' not in html


def test_fence_attributes_hugo_accepts_are_ignored_silently(project):
    # Hugo reads any key=value (and .class, #id) after the language and ignores what it
    # does not use; so does hugomat, under --strict too.
    out = convert(project, 'Text.\n\n```go {style=monokai, mystery="x" height=10 .wide #c}\n'
                           "x := 1\n```\n", strict=True)
    assert out.warnings == [] and out.errors == []
    html = to_html(out.markdown)
    assert "x" in html and "height" not in html and "mystery" not in html


@pytest.mark.parametrize(("info", "message"), [
    ("go {linenos=true", "code fence attributes '{linenos=true' are not closed by '}'; they "
                         "are ignored"),
    ("go {linenos=true oops}", "code fence attribute 'oops' is not key=value; it is ignored"),
    ("go {linenostart=ten}", "code fence attribute linenostart=ten is not a line number; the "
                             "lines are numbered from 1"),
])
def test_fence_attribute_mistakes_are_still_reported(project, info, message):
    out = convert(project, f"Text.\n\n```{info}\nx := 1\n```\n")
    assert [str(w) for w in out.warnings] == [f"{at(FIRST + 2, 4)}{message}"]
    assert error_of(project, f"```{info}\nx := 1\n```\n", strict=True) == \
        f"{at(FIRST, 4)}{message}"


# -- nesting and list items ------------------------------------------------------------------------


def test_tabs_inside_columns_inside_details(project):
    body = ('{{% details "Outer" open %}}\n{{% columns %}}\n- First column\n  {{< tabs >}}\n'
            '  {{% tab "A" %}}\n  Tab *A*.\n  {{% /tab %}}\n  {{% tab "B" %}}\n  ```text\n'
            "  code\n  ```\n  {{% /tab %}}\n  {{< /tabs >}}\n\n- Second column\n"
            "  {{< hint warning >}}\n  Careful.\n  {{< /hint >}}\n{{% /columns %}}\n"
            "{{% /details %}}\n")
    html = html_of(project, body)
    details = html.index("<details open")
    columns = html.index('<div class="hugomat-columns">')
    tabs = html.index('class="tabbed-set')
    hint = html.index('<div class="admonition warning">')
    assert details < columns < tabs < hint < html.index("</details>")
    items = re.findall(r"<li>(.*?)</li>", html, re.DOTALL)
    assert len(items) == 2
    assert "Tab <em>A</em>." in items[0] and "code" in items[0]
    assert "Careful." in items[1]


def test_block_shortcodes_in_indented_list_items_keep_the_list(project):
    body = ('1. Step one\n   {{% details "More" %}}\n   Hidden *text*.\n   {{% /details %}}\n'
            "2. Step two\n   {{< hint info >}}\n   Note.\n   {{< /hint >}}\n\n"
            "   Still step two.\n3. Step three\n")
    html = html_of(project, body)
    assert html.count("<ol>") == 1
    items = re.findall(r"<li>(.*?)</li>", html, re.DOTALL)
    assert len(items) == 3
    assert "<summary>More</summary>" in items[0] and "<em>text</em>" in items[0]
    assert '<div class="admonition info">' in items[1] and "Still step two." in items[1]


def test_block_right_after_a_list_marker_is_the_item_content(project):
    html = html_of(project, '- {{% details "D" %}}\n  Inside.\n  {{% /details %}}\n- Next\n')
    items = re.findall(r"<li>(.*?)</li>", html, re.DOTALL)
    assert len(items) == 2 and "<summary>D</summary>" in items[0] and "Next" in items[1]


def test_fence_on_a_list_marker_line_stays_in_the_item(project):
    html = html_of(project, "- ```text\n  one\n  ```\n\n- ```text\n  two\n  ```\n")
    items = re.findall(r"<li>(.*?)</li>", html, re.DOTALL)
    assert len(items) == 2 and "one" in items[0] and "two" in items[1]
    assert "```" not in html


# -- CommonMark lists to Python-Markdown ---------------------------------------------------


def test_item_paragraphs_indented_to_the_item_text_stay_in_the_item(project):
    html = html_of(project, "- First\n\n  Second paragraph.\n- Next\n\nText.\n\n"
                            "10. Ten\n\n    Ten more.\n")
    items = re.findall(r"<li>(.*?)</li>", html, re.DOTALL)
    assert "Second paragraph." in items[0] and "Ten more." in items[2]


def test_list_or_fence_interrupting_a_paragraph(project):
    html = html_of(project, "Some text:\n- a\n- b\n\nCode:\n```text\nx\n```\nAfter.\n")
    assert "<p>Some text:</p>\n<ul>\n<li>a</li>" in html
    assert "<p>Code:</p>" in html and "<p>After.</p>" in html


def test_numbers_inside_a_paragraph_are_not_a_list(project):
    html = html_of(project, "The year was\n1984. It rained.\n")
    assert "<ol>" not in html


def test_no_shortcode_braces_left_outside_code(project):
    body = ("{{% columns %}}\n- {{< button href=\"/\" >}}Home{{< /button >}}\n"
            "- {{< badge title=\"a\" value=\"b\" >}}\n{{% /columns %}}\n")
    html = html_of(project, body)
    assert "{{" not in html

"""Work that grows with the input, never faster: many shortcodes or links on one line or in
one paragraph, shortcodes nested deep, very large pages (bench/bench_growth.py measures it).

No test times anything: each counts the work the quadratic code did, or checks the limit."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from hugomat.adapter.site_config import MARKDOWN_EXTENSIONS
from hugomat.errors import ContentError
from hugomat.read import book, shortcode_parser
from hugomat.read.source import SiteSource
from hugomat.render import page_size, placeholders
from hugomat.render.convert import convert

FIRST = 4  # the body's first line, after three lines of front matter
BADGE = '{{< badge "x" >}}'


def converted(project, body: str):
    root = project({"docs/a.md": "---\ntitle: A\n---\n" + body})
    loaded = book.load(SiteSource(root=root, content_dir=root / "content"))
    return convert(loaded.by_rel_path["docs/a.md"], loaded)


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=list(MARKDOWN_EXTENSIONS),
                             extension_configs={k: v for k, v in MARKDOWN_EXTENSIONS.items()
                                                if v})


class _CountingText(str):
    """A document's text that adds up how many characters are copied out of it."""

    copied = 0

    def __getitem__(self, key):  # type: ignore[override]
        piece = super().__getitem__(key)
        _CountingText.copied += len(piece)
        return piece


@pytest.fixture
def copies(monkeypatch):
    """Every document's text counts the characters sliced out of it; yields a function
    giving (characters copied, characters of all documents)."""
    original = placeholders.PlaceholderDocument.__init__
    sizes: list[int] = []

    def counting(self, *args, **kwargs) -> None:
        original(self, *args, **kwargs)
        self.text = _CountingText(self.text)
        sizes.append(len(self.text))

    _CountingText.copied = 0
    monkeypatch.setattr(placeholders.PlaceholderDocument, "__init__", counting)
    yield lambda: (_CountingText.copied, sum(sizes))


@pytest.mark.parametrize("body", [
    " ".join([BADGE] * 2_000) + "\n",  # the text before each one was copied: 36 MB
    " ".join(["[a](https://example.org/)"] * 2_000) + "\n",  # the line, for each link
    "".join(f"Line {n} [a](https://example.org/)\n" for n in range(2_000)),  # the text before
    "- " + " ".join([BADGE] * 2_000) + "\n",
])
def test_a_document_is_read_once_however_many_shortcodes_and_links(project, copies, body):
    result = converted(project, body)
    assert not result.errors
    copied, size = copies()
    assert copied <= 3 * size + 10_000


def test_shortcodes_on_one_line_keep_the_indentation_they_need(project):
    body = ("- item " + BADGE + " " + BADGE + "\n\n"
            "- {{< hint info >}}\n  In the item.\n  {{< /hint >}}\n\n"
            "    {{< hint info >}}\n    Code? No: a block in the text.\n    {{< /hint >}}\n")
    result = converted(project, body)
    assert not result.errors
    badge = ('<span class="hugomat-badge hugomat-badge--default">'
             '<span class="hugomat-badge__title">x</span></span>')
    assert result.markdown.startswith(
        f"- item {badge} {badge}\n\n"
        "- /// admonition |\n        type: info\n\n    In the item.\n    ///\n\n"
        "    /// admonition |\n        type: info\n\n    Code? No: a block in the text.\n"
        "    ///\n")


def test_links_on_a_long_line_are_placed_where_written(project):
    body = "Text " + " ".join(f"[{n}](missing{n}.md)" for n in range(300)) + "\n"
    result = converted(project, "Before.\n\n" + body)
    columns = [ref.location.column for ref in result.references]
    assert [ref.location.line for ref in result.references] == [FIRST + 2] * 300
    assert columns[:3] == [len("Text [0](") + 1, len("Text [0](missing0.md) [1](") + 1,
                           len("Text [0](missing0.md) [1](missing1.md) [2](") + 1]


def test_a_paragraph_of_thousands_of_inline_shortcodes_is_written_as_html(project):
    # Python-Markdown copies the paragraph for each tag in it: a minute for 10,000 badges.
    result = converted(project, "".join(BADGE + "\n" for _ in range(3_000)))
    assert not result.errors
    assert result.markdown.startswith('<p><span class="hugomat-badge')
    html = to_html(result.markdown)
    assert html.count('<span class="hugomat-badge__title">x</span>') == 3_000
    assert html.count("<p>") == 1


def test_an_ordinary_paragraph_stays_markdown(project):
    paragraph = "A *sentence* with [a link](https://example.org/) and `code` -- here. " * 60
    result = converted(project, paragraph + BADGE + "\n")
    assert result.markdown.startswith("A *sentence* with [a link](https://example.org/)")


def _nested(depth: int) -> str:
    return "{{< hint info >}}\n" * depth + "x\n" + "{{< /hint >}}\n" * depth


def test_shortcodes_nest_two_hundred_deep(project):
    result = converted(project, _nested(200))
    assert not result.errors
    assert result.markdown.count("/// admonition |") == 200


@pytest.mark.parametrize("depth", [201, 5_000])
def test_shortcodes_nested_deeper_are_a_located_mistake(project, depth):
    result = converted(project, "Before.\n\n" + _nested(depth))
    assert [str(error) for error in result.errors] == [
        f"{Path('content/docs/a.md')}:{FIRST + 2 + 200}:1: shortcode 'hint' is nested 201 "
        "deep; the limit is 200"]


def test_the_depth_counts_blocks_not_leaves_or_siblings():
    text = ("{{< details x >}}" * 200 + BADGE + "{{< /details >}}" * 200 + "\n") * 2
    nodes = shortcode_parser.parse(text, "a.md")
    assert len(nodes) == 4  # two nests, each followed by its line's end
    with pytest.raises(ContentError, match=r"a.md:1:1801: shortcode 'x' is nested 201 deep"):
        shortcode_parser.parse("{{< x >}}" * 201 + "{{< /x >}}" * 201, "a.md")


def test_a_page_past_the_size_limit_is_a_located_mistake(project, monkeypatch):
    monkeypatch.setattr(page_size, "MAX_PAGE_MB", 1)  # the real limit is 5 MB
    result = converted(project, "Text, é.\n" * 120_000)  # 1.2 MB of UTF-8
    assert [str(error) for error in result.errors] == [
        f"{Path('content/docs/a.md')}:1:1: page is 1.2 MB; the limit is 1 MB"]
    assert result.markdown == ""


def test_a_page_under_the_size_limit_is_converted(project, monkeypatch):
    monkeypatch.setattr(page_size, "MAX_PAGE_MB", 1)
    result = converted(project, ("word " * 100 + "\n") * 1_200)  # 0.6 MB
    assert not result.errors


def test_more_shortcodes_with_a_body_than_the_limit_are_a_located_mistake(project):
    # pymdownx.blocks takes time growing as their number squared: 100,000 took hours.
    hint = "{{< hint info >}}\nx\n{{< /hint >}}\n\n"
    result = converted(project, hint * 2_001)
    assert [str(error) for error in result.errors] == [
        f"{Path('content/docs/a.md')}:{FIRST + 4 * 2_000}:1: more than 2,000 shortcodes "
        "with a body on one page; the limit is 2,000"]
    # Leaves do not count: 2,000 blocks, their 2,000 texts between, 5,000 badges.
    assert len(shortcode_parser.parse(hint * 2_000 + BADGE * 5_000, "a.md")) == 9_000

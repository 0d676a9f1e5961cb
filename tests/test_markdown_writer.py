"""The writer: the one parse's token stream written as Markdown that Python-Markdown (with
the extensions the plugin sets) renders to the same HTML as the parse itself.

The round trip is checked on every CommonMark spec example and on documents generated from
the constructs Hugo content uses: the HTML Python-Markdown makes of the written Markdown
equals, in canonical form, markdown-it's HTML of the input.
"""

from __future__ import annotations

import re

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token

from canonical_html import canonical
from commonmark_spec import spec_examples
from hugomat.adapter.site_config import MARKDOWN_EXTENSIONS
from hugomat.markdown.extensions import task_checkbox
from hugomat.markdown.parser import goldmark
from hugomat.markdown.writer import MarkdownWriter, Placed

# MkDocs' own extensions, then the plugin's, as a build sets them.
EXTENSIONS = ["toc", "tables", "fenced_code", *MARKDOWN_EXTENSIONS]
CONFIGS = {name: options for name, options in MARKDOWN_EXTENSIONS.items() if options}


class PlainHooks:
    """A page with no shortcodes, whose links and pictures are written as they are."""

    placeholder = re.compile(r"(?!)")

    def shortcode(self, key: str) -> Placed:
        raise AssertionError(key)

    def substitute(self, text: str) -> str:
        return text

    def link(self, token: Token, href: str, *, in_html: bool) -> str:
        return href

    def image(self, token: Token, src: str, alt: str, title: str | None) -> str | None:
        return None

    def fence(self, token: Token, language: str, attributes: str) -> list[str] | None:
        return None

    def fence_options(self, token: Token, attributes: str) -> str:
        return ""

    def maths(self, token: Token) -> str:
        raise AssertionError("no maths here")

    def heading_id(self, token: Token) -> None:
        pass  # the parse gave every heading its id


def written(source: str) -> str:
    return MarkdownWriter(PlainHooks()).write(goldmark().parse(source))


def python_markdown(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs=CONFIGS).convert(text)


class HugoBookHeadings(RendererHTML):
    """markdown-it's HTML, with an id on every heading as hugo-book's heading hook writes
    (an empty one on a heading without text)."""

    def heading_open(self, tokens, idx, options, env):  # type: ignore[no-untyped-def]
        token = tokens[idx]
        if "id" not in token.attrs:
            token.attrs["id"] = ""
        return self.renderToken(tokens, idx, options, env) + task_checkbox(tokens, idx)


def round_trip(source: str) -> tuple[list[str], list[str], str]:
    """Canonical HTML of the parse, of Python-Markdown's reading of the written Markdown,
    and that Markdown."""
    md = goldmark()
    tokens = md.parse(source)
    text = MarkdownWriter(PlainHooks()).write(tokens)
    renderer = HugoBookHeadings()
    renderer.rules.update({name: rule for name, rule in md.renderer.rules.items()
                           if name != "heading_open"})
    expected = renderer.render(tokens, md.options, {})
    return (canonical(expected, page_url="/p/"), canonical(python_markdown(text), page_url="/p/"),
            text)


def test_every_commonmark_spec_example_round_trips():
    failures = []
    for example in spec_examples():
        if "[^" in example.markdown:
            continue  # footnotes render Goldmark's way, not markdown-it's (differential tests)
        expected, got, text = round_trip(example.markdown)
        if expected != got:
            failures.append(f"example {example.number}: {example.markdown!r} written "
                            f"{text!r}")
    assert not failures, "\n".join(failures[:10])


# -- the cases that went wrong when Markdown was rewritten with regular expressions ----------


@pytest.mark.parametrize(("source", "expected"), [
    # A backslash escapes any ASCII punctuation; Python-Markdown knows no `\$`.
    ("It costs \\$3/hour.\n", "It costs $3/hour.\n"),
    # A fence in a tight list item, with no blank line before the next item.
    ("- one\n  ```\n  code\n  ```\n- two\n- three\n",
     "- one\n    ```\n    code\n    ```\n- two\n- three\n"),
    # A fence info string with a space: the language is its first word.
    ("```shell script\nls\n```\n", "```shell\nls\n```\n"),
    # A bullet list right after an ordered list is a list of its own (sane_lists reads it so).
    ("1. a\n2. b\n- c\n", "1. a\n2. b\n\n- c\n"),
    # ... and so is a bullet list after one with other bullets (CommonMark: a new list).
    ("- a\n* b\n", "- a\n\n<!-- -->\n\n- b\n"),
    # `##Code` is a paragraph.
    ("##Code\n", "\\##Code\n"),
    # Markdown inside a <div> between blank lines is Markdown.
    ('<div class="book-hero">\n\n# Title\n\n**bold**\n\n</div>\n',
     '```hugomat-raw-html\n<div class="book-hero">\n```\n\n# Title {: #title }\n\n**bold**\n\n'
     "```hugomat-raw-html\n</div>\n```\n"),
    # Text that would start a block in Python-Markdown, escaped where it would.
    ("a\\\n\\- b\n\n1\\. c\n\n\\# d\n\n\\> e\n", "a  \n\\- b\n\n1\\. c\n\n\\# d\n\n\\> e\n"),
    # Underscores inside words stay as they are.
    ("snake_case_name and \\_x\\_\n", "snake_case_name and \\_x\\_\n"),
    # Two quotes in a row stay two quotes.
    ("> a\n\n> b\n", "> a\n\n<!-- -->\n\n> b\n"),
    # An entity on the line after an HTML block's last tag belongs to the block, as raw HTML.
    ("<div>\nword\n</div>\n&amp;\n",
     "```hugomat-raw-html\n<div>\nword\n</div>\n&amp;\n```\n"),
    # So does a no-break space, which Markdown does not count as blank.
    ("<div>\nword\n</div>\n\u00a0\n",
     "```hugomat-raw-html\n<div>\nword\n</div>\n\u00a0\n```\n"),
])
def test_written_markdown(source, expected):
    assert written(source) == expected
    original, again, _ = round_trip(source)
    assert original == again


def test_task_lists_strikethrough_and_tables_round_trip():
    source = ("- [ ] to do\n- [x] done\n\n~~gone~~\n\n| a | b |\n|:-|-:|\n| `x|y` | 1 |\n")
    expected, got, text = round_trip(source)
    assert expected == got, text


@pytest.mark.parametrize("source", [
    "- a\n  - word\n  1.\n",  # an empty item after a list in a tight item: a new list
    "- a\n  - word\n  2. x\n",
    "- item\n\n  - word\n  - nested\n    - word\n    1.\n",
])
def test_two_lists_in_a_row_in_a_tight_item_stay_two(source):
    expected, got, text = round_trip(source)
    assert expected == got, text


@pytest.mark.parametrize("source", [
    "- [ ] word\n- [x] done\n    -\n",  # the item's text becomes a heading
    "- [ ] to do\n\n- [x] done\n\n  more\n",  # loose items: the box is in the paragraph
])
def test_task_box_sits_in_the_items_first_block(source):
    expected, got, text = round_trip(source)
    assert "<input" in text or "[x]" in text
    assert expected == got, text


# -- what a fuzzer finds ---------------------------------------------------------------------

_INLINE = st.sampled_from([
    "word", "two words", "*em*", "**strong**", "***both***", "_under_", "`code`", "`` a`b ``",
    "[link](/x)", "[link](</a b> \"t\")", "![pic](p.png)", "<span>x</span>", "<b>", "&amp;",
    "&copy;", "\\*", "\\_", "\\[", "\\\\", "\\$", "~~del~~", "a_b_c", "*", "_", "[", "]", "<",
    "&", "#", "1.", "-", "+", ">", "=", ":", "!", "|", "{x}", "{: .c}", "'", '"', "--", "...",
    "http://example.org/", "<http://a.b/c>", "<a@b.c>", "\u00a0", "日本", "x  \ny", "x\\\ny",
])
_LINE = st.lists(_INLINE, min_size=1, max_size=6).map(" ".join)
_BLOCK = st.one_of(
    _LINE,
    _LINE.map(lambda t: "# " + t),
    _LINE.map(lambda t: "## " + t + " ##"),
    _LINE.map(lambda t: t + "\n===="),
    _LINE.map(lambda t: "> " + t),
    st.lists(_LINE, min_size=1, max_size=4).map(lambda items: "\n".join("- " + i for i in items)),
    st.lists(_LINE, min_size=1, max_size=3).map(
        lambda items: "\n\n".join(f"{n}. " + i for n, i in enumerate(items, 3))),
    _LINE.map(lambda t: "- item\n\n  " + t + "\n  - nested\n    " + t),
    _LINE.map(lambda t: "```py\n" + t + "\n```"),
    _LINE.map(lambda t: "    " + t),
    _LINE.map(lambda t: "<div>\n" + t + "\n</div>"),
    _LINE.map(lambda t: "<div>\n\n" + t + "\n\n</div>"),
    _LINE.map(lambda t: "- <div>\n  " + t + "\n  </div>"),
    st.just("***"),
    _LINE.map(lambda t: "| a | b |\n|---|---|\n| " + t.replace("|", "\\|") + " | x |"),
    _LINE.map(lambda t: "Term\n: " + t),
    _LINE.map(lambda t: "- [ ] " + t + "\n- [x] done"),
    _LINE.map(lambda t: "[ref]: /url\n\n[" + t + "][ref]"),
)
DOCUMENTS = st.lists(_BLOCK, min_size=1, max_size=5).flatmap(
    lambda blocks: st.sampled_from(["\n\n", "\n"]).map(lambda gap: gap.join(blocks) + "\n"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENTS)
def test_generated_documents_round_trip(source):
    expected, got, text = round_trip(source)
    assert expected == got, f"written as {text!r}"

"""hugo-book's own shortcode pages, converted by hugomat, against Hugo's render of them.

Every text block of Hugo's article (paragraph, list item, heading, table cell, summary, code
line) must appear in ours, in the same order. The few that cannot are listed below, each with
the reason.
"""

from __future__ import annotations

import html

import markdown
import pytest

from corpus_text import (
    SITE,
    Block,
    Unmatched,
    blocks_of,
    compare,
    corpus_available,
    render_file,
)
from hugomat.adapter.site_config import MARKDOWN_EXTENSIONS
from hugomat.errors import ContentError, Location
from hugomat.pictures.drawn import OriginalPictures
from hugomat.pictures.made import MadePicture
from hugomat.read import book
from hugomat.read.source import SiteSource
from hugomat.render.convert import convert_page

SECTION = "docs/content/shortcodes"

MATHS = ("maths: Hugo's page holds the TeX source for KaTeX to draw in the browser; hugomat "
         "draws the formula as MathML when building, so the page holds the formula itself")


EXCEPTIONS: dict[str, list[Unmatched]] = {
    f"{SECTION}/katex.md": [
        Unmatched(MATHS, text="$$ f(x) = \\int_{-\\infty}^\\infty\\hat f(\\xi),e^{2 \\pi i \\xi x},"
                              "d\\xi $$"),
        Unmatched(MATHS, text="\\( \\pi(x) \\)"),
    ],
}

def to_html(text: str) -> str:
    md = markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS),
                           extension_configs={k: v for k, v in MARKDOWN_EXTENSIONS.items() if v})
    return md.convert(text)


class SvgAsIs:
    """The picture pipeline, with SVG files (which Pillow cannot read, so the pipeline does not
    take them yet) drawn as a plain <img>: this test is about text, not pictures."""

    def __init__(self, source: SiteSource) -> None:
        self.pictures = OriginalPictures(source.asset_dirs, source.display)

    def html(self, ref: str, at: Location, **kwargs) -> MadePicture:
        try:
            return self.pictures.html(ref, at, **kwargs)
        except ContentError:
            if not ref.lower().endswith(".svg"):
                raise
            alt = html.escape(kwargs.get("alt") or "")
            return MadePicture(f'<img src="{html.escape(ref)}" alt="{alt}" loading="lazy">', {})


def shortcode_pages() -> list[str]:
    folder = SITE / "content.en" / SECTION
    if not folder.is_dir():
        return []
    return sorted(p.relative_to(SITE / "content.en").as_posix() for p in folder.rglob("*.md"))


@pytest.fixture(scope="module")
def corpus_book() -> book.Book:
    corpus_available()
    return book.load(SiteSource(root=SITE, content_dir=SITE / "content.en",
                                asset_dirs=(SITE / "assets", SITE / "static")))


@pytest.mark.parametrize("rel_path", shortcode_pages() or ["(corpus missing)"])
def test_shortcode_page_holds_every_text_block_of_hugo(corpus_book, rel_path, capsys):
    hugo = blocks_of(render_file(rel_path).read_text(encoding="utf-8"))
    page = corpus_book.by_rel_path[rel_path]
    converted = convert_page(page, corpus_book, pictures=SvgAsIs(corpus_book.source))
    ours = blocks_of(to_html(converted.markdown))
    coverage = compare(hugo, ours, EXCEPTIONS.get(rel_path, []))
    with capsys.disabled():
        expected = coverage.total - len(coverage.excused)
        share = coverage.matched / expected if expected else 1.0
        print(f"\n{rel_path}: {coverage.matched}/{coverage.total} Hugo text blocks found "
              f"({share:.0%} of those expected), {len(coverage.excused)} excused")
    assert coverage.missing == [], f"{rel_path}: missing from our page: {coverage.missing}"
    leftovers = [b.text for b in ours if "{{" in b.outside_code]
    assert leftovers == [], f"{rel_path}: shortcode braces outside code: {leftovers}"


def test_every_exception_is_still_needed(corpus_book):
    """An exception that nothing needs any more is removed, not kept as a blanket."""
    for rel_path, rules in EXCEPTIONS.items():
        hugo = blocks_of(render_file(rel_path).read_text(encoding="utf-8"))
        texts = [block.text for block in hugo]
        for rule in rules:
            assert (rule.text in texts) if rule.text else (rule.after in texts), (rel_path, rule)


def test_the_corpus_shortcode_pages_are_all_compared():
    corpus_available()
    pages = shortcode_pages()
    assert f"{SECTION}/tabs.md" in pages and len(pages) >= 10
    assert all(render_file(p).is_file() for p in pages), [
        p for p in pages if not render_file(p).is_file()]


def test_text_blocks_extractor():
    page = ('<h2 id="x">Title<a class="headerlink" href="#x">¶</a></h2><p>One <code>{{x}}</code>'
            " two</p><ul><li>a<ul><li>b</li></ul></li></ul><pre><code>l1\nl2</code></pre>"
            "<script>var x;</script>")
    blocks = blocks_of(page)
    assert [b.text for b in blocks] == ["Title", "One {{x}} two", "a", "b", "l1", "l2"]
    assert blocks[1].outside_code == "One two" and blocks[4].code


def test_compare_finds_missing_and_misordered_blocks():
    def blocks(*texts: str) -> list[Block]:
        return [Block(t, t, code=False) for t in texts]

    ours = blocks("A heading", "First para and more", "Second")
    assert compare(blocks("A heading", "First para", "Second"), ours, []).missing == []
    assert compare(blocks("Second", "A heading"), ours, []).missing == ["A heading"]
    assert compare(blocks("para and more Second"), ours, []).missing == [
        "para and more Second"]
    excused = compare(blocks("A heading", "Gone", "Second"), ours,
                      [Unmatched("a reason", text="Gone")])
    assert excused.missing == [] and excused.excused == [("Gone", "a reason")]

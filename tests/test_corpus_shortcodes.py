"""hugo-book's own shortcode pages, converted by hugomat, against Hugo's render of them.

Every text block of Hugo's article (paragraph, list item, heading, table cell, summary, code
line) must appear in ours, in the same order. The few that cannot are listed below, each with
the reason.
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from hugomat import book
from hugomat.adapter.plugin import MARKDOWN_EXTENSIONS
from hugomat.convert import convert_page
from hugomat.errors import ContentError, Location
from hugomat.figures import OriginalPictures
from hugomat.render import MadePicture
from hugomat.source import SiteSource

CORPUS = Path(__file__).parents[2] / "shared" / "corpus"
SITE = CORPUS / "hugo-book-example"
RENDER = CORPUS / "hugo-book-example-render"
SECTION = "docs/content/shortcodes"

OPENAPI = ("openapi is an experimental hugo-book shortcode, not one of those HUGO-BOOK.md "
           "defines; hugomat reports it as unknown and shows it marked, so the API document "
           "Hugo builds from tictactoe.json is not drawn")
MATHS = ("maths: Hugo's page holds the TeX source for KaTeX to draw in the browser; hugomat "
         "draws the formula as MathML when building, so the page holds the formula itself")


@dataclass(frozen=True)
class Unmatched:
    """Hugo text blocks allowed to be missing from ours: `text` exactly, or all from the block
    `after` on."""

    reason: str
    text: str | None = None
    after: str | None = None


EXCEPTIONS: dict[str, list[Unmatched]] = {
    f"{SECTION}/katex.md": [
        Unmatched(MATHS, text="$$ f(x) = \\int_{-\\infty}^\\infty\\hat f(\\xi),e^{2 \\pi i \\xi x},"
                              "d\\xi $$"),
        Unmatched(MATHS, text="\\( \\pi(x) \\)"),
    ],
    f"{SECTION}/experimental/openapi.md": [Unmatched(OPENAPI, after="Example")],
}

_BLOCK = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "summary",
          "pre", "blockquote", "div", "table", "thead", "tbody", "tr", "ul", "ol", "dl",
          "details", "figure", "figcaption", "section", "label", "br", "hr", "math"}
_TYPOGRAPHY = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "--", "—": "---",
                             "…": "...", "«": "<<", "»": ">>"})


@dataclass
class Block:
    text: str
    outside_code: str
    """Its text without code spans or code blocks, where no `{{` may be left."""
    code: bool


@dataclass
class TextBlocks(HTMLParser):
    """The text blocks of an article, in reading order.

    Heading permalinks (Hugo's `a.anchor`, Material's `a.headerlink`), scripts and styles are
    not text. Material draws all tab labels above the panels; each label is put back before
    its own panel, where hugo-book has it.
    """

    blocks: list[Block] = field(default_factory=list)
    _text: list[str] = field(default_factory=list)
    _plain: list[str] = field(default_factory=list)
    _skip: list[str] = field(default_factory=list)
    _code: int = 0
    _pre: int = 0
    _labels: list[list[str]] = field(default_factory=list)
    _in_labels: int = 0
    _stack: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag in ("br", "hr", "img", "input", "link", "meta"):
            if tag in ("br", "hr"):
                self._flush()
            return
        self._stack.append(tag)
        if self._skip:
            self._skip.append(tag)
            return
        if tag in ("script", "style") or (tag == "a" and {"anchor", "headerlink"} & set(classes)):
            self._skip.append(tag)
            return
        if tag in _BLOCK:
            self._flush()
        if "tabbed-set" in classes:
            self._labels.append([])
        if "tabbed-labels" in classes:
            self._in_labels = len(self._stack)
        if "tabbed-block" in classes and self._labels and self._labels[-1]:
            self._emit(self._labels[-1].pop(0), "", code=False)
        if tag == "pre":
            self._pre += 1
        if tag in ("code", "pre"):
            self._code += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("br", "hr", "img", "input", "link", "meta"):
            return
        if self._stack:
            self._stack.pop()
        if self._skip:
            self._skip.pop()
            return
        if self._in_labels and tag == "label":
            self._labels[-1].append(" ".join("".join(self._text).split()))
            self._text, self._plain = [], []
            return
        if self._in_labels and len(self._stack) < self._in_labels:
            self._in_labels = 0
        if tag in ("code", "pre"):
            self._code -= 1
        if tag in _BLOCK:
            self._flush()
        if tag == "pre":
            self._pre -= 1

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self._text.append(data)
        if not self._code:
            self._plain.append(data)

    def _flush(self) -> None:
        text, plain = "".join(self._text), "".join(self._plain)
        self._text, self._plain = [], []
        if self._pre:
            for line in text.split("\n"):
                self._emit(line, "", code=True)
        else:
            self._emit(text, plain, code=False)

    def _emit(self, text: str, plain: str, *, code: bool) -> None:
        text = normal(text)
        if text:
            self.blocks.append(Block(text, normal(plain), code))


def normal(text: str) -> str:
    return " ".join(html.unescape(text).translate(_TYPOGRAPHY).replace("¶", "").split())


def blocks_of(page_html: str) -> list[Block]:
    parser = TextBlocks()
    parser.feed(page_html)
    parser.close()
    parser._flush()
    return parser.blocks


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


def corpus_available() -> bool:
    if SITE.is_dir() and RENDER.is_dir():
        return True
    if os.environ.get("CI") == "true":
        pytest.fail(f"the corpus is missing at {CORPUS}; CI must have it")
    pytest.skip(f"the hugo-book corpus is not at {CORPUS}")
    return False


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


def render_file(rel_path: str) -> Path:
    """Hugo's render of a page: its URL path with '/' written as '__'."""
    stem = re.sub(r"(^|/)_index\.md$", "", rel_path).removesuffix(".md")
    return RENDER / (stem.replace("/", "__") + ".html")


@dataclass
class Coverage:
    matched: int
    total: int
    missing: list[str]
    excused: list[tuple[str, str]]


def compare(hugo: list[Block], ours: list[Block], exceptions: list[Unmatched]) -> Coverage:
    """Find each Hugo block, in order, inside our blocks (joined, so a block of Hugo's may be
    part of a larger one of ours, but never span two)."""
    haystack = "\n".join(block.text for block in ours)
    cursor = 0
    missing: list[str] = []
    excused: list[tuple[str, str]] = []
    after_from = {rule.after: rule for rule in exceptions if rule.after}
    texts = {rule.text: rule for rule in exceptions if rule.text}
    excusing: Unmatched | None = None
    for block in hugo:
        found = haystack.find(block.text, cursor)
        if found >= 0 and excusing is None:
            cursor = found + len(block.text)
        else:
            rule = excusing or texts.get(block.text)
            if rule is None:
                missing.append(block.text)
            else:
                excused.append((block.text, rule.reason))
        if block.text in after_from:
            excusing = after_from[block.text]
    total = len(hugo)
    return Coverage(total - len(missing) - len(excused), total, missing, excused)


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

"""Comparing an article of ours with Hugo's render of the same page, text block by text block.

Shared by the corpus tests: every text block of Hugo's article (paragraph, list item, heading,
table cell, summary, code line) must appear in ours, in the same order.
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

CORPUS = Path(__file__).parents[2] / "shared" / "corpus"
SITE = CORPUS / "hugo-book-example"
RENDER = CORPUS / "hugo-book-example-render"


@dataclass(frozen=True)
class Unmatched:
    """Hugo text blocks allowed to be missing from ours: `text` exactly, or all from the block
    `after` on."""

    reason: str
    text: str | None = None
    after: str | None = None


_BLOCK = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "summary",
          "pre", "blockquote", "div", "table", "thead", "tbody", "tr", "ul", "ol", "dl",
          "details", "figure", "figcaption", "section", "label", "br", "hr", "math"}


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
    return " ".join(html.unescape(text).replace("¶", "").split())


def blocks_of(page_html: str) -> list[Block]:
    parser = TextBlocks()
    parser.feed(page_html)
    parser.close()
    parser._flush()
    return parser.blocks


def corpus_available() -> bool:
    if SITE.is_dir() and RENDER.is_dir():
        return True
    if os.environ.get("CI") == "true":
        pytest.fail(f"the corpus is missing at {CORPUS}; CI must have it")
    pytest.skip(f"the hugo-book corpus is not at {CORPUS}")
    return False


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

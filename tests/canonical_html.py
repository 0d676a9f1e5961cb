"""The canonical form in which two renders of a page are compared: what a reader gets from it.

`canonical(html, page_url=...)` reads HTML as a browser reads it and lists, in document order:

- each element's start tag (`<p>`) and end tag (`</p>`), tags in lower case, with only the
  attributes `href`, `src`, `alt`, and `id` on `h1`-`h6` (heading ids are link targets and must
  match Hugo's exactly), sorted by name: `<a href="/docs/x/">`;
- each run of text as a JSON string (`"a “b”"`), entities decoded.

What two renders may do differently without a reader seeing it is folded away:

1. Comments go (and so do other attributes: classes, styles, `data-*`, `tabindex`, ...).
2. `<br>`, `<br/>` and `<br />` are one start tag; void elements have no end tag.
3. Outside `<pre>`, each run of HTML whitespace (space, tab, line ends, form feed; not
   no-break space) is one space, and none is kept next to a block's start or end or a `<br>`.
   Inside `<pre>`, whitespace is kept, but not the line ends that end its text (Chroma drops
   the last one, Pygments and Goldmark keep it; a browser draws neither), nor a line end
   right after `<pre>` (HTML's own rule). CR LF and CR are LF, as HTML reads them.
4. Highlighter markup goes, its text stays: the `div.highlight` wrapper (Chroma's, Pygments',
   Material's `div.language-x.highlight`) and every `div` in it; every `span` inside `pre` or
   `code`. Line numbers go with their text: a table inside `div.highlight` is Pygments' or
   Chroma's line-number table, whose first cell in each row holds the numbers (its other
   cells are unwrapped); inline numbers are `span.linenos` (Pygments), `span.ln`/`span.lnt`
   (Chroma with classes) or a `span` styled `user-select:none` (Chroma without classes,
   Hugo's default); Pygments' line anchors are the `a` named `__codelineno-…` in code.
5. Heading permalinks go with their text: Hugo's `a.anchor`, Material's `a.headerlink`.
6. `href` and `src` are resolved against `page_url`, so a site-absolute link and a relative
   one that lead to the same URL are equal. Percent-escapes are decoded and the characters a
   URL cannot hold encoded again, in upper case (`a(b` and `a%28b`, `ä`, `%c3%a4` and `%C3%A4`
   are one URL each; `%2F`, `%3F`, `%23` and `%25` stay encoded: decoded, they would change
   the URL).

Nothing else is folded: typography (’ and ', – and --), a missing or extra element, an
attribute kept above, or text that differs in anything but whitespace all show.
"""

from __future__ import annotations

import difflib
import html
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Literal
from urllib.parse import quote, unquote, urljoin

KEPT_ATTRIBUTES = frozenset({"href", "src", "alt"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
URL_ATTRIBUTES = frozenset({"href", "src"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})
# Elements whose start or end ends a line of text: whitespace next to them is not drawn.
BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "br", "caption", "col", "colgroup", "dd",
    "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "nav",
    "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "ul", "script", "style", "template"})
HIGHLIGHT_WRAPPERS = frozenset({"highlight"})
LINE_NUMBERS = frozenset({"linenos", "lnt", "ln"})  # Pygments', Chroma's with classes
PERMALINKS = frozenset({"anchor", "headerlink"})
# Never decoded: they are the URL's own separators (and the escape character itself).
STRUCTURAL_ESCAPES = re.compile(r"(%(?:2[fF]|3[fF]|23|25))")
URL_SAFE = "!$&'()*+,;=:@/?#[]~"  # kept as they are: RFC 3986's reserved ones, and ~
PAGE_ORIGIN = "http://page.invalid"  # lets urljoin resolve paths; removed again after
_WHITESPACE = re.compile(r"[ \t\n\f\r]+")

Action = Literal["keep", "unwrap", "drop"]


@dataclass
class _Token:
    kind: Literal["start", "end", "text", "other"]
    value: str  # the tag name, the text, or the whole declaration
    attributes: tuple[tuple[str, str], ...] = ()
    in_pre: bool = False  # for text: whether it is inside a <pre>


@dataclass
class _Open:
    tag: str
    action: Action
    classes: frozenset[str]
    cells: int = 0  # for a row: the cells seen so far


@dataclass
class _Reader(HTMLParser):
    page_url: str
    tokens: list[_Token] = field(default_factory=list)
    _open: list[_Open] = field(default_factory=list)
    _text: list[str] = field(default_factory=list)
    _pre_just_opened: bool = False

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    # -- what the parser reports ------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._pre_just_opened = False
        classes = frozenset((dict(attrs).get("class") or "").split())
        action = self._action(tag, classes, dict(attrs))
        if action == "keep":
            self._emit(_Token("start", tag, self._kept(tag, attrs)))
            self._pre_just_opened = tag == "pre"
        if tag not in VOID:
            self._open.append(_Open(tag, action, classes))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # `<br/>` is `<br>`; in HTML a `/>` does not close any other element either.
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self._pre_just_opened = False
        if tag in VOID:
            return
        for depth in range(len(self._open) - 1, -1, -1):
            if self._open[depth].tag == tag:
                closed = self._open[depth]
                if any(element.action == "keep" for element in self._open[depth:]):
                    self._flush()  # the text inside, while it is still inside
                del self._open[depth:]
                if closed.action == "keep":
                    self._emit(_Token("end", tag))
                return
        if not self._dropping():
            # An end tag that closes nothing is kept as written (raw HTML in a page may have
            # one); a browser would ignore it, but it marks where two renders part.
            self._emit(_Token("end", tag))

    def handle_data(self, data: str) -> None:
        if self._dropping():
            return
        if self._pre_just_opened:
            data = data.removeprefix("\n")  # HTML ignores a line end right after <pre>
        self._pre_just_opened = False
        self._text.append(data)

    def handle_comment(self, data: str) -> None:
        self._pre_just_opened = False

    def handle_decl(self, decl: str) -> None:
        self._other(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self._other(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self._other(f"<![{data}]>")

    def close(self) -> None:
        super().close()
        self._flush()

    # -- what each element becomes ----------------------------------------------------------

    def _action(self, tag: str, classes: frozenset[str], attrs: dict[str, str | None]) -> Action:
        if self._dropping():
            return "drop"
        in_code = any(element.tag in ("pre", "code") for element in self._open)
        in_highlight = any(element.classes & HIGHLIGHT_WRAPPERS and element.tag == "div"
                           for element in self._open)
        if tag == "a" and classes & PERMALINKS:
            return "drop"
        if in_code and tag == "span" and _is_line_number(classes, attrs):
            return "drop"
        if in_code and tag == "a" and "__codelineno" in " ".join(
                str(attrs.get(name) or "") for name in ("id", "name", "href")):
            return "drop"
        if tag == "div" and (in_highlight or classes & HIGHLIGHT_WRAPPERS):
            return "unwrap"
        if in_highlight and tag in ("table", "thead", "tbody", "tr"):
            return "unwrap"
        if in_highlight and tag in ("td", "th"):
            return "drop" if self._first_cell_of_row() else "unwrap"
        if tag == "span" and in_code:
            return "unwrap"
        return "keep"

    def _first_cell_of_row(self) -> bool:
        """A highlighter's table has the line numbers in the first cell of its row."""
        rows = [element for element in self._open if element.tag == "tr"]
        if not rows:
            return False
        rows[-1].cells += 1
        return rows[-1].cells == 1

    def _kept(self, tag: str, attrs: list[tuple[str, str | None]]) -> tuple[tuple[str, str], ...]:
        kept = []
        for name, value in attrs:
            if name in KEPT_ATTRIBUTES or (name == "id" and tag in HEADINGS):
                value = value or ""
                kept.append((name, same_url(value, self.page_url)
                             if name in URL_ATTRIBUTES else value))
        return tuple(sorted(kept))

    def _dropping(self) -> bool:
        return any(element.action == "drop" for element in self._open)

    def _in_pre(self) -> bool:
        return any(element.tag == "pre" and element.action == "keep" for element in self._open)

    # -- tokens ----------------------------------------------------------------------------

    def _emit(self, token: _Token) -> None:
        self._flush()
        self.tokens.append(token)

    def _other(self, text: str) -> None:
        self._pre_just_opened = False
        if not self._dropping():
            self._emit(_Token("other", text))

    def _flush(self) -> None:
        # Text split by comments or by unwrapped elements is one run of text.
        if self._text:
            self.tokens.append(_Token("text", "".join(self._text), in_pre=self._in_pre()))
            self._text = []


def _is_line_number(classes: frozenset[str], attrs: dict[str, str | None]) -> bool:
    # Chroma without classes (Hugo's default) marks its numbers only by not being selectable.
    style = (attrs.get("style") or "").replace(" ", "")
    return bool(classes & LINE_NUMBERS) or "user-select:none" in style


def same_url(url: str, page_url: str) -> str:
    """The URL `url` leads to from the page at `page_url` (a path such as `/docs/x/`): a path
    for a link within the site, the whole URL for another site, escapes made one way."""
    resolved = urljoin(PAGE_ORIGIN + page_url, _one_escaping(url.strip()))
    if resolved.startswith(PAGE_ORIGIN + "/"):
        return resolved[len(PAGE_ORIGIN):]
    return resolved


def _one_escaping(url: str) -> str:
    parts = STRUCTURAL_ESCAPES.split(url)
    return "".join(
        part.upper() if STRUCTURAL_ESCAPES.fullmatch(part)
        else quote(unquote(part, errors="surrogateescape"), safe=URL_SAFE,
                   errors="surrogateescape")
        for part in parts)


def _tidy_whitespace(tokens: list[_Token]) -> list[_Token]:
    """Rule 3: collapse whitespace outside `pre`, trim it at block edges, end `pre` text
    without line ends; drop the text runs left empty."""
    for index, token in enumerate(tokens):
        if token.kind != "text":
            continue
        if token.in_pre:
            if _ends_pre(tokens, index):
                token.value = token.value.rstrip("\n")
            continue
        text = _WHITESPACE.sub(" ", token.value)
        if _is_block_edge(tokens, index - 1):
            text = text.lstrip(" ")
        if _is_block_edge(tokens, index + 1):
            text = text.rstrip(" ")
        token.value = text
    return [token for token in tokens if token.kind != "text" or token.value]


def _is_block_edge(tokens: list[_Token], index: int) -> bool:
    if index < 0 or index >= len(tokens):
        return True
    token = tokens[index]
    return token.kind in ("start", "end") and token.value in BLOCKS


def _ends_pre(tokens: list[_Token], index: int) -> bool:
    """Whether only end tags follow this text up to the end of its `pre`."""
    for token in tokens[index + 1:]:
        if token.kind == "end" and token.value == "pre":
            return True
        if token.kind != "end":
            return False
    return False


def _written(token: _Token) -> str:
    if token.kind == "text":
        return json.dumps(token.value, ensure_ascii=False)
    if token.kind == "end":
        return f"</{token.value}>"
    if token.kind == "start":
        attributes = "".join(f' {name}="{html.escape(value)}"'
                             for name, value in token.attributes)
        return f"<{token.value}{attributes}>"
    return token.value


def canonical(page_html: str, *, page_url: str = "/") -> list[str]:
    """The canonical form of `page_html` (see the module's docstring), one item per tag or
    run of text. `page_url` is the path of the page it is on, for its relative links."""
    reader = _Reader(page_url)
    reader.feed(re.sub(r"\r\n?", "\n", page_html))
    reader.close()
    return [_written(token) for token in _tidy_whitespace(reader.tokens)]


def differences(expected: list[str], actual: list[str], *, context: int = 2) -> list[str]:
    """A unified diff of two canonical forms, for people to read."""
    return list(difflib.unified_diff(expected, actual, "hugo", "hugomat", n=context,
                                     lineterm=""))


_TYPOGRAPHY = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "--", "—": "---",
                             "…": "...", "«": "<<", "»": ">>"})
_TAG_NAME = re.compile(r"</?[a-z][a-z0-9-]*")


def difference_kind(expected: list[str], actual: list[str]) -> str:
    """A short name for the first place two canonical forms part, to count differences by
    kind: `text: typography` (equal once quotes and dashes are made straight), `text`,
    `<a> href` (one element, an attribute differs), or the shapes of both sides
    (`<pre> <code> text … / <p> text`); empty when they are equal."""
    matcher = difflib.SequenceMatcher(None, expected, actual, autojunk=False)
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        if operation != "equal":
            return _kind(expected[i1:i2], actual[j1:j2])
    return ""


def _kind(expected: list[str], actual: list[str]) -> str:
    if len(expected) == len(actual) == 1:
        one, other = expected[0], actual[0]
        if one.startswith('"') and other.startswith('"'):
            folded = (json.loads(one).translate(_TYPOGRAPHY)
                      == json.loads(other).translate(_TYPOGRAPHY))
            return "text: typography" if folded else "text"
        if _shape_of(one) == _shape_of(other) and one.startswith("<"):
            names = sorted(set(re.findall(r' ([a-z]+)="', one + other)))
            return f"{_shape_of(one)} {' '.join(names)}".rstrip()
    return f"{_shape(expected)} / {_shape(actual)}"


def _shape_of(token: str) -> str:
    if token.startswith('"'):
        return "text"
    name = _TAG_NAME.match(token)
    return f"{name.group(0)}>" if name else token


def _shape(tokens: list[str], most: int = 4) -> str:
    shapes: list[str] = []
    for token in tokens:
        shape = _shape_of(token)
        if not shapes or shapes[-1] != shape:
            shapes.append(shape)
    return " ".join(shapes[:most]) + (" …" if len(shapes) > most else "") or "nothing"

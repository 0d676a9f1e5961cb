"""`hugomat check`: read the whole book without building it and report every problem at once.

Nothing is rendered to HTML. Each page goes through the same conversion a build uses (so front
matter, shortcode and picture mistakes are the build's own), then the page's own text is read
for Markdown links and pictures, where their line and column are, and the converted Markdown
for heading ids, computed with Python-Markdown's `toc` rules so that an anchor which passes here
is an id MkDocs writes.
"""

from __future__ import annotations

import bisect
import html
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from markdown.extensions.toc import slugify as toc_slugify
from markdown.extensions.toc import unique

from hugomat import book as book_model
from hugomat import shortcodes
from hugomat.book import Book, Page, page_url
from hugomat.convert import convert_page
from hugomat.errors import ContentError, ContentErrors, Location
from hugomat.figures import OriginalPictures
from hugomat.source import SiteSource

ERROR = "error"
WARNING = "warning"

Slugify = Callable[[str, str], str]

# -- findings ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """One problem at one place; a warning fails the check only with --strict."""

    location: Location
    message: str
    severity: str = ERROR

    def __str__(self) -> str:
        # The same shape as a build's log lines, so editors read both the same way.
        label = "warning: " if self.severity == WARNING else ""
        return f"{self.location}: {label}{self.message}"

    def as_dict(self) -> dict[str, str | int]:
        where = self.location
        return {"path": where.path, "line": where.line, "column": where.column,
                "severity": self.severity, "message": self.message}


@dataclass
class Report:
    """Everything found in one pass, sorted by path, line and column."""

    findings: list[Finding]
    pages: int = 0

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == WARNING]

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors or (strict and self.warnings))

    def summary(self) -> str:
        def count(n: int, what: str) -> str:
            return f"{n} {what}{'' if n == 1 else 's'}"

        return (f"{count(self.pages, 'page')} checked: {count(len(self.errors), 'error')}, "
                f"{count(len(self.warnings), 'warning')}")


@dataclass
class _Found:
    findings: list[Finding] = field(default_factory=list)

    def error(self, at: Location, message: str) -> None:
        self.findings.append(Finding(at, message, ERROR))

    def warning(self, at: Location, message: str) -> None:
        self.findings.append(Finding(at, message, WARNING))

    def content(self, errors: list[ContentError], severity: str) -> None:
        self.findings.extend(Finding(e.location, e.message, severity) for e in errors)

    def report(self, pages: int) -> Report:
        unique_findings = {(f.location, f.message, f.severity): f for f in self.findings}
        ordered = sorted(unique_findings.values(), key=lambda f: (
            f.location.path, f.location.line, f.location.column, f.message))
        return Report(ordered, pages)


# -- the check ---------------------------------------------------------------------------------


def check(sources: Iterable[SiteSource], *, static_dirs: Iterable[Path] = (),
          directory_urls: bool = True, slugify: Slugify | None = None,
          separator: str = "-") -> Report:
    """Check a book: one SiteSource per language. `static_dirs` are the folders copied into the
    site as they are; `slugify` and `separator` are the site's `toc` options, if it sets them."""
    found = _Found()
    pages = 0
    for source in sources:
        pages += _check_book(source, tuple(static_dirs), directory_urls,
                             slugify or toc_slugify, separator, found)
    return found.report(pages)


def _check_book(source: SiteSource, static_dirs: tuple[Path, ...], directory_urls: bool,
                slugify: Slugify, separator: str, found: _Found) -> int:
    try:
        book = book_model.load(source)
    except ContentErrors as failure:
        # Without the Book there are no pages to follow links into; the front matter
        # mistakes of every file are still reported together.
        found.content(failure.errors, ERROR)
        found.content(failure.warnings, WARNING)
        return 0

    # Pictures are only located and opened here, never encoded: a check stays fast.
    pictures = OriginalPictures(source.picture_roots, source.display)
    converted: dict[str, str] = {}
    for page in book.pages:
        try:
            result = convert_page(page, book, directory_urls=directory_urls, strict=False,
                                  pictures=pictures)
        except ContentErrors as failure:
            found.content(failure.errors, ERROR)
            found.content(failure.warnings, WARNING)
            continue
        converted[page.rel_path] = result.markdown
        found.content(result.warnings, WARNING)

    site = _Site(book, static_dirs, directory_urls, converted, slugify, separator)
    for page in book.pages:
        _check_title(page, found)
        _check_links(page, site, found)
        _check_relref_anchors(page, site, found)
    _check_urls(book, directory_urls, found)
    return len(book.pages)


def _check_title(page: Page, found: _Found) -> None:
    title = page.data.get("title")
    if title is not None and str(title).strip():
        return
    # Legal in Hugo (the file name stands in), so a warning: it is rarely what the author meant.
    at = page.location("title") if "title" in page.data else Location(page.display_path)
    found.warning(at, f"page has no title (the site shows '{page.title}' instead)")


def _check_urls(book: Book, directory_urls: bool, found: _Found) -> None:
    by_url: dict[str, list[Page]] = {}
    for page in book.pages:
        by_url.setdefault(page_url(page.src_uri, directory_urls), []).append(page)
    for url, pages in by_url.items():
        if len(pages) < 2:
            continue
        for page in pages:
            others = ", ".join(p.display_path for p in pages if p is not page)
            found.error(page.location(),
                        f"page has the same URL /{url} as {others}; only one of them can be built")
    # An alias is a page too (one that redirects): it may not take a page's URL either.
    aliases: dict[str, Page] = {}
    for page in book.pages:
        written = page.data.get("aliases") or []
        for alias in written if isinstance(written, list) else [written]:
            path = posixpath.normpath("/" + str(alias).strip()).strip("/")
            url = page_url(posixpath.join(path, "index.md") if path else "index.md",
                           directory_urls)
            owner = by_url.get(url, [None])[0] or aliases.get(url)
            if owner is not None:
                whose = "this page" if owner is page else owner.display_path
                found.error(page.location("aliases"),
                            f"alias '{alias}' is already the URL of {whose}")
            else:
                aliases[url] = page


def _check_links(page: Page, site: _Site, found: _Found) -> None:
    body = page.front.body
    masked = mask_code(body)
    positions = _Positions(body, page.front.body_line)
    for link in find_links(masked):
        raw = masked[link.start:link.end]
        if SHORTCODE_MARK in raw or CODE_MARK in raw:
            continue  # a URL built by a shortcode (relref) is checked by its renderer
        if link.image:
            continue  # pictures are found (or reported) by the conversion, as in a build
        target = body[link.start:link.end]
        problem = site.link_problem(page, target)
        if problem:
            found.error(Location(page.display_path, *positions.at(link.start)), problem)


def _check_relref_anchors(page: Page, site: _Site, found: _Found) -> None:
    """`relref "x#anchor"`: the page is checked by the renderer, the anchor here."""
    try:
        nodes = shortcodes.parse(page.front.body, page.display_path, page.front.body_line)
    except ContentError:
        return  # already reported by the conversion
    for node in _shortcodes_in(nodes):
        if node.name not in ("relref", "ref"):
            continue
        target = node.arg("path", 0)
        if not isinstance(target, str) or "#" not in target:
            continue
        path, _, anchor = target.partition("#")
        dest = site.book.find(path, page) if path.strip() else page
        if dest is None or not anchor:
            continue
        problem = site.anchor_problem(dest, unquote(anchor), page)
        if problem:
            found.error(Location(page.display_path, node.line, node.column),
                        f"{node.name} {problem}")


def _shortcodes_in(nodes: list[shortcodes.Node]) -> Iterator[shortcodes.Shortcode]:
    for node in nodes:
        if isinstance(node, shortcodes.Shortcode):
            yield node
            yield from _shortcodes_in(node.children or [])


# -- where links lead --------------------------------------------------------------------------

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


class _Site:
    """The book as a reader's browser sees it: page URLs, files beside them, heading ids.

    Links are followed the way the build writes them (hugomat.links): a site-absolute path
    and a `.md` file name a page as relref does; any other relative URL is left to the browser,
    relative to the page's URL.
    """

    def __init__(self, book: Book, static_dirs: tuple[Path, ...], directory_urls: bool,
                 converted: dict[str, str], slugify: Slugify, separator: str) -> None:
        self.book = book
        self.source = book.source
        self.static_dirs = static_dirs
        self.directory_urls = directory_urls
        self.converted = converted
        self.slugify = slugify
        self.separator = separator
        self.by_url: dict[str, Page] = {}
        self.by_src_uri: dict[str, Page] = {}
        for page in book.pages:
            url = self.url_of(page)
            self.by_url.setdefault(url.rstrip("/"), page)
            if url == "" or url.endswith("/"):
                self.by_url.setdefault(url + "index.html", page)
            self.by_src_uri.setdefault(page.src_uri, page)
        self._ids: dict[str, list[str]] = {}

    def url_of(self, page: Page) -> str:
        return page_url(page.src_uri, self.directory_urls)

    def url_folder(self, page: Page) -> str:
        """The folder a browser resolves the page's relative URLs from ('' at the top)."""
        here = self.url_of(page)
        return here.rstrip("/") if here == "" or here.endswith("/") else posixpath.dirname(here)

    def ids(self, page: Page) -> list[str]:
        if page.rel_path not in self._ids:
            text = self.converted.get(page.rel_path)
            if text is None:
                # The page did not convert (its errors are reported); its own text still
                # holds its headings.
                text = mask_shortcodes(page.front.body)
            self._ids[page.rel_path] = heading_ids(text, self.slugify, self.separator)
        return self._ids[page.rel_path]

    def anchor_problem(self, dest: Page, anchor: str, page: Page) -> str | None:
        ids = self.ids(dest)
        if anchor in ids:
            return None
        where = "this page" if dest is page else dest.display_path
        known = ", ".join(ids[:8]) + (", ..." if len(ids) > 8 else "") if ids else "none"
        return f"anchor '#{anchor}' does not exist on {where} (ids there: {known})"

    def link_problem(self, page: Page, target: str) -> str | None:
        if not target or _SCHEME.match(target) or target.startswith("//"):
            return None  # another site (or mailto:, tel:): never fetched
        path, _, fragment = target.partition("#")
        path = unquote(path.partition("?")[0])
        fragment = unquote(fragment)
        if not path:
            return self.anchor_problem(page, fragment, page) if fragment else None
        dest = self._follow(page, path)
        if dest is None:
            return self._missing(page, path, target)
        if isinstance(dest, Path) or not fragment:
            return None  # a file has no anchors to check
        return self.anchor_problem(dest, fragment, page)

    def _follow(self, page: Page, path: str) -> Page | Path | None:
        if path.endswith(book_model.MARKDOWN_SUFFIXES):
            rel = _within(posixpath.dirname(page.rel_path), path)
            if rel is None:
                return None
            return self.book.find("/" + rel) or self.by_src_uri.get(rel)
        if path.startswith("/"):
            found = self.book.find(path)
            if found is not None:
                return found
            rel = _within("", path)
        else:
            rel = _within(self.url_folder(page), path)
            if rel is None:
                return None  # above the site's root
            found = self.by_url.get(rel)
            if found is not None:
                return found
        return self._site_file(rel) if rel else None

    def _site_file(self, rel: str) -> Path | None:
        """A file the site carries besides pages: the content folder's own files (copied
        beside the pages) and the static folders' (served from the site's root)."""
        if rel.endswith(book_model.MARKDOWN_SUFFIXES):
            return None
        for root in (self.source.content_dir, *self.static_dirs):
            candidate = root / rel
            if _is_file(candidate):
                return candidate
        return None

    def _missing(self, page: Page, path: str, target: str) -> str:
        if path.endswith(book_model.MARKDOWN_SUFFIXES):
            rel = _within(posixpath.dirname(page.rel_path), path)
            if rel is not None and _is_file(self.source.content_dir / rel):
                return (f"link target '{target}' is not a page of the site (a draft, or a "
                        f"file inside a leaf bundle)")
        return f"link target '{target}' does not exist"


def _within(folder: str, path: str) -> str | None:
    """`path` taken from `folder` (both under one root), or None when it leaves the root."""
    parts: list[str] = [] if path.startswith("/") else [p for p in folder.split("/") if p]
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                return None
            parts.pop()
        else:
            parts.append(part)
    return "/".join(parts)


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):  # a name too long, or with a NUL in it: never a file
        return False


class _Positions:
    """Offsets in a page body to file lines and 1-based character columns."""

    def __init__(self, text: str, first_line: int) -> None:
        self.first_line = first_line
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def at(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.starts, offset) - 1
        return self.first_line + index, offset - self.starts[index] + 1


# -- reading Markdown without rendering it -----------------------------------------------------

SHORTCODE_MARK = "\x00"
CODE_MARK = "\x01"
_SHORTCODE_TAG = re.compile(r"\{\{[<%].*?[>%]\}\}", re.DOTALL)
_FENCE_OPEN = re.compile(r"(?P<fence>`{3,}|~{3,})(?P<info>[^\n]*)")
_TICKS = re.compile(r"`+")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def _blank_out(text: str, spans: list[tuple[int, int]], mark: str) -> str:
    """`text` with each span replaced by `mark`s, newlines kept, so offsets stay valid."""
    out: list[str] = []
    last = 0
    for start, end in spans:
        out.append(text[last:start])
        out.append(re.sub(r"[^\n]", mark, text[start:end]))
        last = end
    out.append(text[last:])
    return "".join(out)


def mask_shortcodes(text: str) -> str:
    return _blank_out(text, [m.span() for m in _SHORTCODE_TAG.finditer(text)], SHORTCODE_MARK)


def fenced_blocks(text: str) -> list[tuple[int, int]]:
    """Spans of fenced code blocks (``` or ~~~), closed by a fence of the same kind."""
    spans: list[tuple[int, int]] = []
    opened: tuple[int, str] | None = None
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if opened is None:
            match = _FENCE_OPEN.fullmatch(stripped)
            # A backtick fence's info string holds no backtick: ```x``` is a code span.
            if match and not (match["fence"][0] == "`" and "`" in match["info"]):
                opened = (offset, match["fence"])
        elif stripped and set(stripped) == {opened[1][0]} and len(stripped) >= len(opened[1]):
            spans.append((opened[0], offset + len(line)))
            opened = None
        offset += len(line)
    # Python-Markdown leaves a fence that is never closed as plain text.
    return spans


def code_spans(text: str) -> list[tuple[int, int]]:
    """Spans of inline code: a run of backticks up to the next run of the same length."""
    spans: list[tuple[int, int]] = []
    runs = list(_TICKS.finditer(text))
    i = 0
    while i < len(runs):
        opener = runs[i]
        width = len(opener.group())
        j = next((k for k in range(i + 1, len(runs)) if len(runs[k].group()) == width), None)
        if j is not None and not _BLANK_LINE.search(text, opener.end(), runs[j].start()):
            spans.append((opener.start(), runs[j].end()))
            i = j + 1
        else:
            i += 1
    return spans


def mask_code(text: str) -> str:
    """The body with shortcode tags, fenced code, inline code and HTML comments blanked out."""
    text = mask_shortcodes(text)
    text = _blank_out(text, fenced_blocks(text), CODE_MARK)
    text = _blank_out(text, code_spans(text), CODE_MARK)
    return _blank_out(text, [m.span() for m in _HTML_COMMENT.finditer(text)], CODE_MARK)


@dataclass(frozen=True)
class Link:
    """Where a link's destination is written in the text: `[x](<start..end>)`."""

    start: int
    end: int
    image: bool


_REFERENCE = re.compile(
    r"^[ ]{0,3}\[(?!\^)[^\]\n]+\]:[ \t]*(?:\n[ \t]*)?(?P<dest><[^>\n]*>|\S+)", re.MULTILINE)


def find_links(text: str) -> list[Link]:
    """Inline links, pictures and reference definitions, in the order they are written."""
    links: list[Link] = []
    for match in re.finditer(r"\]\(", text):
        close = match.start()
        if _escaped(text, close):
            continue
        opening = _link_text_start(text, close)
        if opening is None:
            continue
        dest = _destination(text, match.end())
        if dest is None:
            continue
        links.append(Link(*dest, image=opening > 0 and text[opening - 1] == "!"))
    for match in _REFERENCE.finditer(text):
        start, end = match.span("dest")
        if text[start] == "<":
            start, end = start + 1, end - 1
        links.append(Link(start, end, image=False))
    return sorted(links, key=lambda link: link.start)


def _escaped(text: str, index: int) -> bool:
    backslashes = 0
    while index - backslashes - 1 >= 0 and text[index - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def _link_text_start(text: str, close: int) -> int | None:
    """The `[` that the `]` at `close` ends, within one paragraph."""
    depth = 0
    line_end = close
    first_line = True
    for i in range(close - 1, -1, -1):
        char = text[i]
        if char == "\n":
            if not first_line and not text[i + 1:line_end].strip():
                return None  # a blank line: the link text cannot start before it
            line_end, first_line = i, False
        elif char in "[]" and not _escaped(text, i):
            if char == "]":
                depth += 1
            elif depth == 0:
                return i
            else:
                depth -= 1
    return None


_TITLE_CLOSE = {'"': '"', "'": "'", "(": ")"}


def _destination(text: str, pos: int) -> tuple[int, int] | None:
    """The span of a link destination starting at `pos` (after `](`), if a `)` ends the link."""
    end_of_text = len(text)
    while pos < end_of_text and text[pos] in " \t":
        pos += 1
    if pos < end_of_text and text[pos] == "\n":
        pos += 1
        while pos < end_of_text and text[pos] in " \t":
            pos += 1
    if pos < end_of_text and text[pos] == "<":
        close = text.find(">", pos + 1)
        if close < 0 or "\n" in text[pos:close]:
            return None
        span, pos = (pos + 1, close), close + 1
    else:
        start, depth = pos, 0
        while pos < end_of_text:
            char = text[pos]
            if char == "\\":
                pos += 2
                continue
            if char.isspace():
                break
            if char == "(":
                depth += 1
            elif char == ")":
                if depth == 0:
                    break
                depth -= 1
            pos += 1
        if depth or start == pos:
            return None
        span = (start, min(pos, end_of_text))
    rest = text[pos:pos + 300]
    after = rest.lstrip(" \t\n")
    if after[:1] in _TITLE_CLOSE:
        title_end = after.find(_TITLE_CLOSE[after[0]], 1)
        if title_end < 0:
            return None
        after = after[title_end + 1:].lstrip(" \t\n")
    return span if after.startswith(")") else None


# -- heading ids, the way Python-Markdown's toc extension gives them ---------------------------

# Indented too: blocks inside list items are indented, and there Python-Markdown finds headings.
# (An indented code block's `# comment` then counts too: a check errs towards no false alarm.)
_ATX = re.compile(r"[ \t]*(?P<level>#{1,6})(?P<text>.*?)#*[ \t]*")
_SETEXT = re.compile(r"(=+|-+)[ ]*")
_ATTR_LIST = re.compile(r"\{:?[ ]*([^}\n ][^\n]*?)\}")
_HEADER_ATTRS = re.compile(r"[ ]+\{:?[ ]*([^}\n ][^\n]*)\}[ ]*$")
_ATTR_ID = re.compile(r"(?:^|\s)#([^\s}]+)|(?:^|\s)id=(?:\"([^\"]*)\"|'([^']*)'|([^\s}]+))")
_HTML_ID = re.compile(r"<[A-Za-z][^>]*?\s(?:id|name)\s*=\s*[\"']([^\"']+)[\"']")
_FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\]")
_CODE_SPAN = re.compile(r"(?<!\\)(`+)(.+?)(?<!`)\1(?!`)")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_UNDERSCORES = re.compile(r"(?<![\w\\])(_{1,3})(?!\s)(.+?)(?<![\s\\])\1(?!\w)")
_BACKSLASH = re.compile(r"\\([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")


def _attr_id(attrs: str) -> str | None:
    found = None
    for match in _ATTR_ID.finditer(attrs):
        found = next(g for g in match.groups() if g is not None)
    return found


def _plain(text: str) -> str:
    """Heading Markdown to the text toc slugifies: markup gone, code kept as written."""
    parts = _CODE_SPAN.split(text)
    out: list[str] = []
    for index in range(0, len(parts), 3):
        prose = parts[index]
        prose = _IMAGE.sub("", prose)
        prose = _FOOTNOTE.sub("", prose)
        prose = _LINK.sub(r"\1", prose)
        prose = _TAG.sub("", prose)
        prose = _UNDERSCORES.sub(r"\2", prose)
        prose = _BACKSLASH.sub(r"\1", prose)
        out.append(html.unescape(prose))
        if index + 2 < len(parts):
            out.append(parts[index + 2].strip())
    return "".join(out)


def heading_ids(markdown: str, slugify: Slugify = toc_slugify, separator: str = "-") -> list[str]:
    """Every id an anchor on this page can name, in page order: headings, `{#id}`, HTML ids
    and footnotes. Headings without `{#id}` get toc's slug, made unique with `_1`, `_2`..."""
    text = _blank_out(markdown, fenced_blocks(markdown), CODE_MARK)
    text = _blank_out(text, [m.span() for m in _HTML_COMMENT.finditer(text)], CODE_MARK)
    # toc never reuses an id already on the page, so those are collected first.
    used: set[str] = set()
    ids: list[str] = []
    for match in _ATTR_LIST.finditer(text):
        explicit = _attr_id(match.group(1))
        if explicit:
            used.add(explicit)
    used.update(m.group(1) for m in _HTML_ID.finditer(text))
    for label in _FOOTNOTE.findall(text):
        used.update((f"fn:{label}", f"fnref:{label}"))
    previous = ""
    for line in text.split("\n"):
        heading: str | None = None
        if (atx := _ATX.fullmatch(line)) is not None:
            heading = atx["text"].strip()
        elif (_SETEXT.fullmatch(line) and previous.strip() and not _ATX.fullmatch(previous)
              and CODE_MARK not in previous and SHORTCODE_MARK not in previous):
            heading = previous.strip()
        previous = "" if heading is not None and atx is None else line
        if heading is None:
            continue
        attrs = _HEADER_ATTRS.search(heading)
        explicit = _attr_id(attrs.group(1)) if attrs else None
        if attrs:
            heading = heading[:attrs.start()]
        if explicit:
            ids.append(explicit)
        else:
            ids.append(unique(slugify(_plain(heading), separator), used))
    ids.extend(sorted(used - set(ids)))
    return ids

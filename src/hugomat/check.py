"""`hugomat check`: read the whole book without building it and report every problem at once.

Nothing is rendered to HTML. Each page goes through the same conversion a build uses, so
front matter, shortcode, picture and link mistakes are the build's own, found by the same
code (links are followed by hugomat.link_check from the references the one parse recorded,
anchors checked against the ids Goldmark gives headings). Besides, it warns of pages
without a title and reports pages that share a URL.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from hugomat import book as book_model
from hugomat.book import Book, Page, page_url
from hugomat.conversion_cache import ConversionCache
from hugomat.convert import convert, links_followed
from hugomat.errors import ContentError, ContentErrors, Location
from hugomat.figures import OriginalPictures
from hugomat.layout import alias_path, reserved_alias
from hugomat.safe_files import SiteFolders, scan
from hugomat.source import SiteSource

ERROR = "error"
WARNING = "warning"
NOTE = "note"
"""Said, never failing: what Hugo and hugo-book build as it is (a page without a title), so
that `check --strict` and `build --strict` fail on the same things."""

# -- findings ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """One problem at one place; a warning fails the check only with --strict."""

    location: Location
    message: str
    severity: str = ERROR

    def __str__(self) -> str:
        # The same shape as a build's log lines, so editors read both the same way.
        label = f"{self.severity}: " if self.severity in (WARNING, NOTE) else ""
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

    @property
    def notes(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == NOTE]

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors or (strict and self.warnings))

    def summary(self) -> str:
        def count(n: int, what: str) -> str:
            return f"{n} {what}{'' if n == 1 else 's'}"

        notes = f", {count(len(self.notes), 'note')}" if self.notes else ""
        return (f"{count(self.pages, 'page')} checked: {count(len(self.errors), 'error')}, "
                f"{count(len(self.warnings), 'warning')}{notes}")


@dataclass
class _Found:
    findings: list[Finding] = field(default_factory=list)

    def error(self, at: Location, message: str) -> None:
        self.findings.append(Finding(at, message, ERROR))

    def warning(self, at: Location, message: str) -> None:
        self.findings.append(Finding(at, message, WARNING))

    def note(self, at: Location, message: str) -> None:
        self.findings.append(Finding(at, message, NOTE))

    def content(self, errors: list[ContentError], severity: str) -> None:
        self.findings.extend(Finding(e.location, e.message, severity) for e in errors)

    def report(self, pages: int) -> Report:
        unique_findings = {(f.location, f.message, f.severity): f for f in self.findings}
        ordered = sorted(unique_findings.values(), key=lambda f: (
            f.location.path, f.location.line, f.location.column, f.message))
        return Report(ordered, pages)


# -- the check ---------------------------------------------------------------------------------


def check(sources: Iterable[SiteSource], *, static_dirs: Iterable[Path] = (),
          copied_dirs: Iterable[Path] = (), directory_urls: bool = True,
          cache: ConversionCache | None = None,
          path_map: dict[str, str | list[str]] | None = None) -> Report:
    """Check a book: one SiteSource per language. `static_dirs` are the folders copied into the
    site as they are; `copied_dirs` every folder whose files a build publishes as they are
    (those and the template overrides), listed as the build lists them; `cache` holds
    documents converted by earlier builds and checks."""
    found = _Found()
    pages = 0
    languages = list(sources)
    for source in languages:
        pages += _check_book(source, tuple(static_dirs), directory_urls, cache, found,
                             path_map or {})
    if languages:
        # A link out of the site's folders or a special file there fails the build: so here.
        folders = SiteFolders.of(languages[0].site_folders, languages[0].display)
        errors: list[ContentError] = []
        for folder in copied_dirs:
            scan(folder, folders, errors)
        found.content(errors, ERROR)
    return found.report(pages)


def _check_book(source: SiteSource, static_dirs: tuple[Path, ...], directory_urls: bool,
                cache: ConversionCache | None, found: _Found,
                path_map: dict[str, str | list[str]]) -> int:
    try:
        book = book_model.load(source)
    except ContentErrors as failure:
        # Without the Book there are no pages to follow links into; the front matter
        # mistakes of every file are still reported together.
        found.content(failure.errors, ERROR)
        found.content(failure.warnings, WARNING)
        return 0

    # Pictures are only located and opened here, never encoded: a check stays fast.
    # Picture sets (path_map) are looked up as the build looks them up.
    pictures = OriginalPictures(source.picture_roots, source.display, path_map)
    converted = [convert(page, book, directory_urls=directory_urls, pictures=pictures,
                         static_dirs=static_dirs, cache=cache) for page in book.pages]
    for result in converted:
        found.content(result.errors, ERROR)
        found.content(result.warnings, WARNING)
    links = links_followed(book, converted, static_dirs=static_dirs,
                           directory_urls=directory_urls)
    found.content(links.errors, ERROR)
    found.content(links.warnings, WARNING)
    for page in book.pages:
        _check_title(page, found)
    _check_urls(book, directory_urls, found)
    return len(book.pages)


def _check_title(page: Page, found: _Found) -> None:
    title = page.data.get("title")
    if page.made or (title is not None and str(title).strip()):
        return  # a page Hugo makes without a file has the title Hugo gives it
    # Legal in Hugo (the file name stands in) and common in hugo-book's own example, where
    # sections go by their folder's name: a note, which no --strict turns into a failure.
    at = page.location("title") if "title" in page.data else Location(page.display_path)
    found.note(at, f"page has no title (the site shows '{page.title}' instead)")


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
            path = alias_path(alias)
            url = page_url(posixpath.join(path, "index.md") if path else "index.md",
                           directory_urls)
            owner = by_url.get(url, [None])[0] or aliases.get(url)
            reserved = reserved_alias(alias)
            if reserved is not None:
                found.error(page.location("aliases"), reserved)
            elif owner is not None:
                whose = "this page" if owner is page else owner.display_path
                found.error(page.location("aliases"),
                            f"alias '{alias}' is already the URL of {whose}")
            else:
                aliases[url] = page

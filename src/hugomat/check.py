"""`hugomat check` = load + validate, the build's own first two steps, and nothing rendered.

`load_books` reads every language's book and links them; `validate_book` converts each page
(front matter, shortcodes, pictures located and opened but never encoded), follows every
link from the references the one parse recorded (hugomat.link_check) and finds pages that
share a URL. The build (adapter.plugin) calls the same two, so `check` reports exactly the
mistakes `build` fails on, with the same severities under --strict. Besides, it notes pages
without a title, which never fails either.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from hugomat import book as book_model
from hugomat.book import Book, Page, page_url
from hugomat.conversion_cache import ConversionCache
from hugomat.convert import BookConversion, converted_book
from hugomat.errors import ContentError, ContentErrors, Location
from hugomat.figures import ResponsivePictures
from hugomat.layout import alias_path, reserved_alias
from hugomat.render import PictureMaker
from hugomat.safe_files import SiteFolders, scan
from hugomat.source import SiteSource
from hugomat.static_clashes import static_page_clashes
from hugomat.translations import Language

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

    def content(self, errors: list[ContentError], severity: str) -> None:
        self.findings.extend(Finding(e.location, e.message, severity) for e in errors)

    def report(self, pages: int) -> Report:
        unique_findings = {(f.location, f.message, f.severity): f for f in self.findings}
        ordered = sorted(unique_findings.values(), key=lambda f: (
            f.location.path, f.location.line, f.location.column, f.message))
        return Report(ordered, pages)


# -- load: every language's book, linked -------------------------------------------------------


def load_books(sources: Mapping[str, SiteSource],
               languages: Iterable[Language] = ()) -> dict[str, Book]:
    """Each language's book (by code; one book of any code when there are no `languages`),
    linked to the others as relref's `lang=` and links between languages need them. Raises
    ContentErrors with the mistakes of every language's files at once."""
    books: dict[str, Book] = {}
    errors: list[ContentError] = []
    warnings: list[ContentError] = []
    for code, source in sources.items():
        try:
            books[code] = book_model.load(source)
        except ContentErrors as failure:
            errors += failure.errors
            warnings += failure.warnings
    if errors:
        raise ContentErrors(errors, warnings)
    for language in languages:
        books[language.code].prefix = language.prefix
        books[language.code].languages = books
    return books


# -- validate: every mistake of a loaded book ---------------------------------------------------


@dataclass
class Validation:
    """A book's pages converted, and every mistake the build fails on (with --strict, its
    warnings too) and `check` reports."""

    conversion: BookConversion
    errors: list[ContentError]
    warnings: list[ContentError]
    notes: list[ContentError]


def validate_book(book: Book, *, directory_urls: bool = True, strict: bool = False,
                  pictures: PictureMaker | None = None, site_toc: bool = True,
                  static_dirs: tuple[Path, ...] = (),
                  cache: ConversionCache | None = None) -> Validation:
    """Convert every page, follow every link and look for pages that share a URL: the one
    validation `build` and `check` run."""
    conversion = converted_book(book, directory_urls=directory_urls, strict=strict,
                                pictures=pictures, site_toc=site_toc, static_dirs=static_dirs,
                                cache=cache)
    notes = [note for page in book.pages if (note := _title_note(page)) is not None]
    return Validation(conversion, [*conversion.errors, *url_clashes(book, directory_urls)],
                      [*conversion.warnings,
                       *static_page_clashes(book, static_dirs, directory_urls)], notes)


def _title_note(page: Page) -> ContentError | None:
    title = page.data.get("title")
    if page.made or (title is not None and str(title).strip()):
        return None  # a page Hugo makes without a file has the title Hugo gives it
    # Legal in Hugo (the file name stands in) and common in hugo-book's own example, where
    # sections go by their folder's name: a note, which no --strict turns into a failure.
    at = page.location("title") if "title" in page.data else Location(page.display_path)
    return ContentError(at, f"page has no title (the site shows '{page.title}' instead)")


def url_clashes(book: Book, directory_urls: bool = True) -> list[ContentError]:
    """Pages, and `aliases` (pages that redirect), that would be written to one URL: only one
    of them could be built."""
    errors: list[ContentError] = []
    by_url: dict[str, list[Page]] = {}
    for page in book.pages:
        by_url.setdefault(page_url(page.src_uri, directory_urls), []).append(page)
    for url, pages in by_url.items():
        if len(pages) < 2:
            continue
        for page in pages:
            others = ", ".join(p.display_path for p in pages if p is not page)
            errors.append(ContentError(page.location(), f"page has the same URL /{url} as "
                                                        f"{others}; only one of them can be built"))
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
                errors.append(ContentError(page.location("aliases"), reserved))
            elif owner is not None:
                whose = "this page" if owner is page else owner.display_path
                errors.append(ContentError(page.location("aliases"),
                                           f"alias '{alias}' is already the URL of {whose}"))
            else:
                aliases[url] = page
    return errors


# -- the check: load + validate, nothing rendered -----------------------------------------------


@dataclass
class Loaded:
    """One language as the build loads it (adapter.plugin's `load`): its book and the picture
    maker its pages draw with, or the mistakes that kept it from loading."""

    book: Book | None = None
    pictures: PictureMaker | None = None
    failure: ContentErrors | None = None


def check(languages: Iterable[Loaded], *, static_dirs: Iterable[Path] = (),
          copied_dirs: Iterable[Path] = (), directory_urls: bool = True,
          cache: ConversionCache | None = None, strict: bool = False) -> Report:
    """Check a book loaded as the build loads it, one Loaded per language, the default one
    first. `static_dirs` are the folders copied into the site as they are; `copied_dirs`
    every folder whose files a build publishes as they are (those and the template
    overrides), listed as the build lists them; `cache` holds documents converted by earlier
    builds and checks; `strict` is the build's --strict, which makes its warnings errors."""
    found = _Found()
    pages = 0
    for index, loaded in enumerate(languages):
        if loaded.failure is not None:
            found.content(loaded.failure.errors, ERROR)
            found.content(loaded.failure.warnings, WARNING)
            if index == 0:
                break  # as in the build: the other languages start once the default one loaded
            continue
        assert loaded.book is not None
        if index == 0:
            # A link out of the site's folders or a special file there fails the build too.
            source = loaded.book.source
            errors: list[ContentError] = []
            for folder in copied_dirs:
                scan(folder, SiteFolders.of(source.site_folders, source.display), errors)
            found.content(errors, ERROR)
        else:
            errors = []
        # Pictures are located, opened and planned as the build plans them, never encoded.
        validation = validate_book(loaded.book, directory_urls=directory_urls, strict=strict,
                                   pictures=loaded.pictures, static_dirs=tuple(static_dirs),
                                   cache=cache)
        found.content(validation.errors, ERROR)
        found.content(validation.warnings, WARNING)
        found.content(validation.notes, NOTE)
        if isinstance(loaded.pictures, ResponsivePictures) and not (validation.errors or errors):
            # A source the cache has no variants of is decoded, as encoding would: a damaged
            # or truncated one is an error here as in the build (which stops before encoding
            # when the pages have errors, so then neither looks).
            found.content(loaded.pictures.cache.decode_problems(loaded.pictures.all_plans()),
                          ERROR)
        pages += len(loaded.book.pages)
    return found.report(pages)

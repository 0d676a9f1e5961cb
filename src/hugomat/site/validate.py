"""Every mistake of a loaded site, found the one way the build and `check` both use.

`validate(site)` converts each page of the current language's book (front matter,
shortcodes, pictures located and opened but never encoded), follows every link from the
references the one parse recorded (hugomat.render.link_check), finds pages that share a URL and
lists the folders published as they are. The build fails on its errors (with --strict, on
its warnings too); `check` reports them, and its notes.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from hugomat.errors import ContentError, Location
from hugomat.pictures.made import PictureMaker
from hugomat.read.book import Book, Page, page_url
from hugomat.read.safe_files import SiteFolders, scan
from hugomat.render.conversion_cache import ConversionCache
from hugomat.render.convert import BookConversion, converted_book
from hugomat.site.model import Site
from hugomat.site.pages import alias_path, reserved_alias
from hugomat.site.static_clashes import static_page_clashes


@dataclass
class Validation:
    """A book's pages converted, and every mistake the build fails on (with --strict, its
    warnings too) and `check` reports."""

    conversion: BookConversion
    errors: list[ContentError]
    warnings: list[ContentError]
    notes: list[ContentError]
    static_files: dict[Path, list[Path]] = field(default_factory=dict)
    """The files of each static folder, by folder, for the build to publish."""


def validate(site: Site, *, pictures: PictureMaker | None = None,
             cache: ConversionCache | None = None, folders: bool = True) -> Validation:
    """Validate the current language of `site`. `folders`: also list the folders published
    as they are, where a link out of the site's folders or a special file is a mistake (they
    are the same for every language, so `check` looks once)."""
    options = site.options
    folder_errors: list[ContentError] = []
    static_files: dict[Path, list[Path]] = {}
    if folders:
        allowed = SiteFolders.of(site.source.site_folders, site.source.display)
        for folder in options.copied_dirs:
            listed = scan(folder, allowed, folder_errors)
            if folder in options.static_dirs:
                static_files[folder] = listed.walk_files()
    validation = validate_book(site.book, directory_urls=options.directory_urls,
                               strict=options.strict, pictures=pictures,
                               site_toc=options.toc, static_dirs=options.static_dirs, cache=cache)
    validation.errors[:0] = folder_errors
    validation.static_files = static_files
    return validation


def validate_book(book: Book, *, directory_urls: bool = True, strict: bool = False,
                  pictures: PictureMaker | None = None, site_toc: bool = True,
                  static_dirs: tuple[Path, ...] = (),
                  cache: ConversionCache | None = None) -> Validation:
    """Convert every page, follow every link and look for pages that share a URL."""
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

"""Files of a static folder published where a page is: Hugo writes the page over them.

`static/docs/page/index.html` and `content/docs/page.md` both name `/docs/page/`; Hugo's site
serves the page, and the static file never reaches a reader. The build publishes the page
too (hugomat.adapter.plugin leaves such a static file out), and the validation that `build`
and `check` share says so at the static file.
"""

from __future__ import annotations

from pathlib import Path

from hugomat.errors import ContentError, Location
from hugomat.read.book import Book, page_url


def page_file_path(src_uri: str, directory_urls: bool = True) -> str:
    """The path in the site of the HTML file a page is written to: `docs/page/index.html`,
    or `docs/page.html` without directory URLs."""
    url = page_url(src_uri, directory_urls)
    return url + "index.html" if not url or url.endswith("/") else url


def static_page_clashes(book: Book, static_dirs: tuple[Path, ...],
                        directory_urls: bool = True) -> list[ContentError]:
    """A warning at each static file that a page of the book takes the place of. Only for
    the language whose pages are at the site's root, where Hugo publishes static files."""
    warnings: list[ContentError] = []
    if book.prefix:
        return warnings
    for page in book.pages:
        path = page_file_path(page.src_uri, directory_urls)
        for folder in static_dirs:
            static = folder / path
            if not _is_file(static):
                continue
            # A page made without a file (a home page, a section) has no file to name.
            name = (f"the page '{page.title}' (made without a file, as Hugo makes it)"
                    if page.made else f"the page {page.display_path}")
            warnings.append(ContentError(
                Location(book.source.display(static)),
                f"not published: {name} is published at the same path /{path} and takes "
                "its place, as in Hugo"))
    return warnings


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):  # a name the file system refuses: no file
        return False

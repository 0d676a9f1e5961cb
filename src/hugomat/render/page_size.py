"""The largest page hugomat converts: a larger one is a located mistake, not minutes of work."""

from __future__ import annotations

from hugomat.errors import ContentError, Location
from hugomat.read.book import Page

# The largest page (its text after the front matter) converted: larger ones are a mistake.
MAX_PAGE_MB = 5


def too_large_error(page: Page) -> ContentError | None:
    """The mistake of a page longer than MAX_PAGE_MB: Python-Markdown would take minutes
    and gigabytes to render it (bench/GROWTH.md)."""
    body = page.front.body
    if len(body) * 4 <= MAX_PAGE_MB * 1_000_000:  # no need to count its UTF-8 bytes
        return None
    size = len(body.encode("utf-8", "surrogatepass")) / 1_000_000
    if size <= MAX_PAGE_MB:
        return None
    return ContentError(Location(page.display_path, 1, 1),
                        f"page is {size:.1f} MB; the limit is {MAX_PAGE_MB} MB")

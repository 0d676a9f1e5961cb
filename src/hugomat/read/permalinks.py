"""Hugo's `permalinks`: a section's pages at URLs made from a pattern (`/:year/:month/:slug/`),
and Hugo's lower-casing of URLs (undone by `disablePathToLower`)."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import unicodedata
from typing import Protocol

TOKEN = re.compile(r":([A-Za-z_]+)")

# The tokens hugomat fills in; each is what Hugo 0.168 documents for it.
TOKENS = ("year", "month", "monthname", "day", "weekday", "weekdayname", "yearday",
          "section", "sections", "title", "slug", "filename", "contentbasename",
          "slugorfilename", "slugorcontentbasename")


class PagePathParts(Protocol):
    """What a pattern reads of a page (hugomat.read.book.Page has it)."""

    rel_path: str
    data: dict

    @property
    def title(self) -> str: ...

    @property
    def date(self) -> dt.datetime | None: ...


def unknown_tokens(pattern: str) -> list[str]:
    """The `:tokens` of a pattern that Hugo's permalinks do not have."""
    return [name for name in TOKEN.findall(pattern) if name.lower() not in TOKENS]


def problem(section: str, pattern: object) -> str | None:
    """What is wrong with one permalinks entry, in a sentence; None if nothing is."""
    if not isinstance(pattern, str) or not pattern.strip():
        return f"permalinks.{section}: expected a pattern such as '/:year/:month/:slug/'"
    unknown = unknown_tokens(pattern)
    if unknown:
        return (f"permalinks.{section}: unknown token ':{unknown[0]}' in '{pattern}' "
                f"(known: {', '.join(':' + t for t in TOKENS)})")
    return None


def urlized(text: str, lower: bool = True) -> str:
    """Text made a URL path segment as Hugo's `urlize` makes it: spaces become '-', letters,
    digits and `._-~+#` stay, anything else goes; lower-cased unless asked not to."""
    text = unicodedata.normalize("NFC", text.strip())
    kept = []
    for char in text:
        if char.isspace():
            kept.append("-")
        elif char.isalnum() or char in "._-~+#":
            kept.append(char)
    made = "".join(kept)
    return made.lower() if lower else made


def without_accents(path: str) -> str:
    """A URL path without accents, as Hugo's removePathAccents makes it: decomposed (NFD),
    its combining marks (é's acute) dropped, composed again. Letters with no decomposition
    (ø, ﬁ) stay."""
    parts = unicodedata.normalize("NFD", path)
    kept = "".join(char for char in parts if unicodedata.category(char) != "Mn")
    return unicodedata.normalize("NFC", kept)


def expand(pattern: str, page: PagePathParts, *, lower: bool = True,
           section_dir: str | None = None) -> str:
    """The URL path (no '/' at either end) a pattern gives a page. `section_dir` is the
    folder of the page's section, when known: Hugo's `:sections` is that section's path, so
    a folder without _index.md between it and the page is not in it."""
    folder, name = posixpath.split(page.rel_path)
    stem = posixpath.splitext(name)[0]
    base = posixpath.basename(folder) if stem == "index" else stem
    sections = folder.split("/") if folder else []
    if stem == "index" and sections:
        sections = sections[:-1]  # a leaf bundle's folder is the page, not a section
    if section_dir is not None:
        sections = section_dir.split("/") if section_dir else []
    date = page.date or dt.datetime(1, 1, 1, tzinfo=dt.UTC)
    slug = str(page.data.get("slug") or "").strip()
    values = {
        "year": f"{date.year:04}", "month": f"{date.month:02}", "day": f"{date.day:02}",
        "monthname": date.strftime("%B").lower(), "weekday": str(date.isoweekday() % 7),
        "weekdayname": date.strftime("%A").lower(),
        "yearday": str(date.timetuple().tm_yday),
        "section": sections[0] if sections else "",
        "sections": "/".join(sections),
        "title": urlized(page.title, lower),
        "slug": urlized(slug, lower) if slug else urlized(page.title, lower),
        "filename": base, "contentbasename": base,
        "slugorfilename": urlized(slug, lower) if slug else base,
        "slugorcontentbasename": urlized(slug, lower) if slug else base,
    }
    path = TOKEN.sub(lambda m: values[m.group(1).lower()], pattern)
    path = re.sub(r"/{2,}", "/", path).strip("/")
    return path.lower() if lower else path


def section_of(rel_path: str) -> str:
    """The top-level section a page belongs to ('' for a page at the top)."""
    folder = posixpath.dirname(rel_path)
    return folder.split("/")[0] if folder else ""

"""Where a book's links lead, checked: the same for `hugomat build` and `hugomat check`.

Links are followed the way the build writes them (hugomat.render.links): a site-absolute path and a
`.md` file name a page as relref does; any other relative URL is left to the browser,
relative to the page's URL. An `#anchor` must be an id on its page: a heading's (as Goldmark
makes it), an id in raw HTML, or a footnote's.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from hugomat.errors import ContentError
from hugomat.markdown.references import Reference
from hugomat.read import book as book_model
from hugomat.read.book import Book, Page, page_url
from hugomat.render.url_policy import refusal, refused_scheme

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


@dataclass
class LinkProblems:
    errors: list[ContentError] = field(default_factory=list)
    """Links to Markdown files that are no page, and anchors that are no id."""
    warnings: list[ContentError] = field(default_factory=list)
    """Other paths that lead to nothing the site holds: they may be served beside it
    (errors under --strict)."""


def reference_problems(book: Book, references: Mapping[str, Iterable[Reference]],
                       anchors: Mapping[str, list[str]], *, static_dirs: Iterable[Path] = (),
                       directory_urls: bool = True) -> LinkProblems:
    """Every reference (by page rel_path) that leads nowhere, each at its place; `anchors`
    holds each page's ids, in page order."""
    site = SiteLinks(book, tuple(static_dirs), directory_urls, anchors)
    found = LinkProblems()
    for page in book.pages:
        for reference in references.get(page.rel_path, ()):
            problem = site.problem(page, reference)
            if problem is not None:
                message, is_error = problem
                (found.errors if is_error else found.warnings).append(
                    ContentError(reference.location, message))
    return found


class SiteLinks:
    """The site as a reader's browser sees it: page URLs (of every language), files beside
    them, ids. Paths here are the whole site's, a language's prefix included."""

    def __init__(self, book: Book, static_dirs: tuple[Path, ...], directory_urls: bool,
                 anchors: Mapping[str, list[str]]) -> None:
        self.book = book
        self.static_dirs = static_dirs
        self.directory_urls = directory_urls
        self.anchors = anchors
        self.books = list(book.languages.values()) or [book]
        self.by_url: dict[str, Page] = {}
        self.book_of: dict[int, Book] = {}
        for language in self.books:
            for page in language.pages:
                url = language.prefix + page_url(page.src_uri, directory_urls)
                self.by_url.setdefault(url.rstrip("/"), page)
                if url == "" or url.endswith("/"):
                    self.by_url.setdefault(url + "index.html", page)
                self.book_of[id(page)] = language

    def problem(self, page: Page, reference: Reference) -> tuple[str, bool] | None:
        """What is wrong with a reference, and whether it is an error (or a warning)."""
        if reference.kind == "relref":
            path, _, anchor = reference.target.partition("#")
            dest = self.book.find(path, page) if path.strip() else page
            if dest is None or not anchor:
                return None  # a page that does not exist is the renderer's error
            problem = self.anchor_problem(dest, unquote(anchor), page)
            return (f"relref {problem}", True) if problem else None
        return self.link_problem(page, reference.target)

    def link_problem(self, page: Page, target: str) -> tuple[str, bool] | None:
        scheme = refused_scheme(target)
        if scheme is not None:
            return refusal("link target", target, scheme), True
        if not target or _SCHEME.match(target) or target.startswith("//"):
            return None  # another site (or mailto:): never fetched
        path, _, fragment = target.partition("#")
        path = unquote(path.partition("?")[0])
        fragment = unquote(fragment)
        if not path:
            problem = self.anchor_problem(page, fragment, page) if fragment else None
            return (problem, True) if problem else None
        dest = self._follow(page, path)
        if dest is None:
            return self._missing(page, path, unquote(target)), path.endswith(
                book_model.MARKDOWN_SUFFIXES)
        if isinstance(dest, Path) or not fragment:
            return None  # a file has no anchors to check
        problem = self.anchor_problem(dest, fragment, page)
        return (problem, True) if problem else None

    def anchor_problem(self, dest: Page, anchor: str, page: Page) -> str | None:
        ids = self.anchors.get(dest.rel_path) if self.book_of.get(id(dest)) is self.book else None
        if ids is None or anchor in ids:
            return None  # another language's page, or one that did not convert (reported)
        where = "this page" if dest is page else dest.display_path
        known = ", ".join(ids[:8]) + (", ..." if len(ids) > 8 else "") if ids else "none"
        return f"anchor '#{anchor}' does not exist on {where} (ids there: {known})"

    def _url_folder(self, page: Page) -> str:
        """The folder a browser resolves the page's relative URLs from ('' at the top)."""
        here = self.book.prefix + page_url(page.src_uri, self.directory_urls)
        return here.rstrip("/") if here == "" or here.endswith("/") else posixpath.dirname(here)

    def _follow(self, page: Page, path: str) -> Page | Path | None:
        if path.endswith(book_model.MARKDOWN_SUFFIXES):
            rel = _within(posixpath.dirname(page.rel_path), path)
            if rel is None:
                return None
            return self.book.find("/" + rel)
        if path.startswith("/"):
            found = self.book.find(path)
            if found is not None:
                return found
            rel = _within("", path)
        else:
            rel = _within(self._url_folder(page), path)
        if rel is None:
            return None  # above the site's root
        return self.by_url.get(rel) or (self._site_file(rel) if rel else None)

    def _site_file(self, rel: str) -> Path | None:
        """A file the site carries besides pages: the static folders' (served from the
        site's root) and each language's content files (copied beside its pages)."""
        if rel.endswith(book_model.MARKDOWN_SUFFIXES):
            return None
        candidates = [root / rel for root in self.static_dirs]
        for language in self.books:
            if rel.startswith(language.prefix):
                candidates.append(language.source.content_dir / rel[len(language.prefix):])
        return next((c for c in candidates if _is_file(c)), None)

    def _missing(self, page: Page, path: str, target: str) -> str:
        if path.endswith(book_model.MARKDOWN_SUFFIXES):
            rel = _within(posixpath.dirname(page.rel_path), path)
            if rel is not None and _is_file(self.book.source.content_dir / rel):
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

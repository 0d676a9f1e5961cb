"""Links written for Hugo, made to work wherever the site is served.

Hugo content links to pages by site-absolute URL (`/docs/x/`) or, with hugo-book's portable
links, by file (`../x.md`). In Markdown both become links from the converted page's source
file to the target's (`../x.md`, `../../static-file.pdf`), which MkDocs turns into URLs
relative to the page; in HTML (where MkDocs does not look) they are written as those URLs.
The site works from a domain root and from a sub-path alike.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from urllib.parse import quote, unquote

from hugomat.book import Book, Page, page_url, relative_url

EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//|#)")


def is_external(url: str) -> bool:
    """A URL with a scheme, another host, or only an anchor: not a path of the site."""
    return bool(EXTERNAL.match(url))


def as_source_path(url: str, page: Page, book: Book, directory_urls: bool = True,
                   is_site_file: Callable[[str], bool] = lambda path: False) -> str | None:
    """The link from `page`'s source file to the page or site file `url` names, as MkDocs
    expects Markdown links; any other site path relative to the page's URL (MkDocs leaves
    a link to no file of its own as written, and the browser resolves it from there); None
    when it is left as written. `is_site_file` tells a site path (`files/a.pdf`) that is a
    file the site copies (static/, the content folder's own files)."""
    if is_external(url):
        return None
    path, suffix = _split(url)
    here = posixpath.dirname(page.src_uri)
    if path.startswith("/"):
        found = book.find(path)
        if found is not None:
            return quote(_from(here, found.src_uri)) + suffix
        site_path = posixpath.normpath(path).strip("/")
        if site_path and is_site_file(site_path):
            return quote(_from(here, site_path)) + suffix
        return as_url(url, page, book, directory_urls)
    if path.endswith((".md", ".markdown")):
        found = _page_file(path, page, book)
        if found is not None:
            return quote(_from(here, found.src_uri)) + suffix
    return None


def as_url(url: str, page: Page, book: Book, directory_urls: bool) -> str:
    """`url` as a browser follows it from the page's URL (for links written in HTML)."""
    if is_external(url):
        return url
    path, suffix = _split(url)
    here = page_url(page.src_uri, directory_urls)
    target: Page | None = None
    if path.startswith("/"):
        target = book.find(path)
        if target is None:
            site_path = posixpath.normpath(path).lstrip("/") + ("/" if path.endswith("/") else "")
            return quote(relative_url(site_path, here)) + suffix
    elif path.endswith((".md", ".markdown")):
        target = _page_file(path, page, book)
    if target is None:
        return url
    return quote(relative_url(page_url(target.src_uri, directory_urls), here)) + suffix


def picture_ref(src: str, page: Page, book: Book) -> str:
    """A picture's reference as the picture pipeline looks it up: a page bundle's own
    picture is found beside its page in the content folder, any other in the asset roots."""
    # A destination is a URL: `my%20pic.webp` (and `<my pic.webp>`, which the parse writes
    # so) names the file `my pic.webp`, as Hugo's `urls.Parse` reads it.
    src, _ = _split(src)
    if src.startswith("/"):
        return src
    beside = posixpath.normpath(posixpath.join(posixpath.dirname(page.rel_path), src))
    try:
        if (book.source.content_dir / beside).is_file():
            return beside
    except OSError:  # a name the file system refuses: the lookup reports it
        pass
    return src


def _page_file(path: str, page: Page, book: Book) -> Page | None:
    folder = posixpath.dirname(page.rel_path)
    return book.find("/" + posixpath.normpath(posixpath.join(folder, path)))


def _split(url: str) -> tuple[str, str]:
    """A URL's path (its %-escapes undone, as a file name is written), and its query and
    fragment as written."""
    path, hash_, fragment = url.partition("#")
    path, query_mark, query = path.partition("?")
    return unquote(path), (f"?{query}" if query_mark else "") + (f"#{fragment}" if hash_ else "")


def _from(folder: str, target: str) -> str:
    return posixpath.relpath("/" + target, "/" + folder)

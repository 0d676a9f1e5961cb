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
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote

from hugomat.read.book import Book, Page, page_url, relative_url

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
    # MkDocs would read a relative link from the source file; on the Hugo site the browser
    # reads it from the page's URL, so a site file found there is named from the source.
    served = served_path(path, page, directory_urls) if path else None
    if served and is_site_file(served):
        return quote(_from(here, served)) + suffix
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


def picture_ref(src: str, page: Page, book: Book, directory_urls: bool = True) -> str:
    """A picture's reference as the picture pipeline looks it up (a path under the site's
    picture roots).

    hugo-book writes a relative destination as it is, so on the Hugo site the browser resolves
    it against the page's URL: `../images/x.png` on `docs/a/page.md` (at `/docs/a/page/`) is
    `/docs/a/images/x.png`. That file wins; failing it, the file beside the page's source
    (what an editor's preview shows), then the path as written from the site's root (as
    earlier builds read it, which a path_map folder such as `_din_style/x.webp` needs). When
    none exists, a path climbing with `..` becomes the site path the URL names, so that the
    lookup reports that; one that leaves the site is returned as written, and refused."""
    # A destination is a URL: `my%20pic.webp` (and `<my pic.webp>`, which the parse writes
    # so) names the file `my pic.webp`, as Hugo's `urls.Parse` reads it.
    src, _ = _split(src)
    if src.startswith("/"):
        return src
    served = served_path(src, page, directory_urls)
    beside = _inside(posixpath.join(posixpath.dirname(page.rel_path), src))
    roots = book.source.picture_roots
    if served is not None and _is_file_under(roots, served):
        return served
    if beside is not None and _is_file_under((book.source.content_dir,), beside):
        return beside
    if served is None or ".." not in PurePosixPath(src).parts:
        return src
    return served


def served_path(src: str, page: Page, directory_urls: bool = True) -> str | None:
    """The site path a browser loads for the relative URL `src` on `page` (without a leading
    '/'), or None when it climbs above the site's root."""
    url = page_url(page.src_uri, directory_urls)
    folder = url if url.endswith("/") or not url else posixpath.dirname(url) + "/"
    return _inside(folder + src)


def _inside(path: str) -> str | None:
    """`path` with `.` and `..` resolved, or None when it leaves the folder it is under."""
    normal = posixpath.normpath(path) if path else "."
    if normal == ".." or normal.startswith("../") or normal.startswith("/"):
        return None
    return normal


def _is_file_under(roots: tuple[Path, ...], rel: str) -> bool:
    for root in roots:
        try:
            if (root / rel).is_file():
                return True
        except OSError:  # a name the file system refuses: the lookup reports it
            return False
    return False


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

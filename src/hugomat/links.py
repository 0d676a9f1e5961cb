"""Links written for Hugo, made to work wherever the site is served.

Hugo content links to pages by site-absolute URL (`/docs/x/`) or, with hugo-book's portable
links, by file (`../x.md`). Both become links from the converted page's source file to the
target's (`../x.md`, `../../static-file.pdf`), which MkDocs checks and turns into URLs relative
to the page: the site works from a domain root and from a sub-path alike.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

from hugomat.book import Book, Page

# A fenced code block, or an inline code span: links inside them are text.
CODE = re.compile(r"(?ms)^([ \t]*)(`{3,}|~{3,})[^\n]*\n.*?^\1?[ \t]*\2[ \t]*$|(`+)(?:(?!\3).)+?\3")
# The target of an inline link or picture: ](target "title") or ](<target>).
INLINE = re.compile(r"(\]\(\s*)(<[^>\n]*>|[^\s)]+)")
# A reference definition: [id]: target
REFERENCE = re.compile(r"(?m)^( {0,3}\[[^\]\n]+\]:[ \t]*)(<[^>\n]*>|\S+)")
EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//|#)")


def rewrite(markdown: str, page: Page, book: Book) -> str:
    """The Markdown with every link to a page or file of the book made relative to `page`'s
    source file, as MkDocs expects links to be written."""
    return outside_code(markdown, rewriter(page, book))


def rewriter(page: Page, book: Book) -> Callable[[str], str]:
    """`rewrite` for Markdown known to hold no code, to compose with other such changes in
    one pass over a page's code blocks."""
    here = posixpath.dirname(page.src_uri)

    def target(match: re.Match[str]) -> str:
        raw = match.group(2)
        bracketed = raw.startswith("<")
        url = raw[1:-1] if bracketed else raw
        new = _resolve(url, page, book, here)
        if new is None:
            return match.group(0)
        return match.group(1) + (f"<{new}>" if bracketed else new)

    def change(text: str) -> str:
        return REFERENCE.sub(target, INLINE.sub(target, text))

    return change


def outside_code(markdown: str, change: Callable[[str], str]) -> str:
    """`change` applied to the Markdown outside fenced code blocks and code spans."""
    return _apply_outside(CODE, markdown, change)


def _resolve(url: str, page: Page, book: Book, here: str) -> str | None:
    if EXTERNAL.match(url):
        return None
    path, hash_, fragment = url.partition("#")
    path, query_mark, query = path.partition("?")
    suffix = (f"?{query}" if query_mark else "") + (f"#{fragment}" if hash_ else "")
    if path.startswith("/"):
        found = book.find(path)
        # Otherwise a file of static/ or of a page bundle, served from the site's root.
        target = found.src_uri if found is not None else path.strip("/")
        return _from(here, target) + suffix
    if path.endswith((".md", ".markdown")):
        folder = posixpath.dirname(page.rel_path)
        found = book.find("/" + posixpath.normpath(posixpath.join(folder, path)))
        if found is not None:
            return _from(here, found.src_uri) + suffix
    return None


def _from(folder: str, target: str) -> str:
    return posixpath.relpath("/" + target, "/" + folder)


def _apply_outside(code: re.Pattern[str], text: str, change: Callable[[str], str]) -> str:
    parts = []
    position = 0
    for match in code.finditer(text):
        parts.append(change(text[position:match.start()]))
        parts.append(match.group(0))
        position = match.end()
    parts.append(change(text[position:]))
    return "".join(parts)

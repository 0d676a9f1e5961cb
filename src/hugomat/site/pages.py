"""Each page as an MkDocs source: its front matter and Markdown, and the redirects its
aliases make.

Plain data in MkDocs' formats; the plugin hands it to MkDocs, and an ejected book is written
from it.
"""

from __future__ import annotations

import json
import posixpath
from typing import Any

from hugomat.errors import ContentError, ContentErrors
from hugomat.pictures.drawn import banner_preload
from hugomat.pictures.made import SocialCard
from hugomat.read.book import Book, Page, page_url, relative_url
from hugomat.render.convert import ConvertedPage
from hugomat.render.url_policy import url_for_html


def front_matter(page: Page, *, site_toc: bool = True, social: SocialCard | None = None,
                 preload: dict[str, Any] | None = None) -> dict[str, Any]:
    """The keys MkDocs and Material read from a page's front matter, and hugomat's templates:
    `hugomat_social`, the page's link preview; `hugomat_preload`, its banner's picture sets
    (pictures.drawn.banner_preload)."""
    meta: dict[str, Any] = {"title": page.title}
    if page.description:
        meta["description"] = page.description
    hide = []
    if page.data.get("layout") == "landing":
        meta["template"] = "landing.html"
        hide += ["navigation", "toc"]
    elif not (page.toc and site_toc):
        hide.append("toc")
    if hide:
        meta["hide"] = hide
    if page.search_exclude:
        meta["search"] = {"exclude": True}
    if social is not None:
        meta["hugomat_social"] = {"image": social.site_path, "width": social.width,
                                  "height": social.height, "alt": social.alt}
    if preload is not None:
        meta["hugomat_preload"] = preload
    if page.href:
        # Material's redirect template sends the reader on; the menu links there directly.
        meta["template"] = "redirect.html"
        meta["location"] = url_for_html(page.href)
    return meta


def page_markdown(converted: ConvertedPage, *, site_toc: bool = True) -> str:
    """The converted body under a front matter of the keys MkDocs and Material read."""
    meta = front_matter(converted.page, site_toc=site_toc, social=converted.social,
                        preload=banner_preload(converted.markdown))
    return _with_front_matter(meta, converted.markdown)


def _with_front_matter(meta: dict[str, Any], body: str) -> str:
    # JSON is YAML, and writing it is some forty times faster than a YAML dump: this runs for
    # every page of every build.
    return f"---\n{json.dumps(meta, ensure_ascii=False)}\n---\n\n{body}"


# Files MkDocs, its search plugin and Material write into every site, and the folders they
# (and hugomat's pictures and stylesheet) keep theirs in: a redirect page written there as
# `<alias>/index.html` would be a folder where they write a file, or mix with their files.
_SITE_FILES = {"404.html": "MkDocs' page for missing pages", "sitemap.xml": "MkDocs' sitemap",
               "sitemap.xml.gz": "MkDocs' sitemap"}
_SITE_FOLDERS = {"assets": "Material's and hugomat's files", "search": "the search index"}


def alias_path(alias: str) -> str:
    """The site path an alias names, without '/' at either end ('' for the home page)."""
    return posixpath.normpath("/" + str(alias).strip()).strip("/")


def reserved_alias(alias: str) -> str | None:
    """Why the site cannot hold a redirect page at `alias`, or None when it can."""
    path = alias_path(alias)
    if path in _SITE_FILES:
        return f"alias '{alias}' is the site's own /{path} ({_SITE_FILES[path]})"
    folder = path.split("/", 1)[0]
    if folder in _SITE_FOLDERS:
        return (f"alias '{alias}' is in /{folder}/, which holds {_SITE_FOLDERS[folder]}; "
                "choose another path")
    return None


def alias_pages(book: Book, directory_urls: bool = True) -> dict[str, str]:
    """Pages at each `aliases:` URL that send the reader to the page: src_uri -> Markdown."""
    # Compared by URL: an alias /docs/b/ and a page docs/b.md would write the same file.
    taken = {page_url(page.src_uri, directory_urls) for page in book.pages}
    redirects: dict[str, str] = {}
    errors = []
    for page in book.pages:
        aliases = page.data.get("aliases") or []
        for alias in [aliases] if isinstance(aliases, str) else aliases:
            path = alias_path(alias)
            src_uri = posixpath.join(path, "index.md") if path else "index.md"
            url = page_url(src_uri, directory_urls)
            reserved = reserved_alias(alias)
            if reserved is not None:
                errors.append(ContentError(page.location("aliases"), reserved))
                continue
            if url in taken:
                errors.append(ContentError(page.location("aliases"),
                                           f"alias '{alias}' is already the URL of a page"))
                continue
            target = relative_url(page_url(page.src_uri, directory_urls),
                                  page_url(src_uri, directory_urls))
            meta = {"title": page.title, "template": "redirect.html", "location": target,
                    "search": {"exclude": True}}
            redirects[src_uri] = _with_front_matter(meta, "")
            taken.add(url)
    if errors:
        raise ContentErrors(errors)
    return redirects

"""The book laid out as MkDocs sources: each page's front matter, redirects, the navigation.

Plain data in MkDocs' formats; the plugin hands it to MkDocs, and an ejected book is written
from it.
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from typing import Any

from hugomat.book import Book, Page, Section, page_url, relative_url
from hugomat.convert import ConvertedPage
from hugomat.errors import ContentError, ContentErrors, Location
from hugomat.figures import banner_preload
from hugomat.render_context import SocialCard
from hugomat.url_policy import url_for_html


@dataclass(frozen=True)
class MenuLink:
    """A link of Hugo's menu.before / menu.after: a URL, or a page found like relref."""

    name: str
    url: str | None = None
    page: str | None = None
    weight: int = 0


def front_matter(page: Page, *, site_toc: bool = True, social: SocialCard | None = None,
                 preload: dict[str, Any] | None = None) -> dict[str, Any]:
    """The keys MkDocs and Material read from a page's front matter, and hugomat's templates:
    `hugomat_social`, the page's link preview; `hugomat_preload`, its banner's picture sets
    (figures.banner_preload)."""
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


@dataclass
class Navigation:
    items: list[Any]
    """MkDocs' nav setting: the home page and the book section's tree."""
    sections: list[Section]
    """The sections of `items`, in the order a depth-first walk of MkDocs' nav meets them."""
    before: list[MenuEntry]
    """menu.before: links, not page entries, so that a page in a menu and in the tree keeps
    its own label in each."""
    after: list[MenuEntry]


@dataclass(frozen=True)
class MenuEntry:
    label: str
    url: str
    """A URL, or for a page its site path like 'docs/x/'."""
    src_uri: str | None = None
    """The page's source path in the site, when the entry is a page."""


def navigation(book: Book, *, before: list[MenuLink] | None = None,
               after: list[MenuLink] | None = None, config_path: str = "mkdocs.yml",
               directory_urls: bool = True) -> Navigation:
    """MkDocs' nav, as hugo-book's menu: menu.before, the book section's tree in Hugo's order,
    then menu.after. Menus merge the site's entries with pages that name them in their front
    matter (`menu: {after: {weight: 5}}`)."""
    sections: list[Section] = []
    links_before = _links(book, [*(before or []), *page_menu(book, "before")], config_path,
                          directory_urls)
    menu = book.menu_root
    items = _children(menu, sections) if menu is not None else []
    links_after = _links(book, [*(after or []), *page_menu(book, "after")], config_path,
                         directory_urls)
    return Navigation(items, sections, links_before, links_after)


def page_menu(book: Book, menu: str) -> list[MenuLink]:
    """The pages whose front matter puts them in a menu: `menu: after`, `menu: [after]` or
    `menu: {after: {weight: 5, name: Label}}`."""
    links = []
    for page in book.pages:
        value = page.data.get("menu")
        entry: Any = None
        if value == menu or (isinstance(value, list) and menu in value):
            entry = {}
        elif isinstance(value, dict) and menu in value:
            entry = value[menu] if isinstance(value[menu], dict) else {}
        if entry is None:
            continue
        weight = entry.get("weight", 0)
        links.append(MenuLink(name=str(entry.get("name") or page.label),
                              page="/" + page.rel_path,
                              weight=weight if isinstance(weight, int) else 0))
    return links


def _links(book: Book, links: list[MenuLink], config_path: str,
           directory_urls: bool) -> list[MenuEntry]:
    entries = []
    for link in sorted(links, key=lambda e: (e.weight == 0, e.weight, e.name)):
        if link.page is not None:
            found = book.find(link.page)
            if found is None:
                raise ContentErrors([ContentError(
                    Location(config_path), f"menu entry '{link.name}': page '{link.page}' "
                                           "does not exist")])
            entries.append(MenuEntry(link.name, page_url(found.src_uri, directory_urls),
                                     found.src_uri))
        elif link.url is not None:
            entries.append(MenuEntry(link.name, url_for_html(link.url)))
    return entries


def _children(section: Section, sections: list[Section]) -> list[Any]:
    entries: list[Any] = []
    for child in section.children:
        if child.hidden:
            continue
        if isinstance(child, Section):
            items: list[Any] = [child.index.src_uri] if child.index else []
            place = len(sections)
            sections.append(child)  # before its own sections, as MkDocs' nav holds them
            items.extend(_children(child, sections))
            if items:
                entries.append({child.label: items})
            else:  # nothing under it, so nothing was added after it
                del sections[place]
        elif child.href:
            entries.append({child.label: url_for_html(child.href)})
        elif not child.body_is_empty:
            entries.append({child.label: child.src_uri})
    return entries

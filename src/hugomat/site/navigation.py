"""The book's menu as MkDocs' nav: hugo-book's menu.before, the book section's tree in
Hugo's order, then menu.after.

Plain data in MkDocs' format; the plugin hands it to MkDocs, and an ejected book is written
from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hugomat.errors import ContentError, ContentErrors, Location
from hugomat.read.book import Book, Section, page_url
from hugomat.render.url_policy import url_for_html


@dataclass(frozen=True)
class MenuLink:
    """A link of Hugo's menu.before / menu.after: a URL, or a page found like relref."""

    name: str
    url: str | None = None
    page: str | None = None
    weight: int = 0


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

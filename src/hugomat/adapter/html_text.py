"""Front matter text made safe for Material's templates.

MkDocs renders templates with autoescape off, and Material prints titles and descriptions as
they are: `{{ page.meta.title }}` in <title>, `{{ nav_item.title }}` in the menu,
`content="{{ page.meta.description }}"`. A title holding `</title><script>` would run as
code. So each such value is handed over already escaped, as `Markup`: printed as it is, it
is escaped once; the few places that filter it through `| e` (the footer's aria-label) leave
Markup alone, so an honest "Q&A" is never `Q&amp;amp;A`. (`| striptags` would undo the
escaping; hugomat's own templates use `| e`.)
"""

from __future__ import annotations

from typing import Any

from markupsafe import escape
from mkdocs.structure.nav import Link, Section
from mkdocs.structure.pages import Page

ESCAPED_META = ("title", "description")
"""The page.meta keys Material prints as they are."""


def escape_meta(meta: dict[str, Any]) -> None:
    """Escape, in place, the front matter values Material prints."""
    for key in ESCAPED_META:
        value = meta.get(key)
        if isinstance(value, str):
            meta[key] = escape(value)


def escape_nav(items: list[Any]) -> None:
    """Escape, in place, the titles of the menu: sections (from `_index.md`), pages (their
    labels, from linkTitle or title), links (bookHref pages, menu.before and menu.after)."""
    for item in items:
        if isinstance(item, Section | Link) and isinstance(item.title, str):
            item.title = escape(item.title)
        elif isinstance(item, Page) and isinstance(vars(item).get("title"), str):
            # A page's title is the menu label MkDocs was given, set on the page itself;
            # without one it is read from page.meta (escaped by escape_meta).
            item.title = escape(item.title)
        if isinstance(item, Section):
            escape_nav(item.children)

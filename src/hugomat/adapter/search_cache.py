"""The search index entries of each page kept on disk, beside its rendering.

Material's search plugin reads every page's HTML again as it is written, to divide it into
the sections the index holds (`SearchIndex.add_entry_from_context`): about as long as drawing
the page through the theme. Its entries are a function of the page's HTML, table of contents,
URL, title and the front matter the plugin reads (`search`, `tags`, `title`); an entry named
after a hash of those gives the same entries back. Not cached: pages of a site whose search
splits Chinese words with its own dictionaries (their words depend on files the key does not
name), and any search plugin other than Material's.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from hugomat.adapter.compat import is_material_search, search_entries, search_indexes
from hugomat.adapter.render_cache import EntryStore

# The front matter Material's index reads.
READ_META = ("search", "tags", "title")


class SearchEntries:
    """Each page's search entries under `folder`."""

    def __init__(self, folder: Path) -> None:
        self.store = EntryStore(folder)
        self.reused = 0
        self.made = 0

    def attach(self, config: MkDocsConfig) -> None:
        """Material's search index takes each page's entries from here when it can."""
        for plugin, index in search_indexes(config):
            if not is_material_search(plugin):
                continue
            options = plugin.config
            if options.jieba_dict or options.jieba_dict_user:
                continue
            entries = search_entries(index)
            add = getattr(index, "add_entry_from_context", None)
            if not isinstance(entries, list) or add is None:
                continue
            if getattr(add, "hugomat_cached", False):
                continue
            index.add_entry_from_context = self._cached(add, entries)

    def _cached(self, add: Callable[[Page], None], entries: list[Any]) -> Callable[[Page], None]:
        def add_entry_from_context(page: Page) -> None:
            key = page_key(page)
            found = self.store.get(key)
            if isinstance(found, list):
                entries.extend(found)
                self.reused += 1
                return
            before = len(entries)
            add(page)
            self.made += 1
            self.store.put(key, entries[before:])

        add_entry_from_context.hugomat_cached = True  # type: ignore[attr-defined]
        return add_entry_from_context


def page_key(page: Page) -> str:
    meta = {name: page.meta.get(name) for name in READ_META}
    digest = hashlib.sha256((page.content or "").encode("utf-8", "surrogatepass"))
    digest.update(repr((page.url, str(page.title), _toc(page.toc), meta)).encode())
    return digest.hexdigest()


def _toc(items: Any) -> list[Any]:
    return [(str(item.title), item.id, item.url, item.level, _toc(item.children))
            for item in items or []]

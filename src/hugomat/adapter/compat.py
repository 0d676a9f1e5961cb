"""The private or undocumented surfaces of MkDocs and Material that hugomat relies on, each
named once here; tests/test_compat.py fails when one of them changes, so that an upgrade says
where it breaks instead of breaking quietly.

Kept beside the code they serve, with their own tests:
- the preview server's (MkDocs' live-reload server): adapter.compat_serve, apart so that a
  build does not import the server;
- MkDocs' two page loops (`_populate_page`, `_build_page`) and the fields `Page.render` sets:
  adapter.mkdocs_pages (tests/test_parallel_build.py, tests/test_render_cache.py);
- Material's `partials/nav-item.html`, changed where it is installed to draw hugo-book's
  section flags: adapter.nav_item (tests/test_menu_sections_nav.py);
- Material's column widths, which the pictures' `sizes` follow (hugomat.pictures.sizes;
  tests/test_compat.py reads them from Material's stylesheet);
- Pillow's AVIF codec versions, in a picture variant's name (hugomat.pictures.planning;
  tests/test_compat.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mkdocs.config.base import Config

# What MkDocs logs, as hugomat's filters recognise it.
DIRTY_BUILD_WARNING = "A 'dirty' build is being performed"
"""The start of the warning of every `--dirty` build (mkdocs.commands.build)."""
PROGRESS_MESSAGES = ("Cleaning site directory", "Building documentation to directory")
"""MkDocs' progress lines that name the folder a build renders into (a temporary one)."""

# Where and how Material's search writes its index (its plugin's on_post_build).
SEARCH_INDEX = "search/search_index.json"
"""Relative to the site: {"config": {...}, "docs": [{"location": "page/#id", ...}, ...]}."""
MATERIAL_SEARCH = "material.plugins.search.plugin.SearchPlugin"
SEARCH_PLUGINS = frozenset({MATERIAL_SEARCH, "mkdocs.contrib.search.SearchPlugin"})


def generating_as(config: Any, plugin: str) -> None:
    """Let `File.generated` be called outside a plugin event (by `eject`), its files credited
    to `plugin`: it reads the name from the PluginCollection's `_current_plugin`, which MkDocs
    sets only while it runs an event."""
    config.plugins._current_plugin = plugin


def config_schema(config_class: type[Config]) -> list[tuple[str, Any]]:
    """A MkDocs configuration class's options, in their order: (name, option)."""
    return list(config_class._schema)


def search_indexes(config: Any) -> Iterator[tuple[Any, Any]]:
    """(plugin, index) of each search plugin of the site: MkDocs' own or Material's, whose
    index adds a page's entries with `add_entry_from_context(page)` to a list of dicts."""
    for plugin in config.plugins.values():
        if _class_name(plugin) not in SEARCH_PLUGINS:
            continue
        index = getattr(plugin, "search_index", None)
        if index is not None and isinstance(search_entries(index), list):
            yield plugin, index


def search_entries(index: Any) -> list[dict[str, Any]] | None:
    """The entries a search index holds so far (Material: `entries`; MkDocs: `_entries`)."""
    entries = getattr(index, "entries", None)
    if entries is None:
        entries = getattr(index, "_entries", None)
    return entries if isinstance(entries, list) else None


def is_material_search(plugin: Any) -> bool:
    return _class_name(plugin) == MATERIAL_SEARCH


def _class_name(value: Any) -> str:
    kind = type(value)
    return f"{kind.__module__}.{kind.__qualname__}"

"""Fast rebuilds in the preview server: only the pages whose converted Markdown changed.

After an edit that leaves the navigation and the site's settings as they were, `hugomat serve`
runs MkDocs' dirty build in the served folder: the plugin hands MkDocs the unchanged pages as
files that say they are unchanged, so only the edited pages are rendered again, and the search
index is merged with the previous one. Anything else (a page added, removed or renamed, a new
title, mkdocs.yml or the template overrides edited) rebuilds everything.
"""

from __future__ import annotations

import json
import logging
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File

from hugomat.adapter.compat import DIRTY_BUILD_WARNING, SEARCH_INDEX
from hugomat.read.book import page_url


class UnchangedFile(File):
    """A generated page whose Markdown is the same as in the last build: MkDocs' dirty build
    leaves its HTML as it is."""

    def is_modified(self) -> bool:
        return False


@dataclass
class PreviewState:
    """What the last good build in the preview server was made of."""

    pages: dict[str, str] = field(default_factory=dict)
    """src_uri -> the page's Markdown as handed to MkDocs."""
    nav: Any = None
    settings: tuple[Any, ...] = ()
    """A fingerprint of the files that change every page (mkdocs.yml, overrides)."""
    dirty: bool = False
    """Whether the build under way may keep unchanged pages (set by the server)."""
    rendered: set[str] = field(default_factory=set)
    """The pages the build under way renders (set by the plugin)."""
    removed: set[str] = field(default_factory=set)

    def reuses(self, nav: Any) -> bool:
        return self.dirty and nav == self.nav

    def page_file(self, config: Any, src_uri: str, markdown: str, nav: Any) -> File:
        """The MkDocs file for a page, marked unchanged when it can be kept as it is."""
        unchanged = self.reuses(nav) and self.pages.get(src_uri) == markdown
        kind = UnchangedFile if unchanged else File
        if not unchanged:
            self.rendered.add(src_uri)
        return kind.generated(config, src_uri, content=markdown)

    def finish(self, pages: dict[str, str], nav: Any) -> None:
        """Remember a build's pages; note those that are gone, whose HTML must go too."""
        self.removed = set(self.pages) - set(pages) if self.dirty else set()
        self.pages = pages
        self.nav = nav


def fingerprint(paths: list[Path]) -> tuple[Any, ...]:
    """Modification times of the files under `paths`: any edit there changes it."""
    stamps = []
    for path in paths:
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        stamps += [(str(f), f.stat().st_mtime_ns) for f in files]
    return tuple(stamps)


def remove_pages(site_dir: Path, src_uris: set[str], directory_urls: bool) -> None:
    for src_uri in src_uris:
        url = page_url(src_uri, directory_urls)
        target = site_dir / (posixpath.join(url, "index.html") if url.endswith("/") or not url
                             else url)
        target.unlink(missing_ok=True)


def merge_search_index(site_dir: Path, previous: dict[str, Any] | None, rendered: set[str],
                       directory_urls: bool) -> None:
    """The search index of a dirty build holds only the pages it rendered: put back the others'
    entries from the previous index."""
    index_file = site_dir / SEARCH_INDEX
    if previous is None or not index_file.is_file():
        return
    current = json.loads(index_file.read_text(encoding="utf-8"))
    fresh = {page_url(src_uri, directory_urls) for src_uri in rendered}
    kept = [doc for doc in previous.get("docs", [])
            if doc.get("location", "").split("#")[0] not in fresh]
    current["docs"] = kept + current.get("docs", [])
    index_file.write_text(json.dumps(current, separators=(",", ":")), encoding="utf-8")


def read_search_index(site_dir: Path) -> dict[str, Any] | None:
    index_file = site_dir / SEARCH_INDEX
    if not index_file.is_file():
        return None
    return json.loads(index_file.read_text(encoding="utf-8"))


class QuietDirtyWarning(logging.Filter):
    """MkDocs warns about dirty builds, whose pitfalls the preview server avoids: the warning
    would only alarm, and in strict mode abort."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_BUILD_WARNING)

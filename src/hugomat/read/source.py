"""Where a site's sources are: its content folder, picture roots and reading options."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class SiteSource:
    """Everything the core needs to know to read one language of a book."""

    root: Path
    """The project folder (where mkdocs.yml lives); relative paths below are under it."""
    content_dir: Path
    asset_dirs: tuple[Path, ...] = field(default_factory=tuple)
    """Hugo's picture roots, searched in order (by default assets/, then static/)."""
    book_section: str = "docs"
    """The content folder whose tree is the book's menu; '*' is the whole content folder."""
    drafts: bool = False
    site_dirs: tuple[Path, ...] = field(default_factory=tuple)
    """The site's other folders (static, layouts, data, i18n, other languages' content): a
    link in the content may point into these, the content folder and the asset folders."""
    permalinks: tuple[tuple[str, str], ...] = ()
    """Hugo's permalinks: (top-level section, the URL pattern of its pages) pairs."""
    lowercase_urls: bool = False
    """Page URLs lower-cased, as Hugo makes them unless disablePathToLower is set."""
    remove_path_accents: bool = False
    """Accents stripped from page URLs (Hugo's removePathAccents)."""
    emoji: bool = False
    """Hugo's enableEmoji: `:smile:` in text is drawn as the emoji."""
    language_root: str = ""
    """'fr/' when this build's pages live under /fr/ of the whole site (a language other than
    the default): a page's `url: /fr/x/` is written from the site's root."""
    url_prefix: str = ""
    """Where the pages of this language live under the root its build writes: 'en/' for the
    default language kept in a subfolder (Hugo's defaultContentLanguageInSubdir)."""
    taxonomies: tuple[tuple[str, str], ...] = ()
    taxonomy_kinds_off: tuple[str, ...] = ()
    """The kinds of taxonomy page not made (Hugo's disableKinds): `taxonomy`, `term`."""
    directory_urls: bool = True
    """False when pages are files (`docs/x.html`, Hugo's uglyURLs): a term's page is then
    `tags/x.html`, as Hugo places it, while a section's stays `docs/index.html`."""
    """Hugo's taxonomies, singular -> plural: each makes a page of its terms and a page per
    term (hugomat.read.taxonomies). The plugin's default is Hugo's, tags and categories."""

    @property
    def site_folders(self) -> tuple[Path, ...]:
        """Every folder a file the build reads may really be in (see hugomat.read.safe_files)."""
        return (self.content_dir, *self.asset_dirs, *self.site_dirs)

    @property
    def picture_roots(self) -> tuple[Path, ...]:
        """Where pictures are looked up: Hugo's roots, then the content folder (page bundles)."""
        return (*self.asset_dirs, self.content_dir)

    def display(self, path: Path) -> str:
        return display(path)


def display(path: str | Path) -> str:
    """How a path is printed in messages: relative to the working folder when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return os.fspath(path)
    return os.fspath(path) if rel.startswith("..") else rel

"""What a site is read with: the settings of mkdocs.yml and the plugin, as plain data.

The adapter makes a SiteOptions from MkDocs' configuration (adapter.site_options); nothing
here knows MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from hugomat.pictures import PictureSettings
from hugomat.site.navigation import MenuLink

# Hugo's other folders beside content/, assets/ and static/: links may point into them.
HUGO_FOLDERS = ("layouts", "data", "i18n")


@dataclass(frozen=True)
class LanguageOptions:
    """One language of a book in several, as mkdocs.yml's `languages:` declares it."""

    code: str
    content_dir: Path
    label: str
    weight: int = 0
    direction: str = "ltr"
    site_name: str | None = None
    language_code: str | None = None


@dataclass(frozen=True)
class PictureOptions:
    enabled: bool = True
    settings: PictureSettings = field(default_factory=PictureSettings)
    path_map: dict[str, str | list[str]] = field(default_factory=dict)
    """A site folder -> where its pictures are; a list is a set of styles, one picked per
    visitor."""

    @property
    def uses_sets(self) -> bool:
        return any(isinstance(target, list) for target in self.path_map.values())


@dataclass(frozen=True)
class SiteOptions:
    """Everything `hugomat.site.load` reads a site with."""

    root: Path
    """The project folder, where mkdocs.yml is; the paths below are absolute."""
    config_path: str
    """mkdocs.yml as messages name it."""
    content_dir: Path
    """The content folder of a book in one language."""
    cache_dir: Path
    asset_dirs: tuple[Path, ...] = ()
    static_dirs: tuple[Path, ...] = ()
    """Those that exist: their files are published as they are."""
    template_dirs: tuple[Path, ...] = ()
    """The site's template overrides: MkDocs publishes their files that are not templates."""
    languages: tuple[LanguageOptions, ...] = ()
    """Empty for a book in one language."""
    default_language: str | None = None
    default_language_in_subdir: bool = False
    language_code: str | None = None
    """Hugo's languageCode of the site."""
    book_section: str = "docs"
    drafts: bool = False
    strict: bool = False
    """Warnings are mistakes too (build --strict)."""
    toc: bool = True
    """Pages draw their table of contents, unless their front matter says otherwise."""
    permalinks: tuple[tuple[str, str], ...] = ()
    lowercase_urls: bool = False
    remove_path_accents: bool = False
    emoji: bool = False
    taxonomies: tuple[tuple[str, str], ...] = ()
    taxonomy_kinds_off: tuple[str, ...] = ()
    directory_urls: bool = True
    menu_before: tuple[MenuLink, ...] = ()
    menu_after: tuple[MenuLink, ...] = ()
    pictures: PictureOptions = field(default_factory=PictureOptions)

    @property
    def content_dirs(self) -> tuple[Path, ...]:
        """Every language's content folder (the book's one for a book in one language)."""
        return tuple(lang.content_dir for lang in self.languages) or (self.content_dir,)

    @property
    def copied_dirs(self) -> tuple[Path, ...]:
        """The folders whose files are published as they are."""
        return (*self.static_dirs, *self.template_dirs)

    @property
    def hugo_dirs(self) -> tuple[Path, ...]:
        """The Hugo site's layouts/, data/ and i18n/ that exist."""
        return tuple(d for d in (self.root / name for name in HUGO_FOLDERS) if d.is_dir())

"""mkdocs.yml's settings, and the plugin's, as the SiteOptions that hugomat.site reads with."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from hugomat.adapter.config import HugomatConfig
from hugomat.pictures import PictureSettings
from hugomat.read.source import display
from hugomat.site.navigation import MenuLink
from hugomat.site.options import LanguageOptions, PictureOptions, SiteOptions


def site_options(config: MkDocsConfig) -> SiteOptions:
    """The options of the site `config` builds: its hugomat plugin's and MkDocs' own."""
    options: HugomatConfig = config.plugins["hugomat"].config
    root = Path(config.config_file_path or ".").resolve().parent
    custom = config.theme.custom_dir
    pictures = options.pictures
    return SiteOptions(
        root=root,
        config_path=display(Path(config.config_file_path or "mkdocs.yml")),
        content_dir=(root / (options.content_dir or config.docs_dir)).resolve(),
        cache_dir=root / options.cache_dir,
        asset_dirs=tuple((root / d).resolve() for d in options.asset_dirs),
        static_dirs=tuple(d for d in ((root / s).resolve() for s in options.static_dirs)
                          if d.is_dir()),
        template_dirs=(Path(custom).resolve(),) if custom and Path(custom).is_dir() else (),
        languages=tuple(
            LanguageOptions(code, (root / lang.content_dir).resolve(), lang.label or code,
                            lang.weight, lang.direction, lang.site_name, lang.language_code)
            for code, lang in options.languages.items()),
        default_language=options.default_language,
        default_language_in_subdir=options.default_language_in_subdir,
        language_code=options.language_code,
        book_section=options.book_section,
        drafts=options.drafts,
        strict=options.strict,
        toc=options.toc,
        permalinks=tuple(options.permalinks.items()),
        lowercase_urls=options.lowercase_urls,
        remove_path_accents=options.remove_path_accents,
        emoji=options.emoji,
        taxonomies=tuple(options.taxonomies.items()),
        taxonomy_kinds_off=tuple(options.taxonomy_kinds_off),
        directory_urls=config.use_directory_urls,
        menu_before=_links(options.menu_before),
        menu_after=_links(options.menu_after),
        pictures=PictureOptions(pictures.enabled, PictureSettings.from_options(pictures),
                                dict(pictures.path_map)),
    )


def _links(entries: list) -> tuple[MenuLink, ...]:
    return tuple(MenuLink(e.name, e.url, e.page, e.weight) for e in entries)

"""The MkDocs plugin: hands the Book to MkDocs as pages, navigation, files and watched paths."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from hugomat import book as book_model
from hugomat.adapter.config import HugomatConfig
from hugomat.convert import ConvertedPage, convert_book
from hugomat.errors import ContentError, ContentErrors
from hugomat.source import SiteSource

log = logging.getLogger("mkdocs.plugins.hugomat")

PACKAGE = Path(__file__).resolve().parent.parent
TEMPLATES = PACKAGE / "templates"
STYLESHEET = "assets/hugomat/hugomat.css"

# What the converted Markdown is written in; added when mkdocs.yml does not name them.
MARKDOWN_EXTENSIONS: dict[str, dict[str, Any]] = {
    "toc": {"permalink": True},
    "tables": {},
    "attr_list": {},
    "md_in_html": {},
    "def_list": {},
    "footnotes": {},
    "pymdownx.highlight": {"anchor_linenums": True},
    "pymdownx.inlinehilite": {},
    "pymdownx.superfences": {},
    "pymdownx.blocks.admonition": {
        "types": ["note", "info", "tip", "success", "question", "warning", "failure",
                  "danger", "bug", "example", "quote", "abstract", "important", "caution"],
    },
    "pymdownx.blocks.details": {},
    "pymdownx.blocks.tab": {"alternate_style": True},
    "pymdownx.blocks.html": {},
}


class ContentBuildError(PluginError):
    """Content mistakes, one `path:line:col: message` per line."""

    def __init__(self, errors: list[ContentError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


class HugomatPlugin(BasePlugin[HugomatConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.book: book_model.Book | None = None
        self.converted: list[ConvertedPage] = []

    # -- events, in the order MkDocs calls them -------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.source = self.source_for(config)
        try:
            self.book = book_model.load(self.source)
        except ContentErrors as failure:
            raise ContentBuildError(failure.errors) from None
        config.nav = navigation(self.book)
        self._add_templates(config)
        self._add_markdown_extensions(config)
        # Hugo content links to pages by URL (relref writes URLs too), which MkDocs would
        # report one by one as "unrecognized"; hugomat resolves and checks those itself.
        links = config.validation.links
        if links.unrecognized_links == logging.INFO:
            links.unrecognized_links = logging.DEBUG
        if STYLESHEET not in config.extra_css:
            config.extra_css.insert(0, STYLESHEET)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        assert self.book is not None
        try:
            self.converted = convert_book(
                self.book, directory_urls=config.use_directory_urls, strict=self.config.strict)
        except ContentErrors as failure:
            _log_warnings(failure.warnings)
            raise ContentBuildError(failure.errors) from None
        _log_warnings([w for converted in self.converted for w in converted.warnings])
        return self._site_files(files, config)

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig,
                 builder: Any) -> LiveReloadServer:
        for path in watched_paths(config, self.source):
            server.watch(str(path))
        return server

    # -- helpers -------------------------------------------------------------------------------

    def source_for(self, config: MkDocsConfig) -> SiteSource:
        root = Path(config.config_file_path or ".").resolve().parent
        content = Path(self.config.content_dir) if self.config.content_dir else Path(
            config.docs_dir)
        return SiteSource(
            root=root,
            content_dir=(root / content).resolve(),
            asset_dirs=tuple((root / d).resolve() for d in self.config.asset_dirs),
            book_section=self.config.book_section,
            drafts=self.config.drafts,
        )

    def _add_templates(self, config: MkDocsConfig) -> None:
        dirs = config.theme.dirs
        if str(TEMPLATES) not in dirs:
            dirs.insert(1 if config.theme.custom_dir else 0, str(TEMPLATES))

    def _add_markdown_extensions(self, config: MkDocsConfig) -> None:
        for name, options in MARKDOWN_EXTENSIONS.items():
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)
                if options:
                    config.mdx_configs[name] = dict(options)

    def _site_files(self, files: Files, config: MkDocsConfig) -> Files:
        content_dir = self.source.content_dir
        site = Files([])
        for file in files:
            from_content = file.abs_src_path and Path(file.abs_src_path).resolve().is_relative_to(
                content_dir)
            # Hugo's Markdown is replaced by its conversion; other content files are page
            # resources and are copied as they are.
            if from_content and file.src_uri.endswith(book_model.MARKDOWN_SUFFIXES):
                continue
            site.append(file)
        for converted in self.converted:
            site.append(File.generated(config, converted.page.src_uri,
                                       content=page_markdown(converted)))
            for site_path, source in converted.files.items():
                if site.get_file_from_path(site_path) is None:
                    site.append(File.generated(config, site_path, abs_src_path=str(source)))
        site.append(File.generated(config, STYLESHEET,
                                   abs_src_path=str(PACKAGE / "assets" / "hugomat.css")))
        return site


def _log_warnings(warnings: list[ContentError]) -> None:
    for warning in sorted(warnings, key=lambda w: (w.location.path, w.location.line)):
        log.warning(str(warning))


def page_markdown(converted: ConvertedPage) -> str:
    """The converted body under a front matter of the keys MkDocs and Material read."""
    page = converted.page
    meta: dict[str, Any] = {"title": page.title}
    if page.description:
        meta["description"] = page.description
    hide = []
    if not page.toc:
        hide.append("toc")
    if hide:
        meta["hide"] = hide
    if page.search_exclude:
        meta["search"] = {"exclude": True}
    header = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{header}---\n\n{converted.markdown}"


def navigation(book: book_model.Book) -> list[Any]:
    """MkDocs' nav: the home page, then the menu section's tree in Hugo's order."""
    nav: list[Any] = []
    if book.home is not None:
        nav.append({book.home.label: book.home.src_uri})
    menu = book.menu_root
    if menu is not None:
        nav.extend(_nav_children(menu))
    return nav


def _nav_children(section: book_model.Section) -> list[Any]:
    entries: list[Any] = []
    for child in section.children:
        if child.hidden:
            continue
        if isinstance(child, book_model.Section):
            items = [child.index.src_uri] if child.index else []
            items.extend(_nav_children(child))
            if items:
                entries.append({child.label: items})
        elif child.href:
            entries.append({child.label: child.href})
        elif not child.body_is_empty:
            entries.append({child.label: child.src_uri})
    return entries


def watched_paths(config: MkDocsConfig, source: SiteSource) -> list[Path]:
    """What `serve` rebuilds on besides docs_dir and mkdocs.yml."""
    paths = [source.content_dir, *source.asset_dirs]
    if config.theme.custom_dir:
        paths.append(Path(config.theme.custom_dir))
    return [p for p in paths if p.exists()]

"""The MkDocs plugin: hands the Book to MkDocs as pages, navigation, files and watched paths."""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader
from markupsafe import Markup
from material import templates as material_templates
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Link
from mkdocs.structure.nav import Navigation as MkDocsNavigation
from mkdocs.structure.pages import Page as MkDocsPage

from hugomat import book as book_model
from hugomat import picture_facts
from hugomat.adapter.config import HugomatConfig
from hugomat.adapter.html_text import escape_meta, escape_nav
from hugomat.adapter.languages import (
    LanguageBuilds,
    LanguageJob,
    interface_language,
    interface_languages,
    staging_for,
)
from hugomat.adapter.linked_file import DeferredFile, LinkedFile, link_or_copy, place_linked
from hugomat.adapter.nav_item import NAME as NAV_ITEM
from hugomat.adapter.nav_item import PartialChanged, with_flagged_partial
from hugomat.adapter.nav_sections import mark_sections
from hugomat.adapter.preview import PreviewState, remove_pages
from hugomat.adapter.render_cache import RenderedPages
from hugomat.adapter.search_cache import SearchEntries
from hugomat.adapter.theme_environment import hugomat_environments
from hugomat.check import load_books, validate_book
from hugomat.conversion_cache import ConversionCache
from hugomat.convert import ConvertedPage
from hugomat.errors import ContentError, ContentErrors
from hugomat.figures import OriginalPictures, ResponsivePictures
from hugomat.layout import MenuLink, Navigation, alias_pages, navigation, page_markdown
from hugomat.markdown.raw_html_fence import superfence as raw_html_fence
from hugomat.pictures import PictureSettings, VariantCache
from hugomat.pictures.cache import CacheError
from hugomat.renderers.diagrams import MERMAID_FENCE
from hugomat.safe_files import SiteFolders, scan
from hugomat.sass_hooks import SITE_PATH as SITE_STYLESHEET
from hugomat.sass_hooks import SiteStyles, site_styles
from hugomat.site_templates.layouts import hugo_site_root
from hugomat.source import SiteSource
from hugomat.taxonomies import listing_markdown
from hugomat.translations import Language, Translations, ordered

if TYPE_CHECKING:
    from jinja2 import Environment

    # Imported by `serve` alone: the build does without it (~30 ms).
    from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.plugins.hugomat")

PACKAGE = Path(__file__).resolve().parent.parent
TEMPLATES = PACKAGE / "templates"
# Material's menu and table of contents with the site's inject partials: they include
# Material's own through the plugin's `material/` loader, so `eject` leaves them out.
INJECT_TEMPLATES = PACKAGE / "inject_templates"
STYLESHEET = "assets/hugomat/hugomat.css"
SETS_SCRIPT = "assets/hugomat/hugomat-sets.js"
HTML_LANG = "hugomat_html_lang"
"""The theme setting that holds the page's language code, for `<html lang>`."""
# In the picture cache's folder: what earlier builds learnt of each source (picture_facts).
SOURCE_FACTS = "sources.json"
# Hugo's other folders beside content/, assets/ and static/: links may point into them.
HUGO_FOLDERS = ("layouts", "data", "i18n")

# What the converted Markdown is written in (hugomat.markdown.writer); added when mkdocs.yml
# does not name them.
MARKDOWN_EXTENSIONS: dict[str, dict[str, Any]] = {
    "toc": {"permalink": True},
    "tables": {},
    "attr_list": {},
    "md_in_html": {},
    "def_list": {},
    # Goldmark's back link, and its look (the text presentation selector).
    "footnotes": {"BACKLINK_TEXT": "&#8617;&#xfe0e;"},
    # Ordered lists keep their first number; a bullet list after a numbered one is its own.
    "sane_lists": {},
    # `~~struck~~` only: Goldmark's single `~` is written as `~~` too.
    "pymdownx.tilde": {"subscript": False},
    "pymdownx.tasklist": {"custom_checkbox": False},
    # Blank lines that open or close code stay, as Hugo keeps them.
    "pymdownx.highlight": {"anchor_linenums": True, "stripnl": False},
    "pymdownx.inlinehilite": {},
    # Mermaid fences become a div for the site's own diagram script (see renderers.diagrams);
    # raw-HTML fences carry HTML that Python-Markdown would otherwise read (markdown.raw).
    # Tabs in code stay tabs, as in Hugo.
    "pymdownx.superfences": {"custom_fences": [MERMAID_FENCE, raw_html_fence()],
                             "preserve_tabs": True},
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
        self.injected: dict[str, dict[str, Markup]] = {}
        """The site's inject partials made for each page (by src_uri), for main.html."""
        self.pictures: OriginalPictures | None = None
        self.language: str | None = None
        """The language to build; set in the worker processes that build the other languages."""
        self.current: Language | None = None
        self.translations: Translations | None = None
        self.builds: LanguageBuilds | None = None
        self.rendered_pages: RenderedPages | None = None
        self.search_entries: SearchEntries | None = None
        self.root_site_url: str | None = None
        self.preview: PreviewState | None = None
        """Set by the preview server, so that a rebuild renders only the pages that changed."""
        self.site_styles: SiteStyles | None = None
        """The site's hugo-book style hooks, compiled (None: it has none)."""
        self.pictures_at_root = False
        """Set in the worker building another language: its pages draw the default language's
        picture files, and root_pictures lists the ones they need."""
        self.root_pictures: dict[str, str] = {}
        """Site path (from the site's root) -> cached file, for the parent to place."""
        self.root_static: dict[str, str] = {}
        """In such a worker, its static files (site path -> source), which the parent links
        to the default language's copies."""

    # -- events, in the order MkDocs calls them -------------------------------------------

    # Before the other plugins: search takes its language from the theme, which this sets.
    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            languages = self.load(config)
        except ContentErrors as failure:
            _log_warnings(failure.warnings)
            raise ContentBuildError(failure.errors) from None
        # MkDocs collects the files of docs_dir: make that this language's content folder.
        config.docs_dir = str(self.source.content_dir)
        config.nav = self.laid_out.items
        self._add_templates(config)
        root = Path(config.config_file_path or ".").resolve().parent
        hugomat_environments(config.theme, root / self.config.cache_dir / "templates")
        self._add_markdown_extensions(config)
        # Hugo content links to pages by URL (relref writes URLs too), which MkDocs would
        # report one by one as "unrecognized"; hugomat resolves and checks those itself.
        links = config.validation.links
        if links.unrecognized_links == logging.INFO:
            links.unrecognized_links = logging.DEBUG
        # hugomat follows every link itself (hugomat.link_check) and reports each at its place.
        if links.not_found == logging.WARNING:
            links.not_found = logging.DEBUG
        # Pages outside the menu (bookHidden, other sections, aliases) are normal in Hugo.
        if config.validation.nav.omitted_files == logging.INFO:
            config.validation.nav.omitted_files = logging.DEBUG
        self._prune_large_navigation(config)
        if self.config.edit_link and "content.action.edit" not in config.theme["features"]:
            config.theme["features"].append("content.action.edit")
        if STYLESHEET not in config.extra_css:
            config.extra_css.insert(0, STYLESHEET)
        if self.site_styles is not None and SITE_STYLESHEET not in config.extra_css:
            config.extra_css.append(SITE_STYLESHEET)
        if self._uses_picture_sets() and SETS_SCRIPT not in config.extra_javascript:
            config.extra_javascript.append(SETS_SCRIPT)
        if languages and self.language is None:
            self._start_other_languages(config, languages)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        assert self.book is not None
        static_files, static_errors = self._static_files(config)
        self.pictures = self.picture_maker(config)
        cache = self.conversion_cache(config)
        # The validation `check` runs (hugomat.check); every mistake before anything is encoded.
        checked = validate_book(
            self.book, directory_urls=config.use_directory_urls, strict=self.config.strict,
            pictures=self.pictures, site_toc=self.config.toc,
            static_dirs=tuple(self.static_dirs(config)), cache=cache)
        _log_warnings(checked.warnings)
        if static_errors or checked.errors:
            raise ContentBuildError(ContentErrors([*static_errors, *checked.errors]).errors)
        self.converted = checked.conversion.converted
        try:
            self._encode_pictures()
            self.injected = {c.page.src_uri: {name: Markup(html) for name, html in c.inject.items()}
                             for c in self.converted if c.inject}
        except ContentErrors as failure:
            _log_warnings(failure.warnings)
            raise ContentBuildError(failure.errors) from None
        log.info(f"Markdown: {cache.converted} documents converted, {cache.reused} reused from "
                 "the cache")
        root = Path(config.config_file_path or ".").resolve().parent
        self.rendered_pages = RenderedPages(root / self.config.cache_dir / "rendered", config)
        self.search_entries = SearchEntries(root / self.config.cache_dir / "search")
        self.search_entries.attach(config)
        return self._site_files(files, config, static_files)

    def on_nav(self, nav: MkDocsNavigation, /, *, config: MkDocsConfig,
               files: Files) -> MkDocsNavigation:
        """menu.before first, menu.after at the end, as links; every title escaped; hugo-book's
        section flags on the sections, for partials/nav-item.html."""
        mark_sections(nav.items, self.laid_out.sections)
        for offset, entry in enumerate(self.laid_out.before):
            nav.items.insert(offset, Link(entry.label, entry.url))
        nav.items.extend(Link(entry.label, entry.url) for entry in self.laid_out.after)
        escape_nav(nav.items)
        return nav

    def on_page_markdown(self, markdown: str, /, *, page: MkDocsPage, config: MkDocsConfig,
                         files: Files) -> str:
        # Material prints the title and description as they are (adapter.html_text).
        escape_meta(page.meta)
        if self.rendered_pages is not None:
            self.rendered_pages.wrap(page)
        return markdown

    def on_page_context(self, context: dict[str, Any], /, *, page: MkDocsPage,
                        config: MkDocsConfig, nav: Any) -> dict[str, Any]:
        ours = self.by_src_uri.get(page.file.src_uri)
        if ours is not None and self.config.edit_link and not ours.made:
            path = f"{self.source.content_dir.name}/{ours.rel_path}"
            page.edit_url = self.config.edit_link.replace("{path}", path)
        if page.meta.get("template") == "landing.html":
            page.meta["hugomat_home_menu"] = self._home_menu(page)
        if page.file.src_uri in self.injected:  # drawn by main.html and partials/nav, toc
            page.meta["hugomat_inject"] = self.injected[page.file.src_uri]
        if self.translations is not None and self.current is not None:
            alternates = self.translations.alternates(ours, self.current)
            here = self.current.prefix + page.url
            page.meta["hugomat_alternates"] = [
                {"name": a.language.label, "lang": a.language.code,
                 "link": book_model.relative_url(a.site_path, here), "current": a.is_current}
                for a in alternates]
            if self.root_site_url:
                # Material's <link rel="alternate" hreflang> in <head> reads config.extra:
                # this page's translations, as the full URLs search engines ask for (its
                # `url` filter cannot make page-relative links above a language's root).
                # MkDocs renders 404.html and the sitemap before the pages: they keep the
                # languages' homes.
                root = self.root_site_url.rstrip("/") + "/"
                config.extra["alternate"] = [
                    {"name": a.language.label, "lang": a.language.code,
                     "link": root + a.site_path} for a in alternates]
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.preview is not None:
            if self.preview.dirty:
                log.info(f"Rendered {len(self.preview.rendered)} changed of "
                         f"{len(self.page_sources)} pages")
            self.preview.finish(self.page_sources, config.nav)
            remove_pages(Path(config.site_dir), self.preview.removed, config.use_directory_urls)
        if self.builds is None:
            return
        builds, self.builds = self.builds, None
        results = builds.results()
        for result in results:
            for level, message in result.messages:
                log.log(level, message)
        failed = [r.language for r in results if not r.ok]
        if failed:
            for result in results:
                shutil.rmtree(result.site_dir, ignore_errors=True)
            raise PluginError(f"the build of {', '.join(failed)} failed")
        for result in results:
            target = Path(config.site_dir) / result.language
            if target.exists():
                shutil.rmtree(target)
            os.replace(result.site_dir, target)
            for site_path, cached in result.root_pictures.items():
                # Variants are named by their content: one the default language placed is it.
                placed = Path(config.site_dir) / site_path
                if not placed.is_file():
                    place_linked(cached, str(placed))
            for site_path, source in result.root_static.items():
                copied = Path(config.site_dir) / site_path
                if copied.is_file():
                    link_or_copy(str(copied), str(target / site_path))
                else:
                    shutil.copyfile(source, target / site_path)

    def on_build_error(self, *, error: Exception) -> None:
        if self.builds is None:
            return
        builds, self.builds = self.builds, None
        if not isinstance(error, ContentBuildError):
            builds.cancel()
            return
        # Mistakes in the content: the other languages' are said too, all at once, as `check`
        # says them.
        for result in builds.results():
            for level, message in result.messages:
                log.log(level, message)
            shutil.rmtree(result.site_dir, ignore_errors=True)

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig,
                 builder: Any) -> LiveReloadServer:
        for path in watched_paths(config, self.source, self.other_content_dirs(config)):
            server.watch(str(path))
        return server

    def load(self, config: MkDocsConfig) -> list[Language]:
        """What the build reads before any page is converted, and `check` reads the same way:
        the language to build (its theme settings made so), every language's book, linked
        (hugomat.check.load_books), the menus and the site's style hooks. Returns the
        languages; raises ContentErrors with the mistakes of the first step that has any."""
        languages = self.languages()
        if languages:
            self._use_language(config, languages)
        self._interface_language(config)
        self.source = self.source_for(config)
        books = load_books(self.language_sources(config), languages)
        self.book = books[self.current.code if self.current else ""]
        if languages:
            self.translations = Translations(languages, books, config.use_directory_urls)
        self.by_src_uri = {page.src_uri: page for page in self.book.pages}
        self.laid_out = self._navigation(config)
        self.site_styles = self._site_styles(config)
        return languages

    # -- pictures -----------------------------------------------------------------------------

    def picture_maker(self, config: MkDocsConfig) -> OriginalPictures:
        options = self.config.pictures
        path_map = dict(options.path_map)
        roots = self.source.picture_roots
        if not options.enabled:
            return OriginalPictures(roots, self.source.display, path_map)
        root = Path(config.config_file_path or ".").resolve().parent
        settings = PictureSettings.from_options(options)
        cache = VariantCache(root / self.config.cache_dir / "pictures")
        # Sources untouched since an earlier build are planned from its record, unread.
        picture_facts.use(cache.cache_dir / SOURCE_FACTS)
        pictures = ResponsivePictures(roots, cache, settings, self.source.display, path_map)
        if self.pictures_at_root and self.current is not None:
            pictures.root_prefix = "../" * len(self.current.prefix.strip("/").split("/"))
        return pictures

    def _site_styles(self, config: MkDocsConfig) -> SiteStyles | None:
        """The site's hugo-book style hooks compiled; rules for hugo-book's own page are
        left out and named (hugomat.sass_hooks)."""
        root = Path(config.config_file_path or ".").resolve().parent
        try:
            styles = site_styles(self.source.asset_dirs, root / self.config.cache_dir / "sass",
                                 self.source.display)
        except ContentError as error:
            raise ContentErrors([error]) from None
        for item in styles.left_out if styles else []:
            log.info(str(item))
        return styles

    def conversion_cache(self, config: MkDocsConfig) -> ConversionCache:
        root = Path(config.config_file_path or ".").resolve().parent
        return ConversionCache(root / self.config.cache_dir / "markdown")

    def _encode_pictures(self) -> None:
        """Encode what the cache lacks, all pictures at once, then fill in the placeholders."""
        if not isinstance(self.pictures, ResponsivePictures):
            return
        try:
            stats = self.pictures.cache.ensure(self.pictures.all_plans())
        except CacheError as error:
            raise PluginError(str(error)) from None
        picture_facts.KNOWN.save()
        for damaged in stats.damaged:
            log.warning(f"picture cache: {damaged}; encoded again")
        if stats.unrecorded:
            # Not a warning: every cache an older hugomat wrote is so, once.
            log.info(f"Pictures: {stats.unrecorded} cached variants had no record of their "
                     "bytes and were encoded again")
        if stats.encoded or stats.reused:
            log.info(f"Pictures: {stats.encoded} variants encoded, {stats.reused} reused from "
                     "the cache")
        for converted in self.converted:
            converted.markdown = self.pictures.fill_placeholders(converted.markdown)

    # -- languages -----------------------------------------------------------------------------

    def languages(self) -> list[Language]:
        """The book's languages, the default one marked; empty for a book in one language."""
        configured = self.config.languages
        if not configured:
            return []
        default = self.config.default_language
        if default is not None and default not in configured:
            raise PluginError(f"default_language '{default}' is not one of the languages: "
                              f"{', '.join(configured)}")
        found = ordered([Language(code, options.label or code, options.weight,
                                  options.direction) for code, options in configured.items()])
        default = default or found[0].code
        return [replace(lang, is_default=lang.code == default) for lang in found]

    def other_content_dirs(self, config: MkDocsConfig) -> list[Path]:
        return [self._content_dir(config, code) for code in self.config.languages]

    def _use_language(self, config: MkDocsConfig, languages: list[Language]) -> None:
        code = self.language or next(lang.code for lang in languages if lang.is_default)
        self.current = next((lang for lang in languages if lang.code == code), None)
        if self.current is None:
            raise PluginError(f"language '{code}' is not configured")
        options = self.config.languages[code]
        config.theme["language"] = code
        config.theme["direction"] = self.current.direction
        if options.site_name:
            config.site_name = options.site_name
        # Material's <link rel="alternate" hreflang> tags and its language switching read
        # this: each language's root, relative to this one's (the `url` filter expects so).
        config.extra["alternate"] = [
            {"name": lang.label, "lang": lang.code,
             "link": book_model.relative_url(lang.prefix, self.current.prefix)}
            for lang in languages]
        self.root_site_url = config.site_url
        if config.site_url and not self.current.is_default:
            config.site_url = config.site_url.rstrip("/") + "/" + self.current.prefix

    def _interface_language(self, config: MkDocsConfig) -> None:
        """The page's language code (`<html lang>`: Hugo's languageCode, else the language's
        own code) and Material's interface language: that code's when Material has it
        exactly, as Hugo takes the theme's strings for it, else the nearest Material has to
        the language's own code, which a language Material lacks is warned of."""
        code = str(config.theme["language"] or "en")
        language_code = self._language_code()
        config.theme[HTML_LANG] = language_code or code  # templates/partials/language.html
        available = interface_languages(list(config.theme.dirs))
        if language_code and language_code.lower() in available:
            config.theme["language"] = available[language_code.lower()]
            return
        found = interface_language(code, available)
        if found != code:
            log.warning(f"theme language '{code}': Material has no interface strings for it; "
                        f"'{found}' is used")
            config.theme["language"] = found

    def _language_code(self) -> str | None:
        """The language_code of the language built: its own, else for the default language
        (or the only one) the site's, as Hugo reads languageCode."""
        if self.current is None:
            return self.config.language_code
        own = self.config.languages[self.current.code].language_code
        return own or (self.config.language_code if self.current.is_default else None)

    def language_sources(self, config: MkDocsConfig) -> dict[str, SiteSource]:
        """Each language's source by its code; {"": the source} for a book in one language."""
        source = self.source_for(config)
        if not self.config.languages:
            return {"": source}
        return {code: replace(source, content_dir=self._content_dir(config, code),
                              url_prefix=self._url_prefix(code))
                for code in (language.code for language in self.languages())}

    def _start_other_languages(self, config: MkDocsConfig, languages: list[Language]) -> None:
        jobs = [
            LanguageJob(config_file=str(config.config_file_path), language=lang.code,
                        site_dir=staging_for(config.site_dir, lang.code),
                        site_url=self.root_site_url, strict=self.config.strict,
                        drafts=self.config.drafts)
            for lang in languages if not lang.is_default]
        if jobs:
            self.builds = LanguageBuilds(jobs)

    # -- navigation and files ------------------------------------------------------------------

    def static_dirs(self, config: MkDocsConfig) -> list[Path]:
        root = Path(config.config_file_path or ".").resolve().parent
        return [d for d in ((root / s).resolve() for s in self.config.static_dirs) if d.is_dir()]

    def _navigation(self, config: MkDocsConfig) -> Navigation:
        assert self.book is not None

        def links(entries: list[Any]) -> list[MenuLink]:
            return [MenuLink(e.name, e.url, e.page, e.weight) for e in entries]

        return navigation(self.book, before=links(self.config.menu_before),
                          after=links(self.config.menu_after),
                          config_path=self.source.display(Path(config.config_file_path)),
                          directory_urls=config.use_directory_urls)

    def _prune_large_navigation(self, config: MkDocsConfig) -> None:
        assert self.book is not None
        limit = self.config.prune_navigation_above
        features = config.theme["features"]
        # The book's pages: the taxonomy pages made for it are not counted.
        listed = self.book.taxonomies.listing
        count = sum(1 for page in self.book.pages if not (page.made and page.rel_path in listed))
        if limit and count > limit and "navigation.prune" not in features:
            features.append("navigation.prune")
            log.info(f"{count} pages: the navigation draws only the current "
                     "page's sections (navigation.prune)")

    def ejected_nav(self) -> list[Any]:
        """The nav setting of an ejected mkdocs.yml: menus as entries of the nav itself."""
        def entries(menu: list[Any]) -> list[dict[str, str]]:
            return [{e.label: e.src_uri or e.url} for e in menu]

        return [*entries(self.laid_out.before), *self.laid_out.items,
                *entries(self.laid_out.after)]

    def _home_menu(self, page: MkDocsPage) -> list[dict[str, Any]]:
        """menu.home for a landing page: page links relative to it, URLs as they are."""
        assert self.book is not None
        entries = []
        for entry in self.config.menu_home:
            if entry.page is not None:
                found = self.book.find(entry.page)
                if found is None:
                    log.warning(f"menu_home entry '{entry.name}': page '{entry.page}' does not "
                                "exist")
                    continue
                url = book_model.relative_url(book_model.page_url(found.src_uri), page.url)
                entries.append({"name": entry.name, "url": url, "external": False})
            elif entry.url:
                entries.append({"name": entry.name, "url": entry.url, "external": True})
        return entries

    # -- helpers -------------------------------------------------------------------------------

    def _content_dir(self, config: MkDocsConfig, language: str | None) -> Path:
        root = Path(config.config_file_path or ".").resolve().parent
        if language is not None:
            content = self.config.languages[language].content_dir
        else:
            content = self.config.content_dir or config.docs_dir
        return (root / content).resolve()

    def source_for(self, config: MkDocsConfig) -> SiteSource:
        root = Path(config.config_file_path or ".").resolve().parent
        return SiteSource(
            root=root,
            content_dir=self._content_dir(config, self.current.code if self.current else None),
            asset_dirs=tuple((root / d).resolve() for d in self.config.asset_dirs),
            book_section=self.config.book_section,
            drafts=self.config.drafts,
            site_dirs=(*self.copied_dirs(config), *self.other_content_dirs(config),
                       *(d for d in (root / n for n in HUGO_FOLDERS) if d.is_dir())),
            permalinks=tuple(self.config.permalinks.items()),
            lowercase_urls=self.config.lowercase_urls,
            remove_path_accents=self.config.remove_path_accents,
            emoji=self.config.emoji,
            language_root=(f"{self.current.code}/"
                           if self.current and not self.current.is_default else ""),
            url_prefix=self._url_prefix(self.current.code if self.current else None),
            taxonomies=tuple(self.config.taxonomies.items()),
            taxonomy_kinds_off=tuple(self.config.taxonomy_kinds_off),
            directory_urls=config.use_directory_urls,
        )

    def _url_prefix(self, language: str | None) -> str:
        """'en/' for the default language kept in a subfolder, '' otherwise."""
        if not self.config.default_language_in_subdir:
            return ""
        if language is None:  # a book in one language
            return f"{self.config.default_language or 'en'}/"
        default = next(lang for lang in self.languages() if lang.is_default)
        return f"{language}/" if language == default.code else ""

    def copied_dirs(self, config: MkDocsConfig) -> list[Path]:
        """The folders whose files are published as they are: static folders, and the
        template overrides (MkDocs copies their files that are not templates)."""
        custom = config.theme.custom_dir
        overrides = [Path(custom).resolve()] if custom and Path(custom).is_dir() else []
        return [*self.static_dirs(config), *overrides]

    def _add_templates(self, config: MkDocsConfig) -> None:
        dirs = config.theme.dirs
        if str(TEMPLATES) not in dirs:
            dirs.insert(1 if config.theme.custom_dir else 0, str(TEMPLATES))
        if str(INJECT_TEMPLATES) not in dirs:
            dirs.insert(dirs.index(str(TEMPLATES)) + 1, str(INJECT_TEMPLATES))

    def _add_markdown_extensions(self, config: MkDocsConfig) -> None:
        for name, options in MARKDOWN_EXTENSIONS.items():
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)
                if options:
                    config.mdx_configs[name] = dict(options)

    def _static_files(self, config: MkDocsConfig) -> tuple[dict[Path, list[Path]],
                                                           list[ContentError]]:
        """The files of each static folder, by folder, and the mistakes: a link out of the
        site's folders or a special file there, or in the template overrides
        (hugomat.safe_files)."""
        folders = SiteFolders.of(self.source.site_folders, self.source.display)
        errors: list[ContentError] = []
        static = self.static_dirs(config)
        found: dict[Path, list[Path]] = {}
        for folder in self.copied_dirs(config):
            listed = scan(folder, folders, errors)
            if folder in static:
                found[folder] = listed.walk_files()
        return found, errors

    def _site_files(self, files: Files, config: MkDocsConfig,
                    static_files: dict[Path, list[Path]]) -> Files:
        content_dir = self.source.content_dir
        site = Files([])
        for file in files:
            # Where MkDocs found it, not where a link leads: a page linked from data/ is a page.
            from_content = file.abs_src_path and Path(file.abs_src_path).is_relative_to(
                content_dir)
            # Hugo's Markdown is replaced by its conversion; other content files are page
            # resources and are copied as they are.
            if from_content and file.src_uri.endswith(book_model.MARKDOWN_SUFFIXES):
                continue
            site.append(file)
        pages: dict[str, str] = {}
        language = self.current.code if self.current else config.theme.get("language") or "en"
        for converted in self.converted:
            pages[converted.page.src_uri] = page_markdown(converted, site_toc=self.config.toc)
            listed = listing_markdown(self.book.taxonomies, converted.page, language)
            if listed is not None:  # a taxonomy's or a term's page: what it lists, after it
                pages[converted.page.src_uri] += "\n\n" + listed
            for site_path, source in converted.files.items():
                if site.get_file_from_path(site_path) is None:
                    site.append(File.generated(config, site_path, abs_src_path=str(source)))
        try:
            redirects = alias_pages(self.book, config.use_directory_urls)
        except ContentErrors as failure:
            raise ContentBuildError(failure.errors) from None
        pages.update(redirects)
        for src_uri, text in pages.items():
            if self.preview is not None:
                site.append(self.preview.page_file(config, src_uri, text, config.nav))
            else:
                site.append(File.generated(config, src_uri, content=text))
        self.page_sources = pages
        self.root_static = {}
        # A static file where a page is written is left out: Hugo publishes the page (the
        # validation warned of it, hugomat.static_clashes).
        taken = {file.dest_uri for file in site}
        for folder, paths in static_files.items():
            for path in paths:
                site_path = path.relative_to(folder).as_posix()
                if site.get_file_from_path(site_path) is None and site_path not in taken:
                    if self.pictures_at_root:
                        site.append(DeferredFile.generated(config, site_path,
                                                           abs_src_path=str(path)))
                        self.root_static[site_path] = str(path)
                    else:
                        site.append(File.generated(config, site_path, abs_src_path=str(path)))
        if isinstance(self.pictures, ResponsivePictures):
            placed = self.pictures.site_files()
            if self.pictures_at_root:
                self.root_pictures = {path: str(cached)
                                      for path, cached in self.pictures.variant_files().items()}
                placed = self.pictures.card_files()
            for site_path, cached in placed.items():
                if site.get_file_from_path(site_path) is None:
                    site.append(LinkedFile.generated(config, site_path,
                                                     abs_src_path=str(cached)))
        site.append(File.generated(config, STYLESHEET,
                                   abs_src_path=str(PACKAGE / "assets" / "hugomat.css")))
        if self.site_styles is not None:
            site.append(File.generated(config, SITE_STYLESHEET,
                                       abs_src_path=str(self.site_styles.path)))
        if self._uses_picture_sets():
            site.append(File.generated(config, SETS_SCRIPT, content=sets_picker() + "\n" + (
                PACKAGE / "assets" / "hugomat-sets.js").read_text(encoding="utf-8")))
        return site

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        # Material's own templates as `material/...`: INJECT_TEMPLATES' partials/nav.html and
        # toc.html draw the inject partials around them.
        material = Path(material_templates.__file__).parent
        env.loader = ChoiceLoader([env.loader, PrefixLoader(
            {"material": FileSystemLoader(str(material))})])
        # hugo-book's flat and collapsed sections, unless the site draws the menu itself.
        custom = config.theme.custom_dir
        if not (custom and (Path(custom) / NAV_ITEM).is_file()):
            try:
                env.loader = with_flagged_partial(env.loader, material)
            except PartialChanged as error:
                log.warning(str(error))
        if self._uses_picture_sets():
            # main.html inlines it in <head>: a picture set is filled while the page is parsed.
            env.globals["hugomat_sets_picker"] = Markup(sets_picker())
        return env

    def _uses_picture_sets(self) -> bool:
        return any(isinstance(v, list) for v in self.config.pictures.path_map.values())


def sets_picker() -> str:
    """The script that picks each visitor's picture set (hugomat-sets-picker.js), without its
    comment lines: it is inlined in every page."""
    source = (PACKAGE / "assets" / "hugomat-sets-picker.js").read_text(encoding="utf-8")
    return "".join(line for line in source.splitlines(keepends=True)
                   if not line.lstrip().startswith("//"))


def _log_warnings(warnings: list[ContentError]) -> None:
    for warning in sorted(warnings, key=lambda w: (w.location.path, w.location.line)):
        log.warning(str(warning))


def watch_links_as_links(server: LiveReloadServer) -> None:
    """Make the server's watcher look at a symlink itself, not where it leads. MkDocs' one
    follows links to folders: `content/docs/loop -> ..` had it walk the content again at
    every level, 40 deep, and each more such link doubles that. Call before any watch()."""
    from watchdog.observers.polling import PollingObserverVFS

    server.observer = PollingObserverVFS(os.lstat, os.scandir,
                                         polling_interval=server.observer.timeout)


def watched_paths(config: MkDocsConfig, source: SiteSource,
                  content_dirs: list[Path] | None = None) -> list[Path]:
    """What `serve` rebuilds on besides mkdocs.yml: content, pictures, template overrides,
    and the Hugo site's layouts/, data/ and i18n/ (its shortcodes and what they read)."""
    paths = list(dict.fromkeys([source.content_dir, *(content_dirs or []), *source.asset_dirs]))
    if config.theme.custom_dir:
        paths.append(Path(config.theme.custom_dir))
    hugo_site = hugo_site_root(source.root, source.content_dir)
    paths += [hugo_site / name for name in ("layouts", "data", "i18n")]
    return list(dict.fromkeys(p for p in paths if p.exists()))

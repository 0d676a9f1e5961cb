"""The MkDocs plugin: hands the Book to MkDocs as pages, navigation, files and watched paths."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader
from markupsafe import Markup
from material import templates as material_templates
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Link
from mkdocs.structure.nav import Navigation as MkDocsNavigation
from mkdocs.structure.pages import Page as MkDocsPage

from hugomat.adapter.config import HugomatConfig
from hugomat.adapter.failures import ContentBuildError
from hugomat.adapter.html_text import escape_meta, escape_nav
from hugomat.adapter.languages import LanguageBuilds, LanguageJob, staging_for
from hugomat.adapter.linked_file import link_or_copy, place_linked
from hugomat.adapter.nav_item import NAME as NAV_ITEM
from hugomat.adapter.nav_item import PartialChanged, with_flagged_partial
from hugomat.adapter.nav_sections import mark_sections
from hugomat.adapter.prepare import log_warnings, prepare
from hugomat.adapter.preview import PreviewState, remove_pages
from hugomat.adapter.render_cache import RenderedPages
from hugomat.adapter.search_cache import SearchEntries
from hugomat.adapter.site_config import configure
from hugomat.adapter.site_files import sets_picker, site_files
from hugomat.adapter.site_options import site_options
from hugomat.errors import ContentErrors
from hugomat.pictures.drawn import OriginalPictures
from hugomat.read import book as book_model
from hugomat.read.translations import Language
from hugomat.render.site_templates.layouts import hugo_site_root
from hugomat.site.model import LanguageNotFound, Site, load
from hugomat.site.options import HUGO_FOLDERS, SiteOptions
from hugomat.site.resources import picture_maker

if TYPE_CHECKING:
    from jinja2 import Environment

    # Imported by `serve` alone: the build does without it (~30 ms).
    from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.plugins.hugomat")


class HugomatPlugin(BasePlugin[HugomatConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.site: Site | None = None
        """The site as hugomat.site reads it, seen from the language this build makes."""
        self.by_src_uri: dict[str, book_model.Page] = {}
        self.page_sources: dict[str, str] = {}
        """Each page's Markdown as handed to MkDocs, by source path (for the preview)."""
        self.injected: dict[str, dict[str, Markup]] = {}
        """The site's inject partials made for each page (by src_uri), for main.html."""
        self.pictures: OriginalPictures | None = None
        self.language: str | None = None
        """The language to build; set in the worker processes that build the other languages."""
        self.builds: LanguageBuilds | None = None
        self.rendered_pages: RenderedPages | None = None
        self.search_entries: SearchEntries | None = None
        self.root_site_url: str | None = None
        self.preview: PreviewState | None = None
        """Set by the preview server, so that a rebuild renders only the pages that changed."""
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
            self.site = site = load(site_options(config), self.language)
        except ContentErrors as failure:
            log_warnings(failure.warnings)
            raise ContentBuildError(failure.errors) from None
        except LanguageNotFound as error:
            raise PluginError(str(error)) from None
        self.by_src_uri = {page.src_uri: page for page in site.book.pages}
        for item in site.styles.left_out if site.styles else []:
            log.info(str(item))
        self.root_site_url = config.site_url
        configure(config, site, self.config)
        if site.languages and self.language is None:
            self._start_other_languages(config, site.languages)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        site = self.site
        assert site is not None
        self.pictures = picture_maker(site, at_root=self.pictures_at_root)
        prepared = prepare(site, self.pictures)
        self.injected = {c.page.src_uri: {name: Markup(html) for name, html in c.inject.items()}
                         for c in prepared.converted if c.inject}
        self.rendered_pages = RenderedPages(site.options.cache_dir / "rendered", config)
        self.search_entries = SearchEntries(site.options.cache_dir / "search")
        self.search_entries.attach(config)
        made = site_files(files, config, site, prepared, self.pictures, preview=self.preview,
                          at_root=self.pictures_at_root)
        self.page_sources = made.page_sources
        self.root_static = made.root_static
        self.root_pictures = made.root_pictures
        return made.files

    def on_nav(self, nav: MkDocsNavigation, /, *, config: MkDocsConfig,
               files: Files) -> MkDocsNavigation:
        """menu.before first, menu.after at the end, as links; every title escaped; hugo-book's
        section flags on the sections, for partials/nav-item.html."""
        assert self.site is not None
        laid_out = self.site.navigation
        mark_sections(nav.items, laid_out.sections)
        for offset, entry in enumerate(laid_out.before):
            nav.items.insert(offset, Link(entry.label, entry.url))
        nav.items.extend(Link(entry.label, entry.url) for entry in laid_out.after)
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
        site = self.site
        assert site is not None
        ours = self.by_src_uri.get(page.file.src_uri)
        if ours is not None and self.config.edit_link and not ours.made:
            path = f"{site.source.content_dir.name}/{ours.rel_path}"
            page.edit_url = self.config.edit_link.replace("{path}", path)
        if page.meta.get("template") == "landing.html":
            page.meta["hugomat_home_menu"] = self._home_menu(page)
        if page.file.src_uri in self.injected:  # drawn by main.html and partials/nav, toc
            page.meta["hugomat_inject"] = self.injected[page.file.src_uri]
        current = site.language
        if site.translations is not None and current is not None:
            alternates = site.translations.alternates(ours, current)
            here = current.prefix + page.url
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
        assert self.site is not None
        for path in watched_paths(self.site.options):
            server.watch(str(path))
        return server

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

    def _home_menu(self, page: MkDocsPage) -> list[dict[str, Any]]:
        """menu.home for a landing page: page links relative to it, URLs as they are."""
        assert self.site is not None
        entries = []
        for entry in self.config.menu_home:
            if entry.page is not None:
                found = self.site.book.find(entry.page)
                if found is None:
                    log.warning(f"menu_home entry '{entry.name}': page '{entry.page}' does not "
                                "exist")
                    continue
                url = book_model.relative_url(book_model.page_url(found.src_uri), page.url)
                entries.append({"name": entry.name, "url": url, "external": False})
            elif entry.url:
                entries.append({"name": entry.name, "url": entry.url, "external": True})
        return entries

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
        if self.site is not None and self.site.options.pictures.uses_sets:
            # main.html inlines it in <head>: a picture set is filled while the page is parsed.
            env.globals["hugomat_sets_picker"] = Markup(sets_picker())
        return env

def watch_links_as_links(server: LiveReloadServer) -> None:
    """Make the server's watcher look at a symlink itself, not where it leads. MkDocs' one
    follows links to folders: `content/docs/loop -> ..` had it walk the content again at
    every level, 40 deep, and each more such link doubles that. Call before any watch()."""
    from watchdog.observers.polling import PollingObserverVFS

    server.observer = PollingObserverVFS(os.lstat, os.scandir,
                                         polling_interval=server.observer.timeout)


def watched_paths(options: SiteOptions) -> list[Path]:
    """What `serve` rebuilds on besides mkdocs.yml: content, pictures, template overrides,
    and the Hugo site's layouts/, data/ and i18n/ (its shortcodes and what they read)."""
    paths = [options.content_dir, *options.content_dirs, *options.asset_dirs,
             *options.template_dirs]
    hugo_site = hugo_site_root(options.root, options.content_dir)
    paths += [hugo_site / name for name in HUGO_FOLDERS]
    return list(dict.fromkeys(p for p in paths if p.exists()))

"""MkDocs' configuration made to build a loaded site: its content folder and menu, the
language's settings, hugomat's templates, Markdown extensions, stylesheet and scripts.

The build (adapter.plugin, at on_config) and `eject` (which writes the result down as a
plain mkdocs.yml) both configure MkDocs through `configure`.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from hugomat.adapter.config import HugomatConfig
from hugomat.adapter.languages import interface_language, interface_languages
from hugomat.adapter.theme_environment import hugomat_environments
from hugomat.markdown.raw_html_fence import superfence as raw_html_fence
from hugomat.read import book as book_model
from hugomat.render.renderers.diagrams import MERMAID_FENCE
from hugomat.site.model import Site
from hugomat.site.styles import SITE_PATH as SITE_STYLESHEET

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
    # Mermaid fences become a div for the site's own diagram script (see render.renderers.diagrams);
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


def configure(config: MkDocsConfig, site: Site, options: HugomatConfig) -> None:
    """Make `config` build the current language of `site`."""
    if site.language is not None:
        _use_language(config, site)
    _interface_language(config, site)
    # MkDocs collects the files of docs_dir: make that this language's content folder.
    config.docs_dir = str(site.source.content_dir)
    config.nav = site.navigation.items
    _add_templates(config)
    hugomat_environments(config.theme, site.options.cache_dir / "templates")
    _add_markdown_extensions(config)
    # Hugo content links to pages by URL (relref writes URLs too), which MkDocs would
    # report one by one as "unrecognized"; hugomat resolves and checks those itself.
    links = config.validation.links
    if links.unrecognized_links == logging.INFO:
        links.unrecognized_links = logging.DEBUG
    # hugomat follows every link itself (hugomat.render.link_check) and reports each at its place.
    if links.not_found == logging.WARNING:
        links.not_found = logging.DEBUG
    # Pages outside the menu (bookHidden, other sections, aliases) are normal in Hugo.
    if config.validation.nav.omitted_files == logging.INFO:
        config.validation.nav.omitted_files = logging.DEBUG
    _prune_large_navigation(config, site, options.prune_navigation_above)
    if options.edit_link and "content.action.edit" not in config.theme["features"]:
        config.theme["features"].append("content.action.edit")
    if STYLESHEET not in config.extra_css:
        config.extra_css.insert(0, STYLESHEET)
    if site.styles is not None and SITE_STYLESHEET not in config.extra_css:
        config.extra_css.append(SITE_STYLESHEET)
    if site.options.pictures.uses_sets and SETS_SCRIPT not in config.extra_javascript:
        config.extra_javascript.append(SETS_SCRIPT)


def ejected_nav(site: Site) -> list[Any]:
    """The nav setting of an ejected mkdocs.yml: menus as entries of the nav itself."""
    def entries(menu: list[Any]) -> list[dict[str, str]]:
        return [{e.label: e.src_uri or e.url} for e in menu]

    laid_out = site.navigation
    return [*entries(laid_out.before), *laid_out.items, *entries(laid_out.after)]


def _use_language(config: MkDocsConfig, site: Site) -> None:
    """MkDocs' settings for the language built: its code, direction, name and URL."""
    current, options = site.language, site.language_options
    assert current is not None and options is not None
    config.theme["language"] = current.code
    config.theme["direction"] = current.direction
    if options.site_name:
        config.site_name = options.site_name
    # Material's <link rel="alternate" hreflang> tags and its language switching read this:
    # each language's root, relative to this one's (the `url` filter expects so).
    config.extra["alternate"] = [
        {"name": lang.label, "lang": lang.code,
         "link": book_model.relative_url(lang.prefix, current.prefix)}
        for lang in site.languages]
    if config.site_url and not current.is_default:
        config.site_url = config.site_url.rstrip("/") + "/" + current.prefix


def _interface_language(config: MkDocsConfig, site: Site) -> None:
    """The page's language code (`<html lang>`: Hugo's languageCode, else the language's own
    code) and Material's interface language: that code's when Material has it exactly, as
    Hugo takes the theme's strings for it, else the nearest Material has to the language's
    own code, which a language Material lacks is warned of."""
    code = str(config.theme["language"] or "en")
    language_code = site.language_code
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


def _prune_large_navigation(config: MkDocsConfig, site: Site, limit: int) -> None:
    book = site.book
    features = config.theme["features"]
    # The book's pages: the taxonomy pages made for it are not counted.
    listed = book.taxonomies.listing
    count = sum(1 for page in book.pages if not (page.made and page.rel_path in listed))
    if limit and count > limit and "navigation.prune" not in features:
        features.append("navigation.prune")
        log.info(f"{count} pages: the navigation draws only the current page's sections "
                 "(navigation.prune)")


def _add_templates(config: MkDocsConfig) -> None:
    dirs = config.theme.dirs
    if str(TEMPLATES) not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, str(TEMPLATES))
    if str(INJECT_TEMPLATES) not in dirs:
        dirs.insert(dirs.index(str(TEMPLATES)) + 1, str(INJECT_TEMPLATES))


def _add_markdown_extensions(config: MkDocsConfig) -> None:
    for name, options in MARKDOWN_EXTENSIONS.items():
        if name not in config.markdown_extensions:
            config.markdown_extensions.append(name)
            if options:
                config.mdx_configs[name] = dict(options)

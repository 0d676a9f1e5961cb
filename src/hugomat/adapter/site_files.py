"""The files MkDocs builds a prepared site from: its converted pages and redirects, page
resources, static files, picture variants, and hugomat's stylesheet and scripts."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from hugomat.adapter.failures import ContentBuildError
from hugomat.adapter.linked_file import DeferredFile, LinkedFile
from hugomat.adapter.prepare import Prepared
from hugomat.adapter.preview import PreviewState
from hugomat.adapter.site_config import PACKAGE, SETS_SCRIPT, STYLESHEET
from hugomat.errors import ContentErrors
from hugomat.pictures.drawn import OriginalPictures, ResponsivePictures
from hugomat.read import book as book_model
from hugomat.read.taxonomies import listing_markdown
from hugomat.site.model import Site
from hugomat.site.pages import alias_pages, page_markdown
from hugomat.site.styles import SITE_PATH as SITE_STYLESHEET


@dataclass
class SiteFiles:
    files: Files
    page_sources: dict[str, str]
    """Each page's Markdown (and each redirect's) by its source path."""
    root_static: dict[str, str] = field(default_factory=dict)
    """At root: the static files (site path -> source) left for the parent to link."""
    root_pictures: dict[str, str] = field(default_factory=dict)
    """At root: site path (from the site's root) -> cached variant, for the parent to place."""


def site_files(files: Files, config: MkDocsConfig, site: Site, prepared: Prepared,
               pictures: OriginalPictures, *, preview: PreviewState | None = None,
               at_root: bool = False) -> SiteFiles:
    """MkDocs' `files` (those of the content folder) with Hugo's Markdown replaced by its
    conversion and everything else the site publishes added. `at_root`: another language's
    build, whose static files and picture variants are those of the site's root."""
    content_dir = site.source.content_dir
    out = Files([])
    for file in files:
        # Where MkDocs found it, not where a link leads: a page linked from data/ is a page.
        from_content = file.abs_src_path and Path(file.abs_src_path).is_relative_to(content_dir)
        # Hugo's Markdown is replaced by its conversion; other content files are page
        # resources and are copied as they are.
        if from_content and file.src_uri.endswith(book_model.MARKDOWN_SUFFIXES):
            continue
        out.append(file)
    pages: dict[str, str] = {}
    language = site.current or config.theme.get("language") or "en"
    for converted in prepared.converted:
        pages[converted.page.src_uri] = page_markdown(converted, site_toc=site.options.toc)
        listed = listing_markdown(site.book.taxonomies, converted.page, language)
        if listed is not None:  # a taxonomy's or a term's page: what it lists, after it
            pages[converted.page.src_uri] += "\n\n" + listed
        for site_path, source in converted.files.items():
            if out.get_file_from_path(site_path) is None:
                out.append(File.generated(config, site_path, abs_src_path=str(source)))
    try:
        pages.update(alias_pages(site.book, config.use_directory_urls))
    except ContentErrors as failure:
        raise ContentBuildError(failure.errors) from None
    for src_uri, text in pages.items():
        if preview is not None:
            out.append(preview.page_file(config, src_uri, text, config.nav))
        else:
            out.append(File.generated(config, src_uri, content=text))
    result = SiteFiles(out, pages)
    # A static file where a page is written is left out: Hugo publishes the page (the
    # validation warned of it, hugomat.site.static_clashes).
    taken = {file.dest_uri for file in out}
    for folder, paths in prepared.static_files.items():
        for path in paths:
            site_path = path.relative_to(folder).as_posix()
            if out.get_file_from_path(site_path) is None and site_path not in taken:
                if at_root:
                    out.append(DeferredFile.generated(config, site_path, abs_src_path=str(path)))
                    result.root_static[site_path] = str(path)
                else:
                    out.append(File.generated(config, site_path, abs_src_path=str(path)))
    if isinstance(pictures, ResponsivePictures):
        placed = pictures.site_files()
        if at_root:
            result.root_pictures = {path: str(cached)
                                    for path, cached in pictures.variant_files().items()}
            placed = pictures.card_files()
        for site_path, cached in placed.items():
            if out.get_file_from_path(site_path) is None:
                out.append(LinkedFile.generated(config, site_path, abs_src_path=str(cached)))
    out.append(File.generated(config, STYLESHEET,
                              abs_src_path=str(PACKAGE / "assets" / "hugomat.css")))
    if site.styles is not None:
        out.append(File.generated(config, SITE_STYLESHEET, abs_src_path=str(site.styles.path)))
    if site.options.pictures.uses_sets:
        out.append(File.generated(config, SETS_SCRIPT, content=sets_picker() + "\n" + (
            PACKAGE / "assets" / "hugomat-sets.js").read_text(encoding="utf-8")))
    return result


def sets_picker() -> str:
    """The script that picks each visitor's picture set (hugomat-sets-picker.js), without its
    comment lines: it is inlined in every page."""
    source = (PACKAGE / "assets" / "hugomat-sets-picker.js").read_text(encoding="utf-8")
    return "".join(line for line in source.splitlines(keepends=True)
                   if not line.lstrip().startswith("//"))

"""A page of Hugo content to the Markdown MkDocs renders: shortcodes, banner, pictures, links."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from hugomat.errors import ContentError, ContentErrors
from hugomat.markdown.references import Reference
from hugomat.pictures.drawn import OriginalPictures, banner_html
from hugomat.pictures.made import PictureMaker, SocialCard
from hugomat.read import shortcode_parser
from hugomat.read.book import Book, Page
from hugomat.render.context import RenderContext
from hugomat.render.conversion_cache import ConversionCache
from hugomat.render.documents import CONVERSION, render_markdown, site_shortcode_renderers
from hugomat.render.link_check import LinkProblems, reference_problems
from hugomat.render.page_size import too_large_error
from hugomat.render.renderers.page_assets import page_assets
from hugomat.render.site_templates.layouts import hugo_site_root, layout_dirs, layout_files
from hugomat.render.url_policy import refusal, refused_scheme

if TYPE_CHECKING:
    from hugomat.render.site_templates.catalog import SiteTemplates


class Find(Enum):
    """What `convert` looks up itself when not given."""

    SITE_TEMPLATES = "site templates"


# A shortcode's body is a document converted inside its parent's, some 15 Python frames a
# level (measured): room for shortcodes nested as deep as the parser lets them, with
# Markdown nested inside each level.
_RECURSION_ROOM = 1_000 + 40 * shortcode_parser.MAX_DEPTH


@dataclass
class ConvertedPage:
    page: Page
    markdown: str
    files: dict[str, Path] = field(default_factory=dict)
    """Files the page needs in the site: site path -> source file."""
    warnings: list[ContentError] = field(default_factory=list)
    social: SocialCard | None = None
    """The link preview cut from the banner, when the page has one."""
    references: list[Reference] = field(default_factory=list)
    """Its links, where they were written; hugomat.render.link_check follows them."""
    anchors: list[str] | None = None
    """The ids on the page that anchors can name, in order; None if it could not be read."""
    errors: list[ContentError] = field(default_factory=list)
    """Its mistakes; a page with any is not built, but its links are still followed."""
    inject: dict[str, str] = field(default_factory=dict)
    """The HTML of the site's inject partials for this page (render.site_templates.inject)."""


def convert_page(page: Page, book: Book, *, directory_urls: bool = True, strict: bool = False,
                 pictures: PictureMaker | None = None, site_toc: bool = True,
                 static_dirs: tuple[Path, ...] = (),
                 cache: ConversionCache | None = None) -> ConvertedPage:
    """Convert one page; raises ContentErrors with every mistake found in it."""
    converted = convert(page, book, directory_urls=directory_urls, strict=strict,
                        pictures=pictures, site_toc=site_toc, static_dirs=static_dirs,
                        cache=cache)
    if converted.errors:
        raise ContentErrors(converted.errors, converted.warnings)
    return converted


def convert(page: Page, book: Book, *, directory_urls: bool = True, strict: bool = False,
            pictures: PictureMaker | None = None, site_toc: bool = True,
            static_dirs: tuple[Path, ...] = (),
            cache: ConversionCache | None = None,
            site: SiteTemplates | Literal[Find.SITE_TEMPLATES] | None = Find.SITE_TEMPLATES,
            ) -> ConvertedPage:
    """Convert one page, its mistakes in the result. `static_dirs` are the folders copied
    into the site as they are; `cache` keeps converted documents between builds; `site`
    runs the site's own shortcodes and inject partials (None: the site has none; found when
    not given)."""
    if pictures is None:
        pictures = OriginalPictures(book.source.picture_roots, book.source.display)
    if sys.getrecursionlimit() < _RECURSION_ROOM:
        # Raised once and never lowered: another thread may be converting a page.
        sys.setrecursionlimit(_RECURSION_ROOM)
    too_large = too_large_error(page)
    if too_large is not None:
        return ConvertedPage(page=page, markdown="", errors=[too_large])
    if site is Find.SITE_TEMPLATES:  # called alone (picture sets): the site's templates too
        site = book_templates(book)
    renderers = site_shortcode_renderers(site)
    try:
        nodes = shortcode_parser.parse(page.front.body, page.display_path, page.front.body_line,
                                 **renderers.parser_names())
    except ContentError as error:
        return ConvertedPage(page=page, markdown="", errors=[*_href_errors(page), error],
                             warnings=list(page.warnings))
    ctx = RenderContext(page=page, book=book, directory_urls=directory_urls, strict=strict,
                        pictures=pictures, site_toc=site_toc, static_dirs=static_dirs,
                        cache=cache, renderers=renderers, conversion=CONVERSION,
                        site_templates=site)
    markdown = render_markdown(nodes, ctx)
    if "katex" in ctx.needs:
        # KaTeX on the page draws the maths in its text too: read it again knowing so.
        ctx = RenderContext(page=page, book=book, directory_urls=directory_urls,
                            strict=strict, pictures=pictures, site_toc=site_toc,
                            static_dirs=static_dirs, cache=cache, maths=True,
                            renderers=renderers, conversion=CONVERSION,
                            site_templates=site)
        markdown = render_markdown(nodes, ctx)
    markdown = markdown.rstrip("\n") + "\n" + page_assets(ctx)
    banner, social = _banner(page, ctx)
    if banner:
        markdown = banner + "\n\n" + markdown.lstrip("\n")
    for warning in page.warnings:  # front matter read otherwise than written
        ctx.problem_at(warning.location, warning.message)
    inject = {}
    if site is not None:
        from hugomat.render.site_templates.inject import inject_html

        inject = inject_html(site, ctx)
    return ConvertedPage(page=page, markdown=markdown, files=ctx.files, warnings=ctx.warnings,
                         social=social, references=ctx.references,
                         anchors=list(ctx.anchors), errors=[*_href_errors(page), *ctx.errors],
                         inject=inject)


def book_templates(book: Book) -> SiteTemplates | None:
    """The site's own templates, ready for the book's pages; None when it has none."""
    root = hugo_site_root(book.source.root, book.source.content_dir)
    dirs = layout_dirs(root)
    files = layout_files(dirs)
    if not files:
        return None  # the Go template interpreter is not even imported
    from hugomat.render.site_templates.catalog import site_templates

    site = site_templates(root, dirs, files)
    if site is not None:
        code = next((code for code, other in book.languages.items() if other is book), "en")
        site.bind(book, code)
    return site




def _href_errors(page: Page) -> list[ContentError]:
    """bookHref lands in every page's menu and in the page's redirect: a scheme that runs
    code there (`javascript:`) is refused at the key."""
    scheme = refused_scheme(page.href) if page.href else None
    if scheme is None:
        return []
    return [ContentError(page.location("bookhref"), refusal("bookHref", str(page.href), scheme))]


def _banner(page: Page, ctx: RenderContext) -> tuple[str, SocialCard | None]:
    """The front matter's `image:` drawn above the text (the book's own template did that),
    and the link preview cut from it."""
    if page.image is None:
        return "", None
    at = page.location("image")
    try:
        drawn = banner_html(ctx.picture(page.image, at, alt=page.title, priority=True))
        assert ctx.pictures is not None
        return drawn, ctx.pictures.social_card(page.image, at, page.title)
    except ContentError as error:
        ctx.errors.append(error)
        return "", None


@dataclass
class BookConversion:
    """Every page of a book converted and every link followed, with the mistakes of all."""

    converted: list[ConvertedPage]
    links: LinkProblems
    strict: bool
    """Links to nothing (warnings) are errors too, as every warning is under --strict."""

    @property
    def errors(self) -> list[ContentError]:
        pages = [error for c in self.converted for error in c.errors]
        return [*pages, *self.links.errors, *(self.links.warnings if self.strict else [])]

    @property
    def warnings(self) -> list[ContentError]:
        pages = [warning for c in self.converted for warning in c.warnings]
        return [*pages, *([] if self.strict else self.links.warnings)]


def converted_book(book: Book, *, directory_urls: bool = True, strict: bool = False,
                   pictures: PictureMaker | None = None, site_toc: bool = True,
                   static_dirs: tuple[Path, ...] = (),
                   cache: ConversionCache | None = None) -> BookConversion:
    """Convert every page and follow every link, the mistakes of all pages together: what
    `build` fails on and `check` reports. `static_dirs` are the folders copied into the site
    as they are."""
    site = book_templates(book)
    converted = [convert(page, book, directory_urls=directory_urls, strict=strict,
                         pictures=pictures, site_toc=site_toc, static_dirs=static_dirs,
                         cache=cache, site=site) for page in book.pages]
    if site is not None and converted:  # data and i18n files the templates could not read
        first = converted[0]
        (first.errors if strict else first.warnings).extend(site.problems())
    links = links_followed(book, converted, static_dirs=static_dirs,
                           directory_urls=directory_urls)
    return BookConversion(converted, links, strict)


def convert_book(book: Book, *, directory_urls: bool = True, strict: bool = False,
                 pictures: PictureMaker | None = None, site_toc: bool = True,
                 static_dirs: tuple[Path, ...] = (),
                 cache: ConversionCache | None = None) -> list[ConvertedPage]:
    """The converted pages (converted_book), or ContentErrors with every mistake; links to
    nothing are each page's warnings."""
    result = converted_book(book, directory_urls=directory_urls, strict=strict,
                            pictures=pictures, site_toc=site_toc, static_dirs=static_dirs,
                            cache=cache)
    if result.errors:
        raise ContentErrors(result.errors, result.warnings)
    by_path = {page.page.display_path: page for page in result.converted}
    for warning in result.links.warnings:
        by_path[warning.location.path].warnings.append(warning)
    return result.converted


def links_followed(book: Book, converted: list[ConvertedPage], *,
                   static_dirs: tuple[Path, ...] = (),
                   directory_urls: bool = True) -> LinkProblems:
    """The links of converted pages that lead nowhere (hugomat.render.link_check)."""
    return reference_problems(book, {c.page.rel_path: c.references for c in converted},
                              {c.page.rel_path: c.anchors for c in converted
                               if c.anchors is not None},
                              static_dirs=static_dirs, directory_urls=directory_urls)

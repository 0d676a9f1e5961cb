"""A page of Hugo content to the Markdown MkDocs renders: shortcodes, banner, pictures."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from hugomat import links, shortcodes
from hugomat.book import Book, Page
from hugomat.errors import ContentError, ContentErrors
from hugomat.figures import OriginalPictures, banner_html
from hugomat.markdown_extras import finish
from hugomat.render import PictureMaker, RenderContext, SocialCard, render


@dataclass
class ConvertedPage:
    page: Page
    markdown: str
    files: dict[str, Path] = field(default_factory=dict)
    """Files the page needs in the site: site path -> source file."""
    warnings: list[ContentError] = field(default_factory=list)
    social: SocialCard | None = None
    """The link preview cut from the banner, when the page has one."""


def convert_page(page: Page, book: Book, *, directory_urls: bool = True, strict: bool = False,
                 pictures: PictureMaker | None = None, site_toc: bool = True) -> ConvertedPage:
    """Convert one page; raises ContentErrors with every mistake found in it."""
    if pictures is None:
        pictures = OriginalPictures(book.source.asset_dirs, book.source.display)
    ctx = RenderContext(page=page, book=book, directory_urls=directory_urls, strict=strict,
                        pictures=pictures, site_toc=site_toc)
    try:
        nodes = shortcodes.parse(page.front.body, page.display_path, page.front.body_line)
    except ContentError as error:
        raise ContentErrors([error]) from None
    markdown = links.rewrite(finish(render(nodes, ctx), ctx), page, book)
    banner, social = _banner(page, ctx)
    if banner:
        markdown = banner + "\n\n" + markdown.lstrip("\n")
    if ctx.errors:
        raise ContentErrors(ctx.errors, ctx.warnings)
    return ConvertedPage(page=page, markdown=markdown, files=ctx.files, warnings=ctx.warnings,
                         social=social)


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


def convert_book(book: Book, *, directory_urls: bool = True, strict: bool = False,
                 pictures: PictureMaker | None = None,
                 site_toc: bool = True) -> list[ConvertedPage]:
    """Convert every page, reporting the mistakes of all pages together."""
    converted: list[ConvertedPage] = []
    errors: list[ContentError] = []
    warnings: list[ContentError] = []
    for page in book.pages:
        try:
            page_result = convert_page(page, book, directory_urls=directory_urls, strict=strict,
                                       pictures=pictures, site_toc=site_toc)
        except ContentErrors as failure:
            errors.extend(failure.errors)
            warnings.extend(failure.warnings)
            continue
        converted.append(page_result)
        warnings.extend(page_result.warnings)
    if errors:
        raise ContentErrors(errors, warnings)
    return converted

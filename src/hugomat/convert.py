"""A page of Hugo content to the Markdown MkDocs renders: shortcodes, banner, pictures."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from hugomat import images, shortcodes
from hugomat.book import Book, Page, page_url, relative_url
from hugomat.errors import ContentError, ContentErrors
from hugomat.render import RenderContext, render


@dataclass
class ConvertedPage:
    page: Page
    markdown: str
    files: dict[str, Path] = field(default_factory=dict)
    """Files the page needs in the site: site path -> source file."""
    warnings: list[ContentError] = field(default_factory=list)


def convert_page(page: Page, book: Book, *, directory_urls: bool = True,
                 strict: bool = False) -> ConvertedPage:
    """Convert one page; raises ContentErrors with every mistake found in it."""
    ctx = RenderContext(page=page, book=book, directory_urls=directory_urls, strict=strict)
    converted = ConvertedPage(page=page, markdown="")
    try:
        nodes = shortcodes.parse(page.front.body, page.display_path, page.front.body_line)
    except ContentError as error:
        raise ContentErrors([error]) from None
    markdown = render(nodes, ctx)
    banner = _banner(page, book, ctx, converted)
    if banner:
        markdown = banner + "\n\n" + markdown.lstrip("\n")
    if ctx.errors:
        raise ContentErrors(ctx.errors, ctx.warnings)
    converted.markdown = markdown
    converted.warnings = ctx.warnings
    return converted


def _banner(page: Page, book: Book, ctx: RenderContext, converted: ConvertedPage) -> str:
    ref = page.image
    if ref is None:
        return ""
    if images.is_remote(ref):
        return images.remote_banner_html(ref, page.title)
    try:
        picture = images.find(ref, book.source.asset_dirs, page.location("image"),
                              book.source.display)
    except ContentError as error:
        ctx.errors.append(error)
        return ""
    converted.files[picture.site_path] = picture.path
    src = relative_url(picture.site_path, page_url(page.src_uri, ctx.directory_urls))
    return images.banner_html(picture, src, page.title)


def convert_book(book: Book, *, directory_urls: bool = True,
                 strict: bool = False) -> list[ConvertedPage]:
    """Convert every page, reporting the mistakes of all pages together."""
    converted: list[ConvertedPage] = []
    errors: list[ContentError] = []
    warnings: list[ContentError] = []
    for page in book.pages:
        try:
            page_result = convert_page(page, book, directory_urls=directory_urls, strict=strict)
        except ContentErrors as failure:
            errors.extend(failure.errors)
            warnings.extend(failure.warnings)
            continue
        converted.append(page_result)
        warnings.extend(page_result.warnings)
    if errors:
        raise ContentErrors(errors, warnings)
    return converted

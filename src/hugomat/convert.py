"""A page of Hugo content to the Markdown MkDocs renders: shortcodes, banner, pictures."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from hugomat import images, links, shortcodes
from hugomat.book import Book, Page
from hugomat.errors import ContentError, ContentErrors, Location
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
        pictures = OriginalPictures(book.source.picture_roots, book.source.display)
    ctx = RenderContext(page=page, book=book, directory_urls=directory_urls, strict=strict,
                        pictures=pictures, site_toc=site_toc)
    try:
        nodes = shortcodes.parse(page.front.body, page.display_path, page.front.body_line)
    except ContentError as error:
        raise ContentErrors([error]) from None
    draw, relink = picture_drawer(ctx), links.rewriter(page, book)
    markdown = links.outside_code(finish(render(nodes, ctx), ctx),
                                  lambda text: relink(draw(text)))
    banner, social = _banner(page, ctx)
    if banner:
        markdown = banner + "\n\n" + markdown.lstrip("\n")
    if ctx.errors:
        raise ContentErrors(ctx.errors, ctx.warnings)
    return ConvertedPage(page=page, markdown=markdown, files=ctx.files, warnings=ctx.warnings,
                         social=social)


# A Markdown picture: ![alt](src) or ![alt](src "title") or ![alt](<src>).
MARKDOWN_PICTURE = re.compile(
    r'!\[(?P<alt>[^\]\n]*)\]\(\s*(?P<src><[^>\n]+>|[^\s)]+)(?:\s+"(?P<title>[^"\n]*)")?\s*\)')


def picture_drawer(ctx: RenderContext) -> Callable[[str], str]:
    """For Markdown outside code: each `![alt](src)` of a local picture drawn through the
    picture pipeline, like the banner; pictures on other sites stay as they are."""
    page = ctx.page

    def draw(match: re.Match[str]) -> str:
        src = match["src"].strip("<>")
        if images.is_remote(src) or src.startswith(("data:", "#")):
            return match.group(0)
        ref = src
        if not src.startswith("/"):
            # A page bundle's own picture, beside its page in the content folder.
            beside = posixpath.normpath(posixpath.join(posixpath.dirname(page.rel_path), src))
            try:
                if (ctx.book.source.content_dir / beside).is_file():
                    ref = beside
            except OSError:  # a name the file system refuses: find() reports it
                pass
        at = _where(page, match.group(0), match.start("src") - match.start())
        try:
            return ctx.picture(ref, at, alt=match["alt"], title=match["title"])
        except ContentError as error:
            # Named as the author wrote it, not as found beside the page.
            ctx.errors.append(ContentError(error.location,
                                           error.message.replace(f"'{ref}'", f"'{src}'")))
            return match.group(0)

    return lambda text: MARKDOWN_PICTURE.sub(draw, text)


def _where(page: Page, written: str, offset: int = 0) -> Location:
    """Where a piece of the converted page was written in the source (its first occurrence),
    `offset` characters into it."""
    body = page.front.body
    at = body.find(written)
    if at < 0:
        return page.location()
    at += offset
    line = page.front.body_line + body.count("\n", 0, at)
    return Location(page.display_path, line, at - (body.rfind("\n", 0, at) + 1) + 1)


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

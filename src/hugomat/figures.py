"""Pictures drawn on pages: a reference in content to the HTML a reader's browser gets."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from hugomat import images
from hugomat.book import relative_url
from hugomat.errors import Location
from hugomat.render import MadePicture


class OriginalPictures:
    """Draws each picture from its original file, copied into the site as it is."""

    def __init__(self, roots: tuple[Path, ...], display: Callable[[Path], str] = str) -> None:
        self.roots = roots
        self.display = display

    def html(self, ref: str, at: Location, *, page_url: str, alt: str, title: str | None = None,
             priority: bool = False, css_class: str | None = None) -> MadePicture:
        if images.is_remote(ref):
            # A picture on another site is linked as it is, never fetched.
            return MadePicture(_img(ref, alt=alt, title=title, priority=priority), {})
        picture = images.find(ref, self.roots, at, self.display)
        src = relative_url(picture.site_path, page_url)
        tag = _img(src, alt=alt, title=title, priority=priority,
                   size=(picture.width, picture.height))
        if css_class:
            tag = f'<span class="{html.escape(css_class)}">{tag}</span>'
        return MadePicture(tag, {picture.site_path: picture.path})


def _img(src: str, *, alt: str, title: str | None, priority: bool,
         size: tuple[int, int] | None = None) -> str:
    attributes = [f'src="{html.escape(src)}"', f'alt="{html.escape(alt)}"']
    if size:
        attributes.append(f'width="{size[0]}" height="{size[1]}"')
    if title:
        attributes.append(f'title="{html.escape(title)}"')
    attributes.append('decoding="async"')
    # The banner is the largest thing at the top of the page: fetched first, never lazily.
    attributes.append('fetchpriority="high"' if priority else 'loading="lazy"')
    return f"<img {' '.join(attributes)}>"


def banner_html(picture_html: str) -> str:
    return f'<figure class="hugomat-banner">{picture_html}</figure>'

"""The <picture> element offering a plan's variants to the browser."""

from __future__ import annotations

import html
from collections.abc import Callable

from hugomat.pictures.planning import MIME_TYPES, PicturePlan


def picture_html(plan: PicturePlan, url_of: Callable[[str], str], alt: str, sizes: str, *,
                 priority: bool, placeholder: str | None,
                 css_class: str | None = None) -> str:
    """A <picture> with one <source> per format, AVIF first (a browser takes the first type it
    reads), and an <img> for the rest whose src is the fallback.

    url_of maps a variant's site path to the URL to write (relative to the page). priority
    is for a picture at the top of the page (the banner): fetched first and never lazily; the
    others load as they come near the screen. placeholder, a data URI, is drawn as the img's
    background until the picture arrives (not under a transparent picture, where it would
    show through).
    """
    sources = []
    for fmt in plan.formats:
        srcset = ", ".join(f"{url_of(v.site_path)} {v.width}w"
                           for v in plan.of_format(fmt) if v.site_path)
        sources.append(f'<source type="{MIME_TYPES[fmt]}" srcset="{_attr(srcset)}" '
                       f'sizes="{_attr(sizes)}">')
    fallback = plan.fallback
    assert fallback is not None and fallback.site_path is not None
    attributes = [
        f'src="{_attr(url_of(fallback.site_path))}"',
        f'width="{plan.width}"',
        f'height="{plan.height}"',
        f'alt="{_attr(alt)}"',
        'decoding="async"',
        'fetchpriority="high"' if priority else 'loading="lazy"',
    ]
    if css_class:
        attributes.append(f'class="{_attr(css_class)}"')
    if placeholder and not plan.has_alpha:
        attributes.append(f'style="background-image:url({_attr(placeholder)});'
                          f'background-size:cover;background-position:center"')
    return f"<picture>{''.join(sources)}<img {' '.join(attributes)}></picture>"


def _attr(value: str) -> str:
    return html.escape(value, quote=True)

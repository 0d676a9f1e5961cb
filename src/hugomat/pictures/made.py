"""What drawing a picture on a page makes, and what draws it: the terms in which the
renderers (which draw pictures) and hugomat.pictures.drawn (which makes them) meet."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from hugomat.errors import Location


@dataclass(frozen=True)
class MadePicture:
    html: str
    files: dict[str, Path]
    """Files the picture needs in the site: site path -> file on disk."""


@dataclass(frozen=True)
class SocialCard:
    """A page's link preview (og:image): the card's site path and size."""

    site_path: str
    width: int
    height: int
    alt: str


class PictureMaker(Protocol):
    """Turns a picture reference into HTML for a page (hugomat.pictures.drawn)."""

    def html(self, ref: str, at: Location, *, page_url: str, alt: str, title: str | None,
             priority: bool, css_class: str | None, toc: bool) -> MadePicture: ...

    def social_card(self, ref: str, at: Location, alt: str) -> SocialCard | None: ...

"""A tiny blurred preview drawn where a picture will be, until it arrives."""

from __future__ import annotations

from pathlib import Path

from hugomat.errors import ContentError, Location
from hugomat.pictures.cache import data_uri
from hugomat.pictures.decode import PictureError, decode
from hugomat.pictures.encode import encode, placeholder_pixels
from hugomat.pictures.planning import (
    PLACEHOLDER_OPTIONS,
    PLACEHOLDER_WIDTH,
    Variant,
    fitting_width,
)


def placeholder_data_uri(picture_path: Path, *, at: Location | None = None) -> str:
    """A 20 px wide, blurred WebP of the picture as a data URI (a few hundred bytes), the
    same bytes as the placeholder variant ensure() caches. Raises a ContentError at `at`
    (default: the picture's path) for a picture that cannot be decoded."""
    picture_path = Path(picture_path)
    at = at or Location(str(picture_path))
    try:
        source = decode(picture_path.read_bytes())
    except OSError as error:
        raise ContentError(at, f"picture '{picture_path}' cannot be read: "
                               f"{error.strerror or error}") from None
    except PictureError as error:
        raise ContentError(at, f"picture '{picture_path}' {error}") from None
    width = fitting_width("webp", min(PLACEHOLDER_WIDTH, source.width), source.width,
                          source.height)
    height = max(1, round(source.height * width / source.width))
    variant = Variant(role="placeholder", format="webp", width=width, height=height,
                      options=PLACEHOLDER_OPTIONS, chain=(), crop=None,
                      name="", site_path=None)
    return data_uri(encode(placeholder_pixels(source, width, height), variant), "webp")

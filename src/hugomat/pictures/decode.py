"""Reading a source picture into the pixels every variant is made from.

Shared by planning (the header only), the encoding workers and the placeholder. Failures are
`PictureError`s with a message and no location: they cross process boundaries, and the caller,
who knows where the picture is named, turns them into ContentErrors.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from PIL import Image, ImageCms, UnidentifiedImageError

# EXIF orientations that turn the picture a quarter, so width and height swap.
_QUARTER_TURNS = {5, 6, 7, 8}
_ORIENTATION = 0x0112
_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


class PictureError(Exception):
    """A source that cannot be made into variants; the message says why."""


@contextmanager
def _bomb_checked(max_pixels: int | None) -> Iterator[None]:
    """Pillow's pixel limit enforced, its warning made an error like its error."""
    saved = Image.MAX_IMAGE_PIXELS
    if max_pixels is not None:
        Image.MAX_IMAGE_PIXELS = max_pixels
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            try:
                yield
            except (Image.DecompressionBombError, Image.DecompressionBombWarning):
                raise PictureError(
                    f"is a decompression bomb: more pixels than Pillow's limit of "
                    f"{Image.MAX_IMAGE_PIXELS:,} (PIL.Image.MAX_IMAGE_PIXELS)") from None
    finally:
        Image.MAX_IMAGE_PIXELS = saved


def header(data: bytes, max_pixels: int | None = None) -> tuple[int, int, bool]:
    """Width and height as drawn (EXIF orientation applied) and whether it has transparency,
    read from the header without decoding the pixels."""
    with _bomb_checked(max_pixels):
        try:
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if _orientation(image) in _QUARTER_TURNS:
                    width, height = height, width
                return width, height, _has_alpha(image)
        except UnidentifiedImageError:
            raise PictureError("is not a picture Pillow can read") from None
        except (OSError, ValueError, SyntaxError) as error:
            raise PictureError(f"cannot be read: {error}") from None


def decode(data: bytes, max_pixels: int | None = None) -> Image.Image:
    """The picture's pixels, upright, in sRGB, RGB or RGBA, without metadata.

    An animated picture (GIF, WebP, APNG, AVIF sequence) gives its FIRST frame: a banner or a
    figure is read as a still, and the first frame is the one every viewer shows first.

    Colour: a source with an ICC profile is converted to sRGB (LittleCMS, perceptual intent)
    and the variants carry no profile, as browsers take untagged pictures as sRGB. That keeps
    the small variants small (a profile is 0.5–3 KB), makes the placeholder match the picture,
    and costs only wide-gamut colour, which a book's banners and figures do not need. A
    profile LittleCMS cannot read is ignored and the pixels taken as sRGB. EXIF and XMP are
    never copied: they may hold a camera's location, and the orientation is applied instead.
    """
    with _bomb_checked(max_pixels):
        try:
            with Image.open(io.BytesIO(data)) as opened:
                orientation = _orientation(opened)
                opened.seek(0)
                opened.load()
                image = opened.copy()
                icc = opened.info.get("icc_profile")
                has_alpha = _has_alpha(opened)
        except UnidentifiedImageError:
            raise PictureError("is not a picture Pillow can read") from None
        except (OSError, ValueError, SyntaxError, EOFError) as error:
            raise PictureError(f"is damaged or truncated: {error}") from None
    if orientation in _TRANSPOSE:
        image = image.transpose(_TRANSPOSE[orientation])
    try:
        return _to_srgb(image, icc, "RGBA" if has_alpha else "RGB")
    except ValueError as error:
        raise PictureError(f"has colours Pillow cannot convert to RGB ({image.mode}): "
                           f"{error}") from None


def _orientation(image: Image.Image) -> int:
    """The EXIF orientation as the header tells it, read the same way when planning and when
    decoding so both agree on the size. A PNG may keep its EXIF after the pixels, where Pillow
    would decode the whole picture to look; only an EXIF chunk before them counts."""
    try:
        if image.format == "PNG":
            raw = image.info.get("exif")
            if not raw:
                return 1
            exif = Image.Exif()
            exif.load(raw)
        else:
            exif = image.getexif()
        orientation = exif.get(_ORIENTATION, 1)
    except Exception:  # a damaged EXIF block is no reason to refuse the picture
        return 1
    return orientation if isinstance(orientation, int) else 1


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA", "La", "RGBa") or (
        "transparency" in image.info)


def _to_srgb(image: Image.Image, icc: bytes | None, mode: str) -> Image.Image:
    if image.mode not in ("RGB", "RGBA", "CMYK"):
        image = image.convert(mode)
    if icc:
        try:
            profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            if not ImageCms.getProfileDescription(profile).startswith("sRGB"):
                image = ImageCms.profileToProfile(
                    image, profile, _SRGB,
                    renderingIntent=ImageCms.Intent.PERCEPTUAL, outputMode=mode)
        except (OSError, ImageCms.PyCMSError):
            pass  # an unreadable profile: the pixels are taken as sRGB, as a browser would
    if image.mode != mode:
        image = image.convert(mode)
    # Nothing of the source's metadata may reach an encoder, which would copy it.
    image.info = {}
    return image

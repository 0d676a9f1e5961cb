"""Which files a source picture becomes, and their names, worked out without encoding anything.

A variant's file name carries a hash of everything its bytes depend on: the source's bytes,
the format and its encoder settings, the width and the resize steps that led to it, and the
versions of Pillow and of the encoder. Equal names therefore mean equal bytes, so a CDN may
cache the files forever, a rebuild encodes only what is new, and changing one setting renames
only the variants that setting touches.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import PIL
from PIL import Image, features

from hugomat.errors import ContentError, Location
from hugomat.pictures import facts as picture_facts
from hugomat.pictures import lookup
from hugomat.pictures.decode import PictureError, header
from hugomat.pictures.settings import PictureSettings

SITE_DIR = "assets/images"
SOCIAL_DIR = "assets/images/social"
SOCIAL_SIZE = (1200, 630)
PLACEHOLDER_WIDTH = 20
# A 20 px picture blurred and stretched over hundreds: its detail is lost anyway, so a low
# quality costs nothing visible and keeps the data URI near 150 bytes.
PLACEHOLDER_OPTIONS = (("quality", 40), ("method", 4))
# Raised when this package starts drawing pixels differently (filter, colour handling), so
# every variant made before is renamed and made again.
PIPELINE_VERSION = 1
EXTENSIONS = {"avif": "avif", "webp": "webp", "jpeg": "jpg"}
# The most pixels per side each format holds: WebP's own limit, libjpeg's JPEG_MAX_DIMENSION,
# and for AVIF what libavif (Pillow's, and browsers') reads by default; it writes larger ones
# that nothing then opens. A variant beyond its format's limit is scaled down to fit it.
MAX_SIDE = {"avif": 32768, "webp": 16383, "jpeg": 65500}
MIME_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg"}


@dataclass(frozen=True)
class Variant:
    """One file made from a source: a width of the picture in a format, the social card, or
    the placeholder."""

    role: str
    """"picture", "social" (a crop for link previews) or "placeholder" (never published)."""
    format: str
    width: int
    height: int
    options: tuple[tuple[str, int], ...]
    chain: tuple[int, ...]
    """The widths resized through, largest first, before this one's own width."""
    crop: tuple[int, int, int, int] | None
    name: str
    site_path: str | None


@dataclass(frozen=True)
class PicturePlan:
    """The variants of one source picture; nothing in it is encoded yet."""

    source: Path
    site_path: str
    width: int
    """The source's width as drawn (EXIF orientation applied)."""
    height: int
    digest: str
    """SHA-256 of the source's bytes."""
    has_alpha: bool
    at: Location
    """Where the picture is named, for errors found while encoding it."""
    variants: tuple[Variant, ...]
    fallback: Variant | None = None
    """The <img>'s src: the JPEG, else the WebP (else the first format) at the middle width."""
    placeholder: Variant | None = None
    max_pixels: int | None = field(default=None, compare=False)
    """Pillow's pixel limit when planned, so worker processes apply the same one."""
    formats: tuple[str, ...] = ()
    """The formats offered as <source>s, AVIF first, the smallest files first; a JPEG made
    only as the fallback is not one of them."""

    def of_format(self, fmt: str) -> tuple[Variant, ...]:
        """The srcset of one format, narrowest first."""
        return tuple(v for v in self.variants if v.format == fmt and v.role == "picture")

    @property
    def all_variants(self) -> tuple[Variant, ...]:
        """Everything ensure() makes for this plan, the placeholder included."""
        extra = (self.placeholder,) if self.placeholder is not None else ()
        return self.variants + extra


def plan(picture: lookup.Picture, settings: PictureSettings | None = None, *,
         at: Location | None = None) -> PicturePlan:
    """The variants of `picture`: every width in settings.widths up to the source's own (never
    larger; a source narrower than them all gets one variant per format at its own width), in
    every format, plus the JPEG fallback and the placeholder when the settings ask for them.

    Reads the source's bytes (to hash them) and its header; decodes nothing. Raises a
    ContentError at `at` (default: the picture's own path) if the file is unreadable, not a
    picture, or larger than Pillow's pixel limit.
    """
    settings = settings or PictureSettings()
    at = at or Location(str(picture.path))
    digest, width, height, has_alpha = _source_facts(picture, at)
    source = _Source(picture.path, digest, width, height)
    _check_shape(picture, settings, width, height, at)
    widths = tuple(w for w in settings.widths if w <= width) or (width,)
    descending = tuple(sorted(widths, reverse=True))
    variants: list[Variant] = []
    for fmt in settings.formats:
        # Two widths scaled to the same fitting one are one variant.
        for w in dict.fromkeys(fitting_width(fmt, w, width, height) for w in widths):
            variants.append(_variant(source, "picture", fmt, w, settings.options(fmt),
                                     chain=_chain(descending, w, width)))
    middle = max((w for w in widths if w <= settings.fallback_width), default=widths[0])
    fallback: Variant | None = None
    if settings.jpeg_fallback and "jpeg" not in settings.formats:
        w = fitting_width("jpeg", middle, width, height)
        fallback = _variant(source, "picture", "jpeg", w, settings.options("jpeg"),
                            chain=_chain(descending, w, width))
        variants.append(fallback)
    else:
        preferred = "jpeg" if "jpeg" in settings.formats else (
            "webp" if "webp" in settings.formats else settings.formats[0])
        fallback = next(v for v in variants if v.format == preferred
                        and v.width == fitting_width(preferred, middle, width, height))
    placeholder = None
    if settings.placeholders:
        w = fitting_width("webp", min(PLACEHOLDER_WIDTH, width), width, height)
        placeholder = _variant(source, "placeholder", "webp", w, PLACEHOLDER_OPTIONS, chain=(),
                               site_dir=None)
    return PicturePlan(
        source=picture.path, site_path=picture.site_path, width=width, height=height,
        digest=source.digest, has_alpha=has_alpha, at=at, variants=tuple(variants),
        fallback=fallback, placeholder=placeholder, max_pixels=_max_pixels(),
        formats=tuple(f for f in ("avif", "webp", "jpeg") if f in settings.formats))


def plan_social_card(picture: lookup.Picture, settings: PictureSettings | None = None, *,
                     at: Location | None = None) -> PicturePlan | None:
    """The link-preview card (og:image): a 1200x630 JPEG cut from the middle of the picture,
    covering it; a source too small for that gives the largest such cut at its own resolution
    rather than an enlarged one. None when settings.social_cards is off."""
    settings = settings or PictureSettings()
    if not settings.social_cards:
        return None
    at = at or Location(str(picture.path))
    digest, width, height, has_alpha = _source_facts(picture, at)
    source = _Source(picture.path, digest, width, height)
    card_w, card_h = SOCIAL_SIZE
    # The largest cut of the card's shape, centred, then scaled down to the card (never up).
    crop_w = min(width, height * card_w / card_h)
    crop_h = crop_w * card_h / card_w
    left, top = (width - crop_w) / 2, (height - crop_h) / 2
    crop = (round(left), round(top), round(left + crop_w), round(top + crop_h))
    scale = min(1.0, card_w / crop_w)
    out_w, out_h = max(1, round(crop_w * scale)), max(1, round(crop_h * scale))
    card = _variant(source, "social", "jpeg", out_w, settings.options("jpeg"), chain=(),
                    crop=crop, height=out_h, site_dir=SOCIAL_DIR)
    return PicturePlan(
        source=picture.path, site_path=picture.site_path, width=width, height=height,
        digest=source.digest, has_alpha=has_alpha, at=at, variants=(card,), fallback=card,
        max_pixels=_max_pixels())


@dataclass(frozen=True)
class _Source:
    path: Path
    digest: str
    width: int
    height: int


def _source_facts(picture: lookup.Picture, at: Location) -> tuple[str, int, int, bool]:
    """The source's SHA-256, size and alpha: as recorded while the file is untouched
    (hugomat.pictures.facts), else read from its bytes."""
    known = picture_facts.KNOWN.get(picture.path)
    if known is not None and known.digest is not None and known.has_alpha is not None:
        return known.digest, known.width, known.height, known.has_alpha
    try:
        stat = picture.path.stat()
        data = picture.path.read_bytes()
    except OSError as error:
        raise ContentError(at, f"picture '{picture.site_path}' cannot be read: "
                               f"{error.strerror or error}") from None
    try:
        width, height, has_alpha = header(data)
    except PictureError as error:
        raise ContentError(at, f"picture '{picture.site_path}' {error}") from None
    digest = hashlib.sha256(data).hexdigest()
    picture_facts.KNOWN.put(picture.path, picture_facts.Facts(width, height, has_alpha, digest),
                            stat)
    return digest, width, height, has_alpha


def _check_shape(picture: lookup.Picture, settings: PictureSettings, width: int, height: int,
                 at: Location) -> None:
    """A picture so tall for its width that even 1 pixel wide it exceeds a format's limit
    cannot be made in that format at all: said at once, as planning knows it (else the build
    would find it while encoding and `check` not at all)."""
    uses = [(fmt, f"leave {fmt} out of pictures.formats") for fmt in settings.formats]
    if settings.jpeg_fallback and "jpeg" not in settings.formats:
        uses.append(("jpeg", "turn off pictures.jpeg_fallback"))
    if settings.placeholders:
        uses.append(("webp", "turn off pictures.placeholders"))
    for fmt, instead in uses:
        limit = MAX_SIDE[fmt]
        w = fitting_width(fmt, 1, width, height)
        if max(1, round(height * w / width)) > limit:
            raise ContentError(at, f"picture '{picture.site_path}' is {width}x{height}: too "
                                   f"narrow for its height to fit {fmt.upper()}'s limit of "
                                   f"{limit:,} pixels a side at any width (crop it, or "
                                   f"{instead})")


def fitting_width(fmt: str, width: int, source_width: int, source_height: int) -> int:
    """`width`, or the largest narrower one at which a picture of the source's shape fits
    `fmt`'s limit on both sides (its height rounded as _variant rounds it)."""
    limit = MAX_SIDE[fmt]
    return max(1, min(width, limit, limit * source_width // source_height))


def _chain(descending: tuple[int, ...], width: int, source_width: int) -> tuple[int, ...]:
    # Each width is resized from the next larger one; the source's own width needs no step.
    return tuple(w for w in descending if w > width and w != source_width)


def _max_pixels() -> int | None:
    return Image.MAX_IMAGE_PIXELS


def _variant(source: _Source, role: str, fmt: str, width: int,
             options: tuple[tuple[str, int], ...], *, chain: tuple[int, ...],
             crop: tuple[int, int, int, int] | None = None, height: int | None = None,
             site_dir: str | None = SITE_DIR) -> Variant:
    if height is None:
        height = max(1, round(source.height * width / source.width))
    recipe = json.dumps({
        "source": source.digest, "pipeline": PIPELINE_VERSION, "pillow": PIL.__version__,
        "encoder": encoder_version(fmt), "role": role, "format": fmt, "size": [width, height],
        "options": options, "chain": chain, "crop": crop,
    }, sort_keys=True)
    digest = hashlib.sha256(recipe.encode()).hexdigest()[:12]
    size = f"{width}x{height}" if role == "social" else str(width)
    suffix = "-placeholder" if role == "placeholder" else ""
    name = f"{_stem(source.path)}-{digest}-{size}{suffix}.{EXTENSIONS[fmt]}"
    return Variant(role=role, format=fmt, width=width, height=height, options=options,
                   chain=chain, crop=crop, name=name,
                   site_path=f"{site_dir}/{name}" if site_dir else None)


def _stem(path: Path) -> str:
    # Only characters that need no escaping in a URL or a srcset.
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", path.stem).strip("-.") or "picture"


@functools.cache
def encoder_version(fmt: str) -> str:
    """The library that writes `fmt`, with its version: an upgrade renames (re-encodes) all."""
    if fmt == "avif":
        from PIL import _avif

        return f"libavif {features.version('avif')} {_avif.codec_versions()}"
    if fmt == "webp":
        return f"libwebp {features.version('webp')}"
    return f"libjpeg {features.version('jpg')} turbo {features.version_feature('libjpeg_turbo')}"

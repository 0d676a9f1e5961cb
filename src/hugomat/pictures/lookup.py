"""Pictures named by content: finding them safely under the site's roots, and drawing them."""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from PIL import Image, UnidentifiedImageError

from hugomat.errors import ContentError, Location
from hugomat.pictures import facts as picture_facts

REMOTE_PREFIXES = ("http://", "https://", "//")


@dataclass(frozen=True)
class Picture:
    """A picture file found under one of the site's roots."""

    path: Path
    site_path: str
    """Where Hugo would serve it: its path under the root, with '/' separators."""
    width: int
    height: int


def is_remote(ref: str) -> bool:
    return ref.strip().lower().startswith(REMOTE_PREFIXES)


def find(ref: str, roots: tuple[Path, ...], at: Location,
         display: Callable[[Path], str] = str) -> Picture:
    """The picture `ref` names, looked up under each root in turn (Hugo's assets/, static/)."""
    rel = PurePosixPath(ref.strip().replace("\\", "/").lstrip("/"))
    if ".." in rel.parts:
        raise ContentError(at, f"picture '{ref}' leaves the site's picture folders")
    for root in roots:
        candidate = root / rel
        try:
            if not candidate.exists():
                continue
            real_root = root.resolve()
            real = candidate.resolve()
        except (OSError, RuntimeError) as error:
            # A name too long for the file system, or a loop of links: never a picture.
            raise ContentError(at, f"picture '{ref}' cannot be looked up: "
                                   f"{getattr(error, 'strerror', None) or error}") from None
        if not real.is_relative_to(real_root):
            raise ContentError(at, f"picture '{ref}' is a link to {real}, outside {root}")
        if not real.is_file():
            raise ContentError(at, f"picture '{ref}' is not a file")
        width, height = _size(real, ref, at)
        return Picture(path=real, site_path=rel.as_posix(), width=width, height=height)
    if os.path.isabs(ref.strip()) and Path(ref.strip()).exists():
        raise ContentError(at, f"picture '{ref}' is a path on this computer, outside the "
                               f"site's picture folders")
    where = ", ".join(f"{display(r)}/" for r in roots) or "(no picture folders configured)"
    raise ContentError(at, f"picture '{ref}' not found (looked in {where})")


def is_vector(path: Path) -> bool:
    """An SVG: drawn by the browser at any size, so it is used as it is, never re-encoded."""
    return path.suffix.lower() in (".svg", ".svgz")


def _svg_size(path: Path) -> tuple[int, int]:
    """The width and height an SVG states in pixels (0 when it states none or other units)."""
    head = path.read_bytes()[:4096].decode("utf-8", "replace")
    tag = re.search(r"<svg\b[^>]*>", head, re.DOTALL)
    sizes = []
    for name in ("width", "height"):
        pattern = rf'\s{name}\s*=\s*["\']\s*([0-9.]+)\s*(px)?\s*["\']'
        match = tag and re.search(pattern, tag.group(0))
        sizes.append(round(float(match.group(1))) if match else 0)
    return sizes[0], sizes[1]


def _size(path: Path, ref: str, at: Location) -> tuple[int, int]:
    # Pillow reads a whole WebP to open it, and a book shows one banner on many pages (and
    # each banner twice: picture and link preview), build after build.
    known = picture_facts.KNOWN.get(path)
    if known is not None:
        return known.width, known.height
    stat = path.stat()
    width, height = _read_size(path, ref, at)
    picture_facts.KNOWN.put(path, picture_facts.Facts(width, height), stat)
    return width, height


def _read_size(path: Path, ref: str, at: Location) -> tuple[int, int]:
    if is_vector(path):
        return _svg_size(path)
    try:
        # Pillow only warns between its pixel limit and twice it; both are refused here, as
        # a picture that large is a decompression bomb or a mistake, never a book's figure.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                return image.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ContentError(at, f"picture '{ref}' is a decompression bomb: more pixels than "
                               f"Pillow's limit of {Image.MAX_IMAGE_PIXELS:,} "
                               f"(PIL.Image.MAX_IMAGE_PIXELS)") from None
    except UnidentifiedImageError:
        raise ContentError(at, f"picture '{ref}' is not a picture Pillow can read") from None
    except OSError as error:
        raise ContentError(at, f"picture '{ref}' cannot be read: {error}") from None


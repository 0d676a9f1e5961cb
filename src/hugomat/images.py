"""Pictures named by content: finding them safely under the site's roots, and drawing them."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from PIL import Image, UnidentifiedImageError

from hugomat.errors import ContentError, Location

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
        if not candidate.exists():
            continue
        real_root = root.resolve()
        real = candidate.resolve()
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


def _size(path: Path, ref: str, at: Location) -> tuple[int, int]:
    try:
        with Image.open(path) as image:
            return image.size
    except UnidentifiedImageError:
        raise ContentError(at, f"picture '{ref}' is not a picture Pillow can read") from None
    except OSError as error:
        raise ContentError(at, f"picture '{ref}' cannot be read: {error}") from None


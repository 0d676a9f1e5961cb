"""Keeps file-reading callbacks (readFile, resources.Get) inside a site's folder."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import FunctionError


def resolve_inside(root: str | os.PathLike[str], relative: str) -> Path:
    """The real path of `relative` under `root`, which must exist and stay under `root`.

    `..` that climbs out, an absolute path outside, and a symlink whose target lies outside
    are refused with FunctionError; raised from a template function, the executor reports it
    at the calling action (`x.html:3:8: error calling readFile: ...`).
    """
    base = Path(root).resolve(strict=True)
    text = str(relative)
    if "\x00" in text:
        raise FunctionError(f"{relative!r} is not a valid path")
    candidate = Path(text)
    if candidate.is_absolute():
        candidate = Path(text.lstrip("/\\"))
    outside = f"{text!r} is outside the site folder"
    # Checked before existence too, so that nothing is learnt about files outside.
    if not Path(os.path.normpath(base / candidate)).is_relative_to(base):
        raise FunctionError(outside)
    try:
        resolved = (base / candidate).resolve(strict=True)
    except FileNotFoundError:
        raise FunctionError(f"file {text!r} does not exist") from None
    except (OSError, RuntimeError) as error:  # loops of links, unreadable folders
        raise FunctionError(f"cannot read {text!r}: {error}") from None
    if not resolved.is_relative_to(base):
        raise FunctionError(outside)
    return resolved


def read_inside(root: str | os.PathLike[str], relative: str, limit: int = 10_000_000) -> str:
    """The text of a regular file under `root` (see resolve_inside), at most `limit` bytes."""
    path = resolve_inside(root, relative)
    if not path.is_file():
        raise FunctionError(f"{relative!r} is not a regular file")
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise FunctionError(f"{relative!r} is larger than {limit} bytes")
    return data.decode("utf-8", "replace")

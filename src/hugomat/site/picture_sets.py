"""Picture sets a site implies: a placeholder folder that a script of the site resolves in the
browser, found by looking at the pictures its pages name and the folders that hold them.

A book may write `image: _din_style/banner_images/x.webp` where no `_din_style/` exists, and
keep `static/style_1/banner_images/x.webp`, `static/style_2/...`: the placeholder stands for
one of several sibling folders. `hugomat import` writes such a folder as a `path_map` list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from hugomat.errors import Location
from hugomat.pictures import lookup
from hugomat.pictures.made import MadePicture, SocialCard
from hugomat.read.book import Book
from hugomat.render.convert import convert


@dataclass(frozen=True)
class PictureRef:
    """A picture as a page names it, after a page bundle's own pictures are found beside it."""

    ref: str
    at: Location


class RecordingPictures:
    """A picture maker that draws nothing and records what it was asked to draw."""

    def __init__(self) -> None:
        self.refs: list[PictureRef] = []

    def html(self, ref: str, at: Location, *, page_url: str, alt: str, title: str | None,
             priority: bool, css_class: str | None, toc: bool) -> MadePicture:
        self.refs.append(PictureRef(ref, at))
        return MadePicture("", {})

    def social_card(self, ref: str, at: Location, alt: str) -> SocialCard | None:
        return None


def pictures_named(book: Book) -> list[PictureRef]:
    """Every picture the book's pages name (banners, Markdown pictures, the image shortcode),
    found by the same conversion a build does; mistakes in pages are left to the build."""
    recorder = RecordingPictures()
    for page in book.pages:
        convert(page, book, pictures=recorder)
    return recorder.refs


@dataclass
class PictureSet:
    """A placeholder folder and the sibling folders it stands for, in their order."""

    folder: str
    targets: list[str]
    pictures: list[str] = field(default_factory=list)
    """The references that showed it, as written."""
    partial: dict[str, list[str]] = field(default_factory=dict)
    """Folders that hold only some of the pictures: folder -> the pictures it lacks."""


def infer(refs: Iterable[PictureRef], roots: tuple[Path, ...],
          content_dirs: tuple[Path, ...] = ()) -> list[PictureSet]:
    """The picture sets `refs` imply under `roots` (the site's assets/ and static/): a
    reference whose first folder exists in no root, whose remainder exists under one or more
    sibling folders of a root. A reference found as it is written implies nothing."""
    holders: dict[str, dict[str, list[str]]] = {}  # folder -> picture -> folders holding it
    for named in refs:
        ref = named.ref.strip()
        if lookup.is_remote(ref) or ref.startswith("data:"):
            continue
        parts = PurePosixPath(ref.replace("\\", "/").lstrip("/")).parts
        if len(parts) < 2 or ".." in parts:
            continue
        places = (*roots, *content_dirs)
        if any(_exists(place / Path(*parts)) for place in places):
            continue
        first, rest = parts[0], Path(*parts[1:])
        if any(_exists(place / first) for place in places):
            continue
        found = [name for root in roots for name in _sibling_folders(root)
                 if (root / name / rest).is_file()]
        if found:
            holding = holders.setdefault(first, {})
            holding.setdefault(ref, list(dict.fromkeys(found)))
    sets = []
    for folder, by_picture in holders.items():
        every = list(dict.fromkeys(name for found in by_picture.values() for name in found))
        targets = [name for name in every if all(name in f for f in by_picture.values())]
        partial = {name: [p for p, f in by_picture.items() if name not in f]
                   for name in every if name not in targets}
        if targets:
            sets.append(PictureSet(folder, targets, list(by_picture), partial))
    return sets


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:  # a name the file system refuses
        return False


def _sibling_folders(root: Path) -> list[str]:
    """The folders directly under `root`, in natural order (style_2 before style_10)."""
    try:
        names = [entry.name for entry in root.iterdir()
                 if entry.is_dir() and not entry.name.startswith(".")]
    except OSError:
        return []
    return sorted(names, key=_natural)


def _natural(name: str) -> tuple[tuple[int, int | str], ...]:
    return tuple((0, int(part)) if part.isdigit() else (1, part.lower())
                 for part in re.split(r"(\d+)", name) if part)


def described(picture_set: PictureSet) -> str:
    """One line saying what was inferred and from what, for mkdocs.yml and the terminal."""
    shown = ", ".join(picture_set.targets)
    example = picture_set.pictures[0]
    line = (f"pictures.path_map.{picture_set.folder}: no folder {picture_set.folder}/ exists, "
            f"while {', '.join(t + '/' for t in picture_set.targets)} each hold what "
            f"'{example}' names after it: a picture set ({shown}), each visitor shown one")
    for name, lacking in picture_set.partial.items():
        line += f"; {name}/ is left out, it lacks '{lacking[0]}'"
    return line


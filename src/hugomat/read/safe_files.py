"""What the build may read: regular, readable files really inside the site's folders.

A symlink may point anywhere, so every file the build reads or publishes (content, static
files) is resolved first: a link leaving the site's folders (content, assets, static, layouts,
data, i18n), a loop of links, a device, FIFO or socket, a file of /proc or /sys and an
unreadable file or folder are each a located error, and never read. Hugo does not follow such
links either. Links that stay inside the site's folders are followed.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from hugomat.errors import ContentError, Location

# Pseudo file systems: their "files" are the machine's state (/proc/self/environ holds the
# build's secrets), endless (/dev/zero) or block forever, and are never a book's.
SYSTEM_FOLDERS = ("/proc", "/sys", "/dev")
_UNDER_SYSTEM = tuple(folder + os.sep for folder in SYSTEM_FOLDERS)

_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


class Refused(Exception):
    """Why a path may not be read; the message reads after the path's name."""


@dataclass(frozen=True)
class Entry:
    """A path the build may read, with where it really is."""

    path: Path
    real: Path
    is_dir: bool


@dataclass(frozen=True)
class SiteFolders:
    """The folders whose files the build may read, as they really are on disk."""

    roots: tuple[Path, ...]
    display: Callable[[Path], str] = str

    @classmethod
    def of(cls, folders: Iterable[Path], display: Callable[[Path], str] = str) -> SiteFolders:
        roots = []
        for folder in folders:
            try:
                roots.append(Path(os.path.realpath(folder, strict=True)))
            except OSError:
                continue  # a folder that does not exist holds nothing to point into
        return cls(tuple(dict.fromkeys(roots)), display)

    def error(self, path: Path, message: str) -> ContentError:
        return ContentError(Location(self.display(path)), message)

    def inspect(self, path: Path) -> Entry:
        """`path` as the build may read it: a regular file or a folder inside the site's
        folders. Raises Refused otherwise."""
        try:
            real = Path(os.path.realpath(path, strict=True))
        except FileNotFoundError:
            raise Refused(f"is a link to {_target(path)}, which does not exist") from None
        except OSError as error:
            if path.is_symlink():
                raise Refused(f"is a link that cannot be followed ({error.strerror}; a "
                              "loop of links?)") from None
            raise Refused(f"cannot be read: {error.strerror}") from None
        if not any(real.is_relative_to(root) for root in self.roots):
            raise Refused(f"is a link to {real}, outside the site's folders "
                          f"({self._names()})")
        return _classify(path, real, None)

    def _names(self) -> str:
        return ", ".join(self.display(root) + "/" for root in self.roots)


def _classify(path: Path, real: Path, mode: int | None) -> Entry:
    """A folder or a readable regular file that is not the system's, or Refused. `mode` is
    the file's type when already known (from its folder's listing), else None."""
    text = str(real)
    if text in SYSTEM_FOLDERS or text.startswith(_UNDER_SYSTEM):
        system = next(s for s in SYSTEM_FOLDERS if text == s or text.startswith(s + os.sep))
        raise Refused(f"is {real}, in the system's {system}/; it is never read")
    if mode is None:
        try:
            mode = os.stat(real).st_mode
        except OSError as error:
            raise Refused(f"cannot be read: {error.strerror}") from None
    if stat.S_ISDIR(mode):
        return Entry(path, real, is_dir=True)
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _KINDS if test(mode)), "a special file")
        raise Refused(f"is {kind}, not a regular file; it is never read")
    if not _readable(real):
        raise Refused("cannot be read: permission denied")
    return Entry(path, real, is_dir=False)


@dataclass
class Folder:
    """A folder of the site and what in it may be read, sorted by name."""

    path: Path
    files: list[Path] = field(default_factory=list)
    folders: list[Folder] = field(default_factory=list)

    def walk_files(self) -> list[Path]:
        """Every file in this folder and below it."""
        found = list(self.files)
        for folder in self.folders:
            found.extend(folder.walk_files())
        return found


def scan(folder: Path, site: SiteFolders, errors: list[ContentError]) -> Folder:
    """The tree under `folder` holding only what may be read; each entry that may not is
    added to `errors`."""
    real = Path(os.path.realpath(folder))
    return _scan(folder, real, site, errors, frozenset({real}))


def _scan(folder: Path, real: Path, site: SiteFolders, errors: list[ContentError],
          chain: frozenset[Path]) -> Folder:
    found = Folder(folder)
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as error:
        errors.append(site.error(folder, f"folder cannot be read: {error.strerror}"))
        return found
    for listed in entries:
        name, path = listed.name, folder / listed.name
        try:
            # Only links are resolved: anything else is where its folder really is, and its
            # type is known from the listing (a stat only for what is neither file nor folder).
            entry = (site.inspect(path) if listed.is_symlink()
                     else _classify(path, real / name, _listed_type(listed)))
        except Refused as refusal:
            errors.append(site.error(path, f"{'folder' if _is_dir(path) else 'file'} "
                                           f"{refusal}"))
            continue
        if not entry.is_dir:
            found.files.append(path)
        elif entry.real in chain:
            # `content/docs/loop -> ..`: following it would read the same folders forever.
            errors.append(site.error(path, f"folder is a link to {site.display(entry.real)}, "
                                           "a folder that contains it (a loop of links)"))
        else:
            found.folders.append(_scan(path, entry.real, site, errors, chain | {entry.real}))
    return found


def _listed_type(listed: os.DirEntry[str]) -> int | None:
    if listed.is_dir(follow_symlinks=False):
        return stat.S_IFDIR
    return stat.S_IFREG if listed.is_file(follow_symlinks=False) else None


def _readable(path: Path) -> bool:
    return os.access(path, os.R_OK)


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def _target(path: Path) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return str(path)

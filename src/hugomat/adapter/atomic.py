"""Putting a freshly built folder in place of the old one without anybody seeing half a site."""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import re
import shutil
import signal
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hugomat.processes import alive

_RENAME_EXCHANGE = 2
LANGUAGE_STAGING = ".hugomat-"
"""How the folders where other languages are built beside the site begin."""
_AT_FDCWD = -100

log = logging.getLogger("mkdocs.plugins.hugomat")


class NotReplaceable(Exception):
    """The old folder could not be replaced whole (read-only); nothing was changed."""


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2); False where the system cannot."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name or not hasattr(os, "uname") or os.uname().sysname != "Linux":
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def replace_dir(new: Path, target: Path) -> None:
    """Make `new` be `target`; the old `target`, if any, is removed afterwards.

    A symlinked `target` is replaced at the folder it points to, so the link stays. The new
    folder gets the old one's mode (a `chmod 755` of a web root survives), or the umask's.
    """
    target = real_path(target)
    publish_modes(new, target)
    if not target.exists():
        os.replace(new, target)
        return
    if _exchange(new, target):
        _remove_old(new, target)
        return
    old = target.with_name(f"{target.name}.old-{os.getpid()}")
    os.replace(target, old)
    os.replace(new, target)
    _remove_old(old, target)


def publish_modes(new: Path, target: Path) -> None:
    """Give `new` the mode of the folder it replaces, or the umask's when there is none, and
    every folder in it that a temporary folder made private (mkdtemp's 0700, as the other
    languages' builds are) the umask's: a web server running as another user must read it."""
    folder_mode = 0o777 & ~current_umask()
    try:
        kept = stat.S_IMODE(target.stat().st_mode) if target.is_dir() else folder_mode
    except OSError:
        kept = folder_mode
    os.chmod(new, kept)
    for folder, subfolders, _ in os.walk(new):
        for name in subfolders:
            path = os.path.join(folder, name)
            if stat.S_IMODE(os.lstat(path).st_mode) == _PRIVATE:
                os.chmod(path, folder_mode)


_PRIVATE = 0o700


def current_umask() -> int:
    """The process's umask, read without changing it where Linux tells it (/proc), else set
    and set back at once."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def real_path(target: Path) -> Path:
    """Where `target` really is: a site/ that links to a web root is written there."""
    return Path(os.path.realpath(target))


def check_replaceable(target: Path) -> None:
    """Raise NotReplaceable unless the folder beside `target` and every folder inside it can
    be written: found before the build, not after the new site is already swapped in."""
    target = real_path(target)
    parent = target.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not os.access(parent, os.W_OK | os.X_OK):
        raise NotReplaceable(f"{parent} is read-only, so {target.name} cannot be replaced in it")
    if not target.is_dir():
        return
    for folder, _, _ in os.walk(target):
        if not os.access(folder, os.W_OK | os.X_OK):
            raise NotReplaceable(f"{folder} is read-only, so the old {target.name} cannot be "
                                 "removed; make it writable (chmod -R u+w) first")


def _remove_old(old: Path, target: Path) -> None:
    # The new site is in place by now: a failure here leaves a stray folder, not a broken site.
    shutil.rmtree(old, ignore_errors=True)
    if old.exists():
        log.warning(f"the new {target.name} is in place, but the old one could not be "
                    f"removed completely; delete {old} by hand")


def remove_stale(target: Path) -> None:
    """Remove the `<name>.tmp-<pid>-*` and `<name>.old-<pid>` folders, and the other
    languages' `.hugomat-<lang>-<pid>-*` ones (adapter.languages), that builds killed beside
    `target` (kill -9, a power cut) left behind; only those whose process is gone."""
    own = re.compile(rf"{re.escape(target.name)}\.(?:tmp|old)-(?P<pid>\d+)(?:-|$)"
                     rf"|{re.escape(LANGUAGE_STAGING)}.+-(?P<build>\d+)-[a-z0-9_]+$")
    try:
        entries = list(target.parent.iterdir())
    except OSError:
        return
    for entry in entries:
        match = own.match(entry.name)
        if match and entry.is_dir() and not entry.is_symlink() and not alive(
                int(match["pid"] or match["build"])):
            shutil.rmtree(entry, ignore_errors=True)


@contextmanager
def staging_dir(target: Path) -> Iterator[Path]:
    """A temporary folder beside `target` (beside the folder it links to, if a symlink),
    removed on any failure or interruption.

    SIGTERM is turned into KeyboardInterrupt while it exists, so that `kill` cleans up too.
    """
    target = real_path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(target)
    # The pid in the name tells a later build whether this folder's build is still running.
    staging = Path(tempfile.mkdtemp(prefix=f"{target.name}.tmp-{os.getpid()}-",
                                    dir=target.parent))
    previous = _raise_on_sigterm()
    try:
        yield staging
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _raise_on_sigterm() -> signal.Handlers | None:
    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        return signal.signal(signal.SIGTERM, interrupt)  # type: ignore[return-value]
    except ValueError:  # not the main thread: the caller handles its own signals
        return None

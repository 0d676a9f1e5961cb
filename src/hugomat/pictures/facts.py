"""What a build learnt about each picture source, kept between builds.

Planning a picture needs its size, whether it has alpha and the SHA-256 of its bytes (the
variants are named by it). Pillow reads a whole WebP to open it and hashing reads every byte:
for a book of 69 banners of 1 MB that is over a second per language on every build. A source
whose path, byte size and modification time (in nanoseconds) are as recorded is taken as
recorded, unread, as the picture cache takes its variants (pictures/records.py); any change
to the file changes its size or time, and then it is read again.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

VERSION = 1


@dataclass(frozen=True)
class Facts:
    width: int
    height: int
    has_alpha: bool | None = None
    """None until the source's header has been read (finding a picture reads only its size)."""
    digest: str | None = None
    """SHA-256 of the file's bytes, None until it has been hashed."""


class SourceFacts:
    """Facts by source path, checked against the file's size and modification time."""

    def __init__(self, file: Path | None = None) -> None:
        self.file = file
        self._known: dict[str, tuple[int, int, Facts]] = {}
        self._changed = False
        if file is not None:
            self._known.update(_load(file))

    def get(self, path: Path) -> Facts | None:
        known = self._known.get(str(path))
        if known is None:
            return None
        try:
            stat = path.stat()
        except OSError:
            return None
        size, mtime_ns, facts = known
        return facts if (stat.st_size, stat.st_mtime_ns) == (size, mtime_ns) else None

    def put(self, path: Path, facts: Facts, stat: os.stat_result) -> None:
        """Record `facts`, learnt from the file when it had `stat` (taken before reading)."""
        entry = (stat.st_size, stat.st_mtime_ns, facts)
        if self._known.get(str(path)) != entry:
            self._known[str(path)] = entry
            self._changed = True

    def save(self) -> None:
        """Write what changed, merged with what another process (a language's build) wrote
        meanwhile; a failure to write costs only the next build's reading."""
        if self.file is None or not self._changed:
            return
        merged = {**_load(self.file), **self._known}
        data = {"version": VERSION, "sources": {
            path: [size, mtime, f.width, f.height, f.has_alpha, f.digest]
            for path, (size, mtime, f) in sorted(merged.items())}}
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(prefix=".sources-", dir=self.file.parent)
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(data, out, separators=(",", ":"))
            os.replace(temp, self.file)
        except OSError:
            return
        self._changed = False


def _load(file: Path) -> dict[str, tuple[int, int, Facts]]:
    """The recorded facts; nothing when the file is missing, damaged or of another version."""
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        if data.get("version") != VERSION:
            return {}
        return {path: (int(size), int(mtime), Facts(int(w), int(h), alpha, digest))
                for path, (size, mtime, w, h, alpha, digest) in data["sources"].items()}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


KNOWN = SourceFacts()
"""The facts this process uses: in memory, until use() names a file to keep them in."""


def use(file: Path | None) -> SourceFacts:
    """Keep facts in `file` from now on (None: in memory only); returns the store."""
    global KNOWN
    if KNOWN.file != file:
        KNOWN = SourceFacts(file)
    return KNOWN

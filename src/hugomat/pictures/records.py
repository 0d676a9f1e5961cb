"""What the cache wrote: beside each variant, a record of its size and SHA-256.

A variant's name says what it should hold, not that the file holds it: a disk that filled up,
a copy interrupted, a cache restored from elsewhere or a hand in the folder can leave a
truncated or foreign file under the right name. The record is written before the variant,
so a variant without one was not written whole by hugomat. Once the variant is in place, the
record also notes its modification time: a variant of the recorded size and time is reused
unread, any other is read and its digest compared (a warm build of a book with 180 MB of
variants would otherwise hash them all, some 0.15 s, on every build).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

SUFFIX = ".record"
NO_RECORD = "has no record of being written whole"


def record_path(variant_path: Path) -> Path:
    return variant_path.with_name(variant_path.name + SUFFIX)


def describe(data: bytes) -> str:
    """The record of a variant's bytes: its size and SHA-256, one line."""
    return f"{len(data)} {hashlib.sha256(data).hexdigest()}\n"


def stamped(record: str, variant_path: Path) -> str:
    """`record` with the modification time of the variant now in place added."""
    return f"{record.strip()} {variant_path.stat().st_mtime_ns}\n"


def problem(variant_path: Path) -> str | None:
    """Why the variant at `variant_path` (which exists) is not the one the cache wrote, or
    None when its size and digest are those recorded."""
    try:
        size_text, digest, *stamp = record_path(variant_path).read_text("ascii").split()
        size = int(size_text)
        written_ns = int(stamp[0]) if len(stamp) == 1 else None
    except FileNotFoundError:
        return NO_RECORD
    except (OSError, ValueError, UnicodeDecodeError):
        return "has a damaged record"
    try:
        # The size first: it catches truncated and empty files without reading them.
        status = variant_path.stat()
        if status.st_size != size:
            return f"is {status.st_size:,} bytes, but {size:,} were written"
        if status.st_mtime_ns == written_ns:
            return None  # untouched since it was written whole
        data = variant_path.read_bytes()
    except OSError as error:
        return f"cannot be read: {error.strerror or error}"
    if hashlib.sha256(data).hexdigest() != digest:
        return "has other bytes than were written"
    return None

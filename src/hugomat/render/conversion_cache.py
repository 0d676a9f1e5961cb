"""Converted documents kept on disk, so that a rebuild reads and writes only what changed.

A document's Markdown is a function of its text (where it stands in its file included) and
of the answers its page gave the writer (hugomat.render.page_hooks): where links lead, what
shortcodes and pictures became, which ids headings got. An entry holds the Markdown and the
trace of those questions and answers; it is used only when asking the questions again gives
every answer again (and asking does what it did: links recorded, pictures planned), so a
changed page elsewhere in the book, a new picture or a moved heading is never missed.

Entries are named after a hash of the document, and kept in a folder named after a hash of
hugomat's own code and its parser, so that another version of hugomat never reads them
(folders of other versions are removed when the cache is opened).
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

from hugomat.render.page_hooks import Trace

PACKAGE = Path(__file__).resolve().parent.parent  # all of hugomat
# What the conversion depends on besides hugomat's own code.
_PARSER_PACKAGES = ("markdown-it-py", "latex2mathml", "PyYAML")


@dataclass(frozen=True)
class Entry:
    markdown: str
    blocks: list[tuple[str, str]]
    """Its top-level blocks: kind and first line."""
    html_ids: list[str]
    footnotes: list[int]
    trace: Trace


class ConversionCache:
    """Converted documents under `folder`, for this version of hugomat."""

    def __init__(self, folder: Path) -> None:
        version = code_version()
        self.folder = folder / version
        self._folder = str(self.folder)
        self.reused = 0
        """Documents taken from the cache (their page answered as before)."""
        self.converted = 0
        """Documents parsed and written (new, changed, or answered otherwise)."""
        if folder.is_dir():
            for other in folder.iterdir():
                if other.is_dir() and other.name != version:
                    shutil.rmtree(other, ignore_errors=True)

    def get(self, key: str) -> Entry | None:
        try:
            # A string path: this runs for every document of every build.
            with open(os.path.join(self._folder, key[:2], key), "rb") as entry:
                return Entry(*marshal.loads(entry.read()))
        except (OSError, ValueError, EOFError, TypeError):
            return None  # missing, or unreadable: converted again

    def put(self, key: str, entry: Entry) -> None:
        target = self.folder / key[:2] / key
        data = marshal.dumps((entry.markdown, entry.blocks, entry.html_ids, entry.footnotes,
                              entry.trace))
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, target)
        except OSError:
            with contextlib.suppress(OSError, UnboundLocalError):
                os.unlink(temporary)  # a full disk or a read-only cache: not kept, no harm


def document_key(text: str, positions: list[tuple[int, int, int]], maths: bool,
                 emoji: bool = False) -> str:
    """The name of a document's entry: its text, where its parts stand in the file, and
    whether the page's maths and the site's emoji codes are read."""
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass"))
    digest.update(repr((positions, maths, emoji)).encode())
    return digest.hexdigest()


@cache
def code_version() -> str:
    """A hash of hugomat's code, its parser's version and Python's (marshal's format)."""
    digest = hashlib.sha256(sys.version.encode())
    for name in _PARSER_PACKAGES:
        with contextlib.suppress(metadata.PackageNotFoundError):
            digest.update(f"{name}={metadata.version(name)}".encode())
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


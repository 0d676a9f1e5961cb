"""Picture variants placed in the site as hard links to the picture cache.

A book's variants are most of its site on disk (hundreds of MB for a few dozen banners), and
MkDocs copies every file on every build. A hard link costs no bytes and no copying; where the
file system refuses one (another device, no link support), the file is copied as before. The
cache checks each file against its record before reuse (hugomat.pictures.records), so a site
file changed in place cannot pass on damage through the shared bytes unnoticed.
"""

from __future__ import annotations

import os
import shutil
import stat

from mkdocs.structure.files import File

from hugomat.pictures.encode import FILE_MODE


class LinkedFile(File):
    """A generated file whose source is a finished file of the cache."""

    def copy_file(self, dirty: bool = False) -> None:
        if dirty and not self.is_modified():
            return
        assert self.abs_src_path is not None
        place_linked(self.abs_src_path, self.abs_dest_path)


def place_linked(source: str, output: str) -> None:
    """`output` made a hard link to the cache file `source` (a copy where links fail)."""
    try:
        # A link shares the cache file's mode: make it what a copy would have (a cache
        # written by an older hugomat holds private files).
        if stat.S_IMODE(os.stat(source).st_mode) != FILE_MODE:
            os.chmod(source, FILE_MODE)
    except OSError:
        pass  # then the link fails too, and the file is copied
    link_or_copy(source, output)


def link_or_copy(source: str, output: str) -> None:
    """`output` made a hard link to `source`, or a copy of it where links fail. Never used
    with a source file of the book: a tool that edits the site in place must not edit it."""
    os.makedirs(os.path.dirname(output), exist_ok=True)
    if os.path.lexists(output):
        os.unlink(output)
    try:
        os.link(source, output)
    except OSError:
        shutil.copyfile(source, output)


class DeferredFile(File):
    """A static file of another language's site, placed after that site has moved in: a link
    to the default language's copy of the same file (the same bytes, stored once)."""

    def copy_file(self, dirty: bool = False) -> None:
        pass

"""The theme's Jinja environments as hugomat makes them: listing its files without its hidden
folders, and keeping compiled templates between builds.

MkDocs publishes every file of the theme's folders that is not a template, finding them with
the Jinja environment's `list_templates` and then leaving out, among others, every name that
starts with a dot at any level (`.*`, `*/.*`). Material keeps its 14,000 icons in such a
folder (`.icons`): walking and then filtering them took a tenth of a second of each build of
each language. Here the theme's environment lists the same files without entering hidden
folders at all; what MkDocs publishes is unchanged (tests/test_theme_environment.py
compares).

Compiling Material's templates is some 0.7 s of every build (and of every other language's):
they are kept in a folder between builds, by each template's source checksum (Jinja's
bytecode cache), from the first environment on (Material's search makes three of its own
before the build's, to read its interface strings).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import jinja2
from mkdocs.theme import Theme


class VisibleFilesLoader(jinja2.FileSystemLoader):
    """A file system loader whose listing leaves out hidden files and folders."""

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for folder in self.searchpath:
            for current, subfolders, names in os.walk(folder, followlinks=self.followlinks):
                subfolders[:] = [name for name in subfolders if not name.startswith(".")]
                relative = os.path.relpath(current, folder)
                prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
                found.update(prefix + name for name in names if not name.startswith("."))
        return sorted(found)


def hugomat_environments(theme: Theme, compiled: Path | None) -> None:
    """The environments `theme` makes from now on list only visible files, and keep the
    templates they compile in the folder `compiled` (None, or a folder that cannot be made:
    compiled at every build, as before)."""
    if getattr(theme.get_env, "hugomat_environment", False):
        return
    make_env: Callable[[], jinja2.Environment] = theme.get_env
    bytecode_cache = None
    if compiled is not None:
        try:
            compiled.mkdir(parents=True, exist_ok=True)
            bytecode_cache = jinja2.FileSystemBytecodeCache(str(compiled))
        except OSError:
            pass

    def get_env() -> jinja2.Environment:
        env = make_env()
        loader = env.loader
        if type(loader) is jinja2.FileSystemLoader:
            env.loader = VisibleFilesLoader(loader.searchpath, encoding=loader.encoding,
                                            followlinks=loader.followlinks)
        if env.bytecode_cache is None:
            env.bytecode_cache = bytecode_cache
        return env

    get_env.hugomat_environment = True  # type: ignore[attr-defined]
    theme.get_env = get_env  # type: ignore[method-assign]

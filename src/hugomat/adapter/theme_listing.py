"""The theme's files, listed without its hidden folders.

MkDocs publishes every file of the theme's folders that is not a template, finding them with
the Jinja environment's `list_templates` and then leaving out, among others, every name that
starts with a dot at any level (`.*`, `*/.*`). Material keeps its 14,000 icons in such a
folder (`.icons`): walking and then filtering them took a tenth of a second of each build of
each language. Here the theme's environment lists the same files without entering hidden
folders at all; what MkDocs publishes is unchanged (tests/test_theme_listing.py compares).
"""

from __future__ import annotations

import os
from collections.abc import Callable

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


def list_visible_files(theme: Theme) -> None:
    """The environments `theme` makes from now on list only visible files."""
    if getattr(theme.get_env, "lists_visible_files", False):
        return
    make_env: Callable[[], jinja2.Environment] = theme.get_env

    def get_env() -> jinja2.Environment:
        env = make_env()
        loader = env.loader
        if type(loader) is jinja2.FileSystemLoader:
            env.loader = VisibleFilesLoader(loader.searchpath, encoding=loader.encoding,
                                            followlinks=loader.followlinks)
        return env

    get_env.lists_visible_files = True  # type: ignore[attr-defined]
    theme.get_env = get_env  # type: ignore[method-assign]

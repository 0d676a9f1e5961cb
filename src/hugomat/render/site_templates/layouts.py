"""Where a Hugo site's own layouts are: the site's folder, its layouts/ and those of its
themes other than hugo-book. Light on purpose: the Go template interpreter is imported only
for a site that has templates (hugomat.render.site_templates.catalog)."""

from __future__ import annotations

import re
from pathlib import Path

from hugomat.errors import ContentError

SHORTCODE_FOLDERS = ("shortcodes", "_shortcodes")
PARTIAL_FOLDERS = ("partials", "_partials")
# Themes whose shortcodes hugomat draws itself.
OWN_THEMES = ("hugo-book",)


def hugo_site_root(project: Path, content_dir: Path) -> Path:
    """The Hugo site's folder: the project's (where mkdocs.yml is) when the site is there,
    else the nearest folder above the content folder with a Hugo configuration (`hugomat
    import --out` writes mkdocs.yml away from the site), else the project's."""
    from hugomat.read import hugo_config

    if (project / "layouts").is_dir() or hugo_config.find(project) is not None:
        return project
    for folder in content_dir.resolve().parents:
        if hugo_config.find(folder) is not None:
            return folder
    return project


def layout_dirs(root: Path) -> tuple[Path, ...]:
    """The site's layouts/, then those of the themes its Hugo configuration names (other
    than hugo-book, whose shortcodes hugomat draws itself)."""
    dirs = [root / "layouts"]
    from hugomat.read import hugo_config

    if hugo_config.find(root) is not None:
        try:
            theme = hugo_config.read(root).data.get("theme")
        except ContentError:
            theme = None
        names = [theme] if isinstance(theme, str) else theme if isinstance(theme, list) else []
        dirs += [root / "themes" / str(name) / "layouts" for name in names
                 if not is_hugo_book(root / "themes" / str(name))]
    return tuple(d for d in dirs if d.is_dir())


def is_hugo_book(theme: Path) -> bool:
    """Whether a theme folder holds hugo-book (under any name: sites vendor it as
    `hugo-book-9`, `book`...): its theme.toml names it "Book"."""
    if theme.name in OWN_THEMES:
        return True
    try:
        text = (theme / "theme.toml").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(r'^name\s*=\s*["\']Book["\']', text, re.MULTILINE) is not None


def layout_files(dirs: tuple[Path, ...]) -> tuple[str, ...]:
    """Every template file under `dirs` (layout_dirs), sorted."""
    return tuple(sorted(str(p) for d in dirs for p in d.rglob("*.html") if p.is_file()))

"""Which folders hugomat may write a site or an ejected book into (`build -d`, `deploy --to`,
`eject --out`).

Writing a site replaces the whole folder, so hugomat never writes into the project, its
sources or a folder holding them, and writes into a non-empty folder only when it wrote that
folder itself (or is told to with --force).
"""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from hugomat.adapter.failures import UsageError
from hugomat.adapter.site_options import site_options
from hugomat.read.source import display

# Written into every site and every ejected book: the folder is hugomat's to replace.
SITE_MARK = ".hugomat-site"
EJECT_MARK = ".hugomat-eject"
SITE_MARK_TEXT = "Built by hugomat: `hugomat build` replaces everything in this folder.\n"
EJECT_MARK_TEXT = "Written by `hugomat eject`, which rewrites this folder.\n"
# What every MkDocs build with Material writes: a site built before the mark existed.
_PLAIN_SITE_FILES = ("sitemap.xml", "404.html")
_PLAIN_SITE_FOLDERS = ("assets",)
# The first line of a mkdocs.yml that `hugomat eject` wrote before the mark existed.
_EJECTED_CONFIG_HEAD = "# Written by `hugomat eject`"
# Folders of a Hugo project that hold sources, whether or not mkdocs.yml names them.
SOURCE_FOLDERS = ("content", "assets", "static", "layouts", "data", "i18n", "archetypes",
                  "src", ".git")
PROJECT = "the project"


class Kind(Enum):
    SITE = "a built site"
    EJECTED = "an ejected book"


class UnsafeFolder(UsageError):
    """The folder asked for holds sources, or things hugomat did not write (exit code 2)."""


def project_folder(config_file: str | None) -> Path:
    """The project folder, known before mkdocs.yml is read (MkDocs looks for ./mkdocs.yml
    when no file is named), so that `-d .` is refused in these words, not MkDocs'."""
    return Path(config_file).resolve().parent if config_file else Path.cwd()


def project_sources(project: Path) -> dict[Path, str]:
    """The project folder and the folders any Hugo project keeps its sources in, each with
    what it is."""
    found = {project: PROJECT}
    found.update((project / name, "a source folder") for name in SOURCE_FOLDERS)
    return found


def book_sources(config: MkDocsConfig) -> dict[Path, str]:
    """Everything the book is made of as mkdocs.yml names it, and the project_sources."""
    options = site_options(config)
    found = project_sources(Path(config.config_file_path).parent)
    found.update(project_sources(options.root))
    for folder in (options.content_dir, *options.content_dirs):
        found[folder] = "a content folder"
    for folder in (*options.asset_dirs, *options.static_dirs):
        found[folder] = "a picture or static folder"
    if config.theme.custom_dir:
        found[Path(config.theme.custom_dir)] = "the template overrides"
    return found


def refuse_unsafe(target: Path, sources: dict[Path, str], *, option: str, kind: Kind,
                  force: bool) -> None:
    """Raise UnsafeFolder when writing `kind` into `target` could destroy something.

    The sources and any folder holding them are refused even with --force; a non-empty
    folder that hugomat did not write is refused unless `force`.
    """
    refuse_sources(target, sources, option=option, kind=kind)
    shown = f"{option} {target}"
    real = Path(os.path.realpath(target))
    if real.exists() and not real.is_dir():
        raise UnsafeFolder(f"{shown}: that is a file, not a folder")
    if force or not real.is_dir() or written_by_hugomat(real, kind) or not any(real.iterdir()):
        return
    mark = SITE_MARK if kind is Kind.SITE else EJECT_MARK
    raise UnsafeFolder(f"{shown}: that folder is not empty and does not look like "
                       f"{kind.value} hugomat wrote (it has no {mark}); writing there replaces "
                       "everything in it. Choose an empty folder, or use --force to replace "
                       "it anyway.")


def refuse_sources(target: Path, sources: dict[Path, str], *, option: str, kind: Kind) -> None:
    """Raise UnsafeFolder when `target` is one of `sources`, holds one or is inside one."""
    shown = f"{option} {target}"
    real = Path(os.path.realpath(target))
    for path, what in sources.items():
        source = Path(os.path.realpath(path))
        if source.is_relative_to(real):
            relation = "is" if source == real else "holds"
            raise UnsafeFolder(f"{shown}: that folder {relation} {what} ({display(path)}); "
                               f"writing {kind.value} there would delete it. Choose another "
                               "folder.")
        # Inside a source folder it would be read back as sources (site/ is inside the
        # project, which is fine).
        if what != PROJECT and real.is_relative_to(source):
            raise UnsafeFolder(f"{shown}: that folder is inside {what} ({display(path)}); "
                               f"writing {kind.value} there would mix it into the sources and "
                               "could delete some. Choose another folder.")


def written_by_hugomat(folder: Path, kind: Kind) -> bool:
    if kind is Kind.SITE:
        return (folder / SITE_MARK).is_file() or (
            all((folder / name).is_file() for name in _PLAIN_SITE_FILES)
            and all((folder / name).is_dir() for name in _PLAIN_SITE_FOLDERS))
    if (folder / EJECT_MARK).is_file():
        return True
    # One language's book in the folder itself, or one per language in its subfolders.
    configs = [folder / "mkdocs.yml", *folder.glob("*/mkdocs.yml")]
    return any(_ejected_config(path) for path in configs)


def mark(folder: Path, kind: Kind) -> None:
    """Leave the mark by which a later run knows `folder` as one it may replace."""
    if kind is Kind.SITE:
        (folder / SITE_MARK).write_text(SITE_MARK_TEXT, encoding="utf-8")
    else:
        (folder / EJECT_MARK).write_text(EJECT_MARK_TEXT, encoding="utf-8")


def _ejected_config(path: Path) -> bool:
    try:
        with path.open(encoding="utf-8") as file:
            return file.readline().startswith(_EJECTED_CONFIG_HEAD)
    except (OSError, UnicodeDecodeError):
        return False


"""Shared test helpers: small hugomat projects made in a temporary folder."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from site_configs import MINIMAL_MKDOCS_YML


def write_project(root: Path, pages: dict[str, str], *, config: str = MINIMAL_MKDOCS_YML,
                  files: dict[str, bytes] | None = None) -> Path:
    """A project folder with mkdocs.yml, the given content pages and other files."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    for rel, text in pages.items():
        path = root / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    for rel, data in (files or {}).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A factory: project(pages, config=..., files=...) -> project folder, made the working
    folder so that messages name paths as a person running hugomat there sees them."""

    def make(pages: dict[str, str], **kwargs) -> Path:
        root = write_project(tmp_path / "book", pages, **kwargs)
        monkeypatch.chdir(root)
        return root

    return make

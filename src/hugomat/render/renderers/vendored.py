"""Browser libraries that other Python packages ship, found on disk without importing them.

The site serves them itself: nothing is fetched from a CDN when a reader opens a page.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

PACKAGE_ASSETS = Path(__file__).resolve().parents[2] / "assets"
"""hugomat's own style sheet and scripts."""


@dataclass(frozen=True)
class Library:
    """A file of a browser library inside an installed Python package."""

    package: str
    """The importable name of the package that ships it."""
    relative: str
    """The file's path inside that package."""
    site_path: str
    """Where the site serves it."""

    def path(self) -> Path | None:
        """The file on disk, or None when the package is not installed."""
        spec = importlib.util.find_spec(self.package)
        if spec is None or not spec.submodule_search_locations:
            return None
        candidate = Path(next(iter(spec.submodule_search_locations))) / self.relative
        return candidate if candidate.is_file() else None


# Mermaid's own browser bundle (mermaid.min.js 11.16.0, MIT), as the mermaidx package ships it.
MERMAID = Library("mermaidx", "assets/mermaid.js", "assets/hugomat/mermaid/mermaid.min.js")
# asciinema-player 3 (Apache-2.0), as the mkdocs-asciinema-player package ships it; only its
# files are used, never the MkDocs plugin around them.
ASCIINEMA_JS = Library("mkdocs_asciinema_player", "assets/asciinema-player.min.js",
                       "assets/hugomat/asciinema/asciinema-player.min.js")
ASCIINEMA_CSS = Library("mkdocs_asciinema_player", "assets/asciinema-player.css",
                        "assets/hugomat/asciinema/asciinema-player.css")

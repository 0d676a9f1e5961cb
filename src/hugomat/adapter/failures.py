"""How a command fails: what the command line or mkdocs.yml got wrong (exit 2), or a build
that stopped after logging why (exit 1)."""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from hugomat.errors import ContentError


class UsageError(Exception):
    """The command or mkdocs.yml is wrong, not the content (exit code 2)."""


class BuildFailed(Exception):
    """The build stopped; what went wrong has been logged (exit code 1)."""


class ContentBuildError(PluginError):
    """Content mistakes, one `path:line:col: message` per line (exit code 1)."""

    def __init__(self, errors: list[ContentError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors

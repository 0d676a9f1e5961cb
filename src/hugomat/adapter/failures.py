"""How a command fails: what the command line or mkdocs.yml got wrong (exit 2), or a build
that stopped after logging why (exit 1)."""


class UsageError(Exception):
    """The command or mkdocs.yml is wrong, not the content (exit code 2)."""


class BuildFailed(Exception):
    """The build stopped; what went wrong has been logged (exit code 1)."""

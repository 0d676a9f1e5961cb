"""mkdocs.yml loaded for a command, or for another language's build in a worker."""

from __future__ import annotations

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError

from hugomat.adapter.config import options_problem
from hugomat.adapter.config_file import config_file_problem
from hugomat.adapter.failures import UsageError


def load(config_file: str | None, *, strict: bool = False, drafts: bool = False,
         site_dir: str | None = None, dev_addr: str | None = None,
         site_url: str | None = None) -> MkDocsConfig:
    """mkdocs.yml with the command line's choices applied to MkDocs and to the plugin."""
    overrides: dict[str, object] = {"strict": strict}
    if site_dir is not None:
        overrides["site_dir"] = site_dir
    if site_url is not None:
        overrides["site_url"] = site_url
    if dev_addr is not None:
        overrides["dev_addr"] = dev_addr
    # The plugin's options first: one located line (MkDocs would say it in two, unlocated).
    problem = config_file_problem(config_file) or options_problem(config_file)
    if problem is not None:
        raise UsageError(problem)
    try:
        config = load_config(config_file, **overrides)
    except (Abort, ConfigurationError) as error:
        raise UsageError(str(error)) from None
    except OSError as error:  # a file it INHERITs from, say
        raise UsageError(f"{error.filename}: cannot be read: {error.strerror}") from None
    plugin = config.plugins.get("hugomat")
    if plugin is None:
        raise UsageError(f"{config.config_file_path}: the 'hugomat' plugin is not listed "
                         f"under plugins:")
    plugin.config.strict = plugin.config.strict or strict
    plugin.config.drafts = plugin.config.drafts or drafts
    return config

"""The plugin's options in mkdocs.yml, declared and validated with MkDocs' own config classes."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class HugomatConfig(Config):
    content_dir = c.Optional(c.Type(str))
    """The Hugo content folder; by default MkDocs' docs_dir."""
    asset_dirs = c.ListOfItems(c.Type(str), default=["assets", "static"])
    """Folders pictures are looked up in, in order (Hugo's assets/ and static/)."""
    book_section = c.Type(str, default="docs")
    """The content folder drawn as the menu; '*' for the whole content folder."""
    strict = c.Type(bool, default=False)
    """Turn content warnings (unknown shortcodes, wrong arguments) into errors."""
    drafts = c.Type(bool, default=False)
    """Build pages whose front matter says draft: true."""
    cache_dir = c.Type(str, default=".cache/hugomat")

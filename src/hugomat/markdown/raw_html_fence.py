"""Raw-HTML fences: a fenced block of the language `hugomat-raw-html` goes into the page as it
is, at any depth (a list item, a quote), open tags and all.

pymdownx.superfences calls `format_raw_html` for such a fence. This file imports nothing from
hugomat: `hugomat eject` copies it beside an ejected book as an MkDocs hook, whose
`on_config` adds the fence, so that the book builds with stock MkDocs.
"""

from __future__ import annotations

import re
from typing import Any

RAW_FENCE = "hugomat-raw-html"


def format_raw_html(source: str, language: str, css_class: str, options: dict[str, Any],
                    md: Any, **kwargs: Any) -> str:
    """The HTML as it is.

    Python-Markdown wraps HTML that does not start with a block-level element in `<p>`; an
    empty comment before it is block-level and invisible, so that does not happen.
    """
    # Python-Markdown strips the page it makes of white space, Unicode's too: a no-break
    # space ending the page would go, where a reference to it stays.
    kept = source.rstrip()
    source = kept + "".join(c if c in " \t\n\r\f\v" else f"&#{ord(c)};"
                            for c in source[len(kept):])
    # The test Python-Markdown makes of stashed HTML before it takes the <p> away.
    first = re.match(r"^<\/?([^ >]+)", source)
    if first and (first.group(1)[0] in "!?@%" or md.is_block_level(first.group(1))):
        return source
    return "<!---->" + source


def superfence() -> dict[str, Any]:
    """The fence as it goes into pymdownx.superfences' `custom_fences`."""
    return {"name": RAW_FENCE, "class": RAW_FENCE, "format": format_raw_html}


def on_config(config: Any) -> Any:
    """As an MkDocs hook: add the fence to pymdownx.superfences."""
    options = config.mdx_configs.setdefault("pymdownx.superfences", {})
    fences = options.setdefault("custom_fences", [])
    if not any(fence.get("name") == RAW_FENCE for fence in fences):
        fences.append(superfence())
    return config

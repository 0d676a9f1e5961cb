"""What a page refers to, recorded by the one parse with where it was written."""

from __future__ import annotations

import re
from dataclasses import dataclass

from hugomat.errors import Location


@dataclass(frozen=True)
class Reference:
    """A link (or a relref's target) of a page, as the author wrote it."""

    kind: str
    """'link' (Markdown link, autolink, bare URL) or 'relref' (the shortcode's target)."""
    target: str
    location: Location


# An id="..." (or name="...", which anchors also reach) in a tag of raw HTML.
_HTML_ID = re.compile(r"<[A-Za-z][^>]*?\s(?:id|name)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))")


def html_ids(html: str) -> list[str]:
    """The ids raw HTML gives elements, which links can name as anchors."""
    if "id" not in html and "name" not in html:
        return []
    return [next(g for g in m.groups() if g is not None) for m in _HTML_ID.finditer(html)]

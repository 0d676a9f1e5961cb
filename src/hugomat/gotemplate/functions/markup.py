"""Safe types, HTML escaping and the URL helpers that need no site (urlize, anchorize)."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from ..values import SafeCSS, SafeHTML, SafeHTMLAttr, SafeJS, SafeURL, go_str

_TAG = re.compile(r"<[^>]*>")


def _s(value: Any) -> str:
    return "" if value is None else go_str(value)


def html_escape(value: Any) -> str:
    """html.EscapeString: < > & ' " (Hugo's htmlEscape)."""
    return _s(value).replace("&", "&amp;").replace("'", "&#39;").replace("<", "&lt;") \
        .replace(">", "&gt;").replace('"', "&#34;")


def plainify(value: Any) -> str:
    """Tags removed; line breaks become spaces, `</p>`, `<br>` and `<br />` line breaks."""
    text = _s(value).replace("\n", " ")
    text = text.replace("</p>", "\n").replace("<br>", "\n").replace("<br />", "\n")
    return _TAG.sub("", text)


def anchorize(value: Any) -> str:
    """A heading id as Hugo (GitHub style) makes it."""
    out = []
    for char in _s(value).strip().lower():
        if char.isalnum() or char in "-_":
            out.append(char)
        elif char.isspace():
            out.append("-")
    return "".join(out)


def urlize(value: Any) -> str:
    """A path segment as Hugo's urlize makes it: lower case, spaces to '-', escaped."""
    text = _s(value).strip().lower()
    out = []
    for char in text:
        if char.isspace():
            out.append("-")
        elif char.isalnum() or char in "./\\_-#+~":
            out.append(char)
    cleaned = unicodedata.normalize("NFC", "".join(out))
    return quote(cleaned, safe="/#+~-._")


def functions() -> dict[str, Callable[..., Any]]:
    return {
        "safeHTML": lambda v: SafeHTML(_s(v)), "safe.HTML": lambda v: SafeHTML(_s(v)),
        "safeURL": lambda v: SafeURL(_s(v)), "safe.URL": lambda v: SafeURL(_s(v)),
        "safeHTMLAttr": lambda v: SafeHTMLAttr(_s(v)),
        "safe.HTMLAttr": lambda v: SafeHTMLAttr(_s(v)),
        "safeCSS": lambda v: SafeCSS(_s(v)), "safe.CSS": lambda v: SafeCSS(_s(v)),
        "safeJS": lambda v: SafeJS(_s(v)), "safe.JS": lambda v: SafeJS(_s(v)),
        "htmlEscape": html_escape, "transform.HTMLEscape": html_escape,
        "htmlUnescape": lambda v: html.unescape(_s(v)),
        "transform.HTMLUnescape": lambda v: html.unescape(_s(v)),
        "plainify": plainify, "transform.Plainify": plainify,
        "anchorize": anchorize, "urls.Anchorize": anchorize,
        "urlize": urlize, "urls.URLize": urlize,
    }

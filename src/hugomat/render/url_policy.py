"""Which URLs the site may link to, and URLs made safe to write into HTML.

A link's scheme decides what the browser does with it: `javascript:` and `vbscript:` run
code on the site's origin, `data:` shows a document the site never served. Content, front
matter and mkdocs.yml may link to other sites (http, https, ftp: linkify makes links of bare
`ftp://` addresses), to mail and telephones (mailto, tel) and to paths of the site
(relative, site-absolute, `#anchor`); a picture may also be a raster `data:` image, as
Goldmark's own safe-URL rule allows. Any other scheme is refused where it is written.
"""

from __future__ import annotations

import re

ALLOWED_SCHEMES = ("http", "https", "ftp", "mailto", "tel")
# Pictures shown in <img>, where no script runs: the raster types Goldmark lets through.
_DATA_PICTURE = re.compile(r"data:image/(?:png|gif|jpeg|webp);", re.IGNORECASE)

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
# What a browser skips when it reads a URL (WHATWG URL parsing): spaces and control
# characters at the start, tabs and line breaks anywhere. `java\tscript:` is `javascript:`.
_SKIPPED_AT_START = re.compile(r"^[\x00-\x20]+")
_SKIPPED_ANYWHERE = re.compile(r"[\t\n\r]")
# What could end the attribute or the script string a URL is written into.
_UNSAFE_IN_HTML = re.compile(r"[\x00-\x20\x7f\"'<>\\`]")


def refused_scheme(url: str, *, picture: bool = False) -> str | None:
    """The scheme of `url` ('javascript') when links (or, with `picture`, pictures) may not
    use it; None for an allowed scheme and for a URL without one (a path, an #anchor)."""
    seen = _SKIPPED_ANYWHERE.sub("", _SKIPPED_AT_START.sub("", url))
    match = _SCHEME.match(seen)
    if match is None or (picture and _DATA_PICTURE.match(seen)):
        return None
    scheme = match[1].lower()
    return None if scheme in ALLOWED_SCHEMES else scheme


def refusal(what: str, url: str, scheme: str) -> str:
    """The message for a refused URL: `what` names where it was written ('bookHref')."""
    return (f"{what} '{url}' uses the scheme '{scheme}:', which the site does not link to "
            f"(allowed: {', '.join(ALLOWED_SCHEMES)}, or a path of the site)")


def url_for_html(url: str) -> str:
    """`url` (already of an allowed scheme) with quotes, angle brackets, backslashes, back
    ticks and spaces percent-encoded: written as they are into an attribute or into the
    script string of Material's redirect page, they would end it."""
    return _UNSAFE_IN_HTML.sub(
        lambda m: "".join(f"%{byte:02X}" for byte in m[0].encode()), url.strip())

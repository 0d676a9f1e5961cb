"""URL helpers that need no site: urls.Parse (Go's url.URL), urls.JoinPath, humanize."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

from ..errors import FunctionError
from ..values import go_str


class GoURL:
    """Go's url.URL: the fields and methods templates read."""

    def __init__(self, text: str) -> None:
        if re.search(r"%(?![0-9A-Fa-f]{2})", text):
            raise FunctionError(f'parse "{text}": invalid URL escape')
        parts = urlsplit(text)
        self.text = text
        self.Scheme = parts.scheme
        self.Host = parts.netloc.rpartition("@")[2]
        self.Path = unquote(parts.path)  # Go's Path is decoded; EscapedPath is not
        self._raw_path = parts.path
        self.RawQuery = parts.query
        self.Fragment = parts.fragment
        self.Opaque = ""
        self.User = parts.netloc.rpartition("@")[0] if "@" in parts.netloc else None

    def __str__(self) -> str:
        return self.text

    def IsAbs(self) -> bool:
        return self.Scheme != ""

    def Hostname(self) -> str:
        host = self.Host
        if host.startswith("["):
            return host[1:host.find("]")]
        return host.rpartition(":")[0] if ":" in host else host

    def Port(self) -> str:
        host = self.Host.rpartition("]")[2]
        return host.rpartition(":")[2] if ":" in host else ""

    def Query(self) -> dict[str, list[str]]:
        return parse_qs(self.RawQuery, keep_blank_values=True)

    def EscapedPath(self) -> str:
        return self._raw_path or quote(self.Path, safe="/:@!$&'()*+,;=-._~")

    def RequestURI(self) -> str:
        uri = self.EscapedPath() or "/"
        return uri + ("?" + self.RawQuery if self.RawQuery else "")

    def String(self) -> str:
        return self.text


def parse_url(value: Any) -> GoURL:
    return GoURL(go_str(value))


def join_path(*elements: Any) -> str:
    """urls.JoinPath: elements joined with single slashes, `..` resolved, a trailing slash kept."""
    flat: list[str] = []
    for element in elements:
        flat.extend(go_str(e) for e in element) if isinstance(element, (list, tuple)) \
            else flat.append(go_str(element))
    if not flat:
        raise FunctionError("no elements to join")
    base = urlsplit(flat[0])
    prefix = f"{base.scheme}://{base.netloc}" if base.scheme else ""
    path = "/".join([base.path if base.scheme else flat[0], *flat[1:]])
    trailing = path.endswith("/")
    cleaned = posixpath.normpath("/" + path if prefix else path).replace("//", "/")
    if cleaned == ".":
        cleaned = ""
    if trailing and not cleaned.endswith("/"):
        cleaned += "/"
    return prefix + cleaned


def humanize(value: Any) -> str:
    """inflect.Humanize: `my-first_post` -> `My first post`; numbers become ordinals."""
    text = go_str(value)
    if re.fullmatch(r"-?\d+", text):
        number = int(text)
        suffix = "th" if 10 <= abs(number) % 100 <= 20 else \
            {1: "st", 2: "nd", 3: "rd"}.get(abs(number) % 10, "th")
        return f"{number}{suffix}"
    words = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", text).replace("-", " ").replace("_", " ")
    words = " ".join(words.split()).lower()
    return words[:1].upper() + words[1:]


def functions() -> dict[str, Callable[..., Any]]:
    return {"urls.Parse": parse_url, "urls.JoinPath": join_path, "humanize": humanize,
            "inflect.Humanize": humanize}

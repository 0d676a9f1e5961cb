"""Goldmark's linkify as a markdown-it-py inline rule, with Hugo's settings.

Goldmark links bare ``http://``, ``https://`` and ``ftp://`` URLs, ``www.`` host names (Hugo
writes them as ``https://www...``) and email addresses (``mailto:``). It only looks for one at
the head of a line, right after an inline node (emphasis or strikethrough delimiter, code span,
link, typographer substitution, ...) or right after a space, ``(`` or a ``~`` that opened no
strikethrough; never inside a link label, image alt text included, nor after an unmatched
``[`` of the same block. It trims the end of what its patterns matched: first any ``?!.,:*_~``,
then unbalanced ``)`` or a final ``&name;``.
"""

from __future__ import annotations

import html
import re

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from .typographer import (
    NODE_END_ATTR,
    ensure_alt_text_source,
    ensure_goldmark_text,
    in_alt_text,
    is_escaped,
    mark_node_end,
)

# Goldmark's own patterns (Hugo sets none), anchored where the match must start.
_HOST = r"[-a-zA-Z0-9@:%._+~#=]{1,256}\.[a-z]+"
_URL = re.compile(
    r"(?:http|https|ftp)://" + _HOST + r"(?::[0-9]+)?"
    r"""(?:[/#?][-a-zA-Z0-9@:%_+.~#$!?&/=();,'">^{}\[\]`]*)?""",
    re.ASCII,
)
_WWW = re.compile(
    r"www\." + _HOST + r"""(?:[/#?][-a-zA-Z0-9@:%_+.~#!?&/=();,'">^{}\[\]`]*)?""",
    re.ASCII,
)
_EMAIL_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+\-./=?^_`{|}~]+@")
_EMAIL_DOMAIN = re.compile(
    r"[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
    r"(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*"
)
_URL_PREFIXES = ("http:", "https:", "ftp:")
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_TRAILING = frozenset("?!.,:*_~")
# Hugo's `linkifyProtocol`: what replaces Goldmark's "http" before a bare www. host.
_WWW_PROTOCOL = "https://"

# How many `[` of the current block no `]` has closed yet (Goldmark's open link labels).
_OPEN_LABELS_ATTR = "_goldmark_open_labels"


def _trim_unbalanced_end(src: str, start: int, end: int) -> int:
    """Goldmark's last trim: unbalanced ``)`` or a final entity-like ``&name;``.

    Goldmark 1.8.6 does this once, after stripping trailing punctuation, so punctuation that
    it uncovers stays in the link (``(http://x.org/a.)`` links ``http://x.org/a.``).
    """
    last = src[end - 1]
    if last == ")":
        match = src[start:end]
        unbalanced = match.count(")") - match.count("(")
        # As many characters go as there are unbalanced `)`, whatever they are.
        return end - unbalanced if unbalanced > 0 else end
    if last == ";":
        i = end - 2
        while i > start and src[i] in _ALNUM:
            i -= 1
        if i != end - 2 and src[i] == "&":
            return i
    return end


def _url_end(src: str, pos: int) -> tuple[int, bool] | None:
    """End of the URL or www. host name at ``pos``, and whether it was a bare www. host."""
    found = None
    if src.startswith(_URL_PREFIXES, pos):
        found = _URL.match(src, pos)
    www = False
    if found is None and src.startswith("www.", pos):
        found = _WWW.match(src, pos)
        www = True
    if found is None:
        return None
    return found.end(), www


def _email_end(src: str, pos: int) -> int | None:
    """End of the email address at ``pos`` (goldmark's FindEmailIndex and its checks)."""
    local = _EMAIL_LOCAL.match(src, pos)
    if local is None:
        return None
    at = local.end() - 1
    domain = _EMAIL_DOMAIN.match(src, at + 1)
    if domain is None:
        return None
    end = domain.end()
    # A dot before the domain's last character, and no `-` or `_` right after it.
    if "." not in src[at : end - 1] or src[end : end + 1] in ("-", "_"):
        return None
    return end


def _strip_trailing(src: str, start: int, end: int) -> int:
    """Goldmark's first trim: punctuation that rarely ends a URL, keeping the first character."""
    while end - 1 > start and src[end - 1] in _TRAILING:
        end -= 1
    return end


def _may_start_here(state: StateInline, pos: int) -> bool:
    """Whether Goldmark would try linkify at ``pos``: a line head, after a space, an unescaped
    ``(``, ``~`` or backtick, or right after an inline node."""
    if pos == 0:
        return True
    src = state.src
    prev = src[pos - 1]
    if prev in " \n":
        return True
    # `(` and a `~` that opened nothing trigger linkify; an unmatched backtick run is a
    # text node to Goldmark, while markdown-it leaves it in the pending text.
    if prev in "(~`":
        return not is_escaped(src, pos - 1)
    if state.__dict__.get(NODE_END_ATTR) == pos:
        return True
    if state.pending:
        return False
    tokens = state.tokens
    # An escape or entity is text to Goldmark, not a node.
    return bool(tokens) and tokens[-1].type != "text_special"


# Characters that Goldmark's inline parsers fire on.
_GOLDMARK_TRIGGERS = frozenset("'\"-.,<>*_~()[]!`")


def _shows_stale_backslash(src: str, start: int, end: int) -> bool:
    """A Goldmark quirk: a space after a backslash triggers linkify while the backslash's
    "escape the next character" is still pending. If the link is followed by a backslash,
    that one is taken as the escaped character and shows, before a character that Goldmark's
    parsers then read as unescaped."""
    return (
        src.startswith("\\", end)
        and src[end + 1 : end + 2] in _GOLDMARK_TRIGGERS
        and src.startswith("\\ ", start - 2)
        and not is_escaped(src, start - 2)
    )


def _in_link_label(state: StateInline) -> bool:
    # `state.level` counts markdown links being tokenized; `linkLevel` would also count raw
    # `<a>` tags, inside which Goldmark still links.
    return state.level > 0 or state.__dict__.get(_OPEN_LABELS_ATTR, 0) > 0 or in_alt_text(state)


def _push_link(state: StateInline, href: str, label: str) -> None:
    token = state.push("link_open", "a", 1)
    token.attrs = {"href": href}
    token.markup = "linkify"
    token.info = "auto"
    token = state.push("text", "", 0)
    token.content = label
    token = state.push("link_close", "a", -1)
    token.markup = "linkify"
    token.info = "auto"


# What Go's URL normalizer escapes: all but letters, digits, URL delimiters and `%xx`.
_URL_ESCAPED = re.compile(r"[^A-Za-z0-9!#$&*+,/:;=?@\[\]\-._~%]+|%(?![0-9A-Fa-f]{2})")


def _percent_encode(found: re.Match[str]) -> str:
    return "".join(f"%{byte:02x}" for byte in found.group().encode("utf-8", "surrogatepass"))


def hugo_href(url: str) -> str:
    """The destination as Hugo's link render hook writes it (Go's html/template normalizes a
    URL attribute: it percent-encodes anything but ASCII letters, digits and URL delimiters,
    and keeps existing escapes)."""
    return _URL_ESCAPED.sub(_percent_encode, url)


def linkify(state: StateInline, silent: bool) -> bool:
    """Goldmark's linkify at ``state.pos``; it runs before the text rule."""
    pos = state.pos
    src = state.src
    if silent or src[pos] not in _ALNUM:
        return False
    if not _may_start_here(state, pos) or _in_link_label(state):
        return False
    url = _url_end(src, pos)
    if url is not None:
        end, www = url
        email = False
    else:
        email_end = _email_end(src, pos)
        if email_end is None:
            return False
        end, www, email = email_end, False, True
    end = _trim_unbalanced_end(src, pos, _strip_trailing(src, pos, end))
    label = src[pos:end]
    if www:
        href = _WWW_PROTOCOL + label
    elif email:
        href = "mailto:" + label
    else:
        href = label
    # Hugo's render hook writes the label as HTML: an entity in it shows as its character.
    _push_link(state, hugo_href(href), html.unescape(label))
    state.pos = end
    mark_node_end(state)
    if _shows_stale_backslash(src, pos, end):
        state.append_pending("\\")
        state.pos += 1
    return True


def link_label_brackets(state: StateInline, silent: bool) -> bool:
    """Count the ``[`` that opened no link, as Goldmark keeps them open until a ``]``."""
    src = state.src
    pos = state.pos
    ch = src[pos]
    if silent:
        return False
    if ch == "[" or (ch == "!" and src.startswith("[", pos + 1)):
        length = 1 if ch == "[" else 2
        state.__dict__[_OPEN_LABELS_ATTR] = state.__dict__.get(_OPEN_LABELS_ATTR, 0) + 1
    elif ch == "]" and state.__dict__.get(_OPEN_LABELS_ATTR, 0) > 0:
        length = 1
        state.__dict__[_OPEN_LABELS_ATTR] -= 1
    else:
        return False
    state.append_pending(src[pos : pos + length])
    state.pos += length
    return True


def install(md: MarkdownIt) -> None:
    """Link bare URLs, www. host names and email addresses as Goldmark does in Hugo."""
    ensure_goldmark_text(md)
    ensure_alt_text_source(md)
    names = md.inline.ruler.get_all_rules()
    if "goldmark_linkify" not in names:
        # First: the text rule would otherwise swallow the head of a URL.
        md.inline.ruler.before("text", "goldmark_linkify", linkify)
    if "goldmark_link_label_brackets" not in names:
        # Last: only a `[` or `]` that no other rule took is an open or closed label.
        md.inline.ruler.push("goldmark_link_label_brackets", link_label_brackets)

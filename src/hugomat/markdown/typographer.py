"""Goldmark's typographer as markdown-it-py inline rules, and what the three Goldmark inline
modules (typographer, linkify, strikethrough) share: Goldmark's character classes, its delimiter
flanking, the source a rule looks at, and a text rule that stops where Goldmark's parsers fire.

Goldmark (as Hugo 0.168 configures it) turns ``'`` and ``"`` into curly quotes or apostrophes,
``--`` into an en dash, ``---`` into an em dash, ``...`` into an ellipsis and ``<<``/``>>`` into
angle quotes. It has no ``(c)``-style replacements. Quotes are decided one character at a time,
from the flanking of the quote run with the neighbouring source characters, a few look-ahead
special cases (decades, contractions, possessives) and a count of quotes still open. That count
is never reset inside a document (Goldmark's reset hook is never called), so it runs across
paragraphs, headings and table cells: it is kept in ``env``, one per ``md.parse``.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

# ---------------------------------------------------------------------------------------------
# Goldmark's character classes (Go's `unicode` package and goldmark/util)
# ---------------------------------------------------------------------------------------------

_ASCII_PUNCT = frozenset(string.punctuation)
_ASCII_PUNCT_BYTES = frozenset(string.punctuation.encode())
# util.IsSpace works on bytes and knows only these four.
_ASCII_SPACE_BYTES = frozenset(b"\t\n\r ")
# Go's unicode.IsSpace: the White_Space property (not Python's str.isspace, which adds \x1c-\x1f).
_GO_SPACES = frozenset(
    "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
    "\u200a\u2028\u2029\u202f\u205f\u3000"
)


def is_space(ch: str) -> bool:
    """Go's unicode.IsSpace, which is also what goldmark's util.IsSpaceRune amounts to."""
    return ch in _GO_SPACES


@lru_cache(maxsize=4096)
def _category(ch: str) -> str:
    return unicodedata.category(ch)


def is_punct_or_symbol(ch: str) -> bool:
    """goldmark's util.IsPunctRune: a Unicode punctuation or symbol character."""
    if ch < "\x80":
        return ch in _ASCII_PUNCT
    return _category(ch)[0] in "PS"


def is_punct(ch: str) -> bool:
    """Go's unicode.IsPunct: punctuation only, so ``$+<=>^`|~`` are not."""
    return _category(ch)[0] == "P"


def is_letter(ch: str) -> bool:
    """Go's unicode.IsLetter (categories L*), which is what str.isalpha tests."""
    return ch.isalpha()


def is_digit(ch: str) -> bool:
    """Go's unicode.IsDigit (category Nd), which is what str.isdecimal tests."""
    return ch.isdecimal()


def flanking(before: str, after: str) -> tuple[bool, bool]:
    """Left- and right-flanking of a delimiter run, as goldmark's ScanDelimiter decides them."""
    before_space = is_space(before)
    after_space = is_space(after)
    before_punct = is_punct_or_symbol(before)
    after_punct = is_punct_or_symbol(after)
    left = not after_space and (not after_punct or before_space or before_punct)
    right = not before_space and (not before_punct or after_space or after_punct)
    return left, right


def run_flanking(src: str, pos: int) -> tuple[bool, bool, int]:
    """Flanking of the run of ``src[pos]`` characters starting at ``pos``, and its length.

    Goldmark reads the character before from the source (a line feed at the start of a block)
    and the one after the run from the line (a space at the end of the block).
    """
    ch = src[pos]
    end = pos + 1
    limit = len(src)
    while end < limit and src[end] == ch:
        end += 1
    before = src[pos - 1] if pos > 0 else "\n"
    after = src[end] if end < limit else " "
    left, right = flanking(before, after)
    return left, right, end - pos


def line_head(src: str, pos: int) -> bytes:
    """The first bytes (at least six, unless the line ends sooner) of the rest of the line.

    Goldmark's inline parsers look at the rest of the current line as UTF-8 bytes, including
    its line feed; their tests compare its byte length with small numbers and read single
    bytes, so a multi-byte character counts as several.
    """
    head = src[pos : pos + 6]
    newline = head.find("\n")
    if newline >= 0:
        head = head[: newline + 1]
    return head.encode("utf-8", "surrogatepass")


def byte_is_punct(b: int) -> bool:
    return b in _ASCII_PUNCT_BYTES


def byte_is_space(b: int) -> bool:
    return b in _ASCII_SPACE_BYTES


def is_escaped(src: str, pos: int) -> bool:
    """Whether the character at ``pos`` follows an odd number of backslashes."""
    count = 0
    pos -= 1
    while pos >= 0 and src[pos] == "\\":
        count += 1
        pos -= 1
    return count % 2 == 1


# ---------------------------------------------------------------------------------------------
# The source a rule looks at
# ---------------------------------------------------------------------------------------------
#
# markdown-it parses an image's alt text as a separate inline source, while Goldmark parses it
# in place: the character before the alt text is `[`, the line goes on past `]`, and the quote
# count is the page's. The image rule is wrapped so that rules running inside the alt text can
# see the outer source.


@dataclass(frozen=True, slots=True)
class _AltText:
    outer: StateInline  # the state whose image rule is parsing the alt text
    src: str  # the outermost source
    offset: int  # where the alt text starts in it


_ALT_TEXT: ContextVar[_AltText | None] = ContextVar("goldmark_alt_text", default=None)
_SOURCE_ATTR = "_goldmark_source"


def source_of(state: StateInline) -> tuple[str, int]:
    """The source Goldmark would read for this state, and where ``state.src`` starts in it."""
    cached = state.__dict__.get(_SOURCE_ATTR)
    if cached is not None:
        return cached
    alt = _ALT_TEXT.get()
    found = (state.src, 0)
    if alt is not None and alt.outer is not state:
        end = alt.offset + len(state.src)
        if alt.src[alt.offset : end] == state.src:
            found = (alt.src, alt.offset)
    state.__dict__[_SOURCE_ATTR] = found
    return found


def in_alt_text(state: StateInline) -> bool:
    """Whether the state parses an image's alt text (Goldmark is inside a link label there)."""
    return source_of(state)[1] != 0


InlineRule = Callable[[StateInline, bool], bool]


def _image_rule_with_outer_source(image_rule: InlineRule) -> InlineRule:
    def image(state: StateInline, silent: bool) -> bool:
        if silent or not state.src.startswith("![", state.pos):
            return image_rule(state, silent)
        src, offset = source_of(state)
        token = _ALT_TEXT.set(_AltText(state, src, offset + state.pos + 2))
        try:
            return image_rule(state, silent)
        finally:
            _ALT_TEXT.reset(token)

    image.goldmark_wrapped = True  # type: ignore[attr-defined]
    return image


def ensure_alt_text_source(md: MarkdownIt) -> None:
    """Let the rules inside an image's alt text read the source around it."""
    ruler = md.inline.ruler
    for rule in ruler.__rules__:
        if rule.name == "image" and not getattr(rule.fn, "goldmark_wrapped", False):
            ruler.at("image", _image_rule_with_outer_source(rule.fn))
            return


# ---------------------------------------------------------------------------------------------
# The text rule
# ---------------------------------------------------------------------------------------------
#
# markdown-it's text rule swallows everything but its terminator characters. Goldmark also
# fires on quotes, on `...` and (for linkify) after a space or `(` that precedes something
# that may be a URL or an email address; the text rule stops there too. Stopping where no rule
# then fires costs nothing but a little speed.

_EMAIL_LOCAL = r"[A-Za-z0-9!#$%&'*+\-./=?^_`{|}~]"
_EXTRA_STOPS = (
    r"""['"]|\.\.\.|(?P<after>[ (])(?=(?:https?|ftp)://|www\.|[A-Za-z0-9]""" + _EMAIL_LOCAL + "*@)"
)
_STOPS_CACHE: dict[str, re.Pattern[str]] = {}


def _stops(md: MarkdownIt) -> re.Pattern[str]:
    terminators = md.inline.terminator_re.pattern
    stops = _STOPS_CACHE.get(terminators)
    if stops is None:
        stops = re.compile(f"{terminators}|{_EXTRA_STOPS}")
        _STOPS_CACHE[terminators] = stops
    return stops


def goldmark_text(state: StateInline, silent: bool) -> bool:
    """markdown-it's text rule, stopping also where Goldmark's typographer and linkify fire."""
    pos = state.pos
    found = _stops(state.md).search(state.src, pos, state.posMax)
    if found is None:
        end = state.posMax
    elif found.lastgroup == "after":
        end = found.end()  # keep the space or `(`: linkify looks at what follows it
    else:
        end = found.start()
    if end == pos:
        return False
    if not silent:
        state.append_pending(state.src[pos:end])
    state.pos = end
    return True


def ensure_goldmark_text(md: MarkdownIt) -> None:
    md.inline.ruler.at("text", goldmark_text)


# Where the last node made by these rules ends: Goldmark tries linkify right after any node.
NODE_END_ATTR = "_goldmark_node_end"


def mark_node_end(state: StateInline) -> None:
    state.__dict__[NODE_END_ATTR] = state.pos


# ---------------------------------------------------------------------------------------------
# The typographer
# ---------------------------------------------------------------------------------------------

LEFT_SINGLE = "\u2018"
RIGHT_SINGLE = "\u2019"
APOSTROPHE = "\u2019"
LEFT_DOUBLE = "\u201c"
RIGHT_DOUBLE = "\u201d"
EN_DASH = "\u2013"
EM_DASH = "\u2014"
ELLIPSIS = "\u2026"
LEFT_ANGLE = "\u00ab"
RIGHT_ANGLE = "\u00bb"

QUOTE_COUNT_KEY = "goldmark_open_quotes"


@dataclass(slots=True)
class OpenQuotes:
    """How many left quotes are still waiting for a right one, over the whole page."""

    single: int = 0
    double: int = 0


def open_quotes(state: StateInline) -> OpenQuotes:
    counts = state.env.get(QUOTE_COUNT_KEY)
    if counts is None:
        counts = state.env[QUOTE_COUNT_KEY] = OpenQuotes()
    return counts


def _punctuation_run(line: bytes) -> tuple[str, int] | None:
    """A dash, ellipsis or angle-quote substitution at the line's head, and its length."""
    first = line[0]
    if first == 0x2D:  # -
        if line[1:3] == b"--":
            return EM_DASH, 3
        if line[1:2] == b"-":
            return EN_DASH, 2
    elif first == 0x2E:  # .
        if line[1:3] == b"..":
            return ELLIPSIS, 3
    elif first == 0x3C:  # <
        if line[1:2] == b"<":
            return LEFT_ANGLE, 2
    elif first == 0x3E and line[1:2] == b">":
        return RIGHT_ANGLE, 2
    return None


def _may_close(line: bytes, next_char: str, can_open: bool, can_close: bool) -> bool:
    """Goldmark's test for a right quote: it closes, or it could close and is followed by
    punctuation that is itself followed by punctuation, space or the line's end."""
    if can_close and not can_open:
        return True
    return (
        can_close
        and can_open
        and len(line) > 1
        and is_punct(next_char)
        and (len(line) == 2 or byte_is_punct(line[2]) or byte_is_space(line[2]))
    )


def _ends_in_short_suffix(line: bytes) -> bool:
    """``'s``, ``'m``, ``'t``, ``'d``, ``'ve``, ``'ll``, ``'re`` ending a word (I'm, you're)."""
    if len(line) > 1 and line[1] in b"smtd" and _ends_word_at(line, 2):
        return True
    return len(line) > 2 and line[1:3] in (b"ve", b"ll", b"re") and _ends_word_at(line, 3)


def _ends_word_at(line: bytes, index: int) -> bool:
    return len(line) <= index or byte_is_punct(line[index]) or byte_is_space(line[index])


def _is_decade(line: bytes, src: str, pos: int) -> bool:
    """``'90s``: two digits and an ``s`` followed by a space, punctuation or the end."""
    if len(line) <= 3 or not (0x30 <= line[1] <= 0x39 and 0x30 <= line[2] <= 0x39):
        return False
    if line[3] != 0x73:  # s
        return False
    after = src[pos + 4] if len(line) > 4 else " "
    return is_space(after) or is_punct_or_symbol(after)


def _single_quote(
    src: str, pos: int, line: bytes, can_open: bool, can_close: bool, counts: OpenQuotes
) -> str | None:
    before = src[pos - 1] if pos > 0 else "\n"
    next_char = src[pos + 1] if len(line) > 1 else ""
    opens_only = can_open and not can_close
    if opens_only and _is_decade(line, src, pos):
        return APOSTROPHE
    # 'twas, 'em, 'net, 'll after a space or punctuation.
    if next_char and (is_punct(before) or is_space(before)) and line[1] in b"tenl":
        return APOSTROPHE
    # Between a letter or digit and a letter: don't, rock'n'roll.
    if next_char and (is_digit(before) or is_letter(before)) and is_letter(next_char):
        return APOSTROPHE
    if opens_only:
        if _ends_in_short_suffix(line):
            return RIGHT_SINGLE
        counts.single += 1
        return LEFT_SINGLE
    # Plural possessives and clipped words (Smiths', doin'): Goldmark turns any quote that
    # could not open into a right quote when two more bytes follow and the next is no digit.
    if len(line) > 2 and not is_digit(next_char):
        return RIGHT_SINGLE
    if counts.single > 0 and _may_close(line, next_char, can_open, can_close):
        counts.single -= 1
        return RIGHT_SINGLE
    return None


def _double_quote(
    src: str, pos: int, line: bytes, can_open: bool, can_close: bool, counts: OpenQuotes
) -> str | None:
    if can_open and not can_close:
        counts.double += 1
        return LEFT_DOUBLE
    next_char = src[pos + 1] if len(line) > 1 else ""
    if counts.double > 0 and _may_close(line, next_char, can_open, can_close):
        before = src[pos - 1] if pos > 0 else "\n"
        if next_char == '"' and is_digit(before):
            return None  # 'Monitor 21""': the first quote stays an inch sign
        counts.double -= 1
        return RIGHT_DOUBLE
    return None


def _quote(state: StateInline, src: str, pos: int, line: bytes) -> str | None:
    can_open, can_close, _ = run_flanking(src, pos)
    counts = open_quotes(state)
    if line[0] == 0x27:
        return _single_quote(src, pos, line, can_open, can_close, counts)
    return _double_quote(src, pos, line, can_open, can_close, counts)


_TRIGGERS = frozenset("'\"-.<>")


def typographer(state: StateInline, silent: bool) -> bool:
    """Goldmark's typographer at ``state.pos``; it runs after autolinks and raw HTML."""
    if state.src[state.pos] not in _TRIGGERS:
        return False
    src, offset = source_of(state)
    pos = offset + state.pos
    line = line_head(src, pos)
    run = _punctuation_run(line)
    if run is not None:
        replacement, length = run
    elif silent or line[0] not in b"'\"":
        return False
    else:
        replacement, length = _quote(state, src, pos, line), 1
        if replacement is None:
            return False
    state.pos += length
    if not silent:
        state.append_pending(replacement)
        mark_node_end(state)
    return True


def install(md: MarkdownIt) -> None:
    """Read ``'``, ``"``, ``--``, ``---``, ``...``, ``<<`` and ``>>`` as Goldmark does."""
    ensure_goldmark_text(md)
    ensure_alt_text_source(md)
    names = [rule.name for rule in md.inline.ruler.__rules__]
    if "goldmark_typographer" not in names:
        # Last: `<<` is an angle quote only where no autolink or raw HTML starts.
        md.inline.ruler.push("goldmark_typographer", typographer)

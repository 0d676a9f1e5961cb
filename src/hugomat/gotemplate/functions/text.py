"""Hugo's strings namespace (argument orders as Hugo's: `strings.TrimPrefix PREFIX STRING`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..errors import FunctionError
from ..values import go_str
from .core import go_regexp, to_int


def _s(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple, dict)):
        raise FunctionError(f"unable to cast {go_str(value)} to string")
    return go_str(value)


def _compile(pattern: Any) -> re.Pattern[str]:
    try:
        return re.compile(go_regexp(_s(pattern)))
    except re.error as error:
        raise FunctionError(f"invalid regular expression {_s(pattern)!r}: {error}") from None


def _expander(template: str) -> Callable[[re.Match[str]], str]:
    """Go's Regexp.Expand: `$1`, `${1}`, `$name`, `${name}`, `$$`."""
    parts = re.split(r"(\$\$|\$\{\w+\}|\$\w+)", template)

    def expand(match: re.Match[str]) -> str:
        out = []
        for part in parts:
            if part == "$$":
                out.append("$")
            elif part.startswith("$") and len(part) > 1:
                name = part[2:-1] if part.startswith("${") else part[1:]
                try:
                    group = match.group(int(name) if name.isdigit() else name)
                except IndexError:
                    group = ""
                out.append(group or "")
            else:
                out.append(part)
        return "".join(out)
    return expand




def replace(text: Any, old: Any, new: Any, limit: Any = None) -> str:
    count = -1 if limit is None else to_int(limit)
    return _s(text).replace(_s(old), _s(new), count)


def replace_re(pattern: Any, replacement: Any, text: Any, limit: Any = None) -> str:
    count = 0 if limit is None or to_int(limit) < 0 else to_int(limit)
    return _compile(pattern).sub(_expander(_s(replacement)), _s(text), count=count)


def find_re(pattern: Any, text: Any, limit: Any = None) -> list[str]:
    found = [m.group(0) for m in _compile(pattern).finditer(_s(text))]
    if limit is not None and to_int(limit) >= 0:
        found = found[: to_int(limit)]
    return found


def find_re_submatch(pattern: Any, text: Any, limit: Any = None) -> list[list[str]]:
    found = [[m.group(0), *[g or "" for g in m.groups()]]
             for m in _compile(pattern).finditer(_s(text))]
    if limit is not None and to_int(limit) >= 0:
        found = found[: to_int(limit)]
    return found


def split(text: Any, sep: Any) -> list[str]:
    text, sep = _s(text), _s(sep)
    if sep == "":
        return list(text)
    return text.split(sep)


def trim(text: Any, cutset: Any) -> str:
    return _s(text).strip(_s(cutset))


def substr(text: Any, start: Any, length: Any = None) -> str:
    """Counts characters; a negative start counts from the end, a negative length stops short."""
    chars = _s(text)
    begin = to_int(start)
    if begin < 0:
        begin = max(len(chars) + begin, 0)
    if begin > len(chars):
        return ""
    if length is None:
        return chars[begin:]
    count = to_int(length)
    end = begin + count if count >= 0 else len(chars) + count
    return chars[begin:max(end, begin)]


_SMALL_WORDS = {"a", "an", "and", "as", "at", "but", "by", "en", "for", "if", "in", "nor",
                "of", "on", "or", "per", "the", "to", "v", "v.", "via", "vs", "vs.", "from",
                "into", "with", "over"}


def title(text: Any) -> str:
    """AP-style title case, Hugo's default: small words stay lower except first and last."""
    words = _s(text).split(" ")
    last_index = max((i for i, w in enumerate(words) if w), default=0)
    out = []
    for position, word in enumerate(words):
        if position and position != last_index and word.lower() in _SMALL_WORDS:
            out.append(word.lower())
        else:
            out.append(word[:1].upper() + word[1:])
    return " ".join(out)


def go_upper(text: Any) -> str:
    """strings.ToUpper: a letter without a one-letter capital (ß) stays as it is."""
    return "".join(c.upper() if len(c.upper()) == 1 else c for c in _s(text))


def go_lower(text: Any) -> str:
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in _s(text))


def first_upper(text: Any) -> str:
    value = _s(text)
    return value[:1].upper() + value[1:]


def repeat(count: Any, text: Any) -> str:
    times = to_int(count)
    if times < 0:
        raise FunctionError("negative repeat count")
    if times * len(_s(text)) > 10_000_000:
        raise FunctionError("repeat result too large")
    return _s(text) * times


def count(sub: Any, text: Any) -> int:
    sub_text, value = _s(sub), _s(text)
    return len(value) + 1 if sub_text == "" else value.count(sub_text)


def truncate(size: Any, *rest: Any) -> str:
    """Hugo's truncate: cut at a word boundary and add ` …` (or the given ellipsis)."""
    if not rest or len(rest) > 2:
        raise FunctionError("truncate needs a length and a string")
    ellipsis = _s(rest[0]) if len(rest) == 2 else " …"
    text = _s(rest[-1])
    limit = to_int(size)
    if len(text) <= limit:
        return text
    cut = text[:limit]
    if not text[limit].isspace() and " " in cut:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip() + ellipsis


def delimit(collection: Any, sep: Any, last: Any = None) -> str:
    if isinstance(collection, dict):
        items = [collection[k] for k in sorted(collection)]
    else:
        items = list(collection or [])
    texts = [go_str(item) for item in items]
    if last is not None and len(texts) > 1:
        return _s(sep).join(texts[:-1]) + _s(last) + texts[-1]
    return _s(sep).join(texts)


def join(collection: Any, sep: Any) -> str:
    return _s(sep).join(go_str(item) for item in (collection or []))


def chomp(text: Any) -> str:
    return _s(text).rstrip("\r\n")


def count_words(text: Any) -> int:
    return len(re.sub(r"<[^>]*>", " ", _s(text)).split())


def functions() -> dict[str, Callable[..., Any]]:
    s = _s
    table: dict[str, Callable[..., Any]] = {
        "replace": replace, "strings.Replace": replace,
        "replaceRE": replace_re, "strings.ReplaceRE": replace_re,
        "findRE": find_re, "strings.FindRE": find_re,
        "findRESubmatch": find_re_submatch, "strings.FindRESubmatch": find_re_submatch,
        "split": split, "strings.Split": split,
        "trim": trim, "strings.Trim": trim,
        "substr": substr, "strings.Substr": substr,
        "title": title, "strings.Title": title,
        "lower": go_lower, "upper": go_upper, "strings.ToLower": go_lower,
        "strings.ToUpper": go_upper,
        "strings.FirstUpper": first_upper,
        "strings.Contains": lambda t, sub: s(sub) in s(t),
        "strings.ContainsAny": lambda t, chars: any(c in s(t) for c in s(chars)),
        "strings.ContainsNonSpace": lambda t: any(not c.isspace() for c in s(t)),
        "strings.HasPrefix": lambda t, p: s(t).startswith(s(p)),
        "strings.HasSuffix": lambda t, x: s(t).endswith(s(x)),
        "hasPrefix": lambda t, p: s(t).startswith(s(p)),
        "strings.TrimPrefix": lambda p, t: s(t).removeprefix(s(p)),
        "strings.TrimSuffix": lambda x, t: s(t).removesuffix(s(x)),
        "strings.TrimLeft": lambda cut, t: s(t).lstrip(s(cut)),
        "strings.TrimRight": lambda cut, t: s(t).rstrip(s(cut)),
        "strings.TrimSpace": lambda t: s(t).strip(" \t\n\r\v\f"),
        "strings.Repeat": repeat, "strings.Count": count,
        "strings.Truncate": truncate, "truncate": truncate,
        "strings.Chomp": chomp, "chomp": chomp,
        "strings.RuneCount": lambda t: len(s(t)),
        "countrunes": lambda t: len("".join(s(t).split())),
        "strings.CountRunes": lambda t: len("".join(s(t).split())),
        "strings.CountWords": count_words, "countwords": count_words,
        "strings.Join": join, "delimit": delimit, "collections.Delimit": delimit,
    }
    return table

"""Hugo's and hugo-book's page parameters, by type.

Front matter is YAML, TOML or JSON, so any key may hold any value. Hugo reads its own keys
(title, weight, date, ...) into typed fields, and hugo-book's templates test theirs each in
its own way (`bookToC` hides the contents only when it is `false`, `bookFlatSection` takes
any value a template reads as true). `validate` checks the known keys of one page and leaves
each as Hugo and hugo-book read it, so the site shows what Hugo shows: a value Hugo refuses
is an error, a value Hugo reads otherwise than it is written is a warning that says how it
is read. Unknown keys are the page's own parameters and are left alone.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email.utils
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Problem:
    """A front matter value that is not of its key's type."""

    key: str
    """The key, lower-cased as hugomat.read.frontmatter gives keys: where the problem is."""
    message: str
    error: bool
    """An error (Hugo fails on the value too, or it would be lost), else a warning."""


class _Refused(Exception):
    """The value cannot be read as its key's type."""


Reader = Callable[[str, Any], tuple[Any, str | None]]
"""Reads one key's value, given the key's name as Hugo's documentation spells it: returns the
value as Hugo reads it, and a warning when that differs from what was written; raises
_Refused when Hugo cannot read it either."""


def validate(data: dict[str, Any]) -> list[Problem]:
    """Check the known keys of `data` (a page's front matter, keys lower-cased) and replace
    each value by Hugo's reading of it."""
    problems: list[Problem] = []
    for key, (name, read) in PARAMETERS.items():
        if key not in data:
            continue
        try:
            value, warning = read(name, data[key])
        except _Refused as refused:
            problems.append(Problem(key, str(refused), error=True))
            # Read as unset, so that nothing downstream trips over it: the build fails anyway.
            del data[key]
            continue
        data[key] = value
        if warning is not None:
            problems.append(Problem(key, warning, error=False))
    return problems


# -- describing values ----------------------------------------------------------------------


def _shown(value: Any) -> str:
    """A value as the author wrote it, short: never a whole list or map in a message."""
    if isinstance(value, bool):
        return f"the boolean {_go_text(value)}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return f"the text {text!r}"
    if isinstance(value, dt.date | dt.time):
        return f"the date {_go_text(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a map"
    return "nothing" if value is None else f"a {type(value).__name__}"


def _go_text(value: Any) -> str:
    """A scalar as Hugo makes it text (Go's `cast.ToString`); '' for a list or a map."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value).removesuffix(".0")
    if isinstance(value, dt.datetime | dt.time):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None or isinstance(value, list | dict):
        return ""
    return str(value)


def _read_as(name: str, value: Any, reading: str, advice: str) -> str:
    return f"{name} is {_shown(value)}, which Hugo reads as {reading}: {advice}"


# -- readers --------------------------------------------------------------------------------


def _text(name: str, value: Any) -> tuple[Any, str | None]:
    """Text (`cast.ToString`): a number is its digits, a list or a map no text at all."""
    if isinstance(value, str) or value is None:
        return value, None
    text = _go_text(value)
    reading = f"the text {text!r}" if text else "no text"
    return text, _read_as(name, value, reading, "write it as text, in quotes")


def _picture(name: str, value: Any) -> tuple[Any, str | None]:
    """A picture's path (this book's banner): a list or a map names no picture."""
    if isinstance(value, list | dict):
        raise _Refused(f"{name} must be a picture's path, not {_shown(value)}")
    return _text(name, value)


_DECIMAL = re.compile(r"\s*([+-]?\d+)(?:\.0*)?\s*")


def _go_int(value: Any) -> int | None:
    """Hugo's whole number of a value (`cast.ToIntE`), None where Go cannot make one."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value)
    match = _DECIMAL.fullmatch(value) if isinstance(value, str) else None
    return int(match.group(1)) if match else None


def _whole_number(name: str, value: Any) -> tuple[Any, str | None]:
    """A page's weight: what Go cannot make a number of is 0, silently, in Hugo."""
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value, None
    number = _go_int(value)
    if number is None:
        return 0, _read_as(name, value, "0 (unset)", "write a whole number")
    if isinstance(value, float) and value.is_integer():
        return number, None
    return number, _read_as(name, value, str(number), "write a whole number, without quotes")


def _strict_whole_number(name: str, value: Any) -> tuple[Any, str | None]:
    """A menu entry's weight: Hugo fails on what it cannot make a number of."""
    if value is not None and _go_int(value) is None:
        raise _Refused(f"{name} must be a whole number, not {_shown(value)}")
    return _whole_number(name, value)


_DATE_FORMS = "2024-05-01, 2024-05-01T10:30:00Z or 2024-05-01 10:30:00+02:00"


def _date(name: str, value: Any) -> tuple[Any, str | None]:
    """A date (`htime.ToTimeInDefaultLocationE`): Hugo fails on what is none."""
    if value is None or value == "" or isinstance(value, dt.datetime):
        return value, None
    if isinstance(value, dt.date):
        return value, None
    if isinstance(value, int) and not isinstance(value, bool):
        when = dt.datetime.fromtimestamp(value, dt.UTC)
        return when, _read_as(name, value, f"{value} seconds after 1970-01-01 "
                              f"({when:%Y-%m-%dT%H:%M:%SZ})", f"write a date like {_DATE_FORMS}")
    if isinstance(value, str):
        parsed = _parse_date(value.strip())
        if parsed is not None:
            return parsed, None
    raise _Refused(f"{name} is not a date: {_shown(value)} (write a date like {_DATE_FORMS})")


# Go's time.Time.String() form, which Hugo reads too: the zone's name after the offset
# says nothing the offset does not.
_GO_STRING_DATE = re.compile(
    r"(?P<when>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)?) (?P<offset>[+-]\d{4})(?: [A-Za-z]+)?")


def _parse_date(text: str) -> dt.datetime | None:
    """A date in the forms Hugo reads (each checked against Hugo 0.168): ISO 8601 (RFC 3339),
    with a space for the T or without a time; the e-mail forms (RFC 1123, 822, 850, ANSI C);
    `02 Jan 2006`; Go's own `2006-01-02 15:04:05 -0700 MST`."""
    parsed: dt.datetime | None = None
    with contextlib.suppress(ValueError):
        parsed = dt.datetime.fromisoformat(text)
    if parsed is None and (go := _GO_STRING_DATE.fullmatch(text)):
        parsed = dt.datetime.fromisoformat(f"{go['when']}{go['offset']}")
    if parsed is None:
        with contextlib.suppress(ValueError):
            parsed = dt.datetime.strptime(text, "%d %b %Y")
    if parsed is None:
        try:
            parsed = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


_GO_BOOLS = {word: True for word in ("1", "t", "T", "TRUE", "true", "True")} | {
    word: False for word in ("0", "f", "F", "FALSE", "false", "False")}


def _hugo_flag(name: str, value: Any) -> tuple[Any, str | None]:
    """A flag Hugo reads itself (`draft`, by `cast.ToBool`): the text of Go's true or false,
    a number other than 0, and anything else is false."""
    if isinstance(value, bool):
        return value, None
    if value is None:
        return False, None
    if isinstance(value, str):
        flag = _GO_BOOLS.get(value.strip(), False)
    elif isinstance(value, int | float):
        flag = value != 0
    else:
        flag = False
    return flag, _read_as(name, value, _go_text(flag), "write true or false, without quotes")


def _template_truth(value: Any) -> bool:
    """Whether a Go template's `if` takes the value as true."""
    if isinstance(value, list | dict | str):
        return len(value) > 0
    return value not in (None, False, 0)


def _theme_flag(reads: Callable[[Any], bool]) -> Reader:
    """A flag that hugo-book's templates test (`reads` is how): any value works there, so a
    value other than true or false is a warning that says which it is read as."""

    def read(name: str, value: Any) -> tuple[Any, str | None]:
        flag = reads(value)
        if isinstance(value, bool) or value is None:
            return flag, None
        return flag, (f"{name} is {_shown(value)}, which hugo-book reads as {_go_text(flag)}: "
                      "write true or false, without quotes")

    return read


def _texts(name: str, value: Any, *, words: bool) -> tuple[Any, str | None]:
    """A list of texts (`cast.ToStringSlice`); one text is a list of its words (`words`) or
    of itself, a number a list of it, a map nothing."""
    if value is None:
        return [], None
    if isinstance(value, str):
        return (value.split() if words else [value]), None
    if isinstance(value, dict):
        return [], _read_as(name, value, "no texts at all", "write a list of texts")
    if not isinstance(value, list):
        text = _go_text(value)
        return [text], _read_as(name, value, f"the list [{text!r}]", "write a list of texts")
    odd = [item for item in value if not isinstance(item, str)]
    texts = [item if isinstance(item, str) else _go_text(item) for item in value]
    if not odd:
        return texts, None
    text = _go_text(odd[0])
    reading = f"the text {text!r}" if text else "nothing"
    # What Go makes no text of is no alias, no term.
    return [text for text in texts if text], (f"{name} holds {_shown(odd[0])}, which Hugo "
                                              f"reads as {reading}: write each as text, in "
                                              "quotes")


def _aliases(name: str, value: Any) -> tuple[Any, str | None]:
    aliases, warning = _texts(name, value, words=True)
    for alias in aliases:
        if alias.lower().startswith(("http://", "https://")):
            # Hugo fails on these too: an alias is a path of this site.
            raise _Refused(f"alias {alias!r} is a URL; an alias is a path of this site")
    return aliases, warning


def _terms(name: str, value: Any) -> tuple[Any, str | None]:
    return _texts(name, value, words=False)


def _menu(name: str, value: Any) -> tuple[Any, str | None]:
    """Hugo's three forms: a menu's name, a list of names, or a map of names to entries."""
    if value is None or isinstance(value, str):
        return value, None
    if isinstance(value, list):
        return _texts(name, value, words=False)
    if isinstance(value, dict):
        warnings = []
        for menu, entry in value.items():
            if entry is None:
                continue
            if not isinstance(entry, dict):
                raise _Refused(f"{name}.{menu} must be a map (weight, name, ...), "
                               f"not {_shown(entry)}")
            for key, (field_name, read) in _MENU_ENTRY.items():
                if key in entry:
                    entry[key], warning = read(f"{name}.{menu}.{field_name}", entry[key])
                    warnings += [warning] if warning else []
        return value, "; ".join(warnings) or None
    text = _go_text(value)
    return text, _read_as(name, value, f"the menu named {text!r}",
                          "write a menu's name (before, after), a list of them or a map")


def _menu_name(name: str, value: Any) -> tuple[Any, str | None]:
    if isinstance(value, list | dict):
        raise _Refused(f"{name} must be text, not {_shown(value)}")
    return _text(name, value)


_MENU_ENTRY: dict[str, tuple[str, Reader]] = {
    "weight": ("weight", _strict_whole_number),
    "name": ("name", _menu_name),
}


def _params(name: str, value: Any) -> tuple[Any, str | None]:
    if value is None or isinstance(value, dict):
        return value, None
    raise _Refused(f"{name} must be a map of parameters, not {_shown(value)}")


PARAMETERS: dict[str, tuple[str, Reader]] = {
    key.lower(): (key, reader) for key, reader in {
        "title": _text,
        "linkTitle": _text,
        "description": _text,
        "layout": _text,
        "type": _text,
        "url": _text,
        "slug": _text,
        "translationKey": _text,
        "weight": _whole_number,
        "date": _date,
        "lastmod": _date,
        "publishDate": _date,
        "expiryDate": _date,
        "draft": _hugo_flag,
        "aliases": _aliases,
        "menu": _menu,
        "tags": _terms,
        "categories": _terms,
        "params": _params,
        "image": _picture,
        "bookHref": _text,
        "bookIcon": _text,
        # hugo-book: `not (eq .Params.bookToC false)`, `where ... "ne" true`, `if ...`.
        "bookToC": _theme_flag(lambda value: value is not False),
        "bookHidden": _theme_flag(lambda value: value is True),
        "bookSearchExclude": _theme_flag(lambda value: value is True),
        "bookFlatSection": _theme_flag(_template_truth),
        "bookCollapseSection": _theme_flag(_template_truth),
        "bookComments": _theme_flag(lambda value: value is not False),
    }.items()
}
"""Each known key (lower-cased): its name as Hugo's documentation spells it, and its reader."""

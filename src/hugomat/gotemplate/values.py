"""Go's view of Python values: truth, printing (fmt.Sprint, Sprintf) and the safe types."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any


class _Missing:
    """A map key that is not there: prints `<no value>` in text mode, nothing in HTML."""

    _instance: _Missing | None = None

    def __new__(cls) -> _Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "<no value>"


MISSING = _Missing()


class SafeHTML(str):
    """template.HTML: trusted markup, written out unescaped in HTML text."""


class SafeURL(str):
    """template.URL: a trusted URL, exempt from the scheme filter."""


class SafeHTMLAttr(str):
    """template.HTMLAttr: a trusted attribute (`name="value"`)."""


class SafeCSS(str):
    """template.CSS: trusted CSS."""


class SafeJS(str):
    """template.JS: a trusted JavaScript expression."""


def is_true(value: Any) -> bool:
    """Go's truth: false, 0, nil, "" and empty collections are false; anything else is true."""
    if value is None:
        return False
    try:
        return bool(value)
    except Exception:  # an object whose truth cannot be taken is a struct: true
        return True


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def format_float(value: float) -> str:
    """A float64 as Go's %v writes it: shortest digits, an exponent below 1e-4 and from 1e6."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    if value == 0:
        return "-0" if math.copysign(1, value) < 0 else "0"
    sign, digit_tuple, exponent = Decimal(repr(value)).as_tuple()
    digits = "".join(map(str, digit_tuple)).rstrip("0") or "0"
    assert isinstance(exponent, int)
    point = len(digit_tuple) + exponent  # digits before the decimal point
    exp10 = point - 1
    prefix = "-" if sign else ""
    if exp10 < -4 or exp10 >= 6:
        mantissa = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
        return f"{prefix}{mantissa}e{'-' if exp10 < 0 else '+'}{abs(exp10):02d}"
    if point <= 0:
        return f"{prefix}0.{'0' * -point}{digits}"
    if point >= len(digits):
        return prefix + digits + "0" * (point - len(digits))
    return f"{prefix}{digits[:point]}.{digits[point:]}"


def go_str(value: Any) -> str:
    """fmt.Sprint of one value."""
    if isinstance(value, str):
        return str.__str__(value)
    if value is None:
        return "<nil>"
    if value is MISSING:
        return "<no value>"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format_float(value)
    if isinstance(value, Mapping):
        items = sorted(value.items(), key=lambda kv: sort_key(kv[0]))
        return "map[" + " ".join(f"{go_str(k)}:{go_str(v)}" for k, v in items) + "]"
    if isinstance(value, (list, tuple, range)):
        return "[" + " ".join(go_str(item) for item in value) + "]"
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def sort_key(value: Any) -> tuple[int, Any]:
    """Orders map keys as Go does: numbers by value, strings by bytes, others by their text."""
    if is_number(value):
        return (0, value)
    if isinstance(value, str):
        return (1, value)
    return (2, go_str(value))


def sprint(*args: Any) -> str:
    """fmt.Sprint: a space between operands when neither side is a string."""
    out: list[str] = []
    for index, arg in enumerate(args):
        if index and not isinstance(arg, str) and not isinstance(args[index - 1], str):
            out.append(" ")
        out.append(go_str(arg))
    return "".join(out)


def sprintln(*args: Any) -> str:
    return " ".join(go_str(arg) for arg in args) + "\n"


def type_name(value: Any) -> str:
    names = {bool: "bool", int: "int", float: "float64", str: "string", SafeHTML: "template.HTML",
             SafeURL: "template.URL", SafeCSS: "template.CSS", SafeJS: "template.JS",
             SafeHTMLAttr: "template.HTMLAttr"}
    if value is None or value is MISSING:
        return "<nil>"
    if type(value) in names:
        return names[type(value)]
    if isinstance(value, Mapping):
        return "map[string]interface {}"
    if isinstance(value, (list, tuple, range)):
        return "[]interface {}"
    return type(value).__name__


_VERB = re.compile(r"%([-+# 0]*)(\*|\d+)?(?:\.(\*|\d*))?([a-zA-Z%])")


def _bad(verb: str, value: Any) -> str:
    if value is None or value is MISSING:
        return f"%!{verb}(<nil>)"
    return f"%!{verb}({type_name(value)}={go_str(value)})"


def quote_go(text: str) -> str:
    """strconv.Quote: a double-quoted Go string literal."""
    out = ['"']
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif char in "\a\b\f\n\r\t\v":
            out.append({"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r",
                        "\t": "\\t", "\v": "\\v"}[char])
        elif char.isprintable() or char == " ":
            out.append(char)
        elif code < 0x80:
            out.append(f"\\x{code:02x}")
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    out.append('"')
    return "".join(out)


def _format_one(verb: str, flags: str, precision: int | None, value: Any) -> str:
    if verb == "v":
        if "#" in flags and isinstance(value, str):
            return quote_go(value)
        return go_str(value)
    if verb == "T":
        return type_name(value)
    if isinstance(value, (list, tuple)) and verb != "T":
        return "[" + " ".join(_format_one(verb, flags, precision, v) for v in value) + "]"
    if verb == "s":
        if isinstance(value, str) or (not is_number(value) and not isinstance(value, bool)
                                      and value is not None and value is not MISSING
                                      and hasattr(type(value), "__str__")
                                      and type(value).__str__ is not object.__str__):
            text = go_str(value)
            return text[:precision] if precision is not None else text
        return _bad(verb, value)
    if verb == "q":
        if isinstance(value, str):
            return quote_go(value)
        if isinstance(value, int) and not isinstance(value, bool):
            return "'" + quote_go(chr(value))[1:-1].replace("'", "\\'") + "'"
        return _bad(verb, value)
    if verb == "t":
        return ("true" if value else "false") if isinstance(value, bool) else _bad(verb, value)
    if verb in "dboxXc" and isinstance(value, int) and not isinstance(value, bool):
        if verb == "c":
            return chr(value)
        spec = {"d": "d", "b": "b", "o": "o", "x": "x", "X": "X"}[verb]
        text = format(abs(value), spec)
        if "#" in flags and verb in "xX":
            text = "0" + verb + text
        sign = "-" if value < 0 else ("+" if "+" in flags else (" " if " " in flags else ""))
        return sign + text
    if verb in "xX" and isinstance(value, str):
        text = value.encode("utf-8").hex()
        return text.upper() if verb == "X" else text
    if verb in "feEgGF" and is_number(value) and isinstance(value, float):
        spec = verb.lower() if verb == "F" else verb
        if verb in "gG" and precision is None:
            text = format_float(value)
            return text.upper() if verb == "G" else text
        sign = "+" if "+" in flags else ""
        text = f"{value:{sign}.{6 if precision is None else precision}{spec}}"
        if verb in "eE":
            text = re.sub(r"([eE][+-])(\d)$", r"\g<1>0\2", text)
        return text
    return _bad(verb, value)


def sprintf(fmt: str, *args: Any) -> str:
    """fmt.Sprintf for the verbs templates use, with Go's %!verb(...) markers for mistakes."""
    out: list[str] = []
    index = 0
    pos = 0
    for match in _VERB.finditer(fmt):
        out.append(fmt[pos:match.start()])
        pos = match.end()
        flags, width_text, precision_text, verb = match.groups()
        if verb == "%" and not flags and width_text is None and precision_text is None:
            out.append("%")
            continue

        def take() -> Any:
            nonlocal index
            if index >= len(args):
                raise IndexError
            index += 1
            return args[index - 1]

        try:
            width = int(take()) if width_text == "*" else (int(width_text) if width_text else None)
            if precision_text == "*":
                precision: int | None = int(take())
            elif precision_text is not None:
                precision = int(precision_text or "0")
            else:
                precision = None
            value = take()
        except IndexError:
            out.append(f"%!{verb}(MISSING)")
            continue
        text = _format_one(verb, flags, precision, value)
        if width is not None and len(text) < width:
            if "-" in flags:
                text = text.ljust(width)
            elif "0" in flags and is_number(value):
                sign = text[0] if text[:1] in "+- " else ""
                text = sign + text[len(sign):].rjust(width - len(sign), "0")
            else:
                text = text.rjust(width)
        out.append(text)
    out.append(fmt[pos:])
    if index < len(args):
        extra = ", ".join(f"{type_name(a)}={go_str(a)}" for a in args[index:])
        out.append(f"%!(EXTRA {extra})")
    return "".join(out)

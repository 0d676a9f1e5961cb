"""jsonify, transform.Unmarshal (JSON, YAML, TOML, CSV), hashes and base64."""

from __future__ import annotations

import base64
import binascii
import csv
import datetime as dt
import hashlib
import io
import json
import math
import tomllib
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import yaml

from ..errors import FunctionError
from ..values import MISSING, SafeHTML, go_str, sort_key
from .dates import GoTime, as_time

_JSON_HTML = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026",
              0x2028: "\\u2028", 0x2029: "\\u2029"}


def json_value(value: Any) -> Any:
    """A value as Go's encoding/json sees it: integral floats print without a fraction."""
    if value is None or value is MISSING:
        return None
    if isinstance(value, (bool, int, str)):
        return str(value) if isinstance(value, str) else value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise FunctionError(f"json: unsupported value: {go_str(value)}")
        return int(value) if value.is_integer() and abs(value) < 1e21 else value
    if isinstance(value, Mapping):
        return {go_str(k): json_value(value[k]) for k in sorted(value, key=sort_key)}
    if isinstance(value, GoTime):
        return value.moment.isoformat()
    if isinstance(value, (list, tuple, range, set)):
        return [json_value(v) for v in value]
    return go_str(value)


def jsonify(*args: Any) -> SafeHTML:
    """`jsonify VALUE` or `jsonify (dict "indent" "  ") VALUE`."""
    if not 1 <= len(args) <= 2:
        raise FunctionError("jsonify takes a value and optional options")
    options = args[0] if len(args) == 2 else {}
    if not isinstance(options, Mapping):
        raise FunctionError("jsonify options must be a map")
    indent = options.get("indent", "")
    prefix = options.get("prefix", "")
    text = json.dumps(json_value(args[-1]), ensure_ascii=False,
                      separators=(",", ":") if not indent else (",", ": "),
                      indent=indent or None)
    if prefix:
        text = text.replace("\n", "\n" + prefix)
    if not options.get("noHTMLEscape"):
        text = text.translate(_JSON_HTML)
    return SafeHTML(text)


def _template_value(value: Any) -> Any:
    if isinstance(value, (dt.datetime, dt.date)):
        return as_time(value)
    if isinstance(value, dict):
        return {str(k): _template_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_template_value(v) for v in value]
    return value


def detect_format(text: str, delimiter: str = ",") -> str:
    """Hugo's guess of a string's format: whichever sign comes first."""
    marks = {"csv": text.find(delimiter), "json": text.find("{"), "yaml": text.find(":"),
             "xml": text.find("<"), "toml": text.find("=")}
    order = ["csv", "json", "yaml", "xml", "toml"]
    for position, name in enumerate(order):
        here = marks[name]
        if here != -1 and all(marks[o] == -1 or here < marks[o] for o in order[position + 1:]):
            return name
    return ""


def unmarshal(*args: Any) -> Any:
    """`transform.Unmarshal [OPTIONS] INPUT`: a string (or a resource's .Content) to data."""
    if not 1 <= len(args) <= 2:
        raise FunctionError("unmarshal takes an input and optional options")
    options = args[0] if len(args) == 2 else {}
    source = args[-1]
    if not isinstance(source, str):
        content = getattr(source, "Content", None)
        source = content() if callable(content) else content
    if not isinstance(source, str):
        raise FunctionError(f"type {type(args[-1]).__name__} not supported")
    if not source.strip():
        return {}
    delimiter = go_str(options.get("delimiter", ",")) if isinstance(options, Mapping) else ","
    kind = detect_format(source, delimiter)
    try:
        if kind == "json":
            return _template_value(json.loads(source))
        if kind == "yaml":
            return _template_value(yaml.safe_load(source))
        if kind == "toml":
            return _template_value(tomllib.loads(source))
        if kind == "csv":
            comment = go_str(options.get("comment", "")) if isinstance(options, Mapping) else ""
            rows: Iterable[list[str]] = csv.reader(io.StringIO(source), delimiter=delimiter)
            return [row for row in rows if row and not (comment and row[0].startswith(comment))]
    except (ValueError, yaml.YAMLError, tomllib.TOMLDecodeError, csv.Error) as error:
        raise FunctionError(f"failed to unmarshal {kind.upper()}: {error}") from None
    raise FunctionError(f"format {kind.upper() or 'unknown'} not supported")


def _digest(name: str) -> Callable[[Any], str]:
    return lambda value: hashlib.new(name, go_str(value).encode("utf-8")).hexdigest()


def base64_decode(value: Any) -> str:
    try:
        return base64.b64decode(go_str(value), validate=True).decode("utf-8", "replace")
    except (binascii.Error, ValueError) as error:
        raise FunctionError(f"illegal base64 data: {error}") from None


def functions() -> dict[str, Callable[..., Any]]:
    encode = lambda v: base64.b64encode(go_str(v).encode("utf-8")).decode("ascii")  # noqa: E731
    return {
        "jsonify": jsonify, "encoding.Jsonify": jsonify,
        "transform.Unmarshal": unmarshal, "unmarshal": unmarshal,
        "md5": _digest("md5"), "crypto.MD5": _digest("md5"),
        "sha1": _digest("sha1"), "crypto.SHA1": _digest("sha1"),
        "sha256": _digest("sha256"), "crypto.SHA256": _digest("sha256"),
        "base64Encode": encode, "encoding.Base64Encode": encode,
        "base64Decode": base64_decode, "encoding.Base64Decode": base64_decode,
    }

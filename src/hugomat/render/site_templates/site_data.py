"""What a site's templates read besides pages: `data/` files, `i18n/` strings, `params`."""

from __future__ import annotations

import csv
import io
import json
import re
import tomllib
from pathlib import Path
from typing import Any

import yaml

from hugomat.errors import ContentError
from hugomat.read import hugo_config

_READERS = {".yaml", ".yml", ".toml", ".json", ".csv"}


class DataFileError(ValueError):
    """A data or i18n file that cannot be read, and where."""

    def __init__(self, path: Path, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.path, self.line, self.column, self.message = path, line, column, message


def read_data_file(path: Path) -> Any:
    """A data or i18n file's value; raises DataFileError when unreadable."""
    try:
        text = path.read_text(encoding="utf-8-sig")
        suffix = path.suffix.lower()
        if suffix == ".toml":
            return tomllib.loads(text)
        if suffix == ".json":
            return json.loads(text)
        if suffix == ".csv":
            return list(csv.reader(io.StringIO(text)))
        return yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, json.JSONDecodeError,
            yaml.YAMLError, csv.Error) as error:
        line, column = _position(error)
        message = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise DataFileError(path, line, column, f"cannot read this data file: {message}"
                            ) from None


def _position(error: Exception) -> tuple[int, int]:
    if isinstance(error, json.JSONDecodeError):
        return error.lineno, error.colno
    mark = getattr(error, "problem_mark", None)
    if mark is not None:
        return mark.line + 1, mark.column + 1
    found = re.search(r"at line (\d+), column (\d+)", str(error))
    return (int(found.group(1)), int(found.group(2))) if found else (1, 1)


def data_tree(folder: Path, problems: list[DataFileError]) -> dict[str, Any]:
    """`.Site.Data`: each file of `data/` under its name without suffix, folders nested."""
    tree: dict[str, Any] = {}
    if not folder.is_dir():
        return tree
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        if path.is_dir() and not path.is_symlink():
            tree[path.name] = data_tree(path, problems)
        elif path.is_file() and path.suffix.lower() in _READERS:
            try:
                tree[path.stem] = read_data_file(path)
            except DataFileError as error:
                problems.append(error)
    return tree


def translations(folder: Path, language: str,
                 problems: list[DataFileError]) -> dict[str, str]:
    """The site's `i18n/LANG.*` strings: `key = "text"` or `[key] other = "text"`."""
    strings: dict[str, str] = {}
    if not folder.is_dir():
        return strings
    for suffix in (".toml", ".yaml", ".yml", ".json"):
        path = folder / f"{language}{suffix}"
        if not path.is_file():
            continue
        try:
            value = read_data_file(path)
        except DataFileError as error:
            problems.append(error)
            continue
        entries = value if isinstance(value, dict) else {}
        if isinstance(value, list):  # [{id: key, translation: text}]
            entries = {item.get("id"): item.get("translation") for item in value
                       if isinstance(item, dict)}
        for key, text in entries.items():
            if isinstance(text, dict):
                text = text.get("other", text.get("one", ""))
            strings[str(key).lower()] = "" if text is None else str(text)
    return strings


def site_params(root: Path) -> tuple[dict[str, Any], str, str]:
    """The `params`, `baseURL` and `title` of the site's Hugo configuration: its file at the
    root, else Hugo's configuration folder (`config/_default/`, with its `params.*`); empty
    when there is none or it is unreadable (`hugomat import` reports that)."""
    folder = root if hugo_config.find(root) is not None else root / "config" / "_default"
    data: dict[str, Any] = {}
    if hugo_config.find(folder) is not None:
        try:
            data = hugo_config.read(folder).data
        except ContentError:
            return {}, "", ""
    params = data.get("params")
    params = dict(params) if isinstance(params, dict) else {}
    if folder != root:
        for suffix in (".toml", ".yaml", ".yml", ".json"):
            path = folder / f"params{suffix}"
            if path.is_file():
                try:
                    extra = read_data_file(path)
                except ValueError:
                    continue
                if isinstance(extra, dict):
                    params.update(hugo_config.lower_keys(extra))
    return params, str(data.get("baseurl") or ""), str(data.get("title") or "")

"""What a site's templates read besides pages: `data/` files, `i18n/` strings, `params`."""

from __future__ import annotations

import csv
import io
import json
import tomllib
from pathlib import Path
from typing import Any

import yaml

from hugomat import hugo_config
from hugomat.errors import ContentError

_READERS = {".yaml", ".yml", ".toml", ".json", ".csv"}


def read_data_file(path: Path) -> Any:
    """A data or i18n file's value; raises ValueError (with the reason) when unreadable."""
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
        raise ValueError(f"{path.name}: {str(error).splitlines()[0]}") from None


def data_tree(folder: Path, problems: list[str]) -> dict[str, Any]:
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
            except ValueError as error:
                problems.append(f"data/{error}")
    return tree


def translations(folder: Path, language: str, problems: list[str]) -> dict[str, str]:
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
        except ValueError as error:
            problems.append(f"i18n/{error}")
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
    """The `params`, `baseURL` and `title` of the Hugo configuration beside mkdocs.yml, if
    there is one (a site imported in place keeps it); empty when there is none or it is
    unreadable (`hugomat import` reports that)."""
    if hugo_config.find(root) is None:
        return {}, "", ""
    try:
        config = hugo_config.read(root)
    except ContentError:
        return {}, "", ""
    params = config.data.get("params")
    return (params if isinstance(params, dict) else {}, str(config.data.get("baseurl") or ""),
            str(config.data.get("title") or ""))

"""Reading a Hugo site's own configuration: its root file (hugo.toml / hugo.yaml / hugo.json, or
config.*) and its configuration folder (config/_default/, then config/production/ over it)."""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from hugomat.errors import ContentError, Location

# tomllib's messages end in "(at line L, column C)".
TOML_POSITION = re.compile(r"\s*\(at line (?P<line>\d+), column (?P<column>\d+)\)")

# Hugo's order of precedence when several are present.
CONFIG_NAMES = ("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json",
                "config.toml", "config.yaml", "config.yml", "config.json")


# Hugo builds for this environment unless told otherwise; its folder is merged over _default.
CONFIG_DIRS = ("config/_default", "config/production")
SPLIT_SUFFIXES = (".toml", ".yaml", ".yml", ".json")


@dataclass(frozen=True)
class ConfigFile:
    """One file read, and where its top level sits in the merged configuration."""
    path: Path
    text: str
    under: tuple[str, ...] = ()


@dataclass(frozen=True)
class HugoConfig:
    path: Path
    data: dict[str, Any]
    """Every key lower-cased: Hugo's configuration keys are case-insensitive."""
    others: tuple[Path, ...] = ()
    """Configuration files that were present too and were not read."""
    spelled: dict[str, str] | None = None
    """Lower-cased key -> as written, for the top level and `params.` keys: for messages."""
    text: str = ""
    """The file as read, to find where a key was written."""
    files: tuple[ConfigFile, ...] = ()
    """Every file read, in the order merged (later ones win); empty means just `path`."""

    def name(self, key: str) -> str:
        return (self.spelled or {}).get(key, key)

    def locate(self, keys: tuple[str | int, ...]) -> Location:
        """Where the value at `keys` (lower-cased keys, list indexes) was written, or as near
        it as can be told: its nearest written parent, else the file's first line."""
        files = self.files or (ConfigFile(self.path, self.text),)
        best: Location | None = None
        best_depth = -1
        # The last file that wrote the value set it; a file holds only keys under its own.
        for file in reversed(files):
            if keys[:len(file.under)] != file.under:
                continue
            rest = keys[len(file.under):]
            at, depth = _position(file, rest)
            if depth == len(rest):
                return Location(str(file.path), *(at or (1, 1)))
            if len(file.under) + depth > best_depth:
                best_depth = len(file.under) + depth
                best = Location(str(file.path), *(at or (1, 1)))
        return best or Location(str(files[0].path), 1, 1)


def _position(file: ConfigFile, keys: tuple[str | int, ...]
              ) -> tuple[tuple[int, int] | None, int]:
    if file.path.suffix == ".toml":
        return _toml_position(file.text, keys)
    return _yaml_position(file.text, keys)  # JSON is read as the YAML it also is


def find(site: Path) -> Path | None:
    """The site's root configuration file, else its configuration folder; None if neither."""
    root = next((site / name for name in CONFIG_NAMES if (site / name).is_file()), None)
    if root is not None:
        return root
    return next((site / d for d in CONFIG_DIRS if _split_files(site / d)), None)


def read(site: Path) -> HugoConfig:
    root = next((site / name for name in CONFIG_NAMES if (site / name).is_file()), None)
    parts: list[tuple[Path, tuple[str, ...]]] = []
    others: list[Path] = []
    if root is not None:
        parts.append((root, ()))
        others += [site / n for n in CONFIG_NAMES if (site / n).is_file() and site / n != root]
    for folder in CONFIG_DIRS:
        found, skipped = _folder_parts(site / folder)
        parts += found
        others += skipped
    if not parts:
        looked = ", ".join(CONFIG_NAMES)
        raise ContentError(Location(str(site)), f"not a Hugo site: none of {looked} is there, "
                                                f"nor a {CONFIG_DIRS[0]}/ folder")
    data: dict[str, Any] = {}
    spelled: dict[str, str] = {}
    files: list[ConfigFile] = []
    for path, under in parts:
        text, written = _read_file(path)
        files.append(ConfigFile(path, text, under))
        if not under:
            spelled.update({str(k).lower(): str(k) for k in written})
        if under == ("params",):
            spelled.update({f"params.{str(k).lower()}": f"params.{k}" for k in written})
        params = next((v for k, v in written.items() if str(k).lower() == "params"), None)
        if not under and isinstance(params, dict):
            spelled.update({f"params.{str(k).lower()}": f"params.{k}" for k in params})
        value: Any = lower_keys(written)
        for key in reversed(under):
            value = {key: value}
        _merge(data, value)
    first = files[0]
    return HugoConfig(path=first.path, data=data, others=tuple(others), spelled=spelled,
                      text=first.text, files=tuple(files))


def _split_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in SPLIT_SUFFIXES)


def _folder_parts(folder: Path) -> tuple[list[tuple[Path, tuple[str, ...]]], list[Path]]:
    """The files of one configuration folder, each with the keys its content sits under: the
    root file (hugo.* or config.*, first by Hugo's precedence) holds the top level, `params.toml`
    holds `params`, `menus.en.toml` holds `languages.en.menus` (a key then a language)."""
    files = _split_files(folder)
    roots = [folder / n for n in CONFIG_NAMES if (folder / n) in files]
    parts: list[tuple[Path, tuple[str, ...]]] = [(roots[0], ())] if roots else []
    for path in files:
        if path in roots:
            continue
        key, _, language = path.stem.lower().partition(".")
        under = ("languages", language, key) if language else (key,)
        parts.append((path, under))
    return parts, roots[1:]


def _merge(into: dict[str, Any], over: dict[str, Any]) -> None:
    """Tables merge key by key, as Hugo merges its configuration files; anything else is
    replaced by the later file's value."""
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


def _read_file(path: Path) -> tuple[str, dict[str, Any]]:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ContentError(Location(str(path)), f"cannot read the Hugo configuration: "
                                                f"{error.strerror or error}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        # Counted on the whole file: utf-8-sig counts from after the byte-order mark.
        start = error.start + (3 if raw.startswith(b"\xef\xbb\xbf") else 0)
        before = raw[:start].decode("utf-8-sig")
        line, column = before.count("\n") + 1, len(before) - before.rfind("\n")
        raise ContentError(Location(str(path), line, column),
                           f"the Hugo configuration is not UTF-8 text "
                           f"(byte 0x{raw[start]:02x})") from None
    try:
        if path.suffix == ".toml":
            data = tomllib.loads(text)
        elif path.suffix == ".json":
            data = json.loads(text)
        else:
            data = yaml.safe_load(text) or {}
    except (tomllib.TOMLDecodeError, json.JSONDecodeError, yaml.YAMLError) as error:
        raise ContentError(_where(path, error), f"cannot read the Hugo configuration: "
                                                f"{_first_line(error)}") from None
    if not isinstance(data, dict):
        raise ContentError(Location(str(path)), "the Hugo configuration is not a table of keys")
    return text, data


def lower_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k).lower(): lower_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [lower_keys(v) for v in value]
    return value


def _where(path: Path, error: Exception) -> Location:
    mark = getattr(error, "problem_mark", None)
    if mark is not None:
        return Location(str(path), mark.line + 1, mark.column + 1)
    at = TOML_POSITION.search(str(error))
    if at:
        return Location(str(path), int(at["line"]), int(at["column"]))
    line = getattr(error, "lineno", None)
    column = getattr(error, "colno", None)
    return Location(str(path), line or 1, column or 1)


def _first_line(error: Exception) -> str:
    text = TOML_POSITION.sub("", str(error)).strip()
    return text.splitlines()[0] if text else type(error).__name__


# A TOML table header, [a.b] or [[a.b]], and a TOML key assignment, a.b = ...
TOML_HEADER = re.compile(r"\s*(?P<open>\[\[?)\s*(?P<keys>[^\]]+?)\s*\]")
TOML_KEYS = r"""(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')"""
TOML_ASSIGN = re.compile(rf"\s*(?P<keys>{TOML_KEYS}(?:\s*\.\s*{TOML_KEYS})*)\s*=")
TOML_KEY_PART = re.compile(r"""\"([^"]*)\"|'([^']*)'|([A-Za-z0-9_-]+)""")


def _toml_position(text: str, keys: tuple[str | int, ...]
                   ) -> tuple[tuple[int, int] | None, int]:
    """The line and column of the first header or assignment that names the most of `keys`.
    A line scan, not a parser: tomllib keeps no positions, and configurations are short."""
    table: tuple[str | int, ...] = ()
    arrays: dict[tuple[str | int, ...], int] = {}
    best: tuple[int, int] | None = None
    best_depth = 0
    for number, line in enumerate(text.splitlines(), 1):
        if header := TOML_HEADER.match(line):
            named = _toml_keys(header["keys"])
            if header["open"] == "[[":  # one more entry of an array of tables
                arrays[named] = arrays.get(named, -1) + 1
                named = (*named, arrays[named])
            table, full, column = named, named, header.start("keys") + 1
        elif assign := TOML_ASSIGN.match(line):
            full, column = (*table, *_toml_keys(assign["keys"])), assign.start("keys") + 1
        else:
            continue
        depth = _shared(full, keys)
        if depth > best_depth:
            best, best_depth = (number, column), depth
            if depth == len(keys):
                break
    return best, best_depth


def _toml_keys(dotted: str) -> tuple[str, ...]:
    return tuple(next(g for g in m.groups() if g is not None).lower()
                 for m in TOML_KEY_PART.finditer(dotted))


def _shared(full: tuple[str | int, ...], keys: tuple[str | int, ...]) -> int:
    depth = 0
    for written, wanted in zip(full, keys, strict=False):
        if written != wanted:
            break
        depth += 1
    return depth


def _yaml_position(text: str, keys: tuple[str | int, ...]
                   ) -> tuple[tuple[int, int] | None, int]:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None, 0
    mark = None
    depth = 0
    for key in keys:
        if isinstance(node, yaml.MappingNode) and isinstance(key, str):
            pair = next(((k, v) for k, v in node.value if str(k.value).lower() == key), None)
            if pair is None:
                break
            mark, node = pair[0].start_mark, pair[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and (
                0 <= key < len(node.value)):
            node = node.value[key]
            mark = node.start_mark
        else:
            break
        depth += 1
    return ((mark.line + 1, mark.column + 1) if mark else None), depth

"""Reading a Hugo site's own configuration file (hugo.toml / hugo.yaml / hugo.json, or config.*)."""

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


@dataclass(frozen=True)
class HugoConfig:
    path: Path
    data: dict[str, Any]
    """Every key lower-cased: Hugo's configuration keys are case-insensitive."""
    others: tuple[Path, ...] = ()
    """Configuration files that were present too and were not read."""
    spelled: dict[str, str] | None = None
    """Lower-cased key -> as written, for the top level and `params.` keys: for messages."""

    def name(self, key: str) -> str:
        return (self.spelled or {}).get(key, key)


def find(site: Path) -> Path | None:
    return next((site / name for name in CONFIG_NAMES if (site / name).is_file()), None)


def read(site: Path) -> HugoConfig:
    path = find(site)
    if path is None:
        looked = ", ".join(CONFIG_NAMES)
        raise ContentError(Location(str(site)), f"not a Hugo site: none of {looked} is there")
    others = tuple(site / n for n in CONFIG_NAMES if (site / n).is_file() and site / n != path)
    text = path.read_text(encoding="utf-8-sig")
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
    spelled = {str(k).lower(): str(k) for k in data}
    params = next((v for k, v in data.items() if str(k).lower() == "params"), None)
    if isinstance(params, dict):
        spelled.update({f"params.{str(k).lower()}": f"params.{k}" for k in params})
    return HugoConfig(path=path, data=lower_keys(data), others=others, spelled=spelled)


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

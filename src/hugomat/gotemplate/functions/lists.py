"""Hugo's collections namespace beyond access: append, sort, uniq, reverse, set operations."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..errors import FunctionError
from ..executor import field_path
from ..values import go_str, sort_key
from .core import (
    after,
    as_list,
    equal,
    first,
    in_,
    index,
    isset,
    last,
    make_dict,
    make_slice,
    seq,
    where,
)
from .maths import arithmetic


def append(*args: Any) -> list[Any]:
    """`append ITEM... COLLECTION`; two lists (`append $b $a`) join them."""
    if len(args) < 2:
        raise FunctionError("expected at least 2 arguments to append")
    *items, collection = args
    base = as_list(collection, "append")
    if len(items) == 1 and isinstance(items[0], (list, tuple)) and (
            not base or not isinstance(base[0], (list, tuple))):
        return base + list(items[0])
    return base + items


def _unique(items: list[Any]) -> list[Any]:
    out: list[Any] = []
    for item in items:
        if not any(equal(item, seen) for seen in out):
            out.append(item)
    return out


def uniq(collection: Any) -> list[Any]:
    return _unique(as_list(collection, "uniq"))


def reverse(collection: Any) -> list[Any]:
    return list(reversed(as_list(collection, "reverse")))


def sort(collection: Any, key: Any = None, order: Any = "asc") -> list[Any]:
    direction = go_str(order).lower()
    if direction not in ("asc", "desc"):
        raise FunctionError(f"unknown sort order {go_str(order)!r}")
    if isinstance(collection, Mapping):
        if key is None:
            items = [collection[k] for k in sorted(collection, key=sort_key)]
            return items[::-1] if direction == "desc" else items
        items = list(collection.values())
    else:
        items = as_list(collection, "sort")
    path = None if key is None or go_str(key) == "value" else go_str(key)
    return sorted(items, key=lambda item: _collation_key(field_path(item, path) if path else item),
                  reverse=direction == "desc")


def _collation_key(value: Any) -> tuple[Any, ...]:
    """Hugo sorts strings by the language's collation: case matters only to break ties."""
    if isinstance(value, str):
        return (1, value.casefold(), value)
    return sort_key(value)


def merge(*maps: Any) -> dict[Any, Any]:
    """`merge $a $b`: later maps win, nested maps merge."""
    if len(maps) < 2:
        raise FunctionError("merge needs at least two maps")
    result: dict[Any, Any] = {}
    for mapping in reversed(maps):
        if not isinstance(mapping, Mapping):
            raise FunctionError("merge takes maps")
        for k, v in mapping.items():
            if k not in result:
                result[k] = v
            elif isinstance(result[k], Mapping) and isinstance(v, Mapping):
                result[k] = merge(v, result[k])
    return result


def intersect(left: Any, right: Any) -> list[Any]:
    other = as_list(right, "intersect")
    return _unique([item for item in as_list(left, "intersect")
                    if any(equal(item, o) for o in other)])


def union(left: Any, right: Any) -> list[Any]:
    return _unique(as_list(left, "union") + as_list(right, "union"))


def complement(*args: Any) -> list[Any]:
    if len(args) < 2:
        raise FunctionError("complement needs at least two arguments")
    *others, collection = args
    excluded = [item for other in others for item in as_list(other, "complement")]
    return [item for item in as_list(collection, "complement")
            if not any(equal(item, e) for e in excluded)]


def symdiff(left: Any, right: Any) -> list[Any]:
    a, b = as_list(left, "symdiff"), as_list(right, "symdiff")
    return [x for x in a if not any(equal(x, y) for y in b)] + \
        [y for y in b if not any(equal(y, x) for x in a)]


class Scratch:
    """Hugo's Scratch / Store: a page's or template's scratch pad of values."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}

    def Set(self, key: str, value: Any) -> str:
        self.values[key] = value
        return ""

    def Get(self, key: str) -> Any:
        return self.values.get(key)

    def Add(self, key: str, value: Any) -> str:
        if key not in self.values:
            self.values[key] = value
        elif isinstance(self.values[key], list):
            added = value if isinstance(value, list) else [value]
            self.values[key] = self.values[key] + added
        else:
            self.values[key] = arithmetic("+", self.values[key], value)
        return ""

    def SetInMap(self, key: str, map_key: str, value: Any) -> str:
        self.values.setdefault(key, {})[map_key] = value
        return ""

    def DeleteInMap(self, key: str, map_key: str) -> str:
        self.values.get(key, {}).pop(map_key, None)
        return ""

    def GetSortedMapValues(self, key: str) -> Any:
        mapping = self.values.get(key)
        if not isinstance(mapping, Mapping):
            return None
        return [mapping[k] for k in sorted(mapping, key=sort_key)]

    def Delete(self, key: str) -> str:
        self.values.pop(key, None)
        return ""

    def Values(self) -> dict[str, Any]:
        return self.values


def functions() -> dict[str, Callable[..., Any]]:
    table: dict[str, Callable[..., Any]] = {
        "append": append, "sort": sort, "uniq": uniq, "reverse": reverse, "merge": merge,
        "intersect": intersect, "union": union, "complement": complement, "symdiff": symdiff,
        "newScratch": Scratch, "where": where, "index": index, "first": first, "last": last,
        "after": after, "in": in_, "isset": isset, "dict": make_dict, "slice": make_slice,
        "seq": seq,
    }
    for name in list(table):
        table["collections." + name[0].upper() + name[1:]] = table[name]
    table["collections.Dictionary"] = make_dict
    table["collections.NewScratch"] = Scratch
    table["collections.IsSet"] = isset
    return table

"""Comparison, logic, collections access and conversions (Hugo's compare, collections, cast)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from ..errors import FunctionError
from ..executor import CallContext, field_path, lookup_key
from ..values import MISSING, go_str, is_number, is_true, sprintf, type_name
from .dates import GoTime


# -- comparison -------------------------------------------------------------------------------
def _normal(value: Any) -> Any:
    if value is MISSING:
        return None
    if isinstance(value, bool):
        return value
    if is_number(value):
        return float(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, range):
        return list(value)
    return value


def equal(left: Any, right: Any) -> bool:
    left, right = _normal(left), _normal(right)
    if isinstance(left, bool) != isinstance(right, bool):
        return False
    if isinstance(left, (list, tuple)) and isinstance(right, (list, tuple)):
        return len(left) == len(right) and all(
            equal(a, b) for a, b in zip(left, right, strict=True))
    try:
        return bool(left == right)
    except Exception:
        return False


def _order(left: Any, right: Any) -> int:
    a, b = _normal(left), _normal(right)
    if a is None:
        a = 0.0 if isinstance(b, float) else ("" if isinstance(b, str) else a)
    if b is None:
        b = 0.0 if isinstance(a, float) else ("" if isinstance(a, str) else b)
    if isinstance(a, bool) or isinstance(b, bool):
        a, b = float(a), float(b)
    if any(isinstance(a, kind) and isinstance(b, kind) for kind in (float, str, GoTime)):
        return (a > b) - (a < b)
    raise FunctionError(f"incompatible types for comparison: {type_name(left)} and "
                        f"{type_name(right)}")


def eq(first: Any, *others: Any) -> bool:
    if not others:
        raise FunctionError("missing argument for comparison")
    return any(equal(first, other) for other in others)


def ne(first: Any, second: Any) -> bool:
    return not equal(first, second)


def lt(first: Any, *others: Any) -> bool:
    return all(_order(first, other) < 0 for other in _need(others))


def le(first: Any, *others: Any) -> bool:
    return all(_order(first, other) <= 0 for other in _need(others))


def gt(first: Any, *others: Any) -> bool:
    return all(_order(first, other) > 0 for other in _need(others))


def ge(first: Any, *others: Any) -> bool:
    return all(_order(first, other) >= 0 for other in _need(others))


def _need(others: tuple[Any, ...]) -> tuple[Any, ...]:
    if not others:
        raise FunctionError("missing argument for comparison")
    return others


def not_(value: Any) -> bool:
    return not is_true(value)


def and_(*values: Any) -> Any:  # evaluated lazily by the executor; kept for apply
    result: Any = None
    for result in values:
        if not is_true(result):
            return result
    return result


def or_(*values: Any) -> Any:
    result: Any = None
    for result in values:
        if is_true(result):
            return result
    return result


def cond(control: Any, yes: Any, no: Any) -> Any:
    return yes if is_true(control) else no


def default(fallback: Any, *given: Any) -> Any:
    """Hugo's default: the given value if it is set (false counts as set)."""
    if not given:
        return fallback
    value = given[0]
    if value is None or value is MISSING:
        return fallback
    if isinstance(value, bool):
        return value
    if is_number(value):
        return value if value != 0 else fallback
    if isinstance(value, (str, Sequence, Mapping, set)):
        return value if len(value) else fallback
    return value


# -- collections ------------------------------------------------------------------------------
def length(value: Any) -> int:
    if value is None or value is MISSING:
        raise FunctionError("len of nil")
    if isinstance(value, str):
        return len(value.encode("utf-8"))
    try:
        return len(value)
    except TypeError:
        raise FunctionError(f"len of type {type_name(value)}") from None


def to_int(value: Any) -> int:
    """cast.ToInt as Hugo's `int`: numbers truncate, strings parse as Go literals."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            raise FunctionError(f"unable to cast {go_str(value)} of type float64 to int")
        return int(value)
    if value is None:
        return 0
    if isinstance(value, str):
        text = value.strip()
        digits = text.lstrip("+-")
        sign = text[: len(text) - len(digits)]
        base = 8 if re.fullmatch(r"0[0-7_]+", digits) else 0  # Go reads 0123 as octal
        try:
            return int(sign + (digits[1:] if base == 8 else digits), base)
        except ValueError:
            pass
        try:
            return int(sign + digits, 10)
        except ValueError:
            raise FunctionError(f'unable to cast "{value}" of type string to int') from None
    raise FunctionError(f"unable to cast {go_str(value)} of type {type_name(value)} to int")


def to_float(value: Any) -> float:
    if isinstance(value, (bool, int, float)):
        return float(value)
    if value is None:
        return 0.0
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            raise FunctionError(f'unable to cast "{value}" of type string to float64') from None
    raise FunctionError(f"unable to cast {go_str(value)} of type {type_name(value)} to float64")


def to_string(value: Any) -> str:
    if value is None or value is MISSING:
        return ""
    if isinstance(value, float) and math.isfinite(value):
        text = format(Decimal(repr(value)), "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    if isinstance(value, (Mapping, list, tuple)):
        raise FunctionError(f"unable to cast {go_str(value)} of type {type_name(value)} to string")
    return go_str(value)


def as_list(value: Any, what: str) -> list[Any]:
    if value is None or value is MISSING:
        return []
    if isinstance(value, (list, tuple, range)):
        return list(value)
    if isinstance(value, (str, Mapping)) or not isinstance(value, Iterable):
        raise FunctionError(f"{what} of type {type_name(value)} is not a list")
    return list(value)


def index(collection: Any, *keys: Any) -> Any:
    value = collection
    flat: list[Any] = []
    for key in keys:
        flat.extend(key if isinstance(key, (list, tuple)) else [key])
    for key in flat:
        if value is None or value is MISSING:
            return None
        if isinstance(value, Mapping):
            value = lookup_key(value, key) if isinstance(key, str) else value.get(key, MISSING)
            value = None if value is MISSING else value
        elif isinstance(value, (list, tuple, range, str)):
            position = to_int(key)
            if position < 0 or position > len(value):
                raise FunctionError(f"index out of range: {position}")
            value = value[position] if position < len(value) else None
        else:
            raise FunctionError(f"can't index item of type {type_name(value)}")
    return value


def make_slice(*items: Any) -> list[Any]:
    return list(items)


def make_dict(*pairs: Any) -> dict[Any, Any]:
    if len(pairs) % 2:
        raise FunctionError("invalid dictionary call: needs an even number of arguments")
    result: dict[Any, Any] = {}
    for key, value in zip(pairs[::2], pairs[1::2], strict=True):
        if isinstance(key, (list, tuple)):
            target = result
            for part in key[:-1]:
                target = target.setdefault(str(part), {})
            target[str(key[-1])] = value
        elif isinstance(key, str):
            result[str(key)] = value
        else:
            raise FunctionError(f"dictionary keys must be strings, not {type_name(key)}")
    return result


def first(limit: Any, collection: Any) -> Any:
    count = to_int(limit)
    if count < 0:
        raise FunctionError("sequence length must be non-negative")
    if isinstance(collection, str):
        return collection[:count]
    return as_list(collection, "first")[:count]


def last(limit: Any, collection: Any) -> Any:
    count = to_int(limit)
    if count < 0:
        raise FunctionError("sequence length must be non-negative")
    items = as_list(collection, "last")
    return items[len(items) - count:] if count else []


def after(limit: Any, collection: Any) -> Any:
    count = to_int(limit)
    if count < 0:
        raise FunctionError("sequence bounds out of range")
    return as_list(collection, "after")[count:]


def in_(collection: Any, item: Any) -> bool:
    if collection is None or collection is MISSING:
        return False
    if isinstance(collection, str):
        return go_str(item) in collection
    if isinstance(collection, Mapping):
        return False
    return any(equal(element, item) for element in collection)


def isset(collection: Any, key: Any) -> bool:
    if isinstance(collection, Mapping):
        return lookup_key(collection, key) is not MISSING if isinstance(key, str) \
            else key in collection
    if isinstance(collection, (list, tuple, range)):
        try:
            return 0 <= to_int(key) < len(collection)
        except FunctionError:
            return False
    return False


def seq(*args: Any) -> range:
    """GNU seq's three forms: LAST, FIRST LAST, FIRST INCREMENT LAST (a lazy sequence)."""
    if not 1 <= len(args) <= 3:
        raise FunctionError("invalid number of arguments to seq")
    numbers = [to_int(arg) for arg in args]
    if len(numbers) == 1:
        end = numbers[0]
        if end == 0:
            return range(0)
        step = 1 if end > 0 else -1
        return range(step, end + step, step)
    if len(numbers) == 2:
        start, end = numbers
        step = 1 if end >= start else -1
    else:
        start, step, end = numbers
        if step == 0:
            raise FunctionError("'increment' must not be 0")
        if (end - start) * step < 0:
            raise FunctionError("'increment' must move from 'first' towards 'last'")
    return range(start, end + (1 if step > 0 else -1), step)


def apply(ctx: CallContext, collection: Any, name: Any, *params: Any) -> list[Any]:
    name = go_str(name)
    if not ctx.env.has_function(name):
        raise FunctionError(f'can\'t find function "{name}"')
    results = []
    for item in as_list(collection, "apply"):
        args = [item if isinstance(p, str) and p == "." else p for p in params]
        results.append(ctx.call(name, *args))
    return results


# -- where ------------------------------------------------------------------------------------
_OPERATORS = {"=": "eq", "==": "eq", "eq": "eq", "!=": "ne", "<>": "ne", "ne": "ne",
              ">=": "ge", "ge": "ge", ">": "gt", "gt": "gt", "<": "lt", "lt": "lt",
              "<=": "le", "le": "le", "in": "in", "not in": "not in", "intersect": "intersect",
              "like": "like"}


def _matches(value: Any, operator: str, match: Any) -> bool:
    if match is None:
        if operator == "eq":
            return value is None
        if operator == "ne":
            return value is not None
        return False
    if operator == "eq":
        return equal(value, match)
    if operator == "ne":
        return not equal(value, match)
    if operator in ("in", "not in"):
        found = in_(match, value)
        return found if operator == "in" else not found
    if operator == "intersect":
        values = value if isinstance(value, (list, tuple)) else [value]
        return any(in_(match, v) for v in values)
    if operator == "like":
        return isinstance(value, str) and re.search(go_regexp(go_str(match)), value) is not None
    if value is None:
        return False
    try:
        order = _order(value, match)
    except FunctionError:
        return False
    return {"lt": order < 0, "le": order <= 0, "gt": order > 0, "ge": order >= 0}[operator]


def where(collection: Any, key: Any, *rest: Any) -> Any:
    if len(rest) == 1:
        operator, match = "eq", rest[0]
    elif len(rest) == 2:
        operator = _OPERATORS.get(go_str(rest[0]).lower())
        if operator is None:
            raise FunctionError(f"{go_str(rest[0])} is not a valid where operator")
        match = rest[1]
    else:
        raise FunctionError("can't evaluate the where condition: wrong number of arguments")
    path = go_str(key)
    if isinstance(collection, Mapping):
        return {k: v for k, v in collection.items()
                if _matches(field_path(v, path), operator, match)}
    return [item for item in as_list(collection, "where")
            if _matches(field_path(item, path), operator, match)]


def go_regexp(pattern: str) -> str:
    """Go's RE2 syntax as Python's re reads it (named groups, \\z)."""
    return pattern.replace("(?<", "(?P<").replace("(?P<=", "(?<=").replace("(?P<!", "(?<!") \
        .replace("\\z", "\\Z")


def errorf(fmt: Any, *args: Any) -> str:
    raise FunctionError(sprintf(go_str(fmt), *args))


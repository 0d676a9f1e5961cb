"""Hugo's math namespace: integers stay integers (division truncates, as in Go)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from ..errors import FunctionError
from ..values import is_number
from .core import to_float, to_int


def _number(value: Any) -> int | float:
    if is_number(value):
        return value
    if isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            return to_float(value)
    raise FunctionError(f"can't apply the operator to the values: {value!r} is not a number")


def arithmetic(op: str, left: Any, right: Any) -> Any:
    """One of + - * / on two values, as Hugo's math functions compute it."""
    if op == "+" and isinstance(left, str) and isinstance(right, str):
        return str(left) + str(right)
    a, b = _number(left), _number(right)
    both_int = isinstance(a, int) and isinstance(b, int)
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if b == 0:
        raise FunctionError("can't divide the value by 0")
    if both_int:
        quotient = abs(a) // abs(b)
        return quotient if (a >= 0) == (b >= 0) else -quotient
    return a / b


def _fold(op: str) -> Callable[..., Any]:
    def fold(*values: Any) -> Any:
        if len(values) < 2:
            raise FunctionError("must provide at least two numbers")
        result = values[0]
        for value in values[1:]:
            result = arithmetic(op, result, value)
        return result
    return fold


def mod(left: Any, right: Any) -> int:
    a, b = to_int(left), to_int(right)
    if b == 0:
        raise FunctionError("the number can't be divided by zero at modulo operation")
    return int(math.fmod(a, b))


def _float_fn(fn: Callable[[float], float]) -> Callable[[Any], Any]:
    return lambda value: fn(to_float(value))


def _round(value: Any) -> float:
    number = to_float(value)
    return float(math.floor(abs(number) + 0.5) * (1 if number >= 0 else -1))


def _extreme(pick: Callable[..., Any]) -> Callable[..., float]:
    def choose(*values: Any) -> float:
        flat: list[Any] = []
        for value in values:
            flat.extend(value if isinstance(value, (list, tuple)) else [value])
        if not flat:
            raise FunctionError("must provide at least one number")
        return float(pick(to_float(v) for v in flat))
    return choose


def _pow(base: Any, exponent: Any) -> float:
    return float(math.pow(to_float(base), to_float(exponent)))


def _log(value: Any) -> float:
    number = to_float(value)
    if number <= 0:
        return float("nan") if number < 0 else float("-inf")
    return math.log(number)


def _sqrt(value: Any) -> float:
    number = to_float(value)
    return float("nan") if number < 0 else math.sqrt(number)


def functions() -> dict[str, Callable[..., Any]]:
    add, sub, mul, div = _fold("+"), _fold("-"), _fold("*"), _fold("/")
    return {
        "add": add, "sub": sub, "mul": mul, "div": div, "mod": mod,
        "modBool": lambda a, b: mod(a, b) == 0,
        "math.Add": add, "math.Sub": sub, "math.Mul": mul, "math.Div": div, "math.Mod": mod,
        "math.ModBool": lambda a, b: mod(a, b) == 0,
        "math.Floor": _float_fn(lambda v: float(math.floor(v))),
        "math.Ceil": _float_fn(lambda v: float(math.ceil(v))),
        "math.Round": _round, "math.Sqrt": _sqrt, "math.Pow": _pow, "math.Log": _log,
        "math.Abs": _float_fn(abs), "math.Max": _extreme(max), "math.Min": _extreme(min),
        "math.Pi": lambda: math.pi,
    }

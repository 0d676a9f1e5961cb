"""The one error type for mistakes in content, carrying where they are."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    """A place in a source file; line and column count from 1, columns in characters."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


class ContentError(Exception):
    """A mistake in the book's content, reported as `path:line:col: message`."""

    def __init__(self, location: Location, message: str) -> None:
        super().__init__(f"{location}: {message}")
        self.location = location
        self.message = message

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class ContentErrors(Exception):
    """Several content mistakes found in one pass, reported together."""

    def __init__(self, errors: list[ContentError],
                 warnings: list[ContentError] | None = None) -> None:
        self.errors = sorted(errors, key=_order)
        self.warnings = sorted(warnings or [], key=_order)
        super().__init__("\n".join(str(e) for e in self.errors))


def _order(error: ContentError) -> tuple[str, int, int]:
    where = error.location
    return (where.path, where.line, where.column)

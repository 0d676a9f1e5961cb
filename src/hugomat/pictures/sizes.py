"""How wide Material for MkDocs draws a picture in the content column, as a `sizes` value.

The browser picks a file from `srcset` before it has the stylesheet, from `sizes` alone; a
`sizes` below the drawn width gives a blurry picture, one above it a needlessly large file.
These widths were measured in Chromium on the built site (bench/measure_sizes.py, table in
bench/PICTURES.md). Media conditions are in em as Material's own (16 px each, whatever the
root font-size); lengths are in px and vw only, since `em` in a length would mean 16 px too
and mislead a reader into thinking it follows Material's rem.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class ColumnWidth:
    """From viewport `min_em` up (to the next step), the column is `fixed` px wide, or
    100vw minus `minus` px when it follows the viewport."""

    min_em: float
    fixed: float | None = None
    minus: float | None = None

    @property
    def min_px(self) -> float:
        return self.min_em * 16


# With the table of contents on the right (shown from 60em): below 60em the column is the
# viewport less 0.8rem each side; from 60em the contents take 12.1rem; from 76.25em the
# navigation does too and the grid stops at 61rem; Material's root font grows from 20 px to
# 22 px at 100em and 24 px at 125em, and the fixed column with it.
WITH_TOC = (
    ColumnWidth(125, fixed=825.6),
    ColumnWidth(100, fixed=756.8),
    ColumnWidth(76.25, fixed=688),
    ColumnWidth(60, minus=274),
    ColumnWidth(0, minus=32),
)
# A page that hides its table of contents (front matter `toc: false`).
WITHOUT_TOC = (
    ColumnWidth(125, fixed=1125.6),
    ColumnWidth(100, fixed=1031.8),
    ColumnWidth(76.25, fixed=938),
    ColumnWidth(0, minus=32),
)


def column_sizes(*, toc: bool = True, max_width: int | None = None) -> str:
    """`sizes` for a picture in the content column, drawn at most `max_width` CSS px wide
    (its own width: Material draws a narrower picture at its own size)."""
    steps = WITH_TOC if toc else WITHOUT_TOC
    entries: list[tuple[str | None, str]] = []
    upper = math.inf
    for step in steps:
        if step.fixed is not None:
            entries.append((_em(step), _px(_capped(math.ceil(step.fixed), max_width))))
        else:
            assert step.minus is not None
            follows = f"calc(100vw - {_number(step.minus)}px)"
            clamp_at = None if max_width is None else max_width + step.minus
            if clamp_at is not None and clamp_at <= step.min_px:
                entries.append((_em(step), _px(max_width)))
            else:
                if clamp_at is not None and clamp_at < upper:
                    entries.append((f"(min-width: {_number(clamp_at)}px)", _px(max_width)))
                entries.append((_em(step), follows))
        upper = step.min_px
    return ", ".join(_merged(entries))


def content_sizes(width: int, *, toc: bool = True) -> str:
    """`sizes` for a picture `width` px wide in the body of a page."""
    return column_sizes(toc=toc, max_width=width)


def _capped(px: int, max_width: int | None) -> int:
    return px if max_width is None else min(px, max_width)


def _merged(entries: list[tuple[str | None, str]]) -> list[str]:
    # Neighbouring conditions with the same length are one (the lower condition covers both,
    # as the list is read from the widest viewport down); the last needs no condition.
    kept: list[tuple[str | None, str]] = []
    for condition, length in entries:
        if kept and kept[-1][1] == length:
            kept[-1] = (condition, length)
        else:
            kept.append((condition, length))
    out = [f"{condition} {length}" for condition, length in kept[:-1]]
    return [*out, kept[-1][1]]


def _em(step: ColumnWidth) -> str | None:
    return f"(min-width: {_number(step.min_em)}em)" if step.min_em else None


def _px(value: int | None) -> str:
    return f"{value}px"


def _number(value: float) -> str:
    return f"{value:g}"


BANNER_SIZES = column_sizes(toc=True)
"""The chapter banner spans the column of a page with its table of contents."""
BANNER_SIZES_NO_TOC = column_sizes(toc=False)

"""Telling the user how encoding goes: a live line on a terminal; elsewhere (a CI log, a
file, a test) a line when it starts and one when it ends, nothing in between."""

from __future__ import annotations

import logging
import sys
import time
from typing import Literal, TextIO

log = logging.getLogger("mkdocs.plugins.hugomat")

ProgressMode = Literal["auto", "live", "log"]
# Fewer variants than this finish before a live line would tell anything.
LIVE_ABOVE = 8


class Progress:
    def __init__(self, total: int, workers: int, mode: ProgressMode = "auto",
                 stream: TextIO | None = None) -> None:
        self.total = total
        self.done = 0
        self.stream = stream or sys.stderr
        if mode == "auto":
            mode = "live" if total > LIVE_ABOVE and _is_terminal(self.stream) else "log"
        self.live = mode == "live"
        self.started = time.perf_counter()
        log.info("Encoding %d picture variant%s in %d process%s", total,
                 "" if total == 1 else "s", workers, "" if workers == 1 else "es")

    def advance(self, count: int, what: str) -> None:
        self.done += count
        if self.live:
            self.stream.write("\r\x1b[K" + self.line())
            self.stream.flush()
        else:
            log.debug("Encoded %s", what)

    def line(self) -> str:
        elapsed = time.perf_counter() - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        left = (self.total - self.done) / rate if rate > 0 else None
        eta = f"{int(left) // 60}:{int(left) % 60:02d} left" if left is not None else "…"
        return f"pictures: {self.done}/{self.total} variants, {rate:.1f}/s, {eta}"

    def finish(self) -> float:
        seconds = time.perf_counter() - self.started
        if self.live:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
        log.info("Encoded %d picture variant%s in %.1f s", self.done,
                 "" if self.done == 1 else "s", seconds)
        return seconds


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False

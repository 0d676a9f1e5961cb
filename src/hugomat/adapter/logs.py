"""Log lines for people: content problems read like a compiler's, `path:line:col: message`."""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from hugomat.adapter.compat import PROGRESS_MESSAGES

# MkDocs' own progress lines that would name the temporary folder a build renders into.
HIDDEN_MESSAGES = PROGRESS_MESSAGES

LOCATION = re.compile(r"^(?P<where>[^\s:][^:\n]*:\d+:\d+): (?P<message>.*)$", re.DOTALL)


class PlainFormatter(logging.Formatter):
    """`path:line:col: warning: message` for content, `WARNING: message` for the rest."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        if record.levelno < logging.WARNING:
            return message
        level = record.levelname.lower()
        lines = []
        for line in message.splitlines() or [""]:
            match = LOCATION.match(line)
            if match and record.levelno == logging.WARNING:
                lines.append(f"{match['where']}: warning: {match['message']}")
            elif match:
                lines.append(line)
            else:
                lines.append(f"{level}: {line}")
        return "\n".join(lines)


class CountingHandler(logging.StreamHandler):
    """Writes to stderr and remembers how many warnings and errors went by."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)
        self.counts = {logging.WARNING: 0, logging.ERROR: 0}

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno == logging.INFO and record.getMessage().startswith(HIDDEN_MESSAGES):
            return
        if record.levelno >= logging.ERROR:
            self.counts[logging.ERROR] += 1
        elif record.levelno >= logging.WARNING:
            self.counts[logging.WARNING] += 1
        super().emit(record)


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[tuple[int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.levelno, record.getMessage()))


@contextmanager
def collected() -> Iterator[list[tuple[int, str]]]:
    """The warnings and errors MkDocs and hugomat log while the block runs: (level, message)."""
    collector = _Collector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        yield collector.records
    finally:
        logger.removeHandler(collector)


def setup(verbose: bool = False, quiet: bool = False) -> CountingHandler:
    """Route MkDocs' and hugomat's log records to stderr in the plain format."""
    handler = CountingHandler()
    handler.setFormatter(PlainFormatter())
    logger = logging.getLogger("mkdocs")
    for old in list(logger.handlers):
        logger.removeHandler(old)
    logger.addHandler(handler)
    logger.propagate = False
    logger.setLevel(logging.DEBUG if verbose else logging.WARNING if quiet else logging.INFO)
    return handler

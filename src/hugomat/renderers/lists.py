"""Reading the shape of a Markdown body: is it one list, and where does it stop being one."""

from __future__ import annotations

import re

LIST_ITEM = re.compile(r"(?:[-*+]|[0-9]{1,9}[.)])(?:[ \t]|$)")
_FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})")


def stray_line(text: str) -> str | None:
    """The first line of `text` that is not part of a top-level list, or None if it all is.

    A top-level line belongs to the list when it starts an item, or continues the paragraph
    just above it (a lazy line); everything indented belongs to the item it is in.
    """
    previous_blank = True
    fence: str | None = None
    started = False
    for line in text.split("\n"):
        opener = _FENCE.match(line)
        if fence is not None:
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                fence = None
            continue
        if opener:
            fence = opener.group(1)
        if not line.strip():
            previous_blank = True
            continue
        top_level = not line[:1].isspace()
        if top_level and not LIST_ITEM.match(line) and (previous_blank or not started):
            return line.strip()
        started = True
        previous_blank = False
    return None if started else ""

"""Whether a process still runs: for folders and cache files named after the build that made
them, and for encoding workers watching their build."""

from __future__ import annotations

import os


def alive(pid: int) -> bool:
    """True unless no process `pid` exists (this process and another user's count as alive)."""
    if pid <= 0 or pid == os.getpid():  # kill(0) would mean the whole process group
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OverflowError:  # no process can have that number
        return False
    except PermissionError:  # another user's process
        return True
    return True

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


# prctl(2) option: the signal this process gets when its parent dies.
_PR_SET_PDEATHSIG = 1


def killed_with_parent() -> None:
    """Have this process killed when its parent process ends (prctl's PDEATHSIG); Linux only."""
    import ctypes
    import signal
    import sys

    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def die_with_parent(parent: int) -> None:
    """Have this (forked) process killed when process `parent` ends; Linux only. If the parent
    ended before the request took effect, end now."""
    killed_with_parent()
    if os.getppid() != parent:
        os._exit(1)

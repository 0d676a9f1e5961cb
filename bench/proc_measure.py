"""Running commands for the build-speed benchmark: wall clock, peak memory, and nothing else.

Each command runs as a subprocess of this one; a group of commands may run at the same time
(then the wall clock is until the last one ends). Two memory figures are taken:

  max_rss_kb   the largest resident set of any one process of the tree (wait4's rusage of the
               command, which includes every descendant it has waited for), reported by GNU
               time (/usr/bin/time), or where it is missing by a small Python launcher: a
               process forked straight from this one would count this process's own peak
               too, since Linux records the parent's peak in the child's at exec
  cpu_seconds  user + system seconds of the whole tree (the same rusage)
  others       the share of all cores busy with other processes meanwhile (/proc/stat): the
               noise of a shared machine, to tell a slow run from a busy machine
  tree_kb      the peak of the resident sets of the whole tree added up, sampled from /proc
               every `sample` seconds (only when asked for: the sampling costs a little CPU)
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


class CommandFailed(RuntimeError):
    pass


@dataclass(frozen=True)
class Measured:
    seconds: float
    max_rss_kb: int
    tree_kb: int | None = None
    cpu_seconds: float = 0.0
    """User + system time of the commands and all their descendants."""
    others: float = 0.0
    """The share of all cores that other processes kept busy meanwhile (0 to 1): the noise."""


def run(*commands: Sequence[str], env: dict[str, str] | None = None, cwd: Path | None = None,
        sample: float | None = None) -> Measured:
    """Run `commands` at the same time and wait for all of them; raises CommandFailed (with
    their stderr) when one exits with an error."""
    with contextlib.ExitStack() as stack:
        logs = [stack.enter_context(tempfile.TemporaryFile()) for _ in commands]
        busy_before = _busy_seconds()
        start = time.perf_counter()
        reports = [stack.enter_context(tempfile.NamedTemporaryFile()) for _ in commands]
        processes = [subprocess.Popen(_launcher(report.name) + list(command), env=env, cwd=cwd,
                                      stdin=subprocess.DEVNULL, stdout=log,
                                      stderr=subprocess.STDOUT)
                     for command, log, report in zip(commands, logs, reports, strict=True)]
        sampler = _TreeSampler([p.pid for p in processes], sample) if sample else None
        max_rss = 0
        cpu = 0.0
        failures = []
        for process, command, log, report in zip(processes, commands, logs, reports,
                                                 strict=True):
            process.wait()
            report.seek(0)
            fields = report.read().decode().split()[-3:]
            if len(fields) == 3:
                max_rss = max(max_rss, int(fields[0]))
                cpu += float(fields[1]) + float(fields[2])
            if process.returncode != 0:
                log.seek(0)
                output = log.read().decode("utf-8", "replace")[-4000:]
                failures.append(f"{' '.join(command)} exited with {process.returncode}:\n"
                                f"{output}")
        seconds = time.perf_counter() - start
        busy = _busy_seconds() - busy_before
        tree = sampler.stop() if sampler else None
    if failures:
        raise CommandFailed("\n".join(failures))
    others = max(0.0, busy - cpu) / (seconds * (os.cpu_count() or 1))
    return Measured(seconds, max_rss, tree, cpu, min(1.0, others))


GNU_TIME = "/usr/bin/time"
# Forks the command, waits for it, and writes its peak RSS (KB), user and system seconds into
# the file argv[1], as GNU time's "%M %U %S" does.
_LAUNCHER = (
    "import os, sys\n"
    "pid = os.fork()\n"
    "if pid == 0:\n"
    "    os.execvp(sys.argv[2], sys.argv[2:])\n"
    "_, status, usage = os.wait4(pid, 0)\n"
    "open(sys.argv[1], 'w').write(f'{usage.ru_maxrss} {usage.ru_utime} {usage.ru_stime}')\n"
    "sys.exit(os.waitstatus_to_exitcode(status))\n"
)


def _launcher(report: str) -> list[str]:
    if os.access(GNU_TIME, os.X_OK):
        return [GNU_TIME, "-q", "-f", "%M %U %S", "-o", report]
    return [sys.executable, "-c", _LAUNCHER, report]


def _busy_seconds() -> float:
    """Seconds all cores have spent busy since boot (/proc/stat: all but idle and iowait)."""
    with open("/proc/stat", encoding="ascii") as stat:
        ticks = [int(t) for t in stat.readline().split()[1:]]
    idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0)
    # guest time is already counted in user time
    return (sum(ticks[:8]) - idle) / os.sysconf("SC_CLK_TCK")


class _TreeSampler:
    """The peak of the summed resident sets of some processes and all their descendants."""

    def __init__(self, roots: list[int], interval: float) -> None:
        self.roots = set(roots)
        self.interval = interval
        self.peak = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def stop(self) -> int:
        self._done.set()
        self._thread.join()
        return self.peak

    def _loop(self) -> None:
        while not self._done.is_set():
            self.peak = max(self.peak, self._sample())
            self._done.wait(self.interval)

    def _sample(self) -> int:
        parents: dict[int, int] = {}
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as stat:
                    fields = stat.read().rsplit(b")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry.name)] = int(fields[1])
        tree = set(self.roots) & parents.keys()
        grown = True
        while grown:
            grown = False
            for pid, parent in parents.items():
                if parent in tree and pid not in tree:
                    tree.add(pid)
                    grown = True
        total = 0
        for pid in tree:
            try:
                with open(f"/proc/{pid}/statm", "rb") as statm:
                    total += int(statm.read().split()[1]) * PAGE_KB
            except OSError:
                continue
        return total

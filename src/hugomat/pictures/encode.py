"""Making variants: what one worker process does with one task.

A task is one source and some of its variants. The source is read and decoded once; each
width is resized from the next larger one (Lanczos), so the big resize from the full picture
happens once, and every variant is written under a temporary name in the cache folder and
renamed into place only when complete.
"""

from __future__ import annotations

import hashlib
import io
import os
import select
import signal
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageFilter

from hugomat.pictures import records
from hugomat.pictures.decode import PictureError, decode
from hugomat.pictures.planning import Variant
from hugomat.processes import alive, killed_with_parent

TEMP_PREFIX = ".tmp-"
_RESAMPLE = Image.Resampling.LANCZOS
# The placeholder comes straight from the source; a box reduction first keeps that cheap.
_PLACEHOLDER_REDUCING_GAP = 3.0
_PLACEHOLDER_BLUR = 0.6


@dataclass(frozen=True)
class Task:
    source: Path
    digest: str
    variants: tuple[Variant, ...]
    cache_dir: Path
    max_pixels: int | None


@dataclass(frozen=True)
class TaskResult:
    written: tuple[str, ...]
    error: str | None = None
    """Why the source could not be made into variants; None when all were written."""


def start_worker(build_pid: int) -> None:
    """Set up an encoding process (the pool's initializer): it ignores Ctrl-C and dies with
    the build that started it.

    Ctrl-C reaches every process of the terminal's group; the build handles it and stops the
    workers, so a worker's own KeyboardInterrupt would only print a traceback. A build killed
    outright (kill -9, the OOM killer) cannot stop them, and they would otherwise encode on
    and wait for work that never comes, holding memory and the terminal's output."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Killed when our parent dies: the build itself, or the forkserver it started.
    killed_with_parent()
    # The forkserver may outlive the build, so the build itself is watched too.
    threading.Thread(target=_exit_with, args=(build_pid,), name="hugomat-watchdog",
                     daemon=True).start()


def _exit_with(pid: int) -> None:
    """Return never; end this process as soon as process `pid` has ended."""
    try:
        # Readable once the process has exited (even before it is reaped): no polling.
        handle = os.pidfd_open(pid)
    except ProcessLookupError:
        os._exit(1)
    except (AttributeError, OSError):
        while alive(pid):
            time.sleep(1.0)
        os._exit(1)
    select.select([handle], [], [])
    os._exit(1)


def decoded_source(path: Path, digest: str, max_pixels: int | None) -> Image.Image | str:
    """The source as planned (its SHA-256 `digest`), decoded; or why it cannot be: an error
    message, not raised, since a ContentError does not survive pickling and the caller knows
    the location to give it."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return f"cannot be read: {error.strerror or error}"
    if hashlib.sha256(data).hexdigest() != digest:
        return "changed while the site was being built; build again"
    try:
        return decode(data, max_pixels)
    except PictureError as error:
        return str(error)


def run_task(task: Task) -> TaskResult:
    """Make the task's variants. A bad source is returned as an error message, not raised."""
    source = decoded_source(task.source, task.digest, task.max_pixels)
    if isinstance(source, str):
        return TaskResult((), source)
    written = []
    for variant, pixels in render(source, task.variants):
        try:
            data = encode(pixels, variant)
        except (OSError, ValueError, RuntimeError) as error:
            # What the encoder refuses: planning already refuses shapes no width fits.
            return TaskResult(tuple(written), f"cannot be encoded as {variant.format.upper()} "
                                              f"at {variant.width}x{variant.height}: {error}")
        write_entry(task.cache_dir / variant.name, data)
        written.append(variant.name)
    return TaskResult(tuple(written))


def write_entry(path: Path, data: bytes) -> None:
    """A variant and, first, its record (records.py): whatever stops the writer, a variant
    in the cache has the record of its whole bytes, or is found out when next reused."""
    record = records.describe(data)
    write_atomically(records.record_path(path), record.encode("ascii"))
    write_atomically(path, data)
    write_atomically(records.record_path(path), records.stamped(record, path).encode("ascii"))


def render(source: Image.Image,
           variants: tuple[Variant, ...]) -> Iterator[tuple[Variant, Image.Image]]:
    """Each variant with its pixels, largest first, every width resized from the previous."""
    resized: dict[tuple[int, ...], Image.Image] = {(): source}

    def through(steps: tuple[int, ...]) -> Image.Image:
        if steps not in resized:
            parent = through(steps[:-1])
            width = steps[-1]
            height = max(1, round(source.height * width / source.width))
            resized[steps] = parent.resize((width, height), _RESAMPLE)
        return resized[steps]

    for variant in sorted(variants, key=lambda v: (-v.width, v.chain, v.name)):
        if variant.role == "social":
            pixels = source.resize((variant.width, variant.height), _RESAMPLE, box=variant.crop)
        elif variant.role == "placeholder":
            pixels = placeholder_pixels(source, variant.width, variant.height)
        elif variant.width == source.width:
            pixels = through(variant.chain)
        else:
            pixels = through((*variant.chain, variant.width))
        yield variant, pixels


def placeholder_pixels(source: Image.Image, width: int, height: int) -> Image.Image:
    tiny = source.resize((width, height), _RESAMPLE, reducing_gap=_PLACEHOLDER_REDUCING_GAP)
    return tiny.filter(ImageFilter.GaussianBlur(_PLACEHOLDER_BLUR))


def encode(pixels: Image.Image, variant: Variant) -> bytes:
    """The variant's file. The settings make the bytes depend on the pixels alone: one AVIF
    thread (libaom's multithreaded output depends on the thread count), no metadata."""
    options = dict(variant.options)
    out = io.BytesIO()
    if variant.format == "avif":
        pixels.save(out, "AVIF", quality=options["quality"], speed=options["speed"],
                    max_threads=1, subsampling="4:2:0")
    elif variant.format == "webp":
        pixels.save(out, "WEBP", quality=options["quality"], method=options["method"])
    else:
        if pixels.mode == "RGBA":
            # JPEG has no transparency: the see-through parts become the page's white.
            flat = Image.new("RGB", pixels.size, (255, 255, 255))
            flat.paste(pixels, mask=pixels.getchannel("A"))
            pixels = flat
        pixels.save(out, "JPEG", quality=options["quality"], optimize=True, progressive=True,
                    subsampling="4:2:0")
    return out.getvalue()


def _file_mode() -> int:
    """What open() gives a new file under this process's umask (read once, at import, before
    any thread could create a file between the two calls)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


FILE_MODE = _file_mode()


def write_atomically(path: Path, data: bytes) -> None:
    """Write under a temporary name in the same folder, then rename: a reader (or the next
    build) sees the whole file or none. The temp name carries our pid so a later run can tell
    an orphan (its writer gone) from a file being written now."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f"{TEMP_PREFIX}{os.getpid()}-",
                                suffix=path.suffix)
    try:
        # mkstemp makes the file private (0600); the site links to it, so it is made
        # readable as a file written the usual way would be.
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise

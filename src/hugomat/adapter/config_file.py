"""Whether mkdocs.yml can be read at all, said as a usage error (exit 2) before MkDocs reads it.

MkDocs raises a bare OSError for a folder named mkdocs.yml and a TypeError for a file that
holds one number, and waits forever on a named pipe; a person should read one line instead.
"""

from __future__ import annotations

import stat
from pathlib import Path

import yaml
from yaml.reader import ReaderError

# MkDocs' own order when no -f is given.
DEFAULT_NAMES = ("mkdocs.yml", "mkdocs.yaml")

# YAML reads UTF-16 and UTF-32 files that start with a byte-order mark, and so does MkDocs.
WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff")


def config_file_problem(config_file: str | None) -> str | None:
    """What keeps the configuration file from being read, as `path[:line:col]: message`, or
    None when it can be (or is missing, which MkDocs says well enough itself)."""
    path = _find(config_file)
    if path is None:
        return None
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            return f"{path}: is a folder, not a configuration file"
        if not stat.S_ISREG(mode):
            return f"{path}: is not a regular file"
        data = path.read_bytes()
    except OSError as error:
        return f"{path}: cannot be read: {error.strerror or error}"
    if data.startswith(WIDE_BOMS):
        text: str | bytes = data
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            line, column = _position(data[:error.start].decode("utf-8", "replace"))
            return (f"{path}:{line}:{column}: is not UTF-8 text "
                    f"(byte 0x{data[error.start]:02x})")
    try:
        # The node tree only: MkDocs' own tags (!ENV, !relative) need not be known here.
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        return f"{where}: not valid YAML: {error.problem or error.context}"
    except ReaderError as error:
        where = str(path)
        if isinstance(text, str):
            line, column = _position(text[:error.position])
            where = f"{where}:{line}:{column}"
        character = error.character
        shown = f"U+{character:04X}" if isinstance(character, int) else repr(character)
        return f"{where}: not valid YAML: {error.reason} (character {shown})"
    except yaml.YAMLError as error:
        return f"{path}: not valid YAML: {error}"
    if node is not None and not isinstance(node, yaml.MappingNode):
        mark = node.start_mark
        return (f"{path}:{mark.line + 1}:{mark.column + 1}: expected settings written as "
                f"`key: value`, found a single value or a list")
    return None


def _find(config_file: str | None) -> Path | None:
    # lstat: a dangling or looping link named mkdocs.yml is found here and reported.
    names = DEFAULT_NAMES if config_file is None else (config_file,)
    return next((Path(name) for name in names if _exists(Path(name))), None)


def _exists(path: Path) -> bool:
    try:
        path.lstat()
    except OSError:
        return False
    return True


def _position(before: str) -> tuple[int, int]:
    """The 1-based line and column just after `before`."""
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1

"""A TinyDB storage whose every write is atomic and durable.

TinyDB's own ``JSONStorage`` rewrites its file in place: a crash half way
leaves a truncated file. This storage writes a temporary file in the same
folder, flushes and fsyncs it, replaces the real file with it in one step and
fsyncs the folder, so the file on disk is always either the old complete
document or the new complete one.

Unlike ``JSONStorage`` it never treats an empty or unreadable file as an
empty database: it raises :class:`UnreadableFile`, so the caller can move the
file aside instead of overwriting it.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from tinydb.storages import Storage


class UnreadableFile(ValueError):
    """The file exists but does not hold a JSON document (message in plain words)."""


def fsync_folder(folder: Path) -> None:
    """Make a rename inside ``folder`` durable (no-op where folders cannot be opened)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` so that a crash leaves old or new, never half."""
    folder = path.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        raise
    fsync_folder(folder)


def read_json(path: Path) -> Any:
    """Read a JSON file; raise UnreadableFile saying what is wrong with it."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise
    except OSError as err:
        raise UnreadableFile(f"it could not be read ({err.strerror})") from None
    if not raw.strip():
        raise UnreadableFile("the file is empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        if err.reason == "unexpected end of data":  # cut inside a character
            raise UnreadableFile("the file is cut short (it may be damaged)") from None
        raise UnreadableFile("the file is not text (it may be damaged)") from None
    try:
        return json.loads(text)
    except RecursionError:
        raise UnreadableFile("the file is nested too deeply to be a coprod-workshop file") from None
    except json.JSONDecodeError as err:
        if _cut_short(text, err):
            raise UnreadableFile("the file is cut short (it may be damaged)") from None
        raise UnreadableFile(
            f"the file is damaged (unexpected content at line {err.lineno}, column {err.colno})"
        ) from None


def _cut_short(text: str, err: json.JSONDecodeError) -> bool:
    """Whether the JSON error comes from the text ending early (a truncated file)."""
    if err.msg.startswith("Unterminated string"):
        return True  # the text ends inside a string
    if err.msg == "Extra data":
        return False
    rest = text[err.pos :].rstrip()
    # The text ends at the error, or inside a number or a true/false/null.
    return all(c in "0123456789+-.eE" for c in rest) or any(
        word.startswith(rest) for word in ("true", "false", "null")
    )


class AtomicJSONStorage(Storage):
    """TinyDB storage: JSON file, atomic replace on every write.

    ``indent`` keeps hand-maintained files (the ready-made plans) readable;
    user files are written compactly.
    """

    def __init__(self, path: str | os.PathLike[str], indent: int | None = None) -> None:
        self.path = Path(path)
        self.indent = indent

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            data = read_json(self.path)
        except FileNotFoundError:
            return None
        if not isinstance(data, dict) or not all(
            isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values())
            for table in data.values()
        ):
            raise UnreadableFile("the file is not a coprod-workshop database")
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        separators = (",", ":") if self.indent is None else None
        text = json.dumps(data, ensure_ascii=False, indent=self.indent, separators=separators)
        write_atomically(self.path, text)

    def close(self) -> None:
        pass

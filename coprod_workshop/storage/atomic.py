"""A TinyDB storage whose every write is atomic and durable.

TinyDB's own ``JSONStorage`` rewrites its file in place: a crash half way
leaves a truncated file. This storage writes a temporary file in the same
folder, flushes and fsyncs it, replaces the real file with it in one step and
fsyncs the folder, so the file on disk is always either the old complete
document or the new complete one.

Unlike ``JSONStorage`` it never treats an empty or unreadable file as an
empty database: it raises :class:`UnreadableFile`, so the caller can move the
file aside instead of overwriting it. It opens regular files only (never a
FIFO or a device) and reads at most ``MAX_FILE_BYTES``.

Every file it writes compactly ends with a ``checksum`` table holding the
SHA-256 of the rest, so a file changed after it was saved (a bit flipped on
the disk) is told from a good one. Files without it (the ready-made plans,
files of older versions) are read as they are.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import stat
import tempfile
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

#: no file the app writes comes near this; a bigger one is refused unread
MAX_FILE_BYTES = 8 * 1024 * 1024
CHECKSUM_TABLE = "checksum"


class UnreadableFile(ValueError):
    """The file exists but does not hold a JSON document (message in plain words)."""


class NotPermitted(UnreadableFile):
    """The file may be fine, but this user may not read it: leave it where it is."""


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


def read_limited(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of the regular file ``path``; never waits on a FIFO or reads a device."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise
    except OSError as err:
        if err.errno in (errno.EACCES, errno.EPERM):
            raise NotPermitted(f"it cannot be read ({err.strerror})") from None
        raise UnreadableFile(f"it could not be read ({err.strerror})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile("it is not a regular file")
        if info.st_size > limit:
            raise UnreadableFile(_too_large(info.st_size, limit))
        with os.fdopen(fd, "rb", closefd=False) as handle:
            raw = handle.read(limit + 1)
    except OSError as err:
        raise UnreadableFile(f"it could not be read ({err.strerror})") from None
    finally:
        os.close(fd)
    if len(raw) > limit:
        raise UnreadableFile(_too_large(len(raw), limit))
    return raw


def _too_large(size: int, limit: int) -> str:
    return (
        f"the file is too large ({size / 1_048_576:.1f} MB; "
        f"a coprod-workshop file is at most {limit // 1_048_576} MB)"
    )


def read_json(path: Path) -> Any:
    """Read a JSON file; raise UnreadableFile saying what is wrong with it."""
    raw = read_limited(path)
    if not raw.strip():
        raise UnreadableFile("the file is empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        if err.reason == "unexpected end of data":  # cut inside a character
            raise UnreadableFile("the file is cut short (it may be damaged)") from None
        raise UnreadableFile("the file is not text (it may be damaged)") from None
    try:
        data = json.loads(text)
    except RecursionError:
        raise UnreadableFile("the file is nested too deeply to be a coprod-workshop file") from None
    except json.JSONDecodeError as err:
        if _cut_short(text, err):
            raise UnreadableFile("the file is cut short (it may be damaged)") from None
        raise UnreadableFile(
            f"the file is damaged (unexpected content at line {err.lineno}, column {err.colno})"
        ) from None
    except ValueError:  # a number of thousands of digits
        raise UnreadableFile("the file holds a number far too long to be a real value") from None
    if _SURROGATE_ESCAPE.search(text) and not _all_text_is_unicode(data):
        raise UnreadableFile("the file holds a broken character (it may be damaged)")
    return data


#: a JSON escape of half a character (a UTF-16 surrogate): valid in a pair
#: (an emoji), damage alone, since such a text cannot be shown or saved
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _all_text_is_unicode(data: Any) -> bool:
    """Whether every key and text in ``data`` can be written as UTF-8."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return False
    return True


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def encode(data: dict[str, dict[str, Any]]) -> str:
    """The compact text of a file's tables, its checksum table added."""
    return with_checksum(_dumps(data))


def with_checksum(text: str) -> str:
    """``text`` (a compact JSON object) with a checksum table of itself added."""
    table = f'"{CHECKSUM_TABLE}":{{"1":{{"sha256":"{_digest(text)}"}}}}'
    return "{" + table + "}" if text == "{}" else text[:-1] + "," + table + "}"


def check_checksum(data: dict[str, Any]) -> None:
    """Remove and verify the checksum table of ``data``, if it has one."""
    if CHECKSUM_TABLE not in data:
        return
    table = data.pop(CHECKSUM_TABLE)
    expected = table.get("1", {}).get("sha256") if isinstance(table, dict) else None
    if not isinstance(expected, str) or expected != _digest(_dumps(data)):
        raise UnreadableFile(
            "the file does not match its checksum: it changed after it was saved "
            "(damage on the disk)"
        )


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
        check_checksum(data)
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if self.indent is None:
            self.write_encoded(encode(data))
        else:
            write_atomically(self.path, json.dumps(data, ensure_ascii=False, indent=self.indent))

    def write_encoded(self, text: str) -> None:
        """Write tables already encoded by :func:`encode` (on any thread)."""
        write_atomically(self.path, text)

    def close(self) -> None:
        pass

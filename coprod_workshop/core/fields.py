"""Small helpers that read fields from stored documents with clear errors."""

from __future__ import annotations

from typing import Any, TypeVar

from coprod_workshop.core.errors import DocumentError

T = TypeVar("T")

_TYPE_NAMES = {str: "text", int: "a whole number", list: "a list", dict: "a record", bool: "yes/no"}


def field(doc: Any, name: str, kind: type[T], where: str, default: Any = ...) -> T:
    """Return ``doc[name]`` if it has type ``kind``; raise DocumentError otherwise."""
    if not isinstance(doc, dict):
        raise DocumentError(f"{where} is not a record")
    if name not in doc:
        if default is not ...:
            return default  # type: ignore[no-any-return]
        raise DocumentError(f"{where} has no {name!r}")
    value = doc[name]
    ok = isinstance(value, kind) and not (kind is int and isinstance(value, bool))
    if not ok:
        raise DocumentError(f"{where}: {name!r} should be {_TYPE_NAMES.get(kind, kind.__name__)}")
    checked: T = value
    return checked


def text_list(doc: Any, name: str, where: str, default: Any = ...) -> list[str]:
    """Return a list of strings stored under ``name``."""
    values = field(doc, name, list, where, default)
    if not all(isinstance(item, str) for item in values):
        raise DocumentError(f"{where}: every item of {name!r} should be text")
    return list(values)


def clean_text(text: str, limit: int) -> str:
    """One line, single spaces, at most ``limit`` characters."""
    return " ".join(text.split())[:limit].strip()

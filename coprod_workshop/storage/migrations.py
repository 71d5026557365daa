"""Upgrades of stored session documents from older formats.

Every stored session carries ``"schema": N``. When the format changes,
``SCHEMA_VERSION`` in ``core.session`` goes up by one and a function that
upgrades a version N document to N+1 is added to ``MIGRATIONS[N]``. Documents
are upgraded step by step when read and written back in the new format on the
next save; the file on disk is never rewritten just because it was read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from coprod_workshop.core import session as session_model
from coprod_workshop.core.errors import DocumentError

Doc = dict[str, Any]

#: version N -> function upgrading a version N document to version N + 1
MIGRATIONS: dict[int, Callable[[Doc], Doc]] = {}


def upgrade(doc: Any) -> Any:
    """Return ``doc`` upgraded to the current schema (unchanged if already current)."""
    if not isinstance(doc, dict) or not isinstance(doc.get("schema"), int):
        return doc  # Session.from_doc explains what is wrong
    version = doc["schema"]
    if version < 1:
        raise DocumentError(f"format {version} is not a coprod-workshop format")
    while version < session_model.SCHEMA_VERSION:
        try:
            step = MIGRATIONS[version]
        except KeyError:
            raise DocumentError(f"no upgrade is known from format {version}") from None
        doc = step(dict(doc))
        version += 1
        doc["schema"] = version
    return doc

"""What the content tests share: where the source documents are, and how quotations
are compared with them."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _seeds() -> Path:
    """The source documents: $COPROD_SEEDS, else shared/seeds beside the repository
    (or beside the folder that holds this working copy)."""
    if os.environ.get("COPROD_SEEDS"):
        return Path(os.environ["COPROD_SEEDS"])
    for base in (ROOT.parent, ROOT.parent.parent):
        if (base / "shared" / "seeds").is_dir():
            return base / "shared" / "seeds"
    return ROOT.parent / "shared" / "seeds"


SEEDS = _seeds()


def normalised(text: str) -> str:
    """Letters and digits only, lower case: whitespace, punctuation, hyphens and the
    shapes of quotation marks never decide whether a quotation matches."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


def content_files() -> list[Path]:
    return sorted((ROOT / "resources").rglob("*.json")) + sorted((ROOT / "sessions").glob("*.json"))


def strings(doc: Any, path: str = "") -> Iterator[tuple[str, str, Any]]:
    """Every string in a JSON document: (where, the string, the object holding it)."""
    if isinstance(doc, dict):
        for key, value in doc.items():
            if isinstance(value, str):
                yield f"{path}/{key}", value, doc
            else:
                yield from strings(value, f"{path}/{key}")
    elif isinstance(doc, list):
        for index, value in enumerate(doc):
            if isinstance(value, str):
                yield f"{path}[{index}]", value, doc
            else:
                yield from strings(value, f"{path}[{index}]")


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))

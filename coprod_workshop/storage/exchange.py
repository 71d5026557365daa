"""Sharing a plan as a single file: export a template, import a colleague's.

A plan file is a session file (the TinyDB format of ``sessions/``) with an
``about`` table saying what wrote it. Importing never trusts the file: size,
shape, every field, the exercise kinds and the format version are checked,
each failure gets a message naming the problem, and what is imported is a
fresh copy (new ids, no room results) that never replaces anything.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from coprod_workshop import APP_NAME, __version__
from coprod_workshop.core.errors import DocumentError, NewerSchemaError
from coprod_workshop.core.registry import Registry
from coprod_workshop.core.session import Session
from coprod_workshop.storage.atomic import UnreadableFile, write_atomically
from coprod_workshop.storage.store import TABLE, read_session_file

SUFFIX = ".coprod.json"
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_STEPS = 100
MAX_TITLE = 200
MAX_NOTES = 20_000


class PlanFileError(Exception):
    """A plan file cannot be imported; the message names the problem in plain words."""


def export_plan(session: Session, path: Path) -> Path:
    """Write ``session`` (a template) to ``path`` as a plan file a colleague can import."""
    path = Path(path)
    if not path.name.endswith(SUFFIX):
        path = path.with_name(path.name.removesuffix(".json") + SUFFIX)
    doc = {
        "about": {
            "1": {
                "app": APP_NAME,
                "version": __version__,
                "exported": datetime.now().isoformat(timespec="seconds"),
            }
        },
        TABLE: {"1": session.to_doc()},
    }
    write_atomically(path, json.dumps(doc, ensure_ascii=False, indent=1))
    return path


def read_plan_file(path: Path, registry: Registry) -> Session:
    """Read a plan file for import; raise PlanFileError saying what is wrong.

    Returns a new template: fresh ids, the room's results dropped.
    """
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
    except OSError as err:
        raise PlanFileError(f"{name} could not be read ({err.strerror}).") from None
    if not path.is_file():
        raise PlanFileError(f"{name} is not a file.")
    if size > MAX_FILE_BYTES:
        raise PlanFileError(
            f"{name} is too large to be a plan ({size / 1_048_576:.1f} MB; "
            f"a plan file is at most {MAX_FILE_BYTES // 1_048_576} MB)."
        )
    try:
        plan = read_session_file(path, registry)
    except NewerSchemaError as err:
        raise PlanFileError(
            f"{name} cannot be imported: {err}. Update coprod-workshop first."
        ) from None
    except (UnreadableFile, DocumentError) as err:
        raise PlanFileError(f"{name} is not a usable coprod-workshop plan: {err}.") from None
    except (ValueError, TypeError, AttributeError) as err:  # shapes TinyDB itself rejects
        raise PlanFileError(f"{name} is not a coprod-workshop plan ({err}).") from None
    _check_limits(plan, name)
    template = plan.copy_as_new(registry)
    template.title = plan.title
    template.date = ""
    return template


def _check_limits(plan: Session, name: str) -> None:
    if not plan.title.strip():
        raise PlanFileError(f"{name} is not a usable plan: it has no title.")
    if len(plan.title) > MAX_TITLE:
        raise PlanFileError(
            f"{name} is not a usable plan: its title is longer than {MAX_TITLE} characters."
        )
    if not plan.steps:
        raise PlanFileError(f"{name} is not a usable plan: it has no steps.")
    if len(plan.steps) > MAX_STEPS:
        raise PlanFileError(f"{name} has {len(plan.steps)} steps; a plan has at most {MAX_STEPS}.")
    for number, step in enumerate(plan.steps, start=1):
        if not step.title.strip() or len(step.title) > MAX_TITLE:
            raise PlanFileError(
                f"{name} is not a usable plan: step {number} needs a title "
                f"of 1 to {MAX_TITLE} characters."
            )
        if len(step.notes) > MAX_NOTES:
            raise PlanFileError(
                f"{name} is not a usable plan: the notes of step {number} are too long."
            )


def unique_title(title: str, taken: set[str]) -> str:
    """``title``, or ``title (2)``, ``title (3)``... whichever is not taken yet."""
    if title not in taken:
        return title
    number = 2
    while f"{title} ({number})" in taken:
        number += 1
    return f"{title} ({number})"

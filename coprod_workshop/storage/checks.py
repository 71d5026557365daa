"""Rules a stored document must meet before it is read, beyond its fields' types.

``Session.from_doc`` checks each field's type and gives settings their
defaults. These rules catch what that cannot: text far too long to show (a
damaged or hostile file would hang the app while it lays the text out) and,
in a file the app saved itself, a room's results gone missing, which would
otherwise open silently as a fresh exercise.
"""

from __future__ import annotations

from typing import Any

from coprod_workshop.core.errors import DocumentError

#: a title is one line of a QLineEdit, which holds at most 32,767 characters
MAX_TITLE_CHARS = 32_767
#: any other text (notes, a note on the board): far more than a room writes
MAX_TEXT_CHARS = 1_000_000

#: what each exercise keeps of the room's work; every file the app saves has it
RESULT_KEYS: dict[str, tuple[str, ...]] = {
    "ladder": ("rounds",),
    "cardsort": ("board",),
    "matrix": ("board",),
    "relationship": ("notes",),
}


def check_doc(doc: Any, *, saved: bool) -> None:
    """Raise DocumentError if ``doc`` breaks a rule; ``saved``: the app wrote it."""
    if not isinstance(doc, dict):
        return  # Session.from_doc explains what is wrong
    _check_text(doc.get("title"), "the session's title", MAX_TITLE_CHARS)
    steps = doc.get("steps")
    for number, step in enumerate(steps if isinstance(steps, list) else [], start=1):
        if not isinstance(step, dict):
            continue
        where = f"step {number}"
        _check_text(step.get("title"), f"the title of {where}", MAX_TITLE_CHARS)
        _check_all_text(step, where)
        if saved:
            _check_results(step, where)
    _check_all_text([v for k, v in doc.items() if k != "steps"], "the session")


def _check_results(step: dict[str, Any], where: str) -> None:
    state = step.get("state")
    if state is None:
        raise DocumentError(f"{where} has lost its exercise ('state' is missing)")
    if isinstance(state, dict):
        for key in RESULT_KEYS.get(str(step.get("kind")), ()):
            if key not in state:
                raise DocumentError(f"{where} has lost the room's results ('{key}' is missing)")


def _check_text(value: Any, what: str, limit: int) -> None:
    if isinstance(value, str) and len(value) > limit:
        raise DocumentError(f"{what} is longer than {limit:,} characters")


def _check_all_text(value: Any, where: str) -> None:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            _check_text(item, f"a text in {where}", MAX_TEXT_CHARS)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)

"""One selected card per step, shared by the boards of every window that shows the step.

The facilitator selects a card in the console and the projector highlights
it too (and shows what the step shows for a selected card, such as the
Bovaird matrix's "why here?" line); a card clicked on the projector is
selected in the console. It is what a person points at, not a result: it is
neither saved nor undone.

A :class:`SharedSelection` belongs to the workshop (``workshop.service``), so
it lasts as long as the open session and every view of it can find it.
``BoardWidget.share_selection`` joins a board to it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

SERVICE = "card-selection"


class SharedSelection(QObject):
    """The selected card of each step (by id; "" for none).

    Signals:
        changed(str, str): the selected card of a step changed (step id, card id).
    """

    changed = Signal(str, str)

    def __init__(self, workshop: Any = None) -> None:
        super().__init__(workshop if isinstance(workshop, QObject) else None)
        self._cards: dict[str, str] = {}

    @classmethod
    def of(cls, workshop: Any) -> SharedSelection | None:
        """The workshop's shared selection (None when a view is shown without one)."""
        service = getattr(workshop, "service", None)
        return service(SERVICE, cls) if service is not None else None  # type: ignore[no-any-return]

    def card(self, step_id: str) -> str:
        return self._cards.get(step_id, "")

    def select(self, step_id: str, card_id: str) -> None:
        if self._cards.get(step_id, "") != card_id:
            self._cards[step_id] = card_id
            self.changed.emit(step_id, card_id)

    def stop(self) -> None:
        """The session closed: forget every selection."""
        self._cards.clear()

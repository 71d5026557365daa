"""State of the "Sue and Mick" step (pure Python, no Qt).

"Consultation is a one-night stand... co-production is a long-term
relationship" (seed 002). The room describes two personas, One-night-stand
Sue and Mr Marriage-please Mick, in a grid: one column per persona, one row
each for their conversations, behaviour and attitudes. Every note the room
calls out sits in one cell of that grid, in order. A prepared deck of
statement cards can be placed on the grid too; a placed card becomes a note
that remembers which card it came from, so deleting it puts the card back.

A cell is ``(persona, row)``; cells are also numbered 0-5, Sue's column first.
Commands (``relationship.commands``) are the only callers of the mutating
methods of :class:`Relationship` in the running app.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from coprod_workshop.core.errors import DocumentError
from coprod_workshop.core.fields import clean_text, text_list
from coprod_workshop.core.fields import field as doc_field
from coprod_workshop.paths import resource_json
from coprod_workshop.voting.inbox import MAX_PHONE_TEXT, Collection

PERSONAS = 2
ROWS = 3
CELLS = PERSONAS * ROWS
#: a note holds the room's words whole: long enough for a story told in one go
MAX_NOTE_LENGTH = 500
#: a statement card is read from across the room, so it stays short
MAX_CARD_LENGTH = 200
MAX_NOTES = 600
MAX_QUESTIONS = 8
MAX_CARDS = 60
#: the source recorded for cards a facilitator types in
OWN_CARD_SOURCE = "facilitator"

Cell = tuple[int, int]


def cell_number(cell: Cell) -> int:
    """0-5: Sue's three rows, then Mick's."""
    persona, row = cell
    return persona * ROWS + row


def cell_at(number: int) -> Cell:
    return divmod(number, ROWS)


def all_cells() -> list[Cell]:
    return [cell_at(n) for n in range(CELLS)]


@dataclass(frozen=True)
class Persona:
    name: str
    description: str = ""
    stands_for: str = ""


@dataclass(frozen=True)
class Statement:
    """A prepared card; ``row`` is the row it lands in when placed with a persona."""

    id: str
    text: str
    row: int = 0
    source: str = OWN_CARD_SOURCE


@dataclass(frozen=True)
class Note:
    """Something the room said; ``card`` is the statement card it came from, if any;
    ``source`` who wrote it down: "facilitator" (typed at the console) or "phone"."""

    id: str
    text: str
    card: str = ""
    source: str = "facilitator"


@dataclass(frozen=True)
class Settings:
    """Everything the facilitator prepares; kept when a session starts afresh."""

    personas: tuple[Persona, ...]
    rows: tuple[str, ...]
    prompt: str
    opening: str
    credit: str
    deck: tuple[Statement, ...]
    debrief_heading: str
    questions: tuple[str, ...]

    def with_persona(self, index: int, **changes: str) -> Settings:
        cleaned = {key: clean_text(value, 120) for key, value in changes.items()}
        personas = list(self.personas)
        personas[index] = replace(personas[index], **cleaned)
        return replace(self, personas=tuple(personas))

    @property
    def neutral_names(self) -> bool:
        """Whether the personas go by the neutral names ("the quick chat", "the long-term
        partner") rather than the deck's playful ones, for groups the metaphor may not suit."""
        return tuple(p.name for p in self.personas) == persona_names()[1]

    def with_neutral_names(self, neutral: bool) -> Settings:
        """The same personas under the neutral names, or back under the deck's names."""
        names = persona_names()[1 if neutral else 0]
        personas = tuple(replace(p, name=n) for p, n in zip(self.personas, names, strict=True))
        return replace(self, personas=personas)

    def with_row(self, index: int, label: str) -> Settings:
        rows = list(self.rows)
        rows[index] = clean_text(label, 40)
        return replace(self, rows=tuple(rows))

    def with_text(self, name: str, value: str) -> Settings:
        """Change ``prompt``, ``opening``, ``credit`` or ``debrief_heading``."""
        if name not in ("prompt", "opening", "credit", "debrief_heading"):
            raise AttributeError(name)
        changes: dict[str, Any] = {name: clean_text(value, 240)}
        return replace(self, **changes)

    def with_questions_text(self, text: str) -> Settings:
        questions = [clean_text(line, 160) for line in text.splitlines()]
        return replace(self, questions=tuple(q for q in questions if q)[:MAX_QUESTIONS])

    def with_deck_text(self, text: str) -> Settings:
        """Cards from ``text``, one per line; lines matching a card keep its id and source."""
        by_text = {card.text: card for card in self.deck}
        cards: list[Statement] = []
        for line in text.splitlines():
            line = clean_text(line, MAX_CARD_LENGTH)
            if not line or any(card.text == line for card in cards):
                continue
            cards.append(by_text.get(line) or Statement(_new_id(), line))
        return replace(self, deck=tuple(cards[:MAX_CARDS]))


def _new_id() -> str:
    from coprod_workshop.core.session import new_id

    return new_id()


class Relationship:
    """The grid, its notes, the deck and the debrief of one step."""

    def __init__(
        self,
        settings: Settings | None = None,
        cells: list[list[Note]] | None = None,
        *,
        deck_shown: bool = False,
        revealed: bool = False,
        collection: Collection | None = None,
    ) -> None:
        self.settings = settings or default_settings()
        #: notes sent from phones, waiting for the facilitator (``voting.inbox``)
        self.collection = collection or Collection()
        self.cells: list[list[Note]] = (
            [list(c) for c in cells] if cells else [[] for _ in range(CELLS)]
        )
        self.deck_shown = deck_shown
        self.revealed = revealed

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Relationship) and other.to_doc() == self.to_doc()

    def __repr__(self) -> str:
        return f"Relationship({self.note_count()} notes, revealed={self.revealed})"

    # -- reading ---------------------------------------------------------------
    def notes_in(self, cell: Cell) -> list[Note]:
        return list(self.cells[cell_number(cell)])

    def find(self, note_id: str) -> tuple[Cell, int, Note]:
        for number, notes in enumerate(self.cells):
            for index, note in enumerate(notes):
                if note.id == note_id:
                    return cell_at(number), index, note
        raise KeyError(note_id)

    def note_count(self, persona: int | None = None) -> int:
        return sum(
            len(notes)
            for number, notes in enumerate(self.cells)
            if persona is None or cell_at(number)[0] == persona
        )

    def placed_cards(self) -> set[str]:
        return {note.card for notes in self.cells for note in notes if note.card}

    def unplaced_cards(self) -> list[Statement]:
        placed = self.placed_cards()
        return [card for card in self.settings.deck if card.id not in placed]

    def card(self, card_id: str) -> Statement:
        for card in self.settings.deck:
            if card.id == card_id:
                return card
        raise KeyError(card_id)

    # -- phones (``voting.inbox.Collects``) ------------------------------------------
    contribution_kind = "note"

    def contribution_places(self) -> tuple[str, ...]:
        """Each cell's name as a phone offers it, in cell order ("Sue: conversations")."""
        s = self.settings
        return tuple(f"{s.personas[p].name}: {s.rows[r].lower()}" for p, r in all_cells())

    def contribution_limit(self) -> int:
        return MAX_PHONE_TEXT

    def dot_items(self) -> tuple[tuple[str, str], ...]:
        """What a dot round offers: every note on the grid (id, its words and cell)."""
        places = self.contribution_places()
        return tuple(
            (note.id, f"{note.text} ({places[number]})")
            for number, notes in enumerate(self.cells)
            for note in notes
        )

    def contribution_task(self) -> str:
        return (
            "Choose whose side and which row your note is for, write it, and send it. "
            f"The facilitator reads every note before the room sees it. At most "
            f"{MAX_PHONE_TEXT} characters."
        )

    def results(self) -> list[dict[str, Any]]:
        """Every note for a report: persona, row, place in the cell (from 1), text, card,
        and its source ("phone" or "facilitator")."""
        s = self.settings
        return [
            {
                "persona": s.personas[persona].name,
                "stands_for": s.personas[persona].stands_for,
                "row": s.rows[row],
                "place": place,
                "text": note.text,
                "from_card": bool(note.card),
                "source": note.source,
            }
            for persona, row in all_cells()
            for place, note in enumerate(self.notes_in((persona, row)), start=1)
        ]

    # -- changing (called by commands) ------------------------------------------
    def insert_note(self, cell: Cell, index: int, note: Note) -> int:
        """Put ``note`` at ``index`` of ``cell`` (clamped); return where it went."""
        _check_cell(cell)
        if not note.text:
            raise ValueError("a note needs some text")
        if any(n.id == note.id for notes in self.cells for n in notes):
            raise ValueError(f"there is already a note {note.id!r}")
        notes = self.cells[cell_number(cell)]
        index = max(0, min(index, len(notes)))
        notes.insert(index, note)
        return index

    def remove_note(self, note_id: str) -> tuple[Cell, int, Note]:
        cell, index, note = self.find(note_id)
        del self.cells[cell_number(cell)][index]
        return cell, index, note

    def move_note(self, note_id: str, cell: Cell, index: int) -> tuple[Cell, int, int]:
        """Move a note so it ends up at ``index`` of ``cell`` (clamped).

        Returns the cell and index it came from, and the index it went to.
        """
        _check_cell(cell)
        old_cell, old_index, note = self.remove_note(note_id)
        return old_cell, old_index, self.insert_note(cell, index, note)

    def set_note_text(self, note_id: str, text: str) -> str:
        cell, index, note = self.find(note_id)
        if not text:
            raise ValueError("a note needs some text")
        self.cells[cell_number(cell)][index] = replace(note, text=text)
        return note.text

    # -- storing ---------------------------------------------------------------
    def to_doc(self) -> dict[str, Any]:
        s = self.settings
        notes = [
            {
                "id": note.id,
                "text": note.text,
                "persona": cell_at(number)[0],
                "row": cell_at(number)[1],
                "order": order,
                "card": note.card,
                **({"source": note.source} if note.source != "facilitator" else {}),
            }
            for number, cell_notes in enumerate(self.cells)
            for order, note in enumerate(cell_notes)
        ]
        doc: dict[str, Any] = {
            "opening": s.opening,
            "credit": s.credit,
            "prompt": s.prompt,
            "personas": [
                {"name": p.name, "description": p.description, "stands_for": p.stands_for}
                for p in s.personas
            ],
            "rows": list(s.rows),
            "deck": [
                {"id": c.id, "text": c.text, "row": c.row, "source": c.source} for c in s.deck
            ],
            "debrief": {"heading": s.debrief_heading, "questions": list(s.questions)},
            "notes": notes,
            "deck_shown": self.deck_shown,
            "revealed": self.revealed,
        }
        phones = self.collection.saved_doc()
        if phones is not None:
            doc["phones"] = phones
        return doc

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Relationship:
        """Build from a stored document; missing settings take the app's defaults."""
        where = "the Sue and Mick grid"
        settings = _settings_from_doc(doc, where)
        cells: list[list[tuple[int, Note]]] = [[] for _ in range(CELLS)]
        seen: set[str] = set()
        note_docs = doc_field(doc, "notes", list, where, [])
        if len(note_docs) > MAX_NOTES:
            raise DocumentError(f"{where} has {len(note_docs)} notes; at most {MAX_NOTES} are kept")
        for number, note_doc in enumerate(note_docs, start=1):
            at = f"{where}, note {number}"
            note_id = doc_field(note_doc, "id", str, at)
            text = clean_text(doc_field(note_doc, "text", str, at), MAX_NOTE_LENGTH)
            persona = doc_field(note_doc, "persona", int, at)
            row = doc_field(note_doc, "row", int, at)
            order = doc_field(note_doc, "order", int, at)
            card = doc_field(note_doc, "card", str, at, "")
            source = doc_field(note_doc, "source", str, at, "facilitator")
            if source not in ("facilitator", "phone"):
                raise DocumentError(f"{at}: source {source!r} is not facilitator or phone")
            if not note_id or note_id in seen:
                raise DocumentError(f"{at}: its id {note_id!r} is empty or used twice")
            if not text:
                raise DocumentError(f"{at} has no text")
            if not 0 <= persona < PERSONAS:
                raise DocumentError(f"{at}: persona {persona} does not exist (0 or 1)")
            if not 0 <= row < ROWS:
                raise DocumentError(f"{at}: row {row} does not exist (0 to {ROWS - 1})")
            seen.add(note_id)
            cells[cell_number((persona, row))].append((order, Note(note_id, text, card, source)))
        for number, entries in enumerate(cells):
            orders = [order for order, _ in entries]
            if len(set(orders)) != len(orders):
                persona, row = cell_at(number)
                raise DocumentError(
                    f"{where}: two notes share one place in {settings.personas[persona].name}'s "
                    f"{settings.rows[row].lower()}"
                )
        return cls(
            settings,
            [[note for _, note in sorted(entries, key=lambda e: e[0])] for entries in cells],
            deck_shown=doc_field(doc, "deck_shown", bool, where, False),
            revealed=doc_field(doc, "revealed", bool, where, False),
            collection=Collection.from_doc(doc.get("phones"), where),
        )

    def without_results(self) -> Relationship:
        """The same settings and deck, with no notes, nothing placed and the debrief hidden."""
        return Relationship(self.settings, collection=self.collection.fresh())


def _check_cell(cell: Cell) -> None:
    persona, row = cell
    if not (0 <= persona < PERSONAS and 0 <= row < ROWS):
        raise ValueError(f"there is no cell {cell}")


def _settings_from_doc(doc: dict[str, Any], where: str) -> Settings:
    default = default_settings()
    personas = list(default.personas)
    persona_docs = doc_field(doc, "personas", list, where, None)
    if persona_docs is not None:
        if len(persona_docs) != PERSONAS:
            raise DocumentError(
                f"{where} needs exactly {PERSONAS} personas, not {len(persona_docs)}"
            )
        for index, p in enumerate(persona_docs):
            at = f"{where}, persona {index + 1}"
            personas[index] = Persona(
                clean_text(doc_field(p, "name", str, at), 120) or personas[index].name,
                clean_text(doc_field(p, "description", str, at, ""), 120),
                clean_text(doc_field(p, "stands_for", str, at, ""), 120),
            )
    rows = tuple(clean_text(r, 40) for r in text_list(doc, "rows", where, list(default.rows)))
    if len(rows) != ROWS:
        raise DocumentError(f"{where} needs exactly {ROWS} rows, not {len(rows)}")
    deck = default.deck
    if "deck" in doc:
        cards: list[Statement] = []
        for number, c in enumerate(doc_field(doc, "deck", list, where), start=1):
            at = f"{where}, card {number}"
            row = doc_field(c, "row", int, at, 0)
            if not 0 <= row < ROWS:
                raise DocumentError(f"{at}: row {row} does not exist (0 to {ROWS - 1})")
            cards.append(
                Statement(
                    doc_field(c, "id", str, at),
                    clean_text(doc_field(c, "text", str, at), MAX_CARD_LENGTH),
                    row,
                    doc_field(c, "source", str, at, OWN_CARD_SOURCE),
                )
            )
        if len({c.id for c in cards}) != len(cards):
            raise DocumentError(f"{where}: two statement cards share one id")
        if len(cards) > MAX_CARDS:
            raise DocumentError(f"{where} has {len(cards)} statement cards; at most {MAX_CARDS}")
        deck = tuple(cards)
    debrief = doc_field(doc, "debrief", dict, where, {})
    questions = text_list(debrief, "questions", f"{where}, debrief", list(default.questions))
    if len(questions) > MAX_QUESTIONS:
        raise DocumentError(
            f"{where} has {len(questions)} debrief questions; at most {MAX_QUESTIONS}"
        )
    return Settings(
        personas=tuple(personas),
        rows=rows,
        prompt=doc_field(doc, "prompt", str, where, default.prompt),
        opening=doc_field(doc, "opening", str, where, default.opening),
        credit=doc_field(doc, "credit", str, where, default.credit),
        deck=deck,
        debrief_heading=doc_field(
            debrief, "heading", str, f"{where}, debrief", default.debrief_heading
        ),
        questions=tuple(questions),
    )


@cache
def persona_names() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The personas' names as the deck gives them, and the app's neutral names."""
    personas = resource_json("relationship", "grid.json")["personas"]
    return tuple(p["name"] for p in personas), tuple(p["neutral_name"] for p in personas)


@cache
def default_settings() -> Settings:
    """The app's defaults, read from ``resources/relationship/``."""
    grid = resource_json("relationship", "grid.json")
    debrief = resource_json("relationship", "debrief.json")
    rows = tuple(grid["rows"]["labels"])
    row_index = {label.lower(): index for index, label in enumerate(rows)}
    deck = tuple(
        Statement(card["id"], card["text"], row_index.get(card.get("row", ""), 0), card["source"])
        for card in resource_json("relationship", "statements.json")["cards"]
    )
    return Settings(
        personas=tuple(
            Persona(p["name"], p["description"], p["stands_for"]) for p in grid["personas"]
        ),
        rows=rows,
        prompt=grid["prompt"]["text"],
        opening=grid["opening"]["text"],
        credit=grid["opening"]["credit"],
        deck=deck,
        debrief_heading=debrief["heading"],
        questions=tuple(debrief["questions"]),
    )

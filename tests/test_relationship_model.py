"""The Sue and Mick grid and its commands, without Qt."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from typing import Any

import pytest

from coprod_workshop.core.errors import DocumentError
from coprod_workshop.core.registry import Registry
from coprod_workshop.core.session import Change, Session, Step
from coprod_workshop.exercises.relationship.commands import (
    AddNote,
    DeleteNote,
    EditNote,
    EditSettings,
    MoveNote,
    PlaceStatement,
    RevealDebrief,
    ShowDeck,
)
from coprod_workshop.exercises.relationship.model import (
    CELLS,
    MAX_NOTE_LENGTH,
    Note,
    Relationship,
    cell_at,
    cell_number,
    default_settings,
)
from coprod_workshop.paths import resource

SUE_TALK, SUE_DOES, SUE_THINKS = (0, 0), (0, 1), (0, 2)
MICK_TALK, MICK_DOES, MICK_THINKS = (1, 0), (1, 1), (1, 2)


def make() -> tuple[Session, str]:
    session = Session("Thursday carers", [Step("relationship", "Sue and Mick", 20, Relationship())])
    return session, session.steps[0].id


def state(session: Session) -> Relationship:
    return session.steps[0].state  # type: ignore[no-any-return]


def texts(session: Session, cell: tuple[int, int]) -> list[str]:
    return [note.text for note in state(session).notes_in(cell)]


def record(session: Session) -> list[Change]:
    changes: list[Change] = []
    session.changed.connect(changes.append)
    return changes


def filled() -> tuple[Session, str]:
    session, step_id = make()
    for cell, text in [
        (SUE_TALK, "Talks at you"),
        (SUE_TALK, "Never calls back"),
        (SUE_DOES, "Leaves early"),
        (MICK_TALK, "Remembers your name"),
        (MICK_THINKS, "You have something to offer"),
    ]:
        AddNote(step_id, cell, text).redo(session)
    return session, step_id


# -- defaults and content ------------------------------------------------------
def test_defaults_come_from_resources_with_names_from_the_seed() -> None:
    settings = Relationship().settings
    assert [p.name for p in settings.personas] == ["One-night-stand Sue", "Mr Marriage-please Mick"]
    assert [p.stands_for for p in settings.personas] == ["Consultation", "Co-production"]
    assert settings.rows == ("Conversations", "Behaviour", "Attitudes")
    assert settings.opening.startswith("Consultation is a one-night stand")
    assert settings.credit == "Lawrence Clark (lawrenceclark.co.uk)"
    assert "Which of these describe us now?" in settings.questions
    assert len(settings.deck) >= 10


def test_every_card_and_the_debrief_name_a_source() -> None:
    cards = json.loads(resource("relationship", "statements.json").read_text(encoding="utf-8"))
    assert cards["cards"]
    for card in cards["cards"]:
        assert card["source"], card
        assert card["row"] in ("conversations", "behaviour", "attitudes"), card
    debrief = json.loads(resource("relationship", "debrief.json").read_text(encoding="utf-8"))
    assert debrief["source"] == "app suggestion"
    grid = json.loads(resource("relationship", "grid.json").read_text(encoding="utf-8"))
    assert "Getting to the heart of co-production" in grid["opening"]["source"]
    assert {c.id for c in default_settings().deck} == {c["id"] for c in cards["cards"]}


def test_cells_are_numbered_sue_first() -> None:
    assert [cell_at(n) for n in range(CELLS)] == [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2)]
    assert all(cell_number(cell_at(n)) == n for n in range(CELLS))


# -- commands: exact undo ---------------------------------------------------------
def test_add_note_appends_in_order_and_announces() -> None:
    session, step_id = make()
    changes = record(session)
    AddNote(step_id, SUE_TALK, "  Talks   at you \n").redo(session)
    AddNote(step_id, SUE_TALK, "Never calls back").redo(session)
    AddNote(step_id, SUE_TALK, "Is in a hurry", index=0).redo(session)
    assert texts(session, SUE_TALK) == ["Is in a hurry", "Talks at you", "Never calls back"]
    assert changes[-1] == Change("step", step_id, "note-added")
    assert texts(session, MICK_TALK) == []


def test_long_notes_are_cut_to_one_line_of_the_maximum_length() -> None:
    session, step_id = make()
    AddNote(step_id, SUE_TALK, "word " * 100).redo(session)
    (note,) = state(session).notes_in(SUE_TALK)
    assert len(note.text) <= MAX_NOTE_LENGTH and "\n" not in note.text


COMMANDS: list[Any] = [
    lambda s, ids: AddNote(s, MICK_DOES, "Stays for the hard part"),
    lambda s, ids: AddNote(s, SUE_TALK, "First of all", index=0),
    lambda s, ids: EditNote(s, ids[0], "Talks at you, not with you"),
    lambda s, ids: DeleteNote(s, ids[1]),
    lambda s, ids: MoveNote(s, ids[0], MICK_TALK, 0),
    lambda s, ids: MoveNote(s, ids[0], SUE_TALK, 1),
    lambda s, ids: MoveNote(s, ids[1], SUE_TALK, 0),
    lambda s, ids: MoveNote(s, ids[4], SUE_THINKS),
    lambda s, ids: PlaceStatement(s, "comes-back", MICK_TALK, "Comes back to tell you", 1),
    lambda s, ids: RevealDebrief(s, True),
    lambda s, ids: ShowDeck(s, True),
    lambda s, ids: EditSettings(
        s, default_settings().with_persona(0, name="The quick chat"), "Rename", "persona-0-name"
    ),
]


@pytest.mark.parametrize("build", COMMANDS)
def test_undo_restores_the_exact_document_and_redo_repeats(build: Any) -> None:
    session, step_id = filled()
    ids = [note.id for number in range(CELLS) for note in state(session).notes_in(cell_at(number))]
    before = copy.deepcopy(state(session).to_doc())
    command = build(step_id, ids)
    command.redo(session)
    after = copy.deepcopy(state(session).to_doc())
    assert after != before
    command.undo(session)
    assert state(session).to_doc() == before
    command.redo(session)
    assert state(session).to_doc() == after
    assert isinstance(command.text, str) and command.text


def test_a_sequence_of_commands_undoes_back_to_the_start() -> None:
    session, step_id = make()
    start = state(session).to_doc()
    done = []
    add = AddNote(step_id, SUE_TALK, "Talks at you")
    for command in [
        add,
        AddNote(step_id, SUE_TALK, "Never calls back"),
        AddNote(step_id, MICK_DOES, "Comes back"),
    ]:
        command.redo(session)
        done.append(command)
    for command in [
        MoveNote(step_id, add.note.id, MICK_DOES, 0),
        EditNote(step_id, add.note.id, "Listens"),
        MoveNote(step_id, add.note.id, SUE_TALK, 5),
        DeleteNote(step_id, add.note.id),
    ]:
        command.redo(session)
        done.append(command)
    for command in reversed(done):
        command.undo(session)
    assert state(session).to_doc() == start


def test_move_within_a_cell_puts_the_note_at_its_new_place() -> None:
    session, step_id = make()
    notes = [AddNote(step_id, SUE_DOES, text) for text in "abcd"]
    for command in notes:
        command.redo(session)
    MoveNote(step_id, notes[0].note.id, SUE_DOES, 2).redo(session)
    assert texts(session, SUE_DOES) == ["b", "c", "a", "d"]
    MoveNote(step_id, notes[3].note.id, SUE_DOES, 0).redo(session)
    assert texts(session, SUE_DOES) == ["d", "b", "c", "a"]
    MoveNote(step_id, notes[3].note.id, MICK_DOES).redo(session)
    assert texts(session, MICK_DOES) == ["d"]


def test_placed_cards_leave_the_deck_and_come_back_when_deleted() -> None:
    session, step_id = make()
    deck = state(session).settings.deck
    place = PlaceStatement(step_id, deck[0].id, MICK_TALK, deck[0].text)
    place.redo(session)
    assert deck[0] not in state(session).unplaced_cards()
    (note,) = state(session).notes_in(MICK_TALK)
    assert note.card == deck[0].id and note.text == deck[0].text
    with pytest.raises(ValueError):
        PlaceStatement(step_id, deck[0].id, SUE_TALK, deck[0].text).redo(session)
    DeleteNote(step_id, note.id).redo(session)
    assert state(session).unplaced_cards() == list(deck)


def test_reveal_and_deck_flags_announce_their_detail() -> None:
    session, step_id = make()
    changes = record(session)
    RevealDebrief(step_id, True).redo(session)
    ShowDeck(step_id, True).redo(session)
    assert state(session).revealed and state(session).deck_shown
    assert [c.detail for c in changes] == ["debrief", "deck"]


def test_settings_edits_of_one_field_merge() -> None:
    session, step_id = make()
    settings = state(session).settings
    first = EditSettings(step_id, settings.with_text("prompt", "W"), "Edit prompt", "prompt")
    second = EditSettings(step_id, settings.with_text("prompt", "What"), "Edit prompt", "prompt")
    other = EditSettings(step_id, settings.with_row(0, "Words"), "Edit row", "row-0")
    assert first.merge(second) and not first.merge(other)
    first.redo(session)
    assert state(session).settings.prompt == "What"
    first.undo(session)
    assert state(session).settings == settings


def test_deck_text_keeps_ids_of_unchanged_cards_and_marks_new_ones_as_the_facilitators() -> None:
    settings = default_settings()
    text = "\n".join([settings.deck[1].text, "Brings biscuits", "", settings.deck[0].text])
    edited = settings.with_deck_text(text)
    assert [c.text for c in edited.deck] == [
        settings.deck[1].text,
        "Brings biscuits",
        settings.deck[0].text,
    ]
    assert edited.deck[0] == settings.deck[1]
    assert edited.deck[1].source == "facilitator"


def test_questions_text_drops_blank_lines() -> None:
    edited = default_settings().with_questions_text("Who decides?\n\n  What next?  \n")
    assert edited.questions == ("Who decides?", "What next?")


# -- documents ----------------------------------------------------------------------
def test_document_round_trip_keeps_every_note_its_cell_and_order(registry: Registry) -> None:
    session, step_id = filled()
    PlaceStatement(step_id, "comes-back", MICK_TALK, "Comes back to tell you", 0).redo(session)
    RevealDebrief(step_id, True).redo(session)
    EditSettings(
        step_id, state(session).settings.with_questions_text("Who decides?"), "q", "questions"
    ).redo(session)
    doc = json.loads(json.dumps(session.to_doc()))
    notes = doc["steps"][0]["state"]["notes"]
    assert {(n["persona"], n["row"], n["order"], n["text"]) for n in notes} >= {
        (0, 0, 0, "Talks at you"),
        (0, 0, 1, "Never calls back"),
        (1, 0, 0, "Comes back to tell you"),
        (1, 0, 1, "Remembers your name"),
    }
    again = Session.from_doc(doc, registry)
    assert again.to_doc() == doc
    assert state(again) == state(session)
    assert state(again).revealed


def test_results_list_every_note_with_its_persona_row_and_place() -> None:
    session, step_id = filled()
    PlaceStatement(step_id, "comes-back", MICK_TALK, "Comes back to tell you").redo(session)
    rows = state(session).results()
    assert len(rows) == 6
    assert rows[1] == {
        "persona": "One-night-stand Sue",
        "stands_for": "Consultation",
        "row": "Conversations",
        "place": 2,
        "text": "Never calls back",
        "from_card": False,
        "source": "facilitator",
    }
    assert rows[-2]["from_card"] and rows[-2]["place"] == 2 and rows[-2]["row"] == "Conversations"


def test_notes_are_ordered_by_their_order_not_their_position_in_the_list() -> None:
    doc = Relationship().to_doc()
    doc["notes"] = [
        {"id": "b", "text": "second", "persona": 1, "row": 2, "order": 1},
        {"id": "a", "text": "first", "persona": 1, "row": 2, "order": 0},
    ]
    assert [n.text for n in Relationship.from_doc(doc).notes_in(MICK_THINKS)] == ["first", "second"]


def test_an_empty_document_is_the_default_grid() -> None:
    assert Relationship.from_doc({}) == Relationship()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(notes="lots"), "'notes' should be a list"),
        (
            lambda d: d["notes"].append({"id": "x", "persona": 0, "row": 0, "order": 0}),
            "has no 'text'",
        ),
        (lambda d: d["notes"][0].update(persona=2), "persona 2 does not exist"),
        (lambda d: d["notes"][0].update(row=-1), "row -1 does not exist"),
        (lambda d: d["notes"][0].update(order="1"), "'order' should be a whole number"),
        (lambda d: d["notes"][1].update(id=d["notes"][0]["id"]), "used twice"),
        (lambda d: d["notes"][0].update(text="   "), "has no text"),
        (
            lambda d: d["notes"][1].update(row=0, persona=0, order=0),
            "two notes share one place in One-night-stand Sue's conversations",
        ),
        (lambda d: d.update(personas=[{"name": "Sue"}]), "exactly 2 personas"),
        (lambda d: d.update(rows=["Talk", "Do"]), "exactly 3 rows"),
        (lambda d: d.update(revealed="yes"), "'revealed' should be yes/no"),
        (lambda d: d["deck"][0].update(row=7), "card 1: row 7 does not exist"),
        (lambda d: d["deck"].append(dict(d["deck"][0])), "two statement cards share one id"),
        (lambda d: d.update(debrief={"questions": "why?"}), "'questions' should be a list"),
    ],
)
def test_bad_documents_raise_clear_errors(change: Any, message: str) -> None:
    session, _ = filled()
    doc = copy.deepcopy(state(session).to_doc())
    change(doc)
    with pytest.raises(DocumentError) as err:
        Relationship.from_doc(doc)
    assert message in str(err.value)


def test_a_bad_step_names_the_step_in_the_session_error(registry: Registry) -> None:
    session, _ = filled()
    doc = session.to_doc()
    doc["steps"][0]["state"]["notes"][0]["persona"] = 9
    with pytest.raises(DocumentError, match=r"step 1 \('Sue and Mick'\): .*persona 9"):
        Session.from_doc(doc, registry)


def test_without_results_keeps_settings_and_custom_deck_only() -> None:
    session, step_id = filled()
    settings = (
        state(session).settings.with_deck_text("Brings biscuits").with_persona(0, name="Quick chat")
    )
    EditSettings(step_id, settings, "Edit").redo(session)
    PlaceStatement(step_id, settings.deck[0].id, SUE_TALK, "Brings biscuits").redo(session)
    RevealDebrief(step_id, True).redo(session)
    ShowDeck(step_id, True).redo(session)
    fresh = state(session).without_results()
    assert fresh.settings == settings
    assert fresh.note_count() == 0 and not fresh.revealed and not fresh.deck_shown
    assert fresh.unplaced_cards() == list(settings.deck)
    assert state(session).note_count() == 6  # the original is untouched


def test_copy_as_new_drops_the_rooms_notes(registry: Registry) -> None:
    session, _ = filled()
    fresh = session.copy_as_new(registry)
    assert state(fresh).note_count() == 0
    assert state(fresh).settings == state(session).settings


def test_model_methods_refuse_impossible_changes() -> None:
    grid = Relationship()
    grid.insert_note(SUE_TALK, 0, Note("a", "one"))
    with pytest.raises(ValueError):
        grid.insert_note(SUE_TALK, 0, Note("a", "again"))
    with pytest.raises(ValueError):
        grid.insert_note((2, 0), 0, Note("b", "nowhere"))
    with pytest.raises(ValueError):
        grid.insert_note(SUE_TALK, 0, Note("c", ""))
    with pytest.raises(KeyError):
        grid.move_note("missing", SUE_TALK, 0)


def test_commands_import_no_qt() -> None:
    code = (
        "import sys, coprod_workshop.exercises.relationship.commands\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')]"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr

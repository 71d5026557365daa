"""The Bovaird matrix's state, content and commands, without Qt."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from coprod_workshop.core.errors import DocumentError
from coprod_workshop.core.session import Session, Step
from coprod_workshop.exercises.cards.board import (
    AGREES,
    DECK,
    DIFFERS,
    MAX_CARD_TEXT,
    MAX_DESCRIPTION,
    ROOM_SOURCE,
    UNPLACED,
    Board,
    Card,
    Place,
)
from coprod_workshop.exercises.cards.commands import (
    AddCard,
    EditCard,
    PlaceCard,
    RemoveCard,
    SetPrompt,
)
from coprod_workshop.exercises.cards.layout import check_layout, spans, stretches
from coprod_workshop.exercises.info.cases import case_studies
from coprod_workshop.exercises.matrix.commands import AddSpareCards, RevealSuggestions
from coprod_workshop.exercises.matrix.model import (
    CELL_IDS,
    HEADERS,
    KEYPAD,
    LAYOUT,
    MIDDLE,
    BovairdMatrix,
    case_of,
    content,
    new_board,
    spare_cards,
)
from tests.helpers import has_results
from tests.content import SEEDS

ROOT = Path(__file__).resolve().parent.parent
#: the cell names as CONTENT.md gives them (seed 003 for D1P3; seed 000 leaves it blank)
CELL_NAMES = {
    "D1P1": "Traditional professional service provision",
    "D1P2": "Professional service provision, users and communities involved in planning and design",
    "D1P3": "Bespoke services commissioned by users and delivered by professionals",
    "D2P1": "User co-delivery of professionally designed services",
    "D2P2": "Full user/professional/community co-production",
    "D2P3": (
        "User/community delivery of services with little formal/professional planning or design"
    ),
    "D3P1": "User/community delivery of professionally planned services",
    "D3P2": "User/community delivery of co-planned or co-designed services",
    "D3P3": "Self-organised community provision",
}  # fmt: skip
#: the nine cards a new matrix deals: the source documents' examples, each with its source
SEED_CARDS = {
    "Timebank in a service": "Getting to the heart of co-production",
    "KeyRing network": "ENIL fact sheet: Co-production, case study 2",
    "Caledonia home help": "ENIL fact sheet: Co-production, case study 1",
    "FAST school programme": "Co-production: theory and practice",
    "Learning to Lead": "Co-production: theory and practice",
    "Time Dollar Youth Court": "Co-production: theory and practice",
    "Personal budgets": "Co-production: theory and practice",
    "Service user consultation": "Co-producing civil society",
    "People who use services on boards": "Co-producing civil society",
}


def matrix_session() -> tuple[Session, str]:
    step = Step("matrix", "Who plans, who delivers?", 25, BovairdMatrix())
    return Session("Matrix day", [step]), step.id


def card_id(state: BovairdMatrix, text: str) -> str:
    return next(card.id for card in state.board.cards() if card.text == text)


# -- content: names are facts ------------------------------------------------------------
def test_cells_carry_the_seeds_names_with_d1_at_the_top_and_p1_at_the_left() -> None:
    known = content()
    assert {cell.id: cell.name for cell in known.cells} == CELL_NAMES
    assert [cell.id for cell in known.cells] == list(CELL_IDS)
    assert MIDDLE == "D2P2" and CELL_NAMES[MIDDLE].startswith("Full")
    assert [lv.name for lv in known.plans.levels] == [
        "Professionals as sole service planner",
        "Service users/community and professionals as co-planners",
        "No professional input into service planning",
    ]
    assert [lv.name for lv in known.delivers.levels] == [
        "Professionals as sole service deliverers",
        "Professionals/users/communities as co-deliverers",
        "Users/communities as sole deliverers",
    ]
    raw = json.loads((ROOT / "resources" / "matrix" / "bovaird.json").read_text())
    assert raw["source"].startswith("Tony Bovaird (2007), Public Administration Review 67(5)")
    d1p3 = next(cell for cell in raw["cells"] if cell["id"] == "D1P3")
    assert "ENIL fact sheet" in d1p3["source"] and "blank on nef's slide" in d1p3["source"]


def test_the_layout_puts_rows_top_to_bottom_and_the_keys_like_a_keypad() -> None:
    grid = spans(LAYOUT)
    assert grid["D1P1"][:2] < grid["D2P1"][:2] < grid["D3P1"][:2]  # D1 on top
    assert grid["D1P1"][1] < grid["D1P2"][1] < grid["D1P3"][1]  # P1 at the left
    assert grid[DECK][2] == 3  # the deck runs down beside all three rows
    rows = [[KEYPAD_BY_CELL[cell] for cell in CELL_IDS[r * 3 : r * 3 + 3]] for r in range(3)]
    assert rows == [[7, 8, 9], [4, 5, 6], [1, 2, 3]]
    assert KEYPAD[0] == DECK and KEYPAD_BY_CELL[DECK] == 0 and KEYPAD_BY_CELL[MIDDLE] == 5
    assert check_layout(LAYOUT, [DECK, *CELL_IDS], "matrix", HEADERS) == LAYOUT
    with pytest.raises(DocumentError, match="unknown: D1, D2, D3, P1, P2, P3"):
        check_layout(LAYOUT, [DECK, *CELL_IDS], "matrix", ["title", "axes"])
    row_stretch, column_stretch = stretches(LAYOUT, [DECK, *CELL_IDS])
    assert row_stretch == [0, 0, 1, 1, 1]  # title and column names keep their height
    assert column_stretch == [1, 0, 1, 1, 1]  # the row names keep their width


KEYPAD_BY_CELL = {cell: key for key, cell in KEYPAD.items()}


def test_the_default_deck_has_the_seed_case_studies_and_everyday_activities() -> None:
    dealt = content().cards
    assert [card.text for card in dealt] == list(SEED_CARDS)  # about ten minutes of placing
    cards = (*dealt, *content().spare)
    assert 20 <= len(cards) <= 26
    texts = {card.text: card for card in cards}
    for text, seed in SEED_CARDS.items():
        assert seed in texts[text].source, text
    everyday = [card for card in cards if card.text not in SEED_CARDS]
    assert len(everyday) >= 12
    assert all(card.source == "app suggestion" for card in everyday)
    for card in cards:
        assert card.suggested in CELL_IDS and card.reason and card.description, card
        assert len(card.text) <= MAX_CARD_TEXT and len(card.description) <= MAX_DESCRIPTION
        assert len(card.reason) <= MAX_DESCRIPTION
    assert len({card.id for card in cards}) == len(cards)
    assert {card.suggested for card in cards} == set(CELL_IDS)  # every cell has an example
    raw = json.loads((ROOT / "resources" / "matrix" / "activities.json").read_text())
    assert {c["suggestion"]["source"] for c in raw["cards"]} == {"app suggestion (unverified)"}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed texts are not here")
def test_descriptions_and_reasons_are_in_our_own_words() -> None:
    """No run of seven words from a seed appears in a card's description or reason."""

    def words(text: str) -> list[str]:
        return re.findall(r"[a-z']+", text.lower())

    seed_runs = set()
    for seed in SEEDS.glob("*.txt"):
        seq = words(seed.read_text(encoding="utf-8"))
        seed_runs |= {tuple(seq[i : i + 7]) for i in range(len(seq) - 6)}
    for card in (*content().cards, *content().spare):
        for text in (card.description, card.reason):
            seq = words(text)
            copied = [
                seq[i : i + 7] for i in range(len(seq) - 6) if tuple(seq[i : i + 7]) in seed_runs
            ]
            assert not copied, (card.text, copied)


# -- the state ------------------------------------------------------------------------------
def test_a_new_matrix_deals_every_card_on_the_deck_with_suggestions_hidden() -> None:
    state = BovairdMatrix()
    assert state.board.place_ids() == [DECK, *CELL_IDS]
    assert state.board.ids_in(DECK) == [card.id for card in content().cards]
    assert not state.revealed and state.prompt == content().prompt
    assert state.agreement() == {AGREES: 0, DIFFERS: 0, UNPLACED: len(content().cards), "": 0}
    assert state.board == new_board()


def test_suggestion_state_compares_the_rooms_cell_with_the_suggested_one() -> None:
    state = BovairdMatrix()
    board = state.board
    keyring, budgets = card_id(state, "KeyRing network"), card_id(state, "Personal budgets")
    assert board.suggestion_state(keyring) == UNPLACED
    board.place_card(keyring, "D2P2")
    board.place_card(budgets, "D2P2")
    assert board.suggestion_state(keyring) == AGREES
    assert board.suggestion_state(budgets) == DIFFERS
    board.add_card(Card("room", "Carers' café", source=ROOM_SOURCE), "D3P3")
    assert board.suggestion_state("room") == ""  # the room's own card suggests nothing
    board.edit_card("room", suggested="nowhere")
    assert board.suggestion_state("room") == ""
    assert state.agreement()[AGREES] == 1 and state.agreement()[DIFFERS] == 1
    differing = [row.text for row in state.results() if row.comparison == DIFFERS]
    assert differing == ["Personal budgets"]


def test_results_list_each_card_by_cell_and_order() -> None:
    state = BovairdMatrix()
    a, b = card_id(state, "KeyRing network"), card_id(state, "FAST school programme")
    state.board.place_card(a, "D2P2")
    state.board.place_card(b, "D2P2", 0)
    rows = state.results()
    placed = [(r.text, r.cell, r.order, r.comparison) for r in rows if r.cell != DECK]
    assert placed == [
        ("FAST school programme", "D2P2", 0, DIFFERS),
        ("KeyRing network", "D2P2", 1, AGREES),
    ]
    assert rows[2].cell == DECK and len(rows) == len(state.board)
    assert rows[0].cell_name == CELL_NAMES["D2P2"]


# -- commands ---------------------------------------------------------------------------------
def test_reveal_never_moves_a_card_and_undoes() -> None:
    session, step_id = matrix_session()
    state = session.step(step_id).state
    keyring = card_id(state, "KeyRing network")
    PlaceCard(step_id, keyring, "D3P3").redo(session)
    board_before = state.board.to_doc()
    changes = []
    session.changed.connect(changes.append)
    reveal = RevealSuggestions(step_id, True)
    reveal.redo(session)
    assert state.revealed and state.board.to_doc() == board_before
    assert changes[-1].detail == "reveal"
    reveal.undo(session)
    assert not state.revealed
    assert RevealSuggestions(step_id, False).text == "Hide the suggested cells"


def test_prompt_typing_merges_into_one_undo_step() -> None:
    session, step_id = matrix_session()
    first, second = (
        SetPrompt(step_id, "Where  does", "matrix"),
        SetPrompt(step_id, "Where does it sit?", "matrix"),
    )
    assert first.text == "Edit the matrix's question"
    first.redo(session)
    assert first.merge(second)
    first.redo(session)
    assert session.step(step_id).state.prompt == "Where does it sit?"
    first.undo(session)
    assert session.step(step_id).state.prompt == content().prompt


def test_the_shared_board_commands_undo_exactly_on_the_matrix() -> None:
    session, step_id = matrix_session()
    state = session.step(step_id).state
    before = state.to_doc()
    keyring = card_id(state, "KeyRing network")
    commands = [
        PlaceCard(step_id, keyring, "D2P2", at="10:00"),
        AddCard(step_id, "Carers' café", "D3P3", card_id="cafe"),
        EditCard(step_id, "cafe", suggested="D3P3", reason="Carers run it for carers."),
        RemoveCard(step_id, card_id(state, "Personal budgets")),
        RevealSuggestions(step_id),
    ]
    for command in commands:
        command.redo(session)
    assert state.board.suggestion_state("cafe") == AGREES
    assert state.board.card("cafe").source == ROOM_SOURCE
    for command in reversed(commands):
        command.undo(session)
    assert state.to_doc() == before


def test_nine_cards_are_dealt_and_the_rest_can_be_added_in_one_undoable_step() -> None:
    session, step_id = matrix_session()
    state = session.step(step_id).state
    assert len(state.board) == 9
    budgets = card_id(state, "Personal budgets")
    RemoveCard(step_id, budgets).redo(session)
    spare = spare_cards(state.board)
    assert len(spare) == len(content().spare) + 1  # a removed ready-made card comes back too
    before = state.to_doc()
    command = AddSpareCards(step_id, spare)
    command.redo(session)
    assert len(state.board) == 8 + len(spare) and not spare_cards(state.board)
    # under a police scheme: residents deliver what the police planned
    assert state.board.card(card_id(state, "Neighbourhood watch")).suggested == "D3P1"
    command.undo(session)
    assert state.to_doc() == before


def test_case_study_cards_name_a_case_study_that_exists() -> None:
    cases = case_studies()
    linked = {card.text: case_of(card.id) for card in content().cards if case_of(card.id)}
    assert set(linked) == {
        "KeyRing network",
        "Caledonia home help",
        "FAST school programme",
        "Learning to Lead",
        "Time Dollar Youth Court",
    }
    assert set(linked.values()) == set(cases)
    assert case_of("matrix-outpatient-clinic") == ""


# -- storing ----------------------------------------------------------------------------------
def test_to_doc_and_back_keeps_cells_cards_order_history_and_reveal() -> None:
    state = BovairdMatrix(prompt="Who runs it?")
    keyring = card_id(state, "KeyRing network")
    state.board.place_card(keyring, "D2P2", at="10:00")
    state.board.place_card(card_id(state, "FAST school programme"), "D2P2", 0, at="10:01")
    state.board.add_card(Card("cafe", "Carers' café", source=ROOM_SOURCE))
    state.revealed = True
    doc = json.loads(json.dumps(state.to_doc()))
    again = BovairdMatrix.from_doc(doc)
    assert again == state and again.revealed and again.prompt == "Who runs it?"
    assert again.board.ids_in("D2P2")[1] == keyring
    assert [m.to_doc() for m in again.board.history(keyring)] == [
        {"seq": 1, "from": DECK, "to": "D2P2", "at": "10:00"}
    ]
    stored = {c["text"]: c for c in doc["board"]["cards"]}
    assert stored["KeyRing network"]["place"] == "D2P2" and stored["KeyRing network"]["order"] == 1
    assert {p["id"]: p["name"] for p in doc["board"]["places"]} == CELL_NAMES


def test_a_plan_may_give_only_a_prompt_and_bad_boards_are_refused() -> None:
    plan = BovairdMatrix.from_doc({"prompt": "  Place  each activity "})
    assert plan.prompt == "Place each activity" and len(plan.board) == len(content().cards)
    assert BovairdMatrix.from_doc({}) == BovairdMatrix()
    piles = Board([Place("more", "More")], [Card("a", "Mum")])
    with pytest.raises(DocumentError, match="nine cells"):
        BovairdMatrix.from_doc({"board": piles.to_doc()})
    with pytest.raises(DocumentError, match="revealed"):
        BovairdMatrix.from_doc({"revealed": "yes"})


def test_without_results_keeps_the_rooms_cards_and_hides_suggestions() -> None:
    state = BovairdMatrix(prompt="Our question")
    state.board.add_card(Card("cafe", "Carers' café", source=ROOM_SOURCE))
    state.board.place_card("cafe", "D3P3")
    state.board.place_card(card_id(state, "KeyRing network"), "D2P2")
    state.revealed = True
    fresh = state.without_results()
    assert not fresh.revealed and fresh.prompt == "Our question"
    assert fresh.board.ids_in(DECK) == [card.id for card in state.board.cards()]
    assert "cafe" in fresh.board and not has_results(fresh.board)


def test_a_session_with_a_matrix_survives_a_round_trip(registry) -> None:  # type: ignore[no-untyped-def]
    session, step_id = matrix_session()
    state = session.step(step_id).state
    state.board.place_card(card_id(state, "Time Dollar Youth Court"), "D2P1")
    state.revealed = True
    again = Session.from_doc(json.loads(json.dumps(session.to_doc())), registry)
    assert again.step(step_id).state == state
    assert registry.get("matrix").label == "Bovaird matrix"
    copy = session.copy_as_new(registry)
    assert not copy.steps[0].state.revealed
    assert not has_results(copy.steps[0].state.board)

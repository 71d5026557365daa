"""Cards on a board and the card sort's state, without Qt."""

from __future__ import annotations

import copy

import pytest

from coprod_workshop.core.errors import DocumentError
from coprod_workshop.core.session import Session, Step
from coprod_workshop.exercises.cards.board import (
    CONTESTED_MOVES,
    DECK,
    ROOM_SOURCE,
    Board,
    Card,
    Move,
    Place,
)
from coprod_workshop.exercises.cards.commands import (
    AddCard,
    Batch,
    EditCard,
    FlagCard,
    PlaceCard,
    RemoveCard,
    RenamePlace,
    SetPrompt,
    board_of,
    moved_places,
)
from coprod_workshop.exercises.cards.layout import check_layout, spans
from coprod_workshop.exercises.cardsort.commands import ShowSummary, choose_round
from coprod_workshop.exercises.cardsort.model import CardSort, deck, rounds
from tests.helpers import has_results


def small_board() -> Board:
    return Board(
        [Place("more", "Holds more value"), Place("less", "Holds less value")],
        [Card("a", "Mum"), Card("b", "Client"), Card("c", "Carer"), Card("d", "Swimmer")],
    )


def sort_session() -> tuple[Session, str]:
    step = Step("cardsort", "Roles and labels", 20, CardSort.for_round("labels-value"))
    return Session("Card sort day", [step]), step.id


# -- placing and ordering ------------------------------------------------------------
def test_every_card_starts_on_the_deck_in_order() -> None:
    board = small_board()
    assert board.place_ids() == [DECK, "more", "less"]
    assert board.ids_in(DECK) == ["a", "b", "c", "d"]
    assert board.counts() == {DECK: 4, "more": 0, "less": 0}
    assert board.number_of("less") == 2 and board.place_ids()[1] == "more"


def test_placing_a_card_moves_it_and_records_the_move() -> None:
    board = small_board()
    move = board.place_card("b", "more", at="10:01")
    assert move == Move(1, DECK, "more", "10:01")
    assert board.ids_in(DECK) == ["a", "c", "d"] and board.ids_in("more") == ["b"]
    board.place_card("a", "more", 0)
    board.place_card("c", "more", 1)
    assert board.ids_in("more") == ["a", "c", "b"]
    assert board.locate("c") == ("more", 1)
    assert [m.seq for m in board.history("a")] == [2]


def test_index_is_the_place_after_the_move_and_is_clamped() -> None:
    board = small_board()
    board.place_card("a", DECK, 3)  # reorder within the deck: a goes last
    assert board.ids_in(DECK) == ["b", "c", "d", "a"]
    assert board.history("a")[-1].source == board.history("a")[-1].target == DECK
    board.place_card("b", "less", 99)
    assert board.ids_in("less") == ["b"]
    assert board.place_card("b", "less", 0) is None  # already there: nothing recorded
    assert len(board.history("b")) == 1
    with pytest.raises(KeyError):
        board.place_card("b", "nowhere")


# -- contested -------------------------------------------------------------------------
def test_a_card_that_returns_to_a_pile_it_left_is_contested() -> None:
    board = small_board()
    board.place_card("a", "more")
    board.place_card("a", "less")
    assert not board.is_contested("a")  # changed its mind once
    board.place_card("a", "more")
    assert board.is_contested("a")
    assert board.contested() == [board.card("a")]


def test_back_to_the_deck_and_out_again_to_the_same_pile_is_contested() -> None:
    board = small_board()
    board.place_card("b", "more")
    board.place_card("b", DECK)
    assert not board.is_contested("b")
    board.place_card("b", "more")
    assert board.is_contested("b")


def test_three_moves_make_a_card_contested_but_reorders_in_a_pile_do_not() -> None:
    board = small_board()
    board.place_card("c", "more")
    board.place_card("c", "less")
    assert board.move_count("c") == 2 and not board.is_contested("c")
    board.place_card("a", "less")
    board.place_card("c", "less", 1)  # reorder in an unordered pile
    board.place_card("c", "less", 0)
    assert board.move_count("c") == 2 and not board.is_contested("c")
    board.place_card("c", DECK)
    assert board.move_count("c") == CONTESTED_MOVES and board.is_contested("c")


def test_on_an_ordered_place_reordering_counts() -> None:
    board = Board(
        [Place("line", "Less to more", ordered=True)], [Card("a", "Mum"), Card("b", "Client")]
    )
    board.place_card("a", "line")
    board.place_card("b", "line")
    board.place_card("a", "line", 1)
    assert not board.is_contested("a")
    board.place_card("a", "line", 0)
    assert board.move_count("a") == 3 and board.is_contested("a")


# -- commands: undo puts back exactly what redo changed ----------------------------------
def _round_trip(session: Session, step_id: str, command) -> None:  # type: ignore[no-untyped-def]
    before = copy.deepcopy(board_of(session, step_id).to_doc())
    command.redo(session)
    after = copy.deepcopy(board_of(session, step_id).to_doc())
    assert after != before
    command.undo(session)
    assert board_of(session, step_id).to_doc() == before
    command.redo(session)
    assert board_of(session, step_id).to_doc() == after


def test_every_command_undoes_exactly() -> None:
    session, step_id = sort_session()
    changes: list[str] = []
    session.changed.connect(lambda change: changes.append(change.detail))
    board = board_of(session, step_id)
    first, second = board.ids_in(DECK)[:2]
    _round_trip(session, step_id, PlaceCard(step_id, first, "more-value", at="t1"))
    _round_trip(session, step_id, PlaceCard(step_id, second, "more-value", 0, at="t2"))
    _round_trip(session, step_id, PlaceCard(step_id, first, "less-value", at="t3"))
    _round_trip(session, step_id, PlaceCard(step_id, first, DECK, 4, at="t4"))
    _round_trip(session, step_id, AddCard(step_id, "  Grand   dad ", "less-value", 0))
    _round_trip(session, step_id, EditCard(step_id, second, text="Mother", description="a parent"))
    _round_trip(session, step_id, FlagCard(step_id, second))
    _round_trip(session, step_id, RemoveCard(step_id, first))
    _round_trip(session, step_id, RemoveCard(step_id, second))
    _round_trip(session, step_id, RenamePlace(step_id, "more-value", "Worth more"))
    assert {
        "card-moved",
        "card-added",
        "card-edited",
        "card-flagged",
        "card-removed",
        "place-renamed",
    } <= {change.split(":")[0] for change in changes}


def test_a_move_names_the_places_it_changed_so_views_redraw_only_those() -> None:
    session, step_id = sort_session()
    details: list[str] = []
    session.changed.connect(lambda change: details.append(change.detail))
    first = board_of(session, step_id).ids_in(DECK)[0]
    command = PlaceCard(step_id, first, "more-value")
    command.redo(session)
    command.undo(session)
    EditCard(step_id, first, text="Gran").redo(session)
    assert [moved_places(detail) for detail in details] == [
        {DECK, "more-value"},
        {DECK, "more-value"},
        None,  # anything else: every place may have changed
    ]


def test_remove_then_undo_restores_position_history_and_flag() -> None:
    session, step_id = sort_session()
    board = board_of(session, step_id)
    mum = next(c.id for c in board.cards() if c.text == "Mum")
    for place in ("more-value", "less-value", "more-value"):
        PlaceCard(step_id, mum, place, at="now").redo(session)
    FlagCard(step_id, mum).redo(session)
    before = board.to_doc()
    remove = RemoveCard(step_id, mum)
    remove.redo(session)
    assert mum not in board and remove.text == "Remove card “Mum”"
    remove.undo(session)
    assert board.to_doc() == before
    assert board.is_contested(mum) and board.card(mum).flagged


def test_added_card_is_cleaned_and_marked_as_the_rooms() -> None:
    session, step_id = sort_session()
    add = AddCard(step_id, "  Grand\n dad ")
    add.redo(session)
    card = board_of(session, step_id).card(add.card.id)
    assert card.text == "Grand dad" and card.source == ROOM_SOURCE
    assert board_of(session, step_id).ids_in(DECK)[-1] == card.id
    with pytest.raises(ValueError):
        AddCard(step_id, "   ")


def test_rename_merges_typing_into_one_step_and_a_batch_undoes_in_reverse() -> None:
    session, step_id = sort_session()
    first = RenamePlace(step_id, "less-value", "Worth")
    first.redo(session)
    second = RenamePlace(step_id, "less-value", "Worth less")
    second.redo(session)
    assert first.merge(second)
    first.undo(session)
    assert board_of(session, step_id).place_name("less-value") == "Holds less value"
    board = board_of(session, step_id)
    a, b = board.ids_in(DECK)[:2]
    before = board.to_doc()
    batch = Batch(
        [PlaceCard(step_id, a, "more-value", at="x"), PlaceCard(step_id, b, "more-value", at="x")]
    )
    batch.redo(session)
    assert board.ids_in("more-value") == [a, b] and batch.text.endswith("and 1 more")
    batch.undo(session)
    assert board.to_doc() == before


def test_card_sort_settings_commands_undo() -> None:
    session, step_id = sort_session()
    state: CardSort = session.step(step_id).state
    old_prompt = state.prompt
    prompt = SetPrompt(step_id, "Which labels   do we choose?", "card sort")
    assert prompt.text == "Edit the card sort's question"
    prompt.redo(session)
    assert state.prompt == "Which labels do we choose?"
    prompt.undo(session)
    assert state.prompt == old_prompt
    show = ShowSummary(step_id, True)
    show.redo(session)
    assert state.summary_shown
    show.undo(session)
    assert not state.summary_shown
    change = choose_round(step_id, "supporters-offer")
    change.redo(session)
    assert len(board_of(session, step_id)) == 8
    change.undo(session)
    assert session.step(step_id).state is state


# -- storing -------------------------------------------------------------------------------
def test_board_to_doc_and_back_keeps_everything() -> None:
    board = small_board()
    board.place_card("a", "more", at="10:00")
    board.place_card("a", "less", at="10:01")
    board.place_card("c", "less", 0, at="10:02")
    board.add_card(Card("e", "Sister", "sibling", ROOM_SOURCE), "more")
    board.edit_card("b", flagged=True)
    board.rename_place(DECK, "Still to sort")
    doc = board.to_doc()
    again = Board.from_doc(doc)
    assert again == board and again.to_doc() == doc
    assert again.ids_in("less") == ["c", "a"] and again.history("a") == board.history("a")
    cards = {c["id"]: c for c in doc["cards"]}
    assert cards["a"]["place"] == "less" and cards["a"]["order"] == 1
    assert [m["to"] for m in cards["a"]["history"]] == ["more", "less"]
    assert again.deck_name == "Still to sort"


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.pop("cards"), "has no 'cards'"),
        (lambda d: d["cards"][0].update(text="  "), "card 1 has no text"),
        (lambda d: d["cards"][1].update(id="a"), "used by another card"),
        (lambda d: d["cards"][0].update(place="attic"), "is on 'attic'"),
        (lambda d: d["cards"][1].update(place="more", order=0), "two cards share one place"),
        (lambda d: d["places"].append({"id": "deck", "name": "x"}), "may not be empty or 'deck'"),
        (lambda d: d["places"][0].update(name=""), "'name' is empty"),
        (
            lambda d: d["places"].extend({"id": f"p{n}", "name": "x"} for n in range(8)),
            "10 places; at most 9 fit",
        ),
        (
            lambda d: d["cards"][0]["history"].append({"seq": "x", "from": "deck", "to": "more"}),
            "'seq' should be a whole number",
        ),
        (lambda d: d["cards"][0].update(flagged="yes"), "'flagged' should be yes/no"),
        (
            lambda d: d["cards"][1].update(history=[{"seq": 1, "from": "deck", "to": "more"}]),
            "two moves share one sequence number",
        ),
    ],
)
def test_bad_board_documents_say_what_is_wrong(mutate, message) -> None:  # type: ignore[no-untyped-def]
    board = small_board()
    board.place_card("a", "more")
    doc = copy.deepcopy(board.to_doc())
    mutate(doc)
    with pytest.raises(DocumentError, match=message):
        Board.from_doc(doc)


def test_without_results_deals_again_and_keeps_added_cards() -> None:
    board = small_board()
    board.place_card("c", "more")
    board.place_card("a", "less")
    board.add_card(Card("e", "Sister", source=ROOM_SOURCE), "more")
    board.edit_card("b", flagged=True)
    fresh = board.without_results()
    assert fresh.ids_in(DECK) == ["a", "b", "c", "d", "e"]
    assert not has_results(fresh) and not fresh.flagged()
    assert all(fresh.history(card_id) == () for card_id in "abcde")
    assert board.ids_in("more") == ["c", "e"]  # the original is untouched


# -- layout ---------------------------------------------------------------------------------
def test_layout_spans_and_checks() -> None:
    assert spans([["deck", "deck"], ["more", "less"]]) == {
        "deck": (0, 0, 1, 2),
        "more": (1, 0, 1, 1),
        "less": (1, 1, 1, 1),
    }
    with pytest.raises(ValueError, match="rectangle"):
        spans([["deck", "more"], ["more", "less"]])
    with pytest.raises(DocumentError, match="missing: less"):
        check_layout([["deck", "more"]], ["deck", "more", "less"], "the board")


# -- the card sort ---------------------------------------------------------------------------
def test_seed_decks_and_rounds_come_from_the_resources() -> None:
    labels = [card.text for card in deck("labels")]
    supporters = [card.text for card in deck("supporters")]
    assert len(labels) == 15 and len(supporters) == 8
    assert labels[0] == "Service user" and "Morbidly obese" in labels and labels[-1] == "Sister"
    assert supporters == [
        "CPN",
        "Neighbour",
        "Shop-keeper",
        "Chiropractor",
        "Psychiatrist",
        "Friend",
        "Personal trainer",
        "GP",
    ]
    assert all(
        card.source.startswith("Lawrence Clark, Getting to the heart of co-production")
        for card in deck("labels") + deck("supporters")
    )
    assert set(rounds()) == {
        "labels-value",
        "labels-line",
        "supporters-offer",
        "both",
        "from-or-to",
        "from-or-to-more",
        "from-or-to-all",
    }
    both = CardSort.for_round("both")
    assert len(both.board) == 23 and len({c.id for c in both.board.cards()}) == 23
    friends = [c.description for c in both.board.cards() if c.text == "Friend"]
    assert friends == ["labels we carry", "people who support us"]  # told apart
    assert all(c.description == "" for c in deck("labels"))
    assert "Morbidly obese" in CardSort.for_round("labels-value").note


def test_card_sort_stores_results_and_reads_a_plan_with_only_a_round() -> None:
    sort = CardSort.for_round("supporters-offer")
    gp = next(c.id for c in sort.board.cards() if c.text == "GP")
    sort.board.place_card(gp, "sees-offer", at="now")
    sort.summary_shown = True
    doc = sort.to_doc()
    again = CardSort.from_doc(copy.deepcopy(doc))
    assert again == sort and again.layout == sort.layout
    plan = CardSort.from_doc({"round": "labels-line", "prompt": "Line them up"})
    assert plan.prompt == "Line them up" and plan.board.places[0].ordered
    with pytest.raises(DocumentError, match="no built-in round 'tarot'"):
        CardSort.from_doc({"round": "tarot"})
    with pytest.raises(DocumentError, match="layout"):
        CardSort.from_doc({**doc, "layout": [["deck"]]})
    fresh = sort.without_results()
    assert not fresh.summary_shown and not has_results(fresh.board)
    assert fresh.prompt == sort.prompt


def test_summary_lists_piles_contested_and_flagged_cards() -> None:
    sort = CardSort.for_round("labels-value")
    ids = {card.text: card.id for card in sort.board.cards()}
    sort.board.place_card(ids["Chief Exec"], "more-value")
    for place in ("more-value", "less-value", "more-value"):
        sort.board.place_card(ids["Carer"], place)
    sort.board.place_card(ids["Client"], "less-value")
    sort.board.edit_card(ids["Client"], flagged=True)
    summary = sort.summary()
    assert summary.counts() == [("Holds more value", 2), ("Holds less value", 1), ("Not sure", 0)]
    assert summary.contested == (("Carer", 3, "Holds more value"),)
    assert summary.flagged == ("Client",)
    assert len(summary.unsorted) == 12


def test_a_session_with_a_card_sort_survives_a_round_trip(registry) -> None:  # type: ignore[no-untyped-def]
    session, step_id = sort_session()
    board = board_of(session, step_id)
    PlaceCard(step_id, board.ids_in(DECK)[0], "less-value", at="9:00").redo(session)
    again = Session.from_doc(copy.deepcopy(session.to_doc()), registry)
    assert again.step(step_id).state == session.step(step_id).state
    fresh = again.copy_as_new(registry)
    assert not has_results(fresh.steps[0].state.board)


def test_the_best_text_size_is_found_from_wherever_the_last_search_ended() -> None:
    """The search starts at the last best size (a move changes it a step, if at all); from
    any start it finds what trying every size finds: the largest that fits, else the floor."""
    import random
    import types

    from coprod_workshop.exercises.cards.placeview import PlaceView

    rng = random.Random(7)
    for _ in range(5000):
        low, threshold, last = rng.randint(4, 20), rng.randint(0, 70), rng.randint(0, 70)
        high = rng.randint(low - 2, 60)
        view = types.SimpleNamespace(
            _best_px=last, needed_height=lambda px, t=threshold: 0 if px <= t else 10
        )
        found = PlaceView._search_px(view, 5, low, high)  # type: ignore[arg-type]
        fitting = [px for px in range(low, high + 1) if px <= threshold]
        wanted = max(low, high) if high <= low else max(fitting, default=low)
        assert found == wanted, (low, high, threshold, last)

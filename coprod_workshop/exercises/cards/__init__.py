"""Cards on a board: the part every card exercise shares (card sort, Bovaird matrix).

Pure (no Qt; ``cards.model`` re-exports all of it):

* ``board``: ``Card``, ``Place``, ``Move``, ``Removed`` and ``Board`` (places
  as ordered lists of card ids, the deck first; move history; contested
  cards; how the room's place for a card compares with the place suggested
  for it, ``suggestion_state``; ``place_card``, ``add_card``, ``edit_card``,
  ``remove_card``, ``rename_place``; ``to_doc``/``from_doc``;
  ``without_results``), and ``board_from_spec`` to deal a board from
  resource records.
* ``layout``: where places (and header cells: axis titles, row and column
  names) sit on screen, as rows of ids (``spans``, ``check_layout``,
  ``default_layout``, ``stretches``).
* ``commands``: undoable ``PlaceCard``, ``AddCard``, ``EditCard``,
  ``RemoveCard``, ``FlagCard``, ``RenamePlace``, ``Batch``, for any step whose
  state has a ``board`` attribute (``board_of``).

Qt:

* ``qt``: ``BoardActions`` (what a view asks for, run as those commands;
  which number key sends a card where), ``CardListModel`` (one place as a
  list model; drag and drop by card id under ``MIME_TYPE``; ``Suggestion``
  badges when shown), ``make_mime``/``read_mime`` and the item data roles.
* ``delegate``: ``CardDelegate`` (how a card looks: text, description, the
  "discuss", "moved back and forth" and suggestion marks, the selection;
  sizes and pictures cached).
* ``placeview``: ``PlaceView`` (the list view of one place, with every
  keyboard path and the shrinking of crowded places).
* ``carry``: pick a card up with Enter, choose a place with the arrows, put
  it down with Enter (a drag by keyboard across a large board).
* ``selection``: ``SharedSelection``, one selected card per step over every
  window (the console selects, the projector highlights).
* ``panel``: ``PlacePanel`` (one place: its key, name, cards and the count
  of cards out of view).
* ``widgets``: ``BoardWidget`` (the deck and places laid out in a grid with
  optional headers, key badges and marks, one selection over the board).
* ``tools``: ``CardTools`` (a console's row over its board: a field for a card
  the room suggests, Add, Edit, Remove and, optionally, Flag; the exercise's
  own buttons at the end).

An exercise holds a ``Board`` in its state, gives it a layout, and shows it
with a ``BoardWidget``; it writes no drag and drop of its own.
"""

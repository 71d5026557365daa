"""Cards on a board: the part every card exercise shares (card sort, Bovaird matrix).

Pure (no Qt; ``cards.model`` re-exports all of it):

* ``board``: ``Card``, ``Place``, ``Move``, ``Removed`` and ``Board`` (places
  as ordered lists of card ids, the deck first; move history; contested
  cards; ``place_card``, ``add_card``, ``edit_card``, ``remove_card``,
  ``rename_place``; ``to_doc``/``from_doc``; ``without_results``), and
  ``board_from_spec`` to deal a board from resource records.
* ``layout``: where places sit on screen, as rows of place ids (``spans``,
  ``check_layout``, ``default_layout``).
* ``commands``: undoable ``PlaceCard``, ``AddCard``, ``EditCard``,
  ``RemoveCard``, ``FlagCard``, ``RenamePlace``, ``Batch``, for any step whose
  state has a ``board`` attribute (``board_of``).

Qt:

* ``qt``: ``BoardActions`` (what a view asks for, run as those commands),
  ``CardListModel`` (one place as a list model; drag and drop by card id
  under ``MIME_TYPE``), ``make_mime``/``read_mime`` and the item data roles.
* ``delegate``: ``CardDelegate`` (how a card looks: text, description, the
  "discuss" and "moved back and forth" marks, the selection).
* ``placeview``: ``PlaceView`` (the list view of one place, with every
  keyboard path and the shrinking of crowded places).
* ``widgets``: ``PlacePanel`` and ``BoardWidget`` (the deck and places laid
  out in a grid, one selection over the board).

An exercise holds a ``Board`` in its state, gives it a layout, and shows it
with a ``BoardWidget``; it writes no drag and drop of its own.
"""

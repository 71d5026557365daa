"""The app's colours: one palette for the console, the projector, the charts and the
reports (pure Python: the report and the views both read it, neither through the other).
``ui.theme`` fills the stylesheet from it; nothing else writes a colour."""

from __future__ import annotations

BACKGROUND = "#FBFAF6"
TEXT = "#15202B"
TITLE = "#0B3C5D"
MUTED = "#4A5560"
PROMPT_BACKGROUND = "#FFF1C9"
PROMPT_BORDER = "#8A5A00"
OVER_TIME = "#9B1C1C"
# Ladder vote: band tints behind the rungs, the thank-you screen, chart bars per round
BAND_TO = "#FBE4E0"
BAND_FOR = "#FCEFD2"
BAND_WITH = "#DFF1E4"
BAND_WITH_BORDER = "#2E6B30"
RUNG_PRESSED = "#C9DDF0"
ON_DARK = "#FFFFFF"
ROUND_NOW = "#0B3C5D"
ROUND_WANTED = "#A14A00"
ROUND_THIRD = "#5B2A86"
ROUND_FOURTH = "#2E6B30"
ROUND_COLOURS = (ROUND_NOW, ROUND_WANTED, ROUND_THIRD, ROUND_FOURTH)
BAND_COLOURS = (BAND_TO, BAND_FOR, BAND_WITH)
# Cards on a board (exercises/cards: card sort, Bovaird matrix)
CARD = "#FFFFFF"
CARD_BORDER = "#5B6B7A"
CARD_SELECTED = "#DCEBF7"
CARD_PLACE = "#EEF2F5"
#: a card place's and a grid cell's border: 3:1 or more against every background it meets
CARD_PLACE_BORDER = "#76828F"
#: chart grid lines and report table rules: decoration, light on purpose
GRID_LINE = "#B4C0CB"
CARD_DECK = "#F5F0E4"
CARD_DROP = "#E1F0E6"
CARD_CONTESTED = "#8A5A00"
CARD_FLAGGED = "#9B1C1C"
# Bovaird matrix (exercises/matrix): badges where the room agrees with or differs from
# the deck's suggestion; the middle cell (full co-production) takes the "doing with" tint
MATRIX_AGREES = "#2E6B30"
MATRIX_DIFFERS = "#5B2A86"
MATRIX_MIDDLE = "#DFF1E4"
MATRIX_MIDDLE_BORDER = "#2E6B30"
#: the points of a 1 to 5 scale in the self-assessment bars: one blue, 1 lightest to
#: 5 darkest, each at least 3:1 on the background and darker than the one before
SCALE_POINT_COLOURS = ("#4F93CC", "#3172A8", "#255881", "#1B3E5C", "#11293C")

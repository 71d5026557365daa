"""Exercise kinds: one folder each, one registry line each.

A folder holds ``model.py`` (pure Python, no Qt) and ``views.py`` (Qt), and
its ``__init__`` declares ``KIND``. The views module is imported only when a
window shows a step of that kind.
"""

from coprod_workshop.core.registry import Registry
from coprod_workshop.exercises import (
    actions,
    attendance,
    cardsort,
    elements,
    feedback,
    info,
    journey,
    ladder,
    matrix,
    relationship,
    review,
)

REGISTRY = Registry(
    [
        info.KIND,
        relationship.KIND,
        ladder.KIND,
        cardsort.KIND,
        matrix.KIND,
        elements.KIND,
        journey.KIND,
        review.KIND,
        actions.KIND,
        attendance.KIND,
        feedback.KIND,
    ]
)

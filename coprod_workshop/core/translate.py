"""Marking text in pure-Python modules for translation, without Qt.

``pyside6-lupdate`` finds every ``QT_TRANSLATE_NOOP(context, text)`` by its name and
lists ``text`` for translators; the function itself hands ``text`` back unchanged. A
view then shows it through ``QCoreApplication.translate(context, text)``.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (lupdate's name)
    """``text``, marked for translation in ``context``."""
    return text

"""The app in another language: a Qt translation file ``coprod_workshop_<language>.qm``
in the shipped ``resources/translations`` folder, chosen by $COPROD_WORKSHOP_LANGUAGE
(for example ``cy`` for Welsh) or else by the system's language. Without a file for
the language the app speaks English, as written in the code.

Every text the room or a participant reads on the desktop goes through Qt's
translation functions (``self.tr``, ``QCoreApplication.translate``, and
``core.translate.QT_TRANSLATE_NOOP`` in pure-Python modules), so a translation is a
file made with Qt's tools, not a change to the code (README, "Translating")."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from coprod_workshop.paths import resource

LANGUAGE_ENV = "COPROD_WORKSHOP_LANGUAGE"
PREFIX = "coprod_workshop"


def install_translation(
    app: QCoreApplication, folder: Path | None = None, language: str = ""
) -> QTranslator | None:
    """Install the translation for ``language`` (else $COPROD_WORKSHOP_LANGUAGE, else the
    system's) from ``folder`` (else the shipped one); the translator, or None if there
    is no file for it."""
    name = language or os.environ.get(LANGUAGE_ENV, "") or QLocale.system().name()
    where = folder if folder is not None else Path(str(resource("translations")))
    if not where.is_dir():
        return None
    translator = QTranslator(app)
    if not translator.load(QLocale(name), PREFIX, "_", str(where)):
        return None
    app.installTranslator(translator)
    return translator

"""docs/make_screenshots.py renders every exercise of a full room, at the promised sizes."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parent.parent


def test_the_screenshot_script_renders_every_exercise_at_1080p(
    tmp_path: Path,
    qapp,  # type: ignore[no-untyped-def]  # noqa: ANN001
) -> None:
    path = ROOT / "docs" / "make_screenshots.py"
    spec = importlib.util.spec_from_file_location("make_screenshots", path)
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    shots = script.main(tmp_path)
    names = {shot.stem for shot in shots}
    for kind in ("relationship", "cardsort", "ladder", "matrix"):
        assert f"{kind}-projector" in names and f"{kind}-console" in names
    for shot in shots:
        image = QImage(str(shot))
        size = (image.width(), image.height())
        assert size == (script.CONSOLE if shot.stem.endswith("console") else script.PROJECTOR)
    # every screen the script renders is kept in docs/screenshots/
    assert names <= {p.stem for p in (ROOT / "docs/screenshots").glob("*.png")}

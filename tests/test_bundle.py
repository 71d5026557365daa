"""What the self-contained build (packaging/) relies on in the app itself: its
files found beside the executable, the report's font carried along, the Linux
desktop entry. packaging/smoke.py checks the built bundle itself (in .ci/run)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from coprod_workshop import paths

ROOT = Path(__file__).resolve().parent.parent


def test_a_frozen_app_reads_its_resources_and_plans_beside_the_executable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundled = tmp_path / "coprod_workshop"
    (bundled / "resources").mkdir(parents=True)
    (bundled / "resources" / "style.qss").write_text("/* bundled */", encoding="utf-8")
    (bundled / "sessions").mkdir()
    for name in ("zz-local.json", paths.DEFAULT_PLAN):
        (bundled / "sessions" / name).write_text("{}", encoding="utf-8")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resource("style.qss").read_text(encoding="utf-8") == "/* bundled */"
    assert [p.name for p in paths.builtin_plans()] == [paths.DEFAULT_PLAN, "zz-local.json"]


def test_installed_or_editable_the_app_reads_the_package_s_own_files() -> None:
    assert not getattr(sys, "frozen", False)
    assert paths.resource("style.qss").read_text(encoding="utf-8").startswith("/* Facilitator")
    plans = paths.builtin_plans()
    assert plans[0].name == paths.DEFAULT_PLAN
    assert {p.name for p in plans} == {p.name for p in (ROOT / "sessions").glob("*.json")}


def test_the_report_font_travels_with_the_app_for_computers_without_it(qtbot: QtBot) -> None:
    # Windows and macOS have no DejaVu Sans: the report then uses matplotlib's copy.
    from PySide6.QtGui import QFontDatabase

    from coprod_workshop.reports.document import FONT_FAMILY, font_files

    names = {path.name for path in font_files()}
    assert {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf"} <= names
    regular = next(p for p in font_files() if p.name == "DejaVuSans.ttf")
    font_id = QFontDatabase.addApplicationFont(str(regular))
    try:
        assert QFontDatabase.applicationFontFamilies(font_id) == [FONT_FAMILY]
    finally:
        QFontDatabase.removeApplicationFont(font_id)


@pytest.mark.skipif(os.name != "posix", reason="the Linux desktop entry")
def test_the_linux_folder_adds_itself_to_the_applications_menu(tmp_path: Path) -> None:
    folder = tmp_path / "Apps" / "coprod workshop"
    folder.mkdir(parents=True)
    for name in ("coprod-workshop.desktop", "coprod-workshop.png", "install-desktop-entry.sh"):
        (folder / name).write_bytes((ROOT / "packaging" / name).read_bytes())
    home = tmp_path / "home"
    env = {"PATH": os.environ["PATH"], "HOME": str(home)}
    done = subprocess.run(
        ["sh", str(folder / "install-desktop-entry.sh")], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    entry = (home / ".local/share/applications/coprod-workshop.desktop").read_text()
    assert f'Exec="{folder}/coprod-workshop"\n' in entry
    assert "Icon=coprod-workshop" in entry and "Type=Application" in entry
    assert (home / ".local/share/icons/hicolor/256x256/apps/coprod-workshop.png").exists()

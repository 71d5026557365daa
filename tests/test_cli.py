"""The command line as documented in the README."""

from __future__ import annotations

from pathlib import Path

from coprod_workshop import __version__
from coprod_workshop.exercises import REGISTRY
from coprod_workshop.storage import SessionStore
from tests.helpers import run_cli, small_session


def test_version(data_dir: Path) -> None:
    result = run_cli("--version", data_dir=data_dir)
    assert result.returncode == 0
    assert result.stdout.strip() == f"coprod-workshop {__version__}"


def test_list_shows_saved_sessions_and_warns_about_a_broken_one(data_dir: Path) -> None:
    store = SessionStore(data_dir, REGISTRY)
    session = small_session("Bradford carers' forum")
    store.save(session)
    store.close()
    (data_dir / "sessions" / "garbage.json").write_bytes(b"\x00\xff not json")
    result = run_cli("--list", "--data-dir", str(data_dir), data_dir=data_dir / "unused")
    assert result.returncode == 0
    assert session.id in result.stdout and "Bradford carers' forum" in result.stdout
    assert "garbage.json could not be opened" in result.stderr


def test_screenshot_renders_console_and_projector(tmp_path: Path, data_dir: Path) -> None:
    from PySide6.QtGui import QImage

    target = tmp_path / "shots" / "console.png"
    result = run_cli("--screenshot", str(target), "--step", "2", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    console, projector = QImage(str(target)), QImage(str(target.with_name("console-projector.png")))
    assert (console.width(), console.height()) == (1600, 1000)
    assert (projector.width(), projector.height()) == (1920, 1080)
    # Showing a plan saves nothing.
    assert not any((data_dir / "sessions").glob("*.json"))


def test_open_a_saved_session_by_id_prefix_in_a_screenshot(tmp_path: Path, data_dir: Path) -> None:
    store = SessionStore(data_dir, REGISTRY)
    session = small_session("Prefix test")
    store.save(session)
    store.close()
    target = tmp_path / "by-id.png"
    result = run_cli(session.id[:6], "--screenshot", str(target), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert target.exists()


def test_unknown_session_id_is_reported(tmp_path: Path, data_dir: Path) -> None:
    result = run_cli("nosuchid", "--screenshot", str(tmp_path / "x.png"), data_dir=data_dir)
    assert result.returncode == 1
    assert "No saved session has the id 'nosuchid'" in result.stderr


def test_phone_check_casts_a_vote_over_loopback_and_closes_the_port(data_dir: Path) -> None:
    # What CI runs against the self-contained build (packaging/smoke.py): phone
    # voting started headless, a phone's vote over HTTP, the tally printed.
    result = run_cli("--phone-check", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert "vote for choice 4: HTTP 200 {'status': 'counted', 'yourChoice': 4}" in result.stdout
    assert "tally: 0 0 0 1 0 0 0" in result.stdout
    assert "port closed" in result.stdout
    # It saves nothing, and is not offered to facilitators in --help.
    assert not (data_dir / "sessions").exists() or not any((data_dir / "sessions").iterdir())
    assert "phone-check" not in run_cli("--help", data_dir=data_dir).stdout


def test_screenshot_of_a_named_ready_made_plan(tmp_path: Path, data_dir: Path) -> None:
    from PySide6.QtGui import QImage

    target = tmp_path / "roles.png"
    result = run_cli(
        "--screenshot", str(target), "--plan", "roles-and-language", "--step", "2",
        data_dir=data_dir,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert QImage(str(target)).width() == 1600
    wrong = run_cli("--screenshot", str(target), "--plan", "nosuch", data_dir=data_dir)
    assert wrong.returncode == 2
    assert "no ready-made plan 'nosuch'; there are: introduction-to-co-production," in wrong.stderr
    assert "roles-and-language" in wrong.stderr

"""``coprod-workshop export`` as a person types it: ids, option order, a quiet success."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from coprod_workshop.paths import builtin_plans
from coprod_workshop.storage import SessionStore
from tests import played
from tests.helpers import run_cli, small_session


def test_global_data_dir_before_export_and_a_quiet_success(
    registry: Any, data_dir: Path, tmp_path: Path
) -> None:
    plan = next(p for p in builtin_plans() if p.name.startswith("introduction"))
    session = played.played_plan(plan, registry)
    elsewhere = tmp_path / "kept elsewhere"
    store = SessionStore(elsewhere, registry)
    store.save(session)
    store.close()
    out = tmp_path / "exports"
    result = run_cli(
        "--data-dir", str(elsewhere), "export", session.id, "--to", str(out),
        "--format", "png,csv", data_dir=data_dir,  # the usual folder holds no session
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # nothing but what went wrong is ever said there
    assert len(list(out.glob("*.png"))) >= 5 and len(list(out.glob("*.csv"))) == 1
    also = run_cli(
        f"--data-dir={elsewhere}", "export", session.id[:5], "--to", str(tmp_path / "b"),
        "--format", "csv", data_dir=data_dir,
    )  # fmt: skip
    assert also.returncode == 0, also.stderr


def test_an_empty_id_is_refused_even_with_one_session(registry: Any, data_dir: Path) -> None:
    store = SessionStore(data_dir, registry)
    store.save(small_session("The only one"))
    store.close()
    out = data_dir.parent / "out"
    result = run_cli("export", "", "--to", str(out), data_dir=data_dir)
    assert result.returncode == 1
    assert "give the id of a saved session" in result.stderr
    assert not out.exists()


def test_an_ambiguous_prefix_lists_the_matching_ids(registry: Any, data_dir: Path) -> None:
    store = SessionStore(data_dir, registry)
    session = small_session("Copied twice")
    path = store.save(session)
    store.close()
    for new_id in ("abc123", "abc456", "xyz789"):
        shutil.copy(path, path.with_name(f"{new_id}.json"))
    out = data_dir.parent / "out"
    result = run_cli("export", "abc", "--to", str(out), data_dir=data_dir)
    assert result.returncode == 1
    assert "2 saved sessions have ids starting 'abc': abc123, abc456" in result.stderr
    assert "xyz789" not in result.stderr and not out.exists()
    exact = run_cli("export", "abc4", "--to", str(out), "--format", "csv", data_dir=data_dir)
    assert exact.returncode == 0, exact.stderr

"""The wheel ships every part of the app (pyproject lists packages explicitly)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_and_resource_folder_is_in_the_wheel() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(config["packages"])
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "coprod_workshop").rglob("__init__.py")
    }
    missing = on_disk - listed
    assert not missing, f"add to [tool.setuptools] packages in pyproject.toml: {sorted(missing)}"
    assert config["package-dir"] == {
        "coprod_workshop.resources": "resources",
        "coprod_workshop.sessions": "sessions",
    }
    assert config["package-data"]["coprod_workshop.resources"] == ["**/*"]


def test_pyside6_pin_keeps_the_broken_release_out() -> None:
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    pyside = next(d for d in deps if d.startswith("PySide6"))
    assert "<6.12" in pyside, "PySide6 6.12.0 crashes Python 3.11 (see tests/test_qt_signals.py)"


def test_the_licence_is_declared_as_spdx_and_shipped_without_build_warnings(
    tmp_path: Path,
) -> None:
    # Builds the wheel's metadata as pip does, with every warning an error:
    # setuptools warns about the old `license = { text = ... }` table.
    script = (
        "import sys; from setuptools import build_meta; "
        "print(build_meta.prepare_metadata_for_build_wheel(sys.argv[1]))"
    )
    done = subprocess.run(
        [sys.executable, "-W", "error", "-c", script, str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    metadata = (tmp_path / done.stdout.split()[-1] / "METADATA").read_text()
    assert "License-Expression: MIT" in metadata
    assert "License-File: LICENSE" in metadata
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["build-system"]["requires"]
    assert "setuptools>=77" in requires, "the SPDX licence string needs setuptools 77"

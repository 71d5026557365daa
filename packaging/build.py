"""Build the self-contained coprod-workshop (no Python needed to run it).

    python3 packaging/build.py      (Linux, macOS)
    py packaging\\build.py           (Windows)

Makes a virtual environment of its own (build/bundle-venv), installs the pinned
PyInstaller (packaging/requirements.txt) and the app (``pip install .``, not
editable) into it, and runs PyInstaller on packaging/coprod-workshop.spec from
outside the source tree, so the bundle is made from the installed package.
The folder and its archive land in dist/ (see the spec). Standard library only.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    started = time.perf_counter()
    build = ROOT / "build"
    env_dir = Path(os.environ.get("BUNDLE_VENV", build / "bundle-venv"))
    scripts = env_dir / ("Scripts" if os.name == "nt" else "bin")
    python = scripts / ("python.exe" if os.name == "nt" else "python")
    if not python.exists():
        venv.create(env_dir, with_pip=True)
    pip = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    subprocess.run([*pip, "-r", str(ROOT / "packaging" / "requirements.txt")], check=True)
    # --force-reinstall of the app alone: a rebuild picks up every change.
    subprocess.run([*pip, "--force-reinstall", "--no-deps", str(ROOT)], check=True)
    subprocess.run([*pip, str(ROOT)], check=True)
    installed = time.perf_counter()
    work = build / "pyinstaller"
    work.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            str(python), "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
            "--distpath", str(ROOT / "dist"), "--workpath", str(work),
            str(ROOT / "packaging" / "coprod-workshop.spec"),
        ],
        check=True,
        cwd=work,  # away from the source tree: the app is imported from site-packages
    )  # fmt: skip
    done = time.perf_counter()
    print(
        f"built in {done - started:.0f} s "
        f"(venv and install {installed - started:.0f} s, PyInstaller {done - installed:.0f} s); "
        f"in {ROOT / 'dist'}:"
    )
    for path in sorted((ROOT / "dist").iterdir()):
        print(f"  {path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

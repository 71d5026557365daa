"""Smoke checks of the self-contained Linux build, run as on a computer without Python.

    python3 packaging/smoke.py dist/coprod-workshop-<version>-linux-<arch>.tar.gz

Unpacks the archive into a temporary folder and runs the coprod-workshop in it
from there, in a clean environment (a fresh HOME, the system PATH with no
virtual environment on it, PYTHONPATH and PYTHONHOME unset, the working folder
away from the source tree):

- ``--version`` says the source tree's version;
- ``--list`` on an empty data folder says there are no sessions;
- ``--screenshot --plan NAME --step N`` of every ready-made plan's first exercise
  step (every plan in the source tree must be in the bundle): the console and
  the projector, not blank (colours sampled as .ci/run's screenshot check does);
  and, where Xvfb is installed, one of them in a real X window (xcb);
- a first start saves a session (as a facilitator's first start does), which
  ``export --format pdf`` turns into a PDF with the report's text and font;
- ``--phone-check``: phone voting started on 127.0.0.1 and a vote cast over HTTP.

Standard library only (the system's python3): it reads the outputs, and never
imports the app. Exit status 0 when every check passed.
"""

from __future__ import annotations

import json
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "coprod-workshop"
SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
CONSOLE_SIZE, PROJECTOR_SIZE = (1600, 1000), (1920, 1080)

failures: list[str] = []


def check(ok: bool, what: str, detail: str = "") -> bool:
    print(f"{'ok' if ok else 'FAILED'}: {what}" + (f" ({detail})" if detail else ""), flush=True)
    if not ok:
        failures.append(what)
    return ok


class Bundle:
    """The unpacked bundle, run in a clean environment from a scratch folder."""

    def __init__(self, folder: Path, scratch: Path) -> None:
        self.executable = folder / NAME
        self.folder = folder
        self.scratch = scratch
        runtime = scratch / "runtime"
        runtime.mkdir(mode=0o700)
        (scratch / "home").mkdir()
        self.env = {
            "PATH": SYSTEM_PATH,
            "HOME": str(scratch / "home"),
            "LANG": "C.UTF-8",
            "XDG_RUNTIME_DIR": str(runtime),
            "QT_QPA_PLATFORM": "offscreen",
        }

    def run(
        self, *args: str, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        started = time.perf_counter()
        done = subprocess.run(
            [str(self.executable), *args],
            cwd=self.scratch,
            env=env or self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        seconds = time.perf_counter() - started
        print(f"  $ {NAME} {' '.join(args)}  -> {done.returncode} in {seconds:.1f} s", flush=True)
        if done.returncode != 0:
            print(done.stdout + done.stderr, flush=True)
        return done


def png_colours(path: Path) -> tuple[int, int, int]:
    """(width, height, distinct colours) of an 8-bit RGB(A) PNG, sampled on a 200-wide grid."""
    data = path.read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path} is not a PNG")
    pos, chunks = 8, []
    width = height = channels = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or interlace or colour not in (2, 6):
                raise ValueError(f"{path}: PNG type {colour}/{depth}/{interlace} not read here")
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            chunks.append(body)
    raw = zlib.decompress(b"".join(chunks))
    stride, bpp = width * channels, channels
    step = max(1, width // 200)
    previous = bytearray(stride)
    colours = set()
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif kind == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, previous, strict=True))
        elif kind == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b, c = previous[i], previous[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                near = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + near) & 0xFF
        previous = line
        if y % step == 0:
            for x in range(0, width, step):
                colours.add(bytes(line[x * bpp : x * bpp + bpp]))
    return width, height, len(colours)


def not_blank(path: Path, size: tuple[int, int], what: str) -> None:
    if not check(path.exists(), f"{what}: {path.name} written"):
        return
    width, height, colours = png_colours(path)
    check(
        (width, height) == size and colours > 20,
        f"{what}: {path.name} is {width}x{height} and not blank",
        f"{colours} colours sampled",
    )


def first_exercise_step(plan: Path) -> tuple[int, str]:
    """(1-based step number, kind) of the plan's first step that is not an information slide."""
    steps = json.loads(plan.read_text(encoding="utf-8"))["session"]["1"]["steps"]
    for number, step in enumerate(steps, start=1):
        if step["kind"] != "info":
            return number, step["kind"]
    return 1, steps[0]["kind"]


def start_xvfb() -> tuple[subprocess.Popen[bytes], str] | None:
    if not shutil.which("Xvfb"):
        return None
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", "1", "-screen", "0", "1920x1200x24", "-nolisten", "tcp"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert server.stdout is not None
    number = server.stdout.readline().decode().strip()
    return server, f":{number}"


def main() -> int:
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    archive = Path(sys.argv[1]).resolve()
    version = re.search(
        r'__version__ = "([^"]+)"', (ROOT / "coprod_workshop" / "__init__.py").read_text()
    )
    assert version, "no __version__ in coprod_workshop/__init__.py"
    with tempfile.TemporaryDirectory(prefix="coprod-smoke-") as temp:
        scratch = Path(temp)
        unpacked = scratch / "unpacked"
        unpacked.mkdir()
        subprocess.run(["tar", "-xzf", str(archive), "-C", str(unpacked)], check=True)
        bundle = Bundle(unpacked / NAME, scratch)
        print(f"unpacked {archive.name} into {unpacked}; running it from {scratch}")

        done = bundle.run("--version")
        check(done.stdout.strip() == f"{NAME} {version[1]}", "--version", done.stdout.strip())

        empty = scratch / "empty-data"
        empty.mkdir()
        done = bundle.run("--data-dir", str(empty), "--list")
        check(
            done.returncode == 0 and done.stdout.startswith("No saved sessions in"),
            "--list on an empty data folder",
            done.stdout.strip(),
        )

        bundled = bundle.folder / "_internal" / "coprod_workshop" / "sessions"
        plans = sorted(bundled.glob("*.json"))
        source = sorted(p.name for p in (ROOT / "sessions").glob("*.json"))
        check([p.name for p in plans] == source, "every ready-made plan is in the bundle")
        shots = scratch / "shots"
        for plan in plans:
            number, kind = first_exercise_step(plan)
            target = shots / f"{plan.stem}.png"
            step = ("--plan", plan.stem, "--step", str(number))
            done = bundle.run("--screenshot", str(target), *step)
            what = f"{plan.stem}, step {number} ({kind})"
            check(done.returncode == 0, f"screenshot of {what}")
            not_blank(target, CONSOLE_SIZE, what)
            not_blank(target.with_name(f"{plan.stem}-projector.png"), PROJECTOR_SIZE, what)

        xvfb = start_xvfb()
        if xvfb is None:
            print("skipped: a real X window (no Xvfb here)")
        else:
            server, display = xvfb
            try:
                env = dict(bundle.env, QT_QPA_PLATFORM="xcb", DISPLAY=display)
                target = shots / "x11.png"
                plan = plans[0]
                number, kind = first_exercise_step(plan)
                done = bundle.run(
                    "--screenshot", str(target), "--plan", plan.stem, "--step", str(number), env=env
                )
                check(done.returncode == 0, f"screenshot in an X window (xcb, {display})")
                not_blank(target, CONSOLE_SIZE, "in an X window")
            finally:
                server.terminate()
                server.wait()

        # A session saved the way a facilitator's first start saves one.
        data = scratch / "data"
        app = subprocess.Popen(
            [str(bundle.executable), "--data-dir", str(data)],
            cwd=scratch,
            env=bundle.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 120
        while not list((data / "sessions").glob("*.json")) and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(1)  # let the save finish
        app.send_signal(signal.SIGTERM)
        app.wait(timeout=30)
        done = bundle.run("--data-dir", str(data), "--list")
        listed = done.stdout.split()
        if check(done.returncode == 0 and bool(listed), "the first start saved a session"):
            out = scratch / "export"
            done = bundle.run(
                "--data-dir", str(data), "export", listed[0], "--to", str(out), "--format", "pdf"
            )
            pdfs = list(out.glob("*.pdf"))
            check(
                done.returncode == 0 and len(pdfs) == 1 and pdfs[0].read_bytes()[:5] == b"%PDF-",
                "export of the saved session to PDF",
                ", ".join(f"{p.name}: {p.stat().st_size} bytes" for p in pdfs),
            )
            if pdfs and shutil.which("pdftotext") and shutil.which("pdffonts"):
                text = subprocess.run(
                    ["pdftotext", str(pdfs[0]), "-"], capture_output=True, text=True
                ).stdout
                fonts = subprocess.run(
                    ["pdffonts", str(pdfs[0])], capture_output=True, text=True
                ).stdout
                check("Introduction to co-production" in text, "the PDF holds the report's text")
                check("DejaVuSans" in fonts, "the PDF embeds the report's font (DejaVu Sans)")

        done = bundle.run("--phone-check")
        print("  " + done.stdout.strip().replace("\n", "\n  "))
        check(
            done.returncode == 0 and "tally: 0 0 0 1 0 0 0" in done.stdout,
            "phone voting on 127.0.0.1: a vote cast over HTTP is counted",
        )
    if failures:
        print(f"{len(failures)} smoke check(s) failed: {'; '.join(failures)}")
        return 1
    print("all smoke checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())

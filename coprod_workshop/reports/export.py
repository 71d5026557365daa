"""Write a session's report and data into a folder, atomically.

Every file is first written into a hidden folder beside the targets, then
moved into place, each in one rename (its name is never missing); an export
that fails leaves nothing behind, and one that would replace earlier files
refuses unless ``force``. Only regular files are ever replaced: a folder, a
link or anything else that bears an output's name is left untouched and the
export refused.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from coprod_workshop.core.registry import Registry
from coprod_workshop.core.session import Session
from coprod_workshop.reports import data, markdown
from coprod_workshop.reports.boards import board_steps
from coprod_workshop.reports.content import DEFAULT_OPTIONS, Options, report
from coprod_workshop.storage.atomic import fsync_folder

FORMATS = ("pdf", "odt", "docx", "csv", "json", "png", "md", "easy")
#: the participants' summary (easy read), beside the full report, in these formats
EASY_READ = ("pdf", "docx", "odt")
DEFAULT_FORMATS = FORMATS


class ExportError(Exception):
    """An export that could not be done; the message says why, in plain words."""


class ExportExists(ExportError):
    def __init__(self, paths: list[Path]) -> None:
        self.paths = paths
        names = ", ".join(p.name for p in paths[:4]) + (" …" if len(paths) > 4 else "")
        super().__init__(f"{len(paths)} file(s) from an earlier export are already there: {names}")


class NotAFile(ExportError):
    """Something other than a regular file bears the name of a file to write."""

    def __init__(self, path: Path, what: str) -> None:
        self.path = path
        super().__init__(
            f"{path.name} in {path.parent} is {what}, not a file of an earlier export; "
            "it was left untouched (move or rename it, or export into another folder)"
        )


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISLNK(mode):
        return "a link"
    return "not a regular file"


def _regular(path: Path) -> bool:
    """Whether ``path`` is a regular file; False if nothing is there; raise NotAFile
    for anything else (a folder, a link even to nowhere, a device, a pipe)."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:  # nothing there, or no folder: writing says what is wrong
        return False
    if not stat.S_ISREG(mode):
        raise NotAFile(path, _kind(mode))
    return True


def _keep_copy(target: Path, backup: Path) -> None:
    """Keep the earlier file's content aside without ever removing its name."""
    try:
        os.link(target, backup)  # a file is only ever replaced, so a link is a copy
    except OSError:
        shutil.copy2(target, backup)


def parse_formats(text: str) -> tuple[str, ...]:
    wanted = tuple(
        dict.fromkeys(part.strip().lower().lstrip(".") for part in text.split(",") if part.strip())
    )
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        raise ExportError(
            f"unknown format {', '.join(unknown) or '(none)'}; choose from {', '.join(FORMATS)}"
        )
    return wanted


def base_name(session: Session) -> str:
    """``<title>-<date>`` in plain letters, digits and dashes (never empty)."""
    slug = re.sub(r"[^a-z0-9]+", "-", session.title.lower()).strip("-")[:48].strip("-")
    return "-".join(part for part in (slug or "session", session.date) if part)


def file_names(session: Session, formats: Sequence[str]) -> list[str]:
    base = base_name(session)
    names = []
    for fmt in formats:
        if fmt == "png":
            names += [f"{base}-step-{i + 1:02d}.png" for i in board_steps(session)]
        elif fmt == "md":
            names.append(f"{base}-summary.md")
        elif fmt == "easy":
            names += [f"{base}-easy-read.{ending}" for ending in EASY_READ]
        else:
            names.append(f"{base}.{fmt}")
    return names


def _write_text(path: Path, text: str, encoding: str = "utf-8") -> None:
    with open(path, "w", encoding=encoding, newline="") as out:
        out.write(text)
        out.flush()
        os.fsync(out.fileno())


def _write_all(
    session: Session,
    registry: Registry,
    work: Path,
    formats: Sequence[str],
    options: Options,
    now: datetime,
) -> None:
    base = base_name(session)
    blocks = report(session, registry, options, now)
    #: the summary's pictures, by step id, when the board images drew them already
    pictures: dict[str, list[bytes]] | None = None
    for fmt in sorted(formats, key=lambda name: name == "easy"):  # the summary after the PNGs
        if fmt == "pdf":
            from coprod_workshop.reports.document import write_pdf

            write_pdf(blocks, work / f"{base}.pdf", session.title)
        elif fmt == "odt":
            from coprod_workshop.reports import odt

            odt.write(blocks, work / f"{base}.odt", session.title)
        elif fmt == "docx":
            from coprod_workshop.reports import word

            word.write(blocks, work / f"{base}.docx", session.title)
        elif fmt == "csv":
            _write_text(work / f"{base}.csv", data.csv_text(session, registry), "utf-8-sig")
        elif fmt == "json":
            _write_text(work / f"{base}.json", data.session_json(session, options))
        elif fmt == "md":
            _write_text(work / f"{base}-summary.md", markdown.render(blocks))
        elif fmt == "easy":
            _write_easy_read(session, registry, work, base, options, pictures)
        elif fmt == "png":
            summary = "easy" in formats
            pictures = _write_board_images(session, registry, work, base, options, summary)


def _write_board_images(
    session: Session,
    registry: Registry,
    work: Path,
    base: str,
    options: Options,
    summary: bool = False,
) -> dict[str, list[bytes]] | None:
    """Each board's image (a board in pages: every page, in order); with ``summary``,
    returns the participants' summary's pictures, drawn on the way (so each board is
    drawn once)."""
    from coprod_workshop.reports.boards import board_images, png_bytes, stacked
    from coprod_workshop.reports.easyread import PICTURED

    pictures = {}
    for index, pages in board_images(session, registry, options.journey, review=options.review):
        path = work / f"{base}-step-{index + 1:02d}.png"
        if not stacked(pages).save(str(path)):
            raise OSError(f"the image {path.name} could not be written")
        step = session.steps[index]
        if summary and step.kind in PICTURED:
            pictures[step.id] = [png_bytes(page) for page in pages]
    return pictures if summary else None


def _write_easy_read(
    session: Session,
    registry: Registry,
    work: Path,
    base: str,
    options: Options,
    pictures: dict[str, list[bytes]] | None = None,
) -> None:
    """The participants' summary (easy read) as PDF, DOCX and ODT, with the key pictures
    (``pictures``: drawn already by the board images, else drawn here)."""
    from coprod_workshop.reports import odt, word
    from coprod_workshop.reports.blocks import EASY_READ_SIZES
    from coprod_workshop.reports.boards import key_pictures
    from coprod_workshop.reports.document import write_pdf
    from coprod_workshop.reports.easyread import PICTURED, summary

    if pictures is None:
        pictures = key_pictures(session, registry, PICTURED, options.journey, options.review)
    blocks = summary(session, pictures)
    title = f"Our workshop: {session.title}"
    write_pdf(blocks, work / f"{base}-easy-read.pdf", title, EASY_READ_SIZES)
    word.write(blocks, work / f"{base}-easy-read.docx", title, EASY_READ_SIZES)
    odt.write(blocks, work / f"{base}-easy-read.odt", title, EASY_READ_SIZES)


def export(
    session: Session,
    registry: Registry,
    folder: Path,
    formats: Sequence[str] = DEFAULT_FORMATS,
    *,
    force: bool = False,
    options: Options = DEFAULT_OPTIONS,
    now: datetime | None = None,
) -> list[Path]:
    """Write ``formats`` of ``session`` into ``folder``; return the files written."""
    folder = Path(folder)
    names = file_names(session, formats)
    targets = [folder / name for name in names]
    existing = [t for t in targets if _regular(t)]
    if existing and not force:
        raise ExportExists(existing)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".export-", dir=folder))
    except OSError as err:
        raise ExportError(
            f"the folder {folder} cannot be written to ({err.strerror or err})"
        ) from None
    moved: list[tuple[Path, Path | None]] = []
    try:
        _write_all(session, registry, work, formats, options, now or datetime.now())
        for name, target in zip(names, targets, strict=True):
            backup = None
            if _regular(target):  # checked again: it may have changed meanwhile
                if not force:
                    raise ExportExists([target])
                backup = work / f"{name}.old"
                _keep_copy(target, backup)
            os.replace(work / name, target)  # one rename: the name is never missing
            moved.append((target, backup))
        fsync_folder(folder)
    except Exception as err:
        for target, backup in reversed(moved):  # put back what was there before
            try:
                if backup is not None:
                    os.replace(backup, target)
                else:
                    target.unlink(missing_ok=True)
            except OSError:
                pass
        if isinstance(err, ExportError):
            raise
        message = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        raise ExportError(f"the export failed and nothing was written: {message}") from err
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return targets

"""Command line: ``coprod-workshop`` or ``python -m coprod_workshop``."""

from __future__ import annotations

import argparse
import sys

from coprod_workshop import APP_NAME, __version__


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=APP_NAME,
        description="Guide an in-room co-production workshop on a shared screen.",
        epilog=f"To export a session's report and data: {APP_NAME} [--data-dir DIR] "
        "export SESSION --to DIR (see its --help).",
    )
    p.add_argument("session", nargs="?", help="open the saved session with this id (or id prefix)")
    p.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    p.add_argument(
        "--data-dir",
        metavar="DIR",
        help="keep sessions in DIR instead of the usual data folder (also: COPROD_WORKSHOP_DATA)",
    )
    p.add_argument("--list", action="store_true", help="list saved sessions and exit")
    p.add_argument(
        "--screenshot",
        metavar="PATH",
        help="render the console to PATH and the projector to PATH-projector.png "
        "(offscreen) and exit; without a session, shows the built-in plan",
    )
    p.add_argument("--step", type=int, metavar="N", help="with --screenshot: show step N")
    p.add_argument(
        "--plan",
        metavar="NAME",
        help="with --screenshot and no session: show the ready-made plan NAME "
        "(its file name without .json, e.g. roles-and-language)",
    )
    # a check of a build (CI, the self-contained bundle): coprod_workshop/selfcheck.py
    p.add_argument("--phone-check", action="store_true", help=argparse.SUPPRESS)
    return p


def list_sessions(data_dir_option: str | None) -> int:
    from coprod_workshop.exercises import REGISTRY
    from coprod_workshop.paths import data_dir
    from coprod_workshop.storage import SessionStore

    try:
        store = SessionStore(data_dir(data_dir_option), REGISTRY)
    except OSError as err:
        print(f"{APP_NAME}: the data folder cannot be used: {err}", file=sys.stderr)
        return 1
    infos = store.summaries()
    for problem in store.take_problems():
        print(f"warning: {problem.message()}", file=sys.stderr)
    if not infos:
        print(f"No saved sessions in {store.folder}")
    for info in infos:
        print(f"{info.id}  {info.date:10}  {info.steps:2} steps  {info.title}")
    return 0


def export_parser() -> argparse.ArgumentParser:
    from coprod_workshop.reports.export import FORMATS

    p = argparse.ArgumentParser(
        prog=f"{APP_NAME} export",
        description="Export a saved session's report and data (works with no display).",
    )
    p.add_argument("session", help="the saved session's id (or id prefix)")
    p.add_argument("--to", required=True, metavar="DIR", help="write the files into DIR")
    p.add_argument(
        "--format",
        default=",".join(FORMATS),
        metavar="LIST",
        help=f"comma-separated, from {','.join(FORMATS)} (default: all)",
    )
    p.add_argument("--force", action="store_true", help="replace files of an earlier export")
    p.add_argument("--notes", action="store_true", help="include the facilitator's notes")
    p.add_argument("--data-dir", metavar="DIR", help="sessions are kept in DIR")
    return p


def export_session(argv: list[str]) -> int:
    import os
    from pathlib import Path

    options = export_parser().parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from coprod_workshop.ui.display import quiet_about_size_hints

    quiet_about_size_hints()  # a successful export says nothing on stderr

    from coprod_workshop.exercises import REGISTRY
    from coprod_workshop.paths import data_dir
    from coprod_workshop.reports.content import Options
    from coprod_workshop.reports.export import ExportError, export, parse_formats
    from coprod_workshop.storage import SessionStore, SessionUnreadable

    def fail(text: str) -> int:
        print(f"{APP_NAME} export: {text}", file=sys.stderr)
        return 1

    try:
        formats = parse_formats(options.format)
    except ExportError as err:
        return fail(str(err))
    if not options.session.strip():
        return fail("give the id of a saved session, or the start of one (see --list)")
    store = SessionStore(data_dir(options.data_dir), REGISTRY)
    try:
        session = store.load(store.find(options.session))
    except KeyError:
        matches = [i for i in store.ids() if i.startswith(options.session)]
        if len(matches) > 1:
            return fail(
                f"{len(matches)} saved sessions have ids starting {options.session!r}: "
                f"{', '.join(matches)}; give more of the id"
            )
        return fail(f"no saved session has the id {options.session!r} (see --list)")
    except SessionUnreadable as err:
        return fail(str(err))
    from coprod_workshop.reports.content import group_journey, group_review

    journey = group_journey(store, session)
    review = group_review(store, session)
    app = QApplication.instance() or QApplication([APP_NAME])  # noqa: F841
    try:
        written = export(
            session,
            REGISTRY,
            Path(options.to),
            formats,
            force=options.force,
            options=Options(notes=options.notes, journey=journey, review=review),
        )
    except ExportError as err:
        hint = " (add --force to replace them)" if "earlier export" in str(err) else ""
        return fail(f"{err}{hint}")
    for path in written:
        print(path)
    return 0


def _split_global(args: list[str]) -> tuple[list[str], list[str]]:
    """The global options given before a subcommand (``--data-dir D export ...``,
    as in git), and the rest."""
    head: list[str] = []
    while args:
        if args[0] == "--data-dir" and len(args) > 1:
            head, args = head + args[:2], args[2:]
        elif args[0].startswith("--data-dir="):
            head, args = head + args[:1], args[1:]
        else:
            break
    return head, args


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    head, rest = _split_global(args)
    if rest[:1] == ["export"]:
        # options after the subcommand come later, so they win
        return export_session(head + rest[1:])
    options = parser().parse_args(argv)
    if options.list:
        return list_sessions(options.data_dir)
    if options.phone_check:
        from coprod_workshop.selfcheck import phone_check

        return phone_check()
    from coprod_workshop.app import run

    return run(options)


if __name__ == "__main__":
    sys.exit(main())

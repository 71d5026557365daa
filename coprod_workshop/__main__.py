"""Command line: ``coprod-workshop`` or ``python -m coprod_workshop``."""

from __future__ import annotations

import argparse
import sys

from coprod_workshop import APP_NAME, __version__


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=APP_NAME,
        description="Guide an in-room co-production workshop on a shared screen.",
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


def main(argv: list[str] | None = None) -> int:
    options = parser().parse_args(argv)
    if options.list:
        return list_sessions(options.data_dir)
    from coprod_workshop.app import run

    return run(options)


if __name__ == "__main__":
    sys.exit(main())

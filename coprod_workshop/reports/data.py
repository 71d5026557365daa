"""The data for analysis: every note, move, placement, vote and action as CSV rows
(long form), and the whole session as JSON, with nothing that identifies a person."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from coprod_workshop.core.registry import Registry
from coprod_workshop.core.session import Session
from coprod_workshop.reports.content import DEFAULT_OPTIONS, Options, step_rows
from coprod_workshop.reports.csvguard import guarded

COLUMNS = ("session", "date", "step", "type", "what", "where", "source", "time")
#: keys of a stored session that identify a participant or their phone (a vote's
#: participant id is the phone's cookie; request ids come from the phone; a dot
#: round's ``turn`` names the person at the shared screen)
PRIVATE_KEYS = frozenset({"participant", "request_id", "requests", "turn"})


def rows(session: Session, registry: Registry) -> list[dict[str, str]]:
    """One record per thing the room did, in agenda order."""
    records = []
    for number, step in enumerate(session.steps, start=1):
        for row in step_rows(registry, step):
            records.append(
                {
                    "session": session.id,
                    "date": session.date,
                    "step": f"{number}. {step.title}",
                    "type": row.kind,
                    "what": row.what,
                    "where": row.where,
                    "source": row.source,
                    "time": row.time,
                }
            )
    return records


def csv_text(session: Session, registry: Registry) -> str:
    """The rows as CSV; a cell a spreadsheet would run as a formula is guarded
    (:mod:`reports.csvguard`)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(guarded(row) for row in rows(session, registry))
    return out.getvalue()


def _scrub(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _scrub(v) for k, v in value.items() if k not in PRIVATE_KEYS}
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    return value


def session_json(session: Session, options: Options = DEFAULT_OPTIONS) -> str:
    """The whole session as stored, without participant ids (and without the
    facilitator's notes unless asked for)."""
    doc = _scrub(session.to_doc())
    if not options.notes:
        for step in doc["steps"]:
            step.pop("notes", None)
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"

"""Registration counts of an event (aggregates only; names never leave the reader)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import FileFormatError
from ..i18n import _
from ..names import PARTICIPANTS_FILE


@dataclass(frozen=True)
class ParticipantSummary:
    """Counts from ``events/<id>/participants.toml``; never names or contact details."""

    registered: int
    attended: int
    registered_by_group: dict[str, int]
    attended_by_group: dict[str, int]
    organisations: int
    organisations_by_type: dict[str, int]

    def to_json(self) -> dict[str, Any]:
        """The counts as plain data (JSON and templates)."""
        return {"registered": self.registered, "attended": self.attended,
                "registered_by_group": self.registered_by_group,
                "attended_by_group": self.attended_by_group,
                "organisations": self.organisations,
                "organisations_by_type": self.organisations_by_type}


def read_participants(event_dir: Path) -> ParticipantSummary | None:
    """Aggregate the registrations of an event, or ``None`` if none were recorded.

    Reads the list under ``participants`` (or ``registrations``) of ``participants.toml``;
    each entry may carry ``target_group``, ``organisation``, ``organisation_type`` and
    ``attended`` (true, or a date/time). Only counts leave this function.
    """
    # lazy: the store costs 9 ms (-X importtime, best of 7) after eventflow.outputs, which
    # `eventflow feedback` (csv_cell) loads without it
    from ..store import MAX_EVENT_BYTES, parse_bounded, read_capped

    path = event_dir / PARTICIPANTS_FILE
    try:
        raw = read_capped(path, MAX_EVENT_BYTES)
    except FileNotFoundError:
        return None
    data = parse_bounded(path, raw)  # the store's bounded reader: shape checked, then parsed
    rows = data.get("participants", data.get("registrations", []))
    if isinstance(rows, dict):
        rows = list(rows.values())
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise FileFormatError(path, _("must hold a list of participant tables"),
                              field="participants")
    reg: dict[str, int] = {}
    att: dict[str, int] = {}
    orgs: dict[str, str] = {}
    attended = 0
    for row in rows:
        group = str(row.get("target_group") or "other")
        reg[group] = reg.get(group, 0) + 1
        was_there = row.get("attended")
        if was_there not in (None, False, ""):
            attended += 1
            att[group] = att.get(group, 0) + 1
        org = str(row.get("organisation") or "").strip().casefold()
        if org:
            orgs.setdefault(org, str(row.get("organisation_type") or group))
    by_type: dict[str, int] = {}
    for kind in orgs.values():
        by_type[kind] = by_type.get(kind, 0) + 1
    return ParticipantSummary(len(rows), attended, dict(sorted(reg.items())),
                              dict(sorted(att.items())), len(orgs), dict(sorted(by_type.items())))

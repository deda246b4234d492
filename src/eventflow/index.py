"""Per-event summaries for `eventflow status` over many events."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .engine import Engine


def summaries(engine: Engine, today: dt.date) -> list[dict[str, Any]]:
    rows = []
    for event_id in engine.project.event_ids():
        rows.append(engine.summary(engine.project.load(event_id), today))
    return rows

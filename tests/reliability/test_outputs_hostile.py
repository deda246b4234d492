"""Outputs and personal data together: registrations imported from a spreadsheet reach the
documents only as counts, and after erasure no byte of them is left in any output."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .test_personal_data import HEADER, MARKED, OTHER, matches


def test_outputs_carry_counts_never_registrations(ef_engine: Any, ef_event: Any,
                                                  tmp_path: Any) -> None:
    from eventflow.outputs import render_outputs
    from eventflow.participants import erase, import_csv, summary

    event = ef_event("follow_up", languages=("fi", "en"))
    csv_file = tmp_path / "r.csv"
    hostile = "=HYPERLINK(\"http://x\"),red@example.fi,../../etc,ngo,,,,,\n"
    csv_file.write_text(HEADER + MARKED + OTHER + hostile, "utf-8")
    ef_engine.tick(event.id, "privacy_notice_published")  # G2 comes before registrations
    report = import_csv(ef_engine, event.id, csv_file, dt.date(2027, 3, 1))
    assert report.imported == 3
    rendered = render_outputs(ef_engine, event.id)
    assert rendered.ok
    folder = ef_engine.project.root
    outputs = ef_engine.project.event_dir(event.id) / "outputs"
    assert all(p.resolve().is_relative_to(outputs.resolve()) for p in outputs.rglob("*"))
    text = (outputs / "follow_up" / "impact-report-en.md").read_text("utf-8")
    assert f"Registered {summary(ef_engine.project, event.id)['registered']}," in text
    for path in outputs.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"HYPERLINK" not in data and b"red@example.fi" not in data, path
    assert {p for _, p in matches(folder)} == {
        str(ef_engine.project.event_dir(event.id) / "participants.toml")}
    erase(ef_engine, event.id, "zq7marker-mail@example.fi")
    assert render_outputs(ef_engine, event.id).ok
    assert matches(folder) == []

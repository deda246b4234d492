"""`eventflow outputs` on the command line: exit codes, messages and --json."""

from __future__ import annotations

import json


def test_outputs_renders_and_reports(run, ef_event, folder):
    event = ef_event("venue")
    result = run("outputs", event.id)
    assert result.exit_code == 0, result.output
    assert "✓ partner_agreed/agreement_memo: agreement-memo-fi.md" in result.output
    assert "✓ venue/calendar: event-fi.ics" in result.output
    assert "3/3 output(s) written to" in result.output
    assert (folder / "events" / event.id / "outputs" / "manifest.json").is_file()


def test_outputs_json_and_languages(run, ef_event):
    event = ef_event("partner_agreed")
    result = run("outputs", event.id, "--lang", "sv,en", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)  # warnings (missing data) go to stderr
    assert data["ok"] is True and data["languages"] == ["sv", "en"]
    assert data["stages"] == ["partner_agreed"]
    (memo,) = data["outputs"]
    assert memo["id"] == "agreement_memo" and memo["ok"] is True
    assert memo["files"] == [f"events/{event.id}/outputs/partner_agreed/agreement-memo-sv.md",
                             f"events/{event.id}/outputs/partner_agreed/agreement-memo-en.md"]


def test_bad_stage_and_language_exit_2(run, ef_event):
    event = ef_event("partner_agreed")
    result = run("outputs", event.id, "--stage", "nope")
    assert result.exit_code == 2
    assert "no stage nope" in result.output and "partner_agreed, venue" in result.output
    result = run("outputs", event.id, "--lang", "de")
    assert result.exit_code == 2 and "no templates in de" in result.output
    result = run("outputs", event.id, "--stale", "--stage", "venue")
    assert result.exit_code == 2


def test_unknown_event_exit_1(run, ef_event):
    ef_event("partner_agreed")
    result = run("outputs", "nosuch")
    assert result.exit_code == 1 and "no event 'nosuch'" in result.output


def test_failed_output_exit_1_and_others_written(run, ef_event, folder):
    event = ef_event("costs_split")
    override = folder / "templates" / "fi" / "venue_sheet.md"
    override.parent.mkdir(parents=True)
    override.write_text("{{ nothing_here }}", "utf-8")
    result = run("outputs", event.id, "--stage", "venue")
    assert result.exit_code == 1
    assert "✗ venue/venue_sheet: output 'venue_sheet' of plugin " \
           "'eventflow.default_plugins.outputs'" in result.output
    assert "'nothing_here' is undefined" in result.output
    assert "✓ venue/calendar: event-fi.ics" in result.output
    assert not (folder / "events" / event.id / "outputs" / "venue" / "venue-sheet-fi.md").exists()


def test_stale_lists_changed_outputs(run, ef_event):
    event = ef_event("costs_split")
    assert run("outputs", event.id).exit_code == 0
    result = run("outputs", event.id, "--stale")
    assert result.exit_code == 0 and "4 output(s) made, none stale" in result.output
    assert run("venue", "set", event.id, "--capacity", "80").exit_code == 0
    result = run("outputs", event.id, "--stale")
    assert result.exit_code == 0
    assert "2 stale output(s)" in result.output
    assert "venue/venue_sheet" in result.output and "changed since made: venue" in result.output
    data = json.loads(run("outputs", event.id, "--stale", "--json").output)
    assert data["fresh"] == 2
    assert sorted(s["id"] for s in data["stale"]) == ["calendar", "venue_sheet"]


def test_outputs_help_has_an_example(run):
    result = run("outputs", "--help")
    assert result.exit_code == 0 and "eventflow outputs pirkanmaa --stale" in result.output


def test_a_full_disk_mid_output_is_reported_and_the_rest_is_kept(run, ef_event, folder,
                                                                 monkeypatch):
    """A write that fails (ENOSPC) fails that output only: the others are written and in the
    manifest, the message says what was written and what to do."""
    import errno

    from eventflow import store

    event = ef_event("costs_split")
    real = store.atomic_write

    def full_disk(path, data):
        if path.name.startswith("budget") and path.suffix == ".csv":
            raise store.SaveFailed(f"{path}: no space left on device; nothing was saved, "
                                   "the file is as it was", applied=False) from OSError(
                                       errno.ENOSPC, "No space left on device")
        return real(path, data)

    monkeypatch.setattr(store, "atomic_write", full_disk)
    result = run("outputs", event.id)
    assert result.exit_code == 1
    assert "✗ costs_split/budget" in result.output and "no space left" in result.output
    assert "budget-fi.md written" in result.output
    assert "✓ partner_agreed/agreement_memo" in result.output
    manifest = (folder / "events" / event.id / "outputs" / "manifest.json").read_text("utf-8")
    assert "partner_agreed/agreement_memo" in manifest
    assert "costs_split/budget" not in manifest

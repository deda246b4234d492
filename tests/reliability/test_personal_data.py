"""Personal data: registrations stay apart from the planning data, are imported whole or not
at all, and once erased leave no byte behind anywhere in the planning folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

MARKERS = ("Zq7Marker-Name", "zq7marker-mail@example.fi", "Zq7Marker-Org ry", "zq7marker-diet",
           "Zq7Marker-Access")
HEADER = "name,email,organisation,target_group,organisation_type,diet,diet_consent," \
         "accessibility,accessibility_consent\n"
MARKED = (f"{MARKERS[0]},{MARKERS[1]},{MARKERS[2]},ngo,ngo,{MARKERS[3]},yes,{MARKERS[4]},yes\n")
OTHER = "Jussi Virtanen,jussi@example.fi,Tampereen kaupunki,authority_local_regional,authority," \
        "vegan,yes,,\n"


def every_byte(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def matches(folder: Path) -> list[tuple[str, str]]:
    found = []
    for path, data in every_byte(folder).items():
        for marker in MARKERS:
            for form in {marker, marker.lower(), marker.upper()}:
                if form.encode() in data or form.encode("utf-16-le") in data:
                    found.append((marker, str(path)))
    return found


def test_erased_person_leaves_zero_bytes_in_the_folder(run, folder, tmp_path,
                                                       figures: dict[str, Any]) -> None:
    event_id = json.loads(run("new", "Hyvät väestösuhteet", "--date", "2027-03-18",
                              "--region", "Pirkanmaa", "--json").output)["id"]
    run("check", event_id, "privacy_notice_published")  # G2 comes first
    csv_file = tmp_path / "registrations.csv"
    csv_file.write_text(HEADER + MARKED + OTHER, "utf-8")
    result = run("participants", "import", event_id, str(csv_file))
    assert result.exit_code == 0, result.output
    assert "imported 2 registration(s)" in result.output
    # kept apart: only participants.toml holds them, never the event, history or outputs
    holders = {Path(p).name for _, p in matches(folder)}
    assert holders == {"participants.toml"}
    for command in (("status", event_id), ("status", event_id, "--json"), ("history", event_id),
                    ("history", event_id, "--json"), ("why", event_id),
                    ("participants", "summary", event_id),
                    ("participants", "summary", event_id, "--json"), ("outputs", event_id)):
        out = run(*command).output
        assert not any(m.lower() in out.lower() for m in MARKERS), command
    summary = json.loads(run("participants", "summary", event_id, "--json").output)
    assert summary["registered"] == 2 and summary["by_target_group"] == {
        "authority_local_regional": 1, "ngo": 1}
    assert summary["diets"] == {"other": 1, "vegan": 1}  # kinds and counts, no free text
    assert "vegan" in json.dumps(summary) and "Jussi" not in json.dumps(summary)
    assert (folder / ".gitignore").read_text().count("participants.toml") == 1

    result = run("participants", "erase", event_id, MARKERS[1].upper())
    assert result.exit_code == 0, result.output
    assert MARKERS[1].lower() not in result.output.lower()
    searched = every_byte(folder)
    left = matches(folder)
    figures["files searched after erasure"] = len(searched)
    figures["bytes searched"] = sum(len(d) for d in searched.values())
    figures["marker matches after erasure"] = len(left)
    assert left == []
    # the other registration is untouched; the history says only that one was erased
    assert json.loads(run("participants", "summary", event_id, "--json").output)[
        "registered"] == 1
    history = json.loads(run("history", event_id, "--json").output)["history"]
    assert history[-1]["action"] == "participants.erase" and history[-1]["erased"] == 1


def test_import_is_all_or_nothing_with_an_error_per_row(run, folder, tmp_path) -> None:
    event_id = json.loads(run("new", "X", "--date", "2027-03-18", "--region", "Pirkanmaa",
                              "--json").output)["id"]
    run("check", event_id, "privacy_notice_published")  # G2 comes first
    csv_file = tmp_path / "bad.csv"
    csv_file.write_text(HEADER + OTHER
                        + "Anna,not-an-address,Org,ngo,,,,,\n"
                        + "Ben,ben@example.fi,Org,believers,,,,,\n"
                        + "Cai,cai@example.fi,Org,ngo,,halal,,,\n"
                        + "Dan,jussi@example.fi,Org,ngo,,,,,\n", "utf-8")
    before = every_byte(folder)
    result = run("participants", "import", event_id, str(csv_file))
    assert result.exit_code == 1
    text = result.output
    assert "nothing was imported" in text and str(csv_file) in text
    assert "row 3 (line 3): column 'email' is not an e-mail address" in text
    assert "row 4 (line 4): column 'target_group' is 'believers'" in text
    assert "row 5 (line 5): a diet is given without diet_consent = yes" in text
    assert "row 6 (line 6): the same e-mail address as row 2" in text
    assert every_byte(folder) == before  # nothing half-imported
    csv_file.write_bytes(HEADER.encode() + b"Jos\xe9,j@example.fi,Org,ngo,,,,,\n")
    result = run("participants", "import", event_id, str(csv_file))
    assert result.exit_code == 1 and "line 2: not UTF-8" in result.output
    csv_file.write_text("name,email,organisation,target_group,religion\n", "utf-8")
    result = run("participants", "import", event_id, str(csv_file))
    assert result.exit_code == 1 and "unknown column(s) religion" in result.output
    assert every_byte(folder) == before


def test_purge_records_the_date_the_check_reads(run, folder, tmp_path, ef_engine) -> None:
    event_id = json.loads(run("new", "X", "--date", "2026-10-01", "--region", "Pirkanmaa",
                              "--json").output)["id"]
    run("check", event_id, "privacy_notice_published")  # G2 comes first
    csv_file = tmp_path / "r.csv"
    csv_file.write_text(HEADER + MARKED + OTHER, "utf-8")
    assert run("participants", "import", event_id, str(csv_file)).exit_code == 0
    result = run("participants", "purge", event_id)
    assert result.exit_code == 0, result.output
    assert not (folder / "events" / event_id / "participants.toml").exists()
    assert matches(folder) == []
    from eventflow.default_plugins.checks import personal_data_deleted

    event = ef_engine.load(event_id)
    assert event.ext["participants"]["purged_at"] == "2026-11-27"
    assert personal_data_deleted(event).ok
    result = run("participants", "import", event_id, str(csv_file))
    assert result.exit_code == 1 and "purged" in result.output


def test_purge_before_the_event_needs_force(run, tmp_path) -> None:
    event_id = json.loads(run("new", "X", "--date", "2027-03-18", "--region", "Pirkanmaa",
                              "--json").output)["id"]
    run("check", event_id, "privacy_notice_published")  # G2 comes first
    result = run("participants", "purge", event_id)
    assert result.exit_code == 1 and "--force" in result.output
    assert run("participants", "purge", event_id, "--force").exit_code == 0


def test_erase_and_purge_work_after_the_event_is_done_or_cancelled(run, folder, tmp_path,
                                                                    ef_engine) -> None:
    """Registrations are deleted after the follow-up, when the event is done (or cancelled)."""
    from eventflow.testing import walk_to

    event_id = json.loads(run("new", "X", "--date", "2026-10-01", "--region", "Pirkanmaa",
                              "--json").output)["id"]
    run("check", event_id, "privacy_notice_published")  # G2 comes first
    csv_file = tmp_path / "r.csv"
    csv_file.write_text(HEADER + MARKED + OTHER, "utf-8")
    assert run("participants", "import", event_id, str(csv_file)).exit_code == 0
    walk_to(ef_engine, event_id, "follow_up")
    assert run("cancel", event_id, "--reason", "Budget cut").exit_code == 0
    result = run("participants", "erase", event_id, MARKERS[1])
    assert result.exit_code == 0, result.output
    assert matches(folder) == []
    result = run("participants", "purge", event_id)
    assert result.exit_code == 0, result.output
    assert not (folder / "events" / event_id / "participants.toml").exists()
    assert ef_engine.load(event_id).ext["participants"]["purged_at"] == "2026-11-27"
    history = json.loads(run("history", event_id, "--json").stdout)["history"]
    assert [h["action"] for h in history][-2:] == ["participants.erase", "participants.purge"]

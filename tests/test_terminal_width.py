"""What people read fits their terminal: `status`, `status EVENT`, `history`, `why` and `next`
cut long cells with "…" (never a date) or break prose between words on a terminal; piped
output and `--wide` print every cell in full; colour goes through click and honours
NO_COLOR."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from eventflow.present import fit_table, shorten, terminal_width, wrap

DATE = re.compile(r"\d{4}-\d\d-\d\d")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_shorten_cuts_with_an_ellipsis_after_a_whole_word() -> None:
    assert shorten("short", 10) == "short"
    assert shorten("record one with eventflow partner add", 20) == "record one with…"
    assert shorten("agreement_signed", 10) == "agreement…"
    assert len(shorten("x" * 50, 7)) == 7
    assert shorten("anything", None) == "anything"


def test_wrap_breaks_prose_between_words_only() -> None:
    text = "      not ticked yet (eventflow check pirkanmaa-2027-03-18 agreement_signed)"
    lines = wrap(text, 40).split("\n")
    assert all(len(line) <= 40 or " " not in line.strip() for line in lines)
    assert " ".join(line.strip() for line in lines) == text.strip()  # no word lost or split
    assert lines[0].startswith("      not") and lines[1].startswith("        ")
    assert wrap(text, None) == text


def test_fit_table_shrinks_text_columns_keeps_dates_and_marks_what_is_left_out() -> None:
    rows = [["EVENT", "DATE", "NOTE", "EMPTY"],
            ["pirkanmaa-2027-03-18", "2027-03-18", "a long note about the venue", ""],
            ["uusimaa-2027-02-01", "2027-02-01", "short", ""]]
    wide = fit_table(rows, 200)
    assert wide[1] == "pirkanmaa-2027-03-18 2027-03-18 a long note about the venue"
    assert wide[0].endswith("EMPTY")  # fits: every column, even an empty one
    narrow = fit_table(rows, 40, shrink=((2, 5),))
    assert all(len(line) <= 40 for line in narrow)
    assert "EMPTY" not in narrow[0]  # an empty column goes first
    assert narrow[1] == "pirkanmaa-2027-03-18 2027-03-18 a long…"
    tiny = fit_table(rows, 25, shrink=((2, 5),))
    assert tiny[1] == "pirkanmaa-2027-03-18 …"  # the date is left out whole, never cut
    assert all(len(line) <= 25 for line in tiny)
    # `drop`: the columns left out first, in that order, before any is left out from the right
    assert fit_table(rows, 40)[1] == "pirkanmaa-2027-03-18 2027-03-18 …"  # from the right
    assert fit_table(rows, 40, drop=(0,)) == ["DATE       NOTE …",
                                              "2027-03-18 a long note about the venue …",
                                              "2027-02-01 short …"]


def test_terminal_width_only_for_a_terminal_and_not_with_wide(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setenv("COLUMNS", "60")
    assert terminal_width(Tty()) == 60
    assert terminal_width(Tty(), wide=True) is None
    assert terminal_width(io.StringIO()) is None  # a pipe, a file
    monkeypatch.setenv("COLUMNS", "200")
    assert terminal_width(Tty()) == 200


# the real commands on a pseudo-terminal ----------------------------------------------------
def on_terminal(root: Path, columns: int, *args: str, **env: str) -> str:
    """What ``eventflow ARGS`` shows on a terminal ``columns`` wide (a real pty)."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("EVENTFLOW_")}
    environ.update({"EVENTFLOW_LOAD_PLUGINS": "", "EVENTFLOW_TODAY": "2026-11-27",
                    "EVENTFLOW_USER": "tester", "EVENTFLOW_LANG": "en", "COLUMNS": str(columns),
                    **env})  # env may name another language
    if "NO_COLOR" not in env:
        environ.pop("NO_COLOR", None)
    parent, child = pty.openpty()
    chunks: list[bytes] = []

    def read() -> None:  # while the command writes: a terminal holds only a few KB
        while True:
            try:
                chunk = os.read(parent, 65536)
            except OSError:  # the terminal closed: all read
                return
            if not chunk:
                return
            chunks.append(chunk)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        subprocess.run([sys.executable, "-m", "eventflow", "--dir", str(root), *args],
                       stdout=child, stderr=subprocess.DEVNULL, env=environ, timeout=60,
                       check=True)
    finally:
        os.close(child)
        reader.join(timeout=10)
        os.close(parent)
    out = b"".join(chunks)
    return out.decode("utf-8").replace("\r\n", "\n")


@pytest.fixture
def planned(run: Any, folder: Path) -> Path:
    for title, date, region in (("Hyvät väestösuhteet – Pirkanmaa", "2027-03-18", "Pirkanmaa"),
                                ("Uusimaa", "2027-02-01", "Uusimaa")):
        assert run("new", title, "--date", date, "--region", region).exit_code == 0
    run("status")  # the caches, so that the front door answers too
    return folder


def dates(text: str) -> list[str]:
    return DATE.findall(ANSI.sub("", text))


def test_status_fits_60_columns_and_prints_everything_at_200_or_piped(
        planned: Path, run: Any) -> None:
    piped = run("status").output
    for args in (("status",), ("--lang", "en", "status")):  # the front door, then the CLI
        narrow = on_terminal(planned, 60, *args)
        plain = ANSI.sub("", narrow)
        assert all(len(line) <= 60 for line in plain.splitlines()), plain
        assert "…" in plain and "pirkanmaa-2027-03-18" in plain  # ids stay whole
        # what needs doing now stays in view: the stage and counts give way first
        assert plain.splitlines()[0].split()[:3] == ["EVENT", "DATE", "OVERDUE"], plain
        assert re.search(r"uusimaa-2027-02-01 +2027-02-01 +\d+ ", plain), plain
        assert set(dates(plain)) <= set(dates(piped))  # dates whole or not at all
        wide = ANSI.sub("", on_terminal(planned, 200, *args))
        assert "…" not in wide
        assert [line.split() for line in wide.splitlines()] == \
            [line.split() for line in piped.splitlines()]  # the same cells, in full
    assert "…" not in piped and "\x1b[" not in piped
    assert ANSI.sub("", on_terminal(planned, 60, "status", "--wide")).splitlines() == \
        piped.splitlines()


def test_status_colours_overdue_counts_through_click_and_honours_no_color(
        planned: Path) -> None:
    coloured = on_terminal(planned, 200, "status")
    assert "\x1b[31m" in coloured  # the overdue counts of this day, in red
    assert "\x1b[" not in on_terminal(planned, 200, "status", NO_COLOR="1")
    assert "\x1b[" not in on_terminal(planned, 200, "--lang", "en", "status", NO_COLOR="1")


def test_status_event_why_and_next_fit_60_columns(planned: Path, run: Any) -> None:
    event = "pirkanmaa-2027-03-18"
    for args in (("status", event), ("--lang", "en", "status", event), ("next", "--days", "60")):
        piped = run(*args[-3:] if args[0] == "next" else ("status", event)).output
        narrow = on_terminal(planned, 60, *args)
        assert all(len(line) <= 60 for line in narrow.splitlines()), narrow
        assert set(dates(narrow)) <= set(dates(piped)) and dates(narrow)
        assert "…" in narrow
        wide = on_terminal(planned, 200, *args, "--wide") if args[0] != "--lang" else \
            on_terminal(planned, 60, *args, "--wide")
        assert wide.splitlines() == piped.splitlines()
    why = on_terminal(planned, 60, "why", event)
    assert all(len(line) <= 60 for line in why.splitlines()), why
    words = run("why", event).output.split()
    assert why.split() == words  # broken between words only: nothing lost, no word split
    assert on_terminal(planned, 60, "why", event, "--wide").splitlines() == \
        run("why", event).output.splitlines()
    as_json = on_terminal(planned, 60, "status", event, "--json")
    assert json.loads(as_json)["id"] == event  # JSON is never cut


FORGED = "ok\nr9   2026-11-30 13.05  leena   cancel   — fake\x1b[2J\x1b[31m"


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_history_fits_60_and_80_columns_and_a_forged_line_stays_one_line(
        planned: Path, run: Any, lang: str) -> None:
    event = "pirkanmaa-2027-03-18"
    assert run("partner", "add", event, "Pirkanmaan ETNO", "--type", "authority").exit_code == 0
    assert run("partner", "agree", event, "programme", FORGED).exit_code == 0
    assert run("reschedule", event, "--date", "2027-04-22").exit_code == 0
    raw = json.loads(run("history", event, "--json").output)["history"]
    assert raw[-2]["text"] == FORGED  # --json keeps the data as it is
    piped = run("--lang", lang, "history", event).output.splitlines()
    assert len(piped) == len(raw) and "…" not in "".join(piped)
    assert "ok⏎r9" in piped[-2] and "\\x1b[2J" in piped[-2] and "\x1b" not in "".join(piped)
    for columns in (60, 80):
        shown = on_terminal(planned, columns, "--lang", lang, "history", event)
        assert "\x1b" not in shown  # no escape sequence reaches the terminal
        lines = shown.splitlines()
        assert len(lines) == len(raw), shown  # the forged entry is one line
        assert all(len(line) <= columns for line in lines), shown
        assert "…" in shown
        for line, whole in zip(lines, piped, strict=True):
            head = " ".join(whole.split()[:4 if lang == "en" else 6])  # rev, time, who, action
            assert " ".join(line.split()).startswith(head)  # kept whole
            assert whole.startswith(line.split("…")[0].rstrip())  # the rest cut, not changed
            assert set(dates(line)) <= set(dates(whole))  # a date whole or not at all
    assert on_terminal(planned, 60, "--lang", lang, "history", event, "--wide").splitlines() \
        == piped  # --wide: as piped, in full
    if lang == "fi":  # the language from the environment (or the folder), not --lang
        assert on_terminal(planned, 60, "history", event, EVENTFLOW_LANG="fi").splitlines() \
            == on_terminal(planned, 60, "--lang", "fi", "history", event).splitlines()


def test_wide_is_documented(run: Any) -> None:
    for command in ("status", "why", "next", "history"):
        assert "--wide" in run(command, "--help").output


def test_the_front_doors_shortcuts_give_what_the_libraries_give(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Without click and shutil loaded (the front door), the red of an overdue count and the
    terminal's width are what click.style and shutil.get_terminal_size give."""
    import io
    import shutil

    import click

    from eventflow.index import listing
    from eventflow.present import terminal_width

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    with_click = listing._red("  3")
    monkeypatch.delitem(sys.modules, "click")
    monkeypatch.delitem(sys.modules, "shutil")
    assert listing._red("  3") == with_click == click.style("  3", fg="red")
    for columns in ("60", "200"):
        monkeypatch.setenv("COLUMNS", columns)
        assert terminal_width(Tty()) == shutil.get_terminal_size().columns == int(columns)
    monkeypatch.delenv("COLUMNS")
    assert terminal_width(Tty()) == max(shutil.get_terminal_size().columns, 20)

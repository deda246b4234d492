"""Reminders and invitations by e-mail, against a real SMTP server (aiosmtpd on loopback)."""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path
from typing import Any

import pytest
from remind_owners import OWNERS

from eventflow.engine import Engine

aiosmtpd_controller = pytest.importorskip("aiosmtpd.controller")


PEOPLE = {"leena.koski@example.fi": "fi", "anna.berg@example.fi": "sv",
          "jussi.maki@example.fi": "en", "viestinta@example.fi": "fi",
          "tietosuoja@example.fi": "fi"}
GREETING = {"fi": "Hei ", "sv": "Hej ", "en": "Hello "}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Mailbox:
    """An aiosmtpd handler that keeps what it accepts and answers as told."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list[list[str]] = []
        self.rcpt_reply: dict[str, str] = {}  # address -> reply to RCPT TO
        self.data_reply: dict[str, str] = {}  # address -> reply to the end of DATA

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str,
                          rcpt_options: list[str]) -> str:
        if address in self.rcpt_reply:
            return self.rcpt_reply[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        for address in envelope.rcpt_tos:
            if address in self.data_reply:
                return self.data_reply[address]
        self.envelopes.append(list(envelope.rcpt_tos))
        self.messages.append(message_from_bytes(envelope.original_content,  # type: ignore
                                                policy=default_policy))
        return "250 2.0.0 Accepted"

    def to(self) -> list[str]:
        return sorted(a for env in self.envelopes for a in env)


@pytest.fixture
def smtp_port() -> int:
    return free_port()


@pytest.fixture
def mailbox(smtp_port: int) -> Iterator[Mailbox]:
    box = Mailbox()
    controller = aiosmtpd_controller.Controller(box, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        yield box
    finally:
        controller.stop()


@pytest.fixture
def planning(folder: Path, ef_engine: Engine, smtp_port: int) -> Path:
    settings = folder / "eventflow.toml"
    settings.write_text(settings.read_text() + OWNERS + f"""
[mail]
from = "Tampereen kaupunki <eventflow@tampere.example.fi>"
host = "127.0.0.1"
port = {smtp_port}
""", encoding="utf-8")
    ef_engine.create("Hyvät väestösuhteet", dt.date(2027, 1, 20), "Pirkanmaa", ["fi"])
    ef_engine.create("Goda befolkningsrelationer", dt.date(2027, 2, 10), "Pohjanmaa",
                     ["sv", "fi"])
    return folder


def sent_log(folder: Path) -> list[dict[str, Any]]:
    path = folder / "mail" / "sent.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines()]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


# without --send ---------------------------------------------------------------------------------
def test_remind_writes_one_reviewable_message_per_person_in_their_language(
        planning: Path, run: Any) -> None:
    result = run("remind", "--days", "30", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {m["address"]: m["language"] for m in data["messages"]} == PEOPLE
    assert data["unassigned"] == [] and not (planning / "mail").exists()
    for entry in data["messages"]:
        raw = Path(entry["file"]).read_bytes()
        assert Path(entry["file"]).parent == planning / ".eventflow" / "outbox"
        msg = message_from_bytes(raw, policy=default_policy)
        assert msg["From"] == "Tampereen kaupunki <eventflow@tampere.example.fi>"
        assert msg["To"].addresses[0].addr_spec == entry["address"]
        assert msg["Date"] and msg["Message-ID"] == entry["message_id"]
        body = msg.get_content()
        assert body.startswith(GREETING[entry["language"]])
        for item in entry["items"]:
            assert item["command"] in body and item["label"] in body
            assert item["command"] in (f"eventflow check {item['event']} {item['item']}",
                                       f"eventflow why {item['event']}")
    anna = next(m for m in data["messages"] if m["address"] == "anna.berg@example.fi")
    assert "uppgifter" in anna["subject"]
    assert any(i["label"] == "Samarbetsorganisationen godkänner kostnadsfördelningen"
               for i in anna["items"])


def test_remind_reads_the_verdict_of_next(planning: Path, run: Any) -> None:
    due = json.loads(run("next", "--days", "30", "--json").stdout)["items"]
    remind = json.loads(run("remind", "--days", "30", "--json").stdout)
    seen = {(i["event"], i["item"], i["due"]) for m in remind["messages"] for i in m["items"]}
    assert seen == {(r["event"], r["item"], r["due"]) for r in due}
    partner_items = [r for r in due if r["owner"] == "partner"]
    for address in ("leena.koski@example.fi", "anna.berg@example.fi"):
        message = next(m for m in remind["messages"] if m["address"] == address)
        assert {(r["event"], r["item"]) for r in partner_items} <= \
            {(i["event"], i["item"]) for i in message["items"]}


def test_an_event_can_name_its_own_people_for_a_role(planning: Path, run: Any,
                                                     ef_engine: Engine) -> None:
    event_id = ef_engine.project.event_ids()[0]

    def mutate(ev: Any) -> None:
        ev.owners = {"programme_lead": ["Other Lead <other@example.fi>"]}

    ef_engine.change(event_id, "test.owners", mutate)
    data = json.loads(run("remind", "--days", "30", "--json").stdout)
    by_address = {m["address"]: m for m in data["messages"]}
    other = {(i["event"], i["owner"]) for i in by_address["other@example.fi"]["items"]}
    assert other == {(event_id, "programme_lead")}
    jussi = by_address["jussi.maki@example.fi"]["items"]
    assert not [i for i in jussi if i["event"] == event_id and i["owner"] == "programme_lead"]
    assert [i for i in jussi if i["owner"] == "programme_lead"]


def test_a_role_nobody_holds_is_named_with_the_fix(folder: Path, ef_engine: Engine,
                                                   run: Any) -> None:
    settings = folder / "eventflow.toml"
    settings.write_text(settings.read_text() + '[owners]\norganiser = "a@example.fi"\n')
    ef_engine.create("Hyvät väestösuhteet", dt.date(2027, 1, 20), "Pirkanmaa", ["fi"])
    result = run("remind", "--days", "30", "--json")
    assert result.exit_code == 0
    assert "role 'venue_lead' names nobody" in result.stderr
    assert "add venue_lead = " in result.stderr and str(settings) in result.stderr
    assert {r["owner"] for r in json.loads(result.stdout)["unassigned"]} >= {"venue_lead"}


@pytest.mark.parametrize(("table", "field", "words"), [
    ('[owners]\norganiser = "Leena Koski <leena.koski at example.fi>"\n', "owners.organiser",
     "is not an e-mail address"),
    ('[owners]\norganiser = "leena@localhost"\n', "owners.organiser", "no domain with a dot"),
    ('[owners]\npartner = []\n', "owners.partner", "names nobody"),
    ('[owners]\npartner = ""\n', "owners.partner", "names nobody"),
    ('[people."anna@example.fi"]\nlanguage = "de"\n', 'people."anna@example.fi".language',
     "unknown language"),
    ('[mail]\nhost = "smtp.example.fi"\npassword = "secret"\n', "mail.password",
     "must not be written"),
    ('[mail]\nport = "twenty-five"\n', "mail.port", "is not a port number"),
])
def test_bad_settings_name_the_file_and_field_and_change_nothing(
        folder: Path, ef_engine: Engine, run: Any, table: str, field: str, words: str) -> None:
    settings = folder / "eventflow.toml"
    settings.write_text(settings.read_text() + table)
    ef_engine.create("Hyvät väestösuhteet", dt.date(2027, 1, 20), "Pirkanmaa", ["fi"])
    before = snapshot(folder)
    for args in (["remind"], ["remind", "--send"]):
        result = run(*args)
        assert result.exit_code == 1
        assert f"{settings}, field '{field}'" in result.output and words in result.output
        assert "fix:" in result.output
        assert snapshot(folder) == before


# with --send ------------------------------------------------------------------------------------
def test_send_delivers_every_message_once(planning: Path, run: Any, mailbox: Mailbox) -> None:
    preview = json.loads(run("remind", "--days", "30", "--json").stdout)
    result = run("remind", "--days", "30", "--send", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert mailbox.to() == sorted(PEOPLE)
    assert {str(m["Message-ID"]) for m in mailbox.messages} == \
        {m["message_id"] for m in preview["messages"]} == {m["message_id"] for m in
                                                           data["messages"]}
    for msg in mailbox.messages:
        address = msg["To"].addresses[0].addr_spec
        assert msg["From"].addresses[0].addr_spec == "eventflow@tampere.example.fi"
        assert msg["Date"] and msg["Subject"]
        assert msg.get_content().startswith(GREETING[PEOPLE[address]])
        assert msg.get_content_charset() == "utf-8"
    log = sent_log(planning)
    assert [e["status"] for e in log] == ["sending", "sent"] * len(PEOPLE)
    assert all(e["status"] == "sent" for e in data["messages"])
    assert not list((planning / ".eventflow" / "outbox").glob("remind-*.eml"))

    again = run("remind", "--days", "30", "--send")
    assert again.exit_code == 0
    assert "no reminders to send" in again.output
    assert len(mailbox.messages) == len(PEOPLE) and len(sent_log(planning)) == len(log)
    # the log is what remembers, not the cache
    import shutil

    shutil.rmtree(planning / ".eventflow")
    assert "no reminders to send" in run("remind", "--days", "30", "--send").output
    assert len(mailbox.messages) == len(PEOPLE)


def test_a_newly_due_item_is_sent_alone_later(planning: Path, run: Any,
                                              mailbox: Mailbox) -> None:
    assert run("remind", "--days", "10", "--send").exit_code == 0
    first = len(mailbox.messages)
    assert run("remind", "--days", "30", "--send").exit_code == 0
    sent_keys = [k for e in sent_log(planning) if e["status"] == "sent" for k in e["keys"]]
    assert len(sent_keys) == len(set(sent_keys))
    assert len(mailbox.messages) > first


def test_server_down_sends_nothing_and_a_rerun_sends_all(planning: Path, run: Any,
                                                         smtp_port: int) -> None:
    result = run("remind", "--days", "30", "--send")
    assert result.exit_code == 1
    assert f"cannot reach the SMTP server 127.0.0.1:{smtp_port}" in result.output
    assert "check [mail] host and port" in result.output and "nothing was sent" in result.output
    assert sent_log(planning) == []
    box = Mailbox()
    controller = aiosmtpd_controller.Controller(box, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        assert run("remind", "--days", "30", "--send").exit_code == 0
    finally:
        controller.stop()
    assert box.to() == sorted(PEOPLE)


@pytest.mark.parametrize(("where", "reply", "words"), [
    ("data", "451 4.3.0 Mailbox busy, try later",
     "451 4.3.0 Mailbox busy, try later (temporary failure, try again later)"),
    ("rcpt", "450 4.2.0 Greylisted", "450 4.2.0 Greylisted (temporary failure"),
    ("rcpt", "550 5.1.1 No such user", "550 5.1.1 No such user (rejected)"),
    ("data", "554 5.7.1 Message refused", "554 5.7.1 Message refused (rejected)"),
])
def test_a_refused_message_is_not_recorded_as_sent_and_a_rerun_sends_only_it(
        planning: Path, run: Any, mailbox: Mailbox, where: str, reply: str,
        words: str) -> None:
    anna = "anna.berg@example.fi"
    getattr(mailbox, f"{where}_reply")[anna] = reply
    result = run("remind", "--days", "30", "--send")
    assert result.exit_code == 1
    assert f"{anna}: {words}" in result.output
    assert "Nothing refused was recorded as sent; run the command again" in result.output
    assert mailbox.to() == sorted(set(PEOPLE) - {anna})
    last = {e["to"]: e["status"] for e in sent_log(planning)}
    assert last[anna] == "failed" and all(v == "sent" for k, v in last.items() if k != anna)
    assert (planning / ".eventflow" / "outbox" / "remind-anna-berg-example-fi.eml").exists()

    getattr(mailbox, f"{where}_reply").clear()
    again = run("remind", "--days", "30", "--send")
    assert again.exit_code == 0, again.output
    assert mailbox.to() == sorted(PEOPLE)
    assert run("remind", "--days", "30", "--send").exit_code == 0
    assert mailbox.to() == sorted(PEOPLE)


def test_a_login_without_the_password_variable_is_refused(planning: Path, run: Any,
                                                          monkeypatch: Any) -> None:
    monkeypatch.delenv("EVENTFLOW_SMTP_PASSWORD", raising=False)
    settings = planning / "eventflow.toml"
    settings.write_text(settings.read_text() + 'username = "eventflow"\n')
    result = run("remind", "--send")
    assert result.exit_code == 1
    assert "EVENTFLOW_SMTP_PASSWORD is empty" in result.output
    assert sent_log(planning) == []


# a kill between "sending" and "sent" ------------------------------------------------------------
def _eventflow(folder: Path, *args: str, fault: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "EVENTFLOW_MAIL_FAULT": fault}
    return subprocess.run([sys.executable, "-m", "eventflow", "--dir", str(folder), *args],
                          capture_output=True, text=True, env=env, timeout=60, check=False)


@pytest.mark.parametrize("fault", ["kill-after-accept", "kill-before-data"])
def test_a_kill_in_flight_leaves_an_unknown_that_is_never_sent_twice_by_itself(
        planning: Path, mailbox: Mailbox, fault: str) -> None:
    killed = _eventflow(planning, "remind", "--days", "30", "--send", fault=fault)
    assert killed.returncode == -9
    log = sent_log(planning)
    assert [e["status"] for e in log] == ["sending"]
    first = log[0]["to"]
    arrived = 1 if fault == "kill-after-accept" else 0
    assert len(mailbox.messages) == arrived

    rerun = _eventflow(planning, "remind", "--days", "30", "--send")
    assert rerun.returncode == 0, rerun.stderr
    assert f"unknown: {first}" in rerun.stderr and log[0]["message_id"] in rerun.stderr
    assert "--retry-unknown" in rerun.stderr
    assert sorted(a for env in mailbox.envelopes[arrived:] for a in env) == \
        sorted(set(PEOPLE) - {first})

    retried = _eventflow(planning, "remind", "--days", "30", "--send", "--retry-unknown")
    assert retried.returncode == 0, retried.stderr
    assert [m["To"].addresses[0].addr_spec for m in mailbox.messages[len(PEOPLE) - 1 + arrived:]] \
        == [first]
    assert str(mailbox.messages[-1]["Message-ID"]) == log[0]["message_id"]
    again = _eventflow(planning, "remind", "--days", "30", "--send", "--retry-unknown")
    assert "no reminders to send" in again.stdout
    assert len(mailbox.messages) == len(PEOPLE) + arrived


# invitation send --------------------------------------------------------------------------------
@pytest.fixture
def invitation_event(planning: Path, ef_engine: Engine, run: Any) -> str:
    settings = planning / "eventflow.toml"
    settings.write_text(settings.read_text() + """
[plugins."eventflow.default_plugins.outputs".distribution_lists]
ngo = ["Yhdistys ry <info@yhdistys.example.fi>", "toinen@example.fi"]
media = ["toimitus@lehti.example.fi"]
""")
    from eventflow.testing import walk_to

    event_id = ef_engine.project.event_ids()[0]
    walk_to(ef_engine, event_id, "invitations")

    def mutate(ev: Any) -> None:
        ev.invitation.target_groups = ["ngo", "media"]

    ef_engine.change(event_id, "test.groups", mutate)
    result = run("outputs", event_id, "--stage", "invitations")
    assert result.exit_code == 0, result.output
    return event_id


def test_invitation_send_delivers_each_draft_to_each_address_and_records_it(
        invitation_event: str, run: Any, mailbox: Mailbox, ef_engine: Engine,
        planning: Path) -> None:
    result = run("invitation", "send", invitation_event, "--json")
    assert result.exit_code == 0, result.output
    assert mailbox.to() == ["info@yhdistys.example.fi", "toimitus@lehti.example.fi",
                            "toinen@example.fi"]
    for msg in mailbox.messages:
        assert "Bcc" not in msg and "X-Unsent" not in msg
        assert len(msg["To"].addresses) == 1 and msg["Date"] and msg["Message-ID"]
        assert msg["From"].addresses[0].addr_spec == "eventflow@tampere.example.fi"
        assert "Kutsu" in msg["Subject"] or "Hyvät" in msg["Subject"]
        names = [p.get_filename() for p in msg.iter_attachments()]
        assert names and all(n.startswith(invitation_event) and n.endswith(".ics")
                             for n in names)
    data = json.loads(result.stdout)
    assert data["recorded"] == "2026-11-27"
    event = ef_engine.load(invitation_event)
    assert event.invitation.sent_at == dt.date(2026, 11, 27)
    assert ef_engine.project.history(invitation_event)[-1]["action"] == "invitation.sent"

    again = run("invitation", "send", invitation_event)
    assert again.exit_code == 0 and "3 address(es) already had the invitation" in again.output
    assert len(mailbox.messages) == 3
    assert ef_engine.load(invitation_event).revision == event.revision


def test_invitation_send_to_a_csv_list_by_group(invitation_event: str, run: Any,
                                                mailbox: Mailbox, tmp_path: Path) -> None:
    listing = tmp_path / "invitees.csv"
    listing.write_text("email;name;group\nuusi@example.fi;Uusi Henkilö;media\n"
                       "jarjesto@example.fi;;ngo\n", encoding="utf-8")
    dry = run("invitation", "send", invitation_event, "--to-file", str(listing), "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert mailbox.messages == []
    result = run("invitation", "send", invitation_event, "--to-file", str(listing))
    assert result.exit_code == 0, result.output
    by_to = {m["To"].addresses[0].addr_spec: m for m in mailbox.messages}
    assert sorted(by_to) == ["jarjesto@example.fi", "uusi@example.fi"]
    assert by_to["uusi@example.fi"]["To"].addresses[0].display_name == "Uusi Henkilö"
    assert by_to["uusi@example.fi"]["X-Eventflow-Target-Group"] == "media"


def test_invitation_send_refuses_a_bad_list_and_stale_drafts(
        invitation_event: str, run: Any, mailbox: Mailbox, tmp_path: Path,
        ef_engine: Engine, planning: Path) -> None:
    listing = tmp_path / "invitees.csv"
    listing.write_text("email\nei-osoite\n")
    result = run("invitation", "send", invitation_event, "--to-file", str(listing))
    assert result.exit_code == 1 and f"{listing}, line 2" in result.output
    assert "is not an e-mail address" in result.output
    listing.write_text("email\na@example.fi\n")
    result = run("invitation", "send", invitation_event, "--to-file", str(listing))
    assert result.exit_code == 1 and "add a 'group' column" in result.output

    def mutate(ev: Any) -> None:
        ev.invitation.registration_deadline = dt.date(2027, 1, 10)

    ef_engine.change(invitation_event, "test.deadline", mutate)
    result = run("invitation", "send", invitation_event)
    assert result.exit_code == 1 and "the invitation drafts are out of date" in result.output
    assert f"eventflow outputs {invitation_event} --stage invitations" in result.output
    assert mailbox.messages == [] and sent_log(planning) == []
    assert ef_engine.load(invitation_event).invitation.sent_at is None


def test_invitation_send_with_the_server_down_records_nothing(
        invitation_event: str, run: Any, ef_engine: Engine, planning: Path) -> None:
    result = run("invitation", "send", invitation_event)
    assert result.exit_code == 1 and "cannot reach the SMTP server" in result.output
    assert ef_engine.load(invitation_event).invitation.sent_at is None
    assert sent_log(planning) == []


def test_the_readme_settings_example_is_read_as_it_says(folder: Path, ef_project: Any) -> None:
    import re

    from readme_session import README

    from eventflow.people import read_directory

    example = re.search(r"## Reminders and e-mail.*?```toml\n(.*?)```", README.read_text("utf-8"),
                        re.DOTALL).group(1)
    settings = folder / "eventflow.toml"
    settings.write_text(settings.read_text() + example)
    directory = read_directory(ef_project)
    assert [p.language for p in directory.roles["partner"]] == ["fi", "sv"]
    assert directory.mail.starttls and directory.mail.port == 587
    assert directory.roles["communications"][0].address == "viestinta@example.fi"


def test_send_without_a_mail_host_is_refused_before_anything_is_written(
        folder: Path, ef_engine: Engine, run: Any) -> None:
    settings = folder / "eventflow.toml"
    settings.write_text(settings.read_text() + OWNERS)
    ef_engine.create("Hyvät väestösuhteet", dt.date(2027, 1, 20), "Pirkanmaa", ["fi"])
    before = snapshot(folder)
    result = run("remind", "--days", "30", "--send")
    assert result.exit_code == 1
    assert f"{settings}: [mail] host is not set" in result.output
    assert snapshot(folder) == before


def test_a_bad_address_in_an_events_own_owners_names_that_file(planning: Path, run: Any,
                                                               ef_engine: Engine) -> None:
    event_id = ef_engine.project.event_ids()[0]

    def mutate(ev: Any) -> None:
        ev.owners = {"venue_lead": ["Jussi <jussi.maki(at)example.fi>"]}

    ef_engine.change(event_id, "test.owners", mutate)
    result = run("remind", "--days", "30")
    assert result.exit_code == 1
    assert f"{ef_engine.project.event_path(event_id)}, field 'owners.venue_lead'" \
        in result.output
    assert not (planning / ".eventflow" / "outbox").exists()


def test_two_runs_at_once_send_each_reminder_once(planning: Path, mailbox: Mailbox) -> None:
    env = dict(os.environ)
    cmd = [sys.executable, "-m", "eventflow", "--dir", str(planning), "remind", "--days", "30",
           "--send"]
    runs = [subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for _ in range(2)]
    for proc in runs:
        proc.communicate(timeout=60)
        assert proc.returncode == 0
    assert mailbox.to() == sorted(PEOPLE)


def test_invitation_send_sends_nothing_the_judge_would_not_record(
        planning: Path, run: Any, mailbox: Mailbox, ef_engine: Engine) -> None:
    settings = planning / "eventflow.toml"
    settings.write_text(settings.read_text() + """
[plugins."eventflow.default_plugins.outputs".distribution_lists]
other = ["info@yhdistys.example.fi"]
""")
    event_id = ef_engine.project.event_ids()[1]
    assert run("outputs", event_id, "--stage", "invitations").exit_code == 0
    result = run("invitation", "send", event_id)
    assert result.exit_code == 1
    assert "'invitation.sent' cannot be recorded before agreement_topics" in result.output
    assert mailbox.messages == [] and sent_log(planning) == []
    assert ef_engine.load(event_id).invitation.sent_at is None


def test_a_rescheduled_events_invitation_goes_out_again(
        invitation_event: str, run: Any, mailbox: Mailbox, ef_engine: Engine) -> None:
    assert run("invitation", "send", invitation_event).exit_code == 0
    assert len(mailbox.messages) == 3
    result = run("reschedule", invitation_event, "--date", "2027-01-27")
    assert result.exit_code == 0, result.output
    assert run("outputs", invitation_event, "--stage", "invitations").exit_code == 0
    again = run("invitation", "send", invitation_event)
    assert again.exit_code == 0, again.output
    assert len(mailbox.messages) == 6
    event = ef_engine.load(invitation_event)
    assert event.invitation.sent_for == dt.date(2027, 1, 27)
    assert run("invitation", "send", invitation_event).exit_code == 0
    assert len(mailbox.messages) == 6


def test_starttls_and_login_with_the_password_from_the_environment(
        planning: Path, run: Any, smtp_port: int, tmp_path: Path, monkeypatch: Any) -> None:
    import shutil
    import ssl

    from aiosmtpd.smtp import AuthResult, LoginPassword

    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make the test server's certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                    str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True,
                   capture_output=True)
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(cert, key)
    logins: list[tuple[bytes, bytes]] = []

    def authenticator(server: Any, session: Any, envelope: Any, mechanism: str,
                      data: Any) -> AuthResult:
        assert isinstance(data, LoginPassword)
        logins.append((data.login, data.password))
        return AuthResult(success=data.password == b"s3cret")

    box = Mailbox()
    controller = aiosmtpd_controller.Controller(
        box, hostname="127.0.0.1", port=smtp_port, tls_context=server_tls,
        require_starttls=True, authenticator=authenticator, auth_require_tls=True)
    controller.start()
    try:
        settings = planning / "eventflow.toml"
        settings.write_text(settings.read_text() + 'starttls = true\nusername = "eventflow"\n')
        monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # the client trusts the test's server
        monkeypatch.setenv("EVENTFLOW_SMTP_PASSWORD", "s3cret")
        result = run("remind", "--days", "30", "--send")
        assert result.exit_code == 0, result.output
    finally:
        controller.stop()
    assert logins[-1] == (b"eventflow", b"s3cret")
    assert box.to() == sorted(PEOPLE)
    assert "s3cret" not in (planning / "mail" / "sent.jsonl").read_text()

"""Templates and outputs from other organisations: the sandbox, hostile data, isolation,
folder overrides and staleness."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import email
import email.policy
import io
import time
import tomllib

import icalendar
import pytest
import tomli_w
from jinja2.exceptions import SecurityError

from eventflow import hookimpl
from eventflow.engine import Engine
from eventflow.errors import InvalidInput
from eventflow.outputs import (
    TemplateRenderer,
    csv_cell,
    render_outputs,
    safe_filename,
    stale_outputs,
)
from eventflow.testing import fill_stage

ALL_STAGES = ["partner_agreed", "venue", "costs_split", "speakers", "invitations",
              "panel_questions", "delivery", "follow_up"]


def filled(engine: Engine, event_id: str, mutate=None) -> None:
    """Record full data for every stage (without advancing), then apply ``mutate``."""
    def change(ev):
        for stage in ALL_STAGES:
            fill_stage(ev, stage)
        if mutate:
            mutate(ev)

    engine.change(event_id, "test.fill", change)


# the sandbox ----------------------------------------------------------------------------------
@pytest.fixture
def renderer(tmp_path):
    return TemplateRenderer(tmp_path)


@pytest.mark.parametrize("source", [
    "{{ ''.__class__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ label.__globals__ }}",
    "{{ label.__code__ }}",
    "{{ cycler.__init__.__globals__.os }}",
])
def test_sandbox_refuses_internals(renderer, source):
    with pytest.raises(SecurityError):
        renderer.render_string(source, "fi", {"label": lambda kind, key: key})


@pytest.mark.parametrize("source", [
    "{% for i in range(10**9) %}x{% endfor %}",
    "{{ range(10**9)|list|length }}",
    "{{ 'x' * 10**9 }}",
    "{{ [1] * 10**9 }}",
    "{{ 2 ** 100000000 }}",
    "{{ '{:>{}}'.format('x', 999999999) }}",
    "{{ '%999999999s' % 'x' }}",
    "{{ '{:>999999999}'.format('x') }}",
    "{{ 'x'|center(999999999) }}",
    "{{ 'x'.ljust(999999999) }}",
])
def test_sandbox_bounds_size(renderer, source):
    started = time.monotonic()
    with pytest.raises(SecurityError):
        renderer.render_string(source, "fi", {})
    assert time.monotonic() - started < 1


def test_sandbox_caps_output_length(renderer):
    source = "{% for i in range(10000) %}{% for j in range(10000) %}xxxxxxxxxx{% endfor %}" \
             "{% endfor %}"
    with pytest.raises(InvalidInput, match="more than 2000000 characters"):
        renderer.render_string(source, "fi", {})


def test_sandbox_cannot_change_data(renderer):
    data = {"names": ["a"]}
    with pytest.raises(SecurityError):
        renderer.render_string("{{ names.append('b') }}", "fi", data)
    assert data == {"names": ["a"]}


def test_html_is_autoescaped_and_markdown_neutralised(tmp_path):
    (tmp_path / "templates" / "fi").mkdir(parents=True)
    (tmp_path / "templates" / "fi" / "x.html").write_text("<p>{{ name }}</p>")
    (tmp_path / "templates" / "fi" / "x.md").write_text("# {{ name }}")
    renderer = TemplateRenderer(tmp_path)
    html = renderer.render("x.html", "fi", {"name": "<script>alert(1)</script>\x1b[31m"})
    assert html == "<p>&lt;script&gt;alert(1)&lt;/script&gt;[31m</p>"
    md = renderer.render("x.md", "fi", {"name": "<script>alert(1)</script>"})
    assert "<script>" not in md and "&lt;script&gt;" in md


# safe names and cells ---------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["../../etc/x", "..", ".", "", "a/b", "a\\b", ".hidden",
                                  "x\n.md", "x\x1b.md", "-rf", "CON.txt", "a" * 121,
                                  "..x", "x/../y"])
def test_unsafe_file_names_refused(name):
    with pytest.raises(ValueError):
        safe_filename(name)


@pytest.mark.parametrize("value,expected", [
    ('=HYPERLINK("http://evil.example","click")', '\'=HYPERLINK("http://evil.example","click")'),
    ("+1+1", "'+1+1"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'=1"),
    ("\r=1", "'=1"), ("  =1", "'=1"), ("Kotipesä ry", "Kotipesä ry"), ("a\r\nb", "a b"),
])
def test_csv_cells_neutralised(value, expected):
    assert csv_cell(value) == expected


# hostile data through the real outputs ------------------------------------------------------------
HOSTILE_TITLE = "Evil\r\nATTENDEE:mailto:x@evil.example\r\nBcc: victim@example.org\x1b[2J"
FORMULA = '=HYPERLINK("http://evil.example","x")'
SCRIPT = "<script>alert(1)</script>"


def test_hostile_data_gives_harmless_files(ef_engine, ef_event):
    event = ef_event("partner_agreed", languages=("fi", "en"))

    def hostile(ev):
        ev.partners[0].name = FORMULA
        ev.speakers[0].name = "../../etc/x"
        ev.speakers[1].name = SCRIPT
        ev.panel.panelists[0].name = "..\\..\\boot"  # (names refuse control characters)
        ev.venue.name = "Sali"
        ev.venue.address = "\nLOCATION:elsewhere"  # an address may take lines
        ev.costs[0].description = "@SUM(1+1)*cmd|' /C calc'!A0"
        ev.invitation.target_groups = ["ngo"]

    filled(ef_engine, event.id, hostile)
    with pytest.raises(InvalidInput, match="title"):  # a title is one line, for every writer
        ef_engine.change(event.id, "test", lambda ev: setattr(ev, "title", HOSTILE_TITLE))
    # ... but a file written before titles were one line may hold one: read as one line
    path = ef_engine.project.event_path(event.id)
    data = tomllib.loads(path.read_text("utf-8"))
    data["title"] = HOSTILE_TITLE
    path.write_text(tomli_w.dumps(data), "utf-8")
    report = render_outputs(ef_engine, event.id, stages=ALL_STAGES)
    assert report.ok, [r.error for r in report.results if not r.ok]
    event_dir = ef_engine.project.event_dir(event.id)
    out = event_dir / "outputs"
    written = [p for r in report.results for p in r.files]
    for path in written:
        assert path.resolve().is_relative_to(out.resolve())
        assert ".." not in path.name and "\x00" not in path.name
    assert not (ef_engine.project.root / "etc").exists()
    letters = sorted(p.name for p in (out / "speakers").glob("letter-s1-*"))
    assert letters == ["letter-s1-etc-x-en.md", "letter-s1-etc-x-fi.md"]

    rows = list(csv.reader(io.StringIO((out / "costs_split" / "budget-en.csv")
                                       .read_text("utf-8-sig"))))
    assert rows[0][-1] == f"'{FORMULA} (€)"
    assert rows[1][2] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell

    for path in written:
        data = path.read_bytes()
        if path.suffix == ".eml":  # the plain-text part shows the name as text: fine
            message = email.message_from_bytes(data, policy=email.policy.default)
            data = message.get_body(("html",)).get_content().encode("utf-8")
        assert b"<script>" not in data, path
        assert b"\x1b" not in data, path

    cal = icalendar.Calendar.from_ical((out / "venue" / "event-fi.ics").read_bytes())
    (vevent,) = cal.walk("VEVENT")
    assert "ATTENDEE" not in vevent and "BCC" not in vevent
    assert str(vevent["summary"]).startswith("Evil ATTENDEE:mailto:x@evil.example")
    assert "\n" not in str(vevent["summary"])
    assert str(vevent["location"]).startswith("Sali, LOCATION:elsewhere")
    assert len(cal.walk("VEVENT")) == 1

    msg = email.message_from_bytes((out / "invitations" / "invitation-ngo-fi.eml").read_bytes(),
                                   policy=email.policy.default)
    assert msg["Bcc"] is None
    assert "\n" not in msg["Subject"] and "Evil ATTENDEE" in msg["Subject"]


# isolation of plugin outputs --------------------------------------------------------------------
class BadOutputs:
    """A plugin whose outputs misbehave in every way an output can."""

    @hookimpl
    def register_outputs(self, register):
        def raises(ctx):
            raise RuntimeError("printer on fire")

        def wrong_type(ctx):
            return {"x.md": "not a list"}

        def escapes(ctx):
            return [("../../../escaped.txt", "gotcha")]

        def hangs(ctx):
            while True:
                # a plugin swallowing errors still gets stopped
                with contextlib.suppress(Exception):
                    time.sleep(0.01)

        def fine(ctx):
            lang = ctx.languages[0]
            text = ctx.render_string("{{ event.title }} / {{ label('x', 'y') }}", lang,
                                     label=lambda kind, key: ctx.label("dimension", "safety",
                                                                       lang))
            return [("fine.txt", text)]

        register("bad_raises", stage="venue", render=raises)
        register("bad_type", stage="venue", render=wrong_type)
        register("bad_escape", stage="venue", render=escapes)
        register("bad_hang", stage="venue", render=hangs)
        register("third_party_fine", stage="venue", render=fine)


def test_misbehaving_outputs_are_reported_and_the_others_render(ef_project, ef_event,
                                                                ef_plugin_manager,
                                                                monkeypatch):
    monkeypatch.setenv("EVENTFLOW_OUTPUT_TIMEOUT", "0.3")
    event = ef_event("venue")
    engine = Engine(ef_project, pm=ef_plugin_manager(BadOutputs()))
    before = (ef_project.event_path(event.id)).read_bytes()
    report = render_outputs(engine, event.id, stages=["venue"])
    errors = {r.id: r.error for r in report.results if not r.ok}
    assert set(errors) == {"bad_raises", "bad_type", "bad_escape", "bad_hang"}
    assert "output 'bad_raises' of plugin" in errors["bad_raises"]
    assert "RuntimeError: printer on fire" in errors["bad_raises"]
    assert "not a list of (file name, content) pairs" in errors["bad_type"]
    assert "unsafe file name" in errors["bad_escape"]
    assert "took longer than 0.3 s" in errors["bad_hang"]
    plugin = report.results[-1].plugin
    assert all(f"plugin '{plugin}'" in e for e in errors.values())
    ok = {r.id for r in report.results if r.ok}
    assert ok == {"venue_sheet", "calendar", "third_party_fine"}
    out = ef_project.event_dir(event.id) / "outputs" / "venue"
    assert (out / "fine.txt").read_text() == "Hyvät väestösuhteet / turvallisuuden tunne"
    assert not list(ef_project.root.rglob("escaped.txt"))
    assert ef_project.event_path(event.id).read_bytes() == before


def test_symlinked_stage_folder_is_refused(ef_engine, ef_event, tmp_path):
    event = ef_event("partner_agreed")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    outputs = ef_engine.project.event_dir(event.id) / "outputs"
    outputs.mkdir()
    (outputs / "partner_agreed").symlink_to(elsewhere)
    with pytest.raises(InvalidInput, match="is a link"):
        render_outputs(ef_engine, event.id)
    assert list(elsewhere.iterdir()) == []


# folder overrides and staleness -----------------------------------------------------------------
def test_folder_template_overrides_the_packaged_one(ef_engine, ef_event):
    event = ef_event("costs_split")
    override = ef_engine.project.root / "templates" / "fi" / "venue_sheet.md"
    override.parent.mkdir(parents=True)
    override.write_text("OMA TILAPOHJA: {{ event.venue.address }} ({{ lang }})\n", "utf-8")
    render_outputs(ef_engine, event.id, stages=["venue"])
    assert stale_outputs(ef_engine, event.id) == ([], 2)
    out = ef_engine.project.event_dir(event.id) / "outputs" / "venue" / "venue-sheet-fi.md"
    assert out.read_text("utf-8") == "OMA TILAPOHJA: Keskustori 1 (fi)\n"
    override.write_text("TOINEN POHJA\n", "utf-8")
    stale, fresh = stale_outputs(ef_engine, event.id)
    assert [(s.id, s.reasons) for s in stale] == [("venue_sheet",
                                                  ["template fi/venue_sheet.md changed"])]
    assert fresh == 1  # the calendar


def test_broken_override_fails_only_its_output(ef_engine, ef_event):
    event = ef_event("venue")
    override = ef_engine.project.root / "templates" / "fi" / "venue_sheet.md"
    override.parent.mkdir(parents=True)
    override.write_text("{{ event.no_such_field }}", "utf-8")
    report = render_outputs(ef_engine, event.id, stages=["venue"])
    (bad,) = [r for r in report.results if not r.ok]
    assert bad.id == "venue_sheet" and "no_such_field" in bad.error
    assert [r.id for r in report.results if r.ok] == ["calendar"]


def test_stale_after_a_data_change(run, ef_engine, ef_event):
    event = ef_event("invitations")
    early = ["partner_agreed", "venue", "costs_split", "speakers"]
    render_outputs(ef_engine, event.id, stages=early)
    assert stale_outputs(ef_engine, event.id) == ([], 6)
    result = run("venue", "set", event.id, "--address", "Hämeenkatu 1, Tampere")
    assert result.exit_code == 0, result.output
    stale, fresh = stale_outputs(ef_engine, event.id)
    assert sorted(s.id for s in stale) == ["calendar", "programme", "speaker_letters",
                                           "venue_sheet"]
    assert all(s.reasons == ["changed since made: venue"] for s in stale)
    assert fresh == 2  # the agreement memo and the budget do not show the venue
    render_outputs(ef_engine, event.id, stages=early)
    assert stale_outputs(ef_engine, event.id) == ([], 6)
    sheet = ef_engine.project.event_dir(event.id) / "outputs" / "venue" / "venue-sheet-en.md"
    assert not sheet.exists()  # English was never an event language
    fi = sheet.with_name("venue-sheet-fi.md").read_text("utf-8")
    assert "Hämeenkatu 1, Tampere" in fi


def test_removed_speaker_letter_is_removed_and_missing_file_is_stale(ef_engine, ef_event):
    event = ef_event("invitations")
    render_outputs(ef_engine, event.id, stages=["speakers"])
    folder = ef_engine.project.event_dir(event.id) / "outputs" / "speakers"
    assert (folder / "letter-s3-amina-yusuf-fi.md").exists()
    ef_engine.change(event.id, "speaker.remove",
                     lambda ev: ev.speakers.remove(ev.speakers[2]))
    report = render_outputs(ef_engine, event.id, stages=["speakers"])
    letters = next(r for r in report.results if r.id == "speaker_letters")
    assert [p.name for p in letters.removed] == ["letter-s3-amina-yusuf-fi.md"]
    assert not (folder / "letter-s3-amina-yusuf-fi.md").exists()
    (folder / "programme-fi.md").unlink()
    stale, _ = stale_outputs(ef_engine, event.id)
    assert [(s.id, s.reasons) for s in stale] == [
        ("programme", ["file speakers/programme-fi.md is missing"])]


def test_participants_file_makes_impact_report_stale(ef_engine, ef_event):
    event = ef_event("partner_agreed")
    render_outputs(ef_engine, event.id, stages=["follow_up"])
    (ef_engine.project.event_dir(event.id) / "participants.toml").write_text(
        '[[participants]]\nname = "A"\ntarget_group = "ngo"\nattended = true\n', "utf-8")
    stale, _ = stale_outputs(ef_engine, event.id)
    assert [(s.id, s.reasons) for s in stale] == [
        ("impact_report", ["changed since made: participants"])]


def test_time_limit_stops_a_looping_template(ef_engine, ef_event, monkeypatch):
    monkeypatch.setenv("EVENTFLOW_OUTPUT_TIMEOUT", "0.3")
    event = ef_event("partner_agreed")
    override = ef_engine.project.root / "templates" / "fi" / "agreement_memo.md"
    override.parent.mkdir(parents=True)
    override.write_text("{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}"
                        "{% endfor %}", "utf-8")
    started = time.monotonic()
    report = render_outputs(ef_engine, event.id)
    assert time.monotonic() - started < 5
    (result,) = report.results
    assert "took longer than 0.3 s" in result.error
    assert not (ef_engine.project.event_dir(event.id) / "outputs" / "partner_agreed" /
                "agreement-memo-fi.md").exists()


def test_dates_in_outputs_follow_the_event(ef_engine, ef_event):
    event = ef_event("partner_agreed")
    ef_engine.reschedule(event.id, dt.date(2027, 4, 15), dry_run=False)
    render_outputs(ef_engine, event.id)
    memo = (ef_engine.project.event_dir(event.id) / "outputs" / "partner_agreed" /
            "agreement-memo-fi.md").read_text("utf-8")
    assert "torstaina 15.4.2027" in memo

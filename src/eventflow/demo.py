"""`make demo`: build the bundled example planning folder and walk it with the real CLI.

The example is embedded here (nothing to configure): a city and its partners plan three
trainings. Event dates are relative to today, so one event is always well ahead and on
track, one is close and has overdue items, and one is cancelled. Every command below runs
through eventflow's own command line, exactly as a planner would type it.
"""

from __future__ import annotations

import datetime as dt
import os
import shlex
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import click

from eventflow.cli import cli
from eventflow.i18n import _


def run(*args: str, expect_fail: bool = False) -> int:
    """Show and run one ``eventflow`` command of the demo (``args`` as typed); returns its exit
    code. A non-zero code ends the demo unless ``expect_fail``."""
    click.secho("$ eventflow " + " ".join(shlex.quote(a) for a in args), fg="cyan")
    try:
        code = cli.main(args=list(args), prog_name="eventflow", standalone_mode=False) or 0
    except click.exceptions.Exit as exc:
        code = exc.exit_code
    except click.ClickException as exc:
        exc.show()
        code = exc.exit_code
    sys.stdout.flush()
    if bool(code) != expect_fail:
        raise SystemExit(_("demo: `{command}` exited {code}").format(
            command="eventflow " + " ".join(args), code=code))
    click.echo("")
    return code


def _prepare_first(step: Callable[..., None], a: str, far: dt.date) -> None:
    """The first demo event: partnership agreed, venue and costs done, the programme being
    built, with everything its documents need to be sent as they are."""
    step("check", a, "kickoff_meeting", "--note", "Kick-off at Tampere city hall")
    step("partner", "add", a, "Pirkanmaan ja Keski-Suomen ETNO", "--type", "authority",
         "--contact", "Leena Koski, leena.koski@example.fi")
    step("partner", "add", a, "Monikulttuurinen yhdistys Kotipesä ry", "--type", "ngo",
         "--contact", "Amir Haddad, amir@example.org")
    for topic, text in (("date", far.isoformat()), ("venue", "Tampere-talo, sali B"),
                        ("cost_sharing", "Kaupunki maksaa tilan, ETNO tarjoilun, palkkiot "
                                         "jaetaan"),
                        ("programme", "Valmistellaan yhdessä, kaupunki vetää"),
                        ("invitations_sender", "Tampereen kaupunki"),
                        ("registrations_receiver", "Pirkanmaan ETNO"),
                        ("controller_model", "joint")):
        step("partner", "agree", a, topic, text)
    # the agreement's prose in the event's other language too (each memo in its own language)
    step("partner", "agree", a, "cost_sharing", "Staden betalar lokalen, ETNO serveringen, "
         "arvodena delas", "--lang", "sv")
    step("partner", "agree", a, "programme", "Förbereds tillsammans, staden leder", "--lang",
         "sv")
    step("check", a, "agreement_signed", "--note", "Signed by both parties")
    step("organiser", "add", a, "Amir Haddad", "--organisation", "Kotipesä ry",
         "--target-group", "ngo")
    step("advance", a)
    step("venue", "set", a, "--name", "Tampere-talo", "--address", "Yliopistonkatu 55, Tampere",
         "--capacity", "120", "--contact", "Sales office",
         "--accessibility", "step_free,hearing_loop,accessible_toilet")
    step("check", a, "accessibility_contact_named", "--note", "Leena Koski")
    step("advance", a)
    step("cost", "add", a, "--category", "venue", "--amount", "800", "--split", "host=100")
    step("cost", "add", a, "--category", "catering", "--amount", "900", "--split", "p1=100")
    step("cost", "add", a, "--category", "speaker_fee", "--amount", "400",
         "--split", "host=50,p1=50")
    step("cost", "add", a, "--category", "travel", "--amount", "150",
         "--split", "host=50,p1=25,p2=25")
    step("check", a, "cost_split_approved", "--note", "Approved by e-mail")
    step("advance", a)
    step("speaker", "add", a, "Dr. Laura Niemi", "--slot", "expert_talk", "--organisation",
         "Oikeusministeriö", "--ex-officio", "--confirmed", "--start", "09:15",
         "--minutes", "40", "--dimension", "attitudes", "--dimension", "safety")
    step("speaker", "add", a, "Mikko Salo", "--slot", "region_talk", "--organisation",
         "Pirkanmaan liitto", "--ex-officio", "--start", "10:00", "--minutes", "30",
         "--dimension", "participation")
    # what the documents need to be sent as they are: a contact person, how to register, the
    # programme items without speakers, travel terms, texts in both event languages
    step("contact", "set", a, "--name", "Leena Koski", "--email", "leena.koski@example.fi",
         "--phone", "040 123 4567")
    step("invitation", "set", a, "--registration-url", "https://example.fi/ilmoittaudu",
         "--privacy-url", "https://example.fi/tietosuoja",
         "--deadline", (far - dt.timedelta(days=14)).isoformat(),
         "--accessibility-info", "Tampere-talolle pääsee esteettömästi pääovelta.", "--lang", "fi")
    step("invitation", "set", a, "--accessibility-info",
         "Tammerforshuset har en tillgänglig entré vid huvuddörren.", "--lang", "sv")
    step("programme", "add", a, "opening", "--start", "09:00", "--minutes", "15")
    step("programme", "add", a, "coffee", "--start", "10:30", "--minutes", "15")
    step("programme", "add", a, "closing", "--start", "10:45", "--minutes", "15")
    for speaker_id in ("s1", "s2"):
        step("speaker", "edit", a, speaker_id, "--travel",
             "Matkakulut korvataan valtion matkustussäännön mukaan.", "--lang", "fi")
        step("speaker", "edit", a, speaker_id, "--travel",
             "Resekostnaderna ersätts enligt statens resereglemente.", "--lang", "sv")


def build(folder: Path, today: dt.date) -> tuple[str, str]:
    """Make the demo planning folder in ``folder`` (replacing it) with three events planned
    as of ``today``; the ids of the two the demo shows."""
    if folder.exists():
        shutil.rmtree(folder)
    os.environ["EVENTFLOW_DIR"] = str(folder)
    os.environ.setdefault("EVENTFLOW_USER", "demo")
    quiet = os.environ.get("EVENTFLOW_DEMO_VERBOSE") != "1"

    def step(*args: str, expect_fail: bool = False) -> None:
        if quiet:
            code = cli.main(args=list(args), prog_name="eventflow", standalone_mode=False)
            if code and not expect_fail:
                raise SystemExit(_("demo: `{command}` exited {code}").format(
                    command="eventflow " + " ".join(args), code=code))
        else:
            run(*args, expect_fail=expect_fail)

    cli.main(args=["init", "--organisation", "Tampereen kaupunki", "--type", "authority",
                   "--language", "en", str(folder)], prog_name="eventflow",
             standalone_mode=False)
    far = today + dt.timedelta(weeks=16)
    near = today + dt.timedelta(weeks=7)
    a = f"pirkanmaa-{far:%Y-%m-%d}"
    b = f"keski-suomi-{near:%Y-%m-%d}"
    step("new", "Hyvät väestösuhteet – Pirkanmaa", "--date", far.isoformat(),
         "--region", "Pirkanmaa", "--lang", "fi,sv", "--municipality", "Tampere")
    step("new", "Hyvät väestösuhteet – Keski-Suomi", "--date", near.isoformat(),
         "--region", "Keski-Suomi", "--lang", "fi")
    step("new", "Väestösuhteet ja työelämä", "--date", far.isoformat(), "--region", "Uusimaa")
    _prepare_first(step, a, far)
    # event b: close to its day, still at the first stage, so its early items are overdue
    step("partner", "add", b, "Jyväskylän seurakuntayhtymä", "--type", "community")
    return a, b


def main() -> None:
    """``make demo``: build the example planning folder (``EVENTFLOW_DEMO_DIR``, default
    ``./demo-planning``) and walk a planner's morning in it with the real command line."""
    folder = Path(os.environ.get("EVENTFLOW_DEMO_DIR", "demo-planning")).resolve()
    today = dt.date.today()
    click.secho(_("Building the example planning folder in {folder} …").format(folder=folder),
                bold=True)
    a, b = build(folder, today)
    click.secho(_("The folder holds three trainings. A planner's morning:") + "\n", bold=True)
    run("status")
    run("status", a)
    run("why", a)
    run("advance", a, expect_fail=True)
    run("why", b)
    run("policy", "check", b, expect_fail=True)  # b has overdue rules: policy check exits 1
    run("next", "--days", "21")
    run("reschedule", b, "--date", (today + dt.timedelta(weeks=12)).isoformat(), "--dry-run")
    run("cancel", f"uusimaa-{today + dt.timedelta(weeks=16):%Y-%m-%d}", "--reason",
        "Merged with the Pirkanmaa training")
    run("history", a)
    run("outputs", a)
    run("venue", "set", a, "--capacity", "140")
    run("outputs", a, "--stale")
    run("workflow", "list")
    click.secho(_("Done. Try it yourself: {command}").format(
        command=f"EVENTFLOW_DIR={folder} .venv/bin/eventflow status"), bold=True)


if __name__ == "__main__":
    main()

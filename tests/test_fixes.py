"""Every fix the judge gives is a real eventflow command line: the real event id and, where the
check knows them, the real speaker, cost and partner ids; placeholders only for what a person
must say (a name, a text, an amount). Checked by resolving each through click on generated
events in every state of the seed workflow, broken in many ways."""

from __future__ import annotations

import datetime as dt
import shlex
from typing import Any

import click
import msgspec
import pytest

from eventflow.event import Event, PanelQuestion, Speaker

#: What a person fills in: the placeholders a fix may leave, with a value that parses.
FILL = {"NAME": "Maija", "TEXT": "x", "TYPE": "ngo", "GROUP": "ngo", "TARGET_GROUP": "ngo",
        "AMOUNT": "0", "DATE": "2027-01-01", "ROLE": "police", "NUMBER": "10",
        "LANG=TEXT": "fi=x"}
NEVER = ("...", "…", "EVENT", "PARTNER", "SPEAKER", "COST", "ITEM", "TOPIC")


def resolve(line: str) -> click.Command:
    """The command ``line`` runs, after click has parsed every argument and option of it."""
    from eventflow.cli import cli

    words = shlex.split(line)
    assert words[0] == "eventflow", line
    args = [FILL.get(w, w) for w in words[1:]]
    command: click.Command = cli
    ctx = cli.make_context("eventflow", args)
    while isinstance(command, click.Group):
        rest = [*ctx._protected_args, *ctx.args]
        name, sub, rest = command.resolve_command(ctx, rest)
        assert sub is not None and name is not None, line
        ctx = sub.make_context(name, rest, parent=ctx)
        command = sub
    return command


def spoil(event: Event) -> Event:
    """``event`` with much of its data broken: each built-in check fails in another way."""
    ev = event.copy()
    ev.recording = True
    ev.municipality = "Inari"
    ev.partners = []  # cost lines still split to them
    ev.agreement.controller_model = ""
    ev.venue.accessibility = []
    ev.venue.capacity = 0
    ev.speakers = [*ev.speakers,
                   Speaker(id="s90", name="Officer", slot="expert_talk", ex_officio=True,
                           fee=300, confirmed=False),
                   *[Speaker(id=f"s9{n}", name=f"C{n}", slot="comment_talk")
                     for n in range(1, 5)]]
    ev.invitation.accessibility_contact = ""
    ev.invitation.target_groups = ev.invitation.target_groups[:1]
    ev.invitation.registration_deadline = ev.date
    ev.invitation.definition = {"fi": "lyhyt"}
    ev.invitation.sent_at = ev.date - dt.timedelta(days=3)
    ev.invitation.sent_for = ev.date
    ev.panel.panelists = []
    ev.panel.questions = [*ev.panel.questions, PanelQuestion(text="later")]
    ev.panel.sent_at = ev.date - dt.timedelta(days=1)
    ev.items = {}
    return ev


def states(ef_engine: Any, ef_event: Any) -> list[Event]:
    """Events in every stage (and done, cancelled): as walked there, spoiled, and empty."""
    from eventflow.workflow import CANCELLED, DONE

    workflow = ef_engine.workflow("good-relations-training")
    found = []
    for n, stage in enumerate([*workflow.stage_ids, DONE]):
        walked = ef_event(stage, date=dt.date(2027, 3, 18) + dt.timedelta(days=n * 7))
        found.append(walked)
        for changed in (spoil(walked), msgspec.structs.replace(
                walked, partners=[], speakers=[], costs=[], items={}, panel=type(walked.panel)(),
                invitation=type(walked.invitation)(), venue=type(walked.venue)())):
            found.append(changed)
            found.append(msgspec.structs.replace(changed, stage=CANCELLED,
                                                 cancelled_from=walked.stage
                                                 if stage != DONE else ""))
    return found


def test_every_fix_of_the_seed_workflow_is_a_real_command(ef_engine, ef_event):
    fixes: dict[str, set[str]] = {}
    for event in states(ef_engine, ef_event):
        for requirement in ef_engine.judge(event, vetoes=False).requirements:
            if requirement.fix:
                fixes.setdefault(requirement.fix, set()).add(requirement.item.id)
                assert event.id in requirement.fix, (requirement.item.id, requirement.fix)
    assert len(fixes) > 40  # the spoiled events reach most of the checks' failures
    for fix, items in sorted(fixes.items()):
        words = shlex.split(fix)
        assert not [w for w in words if w in NEVER or "..." in w], (items, fix)
        resolve(fix)
    pointing_back = {i for fix, items in fixes.items() if " why " in f"{fix} " for i in items}
    assert pointing_back <= {"single_region"}, pointing_back  # no command changes a region
    named = " ".join(fixes)
    assert "speaker edit" in named and "--fee 0" in named  # ex_officio_no_fee: that speaker
    assert any(f.startswith("eventflow cost split") for f in fixes)
    assert any(f.startswith("eventflow invitation set") and "--accessibility-contact" in f
               for f in fixes)


@pytest.mark.parametrize("fix", ["eventflow cost add ... --split host=50,PARTNER=50",
                                 "eventflow speaker edit EVENT SPEAKER --fee 0"])
def test_the_test_tells_a_placeholder_from_a_command(fix):
    words = shlex.split(fix)
    assert [w for w in words if w in NEVER or "..." in w]


def test_the_ex_officio_fix_names_the_speaker_and_mends_it(ef_event, ef_engine, run):
    event = ef_event("invitations")

    def fee(ev: Event) -> None:
        ev.speakers[0].ex_officio = True
        ev.speakers[0].fee = 250

    ef_engine.change(event.id, "test", fee)
    verdict = ef_engine.judge(ef_engine.load(event.id), vetoes=False)
    broken = next(r for r in verdict.requirements if r.item.id == "ex_officio_no_fee")
    sid = ef_engine.load(event.id).speakers[0].id
    assert broken.regression
    assert broken.fix == f"eventflow speaker edit {event.id} {sid} --fee 0"
    assert run(*shlex.split(broken.fix)[1:]).exit_code == 0
    mended = ef_engine.judge(ef_engine.load(event.id), vetoes=False)
    assert not mended.regressions


def test_a_removed_partner_leaves_cost_lines_split_to_it_a_regression(ef_event, ef_engine, run):
    event = ef_event("speakers")
    assert any("p1" in c.split for c in event.costs)
    for partner in event.partners:
        assert run("partner", "remove", event.id, partner.id).exit_code == 0
    verdict = ef_engine.judge(ef_engine.load(event.id), vetoes=False)
    split = next(r for r in verdict.requirements if r.item.id == "cost_split_complete")
    assert split.state == "broken" and split.regression
    assert "splits to unknown part(ies) p1" in split.reason
    first = next(c for c in event.costs if "p1" in c.split)
    assert split.fix == f"eventflow cost split {event.id} {first.id} host=100"
    why = run("why", event.id)
    assert "cost_split_complete" in why.output and "✓ cost_split_complete" not in why.output
    for cost in event.costs:  # the fix, for each line
        assert run("cost", "split", event.id, cost.id, "host=100").exit_code == 0
    split = next(r for r in ef_engine.judge(ef_engine.load(event.id), vetoes=False).requirements
                 if r.item.id == "cost_split_complete")
    assert split.met and not split.status.applies  # no partner, nothing split to one


def test_without_partners_a_split_to_none_does_not_apply(ef_event):
    from eventflow.default_plugins.checks import cost_split_complete

    event = ef_event("speakers")
    alone = msgspec.structs.replace(event, partners=[], costs=[
        msgspec.structs.replace(c, split={"host": 100}) for c in event.costs])
    assert not cost_split_complete(alone).applies
    stray = msgspec.structs.replace(alone, costs=[
        msgspec.structs.replace(c, split={"host": 50, "p7": 50}) for c in event.costs])
    result = cost_split_complete(stray)
    assert result.applies and not result.ok and "p7" in result.reason

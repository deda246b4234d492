"""The built-in checks: the seed guide's rules computed from an event's data.

Each check takes the event (a copy) and its parameters from the workflow, and returns a
CheckResult whose reason tells the planner what is missing and the command that records it,
with the real ids. The checks of the invitation, the panel questions and the follow-up are in
:mod:`eventflow.default_plugins.checks_invitations`; this module registers them all.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from eventflow import hookimpl
from eventflow.checklist import (
    CheckResult,
    failed,
    not_applicable,
    passed,
    with_command,
    with_fix,
)
from eventflow.event import AGREEMENT_TOPICS, DIMENSIONS, Event
from eventflow.i18n import N_, _
from eventflow.regions import find_region

from .checks_invitations import (
    DIMENSION_WORDS,
    accessibility_info,
    aland_swedish,
    bilingual_invitation,
    definition_mentions_dimensions,
    invitation_definition,
    invitation_sent_by,
    panel_questions_sent,
    personal_data_deleted,
    recording_announced,
    registration_deadline,
    sami_information,
    target_group_invited,
    target_groups_min,
    ticked_if_recording,
)

__all__ = ["DIMENSION_WORDS", "accessibility_info", "aland_swedish", "bilingual_invitation",
           "definition_mentions_dimensions", "invitation_definition", "invitation_sent_by",
           "panel_questions_sent", "personal_data_deleted", "recording_announced",
           "register_checks", "registration_deadline", "sami_information",
           "target_group_invited", "target_groups_min", "ticked_if_recording"]


def even_split(event: Event) -> str:
    """A split of a budget line between the organiser and every partner, in even whole
    shares (the rest to the organiser): ``host=34,p1=33,p2=33``."""
    parties = [p.id for p in event.partners]
    share = 100 // (len(parties) + 1)
    return ",".join([f"host={100 - share * len(parties)}"] + [f"{p}={share}" for p in parties])


def partners_min(event: Event, min: int) -> CheckResult:
    """R1: at least ``min`` partner organisations other than the organiser itself (a partner
    named like the host does not count). Always applies."""
    host = event.host.name.strip().casefold()
    partners = [p for p in event.partners if p.name.strip().casefold() != host]
    if len(partners) >= min:
        return passed(_("{n} partner organisation(s): {names}").format(
            n=len(partners), names=", ".join(p.name for p in partners)))
    return failed(with_command(_("{n} partner organisation(s) other than the organiser, at least "
                                 "{min} needed: record one with `eventflow partner add EVENT "
                                 "NAME`").format(n=len(partners), min=min),
                               "eventflow partner add EVENT NAME",
                               f"eventflow partner add {event.id} NAME --type TYPE"))


def _agreed(value: object) -> bool:
    """A topic is agreed once it has a text (in any language, for the prose topics)."""
    if isinstance(value, dict):
        return any(str(v).strip() for v in value.values())
    return bool(str(value or "").strip())


def agreement_topics(event: Event, topics: list[str]) -> CheckResult:
    """R2: each of ``topics`` (date, venue, cost sharing, programme, who sends the invitations,
    who receives the registrations) is agreed with a text. Always applies; an unknown topic
    fails (a workflow error)."""
    missing = [t for t in topics if not _agreed(getattr(event.agreement, t, ""))]
    unknown = [t for t in topics if t not in AGREEMENT_TOPICS]
    if unknown:
        return failed(_("unknown agreement topic(s) {topics}").format(topics=", ".join(unknown)))
    if missing:
        return failed(with_command(_("not agreed yet: {topics} (record with `eventflow partner "
                                     "agree EVENT TOPIC TEXT`)").format(
                                         topics=", ".join(missing)),
                                   "eventflow partner agree EVENT TOPIC TEXT",
                                   f"eventflow partner agree {event.id} {missing[0]} TEXT"))
    return passed(_("all agreed: {topics}").format(topics=", ".join(topics)))


def controller_model(event: Event) -> CheckResult:
    """G1: the controller model of the registration data (joint, controller_processor or
    single) is recorded in the agreement. Always applies."""
    if event.agreement.controller_model:
        return passed(_("controller model: {model}").format(
            model=event.agreement.controller_model))
    return failed(_("the controller model for registration data is not recorded (joint, "
                    "controller_processor or single): `eventflow partner agree EVENT "
                    "controller_model joint`"))


def single_region(event: Event) -> CheckResult:
    """R13: the event covers one of Finland's 19 regions, and only one. Always applies (a
    file naming another region does not load, so this rarely fails)."""
    if "," in event.region or ";" in event.region:
        return failed(_("'{region}' names several regions; the training covers at most one "
                        "region (maakunta): choose one").format(region=event.region))
    region = find_region(event.region)
    if region is None:
        return failed(_("'{region}' is not one of Finland's 19 regions").format(
            region=event.region))
    return passed(_("one region: {region}").format(region=region.fi))


def organisers_from_target_group(event: Event, min: int) -> CheckResult:
    """R15: at least ``min`` members of the organising team come from the target group.
    Always applies (the item may be waived with a note)."""
    involved = [o for o in event.organisers if o.target_group]
    if len(involved) >= min:
        return passed(_("organisers from the target group: {names}").format(
            names=", ".join(f"{o.name} ({o.target_group})" for o in involved)))
    return failed(_("{n} organiser(s) from the target group, at least {min} needed: "
                    "`eventflow organiser add EVENT NAME --target-group GROUP`").format(
                        n=len(involved), min=min))


_VENUE_OPTIONS = {"name": "--name NAME", "address": "--address TEXT",
                  "capacity": "--capacity NUMBER", "contact": "--contact NAME"}


def venue_recorded(event: Event, fields: list[str]) -> CheckResult:
    """The venue's ``fields`` (name, address, capacity, contact) are recorded (the guide's
    key tasks). Always applies."""
    missing = [f for f in fields if not getattr(event.venue, f, None)]
    if missing:
        options = " ".join(_VENUE_OPTIONS.get(f, f"--{f.replace('_', '-')} TEXT")
                           for f in missing)
        return failed(with_command(_("venue is missing {fields}: `eventflow venue set EVENT "
                                     "...`").format(fields=", ".join(missing)),
                                   "eventflow venue set EVENT ...",
                                   f"eventflow venue set {event.id} {options}"))
    return passed(_("venue: {name}").format(name=event.venue.name))


def venue_accessibility(event: Event) -> CheckResult:
    """R23: the venue's accessibility (step-free access, hearing loop …) is recorded. Always
    applies (the item may be waived with a note)."""
    if event.venue.accessibility:
        return passed(_("accessibility: {features}").format(
            features=", ".join(event.venue.accessibility)))
    return failed(with_command(_("the venue's accessibility is not recorded (step-free access, "
                                 "hearing loop, accessible toilet …): `eventflow venue set EVENT "
                                 "--accessibility ...`"),
                               "eventflow venue set EVENT --accessibility ...",
                               f"eventflow venue set {event.id} --accessibility "
                               "step_free,hearing_loop,accessible_toilet"))


def budget_categories(event: Event, categories: list[str]) -> CheckResult:
    """R4: the budget has a line for each of ``categories`` (a line of 0 € says there is no such
    cost). Always applies (the item may be waived with a note)."""
    present = {c.category for c in event.costs}
    missing = [c for c in categories if c not in present]
    if missing:
        return failed(_("no budget line for {categories} (record with `eventflow cost add EVENT "
                        "--category {first} --amount AMOUNT`, amount 0 if none)").format(
                            categories=", ".join(missing), first=missing[0]))
    return passed(_("budget lines for {categories}").format(categories=", ".join(categories)))


def ex_officio_no_fee(event: Event) -> CheckResult:
    """R5: a speaker who speaks ex officio (as part of their office) is paid no fee. Always
    applies; passes when there are no ex-officio speakers."""
    wrong = [s for s in event.speakers if s.ex_officio and s.fee]
    if wrong:
        return failed(with_fix(_("speaking ex officio but with a fee: {speakers}; ex-officio "
                                 "speakers cost no fee").format(
                                     speakers=", ".join(f"{s.name} ({s.fee:g})" for s in wrong)),
                               f"eventflow speaker edit {event.id} {wrong[0].id} --fee 0"))
    count = sum(1 for s in event.speakers if s.ex_officio)
    return passed(_("{n} ex-officio speaker(s), none with a fee").format(n=count))


def _split_problems(event: Event) -> list[tuple[str, str]]:
    """What is wrong with the budget lines' splits, each with the id of its line: shares for
    a party that is not (or no longer) a partner always; with partners also a line without
    a split and shares that do not add up to 100 %."""
    parties = {"host"} | {p.id for p in event.partners}
    problems = []
    for cost in event.costs:
        unknown = set(cost.split) - parties
        if unknown:
            problems.append((cost.id, _("{cost} splits to unknown part(ies) {parties}").format(
                cost=cost.id, parties=", ".join(sorted(unknown)))))
        if not event.partners:
            continue
        if not cost.split:
            problems.append((cost.id, _("{cost} ({category}) has no split").format(
                cost=cost.id, category=cost.category)))
            continue
        total = sum(cost.split.values())
        if abs(total - 100) > 0.01:
            problems.append((cost.id, _("{cost} ({category}) split adds up to {total} %, not "
                                        "100 %").format(cost=cost.id, category=cost.category,
                                                        total=f"{total:g}")))
    return problems


def cost_split_complete(event: Event) -> CheckResult:
    """R6: with co-organisers, every budget line is split between the organiser
    (``host``) and the partners, the shares adding up to 100 %; no line splits to a party
    that is not a partner. Not applicable when the event has no partner and no line splits to
    one (a partner removed after its lines were split breaks it: a regression once the stage
    was left)."""
    problems = _split_problems(event)
    if not event.partners and not problems:
        return not_applicable(_("no co-organiser: nothing to split"))
    if event.partners and not event.costs:
        problems = [("", _("no budget lines yet"))]
    if problems:
        command = (f"eventflow cost split {event.id} {problems[0][0]} {even_split(event)}"
                   if problems[0][0] else f"eventflow cost add {event.id} --category venue "
                   f"--amount AMOUNT --split {even_split(event)}")
        return failed(with_command(_("{problems} (set with `eventflow cost add ... --split "
                                     "host=50,PARTNER=50`)").format(
                                         problems="; ".join(text for _c, text in problems)),
                                   "eventflow cost add ... --split host=50,PARTNER=50", command))
    return passed(_("{n} budget line(s) split between the partners").format(n=len(event.costs)))


SLOT_NAMES = {"expert_talk": N_("expert talk"), "region_talk": N_("talk on the region's "
              "population"), "comment_talk": N_("comment talk"), "panel": N_("panel"),
              "showcase": N_("local practice showcase")}


def slot_count(event: Event, kind: str, min: int, max: int | None = None,
               require: list[str] | None = None) -> CheckResult:
    """R7–R11: the programme has from ``min`` to ``max`` speakers in slots of ``kind``, each
    with every field of ``require`` recorded (a comment talk's target group). Always applies
    (``min = 0``: the slot is optional)."""
    slots = [s for s in event.speakers if s.slot == kind]
    n = len(slots)
    name = _(SLOT_NAMES[kind]) if kind in SLOT_NAMES else kind.replace("_", " ")
    if n < min:
        return failed(_("{name}: {n} in the programme, at least {min} needed: "
                        "`eventflow speaker add EVENT NAME --slot {kind}`").format(
                            name=name, n=n, min=min, kind=kind))
    if max is not None and n > max:
        return failed(with_fix(_("{name}: {n} in the programme, at most {max} allowed").format(
            name=name, n=n, max=max), f"eventflow speaker remove {event.id} {slots[-1].id}"))
    lacking = [(s, f) for s in slots for f in (require or []) if not getattr(s, f, None)]
    if lacking:
        speaker, field = lacking[0]
        option = f"--{field.replace('_', '-')} {field.upper()}"
        return failed(with_fix("; ".join(_("{speaker} lacks {field}").format(
            speaker=s.name, field=f) for s, f in lacking),
            f"eventflow speaker edit {event.id} {speaker.id} {option}"))
    return passed(_("{name}: {n}: {speakers}").format(
                      name=name, n=n, speakers=", ".join(s.name for s in slots)) if slots else
                  _("no {name} (optional)").format(name=name))


def speakers_confirmed(event: Event) -> CheckResult:
    """R3: the programme has speakers and every one of them has confirmed. Always
    applies."""
    if not event.speakers:
        return failed(with_fix(_("no speakers in the programme yet"),
                               f"eventflow speaker add {event.id} NAME --slot expert_talk"))
    pending = [s for s in event.speakers if not s.confirmed]
    if pending:
        return failed(with_command(_("not confirmed yet: {speakers} (`eventflow speaker confirm "
                                     "EVENT SPEAKER`)").format(
                                         speakers=", ".join(s.name for s in pending)),
                                   "eventflow speaker confirm EVENT SPEAKER",
                                   f"eventflow speaker confirm {event.id} {pending[0].id}"))
    return passed(_("all {n} speakers confirmed").format(n=len(event.speakers)))


def _first_text(texts: Mapping[Any, str] | str) -> str:
    """A per-language text in its first language (the one a role is compared in)."""
    if isinstance(texts, str):
        return texts
    return next(iter(texts.values()), "")


def panel_roles(event: Event, min: int) -> CheckResult:
    """R10 (advice): the panel has at least ``min`` different roles (compared in each role's
    first language). Always applies."""
    roles = {_first_text(p.role).strip().casefold() for p in event.panel.panelists
             if _first_text(p.role).strip()}
    if len(roles) >= min:
        return passed(_("{n} different roles on the panel").format(n=len(roles)))
    return failed(with_fix(_("{n} different role(s) on the panel; at least {min} recommended "
                             "(municipal employee, councillor, police, media, entrepreneur, "
                             "NGO worker, religious or other community)").format(
                                 n=len(roles), min=min),
                           f"eventflow panel panelist add {event.id} NAME --role ROLE"))


def _dimensions_fix(event: Event, scope: str, missing: Sequence[str]) -> str:
    """The command that adds the ``missing`` dimensions: to the first panel question or
    speaker, keeping the ones it has (``--dimension`` replaces them), or with a new one."""
    if scope == "panel" and event.panel.questions:
        have, where = event.panel.questions[0].dimensions, "panel question edit {event} 1"
    elif scope == "panel":
        have, where = [], "panel question add {event} TEXT"
    elif event.speakers:
        have, where = event.speakers[0].dimensions, "speaker edit {event} " + event.speakers[0].id
    else:
        have, where = [], "speaker add {event} NAME --slot expert_talk"
    options = " ".join(f"--dimension {d}" for d in [*have, *missing])
    return f"eventflow {where.format(event=event.id)} {options}"


def dimensions_covered(event: Event, scope: str) -> CheckResult:
    """R18: the four dimensions (attitudes, safety, interaction, participation) are covered by
    the panel's questions (``scope = "panel"``) or the talks (``"programme"``). Always
    applies."""
    if scope == "panel":
        tags = [d for q in event.panel.questions for d in q.dimensions]
    else:
        tags = [d for s in event.speakers for d in s.dimensions]
    missing = [d for d in DIMENSIONS if d not in set(tags)]
    if missing:
        return failed(with_fix((_("the panel does not cover: {dimensions}") if scope == "panel"
                                else _("the programme does not cover: {dimensions}")
                                if scope == "programme" else
                                _("the {scope} does not cover: {dimensions}")).format(
                                    scope=scope, dimensions=", ".join(missing)),
                               _dimensions_fix(event, scope, missing)))
    return passed(_("the panel covers all four dimensions") if scope == "panel" else
                  _("the programme covers all four dimensions") if scope == "programme" else
                  _("the {scope} covers all four dimensions").format(scope=scope))


_CHECKS = {
    "partners_min": (partners_min, {"min": int}),
    "agreement_topics": (agreement_topics, {"topics": list}),
    "controller_model": (controller_model, {}),
    "single_region": (single_region, {}),
    "organisers_from_target_group": (organisers_from_target_group, {"min": int}),
    "venue_recorded": (venue_recorded, {"fields": list}),
    "venue_accessibility": (venue_accessibility, {}),
    "budget_categories": (budget_categories, {"categories": list}),
    "ex_officio_no_fee": (ex_officio_no_fee, {}),
    "cost_split_complete": (cost_split_complete, {}),
    "slot_count": (slot_count, {"kind": str, "min": int, "max?": int, "require?": list}),
    "speakers_confirmed": (speakers_confirmed, {}),
    "panel_roles": (panel_roles, {"min": int}),
    "dimensions_covered": (dimensions_covered, {"scope": str}),
    "invitation_definition": (invitation_definition, {"min_chars": int}),
    "definition_mentions_dimensions": (definition_mentions_dimensions, {}),
    "bilingual_invitation": (bilingual_invitation, {"applies_to": str}),
    "sami_information": (sami_information, {}),
    "aland_swedish": (aland_swedish, {}),
    "target_groups_min": (target_groups_min, {"min": int}),
    "target_group_invited": (target_group_invited, {"group": str}),
    "accessibility_info": (accessibility_info, {}),
    "recording_announced": (recording_announced, {"channels": list}),
    "registration_deadline": (registration_deadline, {"min_days_before": int}),
    "invitation_sent_by": (invitation_sent_by, {"offset": str}),
    "panel_questions_sent": (panel_questions_sent, {"min_days_before": int}),
    "personal_data_deleted": (personal_data_deleted, {}),
}


@hookimpl
def register_checks(register):  # type: ignore[no-untyped-def]
    """Register every built-in check with its parameters and its docstring as description;
    ``ticked_if_recording`` is tickable (a person ticks the item it computes)."""
    for name, (func, params) in _CHECKS.items():
        register(name, func, params=params, description=" ".join((func.__doc__ or "").split()))
    register("ticked_if_recording", ticked_if_recording, params={}, tickable=True,
             description="A person ticks it when the event is recorded; otherwise it does not "
                         "apply.")

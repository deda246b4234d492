"""The built-in checks: the seed guide's rules computed from an event's data.

Each check takes the event (a copy) and its parameters from the workflow, and returns a
CheckResult whose reason tells the planner what is missing and how to record it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from eventflow import hookimpl
from eventflow.checklist import CheckResult, failed, not_applicable, passed
from eventflow.datetext import day
from eventflow.event import AGREEMENT_TOPICS, DIMENSIONS, Event
from eventflow.i18n import N_, _
from eventflow.regions import SAMI_HOMELAND, find_region
from eventflow.schedule import due_date, parse_offset

DIMENSION_WORDS = {
    "attitudes": ("asentee", "asenne", "attityd", "attitude"),
    "safety": ("turvallisuu", "trygghet", "säkerhet", "safety", "security"),
    "interaction": ("vuorovaikutu", "växelverkan", "interaktion", "interaction"),
    "participation": ("osallisuu", "osallistu", "delaktighet", "participation"),
}


def partners_min(event: Event, min: int) -> CheckResult:
    host = event.host.name.strip().casefold()
    partners = [p for p in event.partners if p.name.strip().casefold() != host]
    if len(partners) >= min:
        return passed(_("{n} partner organisation(s): {names}").format(
            n=len(partners), names=", ".join(p.name for p in partners)))
    return failed(_("{n} partner organisation(s) other than the organiser, at least {min} "
                    "needed: record one with `eventflow partner add EVENT NAME`").format(
                        n=len(partners), min=min))


def _agreed(value: object) -> bool:
    """A topic is agreed once it has a text (in any language, for the prose topics)."""
    if isinstance(value, dict):
        return any(str(v).strip() for v in value.values())
    return bool(str(value or "").strip())


def agreement_topics(event: Event, topics: list[str]) -> CheckResult:
    missing = [t for t in topics if not _agreed(getattr(event.agreement, t, ""))]
    unknown = [t for t in topics if t not in AGREEMENT_TOPICS]
    if unknown:
        return failed(_("unknown agreement topic(s) {topics}").format(topics=", ".join(unknown)))
    if missing:
        return failed(_("not agreed yet: {topics} (record with `eventflow partner agree EVENT "
                        "TOPIC TEXT`)").format(topics=", ".join(missing)))
    return passed(_("all agreed: {topics}").format(topics=", ".join(topics)))


def controller_model(event: Event) -> CheckResult:
    if event.agreement.controller_model:
        return passed(_("controller model: {model}").format(
            model=event.agreement.controller_model))
    return failed(_("the controller model for registration data is not recorded (joint, "
                    "controller_processor or single): `eventflow partner agree EVENT "
                    "controller_model joint`"))


def single_region(event: Event) -> CheckResult:
    if "," in event.region or ";" in event.region:
        return failed(_("'{region}' names several regions; the training covers at most one "
                        "region (maakunta): choose one").format(region=event.region))
    region = find_region(event.region)
    if region is None:
        return failed(_("'{region}' is not one of Finland's 19 regions").format(
            region=event.region))
    return passed(_("one region: {region}").format(region=region.fi))


def organisers_from_target_group(event: Event, min: int) -> CheckResult:
    involved = [o for o in event.organisers if o.target_group]
    if len(involved) >= min:
        return passed(_("organisers from the target group: {names}").format(
            names=", ".join(f"{o.name} ({o.target_group})" for o in involved)))
    return failed(_("{n} organiser(s) from the target group, at least {min} needed: "
                    "`eventflow organiser add EVENT NAME --target-group GROUP`").format(
                        n=len(involved), min=min))


def venue_recorded(event: Event, fields: list[str]) -> CheckResult:
    missing = [f for f in fields if not getattr(event.venue, f, None)]
    if missing:
        return failed(_("venue is missing {fields}: `eventflow venue set EVENT ...`").format(
            fields=", ".join(missing)))
    return passed(_("venue: {name}").format(name=event.venue.name))


def venue_accessibility(event: Event) -> CheckResult:
    if event.venue.accessibility:
        return passed(_("accessibility: {features}").format(
            features=", ".join(event.venue.accessibility)))
    return failed(_("the venue's accessibility is not recorded (step-free access, hearing "
                    "loop, accessible toilet …): `eventflow venue set EVENT --accessibility "
                    "...`"))


def budget_categories(event: Event, categories: list[str]) -> CheckResult:
    present = {c.category for c in event.costs}
    missing = [c for c in categories if c not in present]
    if missing:
        return failed(_("no budget line for {categories} (record with `eventflow cost add EVENT "
                        "--category {first} --amount AMOUNT`, amount 0 if none)").format(
                            categories=", ".join(missing), first=missing[0]))
    return passed(_("budget lines for {categories}").format(categories=", ".join(categories)))


def ex_officio_no_fee(event: Event) -> CheckResult:
    wrong = [s for s in event.speakers if s.ex_officio and s.fee]
    if wrong:
        return failed(_("speaking ex officio but with a fee: {speakers}; ex-officio speakers "
                        "cost no fee").format(
                            speakers=", ".join(f"{s.name} ({s.fee:g})" for s in wrong)))
    count = sum(1 for s in event.speakers if s.ex_officio)
    return passed(_("{n} ex-officio speaker(s), none with a fee").format(n=count))


def cost_split_complete(event: Event) -> CheckResult:
    if not event.partners:
        return not_applicable(_("no co-organiser: nothing to split"))
    parties = {"host"} | {p.id for p in event.partners}
    problems = []
    for cost in event.costs:
        if not cost.split:
            problems.append(_("{cost} ({category}) has no split").format(
                cost=cost.id, category=cost.category))
            continue
        unknown = set(cost.split) - parties
        if unknown:
            problems.append(_("{cost} splits to unknown part(ies) {parties}").format(
                cost=cost.id, parties=", ".join(sorted(unknown))))
        total = sum(cost.split.values())
        if abs(total - 100) > 0.01:
            problems.append(_("{cost} ({category}) split adds up to {total} %, not 100 %").format(
                cost=cost.id, category=cost.category, total=f"{total:g}"))
    if not event.costs:
        problems.append(_("no budget lines yet"))
    if problems:
        return failed(_("{problems} (set with `eventflow cost add ... --split "
                        "host=50,PARTNER=50`)").format(problems="; ".join(problems)))
    return passed(_("{n} budget line(s) split between the partners").format(n=len(event.costs)))


SLOT_NAMES = {"expert_talk": N_("expert talk"), "region_talk": N_("talk on the region's "
              "population"), "comment_talk": N_("comment talk"), "panel": N_("panel"),
              "showcase": N_("local practice showcase")}


def slot_count(event: Event, kind: str, min: int, max: int | None = None,
               require: list[str] | None = None) -> CheckResult:
    slots = [s for s in event.speakers if s.slot == kind]
    n = len(slots)
    name = _(SLOT_NAMES[kind]) if kind in SLOT_NAMES else kind.replace("_", " ")
    if n < min:
        return failed(_("{name}: {n} in the programme, at least {min} needed: "
                        "`eventflow speaker add EVENT NAME --slot {kind}`").format(
                            name=name, n=n, min=min, kind=kind))
    if max is not None and n > max:
        return failed(_("{name}: {n} in the programme, at most {max} allowed").format(
            name=name, n=n, max=max))
    lacking = [_("{speaker} lacks {field}").format(speaker=s.name, field=f)
               for s in slots for f in (require or []) if not getattr(s, f, None)]
    if lacking:
        return failed("; ".join(lacking))
    return passed(_("{name}: {n}: {speakers}").format(
                      name=name, n=n, speakers=", ".join(s.name for s in slots)) if slots else
                  _("no {name} (optional)").format(name=name))


def speakers_confirmed(event: Event) -> CheckResult:
    if not event.speakers:
        return failed(_("no speakers in the programme yet"))
    pending = [s.name for s in event.speakers if not s.confirmed]
    if pending:
        return failed(_("not confirmed yet: {speakers} (`eventflow speaker confirm EVENT "
                        "SPEAKER`)").format(speakers=", ".join(pending)))
    return passed(_("all {n} speakers confirmed").format(n=len(event.speakers)))


def _first_text(texts: Mapping[Any, str] | str) -> str:
    """A per-language text in its first language (the one a role is compared in)."""
    if isinstance(texts, str):
        return texts
    return next(iter(texts.values()), "")


def panel_roles(event: Event, min: int) -> CheckResult:
    roles = {_first_text(p.role).strip().casefold() for p in event.panel.panelists
             if _first_text(p.role).strip()}
    if len(roles) >= min:
        return passed(_("{n} different roles on the panel").format(n=len(roles)))
    return failed(_("{n} different role(s) on the panel; at least {min} recommended (municipal "
                    "employee, councillor, police, media, entrepreneur, NGO worker, religious "
                    "or other community)").format(n=len(roles), min=min))


def dimensions_covered(event: Event, scope: str) -> CheckResult:
    if scope == "panel":
        tags = [d for q in event.panel.questions for d in q.dimensions]
    else:
        tags = [d for s in event.speakers for d in s.dimensions]
    missing = [d for d in DIMENSIONS if d not in set(tags)]
    if missing:
        return failed((_("the panel does not cover: {dimensions}") if scope == "panel" else
                       _("the programme does not cover: {dimensions}")
                       if scope == "programme" else
                       _("the {scope} does not cover: {dimensions}")).format(
                           scope=scope, dimensions=", ".join(missing)))
    return passed(_("the panel covers all four dimensions") if scope == "panel" else
                  _("the programme covers all four dimensions") if scope == "programme" else
                  _("the {scope} covers all four dimensions").format(scope=scope))


def invitation_definition(event: Event, min_chars: int) -> CheckResult:
    langs = event.invitation.languages or event.languages
    short = [lang for lang in langs
             if len(event.invitation.definition.get(lang, "").strip()) < min_chars]
    if short:
        return failed(_("the invitation does not explain what good population relations mean "
                        "in: {languages} (`eventflow invitation set EVENT --definition "
                        "LANG=TEXT` or `--default-definition`)").format(
                            languages=", ".join(short)))
    return passed(_("the invitation explains good population relations in {languages}").format(
        languages=", ".join(langs)))


def definition_mentions_dimensions(event: Event) -> CheckResult:
    problems = []
    for lang, text in event.invitation.definition.items():
        lowered = text.casefold()
        missing = [d for d, words in DIMENSION_WORDS.items()
                   if not any(w in lowered for w in words)]
        if missing:
            problems.append(_("{language}: no mention of {dimensions}").format(
                language=lang, dimensions=", ".join(missing)))
    if not event.invitation.definition:
        return failed(_("no definition in the invitation yet"))
    if problems:
        return failed("; ".join(problems))
    return passed(_("the definition names the four dimensions"))


def bilingual_invitation(event: Event, applies_to: str) -> CheckResult:
    langs = set(event.invitation.languages or event.languages)
    bilingual_authority = event.host.type == "authority" and event.host.bilingual
    if (applies_to == "bilingual_authority") != bilingual_authority:
        return not_applicable(_("the organiser is not a bilingual authority")
                              if applies_to == "bilingual_authority"
                              else _("covered by the bilingual-authority rule"))
    if {"fi", "sv"} <= langs:
        return passed(_("the invitation is in Finnish and Swedish"))
    if applies_to == "bilingual_authority":
        return failed(_("a bilingual authority informs in Finnish and Swedish: add the missing "
                        "language (`eventflow invitation set EVENT --languages fi,sv`)"))
    region = find_region(event.region)
    return failed(_("consider a Swedish version too ({region})").format(
        region=region.fi if region else event.region))


def sami_information(event: Event) -> CheckResult:
    if event.municipality not in SAMI_HOMELAND:
        return not_applicable(_("not in the Sámi homeland"))
    langs = set(event.invitation.languages or event.languages)
    if langs & {"se", "smn", "sms"}:
        return passed(_("information also in Sámi"))
    return failed(_("{municipality} is in the Sámi homeland: give the information also in Sámi "
                    "(North, Inari or Skolt Sámi)").format(municipality=event.municipality))


def aland_swedish(event: Event) -> CheckResult:
    region = find_region(event.region)
    if region is None or region.fi != "Ahvenanmaa":
        return not_applicable(_("not on Åland"))
    if "sv" in (event.invitation.languages or event.languages):
        return passed(_("in Swedish"))
    return failed(_("events on Åland are held and announced in Swedish: add sv"))


def target_groups_min(event: Event, min: int) -> CheckResult:
    groups = event.invitation.target_groups
    if len(set(groups)) >= min:
        return passed(_("{n} target groups invited").format(n=len(set(groups))))
    return failed(_("{n} target group(s) invited, at least {min} recommended: "
                    "`eventflow invitation set EVENT --target-groups ...`").format(
                        n=len(set(groups)), min=min))


def target_group_invited(event: Event, group: str) -> CheckResult:
    region = find_region(event.region)
    if group == "regional_etno" and region is not None and not region.etno:
        return not_applicable(_("{region} has no regional ETNO").format(region=region.fi))
    if group in event.invitation.target_groups:
        return passed(_("{group} invited").format(group=group))
    hint = f" ({region.etno})" if group == "regional_etno" and region else ""
    return failed(_("{group} is not among the invited target groups").format(
        group=f"{group}{hint}"))


def accessibility_info(event: Event) -> CheckResult:
    info = event.invitation.accessibility_info
    has_info = any(t.strip() for t in ([info] if isinstance(info, str) else info.values()))
    has_contact = bool(event.invitation.accessibility_contact.strip())
    if not has_info and not has_contact:
        return failed(_("the invitation lacks accessibility information and a person "
                        "responsible for accessibility questions"))
    if not has_info:
        return failed(_("the invitation lacks accessibility information"))
    if not has_contact:
        return failed(_("the invitation lacks a person responsible for accessibility "
                        "questions"))
    return passed(_("accessibility information and contact in the invitation"))


def recording_announced(event: Event, channels: list[str]) -> CheckResult:
    if not event.recording:
        return not_applicable(_("the event is not recorded"))
    missing = [c for c in channels if c not in event.invitation.recording_notice]
    if missing:
        return failed(_("the event is recorded, but this is not announced in: {channels}").format(
            channels=", ".join(missing)))
    return passed(_("recording announced in {channels}").format(channels=", ".join(channels)))


def ticked_if_recording(event: Event) -> CheckResult:
    if not event.recording:
        return not_applicable(_("the event is not recorded"))
    return failed(_("the event is recorded: announce it at the event, then tick this item"))


def registration_deadline(event: Event, min_days_before: int) -> CheckResult:
    deadline = event.invitation.registration_deadline
    if deadline is None:
        return failed(_("no registration deadline: `eventflow invitation set EVENT --deadline "
                        "DATE`"))
    latest = event.date - dt.timedelta(days=min_days_before)
    if deadline > latest:
        return failed(_("registration closes {deadline}, later than {latest} ({days} days "
                        "before the event)").format(deadline=day(deadline), latest=day(latest),
                                                     days=min_days_before))
    return passed(_("registration closes {deadline}").format(deadline=day(deadline)))


def invitation_sent_by(event: Event, offset: str) -> CheckResult:
    # the rule's own limit, in calendar days; the item's due date (a reminder for people) is
    # that day moved back to a working day
    latest = due_date(event.date, parse_offset(offset), working=False)
    sent = event.invitation.sent_at
    if sent is None:
        return failed(_("the invitation has not been sent; send it by {latest} "
                        "(`eventflow invitation sent EVENT`)").format(latest=day(latest)))
    if event.invitation.sent_for is not None and event.invitation.sent_for != event.date:
        return failed(_("the invitation sent {sent} announced {announced}, but the event is now "
                        "on {date}: send it again with the new date (`eventflow invitation sent "
                        "EVENT`)").format(sent=day(sent), announced=day(event.invitation.sent_for),
                                          date=day(event.date)))
    if sent > latest:
        return failed(_("the invitation was sent {sent}, later than {latest}").format(
            sent=day(sent), latest=day(latest)))
    return passed(_("the invitation was sent {sent}").format(sent=day(sent)))


def panel_questions_sent(event: Event, min_days_before: int) -> CheckResult:
    panel = event.panel
    if not panel.questions:
        return failed(_("no panel questions or themes yet: `eventflow panel question EVENT "
                        "TEXT`"))
    if panel.sent_at is None:
        return failed(_("the questions have not been sent to the panelists: `eventflow panel "
                        "sent EVENT`"))
    legacy = all(q.sent_at is None for q in panel.questions)  # sent before questions kept dates
    unsent = [] if legacy else [q for q in panel.questions if q.sent_at is None]
    if unsent:
        return failed(_("{n} question(s) added after the questions were sent on {sent} have "
                        "not been sent: `eventflow panel sent EVENT`").format(
                            n=len(unsent), sent=day(panel.sent_at)))
    if panel.sent_for is not None and panel.sent_for != event.date:
        return failed(_("the questions sent {sent} were for the event on {announced}, now on "
                        "{date}: send them again with the new date (`eventflow panel sent "
                        "EVENT`)").format(sent=day(panel.sent_at), announced=day(panel.sent_for),
                                          date=day(event.date)))
    latest = event.date - dt.timedelta(days=min_days_before)
    if panel.sent_at > latest:
        return failed(_("questions were sent {sent}, later than {latest} ({days} days before "
                        "the event)").format(sent=day(panel.sent_at), latest=day(latest),
                                             days=min_days_before))
    return passed(_("{n} question(s) sent to the panelists on {sent}").format(
        n=len(panel.questions), sent=day(panel.sent_at)))


def personal_data_deleted(event: Event) -> CheckResult:
    purged = event.ext.get("participants", {}).get("purged_at")
    if purged:
        return passed(_("registration data deleted on {date}").format(
            date=day(str(purged)[:10])))
    return failed(_("participants' personal data has not been deleted yet "
                    "(`eventflow participants purge EVENT`)"))


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
    for name, (func, params) in _CHECKS.items():
        register(name, func, params=params, description=(func.__doc__ or "").strip())
    register("ticked_if_recording", ticked_if_recording, params={}, tickable=True,
             description="A person ticks it when the event is recorded; otherwise it does not "
                         "apply.")

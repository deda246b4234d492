"""The built-in checks of the invitation, the panel questions and the follow-up: the seed
guide's rules on what the invitation says and to whom, when it and the panel's questions are
sent, and the deletion of personal data. Registered with the other checks by
:mod:`eventflow.default_plugins.checks`.

Each check takes the event (a copy) and its parameters from the workflow, and returns a
CheckResult whose reason tells the planner what is missing and the command that records it.
"""

from __future__ import annotations

import datetime as dt

from eventflow.checklist import (
    CheckResult,
    failed,
    not_applicable,
    passed,
    with_command,
    with_fix,
)
from eventflow.datetext import day
from eventflow.event import TARGET_GROUPS, Event
from eventflow.i18n import _
from eventflow.regions import SAMI_HOMELAND, find_region
from eventflow.schedule import due_date, parse_offset

DIMENSION_WORDS = {
    "attitudes": ("asentee", "asenne", "attityd", "attitude"),
    "safety": ("turvallisuu", "trygghet", "säkerhet", "safety", "security"),
    "interaction": ("vuorovaikutu", "växelverkan", "interaktion", "interaction"),
    "participation": ("osallisuu", "osallistu", "delaktighet", "participation"),
}


def _languages_fix(event: Event, *add: str) -> str:
    """The command that sets the invitation's languages to its present ones and ``add``."""
    langs = list(event.invitation.languages or event.languages)
    langs += [lang for lang in add if lang not in langs]
    return f"eventflow invitation set {event.id} --languages {','.join(langs)}"


def invitation_definition(event: Event, min_chars: int) -> CheckResult:
    """R12: the invitation explains what good population relations mean, in at least
    ``min_chars`` characters in each of its languages. Always applies."""
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
    """R12 (advice): the invitation's definition names the four dimensions (attitudes,
    safety, interaction, participation) in each language it is written in. Always
    applies."""
    problems = []
    for lang, text in event.invitation.definition.items():
        lowered = text.casefold()
        missing = [d for d, words in DIMENSION_WORDS.items()
                   if not any(w in lowered for w in words)]
        if missing:
            problems.append(_("{language}: no mention of {dimensions}").format(
                language=lang, dimensions=", ".join(missing)))
    command = f"eventflow invitation set {event.id} --default-definition"
    if not event.invitation.definition:
        return failed(with_fix(_("no definition in the invitation yet"), command))
    if problems:
        return failed(with_fix("; ".join(problems), command))
    return passed(_("the definition names the four dimensions"))


def bilingual_invitation(event: Event, applies_to: str) -> CheckResult:
    """R19: the invitation is in Finnish and Swedish. With ``applies_to =
    "bilingual_authority"`` it applies only when the organiser is a bilingual authority (a
    requirement); with ``"others"`` only when it is not (advice)."""
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
    return failed(with_fix(_("consider a Swedish version too ({region})").format(
        region=region.fi if region else event.region), _languages_fix(event, "fi", "sv")))


def sami_information(event: Event) -> CheckResult:
    """R20 (advice): an event in a municipality of the Sámi homeland gives its information
    also in a Sámi language. Not applicable elsewhere."""
    if event.municipality not in SAMI_HOMELAND:
        return not_applicable(_("not in the Sámi homeland"))
    langs = set(event.invitation.languages or event.languages)
    if langs & {"se", "smn", "sms"}:
        return passed(_("information also in Sámi"))
    return failed(with_fix(_("{municipality} is in the Sámi homeland: give the information "
                             "also in Sámi (North, Inari or Skolt Sámi)").format(
                                 municipality=event.municipality),
                           _languages_fix(event, "se")))


def aland_swedish(event: Event) -> CheckResult:
    """R21: an event on Åland is held and announced in Swedish. Not applicable in other
    regions."""
    region = find_region(event.region)
    if region is None or region.fi != "Ahvenanmaa":
        return not_applicable(_("not on Åland"))
    if "sv" in (event.invitation.languages or event.languages):
        return passed(_("in Swedish"))
    return failed(with_fix(_("events on Åland are held and announced in Swedish: add sv"),
                           _languages_fix(event, "sv")))


def _target_groups_fix(event: Event, *add: str) -> str:
    """The command that sets the invited target groups to the present ones and ``add``."""
    groups = list(dict.fromkeys([*event.invitation.target_groups, *add]))
    return f"eventflow invitation set {event.id} --target-groups {','.join(groups)}"


def target_groups_min(event: Event, min: int) -> CheckResult:
    """The guide's target groups (advice): at least ``min`` different target groups are
    invited. Always applies."""
    groups = event.invitation.target_groups
    if len(set(groups)) >= min:
        return passed(_("{n} target groups invited").format(n=len(set(groups))))
    more = [g for g in TARGET_GROUPS if g not in groups][:min - len(set(groups))]
    return failed(with_command(_("{n} target group(s) invited, at least {min} recommended: "
                                 "`eventflow invitation set EVENT --target-groups ...`").format(
                                     n=len(set(groups)), min=min),
                               "eventflow invitation set EVENT --target-groups ...",
                               _target_groups_fix(event, *more)))


def target_group_invited(event: Event, group: str) -> CheckResult:
    """R17 (advice, for ``regional_etno``): the target group ``group`` is invited. Not
    applicable for the regional ETNO in a region that has none."""
    region = find_region(event.region)
    if group == "regional_etno" and region is not None and not region.etno:
        return not_applicable(_("{region} has no regional ETNO").format(region=region.fi))
    if group in event.invitation.target_groups:
        return passed(_("{group} invited").format(group=group))
    hint = f" ({region.etno})" if group == "regional_etno" and region else ""
    return failed(with_fix(_("{group} is not among the invited target groups").format(
        group=f"{group}{hint}"), _target_groups_fix(event, group)))


def accessibility_info(event: Event) -> CheckResult:
    """R23: the invitation gives accessibility information and names the person who answers
    accessibility questions. Always applies."""
    info = event.invitation.accessibility_info
    has_info = any(t.strip() for t in ([info] if isinstance(info, str) else info.values()))
    has_contact = bool(event.invitation.accessibility_contact.strip())
    options = ([] if has_info else ["--accessibility-info TEXT"]) + (
        [] if has_contact else ["--accessibility-contact NAME"])
    command = f"eventflow invitation set {event.id} {' '.join(options)}"
    if not has_info and not has_contact:
        return failed(with_fix(_("the invitation lacks accessibility information and a person "
                                 "responsible for accessibility questions"), command))
    if not has_info:
        return failed(with_fix(_("the invitation lacks accessibility information"), command))
    if not has_contact:
        return failed(with_fix(_("the invitation lacks a person responsible for accessibility "
                                 "questions"), command))
    return passed(_("accessibility information and contact in the invitation"))


def recording_announced(event: Event, channels: list[str]) -> CheckResult:
    """R24: a recorded event announces the recording in each of ``channels`` (the
    registration form, the confirmation). Not applicable when the event is not recorded."""
    if not event.recording:
        return not_applicable(_("the event is not recorded"))
    missing = [c for c in channels if c not in event.invitation.recording_notice]
    if missing:
        notice = ",".join(dict.fromkeys([*event.invitation.recording_notice, *channels]))
        return failed(with_fix(_("the event is recorded, but this is not announced in: "
                                 "{channels}").format(channels=", ".join(missing)),
                               f"eventflow invitation set {event.id} --recording-notice "
                               f"{notice}"))
    return passed(_("recording announced in {channels}").format(channels=", ".join(channels)))


def ticked_if_recording(event: Event) -> CheckResult:
    """R24: a person ticks the item once the recording is announced at the event (the check
    is tickable; the judge puts the item's id for ``ITEM`` in its fix). Not applicable when
    the event is not recorded."""
    if not event.recording:
        return not_applicable(_("the event is not recorded"))
    return failed(with_fix(_("the event is recorded: announce it at the event, then tick this "
                             "item"), f"eventflow check {event.id} ITEM"))


def registration_deadline(event: Event, min_days_before: int) -> CheckResult:
    """The guide's key tasks: a registration deadline is set, at least ``min_days_before``
    days before the event. Always applies."""
    deadline = event.invitation.registration_deadline
    latest = event.date - dt.timedelta(days=min_days_before)
    command = f"eventflow invitation set {event.id} --deadline {latest.isoformat()}"
    if deadline is None:
        return failed(with_command(_("no registration deadline: `eventflow invitation set EVENT "
                                     "--deadline DATE`"),
                                   "eventflow invitation set EVENT --deadline DATE", command))
    if deadline > latest:
        return failed(with_fix(_("registration closes {deadline}, later than {latest} ({days} "
                                 "days before the event)").format(
                                     deadline=day(deadline), latest=day(latest),
                                     days=min_days_before), command))
    return passed(_("registration closes {deadline}").format(deadline=day(deadline)))


def invitation_sent_by(event: Event, offset: str) -> CheckResult:
    """R14: the invitation is sent, for the event's present date, no later than ``offset``
    from the event day (``-4w``; in calendar days). Always applies."""
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
    if sent > latest:  # sent is sent: only a later event day (and sending again) gives time
        return failed(with_fix(_("the invitation was sent {sent}, later than {latest}").format(
            sent=day(sent), latest=day(latest)), f"eventflow reschedule {event.id} --date DATE"))
    return passed(_("the invitation was sent {sent}").format(sent=day(sent)))


def panel_questions_sent(event: Event, min_days_before: int) -> CheckResult:
    """R14: the panel's questions are sent to the panelists, every question (also one added
    later) and for the event's present date, at least ``min_days_before`` days before the
    event. Always applies."""
    panel = event.panel
    if not panel.questions:
        return failed(with_command(_("no panel questions or themes yet: `eventflow panel "
                                     "question EVENT TEXT`"),
                                   "eventflow panel question EVENT TEXT",
                                   f"eventflow panel question add {event.id} TEXT"))
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
    if panel.sent_at > latest:  # as for the invitation: only a later day gives them time
        return failed(with_fix(_("questions were sent {sent}, later than {latest} ({days} days "
                                 "before the event)").format(
                                     sent=day(panel.sent_at), latest=day(latest),
                                     days=min_days_before),
                               f"eventflow reschedule {event.id} --date DATE"))
    return passed(_("{n} question(s) sent to the panelists on {sent}").format(
        n=len(panel.questions), sent=day(panel.sent_at)))


def personal_data_deleted(event: Event) -> CheckResult:
    """G7: the participants' personal data is deleted after the follow-up (only anonymised
    aggregates are kept). Always applies."""
    purged = event.ext.get("participants", {}).get("purged_at")
    if purged:
        return passed(_("registration data deleted on {date}").format(
            date=day(str(purged)[:10])))
    return failed(_("participants' personal data has not been deleted yet "
                    "(`eventflow participants purge EVENT`)"))

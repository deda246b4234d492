"""Commands that record the data the policy checks read: partner, venue, cost, speaker, panel,
invitation and organiser. Each change is one saved revision with a history entry."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from .vocab import (
    AGREEMENT_TOPICS,
    COST_CATEGORIES,
    DIMENSIONS,
    PARTNER_TYPES,
    SLOT_KINDS,
    TARGET_GROUPS,
)

if TYPE_CHECKING:
    import datetime as dt

    from .event import Event

DIMENSION_CHOICE = click.Choice(DIMENSIONS)
TARGET_GROUP_CHOICE = click.Choice(TARGET_GROUPS)


def _model() -> Any:
    from . import event

    return event


def _next_id(prefix: str, taken: list[str]) -> str:
    n = 1
    while f"{prefix}{n}" in taken:
        n += 1
    return f"{prefix}{n}"


def _find(items: list[Any], key: str, what: str, event: Event) -> Any:
    for item in items:
        if item.id == key:
            return item
    matches = [i for i in items if getattr(i, "name", "").casefold() == key.casefold()]
    if len(matches) == 1:
        return matches[0]
    from .errors import InvalidInput

    known = ", ".join(f"{i.id} ({getattr(i, 'name', '')})" for i in items) or "none yet"
    raise InvalidInput(f"{event.id} has no {what} '{key}'; {what}s: {known}")


def parse_split(value: str) -> dict[str, float]:
    split: dict[str, float] = {}
    for part in value.split(","):
        if not part.strip():
            continue
        key, sep, pct = part.partition("=")
        try:
            split[key.strip()] = float(pct.rstrip("% "))
        except ValueError:
            raise click.BadParameter(f"'{part}' is not PARTY=PERCENT, e.g. host=50,p1=50",
                                     param_hint="--split") from None
        if not sep or not key.strip():
            raise click.BadParameter(f"'{part}' is not PARTY=PERCENT", param_hint="--split")
    return split


def attach(cli: click.Group) -> None:
    from .cli import _report, emit_json, engine, event_argument, parse_date

    def change(ctx: click.Context, event: str, action: str, mutate: Any,
               details: dict[str, Any], message: str) -> None:
        outcome = engine(ctx).change(event, action, mutate, details)
        _report(ctx, outcome, f"{outcome.event.id}: {message}")

    # partner ------------------------------------------------------------------------------
    @cli.group()
    def partner() -> None:
        """Partner organisations and the co-organising agreement.

        \b
        Example:
            eventflow partner add pirkanmaa "Pirkanmaan ETNO" --type authority
            eventflow partner agree pirkanmaa cost_sharing "50/50 between the partners"
        """

    @partner.command("add")
    @event_argument
    @click.argument("name")
    @click.option("--type", "ptype", type=click.Choice(PARTNER_TYPES), required=True,
                  help="authority, ngo, community (religious or other) or employer.")
    @click.option("--role", default="co-organiser", show_default=True, help="Role in planning.")
    @click.option("--contact", default="", help="Contact person and e-mail.")
    @click.pass_context
    def partner_add(ctx: click.Context, event: str, name: str, ptype: str, role: str,
                    contact: str) -> None:
        """Add a partner organisation.

        \b
        Example:
            eventflow partner add pirkanmaa "Monikulttuurinen yhdistys ry" --type ngo
        """
        def mutate(ev: Event) -> dict[str, str]:
            pid = _next_id("p", [p.id for p in ev.partners])
            ev.partners.append(_model().Partner(id=pid, name=name, type=ptype,  # type: ignore[arg-type]
                                       role=role, contact=contact))
            return {"partner": pid}

        change(ctx, event, "partner.add", mutate, {"name": name, "type": ptype},
               f"partner {name} added")

    @partner.command("remove")
    @event_argument
    @click.argument("partner_id", metavar="PARTNER")
    @click.pass_context
    def partner_remove(ctx: click.Context, event: str, partner_id: str) -> None:
        """Remove a partner (by id or name).

        \b
        Example:
            eventflow partner remove pirkanmaa p2
        """
        def mutate(ev: Event) -> None:
            ev.partners.remove(_find(ev.partners, partner_id, "partner", ev))

        change(ctx, event, "partner.remove", mutate, {"partner": partner_id},
               f"partner {partner_id} removed")

    @partner.command("agree")
    @event_argument
    @click.argument("topic", type=click.Choice([*AGREEMENT_TOPICS, "controller_model"]))
    @click.argument("text")
    @click.pass_context
    def partner_agree(ctx: click.Context, event: str, topic: str, text: str) -> None:
        """Record what was agreed on one topic of the co-organising agreement.

        The six topics: date, venue, cost_sharing, programme, invitations_sender,
        registrations_receiver; and controller_model (joint, controller_processor, single).

        \b
        Example:
            eventflow partner agree pirkanmaa invitations_sender "Tampere sends, ETNO shares"
        """
        def mutate(ev: Event) -> None:
            setattr(ev.agreement, topic, text)

        change(ctx, event, "agree", mutate, {"topic": topic, "text": text}, f"agreed {topic}")

    @partner.command("list")
    @event_argument
    @click.option("--json", "as_json", is_flag=True, help="Print JSON.")
    @click.pass_context
    def partner_list(ctx: click.Context, event: str, as_json: bool) -> None:
        """List partners and the agreement.

        \b
        Example:
            eventflow partner list pirkanmaa --json
        """
        import msgspec

        ev = engine(ctx).load(event)
        data = {"id": ev.id, "host": msgspec.to_builtins(ev.host),
                "partners": msgspec.to_builtins(ev.partners),
                "agreement": msgspec.to_builtins(ev.agreement)}
        if as_json:
            emit_json(data)
            return
        from .cli import clean

        for p in ev.partners:
            click.echo(clean(f"{p.id:<4} {p.name} ({p.type}, {p.role}) {p.contact}"))
        for topic in [*AGREEMENT_TOPICS, "controller_model"]:
            click.echo(clean(f"  {topic:<24} {getattr(ev.agreement, topic) or '—'}"))

    # organiser ----------------------------------------------------------------------------
    @cli.group()
    def organiser() -> None:
        """People who organise, including people from the target group.

        \b
        Example:
            eventflow organiser add pirkanmaa "Amina Yusuf" --target-group ngo
        """

    @organiser.command("add")
    @event_argument
    @click.argument("name")
    @click.option("--organisation", default="", help="The person's organisation.")
    @click.option("--target-group", type=TARGET_GROUP_CHOICE, default=None,
                  help="The target group the person belongs to, if any.")
    @click.pass_context
    def organiser_add(ctx: click.Context, event: str, name: str, organisation: str,
                      target_group: str | None) -> None:
        """Add a member of the organising team.

        \b
        Example:
            eventflow organiser add pirkanmaa "Amina Yusuf" --organisation "Moniheli" \\
                --target-group ngo
        """
        def mutate(ev: Event) -> None:
            ev.organisers.append(_model().Organiser(name=name, organisation=organisation,
                                           target_group=target_group or ""))

        change(ctx, event, "organiser.add", mutate, {"name": name},
               f"organiser {name} added")

    # venue --------------------------------------------------------------------------------
    @cli.group()
    def venue() -> None:
        """The venue: name, address, capacity, accessibility.

        \b
        Example:
            eventflow venue set pirkanmaa --name "Tampere-talo" --capacity 120
        """

    @venue.command("set")
    @event_argument
    @click.option("--name", default=None, help="Venue name.")
    @click.option("--address", default=None, help="Street address.")
    @click.option("--capacity", type=click.IntRange(0), default=None, help="Seats.")
    @click.option("--contact", default=None, help="Venue contact person.")
    @click.option("--accessibility", default=None,
                  help="Comma-separated features: step_free, hearing_loop, accessible_toilet, "
                       "lift, quiet_room …")
    @click.pass_context
    def venue_set(ctx: click.Context, event: str, **fields: Any) -> None:
        """Set venue details (only the options given change).

        \b
        Example:
            eventflow venue set pirkanmaa --address "Yliopistonkatu 55, Tampere" \\
                --accessibility step_free,hearing_loop
        """
        given = {k: v for k, v in fields.items() if v is not None}
        if not given:
            raise click.UsageError("give at least one of --name, --address, --capacity, "
                                   "--contact, --accessibility")
        if "accessibility" in given:
            given["accessibility"] = [a.strip() for a in given["accessibility"].split(",")
                                      if a.strip()]

        def mutate(ev: Event) -> None:
            for key, value in given.items():
                setattr(ev.venue, key, value)

        change(ctx, event, "venue.set", mutate, {"fields": sorted(given)}, "venue updated")

    # cost ---------------------------------------------------------------------------------
    @cli.group()
    def cost() -> None:
        """Budget lines and how each is split between the partners.

        \b
        Example:
            eventflow cost add pirkanmaa --category venue --amount 800 --split host=50,p1=50
        """

    @cost.command("add")
    @event_argument
    @click.option("--category", type=click.Choice(COST_CATEGORIES), required=True,
                  help="venue, catering, speaker_fee, travel or other.")
    @click.option("--amount", type=click.FloatRange(0), required=True, help="Euros.")
    @click.option("--description", default="", help="What the line is for.")
    @click.option("--split", default="", help="Shares in percent: host=50,p1=50 (partner ids "
                                               "from `partner list`).")
    @click.pass_context
    def cost_add(ctx: click.Context, event: str, category: str, amount: float,
                 description: str, split: str) -> None:
        """Add a budget line.

        \b
        Example:
            eventflow cost add pirkanmaa --category catering --amount 600 --split host=100
        """
        shares = parse_split(split)

        def mutate(ev: Event) -> dict[str, str]:
            cid = _next_id("c", [c.id for c in ev.costs])
            ev.costs.append(_model().Cost(id=cid, category=category,  # type: ignore[arg-type]
                                 amount=amount, description=description, split=shares))
            return {"cost": cid}

        change(ctx, event, "cost.add", mutate, {"category": category, "amount": amount},
               f"{category} {amount:g} € added")

    @cost.command("split")
    @event_argument
    @click.argument("cost_id", metavar="COST")
    @click.argument("split")
    @click.pass_context
    def cost_split(ctx: click.Context, event: str, cost_id: str, split: str) -> None:
        """Set how one budget line is split.

        \b
        Example:
            eventflow cost split pirkanmaa c1 host=60,p1=40
        """
        shares = parse_split(split)

        def mutate(ev: Event) -> None:
            _find(ev.costs, cost_id, "budget line", ev).split = shares

        change(ctx, event, "cost.split", mutate, {"cost": cost_id, "split": shares},
               f"{cost_id} split {split}")

    @cost.command("remove")
    @event_argument
    @click.argument("cost_id", metavar="COST")
    @click.pass_context
    def cost_remove(ctx: click.Context, event: str, cost_id: str) -> None:
        """Remove a budget line.

        \b
        Example:
            eventflow cost remove pirkanmaa c3
        """
        def mutate(ev: Event) -> None:
            ev.costs.remove(_find(ev.costs, cost_id, "budget line", ev))

        change(ctx, event, "cost.remove", mutate, {"cost": cost_id}, f"{cost_id} removed")

    # speaker ------------------------------------------------------------------------------
    @cli.group()
    def speaker() -> None:
        """Speakers and their programme slots.

        \b
        Example:
            eventflow speaker add pirkanmaa "Dr. Laura Niemi" --slot expert_talk --ex-officio
        """

    @speaker.command("add")
    @event_argument
    @click.argument("name")
    @click.option("--slot", type=click.Choice(SLOT_KINDS), required=True,
                  help="expert_talk, region_talk, comment_talk, panel or showcase.")
    @click.option("--organisation", default="", help="Speaker's organisation.")
    @click.option("--title", default="", help="Title of the talk.")
    @click.option("--target-group", type=TARGET_GROUP_CHOICE, default=None,
                  help="Target group the speaker belongs to (comment talks).")
    @click.option("--ex-officio", is_flag=True, help="Speaks as part of their office: no fee.")
    @click.option("--confirmed", is_flag=True, help="The speaker has confirmed.")
    @click.option("--fee", type=click.FloatRange(0), default=0.0, help="Fee in euros.")
    @click.option("--start", default="", help="Start time in the programme, HH:MM.")
    @click.option("--minutes", type=click.IntRange(0, 600), default=0, help="Length of the slot.")
    @click.option("--dimension", "dimensions", type=DIMENSION_CHOICE, multiple=True,
                  help="A dimension the talk addresses (repeatable).")
    @click.pass_context
    def speaker_add(ctx: click.Context, event: str, name: str, slot: str, organisation: str,
                    title: str, target_group: str | None, ex_officio: bool, confirmed: bool,
                    fee: float, start: str, minutes: int, dimensions: tuple[str, ...]) -> None:
        """Add a speaker to the programme.

        \b
        Example:
            eventflow speaker add pirkanmaa "Amina Yusuf" --slot comment_talk \\
                --target-group ngo --start 10:30 --minutes 10
        """
        if start:
            import datetime as dt

            try:
                dt.datetime.strptime(start, "%H:%M")
            except ValueError:
                raise click.BadParameter(f"'{start}' is not HH:MM", param_hint="--start") from None

        def mutate(ev: Event) -> dict[str, str]:
            sid = _next_id("s", [s.id for s in ev.speakers])
            ev.speakers.append(_model().Speaker(
                id=sid, name=name, slot=slot, organisation=organisation,  # type: ignore[arg-type]
                title=title, target_group=target_group or "", ex_officio=ex_officio,
                confirmed=confirmed, fee=fee, start=start, minutes=minutes,
                dimensions=list(dimensions)))  # type: ignore[arg-type]
            return {"speaker": sid}

        change(ctx, event, "speaker.add", mutate, {"name": name, "slot": slot},
               f"speaker {name} added ({slot})")

    @speaker.command("confirm")
    @event_argument
    @click.argument("speaker_id", metavar="SPEAKER")
    @click.pass_context
    def speaker_confirm(ctx: click.Context, event: str, speaker_id: str) -> None:
        """Mark a speaker confirmed (by id or name).

        \b
        Example:
            eventflow speaker confirm pirkanmaa s1
        """
        def mutate(ev: Event) -> None:
            _find(ev.speakers, speaker_id, "speaker", ev).confirmed = True

        change(ctx, event, "speaker.confirm", mutate, {"speaker": speaker_id},
               f"{speaker_id} confirmed")

    @speaker.command("remove")
    @event_argument
    @click.argument("speaker_id", metavar="SPEAKER")
    @click.pass_context
    def speaker_remove(ctx: click.Context, event: str, speaker_id: str) -> None:
        """Remove a speaker.

        \b
        Example:
            eventflow speaker remove pirkanmaa s3
        """
        def mutate(ev: Event) -> None:
            ev.speakers.remove(_find(ev.speakers, speaker_id, "speaker", ev))

        change(ctx, event, "speaker.remove", mutate, {"speaker": speaker_id},
               f"{speaker_id} removed")

    # panel --------------------------------------------------------------------------------
    @cli.group()
    def panel() -> None:
        """The panel: panelists, questions tagged by dimension, when they were sent.

        \b
        Example:
            eventflow panel panelist pirkanmaa "Jari Virtanen" --role police
            eventflow panel question pirkanmaa "How safe do residents feel?" --dimension safety
            eventflow panel sent pirkanmaa
        """

    @panel.command("panelist")
    @event_argument
    @click.argument("name")
    @click.option("--role", required=True, help="e.g. municipal employee, councillor, police, "
                                                "media, entrepreneur, NGO worker, community.")
    @click.option("--organisation", default="", help="Panelist's organisation.")
    @click.pass_context
    def panel_panelist(ctx: click.Context, event: str, name: str, role: str,
                       organisation: str) -> None:
        """Add a panelist.

        \b
        Example:
            eventflow panel panelist pirkanmaa "Jari Virtanen" --role police
        """
        def mutate(ev: Event) -> None:
            ev.panel.panelists.append(_model().Panelist(name=name, role=role, organisation=organisation))

        change(ctx, event, "panel.panelist", mutate, {"name": name, "role": role},
               f"panelist {name} added")

    @panel.command("question")
    @event_argument
    @click.argument("text")
    @click.option("--dimension", "dimensions", type=DIMENSION_CHOICE, multiple=True,
                  help="Dimension the question addresses (repeatable).")
    @click.pass_context
    def panel_question(ctx: click.Context, event: str, text: str,
                       dimensions: tuple[str, ...]) -> None:
        """Add a panel question or theme.

        \b
        Example:
            eventflow panel question pirkanmaa "Where do groups meet?" --dimension interaction
        """
        def mutate(ev: Event) -> None:
            ev.panel.questions.append(_model().PanelQuestion(text=text,
                                                    dimensions=list(dimensions)))  # type: ignore

        change(ctx, event, "panel.question", mutate, {"dimensions": list(dimensions)},
               "question added")

    @panel.command("set")
    @event_argument
    @click.option("--format", "fmt", default=None, help="Format of the discussion.")
    @click.option("--moderator", default=None, help="Who moderates.")
    @click.pass_context
    def panel_set(ctx: click.Context, event: str, fmt: str | None,
                  moderator: str | None) -> None:
        """Set the panel's format and moderator.

        \b
        Example:
            eventflow panel set pirkanmaa --format "45 min panel" --moderator "Mari Lahti"
        """
        def mutate(ev: Event) -> None:
            if fmt is not None:
                ev.panel.format = fmt
            if moderator is not None:
                ev.panel.moderator = moderator

        change(ctx, event, "panel.set", mutate, {}, "panel updated")

    @panel.command("sent")
    @event_argument
    @click.option("--date", "date", callback=parse_date, default=None,
                  help="When the questions were sent (default: today).")
    @click.pass_context
    def panel_sent(ctx: click.Context, event: str, date: dt.date | None) -> None:
        """Record that the questions were sent to the panelists.

        \b
        Example:
            eventflow panel sent pirkanmaa --date 2027-02-20
        """
        from .cli import today

        day = date or today()

        def mutate(ev: Event) -> None:
            ev.panel.sent_at = day

        change(ctx, event, "panel.sent", mutate, {"date": day.isoformat()},
               f"panel questions sent {day}")

    # invitation ---------------------------------------------------------------------------
    @cli.group()
    def invitation() -> None:
        """The invitation: languages, the definition of good population relations, target
        groups, registration deadline, accessibility, recording notice.

        \b
        Example:
            eventflow invitation set pirkanmaa --default-definition --deadline 2027-03-12
        """

    @invitation.command("set")
    @event_argument
    @click.option("--languages", default=None, help="Invitation languages: fi,sv,en.")
    @click.option("--definition", "definitions", multiple=True,
                  help="LANG=TEXT: what good population relations means (repeatable).")
    @click.option("--default-definition", is_flag=True,
                  help="Use eventflow's reviewed default definition in each language.")
    @click.option("--target-groups", default=None,
                  help="Comma-separated: " + ", ".join(TARGET_GROUPS))
    @click.option("--deadline", callback=parse_date, default=None,
                  help="Registration deadline, YYYY-MM-DD.")
    @click.option("--accessibility-info", default=None, help="Accessibility text.")
    @click.option("--accessibility-contact", default=None,
                  help="Person to contact about accessibility.")
    @click.option("--recording-notice", default=None,
                  help="Where recording is announced: form,confirmation.")
    @click.option("--webinar", default=None, help="Link to the webinar on the topic.")
    @click.pass_context
    def invitation_set(ctx: click.Context, event: str, languages: str | None,
                       definitions: tuple[str, ...], default_definition: bool,
                       target_groups: str | None, deadline: dt.date | None,
                       accessibility_info: str | None, accessibility_contact: str | None,
                       recording_notice: str | None, webinar: str | None) -> None:
        """Set invitation details (only the options given change).

        \b
        Example:
            eventflow invitation set pirkanmaa --languages fi,sv --default-definition \\
                --target-groups authority_local_regional,regional_etno,ngo,religious
        """
        from .texts import DEFAULT_DEFINITION

        defs: dict[str, str] = {}
        for d in definitions:
            lang, sep, text = d.partition("=")
            if not sep or not text.strip():
                raise click.BadParameter(f"'{d}' is not LANG=TEXT", param_hint="--definition")
            defs[lang.strip()] = text.strip()
        groups = split_or_none(target_groups)
        if groups:
            bad = [g for g in groups if g not in TARGET_GROUPS]
            if bad:
                raise click.BadParameter(f"unknown target group(s) {', '.join(bad)}; use "
                                         + ", ".join(TARGET_GROUPS), param_hint="--target-groups")
        notice = split_or_none(recording_notice)
        if notice and set(notice) - {"form", "confirmation"}:
            raise click.BadParameter("use form and/or confirmation",
                                     param_hint="--recording-notice")

        def mutate(ev: Event) -> None:
            inv = ev.invitation
            if languages is not None:
                inv.languages = split_or_none(languages) or []
            if default_definition:
                for lang in inv.languages or ev.languages:
                    if lang in DEFAULT_DEFINITION:
                        inv.definition[lang] = DEFAULT_DEFINITION[lang]
            inv.definition.update(defs)
            if groups is not None:
                inv.target_groups = groups
            if deadline is not None:
                inv.registration_deadline = deadline
            if accessibility_info is not None:
                inv.accessibility_info = accessibility_info
            if accessibility_contact is not None:
                inv.accessibility_contact = accessibility_contact
            if notice is not None:
                inv.recording_notice = notice
            if webinar is not None:
                inv.webinar_url = webinar

        change(ctx, event, "invitation.set", mutate, {}, "invitation updated")

    @invitation.command("sent")
    @event_argument
    @click.option("--date", "date", callback=parse_date, default=None,
                  help="When the invitation went out (default: today).")
    @click.pass_context
    def invitation_sent(ctx: click.Context, event: str, date: dt.date | None) -> None:
        """Record that the invitation was sent.

        \b
        Example:
            eventflow invitation sent pirkanmaa --date 2027-01-28
        """
        from .cli import today

        day = date or today()

        def mutate(ev: Event) -> None:
            ev.invitation.sent_at = day

        change(ctx, event, "invitation.sent", mutate, {"date": day.isoformat()},
               f"invitation sent {day}")

    from .commands_remind import attach_invitation  # `invitation send` (mail, sent-log)

    attach_invitation(invitation)


def split_or_none(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [v.strip() for v in value.split(",") if v.strip()]

"""The built-in documents of the invitations and panel_questions stages: the invitation,
its distribution list and e-mail drafts, the panelists' briefs. Registered by
default_plugins/outputs.py."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from eventflow.i18n import _
from eventflow.texts import DEFAULT_DEFINITION

from .outputs_planning import make_ics, speaker_terms
from .outputs_shared import (
    Files,
    common,
    file_slug,
    format_date,
    inputs,
    label,
    md_files,
    one_line,
)
from .outputs_texts import (
    GREETING,
    GREETING_ANYONE,
    INVITATION_GAINS,
    WHY_GROUP,
)

if TYPE_CHECKING:
    from eventflow.outputs import OutputContext


# 5 invitations ------------------------------------------------------------------------------------
def _invitation_vars(ctx: OutputContext, lang: str) -> dict[str, Any]:
    from .outputs_view import WORDS  # lazy: 4 ms at registration, outputs_shared.py

    inv = ctx.event.invitation
    recorded = inv.definition.get(lang) if isinstance(inv.definition, dict) else None
    definition = recorded or DEFAULT_DEFINITION.get(lang, DEFAULT_DEFINITION["en"])
    url = str(getattr(inv, "registration_url", "") or "")
    email = str(getattr(inv, "registration_email", "") or "")
    privacy = str(getattr(inv, "privacy_url", "") or ctx.settings.get("privacy_notice_url") or "")
    words = WORDS[lang]
    return {**common(ctx, lang), "definition": definition, "gains": INVITATION_GAINS[lang],
            "registration_url": url, "registration_email": email,
            "registration_missing": "" if url or email else ctx.missing(
                lang, words["registration"], _(
                    "the registration link or address (eventflow invitation set {event} "
                    "--registration-url …)").format(event=ctx.event.id)),
            "deadline": format_date(inv.registration_deadline, lang) if inv.registration_deadline
            else ctx.missing(lang, words["deadline"], _(
                "the registration deadline (eventflow invitation set {event} --deadline "
                "…)").format(event=ctx.event.id)),
            "privacy_url": privacy or ctx.missing(lang, words["privacy"], _(
                "the privacy notice link (eventflow invitation set {event} --privacy-url "
                "…)").format(event=ctx.event.id)),
            "accessibility": ctx.text(inv.accessibility_info, lang,
                                      _("invitation accessibility_info"))}


@inputs("title", "date", "region", "municipality", "languages", "recording", "host",
        "agreement", "partners", "venue", "speakers", "programme", "invitation", "contact")
def invitation(ctx: OutputContext) -> Files:
    return [(f"invitation-{lang}.md",
             ctx.render_template("invitation.md", lang, **_invitation_vars(ctx, lang)))
            for lang in ctx.languages]


def distribution(ctx: OutputContext) -> list[dict[str, Any]]:
    """The invitation's target groups, each with the channels that reach it."""
    lists = ctx.settings.get("distribution_lists", {})
    groups = list(ctx.event.invitation.target_groups) or ["other"]
    rows = []
    for group in groups:
        partners = [p.name for p in ctx.event.partners]
        organisers = [o.name + (f" ({o.organisation})" if o.organisation else "")
                      for o in ctx.event.organisers if o.target_group == group]
        addresses = lists.get(group, []) if isinstance(lists, dict) else []
        rows.append({"group": group, "organisers": organisers, "partners": partners,
                     "addresses": [one_line(a) for a in addresses if isinstance(a, str)]})
    return rows


@inputs("title", "date", "region", "partners", "organisers", "invitation", "agreement")
def distribution_list(ctx: OutputContext) -> Files:
    return md_files(ctx, "distribution_list.md", "distribution-list", groups=distribution(ctx))


def sender(ctx: OutputContext) -> str:
    """The drafts' From: ``from`` of the outputs settings, else the event's contact person's
    e-mail under the letterhead's (or the organisation's) name; warns when there is none."""
    # lazy: email.utils costs 23 ms (-X importtime, best of 9, CPU time) after the engine and
    # its built-in plugins, which load this module to register it
    from email.utils import formataddr

    found = one_line(ctx.settings.get("from") or "")
    if found:
        return found
    letterhead = ctx.folder.get("letterhead") or {}
    person = getattr(ctx.event, "contact", None)
    email = getattr(person, "email", "")
    if email:
        name = letterhead.get("name") or ctx.folder.get("organisation") or \
            getattr(person, "name", "")
        return formataddr((one_line(name or ""), one_line(email)))
    ctx.warn(_("{event}: the e-mail drafts have no From: set from = \"Name <address>\" "
               "under [plugins.outputs] in eventflow.toml, or the event's contact person's "
               "e-mail").format(event=ctx.event.id))
    return ""


@inputs("title", "date", "region", "municipality", "languages", "recording", "host",
        "agreement", "partners", "organisers", "venue", "speakers", "programme", "invitation",
        "contact")
def invitation_drafts(ctx: OutputContext) -> Files:
    """One unsent e-mail draft per target group and language: a greeting and why this group
    is invited, then the invitation; plain text and HTML, with the .ics in that language."""
    # lazy: html costs 3 ms, eventflow.outputs 23 ms (-X importtime, best of 9, CPU time) when
    # this plugin registers (outputs_shared.py); a render loads them
    from html import escape

    from eventflow.outputs.formats import eml_draft
    from eventflow.outputs.markdown import fragment_html, to_html, to_text

    files: Files = []
    from_ = sender(ctx)
    for lang in ctx.languages:
        ics = make_ics(ctx, lang)
        body = ctx.render_template("invitation.md", lang, **_invitation_vars(ctx, lang))
        subject = one_line(ctx.render_template("invitation_subject.txt", lang,
                                               **common(ctx, lang)))
        # the draft's title line is the subject: the body starts after the invitation's
        # heading, under the greeting (parsed once per language, shared by the groups)
        rest = body.split("\n", 1)[1].lstrip("\n") if body.startswith("# ") else body
        rest_text, rest_html = to_text(rest), fragment_html(rest)
        for row in distribution(ctx):
            group = label("target_group", row["group"], lang)
            why = WHY_GROUP[lang].get(row["group"], WHY_GROUP[lang]["other"])
            greeting = GREETING_ANYONE[lang] if row["group"] == "other" \
                else GREETING[lang].format(group=group)
            text = f"{greeting}\n\n{why}\n\n{rest_text}"
            html = to_html("", subject, lang, body=f"<p>{escape(greeting)}</p>\n"
                           f"<p>{escape(why)}</p>\n{rest_html}")
            files.append((f"invitation-{file_slug(row['group'])}-{lang}.eml", eml_draft(
                sender=from_, subject=subject, date=ctx.today, text=text, html=html,
                bcc=row["addresses"],
                headers={"X-Eventflow-Target-Group": row["group"], "Content-Language": lang},
                attachments=[(f"{file_slug(ctx.event.id, 60)}-{lang}.ics", "text/calendar",
                              ics)])))
    return files


# 6 panel_questions --------------------------------------------------------------------------------
@inputs("title", "date", "region", "venue", "panel", "speakers", "programme", "host", "due",
        "contact")
def panel_briefs(ctx: OutputContext) -> Files:
    # lazy: outputs_view costs 4 ms at registration (outputs_shared.py)
    from .outputs_view import format_slot_time, panelist_role, role_text

    panel = ctx.event.panel
    if not panel.panelists:
        ctx.nothing(_("no panelists recorded yet (eventflow panel panelist {event} "
                      "NAME)").format(event=ctx.event.id))
    if not panel.questions:
        ctx.nothing(_("no panel questions recorded yet (eventflow panel question {event} "
                      "TEXT)").format(event=ctx.event.id))
    send_by = panel.sent_at or ctx.event.due.get("panel_questions_sent") \
        or ctx.event.date - dt.timedelta(weeks=2)
    slot = next((sp for sp in ctx.event.speakers if sp.slot == "panel"), None)
    files: Files = []
    for index, person in enumerate(panel.panelists, 1):
        others = [p for p in panel.panelists if p is not person]
        for lang in ctx.languages:
            text = ctx.render_template(
                "panel_brief.md", lang, **common(ctx, lang), panelist=person, others=others,
                panel=panel, send_by=send_by,
                role=role_text(ctx, person.role, lang, panelist_role(person.name)),
                other_roles=[role_text(ctx, p.role, lang, panelist_role(p.name))
                             for p in others],
                talk=format_slot_time(ctx, slot, lang) if slot else "",
                terms=speaker_terms(ctx, slot, lang))
            files.append((f"panel-brief-{index}-{file_slug(person.name)}-{lang}.md", text))
    return files

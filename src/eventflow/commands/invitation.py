"""`eventflow invitation …`: languages, the definition, target groups, how to register, the
privacy notice, accessibility and the recording notice."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from ..cli import SuggestingGroup, today
from ..i18n import _, language
from ..params import DATE
from ..present import local_moment
from ..vocab import TARGET_GROUPS
from ._common import (
    LINE,
    change,
    check_email,
    check_url,
    edit_record,
    lang_option,
    languages_option,
    split_or_none,
)

if TYPE_CHECKING:
    import datetime as dt

    from ..event import Event


@click.group(cls=SuggestingGroup)
def invitation() -> None:
    """The invitation: languages, the definition of good population relations, target
    groups, registration deadline, accessibility, recording notice.

    \b
    Example:
        eventflow invitation set pirkanmaa --default-definition --deadline 2027-03-12
    """


@invitation.command("set")
@click.argument("event", metavar="EVENT")
@click.option("--languages", default=None, help="Invitation languages: fi,sv,en.")
@click.option("--definition", "definitions", multiple=True,
              help="LANG=TEXT: what good population relations means (repeatable).")
@click.option("--default-definition", is_flag=True,
              help="Use eventflow's reviewed default definition in each language.")
@click.option("--target-groups", default=None,
              help="Comma-separated: " + ", ".join(TARGET_GROUPS))
@click.option("--deadline", type=DATE, default=None,
              help="Registration deadline: 2027-03-12 or 12.3.2027.")
@click.option("--registration-url", type=LINE, default=None,
              help="Link to the registration form (https://…).")
@click.option("--registration-email", type=LINE, default=None,
              help="E-mail address that takes registrations.")
@click.option("--privacy-url", type=LINE, default=None,
              help="Link to the privacy notice of the registrations (https://…).")
@click.option("--accessibility-info", default=None,
              help="Accessibility text, in the language of --lang.")
@click.option("--accessibility-contact", type=LINE, default=None,
              help="Person to contact about accessibility.")
@click.option("--recording-notice", default=None,
              help="Where recording is announced: form,confirmation.")
@click.option("--webinar", type=LINE, default=None, help="Link to the webinar on the topic.")
@lang_option
@click.pass_context
def invitation_set(ctx: click.Context, event: str, languages: str | None,
                   definitions: tuple[str, ...], default_definition: bool,
                   target_groups: str | None, deadline: dt.date | None,
                   registration_url: str | None, registration_email: str | None,
                   privacy_url: str | None, accessibility_info: str | None,
                   accessibility_contact: str | None, recording_notice: str | None,
                   webinar: str | None, lang: str | None) -> None:
    """Set or correct invitation details (only the options given change; "" clears one).

    \b
    Example:
        eventflow invitation set pirkanmaa --languages fi,sv --default-definition \\
            --target-groups authority_local_regional,regional_etno,ngo,religious \\
            --registration-url https://example.fi/ilmoittaudu \\
            --privacy-url https://example.fi/tietosuoja
        eventflow invitation set pirkanmaa --lang sv \\
            --accessibility-info "Lokalen är tillgänglig med rullstol."
    """
    from ..texts import DEFAULT_DEFINITION
    from ..vocab import LANGUAGES

    defs: dict[str, str] = {}
    for d in definitions:
        code, sep, text = d.partition("=")
        if not sep or not text.strip():
            raise click.BadParameter(_("'{value}' is not LANG=TEXT").format(
                value=d), param_hint="--definition")
        if code.strip() not in LANGUAGES:
            raise click.BadParameter(_("'{code}' is not a language; use {languages}").format(
                code=code.strip(), languages=", ".join(LANGUAGES)), param_hint="--definition")
        defs[code.strip()] = text.strip()
    langs = languages_option(languages)
    groups = split_or_none(target_groups)
    if groups:
        bad = [g for g in groups if g not in TARGET_GROUPS]
        if bad:
            raise click.BadParameter(_("unknown target group(s) {bad}; use {groups}").format(
                bad=", ".join(bad), groups=", ".join(TARGET_GROUPS)),
                param_hint="--target-groups")
    notice = split_or_none(recording_notice)
    if notice and set(notice) - {"form", "confirmation"}:
        raise click.BadParameter(_("use form and/or confirmation"),
                                 param_hint="--recording-notice")
    registration_url = check_url(registration_url, "--registration-url")
    privacy_url = check_url(privacy_url, "--privacy-url")
    webinar = check_url(webinar, "--webinar")
    registration_email = check_email(registration_email, "--registration-email")

    def define(ev: Event, inv: Any) -> None:  # after the languages are set
        if default_definition:
            for code in inv.languages or ev.languages:
                if code in DEFAULT_DEFINITION:
                    inv.definition[code] = DEFAULT_DEFINITION[code]
        inv.definition.update(defs)

    edit_record(ctx, event, "invitation.set", lambda ev: ev.invitation, {},
                "invitation updated", values={
                    "languages": langs, "target_groups": groups,
                    "registration_deadline": deadline, "registration_url": registration_url,
                    "registration_email": registration_email, "privacy_url": privacy_url,
                    "accessibility_contact": accessibility_contact,
                    "recording_notice": notice, "webinar_url": webinar},
                texts={"accessibility_info": accessibility_info}, lang=lang, then=define)


@invitation.command("sent")
@click.argument("event", metavar="EVENT")
@click.option("--date", "date", type=DATE, default=None,
              help="When the invitation went out (default: today).")
@click.pass_context
def invitation_sent(ctx: click.Context, event: str, date: dt.date | None) -> None:
    """Record that the invitation was sent.

    \b
    Example:
        eventflow invitation sent pirkanmaa --date 2027-01-28
    """

    day = date or today()

    def mutate(ev: Event) -> None:
        ev.invitation.sent_at = day

    change(ctx, event, "invitation.sent", mutate, {"date": day.isoformat()},
           _("invitation sent {date}").format(date=local_moment(day, language())))


def attach(cli: click.Group) -> None:
    """Add this module's commands to the CLI group ``cli`` (the CLI loads the module by name when
    one of its commands runs, ``cli.LAZY_COMMANDS``)."""
    if "send" not in invitation.commands:
        from ..commands_remind import attach_invitation  # `invitation send` (mail, sent-log)

        attach_invitation(invitation)
    cli.add_command(invitation)

"""Helpers shared by the data commands: the one place they check their input."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from ..cli import SuggestingGroup
from ..errors import InvalidInput
from ..i18n import N_, _
from ..suggest import did_you_mean
from ..vocab import LANGUAGES

if TYPE_CHECKING:
    from ..event import Event


class LineText(click.ParamType):
    """A one-line text (a name, title, role, organisation): a control character or a line
    break is refused with the option's name. (The event model refuses them too, for every
    other writer; this gives the command line the clearer message.)"""

    name = "text"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> str:
        """``value`` stripped; fails (click's usage error naming the option) when it holds a
        control character or line break."""
        from ..event import control_character

        text = str(value)
        bad = control_character(text)
        if bad:
            self.fail(_("holds a control character or line break ('{character}'); write it on "
                        "one line").format(character=bad), param, ctx)
        return text.strip()


class Minutes(click.IntRange):
    """A click parameter type for a length in minutes: a whole number from 0 to 24 hours."""

    def __init__(self) -> None:
        super().__init__(0, 24 * 60)


LINE = LineText()
LANG_CHOICE = click.Choice(LANGUAGES)


def check_hhmm(value: str | None, option: str = "--start") -> str | None:
    """``HH:MM`` (9:15 is read as 09:15), or a usage error naming the option."""
    if value is None or value == "":
        return value

    found = re.fullmatch(r"([01]?[0-9]|2[0-3])[:.]([0-5][0-9])", value.strip())
    if not found:
        raise click.BadParameter(_("'{value}' is not a time; write HH:MM, e.g. 09:15").format(
            value=value),
                                 param_hint=option)
    return f"{int(found.group(1)):02d}:{found.group(2)}"


def lang_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """The ``--lang`` option (the language of the texts a command records) added to the command
    ``func``."""
    return click.option("--lang", "lang", type=LANG_CHOICE, default=None,
                        help="Language of the texts given (default: the event's first "
                             "language).")(func)


def text_lang(ev: Event, lang: str | None) -> str:
    """The language a text given on the command line is in."""

    chosen = lang or (ev.languages[0] if ev.languages else "fi")
    if lang and lang not in ev.languages and lang not in ev.invitation.languages:
        held = list(ev.invitation.languages or ev.languages)
        raise InvalidInput(_("{event} is held in {languages}, not '{lang}'; give --lang one of "
                             "{languages}, or first add {lang} to the invitation's languages "
                             "(eventflow invitation set {event} --languages {all})").format(
                               event=ev.id, languages=", ".join(ev.languages), lang=lang,
                               all=",".join([*held, lang])))
    return chosen


def set_text(texts: dict[str, str], lang: str, value: str) -> None:
    """Set one language's text; an empty text removes that language's text."""
    if value.strip():
        texts[lang] = value.strip()  # type: ignore[index]
    else:
        texts.pop(lang, None)  # type: ignore[arg-type]


def next_id(prefix: str, taken: list[str]) -> str:
    """The first free id ``<prefix>1``, ``<prefix>2`` … not in ``taken`` (``p1`` for partners,
    ``s1`` for speakers)."""
    n = 1
    while f"{prefix}{n}" in taken:
        n += 1
    return f"{prefix}{n}"


def find(items: list[Any], key: str, what: str, event: Event, command: str = "") -> Any:
    """The record with id ``key``, else the one whose name is ``key`` (any case)."""

    for item in items:
        if getattr(item, "id", None) == key:
            return item
    matches = [i for i in items if str(getattr(i, "name", "")).casefold() == key.casefold()]
    if len(matches) == 1:
        return matches[0]
    known = ", ".join(
        f"{getattr(i, 'id', '?')} ({getattr(i, 'name', '') or getattr(i, 'kind', '')})"
        for i in items) or _("none yet")

    names = [str(getattr(i, "id", "")) for i in items] + [str(getattr(i, "name", "") or "")
                                                          for i in items]
    hint = did_you_mean(key, names) + ("; " + _("see `{command}`").format(command=command)
                                        if command else "")
    message = _(_NO_SUCH[what]) if what in _NO_SUCH else \
        _("{event} has no {what} '{key}'; known: {known}{hint}")
    raise InvalidInput(message.format(event=event.id, what=what, key=key, known=known,
                                      hint=hint))


_NO_SUCH = {
    "budget line": N_("{event} has no budget line '{key}'; budget lines: {known}{hint}"),
    "panelist": N_("{event} has no panelist '{key}'; panelists: {known}{hint}"),
    "partner": N_("{event} has no partner '{key}'; partners: {known}{hint}"),
    "programme item": N_("{event} has no programme item '{key}'; programme items: "
                         "{known}{hint}"),
    "speaker": N_("{event} has no speaker '{key}'; speakers: {known}{hint}"),
}


def parse_split(value: str) -> dict[str, float]:
    """A cost split ``host=50,p1=50`` as ``{"host": 50.0, "p1": 50.0}``; a part that is not
    PARTY=PERCENT is a usage error naming ``--split``."""
    split: dict[str, float] = {}
    for part in value.split(","):
        if not part.strip():
            continue
        key, sep, pct = part.partition("=")
        try:
            split[key.strip()] = float(pct.rstrip("% "))
        except ValueError:
            raise click.BadParameter(_("'{part}' is not PARTY=PERCENT, e.g. host=50,p1=50").format(
                part=part),
                                     param_hint="--split") from None
        if not sep or not key.strip():
            raise click.BadParameter(_("'{part}' is not PARTY=PERCENT").format(
                part=part), param_hint="--split")
    return split


def split_or_none(value: str | None) -> list[str] | None:
    """A comma-separated option value as a list of its non-empty parts, or None when the option
    was not given."""
    if value is None:
        return None
    return [v.strip() for v in value.split(",") if v.strip()]


def languages_option(value: str | None, option: str = "--languages") -> list[str] | None:
    """The languages a comma-separated option names (None when not given); an unknown language
    code is a usage error naming ``option``."""
    langs = split_or_none(value)
    if langs:
        bad = [lang for lang in langs if lang not in LANGUAGES]
        if bad:
            raise click.BadParameter(_("unknown language(s) {bad}; use {languages}").format(
                bad=", ".join(bad), languages=", ".join(LANGUAGES)), param_hint=option)
    return langs


def need_some(given: dict[str, Any], options: str) -> None:
    """Refuse (click's usage error) a command given none of its optional values (``given``:
    option → value); ``options`` names them for the message."""
    if not any(v is not None and v != () for v in given.values()):
        raise click.UsageError(_("give at least one of {options}").format(options=options))


def change(ctx: click.Context, event: str, action: str, mutate: Callable[[Event], Any],
           details: dict[str, Any], message: str) -> None:
    """Apply ``mutate`` as one revision through the engine and print ``message``; programme
    slots that ``mutate`` reports overlapping (``{"overlaps": [[a, b], …]}``) are warned of."""
    from ..cli import engine, report_outcome

    eng = engine(ctx)
    outcome = eng.change(event, action, mutate, details)
    for pair in outcome.details.get("overlaps", []):
        eng.warnings.append(_("{first} and {second} overlap in the programme").format(
            first=pair[0], second=pair[1]))
    report_outcome(ctx, outcome, f"{outcome.event.id}: {message}")


def edit_record(ctx: click.Context, event: str, action: str, finder: Callable[[Event], Any],
                details: dict[str, Any], message: str, *, values: dict[str, Any] | None = None,
                texts: dict[str, str | None] | None = None, lang: str | None = None,
                then: Callable[[Event, Any], Any] = lambda ev, record: None) -> None:
    """Correct one record of an event as one revision (:func:`change`): ``finder(ev)`` finds
    it (e.g. by id or name with :func:`find`), each of ``values`` given is set (``None``
    leaves the field as it is), each of ``texts`` given is set in the language of ``lang``
    (:func:`set_text`: "" removes that language's text), then ``then(ev, record)`` does the
    rest and returns what the change reports (its ``details``)."""
    def mutate(ev: Event) -> Any:
        record = finder(ev)
        for key, value in (values or {}).items():
            if value is not None:
                setattr(record, key, value)
        for key, text in (texts or {}).items():
            if text is not None:
                set_text(getattr(record, key), text_lang(ev, lang), text)
        return then(ev, record)

    change(ctx, event, action, mutate, details, message)


def remove_record(ctx: click.Context, event: str, action: str,
                  records: Callable[[Event], list[Any]], finder: Callable[[Event], Any],
                  details: dict[str, Any], message: str) -> None:
    """Remove the record ``finder(ev)`` finds from the list ``records(ev)``, as one revision."""
    change(ctx, event, action, lambda ev: records(ev).remove(finder(ev)), details, message)


class DefaultGroup(SuggestingGroup):
    """A group whose first word may be left out: ``panel panelist EVENT NAME`` means
    ``panel panelist add EVENT NAME`` (the older form keeps working)."""

    default_command = "add"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """``args`` with the default command (``add``) put first when the first word names no
        subcommand."""
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


def check_email(value: str | None, option: str) -> str | None:
    """An e-mail address (or "" to clear it), else a usage error naming the option."""
    if not value:
        return value

    text = value.strip()
    if not re.fullmatch(r"[^@\s<>\"',;()]+@[^@\s<>\"',;()]+\.[^@\s<>\"',;().]+", text):
        raise click.BadParameter(_("'{value}' is not an e-mail address, e.g. "
                                   "maija.maki@example.fi").format(value=value),
                                 param_hint=option)
    return text


def check_url(value: str | None, option: str) -> str | None:
    """An https:// or http:// link (or "" to clear it)."""
    if not value:
        return value
    from urllib.parse import urlsplit

    text = value.strip()
    parts = urlsplit(text)
    if parts.scheme not in ("https", "http") or not parts.netloc or " " in text:
        raise click.BadParameter(_("'{value}' is not a web link; write it in full, e.g. "
                                   "https://example.fi/ilmoittaudu").format(value=value),
                                 param_hint=option)
    return text


def contact_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--contact-name, --contact-email, --contact-phone."""
    func = click.option("--contact-phone", type=LINE, default=None,
                        help="Contact person's phone number.")(func)
    func = click.option("--contact-email", type=LINE, default=None,
                        help="Contact person's e-mail address.")(func)
    return click.option("--contact-name", type=LINE, default=None,
                        help="Contact person's name.")(func)


def apply_contact(person: Any, name: str | None, email: str | None,
                  phone: str | None) -> None:
    """Set the contact fields given ("" clears one)."""
    if name is not None:
        person.name = name
    if email is not None:
        person.email = check_email(email, "--contact-email") or ""
    if phone is not None:
        person.phone = phone

"""Who is who: the people behind the owner roles, their languages, and the mail settings.

Read from the planning folder's ``eventflow.toml``::

    [owners]
    organiser = "Leena Koski <leena.koski@example.fi>"
    venue_lead = ["Jussi Mäki <jussi.maki@example.fi>", "anna.berg@example.fi"]

    [people."anna.berg@example.fi"]
    language = "sv"

    [mail]
    from = "Tampereen kaupunki <eventflow@example.fi>"
    host = "smtp.example.fi"
    port = 587
    starttls = true
    username = "eventflow"

An event may name other people for a role in its own file (``[owners]`` in ``event.toml``,
a list of addresses per role); those replace the folder's people for that role and event.
The SMTP password comes from the environment variable ``EVENTFLOW_SMTP_PASSWORD`` only:
the planning folder is shared, so a password written there would be shared too.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .errors import FileFormatError, InvalidInput
from .folder import SETTINGS_FILE
from .i18n import _
from .names import EVENT_FILE, EVENTS_DIR
from .suggest import did_you_mean
from .vocab import LANGUAGES

if TYPE_CHECKING:
    from pathlib import Path

    from .event import Event
    from .remind import EventFacts
    from .store import Project

PASSWORD_ENV = "EVENTFLOW_SMTP_PASSWORD"
_MAIL_KEYS = {"from", "host", "port", "starttls", "username"}
_PERSON_KEYS = {"language", "name"}


@dataclass(frozen=True)
class Person:
    """One person who owns items: a display name, an address and the language they read."""

    name: str
    address: str
    language: str

    @property
    def mailbox(self) -> str:
        """``Name <address>``, quoted as an e-mail header needs it."""
        from email.headerregistry import Address  # lazy: the email package, 30-150 ms (-X
        # importtime, loaded machine); a reminder's rerun and `status` never write a header

        return str(Address(display_name=self.name, addr_spec=self.address))


@dataclass(frozen=True)
class MailSettings:
    sender: str = ""
    host: str = ""
    port: int = 25
    starttls: bool = False
    username: str = ""

    def password(self) -> str:
        return os.environ.get(PASSWORD_ENV, "")


@dataclass
class Directory:
    """The owner roles of a planning folder and the people who hold them."""

    path: Path
    language: str
    roles: dict[str, list[Person]] = field(default_factory=dict)
    languages: dict[str, str] = field(default_factory=dict)  # address -> language
    names: dict[str, str] = field(default_factory=dict)  # address -> display name
    mail: MailSettings = field(default_factory=MailSettings)
    plugins: list[str] = field(default_factory=list)  # [plugins] active, as written

    def person(self, name: str, address: str) -> Person:
        key = address.lower()
        return Person(name or self.names.get(key, ""), address,
                      self.languages.get(key, self.language))

    def owners(self, role: str, event: Event | EventFacts | None = None) -> list[Person]:
        """The people who hold ``role``: the event's own ``[owners]`` if it names the role,
        else the folder's. An empty list means nobody holds it. ``event`` is the event or
        what the status index keeps of it (its ``id`` and ``owners``)."""
        override = getattr(event, "owners", None) or {}
        if role in override:
            where = f"{role} of event {event.id}" if event is not None else role
            return [self.person(*parse_address(text, self.path_for(event), f"owners.{role}",
                                               where)) for text in override[role]]
        return list(self.roles.get(role, []))

    def path_for(self, event: Event | EventFacts | None) -> str:
        if event is None:
            return str(self.path)

        return str(self.path.parent / EVENTS_DIR / event.id / EVENT_FILE)


def find_person(directory: Directory, text: str, setting: str) -> Person:
    """The person ``text`` names: ``"Name <a@b.fi>"`` or ``"a@b.fi"``, or the display name
    or address of someone the folder's ``[owners]`` or ``[people]`` already lists (any case).
    Anything else is refused (:class:`InvalidInput`), naming what to give instead."""
    wanted = text.strip().casefold()
    known: dict[str, Person] = {}
    for people in directory.roles.values():
        for person in people:
            known.setdefault(person.address.lower(), person)
    for address, name in directory.names.items():
        known.setdefault(address, directory.person(name, address))
    for address, person in known.items():
        if wanted in (address, person.name.casefold()) and wanted:
            return person
    fix = _('give the person as "Name <name@example.fi>"')
    if "@" not in text:
        names = sorted({p.name for p in known.values() if p.name})
        listed = f" ({', '.join(names)})" if names else ""
        raise InvalidInput(_("'{text}' is not an e-mail address, and nobody of that name is "
                             "listed under [owners] or [people] of {file}{listed}{hint}; "
                             "{fix}").format(text=text, file=directory.path, listed=listed,
                                             hint=did_you_mean(text, names), fix=fix))
    try:
        return directory.person(*parse_address(text, directory.path, setting))
    except FileFormatError:
        raise InvalidInput(_("'{text}' is not a valid e-mail address; {fix}").format(
            text=text, fix=fix)) from None


def parse_address(text: Any, path: Path | str, setting: str,
                  what: str = "") -> tuple[str, str]:
    """``"Name <a@b.fi>"`` or ``"a@b.fi"`` → (name, address); a clear error otherwise."""
    # lazy: the email package, 30-150 ms (-X importtime, loaded machine), as in Person.mailbox
    from email.errors import HeaderParseError
    from email.headerregistry import Address
    from email.utils import getaddresses, parseaddr

    fix = (f'write one address per person, e.g. {setting.split(".")[-1]} = '
           '"Leena Koski <leena.koski@example.fi>"')
    if not isinstance(text, str) or not text.strip():
        raise FileFormatError(path, _("{what}: expected an e-mail address, got {text}").format(
                                        what=what or setting, text=f"{text!r}"), field=setting,
                                        fix=fix)
    name, address = parseaddr(text.strip())
    if len(getaddresses([text.strip()])) != 1:
        address = ""
    problem = ""
    if not address or "@" not in address:
        problem = _("is not an e-mail address")
    else:
        try:
            parsed = Address(addr_spec=address)
            if not parsed.username or "." not in parsed.domain:
                problem = _("has no user name or no domain with a dot")
        except (HeaderParseError, ValueError, IndexError) as exc:
            problem = _("is not a valid address ({error})").format(error=exc)
    if problem:
        raise FileFormatError(path, f"'{text}' {problem}", field=setting, fix=fix)
    return name, address


def _language(value: Any, path: Path | str, setting: str) -> str:
    if value not in LANGUAGES:
        raise FileFormatError(path, _("unknown language {value}").format(value=f"{value!r}"),
                              field=setting, fix=_("use one of {languages}").format(
                                      languages=', '.join(LANGUAGES)))
    return str(value)


def read_directory(project: Project) -> Directory:
    """Read and validate ``[owners]``, ``[people]`` and ``[mail]`` of ``eventflow.toml``."""
    return read_directory_at(project.root, project.settings.language)


def read_directory_at(root: Path, language: str) -> Directory:
    """:func:`read_directory` of the planning folder ``root`` whose language is ``language``
    (``[eventflow] language``), without the folder's :class:`~eventflow.store.Project`."""
    # lazy: the bounded TOML reader (tomli) costs 7 ms (-X importtime); only the CLI reads people
    from .store.tomlio import MAX_EVENT_BYTES, parse_bounded, read_capped

    path = root / SETTINGS_FILE
    data = parse_bounded(path, read_capped(path, MAX_EVENT_BYTES))
    directory = Directory(path, language)
    plugins = data.get("plugins", {})
    active = plugins.get("active", []) if isinstance(plugins, dict) else []
    directory.plugins = [str(p) for p in active] if isinstance(active, list) else []
    people = data.get("people", {})
    if not isinstance(people, dict):
        raise FileFormatError(path, _("must be a table of addresses"), field="people",
                              fix=_("write [people.\"leena.koski@example.fi\"] language = \"sv\""))
    for key, info in people.items():
        setting = f'people."{key}"'
        _name, address = parse_address(key, path, setting)
        if not isinstance(info, dict) or set(info) - _PERSON_KEYS:
            raise FileFormatError(path, _("expected a table with {keys}").format(
                                            keys=', '.join(sorted(_PERSON_KEYS))),
                                  field=setting, fix=f'write [{setting}] language = "sv"')
        if "language" in info:
            directory.languages[address.lower()] = _language(info["language"], path,
                                                             f"{setting}.language")
        if "name" in info:
            directory.names[address.lower()] = str(info["name"])
    owners = data.get("owners", {})
    if not isinstance(owners, dict):
        raise FileFormatError(path, _("must be a table of roles"), field="owners",
                              fix=_("write [owners] organiser = \"Name <name@example.fi>\""))
    for role, value in owners.items():
        setting = f"owners.{role}"
        values = value if isinstance(value, list) else [value]
        if not values or values == [""]:
            raise FileFormatError(path, _("role '{role}' names nobody").format(role=role),
                                  field=setting, fix=_("name at least one person, e.g. {role} = "
                                        "\"Leena Koski <leena.koski@example.fi>\", or "
                                        "remove the line").format(
                                          role=role))
        directory.roles[role] = [directory.person(*parse_address(v, path, setting))
                                 for v in values]
    directory.mail = _mail(data.get("mail", {}), path)
    return directory


def _mail(table: Any, path: Path) -> MailSettings:
    if not isinstance(table, dict):
        raise FileFormatError(path, _("must be a table"), field="mail",
                              fix=_("write [mail] from = \"...\", host = \"smtp.example.fi\""))
    if "password" in table:
        raise FileFormatError(path, _("a password must not be written in the shared planning "
                                      "folder"), field="mail.password",
                              fix=_("remove the line and set the environment variable "
                                    "{variable} where eventflow runs").format(
                                      variable=PASSWORD_ENV))
    unknown = set(table) - _MAIL_KEYS
    if unknown:
        raise FileFormatError(path, _("unknown setting(s) {unknown}").format(
                                        unknown=', '.join(sorted(unknown))),
                              field="mail", fix=_("use {keys}").format(
                                                    keys=', '.join(sorted(_MAIL_KEYS))))
    sender = table.get("from", "")
    if sender:
        parse_address(sender, path, "mail.from")
    host = table.get("host", "")
    if not isinstance(host, str):
        raise FileFormatError(path, _("must be a host name"), field="mail.host",
                              fix=_("write host = \"smtp.example.fi\""))
    port = table.get("port", 25)
    if not isinstance(port, int) or isinstance(port, bool) or not 0 < port < 65536:
        raise FileFormatError(path, _("{port} is not a port number").format(port=f"{port!r}"),
                              field="mail.port", fix=_("write port = 587 (or 25, 465)"))
    starttls = table.get("starttls", False)
    if not isinstance(starttls, bool):
        raise FileFormatError(path, _("must be true or false"), field="mail.starttls",
                              fix=_("write starttls = true"))
    username = table.get("username", "")
    if not isinstance(username, str):
        raise FileFormatError(path, _("must be a string"), field="mail.username",
                              fix=_("write username = \"eventflow\""))
    return MailSettings(str(sender), host, port, starttls, username)


__all__ = ["PASSWORD_ENV", "Directory", "MailSettings", "Person", "find_person",
           "parse_address", "read_directory", "read_directory_at"]

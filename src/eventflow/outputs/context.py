"""The context a render function receives."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NoReturn

from ..i18n import N_, _
from .labels import label
from .participants import ParticipantSummary
from .sandbox import TemplateRenderer

if TYPE_CHECKING:
    from ..event import Event
    from ..workflow import Workflow


@dataclass(frozen=True)
class OutputContext:
    """Everything an output's ``render(ctx)`` may use; the same for built-in and third-party
    outputs.

    * ``event`` — a copy of the event (changing it changes nothing on disk);
    * ``workflow`` — the event's workflow (stages, items, labels);
    * ``stage`` — the stage whose folder the files go to;
    * ``languages`` — the languages to render, e.g. ``("fi", "sv")``;
    * ``settings`` — a copy of this plugin's ``[plugins.<name>]`` table of ``eventflow.toml``;
    * ``today`` — the date the documents are made (``EVENTFLOW_TODAY`` in tests);
    * ``participants()`` — registration counts by target group (:class:`ParticipantSummary`),
      or ``None`` when no registrations are recorded; never names;
    * ``render_template(name, lang, **vars)`` — render ``<lang>/<name>`` in the sandbox, from
      the planning folder's ``templates/`` if it has one, else eventflow's own;
    * ``render_string(source, lang, **vars)`` — render a plugin's own template text in the
      sandbox (``html=True`` autoescapes);
    * ``label(kind, key, lang)`` — the glossary word for a vocabulary key;
    * ``folder`` — the planning folder's own settings the documents show: ``organisation``,
      ``language`` (the language plain free texts are recorded in) and ``letterhead``;
    * ``text(value, lang, field)`` — a free text in ``lang``: from a ``{fi=…, sv=…, en=…}``
      table, or a plain text recorded in the folder's language. Where ``lang`` has no text it
      warns (naming the field and the language) and returns a visible marker instead: a text
      recorded in one language never appears in another language's document;
    * ``missing(lang, what)`` — the visible marker for data not recorded yet, with a warning;
    * ``reschedules`` — how often the event was rescheduled (from its history; a calendar
      file's SEQUENCE);
    * ``warn(message)`` — a warning printed after the run (``eventflow outputs`` shows it);
    * ``nothing(reason)`` — end the output with nothing to write, saying why (not counted as
      written, not a failure).
    """

    event: Event
    workflow: Workflow
    stage: str
    languages: tuple[str, ...]
    settings: Mapping[str, Any]
    today: dt.date
    _renderer: TemplateRenderer = field(repr=False)
    _participants: Callable[[], ParticipantSummary | None] = field(repr=False)
    folder: Mapping[str, Any] = field(default_factory=dict)
    reschedules: int = 0
    warnings: list[str] = field(default_factory=list, repr=False)
    cache: dict[Any, Any] = field(default_factory=dict, repr=False)  # an output's own memo

    def participants(self) -> ParticipantSummary | None:
        """Registration counts by target group, or ``None`` when no registrations are
        recorded; never names (read once, on the first call)."""
        return self._participants()

    def render_template(self, name: str, lang: str, /, **variables: Any) -> str:
        """Render the template ``<lang>/<name>`` in the sandbox (the planning folder's
        ``templates/`` first, else eventflow's own) with ``event``, ``today`` and
        ``variables``; raises :class:`~eventflow.errors.InvalidInput` for a template that
        is missing or breaks the sandbox's limits."""
        return self._renderer.render(name, lang, {"event": self.event, "today": self.today,
                                                  **variables})

    def render_string(self, source: str, lang: str, /, html: bool = False,
                      **variables: Any) -> str:
        """Render a plugin's own template text ``source`` in the sandbox, as
        :meth:`render_template` does; ``html=True`` escapes the variables for HTML."""
        return self._renderer.render_string(source, lang, {"event": self.event,
                                                           "today": self.today, **variables},
                                            html=html)

    def label(self, kind: str, key: str, lang: str) -> str:
        """The glossary word in ``lang`` for the vocabulary key ``key`` of ``kind``
        (``label("dimension", "safety", "sv")``)."""
        return label(kind, key, lang)

    def warn(self, message: str) -> None:
        """Keep ``message`` to print after the run (once, however often it is given)."""
        if message not in self.warnings:
            self.warnings.append(message)

    def nothing(self, reason: str) -> NoReturn:
        """End the output with nothing to write, saying why: not counted as written, not a
        failure (raises :class:`NothingToWrite`)."""
        raise NothingToWrite(reason)

    @property
    def text_language(self) -> str:
        """The language a plain (one-language) free text of the event is taken to be in:
        the event's first language."""
        return self.event.languages[0] if self.event.languages else "fi"

    def text(self, value: Any, lang: str, field_name: str) -> str:
        """The free text ``value`` in ``lang`` (from a ``{fi=…, sv=…}`` table, or a plain
        text in :attr:`text_language`); where ``lang`` has none, a warning naming
        ``field_name`` and a visible marker instead of the text."""
        found = pick_text(value, lang, self.text_language)
        if found is None:
            self.warn(_(NO_TEXT_IN.get(lang, NO_TEXT_IN[""])).format(
                event=self.event.id, field=field_name, lang=lang,
                marker=MISSING_TEXT.get(lang, "[?]")))
            return MISSING_TEXT.get(lang, MISSING_TEXT["en"])
        return found

    def missing(self, lang: str, what: str, field_name: str = "") -> str:
        """The visible marker in ``lang`` for ``what`` not recorded yet; with ``field_name``,
        also a warning naming it."""
        if field_name:
            self.warn(_("{event}: {field} is not recorded; the documents show a marker where "
                        "it goes").format(event=self.event.id, field=field_name))
        return MISSING_DATA.get(lang, MISSING_DATA["en"]).format(what=what)


class NothingToWrite(Exception):
    """Raised by :meth:`OutputContext.nothing`: the output has nothing to write, and why."""


MISSING_TEXT = {"fi": "[KÄÄNNÖS PUUTTUU]", "sv": "[ÖVERSÄTTNING SAKNAS]",
                "en": "[TRANSLATION MISSING]"}
MISSING_DATA = {"fi": "[PUUTTUU: {what}]", "sv": "[SAKNAS: {what}]", "en": "[MISSING: {what}]"}
# the warning of a free text missing in one language: one message per language (a language's
# name is inflected differently in each sentence), translated where it is said
NO_TEXT_IN = {
    "fi": N_("{event}: {field} has no Finnish text; the {lang} documents show {marker} where "
             "it goes (record it with --lang {lang})"),
    "sv": N_("{event}: {field} has no Swedish text; the {lang} documents show {marker} where "
             "it goes (record it with --lang {lang})"),
    "en": N_("{event}: {field} has no English text; the {lang} documents show {marker} where "
             "it goes (record it with --lang {lang})"),
    "": N_("{event}: {field} has no text in {lang}; the {lang} documents show {marker} where "
           "it goes (record it with --lang {lang})"),
}


def pick_text(value: Any, lang: str, recorded_in: str) -> str | None:
    """The text of ``value`` in ``lang``: ``""`` when nothing is recorded in any language,
    ``None`` when something is recorded but not in ``lang``."""
    if value is None or value == "":
        return ""
    if isinstance(value, Mapping):
        texts = {str(k): str(v) for k, v in value.items() if v}
        if not texts:
            return ""
        return texts.get(lang)
    return str(value) if lang == recorded_in else None

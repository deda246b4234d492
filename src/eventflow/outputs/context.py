"""The context a render function receives."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Mapping

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
    * ``label(kind, key, lang)`` — the glossary word for a vocabulary key.
    """

    event: Event
    workflow: Workflow
    stage: str
    languages: tuple[str, ...]
    settings: Mapping[str, Any]
    today: dt.date
    _renderer: TemplateRenderer = field(repr=False)
    _participants: Callable[[], ParticipantSummary | None] = field(repr=False)

    def participants(self) -> ParticipantSummary | None:
        return self._participants()

    def render_template(self, name: str, lang: str, /, **variables: Any) -> str:
        return self._renderer.render(name, lang, {"event": self.event, "today": self.today,
                                                  **variables})

    def render_string(self, source: str, lang: str, /, html: bool = False,
                      **variables: Any) -> str:
        return self._renderer.render_string(source, lang, {"event": self.event,
                                                           "today": self.today, **variables},
                                            html=html)

    def label(self, kind: str, key: str, lang: str) -> str:
        return label(kind, key, lang)

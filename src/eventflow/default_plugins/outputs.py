"""The documents of the eight stages, as a built-in plugin (registered like any other).

Each output reads only the :class:`eventflow.outputs.OutputContext` it is given — a third-party
plugin can do everything done here. Text comes from the templates in ``eventflow/templates/
<lang>/`` (a planning folder overrides any of them in ``templates/<lang>/``); spreadsheets,
calendar files and e-mail drafts are built with ``csv``, ``icalendar`` and ``email``.

``render.inputs`` names the event fields each document reads, so that ``eventflow outputs
--stale`` flags a document only when data it shows has changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from eventflow import hookimpl

# the documents, by stage; the shared helpers stay importable from here
from .outputs_delivery import (
    feedback_survey,
    group_codes,
    impact_report,
    run_sheet,
    run_sheet_rows,
    sign_in_sheet,
)
from .outputs_invitations import (
    distribution,
    distribution_list,
    invitation,
    invitation_drafts,
    panel_briefs,
    sender,
)
from .outputs_planning import (
    agreement_memo,
    budget_split,
    calendar,
    make_ics,
    organizer,
    programme_doc,
    speaker_letters,
    venue_sheet,
)
from .outputs_shared import (
    AGREED_TOPICS,
    Files,
    agreed,
    budget,
    common,
    contact,
    file_slug,
    format_date,
    inputs,
    label,
    one_line,
    parties,
    write_csv,
)

if TYPE_CHECKING:
    from eventflow.outputs import OutputContext

__all__ = ["AGREED_TOPICS", "Files", "OUTPUTS", "agreed", "agreement_memo", "budget",
           "budget_split", "calendar", "common", "contact", "distribution",
           "distribution_list", "feedback_survey", "file_slug", "format_date",
           "group_codes", "impact_report", "inputs", "invitation", "invitation_drafts",
           "label", "make_ics", "one_line", "organizer", "panel_briefs", "parties",
           "programme_doc", "register_outputs", "run_sheet", "run_sheet_rows", "sender",
           "sign_in_sheet", "speaker_letters", "venue_sheet", "write_csv"]


OUTPUTS: tuple[tuple[str, str, Callable[[OutputContext], Files], str], ...] = (
    ("agreement_memo", "partner_agreed", agreement_memo,
     "Co-organising agreement memo: parties, the six agreed topics, controller model"),
    ("venue_sheet", "venue", venue_sheet, "Venue sheet: address, capacity, accessibility"),
    ("calendar", "venue", calendar,
     "The event's calendar file (.ics) with a reminder; SEQUENCE counts reschedules"),
    ("budget", "costs_split", budget_split, "Budget and cost split per partner (Markdown, CSV)"),
    ("programme", "speakers", programme_doc, "Programme with times, slots and speakers"),
    ("speaker_letters", "speakers", speaker_letters, "A confirmation letter per speaker"),
    ("invitation", "invitations", invitation, "The invitation in every event language"),
    ("distribution_list", "invitations", distribution_list, "Distribution list by target group"),
    ("invitation_drafts", "invitations", invitation_drafts,
     "Unsent e-mail drafts (.eml) per target group and language: plain text and HTML, "
     "with the calendar file"),
    ("panel_briefs", "panel_questions", panel_briefs, "A brief per panelist"),
    ("run_sheet", "delivery", run_sheet, "Run sheet with times and cues"),
    ("sign_in_sheet", "delivery", sign_in_sheet,
     "Attendance sign-in sheet (CSV, HTML) and the target-group codes it uses"),
    ("feedback_survey", "follow_up", feedback_survey, "Feedback survey"),
    ("impact_report", "follow_up", impact_report, "Impact report to the partners"),
)


@hookimpl
def register_outputs(register: Callable[..., None]) -> None:
    for output_id, stage, render, description in OUTPUTS:
        register(output_id, stage=stage, render=render, description=description)

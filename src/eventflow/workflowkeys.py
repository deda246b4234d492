"""The keys of a workflow file's tables, defined once: the loader (:mod:`eventflow.workflow`)
validates with them, the JSON Schema is generated from them (:mod:`eventflow.schemas`) and
docs/workflows.md lists them."""

from __future__ import annotations

import msgspec


class Key(msgspec.Struct, frozen=True):
    """One key of a workflow file's tables: the single definition the loader validates with,
    the JSON Schema is generated from (:mod:`eventflow.schemas`) and docs/workflows.md lists."""

    name: str
    type: str  # "name", "text", "label", "version", "offset", "boolean", "stage", "table",
    #            "items", "check"
    required: bool
    default: str  # as a planner would write it in the file, or "" when there is none
    doc: str


WORKFLOW_TABLE = (
    Key("id", "workflow_id", True, "", "Short name of the workflow, e.g. "
        "good-relations-training (letters, digits, - and _). "
        "Events refer to it; it is the key in `eventflow workflow list`."),
    Key("version", "version", True, "", "Version of this file, e.g. \"1.0.0\" or \"2.1\". "
        "Raise it whenever you change the file: events in flight keep the version they were "
        "created with until `eventflow migrate`."),
    Key("title", "label", True, "", "Name of the workflow in every language."),
    Key("description", "label", False, "", "A few sentences on what the workflow is for."),
)
STAGE_TABLE = (
    Key("id", "name", True, "", "Short snake_case name of the stage, unique in the workflow; "
        "`done` and `cancelled` are reserved."),
    Key("label", "label", True, "", "Name of the stage in every language."),
    Key("next", "stage", False, "the following stage", "The stage `advance` leads to: "
        "another stage's id or `done`. By default the stage written after this one (the last "
        "stage leads to `done`)."),
    Key("leave_from", "offset", False, "any time", "The first day, relative to the event "
        "day, on which the stage may be left, e.g. \"0d\" (not before the event day)."),
    Key("items", "items", True, "", "The checklist of the stage: one or more "
        "[[stages.items]] tables."),
)
ITEM_TABLE = (
    Key("id", "name", True, "", "Short snake_case name, unique in the whole workflow; "
        "`eventflow check EVENT ID` uses it."),
    Key("label", "label", True, "", "What to do, in every language."),
    Key("check", "check", False, "none (a person ticks the item)", "Name of a check that "
        "decides from the event's data whether the item is done (see the list of checks)."),
    Key("params", "table", False, "{}", "The check's parameters, e.g. { min = 1 }. Only with "
        "`check`."),
    Key("required", "boolean", False, "true", "true: the stage cannot be left until the item "
        "is done. false: advice, shown but never blocking."),
    Key("waivable", "boolean", False, "false", "true: a required item may be waived with "
        "`eventflow waive` and a note. Only for required items."),
    Key("owner", "text", True, "", "Who is responsible: a role such as organiser, partner, "
        "programme_lead, communications, venue_lead, data_protection or panel_moderator."),
    Key("due", "offset", True, "", "When the item is due, relative to the event day, e.g. "
        "\"-8w\" (eight weeks before) or \"+2d\" (two days after)."),
    Key("opens", "offset", False, "any time", "The first day, relative to the event day, on "
        "which the item may be ticked, e.g. \"0d\" or \"+1d\"."),
    Key("source", "text", False, "empty", "Where the requirement comes from: a rule id such as "
        "\"R1\" or a guide section such as \"guide:programme\"."),
)
FILE_TABLES = ("workflow", "stages")

WORKFLOW_KEYS = {k.name for k in WORKFLOW_TABLE}
STAGE_KEYS = {k.name for k in STAGE_TABLE}
ITEM_KEYS = {k.name for k in ITEM_TABLE}

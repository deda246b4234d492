"""JSON Schemas of eventflow's three files, for editors (Even Better TOML / taplo) and tools.

* the workflow file — generated from the key tables the loader validates with
  (:data:`eventflow.workflow.WORKFLOW_TABLE`, ``STAGE_TABLE``, ``ITEM_TABLE``) and, for a
  planning folder, from the checks its plugins register (names and parameters);
* the event file — ``msgspec.json.schema`` of :class:`eventflow.Event`, the struct every event
  file is decoded into; in a planning folder, each active plugin's ``[ext.<plugin>]`` table;
* ``eventflow.toml`` — generated from :class:`eventflow.store.Settings`' parameters.

The generic schemas (built-ins only) are shipped in the package
(``eventflow/schema_files/*.json``)
so that a ``#:schema`` line can point at them; ``eventflow schema workflow|event|settings``
prints the one of the planning folder it runs in. A test keeps the shipped files current.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from .event import Event
from .i18n import _
from .plugins import build_registry, get_plugin_manager
from .store import Settings
from .workflow import (
    ITEM_TABLE,
    LABEL_LANGUAGES,
    STAGE_TABLE,
    VERSION_PATTERN,
    WORKFLOW_TABLE,
)

if TYPE_CHECKING:
    from .plugins import CheckSpec
    from .workflow import Key

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
KINDS = ("workflow", "event", "settings")
SHIPPED = Path(__file__).parent / "schema_files"
# Offsets: a signed number of weeks, days or business days; zero needs no sign.
OFFSET_PATTERN = r"^([+-][0-9]{1,4}|0{1,4})(w|d|bd)$"
NAME_PATTERN = r"^[A-Za-z_][A-Za-z0-9_]*$"
WORKFLOW_ID_PATTERN = r"^[A-Za-z_][A-Za-z0-9_-]*$"

_PYTHON_TYPES = {int: "integer", float: "number", str: "string", bool: "boolean",
                 list: "array", dict: "object", tuple: "array"}


def _label(required: bool) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {lang: {"type": "string", "minLength": 1} for lang in LABEL_LANGUAGES},
        "additionalProperties": False,
    }
    if required:
        schema["required"] = list(LABEL_LANGUAGES)
    return schema


def _key_schema(key: Key, item_schema: dict[str, Any] | None = None,
                checks: Mapping[str, CheckSpec] | None = None) -> dict[str, Any]:
    kind = key.type
    if kind == "name":
        schema: dict[str, Any] = {"type": "string", "pattern": NAME_PATTERN}
    elif kind == "workflow_id":
        schema = {"type": "string", "pattern": WORKFLOW_ID_PATTERN}
    elif kind == "text" or kind == "stage":
        schema = {"type": "string"}
    elif kind == "label":
        schema = _label(key.required)
    elif kind == "version":
        schema = {"type": "string", "pattern": VERSION_PATTERN}
    elif kind == "offset":
        schema = {"type": "string", "pattern": OFFSET_PATTERN}
    elif kind == "boolean":
        schema = {"type": "boolean"}
    elif kind == "table":
        schema = {"type": "object"}
    elif kind == "items":
        schema = {"type": "array", "minItems": 1, "items": item_schema or {"type": "object"}}
    elif kind == "check":
        schema = {"type": "string"}
        if checks is not None:
            schema["enum"] = sorted(checks)
    else:  # a new kind in workflow.py must be given its schema here
        raise ValueError(f"no JSON Schema for key type '{kind}' ({key.name})")
    schema["description"] = key.doc + (f" Default: {key.default}." if key.default else "")
    if key.default in _DEFAULTS:
        schema["default"] = _DEFAULTS[key.default]
    return schema


_DEFAULTS: dict[str, Any] = {"true": True, "false": False, "{}": {}, "empty": ""}

# How docs/workflows.md names each type of key, for planners (a test holds the page to it).
TYPE_WORDS = {"name": "short name", "workflow_id": "short name", "text": "text",
              "label": "label", "version": "version", "offset": "offset",
              "boolean": "true / false", "stage": "stage id", "table": "table",
              "items": "list of items", "check": "check name"}


def _table(keys: Iterable[Key], **extra: Any) -> dict[str, Any]:
    keys = list(keys)
    return {
        "type": "object",
        "properties": {k.name: _key_schema(k, **extra) for k in keys},
        "required": [k.name for k in keys if k.required],
        "additionalProperties": False,
    }


def _param_schema(types: tuple[type, ...]) -> dict[str, Any]:
    names = sorted({_PYTHON_TYPES.get(t, "object") for t in types})
    return {"type": names[0] if len(names) == 1 else names}


def _params_by_check(checks: Mapping[str, CheckSpec]) -> list[dict[str, Any]]:
    rules = []
    for name, spec in sorted(checks.items()):
        params = {
            "type": "object",
            "properties": {p: _param_schema(t) for p, t in spec.params.items()},
            "required": sorted(p for p in spec.params if p not in spec.optional),
            "additionalProperties": False,
        }
        if spec.description:
            params["description"] = f"{name}: {spec.description}"
        rules.append({"if": {"properties": {"check": {"const": name}}, "required": ["check"]},
                      "then": {"properties": {"params": params}}})
    return rules


def workflow_schema(checks: Mapping[str, CheckSpec] | None = None) -> dict[str, Any]:
    """The JSON Schema of a workflow file; with ``checks``, each item's ``check`` must name one
    of them and its ``params`` must be the ones that check declares."""
    item = _table(ITEM_TABLE, checks=checks)
    if checks is not None:
        item["allOf"] = _params_by_check(checks)
    stage = _table(STAGE_TABLE, item_schema=item)
    head = _table(WORKFLOW_TABLE)
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": "https://eventflow.invalid/schemas/workflow.json",
        "title": "eventflow workflow",
        "description": "A workflow file of eventflow: stages, and the checklist items of each "
                       "stage (docs/workflows.md).",
        "type": "object",
        "properties": {
            "workflow": head,
            "stages": {"type": "array", "minItems": 1, "items": stage,
                       "description": "The stages, in order: one [[stages]] table each."},
        },
        "required": ["workflow", "stages"],
        "additionalProperties": False,
    }


def event_schema(plugins: Iterable[str] = ()) -> dict[str, Any]:
    """The JSON Schema of an event file (``events/<id>/event.toml``); each of ``plugins`` gets
    its ``[ext.<plugin>]`` table."""
    schema: dict[str, Any] = msgspec.json.schema(Event)
    schema = {"$schema": SCHEMA_DIALECT,
              "$id": "https://eventflow.invalid/schemas/event.json",
              "title": "eventflow event",
              "description": "An event file of eventflow (events/<id>/event.toml). eventflow "
                             "writes it; change it with eventflow's commands.", **schema}
    event = schema.get("$defs", {}).get("Event")
    names = list(plugins)
    if event is not None and names:
        ext = event["properties"]["ext"]
        ext["properties"] = {name: {"type": "object",
                                    "description": f"data of the plugin {name}"}
                             for name in names}
    return schema


# Where a field of Settings is written in eventflow.toml, when not in [eventflow] (store/settings.py
# reads it from there); a new field lands in [eventflow] unless it is named here.
SETTINGS_PLACES = {"letterhead": "letterhead"}
SETTINGS_TEXT = {
    "organisation": "The organisation that plans the events (the host of every event).",
    "organisation_type": "authority, ngo, community or employer.",
    "bilingual": "A bilingual (Finnish and Swedish) authority: it informs in both languages.",
    "language": "The language of labels in listings: fi, sv or en.",
    "working_days": "Due dates on a weekend, a Finnish public holiday, Christmas Eve or "
                    "Midsummer Eve move to the working day before; false keeps calendar days.",
    "letterhead": "The letterhead of the documents eventflow makes.",
}


def settings_schema(plugins: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The JSON Schema of ``eventflow.toml``, from the fields of
    :class:`eventflow.store.Settings`; ``plugins`` (name → description) become the known
    ``[plugins.<name>]`` tables and the names ``active`` suggests."""
    hints = {"str": "string", "bool": "boolean", "int": "integer", "float": "number"}
    tables: dict[str, dict[str, Any]] = {"eventflow": {}}
    for f in msgspec.structs.fields(Settings):
        if f.name in ("active_plugins", "plugin_settings"):
            continue
        kind = hints.get(getattr(f.type, "__name__", ""))
        entry: dict[str, Any] = {"type": kind} if kind else {"type": "object"}
        if f.name in SETTINGS_TEXT:
            entry["description"] = SETTINGS_TEXT[f.name]
        if kind and f.default is not msgspec.NODEFAULT and f.default is not None:
            entry["default"] = f.default
        place = SETTINGS_PLACES.get(f.name, "eventflow")
        if place == f.name:  # a table of its own, e.g. [letterhead]
            tables[place] = entry
        else:
            tables.setdefault(place, {})[f.name] = entry
    if "letterhead" in tables:  # eventflow.letterhead reads these keys
        tables["letterhead"] = {
            "type": "object", "additionalProperties": False,
            "description": "The organiser's letterhead on letters and documents.",
            "properties": {
                "name": {"type": "string", "pattern": "^[^\\x00-\\x1f\\x7f-\\x9f]*$"},
                "address": {"type": "string"},
                "logo": {"type": "string", "description": "a PNG, JPEG or SVG file, "
                         "relative to the planning folder"}}}
    active: dict[str, Any] = {"type": "array", "items": {"type": "string"},
                              "uniqueItems": True,
                              "description": "Plugins (entry-point names) this planning "
                                             "folder uses; `eventflow plugins enable NAME`."}
    known = dict(plugins or {})
    if known:
        active["items"] = {"type": "string", "examples": sorted(known)}
    properties: dict[str, Any] = {
        name: (table if "type" in table and not isinstance(table.get("type"), dict)
               and name == SETTINGS_PLACES.get(name) else
               {"type": "object", "properties": table})
        for name, table in tables.items()}
    properties["plugins"] = {
        "type": "object",
        "properties": {"active": active,
                       **{name: {"type": "object", "description": text}
                          for name, text in sorted(known.items())}},
        "additionalProperties": {"type": "object",
                                 "description": "settings of the plugin of this name"},
    }
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": "https://eventflow.invalid/schemas/settings.json",
        "title": "eventflow.toml",
        "description": "A planning folder's settings: the organisation and the plugins it "
                       "activates, with each plugin's settings.",
        "type": "object",
        "properties": properties,
    }


def schema_for(kind: str, engine: Any | None = None) -> dict[str, Any]:
    """The schema ``kind`` (workflow, event or settings); with ``engine``, the one of its
    planning folder (its plugins' checks, ``[ext.<plugin>]`` tables and settings tables)."""
    if kind not in KINDS:
        raise ValueError(_("no schema '{kind}'; choose one of {kinds}").format(
            kind=kind, kinds=", ".join(KINDS)))
    if engine is None:
        checks = build_registry(get_plugin_manager(active=())).checks
        active: list[str] = []
    else:
        checks = engine.registry.checks
        active = [name for name in engine.project.settings.active_plugins
                  if engine.pm.get_plugin(name) is not None]
    if kind == "workflow":
        return workflow_schema(checks)
    if kind == "event":
        return event_schema(active)
    return settings_schema({name: f"settings of the plugin {name}" for name in active})


def dumps(schema: Mapping[str, Any]) -> str:
    """``schema`` as the JSON text of a schema file (indented, keys in order, a final newline)."""
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def shipped_path(kind: str) -> Path:
    """The generic schema shipped in the package, for a ``#:schema`` line."""
    return SHIPPED / f"{kind}.json"


# the reference page (docs/workflows.md) shows these; tests/test_schemas.py holds it to them ------
_PARAM_WORDS = {int: "whole number", float: "number", str: "text", bool: "true / false",
                list: "list", dict: "table", tuple: "list"}


def markdown_table(keys: Iterable[Key]) -> str:
    """The table of a workflow file's table of keys, as docs/workflows.md shows it."""
    rows = ["| key | type | required | default | meaning |", "|---|---|---|---|---|"]
    for key in keys:
        default = key.default.replace("|", "\\|")
        rows.append(f"| `{key.name}` | {TYPE_WORDS[key.type]} | "
                    f"{'yes' if key.required else 'no'} | {default} | {key.doc} |")
    return "\n".join(rows)


def parameters_line(spec: CheckSpec) -> str:
    """``Parameters: ...`` of a check, as docs/workflows.md shows it."""
    if not spec.params:
        return "Parameters: none."
    parts = []
    for name, types in spec.params.items():
        words = " or ".join(_PARAM_WORDS.get(t, t.__name__) for t in types)
        optional = ", optional" if name in spec.optional else ""
        parts.append(f"`{name}` ({words}{optional})")
    return "Parameters: " + ", ".join(parts) + "."

"""The manifest of what was made from which inputs, and staleness: which outputs' inputs
changed since they were made."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..errors import EventflowError, FileFormatError
from ..i18n import _
from .limits import BOOKKEEPING, MANIFEST_FILE, OUTPUTS_DIR, PARTICIPANTS_INPUT
from .participants import ParticipantSummary, read_participants
from .sandbox import TemplateRenderer

if TYPE_CHECKING:
    from ..engine import Engine
    from ..event import Event
    from ..plugins import OutputSpec


def _digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def input_fields(spec: OutputSpec) -> list[str]:
    """The event fields an output reads: ``render.inputs`` if the plugin declared them, else
    every planning field (bookkeeping such as revision, stage and ticks excluded)."""
    # lazy: the event model costs 28 ms (-X importtime, best of 7) after eventflow.outputs,
    # which `eventflow feedback` (csv_cell) loads without it
    from ..event import Event

    declared = getattr(spec.render, "inputs", None)
    if declared:
        return sorted(set(declared))
    return [name for name in Event.__struct_fields__ if name not in BOOKKEEPING]


def input_hashes(event: Event, fields: Sequence[str],
                 participants: Callable[[], ParticipantSummary | None]) -> dict[str, str]:
    from ..event import to_data  # lazy: 28 ms, see input_fields

    data = to_data(event)
    hashes: dict[str, str] = {}
    for name in fields:
        if name == PARTICIPANTS_INPUT:
            try:
                summary = participants()
                hashes[name] = _digest(summary.to_json() if summary else None)
            except EventflowError as exc:
                hashes[name] = _digest(str(exc))
        else:
            hashes[name] = _digest(data.get(name))
    return hashes


def manifest_path(event_dir: Path) -> Path:
    return event_dir / OUTPUTS_DIR / MANIFEST_FILE


def read_manifest(event_dir: Path) -> dict[str, Any]:
    path = manifest_path(event_dir)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {"schema": 1, "outputs": {}}
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise FileFormatError(path, _("is not valid JSON ({problem})").format(problem=exc),
                              fix=_again(event_dir)) from None
    if not isinstance(data, dict) or not isinstance(data.get("outputs"), dict):
        raise FileFormatError(path, _("has no 'outputs' table"), fix=_again(event_dir))
    return data


def _again(event_dir: Path) -> str:
    return _("delete it and run `eventflow outputs {event}` again").format(event=event_dir.name)


def write_manifest(event_dir: Path, data: dict[str, Any]) -> None:
    from ..store import atomic_write  # lazy: the store costs 9 ms, see participants.py

    path = manifest_path(event_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    atomic_write(path, text.encode("utf-8"))


def plugin_versions(engine: Engine) -> dict[str, str]:
    versions: dict[str, str] = {}
    for plugin, dist in engine.pm.list_plugin_distinfo():
        name = engine.pm.get_name(plugin)
        if name:
            versions[name] = str(dist.version)
    # lazy: the plugins module costs 25 ms (-X importtime, best of 7) after eventflow.outputs
    from ..plugins import BUILTIN_PLUGINS

    for name in BUILTIN_PLUGINS:
        versions.setdefault(name, __version__)
    return versions


@dataclass
class StaleOutput:
    id: str
    stage: str
    plugin: str
    made_at: str
    reasons: list[str]

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "stage": self.stage, "plugin": self.plugin,
                "made_at": self.made_at, "reasons": self.reasons}


def stale_outputs(engine: Engine, name: str) -> tuple[list[StaleOutput], int]:
    """Outputs whose inputs changed since they were made, with the reasons; and how many
    recorded outputs are still current."""
    event = engine.load(name)
    event_dir = engine.project.event_dir(event.id)
    manifest = read_manifest(event_dir)["outputs"]
    versions = plugin_versions(engine)
    # lazy: the plugins module costs 25 ms (-X importtime, best of 7) after eventflow.outputs
    from ..plugins import template_dirs  # a plugin's own templates/ (docs/plugins.md)

    renderers: dict[str, TemplateRenderer] = {}
    cache: dict[str, Any] = {}

    def participants() -> ParticipantSummary | None:
        if "value" not in cache:
            cache["value"] = read_participants(event_dir)
        return cache["value"]  # type: ignore[no-any-return]

    stale: list[StaleOutput] = []
    fresh = 0
    for key, entry in sorted(manifest.items()):
        if not isinstance(entry, dict):
            continue
        reasons: list[str] = []
        output_id = str(entry.get("output", key))
        spec = engine.registry.outputs.get(output_id)
        if spec is None:
            reasons.append(_("no active plugin provides this output any more"))
        recorded = entry.get("inputs", {}) if isinstance(entry.get("inputs"), dict) else {}
        current = input_hashes(event, list(recorded), participants)
        changed = [f for f in recorded if current.get(f) != recorded[f]]
        if changed:
            reasons.append(_("changed since made: {fields}").format(fields=", ".join(changed)))
        if spec is not None:
            wanted = set(input_fields(spec)) - set(recorded)
            if wanted:
                reasons.append(_("the output now reads more data: {fields}").format(
                    fields=", ".join(sorted(wanted))))
        templates = entry.get("templates", {}) if isinstance(entry.get("templates"),
                                                             dict) else {}
        plugin = str(entry.get("plugin", ""))
        if plugin not in renderers:
            renderers[plugin] = TemplateRenderer(engine.project.root,
                                                 template_dirs(engine.pm, plugin))
        for template, digest in templates.items():
            try:
                now_digest = renderers[plugin].source_hash(template)
            except (EventflowError, ValueError):
                now_digest = "unreadable"
            if now_digest != digest:
                reasons.append(_("template {template} changed").format(template=template))
        version = versions.get(str(entry.get("plugin", "")))
        if version is not None and entry.get("version") and version != entry.get("version"):
            reasons.append(_("plugin version {old} → {new}").format(old=entry.get("version"),
                                                                     new=version))
        stage = str(entry.get("stage", ""))
        for file_name in entry.get("files", []):
            path = event_dir / OUTPUTS_DIR / stage / str(file_name)
            if not path.is_file():
                reasons.append(_("file {file} is missing").format(file=f"{stage}/{file_name}"))
        if reasons:
            stale.append(StaleOutput(output_id, stage, str(entry.get("plugin", "")),
                                     str(entry.get("made_at", "")), reasons))
        else:
            fresh += 1
    return stale, fresh

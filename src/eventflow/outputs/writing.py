"""One run of ``eventflow outputs``: render each output in isolation, validate its files,
write them atomically into the stage folder and record the manifest."""

from __future__ import annotations

import datetime as dt
import importlib
import json
import stat
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import EventflowError, InvalidInput
from ..i18n import _
from ..schedule import today as _today
from .context import NothingToWrite, OutputContext
from .limits import (
    MANIFEST_FILE,
    MAX_FILE_BYTES,
    MAX_FILES,
    MAX_OUTPUT_BYTES,
    OUTPUTS_DIR,
    TEMPLATE_LANGUAGES,
    OptionRefused,
    OutputError,
    RenderMemoryError,
    RenderTimeout,
    memory_limit,
    time_limit,
    timeout_seconds,
)
from .manifest import input_fields, input_hashes, plugin_versions, read_manifest, write_manifest
from .participants import ParticipantSummary, read_participants
from .sandbox import TemplateRenderer
from .text import one_line, safe_filename

if TYPE_CHECKING:
    from ..engine import Engine
    from ..event import Event
    from ..plugins import OutputSpec
    from ..workflow import Workflow


@dataclass
class OutputResult:
    """What happened to one output."""

    id: str
    stage: str
    plugin: str
    files: list[Path] = field(default_factory=list)
    error: str | None = None
    removed: list[Path] = field(default_factory=list)
    nothing: str | None = None  # why the output had nothing to write (not an error)

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def written(self) -> bool:
        return self.error is None and self.nothing is None

    def to_json(self, root: Path) -> dict[str, Any]:
        return {"id": self.id, "stage": self.stage, "plugin": self.plugin, "ok": self.ok,
                "written": self.written, "nothing": self.nothing,
                "files": [str(_rel(p, root)) for p in self.files], "error": self.error,
                "removed": [str(_rel(p, root)) for p in self.removed]}


@dataclass
class RenderReport:
    event_id: str
    stages: list[str]
    languages: list[str]
    results: list[OutputResult]
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.results)


def _rel(path: Path, root: Path) -> Path:
    try:
        return path.relative_to(root)
    except ValueError:
        return path


def outputs_for_stage(engine: Engine, stage: str) -> list[OutputSpec]:
    return [spec for spec in engine.registry.outputs.values()
            if spec.stage in (stage, "*")]


def default_stages(event: Event, workflow: Workflow, cancelled_at: str = "") -> list[str]:
    """The stages an event has reached: those before the stage its verdict judges it at and
    that one (every stage once it is done). A cancelled event's outputs are those of the stage
    it was cancelled at (``Event.cancelled_from``, or ``cancelled_at`` from its history for
    files written before events kept it)."""
    # lazy: the judge and the workflow model cost 25 ms (-X importtime, best of 7) after
    # eventflow.outputs, which `eventflow feedback` (csv_cell) loads without the engine
    from ..judge import stage_position
    from ..workflow import CANCELLED

    ids = workflow.stage_ids
    if event.stage == CANCELLED and not event.cancelled_from and cancelled_at in ids:
        stage = cancelled_at
    else:
        stage, _ = stage_position(workflow, event)
    if stage in ids:
        return ids[: ids.index(stage) + 1]
    return list(ids)


def choose_languages(event: Event, wanted: Sequence[str] | None) -> tuple[list[str], list[str]]:
    """The languages to render and the warnings about languages that have no templates."""
    warnings: list[str] = []
    if wanted:
        unknown = [lang for lang in wanted if lang not in TEMPLATE_LANGUAGES]
        if unknown:
            raise OptionRefused("--lang", _("no templates in {languages}; outputs exist in "
                                            "{known}").format(
                languages=", ".join(unknown), known=", ".join(TEMPLATE_LANGUAGES)))
        return list(dict.fromkeys(wanted)), warnings
    event_langs = list(dict.fromkeys([*event.languages, *event.invitation.languages]))
    langs = [lang for lang in event_langs if lang in TEMPLATE_LANGUAGES]
    missing = [lang for lang in event_langs if lang not in TEMPLATE_LANGUAGES]
    if missing:
        warnings.append(_("{event}: no templates in {languages}; translate the outputs made "
                          "in {made} by hand, or add templates under templates/<lang>/ in the "
                          "planning folder").format(event=event.id, languages=", ".join(missing),
                                                    made=", ".join(langs) or "fi"))
    return langs or ["fi"], warnings


def _validate_files(result: Any, spec: OutputSpec) -> list[tuple[str, bytes]]:
    def bad(message: str) -> OutputError:
        return OutputError(spec.plugin, spec.id, message)

    if not isinstance(result, (list, tuple)):
        raise bad(_("render returned {type}, not a list of (file name, content) "
                    "pairs").format(type=type(result).__name__))
    if len(result) > MAX_FILES:
        raise bad(_("render returned {n} files, over the {limit} allowed").format(
            n=len(result), limit=MAX_FILES))
    files: list[tuple[str, bytes]] = []
    seen: set[str] = set()
    total = 0
    for entry in result:
        if not isinstance(entry, (list, tuple)) or len(entry) != 2:
            raise bad(_("render returned {value}, not a (file name, content) pair").format(
                value=f"{entry!r:.60}"))
        name, content = entry
        try:
            safe_filename(name)
        except ValueError as exc:
            raise bad(_("unsafe file name: {problem}").format(problem=exc)) from None
        if name in seen or name == MANIFEST_FILE:
            raise bad(_("file name {name} is used twice").format(name=repr(name)))
        seen.add(name)
        if isinstance(content, str):
            content = content.encode("utf-8")
        if not isinstance(content, (bytes, bytearray)):
            raise bad(_("content of {name} is {type}, not str or bytes").format(
                name=repr(name), type=type(content).__name__))
        if len(content) > MAX_FILE_BYTES:
            raise bad(_("{name} is {size} bytes, over the {limit} allowed").format(
                name=repr(name), size=len(content), limit=MAX_FILE_BYTES))
        total += len(content)
        if total > MAX_OUTPUT_BYTES:
            raise bad(_("files total over the {limit} bytes allowed").format(
                limit=MAX_OUTPUT_BYTES))
        files.append((name, bytes(content)))
    return files


BUILTIN_PREFIX = "eventflow.default_plugins."


def _hashes_of(event: Event, fields: list[str], participants: Any,
               memo: dict[str, str]) -> dict[str, str]:
    """The input hashes of ``fields`` (manifest.input_hashes), each computed once a run."""
    missing = [f for f in fields if f not in memo]
    if missing:
        memo.update(input_hashes(event, missing, participants))
    return {f: memo[f] for f in fields}


def _same_content(path: Path, content: bytes) -> bool:
    """Whether ``path`` is a regular file holding ``content`` already: an unchanged document is
    not written again (its time stamp stays, synced folders see nothing to copy)."""
    try:
        info = path.lstat()
        if not stat.S_ISREG(info.st_mode) or info.st_size != len(content):
            return False
        return path.read_bytes() == content
    except OSError:
        return False


def _preload(spec: OutputSpec, ctx: OutputContext) -> None:
    """Import the modules an output declared in ``render.preload`` (a tuple of module names,
    or a function of the event returning one) before its time and memory limits start: a
    library's first import (matplotlib builds its font cache) is no part of the render."""
    wanted = getattr(spec.render, "preload", ())
    if callable(wanted):
        wanted = wanted(ctx.event)
    for module in wanted or ():
        try:
            importlib.import_module(module)
        except ImportError as exc:
            raise OutputError(spec.plugin, spec.id, _(
                "needs the Python module {module} ({problem}); install it (pip install "
                "{package})").format(module=module, problem=exc,
                                     package=module.split(".")[0])) from None


def _plugin_settings(settings: Any, plugin: str) -> dict[str, Any]:
    """``[plugins.<name>]`` of eventflow.toml; a built-in plugin's table may also be written
    with its short name (``[plugins.outputs]`` for eventflow.default_plugins.outputs)."""
    tables = settings.plugin_settings
    found = dict(tables.get(plugin, {}))
    if plugin.startswith(BUILTIN_PREFIX):
        found = {**tables.get(plugin.removeprefix(BUILTIN_PREFIX), {}), **found}
    return found


def _folder_settings(settings: Any) -> dict[str, Any]:
    """The planning folder's settings an output may show (a plain copy)."""
    letterhead = getattr(settings, "letterhead", None)
    if letterhead is not None and not isinstance(letterhead, dict):
        letterhead = {k: getattr(letterhead, k) for k in getattr(letterhead, "__slots__", ())
                      if not k.startswith("_")} or {"name": str(letterhead)}
    plain: dict[str, Any] = json.loads(json.dumps({
        "organisation": settings.organisation, "organisation_type": settings.organisation_type,
        "language": settings.language, "letterhead": letterhead or {},
    }, default=str))
    return plain


def _stage_folder(event_dir: Path, stage: str) -> Path:
    """``events/<id>/outputs/<stage>``, refusing a folder that leads elsewhere (a symlink
    committed to the shared folder, say)."""
    safe_filename(stage)
    base = event_dir / OUTPUTS_DIR
    folder = base / stage
    if base.is_symlink() or folder.is_symlink():
        raise InvalidInput(_("{folder} is a link; eventflow writes outputs only into real "
                             "folders under {event_folder}: remove the link and run "
                             "again").format(folder=folder, event_folder=event_dir))
    folder.mkdir(parents=True, exist_ok=True)
    if not folder.resolve().is_relative_to(event_dir.resolve()):
        raise InvalidInput(_("{folder} leads outside {event_folder}; remove the link and run "
                             "`eventflow outputs {event}` again").format(
            folder=folder, event_folder=event_dir, event=event_dir.name))
    return folder


def _chosen_stages(engine: Engine, event: Event, workflow: Workflow,
                   stages: Sequence[str] | None) -> list[str]:
    """The stages asked for (default: every stage the event has reached); raises
    :class:`InvalidInput` for a stage the workflow lacks."""
    if stages:
        chosen = list(stages)
    else:
        from ..workflow import CANCELLED  # lazy: see default_stages

        held = (engine.cancelled_at(event)
                if event.stage == CANCELLED and not event.cancelled_from else "")
        chosen = default_stages(event, workflow, held)
    unknown = [s for s in chosen if s not in workflow.stage_ids]
    if unknown:
        raise OptionRefused("--stage", _("no stage {stage} in workflow {workflow}; stages: "
                                         "{stages}").format(
            stage=", ".join(unknown), workflow=workflow.id, stages=", ".join(workflow.stage_ids)))
    return chosen


def _file_owners(previous: dict[str, Any], stage: str) -> dict[str, str]:
    """File name -> the output of ``stage`` that wrote it (from the manifest)."""
    owners: dict[str, str] = {}
    for key, entry in previous.items():
        if entry.get("stage") == stage:
            for file_name in entry.get("files", []):
                owners[file_name] = entry.get("output", key)
    return owners


def _render_one(spec: OutputSpec, ctx: OutputContext, limit: float, warnings: list[str],
                result: OutputResult) -> list[tuple[str, bytes]] | None:
    """Run one output's render in isolation (time and memory bounded); its files, or None
    with ``result.nothing`` or ``result.error`` said. The context's warnings join
    ``warnings``."""
    try:
        _preload(spec, ctx)
        try:
            with time_limit(limit), memory_limit():
                raw = spec.render(ctx)
        finally:
            warnings.extend(w for w in ctx.warnings if w not in warnings)
        files = _validate_files(raw, spec)
        if not files:
            raise NothingToWrite(_("it returned no files"))
    except NothingToWrite as exc:
        result.nothing = one_line(exc) or _("it returned no files")
        return None
    except RenderTimeout:
        result.error = str(OutputError(spec.plugin, spec.id, _(
            "took longer than {seconds} s; stopped").format(seconds=f"{limit:g}")))
        return None
    except OutputError as exc:
        result.error = str(exc)
        return None
    except RenderMemoryError as exc:
        result.error = str(OutputError(spec.plugin, spec.id, str(exc)))
        return None
    except Exception as exc:  # a plugin's bug must not stop the other outputs
        result.error = str(OutputError(spec.plugin, spec.id,
                                       f"{type(exc).__name__}: {one_line(exc)}"))
        return None
    return files


def _write_files(folder: Path, spec: OutputSpec, files: list[tuple[str, bytes]],
                 owners: dict[str, str], old_files: set[str], result: OutputResult) -> bool:
    """Write one output's files into its stage folder (a file whose content is unchanged is
    left alone) and remove the files it made last time and no longer makes; False, with
    ``result.error`` said, when another output owns a name or the folder cannot be written."""
    from ..store import atomic_write  # lazy: the store costs 9 ms, see participants.py

    clash = [f for f, _content in files if owners.get(f, spec.id) != spec.id]
    if clash:
        result.error = str(OutputError(spec.plugin, spec.id, _(
            "{file} is already written by output '{output}'; rename the file").format(
                file=clash[0], output=owners[clash[0]])))
        return False
    for file_name, _content in files:
        owners[file_name] = spec.id
    try:
        for file_name, content in files:
            target = folder / file_name
            if not _same_content(target, content):
                atomic_write(target, content)
            result.files.append(target)
    except EventflowError as exc:  # e.g. the disk is full: report it, go on
        written = ", ".join(p.name for p in result.files) or _("no file")
        result.error = str(OutputError(spec.plugin, spec.id, _(
            "{problem} ({files} written; run `eventflow outputs {event}` again once the "
            "folder can be written)").format(problem=one_line(exc), files=written,
                                             event=folder.parent.parent.name)))
        return False
    for gone in sorted(old_files - {f for f, _content in files}):
        try:
            safe_filename(gone)
        except ValueError:
            continue
        path = folder / gone
        if path.is_file() and not path.is_symlink():
            path.unlink()
            result.removed.append(path)
    return True


def _record(event_dir: Path, entries: dict[str, dict[str, Any]]) -> None:
    """Add the outputs just made to the event's manifest (under the event's lock)."""
    from ..store import LOCK_FILE, file_lock  # lazy: 9 ms, see participants.py

    with file_lock(event_dir / LOCK_FILE):
        manifest = read_manifest(event_dir)
        manifest["schema"] = 1
        manifest["outputs"].update(entries)
        write_manifest(event_dir, manifest)


def render_outputs(engine: Engine, name: str, *, stages: Sequence[str] | None = None,
                   languages: Sequence[str] | None = None, today: dt.date | None = None,
                   timeout: float | None = None) -> RenderReport:
    """Render the outputs of ``stages`` (default: every stage the event has reached).

    Each output renders in isolation (see the module docstring); the manifest records the
    outputs that succeeded. Raises :class:`InvalidInput` for an unknown stage or language.
    """
    from ..store import now  # lazy: 9 ms, see participants.py

    event = engine.load(name)
    workflow = engine.workflow_for(event)
    chosen = _chosen_stages(engine, event, workflow, stages)
    langs, warnings = choose_languages(event, languages)
    day = today or _today()
    limit = timeout_seconds() if timeout is None else timeout
    project = engine.project
    event_dir = project.event_dir(event.id)
    registry = engine.registry
    versions = plugin_versions(engine)
    summary_cache: dict[str, Any] = {}
    hashes: dict[str, str] = {}  # input field -> hash: the event is the same for every output
    folder_settings = _folder_settings(project.settings)
    # lazy: the plugins module costs 25 ms (-X importtime, best of 7) after eventflow.outputs
    from ..plugins import template_dirs  # a plugin's own templates/ (docs/plugins.md)

    shared: dict[str, TemplateRenderer] = {}  # per plugin: compiled once per run

    def templates_of(plugin: str) -> TemplateRenderer:
        if plugin not in shared:
            shared[plugin] = TemplateRenderer(project.root, template_dirs(engine.pm, plugin))
        return shared[plugin]

    reschedules = sum(1 for entry in project.history(event.id)
                      if entry.get("action") == "reschedule" and entry.get("applied") is not False)

    def participants() -> ParticipantSummary | None:
        if "value" not in summary_cache:
            summary_cache["value"] = read_participants(event_dir)
        return summary_cache["value"]  # type: ignore[no-any-return]

    previous = read_manifest(event_dir)["outputs"]
    results: list[OutputResult] = []
    entries: dict[str, dict[str, Any]] = {}
    for stage in chosen:
        folder = _stage_folder(event_dir, stage)
        owners = _file_owners(previous, stage)
        for spec in outputs_for_stage(engine, stage):
            result = OutputResult(spec.id, stage, spec.plugin)
            results.append(result)
            renderer = templates_of(spec.plugin).for_output()
            plugin_settings = _plugin_settings(project.settings, spec.plugin)
            ctx = OutputContext(event=event.copy(), workflow=workflow, stage=stage,
                                languages=tuple(langs),
                                settings=json.loads(json.dumps(plugin_settings, default=str)),
                                today=day, _renderer=renderer, _participants=participants,
                                folder=folder_settings, reschedules=reschedules)
            started = time.monotonic()
            files = _render_one(spec, ctx, limit, warnings, result)
            key = f"{stage}/{spec.id}"
            if files is None or not _write_files(
                    folder, spec, files, owners, set(previous.get(key, {}).get("files", [])),
                    result):
                continue
            fields = input_fields(spec)
            entries[key] = {
                "output": spec.id, "stage": stage, "plugin": spec.plugin,
                "version": versions.get(spec.plugin, ""), "files": [f for f, _content in files],
                "languages": langs, "made_at": now().isoformat(), "revision": event.revision,
                "seconds": round(time.monotonic() - started, 3),
                "inputs": _hashes_of(event, fields, participants, hashes),
                "templates": dict(sorted(renderer.used.items())),
            }
    if entries:
        _record(event_dir, entries)
    if not any(outputs_for_stage(engine, s) for s in chosen):
        warnings.append(_("no active plugin provides outputs for {stages}").format(
            stages=", ".join(chosen)))
    warnings.extend(str(e) for e in registry.errors if e.hook == "register_outputs")
    return RenderReport(event.id, chosen, langs, results, warnings)

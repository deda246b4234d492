"""Rendering the documents of each stage: the sandbox, safe writing, the manifest and staleness.

``eventflow outputs EVENT`` calls :func:`render_outputs`. Every output registered through the
``register_outputs`` hook (built-in or third-party) is rendered in isolation: it receives an
:class:`OutputContext`, returns ``[(file_name, content), ...]``, and runs under a time limit.
An output that raises, returns something unusable, names a file unsafely or runs too long is
reported (naming its plugin and output id) and nothing of it is written; the other outputs still
render. Files go only into ``events/<id>/outputs/<stage>/``, each written atomically.

Templates render in a Jinja2 sandbox (``ImmutableSandboxedEnvironment``): templates may come from
other organisations, so attribute access to internals is refused, ``range`` and string
repetition are bounded, output size is capped, and ``.html`` templates are autoescaped. A
planning folder overrides any packaged template with ``<planning>/templates/<lang>/<name>``.

``events/<id>/outputs/manifest.json`` records, per output: the plugin and its version, the files
written, when, and a hash of each input it was made from (the event fields it reads, the
participant aggregates, the templates). :func:`stale_outputs` compares those with today's.

The package's modules, one job each: ``limits`` (sizes, time limit, errors), ``labels`` and
``formatting`` (words, dates, money per language), ``text`` (control characters, file names),
``formats`` (CSV, e-mail, calendar), ``sandbox`` (the Jinja2 sandbox and template lookup),
``participants`` (registration counts), ``context`` (what a render function receives),
``manifest`` (inputs, manifest, staleness) and ``writing`` (one run of ``eventflow outputs``).
Every public name is importable from ``eventflow.outputs``.
"""

from __future__ import annotations

from .context import MISSING_DATA, MISSING_TEXT, NothingToWrite, OutputContext, pick_text
from .formats import write_csv
from .formatting import (
    format_date,
    format_money,
    format_number,
    format_percent,
    format_time,
    format_time_range,
    when,
)
from .labels import LABELS, label
from .limits import (
    DEFAULT_TIMEOUT,
    MANIFEST_FILE,
    MAX_FILE_BYTES,
    MAX_FILES,
    MAX_MEMORY,
    MAX_NAME,
    MAX_OUTPUT_BYTES,
    MAX_REPEAT,
    MAX_TEMPLATE_BYTES,
    MAX_TEMPLATE_CHARS,
    OUTPUTS_DIR,
    PACKAGE_TEMPLATES,
    PARTICIPANTS_FILE,
    TEMPLATE_LANGUAGES,
    OptionRefused,
    OutputError,
    RenderMemoryError,
    RenderTimeout,
    memory_limit,
    time_limit,
    timeout_seconds,
)
from .manifest import (
    StaleOutput,
    input_fields,
    input_hashes,
    manifest_path,
    plugin_versions,
    read_manifest,
    stale_outputs,
    write_manifest,
)
from .participants import ParticipantSummary, read_participants
from .sandbox import TemplateRenderer
from .text import csv_cell, file_slug, one_line, safe_filename, strip_controls
from .writing import (
    OutputResult,
    RenderReport,
    choose_languages,
    default_stages,
    outputs_for_stage,
    render_outputs,
)

__all__ = [
    "DEFAULT_TIMEOUT", "LABELS", "MANIFEST_FILE", "MAX_FILES", "MAX_FILE_BYTES", "MAX_MEMORY",
    "MAX_NAME", "MAX_OUTPUT_BYTES", "MAX_REPEAT", "MAX_TEMPLATE_BYTES", "MAX_TEMPLATE_CHARS",
    "MISSING_DATA", "MISSING_TEXT", "NothingToWrite", "OUTPUTS_DIR", "OptionRefused",
    "OutputContext", "OutputError", "OutputResult", "PACKAGE_TEMPLATES", "PARTICIPANTS_FILE",
    "ParticipantSummary",
    "RenderMemoryError", "RenderReport", "RenderTimeout", "StaleOutput", "TEMPLATE_LANGUAGES",
    "TemplateRenderer", "choose_languages", "csv_cell", "default_stages", "file_slug",
    "format_date", "format_money", "format_number", "format_percent", "format_time",
    "format_time_range", "input_fields", "input_hashes", "label", "manifest_path", "memory_limit",
    "one_line", "outputs_for_stage", "pick_text", "plugin_versions", "read_manifest",
    "read_participants", "render_outputs", "safe_filename", "stale_outputs", "strip_controls",
    "time_limit", "timeout_seconds", "when", "write_csv", "write_manifest",
]

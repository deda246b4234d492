"""Domain errors. Each message says what went wrong, where, and what to do next."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .i18n import _

if TYPE_CHECKING:
    import os
    from pathlib import Path


class EventflowError(Exception):
    """Base class of every error eventflow raises on purpose (exit code 1 in the CLI)."""


class PlanningFolderNotFound(EventflowError):
    """No planning folder (a folder holding ``eventflow.toml``) where eventflow looked."""


class FileFormatError(EventflowError):
    """A file does not parse or does not have the expected shape."""

    def __init__(self, path: str | os.PathLike[str], message: str, *, line: int | None = None,
                 field: str | None = None, fix: str | None = None) -> None:
        # lazy: pathlib costs 7 ms (-X importtime, after eventflow.cli), and `eventflow --help`
        # imports this module without it
        from pathlib import Path

        self.path = Path(path)
        self.line = line
        self.field = field
        self.fix = fix
        where = str(path)
        if line is not None:
            where += _(", line {line}").format(line=line)
        if field:
            where += _(", field '{field}'").format(field=field)
        text = f"{where}: {message}"
        if fix:
            text += "\n  " + _("fix: {fix}").format(fix=fix)
        super().__init__(text)


class WorkflowError(EventflowError):
    """A workflow file fails validation; carries every problem found, not only the first."""

    def __init__(self, path: Path | str, problems: list[str]) -> None:
        from pathlib import Path  # lazy: pathlib costs 7 ms (see FileFormatError)

        self.path = Path(path)
        self.problems = problems

        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(_("{path}: {count} problem(s) in the workflow:").format(
            path=path, count=len(problems)) + f"\n{lines}")


class EventNotFound(EventflowError):
    """No event of that id (or id prefix) in the planning folder, or its file is missing."""


class AmbiguousEvent(EventflowError):
    """An id prefix that matches several events."""


class StaleWrite(EventflowError):
    """Another writer saved the event after this copy was read."""


class LockTimeout(EventflowError):
    """Another eventflow command held an event's lock without progress for too long."""


class TransitionBlocked(EventflowError):
    """Raised to refuse a stage transition. Plugins raise it from ``before_transition``."""

    def __init__(self, reason: str, blockers: list[Any] | None = None) -> None:
        self.reason = reason
        self.blockers = blockers or []
        super().__init__(reason)


class InvalidInput(EventflowError):
    """A value given on the command line or through the API is not acceptable.

    The message speaks of the library, never of an interface's options. ``retry_with`` names
    the argument of the library call that would have the request accepted (``"force"`` for
    ``participants.purge(…, force=True)``, ``"take"`` for the value given to
    ``conflicts.resolve``, ``"region"`` for ``Engine.create``'s), or the call that must come
    first (``"reopen"``: :meth:`eventflow.engine.Engine.reopen`), so that an interface can say
    it in its own terms: the CLI adds "use --force …" (cli_terms.py). ``event`` is the id of
    the event the refusal is about, when there is one.
    """

    def __init__(self, message: str = "", *, retry_with: str | None = None,
                 event: str = "") -> None:
        self.retry_with = retry_with
        self.event = event
        super().__init__(message)


class Advice(str):
    """A warning of the library that names what would settle it, for an interface to add in
    its own terms: a text like any warning (in the interface language), with ``retry_with``
    (as :class:`InvalidInput` has it: ``"migrate"`` for
    :func:`eventflow.engine_workflows.migrate`) and the id of its ``event``.

    Made by the library where it warns (``Advice(text, "migrate", event.id)``); read by the CLI
    and the front door (cli_terms.py), which add their command line, and by the library to
    find its own warning again (``migrate`` drops the one it settles). Stored or sent as JSON,
    it is its text.
    """

    retry_with: str
    event: str

    def __new__(cls, text: str, retry_with: str, event: str = "") -> Advice:
        """The warning ``text``, settled by ``retry_with`` (for ``event``)."""
        advice = super().__new__(cls, text)
        advice.retry_with = retry_with
        advice.event = event
        return advice

    def __reduce__(self) -> tuple[Any, ...]:
        # pickled whole (a worker of index/refresh.py sends its warnings to the parent)
        return (type(self), (str(self), self.retry_with, self.event))


def kept_warning(warning: str) -> str | list[str]:
    """A warning as the caches keep it (JSON, index/): its text, or an :class:`Advice` as
    ``[text, retry_with, event]`` (so that what prints it from there adds its command line)."""
    if isinstance(warning, Advice):
        return [str(warning), warning.retry_with, warning.event]
    return str(warning)


def warning_kept(kept: object) -> str:
    """The warning a cache keeps as ``kept`` (:func:`kept_warning`) again; ``ValueError`` for
    anything else (the cache is then not used)."""
    if isinstance(kept, str):
        return kept
    if isinstance(kept, list) and len(kept) == 3 and all(isinstance(k, str) for k in kept):
        return Advice(*kept)
    raise ValueError(f"not a kept warning: {kept!r}")


class PluginError(EventflowError):
    """A plugin raised, returned something unusable, or registered a duplicate."""

    def __init__(self, plugin: str, hook: str, message: str) -> None:
        self.plugin = plugin
        self.hook = hook
        super().__init__(_("plugin '{plugin}' ({hook}): {message}").format(
            plugin=plugin, hook=hook, message=message))

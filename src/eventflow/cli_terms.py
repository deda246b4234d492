"""What the command line adds to the library's words.

A refusal or a warning of the library never names a command-line option
(tests/test_library_errors.py): it says what it needs, as ``retry_with`` (an argument of the
call, or the call that must come first; :class:`eventflow.errors.InvalidInput`,
:class:`eventflow.errors.Advice`). The CLI (cli.py, for every command) and the front door
(quick_change.py, which prints what the CLI prints) add here the command line that gives it.
What one command says of its own options (``reschedule``'s ``--force --reason``, ``purge``'s
``--force``, ``resolve``'s ``--take``) it says itself. Plain ``i18n``: the front door loads
this module without click.
"""

from __future__ import annotations

from .i18n import _


def how_in_cli(retry_with: str | None, event: str = "") -> str | None:
    """The command line that gives what the library names as ``retry_with`` (for the event
    ``event``, ``EVENT`` when none is known), in the interface language; ``None`` for a need
    the CLI has no words for here."""
    event = event or "EVENT"
    if retry_with == "reopen":
        return _("`eventflow reopen {event} STAGE --reason ...` reopens a stage").format(
            event=event)
    if retry_with == "region":
        return _("give the region with --region")
    if retry_with == "remote":
        return _("choose the remote with `eventflow sync --remote NAME`")
    if retry_with == "git":
        return _("`eventflow init --git` makes one")
    if retry_with == "migrate":
        return _("`eventflow migrate {event} --dry-run` shows what would change").format(
            event=event)
    if retry_with == "resolve":
        return _("`eventflow conflicts {event}` lists them, `eventflow resolve {event} FIELD "
                 "--take ours|theirs|VALUE` settles each").format(event=event)
    return None


def in_cli_terms(message: object) -> str:
    """The text of a refusal or warning (an exception or a string) as the CLI says it: the
    library's words, then ``; `` and the command line that gives what it needs (its
    ``retry_with`` and ``event`` attributes, when it has them; :func:`how_in_cli`)."""
    how = how_in_cli(getattr(message, "retry_with", None), getattr(message, "event", ""))
    return str(message) if how is None else f"{message}; {how}"

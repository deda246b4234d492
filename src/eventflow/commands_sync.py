"""Commands for sharing the planning folder through git: sync, conflicts, resolve, merge-file."""

from __future__ import annotations

from typing import Any

import click

from .cli import (
    TranslatedCommand,
    clean,
    emit_json,
    engine,
    flush_warnings,
    json_option,
    report_outcome,
)
from .errors import InvalidInput
from .i18n import N_, _, language
from .mergeconflicts import ConflictWarning


@click.command(cls=TranslatedCommand)
@click.option("--remote", default=None, help="The git remote to share with (default: the "
              "branch's upstream, else origin).")
@click.option("--message", "-m", default="", help="The commit message's first line "
              "(default: what changed, per event).")
@json_option
@click.pass_context
def sync(ctx: click.Context, remote: str | None, message: str, as_json: bool) -> None:
    """Commit the planning folder, merge what the others pushed, push; say what arrived.

    Event files are merged as data by eventflow's merge driver (registered in this clone
    first if it is missing); values both sides changed are kept as conflicts that
    `eventflow conflicts` lists. A folder outside git, no remote, a rejected push or a
    repository in the middle of a merge or rebase leave the work tree as it was.

    \b
    Example:
        eventflow sync
        eventflow sync --remote origin --json
    """
    from .conflicts import regressions
    from .gitsync import sync as run_sync

    eng = engine(ctx)
    report = run_sync(eng.project, remote, message)
    arrived = [a["event"] for a in report.arrived if a["change"] != "removed"]
    broken = regressions(eng, arrived) if report.merged else []
    eng.warnings[:] = [w for w in eng.warnings if not isinstance(w, ConflictWarning)]
    flush_warnings(eng)
    if as_json:
        emit_json({**report.to_json(), "regressions": broken})
        return
    for line in report.setup:
        click.echo(clean(line))
    if report.committed:
        click.echo(clean(_("committed {commit}: {message}").format(commit=report.committed,
                                                                 message=report.message)))
    else:
        click.echo(_("nothing to commit"))
    if not report.merged:
        click.echo(_("nothing new from {remote}/{branch}").format(remote=report.remote,
                                                                  branch=report.branch))
    for a in report.arrived:
        click.echo(clean(_arrival(a)))
    for c in report.conflicts:
        click.secho(clean(_("conflict {event} {path}: kept {ours}, other {theirs}").format(
            event=c["event"], path=c["path"], ours=_value(c, "ours"),
            theirs=_value(c, "theirs"))), fg="yellow")
    if report.conflicts:
        click.echo(_("settle each with `eventflow resolve EVENT FIELD --take "
                     "ours|theirs|VALUE`"))
    for r in broken:
        fix = " (" + _("fix: {fix}").format(fix=r["fix"]) + ")" if r["fix"] else ""
        click.secho(clean(_("regression {event} {item} of stage {stage}: {reason}").format(
            event=r["event"], item=r["item"], stage=r["stage"], reason=r["reason"]) + fix),
            fg="red")
    click.echo((_("pushed to {remote}/{branch}") if report.pushed else
                _("{remote}/{branch} already has everything")).format(
                    remote=report.remote, branch=report.branch))


@click.command(cls=TranslatedCommand)
@click.argument("event", required=False, metavar="[EVENT]")
@json_option
@click.pass_context
def conflicts(ctx: click.Context, event: str | None, as_json: bool) -> None:
    """List values two copies changed differently, recorded by a merge, until resolved.

    \b
    Example:
        eventflow conflicts
        eventflow conflicts pirkanmaa --json
    """
    from .conflicts import listing

    eng = engine(ctx)
    rows = listing(eng, event)
    eng.warnings[:] = [w for w in eng.warnings if not isinstance(w, ConflictWarning)]
    flush_warnings(eng)
    if as_json:
        emit_json({"conflicts": rows})
        return
    if not rows:
        click.echo(_("no conflicts"))
        return
    for c in rows:
        click.echo(clean(f"{c['event']}  {c['path']}"))
        click.echo(clean("    " + _("ours:   {value}").format(value=_value(c, "ours"))))
        click.echo(clean("    " + _("theirs: {value}").format(value=_value(c, "theirs"))))
        click.echo(clean("    " + _("before: {value}").format(
            value=_value(c, "base", who=False))))
    click.echo(_("settle each with `eventflow resolve EVENT FIELD --take ours|theirs|VALUE` "
                 "(the event keeps ours until then)"))


@click.command(cls=TranslatedCommand)
@click.argument("event", metavar="EVENT")
@click.argument("field", metavar="FIELD")
@click.option("--take", required=True, metavar="ours|theirs|VALUE",
              help="Keep our value, take theirs, or set VALUE (TOML: 120, true, "
                   "2027-03-18, or text).")
@json_option
@click.pass_context
def resolve(ctx: click.Context, event: str, field: str, take: str, as_json: bool) -> None:
    """Settle one conflict a merge recorded; the choice is kept in the history.

    \b
    Example:
        eventflow resolve pirkanmaa venue.capacity --take theirs
        eventflow resolve pirkanmaa venue.capacity --take 100
    """
    from .conflicts import resolve as settle

    eng = engine(ctx)
    try:
        outcome = settle(eng, event, field, take)
    except InvalidInput as exc:
        if exc.retry_with != "take":
            raise
        raise InvalidInput(_("{refusal} with --take").format(refusal=exc)) from None
    eng.warnings[:] = [w for w in eng.warnings if not isinstance(w, ConflictWarning)]
    left = len(outcome.event.conflicts)
    d = outcome.details
    shown = _value({"v": d["value"]}, "v", who=False)
    report_outcome(ctx, outcome, _("{event}: {path} = {value} ({take}); {n} conflict(s) "
                                   "left").format(event=outcome.event.id, path=d["path"],
                                                  value=shown, take=d["take"], n=left),
                   as_json)


@click.command("merge-file", cls=TranslatedCommand)
@click.argument("base", type=click.Path(dir_okay=False))
@click.argument("ours", type=click.Path(dir_okay=False))
@click.argument("theirs", type=click.Path(dir_okay=False))
@click.argument("path", required=False, default="")
def merge_file(base: str, ours: str, theirs: str, path: str) -> None:
    """Merge three versions of an event file as data (git's merge driver).

    Git runs it with `%O %A %B %P`; the result replaces OURS. Exit 0 when merged
    (conflicting values are recorded in the file), 1 when a version cannot be read.
    `eventflow init --git` registers a faster direct call of the same merge.

    \b
    Example:
        eventflow merge-file base.toml ours.toml theirs.toml events/x/event.toml
    """
    from .merge import main

    code = main([base, ours, theirs] + ([path] if path else []))
    if code:
        raise SystemExit(code)


def attach(cli: click.Group) -> None:
    cli.add_command(sync)
    cli.add_command(conflicts)
    cli.add_command(resolve)
    cli.add_command(merge_file)


def _value(row: dict[str, Any], side: str, who: bool = True) -> str:
    from .merge import describe

    text = describe(row.get(side))
    if who and row.get(f"{side}_by"):
        text += " (" + _("by {who}").format(who=row[f"{side}_by"])
        text += f", {_when(row[f'{side}_at'])})" if row.get(f"{side}_at") else ")"
    return text


def _when(at: object) -> str:
    """When one side changed a value, as the interface language writes a day and a time."""
    from .present import local_moment

    return local_moment(str(at), language())


def _arrival(a: dict[str, Any]) -> str:
    if a["change"] == "removed":
        return _("arrived: {event} removed").format(event=a["event"])
    if a["change"] == "new":
        return _("arrived: new event {event} \"{title}\" (stage {stage})").format(
            event=a["event"], title=a["title"], stage=a["stage"])
    bits = []
    if a.get("stage_from"):
        bits.append(_("stage {old} → {new}").format(old=a["stage_from"], new=a["stage"]))
    words = {"ticked": N_("ticked {items}"), "waived": N_("waived {items}"),
             "unticked": N_("unticked {items}")}
    for key in ("ticked", "waived", "unticked"):
        if a.get(key):
            bits.append(_(words[key]).format(items=", ".join(a[key])))
    return _("arrived: {event}: {changes}").format(
        event=a["event"], changes="; ".join(bits) or _("data changed"))

"""`eventflow workflow ...`: list, show, lint and draw workflows."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from .cli import (
    SuggestingGroup,
    TranslatedCommand,
    clean,
    emit_json,
    engine,
    flush_warnings,
    json_option,
)
from .errors import PlanningFolderNotFound
from .i18n import _

if TYPE_CHECKING:
    from pathlib import Path


@click.group(cls=SuggestingGroup)
def workflow() -> None:
    """Workflows: list, show, lint and draw them.

    \b
    Example:
        eventflow workflow list
        eventflow workflow lint workflows/good-relations-training.toml
    """


@workflow.command("list")
@json_option
@click.pass_context
def list_(ctx: click.Context, as_json: bool) -> None:
    """List the workflows available in this planning folder.

    \b
    Example:
        eventflow workflow list --json
    """
    eng = engine(ctx)
    rows = []
    for wf_id, path in sorted(eng.workflow_files.items()):
        wf = eng.workflow(wf_id)
        rows.append({"id": wf.id, "version": wf.version, "title": wf.title.get(eng.lang, ""),
                     "stages": len(wf.stages), "items": len(wf.items()), "path": str(path),
                     "hash": wf.hash})
    flush_warnings(eng)
    if as_json:
        emit_json({"workflows": rows})
        return
    for r in rows:
        counts = _("{stages} stages, {items} items").format(stages=r["stages"],
                                                            items=r["items"])
        click.echo(clean(f"{r['id']:<28} {r['version']:<8} {counts}  {r['title']}"))


@workflow.command()
@click.argument("workflow_id")
@json_option
@click.pass_context
def show(ctx: click.Context, workflow_id: str, as_json: bool) -> None:
    """Show a workflow's stages and items.

    \b
    Example:
        eventflow workflow show good-relations-training
    """
    eng = engine(ctx)
    wf = eng.workflow(workflow_id)
    lang = eng.lang
    if as_json:
        emit_json({"id": wf.id, "version": wf.version, "hash": wf.hash,
                   "stages": [{"id": s.id, "label": s.label, "next": s.next,
                               "leave_from": None if s.leave_from is None
                               else str(s.leave_from),
                               "items": [{"id": i.id, "label": i.label, "check": i.check,
                                          "params": i.params, "required": i.required,
                                          "waivable": i.waivable, "owner": i.owner,
                                          "due": str(i.due), "source": i.source,
                                          "opens": None if i.opens is None
                                          else str(i.opens)}
                                         for i in s.items]} for s in wf.stages]})
        return
    click.echo(clean(f"{wf.id} {wf.version} — {wf.title.get(lang, '')}"))
    for s in wf.stages:
        click.echo(clean(f"{s.id} → {s.next}: {s.text(lang)}"))
        for i in s.items:
            kind = _("check {check}").format(check=i.check) if i.check else _("manual")
            req = _("required") if i.required else _("advice")
            click.echo(clean(f"    {i.id:<34} {str(i.due):>6} {req:<8} {kind:<34} "
                             f"{i.source}"))


@workflow.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.pass_context
def lint(ctx: click.Context, file: Path) -> None:
    """Validate a workflow file; exit 1 listing every problem.

    \b
    Example:
        eventflow workflow lint workflows/my-workflow.toml
    """
    from pathlib import Path

    from .engine import Engine
    from .store import Project, Settings

    try:
        eng = engine(ctx)
    except PlanningFolderNotFound:  # lint also works outside a planning folder
        project = Project(Path.cwd(), Settings())
        eng = Engine(project)
    wf = eng.lint(Path(file))
    flush_warnings(eng)
    click.echo(_("{file}: ok — workflow {workflow} {version}, {stages} stages, {items} "
                 "items").format(file=file, workflow=wf.id, version=wf.version,
                                 stages=len(wf.stages), items=len(wf.items())))


@click.command(cls=TranslatedCommand)
@click.argument("kind", type=click.Choice(["workflow", "event", "settings"]))
@click.option("--generic", is_flag=True,
              help="The schema with eventflow's built-ins only, as shipped in the package "
                   "(also what you get outside a planning folder).")
@click.option("--path", "show_path", is_flag=True,
              help="Print where the shipped schema file is, for a #:schema line.")
@click.pass_context
def schema(ctx: click.Context, kind: str, generic: bool, show_path: bool) -> None:
    """Print the JSON Schema of a workflow file, an event file or eventflow.toml.

    In a planning folder the schema includes what its active plugins add: their checks
    and each check's parameters, their [ext.<plugin>] tables and their settings tables.
    Save it next to your files and put a #:schema line at the top of the TOML file to
    have your editor (Even Better TOML, taplo) check and complete it while you type.

    \b
    Example:
        eventflow schema workflow > workflow.schema.json
        eventflow schema event --generic
        eventflow schema settings --path
    """
    from .schemas import dumps, schema_for, shipped_path

    if show_path:
        click.echo(str(shipped_path(kind)))
        return
    eng = None
    if not generic:
        try:
            eng = engine(ctx)
        except PlanningFolderNotFound:
            eng = None
    click.echo(dumps(schema_for(kind, eng)), nl=False)
    if eng is not None:
        flush_warnings(eng)


@workflow.command()
@click.argument("workflow_id")
@click.pass_context
def graph(ctx: click.Context, workflow_id: str) -> None:
    """Print the workflow as a Mermaid state diagram, with the guards of each step.

    \b
    Example:
        eventflow workflow graph good-relations-training > workflow.mmd
    """
    from .machine import mermaid

    click.echo(mermaid(engine(ctx).workflow(workflow_id)), nl=False)


def attach(cli: click.Group) -> None:
    """Add this module's commands to the CLI group ``cli`` (the CLI loads the module by name when
    one of its commands runs, ``cli.LAZY_COMMANDS``)."""
    cli.add_command(workflow)
    cli.add_command(schema)

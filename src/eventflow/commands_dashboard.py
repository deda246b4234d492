"""`eventflow dashboard`: write a static, offline site of every event of the planning folder."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from .cli import TranslatedCommand, flush_warnings, today
from .i18n import _, ngettext, speaking

if TYPE_CHECKING:
    from pathlib import Path

    from .engine import Engine


@click.command(cls=TranslatedCommand)
@click.option("--html", "html_dir", required=True, type=click.Path(file_okay=False),
              metavar="DIR", help="The folder to write the site into (created if needed).")
@click.option("--lang", type=click.Choice(["fi", "sv", "en"]), default=None,
              help="Language of the pages (default: the folder's language).")
@click.option("--force", is_flag=True,
              help="Write into DIR even if it holds other files (they are left there).")
@click.option("--watch", is_flag=True,
              help="Keep running and write the site again whenever a file of the planning "
                   "folder changes (Ctrl-C stops).")
@click.pass_context
def dashboard(ctx: click.Context, html_dir: str, lang: str | None, force: bool,
              watch: bool) -> None:
    """Write a static site of every event: an overview, the next 30 days by owner, a page
    per event and the workflow drawn; works offline, from a shared drive or an e-mail.

    \b
    Example:
        eventflow dashboard --html site/
        eventflow dashboard --html site/ --lang sv
    """
    from pathlib import Path

    from .cli import engine
    from .dashboard import build

    eng = engine(ctx)
    target = Path(html_dir)
    with speaking(lang or eng.lang):  # the checks' reasons in the pages' language
        stats = build(eng, target, today(), lang, force)
    flush_warnings(eng)
    click.echo(wrote(target, stats))
    if not watch:
        return
    from .dashboard.watch import watch_folder

    def rebuild() -> None:
        fresh = _fresh_engine(ctx)
        with speaking(lang or fresh.lang):
            stats = build(fresh, target, today(), lang, False)
        flush_warnings(fresh)
        click.echo(wrote(target, stats))

    watch_folder(eng.project.root, target, rebuild)


def wrote(target: Path, stats: dict[str, int]) -> str:
    """What a build says it did: ``wrote site/index.html (12 events; 1 page made, 11
    unchanged)``, each count in its own number (one page, two pages) in every language."""
    events = ngettext("{n} event", "{n} events", stats["events"]).format(n=stats["events"])
    made = ngettext("{n} page made", "{n} pages made", stats["rendered"]).format(
        n=stats["rendered"])
    kept = ngettext("{n} unchanged", "{n} unchanged", stats["kept"]).format(n=stats["kept"])
    return _("wrote {path} ({events}; {made}, {kept})").format(
        path=target / "index.html", events=events, made=made, kept=kept)


def attach(cli: click.Group) -> None:
    cli.add_command(dashboard)


def _fresh_engine(ctx: click.Context) -> Engine:
    """A new engine for each rebuild: workflows, settings and plugins are read again."""
    obj = ctx.find_root().obj
    obj.pop("engine", None)
    from .cli import engine

    return engine(ctx)

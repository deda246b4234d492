"""`eventflow init` and `eventflow where`: make a planning folder, say which one is in use."""

from __future__ import annotations

import click

from .cli import TranslatedCommand, engine
from .i18n import _


def attach(cli: click.Group) -> None:
    for command in (init, where):
        cli.add_command(command)


@click.command(cls=TranslatedCommand)
@click.option("--organisation", default="", help="The organisation that organises (host).")
@click.option("--type", "org_type", type=click.Choice(["authority", "ngo", "community",
                                                       "employer"]),
              default="authority", show_default=True, help="Type of the host organisation.")
@click.option("--bilingual", is_flag=True, help="The host is a bilingual (fi+sv) authority.")
@click.option("--language", type=click.Choice(["fi", "sv", "en"]), default="fi",
              show_default=True, help="Language of labels in listings.")
@click.option("--git", "use_git", is_flag=True, help="Share the folder through git: a "
              "repository if there is none, .gitattributes and eventflow's merge driver "
              "(also in an existing planning folder).")
@click.argument("folder", type=click.Path(file_okay=False), default=".")
def init(organisation: str, org_type: str, bilingual: bool, language: str, use_git: bool,
         folder: str) -> None:
    """Make a planning folder: eventflow.toml and events/.

    \b
    Example:
        eventflow init --organisation "Tampereen kaupunki" --type authority
        eventflow init --git
    """
    from pathlib import Path

    from .folder import SETTINGS_FILE
    from .store import Project, Settings

    if use_git and (Path(folder) / SETTINGS_FILE).is_file():
        project = Project(Path(folder))  # an existing planning folder: only git is set up
    else:
        project = Project.init(Path(folder), Settings(organisation=organisation,
                                                      organisation_type=org_type,
                                                      bilingual=bilingual, language=language))
    click.echo(_("planning folder ready: {path}").format(path=project.root.resolve()))
    if use_git:
        from .gitsync import setup

        for line in setup(project.root.resolve()):
            click.echo(line)


@click.command(cls=TranslatedCommand)
@click.pass_context
def where(ctx: click.Context) -> None:
    """Print the planning folder in use (relocate it with --dir or EVENTFLOW_DIR).

    \b
    Example:
        eventflow where
    """
    click.echo(str(engine(ctx).project.root))

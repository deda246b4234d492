"""``eventflow completion bash|zsh|fish``: the shell completion script (completion.py says what
completes)."""

from __future__ import annotations

import click


def attach(cli: click.Group) -> None:
    @cli.command()
    @click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
    def completion(shell: str) -> None:
        """Print the shell completion script: bash, zsh or fish.

        Commands, options, event ids, item ids, stages, partner and speaker ids, regions,
        plugin names and workflow ids complete from the planning folder.

        \b
        Example (install it once, then open a new shell):
            bash:  eventflow completion bash > ~/.local/share/bash-completion/completions/eventflow
            zsh:   eventflow completion zsh > ~/.zfunc/_eventflow
                   (with fpath+=(~/.zfunc); autoload -U compinit; compinit in ~/.zshrc)
            fish:  eventflow completion fish > ~/.config/fish/completions/eventflow.fish
        """
        from .completion import script

        click.echo(script(cli, shell), nl=False)

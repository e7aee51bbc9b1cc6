"""``trustscore completion bash|zsh|fish``: the shell's completion script, to source.

Why a command beside ``--install-completion`` / ``--show-completion``: those guess the
shell from the parent process, which a Dockerfile, a dotfiles repository or CI cannot
rely on; naming the shell prints the same script typer would install, for any shell.
"""

from __future__ import annotations

import enum

import typer


class Shell(enum.StrEnum):
    """The shells completion scripts are written for."""

    BASH = "bash"
    ZSH = "zsh"
    FISH = "fish"


def completion(
    ctx: typer.Context,
    shell: Shell = typer.Argument(..., metavar="SHELL", show_default=False,
                                  help="bash, zsh or fish."),
) -> int:
    """Print the completion script for SHELL.

    bash: add 'eval "$(trustscore completion bash)"' to ~/.bashrc;
    zsh: 'trustscore completion zsh > "${fpath[1]}/_trustscore"';
    fish: 'trustscore completion fish > ~/.config/fish/completions/trustscore.fish'.
    """
    from typer.completion import shell_complete

    root = ctx.find_root()
    return shell_complete(root.command, {}, root.info_name or "trustscore",
                          "_TRUSTSCORE_COMPLETE", f"source_{shell.value}")

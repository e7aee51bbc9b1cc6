"""What the CLI says on standard error, in one voice: ``trustscore: error: ...``.

Every message that carries text from an input is escaped, so a file name or a rubric
cannot write escape sequences to the terminal.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

import typer

from trustscore.errors import ExitCode, Problem


def exit_code_for(invalid_input: bool, gates_failed: bool) -> ExitCode:
    """The process exit code: invalid input (2) wins over a failed gate (1)."""
    if invalid_input:
        return ExitCode.INVALID_INPUT
    if gates_failed:
        return ExitCode.GATE_FAILED
    return ExitCode.OK


def print_problems(problems: list[Problem]) -> None:
    """``file:line:col: error: message`` on stderr, a hint line where there is one, and
    the count."""
    from trustscore.render.validation import problems_text

    sys.stderr.write(problems_text(problems))


def say(kind: str, messages: Iterable[str]) -> None:
    """``trustscore: <kind>: <message>`` on stderr, one line each (``gate failed``,
    ``warning``, ``regression``)."""
    from trustscore.cli.session import SESSION
    from trustscore.render.escaping import safe_text

    if kind == "warning" and SESSION.quiet:
        return
    for message in messages:
        sys.stderr.write(f"trustscore: {kind}: {safe_text(message)}\n")


def fail_usage(message: str) -> typer.Exit:
    """Report a usage error (exit 2) in the same voice as click's own."""
    say("error", [message])
    return typer.Exit(ExitCode.INVALID_INPUT)


def note(text: str, *, essential: bool = False) -> None:
    """An already-escaped note for the user on stderr (what to do next); ``--quiet`` drops
    it unless it is ``essential`` (alerts: the reason for the exit code)."""
    from trustscore.cli.session import SESSION

    if essential or not SESSION.quiet:
        sys.stderr.write(text)

"""The Typer application: the commands, registered by an explicit list, and the one place
that turns what a command raised or returned into a message and an exit code.

A command function parses its options, calls one service of the core, renders, writes, and
returns its exit code; :func:`_guarded` reports input, usage and output errors (exit 2).
Command modules import only typer and :mod:`trustscore.cli.options`, and everything heavy
inside the function, so ``trustscore --help`` starts fast.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import typer

from trustscore import __version__
from trustscore.cli import (
    badge,
    batch,
    compare,
    completion,
    diff,
    exporting,
    history,
    importing,
    init,
    plan,
    review,
    rubric,
    schema,
    score,
    validate,
)
from trustscore.cli.help_style import Command, Group
from trustscore.cli.messages import fail_usage, print_problems
from trustscore.cli.options import choices
from trustscore.cli.session import ColorChoice, start
from trustscore.errors import ExitCode, InputError, OutputError, UsageError

app = typer.Typer(
    name="trustscore",
    cls=Group,
    help="Score an IT services firm's YAML self-assessment into an explained, "
    "evidence-weighted trust report.\n\n"
    "Exit codes: 0 success, 1 a gate failed (--fail-under, --min-grade), "
    "2 usage error or invalid input, 3 internal error.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
rubric_app = typer.Typer(help="List the built-in rubrics and show what a rubric asks.",
                         no_args_is_help=True, cls=Group)
import_app = typer.Typer(help="Turn a questionnaire a vendor already answered into a "
                         "self-assessment (CAIQ v4).", no_args_is_help=True, cls=Group)
review_app = typer.Typer(help="A buyer's review of an assessment: the checklist to fill in "
                         "(apply it with 'score --review').", no_args_is_help=True, cls=Group)


def _version(value: bool) -> None:
    if value:
        from trustscore.services.rubrics import version_text

        typer.echo(version_text(__version__), nl=False)
        raise typer.Exit(ExitCode.OK)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True,
                                 help="Print the version (and the built-in rubrics' "
                                 "versions) and exit."),
    color: ColorChoice = typer.Option(ColorChoice.AUTO, "--color", metavar=choices(ColorChoice),
                                      help="Colour terminal output: auto (on a terminal; "
                                      "NO_COLOR and FORCE_COLOR are obeyed), always or "
                                      "never. Files are never coloured."),
    quiet: bool = typer.Option(False, "--quiet", "-q",
                               help="Only errors, failed gates, regressions and alerts on "
                               "standard error: no notes, warnings or progress bar."),
) -> None:
    """Score an IT services firm's YAML self-assessment into an explained trust report."""
    start(color, quiet)


@contextmanager
def reporting_errors() -> Iterator[None]:
    """Turn input and usage errors into messages on stderr and exit code 2."""
    try:
        yield
    except InputError as exc:
        print_problems(exc.problems)
        raise typer.Exit(ExitCode.INVALID_INPUT) from None
    except (UsageError, OutputError) as exc:
        raise fail_usage(str(exc)) from None


def _guarded(command: Callable[..., int]) -> Callable[..., None]:
    """The command as click runs it: its errors reported, its return value the exit code."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> None:
        with reporting_errors():
            code = command(*args, **kwargs)
        raise typer.Exit(code)

    return run


COMMANDS: list[tuple[str, Callable[..., int]]] = [
    ("score", score.score), ("validate", validate.validate), ("init", init.init),
    ("schema", schema.schema), ("batch", batch.batch), ("compare", compare.compare),
    ("diff", diff.diff), ("plan", plan.plan), ("badge", badge.badge),
    ("export", exporting.export), ("history", history.history), ("due", history.due),
    ("completion", completion.completion),
]
RUBRIC_COMMANDS: list[tuple[str, Callable[..., int]]] = [
    ("list", rubric.rubric_list), ("show", rubric.rubric_show), ("lint", rubric.rubric_lint),
]
REVIEW_COMMANDS: list[tuple[str, Callable[..., int]]] = [("init", review.review_init)]
IMPORT_COMMANDS: list[tuple[str, Callable[..., int]]] = [("caiq", importing.import_caiq)]
"""Every command, by name: a new command is its module plus one entry here."""

for _name, _command in COMMANDS:
    app.command(_name, cls=Command)(_guarded(_command))
for _name, _command in RUBRIC_COMMANDS:
    rubric_app.command(_name, cls=Command)(_guarded(_command))
for _name, _command in REVIEW_COMMANDS:
    review_app.command(_name, cls=Command)(_guarded(_command))
for _name, _command in IMPORT_COMMANDS:
    import_app.command(_name, cls=Command)(_guarded(_command))
app.add_typer(rubric_app, name="rubric")
app.add_typer(import_app, name="import")
app.add_typer(review_app, name="review")

